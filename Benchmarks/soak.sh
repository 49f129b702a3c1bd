#!/usr/bin/env bash
# Soak: the release binary on a demo home under mixed traffic for DURATION seconds (default 600): wrk with a Lua
# script over the main read routes of every tab, while another process appends messages to state.db the way the
# agent does (20/s) and a config PATCH lands every 5 s. Reports req/s, p50/p99, errors (non-2xx, socket errors,
# failed PATCHes) and RSS at the start, the end and its peak.
# Usage: Benchmarks/soak.sh        DURATION=60 for a short look.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
duration=${DURATION:-600}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
release_binary
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" demo "$work/home" --sessions 3000 >/dev/null
port=19720
free_port $port
"$bin" serve --home "$work/home" --port $port --log-level warning >"$work/server.log" 2>&1 &
server=$!
pids+=("$server")
base=http://127.0.0.1:$port/api/v1
until curl -s -o /dev/null "$base/health"; do sleep 0.1; done
token=$("$bin" token --home "$work/home")
auth="Authorization: Bearer $token"
read -r open_session sessions <<<"$(python3 - "$work/home/state.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
open_id = db.execute("SELECT id FROM sessions WHERE ended_at IS NULL ORDER BY started_at DESC LIMIT 1").fetchone()
some = [row[0] for row in db.execute("SELECT id FROM sessions ORDER BY random() LIMIT 20")]
print((open_id or some[:1])[0], " ".join(some))
PY
)"
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

python3 Benchmarks/sessions/append_messages.py "$work/home/state.db" --rate 20 --session "$open_session" >"$work/appender.log" 2>&1 &
appender=$!
pids+=("$appender")
(
  value=90
  while true; do
    etag=$(curl -s -D- -o /dev/null -H "$auth" "$base/config" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
    value=$((value == 90 ? 91 : 90))
    curl -s -o /dev/null -w '%{http_code}\n' -X PATCH -H "$auth" -H "If-Match: $etag" -H 'Content-Type: application/json' \
      -d "{\"operations\":[{\"path\":\"agent.max_turns\",\"value\":$value}]}" "$base/config" >>"$work/patches"
    sleep 5
  done
) &
pids+=("$!")
(
  while true; do echo "$(date +%s) $(rss)" >>"$work/rss"; sleep 10; done
) &
pids+=("$!")

sleep 10
rss_start=$(rss)
out=$(wrk -t2 -c16 -d"${duration}s" --timeout 10s --latency -s Benchmarks/soak/mixed.lua -H "$auth" "http://127.0.0.1:$port" -- $sessions)
rss_end=$(rss)
kill -TERM "$appender"
wait "$appender" 2>/dev/null || true
echo "$out"
echo
echo "| figure | value |"
echo "|---|---:|"
echo "| duration | ${duration} s |"
echo "| requests/s | $(echo "$out" | awk '/Requests\/sec/ {print $2}') |"
echo "| p50 | $(echo "$out" | awk '$1 == "50%" {print $2}') |"
echo "| p99 | $(echo "$out" | awk '$1 == "99%" {print $2}') |"
echo "| requests | $(echo "$out" | awk '/requests in/ {print $1}') |"
echo "| non-2xx answers | $(echo "$out" | awk '/Non-2xx or 3xx/ {print $5; f=1} END {if (!f) print 0}') |"
echo "| socket errors | $(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10; f=1} END {if (!f) print 0}') |"
echo "| config PATCHes ok / failed | $(grep -c '^200$' "$work/patches" || true) / $(grep -vc '^200$' "$work/patches" || true) |"
echo "| appender (agent write pattern, 20/s) | $(cat "$work/appender.log") |"
echo "| RSS at start (after 10 s) | $((rss_start / 1024)) MB |"
echo "| RSS at end | $((rss_end / 1024)) MB |"
echo "| RSS peak during the run | $(($(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024)) MB |"
echo "| RSS samples (every 10 s), MB | $(awk '{printf "%d ", $2 / 1024}' "$work/rss") |"
echo "| server log lines at warning or above | $(grep -vc ' serving ' "$work/server.log" || true) |"
grep -v ' serving ' "$work/server.log" | sed 's/^/    server log: /' || true
