#!/usr/bin/env bash
# The Python wheel end to end: builds it with maturin (pyproject.toml), installs it into a fresh
# virtualenv, and runs that pushlint with a PATH holding no Rust toolchain on the sample, which
# must exit 1 with its known findings. Leaves the wheel in $1 (default target/wheels) for the
# pre-commit and GitHub Action tests.
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
wheels="${1:-$repo_root/target/wheels}"
mkdir -p "$wheels"
wheels="$(cd "$wheels" && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "wheel.sh: building the wheel"
rm -rf "$wheels"
"$python" -m maturin build --release --quiet --manifest-path "$repo_root/Cargo.toml" --out "$wheels"
wheel="$(ls "$wheels"/pushlint-*.whl)"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo_root/Cargo.toml" | head -n 1)"
case "$(basename "$wheel")" in
"pushlint-$version-"*) ;;
*)
    echo "wheel.sh: FAIL: $(basename "$wheel") does not carry Cargo.toml's version $version" >&2
    exit 1
    ;;
esac

echo "wheel.sh: installing $(basename "$wheel") into a fresh virtualenv"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"

# What a machine without Rust has: the virtualenv and the system folders, no cargo or rustc.
clean_path="$work/venv/bin:/usr/bin:/bin"
if env -i PATH="$clean_path" sh -c 'command -v cargo || command -v rustc' >/dev/null; then
    echo "wheel.sh: note: this machine has Rust in /usr/bin; the run below does not use it"
fi
cp -R "$repo_root/fixtures/sample-chat" "$work/sample"
set +e
env -i PATH="$clean_path" HOME="$work" pushlint check --format json "$work/sample" >"$work/out.json"
code=$?
set -e
if [ "$code" -ne 1 ]; then
    echo "wheel.sh: FAIL: pushlint from the wheel exited $code on the sample, expected 1" >&2
    exit 1
fi
codes="$("$python" -c 'import json,sys; print(" ".join(sorted({d["code"] for d in json.load(open(sys.argv[1]))["diagnostics"]})))' "$work/out.json")"
expected="PL101 PL102 PL103 PL104 PL105 PL401 PL404"
if [ "$codes" != "$expected" ]; then
    echo "wheel.sh: FAIL: findings $codes, expected $expected" >&2
    exit 1
fi
env -i PATH="$clean_path" pushlint --version
echo "wheel.sh: ok"
