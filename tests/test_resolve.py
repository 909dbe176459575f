"""The resolution stage: mentions → entities, judgements, explanations, incremental add.

Every example is written for these tests from well-known public figures and places
(Mao Zedong, the poet Wang Wei and the pilot Wang Wei, Donald Tsang, Peking, Jilin, Suzhou);
none comes from a benchmark or evaluation file.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.helpers import patches_internals_of
from tests.strategies import MAO_NAMES, mention_ids

from sistercity_provenance._errors import InputError
from sistercity_provenance.resolve import (
    DuplicateMentionError,
    Judgement,
    JudgementStore,
    Mention,
    MergeDecision,
    Resolution,
    Resolver,
    Verdict,
)

MAO = [
    Mention("mao-1", "毛泽东", document="d1"),
    Mention("mao-2", "毛澤東", document="d2"),
    Mention("mao-3", "Mao Tse-tung", document="d3"),
    Mention("mao-4", "Mao Zedong", document="d4"),
    Mention("mao-5", "Zedong Mao", document="d5"),
]
WANG = [
    Mention("wang-poet", "王维", attributes={"birth_year": 701, "role": "poet"}),
    Mention("wang-pilot", "王伟", attributes={"birth_year": 1968, "role": "pilot"}),
    Mention("wang-latin-701", "Wang Wei", attributes={"birth_year": 701}),
    Mention("wang-latin-1968", "Wang Wei", attributes={"birth_year": 1968}),
]
OTHERS = [
    Mention("zhou-1", "周恩来"),
    Mention("zhou-2", "Chou En-lai"),
    Mention("tsang-1", "曾荫权"),
    Mention("tsang-2", "Tsang Yam-kuen"),
    Mention("tsang-3", "Donald Tsang Yam-kuen"),
    Mention("bj-1", "Peking", kind="place"),
    Mention("bj-2", "北京", kind="place"),
    Mention("sz-1", "苏州", kind="place"),
    Mention("sz-2", "宿州", kind="place"),
    Mention("jl-province", "吉林省", kind="place"),
    Mention("jl-city", "吉林市", kind="place"),
]
ALL = MAO + WANG + OTHERS


def together(res: Resolution, *ids: str) -> bool:
    """Whether all the mentions are in one entity."""
    return len({res.entity_of[i] for i in ids}) == 1


def partition(entity_of: Mapping[str, str]) -> frozenset[frozenset[str]]:
    """The clusters of a mention → entity map, as a set of sets of mention ids."""
    groups: dict[str, set[str]] = {}
    for mention, entity in entity_of.items():
        groups.setdefault(entity, set()).add(mention)
    return frozenset(frozenset(g) for g in groups.values())


def co_clustered_pairs(entity_of: Mapping[str, str]) -> set[frozenset[str]]:
    """Every unordered pair of mentions put in one entity."""
    return {
        frozenset(p)
        for group in partition(entity_of)
        for p in itertools.combinations(sorted(group), 2)
    }


@pytest.fixture(scope="module")
def resolved() -> tuple[Resolver, Resolution]:
    """One resolver over all the examples (read-only: tests that judge make their own)."""
    r = Resolver()
    return r, r.resolve(ALL)


# --- merges across scripts ---------------------------------------------------------------


def test_mao_in_five_spellings_is_one_entity(resolved: tuple[Resolver, Resolution]) -> None:
    _r, res = resolved
    mao_ids = [m.id for m in MAO]
    assert together(res, *mao_ids)
    entity = res.entity(res.entity_of["mao-1"])
    assert set(entity.mentions) == set(mao_ids)  # and nothing else joined it
    assert set(entity.aliases) == {m.name for m in MAO}
    assert entity.name in entity.aliases
    assert entity.kind.value == "person"


def test_other_cross_script_pairs_merge(resolved: tuple[Resolver, Resolution]) -> None:
    _r, res = resolved
    assert together(res, "zhou-1", "zhou-2")
    assert together(res, "tsang-1", "tsang-2", "tsang-3")
    assert together(res, "bj-1", "bj-2")
    assert not together(res, "zhou-1", "mao-1")
    assert not together(res, "tsang-1", "zhou-1")


def test_every_mention_is_in_exactly_one_entity(resolved: tuple[Resolver, Resolution]) -> None:
    _r, res = resolved
    listed = [m for e in res.entities for m in e.mentions]
    assert sorted(listed) == sorted(m.id for m in ALL)
    assert len({e.id for e in res.entities}) == len(res.entities)
    for e in res.entities:
        assert all(res.entity_of[m] == e.id for m in e.mentions)
    assert res.stats["mentions"] == len(ALL)
    assert res.stats["entities"] == len(res.entities)
    assert res.stats["all_pairs"] == len(ALL) * (len(ALL) - 1) // 2
    assert 0 < res.stats["candidate_pairs"] <= res.stats["all_pairs"]


# --- homonyms and hard conflicts ---------------------------------------------------------


def test_wang_wei_poet_and_pilot_are_two_entities(resolved: tuple[Resolver, Resolution]) -> None:
    """王维 (b. 701) and 王伟 (b. 1968) are both "Wang Wei"; the birth year decides."""
    _r, res = resolved
    assert together(res, "wang-poet", "wang-latin-701")
    assert together(res, "wang-pilot", "wang-latin-1968")
    assert not together(res, "wang-poet", "wang-pilot")
    assert not together(res, "wang-latin-701", "wang-latin-1968")
    poet = res.entity(res.entity_of["wang-poet"])
    assert set(poet.mentions) == {"wang-poet", "wang-latin-701"}


@pytest.mark.parametrize(
    ("name", "key", "first", "second"),
    [
        ("Li Na", "birth_year", 1982, 1990),
        ("李娜", "birth_year", 1982, 1990),
        ("Wang Fang", "gender", "F", "M"),
        ("Mao Zedong", "birth_year", 1893, "1968"),
    ],
)
def test_same_name_with_conflicting_facts_is_kept_apart(
    name: str, key: str, first: object, second: object
) -> None:
    mentions = [
        Mention("a", name, attributes={key: first}),
        Mention("b", name, attributes={key: second}),
        Mention("c", name, attributes={key: first}),
    ]
    res = Resolver().resolve(mentions)
    assert together(res, "a", "c")
    assert not together(res, "a", "b")
    assert not any(d.merged and "b" in (d.a, d.b) for d in res.decisions)


@pytest.mark.parametrize(
    ("key", "first", "second", "why"),
    [("birth_year", 701, 1968, "birth years"), ("gender", "M", "F", "genders")],
)
def test_hard_conflicts_hold_through_a_chain(
    key: str, first: object, second: object, why: str
) -> None:
    """A mention without the fact links to both; only one side may have it. Here it fits
    both equally, so refinement then leaves it on its own (and says so)."""
    mentions = [
        Mention("a", "Wang Wei", attributes={key: first}),
        Mention("b", "Wang Wei"),
        Mention("c", "Wang Wei", attributes={key: second}),
    ]
    res = Resolver().resolve(mentions)
    assert not together(res, "a", "c")
    assert not (together(res, "a", "b") and together(res, "b", "c"))
    refused = [d for d in res.decisions if not d.merged]
    assert any(d.decided_by == "rule" and why in d.reason for d in refused)
    if not together(res, "a", "b") and not together(res, "b", "c"):
        assert any(d.reason.startswith("left on its own") for d in refused)


def test_birth_year_as_text_or_number_agrees() -> None:
    res = Resolver().resolve(
        [
            Mention("a", "Li Na", attributes={"birth_year": 1982}),
            Mention("b", "李娜", attributes={"birth_year": "1982"}),
        ]
    )
    assert together(res, "a", "b")


def test_place_levels_are_kept_apart(resolved: tuple[Resolver, Resolution]) -> None:
    """吉林省 (the province) is not 吉林市 (the city); 苏州 is not 宿州."""
    _r, res = resolved
    assert not together(res, "jl-province", "jl-city")
    assert not together(res, "sz-1", "sz-2")


def test_a_bare_place_name_may_join_one_level_only() -> None:
    mentions = [
        Mention("p", "吉林省", kind="place"),
        Mention("c", "吉林市", kind="place"),
        Mention("j", "Jilin Province", kind="place"),
        Mention("k", "Jilin City", kind="place"),
    ]
    res = Resolver().resolve(mentions)
    assert together(res, "p", "j")
    assert together(res, "c", "k")
    assert not together(res, "p", "c")


def test_kinds_are_never_merged() -> None:
    res = Resolver().resolve(
        [Mention("person", "Peking"), Mention("place", "Peking", kind="place")]
    )
    assert not together(res, "person", "place")


def test_unusable_names_are_singletons() -> None:
    res = Resolver().resolve(
        [Mention("a", "!!!"), Mention("b", "Mr."), Mention("c", "!!!"), Mention("d", "毛泽东")]
    )
    assert len(res.entities) == 4


def test_empty_and_single_inputs() -> None:
    empty = Resolver().resolve([])
    assert empty.entities == ()
    assert dict(empty.entity_of) == {}
    one = Resolver().resolve([Mention("only", "毛泽东")])
    assert [e.mentions for e in one.entities] == [("only",)]
    assert one.entity_of == {"only": "E-only"}


# --- judgements --------------------------------------------------------------------------

CHAIN = [
    Mention("a", "Mao Zedong"),
    Mention("b", "毛泽东"),
    Mention("c", "Mao Tse-tung"),
    Mention("d", "毛澤東"),
]


def test_different_judgement_holds_through_a_chain() -> None:
    """The model links a~b and b~c; a 'different' judgement on a, c keeps them apart."""
    r = Resolver()
    before = r.resolve(CHAIN)
    assert together(before, "a", "b", "c", "d")
    by_model = {(d.a, d.b) for d in before.decisions if d.merged and d.decided_by == "model"}
    assert by_model  # the entity was built by the model, not by rules or people

    after = r.judge("a", "c", Verdict.DIFFERENT, by="ann", reason="two different men")
    assert not together(after, "a", "c")
    refused = [d for d in after.decisions if not d.merged and "judged" in d.reason]
    assert refused
    assert all(d.decided_by == "rule" for d in refused)
    pair = r.judgements.in_force()[("a", "c")]
    assert (pair.verdict, pair.by, pair.reason) == (Verdict.DIFFERENT, "ann", "two different men")
    assert "different" in r.explain("a", "c").verdict
    assert "ann" in r.explain("c", "a").verdict


@settings(max_examples=25)
@given(
    ids=st.lists(mention_ids, min_size=3, max_size=9, unique=True),
    data=st.data(),
)
def test_no_entity_holds_a_pair_judged_different(ids: list[str], data: st.DataObject) -> None:
    mentions = [Mention(i, data.draw(st.sampled_from(MAO_NAMES), label=i)) for i in ids]
    pairs = list(itertools.combinations(ids, 2))
    judged = data.draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=6), label="pairs")
    r = Resolver()
    r.resolve(mentions)
    for a, b in judged:
        res = r.judge(a, b, "different", by="tester")
        for x, y in judged[: judged.index((a, b)) + 1]:
            assert res.entity_of[x] != res.entity_of[y], (x, y)
    res = r.resolution
    assert sorted(m for e in res.entities for m in e.mentions) == sorted(ids)


@settings(max_examples=25)
@given(
    ids=st.lists(mention_ids, min_size=3, max_size=8, unique=True),
    data=st.data(),
)
def test_different_wins_over_a_chain_of_same_judgements(
    ids: list[str], data: st.DataObject
) -> None:
    """'same' judgements are applied only where they break no 'different' judgement."""
    mentions = [Mention(i, data.draw(st.sampled_from(MAO_NAMES), label=i)) for i in ids]
    pairs = list(itertools.combinations(ids, 2))
    verdicts = data.draw(
        st.dictionaries(st.sampled_from(pairs), st.sampled_from(["same", "different"])),
        label="verdicts",
    )
    r = Resolver()
    r.resolve(mentions)
    for (a, b), verdict in verdicts.items():
        r.judge(a, b, verdict, by="tester")
    res = r.resolution
    for (a, b), verdict in verdicts.items():
        if verdict == "different":
            assert res.entity_of[a] != res.entity_of[b]


def test_same_judgement_joins_what_the_model_kept_apart() -> None:
    r = Resolver()
    before = r.resolve(WANG)
    assert not together(before, "wang-poet", "wang-pilot")
    after = r.judge("wang-pilot", "wang-poet", "same", by="bob", reason="test of the override")
    assert together(after, "wang-poet", "wang-pilot")
    person = [d for d in after.decisions if d.decided_by == "person"]
    assert len(person) == 1
    d = person[0]
    assert {d.a, d.b} == {"wang-poet", "wang-pilot"}
    assert d.merged
    assert d.reason == "test of the override"
    assert d.model_version
    explanation = r.explain("wang-poet", "wang-pilot")
    assert explanation.same_entity
    assert "same" in explanation.verdict
    assert "bob" in explanation.verdict


def test_unsure_judgement_changes_nothing() -> None:
    r = Resolver()
    before = r.resolve(CHAIN + WANG)
    after = r.judge("a", "c", "unsure", by="carol")
    assert partition(after.entity_of) == partition(before.entity_of)
    assert r.judgements.in_force()[("a", "c")].verdict is Verdict.UNSURE


def test_withdraw_restores_the_model_result_and_keeps_history() -> None:
    r = Resolver()
    base = r.resolve(CHAIN + WANG)
    r.judge("a", "c", "different", by="ann", reason="looked wrong")
    r.judge("wang-poet", "wang-pilot", "same", by="bob")
    changed = r.resolution
    assert partition(changed.entity_of) != partition(base.entity_of)

    r.withdraw("c", "a")  # order-free
    restored = r.withdraw("wang-poet", "wang-pilot")
    assert partition(restored.entity_of) == partition(base.entity_of)
    assert dict(restored.entity_of) == dict(base.entity_of)
    assert not any(d.decided_by == "person" for d in restored.decisions)
    assert r.judgements.in_force() == {}
    history = list(r.judgements.history())
    assert [(j.pair, j.verdict.value, j.by) for j in history] == [
        (("a", "c"), "different", "ann"),
        (("wang-pilot", "wang-poet"), "same", "bob"),
    ]
    assert all(j.withdrawn_at is not None for j in history)
    assert history[0].reason == "looked wrong"


def test_judging_unknown_mentions_raises_and_records_nothing() -> None:
    r = Resolver()
    r.resolve(CHAIN)
    with pytest.raises(InputError, match="nobody"):
        r.judge("a", "nobody", "same", by="ann")
    with pytest.raises(InputError):
        Resolver().judge("a", "b", "same", by="ann")  # nothing resolved yet
    assert list(r.judgements.history()) == []


def test_unknown_verdict_is_rejected() -> None:
    r = Resolver()
    r.resolve(CHAIN)
    with pytest.raises(ValueError, match="maybe"):
        r.judge("a", "b", "maybe", by="ann")


def test_judgements_apply_to_a_later_resolve_through_a_shared_store() -> None:
    store = JudgementStore()
    store.add(Judgement("a", "c", "different", by="ann"))
    res = Resolver(judgements=store).resolve(CHAIN)
    assert not together(res, "a", "c")
    assert together(res, "a", "b")


# --- the judgement store -----------------------------------------------------------------


def test_store_latest_judgement_on_a_pair_is_in_force(tmp_path: Path) -> None:
    path = tmp_path / "judgements.sqlite"
    store = JudgementStore(path)
    store.add(Judgement("y", "x", "same", by="ann", at="2024-01-01T00:00:00+00:00"))
    store.add(Judgement("x", "y", "different", by="bob", reason="new evidence"))
    store.add(Judgement("p", "q", "unsure", by="ann"))
    assert set(store.in_force()) == {("x", "y"), ("p", "q")}
    assert store.in_force()[("x", "y")].verdict is Verdict.DIFFERENT
    assert store.withdraw("y", "x") == 2
    assert store.withdraw("y", "x") == 0
    store.close()

    reopened = JudgementStore(path)  # judgements persist in the file
    history = list(reopened.history())
    assert [j.by for j in history] == ["ann", "bob", "ann"]
    assert history[0].at == "2024-01-01T00:00:00+00:00"
    assert history[0].withdrawn_at is not None
    assert history[2].withdrawn_at is None
    assert set(reopened.in_force()) == {("p", "q")}
    reopened.close()


def test_judgement_pair_is_order_free() -> None:
    assert Judgement("b", "a", "same", by="x").pair == ("a", "b")
    assert Judgement("a", "b", "same", by="x").pair == ("a", "b")
    with pytest.raises(ValueError, match="probably"):
        Judgement("a", "b", "probably", by="x")


# --- explanations ------------------------------------------------------------------------


def _check_explanation(r: Resolver, res: Resolution, a: str, b: str) -> str:
    e = r.explain(a, b)
    assert (e.a, e.b) == (a, b)
    assert e.same_entity == (res.entity_of[a] == res.entity_of[b])
    assert 0.0 <= e.probability <= 1.0
    features = [f for f, _w in e.weights]
    assert features[0] == "prior"
    assert "name" in features
    assert len(features) == len(set(features))
    # The probability is the logistic of the summed weights (in bits).
    total = sum(w for _f, w in e.weights)
    assert e.probability == pytest.approx(1 / (1 + 2**-total), rel=1e-6, abs=1e-9)
    assert dict(e.levels)["name"] in {0, 1, 2, 3}
    assert e.name_explanation.strip()
    assert e.verdict.strip()
    text = str(e)
    assert a in text
    assert b in text
    assert e.name_explanation in text
    assert e.verdict in text
    assert "name" in text
    assert "bits" in text
    return e.verdict


def test_explanation_of_a_merged_pair(resolved: tuple[Resolver, Resolution]) -> None:
    r, res = resolved
    verdict = _check_explanation(r, res, "mao-1", "mao-3")
    assert "linked" in verdict
    assert r.explain("mao-1", "mao-3").same_entity
    assert "Wade-Giles" in r.explain("mao-1", "mao-3").name_explanation


def test_explanation_of_pairs_kept_apart(resolved: tuple[Resolver, Resolution]) -> None:
    r, res = resolved
    verdict = _check_explanation(r, res, "wang-latin-701", "wang-latin-1968")
    assert "conflict" in verdict or "birth year" in verdict
    weights = dict(r.explain("wang-latin-701", "wang-latin-1968").weights)
    assert weights["birth_year"] < 0 < weights["name"]

    verdict = _check_explanation(r, res, "jl-province", "jl-city")
    assert verdict.startswith("not linked") or "conflict" in verdict
    assert not r.explain("jl-province", "jl-city").same_entity

    verdict = _check_explanation(r, res, "mao-1", "zhou-1")
    # Mao and Zhou share no blocking key: the pair was never scored, and the verdict says so
    assert verdict.startswith(("not linked", "not compared")) or "conflict" in verdict


def test_explanation_of_a_pair_joined_through_others(
    resolved: tuple[Resolver, Resolution],
) -> None:
    r, res = resolved
    for a, b in itertools.combinations(sorted(m.id for m in MAO), 2):
        verdict = _check_explanation(r, res, a, b)
        assert "linked by the model" in verdict or "through other mentions" in verdict


def test_explain_says_when_a_pair_was_never_compared() -> None:
    mentions = [
        Mention(id="a", name="Heng Swee Keat", kind="person", document="d1"),
        Mention(id="b", name="Li Qiang", kind="person", document="d2"),
        Mention(
            id="c", name="Li Qiang", kind="person", document="d3", attributes={"birth_year": 1959}
        ),
        Mention(id="d", name="李强", kind="person", document="d4", attributes={"birth_year": 1962}),
    ]
    r = Resolver()
    r.resolve(mentions)
    pairs = {frozenset(p) for p in r.candidate_pairs()}
    assert frozenset(("a", "b")) not in pairs
    assert r.explain("a", "b").verdict.startswith("not compared: ")
    # a pair that was compared and refused gives its own reason, not "not compared"
    assert frozenset(("c", "d")) in pairs
    assert not r.explain("c", "d").verdict.startswith("not compared")


def test_explain_before_resolve_raises() -> None:
    with pytest.raises(InputError):
        Resolver().explain("a", "b")
    with pytest.raises(InputError):
        _ = Resolver().resolution


# --- merge decisions ---------------------------------------------------------------------


def _connected(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> bool:
    nodes = set(nodes)
    adjacency: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a in nodes and b in nodes:
            adjacency[a].add(b)
            adjacency[b].add(a)
    start = next(iter(nodes))
    seen, todo = {start}, [start]
    while todo:
        for nxt in adjacency[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen == nodes


def test_merged_pairs_have_model_decisions(resolved: tuple[Resolver, Resolution]) -> None:
    r, res = resolved
    merged = [d for d in res.decisions if d.merged]
    assert merged
    for d in merged:
        assert isinstance(d, MergeDecision)
        assert d.decided_by == "model"
        assert d.model_version
        assert r.model is not None
        assert d.model_version == r.model.version
        assert r.threshold <= d.probability <= 1.0
        assert dict(d.weights)["name"] > 0
        assert res.entity_of[d.a] == res.entity_of[d.b]
    edges = [(d.a, d.b) for d in merged]
    for entity in res.entities:
        if len(entity.mentions) > 1:
            assert _connected(entity.mentions, edges), entity
    for d in res.decisions:
        assert d.decided_by in {"model", "person", "rule"}
        if not d.merged:
            assert d.reason  # a refused merge always says why


# A romanized name that fits two people: 刘翔 (the hurdler) and 劉湘 (the warlord).
_FILLER_NAMES = ["周恩来", "邓小平", "江泽民", "胡锦涛", "李鹏", "朱镕基"]
_FILLER_NAMES += ["温家宝", "习近平", "李克强", "杨尚昆", "华国锋", "赵紫阳"]
_FILLER = [
    Mention(
        f"f{i:02d}",
        name,
        attributes={
            "role": ["premier", "general", "poet", "singer", "mayor", "banker"][i % 6],
            "org": ["Bank of China", "Xinhua", "Peking University", "CCTV", "Sinopec", "PLA"][
                (i * 5) % 6
            ],
            "country": ["CN", "US", "HK", "TW", "SG", "GB"][(i * 7) % 6],
            "place": ["上海", "广州", "天津", "西安", "重庆", "杭州"][(i * 11) % 6],
        },
    )
    for i, name in enumerate(_FILLER_NAMES)
]
LIU_XIANG = [
    Mention("liu-hurdler", "刘翔", attributes={"place": "成都"}),
    Mention("liu-warlord-1", "劉湘", attributes={"role": "warlord"}),
    Mention("liu-warlord-2", "劉湘", attributes={"org": "Sichuan army"}),
    Mention("liu-warlord-3", "劉湘", attributes={"country": "CN"}),
    Mention(
        "liu-latin",
        "Liu Xiang",
        attributes={"country": "CN", "org": "Sichuan army", "role": "warlord", "place": "成都"},
    ),
]


def test_ambiguous_romanization_goes_to_the_entity_whose_context_fits() -> None:
    """The name "Liu Xiang" shares one fact with the hurdler and three with the warlord's entity."""
    res = Resolver().resolve(LIU_XIANG + _FILLER)
    assert together(res, "liu-warlord-1", "liu-warlord-2", "liu-warlord-3", "liu-latin")
    assert not together(res, "liu-hurdler", "liu-latin")


