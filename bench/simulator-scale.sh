#!/usr/bin/env bash
# Scale benchmark of the simulators: one simulator process serving a generated community of >5,000 devices and
# >100,000 points under gateway-like poll traffic. Prints the load harness's and the simulator's counts and latencies,
# and the simulator's CPU time and resident memory. Usage: bench/simulator-scale.sh [seconds] [units-per-floor]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-120}
UPF=${2:-6}
JAR=simulators/target/lintel-simulators.jar
[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d)
java -jar "$JAR" generate --buildings 20 --floors 30 --units-per-floor "$UPF" --base-port 21000 --opcua-port 24840 --coap-port 25683 --out "$WORK/site.yaml"
java -Xmx3g -jar "$JAR" --site "$WORK/site.yaml" --http-port 28090 --speed 60 --data "$WORK/data" > "$WORK/sim.log" 2>&1 &
SIM=$!
trap 'kill $SIM 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf http://127.0.0.1:28090/clock >/dev/null && break; sleep 1; done
ticks=$(getconf CLK_TCK)
read -r u0 s0 < <(awk '{print $14, $15}' /proc/$SIM/stat)
java -cp "$JAR" bench/SimulatorScale.java http://127.0.0.1:28090 "$SECONDS_RUN" 10 60
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$SIM/stat)
cpu=$(( (u1 - u0 + s1 - s0) ))
echo "simulator process: CPU $(awk -v c=$cpu -v t=$ticks -v s=$SECONDS_RUN 'BEGIN{printf "%.1f", 100*c/t/s}')% of one core over ${SECONDS_RUN}s (incl. the harness's poll load, same machine); RSS $(awk '/VmRSS/{print $2/1024 " MiB"}' /proc/$SIM/status)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
