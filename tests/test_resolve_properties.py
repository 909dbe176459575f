"""Properties of the resolution stage over generated mentions (Hypothesis)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.strategies import mention_rows, named_things, partitions

from sistercity_provenance.bench import bcubed_scores, pairwise_scores
from sistercity_provenance.names import NameKind
from sistercity_provenance.resolve import (
    FellegiSunter,
    Judgement,
    JudgementStore,
    Mention,
    Resolution,
    Resolver,
)
from sistercity_provenance.resolve._keys import KEY_FAMILIES, blocking_keys

Row = tuple[str, str, str, str, dict[str, object]]


def mentions_of(rows: Sequence[Row]) -> list[Mention]:
    return [Mention(*row) for row in rows]


def partition(entity_of: Mapping[str, str]) -> frozenset[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for mention, entity in entity_of.items():
        groups.setdefault(entity, set()).add(mention)
    return frozenset(frozenset(g) for g in groups.values())


def decision_set(res: Resolution) -> set[tuple[str, str, bool, str, str]]:
    return {(d.a, d.b, d.merged, d.decided_by, d.reason) for d in res.decisions}


# --- the resolver ------------------------------------------------------------------------


@settings(max_examples=30)
@given(rows=mention_rows(max_size=12), data=st.data())
def test_resolution_does_not_depend_on_input_order(rows: list[Row], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(rows), label="shuffled")
    first = Resolver().resolve(mentions_of(rows))
    second = Resolver().resolve(mentions_of(shuffled))
    assert partition(first.entity_of) == partition(second.entity_of)
    assert dict(first.entity_of) == dict(second.entity_of)  # entity ids as well
    assert first.entities == second.entities
    assert decision_set(first) == decision_set(second)


@settings(max_examples=40)
@given(rows=mention_rows(max_size=12))
def test_every_mention_is_in_exactly_one_entity(rows: list[Row]) -> None:
    mentions = mentions_of(rows)
    res = Resolver().resolve(mentions)
    ids = sorted(m.id for m in mentions)
    listed = [m for e in res.entities for m in e.mentions]
    assert sorted(listed) == ids  # no mention twice, none missing
    assert sorted(res.entity_of) == ids
    assert len({e.id for e in res.entities}) == len(res.entities)
    by_id = {m.id: m for m in mentions}
    for e in res.entities:
        assert e.id == f"E-{min(e.mentions)}"  # the id derives from the smallest mention id
        assert list(e.mentions) == sorted(e.mentions)
        assert all(res.entity_of[m] == e.id for m in e.mentions)
        assert res.entity(e.id) == e
        assert {by_id[m].kind for m in e.mentions} == {e.kind}  # kinds never mix
        assert set(e.aliases) == {by_id[m].name for m in e.mentions}
        assert e.name in e.aliases
    assert res.stats["mentions"] == len(mentions)
    assert res.stats["entities"] == len(res.entities)
    assert res.stats["all_pairs"] == len(mentions) * (len(mentions) - 1) // 2
    assert 0 <= res.stats["candidate_pairs"] <= res.stats["all_pairs"]


@settings(max_examples=30)
@given(rows=mention_rows(max_size=12))
def test_entity_ids_are_stable_when_resolving_again(rows: list[Row]) -> None:
    mentions = mentions_of(rows)
    r = Resolver()
    first = r.resolve(mentions)
    again = r.resolve(mentions)  # the same resolver, the same input
    fresh = Resolver().resolve(list(reversed(mentions)))
    assert dict(first.entity_of) == dict(again.entity_of) == dict(fresh.entity_of)
    assert first.entities == again.entities == fresh.entities


@settings(max_examples=30)
@given(rows=mention_rows(max_size=10, min_size=2), data=st.data())
def test_merge_decisions_are_well_formed(rows: list[Row], data: st.DataObject) -> None:
    r = Resolver()
    res = r.resolve(mentions_of(rows))
    ids = set(res.entity_of)
    for d in res.decisions:
        assert d.a in ids
        assert d.b in ids
        assert d.a != d.b
        assert 0.0 <= d.probability <= 1.0
        assert d.decided_by in {"model", "rule", "person"}
        assert d.model_version
        if d.decided_by == "model":
            assert d.merged
            assert d.probability >= r.threshold
        if not d.merged:
            assert d.reason
    a = data.draw(st.sampled_from(sorted(ids)), label="a")
    b = data.draw(st.sampled_from(sorted(ids)), label="b")
    e = r.explain(a, b)
    assert e.same_entity == (res.entity_of[a] == res.entity_of[b])
    assert 0.0 <= e.probability <= 1.0
    assert e.verdict


@settings(max_examples=25)
@given(old=mention_rows(max_size=8), new=mention_rows(max_size=5))
def test_add_keeps_existing_entities(old: list[Row], new: list[Row]) -> None:
    new = [(f"n-{row[0]}", *row[1:]) for row in new]  # ids distinct from the old ones
    r = Resolver()
    before = dict(r.resolve(mentions_of(old)).entity_of)
    after = r.add(mentions_of(new))
    assert set(after.entity_of) == set(before) | {row[0] for row in new}
    for mention, entity in before.items():
        assert after.entity_of[mention] == entity  # same id, so never merged or split
    old_ids = set(before.values())
    for entity in set(after.entity_of.values()) - old_ids:  # made of new mentions only
        members = [m for m, e in after.entity_of.items() if e == entity]
        assert all(m.startswith("n-") for m in members)
        assert entity == f"E-{min(members)}"


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.sampled_from(["a", "b", "c", "d"]),
            st.sampled_from(["same", "different", "unsure", "withdraw"]),
        ),
        max_size=12,
    )
)
def test_judgement_store_keeps_everything_and_enforces_the_latest(
    ops: list[tuple[str, str, str]],
) -> None:
    store = JudgementStore()
    expected: dict[tuple[str, str], str] = {}
    made = 0
    for a, b, op in ops:
        pair = (a, b) if a <= b else (b, a)
        if op == "withdraw":
            withdrawn = store.withdraw(b, a)
            assert (withdrawn > 0) == (pair in expected)
            expected.pop(pair, None)
        else:
            store.add(Judgement(a, b, op, by="tester"))
            expected[pair] = op
            made += 1
    assert {p: j.verdict.value for p, j in store.in_force().items()} == expected
    history = list(store.history())
    assert len(history) == made
    in_force = sum(1 for j in history if j.withdrawn_at is None)
    assert in_force >= len(expected)
    store.close()


# --- Fellegi–Sunter ----------------------------------------------------------------------


@st.composite
def comparison_vectors(
    draw: st.DrawFn, *, min_rows: int = 0
) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    n_features = draw(st.integers(1, 4))
    n_rows = draw(st.integers(min_rows, 40))
    levels = {f"f{i}": draw(st.integers(2, 5)) for i in range(n_features)}
    vectors = {
        f: np.asarray(
            draw(st.lists(st.integers(-1, k - 1), min_size=n_rows, max_size=n_rows)),
            dtype=np.int64,
        )
        for f, k in levels.items()
    }
    return vectors, levels


@settings(max_examples=80)
@given(
    fit_on=comparison_vectors(),
    data=st.data(),
    prior=st.floats(0.01, 0.99),
    pseudo=st.floats(0.5, 50.0),
)
def test_fellegi_sunter_scores_are_probabilities(
    fit_on: tuple[dict[str, np.ndarray], dict[str, int]],
    data: st.DataObject,
    prior: float,
    pseudo: float,
) -> None:
    vectors, levels = fit_on
    model = FellegiSunter.fit(vectors, levels, prior=prior, pseudo=pseudo)
    assert model.features == tuple(levels)
    assert 0.0 < model.prior < 1.0
    for i, f in enumerate(model.features):
        assert len(model.m[i]) == len(model.u[i]) == levels[f]
        assert math.fsum(model.m[i]) == pytest.approx(1.0)
        assert math.fsum(model.u[i]) == pytest.approx(1.0)
        assert all(math.isfinite(w) for w in model.weights(f))
    n = data.draw(st.integers(0, 30), label="rows to score")
    probe = {
        f: np.asarray(
            data.draw(st.lists(st.integers(-1, k - 1), min_size=n, max_size=n), label=f),
            dtype=np.int64,
        )
        for f, k in levels.items()
    }
    scores = model.score(probe)
    assert scores.shape == (n,)
    assert np.all((scores >= 0.0) & (scores <= 1.0))
    for row in range(min(n, 5)):
        row_levels = {f: int(v[row]) for f, v in probe.items()}
        breakdown = model.breakdown(row_levels)
        assert breakdown[0][0] == "prior"
        assert [f for f, _w in breakdown[1:]] == list(model.features)
        for f, w in breakdown[1:]:
            if row_levels[f] < 0:
                assert w == 0.0  # a missing value is no evidence either way
            else:
                assert w == model.weights(f)[row_levels[f]]
        total = sum(w for _f, w in breakdown)
        assert scores[row] == pytest.approx(1 / (1 + 2.0**-total), rel=1e-9, abs=1e-12)


def test_fellegi_sunter_learns_which_level_means_a_match() -> None:
    # 30 pairs that agree on both features, 70 that disagree on both.
    name = np.asarray([3] * 30 + [0] * 70, dtype=np.int64)
    year = np.asarray([1] * 30 + [0] * 70, dtype=np.int64)
    model = FellegiSunter.fit({"name": name, "year": year}, {"name": 4, "year": 2})
    assert model.weights("name")[3] > 0 > model.weights("name")[0]
    assert model.weights("year")[1] > 0 > model.weights("year")[0]
    scores = model.score({"name": name, "year": year})
    assert np.all(scores[:30] > 0.5)
    assert np.all(scores[30:] < 0.5)
    missing = model.score(
        {"name": np.asarray([-1], dtype=np.int64), "year": np.asarray([-1], dtype=np.int64)}
    )
    assert missing[0] == pytest.approx(model.prior)


def test_fellegi_sunter_with_u_from_random_pairs_holds_u_fixed() -> None:
    vectors = {"name": np.asarray([3, 3, 3, 2, 0, 0], dtype=np.int64)}
    random_pairs = {"name": np.asarray([0] * 50 + [1] * 3, dtype=np.int64)}
    model = FellegiSunter.fit(vectors, {"name": 4}, u_from=random_pairs)
    counts = np.bincount(random_pairs["name"], minlength=4) + 1.0
    assert model.u[0] == pytest.approx(tuple(counts / counts.sum()))


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_fellegi_sunter_without_pseudo_counts_on_an_unseen_feature() -> None:
    vectors = {
        "name": np.asarray([3, 3, 0, 0, 1, 2], dtype=np.int64),
        "birth_year": np.full(6, -1, dtype=np.int64),
    }
    model = FellegiSunter.fit(vectors, {"name": 4, "birth_year": 2}, pseudo=0.0)
    scores = model.score(
        {"name": np.asarray([3], dtype=np.int64), "birth_year": np.asarray([1], dtype=np.int64)}
    )
    assert np.all((scores >= 0.0) & (scores <= 1.0))


# --- clustering metrics ------------------------------------------------------------------


@settings(max_examples=100)
@given(gold=partitions, data=st.data())
def test_metrics_are_one_for_identical_partitions(
    gold: dict[str, str], data: st.DataObject
) -> None:
    # The same partition under other label names.
    labels = sorted(set(gold.values()))
    renamed = dict(zip(labels, data.draw(st.permutations([f"E-{x}" for x in labels])), strict=True))
    pred = {m: renamed[e] for m, e in gold.items()}
    expected = {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert pairwise_scores(pred, gold) == expected
    assert bcubed_scores(pred, gold) == expected


@settings(max_examples=100)
@given(gold=partitions, pred=partitions)
def test_metrics_are_within_bounds_and_mirror(gold: dict[str, str], pred: dict[str, str]) -> None:
    shared = set(gold) & set(pred)
    for scores in (pairwise_scores(pred, gold), bcubed_scores(pred, gold)):
        assert set(scores) == {"precision", "recall", "f1"}
        assert all(0.0 <= v <= 1.0 for v in scores.values())
        p, r, f = scores["precision"], scores["recall"], scores["f1"]
        assert min(p, r) - 1e-3 <= f <= max(p, r) + 1e-3  # a harmonic mean
    if shared:
        # Swapping prediction and gold swaps precision and recall.
        for metric in (pairwise_scores, bcubed_scores):
            forward, backward = metric(pred, gold), metric(gold, pred)
            assert forward["precision"] == backward["recall"]
            assert forward["recall"] == backward["precision"]


@settings(max_examples=50)
@given(gold=partitions)
def test_metrics_of_the_two_extreme_predictions(gold: dict[str, str]) -> None:
    singletons = {m: f"own-{m}" for m in gold}
    lumped = dict.fromkeys(gold, "all")
    assert pairwise_scores(singletons, gold)["precision"] == 1.0
    assert bcubed_scores(singletons, gold)["precision"] == 1.0
    assert pairwise_scores(lumped, gold)["recall"] == 1.0
    assert bcubed_scores(lumped, gold)["recall"] == 1.0


@given(st.lists(st.integers(min_value=-(2**62), max_value=2**62), max_size=200))
def test_sort_based_distinct_agrees_with_numpy_unique(values: list[int]) -> None:
    from sistercity_provenance.resolve._arrays import distinct, distinct_first_inverse

    x = np.asarray(values, dtype=np.int64)
    assert distinct(x).tolist() == np.unique(x).tolist()
    unique, first, inverse = distinct_first_inverse(x)
    expected = np.unique(x, return_index=True, return_inverse=True)
    assert unique.tolist() == expected[0].tolist()
    assert first.tolist() == expected[1].tolist()
    assert inverse.tolist() == expected[2].tolist()
    assert (unique[inverse] == x).all()


@st.composite
def _integer_arrays(draw: st.DrawFn) -> npt.NDArray[Any]:
    """Integer arrays whose range and places fit 63 bits together (stable_order packs
    them), or do not (it sorts them with a stable argsort), with repeated values."""
    dtype = draw(st.sampled_from([np.int64, np.int32, np.uint64, np.int8]))
    info = np.iinfo(dtype)
    width = draw(st.sampled_from([3, 2**20, 2**40, 2**60, 2**63, 2**64]))
    low = draw(st.integers(int(info.min), int(info.max)))
    high = min(int(info.max), low + width - 1)
    pool = draw(st.lists(st.integers(low, high), min_size=1, max_size=6))
    values = draw(st.lists(st.sampled_from(pool), max_size=80))
    return np.asarray(values, dtype=dtype)


@given(_integer_arrays(), st.integers(1, 9))
@example(np.asarray([2**61, 2**61 - 1, 2**61], dtype=np.int64), 2)  # shifted, they'd wrap
@example(np.asarray([-(2**63), 2**63 - 1, 0], dtype=np.int64), 2)
def test_stable_order_is_a_stable_argsort(values: npt.NDArray[Any], batch: int) -> None:
    """Ascending as a stable argsort, descending with ties in their order, packed any
    number at a time; the caller's values are kept unless given up."""
    from sistercity_provenance.resolve._arrays import stable_order

    before = values.copy()
    order = stable_order(values, batch=batch)
    assert order.dtype == np.int64
    assert order.tolist() == np.argsort(values, kind="stable").tolist()
    assert values.tolist() == before.tolist()  # the caller's values are not changed
    heaviest = stable_order(values, descending=True, small=True, batch=batch)
    assert heaviest.dtype == np.int32
    listed = values.tolist()
    assert heaviest.tolist() == sorted(range(len(listed)), key=lambda k: (-listed[k], k))
    assert values.tolist() == before.tolist()