def test_merge_decisions_agree_with_the_entities_after_a_move() -> None:
    res = Resolver().resolve(LIU_XIANG + _FILLER)
    merged = [d for d in res.decisions if d.merged]
    for d in merged:
        assert res.entity_of[d.a] == res.entity_of[d.b], d
    edges = [(d.a, d.b) for d in merged]
    for entity in res.entities:
        if len(entity.mentions) > 1:
            assert _connected(entity.mentions, edges), entity


# --- incremental add ---------------------------------------------------------------------


def test_add_attaches_to_existing_entities_and_keeps_their_ids() -> None:
    r = Resolver()
    before = r.resolve(ALL)
    old = dict(before.entity_of)
    mao_entity = old["mao-1"]
    assert mao_entity == "E-mao-1"
    model = r.model

    after = r.add(
        [
            Mention("mao-6", "Mao Tse-tung", document="d9"),
            Mention("a-mao", "MAO Zedong"),  # sorts before every mao-* id
            Mention("wang-new", "Wang Wei", attributes={"birth_year": 701}),
            Mention("deng-1", "邓小平"),
        ]
    )
    assert r.model is model  # the fitted model is reused
    for mention, entity in old.items():
        assert after.entity_of[mention] == entity, mention
    assert after.entity_of["mao-6"] == mao_entity
    assert after.entity_of["a-mao"] == mao_entity  # id kept though a-mao < mao-1
    assert after.entity_of["wang-new"] == old["wang-poet"]
    assert after.entity_of["deng-1"] not in set(old.values())
    assert after.entity_of["deng-1"] == "E-deng-1"
    assert r.resolution is after


