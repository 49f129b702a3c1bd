#!/usr/bin/env bash
# Bundles web/src into web/dist with Debian's esbuild: app-<hash>.js, app-<hash>.css and index.html.
# React stays out of the bundle; it loads as a UMD global from web/vendor (see fetch-vendor.sh).
set -euo pipefail
cd "$(dirname "$0")"
command -v esbuild >/dev/null || { echo "esbuild not found: apt-get install esbuild" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
esbuild src/main.tsx --bundle --minify --format=iife --target=es2019 --log-level=warning \
  --jsx-factory=React.createElement --jsx-fragment=React.Fragment \
  --alias:react=./src/shims/react.ts --alias:react-dom/client=./src/shims/react-dom-client.ts \
  --outfile="$work/app.js"
esbuild src/styles.css --minify --log-level=warning --outfile="$work/app.css"
js_hash=$(sha256sum "$work/app.js" | cut -c1-10)
css_hash=$(sha256sum "$work/app.css" | cut -c1-10)
rm -rf dist
mkdir -p dist
cp "$work/app.js" "dist/app-$js_hash.js"
cp "$work/app.css" "dist/app-$css_hash.css"
sed -e "s/__APP_JS__/app-$js_hash.js/" -e "s/__APP_CSS__/app-$css_hash.css/" index.html > dist/index.html
echo "web/dist: app-$js_hash.js, app-$css_hash.css"
