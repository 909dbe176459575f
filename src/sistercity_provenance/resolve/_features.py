"""Comparison vectors for candidate pairs: the name engine plus context attributes."""

from __future__ import annotations

import bisect
import contextlib
import functools
import multiprocessing
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final, cast

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import sparse

from sistercity_provenance.names import NameKind, compare, parse
from sistercity_provenance.names._compare import prepare
from sistercity_provenance.names._knowledge import country_code
from sistercity_provenance.names._tables import read_tsv
from sistercity_provenance.names._text import EMPTY_SET, fold_latin
from sistercity_provenance.resolve._arrays import distinct_first_inverse, stable_order
from sistercity_provenance.resolve._forked import HelperError, trim_heap
from sistercity_provenance.resolve._keys import coarse_syllable
from sistercity_provenance.resolve._model import Mention

__all__ = [
    "FEATURE_LEVELS",
    "ComparisonAhead",
    "MentionColumns",
    "NameOutcome",
    "PairFeatures",
    "compare_pairs",
    "context_values",
    "name_codes_of",
    "name_outcome",
    "name_triple",
]

#: Features and their number of levels. Attribute levels: 0 disagree, 1 agree (−1 missing).
FEATURE_LEVELS: Final = {
    "name": 4,  # 0 no match, 1 weak (0.5–0.8), 2 same (0.8–0.95), 3 strong (≥ 0.95)
    "birth_year": 2,
    "gender": 2,
    "country": 2,
    "place": 2,
    "role": 2,
    "org": 2,
    "document": 2,  # 1 both in one document, 0 not
}
_STOP: Final = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"})

IntArray = npt.NDArray[np.int64]
#: Comparison levels are small: one byte per pair and feature keeps millions of pairs cheap.
LevelArray = npt.NDArray[np.int8]
#: Two names and their kind, the names in sorted order: one comparison of the name engine.
NameTriple = tuple[str, str, NameKind]


def name_triple(a: str, b: str, kind: NameKind) -> NameTriple:
    """The comparison of ``a`` and ``b`` as a :data:`NameTriple` (names sorted: comparing
    is symmetric), the key under which its outcome is kept."""
    return (a, b, kind) if a <= b else (b, a, kind)


@attrs.frozen
class NameOutcome:
    """What the name engine said about two names."""

    score: float
    same: bool
    han_conflict: bool
    explanation: str


_NAME_CACHE: dict[tuple[str, str, NameKind], NameOutcome] = {}
#: Fewer distinct name pairs than this are compared in this process (forking costs more).
PARALLEL_MIN: Final = 20_000
#: Name pairs per batch handed to a worker process.
_BATCH: Final = 5_000


def name_outcome(a: str, b: str, kind: NameKind) -> NameOutcome:
    """Compare two names (cached; order-free)."""
    key = name_triple(a, b, kind)
    found = _NAME_CACHE.get(key)
    if found is not None:
        return found
    outcome = _outcome(*key)
    if len(_NAME_CACHE) > 2_000_000:
        _NAME_CACHE.clear()
    _NAME_CACHE[key] = outcome
    return outcome


def _outcome(a: str, b: str, kind: NameKind) -> NameOutcome:
    try:
        c = compare(a, b, kind)
    except ValueError:
        return NameOutcome(0.0, False, False, "a name is empty")
    ha, hb = c.a.han, c.b.han
    conflict = bool(ha and hb and ha != hb and not c.same and kind is not NameKind.ORGANIZATION)
    return NameOutcome(c.score, c.same, conflict, c.explanation)


def _scores(batch: Sequence[tuple[str, str, NameKind]]) -> tuple[list[float], list[bool]]:
    """Name score and Han conflict of each pair of names (run in a worker process)."""
    outcomes = [_outcome(*name_triple(x, y, k)) for x, y, k in batch]
    return [o.score for o in outcomes], [o.han_conflict for o in outcomes]


