#!/usr/bin/env python3
"""The peers' side of compare.sh: one engine's phases on one size's files.

    peers.py ENGINE --size 33m --ratings R.csv --movies M.csv --person P.csv \
             --results OUT.tsv [--repeats 5] [--budget 60] [--no-limits]

ENGINE is pandas, polars, duckdb, lenskit or surprise. Each phase is timed
like reclab-bench times its own (wall clock, median of the repeats; a phase
stops repeating once its runs have taken --budget seconds, so slow peers
report fewer runs), with the peak resident memory during the phase (VmHWM,
reset through /proc/self/clear_refs before the phase) and the memory held
before it. Each result is one tab-separated line appended to --results:
engine, phase, size, runs, median, min, max (seconds), peak, held (MiB),
what the engine runs, remark, median CPU seconds (every thread). An engine
that is not importable writes a "not importable" line for each phase.

The phase names are reclab-bench's, so scripts/report.py pairs them:
load ratings.csv, stats by movieId, join ratings⋈movies, mf epoch (all
ratings), matrix + userknn train, userknn recommend (100). What each engine
runs for them is written in its lines.
"""
import argparse
import gc
import os
import sys
import tempfile
import time

# Sizes at which an engine is left out unless --no-limits, and why.
LIMITS = {
    ("surprise", "33m"): "not run at 33m: Surprise's trainset holds every rating as Python objects "
                         "(3.2 GB and 22 s to build at 10M, so about 11 GB at 33.8M, too much for a shared "
                         "machine); compare.sh --no-limits runs it",
}