@patches_internals_of("sistercity_provenance.resolve._resolver")
def test_key_rows_kept_for_add_are_the_same_in_32_and_64_bits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The (key, mention) rows that ``add`` looks up are stored in 32 bits, in 64 bits past
    2**31 keys or mentions; ``add`` finds the same rows either way."""
    from sistercity_provenance.resolve import _resolver

    new = [
        Mention("mao-6", "Mao Tse-tung"),
        Mention("w", "Wang Wei", attributes={"birth_year": 701}),
    ]

    def run() -> tuple[Resolution, str, list[tuple[str, str]]]:
        r = Resolver(workers=1)
        r.resolve(ALL)
        res = r.add(new)
        return res, str(r._keys.keys.dtype), sorted(r.candidate_pairs())

    narrow, narrow_width, narrow_pairs = run()
    monkeypatch.setattr(_resolver, "_NARROW_MAX", 1)
    wide, wide_width, wide_pairs = run()
    assert (narrow_width, wide_width) == ("int32", "int64")
    assert wide.entity_of == narrow.entity_of
    assert wide_pairs == narrow_pairs


def test_add_never_merges_existing_entities() -> None:
    r = Resolver()
    before = r.resolve(WANG)
    after = r.add([Mention("w", "Wang Wei"), Mention("w2", "Wang Wei")])
    old_entities = {before.entity_of[m.id] for m in WANG}
    assert {after.entity_of[m.id] for m in WANG} == old_entities
    assert len(old_entities) == 2


def test_add_compared_with_a_full_rerun() -> None:
    """How ``add`` relates to ``resolve`` on the same mentions, on a hand-made example.

    Two "Wang Wei" mentions, one with country CN and one with country US, are kept apart by
    ``resolve`` (identical names, but disagreeing countries bring the match probability
    below the threshold). A third "Wang Wei" without context is then:

    * with ``add``: attached to one of the two existing entities, which stay apart, since
      ``add`` never merges existing entities;
    * with a full ``resolve`` of all three: linked to both, and the two contexts together
      are not strong enough evidence to veto it, so all three form one entity.

    What is true here is that the partition from ``add`` refines the full re-run's: every
    pair that ``add`` put together is also together in the full re-run, not the other way
    round.
    """
    old = [
        Mention("cn", "Wang Wei", attributes={"country": "CN"}),
        Mention("us", "Wang Wei", attributes={"country": "US"}),
    ]
    new = [Mention("new", "Wang Wei")]
    r = Resolver()
    first = r.resolve(old)
    assert not together(first, "cn", "us")
    incremental = r.add(new)
    full = Resolver().resolve(old + new)

    assert co_clustered_pairs(incremental.entity_of) <= co_clustered_pairs(full.entity_of)
    assert not together(incremental, "cn", "us")
    assert together(incremental, "new", "cn") != together(incremental, "new", "us")
    assert together(full, "cn", "us", "new")


def test_add_matches_a_full_rerun_when_nothing_needs_bridging() -> None:
    """When the new mentions only extend single entities, add and a full resolve agree."""
    r = Resolver()
    r.resolve(ALL)
    new = [Mention("mao-6", "Mao Tse-tung"), Mention("bj-3", "Beijing", kind="place")]
    incremental = r.add(new)
    full = Resolver().resolve(ALL + new)
    assert partition(incremental.entity_of) == partition(full.entity_of)


def test_add_before_resolve_resolves() -> None:
    r = Resolver()
    res = r.add(CHAIN)
    assert together(res, "a", "b", "c", "d")
    assert r.model is not None


def test_duplicate_mention_ids_with_different_content_raise() -> None:
    with pytest.raises(DuplicateMentionError, match="'x'"):
        Resolver().resolve([Mention("x", "毛泽东"), Mention("x", "周恩来")])
    r = Resolver()
    r.resolve(CHAIN)
    with pytest.raises(DuplicateMentionError, match="'a'"):
        r.add([Mention("a", "Mao Zedong", document="elsewhere")])
    with pytest.raises(DuplicateMentionError):
        r.add([Mention("new", "周恩来"), Mention("new", "Chou En-lai")])
    assert issubclass(DuplicateMentionError, InputError)
    assert issubclass(DuplicateMentionError, ValueError)


def test_identical_duplicates_are_ignored() -> None:
    res = Resolver().resolve([*CHAIN, CHAIN[0], Mention("b", "毛泽东")])
    assert sorted(res.entity_of) == ["a", "b", "c", "d"]
    r = Resolver()
    before = r.resolve(CHAIN)
    after = r.add([CHAIN[1], Mention("a", "Mao Zedong")])
    assert dict(after.entity_of) == dict(before.entity_of)


def test_resolve_is_from_scratch_on_a_used_resolver() -> None:
    """A second resolve() forgets the first batch: its ids may be reused for other mentions."""
    r = Resolver()
    r.resolve([Mention("m1", "毛泽东"), Mention("m2", "Mao Tse-tung")])
    res = r.resolve([Mention("m1", "周恩来"), Mention("m3", "Chou En-lai")])
    assert sorted(res.entity_of) == ["m1", "m3"]
    assert together(res, "m1", "m3")
    assert res.stats["mentions"] == 2
    assert all("m2" not in pair for pair in r.candidate_pairs())  # m2 was the first batch's


def test_mention_attributes_are_sorted_pairs() -> None:
    m = Mention("m", "王维", attributes={"role": "poet", "birth_year": 701})
    assert m.attributes == (("birth_year", 701), ("role", "poet"))
    assert m.attr("birth_year") == 701
    assert m.attr("place") is None
    assert m == Mention("m", "王维", attributes=(("role", "poet"), ("birth_year", 701)))
    assert m.kind.value == "person"
    with pytest.raises(AttributeError):
        m.name = "王伟"  # type: ignore[misc]
    with pytest.raises(ValueError, match="animal"):
        Mention("m", "x", kind="animal")


# --- known bugs (xfail, strict) ----------------------------------------------------------


def test_entities_after_add_are_consistent_with_entity_of() -> None:
    r = Resolver()
    r.resolve(MAO + WANG)
    res = r.add([Mention("mao-6", "Mao Tse-tung")])
    ids = [e.id for e in res.entities]
    assert len(ids) == len(set(ids))
    mao = res.entity(res.entity_of["mao-1"])
    assert set(mao.mentions) == {m.id for m in MAO} | {"mao-6"}
    for e in res.entities:
        assert set(e.mentions) == {m for m, x in res.entity_of.items() if x == e.id}


def test_stats_after_add_describe_all_mentions() -> None:
    r = Resolver()
    r.resolve(MAO + CHAIN[:2])
    res = r.add([Mention("mao-6", "Mao Tse-tung")])
    n = len(MAO) + 2 + 1
    assert res.stats["mentions"] == n
    assert res.stats["all_pairs"] == n * (n - 1) // 2
    assert res.stats["entities"] == len(set(res.entity_of.values()))


def test_keys_over_cap_counts_keys() -> None:
    three = Resolver(block_cap=2).resolve([Mention(f"x{i}", "Wang Wei") for i in range(3)])
    four = Resolver(block_cap=2).resolve([Mention(f"x{i}", "Wang Wei") for i in range(4)])
    assert three.stats["keys_over_cap"] > 0
    assert three.stats["keys_over_cap"] == four.stats["keys_over_cap"]


def test_keys_over_the_cap_are_counted() -> None:
    under = Resolver(block_cap=3).resolve([Mention(f"x{i}", "Wang Wei") for i in range(3)])
    assert under.stats["keys_over_cap"] == 0
    assert under.stats["candidate_pairs"] == 3
    assert len(under.entities) == 1
    over = Resolver(block_cap=2).resolve([Mention(f"x{i}", "Wang Wei") for i in range(3)])
    assert over.stats["keys_over_cap"] > 0


def test_block_cap_bounds_every_key() -> None:
    """Keys shared by more mentions than block_cap are too common to block on, loose or not."""
    capped = Resolver(block_cap=2).resolve([Mention(f"x{i}", "Wang Wei") for i in range(3)])
    assert capped.stats["candidate_pairs"] == 0
    assert len(capped.entities) == 3


def test_large_blocks_are_walked_in_order_not_listed() -> None:
    """A block larger than window_from gives each mention its next `window` members only:
    pairs grow with the block, not with its square."""
    mentions = [Mention(f"x{i:02d}", "Wang Wei") for i in range(12)]
    listed = Resolver().resolve(mentions)
    r = Resolver(window_from=4, window=2)
    walked = r.resolve(mentions)
    assert listed.stats["candidate_pairs"] == 12 * 11 // 2
    assert listed.stats["keys_walked"] == 0
    assert walked.stats["keys_walked"] > 0
    assert walked.stats["candidate_pairs"] == 11 + 10  # next one and next but one
    # one name, no context: the order is by id, and each pair is at most two apart
    assert all(0 < int(b[1:]) - int(a[1:]) <= 2 for a, b in r.candidate_pairs())


def test_walk_puts_mentions_of_one_context_side_by_side() -> None:
    """Within a walked block, mentions of one name are ordered by their context, so that
    a narrow window pairs mentions of the same birth year and organisation."""
    mentions = [
        Mention(f"x{i:02d}", "Wang Wei", attributes=(
            {"birth_year": 1950, "org": "Zhejiang Normal University"} if i % 2
            else {"birth_year": 1981, "org": "Air China"}
        ))
        for i in range(16)
    ]  # fmt: skip
    r = Resolver(window_from=4, window=1)
    res = r.resolve(mentions)
    year = {m.id: m.attr("birth_year") for m in mentions}
    across = [(a, b) for a, b in r.candidate_pairs() if year[a] != year[b]]
    assert len(across) == 1  # only where the two contexts meet in the order
    assert len(r.candidate_pairs()) == 15
    assert len(res.entities) == 2


def test_candidate_pairs_are_ordered_known_ids(resolved: tuple[Resolver, Resolution]) -> None:
    r, res = resolved
    pairs = r.candidate_pairs()
    assert len(pairs) == res.stats["candidate_pairs"]
    assert len(set(pairs)) == len(pairs)
    known = {m.id for m in ALL}
    for a, b in pairs:
        assert a in known
        assert b in known
        assert a < b
    assert ("mao-1", "mao-3") in pairs
    assert Resolver().candidate_pairs() == []


def test_a_surname_alone_joins_the_one_person_of_that_surname_in_its_document() -> None:
    resolution = Resolver().resolve(
        [
            Mention("m1", "Luo Renkai", document="d1"),
            Mention("m2", "Luo", document="d1"),
            Mention("m3", "Toledo", kind="place", document="d1"),
        ]
    )
    assert resolution.entity_of["m1"] == resolution.entity_of["m2"]
    (decision,) = [d for d in resolution.decisions if {d.a, d.b} == {"m1", "m2"}]
    assert decision.merged and decision.decided_by == "rule"
    assert "same document" in decision.reason


def test_a_surname_alone_stays_apart_when_two_people_share_it() -> None:
    resolution = Resolver().resolve(
        [
            Mention("m1", "Wang Zhiwei", document="d1"),
            Mention("m2", "Wang Fang", document="d1"),
            Mention("m3", "Wang", document="d1"),
        ]
    )
    entity = resolution.entity_of
    assert entity["m3"] not in {entity["m1"], entity["m2"]}
    assert any(
        not d.merged and "2 people of that surname" in d.reason
        for d in resolution.decisions
        if "m3" in (d.a, d.b)
    )


def test_a_surname_alone_is_not_linked_to_a_full_name_in_another_document() -> None:
    resolution = Resolver().resolve(
        [Mention("m1", "Luo Renkai", document="d1"), Mention("m2", "Luo", document="d2")]
    )
    assert resolution.entity_of["m1"] != resolution.entity_of["m2"]


def test_a_fresh_resolve_keeps_the_entity_ids_it_is_given() -> None:
    first = Resolver().resolve([Mention("m2", "毛泽东", document="d1")])
    (entity,) = first.entities
    again = Resolver().resolve(
        [Mention("m2", "毛泽东", document="d1"), Mention("m1", "Mao Tse-tung", document="d2")],
        previous=first.entity_of,
    )
    assert again.entity_of["m1"] == again.entity_of["m2"] == entity.id
    fresh = Resolver().resolve(
        [Mention("m2", "毛泽东", document="d1"), Mention("m1", "Mao Tse-tung", document="d2")]
    )
    assert fresh.entity_of["m1"] != entity.id  # without them, the smallest mention id names it


def test_an_acronym_inside_a_name_blocks_with_the_words_it_stands_for() -> None:
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve._keys import blocking_keys

    org = NameKind.ORGANIZATION
    short = blocking_keys("State Council OCAO", org)
    long_ = blocking_keys("Overseas Chinese Affairs Office of the State Council", org)
    assert "organization|run|ocao" in short & long_
    assert not short & blocking_keys("Confucius Institute in Kansas", org)


def test_a_place_meets_its_longer_name_by_its_first_word() -> None:
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve._keys import blocking_keys

    # places have no surname; the first word's reading still keys them together
    short = blocking_keys("Hsin-chiang", NameKind.PLACE)
    long_ = blocking_keys("Xinjiang Uygur Autonomous Region", NameKind.PLACE)
    assert "place|head|sin zian" in short & long_


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("北大", "北京大学"),  # keeps the first character
        ("人大", "中国人民大学"),  # after a national prefix
        ("腾讯", "深圳市腾讯计算机系统有限公司"),  # after a place and its level, legal form off
        ("上汽", "上海汽车集团股份有限公司"),
        ("上海市政协", "中国人民政治协商会议上海市委员会"),  # a local committee, by its area
        ("广州市贸促会", "中国国际贸易促进委员会广州市委员会"),
        ("中共广州市委", "中国共产党广州市委员会"),  # as usually written
    ],
)
def test_a_chinese_short_form_blocks_with_the_name_it_stands_for(short: str, full: str) -> None:
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve._keys import blocking_keys

    org = NameKind.ORGANIZATION
    leads = {k for k in blocking_keys(short, org) & blocking_keys(full, org) if "|lead|" in k}
    assert leads
    resolution = Resolver().resolve(
        [Mention("m1", short, NameKind.ORGANIZATION, "d1"),
         Mention("m2", full, NameKind.ORGANIZATION, "d2")]
    )  # fmt: skip
    assert resolution.entity_of["m1"] == resolution.entity_of["m2"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the initials compare accepts: of and with skipped, legal forms left out
        ("FFOT", "Federation of Friendship with Overseas Towns"),
        ("HTC", "Hengyuan Trading Company Limited"),
        # a romanized name read as a Chinese name of the alias table
        ("Guowuyuan Qiaowu Bangongshi", "OCAO"),
        ("Kuo-wu-yüan Ch'iao-wu Pan-kung-shih", "国侨办"),
        # the reading without the legal forms, and without the place the Chinese starts with
        ("Hengyuan Company Limited", "恒远集团"),
        ("Hengyuan Group", "温州恒远集团"),
    ],
)
def test_an_organization_blocks_with_its_other_forms(a: str, b: str) -> None:
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve._keys import blocking_keys

    org = NameKind.ORGANIZATION
    assert blocking_keys(a, org) & blocking_keys(b, org)
    assert not blocking_keys(a, org) & blocking_keys("Confucius Institute in Kansas", org)


def test_a_bare_office_or_kind_of_body_gets_no_lead_of_a_longer_name() -> None:
    from sistercity_provenance.names._orgs import han_cores

    assert han_cores("中华人民共和国外交部") == ("中华人民共和国外交部",)  # not 外交部
    assert han_cores("上海市外事办公室") == ("上海市外事办公室",)
    assert "大学" not in han_cores("中国人民大学")
    assert han_cores("深圳市腾讯计算机系统有限公司") == ("深圳市腾讯计算机系统", "腾讯计算机系统")


def _candidate_names(mentions: list[Mention]) -> set[frozenset[str]]:
    r = Resolver()
    r.resolve(mentions)
    name = {m.id: m.name for m in mentions}
    return {frozenset((name[a], name[b])) for a, b in r.candidate_pairs()}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("J. Wang", "Wang Jingqiang"),  # initials only: compared with the whole block
        ("Y.L. Wang", "王勇丽"),
        ("Wong Guen-gam", "王娟金"),  # Cantonese spelling: readings of each syllable
        ("Hui Gwan-chau", "許軍秋"),
        ("Geore Johnson", "George Johnson"),  # a typo: neighbours in the block's order
        ("Michael Bakzr", "Michael Baker"),  # a typo in the surname: one letter left out
        ("Yegng Man-peng", "Yeung Man-peng"),
    ],
)
def test_blocking_puts_forward_spellings_that_share_no_reading(a: str, b: str) -> None:
    crowd = [Mention(f"c{i:03d}", f"Wang {given}") for i, given in enumerate(_GIVEN)]
    pairs = _candidate_names([Mention("a", a), Mention("b", b), *crowd])
    assert frozenset((a, b)) in pairs


_GIVEN = [
    f"{x}{y}"
    for x in ("Jian", "Jun", "Jie", "Jing", "Yong", "Yu", "Gang", "Guo")
    for y in ("ming", "hua", "li", "wen", "bo", "tao", "fei", "lin")
]


def test_a_surname_and_first_letter_block_is_not_compared_whole() -> None:
    """64 Wangs whose given names start with J, Y or G: the surname + first letter blocks
    (32, 16 and 16 members) are walked in order rather than paired whole."""
    crowd = [Mention(f"c{i:03d}", f"Wang {given}") for i, given in enumerate(_GIVEN)]
    res = Resolver().resolve(crowd)
    sizes = Counter(m.name.split()[1][0] for m in crowd)
    whole_blocks = sum(n * (n - 1) // 2 for n in sizes.values())
    assert sorted(sizes.values()) == [16, 16, 32]
    assert res.stats["candidate_pairs"] < whole_blocks // 2


@pytest.mark.parametrize("names", ["distinct", "shared keys", "shared, other keys"])
def test_block_pairs_listed_in_batches_are_all_the_pairs_of_each_key(
    monkeypatch: pytest.MonkeyPatch, names: str
) -> None:
    """Every pair of mentions that shares a key, once, weighted by the keys it shares;
    mentions with one name are listed as a group, however the batches fall."""
    import numpy as np

    from sistercity_provenance.resolve import _resolver

    rng = np.random.default_rng(0)
    n = 200
    name = np.arange(n) if names == "distinct" else rng.integers(0, 40, n)
    if names == "shared keys":  # the keys come from the name, as blocking keys do
        keys_of_name = {x: set(rng.integers(0, 60, 8).tolist()) for x in set(name.tolist())}
        rows = np.asarray(
            sorted(m * 100 + k for m in range(n) for k in keys_of_name[int(name[m])]),
            dtype=np.int64,
        )
    else:
        rows = np.unique(rng.integers(0, n, 1500) * 100 + rng.integers(0, 60, 1500))
    mention, key = rows // 100, rows % 100
    size = np.bincount(key, minlength=100)
    keys_of = {m: set(key[mention == m].tolist()) for m in set(mention.tolist())}
    expected = {}
    for a, b in itertools.combinations(sorted(keys_of), 2):
        shared = keys_of[a] & keys_of[b]
        if shared:
            expected[a * n + b] = sum(_resolver._UNIT // int(size[k]) for k in shared)
    whole, weight = _resolver._block_pairs(mention, key, size, n, name)
    assert dict(zip(whole.tolist(), weight.tolist(), strict=True)) == expected
    assert whole.tolist() == sorted(expected)
    monkeypatch.setattr(_resolver, "_BLOCK_BATCH", 7)
    monkeypatch.setattr(_resolver, "_CROSS_BATCH", 5)
    batched, batched_weight = _resolver._block_pairs(mention, key, size, n, name)
    assert np.array_equal(batched, whole)
    assert np.array_equal(batched_weight, weight)


@patches_internals_of("sistercity_provenance.resolve._features")
def test_workers_share_the_name_engine_without_changing_the_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forked workers compare the distinct name pairs; the resolution is the same."""
    from sistercity_provenance.resolve import _features

    seen: list[int] = []
    real = _features._scores_in_workers

    def spy(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(0 if found is None else len(found[0]))
        return found

    from sistercity_provenance.names import THRESHOLD, NameKind

    # a surname alone beside full names in one document: the surnames are compared too
    named = [
        *ALL,
        Mention("luo-full", "Luo Renkai", document="d-luo"),
        Mention("luo-bare", "Luo", document="d-luo"),
        Mention("lu-full", "Lu Wenfu", document="d-luo"),
    ]
    surnames = ("Lu", "Luo", NameKind.PERSON)
    monkeypatch.setattr(_features, "PARALLEL_MIN", 1)
    monkeypatch.setattr(_features, "_scores_in_workers", spy)
    serial_resolver = Resolver(workers=1)
    serial = serial_resolver.resolve(named)
    assert seen == []
    assert surnames in _features._NAME_CACHE  # compared in this process
    assert (
        serial.entity_of["luo-bare"] == serial.entity_of["luo-full"] != serial.entity_of["lu-full"]
    )
    serial_random = serial_resolver._name_triples(*serial_resolver._random_pairs())
    assert serial_random and all(t in _features._NAME_CACHE for t in serial_random)
    _features._NAME_CACHE.clear()  # the parallel run must not lean on the serial one's cache
    r = Resolver(workers=2)
    parallel = r.resolve(named)
    assert len(seen) == 1 and seen[0] > 0  # the workers did compare the names, in one go
    assert surnames not in _features._NAME_CACHE  # the surnames too, alongside
    assert r._compared[surnames][0] < THRESHOLD
    assert r._compared["Luo", "Luo", NameKind.PERSON][0] >= THRESHOLD
    # and the names of the random pairs that estimate u, which the model then reads
    random_names = r._name_triples(*r._random_pairs())
    assert random_names and all(t in r._compared for t in random_names)
    assert not any(t in _features._NAME_CACHE for t in random_names)
    assert r.model == serial_resolver.model
    assert parallel.entity_of == serial.entity_of
    assert [(d.a, d.b, d.merged, d.reason) for d in parallel.decisions] == [
        (d.a, d.b, d.merged, d.reason) for d in serial.decisions
    ]
    assert [round(d.probability, 9) for d in parallel.decisions] == [
        round(d.probability, 9) for d in serial.decisions
    ]


@patches_internals_of("sistercity_provenance.resolve._keys")
def test_workers_key_the_names_without_changing_the_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forked workers key a share of the distinct names and send back their keys; the keys
    and the resolution are the same as when this process keys them all, and this process
    holds the parse of every name."""
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.names._parse import _parse
    from sistercity_provenance.resolve import _keys

    names = list(dict.fromkeys((m.name, NameKind(m.kind)) for m in ALL))
    serial_keys = _keys.keys_of_names(names, 1)
    serial = Resolver(workers=1).resolve(ALL)
    seen: list[int] = []
    real = _keys._keys_in_workers

    def spy(
        names: list[tuple[str, NameKind]], workers: int
    ) -> dict[tuple[str, NameKind], _keys.NameKeys]:
        found = real(names, workers)
        seen.append(len(found))
        return found

    monkeypatch.setattr(_keys, "KEYS_PARALLEL_MIN", 1)
    monkeypatch.setattr(_keys, "_keys_in_workers", spy)
    _keys.initial_blocks.cache_clear()  # the workers must not lean on this process's cache
    _parse.cache_clear()
    assert _keys.keys_of_names(names, 2) == serial_keys
    assert seen == [len(names)]  # every name was keyed by a worker or by this process
    # this process holds a parse of every name, each as parsing it here gives
    assert _parse.cache_info().currsize == len(names)
    assert all(_parse(n, k) == _parse.__wrapped__(n, k) for n, k in names)
    parallel = Resolver(workers=2).resolve(ALL)
    assert parallel.entity_of == serial.entity_of

    def decided(res: Resolution) -> list[tuple[object, ...]]:
        return [(d.a, d.b, d.merged, d.reason, round(d.probability, 9)) for d in res.decisions]

    assert decided(parallel) == decided(serial)


def test_mentions_with_equal_contexts_share_one() -> None:
    """A million mentions' contexts are held through clustering: equal ones are one
    dictionary, with the values each mention's own context has."""
    from sistercity_provenance.resolve._features import context_values
    from sistercity_provenance.resolve._resolver import _shared_contexts

    mentions = [
        Mention("m1", "Wang Wei", attributes={"place": "Suzhou", "role": "mayor"}),
        Mention("m2", "Li Peng", attributes={"role": "mayor", "place": "Suzhou"}),
        Mention("m3", "Li Peng", attributes={"place": "Suzhou"}),
        Mention("m4", "Zhou Li", attributes={"place": "Suzhou", "role": "Mayor"}),
    ]
    contexts = _shared_contexts(mentions)
    assert contexts == [context_values(m) for m in mentions]
    assert contexts[0] is contexts[1]  # the same place and role
    assert contexts[0] is contexts[3]  # the same once folded
    assert contexts[2] is not contexts[0]


def test_names_that_share_a_key_share_its_string() -> None:
    """The keys of many names are held at once while the pairs are listed; equal keys are
    one string object (from a worker, each is then pickled and sent once), with the same
    values as keying each name alone."""
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve import _keys

    person = NameKind.PERSON
    names = [("Wang Wei", person), ("Wang Min", person), ("王敏", person)]
    found = _keys.keys_of_names(names, 1)
    assert found == {name: _keys.name_keys(*name) for name in names}
    strings = [s for keys, (_only, blocks) in found.values() for s in (*keys, *sum(blocks, ()))]
    shared = {s for s in strings if strings.count(s) > 1}
    assert shared  # the names do share keys (the surname's, at least)
    assert all(len({id(t) for t in strings if t == s}) == 1 for s in shared)
    batch = _keys._keys_of(names)  # as a worker keys its share
    assert batch == [found[name] for name in names]
    sent = [s for keys, (_only, blocks) in batch for s in (*keys, *sum(blocks, ()))]
    assert all(len({id(t) for t in sent if t == s}) == 1 for s in shared)


def test_a_keying_worker_that_dies_leaves_the_keys_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve import _keys

    names = [("Mao Zedong", NameKind.PERSON), ("毛泽东", NameKind.PERSON)]
    expected = _keys.keys_of_names(names, 1)
    monkeypatch.setattr(_keys, "KEYS_PARALLEL_MIN", 1)
    monkeypatch.setattr(_keys, "_keys_of", _worker_dies)  # forked workers inherit it
    assert _keys._keys_in_workers(names, 2) == {}
    assert _keys.keys_of_names(names, 2) == expected


@patches_internals_of(
    "sistercity_provenance.resolve._features", "sistercity_provenance.resolve._resolver"
)
@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_paused_while_resolving_and_restored(enabled: bool) -> None:
    import gc

    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve import _features

    seen: list[bool] = []
    real = _features.name_outcome

    def spy(a: str, b: str, kind: NameKind) -> _features.NameOutcome:
        seen.append(gc.isenabled())
        return real(a, b, kind)

    was = gc.isenabled()
    try:
        if enabled:
            gc.enable()
        else:
            gc.disable()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_features, "name_outcome", spy)
            r = Resolver(workers=1)
            r.resolve(ALL)
            r.add([Mention("late-mao", "Mao Zedong")])
        assert seen and not any(seen)
        assert gc.isenabled() is enabled
        # what the resolution made went to the oldest generation, if the collector runs
        in_oldest = any(o is r.resolution for o in gc.get_objects(generation=2))
        assert in_oldest is enabled
        assert gc.get_freeze_count() == 0
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def test_resolving_leaves_the_callers_frozen_objects_frozen() -> None:
    import gc

    was = gc.isenabled()
    gc.enable()
    mine = [object()]  # tracked by the collector, frozen with the rest
    gc.freeze()
    try:
        assert not any(o is mine for o in gc.get_objects())  # frozen objects are not listed
        r = Resolver(workers=1)
        r.resolve(ALL)
        assert not any(o is mine for o in gc.get_objects())
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        if not was:
            gc.disable()


