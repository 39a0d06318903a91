#!/usr/bin/env bash
# Lintel's run command: builds everything and starts the whole system on this machine with embedded defaults:
#   the simulators serving the sample community over Modbus, CoAP and OPC UA,
#   the hub (its gateways' MQTT endpoint, time-series store and PostgreSQL, REST API, web console),
#   and one edge gateway per building, polling the simulators and publishing to the hub over Sparkplug B.
# Everything keeps its data under one folder (./data, or $LINTEL_DATA); a second start resumes from it.
# Ctrl-C stops everything. Logs are in <data>/logs.
#
#   LINTEL_HTTP_PORT (8080)  the console and REST API
#   LINTEL_MQTT_PORT (1883)  where gateways connect to the hub
#   LINTEL_SITE              another site file instead of the sample community
set -euo pipefail
cd "$(dirname "$0")"
SITE=${LINTEL_SITE:-device-profiles/sites/sample-community.yaml}
HTTP_PORT=${LINTEL_HTTP_PORT:-8080}
MQTT_PORT=${LINTEL_MQTT_PORT:-1883}
DATA=${LINTEL_DATA:-data}
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)

# PostgreSQL refuses to run as root, so as root the hub runs it as 'nobody', who must be able to walk down to the
# data folder. A checkout under /root is not walkable: then keep the data where it is.
if [ "$(id -u)" = 0 ] && ! setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$DATA" 2>/dev/null; then
  echo "note: user 'nobody' (who runs the embedded PostgreSQL for root) cannot reach $DATA; using /var/lib/lintel instead"
  DATA=/var/lib/lintel
  mkdir -p "$DATA"
fi

# The sample community's secrets come from the environment, without defaults in the file: a real deployment that
# forgets one is refused instead of running with a published demo password. This demo sets them unless given.
DEMO_SECRETS=()
for pair in LINTEL_GW_B1_PASSWORD=demo-b1-secret LINTEL_GW_B2_PASSWORD=demo-b2-secret LINTEL_OPCUA_PASSWORD=lintel-demo LINTEL_PSK=lintel-demo-psk; do
  name=${pair%%=*}
  if [ -z "${!name:-}" ]; then
    export "$pair"
    DEMO_SECRETS+=("$name")
  fi
