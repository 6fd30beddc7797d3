"""Estimates for missing values: the conditional mean of a multivariate normal fitted by EM.

Per year (one ``Picked`` matrix, countries x selected indicators, 0-100), the mean vector and
covariance of the selected indicators are fitted across every country with data by the EM
algorithm (JRC/OECD Handbook, section 1.3 "Imputation of missing data": EM as the model-based
method; Little & Rubin 2002, ch. 11). A missing value is then estimated from the same
country's observed values: E[x_m | x_o] = mu_m + S_mo S_oo^-1 (x_o - mu_o), with its
conditional standard deviation, which the uncertainty analysis samples. Estimates are clipped
to 0-100 and always marked "estimated"; they never decide who is ranked (the coverage rule
counts observed values only). Method and argument: docs/method.md section 5b.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_ITER = 200
TOL = 1e-3  # on the 0-100 scale: far below any displayed digit
RIDGE = 1e-6  # relative ridge on the covariance diagonal: keeps S_oo invertible with tiny groups


@dataclass
class Imputation:
    mean: np.ndarray          # (C, I) observed value or estimate; NaN where the row has no data at all
    sd: np.ndarray            # (C, I) conditional SD of each estimate, 0 where observed
    estimated: np.ndarray     # (C, I) bool
    mu: np.ndarray            # (I,)
    cov: np.ndarray           # (I, I)
    iterations: int


def _patterns(present: np.ndarray):
    """Rows grouped by their pattern of observed columns (EM works per pattern, vectorised)."""
    keys, inv = np.unique(present, axis=0, return_inverse=True)
    return [(keys[g], np.flatnonzero(inv.ravel() == g)) for g in range(len(keys))]


def _conditional(X, rows, obs, mu, cov):
    """Conditional mean (len(rows), m) and covariance (m, m) of the missing columns given the observed."""
    mis = ~obs
    Soo = cov[np.ix_(obs, obs)]
    Smo = cov[np.ix_(mis, obs)]
    B = np.linalg.solve(Soo, Smo.T).T                     # (m, o) regression coefficients
    xm = mu[mis] + (X[np.ix_(rows, obs)] - mu[obs]) @ B.T
    Cmm = cov[np.ix_(mis, mis)] - B @ Smo.T
    return xm, Cmm


def fit(X: np.ndarray, max_iter: int = MAX_ITER, tol: float = TOL) -> tuple[np.ndarray, np.ndarray, int]:
    """EM estimate of mean and covariance from rows of X with at least one observed value."""
    present = np.isfinite(X)
    X = X[present.any(axis=1)]
    present = np.isfinite(X)
    n, k = X.shape
    mu = np.nanmean(X, axis=0)
    var = np.nanvar(X, axis=0)
    cov = np.diag(np.where(np.isfinite(var) & (var > 0), var, 1.0))
    groups = _patterns(present)
    it = 0
    for it in range(1, max_iter + 1):
        T1 = np.zeros(k)
        T2 = np.zeros((k, k))
        for obs, rows in groups:
            Xr = np.where(present[rows], X[rows], 0.0)
            C = np.zeros((k, k))
            if (~obs).any():
                if obs.any():
                    xm, Cmm = _conditional(X, rows, obs, mu, cov)
                else:
                    xm, Cmm = np.broadcast_to(mu, (len(rows), k)), cov
                Xr[:, ~obs] = xm
                C[np.ix_(~obs, ~obs)] = Cmm * len(rows)
            T1 += Xr.sum(axis=0)
            T2 += Xr.T @ Xr + C
        new_mu = T1 / n
        new_cov = T2 / n - np.outer(new_mu, new_mu)
        new_cov += np.eye(k) * RIDGE * np.trace(new_cov) / k
        done = np.abs(new_mu - mu).max() < tol and np.abs(new_cov - cov).max() < tol * 10
        mu, cov = new_mu, new_cov
        if done:
            break
    return mu, cov, it


def impute(X: np.ndarray) -> Imputation:
    """Estimates for the missing cells of X (countries x indicators); rows with no data stay empty."""
    C, k = X.shape
    present = np.isfinite(X)
    mean, sd = X.copy(), np.zeros_like(X)
    # columns with fewer than 3 values or no spread cannot be modelled: never estimated, not used
    var = np.array([np.nanvar(X[:, j]) if present[:, j].sum() >= 3 else 0.0 for j in range(k)])
    cols = np.flatnonzero(var > 0)
    mu_all, cov_all = np.full(k, np.nan), np.full((k, k), np.nan)
    if len(cols) < 2:
        return Imputation(mean, sd, np.zeros_like(present), mu_all, cov_all, 0)
    Xc = X[:, cols]
    mu, cov, it = fit(Xc)
    pc = present[:, cols]
    for obs, rows in _patterns(pc):
        if obs.all() or not obs.any():
            continue
        xm, Cmm = _conditional(Xc, rows, obs, mu, cov)
        mis = cols[~obs]
        mean[np.ix_(rows, mis)] = np.clip(xm, 0.0, 100.0)
        sd[np.ix_(rows, mis)] = np.sqrt(np.maximum(np.diag(Cmm), 0.0))
    estimated = ~present & np.isfinite(mean)
    mu_all[cols] = mu
    cov_all[np.ix_(cols, cols)] = cov
    return Imputation(mean, sd, estimated, mu_all, cov_all, it)
