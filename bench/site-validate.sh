#!/usr/bin/env bash
# Site file validation time against size: generates communities of the given sizes (MB; buildings of 20 floors x 4
# flats, one meter per flat, one gateway per building) and times `lintel-profiles.jar validate` on each, a fresh JVM
# per run, RUNS runs per size (median reported).
# usage: bench/site-validate.sh [sizes in MB, default "1 4 10"] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-"1 4 10"}; RUNS=${2:-3}
[ -f device-profiles/target/lintel-profiles.jar ] || mvn -B -q -ntp -DskipTests install -pl device-profiles
WORK=$(mktemp -d /tmp/site-validate.XXXXXX); trap 'rm -rf "$WORK"' EXIT
for mb in $SIZES; do
  # the generator overshoots by about half: ask for two thirds of the size wanted
  python3 bench/site-file.py "$(awk -v m="$mb" 'BEGIN {print m * 0.66}')" "$WORK/site-$mb.yaml"
  bytes=$(stat -c %s "$WORK/site-$mb.yaml")
  times=()
  for _ in $(seq 1 "$RUNS"); do
    start=$(date +%s.%N)
    java -jar device-profiles/target/lintel-profiles.jar validate "$WORK/site-$mb.yaml" > "$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf 'size=%s bytes=%s devices=%s runs=%s median_s=%.2f all=%s\n' "$mb" "$bytes" "$(grep -c -- '-em, profile' "$WORK/site-$mb.yaml")" "$RUNS" "$median" "${times[*]}"
done