done
if [ ${#DEMO_SECRETS[@]} -gt 0 ]; then
  echo "demo: using the published demo passwords for ${DEMO_SECRETS[*]}; set them in the environment for anything but a demo"
fi

# build only when a source changed since the last build (a second start is quick)
if [ ! -f cloud-hub/target/lintel-hub.jar ] || [ -n "$(find pom.xml */pom.xml */src -newer cloud-hub/target/lintel-hub.jar -type f -print -quit)" ]; then
  echo "Building Lintel..."
  # Debian's Maven prints terminal reset codes even in batch mode unless jansi is told not to
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -ntp -Dstyle.color=never -DskipTests install
fi
java -jar device-profiles/target/lintel-profiles.jar validate device-profiles/profiles "$SITE"

LOGS="$DATA/logs"
mkdir -p "$LOGS"
pids=()
names=()

stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping Lintel..."
  # gateways first (they flush their buffers), then the simulators, the hub last
  kill "${truster:-0}" 2>/dev/null || true
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped. Data kept in $DATA"
  exit 0
}
trap stop INT TERM EXIT

start() { # name, then the command
  local name=$1; shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
  names+=("$name")
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # what, port, pid
  for _ in $(seq 1 180); do
    if port_open "$2"; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then
      echo "the $1 stopped while starting; the end of $LOGS/$1.log:"
      tail -20 "$LOGS/$1.log"
      exit 1
    fi
    sleep 1
  done
  echo "the $1 did not open port $2 within 3 minutes; see $LOGS/$1.log"
  exit 1
}

echo "Starting the hub (first start initialises PostgreSQL, about a minute)..."
start hub java -jar cloud-hub/target/lintel-hub.jar --data "$DATA/hub" --site "$SITE" \
  --http-host 127.0.0.1 --http-port "$HTTP_PORT" --mqtt-host 127.0.0.1 --mqtt-port "$MQTT_PORT" \
  --public-url "http://localhost:$HTTP_PORT"
wait_for hub "$HTTP_PORT" "${pids[0]}"

echo "Starting the simulated community..."
# The first start begins the meters HISTORY_DAYS ago and fast-forwards them to now, so that the weeks before the demo
# have readings (imported below as a reading round) and the first bill run bills a whole month; later starts resume
# the saved time line (meters never go backwards).
HISTORY_DAYS=62
first=()
[ -f "$DATA/simulators/clock.properties" ] || first=(--start "$(date -u -d "$HISTORY_DAYS days ago" +%Y-%m-%dT%H:%M:%SZ)")
start simulators java -jar simulators/target/lintel-simulators.jar --site "$SITE" --data "$DATA/simulators" "${first[@]}"
wait_for simulators 8090 "${pids[1]}"
if [ ${#first[@]} -gt 0 ]; then
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "{\"advance\":\"${HISTORY_DAYS}d\"}" http://127.0.0.1:8090/clock
fi

# the gateways' metrics from 9201 on, so that a gateway started by hand with the default 9101 does not collide
metrics=9201
for gw in $(awk '/^gateways:/{f=1; next} /^[a-z]/{f=0} f && /^  - id:/{print $3}' "$SITE"); do
  echo "Starting edge gateway $gw..."
  start "$gw" java -jar edge-gateway/target/lintel-edge.jar --site "$SITE" --gateway "$gw" --data "$DATA/edge" \
    --broker "tcp://127.0.0.1:$MQTT_PORT" --metrics-port "$metrics"
  metrics=$((metrics + 1))
done

# Demo only: the simulated lifts of building 2 speak OPC UA with Basic256Sha256, and a gateway trusts no server
# certificate until an engineer has reviewed it (docs/edge-gateway.md). Here the server is our own simulator, so its
# certificate is moved from rejected/ to trusted/ as soon as a gateway has refused it.
(
  for _ in $(seq 1 90); do
    for rejected in "$DATA"/edge/*/opcua/pki/rejected/*.der; do
      [ -e "$rejected" ] || continue
      trusted="$(dirname "$(dirname "$rejected")")/trusted/certs"
      mkdir -p "$trusted" && mv "$rejected" "$trusted/" && echo "demo: trusted the simulator's OPC UA certificate for $(basename "$(dirname "$(dirname "$(dirname "$(dirname "$rejected")")")")")"
    done
    sleep 2
  done
) &
truster=$!

# Demo only, once: the sample community's tariff and billing accounts, the reading round of the weeks before the demo
# (from the simulators, as a meter reader would enter it) and a draft bill run for last month, for the billing page.
DEMO_BILL=""
# a week at a time (a request body is at most 8 MiB): every billed register at midnight and at the tariff's
# time-of-use band boundaries, so that the households on 峰谷 prices are billed per band from measured readings
demo_readings() { # token, api
  local day end
  day=$(TZ=Asia/Shanghai date -d "$HISTORY_DAYS days ago" +%F)
  while [ "$(date -d "$day" +%s)" -le "$(date -d "$today" +%s)" ]; do
    end=$(date -d "$day +6 days" +%F)
    curl -sf -o "$DATA/demo-readings-$day.csv" "http://127.0.0.1:8090/readings?from=$day&to=$end&times=00:00,07:00,08:00,11:00,18:00,23:00" \
      && curl -sf -o /dev/null -X POST -H "Authorization: Bearer $1" -H 'Content-Type: text/csv' \
        --data-binary @"$DATA/demo-readings-$day.csv" "$2/sites/lintel-garden/meter-readings?name=demo-readings-$day.csv" || return 1
    rm -f "$DATA/demo-readings-$day.csv"
    day=$(date -d "$end +1 day" +%F)
  done
}
if [ -z "${LINTEL_SITE:-}" ] && [ ! -f "$DATA/demo-billing.done" ]; then
  token=${LINTEL_ADMIN_TOKEN:-$(cat "$DATA/hub/admin-token" 2>/dev/null || true)}
  api="http://127.0.0.1:$HTTP_PORT/api/v1"
  today=$(TZ=Asia/Shanghai date +%F)
  month=$(TZ=Asia/Shanghai date +%Y-%m-01)
  last=$(TZ=Asia/Shanghai date -d "$month -1 month" +%F)
  if curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/yaml' \
       --data-binary @device-profiles/sites/sample-community.tariffs.yaml "$api/sites/lintel-garden/tariff?name=sample-community.tariffs.yaml" \
     && curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
       --data-binary @device-profiles/demo/sample-community.accounts.json "$api/sites/lintel-garden/billing-accounts" \
     && demo_readings "$token" "$api" \
     && curl -sf -o "$DATA/demo-bill-run.json" -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
       -d "{\"from\":\"$last\",\"to\":\"$month\"}" "$api/sites/lintel-garden/bill-runs"; then
    touch "$DATA/demo-billing.done"
    DEMO_BILL="  Billing      a draft bill run for $last to $month is on the console's 收费 (Billing) page (docs/getting-started.md)"
  else
    echo "demo: the sample bills could not be prepared (see $LOGS/hub.log); the rest of the demo runs"
  fi
fi

# the demo's maintenance: equipment without telemetry, the lifts' TSG T5002 plans, a usage plan on lift 1's trips, the fire
# panel's daily patrol and the pump's monthly check, each visit created a few days ahead (docs/maintenance.md)
if [ -z "${LINTEL_SITE:-}" ] && [ ! -f "$DATA/demo-maintenance.done" ]; then
  token=${LINTEL_ADMIN_TOKEN:-$(cat "$DATA/hub/admin-token" 2>/dev/null || true)}
  m="http://127.0.0.1:$HTTP_PORT/api/v1/sites/lintel-garden/maintenance"
  today=$(TZ=Asia/Shanghai date +%F)
  plan() { curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$2" "$m/plans/$1"; }
  if curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
       --data-binary @device-profiles/demo/sample-community.equipment.csv "$m/equipment?name=sample-community.equipment.csv" \
     && plan b1-lift-1-tsg "{\"equipment\":\"b1-lift-1\",\"template\":\"lift-tsg-t5002\",\"calendar\":{\"mode\":\"fixed\",\"firstDue\":\"$today\"},\"commissionedOn\":\"2018-06-01\"}" \
     && plan b1-lift-2-tsg "{\"equipment\":\"b1-lift-2\",\"template\":\"lift-tsg-t5002\",\"calendar\":{\"mode\":\"fixed\",\"firstDue\":\"$today\"},\"commissionedOn\":\"2008-06-01\"}" \
     && plan b1-lift-1-trips "{\"equipment\":\"b1-lift-1\",\"name\":{\"zh\":\"曳引机与门机按运行次数检查\",\"en\":\"Traction and door machine check by trips\"},\"usage\":{\"point\":\"trip.count\",\"every\":2000}}" \
     && plan b1-fire-daily "{\"equipment\":\"b1-fire-panel\",\"template\":\"fire-inspection\",\"kind\":\"inspection\",\"calendar\":{\"mode\":\"fixed\",\"firstDue\":\"$today\"},\"horizonDays\":0}" \
     && plan b1-pump-monthly "{\"equipment\":\"b1-pump-1\",\"template\":\"water-supply\",\"calendar\":{\"mode\":\"fixed\",\"firstDue\":\"$today\"}}" \
     && curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{}' "$m/plans/run"; then
    touch "$DATA/demo-maintenance.done"
  else
    echo "demo: the sample maintenance plans could not be prepared (see $LOGS/hub.log); the rest of the demo runs"
  fi
fi

cat <<EOF

Lintel is running (Ctrl-C stops everything).

  Console      http://localhost:$HTTP_PORT/console/
  Sign in      admin / $(cat "$DATA/hub/admin-password" 2>/dev/null || echo "(set by LINTEL_ADMIN_PASSWORD)")   (first password; the console asks for a new one)
  API token    $(cat "$DATA/hub/admin-token" 2>/dev/null || echo "(set by LINTEL_ADMIN_TOKEN)")
  REST API     http://localhost:$HTTP_PORT/api/v1/openapi.yaml
  MQTT         tcp://127.0.0.1:$MQTT_PORT (Sparkplug B; gateways log in with the site file's credentials)
  Simulators   http://localhost:8090/devices
$DEMO_BILL
  Maintenance  the lifts', fire panel's and pump's planned visits on the console's 工单 (Work orders) page
  Logs         $LOGS
  Data         $DATA

Inject a scenario in the simulators and watch the console:
  java -jar simulators/target/lintel-simulators.jar scenario start fire b1-f01-smoke
  java -jar simulators/target/lintel-simulators.jar scenario start passenger-trapped b1-lift-1
  java -jar simulators/target/lintel-simulators.jar scenario start water-leak b1-0101-wm litresPerHour=60
  java -jar simulators/target/lintel-simulators.jar scenario list
EOF

# if any part stops on its own, say which and stop the rest
while true; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "${names[$i]} stopped; the end of $LOGS/${names[$i]}.log:"
      tail -20 "$LOGS/${names[$i]}.log"
      exit 1
    fi
  done
  sleep 2
done
