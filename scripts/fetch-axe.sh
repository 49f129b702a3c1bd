#!/usr/bin/env bash
# Fetches axe-core (the accessibility engine the layout test runs in Chromium) from the pinned PyPI wheel of
# axe-playwright-python, which ships axe.min.js, into .build/axe/ and verifies its sha256. The npm registry is not
# reachable from our machines. Idempotent; exits non-zero (and the accessibility test then skips) when PyPI is not.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=0.1.8
SHA256=84494fec757e4710dc751c8d7a636e457f4532f08f85c86dc9070133fbff53bc
target=.build/axe/axe.min.js
if [ -f "$target" ] && echo "$SHA256  $target" | sha256sum --check --status; then exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --disable-pip-version-check "axe-playwright-python==$VERSION" -d "$work"
mkdir -p .build/axe
python3 - "$(ls "$work"/axe_playwright_python-"$VERSION"-*.whl)" "$target" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[2], "wb") as out:
    out.write(wheel.read("axe_playwright_python/axe.min.js"))
PY
if ! echo "$SHA256  $target" | sha256sum --check --status; then
  rm -f "$target"
  echo "checksum mismatch for axe.min.js from axe-playwright-python $VERSION" >&2
  exit 1
fi
echo "axe-core fetched into $target"