def test_default_workers_are_the_usable_processors_up_to_a_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sistercity_provenance.resolve import _resolver

    monkeypatch.setattr(_resolver.os, "sched_getaffinity", lambda _pid: set(range(64)))
    assert Resolver().workers == _resolver.DEFAULT_WORKERS_MAX == 4
    monkeypatch.setattr(_resolver.os, "sched_getaffinity", lambda _pid: {0})
    assert Resolver().workers == 1
    assert Resolver(workers=7).workers == 7


def _worker_dies(*work: object) -> object:
    """Stands in for the workers' scoring: the process ends at once, as if killed."""
    import os

    os._exit(9)


def test_a_worker_that_dies_leaves_the_comparisons_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve import _features

    serial = Resolver(workers=1).resolve(ALL)
    monkeypatch.setattr(_features, "PARALLEL_MIN", 1)
    # the function the pool runs (a compiled build calls what that calls directly)
    monkeypatch.setattr(_features, "_scores_in_forked_worker", _worker_dies)  # inherited
    pairs = [("Mao Zedong", "毛泽东", NameKind.PERSON)]
    assert _features._scores_in_workers(pairs, 2, None) is None
    parallel = Resolver(workers=2).resolve(ALL)
    assert parallel.entity_of == serial.entity_of


def _same_resolution(a: Resolution, b: Resolution) -> bool:
    return a.entity_of == b.entity_of and [
        (d.a, d.b, d.merged, d.reason, round(d.probability, 9)) for d in a.decisions
    ] == [(d.a, d.b, d.merged, d.reason, round(d.probability, 9)) for d in b.decisions]


