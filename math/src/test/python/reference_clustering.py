#!/usr/bin/env python3
"""Independent reference for ClusteringOrder: modelmap App. G.5's clustering of models, in SciPy.

Reads the perplexity-correlations bits per byte (first column of each model, as the Java tests do),
orders the models by id (as the aggregator does: the leaf order breaks ties by index), forms
L = -bpb * ln 2, Q by double centring, and writes the leaf order of
linkage(pdist(Q, 'sqeuclidean'), 'median') as model ids, one per line, to
math/src/test/resources/data/perplexity-correlations/clustering-order-median.txt.

    pip install numpy scipy   (here: numpy 2.4.6, scipy 1.17.1)
    python3 math/src/test/python/reference_clustering.py
"""
import ast
import csv
import math
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import pdist

DATA = Path(__file__).resolve().parents[1] / "resources" / "data" / "perplexity-correlations"

with open(DATA / "bpb_per_doc.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
models, columns = [], []
for c, name in enumerate(rows[0][1:], start=1):
    model = ast.literal_eval(name)[1]
    if model not in models:
        models.append(model)
        columns.append(c)
by_id = sorted(range(len(models)), key=lambda i: models[i])
models = [models[i] for i in by_id]
columns = [columns[i] for i in by_id]
L = np.array([[-float(r[c]) * math.log(2) for r in rows[1:]] for c in columns])
Q = L - L.mean(axis=1, keepdims=True)
Q = Q - Q.mean(axis=0, keepdims=True)
order = leaves_list(linkage(pdist(Q, "sqeuclidean"), "median"))
(DATA / "clustering-order-median.txt").write_text("".join(models[i] + "\n" for i in order), encoding="utf-8")
print(f"{len(order)} models written")
