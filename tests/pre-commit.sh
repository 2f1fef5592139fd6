#!/usr/bin/env bash
# End to end tests of both pre-commit hooks with the real pre-commit (`try-repo`, a fresh store
# each time, so the install is cold) on a throw-away git repo holding a broken Android project:
# the hook must fail with pushlint's message, pass once the manifest is fixed, then block a
# commit that adds a secret to a Java constants file; the `pushlint-fix` hook must fix a
# manifest, and pre-commit must say it modified the file.
# - `language: rust` (.pre-commit-hooks.yaml): pre-commit builds pushlint with cargo install.
# - `language: python` (pre-commit-mirror/): pre-commit pip-installs the wheel in $1 (built by
#   tests/wheel.sh) as if from the package index, with no Rust toolchain on PATH.
# Skips the python hook when no wheel folder is given.
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
wheels="${1:-}"
# pip resolves find-links from its own folder: the wheel folder must be absolute.
[ -z "$wheels" ] || wheels="$(cd "$wheels" && pwd)"
python="$(python3 -c 'import sys; print(sys.executable)')"
if ! "$python" -m pre_commit --version >/dev/null 2>&1; then
    echo "pre-commit is not installed (python3 -m pip install pre-commit)" >&2
    exit 1
fi
# cargo install honours CARGO_TARGET_DIR: reuse compiled dependencies from earlier runs.
export CARGO_TARGET_DIR="${PUSHLINT_PRECOMMIT_TARGET_DIR:-$repo_root/target/pre-commit}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fixture="$repo_root/fixtures/PL106-click-target-not-exported"
# A finding whose fix is safe, for the pushlint-fix hook.
fix_fixture="$repo_root/fixtures/PL203-push-component-exported-mismatch/fail"

# check_hook LABEL HOOK_REPO [env assignments for pre-commit...]
check_hook() {
    local label="$1" hook_repo="$2"
    shift 2
    rm -rf "$work/repo"
    cp -R "$fixture/fail" "$work/repo"
    cd "$work/repo"
    git init -q .
    git add .
    echo "pre-commit.sh ($label): the hook must block the broken manifest"
    local start=$SECONDS
    if env "$@" "$python" -m pre_commit try-repo "$hook_repo" pushlint --all-files --color never >"$work/out" 2>&1; then
        cat "$work/out"
        echo "pre-commit.sh ($label): FAIL: the hook passed on a broken project" >&2
        exit 1
    fi
    if ! grep -q "PL106" "$work/out"; then
        cat "$work/out"
        echo "pre-commit.sh ($label): FAIL: the hook failed without pushlint's message" >&2
        exit 1
    fi
    echo "pre-commit.sh ($label): cold install and first run took $((SECONDS - start)) s"
    echo "pre-commit.sh ($label): the hook must pass once the manifest is fixed"
    cp "$fixture/pass/app/src/main/AndroidManifest.xml" app/src/main/AndroidManifest.xml
    git add .
    if ! env "$@" "$python" -m pre_commit try-repo "$hook_repo" pushlint --all-files --color never >"$work/out" 2>&1; then
        cat "$work/out"
        echo "pre-commit.sh ($label): FAIL: the hook failed on a fixed project" >&2
        exit 1
    fi
    echo "pre-commit.sh ($label): a secret added to a Java constants file must block the commit"
    git -c user.name=ci -c user.email=ci@localhost commit -qm fixed
    mkdir -p app/src/main/java/com/acme/chat/push
    cat >app/src/main/java/com/acme/chat/push/PrivateConstants.java <<'JAVA'
package com.acme.chat.push;

public class PrivateConstants {
    public static final String XM_PUSH_APPSECRET = "kP3xQ9mZ2wV7bN4cR8tY";
}
JAVA
    git add .
    # Only the staged file, as on `git commit`: the hook must not skip it.
    if env "$@" "$python" -m pre_commit try-repo "$hook_repo" pushlint --color never >"$work/out" 2>&1; then
        cat "$work/out"
        echo "pre-commit.sh ($label): FAIL: a committed secret passed the hook" >&2
        exit 1
    fi
    if ! grep -q "PL601" "$work/out" || grep -q "Skipped" "$work/out" || grep -q "kP3xQ9mZ2wV7bN4cR8tY" "$work/out"; then
        cat "$work/out"
        echo "pre-commit.sh ($label): FAIL: no PL601, the hook skipped the file, or the secret was printed" >&2
        exit 1
    fi
    cd "$repo_root"

    echo "pre-commit.sh ($label): the fix hook must fix the manifest, and pre-commit must report it"
    rm -rf "$work/fixrepo"
    cp -R "$fix_fixture" "$work/fixrepo"
    cd "$work/fixrepo"
    git init -q .
    git add .
    if env "$@" "$python" -m pre_commit try-repo "$hook_repo" pushlint-fix --all-files --color never >"$work/out" 2>&1; then
        cat "$work/out"
        echo "pre-commit.sh ($label): FAIL: the fix hook modified a file and passed" >&2
        exit 1
    fi
    if ! grep -q "files were modified by this hook" "$work/out" || ! grep -q "Fixed 1 problem in 1 file" "$work/out" \
        || ! grep -q 'android:exported="true"' app/src/main/AndroidManifest.xml; then
        cat "$work/out"
        git diff
        echo "pre-commit.sh ($label): FAIL: the fix hook did not fix the manifest, or pre-commit did not report it" >&2
        exit 1
    fi
    echo "pre-commit.sh ($label): once the fix is staged, the fix hook must pass"
    git add .
    if ! env "$@" "$python" -m pre_commit try-repo "$hook_repo" pushlint-fix --all-files --color never >"$work/out" 2>&1; then
        cat "$work/out"
        echo "pre-commit.sh ($label): FAIL: the fix hook failed on a fixed project" >&2
        exit 1
    fi
    cd "$repo_root"
}

check_hook "language: rust" "$repo_root" PATH="$PATH"

if [ -n "$wheels" ]; then
    # The mirror as its own repository, as it is published.
    cp -R "$repo_root/pre-commit-mirror" "$work/mirror"
    git -C "$work/mirror" init -q .
    git -C "$work/mirror" add .
    git -C "$work/mirror" -c user.name=ci -c user.email=ci@localhost commit -qm mirror
    # pip builds the mirror with setuptools: have it beside the wheel, so that pip needs no index.
    "$python" -m pip download --quiet --disable-pip-version-check --only-binary :all: \
        --dest "$wheels" "setuptools>=61"
    check_hook "language: python" "$work/mirror" PATH=/usr/bin:/bin HOME="$HOME" \
        PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels" CARGO=/nonexistent RUSTUP_TOOLCHAIN=none
fi
echo "pre-commit.sh: ok"
