#!/usr/bin/env bash
# Times `pushlint check --format json` on generated monorepos (N = 10, 100, 1000, 5000 modules, and a
# single app, N = 1) against the physical floor: `cat` over the same input files (the list given),
# cache warm; and against `find | xargs cat`, which also walks the folders as pushlint must.
# Prints medians, both ratios and pushlint's peak RSS. Uses hyperfine when installed (apt-get
# install hyperfine), else a loop; peak RSS from GNU time (apt-get install time).
# Usage: benches/compare.sh [N...]   (env: RUNS=10, WORK=dir to keep the trees)
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1 10 100 1000 5000)
RUNS=${RUNS:-10}
WORK=${WORK:-$(mktemp -d)}
KEEP=${WORK_KEEP:-}
[ -z "$KEEP" ] && trap 'rm -rf "$WORK"' EXIT

cargo build --quiet --release --bin pushlint --example gen-monorepo
BIN=$PWD/target/release/pushlint
GEN=$PWD/target/release/examples/gen-monorepo

# Median wall time in milliseconds of a command run RUNS times (after one warm-up run).
median_ms() {
    if command -v hyperfine >/dev/null; then
        local out="$WORK/hyperfine.json"
        hyperfine --style none -N -i -w 2 -r "$RUNS" --export-json "$out" -- "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$out"
    else
        "$@" >/dev/null 2>&1 || true
        local times=()
        for _ in $(seq "$RUNS"); do
            local t0 t1
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            times+=($(((t1 - t0) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR+1)/2)]/1000}'
    fi
}

peak_rss_mb() {
    if [ -x /usr/bin/time ]; then
        { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | awk -F: '/Maximum resident set size/ {printf "%.1f\n", $2/1024}'
    else
        echo "n/a"
    fi
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); runs per point: $RUNS; $(command -v hyperfine >/dev/null && hyperfine --version || echo 'no hyperfine: shell loop')"
printf '%8s %8s %8s %12s %10s %7s %12s %7s %8s\n' modules files "MB read" "pushlint ms" "cat ms" ratio "find+cat ms" ratio "RSS MB"
for n in "${SIZES[@]}"; do
    dir="$WORK/mono-$n"
    [ -d "$dir" ] || "$GEN" "$n" "$dir" >/dev/null
    # The files pushlint reads: build files, catalog, properties, manifests, vendor JSON, sources.
    list="$WORK/files-$n"
    find "$dir" -type f \( -name '*.gradle' -o -name '*.gradle.kts' -o -name '*.toml' -o -name '*.properties' \
        -o -name 'AndroidManifest.xml' -o -name '*.json' -o -name '*.java' -o -name '*.kt' \) | sort >"$list"
    files=$(wc -l <"$list")
    mb=$(xargs -a "$list" cat | wc -c | awk '{printf "%.1f", $1/1048576}')
    pl=$(median_ms "$BIN" check --format json "$dir")
    floor=$(median_ms xargs -a "$list" cat)
    ratio=$(awk -v a="$pl" -v b="$floor" 'BEGIN {printf "%.2f", a/b}')
    walk_sh="$WORK/walk-$n.sh"
    printf '%s\n' "find '$dir' -type f \\( -name '*.gradle' -o -name '*.gradle.kts' -o -name '*.toml' -o -name '*.properties' -o -name AndroidManifest.xml -o -name '*.json' -o -name '*.java' -o -name '*.kt' \\) -print0 | xargs -0 cat" >"$walk_sh"
    walk=$(median_ms sh "$walk_sh")
    walk_ratio=$(awk -v a="$pl" -v b="$walk" 'BEGIN {printf "%.2f", a/b}')
    rss=$(peak_rss_mb "$BIN" check --format json "$dir")
    printf '%8s %8s %8s %12s %10s %7s %12s %7s %8s\n' "$n" "$files" "$mb" "$pl" "$floor" "${ratio}x" "$walk" "${walk_ratio}x" "$rss"
    [ "$n" = 1 ] && single_ms=$pl
    [ "$n" = 5000 ] && { big_ratio=$ratio; big_rss=$rss; }
done

# The targets: one app in at most 5 ms; 5,000 modules within 2x the `cat` floor and 200 MB.
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { if (v == "" || v == "n/a") print "not measured"; else if (v + 0 <= max) print "met"; else print "NOT met" }'; }
echo "targets: 1 app <= 5 ms: $(verdict "${single_ms:-}" 5); 5000 modules <= 2x cat: $(verdict "${big_ratio:-}" 2), <= 200 MB: $(verdict "${big_rss:-}" 200)"
