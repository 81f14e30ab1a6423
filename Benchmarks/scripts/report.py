#!/usr/bin/env python3
"""Formats the results run.sh and compare.sh collect (standard library only).

    report.py table RESULTS.tsv [--markdown] [--note TEXT]...
    report.py compare RESULTS.tsv [--markdown] [--note TEXT]...

RESULTS.tsv has one line per phase, from reclab-bench --results and
peers/peers.py: engine, phase, size, runs, median, min, max (seconds),
peak RSS, RSS held before the phase (MiB), what the engine runs, remark,
median CPU seconds (every thread of the process).
`table` prints reclab's phases; `compare` prints each compared phase with
every engine's time and reclab's median divided by the engine's.
"""
import argparse
import os
import platform
import sys
import time

SIZES = ["small", "10m", "33m"]

# The targets (2 cores), for reclab's median at that size.
TARGETS = {
    ("load ratings.csv", "33m"): 1.5,
    ("stats by movieId", "33m"): 0.3,
    ("join ratings⋈movies", "33m"): 1.0,
    ("mf epoch", "33m"): 3.0,
    ("mf epoch (all ratings)", "33m"): 3.0,
    ("matrix + userknn train", "33m"): 3.0,
    ("userknn recommend (100)", "33m"): 0.3,
}

# What reclab runs in each compared phase (reclab-bench's phases).
RECLAB_RUNS = {
    "load ratings.csv": "CSVReader.read, what `load` runs (both cores)",
    "stats by movieId": "groupStats(by: movieId, of: rating): count, mean, std, min, max, sorted by key (both cores)",
    "join ratings⋈movies": "ratings.join(movies), inner on movieId",
    "mf epoch": "one epoch of `train mf` with its defaults (50 factors, Adam, batch 64, both cores) on the 80% "
                "it trains on, the held-out 20% validated; split and initial vectors not timed",
    "mf epoch (all ratings)": "the same epoch with valid=0: every rating trained, as the peers train on all",
    "matrix + userknn train": "RatingMatrix.build + UserKNN.train (nbrs 15, min_nbrs 3), what `train userknn` runs",
    "userknn recommend (100)": "a new person's 100 ratings (every third of the first user with ≥ 300): score "
                               "every unrated movie, top 10",
}
COMPARED = list(RECLAB_RUNS)
PEER_ORDER = ["pandas", "polars", "duckdb", "lenskit BiasedMF", "lenskit FunkSVD", "lenskit UserUser",
              "lenskit", "surprise SVD"]


class Row:
    def __init__(self, cells):
        cells = cells + [""] * (12 - len(cells))
        self.engine, self.phase, self.size = cells[0], cells[1], cells[2]
        self.runs = int(cells[3] or 0)
        self.median, self.min, self.max = (float(c) if c else None for c in cells[4:7])
        self.peak, self.held = (float(c) if c else None for c in cells[7:9])
        self.what, self.remark = cells[9], cells[10]
        self.cpu = float(cells[11]) if cells[11] else None


def read(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(Row(line.rstrip("\n").split("\t")))
    return rows


def seconds(s):
    if s is None:
        return ""
    if s < 0.001:
        return f"{s * 1000:.2f} ms"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def span(a, b):
    if a is None:
        return ""
    # One unit for both ends, the larger's, with the median's precision.
    if b < 0.001:
        return f"{a * 1000:.2f} – {b * 1000:.2f} ms"
    if b < 1:
        return f"{a * 1000:.1f} – {b * 1000:.1f} ms"
    return f"{a:.2f} – {b:.2f} s"


def mib(m):
    return "" if m is None else f"{m:,.0f} MiB"


def render(headers, rows, right, markdown):
    """A Markdown table, or columns aligned with spaces."""
    if markdown:
        def esc(c):
            return str(c).replace("|", "\\|")
        out = ["| " + " | ".join(headers) + " |",
               "|" + "|".join("---:" if k in right else "---" for k in range(len(headers))) + "|"]
        out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
        return "\n".join(out)
    widths = [max(len(str(r[k])) for r in [headers] + rows) for k in range(len(headers))]

    def line(r):
        return "  ".join(str(c).rjust(w) if k in right else str(c).ljust(w)
                         for k, (c, w) in enumerate(zip(r, widths))).rstrip()
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) / 1048576
    except OSError:
        mem = 0
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}"


def header(args, markdown):
    lines = [f"{time.strftime('%Y-%m-%d %H:%M')} on {machine()}."] + args.note
    return "\n".join(lines) if not markdown else "\n".join(lines) + "\n"


def target_remark(phase, size, median):
    limit = TARGETS.get((phase, size))
    if limit is None or median is None:
        return ""
    return f"target ≤ {limit:g} s: {'met' if median <= limit else 'NOT met'}"