#: Name scores from which the name level is 1 (weak), 2 (same) and 3 (strong).
#: (A tuple of any length: mypyc, compiling a fixed tuple of floats to a C struct, takes
#: its value for unset; see docs/benchmarks.md, "Compiled build".)
_NAME_BANDS: Final[tuple[float, ...]] = (0.5, 0.8, 0.95)


def _name_level(score: float) -> int:
    return bisect.bisect_right(_NAME_BANDS, score)


#: The one empty set that contexts hold: each ``frozenset()`` is a new object, which the
#: garbage collector walks, and most mentions have no role or no organisation.
_NONE: Final[frozenset[str]] = EMPTY_SET


def _tokens(value: Any) -> frozenset[str]:
    return _NONE if value is None else _tokens_of(str(value))


@functools.lru_cache(maxsize=65536)
def _tokens_of(value: str) -> frozenset[str]:
    text = fold_latin(value)
    return frozenset(w for w in re.split(r"[^\w]+", text) if w and w not in _STOP) or _NONE


def _place_key(value: Any) -> str | None:
    return None if value is None or not str(value).strip() else _place_key_of(str(value))


@functools.lru_cache(maxsize=65536)
def _place_key_of(value: str) -> str | None:
    try:
        p = parse(value, NameKind.PLACE)
    except ValueError:
        return None
    if p.han:
        return p.han
    readings = [u.primary for part in p.core if part.segmentations for u in part.segmentations[0]]
    if readings and all(readings):
        return " ".join(coarse_syllable(r) for r in readings)
    return " ".join(p.words)


@functools.cache
def _place_countries() -> dict[str, str]:
    """Place keys (as :func:`_place_key_of` makes them) to the one country they lie in."""
    found: dict[str, set[str]] = {}
    for row in read_tsv("place_countries.tsv"):
        for name in row["names"].split("|"):
            key = _place_key_of(name)
            if key:
                found.setdefault(key, set()).add(row["country"])
    return {key: next(iter(c)) for key, c in found.items() if len(c) == 1}


def country_of_place(place: str) -> str | None:
    """The country of a place ``place_countries.tsv`` knows (台北, Taipei → TW), else None.

    >>> country_of_place("臺北"), country_of_place("Kaohsiung"), country_of_place("Toledo")
    ('TW', 'TW', None)
    """
    key = _place_key(place)
    return _place_countries().get(key) if key else None


def _codes(values: Sequence[Any]) -> IntArray:
    codes, _uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64)


def _agree(codes: IntArray, ia: IntArray, ib: IntArray) -> LevelArray:
    a, b = codes[ia], codes[ib]
    out = np.where(a == b, 1, 0)
    out[(a < 0) | (b < 0)] = -1
    return out.astype(np.int8)


