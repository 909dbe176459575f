"""The main job: a corpus directory in, resolved entities and sourced claims out."""

from __future__ import annotations

from pathlib import Path

import attrs

from sistercity_provenance.export import (
    claim_records,
    entity_records,
    to_prov,
    write_jsonl,
    write_prov_json,
)
from sistercity_provenance.provenance import load_corpus
from sistercity_provenance.provenance._claims import assess_claims
from sistercity_provenance.resolve import JudgementStore, Resolver
from sistercity_provenance.store import Store, verify

__all__ = ["RunSummary", "run"]


@attrs.frozen
class RunSummary:
    """What a run produced."""

    documents: int
    mentions: int
    entities: int
    claims: int
    conflicts: int
    problems: tuple[str, ...]  # verify's findings (orphaned or moved spans, changed texts)
    outputs: tuple[str, ...]


def run(corpus_dir: str | Path, out_dir: str | Path) -> RunSummary:
    """Load a corpus, add it to the store in ``out_dir``, resolve, assess and export.

    The corpus is read and checked completely before anything is written; the store changes
    in transactions and every output file is written under a temporary name and renamed.
    Running again with more documents adds them to the existing store and resolves all the
    mentions it holds; judgements kept in the store are applied.
    """
    corpus = load_corpus(corpus_dir)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store_path = out / "store.sqlite"
    with Store.open(store_path) as store:
        store.add_corpus(corpus)
        documents, mentions, claims = store.documents(), store.mentions(), store.claims()
        judgements = JudgementStore(store_path)
        try:
            resolver = Resolver(judgements=judgements)
            resolution = resolver.resolve([m.to_mention() for m in mentions])
        finally:
            judgements.close()
        store.replace_resolution(resolution.entities, resolution.decisions)
        problems = tuple(f"{p.kind}: {p.where}: {p.detail}" for p in verify(store))
    assessments = assess_claims(claims, documents, resolution.entity_of, resolution.decisions)
    write_jsonl(out / "entities.jsonl", entity_records(resolution))
    write_jsonl(out / "claims.jsonl", claim_records(assessments))
    stored = attrs.evolve(corpus, documents=documents, mentions=mentions, claims=claims)
    write_prov_json(out / "provenance.json", to_prov(stored, assessments, resolution))
    return RunSummary(
        documents=len(documents),
        mentions=len(mentions),
        entities=len(resolution.entities),
        claims=len(claims),
        conflicts=sum(1 for a in assessments if a.conflicts),
        problems=problems,
        outputs=("entities.jsonl", "claims.jsonl", "provenance.json", "store.sqlite"),
    )