def table(args):
    rows = [r for r in read(args.results) if r.engine == "reclab"]
    runs = max((r.runs for r in rows), default=0)
    body = []
    for r in rows:
        remark = r.remark or target_remark(r.phase, r.size, r.median)
        body.append([r.phase, r.size, seconds(r.median), span(r.min, r.max), seconds(r.cpu), mib(r.peak), mib(r.held),
                     remark])
    print(header(args, args.markdown))
    print(render(["phase", "size", f"median of {runs}", "min – max", "CPU", "peak RSS", "held before", "remark"],
                 body, {2, 3, 4, 5, 6}, args.markdown))
    print()
    print("CPU: the median run's CPU time over every thread (on a shared machine less disturbed than wall time). "
          "Peak RSS: the most resident memory during the phase (its preparation and its runs; the kernel's "
          "high-water mark, VmHWM, is reset before each phase), inputs the process already held included; "
          "'held before' is the resident memory when the phase began. One process per size.")


def compare(args):
    rows = read(args.results)
    by_key = {}
    for r in rows:
        by_key.setdefault((r.phase, r.size), []).append(r)
    body, runs_what = [], {}
    for phase in COMPARED:
        for size in SIZES + sorted({s for (p, s) in by_key if p == phase and s not in SIZES}):
            group = by_key.get((phase, size))
            if not group:
                continue
            ours = next((r for r in group if r.engine == "reclab" and r.median is not None), None)
            group.sort(key=lambda r: (r.engine != "reclab",
                                      PEER_ORDER.index(r.engine) if r.engine in PEER_ORDER else 99))
            for r in group:
                if r.engine == "reclab":
                    runs_what.setdefault(("reclab", phase), RECLAB_RUNS.get(phase, ""))
                    remark = r.remark or target_remark(phase, size, r.median)
                    ratio = ""
                else:
                    if r.what:
                        runs_what.setdefault((r.engine, phase), r.what)
                    remark = r.remark if r.median is not None else (r.remark or r.what)
                    ratio = f"{ours.median / r.median:.2f}" if ours and r.median else ""
                if r.median is None:
                    body.append([phase, size, r.engine, "—", "", "", "", "", remark])
                else:
                    body.append([phase, size, r.engine, seconds(r.median), span(r.min, r.max), seconds(r.cpu),
                                 mib(r.peak), ratio, remark])
    print(header(args, args.markdown))
    print(summary(by_key, args.markdown))
    print()
    print("Each peer cell: the engine's median time (reclab's median ÷ it). In detail:")
    print()
    print(render(["phase", "size", "engine", "median", "min – max", "CPU", "peak RSS", "reclab ÷ engine", "remark"],
                 body, {3, 4, 5, 6, 7}, args.markdown))
    print()
    print("CPU: the median run's CPU time over every thread of the engine's process (on a shared machine less "
          "disturbed than wall time; pandas and Surprise use one thread). "
          "reclab ÷ engine: reclab's median time divided by the engine's (0.25: reclab takes a quarter of the time). "
          "Each engine ran in its own process per size, one after another, on the same files; peak RSS is the most "
          "resident memory during the phase (VmHWM reset before it), the data loaded for it included.")
    print()
    print("What each engine runs:" if not args.markdown else "What each engine runs:\n")
    for (engine, phase), what in runs_what.items():
        print(f"- {engine}, {phase}: {what}")
    others = [r for r in rows if r.phase not in COMPARED]
    if others:
        print()
        print("Not measured:" if not args.markdown else "Not measured:\n")
        for r in others:
            print(f"- {r.engine}, {r.size}: {r.remark}")


def summary(by_key, markdown):
    """One row per phase and size: reclab's median, each package's median
    with reclab's median divided by it, and the target."""
    packages = []
    for group in by_key.values():
        for r in group:
            package = r.engine.split()[0]
            if package != "reclab" and package not in packages:
                packages.append(package)
    packages.sort(key=lambda p: [e.split()[0] for e in PEER_ORDER].index(p) if p in [e.split()[0] for e in PEER_ORDER] else 99)
    body = []
    for phase in COMPARED:
        for size in SIZES:
            group = by_key.get((phase, size))
            if not group:
                continue
            ours = next((r for r in group if r.engine == "reclab"), None)
            if ours is None:
                continue
            row = [phase, size, seconds(ours.median) if ours.median is not None else "—"]
            for package in packages:
                cells = []
                for r in group:
                    if r.engine.split()[0] != package or r.median is None:
                        continue
                    name = r.engine.split(" ", 1)[1] + " " if " " in r.engine else ""
                    ratio = f" ({ours.median / r.median:.2f})" if ours.median is not None else ""
                    cells.append(f"{name}{seconds(r.median)}{ratio}")
                row.append("; ".join(cells))
            limit = TARGETS.get((phase, size))
            row.append("" if limit is None or ours.median is None
                       else f"≤ {limit:g} s {'✓' if ours.median <= limit else '✗'}")
            body.append(row)
    names = {"lenskit": "LensKit", "surprise": "Surprise"}
    return render(["phase", "size", "reclab"] + [names.get(p, p) for p in packages] + ["target"],
                  body, set(range(2, 3 + len(packages))), markdown)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("command", choices=["table", "compare"])
    p.add_argument("results")
    p.add_argument("--markdown", action="store_true")
    p.add_argument("--note", action="append", default=[], help="a line to print above the table")
    a = p.parse_args()
    if not os.path.exists(a.results):
        sys.exit(f"report.py: no results file {a.results}")
    (table if a.command == "table" else compare)(a)


if __name__ == "__main__":
    main()
