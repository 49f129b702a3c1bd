#!/usr/bin/env bash
# Side by side with the reference dashboard (`hermes dashboard` from hermes-agent[web]==0.19.0) on one large home
# (100,000 sessions / 1,000,000 messages, generated once into .bench/ from our demo home): the same wrk set against
# both, one server at a time, then one table of req/s and p99 with the ratios, plus RSS and start-up time.
# Skips cleanly (exit 0) when the reference cannot be installed.
# Usage: Benchmarks/compare-reference.sh      RUNS (default 3) and DURATION (default 10s) per scenario and server.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
duration=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
venv=.build/reference-venv
if ! "$venv/bin/python" -c "import hermes_cli.web_server, uvicorn" 2>/dev/null; then
  rm -rf "$venv"
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check "hermes-agent[web]==0.19.0"; }; then
    echo "skipped: hermes-agent[web]==0.19.0 could not be installed here"
    exit 0
  fi
fi
source Benchmarks/lib.sh
release_binary
large_home
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

tree_rss_kb() {  # resident memory of a process and all its descendants
  local total=0 pid
  for pid in $1 $(pgrep -P "$1" 2>/dev/null || true); do
    total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo $total
}

# name | our path | reference path ("-" where it has no such answer) | wrk script ("" or a Lua file). Analytics comes
# last and with one connection: the reference computes it in Python for minutes on this home, and a request cannot
# be called off once sent.
scenarios=(
  "status|/api/v1/status|/api/status|"
  "sessions page (20)|/api/v1/sessions?limit=20|/api/sessions?limit=20|"
  "sessions page, every request uncached|/api/v1/sessions?limit=20|/api/sessions?limit=20|Benchmarks/sessions/unique-query.lua"
  "sessions by cost, every request uncached|/api/v1/sessions?limit=20&sort=cost|-|Benchmarks/sessions/unique-query.lua"
  "search (rare word)|/api/v1/sessions/search?q=zanzibar|/api/sessions/search?q=zanzibar|"
  "search (common word, in 38% of messages)|/api/v1/sessions/search?q=report|/api/sessions/search?q=report|"
  "session detail|/api/v1/sessions/bench_long_session|/api/sessions/bench_long_session|"
  "transcript (500 messages)|/api/v1/sessions/bench_long_session/messages?limit=500|/api/sessions/bench_long_session/messages|"
  "logs tail (100 lines)|/api/v1/logs?file=agent&limit=100|/api/logs?file=agent&lines=100|"
  "cron list|/api/v1/cron/jobs|/api/cron/jobs|"
  "skills list|/api/v1/skills|/api/skills|"
  "analytics (30 days), 1 connection|/api/v1/analytics/usage?days=30|/api/analytics/usage?days=30|"
)

start_ours() {
  free_port 19610
  "$bin" serve --home "$home" --port 19610 --log-level error >"$work/ours.log" 2>&1 &
  server=$!
  base=http://127.0.0.1:19610
  header="Authorization: Bearer $("$bin" token --home "$home")"
  probe=/api/v1/status
}
start_reference() {
  free_port 19611
  HERMES_HOME="$PWD/$home" HERMES_DASHBOARD_SESSION_TOKEN=compare-reference-token \
    "$venv/bin/hermes" dashboard --host 127.0.0.1 --port 19611 --no-open >"$work/reference.log" 2>&1 &
  server=$!
  base=http://127.0.0.1:19611
  header="X-Hermes-Session-Token: compare-reference-token"
  probe=/api/status
}
stop_server() { kill -9 "$server" $(pgrep -P "$server" 2>/dev/null) 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; sleep 1; }
startup_ms() {  # launches with $1 and appends the ms until the first 200 on the status route to $2 (no subshell: $server must stay set)
  local started ended
  started=$(date +%s%N)
  "$1"
  for _ in $(seq 3000); do
    [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "$header" "$base$probe")" = 200 ] && break
    sleep 0.02
  done
  ended=$(date +%s%N)
  echo $(((ended - started) / 1000000)) >>"$2"
}

