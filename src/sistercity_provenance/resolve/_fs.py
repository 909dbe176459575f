"""Fellegi–Sunter scoring: m/u probabilities by EM, match weights, posterior probability.

Comparison vectors are integer levels per feature (``-1`` = missing, no evidence either
way). EM estimates, without labels, the probability of each level among matches (m) and
non-matches (u); the match weight of a level is log2(m/u).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["FellegiSunter"]

_EPS = 1e-6

IntArray = npt.NDArray[np.int64]
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

    @classmethod
    def fit(
        cls,
        vectors: Mapping[str, IntArray],
        levels: Mapping[str, int],
        *,
        m_start: Mapping[str, Sequence[float]] | None = None,
        u_start: Mapping[str, Sequence[float]] | None = None,
        prior: float = 0.3,
        max_iter: int = 50,
        tol: float = 1e-5,
        pseudo: float = 20.0,
        u_from: Mapping[str, IntArray] | None = None,
    ) -> FellegiSunter:
        """Estimate m, u and the prior by EM on unlabelled comparison vectors.

        ``pseudo`` pseudo-counts drawn from the starting values (a Dirichlet prior) keep
        the estimates sensible on small inputs; on large ones the data dominate. With
        ``u_from`` (comparison vectors of randomly drawn pairs, nearly all non-matches), u
        is estimated from those and held fixed, and EM estimates m and the prior only.
        """
        features = tuple(vectors)
        n = len(next(iter(vectors.values()))) if vectors else 0
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
            for iterations in range(1, max_iter + 1):  # noqa: B007 - reported after the loop
                log_m = np.full(n, np.log(p))
                log_u = np.full(n, np.log(1 - p))
                for f in features:
                    v = vectors[f]
                    seen = v >= 0
                    log_m[seen] += np.log(m[f][v[seen]] + _EPS)
                    log_u[seen] += np.log(u[f][v[seen]] + _EPS)
                g = 1.0 / (1.0 + np.exp(np.clip(log_u - log_m, -700, 700)))
                new_p = float(np.clip((g.sum() + pseudo * prior) / (n + pseudo), 1e-6, 1 - 1e-6))
                change = abs(new_p - p)
                p = new_p
                for f in features:
                    v = vectors[f]
                    seen = v >= 0
                    k = levels[f]
                    mm = np.bincount(v[seen], weights=g[seen], minlength=k) + pseudo * m0[f] + _EPS
                    uu = (
                        np.bincount(v[seen], weights=1 - g[seen], minlength=k)
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
        i = self.features.index(feature)
        return tuple(
            float(np.log2((mi + _EPS) / (ui + _EPS)))
            for mi, ui in zip(self.m[i], self.u[i], strict=True)
        )

    def score(self, vectors: Mapping[str, IntArray]) -> FloatArray:
        """Posterior match probability of each comparison vector."""
        n = len(next(iter(vectors.values()))) if vectors else 0
        total = np.full(n, float(np.log2(self.prior / (1 - self.prior))))
        for f in self.features:
            table = np.asarray((*self.weights(f), 0.0))  # index -1 (missing) → weight 0
            total += table[vectors[f]]
        result: FloatArray = 1.0 / (1.0 + np.power(2.0, -np.clip(total, -1000, 1000)))
        return result

    def breakdown(self, levels: Mapping[str, int]) -> tuple[tuple[str, float], ...]:
        """Per-feature match weight (bits) of one comparison vector."""
        out = [("prior", float(np.log2(self.prior / (1 - self.prior))))]
        for f in self.features:
            level = levels[f]
            out.append((f, 0.0 if level < 0 else self.weights(f)[level]))
        return tuple(out)
