"""The helper process that works beside the resolver (resolve._forked) and the comparisons
it prepares ahead (resolve._features.ComparisonAhead)."""

from __future__ import annotations

import gc
import os
import threading
import weakref

import pytest

from sistercity_provenance.names import NameKind
from sistercity_provenance.resolve._features import ComparisonAhead, _scores
from sistercity_provenance.resolve._forked import ForkedHelper, HelperError

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="the helper is forked; this platform cannot fork"
)


def _dies() -> object:
    os._exit(9)


def test_the_helper_runs_closures_over_data_it_inherits_in_order() -> None:
    """The calls are not pickled: a closure over a lock (which pickle refuses) runs; each
    result comes back to its own call, and the helper is another process."""
    lock = threading.Lock()
    numbers = list(range(1000))
    calls = [lambda: (lock.locked(), os.getpid()), lambda: sum(numbers), lambda: numbers[-1]]
    helper = ForkedHelper.start(calls)
    assert helper is not None
    with helper:
        locked, pid = helper.result(0)
        assert (locked, helper.result(1), helper.result(2)) == (False, sum(numbers), 999)
        assert pid != os.getpid()


def test_a_helper_that_dies_raises_helper_error_and_the_caller_goes_on() -> None:
    helper = ForkedHelper.start([lambda: 1, _dies, lambda: 3])
    assert helper is not None
    with helper:
        assert helper.result(0) == 1
        with pytest.raises(HelperError):
            helper.result(1)
        with pytest.raises(HelperError):  # closed once it failed
            helper.result(2)


def test_an_error_of_a_call_is_raised_as_it_is() -> None:
    def fails() -> None:
        msg = "no such name"
        raise KeyError(msg)

    helper = ForkedHelper.start([fails, lambda: 2])
    assert helper is not None
    with helper:
        with pytest.raises(KeyError, match="no such name"):
            helper.result(0)
        assert helper.result(1) == 2  # the helper lives on


def test_waiting_for_a_result_can_time_out_without_losing_the_helper() -> None:
    gate = threading.Event()  # never set in the helper: the call waits there
    helper = ForkedHelper.start([lambda: gate.wait(0.5), lambda: "after"])
    assert helper is not None
    with helper:
        with pytest.raises(TimeoutError):
            helper.result(0, timeout=0.01)
        assert helper.result(0) is False
        assert helper.result(1) == "after"


class _Bulky:
    """A result that can be referred to weakly."""

    def __init__(self, size: int) -> None:
        self.data = bytes(size)


def test_a_result_is_handed_over_once_and_the_helper_lets_go_of_it() -> None:
    """A large result (such as the pairs listed beside the resolver) lives only as long
    as the caller keeps it; asking for it again is an error, not a second copy."""
    helper = ForkedHelper.start([lambda: _Bulky(1 << 20), lambda: "next"])
    assert helper is not None
    with helper:
        got = helper.result(0)
        assert len(got.data) == 1 << 20
        ref = weakref.ref(got)
        del got
        gc.collect()
        assert ref() is None
        with pytest.raises(LookupError, match="already handed over"):
            helper.result(0)
        assert helper.result(1) == "next"


PAIRS = [
    ("Mao Zedong", "毛泽东", NameKind.PERSON),
    ("Mao Tse-tung", "Mao Zedong", NameKind.PERSON),
    ("Wang Wei", "王维", NameKind.PERSON),
    ("王伟", "王维", NameKind.PERSON),
    ("Peking", "北京", NameKind.PLACE),
    ("OCAO", "国务院侨务办公室", NameKind.ORGANIZATION),
]


@pytest.mark.parametrize("workers", [2, 3])
def test_comparisons_ahead_give_the_scores_of_this_process_in_order(workers: int) -> None:
    """This process, the helper and (with three workers) a worker forked from the helper
    share the batches; the scores come back whole and in order."""
    names = sorted({(a, k) for a, _b, k in PAIRS} | {(b, k) for _a, b, k in PAIRS})
    ahead = ComparisonAhead(names, workers=workers)
    helper = ForkedHelper.start([ahead.run])
    assert helper is not None
    seen: list[tuple[int, int]] = []
    with helper:
        found = ahead.scores(lambda t: helper.result(0, t), PAIRS * 3, lambda *a: seen.append(a))
    assert found is not None
    score, conflict = found
    expected_score, expected_conflict = _scores(PAIRS * 3)
    assert score.tolist() == expected_score
    assert conflict.tolist() == expected_conflict
    assert seen[-1] == (len(PAIRS) * 3, len(PAIRS) * 3)
    # sent once: a second call does not wait for a helper that has finished
    assert ahead.scores(lambda t: helper.result(0, t), PAIRS, None) is None


def test_closing_comparisons_ahead_that_got_no_pairs_lets_the_helper_finish() -> None:
    ahead = ComparisonAhead([("Mao Zedong", NameKind.PERSON)], workers=2)
    helper = ForkedHelper.start([ahead.run, lambda: "next"])
    assert helper is not None
    with helper:
        ahead.close()
        assert helper.result(0, timeout=60) is None
        assert helper.result(1, timeout=60) == "next"


def test_comparisons_ahead_in_a_helper_that_died_give_none() -> None:
    """Also when the pairs are more than a pipe holds: sending to a dead helper fails at
    once instead of waiting for a reader."""
    ahead = ComparisonAhead([("Mao Zedong", NameKind.PERSON)], workers=2)
    helper = ForkedHelper.start([_dies, ahead.run])
    assert helper is not None
    many = [(f"Name {k}", f"Name {k + 1}", NameKind.PERSON) for k in range(50_000)]
    found: list[object] = []
    with helper:
        with pytest.raises(HelperError):
            helper.result(0)
        sender = threading.Thread(
            target=lambda: found.append(ahead.scores(lambda t: helper.result(1, t), many, None)),
            daemon=True,
        )
        sender.start()
        sender.join(60)
    assert not sender.is_alive()
    assert found == [None]
