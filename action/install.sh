#!/usr/bin/env bash
# Installs pushlint for the GitHub Action (action.yml).
#   install.sh key      writes the cargo install root and its cache key to $GITHUB_OUTPUT
#   install.sh install  installs pushlint and puts it on $GITHUB_PATH
# INPUT_INSTALL: wheel (pip, into a virtualenv; no Rust needed), cargo (cargo install --locked
# from this action's source into a cached root), or path (pushlint already on PATH).
set -euo pipefail
action_dir="$(cd "$(dirname "$0")/.." && pwd)"
tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
cargo_root="$tmp/pushlint-cargo"
version="${INPUT_VERSION:-}"
if [ -z "$version" ]; then
    version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$action_dir/Cargo.toml" | head -n 1)"
fi

case "${1:-}" in
key)
    # The source decides the binary: hash what cargo builds from.
    hash="$(cat "$action_dir/Cargo.toml" "$action_dir/Cargo.lock" \
        | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-16)"
    {
        echo "cargo-root=$cargo_root"
        echo "cache-key=pushlint-cargo-${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}-$version-$hash"
    } >>"${GITHUB_OUTPUT:-/dev/null}"
    ;;
install)
    case "${INPUT_INSTALL:-wheel}" in
    wheel)
        python="$(command -v python3 || command -v python)"
        venv="$tmp/pushlint-venv"
        "$python" -m venv "$venv"
        bin="$venv/bin"
        [ -d "$bin" ] || bin="$venv/Scripts"
        "$bin/python" -m pip install --quiet --disable-pip-version-check "pushlint==$version"
        ;;
    cargo)
        bin="$cargo_root/bin"
        if [ -x "$bin/pushlint" ] && "$bin/pushlint" --version | grep -q "pushlint $version"; then
            echo "pushlint $version restored from the cache"
        else
            cargo install --locked --root "$cargo_root" --path "$action_dir"
        fi
        ;;
    path)
        bin="$(dirname "$(command -v pushlint)")"
        ;;
    *)
        echo "::error::unknown install method '${INPUT_INSTALL}' (wheel, cargo or path)"
        exit 2
        ;;
    esac
    echo "$bin" >>"${GITHUB_PATH:-/dev/null}"
    "$bin/pushlint" --version
    ;;
*)
    echo "usage: install.sh key|install" >&2
    exit 2
    ;;
esac