def _token_matrix(token_sets: Sequence[frozenset[str]]) -> Any:
    """A sparse mention × token matrix."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, tokens in enumerate(token_sets):
        for t in tokens:
            rows.append(i)
            cols.append(vocabulary.setdefault(t, len(vocabulary)))
    return sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(token_sets), max(1, len(vocabulary)))
    )


def _overlap(matrix: Any, ia: IntArray, ib: IntArray) -> LevelArray:
    common = np.asarray(matrix[ia].multiply(matrix[ib]).sum(axis=1)).ravel()
    present = np.asarray(matrix.sum(axis=1)).ravel() > 0
    out = np.where(common > 0, 1, 0)
    out[~(present[ia] & present[ib])] = -1
    return out.astype(np.int8)


def context_values(m: Mention) -> dict[str, frozenset[str]]:
    """The comparable values of a mention's context attributes, as sets.

    The country is an ISO code where it can be (:func:`country_code`); a mention with a
    place but no country takes the place's country when the place is known to lie in one
    (:func:`country_of_place`).
    """
    written = str(m.attr("country") or "").strip()
    place = _place_key(m.attr("place"))
    if written:
        country = country_code(written)
    else:
        country = _place_countries().get(place, "") if place else ""
    return {
        "country": _one(country),
        "place": _one(place or ""),
        "role": _tokens(m.attr("role")),
        "org": _tokens(m.attr("org")),
    }


@functools.lru_cache(maxsize=65536)
def _one(value: str) -> frozenset[str]:
    """``{value}``, or the empty set for ``""``: one set per value, shared by the mentions
    that give it (a million mentions need not hold a million copies of ``{"CN"}``)."""
    return frozenset({value}) if value else _NONE


def _single(values: frozenset[str]) -> str | None:
    return next(iter(values)) if values else None


def name_codes_of(mentions: Sequence[Mention]) -> tuple[IntArray, tuple[str, ...]]:
    """Each mention's name as a number, and the distinct names in order of first mention
    (their numbers)."""
    codes, uniques = pd.factorize(pd.Series([m.name for m in mentions], dtype=object))
    return np.asarray(codes, dtype=np.int64), tuple(uniques)


@attrs.frozen
class MentionColumns:
    """Per-mention attribute columns, built once per mention list and indexed by pairs."""

    name_codes: IntArray  # index into unique_names, one per mention
    unique_names: tuple[str, ...]
    kind_codes: IntArray  # index into list(NameKind)
    years: npt.NDArray[np.float64]
    gender: IntArray
    country: IntArray
    place: IntArray
    document: IntArray
    role: Any  # sparse mention × token matrices
    org: Any

    @classmethod
    def build(
        cls,
        mentions: Sequence[Mention],
        contexts: Sequence[dict[str, frozenset[str]]] | None = None,
    ) -> MentionColumns:
        """The columns of ``mentions`` (``contexts`` from :func:`context_values`, if known)."""
        contexts = contexts if contexts is not None else [context_values(m) for m in mentions]
        years = pd.to_numeric(
            pd.Series([m.attr("birth_year") for m in mentions], dtype=object), errors="coerce"
        ).to_numpy(dtype=float)
        genders = [str(m.attr("gender") or "")[:1].upper() or None for m in mentions]
        name_codes, unique_names = name_codes_of(mentions)
        kind_index = {k: i for i, k in enumerate(NameKind)}
        return cls(
            name_codes=name_codes,
            unique_names=unique_names,
            kind_codes=np.asarray([kind_index[m.kind] for m in mentions], dtype=np.int64),
            years=years,
            gender=_codes(genders),
            country=_codes([_single(c["country"]) for c in contexts]),
            place=_codes([_single(c["place"]) for c in contexts]),
            document=_codes([m.document or None for m in mentions]),
            role=_token_matrix([c["role"] for c in contexts]),
            org=_token_matrix([c["org"] for c in contexts]),
        )


def _levels_of(scores: npt.NDArray[np.float64]) -> LevelArray:
    """:func:`_name_level` of each score."""
    return np.searchsorted(np.asarray(_NAME_BANDS), scores, side="right").astype(np.int8)


def _name_columns(
    c: MentionColumns,
    ia: IntArray,
    ib: IntArray,
    progress: Callable[[int, int], None] | None,
    workers: int = 1,
    *,
    also: Sequence[NameTriple] = (),
    also_found: dict[NameTriple, tuple[float, bool]] | None = None,
    known: Mapping[NameTriple, tuple[float, bool]] | None = None,
    ahead: Callable[[list[NameTriple]], Any] | None = None,
    only: npt.NDArray[np.bool_] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Name score and Han conflict of each pair (of those where ``only`` is true, when
    given), asking the name engine once per distinct pair of names (many mentions share a
    name); ``progress`` counts distinct name pairs.

    With ``workers`` > 1 and at least ``PARALLEL_MIN`` distinct pairs, the pairs are
    shared among that many forked worker processes (see :func:`_scores_in_workers`), and
    so are the pairs of names ``also`` (each ``(a, b, kind)`` with ``a <= b``), whose
    score and Han conflict go into ``also_found``; in this process ``also`` is left to be
    compared when asked for. A pair found in ``known`` (keyed as ``also``) is not compared
    again. ``ahead`` is tried first, when given (see :func:`_scores_in_workers`).
    """
    a, b = c.name_codes[ia], c.name_codes[ib]
    kind = c.kind_codes[ia]
    if only is not None:
        a, b, kind = a[only], b[only], kind[only]
    if not len(a):
        return np.zeros(0, dtype=float), np.zeros(0, dtype=bool)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    del a, b
    unique, first, inverse = distinct_first_inverse(
        (lo * len(c.unique_names) + hi) * len(NameKind) + kind
    )
    # each distinct pair's names; the arrays as long as the pairs are let go while the
    # names are compared
    lo, hi, kind = lo[first], hi[first], kind[first]
    del first
    kinds = list(NameKind)
    names = c.unique_names
    triples = [
        (names[x], names[y], kinds[z])
        for x, y, z in zip(lo.tolist(), hi.tolist(), kind.tolist(), strict=True)
    ]
    if workers > 1 and len(triples) >= PARALLEL_MIN:
        extra = list(dict.fromkeys(also)) if also_found is not None else []
        # in the names' sorted order, so that pairs of like names go to the same worker,
        # which then meets fewer distinct names (each worker works out what the name
        # engine needs of a name once, for itself)
        rank = np.empty(len(names), dtype=np.int64)
        rank[np.argsort(np.asarray(names, dtype=object), kind="stable")] = np.arange(len(names))
        ra, rb = rank[lo], rank[hi]
        first_rank, second_rank = np.minimum(ra, rb), np.maximum(ra, rb)
        if len(NameKind) * len(names) ** 2 < 2**62:  # by kind, then ranks, as one number
            order = stable_order((kind * len(names) + first_rank) * len(names) + second_rank)
        else:
            order = np.lexsort((second_rank, first_rank, kind))
        del ra, rb, first_rank, second_rank
        ordered = [triples[k] for k in order.tolist()]
        found = _scores_in_workers(ordered + extra, workers, progress, ahead)
        if found is not None:
            found_score, found_conflict = found
            if also_found is not None:
                extra_found = zip(
                    found_score[len(triples) :].tolist(),
                    found_conflict[len(triples) :].tolist(),
                    strict=True,
                )
                also_found.update(zip(extra, extra_found, strict=True))
            score = np.empty(len(triples), dtype=float)
            conflict = np.empty(len(triples), dtype=bool)
            score[order] = found_score[: len(triples)]
            conflict[order] = found_conflict[: len(triples)]
            return score[inverse], conflict[inverse]
    score = np.empty(len(unique), dtype=float)
    conflict = np.empty(len(unique), dtype=bool)
    for k, (x, y, z) in enumerate(triples):
        found_before = known.get(name_triple(x, y, z)) if known else None
        if found_before is None:
            outcome = name_outcome(x, y, z)
            score[k], conflict[k] = outcome.score, outcome.han_conflict
        else:
            score[k], conflict[k] = found_before
        if progress is not None and (k + 1) % 10_000 == 0:
            progress(k + 1, len(unique))
    if progress is not None:
        progress(len(unique), len(unique))
    return score[inverse], conflict[inverse]