def status_bytes(key):
    """A line of /proc/self/status in bytes (VmHWM, VmRSS), 0 if unknown."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def reset_peak():
    """Resets the kernel's peak-RSS mark to the current RSS; False if refused."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def median(times):
    """The middle of the sorted times (the upper one of two), as reclab-bench takes it."""
    return sorted(times)[len(times) // 2]


class Inner:
    """What a timed step returns when it timed its own inner part."""

    def __init__(self, seconds, cpu, value=None):
        self.seconds, self.cpu, self.value = seconds, cpu, value


class Bench:
    """Times phases and appends their lines to --results."""

    def __init__(self, args, quiet=False):
        self.args = args
        self.size = args.size
        # A quiet bench runs each phase once and records nothing: the warm-up.
        self.quiet = quiet

    def write(self, engine, phase, runs, times, peak, held, what, remark="", cpu=()):
        def mib(b):
            return "" if b is None else f"{b / 1048576:.0f}"
        if times:
            cells = [f"{median(times):.6f}", f"{min(times):.6f}", f"{max(times):.6f}"]
        else:
            cells = ["", "", ""]
        line = "\t".join([engine, phase, self.size, str(runs)] + cells
                         + [mib(peak), mib(held), what.replace("\t", " "), remark.replace("\t", " "),
                            f"{median(cpu):.6f}" if cpu else ""])
        with open(self.args.results, "a", encoding="utf-8") as f:
            f.write(line.replace("\n", " ") + "\n")

    def skip(self, engine, phase, why):
        print(f"  {engine} {phase} {self.size}: {why}", file=sys.stderr)
        self.write(engine, phase, 0, [], None, None, "", why)

    def measure(self, engine, phase, work, what="", remark=""):
        """Times work() up to --repeats times; returns its last result."""
        if self.quiet:
            result = work()
            return result.value if isinstance(result, Inner) else result
        held = status_bytes("VmRSS")
        per_phase = reset_peak()
        times, cpu, result, spent = [], [], None, 0.0
        for _ in range(self.args.repeats):
            result = None  # free the previous run's result before the next
            gc.collect()
            start, cpu_start = time.perf_counter(), time.process_time()
            result = work()
            seconds = time.perf_counter() - start
            cpu.append(time.process_time() - cpu_start)
            if isinstance(result, Inner):
                seconds, cpu[-1], result = result.seconds, result.cpu, result.value
            times.append(seconds)
            spent += seconds
            if spent > self.args.budget:
                break
        peak = status_bytes("VmHWM")
        remarks = [remark] if remark else []
        if not per_phase:
            remarks.append("peak RSS of the process so far")
        if len(times) < self.args.repeats:
            runs = f"{len(times)} run" + ("" if len(times) == 1 else "s")
            remarks.append(f"{runs}: stopped after {self.args.budget:.0f} s (--budget)")
        print(f"  {engine:<18} {phase:<26} {self.size:<6} median {median(times) * 1000:10.1f} ms "
              f"[{min(times) * 1000:.1f} – {max(times) * 1000:.1f}]  peak RSS {peak / 1048576:.0f} MiB "
              f"(held before {held / 1048576:.0f} MiB)", file=sys.stderr)
        self.write(engine, phase, len(times), times, peak, held, what, "; ".join(remarks), cpu)
        return result


def run_pandas(b, a):
    import pandas as pd
    v = f"pandas {pd.__version__}"
    ratings = b.measure("pandas", "load ratings.csv", lambda: pd.read_csv(a.ratings),
                        f"{v}: read_csv, default C parser (1 thread)")
    movies = pd.read_csv(a.movies)
    b.measure("pandas", "stats by movieId",
              lambda: ratings.groupby("movieId")["rating"].agg(["count", "mean", "std", "min", "max"]),
              f"{v}: groupby('movieId')['rating'].agg(count, mean, std, min, max), sorted by key")
    b.measure("pandas", "join ratings⋈movies", lambda: ratings.merge(movies, on="movieId", how="inner"),
              f"{v}: ratings.merge(movies, on='movieId')")


def run_polars(b, a):
    import polars as pl
    v = f"polars {pl.__version__}"
    # The lazy API, each query collected: on 10M ratings its group-by and
    # join took half the eager ones' time (polars 2.1).
    ratings = b.measure("polars", "load ratings.csv", lambda: pl.scan_csv(a.ratings).collect(),
                        f"{v}: scan_csv(…).collect() (all cores)")
    movies = pl.read_csv(a.movies)
    r = pl.col("rating")
    b.measure("polars", "stats by movieId",
              lambda: ratings.lazy().group_by("movieId").agg(
                  pl.len().alias("count"), r.mean().alias("mean"), r.std().alias("std"),
                  r.min().alias("min"), r.max().alias("max")).collect(),
              f"{v}: lazy group_by('movieId').agg(len, mean, std, min, max).collect(), unsorted")
    b.measure("polars", "join ratings⋈movies",
              lambda: ratings.lazy().join(movies.lazy(), on="movieId", how="inner").collect(),
              f"{v}: lazy ratings.join(movies, on='movieId').collect()")


def run_duckdb(b, a):
    import duckdb
    v = f"duckdb {duckdb.__version__}"
    con = duckdb.connect()  # in memory, all cores
    path = a.ratings.replace("'", "''")
    b.measure("duckdb", "load ratings.csv",
              lambda: con.execute(f"CREATE OR REPLACE TABLE ratings AS SELECT * FROM read_csv('{path}')"),
              f"{v}: CREATE TABLE ratings AS SELECT * FROM read_csv(…), in-memory database")
    con.execute("CREATE TABLE movies AS SELECT * FROM read_csv('{}')".format(a.movies.replace("'", "''")))
    b.measure("duckdb", "stats by movieId",
              lambda: con.execute("CREATE OR REPLACE TEMP TABLE s AS SELECT movieId, count(rating) AS count, "
                                  "avg(rating) AS mean, stddev_samp(rating) AS std, min(rating) AS min, "
                                  "max(rating) AS max FROM ratings GROUP BY movieId"),
              f"{v}: CREATE TEMP TABLE AS SELECT … GROUP BY movieId (result kept in the database, unsorted)")
    b.measure("duckdb", "join ratings⋈movies",
              lambda: con.execute("CREATE OR REPLACE TEMP TABLE j AS SELECT * FROM ratings JOIN movies USING (movieId)"),
              f"{v}: CREATE TEMP TABLE AS SELECT * FROM ratings JOIN movies USING (movieId)")
    con.close()


def read_person(path):
    import pandas as pd
    person = pd.read_csv(path)
    return pd.Series(person["rating"].values, index=person["movieId"].values)


def run_lenskit(b, a):
    import pandas as pd
    import lenskit
    from lenskit.algorithms import Recommender, als
    from lenskit.algorithms import funksvd
    from lenskit.algorithms.user_knn import UserUser
    v = f"LensKit {lenskit.__version__}"
    ratings = pd.read_csv(a.ratings, usecols=["userId", "movieId", "rating"]).rename(
        columns={"userId": "user", "movieId": "item"})
    person = read_person(a.person)

    # numba compiles each kernel on first use: warm every algorithm up on a
    # small slice first, so compile time is not timed.
    warm = ratings.iloc[:50_000]
    als.BiasedMF(4, iterations=1).fit(warm)
    funksvd.FunkSVD(4, iterations=1).fit(warm)
    warm_rec = Recommender.adapt(UserUser(15, min_nbrs=3))
    warm_rec.fit(warm)
    warm_rec.recommend(-1, 10, ratings=person)
    del warm, warm_rec

    def biased_mf():
        # The iteration alone: the clock starts when the biases and the
        # sparse matrices are ready (as reclab's `mf epoch` starts after
        # its setup).
        algo = als.BiasedMF(50, iterations=1)
        ready = {}
        initial = algo._initial_model

        def marked(r):
            out = initial(r)
            ready["t"], ready["cpu"] = time.perf_counter(), time.process_time()
            return out
        algo._initial_model = marked
        algo.fit(ratings)
        return Inner(time.perf_counter() - ready["t"], time.process_time() - ready["cpu"])

    b.measure("lenskit BiasedMF", "mf epoch (all ratings)", biased_mf,
              f"{v}: als.BiasedMF(50, iterations=1): one ALS iteration (users then items, method 'cd', "
              f"reg 0.1, damping 5; numba, all cores); biases and matrix setup not timed")

    spent = []
    train = funksvd.train

    def timed_train(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        out = train(*args, **kwargs)
        spent.append((time.perf_counter() - start, time.process_time() - cpu))
        return out
    funksvd.train = timed_train

    def funk():
        spent.clear()
        funksvd.FunkSVD(50, iterations=1).fit(ratings)
        return Inner(*spent[0])

    b.measure("lenskit FunkSVD", "mf epoch (all ratings)", funk,
              f"{v}: funksvd.FunkSVD(50, iterations=1): 50 SGD passes, one per feature (1 thread); "
              f"biases, shuffle and indexing not timed")
    funksvd.train = train

    def fit_user_user():
        rec = Recommender.adapt(UserUser(15, min_nbrs=3))
        rec.fit(ratings)
        return rec
    rec = b.measure("lenskit UserUser", "matrix + userknn train", fit_user_user,
                    f"{v}: Recommender.adapt(UserUser(15, min_nbrs=3)).fit(ratings DataFrame)")
    top = list(rec.recommend(-1, 10, ratings=person)["item"])
    print("  LensKit top 10: " + " ".join(str(i) for i in top), file=sys.stderr)
    b.measure("lenskit UserUser", "userknn recommend (100)", lambda: rec.recommend(-1, 10, ratings=person),
              f"{v}: TopN(UserUser(15, min_nbrs=3)).recommend(new user, 10, ratings=the 100)",
              agreement(top, a.person))


def agreement(top_items, path):
    """Whether LensKit's top 10 is reclab's (PATH.top10, from reclab-bench)."""
    try:
        with open(path + ".top10") as f:
            ours = [int(line.split(",")[0]) for line in f.read().split("\n")[1:] if line]
    except OSError:
        return "(no reclab top 10 to compare)"
    same = sum(1 for x, y in zip(ours, top_items) if x == y)
    return "same top 10 as reclab, in order" if same == 10 == len(ours) else \
        f"{same} of 10 in the same place as reclab's ({len(set(ours) & set(top_items))} shared)"


def run_surprise(b, a):
    import pandas as pd
    import surprise
    from surprise import SVD, Dataset, Reader
    v = f"Surprise {surprise.__version__}"
    frame = pd.read_csv(a.ratings, usecols=["userId", "movieId", "rating"])
    start = time.perf_counter()
    trainset = Dataset.load_from_df(frame, Reader(rating_scale=(0.5, 5.0))).build_full_trainset()
    setup = time.perf_counter() - start
    del frame
    gc.collect()
    b.measure("surprise SVD", "mf epoch (all ratings)",
              lambda: SVD(n_factors=50, n_epochs=1, random_state=0).fit(trainset),
              f"{v}: SVD(n_factors=50, n_epochs=1).fit(trainset): one SGD epoch, biased, 1 thread; "
              f"building the trainset not timed", f"trainset built in {setup:.1f} s")


ENGINES = {"pandas": run_pandas, "polars": run_polars, "duckdb": run_duckdb,
           "lenskit": run_lenskit, "surprise": run_surprise}
PHASES = {"pandas": ["load ratings.csv", "stats by movieId", "join ratings⋈movies"],
          "polars": ["load ratings.csv", "stats by movieId", "join ratings⋈movies"],
          "duckdb": ["load ratings.csv", "stats by movieId", "join ratings⋈movies"],
          "lenskit": ["mf epoch (all ratings)", "matrix + userknn train", "userknn recommend (100)"],
          "surprise": ["mf epoch (all ratings)"]}
MODULES = {"pandas": ["pandas"], "polars": ["polars"], "duckdb": ["duckdb"],
           "lenskit": ["lenskit", "pandas"], "surprise": ["surprise", "pandas"]}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("engine", choices=sorted(ENGINES))
    p.add_argument("--size", required=True)
    p.add_argument("--ratings", required=True)
    p.add_argument("--movies", required=True)
    p.add_argument("--person", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--budget", type=float, default=60.0, help="seconds of timed runs after which a phase stops repeating")
    p.add_argument("--no-limits", action="store_true", help="run engines even at sizes LIMITS leaves out")
    a = p.parse_args()
    b = Bench(a)
    label = {"lenskit": "lenskit", "surprise": "surprise SVD"}.get(a.engine, a.engine)
    if (a.engine, a.size) in LIMITS and not a.no_limits:
        for phase in PHASES[a.engine]:
            b.skip(label, phase, LIMITS[(a.engine, a.size)])
        return
    for module in MODULES[a.engine]:
        try:
            __import__(module)
        except Exception as error:  # ImportError, or a broken install
            for phase in PHASES[a.engine]:
                b.skip(label, phase, f"not importable ({module}: {error.__class__.__name__}: {error})")
            return
    if a.engine in ("pandas", "polars", "duckdb"):
        warm_up(ENGINES[a.engine], a)
    ENGINES[a.engine](b, a)


def warm_up(engine, a):
    """Runs every phase once, untimed, on the first 10,000 ratings: imports,
    lazy initialisation and first-call costs are not what is compared."""
    with tempfile.TemporaryDirectory() as folder:
        head = os.path.join(folder, "ratings.csv")
        with open(a.ratings, encoding="utf-8") as source, open(head, "w", encoding="utf-8") as out:
            for _, line in zip(range(10_001), source):
                out.write(line)
        engine(Bench(argparse.Namespace(**{**vars(a), "ratings": head}), quiet=True),
               argparse.Namespace(**{**vars(a), "ratings": head}))


if __name__ == "__main__":
    main()