@given(_integer_arrays())
def test_distinct_first_inverse_of_any_integers(values: npt.NDArray[Any]) -> None:
    from sistercity_provenance.resolve._arrays import distinct_first_inverse

    unique, first, inverse = distinct_first_inverse(values)
    expected = np.unique(values, return_index=True, return_inverse=True)
    assert unique.tolist() == expected[0].tolist()
    assert first.tolist() == expected[1].tolist()
    assert inverse.tolist() == expected[2].tolist()


@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(1, 2000)), min_size=1, max_size=40),
    st.randoms(use_true_random=False),
)
def test_pair_weights_do_not_depend_on_the_order_of_the_keys(
    rows: list[tuple[int, int]], rng: Any
) -> None:
    """A pair's weight sums 1/size over the blocks it shares; the sum must be the same in
    any order (the keys' order follows Python's string hashing), or pruning would break
    ties differently from one run to the next."""
    from sistercity_provenance.resolve._arrays import summed
    from sistercity_provenance.resolve._resolver import _UNIT

    shuffled = list(rows)
    rng.shuffle(shuffled)
    results = []
    for order in (rows, shuffled):
        code = np.asarray([c for c, _s in order], dtype=np.int64)
        size = np.asarray([s for _c, s in order], dtype=np.int64)
        codes, weights = summed(code, _UNIT // size)
        results.append((codes.tolist(), weights.tolist()))
    assert results[0] == results[1]


@given(
    st.lists(st.integers(-(2**62), 2**62), max_size=50),
    st.lists(st.integers(-(2**62), 2**62), max_size=50),
)
def test_merging_two_sorted_arrays_sorts_their_values(a: list[int], b: list[int]) -> None:
    from sistercity_provenance.resolve._arrays import merged

    x, y = np.asarray(sorted(a), dtype=np.int64), np.asarray(sorted(b), dtype=np.int64)
    assert merged(x, y).tolist() == sorted(a + b)


@st.composite
def _coded_rows(draw: st.DrawFn) -> list[tuple[int, int]]:
    """(code, weight) rows whose codes and weights fit in 63 bits together, or not, or
    hold a negative code (summed_parts packs the first kind into one number each)."""
    low = draw(st.sampled_from([-50, 0]))
    high = draw(st.sampled_from([50, 2**23, 2**43, 2**62]))
    weight = draw(st.sampled_from([0, 1, 2**19, 2**20, 2**40]))
    rows = st.tuples(st.integers(low, high), st.integers(0, weight))
    return draw(st.lists(rows, max_size=60))


@given(
    st.lists(st.tuples(st.integers(0, 2**40), st.booleans()), max_size=40),
    st.integers(1, 7),
    st.booleans(),
)
def test_compacting_in_place_keeps_the_chosen_values_in_order(
    rows: list[tuple[int, bool]], chunk: int, view: bool
) -> None:
    """Values are moved to the front a chunk at a time, whatever the chunk's size, in an
    array of its own or in a view of another."""
    from unittest import mock

    from sistercity_provenance.resolve import _arrays

    values = np.asarray([v for v, _k in rows], dtype=np.int64)
    keep = np.asarray([k for _v, k in rows], dtype=bool)
    expected = values[keep].tolist()
    held = np.concatenate([values, [7]])[: len(values)] if view else values.copy()
    with mock.patch.object(_arrays, "_COMPACT_CHUNK", chunk):
        got = _arrays.compacted(held, keep)
    assert got.tolist() == expected


def test_summing_runs_of_three_and_more() -> None:
    from sistercity_provenance.resolve._arrays import summed_parts

    parts = [
        (np.asarray([5, 5, 9, 2], dtype=np.int64), np.asarray([1, 2, 3, 8], dtype=np.int64)),
        (np.asarray([5, 9, 9, 5], dtype=np.int64), np.asarray([4, 5, 6, 16], dtype=np.int64)),
    ]
    codes, weights = summed_parts(parts)
    assert codes.tolist() == [2, 5, 9]
    assert weights.tolist() == [8, 23, 14]


@pytest.mark.parametrize("code_bits", [43, 44, 62, 63])
def test_summing_codes_and_weights_of_64_bits_together(code_bits: int) -> None:
    """Codes and weights at the edge of one signed 64-bit number: 43-bit codes with 20-bit
    weights fit it (and are packed), 44 bits and more do not (and are summed by place);
    both are summed right."""
    from sistercity_provenance.resolve._arrays import summed_parts

    top = 2**code_bits - 1
    code = np.asarray([top, 5, top], dtype=np.int64)
    weight = np.asarray([2**19, 2, 1], dtype=np.int64)
    codes, weights = summed_parts([(code, weight)])
    assert codes.tolist() == [5, top]
    assert weights.tolist() == [2, 2**19 + 1]


@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 12), st.integers(1, 2**31)), max_size=8),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([2**29, 2**30 - 1, 2**30, 2**31 - 1, 2**31]),
    st.booleans(),
)
@example([[(0, 2**31)], [(0, 2**31)]], 2**31 - 1, True)  # 2**32 - 2 in all: 64 bits
@example([[(0, 2**31)], [(0, 2**31)]], 2**30, True)  # 2**31 exactly: 64 bits
@example([[(0, 2**31)], [(0, 2**31)]], 2**30 - 1, True)  # 2**31 - 2: 32 bits
def test_sums_by_place_are_held_in_32_bits_only_where_they_fit(
    rows: list[list[tuple[int, int]]], cap: int, sorted_parts: bool
) -> None:
    """Codes too wide to pack with their weights are summed by place; the sums are 32-bit
    numbers only where no total can reach 2**31 (each part's codes distinct and sorted,
    their largest weights summing below it), and right either way."""
    from sistercity_provenance.resolve._arrays import summed_parts

    base = 2**62  # codes of 63 bits: never packed with a weight
    parts = []
    expected: dict[int, int] = {}
    for part_rows in rows:
        found = {base + c: min(w, cap) for c, w in part_rows}  # one weight per code
        codes = sorted(found) if sorted_parts else list(found)[::-1]
        for c in codes:
            expected[c] = expected.get(c, 0) + found[c]
        weights = [found[c] for c in codes]
        parts.append((np.asarray(codes, dtype=np.int64), np.asarray(weights, dtype=np.int64)))
    in_order = all(c.tolist() == sorted(c.tolist()) for c, _w in parts)
    narrow = in_order and sum(int(w.max()) for _c, w in parts if len(w)) < 2**31
    codes, weights = summed_parts(parts)
    assert codes.tolist() == sorted(expected)
    assert weights.tolist() == [expected[c] for c in sorted(expected)]
    if len(codes):
        assert weights.dtype == (np.int32 if narrow else np.int64)


