#!/bin/sh
# Builds Archlane, checks the bundled sample shop and compiles it into
# Kubernetes manifests under _build/sample-shop, then opens it in the
# desktop editor (a copy, _build/sample-shop.archlane, so that saving never
# changes the bundled template).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

sample=data/templates/sample-shop.archlane

[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build
_build/src/cli/archlane-cli validate "$sample"
_build/src/cli/archlane-cli compile "$sample" -o _build/sample-shop
ls -l _build/sample-shop

[ -f _build/sample-shop.archlane ] || cp "$sample" _build/sample-shop.archlane

# Running from the build tree: the compiled settings schema when there is
# one (without it the app keeps its settings in memory), the translations
# and the templates of the source tree.
if [ -f _build/data/gschemas.compiled ]; then
  GSETTINGS_SCHEMA_DIR="$top/_build/data"
  export GSETTINGS_SCHEMA_DIR
fi
ARCHLANE_LOCALEDIR="$top/_build/po"
ARCHLANE_TEMPLATES="$top/data/templates"
export ARCHLANE_LOCALEDIR ARCHLANE_TEMPLATES

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display to show the editor on; with one, run:" >&2
  echo "  build-aux/run-sample.sh   or   _build/src/app/archlane _build/sample-shop.archlane" >&2
  exit 0
fi

exec _build/src/app/archlane _build/sample-shop.archlane
