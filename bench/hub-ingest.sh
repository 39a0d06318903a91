#!/usr/bin/env bash
# Hub ingest benchmark: a hub (its own gateway endpoint, embedded PostgreSQL, embedded store or InfluxDB) in one JVM, the
# Sparkplug publishers in another, on the same machine.
# HUB_ARGS adds hub options, e.g. HUB_ARGS="--max-gateway-rate 0" to measure without the per-gateway message rate.
# usage: bench/hub-ingest.sh [embedded|influxdb] [metrics-per-message=10] [seconds=60] [rate=0 (max)] [gateways=4] [devices-per-gateway=50]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/influxd.sh
STORE=${1:-embedded}; METRICS=${2:-10}; SECONDS_=${3:-60}; RATE=${4:-0}; GATEWAYS=${5:-4}; DEVICES=${6:-50}
[ -f cloud-hub/target/lintel-hub.jar ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d /tmp/hub-bench.XXXXXX); chmod 755 "$WORK"
PIDS=()
# stop the hub and InfluxDB and wait for them, so that a following run finds its ports free
trap 'cp "$WORK/hub.log" /tmp/hub-bench-last.log 2>/dev/null; for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait $p 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
HTTP=39080; MQTT=39883; PG=39432; INFLUX=39086
javac -d "$WORK/classes" -cp cloud-hub/target/lintel-hub.jar bench/HubIngest.java
java -cp "cloud-hub/target/lintel-hub.jar:$WORK/classes" HubIngest write-site "$WORK/bench.yaml" "$GATEWAYS" "$DEVICES"
EXTRA=()
if [ "$STORE" = influxdb ]; then
  start_influxd "$WORK" "$INFLUX" 39088
  EXTRA=(--influx-url "http://127.0.0.1:$INFLUX")
fi
java -Xmx"${HUB_HEAP:-2g}" -jar cloud-hub/target/lintel-hub.jar --data "$WORK/data" --site "$WORK/bench.yaml" --http-port $HTTP --mqtt-port $MQTT \
  --postgres-port $PG "${EXTRA[@]}" ${HUB_ARGS:-} > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
PIDS+=($HUB_PID)
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$HTTP/health" && break; sleep 0.5; done
curl -sf -o /dev/null "http://127.0.0.1:$HTTP/health" || { echo "the hub did not start:"; tail -5 "$WORK/hub.log"; exit 1; }
java -Xmx1g -cp "cloud-hub/target/lintel-hub.jar:$WORK/classes" HubIngest run "tcp://127.0.0.1:$MQTT" "http://127.0.0.1:$HTTP" \
  "$GATEWAYS" "$DEVICES" "$METRICS" "$SECONDS_" 15 "$RATE" 2>"$WORK/publisher.err" || { echo "publisher failed:"; tail -5 "$WORK/publisher.err"; tail -5 "$WORK/hub.log"; }
echo "store: $STORE; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); hub and publishers on the same machine"
echo "hub log rejected-message lines: $(grep -c "message-rejected" "$WORK/hub.log" || true)"
# the hub's peak resident memory (heap, direct buffers and all): bounded whatever the publishers offer
grep VmHWM "/proc/$HUB_PID/status" | sed 's/^VmHWM:\s*/hub peak resident memory: /'
