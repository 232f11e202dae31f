#!/usr/bin/env bash
# Builds the mediasoup 3.12.16 worker (the first mediasoup line with WebRtcServer: one UDP and
# one TCP port for every transport of a worker) from the `worker/` sources of its npm tarball,
# against Debian bookworm's own libraries only, and caches the binary OUTSIDE this clone:
#
#   ${TELEKIOSK_CACHE:-/var/cache/telekiosk}/mediasoup-worker-3.12.16/mediasoup-worker
#   (or $HOME/.cache/telekiosk/... when /var/cache is not writable)
#
# mediasoup's own build downloads its dependencies (meson subprojects) and its postinstall a
# prebuilt binary from GitHub; neither is reachable here. So `worker/meson.build` (and
# `worker/deps/libwebrtc/meson.build`) are patched: each `subproject()` becomes a Debian
# `dependency()`, the static `link_whole` entries, the library, test and fuzzer targets go,
# `meson_version` drops to bookworm's 1.0, and meson runs with `--wrap-mode=nodownload`.
#
# Idempotent: a cached binary that starts is reused (nothing is built). Prints the binary's
# path as its last line. Exits non-zero with a message when the build fails; callers
# (scripts/setup-system.sh) then fall back to Debian's mediasoup-worker 3.8.4.
#
# The compile (measured here: 309-338 s of compiling on 2 cores, plus any wait for the lock) runs with `nice -n 19` and `ninja -j2` inside the
# shared heavy lock, in chunks of object files (a few minutes each) so other people's tests can
# take the lock between chunks.
#
# Environment:
#   TELEKIOSK_CACHE        cache root (default /var/cache/telekiosk, else $HOME/.cache/telekiosk)
#   TELEKIOSK_HEAVY_LOCK   lock file for the compile (default /tmp/telekiosk-heavy.lock; empty:
#                          no lock, e.g. when the caller already holds it)
#   TELEKIOSK_LOCK_WAIT_S  longest wait for the lock before each chunk (default 3600 s)
#   MEDIASOUP_BUILD_TIMEOUT_S  give up (and fall back) after this many seconds of compiling,
#                          lock waits not counted (default 1200: keeps CI under 45 min)
#   MEDIASOUP_BUILD_JOBS   ninja -j (default 2)
# Usage: bash scripts/build-mediasoup-worker.sh [--force]
set -euo pipefail

VERSION=3.12.16
LOCK="${TELEKIOSK_HEAVY_LOCK-/tmp/telekiosk-heavy.lock}"
TIMEOUT_S="${MEDIASOUP_BUILD_TIMEOUT_S:-1200}"
LOCK_WAIT_S="${TELEKIOSK_LOCK_WAIT_S:-3600}"
JOBS="${MEDIASOUP_BUILD_JOBS:-2}"
# Objects compiled per lock hold (about 3 minutes of 2 cores).
CHUNK=40
force=0
[ "${1:-}" = "--force" ] && force=1