@patches_internals_of(
    "sistercity_provenance.resolve._resolver", "sistercity_provenance.resolve._features"
)
def test_a_helper_lists_pairs_and_prepares_comparisons_aside_without_changing_the_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With several workers, a forked helper lists the walked and neighbourhood pairs,
    works out the columns and compares the names (from workers it forks); the resolution
    is the one this process alone makes."""
    from sistercity_provenance.resolve import _features, _resolver

    monkeypatch.setattr(_resolver, "ASIDE_MIN", 1)
    monkeypatch.setattr(_features, "PARALLEL_MIN", 1)
    # some blocks are walked; some people are named by a surname alone
    serial = Resolver(workers=1, window_from=2).resolve([*ALL, *SURNAMES_ALONE])
    used: list[str] = []
    real_columns, real_scores = _resolver._Aside.columns, _resolver._Aside.scores
    real_named = _resolver._Aside.named

    def columns(self: _resolver._Aside) -> object:
        found = real_columns(self)
        used.append("columns" if found is not None else "no columns")
        return found

    def named(self: _resolver._Aside) -> object:
        found = real_named(self)
        used.append("named" if found is not None else "no named")
        return found

    def scores(self: _resolver._Aside, *args: object, **kwargs: object) -> object:
        found = real_scores(self, *args, **kwargs)  # type: ignore[arg-type]
        used.append("scores" if found is not None else "no scores")
        # the comparison is the helper's last call: it does not wait for the rest
        used.append("let go" if self._helper._pool is None else "kept")
        return found

    monkeypatch.setattr(_resolver._Aside, "columns", columns)
    monkeypatch.setattr(_resolver._Aside, "scores", scores)
    monkeypatch.setattr(_resolver._Aside, "named", named)
    r = Resolver(workers=2, window_from=2)
    aside = r.resolve([*ALL, *SURNAMES_ALONE])
    assert used == ["columns", "named", "scores", "let go"]
    assert r._stats["keys_walked"] > 0
    assert r._aside is None  # let go
    assert any("surname alone" in d.reason for d in aside.decisions)
    assert _same_resolution(aside, serial)


def _dies_in_a_helper(
    real: Callable[..., object], here: list[object] | None = None
) -> Callable[..., object]:
    """``real``, except that a process forked from this one ends at once when calling it;
    each call in this process is noted in ``here``."""
    import os

    parent = os.getpid()

    def call(*args: object, **kwargs: object) -> object:
        if os.getpid() != parent:
            os._exit(9)
        if here is not None:
            here.append(kwargs)
        return real(*args, **kwargs)

    return call


@patches_internals_of("sistercity_provenance.resolve._resolver")
def test_a_helper_that_dies_leaves_its_work_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sistercity_provenance.resolve import _features, _resolver

    serial = Resolver(workers=1).resolve(ALL)
    monkeypatch.setattr(_resolver, "ASIDE_MIN", 1)
    monkeypatch.setattr(_features, "PARALLEL_MIN", 1)
    here: list[object] = []  # the helper's work, done in this process after it died
    monkeypatch.setattr(
        _resolver.Resolver,
        "_neighbourhood_pairs",
        _dies_in_a_helper(_resolver.Resolver._neighbourhood_pairs, here),
    )
    started: list[bool] = []
    real_start = _resolver._Aside.start

    def start(*args: object) -> object:
        aside = real_start(*args)  # type: ignore[arg-type]
        started.append(aside is not None)
        return aside

    monkeypatch.setattr(_resolver._Aside, "start", start)
    assert _same_resolution(Resolver(workers=2).resolve(ALL), serial)
    assert started == [True]
    assert len(here) == 1


def test_names_of_pairs_kept_apart_by_birth_year_are_not_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Different birth years keep a pair apart whatever the names say: its name level is
    left missing instead of asking the name engine; explain still compares the names."""
    import numpy as np

    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve import _features

    mentions = [
        Mention("a", "Mao Zedong", attributes={"birth_year": 1893}),
        Mention("b", "Mao Tse-tung", attributes={"birth_year": 1950}),
        Mention("c", "Mao Tse-tung", attributes={"birth_year": 1893}),
        Mention("d", "毛泽东", attributes={"gender": "M"}),
        Mention("e", "Mao Tsetung", attributes={"gender": "F"}),
    ]
    asked: list[tuple[str, str]] = []
    real = _features._outcome

    def spy(a: str, b: str, kind: NameKind) -> _features.NameOutcome:
        asked.append((a, b))
        return real(a, b, kind)

    monkeypatch.setattr(_features, "_outcome", spy)
    _features._NAME_CACHE.clear()
    ia, ib = np.asarray([0, 0, 1, 3], dtype=np.int64), np.asarray([1, 2, 2, 4], dtype=np.int64)
    features = _features.compare_pairs(mentions, ia, ib, names_of_conflicts=False)
    assert sorted(asked) == [("Mao Tse-tung", "Mao Zedong")]  # a~c only
    assert features.levels["name"].tolist() == [-1, 3, -1, -1]
    assert features.hard_conflict.tolist() == [True, False, True, True]
    _features._NAME_CACHE.clear()
    full = _features.compare_pairs(mentions, ia, ib)
    assert full.levels["name"].tolist() == [3, 3, 3, 3]
    assert full.hard_conflict.tolist() == features.hard_conflict.tolist()

    r = Resolver()
    res = r.resolve(mentions[:3])
    assert res.entity_of["a"] == res.entity_of["c"] != res.entity_of["b"]
    assert r._pairs is not None
    levels = dict(zip(r.candidate_pairs(), r._pairs.levels["name"].tolist(), strict=True))
    assert levels[("a", "b")] == -1
    assert levels[("a", "c")] == 3
    why = r.explain("a", "b")
    assert dict(why.levels)["name"] == 3
    assert "Wade-Giles" in why.name_explanation
    assert why.verdict.startswith("kept apart")


