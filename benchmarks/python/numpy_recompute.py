"""The batch recompute a notebook user runs when one model arrives, with NumPy (and its BLAS):
row-centre L, take the column means, Q = xi - mean, the Gram Q Q^T, and every pairwise
KL = (|q_i|^2 + |q_j|^2 - 2 g_ij) / (2N) (modelmap eq. 3). Called by `modelmap bench`.

usage: numpy_recompute.py L.f64 K N KL_OUT.f64 [RUNS [ROWS.i32]]
L.f64 holds K*N little-endian float64 (row-major); KL_OUT.f64 receives the K*K KL matrix of the last run.
Prints one JSON line: the median seconds over RUNS (default 3), peak memory, NumPy's version, and the BLAS it
ran on (library, version, kernel/core type, threads, and where that was read).

Where K*K does not fit in memory (K = 100,000: 80 GB), ROWS.i32 (little-endian int32 model indices) asks for
those KL rows only: the centring is done whole and timed, the rows' Gram Q[rows] Q^T timed apart, and the
whole recompute's time is extrapolated as centring + rows' time * K / len(rows) (the product is linear in
its rows); KL_OUT.f64 then holds the len(rows)*K rows, in the order given.
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


def recompute_rows(l, rows):
    """recompute() for some rows: (their KL rows, seconds of the centring, seconds of the rows' Gram and KL)."""
    started = time.perf_counter()
    xi = l - l.mean(axis=1, keepdims=True)
    q = xi - xi.mean(axis=0, keepdims=True)
    norms = np.einsum("ij,ij->i", q, q)
    centred = time.perf_counter()
    g = q[rows] @ q.T
    kl = (norms[rows][:, None] + norms[None, :] - 2 * g) / (2 * l.shape[1])
    kl[np.arange(len(rows)), rows] = 0
    return kl, centred - started, time.perf_counter() - centred


def blas():
    """The BLAS this process really runs on: threadpoolctl's view when it is installed, else the OpenBLAS
    library NumPy loaded, asked directly (its kernel is chosen at load time from the CPU, or from
    OPENBLAS_CORETYPE), else NumPy's build configuration."""
    try:
        from threadpoolctl import threadpool_info
        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            pool = pools[0]
            return {"blas": pool.get("internal_api"), "blas_version": pool.get("version"),
                    "threads": pool.get("num_threads"), "core": pool.get("architecture"),
                    "source": "threadpoolctl"}
    except ImportError:
        pass
    info = {"blas": "unknown", "blas_version": None, "threads": None, "core": None, "source": "numpy config"}
    try:
        built = np.__config__.CONFIG["Build Dependencies"]["blas"]  # NumPy 1.26+
        info.update(blas=built.get("name"), blas_version=built.get("version"))
    except Exception:
        pass
    loaded = loaded_openblas()
    if loaded:
        info.update(loaded, blas="openblas", source="the loaded OpenBLAS")
    return info


def loaded_openblas():
    """Kernel (core) name and threads of the OpenBLAS library mapped into this process, as threadpoolctl
    finds it: NumPy's wheels prefix and suffix its symbols (scipy_openblas_..._64_)."""
    import ctypes
    np.linalg.norm(np.ones(2))  # make sure the BLAS is loaded
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:
        return None
    for path in sorted(paths):
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_", "64_"), ("scipy_openblas_", ""), ("openblas_", "64_"),
                               ("openblas_", "")):
            corename = getattr(lib, prefix + "get_corename" + suffix, None)
            threads = getattr(lib, prefix + "get_num_threads" + suffix, None)
            if corename is not None and threads is not None:
                corename.restype = ctypes.c_char_p
                return {"core": corename().decode(), "threads": threads()}
    return None


def main():
    path, k, n, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    rows = np.fromfile(sys.argv[6], dtype="<i4") if len(sys.argv) > 6 else None
    l = np.fromfile(path, dtype="<f8").reshape(k, n)
    times = []
    kl = None
    for _ in range(runs):
        if rows is None:
            started = time.perf_counter()
            kl = recompute(l)
            times.append(time.perf_counter() - started)
        else:
            kl, centring, product = recompute_rows(l, rows)
            times.append(centring + product * k / len(rows))
    kl.astype("<f8").tofile(out)
    times.sort()
    report = {"seconds": times[len(times) // 2], "runs": runs, "numpy": np.__version__,
              "extrapolated_from_rows": 0 if rows is None else len(rows),
              "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    report.update(blas())
    print(json.dumps(report))


if __name__ == "__main__":
    main()
