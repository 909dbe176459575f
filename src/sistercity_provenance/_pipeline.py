"""The main job: a corpus directory in, resolved entities and sourced claims out."""

from __future__ import annotations

import glob
import json
from collections.abc import Callable
from pathlib import Path

import attrs

from sistercity_provenance._io import atomic_write_lines, temporary_prefix
from sistercity_provenance.export import (
    claim_records,
    entity_records,
    jsonl_lines,
    prov_json,
    to_prov,
)
from sistercity_provenance.provenance import SkippedRow, load_corpus
from sistercity_provenance.provenance._claims import assess_claims
from sistercity_provenance.report import render_report, write_report
from sistercity_provenance.resolve import JudgementStore, Resolver
from sistercity_provenance.store import Store, verify

__all__ = ["OUTPUTS", "SKIPPED", "STAGES", "RunSummary", "run"]

#: The files a run writes in its output directory.
OUTPUTS = ("entities.jsonl", "claims.jsonl", "provenance.json", "store.sqlite", "report.html")

#: The file a lenient run lists its skipped rows in (one JSON object a row), beside OUTPUTS.
SKIPPED = "skipped.jsonl"

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
    skipped: int = 0  # rows of the corpus a lenient run left out (listed in skipped.jsonl)
    skipped_rows: tuple[SkippedRow, ...] = attrs.field(default=(), repr=False)


def _remove_leftovers(out: Path) -> None:
    """Remove the temporary files that a run killed while writing its outputs left."""
    for name in (*OUTPUTS, SKIPPED):
        if name == "store.sqlite":
            continue  # SQLite keeps its own journal
        for leftover in out.glob(f"{glob.escape(temporary_prefix(name))}*"):
            if leftover.is_file():
                leftover.unlink(missing_ok=True)


def run(
    corpus_dir: str | Path,
    out_dir: str | Path,
    progress: Callable[[str], None] | None = None,
    *,
    lenient: bool = False,
    load_progress: Callable[[str, int], None] | None = None,
    pair_progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> RunSummary:
    """Load a corpus, add it to the store in ``out_dir``, resolve, assess and export.

    The corpus is read and checked completely before anything is written; the store changes
    in transactions and every output file is written under a temporary name and renamed.
    Running again with more documents adds them to the existing store and resolves all the
    mentions it holds; judgements kept in the store are applied.

    ``progress`` is called with the name of each stage (see :data:`STAGES`) as it starts;
    ``load_progress`` with a corpus file's name and its rows read so far, while loading;
    ``pair_progress`` with the distinct name pairs of the candidate pairs compared so far
    and their number, while resolving. ``workers`` is passed to the :class:`Resolver`.

    With ``lenient``, bad rows of the corpus (and rows that depend on them) are skipped
    instead of stopping the run (see :func:`~sistercity_provenance.provenance.load_corpus`),
    and every one is listed in ``skipped.jsonl`` in ``out_dir`` (written, empty if nothing
    was skipped, before the store is changed) and in the summary. A strict run removes a
    ``skipped.jsonl`` left by an earlier lenient run, since it would describe another input.
    Mentions whose name has no letter or digit are refused (strict) or skipped (lenient) at
    loading, as the name engine cannot compare them.
    """
    step = progress or (lambda _stage: None)
    step(STAGES[0])
    corpus = load_corpus(corpus_dir, lenient=lenient, check_names=True, progress=load_progress)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if lenient:
        atomic_write_lines(
            out / SKIPPED, (json.dumps(row.to_json(), ensure_ascii=False) for row in corpus.skipped)
        )
    else:
        (out / SKIPPED).unlink(missing_ok=True)
    store_path = out / "store.sqlite"
    with Store.open(store_path) as store:
        step(STAGES[1])
        store.add_corpus(corpus)
        documents, mentions, claims = store.documents(), store.mentions(), store.claims()
        step(STAGES[2])
        judgements = JudgementStore(store_path)
        try:
            resolver = Resolver(judgements=judgements, progress=pair_progress, workers=workers)
            previous = {m: e.id for e in store.entities() for m in e.mentions}
            resolution = resolver.resolve([m.to_mention() for m in mentions], previous)
        finally:
            judgements.close()
        store.replace_resolution(resolution.entities, resolution.decisions)
        step(STAGES[3])
        problems = tuple(str(p) for p in verify(store))
    step(STAGES[4])
    assessments = assess_claims(claims, documents, resolution.entity_of, resolution.decisions)
    # Everything is built before the first output file is written, so a failure here leaves
    # the previous outputs as they were.
    step(STAGES[5])
    entity_lines = jsonl_lines(entity_records(resolution))
    claim_lines = jsonl_lines(claim_records(assessments))
    step(STAGES[6])
    stored = attrs.evolve(corpus, documents=documents, mentions=mentions, claims=claims)
    prov_text = prov_json(to_prov(stored, assessments, resolution))
    step(STAGES[7])
    html = render_report(documents, mentions, resolution, assessments, problems=problems)
    _remove_leftovers(out)
    atomic_write_lines(out / "entities.jsonl", entity_lines)
    atomic_write_lines(out / "claims.jsonl", claim_lines)
    atomic_write_lines(out / "provenance.json", [prov_text])
    write_report(out / "report.html", html)
    return RunSummary(
        documents=len(documents),
        mentions=len(mentions),
        entities=len(resolution.entities),
        claims=len(claims),
        conflicts=sum(1 for a in assessments if a.conflicts),
        problems=problems,
        outputs=(*OUTPUTS, SKIPPED) if lenient else OUTPUTS,
        skipped=len(corpus.skipped),
        skipped_rows=corpus.skipped,
    )