def _batch_size(pairs: int, workers: int) -> int:
    """Pairs of names per batch: at most ``_BATCH``, and about four batches a worker."""
    return max(1, min(_BATCH, -(-pairs // (workers * 4))))


def _scores_in_workers(
    triples: list[NameTriple],
    workers: int,
    progress: Callable[[int, int], None] | None,
    ahead: Callable[[list[NameTriple]], Any] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]] | None:
    """:func:`_scores` of the pairs in this process and ``workers`` − 1 forked worker
    processes (:func:`_scores_forked`), in order; ``None`` where processes cannot be
    forked or a worker died (killed, out of memory): the caller then compares in this
    process, so the result is the same either way.

    Forked workers start with this process's parsed names and tables. ``ahead``, when
    given, is tried first: it takes the pairs and gives their scores (as
    :meth:`ComparisonAhead.scores` does), or ``None``. The workers' own name caches go
    with them: only the scores come back, and the parent's cache is not filled (an
    explanation is computed again when asked for).
    """
    if ahead is not None:
        found = ahead(triples)
        if found is not None:
            return cast("tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]", found)
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return _scores_forked(triples, workers, progress)
    except (OSError, BrokenProcessPool):
        return None


#: The pairs of names that :func:`_scores_forked` compares with the workers it forks (they
#: are forked with them, so the pairs are not sent to each), the batches' size and the
#: shared stretches of batches left (:func:`_next_batch`); and, in a helper process
#: running :meth:`ComparisonAhead.run`, the shared count of pairs compared, for progress.
_FORKED_PAIRS: list[NameTriple] = []
_FORKED_BATCHES: list[Any] = []  # [size, stretches], while batches are taken
_FORKED_DONE: list[Any] = []  # the shared count, when there is one
#: How often, in seconds, :meth:`ComparisonAhead.scores` reports progress.
_PROGRESS_EVERY: Final = 0.5
#: Names prepared between two looks for the pairs (:meth:`ComparisonAhead.run`).
_PREPARE_CHUNK: Final = 64

#: Batches of scores: the first pair of each, and the scores and Han conflicts of its pairs.
_Batches = tuple[list[int], list[npt.NDArray[np.float64]], list[npt.NDArray[np.bool_]]]


def _stretch_bounds(batches: int, processes: int) -> list[int]:
    """Stretches of ``batches`` batches, one for each of ``processes`` processes, in order
    and of about equal length: the first and the end of each, one after the other."""
    bounds = [batches * p // processes for p in range(processes + 1)]
    return [x for p in range(processes) for x in bounds[p : p + 2]]


def _stretches(context: Any, batches: int, processes: int) -> Any:
    """:func:`_stretch_bounds` in memory shared with the processes forked from this one
    (see :func:`_next_batch`)."""
    return context.Array("q", _stretch_bounds(batches, processes))


def _next_batch(stretches: Any, place: int) -> int | None:
    """The next batch for the process at ``place``: the first left of its own stretch;
    once that is done, the last left of the stretch with the most left (``None`` when
    none is). Each process so works through pairs of neighbouring names, in the names'
    sorted order, and meets fewer distinct names than if batches were dealt in turn: it
    works fewer out, and reads (so copies) less of what its parent worked out."""
    with stretches.get_lock():
        first, end = stretches[2 * place], stretches[2 * place + 1]
        if first < end:
            stretches[2 * place] = first + 1
            return int(first)
        left = [stretches[2 * p + 1] - stretches[2 * p] for p in range(len(stretches) // 2)]
        most = max(range(len(left)), key=left.__getitem__)
        if left[most] <= 0:
            return None
        stretches[2 * most + 1] -= 1
        return int(stretches[2 * most + 1])


def _take_batches(place: int, progress: Callable[[int, int], None] | None = None) -> _Batches:
    """:func:`_scores` of the batches of ``_FORKED_PAIRS`` this process (at ``place`` among
    those sharing them) takes (:func:`_next_batch`), one at a time, until none is left;
    ``progress`` is called after each with the pairs compared by all."""
    size, stretches = _FORKED_BATCHES
    total = len(_FORKED_PAIRS)
    starts: list[int] = []
    scores: list[npt.NDArray[np.float64]] = []
    conflicts: list[npt.NDArray[np.bool_]] = []
    while True:
        batch = _next_batch(stretches, place)
        if batch is None:
            return starts, scores, conflicts
        lo = batch * size
        hi = min(total, lo + size)
        score, conflict = _scores(_FORKED_PAIRS[lo:hi])
        starts.append(lo)
        scores.append(np.asarray(score, dtype=np.float64))
        conflicts.append(np.asarray(conflict, dtype=bool))
        for done in _FORKED_DONE:
            with done.get_lock():
                done.value += hi - lo
                compared = int(done.value)
            if progress is not None:
                progress(compared, total)


def _scores_in_forked_worker(place: int) -> _Batches:
    """:func:`_take_batches` in a worker forked by :func:`_batches_forked`."""
    return _take_batches(place)


def _scores_forked(
    triples: list[NameTriple],
    workers: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """:func:`_scores` of the pairs, in order, in this process and ``workers`` − 1 processes
    forked from it (:func:`_batches_forked`). Raises ``OSError`` or ``BrokenProcessPool``
    where a worker cannot be forked or died."""
    context = multiprocessing.get_context("fork")
    size = _batch_size(len(triples), workers)
    found = _batches_forked(
        triples,
        size,
        _stretches(context, -(-len(triples) // size), workers),
        context.Value("q", 0),
        places=range(workers),
        progress=progress,
    )
    assembled = _assembled(found, len(triples))
    assert assembled is not None  # the processes took every batch between them
    if progress is not None:
        progress(len(triples), len(triples))
    return assembled


def _batches_forked(
    triples: list[NameTriple],
    size: int,
    stretches: Any,
    done: Any,
    *,
    places: range,
    progress: Callable[[int, int], None] | None = None,
) -> list[_Batches]:
    """:func:`_scores` of the batches of ``size`` pairs that this process (at the first of
    ``places``) and processes forked from it (at the others) take from ``stretches``
    (:func:`_next_batch`), each as it is free, until none is left; ``done`` counts the
    pairs compared, and ``progress`` is called as this process's batches are done. Other
    processes may take batches from the same stretches: theirs are missing here.

    This process works too, rather than waiting for forked ones: each process that
    compares comes to hold its own copy of much of what the name engine works out of the
    names it meets (a forked process copies each page it writes, and reading a Python
    object writes its reference count), so one process fewer holds one copy fewer. Raises
    ``OSError`` or ``BrokenProcessPool`` where a worker cannot be forked or died."""
    _FORKED_PAIRS[:] = triples  # read by the workers forked below
    _FORKED_BATCHES[:] = [size, stretches]
    _FORKED_DONE[:] = [done]
    own, *others = places
    try:
        if not others:
            return [_take_batches(own, progress)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(others), mp_context=context) as pool:
            theirs = [pool.submit(_scores_in_forked_worker, place) for place in others]
            return [_take_batches(own, progress), *(future.result() for future in theirs)]
    finally:
        _FORKED_PAIRS.clear()
        _FORKED_BATCHES.clear()
        _FORKED_DONE.clear()


def _assembled(
    found: Sequence[_Batches], pairs: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]] | None:
    """The scores and Han conflicts of ``pairs`` pairs from their batches, in order;
    ``None`` unless the batches hold each pair once."""
    score = np.empty(pairs, dtype=np.float64)
    conflict = np.empty(pairs, dtype=bool)
    seen = np.zeros(pairs, dtype=bool)
    for starts, scores, conflicts in found:
        for lo, batch_score, batch_conflict in zip(starts, scores, conflicts, strict=True):
            hi = lo + len(batch_score)
            if seen[lo:hi].any():
                return None
            seen[lo:hi] = True
            score[lo:hi] = batch_score
            conflict[lo:hi] = batch_conflict
    return (score, conflict) if seen.all() else None


def _names_to_prepare(
    names: Sequence[tuple[str, NameKind]], processes: int
) -> list[tuple[str, NameKind]]:
    """The names a helper works out ahead for its stretches of the pairs (the last
    ``processes`` − 1 of ``processes``; see :func:`_stretches`): the pairs go in the order
    of their kind, then their first name's (the smaller), so the last stretches hold the
    pairs of the last names in that order, with each other. The last (``processes`` − 1) /
    ``processes`` of the distinct names in that order, last first. A name the helper meets
    beyond them is worked out when met, as the resolving process does with its own: each
    name worked out holds about 6 KB, which the helper would otherwise hold for names only
    the resolving process meets."""
    kinds = list(NameKind)
    ordered = sorted(set(names), key=lambda name: (kinds.index(name[1]), name[0]), reverse=True)
    return ordered[: -(-len(ordered) * (processes - 1) // processes)]


class ComparisonAhead:
    """The comparison workers' work that can start before the pairs are known.

    Each comparison worker works out, for itself, what the name engine needs of every name
    it meets (most names: a name has partners all over the sorted order). Here a helper
    process (:class:`~sistercity_provenance.resolve._forked.ForkedHelper`, forked once
    the names are parsed in this one) works the names out (:func:`prepare`) while this
    process lists the candidate pairs, and stops when they are ready. The helper then
    compares, with ``workers`` − 2 workers forked from it, which so start with that work
    done, and this process compares too: all take the next batch of pairs as they are
    free, so that this process, which works the names it meets out for itself, takes
    fewer. No process waits idle beside the comparing ones, holding a copy of what they
    read.

    Create it before the helper is forked and give it :meth:`run` as the helper's last
    call; :meth:`scores` then sends the pairs of names and waits for their scores, which
    are those of :func:`_scores`.
    """

    def __init__(self, names: Sequence[tuple[str, NameKind]], workers: int) -> None:
        context = multiprocessing.get_context("fork")
        # the processes that compare: this one, the helper and workers − 2 forked from it
        self.processes = max(2, workers)
        self.names = _names_to_prepare(names, self.processes)
        self._receive, self._send = context.Pipe(duplex=False)
        self._done = context.Value("q", 0)  # pairs compared, by all
        # the batches left to take, for all: set by this process before it sends the pairs
        self._stretches = _stretches(context, 0, self.processes)
        self._sent = False

    def run(self) -> list[_Batches] | None:
        """Prepare the names until the pairs arrive, then score the batches of them that
        this process (the helper) and the ``workers`` − 2 processes forked from it take;
        ``None`` if none are sent."""
        self._send.close()  # this process's copy: the sender's closing is then seen
        for start in range(0, len(self.names), _PREPARE_CHUNK):
            if self._receive.poll():
                break
            for name, kind in self.names[start : start + _PREPARE_CHUNK]:
                with contextlib.suppress(ValueError):
                    prepare(parse(name, kind))
        try:
            triples: list[NameTriple] | None = self._receive.recv()
        except EOFError:
            return None
        if not triples:
            return None
        trim_heap()  # what the helper's earlier calls let go of
        return _batches_forked(
            triples,
            _batch_size(len(triples), self.processes),
            self._stretches,
            self._done,
            places=range(1, self.processes),
        )

    def scores(
        self,
        result: Callable[[float], Any],
        triples: list[NameTriple],
        progress: Callable[[int, int], None] | None,
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]] | None:
        """Send the pairs to :meth:`run`, compare the batches this process takes, then wait
        for the helper's, and give the scores in order; ``result`` waits at most the given
        seconds for the helper's result of :meth:`run`, raising ``TimeoutError`` if it is
        not there yet. ``None`` where the helper died."""
        if self._sent:
            return None
        self._sent = True
        self._receive.close()  # this process's copy: with the helper dead, sending fails
        size = _batch_size(len(triples), self.processes)
        batches = -(-len(triples) // size)
        with self._stretches.get_lock():  # before the helper can read them
            for k, bound in enumerate(_stretch_bounds(batches, self.processes)):
                self._stretches[k] = bound
        try:
            self._send.send(triples)
            # what listing the pairs of names and sending them let go of: about 110 MiB
            # at 100,000 mentions, which would stay with this process while it compares
            trim_heap()
            mine = _batches_forked(
                triples, size, self._stretches, self._done, places=range(1), progress=progress
            )
            while True:
                try:
                    found = result(_PROGRESS_EVERY)
                    break
                except TimeoutError:
                    if progress is not None:
                        progress(min(int(self._done.value), len(triples)), len(triples))
        except (OSError, HelperError):
            return None
        finally:
            self._send.close()
        if found is None:
            return None
        assembled = _assembled([*mine, *cast("list[_Batches]", found)], len(triples))
        if assembled is not None and progress is not None:
            progress(len(triples), len(triples))
        return assembled

    def close(self) -> None:
        """Tell :meth:`run` that no pairs will come (if they have not been sent)."""
        if not self._sent:
            self._sent = True
            self._receive.close()
            with contextlib.suppress(OSError):
                self._send.send(None)
            self._send.close()


@attrs.frozen
class PairFeatures:
    """Comparison vectors of candidate pairs (``ia``/``ib`` index the mention list)."""

    ia: IntArray
    ib: IntArray
    levels: dict[str, LevelArray]
    hard_conflict: npt.NDArray[np.bool_]


def compare_pairs(
    mentions: Sequence[Mention],
    ia: IntArray,
    ib: IntArray,
    columns: MentionColumns | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    workers: int = 1,
    names_of_conflicts: bool = True,
    also: Sequence[NameTriple] = (),
    also_found: dict[NameTriple, tuple[float, bool]] | None = None,
    known: Mapping[NameTriple, tuple[float, bool]] | None = None,
    ahead: Callable[[list[NameTriple]], Any] | None = None,
) -> PairFeatures:
    """Build the comparison vectors of the pairs (ia[k], ib[k]).

    ``columns`` (from :meth:`MentionColumns.build` on the same mentions) saves rebuilding
    the attribute columns when several batches of pairs are compared. ``progress`` is
    called with (distinct name pairs compared, distinct name pairs) every 10,000 and at
    the end. ``workers`` processes share the name engine's work on large inputs.

    With ``names_of_conflicts=False``, the names of a pair that different birth years or
    genders already keep apart are not compared: its name level is ``-1`` (missing), as
    nothing the names could say would link it. :meth:`Resolver.explain` compares them.

    ``also`` are more pairs of names (``(a, b, kind)``, ``a <= b``) to compare alongside
    when workers share the comparisons; the score and Han conflict of each go into
    ``also_found``. The pairs of names in ``known`` are not compared again (see
    :func:`_name_columns`). ``ahead`` compares the names, when given and the work is
    shared (see :func:`_scores_in_workers`).
    """
    c = columns if columns is not None else MentionColumns.build(mentions)
    ya, yb = c.years[ia], c.years[ib]
    by = (ya == yb).astype(np.int8)
    by[np.isnan(ya) | np.isnan(yb)] = -1
    del ya, yb  # as long as the pairs: not kept while the names are compared
    levels: dict[str, LevelArray] = {"birth_year": by}
    levels["gender"] = _agree(c.gender, ia, ib)
    apart = (levels["birth_year"] == 0) | (levels["gender"] == 0)
    asked = np.ones(len(ia), dtype=bool) if names_of_conflicts else ~apart
    score, conflict = _name_columns(
        c,
        ia,
        ib,
        progress,
        workers,
        also=also,
        also_found=also_found,
        known=known,
        ahead=ahead,
        only=None if names_of_conflicts else asked,
    )
    name_level = np.full(len(ia), -1, dtype=np.int8)
    name_level[asked] = _levels_of(score)
    han_conflict = np.zeros(len(ia), dtype=bool)
    han_conflict[asked] = conflict
    levels = {"name": name_level, **levels}
    levels["country"] = _agree(c.country, ia, ib)
    levels["place"] = _agree(c.place, ia, ib)
    levels["role"] = _overlap(c.role, ia, ib)
    levels["org"] = _overlap(c.org, ia, ib)
    same_doc = (c.document[ia] == c.document[ib]).astype(np.int8)
    same_doc[(c.document[ia] < 0) | (c.document[ib] < 0)] = -1
    levels["document"] = same_doc
    return PairFeatures(ia, ib, levels, han_conflict | apart)