@given(_coded_rows(), st.lists(st.integers(0, 60), max_size=5))
def test_summing_pairs_in_parts_gives_each_code_once_with_its_total(
    rows: list[tuple[int, int]], cuts: list[int]
) -> None:
    """The pairs of several sources are summed as if joined end to end, whatever the
    split, and the sources' list is emptied (so that their arrays can be let go)."""
    from sistercity_provenance.resolve._arrays import summed_parts

    expected: dict[int, int] = {}
    for code, weight in rows:
        expected[code] = expected.get(code, 0) + weight
    bounds = [0, *sorted(min(c, len(rows)) for c in cuts), len(rows)]
    parts = [
        (
            np.asarray([c for c, _w in rows[lo:hi]], dtype=np.int64),
            np.asarray([w for _c, w in rows[lo:hi]], dtype=np.int64),
        )
        for lo, hi in itertools.pairwise(bounds)
    ]
    codes, weights = summed_parts(parts)
    assert parts == []
    assert codes.tolist() == sorted(expected)
    assert weights.tolist() == [expected[c] for c in sorted(expected)]


@given(
    st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=6, unique=True), min_size=2,
             max_size=8),
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=12),
    st.integers(1, 40),
    st.booleans(),
)  # fmt: skip
def test_cross_lists_every_pair_of_two_groups(
    groups: list[list[int]], links: list[tuple[int, int]], batch: int, upper: bool
) -> None:
    """_cross lists each member of group a with each member of group b, for every linked
    pair of groups, once per pair of mentions with the weights summed, leaving out a
    mention paired with itself, however its batches fall; with ``upper``, the i-th member
    of a only with the members after the i-th of b."""
    from sistercity_provenance.resolve import _resolver

    n = 31
    links = [(a, b) for a, b in links if a < len(groups) and b < len(groups)]
    counts = np.asarray([len(g) for g in groups], dtype=np.int64)
    starts = np.r_[0, np.cumsum(counts)[:-1]].astype(np.int64)
    members = np.asarray([m for g in groups for m in g], dtype=np.int64)
    ga = np.asarray([a for a, _b in links], dtype=np.int64)
    gb = np.asarray([b for _a, b in links], dtype=np.int64)
    weight = np.asarray([7 * a + b + 1 for a, b in links], dtype=np.int64)
    expected: dict[int, int] = {}
    for (a, b), w in zip(links, weight.tolist(), strict=True):
        for i, x in enumerate(groups[a]):
            for j, y in enumerate(groups[b]):
                if (i < j) if upper else (x != y):
                    code = min(x, y) * n + max(x, y)
                    expected[code] = expected.get(code, 0) + w
    old = _resolver._CROSS_BATCH
    _resolver._CROSS_BATCH = batch
    try:
        code, total = _resolver._cross(
            ga, gb, members=members, starts=starts, counts=counts, weight=weight, n=n,
            upper=upper,
        )  # fmt: skip
    finally:
        _resolver._CROSS_BATCH = old
    assert dict(zip(code.tolist(), total.tolist(), strict=True)) == expected
    assert code.tolist() == sorted(expected)


