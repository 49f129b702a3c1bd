#!/usr/bin/env bash
# Log benchmarks for the release binary: the last 200 records of a 1 GiB agent.log against a 1 MiB one, filtered
# scan throughput, append-to-SSE latency, and the CPU cost of 50 idle followers.
# Usage: Benchmarks/logs.sh   (the 1 GiB file is written to .bench/logs-1g on first use)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
release_binary
big=.bench/logs-1g
small=$(mktemp -d)
trap 'kill $server_big $server_small 2>/dev/null || true; pkill -f "logs/stream" 2>/dev/null || true; rm -rf "$small"' EXIT
if [ ! -s "$big/logs/agent.log" ]; then
  mkdir -p "$big/logs"
  python3 Benchmarks/logs/generate_log.py "$big/logs/agent.log" $((1024 * 1024 * 1024))
fi
mkdir -p "$small/logs"
python3 Benchmarks/logs/generate_log.py "$small/logs/agent.log" $((1024 * 1024))
free_port 19201
free_port 19202
$bin serve --home "$big" --port 19201 --log-level error >/dev/null & server_big=$!
$bin serve --home "$small" --port 19202 --log-level error >/dev/null & server_small=$!
sleep 1
token_big=$($bin token --home "$big"); token_small=$($bin token --home "$small")

echo "--- last 200 records (wrk -t1 -c4 -d10s, 3 runs)"
for pair in "1 GiB:19201:$token_big" "1 MiB:19202:$token_small"; do
  IFS=: read -r label port token <<<"$pair"
  p50s=()
  for _ in 1 2 3; do
    p50s+=("$(wrk -t1 -c4 -d10s --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/logs?file=agent&limit=200" | awk '$1 == "50%" {print $2}')")
  done
  echo "$label: p50 per run ${p50s[*]}"
done

echo "--- filtered scan of the 1 GiB file (a search that matches nothing reads until its budget)"
for _ in 1 2 3; do
  curl -s -o /dev/null -w "%{time_total} " -H "Authorization: Bearer $token_big" "http://127.0.0.1:19201/api/v1/logs?file=agent&q=no-such-words-anywhere&limit=10"
  curl -s -H "Authorization: Bearer $token_big" "http://127.0.0.1:19201/api/v1/logs?file=agent&q=no-such-words-anywhere&limit=10" \
    | python3 -c 'import json,sys; print("bytesScanned", json.load(sys.stdin)["bytesScanned"])'
done

echo "--- append-to-delivery latency over /logs/stream (200 records, 50 ms apart)"
python3 Benchmarks/logs/follow_latency.py 19202 "$token_small" "$small/logs/agent.log" 200

echo "--- 50 idle followers: server CPU over 20 s"
for _ in $(seq 50); do curl -sN -H "Authorization: Bearer $token_small" "http://127.0.0.1:19202/api/v1/logs/stream?file=agent" >/dev/null & done
sleep 2
ticks() { awk '{print $14 + $15}' /proc/$server_small/stat; }
before=$(ticks); sleep 20; after=$(ticks)
echo "CPU: $(echo "scale=2; ($after - $before) / $(getconf CLK_TCK) / 20 * 100" | bc) % of one core"
echo "RSS: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$server_small/status)"
