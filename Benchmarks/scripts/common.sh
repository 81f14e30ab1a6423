# Shared by run.sh and compare.sh (sourced, not run): where the data lives,
# generating the synthetic sets on demand, and the release build.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
SHARED_DATA="${RECLAB_TEST_DATA:-$(dirname "$REPO_DIR")/shared/data}"
SYNTH_TOOL="${RECLAB_SYNTH_TOOL:-$(dirname "$REPO_DIR")/shared/tools/synth_movielens.py}"
# The same default as BenchData.synthetic in Harness.swift.
BENCH_DATA="${RECLAB_BENCH_DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/reclab/bench}"
export RECLAB_BENCH_DATA="$BENCH_DATA"
BENCH_BIN="$BENCH_DIR/.build/release/reclab-bench"

say() { printf '%s\n' "$*" >&2; }
die() { say "$(basename "$0"): $*"; exit 2; }

# synth_params SIZE: the generator's arguments for a synthetic size.
synth_params() {
    case "$1" in
        10m) echo "--ratings 10000000 --users 100000 --movies 25000" ;;
        33m) echo "--ratings 33800000 --users 330000 --movies 83000" ;;
        *) return 1 ;;
    esac
}

# ratings_file SIZE / movies_file SIZE: the files a size reads.
ratings_file() { if [ "$1" = small ]; then echo "$SHARED_DATA/ml-latest-small/ratings.csv"; else echo "$BENCH_DATA/synth-$1/ratings.csv"; fi; }
movies_file() { if [ "$1" = small ]; then echo "$SHARED_DATA/ml-latest-small/movies.csv"; else echo "$BENCH_DATA/synth-$1/movies.csv"; fi; }

# ensure_data SIZE: makes sure the size's files are there and complete.
# A synthetic set is complete when its COMPLETE marker names the same
# arguments; a set made by hand (no marker) is accepted, and marked, when
# its files have the expected number of lines. Otherwise it is generated
# into a temporary folder beside it, then renamed into place.
ensure_data() {
    local size="$1" params dir expected
    if [ "$size" = small ]; then
        [ -f "$(ratings_file small)" ] || die "no $(ratings_file small) (set RECLAB_TEST_DATA)"
        return 0
    fi
    params="$(synth_params "$size")" || die "unknown size '$size' (small, 10m, 33m)"
    dir="$BENCH_DATA/synth-$size"
    [ -f "$dir/COMPLETE" ] && [ "$(cat "$dir/COMPLETE")" = "$params" ] && return 0
    if [ -f "$dir/ratings.csv" ] && [ -f "$dir/movies.csv" ]; then
        set -- $params
        expected="$2"
        say "checking $dir (made without a COMPLETE marker) …"
        if [ "$(wc -l < "$dir/ratings.csv")" -eq $((expected + 1)) ] \
            && [ "$(wc -l < "$dir/movies.csv")" -eq $(($6 + 1)) ] \
            && [ "$(tail -c 1 "$dir/ratings.csv" | od -An -c | tr -d ' ')" = '\n' ]; then
            echo "$params" > "$dir/COMPLETE"
            return 0
        fi
        # Another process may be writing it (the generator writes in place).
        local age=$(( $(date +%s) - $(stat -c %Y "$dir/ratings.csv") ))
        [ "$age" -ge 60 ] || die "$dir/ratings.csv changed ${age} s ago: is it being generated? Run again when it is done"
        say "$dir is incomplete; generating it again"
    fi
    local python="${RECLAB_SYNTH_PYTHON:-python3}"
    "$python" -c 'import numpy' 2>/dev/null \
        || die "$python has no numpy, which $SYNTH_TOOL needs (set RECLAB_SYNTH_PYTHON to a Python that has it)"
    [ -f "$SYNTH_TOOL" ] || die "no generator at $SYNTH_TOOL (set RECLAB_SYNTH_TOOL)"
    mkdir -p "$BENCH_DATA"
    local tmp="$BENCH_DATA/.synth-$size.partial.$$"
    rm -rf "$BENCH_DATA/.synth-$size.partial."*  # left by an interrupted run
    say "generating the $size synthetic set into $dir (about 2 minutes for 33m) …"
    # shellcheck disable=SC2086
    "$python" "$SYNTH_TOOL" "$tmp" $params >&2 || { rm -rf "$tmp"; die "generating $size failed"; }
    echo "$params" > "$tmp/COMPLETE"
    rm -rf "$dir"
    mv "$tmp" "$dir"
}

# build_release: builds reclab-bench in release mode (quietly unless it fails).
build_release() {
    say "building reclab-bench (release) …"
    local log
    log="$(mktemp)"
    if ! (cd "$BENCH_DIR" && swift build -c release --product reclab-bench) > "$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "the release build failed"
    fi
    rm -f "$log"
}
