#!/usr/bin/env bash
# Fire-to-notification latency: simulators (CoAP smoke detectors) → edge gateway → hub → webhook, optionally while
# other gateways load the hub with Sparkplug data.
# usage: bench/alarm-latency.sh [events=1000] [detectors=20] [background-points-per-second=50000] [fires-per-second=10, 0: flood]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-1000}; DETECTORS=${2:-20}; LOAD=${3:-50000}; RATE=${4:-10}
[ -f cloud-hub/target/lintel-hub.jar ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d /tmp/alarm-bench.XXXXXX); chmod 755 "$WORK"
PIDS=()
trap 'cp "$WORK"/*.log /tmp/ 2>/dev/null || true; for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait $p 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
javac -d "$WORK/classes" -cp cloud-hub/target/lintel-hub.jar bench/AlarmLatency.java bench/HubIngest.java
CP="cloud-hub/target/lintel-hub.jar:$WORK/classes"
java -cp "$CP" AlarmLatency write-site "$WORK/latency.yaml" "$DETECTORS"
java -cp "$CP" HubIngest write-site "$WORK/load.yaml" 4 50
export LINTEL_ADMIN_TOKEN=bench-admin
java -Xmx2g -Xlog:gc:file="$WORK/hub-gc.log" -jar cloud-hub/target/lintel-hub.jar --data "$WORK/hub" --site "$WORK/latency.yaml" --site "$WORK/load.yaml" \
  --http-port 39080 --mqtt-port 39883 --postgres-port 39432 --alarm-webhook http://127.0.0.1:39500/alarms > "$WORK/hub.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:39080/health && break; sleep 0.5; done
java -Xmx1g -jar simulators/target/lintel-simulators.jar --site "$WORK/latency.yaml" --http-port 39090 --data "$WORK/sim" > "$WORK/sim.log" 2>&1 &
PIDS+=($!)
sleep 3
java -Xmx512m -Xlog:gc:file="$WORK/edge-gc.log" -jar edge-gateway/target/lintel-edge.jar --site "$WORK/latency.yaml" --gateway gw-lat --data "$WORK/edge" --metrics-port 39101 > "$WORK/edge.log" 2>&1 &
PIDS+=($!)
if [ "$LOAD" -gt 0 ]; then
  java -Xmx1g -cp "$CP" HubIngest run tcp://127.0.0.1:39883 http://127.0.0.1:39080 4 50 100 100000 5 "$LOAD" > "$WORK/load.log" 2>&1 &
  PIDS+=($!)
fi
sleep 15
java -cp "$CP" AlarmLatency run 39500 http://127.0.0.1:39090 http://127.0.0.1:39080 bench-admin "$DETECTORS" "$EVENTS" "$RATE"
curl -s http://127.0.0.1:39080/metrics | grep -E "^lintel_hub_(points_stored_total|ingest_lag_seconds\{|store_latency_seconds\{)" | sed 's/^/  hub: /'
echo "background load: $LOAD points/s offered (4 gateways, 100 metrics per message); machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); everything on this machine"
