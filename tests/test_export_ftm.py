"""FtM statements: they load with followthemoney and keep the span each value comes from."""

from __future__ import annotations

import json
from pathlib import Path

from followthemoney import model
from followthemoney.statement import Statement

from sistercity_provenance.export import ftm_statements, span_reference, write_ftm_statements
from sistercity_provenance.provenance import load_corpus
from sistercity_provenance.provenance._claims import assess_claims
from sistercity_provenance.resolve import Resolver

CORPUS = Path(__file__).parent / "corpus" / "sister_cities_small"


def _statements() -> tuple[list[Statement], object]:
    corpus = load_corpus(CORPUS)
    resolution = Resolver().resolve([m.to_mention() for m in corpus.mentions])
    assessments = assess_claims(corpus.claims, corpus.documents, resolution.entity_of)
    return ftm_statements(corpus, resolution, assessments), corpus


def test_every_mention_is_a_statement_that_points_at_its_words() -> None:
    statements, corpus = _statements()
    origins = {s.origin for s in statements}
    for mention in corpus.mentions:  # type: ignore[attr-defined]
        assert span_reference(mention.span) in origins
    for s in statements:
        document, offsets = s.origin.rsplit(":", 1)
        start, end = (int(x) for x in offsets.split("-"))
        text = next(d.text for d in corpus.documents if d.id == document)  # type: ignore[attr-defined]
        if s.prop in ("name", "full"):
            assert text[start:end] == s.value


def test_statements_build_valid_entities_and_round_trip(tmp_path: Path) -> None:
    statements, _corpus = _statements()
    by_entity: dict[str, list[Statement]] = {}
    for s in statements:
        by_entity.setdefault(s.entity_id, []).append(s)
    for entity_id, group in by_entity.items():
        proxy = model.make_entity(group[0].schema)
        proxy.id = entity_id
        for s in group:
            proxy.add(s.prop, s.value)
        assert proxy.get(group[0].prop)
    out = tmp_path / "statements.jsonl"
    write_ftm_statements(out, statements)
    read = [Statement.from_dict(json.loads(line)) for line in out.read_text("utf-8").splitlines()]
    assert read == statements
