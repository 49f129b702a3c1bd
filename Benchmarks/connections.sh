#!/usr/bin/env bash
# Connection pressure on the release binary: 2,000 idle connections, 200 slowloris clients and 64 event streams
# (the server's cap) at once, while /api/v1/health is timed over fresh connections for HOLD seconds (default 20).
# Runs RUNS times (default 3) and prints each run's figures and the medians of the health median and p99.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
runs=${RUNS:-3}
hold=${HOLD:-20}
release_binary
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
"$bin" demo "$work/home" --sessions 200 >/dev/null
free_port 19730
"$bin" serve --home "$work/home" --port 19730 --log-level error >/dev/null 2>&1 &
server=$!
until curl -s -o /dev/null http://127.0.0.1:19730/api/v1/health; do sleep 0.1; done
token=$("$bin" token --home "$work/home")
for run in $(seq "$runs"); do
  # A stream whose client hung up keeps its slot until the next heartbeat write fails (15 s): let them all go.
  [ "$run" -gt 1 ] && sleep 16
  python3 Benchmarks/connections/pressure.py 19730 "$token" --idle 2000 --slow 200 --sse 64 --probes 400 --hold "$hold" | tee -a "$work/runs"
done
python3 - "$work/runs" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
pressure = [run["health_under_pressure_ms"] for run in runs]
print(f"health under pressure, medians of {len(runs)} runs: median {statistics.median(p['median'] for p in pressure):.2f} ms, "
      f"p99 {statistics.median(p['p99'] for p in pressure):.2f} ms, worst max {max(p['max'] for p in pressure):.2f} ms; "
      f"baseline median {statistics.median(r['health_baseline_ms']['median'] for r in runs):.2f} ms; "
      f"failures {sum(r['health_failures'] for r in runs)}; streams open {[r['event_streams_open'] for r in runs]}")
PY
echo "RSS after: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$server/status)"
