#!/usr/bin/env python3
"""The forecast as a data scientist would write it in Python, for bench/forecast.sh.

    bench/forecast-py.py DB [--backtest ORIGINS]

Reads the country-month series from Tansiq's database (event_country_months, every level),
builds the same features as lib/conflicts/model.c (fc_features), standardises them on the
training rows, and fits per horizon h = 1..6 the logistic regression of "25 or more fatalities in
month t+h" and the Poisson regression of its fatalities, with statsmodels (GLM, IRLS) when it is
installed, else with numpy's own IRLS (the same Newton iteration as Tansiq's, unpenalised). Then
forecasts every country from its last month, and with --backtest, runs the rolling-origin
backtest as Tansiq does (the model's Brier score and AUC only). Prints one JSON object: the
library used, the timings in milliseconds, the coefficients, and the forecast p at h = 1 by
country (to compare with Tansiq's). Needs numpy (Debian: python3-numpy); statsmodels is
python3-statsmodels.
"""
import json
import sqlite3
import sys
import time

import numpy as np

try:
    import statsmodels.api as sm
    LIB = "statsmodels " + __import__("statsmodels").__version__
except ImportError:  # numpy alone
    sm = None
    LIB = "numpy " + np.__version__ + " (IRLS by hand)"

THRESHOLD = 25
HORIZONS = 6
T0 = 11
NAMES = ["intercept", "log_fatalities", "log_mean3", "log_mean12", "share12", "trend", "log_events"]


def load(db):
    con = sqlite3.connect(db)
    rows = con.execute('SELECT "country", "month", sum("events"), sum("fatalities") FROM "event_country_months" '
                       'GROUP BY 1, 2 ORDER BY 1, 2').fetchall()
    con.close()
    month = lambda s: int(s[:4]) * 12 + int(s[5:7]) - 1
    countries = sorted({r[0] for r in rows})
    first = min(month(r[1]) for r in rows)
    last = max(month(r[1]) for r in rows)
    idx = {c: i for i, c in enumerate(countries)}
    f = np.zeros((len(countries), last - first + 1))
    e = np.zeros_like(f)
    for c, m, ev, fa in rows:
        f[idx[c], month(m) - first] = fa
        e[idx[c], month(m) - first] = ev
    return countries, first, f, e


def features(f, e):
    """X[c, t, :] for every country and month, months before the first counting zero."""
    nc, nm = f.shape
    pad = np.concatenate([np.zeros((nc, 11)), f], axis=1)
    cs = np.concatenate([np.zeros((nc, 1)), np.cumsum(pad, axis=1)], axis=1)
    over = np.concatenate([np.zeros((nc, 1)), np.cumsum(pad >= THRESHOLD, axis=1)], axis=1)
    t = np.arange(nm) + 11  # index of month t in pad
    win = lambda a, n, back=0: (a[:, t + 1 - back] - a[:, t + 1 - back - n])
    m3 = win(cs, 3) / 3
    prev3 = win(cs, 3, 3) / 3
    m12 = win(cs, 12) / 12
    X = np.stack([np.ones((nc, nm)), np.log1p(f), np.log1p(m3), np.log1p(m12), win(over, 12) / 12,
                  np.log1p(m3) - np.log1p(prev3), np.log1p(e)], axis=2)
    return X


def irls(Z, y, family, start=None):
    beta = np.zeros(Z.shape[1]) if start is None else start.copy()
    if family == "poisson" and start is None:
        beta[0] = np.log(max(y.mean(), 1e-3))
    for _ in range(100):
        eta = Z @ beta
        mu = 1 / (1 + np.exp(-eta)) if family == "logit" else np.exp(np.minimum(eta, 30))
        w = mu * (1 - mu) if family == "logit" else mu
        step = np.linalg.solve((Z * w[:, None]).T @ Z, Z.T @ (y - mu))
        beta += step
        if np.max(np.abs(step)) < 1e-7:
            break
    return beta


def fit(Z, y, family, start=None):
    if sm is None:
        return irls(Z, y, family, start)
    fam = sm.families.Binomial() if family == "logit" else sm.families.Poisson()
    return sm.GLM(y, Z, family=fam).fit(start_params=start).params


def design(X, f, h, tmax):
    """Training rows of months T0..tmax (outcome at t + h), standardised: Z, y, ycount, mean, sd."""
    R = X[:, T0:tmax + 1, :].transpose(1, 0, 2).reshape(-1, X.shape[2])
    yc = f[:, T0 + h:tmax + h + 1].T.reshape(-1)
    mean = R.mean(axis=0)
    sd = R.std(axis=0, ddof=1)
    mean[0], sd[0] = 0, 1
    sd[sd <= 1e-12] = 1
    return (R - mean) / sd, (yc >= THRESHOLD).astype(float), yc, mean, sd


def auc(s, y):
    order = np.argsort(s, kind="mergesort")
    s, y = s[order], y[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        ranks[i:j] = (i + 1 + j) / 2
        i = j
    pos = y.sum()
    neg = len(y) - pos
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg)) if pos and neg else None


def main():
    db = sys.argv[1]
    origins = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--backtest" else 0
    out = {"library": LIB, "ms": {}}
    t = time.perf_counter()
    countries, first, f, e = load(db)
    out["ms"]["load"] = (time.perf_counter() - t) * 1e3
    t = time.perf_counter()
    X = features(f, e)
    out["ms"]["features"] = (time.perf_counter() - t) * 1e3
    L = f.shape[1] - 1
    models = []
    t = time.perf_counter()
    for h in range(1, HORIZONS + 1):
        Z, y, yc, mean, sd = design(X, f, h, L - h)
        models.append((fit(Z, y, "logit"), fit(Z, yc, "poisson"), mean, sd))
    out["ms"]["fit"] = (time.perf_counter() - t) * 1e3
    t = time.perf_counter()
    last = X[:, L, :]
    p1 = None
    forecast = []
    for b, g, mean, sd in models:
        z = (last - mean) / sd
        p = 1 / (1 + np.exp(-(z @ b)))
        forecast.append((p, np.exp(z @ g)))
        if p1 is None:
            p1 = p
    out["ms"]["forecast"] = (time.perf_counter() - t) * 1e3
    out["coefficients_h1"] = dict(zip(NAMES, map(float, models[0][0])))
    out["p1"] = dict(zip(countries, map(float, p1)))
    if origins:
        t = time.perf_counter()
        res = []
        for h in range(1, HORIZONS + 1):
            ps, ys, start = [], [], None
            for target in range(L - origins + 1, L + 1):
                o = target - h
                Z, y, _, mean, sd = design(X, f, h, o - h)
                b = fit(Z, y, "logit", start)
                start = b
                ps.append(1 / (1 + np.exp(-(((X[:, o, :] - mean) / sd) @ b))))
                ys.append((f[:, target] >= THRESHOLD).astype(float))
            p, y = np.concatenate(ps), np.concatenate(ys)
            res.append({"h": h, "brier": float(np.mean((p - y) ** 2)), "auc": auc(p, y)})
        out["ms"]["backtest"] = (time.perf_counter() - t) * 1e3
        out["backtest"] = res
    print(json.dumps(out))


if __name__ == "__main__":
    main()
