#!/usr/bin/env bash
# Every reclab-bench phase at three sizes (ml-latest-small, 10M and 33.8M
# synthetic ratings), release build, one process per size, one table on
# standard output (progress and the phases' own lines on standard error).
#
#   Benchmarks/run.sh [--sizes small,10m,33m] [--phase NAME]... [--repeats 5]
#                     [--markdown] [--reports] [--no-build] [--results FILE]
#
# The synthetic sets are generated on demand (see scripts/common.sh) into
# $RECLAB_BENCH_DATA, default ${XDG_CACHE_HOME:-~/.cache}/reclab/bench.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"

usage() {
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

sizes=small,10m,33m repeats=5 markdown="" reports=--no-reports build=1 results="" phases=()
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) [ $# -ge 2 ] || usage; sizes="$2"; shift 2 ;;
        --phase) [ $# -ge 2 ] || usage; phases+=(--phase "$2"); shift 2 ;;
        --repeats) [ $# -ge 2 ] || usage; repeats="$2"; shift 2 ;;
        --markdown) markdown=--markdown; shift ;;
        --reports) reports=""; shift ;;
        --no-build) build=""; shift ;;
        --results) [ $# -ge 2 ] || usage; results="$2"; shift 2 ;;
        *) usage ;;
    esac
done
IFS=, read -ra size_list <<< "$sizes"

for size in "${size_list[@]}"; do
    case "$size" in small|10m|33m) ensure_data "$size" ;; esac
done
[ -z "$build" ] || build_release

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="${results:-$work/results.tsv}"
: > "$results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${size_list[@]}"; do
    say "== reclab-bench --size $size"
    "$BENCH_BIN" --size "$size" --repeats "$repeats" --results "$results" ${reports:+"$reports"} \
        ${phases[@]+"${phases[@]}"} >&2
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 "$BENCH_DIR/scripts/report.py" table "$results" ${markdown:+"$markdown"} \
    --note "reclab-bench, release build, median of $repeats runs, one process per size ($sizes). Load average (1/5/15 min) $load_before before, $load_after after."
