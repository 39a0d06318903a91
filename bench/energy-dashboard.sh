#!/usr/bin/env bash
# Energy dashboard benchmark: the morning dashboard's requests, a year of the site's days and a year of one meter's
# history, against a generated community of UNITS flats whose rollups are written straight into PostgreSQL.
# The hub runs in the harness's JVM with embedded PostgreSQL and the embedded store.
# usage: bench/energy-dashboard.sh [units=10000] [rounds=50]
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=${1:-10000}; ROUNDS=${2:-50}
[ -f cloud-hub/target/lintel-hub.jar ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d /tmp/energy-bench.XXXXXX); chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK/classes" -cp cloud-hub/target/lintel-hub.jar bench/EnergyDashboardBench.java
echo "units: $UNITS; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"${BENCH_HEAP:-3g}" -cp "cloud-hub/target/lintel-hub.jar:$WORK/classes" EnergyDashboardBench "$WORK" "$UNITS" "$ROUNDS" 2> "$WORK/hub.log" \
  || { tail -20 "$WORK/hub.log"; exit 1; }
