#!/usr/bin/env bash
# Builds the station agent's Debian package: corridor-edge_VERSION_ARCH.deb
#   binary (release), systemd unit, example config, a system user, state directory.
# Usage: packaging/build-deb.sh [--arch amd64|arm64] [--out DIR]
# arm64: build on an arm64 machine (or a Swift cross SDK for aarch64); this script packages the
# binary that `swift build -c release` produced for the host, and refuses a mismatched --arch.
set -euo pipefail
cd "$(dirname "$0")/.."
arch="$(dpkg --print-architecture)"; out="$PWD/.build/deb"
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arch="$2"; shift ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "build-deb: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
host="$(dpkg --print-architecture)"
if [ "$arch" != "$host" ]; then
  echo "build-deb: this host builds $host binaries; build the $arch package on an $arch machine" >&2
  exit 2
fi
# The station box has no Swift toolchain: link the Swift runtime statically, and ship librdkafka
# (>= 2.8, newer than bookworm's) in /usr/lib/corridor, found through the binary's rpath.
scratch="$PWD/.build/deb-build"
flags=(-c release --product corridor-edge --static-swift-stdlib --scratch-path "$scratch" -Xlinker -rpath -Xlinker /usr/lib/corridor)
swift build "${flags[@]}" >&2
bin="$(swift build "${flags[@]}" --show-bin-path)/corridor-edge"
version="$("$bin" version)"
rdk="$(ldd "$bin" | awk '/librdkafka/ {print $3}')"
[ -f "$rdk" ] || { echo "build-deb: librdkafka not found in ldd of $bin" >&2; exit 1; }
root="$(mktemp -d)"; trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"
install -D -m 0755 "$bin" "$root/usr/bin/corridor-edge"
install -D -m 0644 "$(readlink -f "$rdk")" "$root/usr/lib/corridor/$(basename "$rdk")"
install -D -m 0644 edge/corridor-edge.service "$root/lib/systemd/system/corridor-edge.service"
install -D -m 0640 edge/corridor-edge.conf.example "$root/etc/corridor/edge.conf"
install -D -m 0644 README.md "$root/usr/share/doc/corridor-edge/README.md"
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CTRL
Package: corridor-edge
Version: $version
Architecture: $arch
Maintainer: Corridor <ops@corridor.invalid>
Depends: libsqlite3-0, libmicrohttpd12, libcurl4, libzstd1, libsystemd0, libssl3, libsasl2-2, liblz4-1, zlib1g
Section: net
Priority: optional
Description: Corridor station agent
 Captures customer reviews and POS transactions at a fuel station into a durable
 SQLite outbox, scores sentiment on the device, and forwards to central Kafka.
 The Swift runtime is linked in; librdkafka 2.8 ships in /usr/lib/corridor.
CTRL
echo "/etc/corridor/edge.conf" > "$root/DEBIAN/conffiles"
cat > "$root/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
if ! getent passwd corridor >/dev/null; then
  adduser --system --group --home /var/lib/corridor --no-create-home corridor
fi
chgrp corridor /etc/corridor/edge.conf || true
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable corridor-edge.service >/dev/null || true
fi
exit 0
POST
cat > "$root/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ "$1" = remove ]; then
  systemctl stop corridor-edge.service || true
  systemctl disable corridor-edge.service >/dev/null || true
fi
exit 0
PRERM
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm"
mkdir -p "$out"
deb="$out/corridor-edge_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >&2
echo "$deb"
