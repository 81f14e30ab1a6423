#!/usr/bin/env python3
"""LensKit 0.14.4's top-N metrics of seeded random lists, for
TopNMetricsLensKitTests: the metric definitions checked one user at a time.

Regenerate (in a throwaway virtual environment outside the repository):

    python3 -m venv /tmp/lk-venv
    /tmp/lk-venv/bin/pip install lenskit==0.14.4
    /tmp/lk-venv/bin/python Tests/Fixtures/lenskit-topn/make_fixtures.py Tests/Fixtures/lenskit-topn

The lists and held-out ratings are made up (seed 20261207) and cover the
edges: lists shorter than K, lists with no hit, a hit at rank 1, users with
fewer held-out movies than K and more, half-star gains with ties, and users
with no list at all (RecListAnalysis(include_missing) scores them 0 here).

Files (every number with 17 significant digits, so it reads back exactly):
  lists.csv    user,rank,item — the recommendation lists (ranks from 1)
  truth.csv    user,item,rating — the held-out ratings
  metrics.csv  user,ndcg,ndcg_binary,recall,precision,mrr,hit at K=10
"""

import os
import sys

import numpy as np
import pandas as pd
from lenskit import topn

K = 10
out = sys.argv[1]
rng = np.random.default_rng(20261207)
lists, truth = [], []
for user in range(1, 301):
    catalogue = rng.choice(np.arange(1, 400), size=60, replace=False)
    n_truth = int(rng.integers(1, 25))
    held = catalogue[:n_truth]
    for item in held:
        truth.append((user, int(item), float(rng.integers(1, 11)) / 2))
    if user % 37 == 0:
        continue  # no list
    length = K if user % 5 else int(rng.integers(0, K))
    # Mix held-out and other movies, so hits land anywhere.
    pool = rng.permutation(catalogue[: n_truth + 30])
    for rank, item in enumerate(pool[:length], start=1):
        lists.append((user, rank, int(item)))

recs = pd.DataFrame(lists, columns=["user", "rank", "item"])
truth_df = pd.DataFrame(truth, columns=["user", "item", "rating"])
recs["score"] = -recs["rank"].astype(float)

def analyse(truth_frame, metrics):
    rla = topn.RecListAnalysis()
    for name, fn in metrics:
        rla.add_metric(fn, name=name, k=K)
    return rla.compute(recs, truth_frame, include_missing=True).fillna(0)

rated = analyse(truth_df, [("ndcg", topn.ndcg), ("recall", topn.recall), ("precision", topn.precision),
                           ("mrr", topn.recip_rank), ("hit", topn.hit)])
binary = analyse(truth_df[["user", "item"]], [("ndcg_binary", topn.ndcg)])
metrics = rated.join(binary[["ndcg_binary"]]).reset_index()
metrics = metrics[["user", "ndcg", "ndcg_binary", "recall", "precision", "mrr", "hit"]].sort_values("user")

recs[["user", "rank", "item"]].to_csv(os.path.join(out, "lists.csv"), index=False)
truth_df.to_csv(os.path.join(out, "truth.csv"), index=False, float_format="%.17g")
metrics.to_csv(os.path.join(out, "metrics.csv"), index=False, float_format="%.17g")
print(f"{len(metrics)} users, {len(recs)} list rows, {len(truth_df)} held-out ratings")
