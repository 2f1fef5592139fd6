#!/usr/bin/env bash
# The GitHub Action (action.yml) outside GitHub: runs the steps' scripts as the runner would,
# with fake GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STEP_SUMMARY and RUNNER_TEMP, installing the wheel
# in $1 (built by tests/wheel.sh) through pip as if from PyPI, on a copy of the sample app.
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
wheels="${1:-$repo_root/target/wheels}"
wheels="$(cd "$wheels" && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
    echo "action.sh: FAIL: $*" >&2
    exit 1
}

echo "action.sh: every input is passed to the scripts, and every variable they read is an input"
"$python" - "$repo_root" <<'PY'
import pathlib, re, sys, yaml
root = pathlib.Path(sys.argv[1])
action = yaml.safe_load((root / "action.yml").read_text())
inputs = set(action["inputs"])
passed = {}
for step in action["runs"]["steps"]:
    for var, value in (step.get("env") or {}).items():
        m = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", str(value))
        if var.startswith("INPUT_"):
            assert m and var == "INPUT_" + m.group(1).upper().replace("-", "_"), (var, value)
            passed[var] = m.group(1)
read = set()
for script in (root / "action").glob("*.sh"):
    read |= set(re.findall(r"\bINPUT_[A-Z_]+", script.read_text()))
assert read <= set(passed), f"read but never passed: {read - set(passed)}"
used = set(passed.values()) | set(re.findall(r"inputs\.([\w-]+)", (root / "action.yml").read_text()))
assert inputs <= used, f"inputs never used: {inputs - used}"
PY

export RUNNER_TEMP="$work/runner-temp" GITHUB_OUTPUT="$work/output" GITHUB_PATH="$work/path"
export GITHUB_STEP_SUMMARY="$work/summary.md"
mkdir -p "$RUNNER_TEMP"
touch "$GITHUB_OUTPUT" "$GITHUB_PATH" "$GITHUB_STEP_SUMMARY"

echo "action.sh: key step"
INPUT_INSTALL=cargo bash "$repo_root/action/install.sh" key
grep -q '^cache-key=pushlint-cargo-.*-[0-9a-f]\{16\}$' "$GITHUB_OUTPUT" || fail "no cache key: $(cat "$GITHUB_OUTPUT")"

echo "action.sh: install step (wheel, through pip as if from the package index)"
PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels" INPUT_INSTALL=wheel INPUT_VERSION="" \
    bash "$repo_root/action/install.sh" install
bin="$(tail -n 1 "$GITHUB_PATH")"
[ -x "$bin/pushlint" ] || fail "install did not put pushlint on GITHUB_PATH"

echo "action.sh: run step on the sample, with SARIF"
cp -R "$repo_root/fixtures/sample-chat" "$work/workspace"
(
    cd "$work/workspace"
    PATH="$bin:$PATH" INPUT_PATHS="." INPUT_FORMAT=github INPUT_FAIL_ON=error INPUT_ARGS="" \
        INPUT_SARIF=true INPUT_SUMMARY=true bash "$repo_root/action/run.sh" >"$work/log"
)
grep -q '^::error file=app/src/main/AndroidManifest.xml,line=' "$work/log" || fail "no annotation in the log: $(cat "$work/log")"
grep -qx 'exit-code=1' "$GITHUB_OUTPUT" || fail "exit-code: $(cat "$GITHUB_OUTPUT")"
# The count the action reports is the count the binary finds, whatever the sample holds today.
expected="$(cd "$work/workspace" && "$bin/pushlint" check --exit-zero --statistics -f json . | "$python" -c 'import json,sys; print(sum(r["count"] for r in json.load(sys.stdin)))')"
grep -qx "findings=$expected" "$GITHUB_OUTPUT" || fail "findings (expected $expected): $(cat "$GITHUB_OUTPUT")"
sarif="$(sed -n 's/^sarif-file=//p' "$GITHUB_OUTPUT")"
"$python" -c 'import json,sys; assert json.load(open(sys.argv[1]))["runs"][0]["results"]' "$sarif" || fail "bad SARIF"
grep -q '^| severity | rule | file | line | message |$' "$GITHUB_STEP_SUMMARY" || fail "no table: $(cat "$GITHUB_STEP_SUMMARY")"
grep -q '^| error | \[PL101\](.*) click-action-no-matching-filter | `app/src/main/AndroidManifest.xml` | 24 |' \
    "$GITHUB_STEP_SUMMARY" || fail "no PL101 row: $(cat "$GITHUB_STEP_SUMMARY")"
rows="$(grep -c '^| \(error\|warning\|info\) |' "$GITHUB_STEP_SUMMARY")"
[ "$rows" -eq "$expected" ] || fail "$rows rows in the summary, expected $expected"

echo "action.sh: a clean project passes and says so"
: >"$GITHUB_OUTPUT"
: >"$GITHUB_STEP_SUMMARY"
(
    cd "$repo_root/fixtures/PL106-click-target-not-exported/pass"
    PATH="$bin:$PATH" INPUT_PATHS="." INPUT_FORMAT=github INPUT_FAIL_ON=error INPUT_ARGS="--select PL106" \
        INPUT_SARIF=false INPUT_SUMMARY=true bash "$repo_root/action/run.sh" >"$work/log"
)
grep -qx 'exit-code=0' "$GITHUB_OUTPUT" || fail "clean exit-code: $(cat "$GITHUB_OUTPUT")"
grep -qx 'No findings.' "$GITHUB_STEP_SUMMARY" || fail "clean summary: $(cat "$GITHUB_STEP_SUMMARY")"
if grep -q '^sarif-file=' "$GITHUB_OUTPUT"; then fail "SARIF written though not asked for"; fi

echo "action.sh: a usage error is reported as such"
: >"$GITHUB_OUTPUT"
(
    cd "$work/workspace"
    PATH="$bin:$PATH" INPUT_PATHS="." INPUT_FORMAT=github INPUT_FAIL_ON=error INPUT_ARGS="--select PL999" \
        INPUT_SARIF=false INPUT_SUMMARY=true bash "$repo_root/action/run.sh" >"$work/log" 2>&1
)
grep -qx 'exit-code=2' "$GITHUB_OUTPUT" || fail "usage error exit-code: $(cat "$GITHUB_OUTPUT")"
echo "action.sh: ok"
