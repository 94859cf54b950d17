#!/bin/sh
# Builds Archlane, checks the bundled sample shop and compiles it into
# Kubernetes manifests under build-shell-nw/sample-shop, then opens it in the
# desktop editor (a copy, build-shell-nw/sample-shop.archlane, so that saving never
# changes the bundled template).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

sample=data/templates/sample-shop.archlane

[ -f build-shell-nw/build.ninja ] || meson setup build-shell-nw
meson compile -C build-shell-nw
build-shell-nw/src/cli/archlane-cli validate "$sample"
build-shell-nw/src/cli/archlane-cli compile "$sample" -o build-shell-nw/sample-shop
ls -l build-shell-nw/sample-shop

[ -f build-shell-nw/sample-shop.archlane ] || cp "$sample" build-shell-nw/sample-shop.archlane

# Running from the build tree: the compiled settings schema when there is
# one (without it the app keeps its settings in memory), the translations
# and the templates of the source tree.
if [ -f build-shell-nw/data/gschemas.compiled ]; then
  GSETTINGS_SCHEMA_DIR="$top/build-shell-nw/data"
  export GSETTINGS_SCHEMA_DIR
fi
ARCHLANE_LOCALEDIR="$top/build-shell-nw/po"
ARCHLANE_TEMPLATES="$top/data/templates"
export ARCHLANE_LOCALEDIR ARCHLANE_TEMPLATES

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display to show the editor on; with one, run:" >&2
  echo "  build-aux/run-sample.sh   or   build-shell-nw/src/app/archlane build-shell-nw/sample-shop.archlane" >&2
  exit 0
fi

exec build-shell-nw/src/app/archlane build-shell-nw/sample-shop.archlane
