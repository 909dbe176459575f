"""Which mention spans a document page marks: the longer of overlapping spans."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sistercity_provenance.report._html import _marked_spans


def _mention(i: int, start: int, end: int) -> Any:
    return SimpleNamespace(id=f"m{i}", span=SimpleNamespace(start=start, end=end))


def _by_every_span_kept(mentions: list[Any], length: int) -> list[tuple[int, int, str]]:
    """The rule written plainly: each span, longest first, against every span kept."""
    spans = sorted(
        (m for m in mentions if m.span.end <= length),
        key=lambda m: (-(m.span.end - m.span.start), m.span.start),
    )
    taken: list[tuple[int, int, str]] = []
    for m in spans:
        if all(m.span.end <= a or m.span.start >= b for a, b, _ in taken):
            taken.append((m.span.start, m.span.end, m.id))
    return sorted(taken)


_spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=40,
)


@given(_spans, st.integers(0, 70))
def test_marked_spans_are_the_longest_of_overlapping_ones(
    spans: list[tuple[int, int]], length: int
) -> None:
    mentions = [_mention(i, a, b) for i, (a, b) in enumerate(spans)]
    marked = [(a, b, m.id) for a, b, m in _marked_spans(mentions, length)]
    assert marked == _by_every_span_kept(mentions, length)
    assert all(b <= a2 for (_, b, _), (a2, _, _) in itertools.pairwise(marked))


def test_a_longer_span_wins_over_those_inside_and_across_it() -> None:
    mentions = [_mention(0, 0, 4), _mention(1, 2, 10), _mention(2, 9, 12), _mention(3, 3, 5)]
    assert [m.id for _, _, m in _marked_spans(mentions, 20)] == ["m1"]
    assert [m.id for _, _, m in _marked_spans(mentions, 9)] == ["m0"]
