"""Exports: entities.jsonl, claims.jsonl and PROV-JSON, written atomically."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prov.constants import PROV, PROV_TYPE
from prov.model import ProvDerivation, ProvDocument, ProvEntity

from sistercity_provenance import NameKind
from sistercity_provenance.export import (
    SCP_NAMESPACE,
    claim_records,
    entity_records,
    qname_local,
    to_prov,
    write_jsonl,
    write_prov_json,
)
from sistercity_provenance.provenance import (
    Claim,
    Corpus,
    CorpusMention,
    Derivation,
    Document,
    Relation,
    Span,
    load_corpus,
)
from sistercity_provenance.provenance._claims import ClaimAssessment, assess_claims
from sistercity_provenance.resolve import Entity, MergeDecision, Resolution, Resolver

SMALL = Path(__file__).parent / "corpus" / "sister_cities_small"
HOSTILE = ['a b"c', "<script>alert('x')</script>", "x:y/z#q?", "末尾.", "~%20", "", "\n\t"]
LOCAL = re.compile(r"^[A-Za-z0-9_%-]+$")


def scp(local: str) -> Any:
    return ProvDocument().add_namespace("scp", SCP_NAMESPACE)[local]


Exported = tuple[Corpus, Resolution, list[ClaimAssessment]]


@pytest.fixture(scope="module")
def small() -> Exported:
    corpus = load_corpus(SMALL)
    resolution = Resolver().resolve(m.to_mention() for m in corpus.mentions)
    return corpus, resolution, assess_claims(corpus.claims, corpus.documents, resolution.entity_of)


def _roundtrip(doc: ProvDocument, path: Path) -> ProvDocument:
    write_prov_json(path, doc)
    return ProvDocument.deserialize(path, format="json")


def _derivations(doc: ProvDocument) -> list[ProvDerivation]:
    return [r for r in doc.get_records(ProvDerivation) if isinstance(r, ProvDerivation)]


def _value(record: Any, name: str) -> Any:
    (value,) = record.get_attribute(scp(name))
    return value


# --- PROV -------------------------------------------------------------------------------------


def test_prov_json_reads_back_equal(small: Exported, tmp_path: Path) -> None:
    corpus, resolution, assessments = small
    doc = to_prov(corpus, assessments, resolution)
    back = _roundtrip(doc, tmp_path / "prov.json")
    assert back == doc
    assert [p.name for p in tmp_path.iterdir()] == ["prov.json"]


def test_derivations_carry_subtype_relation_and_reported(small: Exported, tmp_path: Path) -> None:
    corpus, resolution, assessments = small
    back = _roundtrip(to_prov(corpus, assessments, resolution), tmp_path / "prov.json")
    between_documents = {
        (str(d.args[0]), str(d.args[1])): d
        for d in _derivations(back)
        if d.get_attribute(scp("relation"))
    }
    expected = [d for doc in corpus.documents for d in doc.derived_from]
    assert len(between_documents) == len(expected) > 0
    for d in expected:
        record = between_documents[
            (f"scp:{qname_local('doc', d.document)}", f"scp:{qname_local('doc', d.source)}")
        ]
        assert _value(record, "relation") == d.relation.value
        assert _value(record, "reported") is d.reported
        types = record.get_attribute(PROV_TYPE)
        if d.relation is Relation.QUOTES:
            assert types == {PROV["Quotation"]}


def test_claim_spans_survive_as_attributes(small: Exported, tmp_path: Path) -> None:
    corpus, resolution, assessments = small
    back = _roundtrip(to_prov(corpus, assessments, resolution), tmp_path / "prov.json")
    by_claim: dict[str, list[ProvDerivation]] = {}
    for d in _derivations(back):
        by_claim.setdefault(str(d.args[0]), []).append(d)
    for a in assessments:
        records = by_claim[f"scp:{qname_local('claim', a.claim.id)}"]
        got = {
            (
                str(r.args[1]),
                *(_value(r, k) for k in ("start", "end", "quote", "prefix", "suffix", "sha256")),
            )
            for r in records
        }
        want = {
            (
                f"scp:{qname_local('doc', s.document)}",
                *(s.start, s.end, s.quote, s.prefix, s.suffix, s.document_sha256),
            )
            for s in a.claim.evidence
        }
        assert got == want
        (claim,) = [
            e
            for e in back.get_records(ProvEntity)
            if str(e.identifier) == f"scp:{qname_local('claim', a.claim.id)}"
        ]
        assert _value(claim, "grade") == a.grade
        assert _value(claim, "corroboration") == a.corroboration
        assert _value(claim, "predicate") == a.claim.predicate


def test_resolution_is_an_activity_generating_the_entities(small: Exported) -> None:
    corpus, resolution, assessments = small
    provn = to_prov(corpus, assessments, resolution).get_provn()
    assert "activity(scp:resolution" in provn
    for e in resolution.entities:
        assert f"wasGeneratedBy(scp:{qname_local('entity', e.id)}, scp:resolution" in provn
    for m in corpus.mentions:
        assert f"used(scp:resolution, scp:{qname_local('mention', m.id)}" in provn


def test_qname_local_is_valid_and_one_to_one() -> None:
    locals_ = [qname_local("doc", i) for i in HOSTILE]
    assert len(set(locals_)) == len(HOSTILE)
    assert all(LOCAL.match(x) for x in locals_)
    assert qname_local("doc", "a.b") != qname_local("doc", "a%2Eb")


# --- hostile ids and random graphs ------------------------------------------------------------


def _span(doc: str, text: str) -> Span:
    return Span(doc, 0, len(text), text, text[:3], text[-3:], "0" * 64)


def _export(
    docs: list[Document], claims: list[Claim], mentions: list[CorpusMention]
) -> tuple[ProvDocument, Resolution]:
    entities = tuple(
        Entity(id=f"E {m.id}", kind=m.kind, name=m.text, aliases=(m.text,), mentions=(m.id,))
        for m in mentions
    )
    resolution = Resolution(
        entities=entities,
        entity_of={m.id: f"E {m.id}" for m in mentions},
        decisions=(),
        stats={},
    )
    corpus = Corpus(Path(), tuple(docs), tuple(mentions), tuple(claims))
    assessments = assess_claims(claims, docs, resolution.entity_of)
    return to_prov(corpus, assessments, resolution), resolution


def _ids(doc: ProvDocument) -> set[str]:
    return {str(v) for r in doc.get_records() for (k, v) in r.attributes if k == scp("id")}


def test_hostile_ids_round_trip(tmp_path: Path) -> None:
    docs = [
        Document.from_text(
            i, f"text of {i}", title=i, derived_from=(Derivation(i, HOSTILE[0], "leaked_from"),)
        )
        for i in HOSTILE[1:]
    ]
    docs.append(Document.from_text(HOSTILE[0], "origin", reliability="a"))
    mentions = [
        CorpusMention(id=f"m {i}", document=i, text=i, kind=NameKind.PERSON, span=_span(i, i))
        for i in HOSTILE
    ]
    claims = [
        Claim(f"c {i}", f"m {i}", "said", i, False, (_span(i, f"<q>{i}</q>"),)) for i in HOSTILE
    ]
    doc, _ = _export(docs, claims, mentions)
    back = _roundtrip(doc, tmp_path / "hostile.json")
    assert back == doc
    assert set(HOSTILE) | {f"c {i}" for i in HOSTILE} | {f"m {i}" for i in HOSTILE} <= _ids(back)
    for record in back.get_records():
        if record.identifier is not None and str(record.identifier).startswith("scp:"):
            assert LOCAL.match(record.identifier.localpart)
    primary = [d for d in _derivations(back) if PROV["PrimarySource"] in d.get_attribute(PROV_TYPE)]
    assert len(primary) == len(HOSTILE) - 1


ids = st.text(max_size=8)
values = st.text(max_size=12)


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Document], list[Claim], list[CorpusMention]]:
    doc_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    docs = []
    for i in doc_ids:
        sources = draw(st.lists(st.sampled_from(doc_ids), max_size=2, unique=True))
        derived = tuple(
            Derivation(i, s, draw(st.sampled_from(list(Relation))), draw(st.booleans()))
            for s in sources
        )
        docs.append(
            Document.from_text(
                i,
                draw(values),
                title=draw(values),
                date=draw(values),
                reliability=draw(st.none() | st.sampled_from("ABCDEF")),
                derived_from=derived,
            )
        )
    mentions = [
        CorpusMention(
            id=m,
            document=draw(st.sampled_from(doc_ids)),
            text=draw(values),
            kind=draw(st.sampled_from(list(NameKind))),
            span=_span(draw(st.sampled_from(doc_ids)), draw(values)),
        )
        for m in draw(st.lists(ids, max_size=3, unique=True))
    ]
    mention_ids = [m.id for m in mentions] or ["nobody"]
    claims = [
        Claim(
            c,
            draw(st.sampled_from(mention_ids)),
            draw(values),
            draw(values),
            False,
            tuple(
                _span(d, draw(values))
                for d in draw(st.lists(st.sampled_from(doc_ids), min_size=1, max_size=2))
            ),
            credibility=draw(st.none() | st.integers(1, 6)),
            scope=draw(values),
        )
        for c in draw(st.lists(ids, max_size=3, unique=True))
    ]
    return docs, claims, mentions


@given(graphs())
def test_random_graphs_round_trip_through_prov_json(
    graph: tuple[list[Document], list[Claim], list[CorpusMention]],
) -> None:
    doc, _ = _export(*graph)
    text = doc.serialize(format="json")
    assert text is not None
    back = ProvDocument.deserialize(content=text, format="json")
    assert back == doc
    docs, claims, mentions = graph
    assert {d.id for d in docs} | {c.id for c in claims} | {m.id for m in mentions} <= _ids(back)
    n_derivations = sum(len(d.derived_from) for d in docs)
    n_derivations += sum(len(c.evidence) for c in claims) + 2 * len(mentions)
    assert len(_derivations(back)) == n_derivations


# --- JSON Lines -------------------------------------------------------------------------------


def _lines(path: Path) -> list[dict[str, Any]]:
    raw = path.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    out = [json.loads(line) for line in raw.splitlines()]
    assert all(isinstance(o, dict) for o in out)
    return out


def test_entities_jsonl_contract(small: Exported, tmp_path: Path) -> None:
    corpus, resolution, _ = small
    path = tmp_path / "entities.jsonl"
    write_jsonl(path, entity_records(resolution))
    records = _lines(path)
    assert len(records) == len(resolution.entities)
    keys = {"id", "kind", "name", "aliases", "mentions", "decisions"}
    decision_keys = {"a", "b", "merged", "probability", "decided_by", "reason"}
    for r in records:
        assert set(r) == keys
        assert r["kind"] in {k.value for k in NameKind}
        assert all(isinstance(x, str) for x in (*r["aliases"], *r["mentions"]))
        for d in r["decisions"]:
            assert set(d) == decision_keys
            assert d["a"] in r["mentions"] or d["b"] in r["mentions"]
    assert sorted(m for r in records for m in r["mentions"]) == sorted(
        m.id for m in corpus.mentions
    )
    merged = [d for d in resolution.decisions if d.merged]
    assert merged, "the small corpus has a merge"
    for d in merged:
        assert any(
            {"a": d.a, "b": d.b, "merged": True} | {"probability": d.probability}
            == {k: v for k, v in x.items() if k in {"a", "b", "merged", "probability"}}
            for r in records
            for x in r["decisions"]
        )


def test_entity_records_pick_decisions_touching_their_mentions() -> None:
    e1 = Entity("E1", NameKind.PERSON, "A", ("A",), ("m1", "m2"))
    e2 = Entity("E2", NameKind.PLACE, "B", ("B",), ("m3",))
    d = MergeDecision("m1", "m3", False, 0.1, (), "person", "fs", 'no "way"')
    resolution = Resolution((e1, e2), {"m1": "E1", "m2": "E1", "m3": "E2"}, (d,), {})
    first, second = entity_records(resolution)
    expected = {"a": "m1", "b": "m3", "merged": False, "probability": 0.1}
    expected |= {"decided_by": "person", "reason": 'no "way"'}
    assert first["decisions"] == second["decisions"] == [expected]


def test_claims_jsonl_contract(small: Exported, tmp_path: Path) -> None:
    _, _, assessments = small
    path = tmp_path / "claims.jsonl"
    write_jsonl(path, claim_records(assessments))
    records = _lines(path)
    assert records == [json.loads(json.dumps(a.to_json())) for a in assessments]
    for r in records:
        assert {"id", "subject", "predicate", "object", "evidence", "chain", "grade"} <= set(r)


def test_jsonl_is_utf8_not_escaped(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    write_jsonl(path, [{"name": "芝加哥", "b": 1, "a": "<script>"}])
    assert path.read_text(encoding="utf-8") == '{"a": "<script>", "b": 1, "name": "芝加哥"}\n'


def test_failed_write_leaves_previous_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "entities.jsonl"
    write_jsonl(path, [{"id": "old"}])
    before = path.read_bytes()

    def failing() -> Iterator[dict[str, Any]]:
        yield {"id": "new"}
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_jsonl(path, failing())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["entities.jsonl"]


def test_unencodable_record_leaves_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    write_jsonl(path, [{"id": "old"}])
    with pytest.raises(TypeError):
        write_jsonl(path, [{"id": "new"}, {"id": object()}])
    assert _lines(path) == [{"id": "old"}]
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]
