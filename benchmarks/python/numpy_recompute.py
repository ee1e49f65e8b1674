"""The batch recompute a notebook user runs when one model arrives, with NumPy (and its BLAS):
row-centre L, take the column means, Q = xi - mean, the Gram Q Q^T, and every pairwise
KL = (|q_i|^2 + |q_j|^2 - 2 g_ij) / (2N) (modelmap eq. 3). Called by `modelmap bench`.

usage: numpy_recompute.py L.f64 K N KL_OUT.f64 [RUNS]
L.f64 holds K*N little-endian float64 (row-major); KL_OUT.f64 receives the K*K KL matrix of the last run.
Prints one JSON line: the median seconds over RUNS (default 3), peak memory, NumPy's version, BLAS and threads.
"""
import json
import os
import resource
import sys
import time

import numpy as np


def recompute(l):
    xi = l - l.mean(axis=1, keepdims=True)
    q = xi - xi.mean(axis=0, keepdims=True)
    g = q @ q.T
    norms = np.diag(g)
    kl = (norms[:, None] + norms[None, :] - 2 * g) / (2 * l.shape[1])
    np.fill_diagonal(kl, 0)
    return kl


def blas():
    try:
        from threadpoolctl import threadpool_info
        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            return {"blas": pools[0].get("internal_api"), "threads": pools[0].get("num_threads")}
    except ImportError:
        pass
    config = getattr(np, "__config__", None)
    info = {}
    threads = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS")
    threads = int(threads) if threads else os.cpu_count()  # OpenBLAS's default: every core
    try:
        info = config.CONFIG["Build Dependencies"]["blas"]  # NumPy 1.26+
        return {"blas": info.get("name"), "threads": threads}
    except Exception:
        return {"blas": "unknown", "threads": threads}


def main():
    path, k, n, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    l = np.fromfile(path, dtype="<f8").reshape(k, n)
    times = []
    kl = None
    for _ in range(runs):
        started = time.perf_counter()
        kl = recompute(l)
        times.append(time.perf_counter() - started)
    kl.astype("<f8").tofile(out)
    times.sort()
    report = {"seconds": times[len(times) // 2], "runs": runs, "numpy": np.__version__,
              "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    report.update(blas())
    print(json.dumps(report))


if __name__ == "__main__":
    main()
