#!/bin/sh
# Debian packages the full test suite and CI use beside npm's: Chromium for the console's browser tests,
# podman/buildah/debootstrap to build and run the image, HAProxy and iproute2 for the several-node tests,
# promtool to check /metrics, tmux for the client's interactive tests. Installs only what is missing.
set -eu
need=""
for pair in chromium:chromium podman:podman buildah:buildah debootstrap:debootstrap haproxy:haproxy \
  promtool:prometheus tmux:tmux ip:iproute2; do
  cmd=${pair%%:*}
  pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages:$need (install them as root: apt-get install$need)" >&2
  exit 1
fi
echo "Installing Debian packages:$need"
apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need fonts-dejavu-core >/dev/null
