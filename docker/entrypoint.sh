#!/usr/bin/env bash
# The entry point of Lintel's images (docker/Dockerfile): turns the container's environment and mounted files into a
# command line. The same script runs outside a container (DeploymentEntryPointIT does exactly that), so every option
# a container can be given is listed here.
#
#   entrypoint.sh hub | edge | simulators     start one part (extra arguments are passed on)
#   entrypoint.sh health hub|edge|simulators  exit 0 when that part answers on 127.0.0.1 (the images' HEALTHCHECK)
#   entrypoint.sh mosquitto-acl FILE          write an external mosquitto's ACL for the mounted site files, then exit
#   entrypoint.sh backup DIR | restore DIR    docs/operations.md#backups
#
# Common:  LINTEL_HOME (/opt/lintel: the jars), LINTEL_DATA (/var/lib/lintel), LINTEL_SITES_DIR (/etc/lintel/sites:
#          every *.yaml there is a site file, unless LINTEL_SITES lists files), JAVA_OPTS (-XX:MaxRAMPercentage=75)
# Secrets: any variable below ending in _PASSWORD or _TOKEN may instead be given as NAME_FILE, a file holding the value
#          (Docker and Kubernetes secrets): LINTEL_ADMIN_PASSWORD, LINTEL_ADMIN_TOKEN, LINTEL_MQTT_PASSWORD,
#          LINTEL_POSTGRES_PASSWORD, LINTEL_INFLUX_PASSWORD, and the site files' own ${VARIABLES} (gateway passwords).
# Hub:     LINTEL_HTTP_PORT (8080), LINTEL_MQTT_PORT (1883, the embedded endpoint) or LINTEL_MQTT_URL with
#          LINTEL_MQTT_USER, LINTEL_HOST_ID, LINTEL_MQTT_CONSUMERS; LINTEL_POSTGRES_URL, LINTEL_POSTGRES_USER;
#          LINTEL_INFLUX_URL, LINTEL_INFLUX_DB, LINTEL_INFLUX_USER; LINTEL_PUBLIC_URL, LINTEL_ESCALATION,
#          LINTEL_ALARM_WEBHOOK; TLS: LINTEL_HTTP_TLS_CERT + LINTEL_HTTP_TLS_KEY, LINTEL_MQTT_TLS_CERT +
#          LINTEL_MQTT_TLS_KEY [+ LINTEL_MQTT_TLS_CLIENT_CA], LINTEL_MQTT_CA [+ LINTEL_MQTT_CLIENT_CERT + _KEY]
# Edge:    LINTEL_GATEWAY (required), LINTEL_BROKER (instead of the site file's uplink broker; several nodes comma-separated), LINTEL_METRICS_PORT (9101)
# Simulators: LINTEL_SIM_HTTP_PORT (8090), LINTEL_SIM_BIND (0.0.0.0), LINTEL_SIM_SPEED, LINTEL_SIM_SEED
set -euo pipefail

LINTEL_HOME=${LINTEL_HOME:-/opt/lintel}
LINTEL_DATA=${LINTEL_DATA:-/var/lib/lintel}
LINTEL_SITES_DIR=${LINTEL_SITES_DIR:-/etc/lintel/sites}
read -r -a JAVA_ARGS <<< "${JAVA_OPTS:--XX:MaxRAMPercentage=75}"

fail() {
  echo "lintel entrypoint: $*" >&2
  exit 2
}

# NAME_FILE -> NAME, for every secret given as a file; both at once is a mistake worth stopping for
load_secret_files() {
  local var name
  while IFS='=' read -r var _; do
    case "$var" in
      *_PASSWORD_FILE | *_TOKEN_FILE)
        name=${var%_FILE}
        [ -z "${!name:-}" ] || fail "both $name and $var are set; give the secret one way"
        [ -r "${!var}" ] || fail "$var names ${!var}, which cannot be read"
        export "$name=$(cat "${!var}")"
        unset "$var"
        ;;
    esac
  done < <(env)
}

