"""Fellegi–Sunter scoring: m/u probabilities by EM, match weights, posterior probability.

Comparison vectors are integer levels per feature (``-1`` = missing, no evidence either
way). EM estimates, without labels, the probability of each level among matches (m) and
non-matches (u); the match weight of a level is log2(m/u).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["FellegiSunter"]

_EPS = 1e-6

IntArray = npt.NDArray[np.int64]
#: Comparison levels of any integer width (the resolver keeps them in one byte).
LevelArray = npt.NDArray[np.signedinteger[Any]]
FloatArray = npt.NDArray[np.float64]


@attrs.frozen
class FellegiSunter:
    """A fitted model: per feature, the m and u probability of each level, and the prior."""

    features: tuple[str, ...]
    levels: tuple[int, ...]  # number of levels per feature
    m: tuple[tuple[float, ...], ...]
    u: tuple[tuple[float, ...], ...]
    prior: float
    iterations: int
    version: str = "fs-em-1"
    #: The prior's weight and each feature's level weights, computed once (see tables()).
    _tables: tuple[float, tuple[tuple[float, ...], ...]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        tables = (
            float(np.log2(self.prior / (1 - self.prior))),
            tuple(
                tuple(
                    float(np.log2((mi + _EPS) / (ui + _EPS))) for mi, ui in zip(m, u, strict=True)
                )
                for m, u in zip(self.m, self.u, strict=True)
            ),
        )
        object.__setattr__(self, "_tables", tables)

    @classmethod
    def fit(
        cls,
        vectors: Mapping[str, LevelArray],
        levels: Mapping[str, int],
        *,
        m_start: Mapping[str, Sequence[float]] | None = None,
        u_start: Mapping[str, Sequence[float]] | None = None,
        prior: float = 0.3,
        max_iter: int = 50,
        tol: float = 1e-5,
        pseudo: float = 20.0,
        u_from: Mapping[str, LevelArray] | None = None,
    ) -> FellegiSunter:
        """Estimate m, u and the prior by EM on unlabelled comparison vectors.

        ``pseudo`` pseudo-counts drawn from the starting values (a Dirichlet prior) keep
        the estimates sensible on small inputs; on large ones the data dominate. With
        ``u_from`` (comparison vectors of randomly drawn pairs, nearly all non-matches), u
        is estimated from those and held fixed, and EM estimates m and the prior only.
        """
        features = tuple(vectors)
        patterns, weight = _patterns(vectors, features)
        n = float(weight.sum())
        m: dict[str, FloatArray] = {}
        u: dict[str, FloatArray] = {}
        m0: dict[str, FloatArray] = {}
        u0: dict[str, FloatArray] = {}
        for f in features:
            k = levels[f]
            source = u_from[f] if u_from is not None else vectors[f]
            counts = np.bincount(source[source >= 0], minlength=k).astype(float)
            if u_start and f in u_start:
                counts += pseudo * np.asarray(u_start[f], dtype=float)
            counts += 1.0
            u[f] = counts / counts.sum()
            start = np.asarray(m_start[f], dtype=float) if m_start and f in m_start else None
            if start is None:
                start = np.linspace(1.0, float(k), k) ** 2
            m[f] = start / start.sum()
            m0[f], u0[f] = m[f].copy(), u[f].copy()
        p = prior
        iterations = 0
        if n:
            # EM over the distinct comparison vectors, each weighted by how often it occurs:
            # the same sums as over every pair, in a few thousand rows instead of millions.
            seen = {f: patterns[f] >= 0 for f in features}
            for iterations in range(1, max_iter + 1):  # noqa: B007 - reported after the loop
                log_m = np.full(len(weight), np.log(p))
                log_u = np.full(len(weight), np.log(1 - p))
                for f in features:
                    v, ok = patterns[f], seen[f]
                    log_m[ok] += np.log(m[f][v[ok]] + _EPS)
                    log_u[ok] += np.log(u[f][v[ok]] + _EPS)
                g = 1.0 / (1.0 + np.exp(np.clip(log_u - log_m, -700, 700)))
                gw = g * weight
                new_p = float(np.clip((gw.sum() + pseudo * prior) / (n + pseudo), 1e-6, 1 - 1e-6))
                change = abs(new_p - p)
                p = new_p
                for f in features:
                    v, ok = patterns[f], seen[f]
                    k = levels[f]
                    mm = np.bincount(v[ok], weights=gw[ok], minlength=k) + pseudo * m0[f] + _EPS
                    uu = (
                        np.bincount(v[ok], weights=(weight - gw)[ok], minlength=k)
                        + pseudo * u0[f]
                        + _EPS
                    )
                    new_m, new_u = mm / mm.sum(), uu / uu.sum()
                    change = max(change, float(np.abs(new_m - m[f]).max()))
                    m[f] = new_m
                    if u_from is None:
                        u[f] = new_u
                if change < tol:
                    break
        return cls(
            features=features,
            levels=tuple(levels[f] for f in features),
            m=tuple(tuple(float(x) for x in m[f]) for f in features),
            u=tuple(tuple(float(x) for x in u[f]) for f in features),
            prior=p,
            iterations=iterations,
        )

    def weights(self, feature: str) -> tuple[float, ...]:
        """log2(m/u) of each level of ``feature``."""
        return self._tables[1][self.features.index(feature)]

    def tables(self) -> tuple[float, tuple[tuple[float, ...], ...]]:
        """The prior's weight and, per feature, the weight of each level (bits)."""
        return self._tables

    def score(self, vectors: Mapping[str, LevelArray]) -> FloatArray:
        """Posterior match probability of each comparison vector."""
        n = len(next(iter(vectors.values()))) if vectors else 0
        total = np.full(n, self._tables[0])
        for f in self.features:
            table = np.asarray((*self.weights(f), 0.0))  # index -1 (missing) → weight 0
            total += table[vectors[f]]
        result: FloatArray = 1.0 / (1.0 + np.power(2.0, -np.clip(total, -1000, 1000)))
        return result

    def breakdown(self, levels: Mapping[str, int]) -> tuple[tuple[str, float], ...]:
        """Per-feature match weight (bits) of one comparison vector."""
        return self.breakdown_row([levels[f] for f in self.features])

    def breakdown_row(self, row: Sequence[int]) -> tuple[tuple[str, float], ...]:
        """:meth:`breakdown` of a comparison vector given as levels in feature order."""
        prior, tables = self.tables()
        return (
            ("prior", prior),
            *(
                (f, 0.0 if level < 0 else table[level])
                for f, table, level in zip(self.features, tables, row, strict=True)
            ),
        )


def _patterns(
    vectors: Mapping[str, LevelArray], features: Sequence[str]
) -> tuple[dict[str, IntArray], FloatArray]:
    """The distinct comparison vectors (as columns per feature) and how often each occurs."""
    if not features or not len(vectors[features[0]]):
        return {f: np.zeros(0, dtype=np.int64) for f in features}, np.zeros(0)
    bases = [int(vectors[f].max()) + 2 for f in features]  # levels -1 … max, shifted by 1
    code = np.zeros(len(vectors[features[0]]), dtype=np.int64)
    for f, base in zip(features, bases, strict=True):
        code = code * base + (vectors[f] + 1)
    unique, counts = np.unique(code, return_counts=True)
    columns: dict[str, IntArray] = {}
    for f, base in zip(reversed(features), reversed(bases), strict=True):
        columns[f] = (unique % base - 1).astype(np.int64)
        unique = unique // base
    return {f: columns[f] for f in features}, counts.astype(float)