@given(
    st.lists(st.integers(0, 2**62), max_size=40) | st.lists(st.integers(0, 6), max_size=40),
    st.integers(1, 9),
)
def test_heaviest_first_orders_by_weight_then_place(weights: list[int], batch: int) -> None:
    """The pairs from the heaviest, ties in their order, as a stable sort would give them,
    whether the weights' range leaves room for the places beside them or not, packed any
    number at a time."""
    from sistercity_provenance.resolve import _resolver
    from sistercity_provenance.resolve._arrays import stable_order

    weight = np.asarray(weights, dtype=np.int64)
    expected = sorted(range(len(weights)), key=lambda k: (-weights[k], k))
    assert _resolver._heaviest_first(weight.copy(), 10).tolist() == expected
    batched = stable_order(weight.copy(), descending=True, consume=True, batch=batch)
    assert batched.tolist() == expected
    if all(w < 2**31 for w in weights):  # 32-bit weights (the sums' type where they fit)
        narrow = weight.astype(np.int32)
        order = stable_order(narrow, descending=True, consume=True, small=True, batch=batch)
        assert order.dtype == np.int32
        assert order.tolist() == expected


@given(
    st.integers(2, 12),
    st.data(),
    st.integers(1, 3),
    st.integers(1, 9),
)
def test_strongest_keeps_the_heaviest_pairs_of_each_mention(
    n: int, data: st.DataObject, partners: int, batch: int
) -> None:
    """_strongest keeps a pair when it is among the ``partners`` heaviest pairs (ties by
    lower pair code) of either of its mentions, however its batches fall."""
    from sistercity_provenance.resolve import _resolver

    all_pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    pairs = sorted(data.draw(st.sets(st.sampled_from(all_pairs), min_size=1)))
    weights = data.draw(st.lists(st.integers(1, 4), min_size=len(pairs), max_size=len(pairs)))
    code = np.asarray([a * n + b for a, b in pairs], dtype=np.int64)
    weight = np.asarray(weights, dtype=np.int64)
    expected = set()
    for m in range(n):
        mine = sorted(
            (k for k, (a, b) in enumerate(pairs) if m in (a, b)),
            key=lambda k: (-weights[k], code[k]),
        )
        expected |= set(mine[:partners])
    old = _resolver._STRONGEST_BATCH
    _resolver._STRONGEST_BATCH = batch
    try:
        kept = _resolver._strongest(code, weight, n, partners)
    finally:
        _resolver._STRONGEST_BATCH = old
    assert set(np.flatnonzero(kept).tolist()) == expected


