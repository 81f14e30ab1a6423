#!/usr/bin/env python3
"""Reference outputs of LensKit 0.14.4's ItemItem, Bias and Popular on
ml-latest-small, for ItemKNNLensKitTests, BiasModelTests and
PopularModelTests.

Regenerate (outside the repository, in a throwaway virtual environment;
training ItemItem takes about a minute):

    python3 -m venv /tmp/lk-venv-b
    /tmp/lk-venv-b/bin/pip install lenskit==0.14.4
    /tmp/lk-venv-b/bin/python Tests/Fixtures/lenskit-models/make_fixtures.py \
        ../shared/data/ml-latest-small/ratings.csv Tests/Fixtures/lenskit-models

The committed files were made with lenskit 0.14.4, numpy 1.26.4, pandas
3.0.6, scipy 1.17.1, numba 0.58.1, csr 0.5.2 (Python 3.11). Every number is
written with 17 significant digits, so it reads back as the exact double.

Files:
  profiles.csv      profile,kind,user,item,rating — who is scored: `user`
                    profiles are data users scored from their training
                    ratings (one row, item and rating empty); `new` profiles
                    are new people given by their ratings (one row each;
                    seeded random subsets of a data user's ratings, one with
                    unknown movie ids mixed in). A rating is empty when it
                    is the data user's own (the test reads it from
                    ml-latest-small; the data may not be copied here).
  itemknn.csv       profile,item,rank,score — ItemItem(20): rank 1..50 is
                    TopN's top 50 in order (`Recommender.adapt`); rank 0 rows
                    are other candidates sampled with a seed, scored or not
                    (`nan`).
  bias.csv          model,profile,item,rank,score — the same for Bias() (model
                    `d0`), Bias(damping=5) (`d5`) and Bias(damping=(2, 10))
                    (`u2i10`: user damping 2, item damping 10).
  bias-terms.csv    model,kind,id,value — global mean, and a seeded sample of
                    item and user offsets of each Bias model.
  popular.csv       profile,item,rank,score — Popular's top 50.
  similarities.csv  item,neighbour,rank,similarity — ItemItem's stored rows:
                    for the 8 most-rated items and 12 sampled ones (among
                    them rows whose recorded part holds exactly equal
                    similarities, so the tie order is checked), the row
                    length (neighbour and rank empty, similarity = count)
                    and the first 25 neighbours in order.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from lenskit import Recommender
from lenskit.algorithms.basic import Popular
from lenskit.algorithms.bias import Bias
from lenskit.algorithms.item_knn import ItemItem

TOP = 50
SAMPLED = 40


def fmt(x):
    return 'nan' if x is None or (isinstance(x, float) and np.isnan(x)) else '%.17g' % x


def profiles(ratings):
    """Data users, and new people made from seeded subsets of users' ratings."""
    rng = np.random.default_rng(20260114)
    result = []
    for user in [1, 42, 53, 414, 610]:
        result.append((f'user{user}', 'user', user, None))
    for user, size in [(68, 20), (182, 60), (474, 15), (288, 40), (599, 3)]:
        own = ratings[ratings.user == user]
        take = own.iloc[np.sort(rng.choice(len(own), size=size, replace=False))]
        result.append((f'new{user}x{size}', 'new', user, pd.Series(take.rating.values, index=take.item.values)))
    # Unknown movie ids count for nothing but must not disturb the rest.
    own = ratings[ratings.user == 19]
    take = own.iloc[np.sort(rng.choice(len(own), size=25, replace=False))]
    mixed = pd.Series(np.concatenate([take.rating.values, [4.0, 1.5]]),
                      index=np.concatenate([take.item.values, [999999991, 999999992]]))
    result.append(('new19x25unknown', 'new', 19, mixed))
    return result


def scored_rows(rec, ratings, items, name, user, given, rng):
    """TopN's top 50, then sampled other candidates with their scores."""
    algo = rec.predictor
    if given is None:
        top = rec.recommend(user, TOP)
        rated = set(ratings[ratings.user == user].item)
        scores = algo.predict_for_user(user, items)
    else:
        top = rec.recommend(-1, TOP, ratings=given)
        rated = set(given.index)
        scores = algo.predict_for_user(-1, items, ratings=given)
    rows = [(name, int(i), k + 1, s) for k, (i, s) in enumerate(zip(top.item, top.score))]
    chosen = set(top.item)
    candidates = [i for i in items if i not in rated and i not in chosen]
    for i in rng.choice(candidates, size=min(SAMPLED, len(candidates)), replace=False):
        rows.append((name, int(i), 0, scores.loc[i]))
    return rows


