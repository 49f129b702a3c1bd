#!/usr/bin/env bash
# Fetches React 18.3.1 UMD builds from the pinned PyPI `dash` wheel into web/vendor/ and verifies their sha256.
# The npm registry is not reachable from our machines; the dash wheel ships the same files under dash/deps/.
set -euo pipefail
cd "$(dirname "$0")"
DASH_VERSION=4.4.1
declare -A SHA256=(
  ["react@18.3.1.min.js"]=d949f1c3687aedadcedac85261865f29b17cd273997e7f6b2bfc53b2f9d4c4dd
  ["react-dom@18.3.1.min.js"]=35f4f974f4b2bcd44da73963347f8952e341f83909e4498227d4e26b98f66f0d
)

verified() {
  for name in "${!SHA256[@]}"; do
    [ -f "vendor/$name" ] || return 1
    echo "${SHA256[$name]}  vendor/$name" | sha256sum --check --status || return 1
  done
}

if verified; then
  echo "web/vendor is up to date"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --disable-pip-version-check "dash==$DASH_VERSION" -d "$work"
wheel=$(ls "$work"/dash-"$DASH_VERSION"-*.whl)
mkdir -p vendor
for name in "${!SHA256[@]}"; do
  python3 - "$wheel" "dash/deps/$name" "vendor/$name" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[3], "wb") as out:
    out.write(wheel.read(sys.argv[2]))
PY
done
if ! verified; then
  rm -f vendor/*.js
  echo "checksum mismatch for the React files from dash $DASH_VERSION" >&2
  exit 1
fi
echo "web/vendor: React 18.3.1 fetched and verified"
