#!/usr/bin/env bash
# Store-and-forward benchmark: buffer write cost, then the replay of a backlog to a local mosquitto.
# usage: bench/uplink-replay.sh [hours=24] [points-per-second=1000] [writer-threads=16]
set -euo pipefail
cd "$(dirname "$0")/.."
HOURS=${1:-24}; PPS=${2:-1000}; THREADS=${3:-16}
[ -f edge-gateway/target/lintel-edge.jar ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d)
trap 'kill $MQ 2>/dev/null || true; rm -rf "$WORK"' EXIT
printf 'listener 38883 127.0.0.1\nallow_anonymous true\npersistence false\nmax_inflight_messages 1000\nmax_queued_messages 100000\n' > "$WORK/mq.conf"
mosquitto -c "$WORK/mq.conf" > "$WORK/mq.log" 2>&1 &
MQ=$!
sleep 1
javac -d "$WORK/classes" -cp edge-gateway/target/lintel-edge.jar bench/UplinkReplay.java
java -Xmx512m -cp "edge-gateway/target/lintel-edge.jar:$WORK/classes" UplinkReplay tcp://127.0.0.1:38883 "$HOURS" "$PPS" "$THREADS" "$WORK/buffer" 2>/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); mosquitto $(mosquitto -h 2>/dev/null | head -1 | awk '{print $3}') on the same machine"
