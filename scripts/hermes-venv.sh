#!/usr/bin/env bash
# Installs the reference agent (hermes-agent from PyPI) into .build/hermes-venv for the interop test and the
# env-catalog generator. Idempotent; exits non-zero (and the interop test then skips) when PyPI is unreachable.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${HERMES_AGENT_VERSION:-0.19.0}"
VENV=.build/hermes-venv
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import importlib.metadata as m, sys, aiohttp; sys.exit(m.version('hermes-agent') != '$VERSION')" 2>/dev/null; then
  exit 0
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
# aiohttp is what the gateway's API server runs on (the agent's messaging extras pin this version); without it the
# gateway starts with no API server and the gateway approvals test cannot reach it.
"$VENV/bin/pip" install --quiet --disable-pip-version-check "hermes-agent==$VERSION" "aiohttp==3.14.1"
echo "hermes-agent $VERSION installed in $VENV"
