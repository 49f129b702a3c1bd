#!/usr/bin/env bash
# Installs the reference agent (hermes-agent from PyPI) into .build/hermes-venv for the interop test and the
# env-catalog generator. Idempotent; exits non-zero (and the interop test then skips) when PyPI is unreachable.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${HERMES_AGENT_VERSION:-0.19.0}"
VENV=.build/hermes-venv
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('hermes-agent') != '$VERSION')" 2>/dev/null; then
  exit 0
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "hermes-agent==$VERSION"
echo "hermes-agent $VERSION installed in $VENV"