measure() {  # side ("ours" or "reference") -> writes $work/<side>.tsv and start-up/RSS figures
  local side=$1 starter=start_$1 name ours_path ref_path script path out rates p99s errors
  for _ in $(seq "$runs"); do startup_ms "$starter" "$work/$side.startups"; stop_server; done
  median <"$work/$side.startups" >"$work/$side.startup"
  "$starter"
  until [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "$header" "$base$probe")" = 200 ]; do sleep 0.05; done
  echo "$(tree_rss_kb "$server")" >"$work/$side.rss-idle"
  : >"$work/$side.tsv"
  for entry in "${scenarios[@]}"; do
    IFS='|' read -r name ours_path ref_path script <<<"$entry"
    path=$ours_path; [ "$side" = reference ] && path=$ref_path
    if [ "$path" = - ]; then printf '%s\t-\t-\t0\n' "$name" >>"$work/$side.tsv"; continue; fi
    local load="-t2 -c16 --timeout 30s"
    case $name in analytics*) load="-t1 -c1 --timeout 60s" ;; *) curl -s -m 60 -o /dev/null -H "$header" "$base$path" ;; esac
    rates=(); p99s=(); errors=0
    for _ in $(seq "$runs"); do
      out=$(wrk $load -d"$duration" --latency ${script:+-s "$script"} -H "$header" "$base$path")
      rates+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
      # wrk prints a 0.00us latency when no request finished within the run
      p99s+=("$(echo "$out" | awk '$1 == "99%" {print ($2 == "0.00us" ? "none" : $2); f=1} END {if (!f) print "none"}' | to_ms)")
      errors=$((errors + $(echo "$out" | awk '/Non-2xx or 3xx/ {print $5; f=1} END {if (!f) print 0}') \
                       + $(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10; f=1} END {if (!f) print 0}')))
    done
    printf '%s\t%s\t%s\t%s\n' "$name" "$(printf '%s\n' "${rates[@]}" | median)" "$(printf '%s\n' "${p99s[@]}" | median)" "$errors" >>"$work/$side.tsv"
  done
  if ! kill -0 "$server" 2>/dev/null; then
    echo "the $side server exited during the load; the end of its log:" >&2
    tail -20 "$work/$side.log" >&2
    exit 1
  fi
  echo "$(tree_rss_kb "$server")" >"$work/$side.rss-loaded"
  stop_server
}

# Our mirror of state.db (analytics, cost-sorted pages) is made in the background on first use and kept on disk;
# make it before measuring, as a workspace that has run before has it.
warm_mirror() {
  start_ours
  until [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "$header" "$base$probe")" = 200 ]; do sleep 0.05; done
  for attempt in $(seq 600); do
    t=$(curl -s -m 60 -o /dev/null -w '%{time_total}' -H "$header" "$base/api/v1/sessions?limit=20&sort=cost&warm=$attempt")
    awk -v t="$t" 'BEGIN {exit !(t < 0.05)}' && break
    sleep 0.2
  done
  stop_server
}
warm_mirror

echo "home: $home ($(du -sh "$home/state.db" | cut -f1) state.db); wrk -t2 -c16, $runs runs x $duration per scenario, medians; one server at a time"
measure reference
measure ours
echo
echo "| scenario | reference req/s | ours req/s | req/s ratio | reference p99 ms | ours p99 ms | p99 ratio | errors (ref / ours) |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
paste "$work/reference.tsv" "$work/ours.tsv" | awk -F'\t' -v run="$duration" '{
  none = "none finished in " run
  rr = ($2 + 0 > 0) ? sprintf("%.1fx", $6 / $2) : "—"; pr = ($3 == "none" || $7 == "none" || $3 == "-") ? "—" : sprintf("%.1fx", $3 / $7)
  if ($3 == "none") $3 = none; if ($7 == "none") $7 = none; if ($2 == "-") { $2 = "no such answer"; $3 = "—" }
  printf "| %s | %s | %s | %s | %s | %s | %s | %s / %s |\n", $1, $2, $6, rr, $3, $7, pr, $4, $8 }'
