#!/usr/bin/env bash
# What serving every profile costs a single-profile request: two release binaries (BEFORE and AFTER, e.g. the
# commit before profiles and HEAD) on the same demo home, the default-profile sessions page and status, wrk -t2 -c16,
# runs interleaved (before, after, before, …) so the machine's noise falls on both; prints the medians and the ratio.
# Usage: BEFORE=path/to/old/hermes-workspace [AFTER=.build/release/hermes-workspace] Benchmarks/profiles.sh
#        (RUNS=5 and DURATION=5s by default; the home gets two named profiles so the new code has some to skip)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
duration=${DURATION:-5s}
before=${BEFORE:?set BEFORE to the release binary to compare against}
after=${AFTER:-.build/release/hermes-workspace}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
source Benchmarks/lib.sh
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
"$after" demo "$work/home" --sessions 2000 >/dev/null
for name in coder writer; do mkdir -p "$work/home/profiles/$name"; cp "$work/home/config.yaml" "$work/home/profiles/$name/"; done
token=$("$after" token --home "$work/home")

serve() {  # binary port
  free_port "$2"
  "$1" serve --home "$work/home" --port "$2" --log-level error >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$2/api/v1/health" && return; sleep 0.05; done
  echo "the server did not start" >&2; exit 1
}

declare -A rates
for path in "/api/v1/sessions?limit=25" "/api/v1/status"; do
  for run in $(seq "$runs"); do
    for side in before after; do
      binary=$before; [ $side = after ] && binary=$after
      serve "$binary" 19250
      curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:19250$path"
      rate=$(wrk -t2 -c16 -d"$duration" -H "Authorization: Bearer $token" "http://127.0.0.1:19250$path" | awk '/Requests\/sec/ {print $2}')
      rates[$path|$side]+="$rate "
      kill $server; wait $server 2>/dev/null || true; server=
    done
  done
  b=$(echo ${rates[$path|before]} | tr ' ' '\n' | median)
  a=$(echo ${rates[$path|after]} | tr ' ' '\n' | median)
  echo "$path  before median $b req/s (${rates[$path|before]% })  after median $a req/s (${rates[$path|after]% })  after/before $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a/b}')"
done
