#!/usr/bin/env bash
# Maintenance benchmark: the board, a technician's list, a year's KPIs (JSON and XLSX), the calendar and a plan pass,
# against EQUIPMENT pieces with a year of ORDERS work orders written by SQL and PLANS TSG T5002 plans put through the API.
# The hub runs in the harness's JVM with embedded PostgreSQL and the embedded store.
# usage: bench/maintenance.sh [equipment=2000] [orders=100000] [plans=500] [rounds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
EQUIPMENT=${1:-2000}; ORDERS=${2:-100000}; PLANS=${3:-500}; ROUNDS=${4:-30}
[ -f cloud-hub/target/lintel-hub.jar ] || mvn -B -q -ntp -DskipTests install
WORK=$(mktemp -d /tmp/maintenance-bench.XXXXXX); chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK/classes" -cp cloud-hub/target/lintel-hub.jar bench/MaintenanceBench.java
echo "equipment: $EQUIPMENT, orders: $ORDERS, plans: $PLANS; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"${BENCH_HEAP:-3g}" -cp "cloud-hub/target/lintel-hub.jar:$WORK/classes" MaintenanceBench "$WORK" "$EQUIPMENT" "$ORDERS" "$PLANS" "$ROUNDS" 2> "$WORK/hub.log" \
  || { tail -20 "$WORK/hub.log"; exit 1; }