echo
printf '| | reference | ours | ratio |\n|---|---:|---:|---:|\n'
printf '| start-up to first 200 (median of %s) | %s ms | %s ms | %sx |\n' "$runs" "$(cat "$work/reference.startup")" "$(cat "$work/ours.startup")" \
  "$(awk -v r="$(cat "$work/reference.startup")" -v o="$(cat "$work/ours.startup")" 'BEGIN {printf "%.1f", r / (o > 0 ? o : 1)}')"
printf '| RSS after start-up | %s MB | %s MB | %sx |\n' "$(($(cat "$work/reference.rss-idle") / 1024))" "$(($(cat "$work/ours.rss-idle") / 1024))" \
  "$(awk -v r="$(cat "$work/reference.rss-idle")" -v o="$(cat "$work/ours.rss-idle")" 'BEGIN {printf "%.1f", r / o}')"
printf '| RSS after the load | %s MB | %s MB | %sx |\n' "$(($(cat "$work/reference.rss-loaded") / 1024))" "$(($(cat "$work/ours.rss-loaded") / 1024))" \
  "$(awk -v r="$(cat "$work/reference.rss-loaded")" -v o="$(cat "$work/ours.rss-loaded")" 'BEGIN {printf "%.1f", r / o}')"

# The cold and latency targets, ours only: the first analytics answer of a freshly started process (its mirror of
# state.db kept on disk from the runs above, as a restarted workspace has it), and a transcript page at one
# connection. Medians of $runs.
first_answer_ms() {  # path -> ms of the first answer of a fresh process
  start_ours
  until [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "$header" "$base$probe")" = 200 ]; do sleep 0.05; done
  curl -s -m 60 -o /dev/null -w '%{time_total}\n' -H "$header" "$base$1" | awk '{printf "%.1f\n", $1 * 1000}'
  stop_server
}
cold() { for _ in $(seq "$runs"); do first_answer_ms "$1"; done | median; }
start_ours
until [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "$header" "$base$probe")" = 200 ]; do sleep 0.05; done
transcript_p50=$(for _ in $(seq "$runs"); do
  wrk -t1 -c1 -d"$duration" --latency -H "$header" "$base/api/v1/sessions/bench_long_session/messages?limit=500" | awk '$1 == "50%" {print $2}' | to_ms
done | median)
stop_server
row() { awk -F'\t' -v n="$1" -v c="$2" '$1 == n {print $c}' "$work/ours.tsv"; }
echo
echo "| target | ours | goal |"
echo "|---|---:|---|"
echo "| analytics usage 30 days, first answer of a fresh process | $(cold '/api/v1/analytics/usage?days=30') ms | < 200 ms |"
echo "| analytics usage 365 days, first answer of a fresh process | $(cold '/api/v1/analytics/usage?days=365') ms | < 500 ms |"
echo "| analytics models 365 days, first answer of a fresh process | $(cold '/api/v1/analytics/models?days=365') ms | < 500 ms |"
echo "| sessions page, every request uncached | $(row 'sessions page, every request uncached' 2) req/s | >= 5,000 req/s |"
echo "| sessions by cost, every request uncached | $(row 'sessions by cost, every request uncached' 2) req/s (p99 $(row 'sessions by cost, every request uncached' 3) ms) | no sort of every session |"
echo "| search for a word in 38% of messages, 16 connections | p99 $(row 'search (common word, in 38% of messages)' 3) ms | p99 < 50 ms |"
echo "| transcript page of 500 messages, 1 connection | p50 $transcript_p50 ms | p50 < 15 ms |"
