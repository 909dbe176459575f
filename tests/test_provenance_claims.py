"""Claims with their provenance: chains, corroboration by independent origins, conflicts."""

from __future__ import annotations

from sistercity_provenance.provenance import Claim, Derivation, Document, anchor
from sistercity_provenance.provenance._claims import assess_claims

QUOTE = "asked the Henan office to look into Rong Lei"


def _doc(doc_id: str, text: str, *sources: tuple[str, str, bool], reliability: str | None = None):
    derived = tuple(Derivation(doc_id, src, rel, reported) for src, rel, reported in sources)
    return Document.from_text(doc_id, text, derived_from=derived, reliability=reliability)


def _claim(claim_id: str, doc: Document, obj: str = "m-rong", *, scope: str = "", cred=None):
    return Claim(
        claim_id, "m-consulate", "asked_about", obj, obj.startswith("m-"),
        (anchor(doc, QUOTE),), cred, scope,
    )  # fmt: skip


ENTITIES = {"m-consulate": "E-consulate", "m-rong": "E-rong", "m-rong2": "E-rong"}

ORIGIN = _doc("files", "Internal files of the provincial office.", reliability="B")
CABLE = _doc("cable", f"The consulate {QUOTE}.", ("files", "provided_by", True))
ARTICLE = _doc(
    "article", f"A leaked cable shows the consulate {QUOTE}.", ("cable", "quotes", False)
)
ECHO = _doc("echo", f"Reports say the consulate {QUOTE}.", ("article", "quotes", False))
OTHER = _doc("other", f"A separate interview: the consulate {QUOTE}, a former official said.")


def test_chain_runs_from_article_through_cable_to_its_source_with_reported_steps() -> None:
    (a,) = assess_claims([_claim("c1", ARTICLE)], [ORIGIN, CABLE, ARTICLE], ENTITIES)
    assert a.chain_ids() == [["article", "cable", "files"]]
    assert [s.reported for s in a.chains[0]] == [False, True]
    assert a.origins == ("files",)
    assert a.to_json()["chain"] == [["article", "cable", "files"]]


def test_an_article_and_one_quoting_it_are_one_source() -> None:
    docs = [ORIGIN, CABLE, ARTICLE, ECHO]
    result = assess_claims([_claim("c1", ARTICLE), _claim("c2", ECHO)], docs, ENTITIES)
    assert [a.corroboration for a in result] == [1, 1]
    assert result[0].corroborated_by == ("c2",)


def test_two_independent_documents_are_two_sources() -> None:
    docs = [ORIGIN, CABLE, ARTICLE, OTHER]
    result = assess_claims([_claim("c1", ARTICLE), _claim("c2", OTHER)], docs, ENTITIES)
    assert [a.corroboration for a in result] == [2, 2]


def test_mentions_of_one_entity_make_the_same_claim() -> None:
    docs = [ORIGIN, CABLE, ARTICLE, OTHER]
    claims = [_claim("c1", ARTICLE, "m-rong"), _claim("c2", OTHER, "m-rong2")]
    result = assess_claims(claims, docs, ENTITIES)
    assert result[0].object_entity == "E-rong" and result[0].corroboration == 2


def test_conflicting_values_in_one_scope_are_kept_and_reported() -> None:
    docs = [ARTICLE, OTHER, ORIGIN, CABLE]
    claims = [
        _claim("c1", ARTICLE, "2017", scope="date"),
        _claim("c2", OTHER, "2018", scope="date"),
    ]
    result = assess_claims(claims, docs, ENTITIES)
    assert result[0].conflicts == ("c2",) and result[1].conflicts == ("c1",)


def test_different_scopes_do_not_conflict() -> None:
    docs = [ARTICLE, OTHER, ORIGIN, CABLE]
    claims = [
        _claim("c1", ARTICLE, "2017", scope="first"),
        _claim("c2", OTHER, "2018", scope="last"),
    ]
    assert all(not a.conflicts for a in assess_claims(claims, docs, ENTITIES))


def test_literal_values_agree_across_case_and_accents() -> None:
    docs = [ARTICLE, OTHER, ORIGIN, CABLE]
    claims = [_claim("c1", ARTICLE, "Toledo"), _claim("c2", OTHER, "TOLEDO")]
    result = assess_claims(claims, docs, ENTITIES)
    assert result[0].conflicts == () and result[0].corroboration == 2


def test_grade_combines_source_reliability_and_credibility() -> None:
    (a,) = assess_claims([_claim("c1", ARTICLE, cred=2)], [ORIGIN, CABLE, ARTICLE], ENTITIES)
    assert a.grade == "B2"
    (b,) = assess_claims([_claim("c1", OTHER)], [OTHER], ENTITIES)
    assert b.grade == "F6"