def test_strongest_keeps_each_mentions_heaviest_pairs() -> None:
    """Cardinality node pruning: a pair stays if it is among the `partners` heaviest pairs
    of either of its mentions; ties go to the lower pair code."""
    import numpy as np

    from sistercity_provenance.resolve._resolver import _strongest

    n = 10
    pairs = [(0, 1, 5.0), (0, 2, 4.0), (0, 3, 3.0), (1, 2, 1.0), (1, 3, 1.0), (2, 3, 0.5)]
    code = np.asarray([a * n + b for a, b, _w in pairs], dtype=np.int64)
    weight = np.asarray([w for _a, _b, w in pairs])
    kept = {pairs[k][:2] for k in np.flatnonzero(_strongest(code, weight, n, 1))}
    # 0 keeps 0-1, 1 keeps 0-1, 2 keeps 0-2, 3 keeps 0-3
    assert kept == {(0, 1), (0, 2), (0, 3)}
    kept = {pairs[k][:2] for k in np.flatnonzero(_strongest(code, weight, n, 2))}
    # 1's second is 1-2 (tie with 1-3, lower code); 2's second is 1-2; 3's second 1-3
    assert kept == {(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)}
    assert _strongest(code, weight, n, 3).all()


def test_partners_bound_the_pairs_of_different_names_but_not_of_one_name() -> None:
    """With few partners, a mention keeps only its heaviest pairs with other names; pairs
    of mentions of one name are all kept (their names need one comparison)."""
    names = ["Wang Wei", "Wang Weiming", "Wang Weimin", "Wang Weiling", "Wang Weili"]
    mentions = [Mention(f"{k}-{i}", name) for k, name in enumerate(names) for i in range(3)]
    wide = Resolver().resolve(mentions)
    narrow_r = Resolver(partners=1)
    narrow = narrow_r.resolve(mentions)
    assert wide.stats["pairs_pruned"] == 0
    assert narrow.stats["pairs_pruned"] > 0
    assert narrow.stats["candidate_pairs"] < wide.stats["candidate_pairs"]
    name_of = {m.id: m.name for m in mentions}
    kept = narrow_r.candidate_pairs()
    same = {(a, b) for a, b in kept if name_of[a] == name_of[b]}
    assert len(same) == 5 * 3  # three pairs within each name
    assert len(kept) - len(same) <= 15  # each mention keeps one pair with another name


_HASH_SEED_RUN = """
import json, sys
from sistercity_provenance.resolve import Mention, Resolver
surnames = ["Wang", "Wong", "王", "Li", "Lee", "李", "Zhang", "Chang", "張", "Chan", "陈"]
given = ["Wei", "Wai", "伟", "Ming", "Ming-wei", "明", "Jian", "Kin", "建", "Hua", "華"]
mentions = [
    Mention(f"m{k:04d}", f"{s} {g}" if s.isascii() or g.isascii() else s + g,
            document=f"d{k % 7}")
    for k, (s, g) in enumerate((s, g) for s in surnames for g in given for _ in range(2))
]
r = Resolver(partners=2, workers=1)
res = r.resolve(mentions)
print(json.dumps([sorted(r.candidate_pairs()), sorted(res.entity_of.items())]))
"""


