#!/usr/bin/env bash
# Runs `pushlint check` for the GitHub Action (action.yml): the report in INPUT_FORMAT on the
# log, a Markdown table of the findings in $GITHUB_STEP_SUMMARY, SARIF when INPUT_SARIF is true,
# and exit-code, findings and sarif-file in $GITHUB_OUTPUT. Always exits 0 unless pushlint could
# not run at all, so that the SARIF upload still happens; the action's last step fails the job.
set -uo pipefail
action_dir="$(cd "$(dirname "$0")/.." && pwd)"
tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
output="${GITHUB_OUTPUT:-/dev/null}"
read -r -a paths <<<"${INPUT_PATHS:-.}"
read -r -a extra <<<"${INPUT_ARGS:-}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

pushlint check --format "${INPUT_FORMAT:-github}" --fail-on "${INPUT_FAIL_ON:-error}" \
    ${extra[@]+"${extra[@]}"} -- "${paths[@]}"
code=$?
echo "exit-code=$code" >>"$output"
if [ "$code" -ge 2 ]; then
    echo "::error::pushlint exited $code (usage or internal error)"
    exit 0
fi

report="$tmp/pushlint-report.json"
if pushlint check --format json --exit-zero --quiet ${extra[@]+"${extra[@]}"} --output "$report" -- "${paths[@]}"; then
    python="$(command -v python3 || command -v python)"
    "$python" "$action_dir/action/summary.py" "$report" findings >>"$output"
    if [ "${INPUT_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        "$python" "$action_dir/action/summary.py" "$report" markdown >>"$GITHUB_STEP_SUMMARY"
    fi
fi

if [ "${INPUT_SARIF:-false}" = "true" ]; then
    sarif="$tmp/pushlint.sarif"
    if pushlint check --format sarif --exit-zero ${extra[@]+"${extra[@]}"} --output "$sarif" -- "${paths[@]}"; then
        echo "sarif-file=$sarif" >>"$output"
    fi
fi
exit 0