def main(ratings_path, out):
    out = Path(out)
    ratings = pd.read_csv(ratings_path).rename(columns={'userId': 'user', 'movieId': 'item'})
    items = np.sort(ratings.item.unique())
    people = profiles(ratings)

    with open(out / 'profiles.csv', 'w') as f:
        f.write('profile,kind,user,item,rating\n')
        for name, kind, user, given in people:
            if given is None:
                f.write(f'{name},{kind},{user},,\n')
            else:
                # A rating copied from the data is left empty (the test reads
                # it from ml-latest-small: the licence forbids copying it).
                own = ratings[ratings.user == user].set_index('item').rating
                for i, r in given.items():
                    copied = i in own.index and float(own[i]) == float(r)
                    f.write(f'{name},{kind},{user},{i},{"" if copied else fmt(r)}\n')

    rec = Recommender.adapt(ItemItem(20))
    rec.fit(ratings)
    knn = rec.predictor
    rng = np.random.default_rng(7)
    with open(out / 'itemknn.csv', 'w') as f:
        f.write('profile,item,rank,score\n')
        for name, _, user, given in people:
            for row in scored_rows(rec, ratings, items, name, user, given, rng):
                f.write(f'{row[0]},{row[1]},{row[2]},{fmt(row[3])}\n')

    smat, index = knn.sim_matrix_, knn.item_index_
    counts = np.diff(smat.rowptrs)
    popular = [index.get_loc(i) for i in ratings.item.value_counts().index[:8]]
    tied = []
    for r in range(len(index)):
        sp = smat.rowptrs[r]
        head = smat.values[sp:sp + min(counts[r], 25)]
        if len(head) > 1 and np.any(head[1:] == head[:-1]):
            tied.append(r)
    srng = np.random.default_rng(11)
    sampled = list(srng.choice(tied, size=6, replace=False))
    sampled += list(srng.choice(np.flatnonzero(counts > 0), size=6, replace=False))
    with open(out / 'similarities.csv', 'w') as f:
        f.write('item,neighbour,rank,similarity\n')
        for r in popular + sampled:
            sp = smat.rowptrs[r]
            f.write(f'{index[r]},,,{counts[r]}\n')
            for k in range(min(counts[r], 25)):
                f.write(f'{index[r]},{index[smat.colinds[sp + k]]},{k + 1},{fmt(smat.values[sp + k])}\n')

    models = {'d0': Bias(), 'd5': Bias(damping=5), 'u2i10': Bias(damping=(2, 10))}
    rng = np.random.default_rng(8)
    with open(out / 'bias.csv', 'w') as f, open(out / 'bias-terms.csv', 'w') as t:
        f.write('model,profile,item,rank,score\n')
        t.write('model,kind,id,value\n')
        for label, bias in models.items():
            rec = Recommender.adapt(bias)
            rec.fit(ratings)
            t.write(f'{label},global,,{fmt(bias.mean_)}\n')
            for i in rng.choice(items, size=60, replace=False):
                t.write(f'{label},item,{i},{fmt(bias.item_offsets_.loc[i])}\n')
            for u in rng.choice(np.sort(ratings.user.unique()), size=60, replace=False):
                t.write(f'{label},user,{u},{fmt(bias.user_offsets_.loc[u])}\n')
            for name, _, user, given in people:
                for row in scored_rows(rec, ratings, items, name, user, given, rng):
                    f.write(f'{label},{row[0]},{row[1]},{row[2]},{fmt(row[3])}\n')

    pop = Popular().fit(ratings)
    with open(out / 'popular.csv', 'w') as f:
        f.write('profile,item,rank,score\n')
        for name, _, user, given in people:
            top = pop.recommend(user if given is None else -1, TOP, ratings=given)
            for k, (i, s) in enumerate(zip(top.item, top.score)):
                f.write(f'{name},{int(i)},{k + 1},{fmt(s)}\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