@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 2)), min_size=1, max_size=40),
    st.lists(st.integers(0, 5), min_size=10, max_size=10),
    st.integers(1, 12),
)
def test_the_walk_pairs_near_members_of_each_block_and_sums_their_weights(
    rows: list[tuple[int, int]], ranks: list[int], window: int
) -> None:
    """_window_pairs pairs each member of a block with the next ``window`` members in the
    order of their ranks (ties in the rows' order), and gives each pair of mentions the
    sum of 1/size of the blocks it is found in, whatever distances it is found at (the
    distances are summed a few at a time)."""
    from sistercity_provenance.resolve import _resolver

    n = 10
    rows = list(dict.fromkeys(rows))  # a mention is in a block once
    mention = np.asarray([m for m, _k in rows], dtype=np.int64)
    key = np.asarray([k for _m, k in rows], dtype=np.int64)
    size = np.bincount(key, minlength=3)
    expected: dict[int, int] = {}
    for block in range(3):
        members = sorted((ranks[m], at, m) for at, (m, k) in enumerate(rows) if k == block)
        for i, (_r, _at, a) in enumerate(members):
            for _r2, _at2, b in members[i + 1 : i + 1 + window]:
                if a != b:
                    code = min(a, b) * n + max(a, b)
                    expected[code] = expected.get(code, 0) + _resolver._UNIT // int(size[block])
    code, weight = _resolver._window_pairs(
        mention, key, size, np.asarray(ranks, dtype=np.int64), n, window=window
    )
    assert dict(zip(code.tolist(), weight.tolist(), strict=True)) == expected
    assert code.tolist() == sorted(expected)


