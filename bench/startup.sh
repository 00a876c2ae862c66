#!/usr/bin/env bash
# Measures the AppHost's cold start (empty data folder: initdb, first RabbitMQ boot, migrations) and warm start
# (same data again), after a build, on free ports and a throwaway data folder. Prints the figures.
#   bench/startup.sh [runs]      (default 3 warm runs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
dotnet build Wekeza.AppHost -v q -nologo >/dev/null
data=$(mktemp -d /tmp/wekeza-bench-XXXXXX)
chmod 755 "$data"
trap 'rm -rf "$data"' EXIT

start_once() {
  local out="$data/apphost.out" t0 t1 pid
  t0=$(date +%s.%N)
  dotnet Wekeza.AppHost/bin/Debug/net10.0/Wekeza.AppHost.dll --data-dir "$data" --AppHost:DynamicPorts=true --quiet >"$out" 2>&1 &
  pid=$!
  until [ -f "$data/endpoints.json" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$out"; echo "AppHost exited" >&2; exit 1; fi
    sleep 0.1
  done
  t1=$(date +%s.%N)
  grep -q "All 11 resources are up" "$out" || { sleep 1; grep -q "All 11 resources are up" "$out" || { cat "$out"; exit 1; }; }
  local s0 s1
  s0=$(date +%s.%N)
  # SIGTERM: background jobs of a non-interactive shell start with SIGINT ignored.
  kill -TERM "$pid"; wait "$pid" || { echo "AppHost exited with $?" >&2; cat "$out"; exit 1; }
  s1=$(date +%s.%N)
  awk -v l="$1" -v a="$t0" -v b="$t1" -v c="$s0" -v d="$s1" 'BEGIN { printf "%s %.1f s to all healthy, %.1f s to stop\n", l, b - a, d - c }'
}

echo "Wekeza AppHost start-up on $(nproc) cores ($(date -u +%F))"
start_once "cold:"
for i in $(seq 1 "$runs"); do start_once "warm $i:"; done