log() { echo "[mediasoup-worker] $*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

# --- cache location (outside the clone, keyed by version) ---------------------------------
pick_cache_root() {
  local want="${TELEKIOSK_CACHE:-/var/cache/telekiosk}"
  if mkdir -p "$want" 2>/dev/null && [ -w "$want" ]; then
    echo "$want"
    return
  fi
  local home_cache="${HOME:-/tmp}/.cache/telekiosk"
  log "$want is not writable; using $home_cache"
  mkdir -p "$home_cache" || die "cannot create the cache folder $home_cache"
  echo "$home_cache"
}
CACHE_ROOT="$(pick_cache_root)"
DEST_DIR="$CACHE_ROOT/mediasoup-worker-$VERSION"
DEST="$DEST_DIR/mediasoup-worker"

# A worker binary "starts" when its shared libraries resolve and it runs far enough to ask for
# its parent (it exits 41 without MEDIASOUP_VERSION: "you don't seem to be my real father").
worker_starts() {
  [ -x "$1" ] || return 1
  local rc=0
  "$1" >/dev/null 2>&1 </dev/null || rc=$?
  [ "$rc" = 41 ]
}

if [ "$force" = 0 ] && worker_starts "$DEST"; then
  log "cached $VERSION worker reused"
  echo "$DEST"
  exit 0
fi

# One build per cache at a time (two setups at once: the second waits, then reuses the binary).
exec 8>>"$CACHE_ROOT/.build-mediasoup-$VERSION.lock"
flock -w "${TELEKIOSK_LOCK_WAIT_S:-3600}" 8 || die "another build of mediasoup $VERSION into $CACHE_ROOT is still running"
if [ "$force" = 0 ] && worker_starts "$DEST"; then
  log "cached $VERSION worker reused (built meanwhile by another run)"
  echo "$DEST"
  exit 0
fi

start_s=$(date +%s)

# --- Debian build dependencies ------------------------------------------------------------
PKGS=(meson ninja-build pkg-config g++ libsrtp2-dev libusrsctp-dev libuv1-dev libssl-dev libabsl-dev nlohmann-json3-dev)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing Debian packages ${missing[*]} and no root/sudo to install them"
    SUDO="sudo -n"
  fi
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
fi
command -v npm >/dev/null 2>&1 || die "npm is needed to fetch the mediasoup $VERSION tarball"

# --- sources: mediasoup's npm tarball (integrity checked by npm) ---------------------------
BUILD_ROOT="$CACHE_ROOT/build/mediasoup-$VERSION"
SRC="$BUILD_ROOT/package/worker"
if [ ! -f "$BUILD_ROOT/.patched" ]; then
  rm -rf "$BUILD_ROOT" && mkdir -p "$BUILD_ROOT"
  log "fetching mediasoup@$VERSION from the npm registry"
  (cd "$BUILD_ROOT" && npm pack "mediasoup@$VERSION" --silent >/dev/null) || die "npm pack mediasoup@$VERSION failed"
  tar -xzf "$BUILD_ROOT/mediasoup-$VERSION.tgz" -C "$BUILD_ROOT" || die "cannot unpack the mediasoup tarball"

  # Patch the meson files. Every edit must apply exactly as expected (the version is pinned);
  # a mismatch stops the build with a message instead of building something else.
  /usr/bin/python3 - "$SRC" <<'PY' || die "patching worker/meson.build failed"
import re, sys, pathlib
root = pathlib.Path(sys.argv[1])

def sub(text, pattern, repl, count_expected, what, flags=0):
    new, n = re.subn(pattern, repl, text, flags=flags)
    if n != count_expected:
        sys.exit(f"meson patch '{what}': expected {count_expected} match(es), found {n}")
    return new

# Debian pkg-config modules standing in for mediasoup's subprojects.
DEPS = """
# Debian bookworm libraries instead of meson subprojects (scripts/build-mediasoup-worker.sh).
openssl_dep = dependency('openssl')
nlohmann_json_dep = dependency('nlohmann_json')
libuv_dep = dependency('libuv')
libsrtp2_dep = dependency('libsrtp2')
usrsctp_dep = dependency('usrsctp')
absl_container_dep = [
  dependency('absl_flat_hash_map'),
  dependency('absl_flat_hash_set'),
  dependency('absl_btree'),
  dependency('absl_inlined_vector'),
  dependency('absl_memory'),
  dependency('absl_optional'),
]
absl_strings_dep = dependency('absl_strings')
absl_types_dep = dependency('absl_optional')
"""
VARS = {
    'openssl_dep': 'openssl_dep', 'nlohmann_json_dep': 'nlohmann_json_dep', 'libuv_dep': 'libuv_dep',
    'libsrtp2_dep': 'libsrtp2_dep', 'usrsctp_dep': 'usrsctp_dep', 'absl_container_dep': 'absl_container_dep',
    'absl_strings_dep': 'absl_strings_dep', 'absl_types_dep': 'absl_types_dep',
}
SUBPROJECT = r"(?m)^[a-z0-9_]+_proj = subproject\(\n  '[^']+',\n  default_options: \[\n(?:    [^\n]*\n)*  \],\n\)\n"

def get_var(m):
    name = m.group(1)
    if name not in VARS:
        sys.exit(f"meson patch: unexpected subproject variable {name}")
    return VARS[name]

main = root / 'meson.build'
t = main.read_text()
t = sub(t, r"meson_version: '>= 1\.1\.0'", "meson_version: '>= 1.0.0'", 1, 'meson_version')
t = sub(t, SUBPROJECT, "", 7, 'subprojects of worker/meson.build')
t = sub(t, r"(cpp = meson\.get_compiler\('cpp'\)\n)", lambda m: m.group(1) + DEPS, 1, 'dependency block')
# Everything from the static link_whole list on (Windows getopt, the library for Rust, tests,
# fuzzer) goes; the executable is declared again below.
t = sub(t, r"\nlink_whole = \[\n.*\Z", "\n", 1, 'link_whole and later targets', re.S)
t = sub(t, r"[a-z0-9_]+_proj\.get_variable\('([a-z0-9_]+)'\)", get_var, 6, 'dependencies list')
t += """
executable(
  'mediasoup-worker',
  build_by_default: true,
  install: true,
  dependencies: dependencies,
  sources: common_sources + ['src/main.cpp'],
  include_directories: include_directories('include'),
  cpp_args: cpp_args + ['-DMS_EXECUTABLE'],
)
"""
if 'subproject(' in t or 'link_whole' in t or 'catch2' in t:
    sys.exit('meson patch: subproject/link_whole/test leftovers in worker/meson.build')
main.write_text(t)

webrtc = root / 'deps/libwebrtc/meson.build'
w = webrtc.read_text()
w = sub(w, SUBPROJECT, "", 1, 'abseil subproject of deps/libwebrtc/meson.build')
w = sub(w, r"[a-z0-9_]+_proj\.get_variable\('([a-z0-9_]+)'\)", get_var, 7, 'libwebrtc dependencies')
if 'subproject(' in w or '_proj.' in w:
    sys.exit('meson patch: subproject leftovers in deps/libwebrtc/meson.build')
webrtc.write_text(w)
PY
  touch "$BUILD_ROOT/.patched"
fi

# --- configure ----------------------------------------------------------------------------
BUILD="$BUILD_ROOT/build"
if [ ! -f "$BUILD/build.ninja" ]; then
  log "meson setup (wrap downloads disabled)"
  rm -rf "$BUILD"
  CPPFLAGS="-I/usr/include/srtp2" meson setup "$BUILD" "$SRC" --wrap-mode=nodownload \
    --buildtype=release -Db_ndebug=true -Db_pie=true >"$BUILD_ROOT/meson-setup.log" 2>&1 ||
    { tail -30 "$BUILD_ROOT/meson-setup.log" >&2; die "meson setup failed (log: $BUILD_ROOT/meson-setup.log)"; }
fi

# --- compile in chunks inside the shared heavy lock ---------------------------------------
compile_s=0
# Runs "$@" holding the heavy lock (waiting for it at most TELEKIOSK_LOCK_WAIT_S) and adds the
# time it held the lock to compile_s: waiting behind other people's tests does not count
# against MEDIASOUP_BUILD_TIMEOUT_S.
run_locked() {
  if [ -n "$LOCK" ]; then
    exec 9>>"$LOCK"
    if ! flock -w "$LOCK_WAIT_S" 9; then
      exec 9>&-
      log "waited ${LOCK_WAIT_S}s for $LOCK without getting it (if the caller already holds it, run with TELEKIOSK_HEAVY_LOCK=)"
      return 1
    fi
  fi
  local t0 rc=0
  t0=$(date +%s)
  "$@" || rc=$?
  compile_s=$((compile_s + $(date +%s) - t0))
  if [ -n "$LOCK" ]; then
    flock -u 9
    exec 9>&-
  fi
  return "$rc"
}
# Sets `left`: seconds of compiling still allowed.
check_budget() {
  left=$((TIMEOUT_S - compile_s))
  [ "$left" -gt 0 ] || die "compiling took longer than MEDIASOUP_BUILD_TIMEOUT_S=${TIMEOUT_S}s"
}

# Reports why a compile step stopped (exit status of `timeout ninja`) and exits.
compile_failed() {
  if [ "$1" = 124 ]; then
    die "compiling took longer than MEDIASOUP_BUILD_TIMEOUT_S=${TIMEOUT_S}s (run again to continue where it stopped; log: $BUILD_ROOT/ninja.log)"
  fi
  tail -40 "$BUILD_ROOT/ninja.log" >&2
  die "the compiler or linker failed (exit $1; log: $BUILD_ROOT/ninja.log)"
}

mapfile -t OBJS < <(ninja -C "$BUILD" -t targets all | sed -n 's/^\([^:]*\.o\): .*/\1/p')
[ "${#OBJS[@]}" -gt 0 ] || die "no object files in the build graph ($BUILD)"
log "compiling ${#OBJS[@]} objects with nice -n 19 ninja -j$JOBS (lock: ${LOCK:-none}; log: $BUILD_ROOT/ninja.log)"
for ((i = 0; i < ${#OBJS[@]}; i += CHUNK)); do
  check_budget
  rc=0
  run_locked timeout "$left" nice -n 19 ninja -C "$BUILD" -j"$JOBS" "${OBJS[@]:i:CHUNK}" >>"$BUILD_ROOT/ninja.log" 2>&1 || rc=$?
  [ "$rc" = 0 ] || compile_failed "$rc"
  n=$((i + CHUNK < ${#OBJS[@]} ? i + CHUNK : ${#OBJS[@]}))
  log "  $n/${#OBJS[@]} objects (compiling ${compile_s}s, wall $(($(date +%s) - start_s))s)"
  # Let anyone queued on the lock go first between chunks.
  if [ -n "$LOCK" ]; then sleep 1; fi
done
check_budget
rc=0
run_locked timeout "$left" nice -n 19 ninja -C "$BUILD" -j"$JOBS" mediasoup-worker >>"$BUILD_ROOT/ninja.log" 2>&1 || rc=$?
[ "$rc" = 0 ] || compile_failed "$rc"

worker_starts "$BUILD/mediasoup-worker" || die "the built worker does not start ($BUILD/mediasoup-worker)"
mkdir -p "$DEST_DIR"
strip -o "$DEST_DIR/.mediasoup-worker.tmp" "$BUILD/mediasoup-worker" 2>/dev/null || cp "$BUILD/mediasoup-worker" "$DEST_DIR/.mediasoup-worker.tmp"
chmod 755 "$DEST_DIR/.mediasoup-worker.tmp"
mv -f "$DEST_DIR/.mediasoup-worker.tmp" "$DEST"
echo "$VERSION" >"$DEST_DIR/VERSION"
rm -rf "$BUILD_ROOT"
log "built mediasoup-worker $VERSION: ${compile_s}s compiling (lock held), $(($(date +%s) - start_s))s wall"
echo "$DEST"
