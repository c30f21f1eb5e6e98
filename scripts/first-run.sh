#!/usr/bin/env bash
# How long a newcomer waits: from a fresh clone to the first page served by
# `./platform run`, with nothing of this project's in any cache.
#
#   scripts/first-run.sh            (from the repository; takes 15-20 minutes)
#
# It runs as a user with an empty home folder: no crates downloaded, no
# build cache, no wasm-bindgen-cli, no npm cache. It leaves the machine's own
# tools alone: rustup's toolchain (and its WASM target, if installed: adding
# it takes seconds), Node.js, brotli and other Debian packages count as
# there, as on a machine of this kind that has run anything before. Prints
# the seconds to the first page and where the build's time went.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/leerplatform-first-run.XXXXXX)"
port="${FIRST_RUN_PORT:-3295}"
mkdir -p "$work/home/.cargo/bin"
# rustup's proxies, and nothing else the real home has installed.
for tool in cargo rustc rustup rustfmt cargo-clippy clippy-driver; do
  ln -s "$HOME/.cargo/bin/$tool" "$work/home/.cargo/bin/$tool"
done
git clone -q "$repo" "$work/clone"

export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export HOME="$work/home" CARGO_HOME="$work/home/.cargo"
export PATH="$CARGO_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
unset CARGO_TARGET_DIR LEERPLATFORM_CACHE

cd "$work/clone"
started=$(date +%s)
LEPTOS_SITE_ADDR="127.0.0.1:$port" ./platform run >"$work/run.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; pkill -f "$work/home/.cache" 2>/dev/null || true' EXIT
until curl -fsS "http://127.0.0.1:$port/" -o "$work/page.html" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 30 "$work/run.log"
    echo "first run FAILED after $(($(date +%s) - started)) s (log: $work/run.log)" >&2
    exit 1
  fi
  sleep 2
done
seconds=$(($(date +%s) - started))
grep -q "Participatie" "$work/page.html" || { echo "the first page is not the platform's" >&2; exit 1; }
echo "first page served $seconds s ($((seconds / 60)) min $((seconds % 60)) s) after the clone"
grep -h "Finished \`" "$work/run.log" "$work/home/.cache/leerplatform/server-build.log" | sed 's/^ */  /'
echo "log: $work/run.log; remove $work when done"
