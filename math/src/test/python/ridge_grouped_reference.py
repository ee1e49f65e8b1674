#!/usr/bin/python3
"""Independent reference for RidgeCrossValidation and GroupedFolds (issue 30, item 5).

modelmap §5's protocol written with scikit-learn alone: primal Ridge on coordinates Q (never the
distances), GroupKFold folds, and the nested α search the project documents: every outer fold chooses
α by an inner GroupKFold on its training models only, from a grid of 10^-8 … 10^4 times the training
models' mean squared distance to their centroid. The Java side works on D = squared distances of Q,
in its dual form; the two agree only if the arithmetic of both is right.

Group sizes 1 … 7 are all different, so GroupKFold's order of groups (by size, ties in an order
numpy's argsort leaves open) is fully determined and equal to GroupedFolds' rule: the Java test checks
that GroupedFolds gives exactly these folds, outer and inner, and then compares predictions to 1e-9.
A second grouping with ties checks the fold sizes GroupKFold reaches (the same for any tie order).

Needs Debian's python3-sklearn (1.2.1 here); CI does not: the output is committed.
Regenerate: /usr/bin/python3 math/src/test/python/ridge_grouped_reference.py \
    > math/src/test/resources/data/ridge-grouped/reference.json
"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import Ridge
from sklearn.model_selection import GroupKFold

FOLDS = 5
DECADES = range(-8, 5)


def group_folds(groups, n_folds):
    """GroupKFold's test fold of every sample, with as many folds as there are groups when fewer."""
    splits = min(n_folds, len(set(groups)))
    fold = np.full(len(groups), -1)
    for f, (_, test) in enumerate(GroupKFold(n_splits=splits).split(np.zeros(len(groups)), groups=groups)):
        fold[test] = f
    return fold


def grid(q):
    centred = q - q.mean(axis=0)
    scale = np.mean(np.sum(centred ** 2, axis=1))
    return [scale * 10.0 ** k for k in DECADES]


def choose_alpha(q, y, groups):
    fold = group_folds(groups, FOLDS)
    alphas = grid(q)
    error = np.zeros(len(alphas))
    for f in range(fold.max() + 1):
        train, test = fold != f, fold == f
        for a, alpha in enumerate(alphas):
            predicted = Ridge(alpha=alpha, fit_intercept=True, solver="svd").fit(q[train], y[train]).predict(q[test])
            error[a] += np.sum((predicted - y[test]) ** 2)
    return alphas[int(np.argmin(error))], fold  # argmin: the first of equal errors, as the Java search


def main():
    rng = np.random.default_rng(30)
    sizes = [1, 2, 3, 4, 5, 6, 7]
    groups = np.array([f"family-{chr(ord('a') + g)}" for g, n in enumerate(sizes) for _ in range(n)])
    models = len(groups)
    q = rng.normal(size=(models, 40))
    q[:, :3] += 2.0 * rng.normal(size=(len(sizes), 3))[np.unique(groups, return_inverse=True)[1]]  # families cluster
    y = q[:, :3] @ np.array([0.5, -0.3, 0.2]) + 0.1 * rng.normal(size=models)
    new = rng.normal(size=(3, 40))
    squared = ((q[:, None, :] - q[None, :, :]) ** 2).sum(axis=2)
    new_squared = ((new[:, None, :] - q[None, :, :]) ** 2).sum(axis=2)

    outer = group_folds(groups, FOLDS)
    inner, alphas, out_of_fold = [], [], np.zeros(models)
    for f in range(outer.max() + 1):
        train, test = outer != f, outer == f
        alpha, inner_fold = choose_alpha(q[train], y[train], groups[train])
        inner.append(inner_fold.tolist())
        alphas.append(alpha)
        out_of_fold[test] = Ridge(alpha=alpha, fit_intercept=True, solver="svd").fit(q[train], y[train]).predict(q[test])
    all_alpha, _ = choose_alpha(q, y, groups)
    all_fit = Ridge(alpha=all_alpha, fit_intercept=True, solver="svd").fit(q, y)

    tied = [f"t{g}" for g, n in enumerate([3, 3, 2, 2, 2, 1, 1, 1, 1]) for _ in range(n)]
    tied_fold = group_folds(tied, 4)

    print(json.dumps({
        "generator": f"ridge_grouped_reference.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "folds": FOLDS,
        "groups": groups.tolist(),
        "y": y.tolist(),
        "squaredDistances": squared.tolist(),
        "outerFolds": outer.tolist(),
        "innerFolds": inner,
        "alphas": alphas,
        "outOfFold": out_of_fold.tolist(),
        "fitAllAlpha": all_alpha,
        "newSquaredDistances": new_squared.tolist(),
        "newPredictions": all_fit.predict(new).tolist(),
        "tiedGroups": tied,
        "tiedFolds": 4,
        "tiedFoldSizes": sorted(np.bincount(tied_fold).tolist()),
    }, indent=1))


if __name__ == "__main__":
    main()
