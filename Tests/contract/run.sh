#!/usr/bin/env bash
# Contract fuzzing: schemathesis (PyPI, pinned) against openapi.yaml and the release binary serving a fresh demo
# home, every operation, with the API token. Fails on any 5xx, any answer that breaks its schema or documented
# status, any schema-violating input that is accepted, a 404 instead of 405 for a method a path does not serve, or
# a server that is no longer up at the end. Every check runs except positive_data_acceptance: the spec cannot say
# which strings are IANA zones, cron schedules, valid YAML, SKILL.md documents or names of existing logs and
# platforms, so a schema-valid value is often refused on purpose (400/422 with the error envelope).
# Usage: Tests/contract/run.sh            EXAMPLES=n (per operation, default 25), SEED=n (default 1)
#        Tests/contract/run.sh install    only installs schemathesis (CI does this while it builds)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
examples=${EXAMPLES:-25}
seed=${SEED:-1}
version=4.32.5
venv=.build/schemathesis-venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi
[ "${1:-}" = install ] && exit 0
bin=${HERMES_WORKSPACE_BIN:-}
if [ -z "$bin" ]; then
  swift build -c release >/dev/null
  bin=.build/release/hermes-workspace
fi

work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$bin" demo "$work/home" >/dev/null
# The agent's CLI is not what is under test: /bin/false stands in for it, so gateway and profile commands run and
# fail (a 202 action that ends failed, a 400 refusal) instead of answering 503 "install hermes-agent" every time.
# Toolsets and session imports run the agent's own Python: the reference agent's venv when it is there (make test
# installs it); without it those two answer 503 "the agent's Python was not found", which this run counts as a failure.
agent_python=
[ -x "$root/.build/hermes-venv/bin/python" ] && agent_python="$root/.build/hermes-venv/bin/python"
HERMES_AGENT_PYTHON="$agent_python" "$bin" serve --home "$work/home" --port 0 --log-level warning --hermes-command /bin/false \
  >"$work/server.out" 2>"$work/server.err" &
server=$!
for _ in $(seq 100); do grep -q "serving" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o ' at http://[^ ]*' "$work/server.out" | head -1 | sed 's/^ at //; s/\/$//')
[ -n "$url" ] || { echo "the server did not start:" >&2; cat "$work/server.err" >&2; exit 1; }
token=$("$bin" token --home "$work/home")

status=0
(cd "$work" && PYTHONPATH="$root/Tests/contract/python" "$root/$venv/bin/schemathesis" --config-file "$root/Tests/contract/schemathesis.toml" run "$root/openapi.yaml" \
  --url "$url" -H "Authorization: Bearer $token" --checks all --exclude-checks positive_data_acceptance --max-examples "$examples" --seed "$seed" \
  --workers 2 --no-color) || status=$?

if ! kill -0 "$server" 2>/dev/null; then
  echo "the server died during the run:" >&2; cat "$work/server.err" >&2; exit 1
fi
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/health")" = 200 ] || { echo "/api/v1/health does not answer 200 after the run" >&2; exit 1; }
exit $status
