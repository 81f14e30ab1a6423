#!/usr/bin/env python3
"""LensKit 0.14.4's top-10 metrics of Popular, Bias(5), UserUser(15, 3) and
ItemItem(20) on reclab's per-user split of ml-latest-small, for
TopNModelsLensKitTests: the lists reclab makes must be LensKit's.

The split is reclab's own, written out by reclab (same seed, same rows):

    reclab --data ../shared/data -c 'load movielens small; train, test = split ratings 20% by userId seed 42; save train /tmp/train.csv; save test /tmp/test.csv'
    /tmp/lk-venv/bin/python Tests/Fixtures/lenskit-topn/make_model_fixtures.py /tmp/train.csv /tmp/test.csv Tests/Fixtures/lenskit-topn

Writes models.csv: model,ndcg,recall,precision,mrr,hit (means over the 610
test users, RecListAnalysis(include_missing) with missing as 0; 17
significant digits). ItemItem takes about a minute.
"""

import os
import sys
import warnings

import pandas as pd
from lenskit import batch, topn
from lenskit.algorithms import Recommender, basic, bias, item_knn, user_knn

warnings.filterwarnings("ignore")
train = pd.read_csv(sys.argv[1]).rename(columns={"userId": "user", "movieId": "item"})
test = pd.read_csv(sys.argv[2]).rename(columns={"userId": "user", "movieId": "item"})
algorithms = {
    "popular": basic.Popular(),
    "bias": bias.Bias(damping=5),
    "userknn": user_knn.UserUser(15, min_nbrs=3),
    "itemknn": item_knn.ItemItem(20),
}
rows = []
for name, algorithm in algorithms.items():
    recommender = Recommender.adapt(algorithm)
    recommender.fit(train)
    recs = batch.recommend(recommender, test["user"].unique(), 10, n_jobs=1)
    analysis = topn.RecListAnalysis()
    for metric in (topn.ndcg, topn.recall, topn.precision, topn.recip_rank, topn.hit):
        analysis.add_metric(metric, k=10)
    result = analysis.compute(recs, test, include_missing=True).fillna(0)
    means = result[["ndcg", "recall", "precision", "recip_rank", "hit"]].mean()
    rows.append([name, *means.tolist()])
    print(name, len(result), means.round(4).tolist(), flush=True)
frame = pd.DataFrame(rows, columns=["model", "ndcg", "recall", "precision", "mrr", "hit"])
frame.to_csv(os.path.join(sys.argv[3], "models.csv"), index=False, float_format="%.17g")
