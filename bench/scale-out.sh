#!/usr/bin/env bash
# Scale-out benchmark: the same Sparkplug load on two sites, taken by one hub instance (--groups bench-a,bench-b) or by
# two (hub-a: bench-a, hub-b: bench-b) sharing one PostgreSQL (hub-a's embedded one) and one InfluxDB, on Debian's
# mosquitto. Everything runs on this machine: the instances share its cores with the broker, the stores and the
# publishers, so two instances here show the cost of the split, not the gain of a second machine (docs/benchmarks.md).
# usage: bench/scale-out.sh [instances=1|2] [seconds=60] [gateways-per-site=2] [devices-per-gateway=50] [metrics-per-message=10] [points/s per site, 0: max]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/influxd.sh
INSTANCES=${1:-1}; SECONDS_=${2:-60}; GATEWAYS=${3:-2}; DEVICES=${4:-50}; METRICS=${5:-10}; RATE=${6:-0}
[ -f cloud-hub/target/lintel-hub.jar ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d /tmp/scale-bench.XXXXXX); chmod 755 "$WORK"
PIDS=()
trap 'set +e; cp "$WORK"/hub-a.log /tmp/scale-bench-hub-a.log 2>/dev/null; cp "$WORK"/hub-b.log /tmp/scale-bench-hub-b.log 2>/dev/null; cp "$WORK"/publisher-*.* /tmp/ 2>/dev/null; for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait $p 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
MQTT=39884; INFLUX=39087; PG=39433; HTTP_A=39081; HTTP_B=39082
javac -d "$WORK/classes" -cp cloud-hub/target/lintel-hub.jar bench/HubIngest.java bench/SeqWatch.java
for s in a b; do
  java -cp "cloud-hub/target/lintel-hub.jar:$WORK/classes" HubIngest write-site "$WORK/bench-$s.yaml" "$GATEWAYS" "$DEVICES" "bench-$s"
done
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 1000000\nmax_inflight_messages 1000\n' "$MQTT" > "$WORK/mosquitto.conf"
mosquitto -c "$WORK/mosquitto.conf" > "$WORK/mosquitto.log" 2>&1 &
PIDS+=($!)
start_influxd "$WORK" "$INFLUX" 39089
hub() { # name http groups sites...
  local name=$1 http=$2 groups=$3; shift 3
  local sites=(); for s in "$@"; do sites+=(--site "$WORK/bench-$s.yaml"); done
  java -Xmx"${HUB_HEAP:-1g}" -jar cloud-hub/target/lintel-hub.jar --data "$WORK/$name" "${sites[@]}" --http-port "$http" --host-id "$name" \
    --groups "$groups" --mqtt-url "tcp://127.0.0.1:$MQTT" --influx-url "http://127.0.0.1:$INFLUX" "${PG_ARGS[@]}" ${HUB_ARGS:-} > "$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$http/health" && return 0; sleep 0.5; done
  echo "$name did not start:"; tail -5 "$WORK/$name.log"; exit 1
}
PG_ARGS=(--postgres-port "$PG")
if [ "$INSTANCES" = 1 ]; then
  hub hub-a $HTTP_A bench-a,bench-b a b
  APIS="http://127.0.0.1:$HTTP_A"
else
  hub hub-a $HTTP_A bench-a a
  # the second instance shares the first one's embedded PostgreSQL, as the hub's own role
  LINTEL_POSTGRES_PASSWORD=$(cat "$WORK/hub-a/postgres/secrets/hub-password"); export LINTEL_POSTGRES_PASSWORD
  PG_ARGS=(--postgres-url "jdbc:postgresql://127.0.0.1:$PG/lintel" --postgres-user lintel_hub)
  hub hub-b $HTTP_B bench-b b
  APIS="http://127.0.0.1:$HTTP_A,http://127.0.0.1:$HTTP_B"
fi
CP="cloud-hub/target/lintel-hub.jar:$WORK/classes"
# WATCH="0 200": extra subscribers that only check each edge node's seq, acknowledging after that many ms (bench/SeqWatch.java)
WATCHERS=()
for delay in ${WATCH:-}; do
  java -Xmx256m -cp "$CP" SeqWatch "tcp://127.0.0.1:$MQTT" 'spBv1.0/#' "seq-watch-$delay" "$delay" $((SECONDS_ + 25)) > "$WORK/watch-$delay.out" 2>&1 &
  WATCHERS+=($!)
done
java -Xmx512m -cp "$CP" HubIngest run "tcp://127.0.0.1:$MQTT" "$APIS" "$GATEWAYS" "$DEVICES" "$METRICS" "$SECONDS_" 15 "$RATE" bench-b > "$WORK/publisher-b.out" 2>&1 &
PUB_B=$!
java -Xmx512m -cp "$CP" HubIngest run "tcp://127.0.0.1:$MQTT" "$APIS" "$GATEWAYS" "$DEVICES" "$METRICS" "$SECONDS_" 15 "$RATE" bench-a 2>"$WORK/publisher-a.err" \
  | grep -E "stored points/s|gateways=|hub CPU|lag_seconds|did not acknowledge" || { echo "publisher failed:"; tail -5 "$WORK/publisher-a.err"; }
wait $PUB_B || true
for w in "${WATCHERS[@]}"; do wait "$w" || true; done
for delay in ${WATCH:-}; do grep -E "^watch=" "$WORK/watch-$delay.out" || tail -3 "$WORK/watch-$delay.out"; cp "$WORK/watch-$delay.out" /tmp/scale-bench-watch-$delay.out; done
echo "instances: $INSTANCES (hub CPU above is the first instance's); sites: 2 x $GATEWAYS gateways x $DEVICES devices; broker: mosquitto $(mosquitto -h 2>/dev/null | head -1 | awk '{print $3}');"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); hubs, broker, InfluxDB, PostgreSQL and publishers on the same machine"
# InfluxDB's data and WAL after the run, against the points both instances stored (uncompacted: an upper bound)
STORED=0
for api in ${APIS//,/ }; do STORED=$((STORED + $(curl -sf "$api/health" | sed 's/.*"pointsStored":\([0-9]*\).*/\1/'))); done
BYTES=$(du -sb "$WORK/influx/data" "$WORK/influx/wal" | awk '{s+=$1} END {print s}')
echo "points stored in all: $STORED; InfluxDB data + WAL: $BYTES bytes ($(awk -v b="$BYTES" -v p="$STORED" 'BEGIN {printf "%.1f", b/p}') bytes per point)"
for n in hub-a hub-b; do
  [ -f "$WORK/$n.log" ] && echo "$n: rejected-message lines $(grep -c "message-rejected" "$WORK/$n.log" || true)"
done