_VALUES = st.frozensets(st.sampled_from(["a", "b", "c"]), max_size=2)
_MEMBER = st.tuples(
    st.fixed_dictionaries(dict.fromkeys(("country", "place", "role", "org"), _VALUES)),
    st.tuples(
        st.none() | st.integers(1950, 1952),
        st.none() | st.sampled_from(["F", "M"]),
        st.frozensets(st.sampled_from(["王伟", "王维"]), max_size=1),
        st.frozensets(st.sampled_from(["city", "province"]), max_size=1),
    ),
)


@given(st.lists(_MEMBER, min_size=1, max_size=8), st.data())
def test_a_group_kept_up_to_date_equals_the_group_of_its_members(
    members: list[Any], data: st.DataObject
) -> None:
    """Refinement counts mentions into and out of a group as they move; whatever the
    moves, the group holds what a group made afresh of its members holds."""
    from sistercity_provenance.resolve._resolver import _Group

    kept = _Group()
    inside: list[Any] = []
    for member in members:
        kept.change(*member, 1)
        inside.append(member)
        if data.draw(st.booleans()):  # one leaves again
            leaving = inside.pop(data.draw(st.integers(0, len(inside) - 1)))
            kept.change(*leaving, -1)
    fresh = _Group()
    for member in inside:
        fresh.change(*member, 1)
    assert kept.counts == fresh.counts
    assert kept.holders == fresh.holders
    assert kept.fact_sets() == fresh.fact_sets()
    assert kept.fact_sets()[0] == frozenset(y for (_c, (y, *_f)) in inside if y is not None)