def test_resolution_does_not_depend_on_the_hash_seed() -> None:
    """Python salts string hashes per process, so sets of keys come out in another order
    from one run to the next; candidate pairs (pruned hard here) and entities must not."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _HASH_SEED_RUN],
            env=env, capture_output=True, text=True, check=True, timeout=300,
        )  # fmt: skip
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000


_HAN_REASON_RUN = """
from sistercity_provenance.resolve import Mention
from sistercity_provenance.resolve._resolver import _conflict
one = frozenset({"河北", "直隶", "冀"})  # an entity that holds three spellings of one province
other = frozenset({"湖北", "鄂"})
first = Mention("p1", "河北", kind="place")
print(_conflict((None, None, None, one, None), (None, None, None, other, None), first, None))
"""


def test_the_reason_of_a_han_conflict_does_not_depend_on_the_hash_seed() -> None:
    """Sets of strings come out in an order that depends on the process's hash salt; the
    pair of spellings a decision's reason names must not."""
    import os
    import subprocess
    import sys

    reasons = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        run = subprocess.run(
            [sys.executable, "-c", _HAN_REASON_RUN],
            env=env, capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        reasons.add(run.stdout.strip())
    assert len(reasons) == 1
    assert reasons.pop().startswith("different characters (")


@pytest.mark.parametrize("setting", ["workers", "window_from", "window", "partners"])
def test_blocking_and_worker_settings_must_be_positive(setting: str) -> None:
    with pytest.raises(ValueError, match=f"{setting}=0"):
        Resolver(**{setting: 0})
    assert getattr(Resolver(**{setting: 1}), setting) == 1


def test_surnames_alone_in_two_documents_need_context_that_agrees() -> None:
    from sistercity_provenance.resolve._resolver import _BARE_SURNAMES

    mentions = [
        Mention("m1", "Premier Li", document="d1", attributes={"gender": "M"}),
        Mention("m2", "Premier Li", document="d2", attributes={"role": "premier since 2023"}),
        Mention("m3", "President Li", document="d3", attributes={"role": "premier since 2023"}),
    ]
    resolver = Resolver()
    resolution = resolver.resolve(mentions)
    assert resolution.entity_of["m1"] != resolution.entity_of["m2"]
    assert resolution.entity_of["m2"] == resolution.entity_of["m3"]  # the role agrees
    refused = [d for d in resolution.decisions if {d.a, d.b} == {"m1", "m2"}]
    assert refused and not refused[-1].merged and refused[-1].reason == _BARE_SURNAMES
    # in one document, a repeated surname is one person as before
    same_doc = Resolver().resolve(
        [Mention("m1", "Premier Li", document="d1"), Mention("m2", "Premier Li", document="d1")]
    )
    assert same_doc.entity_of["m1"] == same_doc.entity_of["m2"]


def test_a_married_name_meets_the_name_without_the_husbands_surname() -> None:
    mentions = [
        Mention("m1", "梁刘柔芬", document="d1", attributes={"gender": "F"}),
        Mention("m2", "Lau Yau-fun", document="d2", attributes={"gender": "F"}),
        Mention("m3", "刘柔芬", document="d3"),
    ]
    resolution = Resolver().resolve(mentions)
    assert len({resolution.entity_of[m.id] for m in mentions}) == 1


def test_a_mention_that_fits_two_entities_equally_is_left_on_its_own() -> None:
    """The name "Liu Xiang" with no context of its own fits the hurdler 刘翔 and the warlord 劉湘
    alike; refinement leaves it alone, and says why, rather than toss a coin."""
    tie = [
        Mention("liu-hurdler-1", "刘翔", attributes={"role": "hurdler"}),
        Mention("liu-hurdler-2", "刘翔", attributes={"country": "CN"}),
        Mention("liu-warlord-1", "劉湘", attributes={"role": "warlord"}),
        Mention("liu-warlord-2", "劉湘", attributes={"country": "CN"}),
        Mention("liu-latin", "Liu Xiang"),
    ]
    res = Resolver().resolve(tie + _FILLER)
    assert together(res, "liu-hurdler-1", "liu-hurdler-2")
    assert together(res, "liu-warlord-1", "liu-warlord-2")
    assert not together(res, "liu-latin", "liu-hurdler-1")
    assert not together(res, "liu-latin", "liu-warlord-1")
    refused = [d for d in res.decisions if "liu-latin" in (d.a, d.b) and not d.merged]
    assert any(d.reason.startswith("left on its own") for d in refused)
    # context that picks one entity still decides (the refinement test above)
    res = Resolver().resolve(LIU_XIANG + _FILLER)
    assert together(res, "liu-warlord-1", "liu-latin")


def test_key_rows_give_back_every_stored_mention_of_each_key() -> None:
    """_KeyRows gives back each (mention, key) row that was added, over several additions
    (mentions of one name share their keys, as the resolver adds them), whether looked up
    after each addition or once after all."""
    import numpy as np

    from sistercity_provenance.resolve._resolver import _KeyRows

    rng = np.random.default_rng(1)
    stored = _KeyRows()
    late = _KeyRows()  # looked up only once, after every addition
    expected: set[tuple[int, str]] = set()
    names = [sorted({f"k{x}" for x in rng.integers(0, 30, 6).tolist()}) for _ in range(12)]
    first = 0
    for _round in range(3):
        rows = []
        for m in range(first, first + 25):
            rows += [(m, key) for key in names[int(rng.integers(0, 12))]]
        first += 25
        keys = sorted({key for _m, key in rows})
        codes = np.asarray([keys.index(key) for _m, key in rows], dtype=np.int64)
        mentions = np.asarray([m for m, _key in rows], dtype=np.int64)
        stored.add(keys, codes, mentions)
        late.add(keys, codes, mentions)
        expected |= set(rows)
        asked = [f"k{x}" for x in range(0, 32, 3)]
        got_m, got_k = stored.rows(asked)
        got = sorted(zip(got_m.tolist(), [asked[k] for k in got_k.tolist()], strict=True))
        assert got == sorted(row for row in expected if row[1] in asked)
    got_m, got_k = late.rows(asked)
    got = sorted(zip(got_m.tolist(), [asked[k] for k in got_k.tolist()], strict=True))
    assert got == sorted(row for row in expected if row[1] in asked)


def test_key_rows_hash_keys_holding_lone_surrogates() -> None:
    """Stored keys are hashed from their UTF-8; a key holding a lone surrogate (a
    normalizer's alias of hostile text could) is hashed too, and found again."""
    import numpy as np

    from sistercity_provenance.resolve._resolver import _KeyRows

    stored = _KeyRows()
    keys = ["person|alias|x\ud800", "person|alias|x"]
    stored.add(keys, np.asarray([0, 1, 0]), np.asarray([0, 1, 2]))
    got_m, got_k = stored.rows(["person|alias|x\ud800", "person|alias|y"])
    assert sorted(got_m.tolist()) == [0, 2]
    assert got_k.tolist() == [0, 0]


def _keys_of(*families: str) -> Callable[[str], set[str]]:
    """A function giving the blocking keys of a person's name in these key families."""
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve._keys import blocking_keys

    def keys(name: str) -> set[str]:
        found = blocking_keys(name, NameKind.PERSON)
        return {k for k in found if k.split("|")[1] in families}

    return keys


def test_a_name_cited_by_initials_shares_a_small_block_with_its_full_forms() -> None:
    initials = _keys_of("initials")

    assert initials("Q.C. Wang") & initials("Wang Qiangchen") & initials("王强晨")
    assert initials("CY Leung") & initials("Leung Chun-ying") & initials("梁振英")
    assert not initials("Q.C. Wang") & initials("Wang Qiangming")
    assert not initials("Wang Qiang")  # one syllable: the ``initial`` blocks are enough


def test_a_one_letter_initial_that_is_a_wade_giles_syllable_also_blocks_as_its_reading() -> None:
    from sistercity_provenance.names import NameKind
    from sistercity_provenance.resolve._keys import initial_blocks

    def blocks(name: str) -> set[str]:
        return {key for key, _rest in initial_blocks(name, NameKind.PERSON)[1]}

    assert blocks("Wang I") & blocks("Wáng Yì")  # I is yi in Wade-Giles
    assert not blocks("J. Wang") & blocks("Wang Yi")  # J is no syllable


def test_a_romanized_surname_as_written_is_a_key() -> None:
    spelt = _keys_of("spelt")

    assert spelt("Jimmy Wong") == spelt("Wong Jit-tao") == {"person|spelt|wong"}
    assert not spelt("Jimmy Wong") & spelt("Wang Jietao")  # read alike, written otherwise
    assert not spelt("王婕濤")  # characters have their own keys


@pytest.mark.parametrize(
    ("latin", "han"),
    [("Wong Wai-chun", "王伟俊"), ("Ng Git", "吳傑"), ("Tsang Yam-kuen", "曾荫权")],
)
def test_a_hong_kong_spelling_shares_a_cantonese_key_with_its_characters(
    latin: str, han: str
) -> None:
    # wai is not a Mandarin reading of 伟 (wei): only the Cantonese spellings meet
    cantonese = _keys_of("cantonese")

    assert cantonese(latin) & cantonese(han)
    assert not cantonese(latin) & cantonese("王伟明")  # other characters, other spellings
    assert not cantonese("Wang Weijun")  # pinyin is not a Hong Kong spelling throughout


@pytest.mark.parametrize(
    ("hong_kong", "mandarin"),
    [
        ("Chan Wai-yu", "Chen Weiyu"),
        ("Chan Wai Yu", "Chen Weiyu"),
        ("Chan Wai Yu", "Weiyu Chen"),
        ("Lau Ying Man", "Liu Yingwen"),
    ],
)
def test_a_hong_kong_name_that_reads_as_pinyin_shares_a_key_with_its_mandarin(
    hong_kong: str, mandarin: str
) -> None:
    # chan, wai and yu read as pinyin, so the name's own keys are those of "Chan Waiyu";
    # its Hong Kong reading gives the keys of the Mandarin that its syllables write
    reading = _keys_of("coarse", "sorted")

    assert reading(hong_kong) & reading(mandarin)
    assert not reading(hong_kong) & reading("Chen Weiming")  # yu writes nothing read ming
    assert not reading(hong_kong) & reading("Zhang Weiyu")  # nor is Chan read Zhang


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Sally Cheung", "Sally Cheung Yu-yan"),
        ("Sally Cheung", '"Sally" Cheung Yu-yan'),
        ('"Forest" Rong Lei', "Forest Rong"),
    ],
)
def test_an_english_name_and_surname_share_a_key_with_the_full_name(short: str, full: str) -> None:
    # a surname key alone is too common to be used on large sets; this one is not
    western = _keys_of("western")

    assert western(short) & western(full)
    assert not western(short) & western("Sally Wong Yu-yan")
    assert not western(short) & western("Cheung Yu-yan")


@pytest.mark.parametrize(
    ("latin", "han"),
    [
        ("Robert Taylor", "罗伯特·泰勒"),
        ("Kenneth Green", "肯尼思·格林"),
        ("Patrick Bell", "帕特里克·贝尔"),
    ],
)
def test_a_foreign_name_shares_a_key_with_its_rendering_in_characters(latin: str, han: str) -> None:
    # they share no other key: the comparison matches them by sound, word by word
    foreign = _keys_of("foreign")

    assert foreign(latin) & foreign(han)
    assert not foreign(latin) & foreign("托马斯·里德")  # Thomas Reid
    assert not foreign("Wang Wei")  # a Chinese name is keyed by its readings
    assert not foreign("王伟")


def test_a_foreign_mayor_named_in_english_and_in_chinese_is_one_entity() -> None:
    from sistercity_provenance.resolve import Mention, Resolver

    mentions = [
        Mention("en", "Robert Taylor", document="letter", attributes={"role": "mayor"}),
        Mention("zh", "罗伯特·泰勒", document="news", attributes={"role": "mayor"}),
        Mention("other", "托马斯·里德", document="news", attributes={"role": "mayor"}),
    ]
    resolution = Resolver().resolve(mentions)
    assert resolution.entity_of["en"] == resolution.entity_of["zh"]
    assert resolution.entity_of["other"] != resolution.entity_of["en"]


@pytest.mark.parametrize("name", ["J. Jones", "Smith, Robert", "SMITH Robert", "Robert H. Smith"])
def test_a_latin_name_with_initials_or_its_surname_first_gets_no_foreign_key(name: str) -> None:
    # a rendering in characters gives whole words, given name first: such a name would
    # only meet other Latin names by this key
    foreign = _keys_of("foreign")
    assert not foreign(name)
    assert foreign("Robert Smith")


@pytest.mark.parametrize(
    ("hokkien", "mandarin"), [("Goh Keng Swee", "Wu Qingrui"), ("Lim Boon Keng", "Lin Wenqing")]
)
def test_an_everyday_hokkien_name_shares_a_key_with_its_pinyin(hokkien: str, mandarin: str) -> None:
    # keng and swee are no Mandarin spellings: the name's readings come through the
    # characters its syllables write in everyday Hokkien (庆, 瑞)
    reading = _keys_of("coarse", "sorted")

    assert reading(hokkien) & reading(mandarin)
    assert not reading(hokkien) & reading("Wu Qingming")


def test_a_pair_that_shares_only_a_faint_key_weighs_as_one_in_a_much_larger_block() -> None:
    """`national` and `translated` keys weigh in the pruning as blocks 64 times their size:
    CXQZ and Xiamen Quality Zone share only `national|xqz`, a block of two, and CXQZ keeps
    (partners=1) a pair from a block of five names that share two keys instead (at full
    weight the block of two would win: 1/2 against 2/5). Xiamen Quality Zone keeps its
    reordered self, so no side keeps the faint pair."""
    org = "organization"
    mentions = [
        Mention("a", "CXQZ", kind=org),
        Mention("b", "Xiamen Quality Zone", kind=org),
        Mention("g", "Quality Zone Xiamen", kind=org),
        *(
            Mention(f"c{i}", f"CXQZ {word}", kind=org)
            for i, word in enumerate(["Holdings", "Group", "Trust", "Capital"])
        ),
    ]
    r = Resolver(workers=1, partners=1)
    r.resolve(mentions)
    pairs = {frozenset(p) for p in r.candidate_pairs()}
    assert frozenset({"b", "g"}) in pairs
    assert any("a" in p and p & {"c0", "c1", "c2", "c3"} for p in pairs)
    assert frozenset({"a", "b"}) not in pairs


def test_a_second_resolve_does_not_reuse_the_first_one_s_surnames_by_document() -> None:
    """One resolver, two batches of as many mentions: the second's surname links come from
    its own documents (the first's, by position, once merged Chen Yi with Barack Obama)."""
    r = Resolver(workers=1)
    first = r.resolve(
        [
            Mention("a1", "Luo", document="d"),
            Mention("a2", "Luo Renkai", document="d"),
            Mention("a3", "Wang Wei", document="e"),
        ]
    )
    assert first.entity_of["a1"] == first.entity_of["a2"]
    second = r.resolve(
        [
            Mention("b1", "Chen Yi", document="x"),
            Mention("b2", "Barack Obama", document="y"),
            Mention("b3", "Li Peng", document="y"),
        ]
    )
    assert len(set(second.entity_of.values())) == 3
    assert not any("surname alone" in d.reason for d in second.decisions)


