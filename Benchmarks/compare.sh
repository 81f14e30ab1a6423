#!/usr/bin/env bash
# reclab side by side with pandas, polars, duckdb, LensKit and Surprise:
# the same phases on the same files in one run, each engine in its own
# process, one after another; prints each engine's time and reclab's time
# divided by it (standard output; progress on standard error).
#
#   Benchmarks/compare.sh [--sizes small,10m,33m] [--peers pandas,polars,duckdb,lenskit,surprise]
#                         [--repeats 5] [--budget 60] [--timeout 1800] [--markdown]
#                         [--venv DIR | --python PY] [--no-limits] [--no-build] [--results FILE]
#
# --venv DIR uses the virtual environment DIR, creating it from PyPI with
# the peers of peers/requirements.txt when it does not exist yet; --python
# PY (or $RECLAB_PEERS_PYTHON, else python3) uses an existing Python: peers
# it cannot import are reported as such. --budget stops repeating a peer's
# phase once its runs took that many seconds; --timeout ends a peer's
# process for one size after that many seconds. --no-limits also runs
# Surprise at 33m (about 11 GB), which is left out otherwise.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"

usage() {
    sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

sizes=small,10m,33m peers=pandas,polars,duckdb,lenskit,surprise repeats=5 budget=60 timeout=1800
markdown="" venv="" python="${RECLAB_PEERS_PYTHON:-python3}" build=1 results="" limits=""
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) [ $# -ge 2 ] || usage; sizes="$2"; shift 2 ;;
        --peers) [ $# -ge 2 ] || usage; peers="$2"; shift 2 ;;
        --repeats) [ $# -ge 2 ] || usage; repeats="$2"; shift 2 ;;
        --budget) [ $# -ge 2 ] || usage; budget="$2"; shift 2 ;;
        --timeout) [ $# -ge 2 ] || usage; timeout="$2"; shift 2 ;;
        --markdown) markdown=--markdown; shift ;;
        --venv) [ $# -ge 2 ] || usage; venv="$2"; shift 2 ;;
        --python) [ $# -ge 2 ] || usage; python="$2"; shift 2 ;;
        --no-build) build=""; shift ;;
        --no-limits) limits=--no-limits; shift ;;
        --results) [ $# -ge 2 ] || usage; results="$2"; shift 2 ;;
        *) usage ;;
    esac
done
IFS=, read -ra size_list <<< "$sizes"
IFS=, read -ra peer_list <<< "$peers"

if [ -n "$venv" ]; then
    if [ ! -x "$venv/bin/python" ]; then
        say "creating $venv with the peers from PyPI …"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q --upgrade pip >&2
        "$venv/bin/pip" install -q 'lenskit==0.14.4' >&2
        "$venv/bin/pip" install -q -r "$BENCH_DIR/peers/requirements.txt" >&2
    fi
    python="$venv/bin/python"
fi
command -v "$python" > /dev/null || die "no Python '$python'"

for size in "${size_list[@]}"; do
    case "$size" in small|10m|33m) ensure_data "$size" ;; *) die "unknown size '$size' (small, 10m, 33m)" ;; esac
done
[ -z "$build" ] || build_release

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="${results:-$work/results.tsv}"
: > "$results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${size_list[@]}"; do
    person="$work/person-$size.csv"
    say "== reclab, $size"
    "$BENCH_BIN" --size "$size" --repeats "$repeats" --results "$results" --write-person "$person" \
        --phase "load ratings.csv" --phase "stats by movieId" --phase "join ratings⋈movies" \
        --phase "mf epoch" --phase "mf epoch (all ratings)" \
        --phase "matrix + userknn train" --phase "userknn recommend (100)" >&2
    for peer in "${peer_list[@]}"; do
        say "== $peer, $size"
        status=0
        timeout "$timeout" "$python" "$BENCH_DIR/peers/peers.py" "$peer" --size "$size" \
            --ratings "$(ratings_file "$size")" --movies "$(movies_file "$size")" --person "$person" \
            --results "$results" --repeats "$repeats" --budget "$budget" ${limits:+"$limits"} >&2 || status=$?
        if [ "$status" -eq 124 ]; then
            printf '%s\t—\t%s\t0\t\t\t\t\t\t\ttimed out after %s s (phases without a line were not measured)\n' \
                "$peer" "$size" "$timeout" >> "$results"
        elif [ "$status" -ne 0 ]; then
            printf '%s\t—\t%s\t0\t\t\t\t\t\t\tfailed (exit status %s; see the log above)\n' \
                "$peer" "$size" "$status" >> "$results"
        fi
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 "$BENCH_DIR/scripts/report.py" compare "$results" ${markdown:+"$markdown"} \
    --note "compare.sh: reclab-bench (release) and the peers ($peers, $("$python" --version 2>&1)), median of up to $repeats runs, sizes $sizes. Load average (1/5/15 min) $load_before before, $load_after after."
