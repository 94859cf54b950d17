#!/bin/sh
# Installs everything Archlane needs to build and run its tests on Debian 12:
# the packages in build-aux/debian-packages.txt, Node.js for the Kubernetes
# schema checks, and the npm packages of tests/k8s-schema.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
else
  as_root="sudo"
fi

packages=$(grep -v '^#' "$top/build-aux/debian-packages.txt" | tr '\n' ' ')
# Keep an already installed Node.js (it may come with its own npm).
command -v node >/dev/null 2>&1 || packages="$packages nodejs"
command -v npm >/dev/null 2>&1 || packages="$packages npm"

export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -q
# shellcheck disable=SC2086
$as_root apt-get install -y -q --no-install-recommends $packages

# The tests check the Chinese messages, which need the zh_CN.UTF-8 locale.
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
  $as_root sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
  $as_root locale-gen
fi

if [ -f "$top/tests/k8s-schema/package-lock.json" ]; then
  npm ci --prefix "$top/tests/k8s-schema" --no-audit --no-fund --loglevel=error
fi