def test_circular_reporting_is_flagged() -> None:
    a = _doc("a", f"As b reported, the consulate {QUOTE}.", ("b", "cites", False))
    b = _doc("b", f"As a reported, the consulate {QUOTE}.", ("a", "cites", False))
    (result,) = assess_claims([_claim("c1", a)], [a, b], ENTITIES)
    assert result.circular
    assert result.corroboration == 1  # a circle of reports is one source


def test_the_subject_carries_the_merge_decisions_that_put_it_in_its_entity() -> None:
    from sistercity_provenance.resolve import MergeDecision

    decision = MergeDecision("m-consulate", "m-other", True, 0.97, (), "model", "fs-em-1")
    unrelated = MergeDecision("m-x", "m-y", True, 0.9, (), "model", "fs-em-1")
    (a,) = assess_claims(
        [_claim("c1", ARTICLE)], [ORIGIN, CABLE, ARTICLE], ENTITIES, [decision, unrelated]
    )
    assert a.subject_decisions == (decision,)
    why = a.to_json()["why_subject"]
    assert why == [
        {"a": "m-consulate", "b": "m-other", "merged": True, "decided_by": "model",
         "probability": 0.97, "reason": ""}
    ]  # fmt: skip


def test_an_article_built_on_several_sources_is_one_source() -> None:
    # The article names two sources; nothing says which one supports this sentence, so it
    # counts once, and once together with the cable it draws on.
    roundup = _doc(
        "roundup",
        f"Files and interviews show the consulate {QUOTE}.",
        ("cable", "quotes", True),
        ("other", "cites", False),
    )
    docs = [ORIGIN, CABLE, OTHER, roundup]
    (alone,) = assess_claims([_claim("c1", roundup)], docs, ENTITIES)
    assert alone.corroboration == 1
    with_cable = assess_claims([_claim("c1", roundup), _claim("c2", CABLE)], docs, ENTITIES)
    assert [a.corroboration for a in with_cable] == [1, 1]
    separate = assess_claims([_claim("c1", CABLE), _claim("c2", OTHER)], docs, ENTITIES)
    assert [a.corroboration for a in separate] == [2, 2]


def test_an_article_does_not_borrow_the_grade_of_its_sources() -> None:
    graded = _doc("graded", "Internal files of the provincial office.", reliability="A")
    roundup = _doc(
        "roundup",
        f"Files and interviews show the consulate {QUOTE}.",
        ("graded", "summarizes", False),
    )
    (a,) = assess_claims([_claim("c1", roundup, cred=3)], [graded, roundup], ENTITIES)
    assert a.grade == "F3"
    translation = _doc("translation", f"The consulate {QUOTE}.", ("graded", "translates", False))
    (b,) = assess_claims([_claim("c1", translation, cred=3)], [graded, translation], ENTITIES)
    assert b.grade == "A3"
    graded_article = _doc(
        "ga", f"The consulate {QUOTE}.", ("graded", "quotes", False), reliability="C"
    )
    (c,) = assess_claims([_claim("c1", graded_article, cred=3)], [graded, graded_article], ENTITIES)
    assert c.grade == "C3"


def test_different_entities_conflict_only_within_a_stated_scope() -> None:
    docs = [ARTICLE, OTHER, ORIGIN, CABLE]
    entities = {**ENTITIES, "m-ocao": "E-ocao"}
    unscoped = [_claim("c1", ARTICLE, "m-rong"), _claim("c2", OTHER, "m-ocao")]
    assert all(not a.conflicts for a in assess_claims(unscoped, docs, entities))
    scoped = [
        _claim("c1", ARTICLE, "m-rong", scope="addressee"),
        _claim("c2", OTHER, "m-ocao", scope="addressee"),
    ]
    assert [a.conflicts for a in assess_claims(scoped, docs, entities)] == [("c2",), ("c1",)]
    literal = [_claim("c1", ARTICLE, "2017"), _claim("c2", OTHER, "2018")]
    assert [a.conflicts for a in assess_claims(literal, docs, entities)] == [("c2",), ("c1",)]


def test_chain_and_reported_steps_line_up() -> None:
    claim = Claim(
        "c1", "m-consulate", "asked_about", "m-rong", True,
        (anchor(ARTICLE, QUOTE), anchor(OTHER, QUOTE)),
    )  # fmt: skip
    (a,) = assess_claims([claim], [ORIGIN, CABLE, ARTICLE, OTHER], ENTITIES)
    record = a.to_json()
    assert record["chain"] == [["article", "cable", "files"], ["other"]]
    assert record["reported_steps"] == [[False, True], []]
    assert [len(c) - 1 for c in record["chain"]] == [len(s) for s in record["reported_steps"]]
