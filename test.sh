#!/usr/bin/env bash
# Lintel's test command: prepares what the tests need on a fresh Debian machine, then runs every test.
# Needs Java 17 and Maven; everything else is installed here when missing.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests talk to (real third-party clients, never mocks): mbpoll (Modbus master), libcoap's
# coap-client (CoAP, Observe, DTLS-PSK), socat (bridges a pseudo-terminal to Modbus RTU over TCP for mbpoll),
# mosquitto (a real MQTT broker for the Sparkplug uplink tests), mosquitto-clients (mosquitto_sub as an integrator watching traffic), influxdb (1.x, the hub's time-series store),
# chromium and chromium-driver (the web console's browser tests), fonts-wqy-microhei (Chinese text in their screenshots),
# prometheus (scrapes a hub to run the provisioned Grafana dashboard's queries; promtool checks docker/prometheus),
# postgresql-client (pg_dump and pg_restore, which the hub's backup and restore run),
# nodejs and npm (Eclipse Tahu's JavaScript Sparkplug client as a third-party edge node; dclint and dockerfile-utils lint docker/).
DEBIAN_PACKAGES=(mbpoll libcoap3-bin socat mosquitto mosquitto-clients influxdb chromium chromium-driver fonts-wqy-microhei prometheus postgresql-client)
command -v node >/dev/null 2>&1 || DEBIAN_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES+=(npm)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# npm packages into a project-local folder, exactly as locked: the third-party peers of the hub's tests
NODE_PEERS=cloud-hub/src/test/node
if ! cmp -s "$NODE_PEERS/package-lock.json" "$NODE_PEERS/node_modules/.installed-from-lock"; then
  echo "Installing npm packages the tests need into $NODE_PEERS/node_modules"
  (cd "$NODE_PEERS" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && cp package-lock.json node_modules/.installed-from-lock)
fi

mvn -B -ntp -Dstyle.color=never verify "$@"
