#!/usr/bin/env python3
"""Reference scores from LensKit 0.14.4's UserUser for UserKNNLensKitTests.swift.

Trains ``UserUser(15, min_nbrs=3)`` (center and min_sim left at their
defaults) on ml-latest-small's ratings.csv and scores a fixed, seeded set of
profiles, the way the Crash Course AI lab does:

* ``user``: a data user scored as themselves, ``predict_for_user(u, items)``
  with no ``ratings=``. LensKit then uses the user's own normalised row and
  mean and sets the user's similarity to themselves to 0 (USERKNN.md step 7).
* ``new``: a new person, ``predict_for_user(-1, items, ratings)``, whose
  ratings are a seeded random subset of one data user's ratings (sometimes
  with a few movies that are not in the training data, which still count for
  the person's mean and norm).
* ``crashcourse``: the lab's people jabril, jgb and their blend, read as
  USERKNN.md says (non-blank 0 < r < 6, a later row overwriting an earlier
  one; the blend is the mean where both rated, else the one rating).

In every case the items scored are all training items the person has not
rated (what ``Recommender.adapt`` passes as candidates).

User 53 rated all twenty of their movies 5, so LensKit's unit-normalised row
for them is 0/0 = NaN, and so is their similarity to everybody. LensKit's
neighbour loop only skips |s| < 1e-10 and s < min_sim, both false for NaN, so
user 53 enters the heap of every movie they rated unless it was already full
of better raters, and such a movie's score comes out NaN. reclab instead
treats user 53's similarity as 0 (never a neighbour) and scores those movies.
For exactly those movies the fixtures record the score LensKit gives when
trained without user 53 (kind ``dropped53``); this script checks that the
model without user 53 agrees bit for bit with the full model on every movie
the full model scored, so it is the same computation with user 53 left out.

Files written next to this script (plain CSV, no quoting):

* ``profiles.csv``: profile, kind, user (the data user, or the source of a
  new person's subset, or 0), ratings (distinct movies rated), known (those
  in the training data), candidates, scored (movies LensKit scored),
  dropped53 (movies LensKit lost to user 53's NaN), scored_id_sum (the sum of
  the ids of the movies LensKit scored, a cheap check of the whole set).
* ``given.csv``: profile, item, rating for every ``new`` profile, in the
  order given to LensKit. The rating is left empty when it is the source
  user's rating in ml-latest-small (the test reads it from the data: the
  MovieLens licence forbids copying the data into the repository); only
  ratings of invented movies, unknown to the data, are written. The
  ``crashcourse`` profiles are read by the test from the spreadsheets.
* ``scores.csv``: profile, kind, rank, item, score. Kinds: ``top`` (LensKit's
  100 best, score descending, ties by ascending id, rank 1..100), ``sample``
  (up to 100 further scored movies, seeded), ``dropped53`` (see above; score
  from LensKit without user 53), ``unscored`` (up to 40 candidates LensKit
  did not score and up to 10 movies the person rated; score empty).
  Scores are printed with 17 significant digits, enough to round-trip.

Regenerate (from the package root; the venv lives outside the repository):

    python3 -m venv /tmp/lk-venv-a
    /tmp/lk-venv-a/bin/pip install lenskit==0.14.4
    /tmp/lk-venv-a/bin/python Tests/Fixtures/lenskit/make_userknn_fixtures.py \\
        --data ../shared/data

(lenskit 0.14.4 imported and ran with numpy 1.26.4, numba 0.58.1, csr 0.5.2
and pandas 3.0.6 as pip resolved them.) The output is deterministic: the
seed is fixed and LensKit's scoring here is single-threaded.
"""

import argparse
import os
import sys

import numpy as np
import pandas as pd

from lenskit.algorithms.user_knn import UserUser

SEED = 20240614
NBRS, MIN_NBRS = 15, 3
TOP, SAMPLE, UNSCORED, RATED_UNSCORED = 100, 100, 40, 10
ALL_EQUAL_USER = 53


