#!/usr/bin/env bash
# Sessions and analytics benchmark on a 100,000-session / 1,000,000-message home (generated once into .bench/).
# Release build, wrk -t2 -c16, each scenario run $RUNS times (default 3); prints medians of req/s and p99.
# Then the same while a second process appends 100 messages/s through the agent's write pattern.
# Usage: Benchmarks/sessions.sh        (RUNS=1 DURATION=5s for a quick look)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
duration=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
source Benchmarks/lib.sh
release_binary
large_home
port=19240
log=$(mktemp)
free_port $port
$bin serve --home "$home" --port $port --log-level warning >"$log" 2>&1 &
server=$!
appender=
trap 'kill $server ${appender:-} 2>/dev/null || true; rm -f "$log"' EXIT
sleep 1
token=$($bin token --home "$home")
base="http://127.0.0.1:$port/api/v1"
deep=$(python3 - "$home/state.db" <<'PY'
import base64, sqlite3, struct, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
started, sid = db.execute("SELECT started_at, id FROM sessions WHERE parent_session_id IS NULL AND archived = 0 "
                          "ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET 50000").fetchone()
bits = struct.unpack(">Q", struct.pack(">d", started))[0]
print(base64.urlsafe_b64encode(f"started:{bits:x}:{sid}".encode()).decode().rstrip("="))
PY
)


bench() {  # name path [wrk options]
  local rates=() p50s=() p99s=() errors=0 out
  curl -s -o /dev/null -H "Authorization: Bearer $token" "$base$2"  # warm the page cache and any answer cache first
  for _ in $(seq "$runs"); do
    out=$(wrk -t2 -c16 -d"$duration" --latency ${3:-} -H "Authorization: Bearer $token" "$base$2")
    rates+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    p50s+=("$(echo "$out" | awk '$1 == "50%" {print $2}' | to_ms)")
    p99s+=("$(echo "$out" | awk '$1 == "99%" {print $2}' | to_ms)")
    errors=$((errors + $(echo "$out" | awk '/Non-2xx/ {print $5}' | grep -c . || true)))
  done
  printf "| %-34s | %9s | %8s | %8s | %s |\n" "$1" "$(printf '%s\n' "${rates[@]}" | median)" "$(printf '%s\n' "${p50s[@]}" | median)" \
    "$(printf '%s\n' "${p99s[@]}" | median)" \
    "$([ $errors -eq 0 ] && echo ok || echo "NON-2xx in $errors runs")"
}

cold() {  # name query: median time of 15 first requests, each for a time zone no earlier request used
  local times=() zones=(Africa/Abidjan America/Bogota America/Chicago America/Denver America/Halifax America/Lima America/Mexico_City
    America/New_York America/Phoenix America/Sao_Paulo Asia/Bangkok Asia/Dubai Asia/Kolkata Asia/Seoul Asia/Tokyo)
  for zone in "${zones[@]}"; do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base$2&tz=$zone$3" | awk '{printf "%.1f", $1*1000}')")
  done
  printf "| %-34s | %9s | %8s | %8s | %s |\n" "$1" "—" "$(printf '%s\n' "${times[@]}" | median)" "—" "one request at a time: median of 15 cache misses"
}

table_head() { echo; echo "$1"; echo "| scenario | req/s | p50 ms | p99 ms | note |"; echo "|---|---:|---:|---:|---|"; }

table_head "### Idle database (runs=$runs, $duration each)"
uncached="-s Benchmarks/sessions/unique-query.lua"
bench "sessions: default page (25)" "/sessions?limit=25"
bench "  same, every request a cache miss" "/sessions?limit=25" "$uncached"
bench "sessions: filtered page" "/sessions?platform=telegram&model=openai/gpt-5.1"
bench "  same, every request a cache miss" "/sessions?platform=telegram&model=openai/gpt-5.1" "$uncached"
bench "sessions: deep cursor (row 50,000)" "/sessions?cursor=$deep"
bench "  same, every request a cache miss" "/sessions?cursor=$deep" "$uncached"
bench "sessions: sort by cost (cache miss)" "/sessions?sort=cost" "$uncached"
bench "search: word in 40% of messages" "/sessions/search?q=report"
bench "search: rare word" "/sessions/search?q=zanzibar"
bench "session detail" "/sessions/bench_long_session"
bench "transcript: 500 messages" "/sessions/bench_long_session/messages?limit=500"
bench "analytics 30 days (warm)" "/analytics/usage?days=30"
bench "analytics 365 days (warm)" "/analytics/usage?days=365"
cold "analytics 30 days (cold)" "/analytics/usage?days=30" ""
cold "analytics 365 days (cold)" "/analytics/usage?days=365" ""
cold "models 365 days (cold)" "/analytics/models?days=365" ""
echo
echo "RSS: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$server/status) now, peak $(awk '/VmHWM/ {print $2 " kB"}' /proc/$server/status)"

appended_log=$(mktemp)
python3 Benchmarks/sessions/append_messages.py "$home/state.db" --rate 100 >"$appended_log" 2>&1 &
appender=$!
sleep 1
table_head "### While another process appends 100 messages/s"
bench "sessions: default page (25)" "/sessions?limit=25"
bench "search: word in 40% of messages" "/sessions/search?q=report"
bench "session detail" "/sessions/bench_long_session"
bench "transcript: 500 messages" "/sessions/bench_long_session/messages?limit=500"
bench "analytics 30 days (db changing)" "/analytics/usage?days=30"
kill -TERM $appender
wait $appender 2>/dev/null || true
appender=
echo
echo "appender: $(cat "$appended_log")"
echo "server log lines mentioning 'locked': $(grep -ci locked "$log" || true)"
echo "RSS: peak $(awk '/VmHWM/ {print $2 " kB"}' /proc/$server/status)"
rm -f "$appended_log"
