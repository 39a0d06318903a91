#!/usr/bin/env bash
# Bill run benchmark: a generated community of UNITS flats (electricity and water meters, annual tiers, 公摊 by area),
# November's bills computed three times over the REST API (the first draft, then computed again), then the exports.
# The hub runs in the harness's JVM with embedded PostgreSQL and the embedded store, or InfluxDB (Debian's influxd).
# usage: bench/bill-run.sh [embedded|influxdb] [units=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/influxd.sh
STORE=${1:-embedded}; UNITS=${2:-10000}
[ -f cloud-hub/target/lintel-hub.jar ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d /tmp/bill-bench.XXXXXX); chmod 755 "$WORK"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait $p 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
INFLUX=39186; URL=()
if [ "$STORE" = influxdb ]; then
  start_influxd "$WORK" "$INFLUX" 39188
  URL=("http://127.0.0.1:$INFLUX")
fi
javac -d "$WORK/classes" -cp cloud-hub/target/lintel-hub.jar bench/BillRunBench.java
echo "units: $UNITS; store: $STORE; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"${BENCH_HEAP:-3g}" -cp "cloud-hub/target/lintel-hub.jar:$WORK/classes" BillRunBench "$WORK" "$UNITS" "${URL[@]}" 2> "$WORK/hub.log" \
  || { tail -20 "$WORK/hub.log"; exit 1; }
