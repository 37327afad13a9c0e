#!/usr/bin/env python3
"""Independent numpy implementation of the DINAMO-S analysis that `make bench` times against ours.

Same formulas as docs/methods/dinamo.md (and the published DinamoS): per-run normalisation with σ_x = 1/I for empty
bins, uniform reference with K = 100 pseudo-counts per bin, EWMA updates with the labelled good runs,
score ln(χ²/ν); α auto = first maximum of |AUC − 0.5| + 0.5 over α = 0.01…0.99 on the historical runs;
T auto = the bootstrap (100 resamples) median balanced accuracy over 1000 thresholds on [−3.25, 7.5], its first
maximum (np.argmax, as the published threshold_opt); then the monitor over all runs. Written as the published code is written: numpy
vectors over bins, a Python loop over runs. Only the computation is timed (not loading).

Usage: dinamo_numpy.py COUNTS.f64 LABELS.i8 RUNS BINS HISTORICAL
Prints one line: seconds=S alpha=A threshold=T
"""
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed (pip install numpy)")
    sys.exit(3)

EPS = 1e-9


def monitor(x, labels, alpha, threshold, k=100.0):
    n_runs, n_bins = x.shape
    mu = np.full(n_bins, 1.0 / n_bins)
    n0 = k * n_bins
    var0 = mu / n0 - mu ** 2 / n0
    sig = np.sqrt(var0)
    omega = 1.0 / (var0 + EPS)
    w = (1 - alpha) * omega
    s_mu = (1 - alpha) * omega * mu
    s_sig = (1 - alpha) * omega * var0
    scores = np.empty(n_runs)
    for i in range(n_runs):
        c = x[i]
        total = c.sum()
        if total > 0:
            xi = c / total
            vx = xi / total - xi ** 2 / total
            vx[c == 0] = 1.0 / total ** 2
        else:
            xi = np.zeros(n_bins)
            vx = np.zeros(n_bins)
        chi2 = np.sum((xi - mu) ** 2 / np.maximum(vx + sig ** 2, 1e-300))
        scores[i] = np.log(max(chi2 / n_bins, 1e-12))
        good = labels[i] == 0 if labels[i] >= 0 else scores[i] <= threshold
        if good and total > 0:
            om = 1.0 / (vx + EPS)
            w = alpha * w + (1 - alpha) * om
            s_sig = alpha * s_sig + (1 - alpha) * om * (xi - mu) ** 2
            sig = np.sqrt(s_sig / w)
            s_mu = alpha * s_mu + (1 - alpha) * om * xi
            mu = s_mu / w
    return scores


def roc_auc(scores, bad):
    order = np.argsort(scores, kind="mergesort")
    s = scores[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j + 2) / 2.0
        i = j + 1
    pos = bad[order]
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return (ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def threshold_scan(scores, bad, rng):
    grid = np.linspace(-3.25, 7.5, 1000)
    n = len(scores)
    bas = []
    for _ in range(100):
        idx = rng.integers(0, n, size=n)
        s, b = scores[idx], bad[idx]
        pred = s[:, None] > grid
        tp = np.sum(b[:, None] & pred, axis=0)
        tn = np.sum(~b[:, None] & ~pred, axis=0)
        sens = tp / max(b.sum(), 1)
        spec = tn / max((~b).sum(), 1)
        bas.append((sens + spec) / 2)
    median = np.median(np.array(bas), axis=0)
    return grid[int(np.argmax(median))]


def main():
    path_counts, path_labels, runs, bins, n_hist = sys.argv[1:6]
    runs, bins, n_hist = int(runs), int(bins), int(n_hist)
    x = np.fromfile(path_counts, dtype=np.float64).reshape(runs, bins)
    labels = np.fromfile(path_labels, dtype=np.int8).astype(int)
    t0 = time.perf_counter()
    hist = slice(0, n_hist)
    known = labels[hist] >= 0
    bad_hist = labels[hist][known] == 1
    best_alpha, best_obj = None, -1.0
    for a in np.arange(1, 100) / 100.0:
        s = monitor(x[hist], labels[hist], a, 1.0)
        obj = abs(roc_auc(s[known], bad_hist) - 0.5) + 0.5
        if obj > best_obj:
            best_alpha, best_obj = a, obj
    s = monitor(x[hist], labels[hist], best_alpha, 1.0)
    threshold = threshold_scan(s[known], bad_hist, np.random.default_rng(0))
    scores = monitor(x, labels, best_alpha, threshold)
    flagged = scores > threshold
    seconds = time.perf_counter() - t0
    assert len(flagged) == runs
    print(f"seconds={seconds:.6f} alpha={best_alpha:.2f} threshold={threshold:.6f}")


if __name__ == "__main__":
    main()
