#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml: `pre-commit try-repo` builds pushlint (cargo install,
# release profile) and runs the hook on a throw-away git repo holding a broken Android project;
# the hook must fail with pushlint's message, then pass once the manifest is fixed.
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
if python3 -m pre_commit --version >/dev/null 2>&1; then
    pre_commit=(python3 -m pre_commit)
elif command -v pre-commit >/dev/null; then
    pre_commit=(pre-commit)
else
    echo "pre-commit is not installed (python3 -m pip install pre-commit)" >&2
    exit 1
fi
# cargo install honours CARGO_TARGET_DIR: reuse compiled dependencies from earlier runs.
export CARGO_TARGET_DIR="${PUSHLINT_PRECOMMIT_TARGET_DIR:-$repo_root/target/pre-commit}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fixture="$repo_root/fixtures/PL106-click-target-not-exported"
cp -R "$fixture/fail" "$work/repo"
cd "$work/repo"
git init -q .
git add .

echo "pre-commit.sh: the hook must block the broken manifest"
if "${pre_commit[@]}" try-repo "$repo_root" pushlint --all-files --color never >"$work/out" 2>&1; then
    cat "$work/out"
    echo "pre-commit.sh: FAIL: the hook passed on a broken project" >&2
    exit 1
fi
if ! grep -q "PL106" "$work/out"; then
    cat "$work/out"
    echo "pre-commit.sh: FAIL: the hook failed without pushlint's message" >&2
    exit 1
fi

echo "pre-commit.sh: the hook must pass once the manifest is fixed"
cp "$fixture/pass/app/src/main/AndroidManifest.xml" app/src/main/AndroidManifest.xml
git add .
if ! "${pre_commit[@]}" try-repo "$repo_root" pushlint --all-files --color never >"$work/out" 2>&1; then
    cat "$work/out"
    echo "pre-commit.sh: FAIL: the hook failed on a fixed project" >&2
    exit 1
fi
echo "pre-commit.sh: ok"