@patches_internals_of("sistercity_provenance.resolve._resolver")
def test_no_helper_when_its_pipe_cannot_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """Out of file descriptors, the comparisons ahead cannot be set up: the resolver works
    without a helper, with the same result."""
    from sistercity_provenance.resolve import _features, _resolver

    serial = Resolver(workers=1).resolve(ALL)
    monkeypatch.setattr(_resolver, "ASIDE_MIN", 1)
    monkeypatch.setattr(_features, "PARALLEL_MIN", 1)

    def no_pipe(*args: object) -> object:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(_resolver, "ComparisonAhead", no_pipe)
    forked: list[object] = []
    monkeypatch.setattr(_resolver.ForkedHelper, "start", forked.append)
    assert _same_resolution(Resolver(workers=2).resolve(ALL), serial)
    assert forked == []


# --- clustering shared with a helper process ---------------------------------------------

#: People named by a surname alone beside people named in full, in two documents.
SURNAMES_ALONE = [
    Mention("luo-full", "Luo Renkai", document="d-luo"),
    Mention("luo-bare", "Luo", document="d-luo"),
    Mention("wang-a", "Wang Zhiwei", document="d-wang"),
    Mention("wang-b", "Wang Fang", document="d-wang"),
    Mention("wang-bare", "Wang", document="d-wang"),
]

#: Many pieces, with decisions of every stage: refusals and merges by the model, surname
#: links (made and refused), moves and mentions left on their own by refinement.
PIECES = [
    *ALL,
    *LIU_XIANG,
    *_FILLER,
    *SURNAMES_ALONE,
    *(
        Mention(f"{name}-{k}", name, attributes={} if k == 1 else {"birth_year": year + k})
        for name, year in (("Li Na", 1950), ("Zhang Wei", 1960), ("Chen Jing", 1970))
        for k in range(3)
    ),  # a chain that may not close: the middle one is left on its own
]


def _clustered_apart(monkeypatch: pytest.MonkeyPatch, parts: list[tuple[int, int]]) -> None:
    """Share clustering from the first merge candidate on, and note the size of each
    helper's part (mentions in it, mentions in all) in ``parts``; the decisions of both
    sides are put in order a few at a time."""
    from sistercity_provenance.resolve import _resolver

    monkeypatch.setattr(_resolver, "APART_MIN", 1)
    monkeypatch.setattr(_resolver, "APART_SHARE", 0)
    monkeypatch.setattr(_resolver, "_ORDER_BATCH", 3)  # decisions ordered in several batches
    real = _resolver.ForkedHelper.start

    def start(calls: list[Callable[[], object]]) -> object:
        (call,) = calls
        part = call.keywords["part"]  # type: ignore[attr-defined]
        parts.append((int(part.sum()), len(part)))
        return real(calls)

    monkeypatch.setattr(_resolver.ForkedHelper, "start", start)


@patches_internals_of("sistercity_provenance.resolve._resolver")
def test_clustering_shared_with_a_helper_makes_the_resolution_of_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With several workers, a helper clusters about half the connected pieces of the
    candidate graph; the entities and the decisions, in their order, are those of one
    process, through ``resolve``, ``judge`` and ``add``."""
    serial = Resolver(workers=1)
    first = serial.resolve(PIECES[:-4])
    reasons = " | ".join(d.reason for d in first.decisions)
    for stage in ("moved by refinement", "left on its own", "same document", "people of that"):
        assert stage in reasons  # every stage has something to order
    parts: list[tuple[int, int]] = []
    _clustered_apart(monkeypatch, parts)
    apart = Resolver(workers=2)
    assert _same_resolution(apart.resolve(PIECES[:-4]), first)
    for r in (serial, apart):
        r.judge("mao-1", "mao-3", "different", by="ann")
        r.judge("wang-poet", "wang-pilot", "same", by="bob")
    assert _same_resolution(apart.resolution, serial.resolution)
    assert _same_resolution(apart.add(PIECES[-4:]), serial.add(PIECES[-4:]))
    assert len(parts) == 4
    assert all(0 < helper < n for helper, n in parts)


@functools.cache
def _pieces_alone() -> Resolution:
    """:data:`PIECES` resolved in one process (once for all the examples below)."""
    return Resolver(workers=1).resolve(PIECES)


def _split_at_random(seed: int) -> Callable[..., object]:
    """A stand-in for ``_half`` that gives the helper a random half of the pieces."""
    import numpy as np

    def half(piece: object, _pair_piece: object) -> object:
        pieces = np.asarray(piece)
        side = np.random.default_rng(seed).random(int(pieces.max()) + 1) < 0.5
        return side[pieces]

    return half


@patches_internals_of("sistercity_provenance.resolve._resolver")
@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_any_split_into_pieces_gives_the_same_resolution(seed: int) -> None:
    """However the connected pieces are shared between this process and the helper, the
    resolution is the one of a single process."""
    from sistercity_provenance.resolve import _resolver

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(_resolver, "APART_MIN", 1)
        monkeypatch.setattr(_resolver, "_half", _split_at_random(seed))
        assert _same_resolution(Resolver(workers=2).resolve(PIECES), _pieces_alone())


@patches_internals_of("sistercity_provenance.resolve._resolver")
def test_the_largest_piece_is_clustered_by_the_resolving_process() -> None:
    """The helper's half of the pieces leaves out the piece with the most work (its many
    decisions would otherwise be sent back), and the halves' work is about even."""
    import numpy as np

    from sistercity_provenance.resolve._resolver import _half

    # Pieces 0..4 with 2, 1, 8, 3 and 2 mentions, and 1, 0, 9, 3 and 2 merge candidates.
    piece = np.array([0, 0, 1, *[2] * 8, 3, 3, 3, 4, 4])
    pair_piece = np.array([0, *[2] * 9, 3, 3, 3, 4, 4])
    helpers = _half(piece, pair_piece)
    assert helpers is not None
    assert not helpers[piece == 2].any()  # the largest: 17 of 31
    assert helpers[piece == 3].all()  # the next: 6, to the helper with nothing yet
    work = np.bincount(piece) + np.bincount(pair_piece, minlength=5)
    ours = int(work[np.unique(piece[~helpers])].sum())
    assert (ours, int(work.sum()) - ours) == (17, 14)


@patches_internals_of("sistercity_provenance.resolve._resolver")
def test_no_clustering_helper_where_one_piece_outweighs_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where one connected piece holds most of the work, it bounds the time whoever
    clusters the rest: no helper is forked (it would start as large as this process)."""
    from sistercity_provenance.resolve import _resolver

    mentions = [Mention(f"mao-{k}", "Mao Zedong", document=f"d{k}") for k in range(12)]
    mentions += [Mention("zhou-1", "Zhou Enlai"), Mention("zhou-2", "周恩来")]
    serial = Resolver(workers=1).resolve(mentions)
    parts: list[tuple[int, int]] = []
    _clustered_apart(monkeypatch, parts)
    assert _same_resolution(Resolver(workers=2).resolve(mentions), serial)
    assert len(parts) == 1  # shared when any share will do
    monkeypatch.setattr(_resolver, "APART_SHARE", 1 / 3)
    assert _same_resolution(Resolver(workers=2).resolve(mentions), serial)
    assert len(parts) == 1  # not with the library's share: 66 pairs of Mao against one


@patches_internals_of("sistercity_provenance.resolve._resolver")
@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_merge_candidates_taken_in_chunks_give_the_same_resolution(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Greedy merging takes the candidates out of their arrays a chunk at a time; the
    chunks' bounds change nothing."""
    from sistercity_provenance.resolve import _resolver

    expected = _pieces_alone()  # with the chunks of the library
    monkeypatch.setattr(_resolver, "_MERGE_CHUNK", chunk)
    assert _same_resolution(Resolver(workers=1).resolve(PIECES), expected)


@patches_internals_of("sistercity_provenance.resolve._resolver")
def test_a_clustering_helper_that_dies_leaves_its_part_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sistercity_provenance.resolve import _resolver

    serial = Resolver(workers=1).resolve(PIECES)
    parts: list[tuple[int, int]] = []
    _clustered_apart(monkeypatch, parts)
    here: list[object] = []
    merge = _dies_in_a_helper(_resolver.Resolver._merge, here)
    monkeypatch.setattr(_resolver.Resolver, "_merge", merge)
    assert _same_resolution(Resolver(workers=2).resolve(PIECES), serial)
    assert len(parts) == 1
    assert len(here) == 2  # its own half, then the helper's


def test_trimming_the_heap_says_whether_the_c_library_could(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """glibc hands its free heap back; a C library without ``malloc_trim`` (musl, macOS)
    leaves it, and the resolver goes on."""
    import ctypes
    import platform

    from sistercity_provenance.resolve import _forked

    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert _forked.trim_heap()
    _forked._malloc_trim.cache_clear()
    monkeypatch.setattr(ctypes, "CDLL", lambda _name: object())  # no malloc_trim in it
    try:
        assert _forked._malloc_trim() is None
        assert not _forked.trim_heap()
    finally:
        _forked._malloc_trim.cache_clear()


@patches_internals_of("sistercity_provenance.resolve._resolver")
@given(
    scores=st.dictionaries(
        st.integers(0, 40),
        st.sampled_from([float("-inf"), -1.5, 0.0, 0.5, 2.0]) | st.floats(-50, 50),
        min_size=2,
    ),
    data=st.data(),
)
def test_best_two_is_the_best_and_the_best_rival_on_equal_scores_the_lowest(
    scores: dict[int, float], data: st.DataObject
) -> None:
    """Refinement's choice of the best group and of the best other than the mention's own:
    the highest score, equal scores going to the lowest label, in whatever order."""
    from sistercity_provenance.resolve._resolver import _best_two

    own = data.draw(st.sampled_from(sorted(scores)))
    shuffled = dict(data.draw(st.permutations(list(scores.items()))))
    best, rival = _best_two(shuffled, own)
    assert best == max(scores, key=lambda c: (scores[c], -c))
    assert rival == max((c for c in scores if c != own), key=lambda c: (scores[c], -c))


@patches_internals_of("sistercity_provenance.resolve._resolver")
def test_a_resolution_of_many_names_empties_the_name_caches_without_changing_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From ``CLEAR_NAMES_MIN`` distinct names on, clustering empties the name engine's
    caches once it has the names' facts: the entities and the decisions, in their order,
    are those of a run that keeps them, through ``resolve``, ``judge`` and ``add``, and so
    are the explanations asked afterwards."""
    from sistercity_provenance.resolve import _resolver

    kept = Resolver(workers=1)
    kept.resolve(PIECES[:-4])
    dropped: list[int] = []
    real = _resolver.clear_name_caches

    def clear() -> int:
        dropped.append(real())
        return dropped[-1]

    monkeypatch.setattr(_resolver, "CLEAR_NAMES_MIN", 1)
    monkeypatch.setattr(_resolver, "clear_name_caches", clear)
    emptied = Resolver(workers=1)
    assert _same_resolution(emptied.resolve(PIECES[:-4]), kept.resolution)
    assert dropped and dropped[0] > 0
    for r in (kept, emptied):
        r.judge("mao-1", "mao-3", "different", by="ann")
    assert _same_resolution(emptied.resolution, kept.resolution)
    assert _same_resolution(emptied.add(PIECES[-4:]), kept.add(PIECES[-4:]))
    assert len(dropped) >= 3 and all(d > 0 for d in dropped)  # each clustering emptied them
    for a, b in (("mao-1", "mao-2"), ("wang-poet", "wang-pilot")):
        assert str(emptied.explain(a, b)) == str(kept.explain(a, b))
