#!/bin/sh
# Builds Archlane and compiles the bundled sample shop into Kubernetes
# manifests under _build/sample-shop.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build
_build/src/cli/archlane-cli validate data/templates/sample-shop.archlane
_build/src/cli/archlane-cli compile data/templates/sample-shop.archlane -o _build/sample-shop
ls -l _build/sample-shop
