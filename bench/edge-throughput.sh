#!/usr/bin/env bash
# Edge gateway benchmark: one gateway (in the harness JVM, -Xmx128m) polls simulated devices served by a simulator
# process on the same machine. Scenarios:
#   tcp N    N Eastron SDM630 meters on Modbus TCP converters (32 per port), every poll group at 1 s
#   rtu N    N Xintai water meters on one RTU-over-TCP line at 9600 baud, every poll group at 1 s (the line saturates)
# usage: bench/edge-throughput.sh tcp 420 [seconds]   |   bench/edge-throughput.sh rtu 25 [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-tcp}; N=${2:-420}; SECS=${3:-60}
[ -f edge-gateway/target/lintel-edge.jar ] && [ -f simulators/target/lintel-simulators.jar ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d)
SITE=$WORK/site.yaml
{
  echo "site: {id: bench, timeZone: Asia/Shanghai}"
  echo "buildings: [{id: b1}]"
  echo "gateways:"
  echo "  - id: gw-bench"
  echo "    building: b1"
  echo "    buses:"
  if [ "$KIND" = tcp ]; then
    for ((b = 0; b < (N + 31) / 32; b++)); do echo "      - {id: em-$b, modbusTcp: {host: 127.0.0.1, port: $((32000 + b))}, timeout: 2s, retries: 0}"; done
  else
    echo "      - {id: line, rtuOverTcp: {host: 127.0.0.1, port: 32900, baud: 9600}, timeout: 2s, retries: 0}"
  fi
  echo "devices:"
  for ((i = 0; i < N; i++)); do
    if [ "$KIND" = tcp ]; then
      echo "  - {id: m$i, profile: eastron-sdm630, modbus: {bus: em-$((i / 32)), unitId: $((i % 32 + 1))}, pollGroups: {fast: 1s, energy: 1s}}"
    else
      echo "  - {id: w$i, profile: xintai-water-meter, modbus: {bus: line, unitId: $((i + 1))}, pollGroups: {usage: 1s, status: 1s}}"
    fi
  done
} > "$SITE"
java -Xmx1g -jar simulators/target/lintel-simulators.jar --site "$SITE" --http-port 0 --data "$WORK/sim" > "$WORK/sim.log" 2>&1 &
SIM=$!
trap 'kill $SIM 2>/dev/null || true' EXIT
for i in $(seq 1 60); do grep -q "event=simulation-started" "$WORK/sim.log" && break; sleep 1; done
# Compiled beforehand: the single-file source launcher would load javac into the measured process.
javac -d "$WORK/classes" -cp edge-gateway/target/lintel-edge.jar bench/EdgeThroughput.java
java -Xmx128m -XX:+UseSerialGC -cp "edge-gateway/target/lintel-edge.jar:$WORK/classes" EdgeThroughput "$SITE" gw-bench 15 "$SECS" 2>/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); simulator in a separate JVM on the same cores"
