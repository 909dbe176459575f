"""The main job: a corpus directory in, resolved entities and sourced claims out."""

from __future__ import annotations

from collections.abc import Callable
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
from sistercity_provenance.report import render_report, write_report
from sistercity_provenance.resolve import JudgementStore, Resolver
from sistercity_provenance.store import Store, verify

__all__ = ["OUTPUTS", "STAGES", "RunSummary", "run"]

#: The files a run writes in its output directory.
OUTPUTS = ("entities.jsonl", "claims.jsonl", "provenance.json", "store.sqlite", "report.html")

#: The stages of a run, in order, as reported to a ``progress`` callback.
STAGES = (
    "load corpus",
    "store",
    "resolve",
    "verify",
    "assess claims",
    "build records",
    "build PROV-JSON",
    "build report",
)


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


def run(
    corpus_dir: str | Path,
    out_dir: str | Path,
    progress: Callable[[str], None] | None = None,
) -> RunSummary:
    """Load a corpus, add it to the store in ``out_dir``, resolve, assess and export.

    The corpus is read and checked completely before anything is written; the store changes
    in transactions and every output file is written under a temporary name and renamed.
    Running again with more documents adds them to the existing store and resolves all the
    mentions it holds; judgements kept in the store are applied.

    ``progress`` is called with the name of each stage (see :data:`STAGES`) as it starts.
    """
    step = progress or (lambda _stage: None)
    step(STAGES[0])
    corpus = load_corpus(corpus_dir)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store_path = out / "store.sqlite"
    with Store.open(store_path) as store:
        step(STAGES[1])
        store.add_corpus(corpus)
        documents, mentions, claims = store.documents(), store.mentions(), store.claims()
        step(STAGES[2])
        judgements = JudgementStore(store_path)
        try:
            resolver = Resolver(judgements=judgements)
            resolution = resolver.resolve([m.to_mention() for m in mentions])
        finally:
            judgements.close()
        store.replace_resolution(resolution.entities, resolution.decisions)
        step(STAGES[3])
        problems = tuple(f"{p.kind}: {p.where}: {p.detail}" for p in verify(store))
    step(STAGES[4])
    assessments = assess_claims(claims, documents, resolution.entity_of, resolution.decisions)
    # Everything is built before the first output file is written, so a failure here leaves
    # the previous outputs as they were.
    step(STAGES[5])
    entity_rows, claim_rows = entity_records(resolution), claim_records(assessments)
    step(STAGES[6])
    stored = attrs.evolve(corpus, documents=documents, mentions=mentions, claims=claims)
    prov_document = to_prov(stored, assessments, resolution)
    step(STAGES[7])
    html = render_report(documents, mentions, resolution, assessments, problems=problems)
    write_jsonl(out / "entities.jsonl", entity_rows)
    write_jsonl(out / "claims.jsonl", claim_rows)
    write_prov_json(out / "provenance.json", prov_document)
    write_report(out / "report.html", html)
    return RunSummary(
        documents=len(documents),
        mentions=len(mentions),
        entities=len(resolution.entities),
        claims=len(claims),
        conflicts=sum(1 for a in assessments if a.conflicts),
        problems=problems,
        outputs=OUTPUTS,
    )
