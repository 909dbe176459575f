"""The FEBRL benchmark: pairwise scoring, decisions, similarity bounds, and febrl1 end to end."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sistercity_provenance.bench._febrl import (
    _cluster_pairs,
    _jaro_winkler,
    _jaro_winkler_bound,
    _minus_edits,
    _minus_edits_bound,
    _one_to_one,
    _Vocabulary,
    run_febrl_benchmark,
    score_pairs,
)

CONTRACT = {
    "precision",
    "recall",
    "f1",
    "seconds",
    "pairs_true",
    "pairs_predicted",
    "candidate_pairs",
    "blocking_recall",
}


def test_score_pairs_unordered() -> None:
    # Deduplication: (b, a) is the pair (a, b). Two of three predictions are right,
    # two of four true pairs are found.
    truth = [("a", "b"), ("a", "c"), ("b", "c"), ("d", "e")]
    predicted = [("b", "a"), ("a", "c"), ("e", "f")]
    s = score_pairs(truth, predicted, unordered=True)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 4)
    assert s["f1"] == pytest.approx(4 / 7)
    assert (s["pairs_true"], s["pairs_predicted"], s["true_positives"]) == (4, 3, 2)


def test_score_pairs_ordered_and_degenerate() -> None:
    # Linkage: (record of A, record of B), so ("b", "a") is not ("a", "b").
    s = score_pairs([("a", "b"), ("c", "d")], [("b", "a"), ("c", "d")])
    assert (s["precision"], s["recall"], s["f1"]) == (0.5, 0.5, 0.5)
    # Duplicates count once; nothing predicted is 0.0, not a division by zero.
    assert score_pairs([("a", "b")], [("a", "b"), ("a", "b")])["precision"] == 1.0
    assert score_pairs([("a", "b")], [])["f1"] == 0.0


def test_clusters_and_one_to_one() -> None:
    assert sorted(_cluster_pairs([("a", "b"), ("c", "b"), ("d", "e")])) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "c"),
        ("d", "e"),
    ]
    links = [("a1", "b1"), ("a1", "b2"), ("a2", "b1"), ("a2", "b2")]
    kept = _one_to_one(links, np.array([5.0, 9.0, 7.0, 1.0]))
    assert sorted(kept) == [("a1", "b2"), ("a2", "b1")]


_WORDS = st.text(alphabet="abcdeé0123 -", min_size=1, max_size=12)


@given(_WORDS, _WORDS)
def test_similarity_bounds_hold(a: str, b: str) -> None:
    # The bounds let the comparison skip pairs surely below a cut: they must never be
    # below the true similarity.
    vocabulary = _Vocabulary.of([a, b])
    lo, hi = np.array([0]), np.array([1])
    assert _jaro_winkler(a, b) <= _jaro_winkler_bound(vocabulary, lo, hi)[0] + 1e-9
    assert _minus_edits(a, b) <= _minus_edits_bound(vocabulary, lo, hi)[0]


def test_febrl1_end_to_end() -> None:
    result = run_febrl_benchmark(["febrl1"])
    assert set(result) == {"febrl1"}
    scores = result["febrl1"]
    assert set(scores) == CONTRACT
    assert all(isinstance(v, float) and round(v, 4) == v for v in scores.values())
    assert scores["f1"] >= 0.99
    assert scores["pairs_true"] == 500
    assert 0 < scores["candidate_pairs"] < 1000 * 999 / 2
    assert scores["seconds"] > 0


def test_unknown_dataset() -> None:
    with pytest.raises(ValueError, match="febrl9"):
        run_febrl_benchmark(["febrl9"])
