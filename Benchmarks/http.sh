#!/usr/bin/env bash
# Load benchmark for the release binary: wrk against /api/v1/health and /api/v1/status on a demo home.
# Usage: Benchmarks/http.sh [runs]   (prints the median req/s and p99 of each endpoint over the runs)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
runs=${1:-3}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
release_binary
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
$bin demo "$work/home" >/dev/null
port=19119
free_port $port
$bin serve --home "$work/home" --port $port --log-level error >/dev/null &
server=$!
sleep 1
token=$($bin token --home "$work/home")
echo "idle RSS: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$server/status)"
for path in /api/v1/health /api/v1/status; do
  rates=(); p99s=()
  for _ in $(seq "$runs"); do
    out=$(wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
    rates+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    p99s+=("$(echo "$out" | awk '$1 == "99%" {print $2}')")
  done
  median=$(printf '%s\n' "${rates[@]}" | median)
  echo "$path  median req/s: $median  (runs: ${rates[*]})  p99: ${p99s[*]}"
done
echo "RSS after load: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$server/status)"