def fmt(x):
    return format(float(x), '.17g')


def lab_person(path):
    """The lab's reading of a rating sheet: dict item -> rating, file order."""
    sheet = pd.read_csv(path)
    out = {}
    for item, value in zip(sheet['item'], sheet['ratings']):
        if pd.notna(value) and 0 < value < 6:
            out.pop(int(item), None)  # a later row overwrites, and moves to the end
            out[int(item)] = float(value)
    return out


def blend(*people):
    keys = []
    for p in people:
        keys += [k for k in p if k not in keys]
    out = {}
    for k in keys:
        vals = [p[k] for p in people if k in p]
        out[k] = sum(vals) / len(vals)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.path.join(here, '../../../../shared/data'),
                    help='the shared data folder (ml-latest-small/, crashcourse/)')
    ap.add_argument('--out', default=here)
    args = ap.parse_args()

    ratings = pd.read_csv(os.path.join(args.data, 'ml-latest-small/ratings.csv'))
    ratings = ratings.rename(columns={'userId': 'user', 'movieId': 'item'})[['user', 'item', 'rating']]
    assert not ratings.duplicated(['user', 'item']).any()

    full = UserUser(NBRS, min_nbrs=MIN_NBRS).fit(ratings)
    without53 = UserUser(NBRS, min_nbrs=MIN_NBRS).fit(ratings[ratings.user != ALL_EQUAL_USER])
    items = full.item_index_
    items53 = set(ratings.item[ratings.user == ALL_EQUAL_USER])
    by_user = {u: g for u, g in ratings.groupby('user')}
    rng = np.random.default_rng(SEED)

    profiles = []  # (name, kind, user, ratings dict or None)

    # Data users of every profile size: evenly spaced in size order, plus the
    # user who shares the most movies with user 53.
    sizes = ratings.groupby('user').size().drop(ALL_EQUAL_USER).sort_values(kind='stable')
    picks = [int(sizes.index[round(q * (len(sizes) - 1))]) for q in np.linspace(0, 1, 16)]
    overlap = ratings[ratings.item.isin(items53) & (ratings.user != ALL_EQUAL_USER)].groupby('user').size()
    most53 = int(overlap.sort_values(kind='stable').index[-1])
    for u in dict.fromkeys(picks + [most53]):
        profiles.append((f'user{u}', 'user', u, None))

    # New people: seeded subsets of a data user's ratings, sizes 3 to 400.
    subset_sizes = [3, 4, 5, 7, 10, 15, 20, 30, 45, 60, 80, 100, 150, 200, 300, 400]
    users = sizes.index.to_numpy()
    for n, k in enumerate(subset_sizes):
        while True:
            u = int(rng.choice(users))
            rows = by_user[u]
            if len(rows) < k:
                continue
            take = rows.iloc[rng.permutation(len(rows))[:k]]
            given = {int(i): float(r) for i, r in zip(take.item, take.rating)}
            if len(set(given.values())) > 1:
                break
        if n % 5 == 2:
            # Movies nobody in the data rated: they count for μ and ‖s − μ‖,
            # then are dropped.
            given[9_000_001 + n] = 0.5
            given[9_100_001 + n] = 5.0
        profiles.append((f'new{n + 1}', 'new', u, given))
    # A new person built around user 53's movies (which they rated too).
    rows = by_user[most53]
    mine = rows[rows.item.isin(items53)]
    rest = rows[~rows.item.isin(items53)]
    rest = rest.iloc[rng.permutation(len(rest))[:25]]
    both = pd.concat([mine, rest]).iloc[rng.permutation(len(mine) + len(rest))]
    profiles.append(('new53', 'new', most53, {int(i): float(r) for i, r in zip(both.item, both.rating)}))

    cc = os.path.join(args.data, 'crashcourse')
    jabril = lab_person(os.path.join(cc, 'jabril-movie-ratings.csv'))
    jgb = lab_person(os.path.join(cc, 'jgb-movie-ratings.csv'))
    for name, given in [('jabril', jabril), ('jgb', jgb), ('blend', blend(jabril, jgb))]:
        profiles.append((name, 'crashcourse', 0, given))

    profile_rows, rating_rows, score_rows = [], [], []
    agree_max = 0.0
    for name, kind, user, given in profiles:
        if given is None:
            rated = set(by_user[user].item)
            cand = items[~items.isin(list(rated))]
            pred = full.predict_for_user(user, cand)
            pred53 = without53.predict_for_user(user, cand)
            rating_count = known = len(rated)
        else:
            series = pd.Series(given, dtype='float64')
            rated = set(given)
            cand = items[~items.isin(list(rated))]
            pred = full.predict_for_user(-1, cand, series)
            pred53 = without53.predict_for_user(-1, cand, series)
            rating_count = len(given)
            known = int(items.isin(list(rated)).sum())
            if kind == 'new':
                own = by_user[user].set_index('item').rating
                for i, r in given.items():
                    copied = i in own.index and float(own[i]) == float(r)
                    rating_rows.append((name, i, '' if copied else fmt(r)))
        pred53 = pred53.reindex(cand)
        scored = pred[pred.notna()]
        # The model without user 53 is the same computation: identical on
        # every movie the full model scored.
        same = pred53[scored.index]
        assert same.notna().all(), name
        agree_max = max(agree_max, float((same - scored).abs().max()) if len(scored) else 0.0)
        assert (same.to_numpy() == scored.to_numpy()).all(), name
        lost = pred53[pred.isna() & pred53.notna()]
        assert all(i in items53 for i in lost.index), name

        order = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        top = order[:TOP]
        for rank, (i, s) in enumerate(top, 1):
            score_rows.append((name, 'top', rank, int(i), fmt(s)))
        others = np.array([i for i, _ in order[TOP:]], dtype=np.int64)
        if len(others):
            others = np.sort(rng.choice(others, min(SAMPLE, len(others)), replace=False))
        for i in others:
            score_rows.append((name, 'sample', 0, int(i), fmt(scored[i])))
        for i in sorted(lost.index):
            score_rows.append((name, 'dropped53', 0, int(i), fmt(lost[i])))
        unscored = np.array([i for i in cand[pred.isna().to_numpy()] if i not in lost.index], dtype=np.int64)
        if len(unscored):
            unscored = np.sort(rng.choice(unscored, min(UNSCORED, len(unscored)), replace=False))
        rated_known = np.array(sorted(i for i in rated if i in items), dtype=np.int64)
        if len(rated_known):
            rated_known = np.sort(rng.choice(rated_known, min(RATED_UNSCORED, len(rated_known)), replace=False))
        for i in list(unscored) + list(rated_known):
            score_rows.append((name, 'unscored', 0, int(i), ''))

        profile_rows.append((name, kind, user, rating_count, known, len(cand), len(scored), len(lost),
                             int(scored.index.to_numpy().sum())))
        print(f'{name:10} {kind:11} ratings {rating_count:4} scored {len(scored):5} dropped53 {len(lost):2}',
              file=sys.stderr)

    def write(fname, header, rows):
        with open(os.path.join(args.out, fname), 'w', newline='\n') as f:
            f.write(header + '\n')
            for row in rows:
                f.write(','.join(str(x) for x in row) + '\n')

    write('profiles.csv', 'profile,kind,user,ratings,known,candidates,scored,dropped53,scored_id_sum', profile_rows)
    write('given.csv', 'profile,item,rating', rating_rows)
    write('scores.csv', 'profile,kind,rank,item,score', score_rows)
    print(f'{len(profile_rows)} profiles; without-53 model identical where both score (max diff {agree_max})',
          file=sys.stderr)


if __name__ == '__main__':
    main()