# SITES: the site files, from LINTEL_SITES or LINTEL_SITES_DIR (set in this shell, so that a failure stops the script)
collect_sites() {
  local f
  SITES=()
  if [ -n "${LINTEL_SITES:-}" ]; then
    for f in $LINTEL_SITES; do
      [ -r "$f" ] || fail "LINTEL_SITES names $f, which cannot be read"
      SITES+=("$f")
    done
  else
    for f in "$LINTEL_SITES_DIR"/*.yaml; do
      [ -e "$f" ] || continue
      case "$f" in *.tariffs.yaml) continue ;; esac
      SITES+=("$f")
    done
  fi
  [ ${#SITES[@]} -gt 0 ] || fail "no site file: mount site files at $LINTEL_SITES_DIR or list them in LINTEL_SITES"
}

# one site file, for the parts that serve one site
one_site() {
  collect_sites
  [ ${#SITES[@]} = 1 ] || fail "the $1 serves one site, found several site files: ${SITES[*]}"
}

site_options() {
  local f
  collect_sites
  for f in "${SITES[@]}"; do ARGS+=(--site "$f"); done
}

# option NAME VARIABLE: appends "--NAME value" when the variable is set and not empty
opt() {
  local value=${!2:-}
  if [ -n "$value" ]; then
    ARGS+=("--$1" "$value")
  fi
}

hub() {
  ARGS=(--data "$LINTEL_DATA/hub" --http-port "${LINTEL_HTTP_PORT:-8080}")
  site_options
  if [ -n "${LINTEL_MQTT_URL:-}" ]; then
    opt mqtt-url LINTEL_MQTT_URL
    opt mqtt-user LINTEL_MQTT_USER
  else
    ARGS+=(--mqtt-port "${LINTEL_MQTT_PORT:-1883}")
  fi
  opt host-id LINTEL_HOST_ID
  opt mqtt-consumers LINTEL_MQTT_CONSUMERS
  opt postgres-url LINTEL_POSTGRES_URL
  opt postgres-user LINTEL_POSTGRES_USER
  opt postgres-port LINTEL_POSTGRES_PORT
  opt influx-url LINTEL_INFLUX_URL
  opt influx-db LINTEL_INFLUX_DB
  opt influx-user LINTEL_INFLUX_USER
  opt public-url LINTEL_PUBLIC_URL
  opt escalation LINTEL_ESCALATION
  opt alarm-webhook LINTEL_ALARM_WEBHOOK
  opt raw-points-kept LINTEL_RAW_POINTS_KEPT
  opt http-tls-cert LINTEL_HTTP_TLS_CERT
  opt http-tls-key LINTEL_HTTP_TLS_KEY
  opt mqtt-tls-cert LINTEL_MQTT_TLS_CERT
  opt mqtt-tls-key LINTEL_MQTT_TLS_KEY
  opt mqtt-tls-client-ca LINTEL_MQTT_TLS_CLIENT_CA
  opt mqtt-ca LINTEL_MQTT_CA
  opt mqtt-client-cert LINTEL_MQTT_CLIENT_CERT
  opt mqtt-client-key LINTEL_MQTT_CLIENT_KEY
  exec java "${JAVA_ARGS[@]}" -jar "$LINTEL_HOME/lintel-hub.jar" "${ARGS[@]}" "$@"
}

edge() {
  [ -n "${LINTEL_GATEWAY:-}" ] || fail "LINTEL_GATEWAY is not set: which of the site file's gateways is this?"
  one_site "edge gateway"
  ARGS=(--site "${SITES[0]}" --gateway "$LINTEL_GATEWAY" --data "$LINTEL_DATA/edge"
        --metrics-port "${LINTEL_METRICS_PORT:-9101}" --metrics-host "${LINTEL_METRICS_HOST:-0.0.0.0}")
  opt broker LINTEL_BROKER
  exec java "${JAVA_ARGS[@]}" -jar "$LINTEL_HOME/lintel-edge.jar" "${ARGS[@]}" "$@"
}

simulators() {
  one_site simulators
  ARGS=(--site "${SITES[0]}" --data "$LINTEL_DATA/simulators" --http-port "${LINTEL_SIM_HTTP_PORT:-8090}" --bind "${LINTEL_SIM_BIND:-0.0.0.0}")
  opt speed LINTEL_SIM_SPEED
  opt seed LINTEL_SIM_SEED
  exec java "${JAVA_ARGS[@]}" -jar "$LINTEL_HOME/lintel-simulators.jar" "${ARGS[@]}" "$@"
}

# a plain HTTP GET on 127.0.0.1 with bash alone (the images carry no curl); 200 is healthy
http_ok() { # port path
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
  IFS= read -r -t 4 status <&3 || return 1
  exec 3<&-
  [[ "$status" == HTTP/1.?\ 200* ]]
}

health() {
  case "${1:-}" in
    hub)
      if [ -n "${LINTEL_HTTP_TLS_CERT:-}" ]; then
        # over TLS bash cannot speak HTTP: the port accepting connections has to do (the hub opens it once started)
        (exec 3<>"/dev/tcp/127.0.0.1/${LINTEL_HTTP_PORT:-8080}") 2>/dev/null
        return
      fi
      http_ok "${LINTEL_HTTP_PORT:-8080}" /health ;;
    edge) http_ok "${LINTEL_METRICS_PORT:-9101}" /metrics ;;
    simulators) http_ok "${LINTEL_SIM_HTTP_PORT:-8090}" /clock ;;
    *) fail "health needs hub, edge or simulators" ;;
  esac
}

load_secret_files
command=${1:-hub}
[ $# -gt 0 ] && shift
case "$command" in
  hub) hub "$@" ;;
  edge) edge "$@" ;;
  simulators) simulators "$@" ;;
  health) health "$@" ;;
  mosquitto-acl)
    [ $# -ge 1 ] || fail "mosquitto-acl needs the file to write"
    ARGS=(--mosquitto-acl "$1")
    site_options
    opt mqtt-user LINTEL_MQTT_USER
    opt mqtt-consumers LINTEL_MQTT_CONSUMERS
    exec java "${JAVA_ARGS[@]}" -jar "$LINTEL_HOME/lintel-hub.jar" "${ARGS[@]}" ;;
  backup | restore)
    [ $# -ge 1 ] || fail "$command needs a folder"
    ARGS=("$command" "$1" --data "$LINTEL_DATA/hub")
    opt postgres-url LINTEL_POSTGRES_URL
    opt postgres-user LINTEL_POSTGRES_USER
    opt influx-url LINTEL_INFLUX_URL
    opt influx-db LINTEL_INFLUX_DB
    opt influx-backup-host LINTEL_INFLUX_BACKUP_HOST
    site_options
    exec java "${JAVA_ARGS[@]}" -jar "$LINTEL_HOME/lintel-hub.jar" "${ARGS[@]}" ;;
  *) fail "unknown command '$command': hub, edge, simulators, health, mosquitto-acl, backup or restore" ;;
esac
