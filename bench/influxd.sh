# Sourced by the benchmarks: start_influxd WORK HTTP_PORT RPC_PORT starts Debian's influxd (1.x) with its data in
# WORK/influx, adds its pid to PIDS and waits until it answers /ping.
start_influxd() {
  local work=$1 http=$2 rpc=$3
  printf 'reporting-disabled = true\nbind-address = "127.0.0.1:%s"\n[meta]\n  dir = "%s/influx/meta"\n[data]\n  dir = "%s/influx/data"\n  wal-dir = "%s/influx/wal"\n  query-log-enabled = false\n[monitor]\n  store-enabled = false\n[http]\n  bind-address = "127.0.0.1:%s"\n  log-enabled = false\n' \
    "$rpc" "$work" "$work" "$work" "$http" > "$work/influx.conf"
  influxd -config "$work/influx.conf" > "$work/influx.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$http/ping" && break; sleep 0.5; done
}