@settings(max_examples=200)
@given(
    st.one_of(
        st.tuples(st.text(max_size=40), st.sampled_from(list(NameKind))),
        named_things.map(lambda pair: (pair[0], NameKind(pair[1]))),
    )
)
def test_blocking_keys_of_any_string_are_of_a_known_family(named: tuple[str, NameKind]) -> None:
    text, kind = named
    keys = blocking_keys(text, kind)
    assert keys == blocking_keys(text, kind)
    for key in keys:
        kind_value, family, value = key.split("|", 2)
        assert kind_value == kind.value, key
        assert family in KEY_FAMILIES, key
        assert value, key


def test_the_resolver_s_loose_and_faint_families_are_key_families() -> None:
    """The resolver names key families by string; each must be one the keys have, and a
    faint family (weighed lightly in pruning) is also loose (dropped above the loose cap)."""
    from sistercity_provenance.resolve._resolver import _FAINT_KEYS, _LOOSE_KEYS

    assert set(_LOOSE_KEYS) <= KEY_FAMILIES
    assert set(_FAINT_KEYS) <= set(_LOOSE_KEYS)


@given(
    batches=st.integers(0, 40),
    processes=st.integers(1, 5),
    asks=st.lists(st.integers(0, 4), max_size=120),
)
@settings(max_examples=150, deadline=None)
def test_batches_are_each_taken_once_and_each_process_works_its_own_stretch_first(
    batches: int, processes: int, asks: list[int]
) -> None:
    """However the processes sharing the name comparisons ask in turn, every batch is
    handed out once, and a process gets its own stretch's batches first, in order."""
    import multiprocessing

    from sistercity_provenance.resolve._features import (
        _next_batch,
        _stretch_bounds,
        _stretches,
    )

    stretches = _stretches(multiprocessing.get_context(), batches, processes)
    bounds = _stretch_bounds(batches, processes)
    # the stretches are in order, of about equal length, and cover every batch
    assert bounds[0] == 0 and bounds[-1] == batches
    assert all(bounds[2 * p + 1] == bounds[2 * p + 2] for p in range(processes - 1))
    lengths = [bounds[2 * p + 1] - bounds[2 * p] for p in range(processes)]
    assert max(lengths) - min(lengths) <= 1
    given_out: list[int] = []
    for place in [a % processes for a in asks] + list(range(processes)) * (batches + 1):
        left = [(stretches[2 * p], stretches[2 * p + 1]) for p in range(processes)]
        batch = _next_batch(stretches, place)
        first, end = left[place]
        if first < end:  # the first left of its own stretch
            assert batch == first
        elif any(a < b for a, b in left):  # the last of the stretch with the most left
            most = max(b - a for a, b in left)
            assert batch in {b - 1 for a, b in left if b - a == most}
        else:
            assert batch is None
            continue
        given_out.append(batch)
    assert sorted(given_out) == list(range(batches))
    assert all(_next_batch(stretches, p) is None for p in range(processes))


@given(
    names=st.lists(st.tuples(st.text(max_size=4), st.sampled_from(list(NameKind))), max_size=40),
    processes=st.integers(2, 5),
)
@settings(max_examples=150, deadline=None)
def test_the_helper_works_out_the_last_names_of_the_pairs_order_ahead(
    names: list[tuple[str, NameKind]], processes: int
) -> None:
    """The names a helper works out ahead are the last (processes − 1) / processes of the
    distinct names in the order of the pairs (kind, then name), last first: those of its
    stretches, which come last."""
    from sistercity_provenance.resolve._features import _names_to_prepare

    kinds = list(NameKind)

    def place(name: tuple[str, NameKind]) -> tuple[int, str]:
        return kinds.index(name[1]), name[0]

    chosen = _names_to_prepare(names, processes)
    distinct_names = set(names)
    assert len(chosen) == len(set(chosen))
    assert set(chosen) <= distinct_names
    assert len(chosen) == -(-len(distinct_names) * (processes - 1) // processes)
    assert [place(x) for x in chosen] == sorted((place(x) for x in chosen), reverse=True)
    left_out = distinct_names - set(chosen)
    assert all(place(x) < place(y) for x in left_out for y in chosen)
