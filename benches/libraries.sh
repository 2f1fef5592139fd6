#!/usr/bin/env bash
# Times `pushlint check --format json` on one app whose dependencies are N AARs in a Gradle user
# home (read from the cache: central directory, then the manifest entry only), against the same
# app with `--no-library-manifests` (nothing read from the cache: the cost before library
# manifests existed). Prints medians and the ratio. Uses hyperfine when installed.
# Usage: benches/libraries.sh [N...]   (default: 30 300; env RUNS=20)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(30 300)
RUNS=${RUNS:-20}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --quiet --release --bin pushlint --example gen-libraries
BIN=$PWD/target/release/pushlint
median_ms() {
    if command -v hyperfine >/dev/null; then
        hyperfine --style none -N -i -w 3 -r "$RUNS" --export-json "$WORK/h.json" -- "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$WORK/h.json"
    else
        local times=()
        for _ in $(seq "$RUNS"); do
            local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
            times+=($(((t1 - t0) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR+1)/2)]/1000}'
    fi
}
echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); runs per point: $RUNS"
printf '%6s %16s %22s %7s\n' AARs "with cache ms" "--no-library-manifests" ratio
for n in "${SIZES[@]}"; do
    d="$WORK/app-$n"
    "$PWD/target/release/examples/gen-libraries" "$n" "$d" >/dev/null
    with=$(median_ms "$BIN" check "$d/app" --format json --gradle-user-home "$d/gradle-home")
    without=$(median_ms "$BIN" check "$d/app" --format json --gradle-user-home "$d/gradle-home" --no-library-manifests)
    printf '%6s %16s %22s %7s\n' "$n" "$with" "$without" "$(python3 -c "print('%.2fx' % ($with/$without))")"
done
