"""Fuzzing with Hypothesis: the corpus loader, the name engine and the exports.

- ``load_corpus`` on corpus directories built from valid, nearly valid and broken rows,
  arbitrary JSON values and arbitrary bytes either returns a corpus or raises an
  :class:`~sistercity_provenance.InputFormatError` whose message names the file (and the
  line, when a line is at fault); no other exception escapes.
- ``parse`` and ``compare`` on hostile and arbitrary text either give a result or raise
  :class:`~sistercity_provenance.EmptyNameError`.
- A run on a corpus that loads writes exports that read back: every JSON Lines record
  parses and matches the store, PROV-JSON deserializes with ``prov``, and hostile strings
  (markup, SQL, bidirectional overrides, combining marks, emoji) come out unchanged, and
  never as live markup in the report.

Runs cost tens of milliseconds each, so the export tests take a fifth of the profile's
examples (see ``tests/conftest.py``).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from prov.model import ProvDocument, ProvRecord
from tests.strategies import (
    HOSTILE_NAMES,
    HOSTILE_STRINGS,
    LONE_SURROGATES,
    corpus_files,
    corpus_rows,
    hostile_names,
    hostile_strings,
    kinds,
)

from sistercity_provenance import (
    THRESHOLD,
    EmptyNameError,
    InputFormatError,
    NameKind,
    SisterCityError,
    compare,
    parse,
)
from sistercity_provenance.export import SCP_NAMESPACE
from sistercity_provenance.pipeline import run
from sistercity_provenance.provenance import Corpus, load_corpus, text_layer
from sistercity_provenance.store import Store

#: Export tests run the whole pipeline: a fifth of the profile's examples, at least ten.
RUN_EXAMPLES = max(10, (settings.default or settings()).max_examples // 5)
run_settings = settings(
    max_examples=RUN_EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CORPUS_FILES = ("documents.jsonl", "mentions.jsonl", "claims.jsonl")


@contextmanager
def corpus_dir(files: dict[str, bytes]) -> Iterator[Path]:
    """A temporary corpus directory holding ``files`` (relative path: bytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        for name, data in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        root.mkdir(exist_ok=True)
        yield root


def _lines(root: Path, name: str) -> int:
    """How many lines ``name`` has, as the loader numbers them (LF ends a line)."""
    data = (root / name).read_bytes()
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


# --- the corpus loader ----------------------------------------------------------------------


def check_error(root: Path, exc: SisterCityError, *, lenient: bool) -> None:
    """A loading error is an InputFormatError naming a corpus file, and its line if any."""
    assert isinstance(exc, InputFormatError), f"{type(exc).__name__}: {exc}"
    message = str(exc)
    assert exc.file in message
    assert Path(exc.file).parent == root or Path(exc.file) == root
    if exc.line is None:  # a problem with a whole file
        return
    assert not lenient, f"lenient loading raised on a line: {exc}"
    assert Path(exc.file).name in CORPUS_FILES
    assert f"{exc.file}:{exc.line}" in message
    assert 1 <= exc.line <= _lines(root, Path(exc.file).name)


def check_corpus(root: Path, corpus: Corpus, *, lenient: bool) -> None:
    """What a loaded corpus promises: unique ids, spans that quote their documents, hashes
    that match, references that resolve; skipped rows (lenient only) name file and line."""
    documents = {d.id: d for d in corpus.documents}
    assert len(documents) == len(corpus.documents)
    for document in corpus.documents:
        assert document.hash_matches()
        assert document.text == text_layer(document.text)
        for derivation in document.derived_from:
            assert derivation.source in documents
    mention_ids = {m.id for m in corpus.mentions}
    assert len(mention_ids) == len(corpus.mentions)
    spans = [m.span for m in corpus.mentions]
    for mention in corpus.mentions:
        assert mention.text == mention.span.quote
    for claim in corpus.claims:
        assert claim.subject in mention_ids
        assert claim.evidence
        spans.extend(claim.evidence)
    for span in spans:
        assert documents[span.document].text[span.start : span.end] == span.quote
        assert span.document_sha256 == documents[span.document].sha256
    if not lenient:
        assert corpus.skipped == ()
    for row in corpus.skipped:
        assert Path(row.file).parent == root and Path(row.file).name in CORPUS_FILES
        assert 1 <= row.line <= _lines(root, Path(row.file).name)
        assert f"{row.file}:{row.line}" in row.message()


@given(files=corpus_files(), lenient=st.booleans(), check_names=st.booleans())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_load_corpus_returns_a_corpus_or_raises_a_documented_error(
    files: dict[str, bytes], lenient: bool, check_names: bool
) -> None:
    with corpus_dir(files) as root:
        try:
            corpus = load_corpus(root, lenient=lenient, check_names=check_names)
        except SisterCityError as exc:
            check_error(root, exc, lenient=lenient)
            return
        check_corpus(root, corpus, lenient=lenient)


@given(files=corpus_files(broken=False))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_a_corpus_of_valid_rows_loads_whole(files: dict[str, bytes]) -> None:
    with corpus_dir(files) as root:
        try:
            corpus = load_corpus(root)
        except InputFormatError as exc:
            # Hostile text can make a valid-looking row unloadable: a name that is not in
            # the text once both are normalised, or a lone surrogate. It must say where.
            check_error(root, exc, lenient=False)
            return
        check_corpus(root, corpus, lenient=False)
        rows = (root / "documents.jsonl").read_bytes().split(b"\n")
        assert len(corpus.documents) == sum(1 for line in rows if line.strip())


#: Where a lone surrogate is put in the corpus of the test below.
SURROGATE_PLACES = ["document text", "document id", "title", "mention attribute", "predicate"]


def _surrogate_corpus(place: str, surrogate: str) -> dict[str, bytes]:
    """A small corpus, written with ASCII escapes, with ``surrogate`` at ``place``."""
    doc_id = f"d{surrogate}" if place == "document id" else "d"
    document = {"id": doc_id, "title": "", "kind": "", "language": "", "date": ""}
    document["text"] = "Rong Lei met Wang Wei" + (surrogate if place == "document text" else "")
    if place == "title":
        document["title"] = surrogate
    mention: dict[str, Any] = {"id": "m", "document": doc_id, "text": "Rong Lei"}
    mention["kind"] = "person"
    if place == "mention attribute":
        mention["attributes"] = {"role": surrogate}
    claim: dict[str, Any] = {"id": "c", "subject": "m", "predicate": "met", "object": "Wang Wei"}
    claim["evidence"] = [{"document": doc_id, "quote": "met"}]
    if place == "predicate":
        claim["predicate"] = surrogate
    rows = {"documents.jsonl": document, "mentions.jsonl": mention, "claims.jsonl": claim}
    return {name: json.dumps(row).encode("ascii") + b"\n" for name, row in rows.items()}


@pytest.mark.parametrize("lenient", [False, True])
@pytest.mark.parametrize("place", SURROGATE_PLACES)
def test_a_lone_surrogate_in_a_row_is_an_input_error(place: str, lenient: bool) -> None:
    with corpus_dir(_surrogate_corpus(place, LONE_SURROGATES[0])) as root:
        try:
            summary = run(root, root.parent / "out", lenient=lenient)
        except SisterCityError as exc:
            check_error(root, exc, lenient=lenient)
            return
        assert lenient and summary.skipped >= 1  # strict loading must refuse it


# --- the name engine ------------------------------------------------------------------------

any_text = st.one_of(hostile_strings, st.text(), st.sampled_from(HOSTILE_STRINGS))


@given(text=any_text, kind=kinds)
def test_parse_gives_a_name_or_empty_name_error(text: str, kind: str) -> None:
    try:
        parsed = parse(text, kind)
    except EmptyNameError as exc:
        assert exc.name == text
        return
    assert parsed.original == text
    assert parsed.kind is NameKind(kind)
    assert all(isinstance(key.value, str) for key in parsed.keys)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("\ud800北京", "person"), ("Wang \ud800", "organization"), ("\ud800", "place")],
)
def test_a_lone_surrogate_is_a_name_or_empty_name_error(text: str, kind: str) -> None:
    try:
        parse(text, kind)
        compare(text, "Rong Lei", kind)
    except EmptyNameError:
        pass


@given(a=any_text, b=any_text, kind=kinds)
@example(a="<script>alert('x')</script>", b="'); DROP TABLE entities; --", kind="person")
@example(a="Rong \u202eieL", b="Rong Lei", kind="person")
def test_compare_gives_a_comparison_or_empty_name_error(a: str, b: str, kind: str) -> None:
    try:
        result = compare(a, b, kind)
    except EmptyNameError as exc:
        assert exc.name in (a, b)
        return
    assert 0.0 <= result.score <= 1.0
    assert result.same == (result.score >= THRESHOLD)
    assert result.steps and all(isinstance(step, str) for step in result.steps)
    assert compare(b, a, kind).score == result.score  # symmetric


# --- the exports ----------------------------------------------------------------------------


def _jsonl(path: Path) -> list[dict[str, Any]]:
    """A JSON Lines file's records; lines end with LF only (U+2028 and the like are data)."""
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n")
    records = [json.loads(line) for line in text.split("\n")[:-1]]
    assert all(isinstance(r, dict) for r in records)
    return records


def _scp(record: ProvRecord, name: str) -> list[Any]:
    return [v for k, v in record.attributes if k.uri == f"{SCP_NAMESPACE}{name}"]


def check_exports(out: Path) -> None:
    """The exports of a run read back and agree with the store, strings unchanged."""
    with Store.open(out / "store.sqlite") as store:
        documents, mentions, claims = store.documents(), store.mentions(), store.claims()
        entities = store.entities()
    mention_text = {m.id: m.text for m in mentions}

    entity_records = _jsonl(out / "entities.jsonl")
    assert [r["id"] for r in entity_records] == [e.id for e in entities]
    for record, entity in zip(entity_records, entities, strict=True):
        assert record["name"] == entity.name and record["kind"] == entity.kind.value
        assert record["aliases"] == list(entity.aliases)
        assert record["mentions"] == list(entity.mentions)
        names = {mention_text[m] for m in entity.mentions}
        assert entity.name in names and set(entity.aliases) <= names

    claim_records = _jsonl(out / "claims.jsonl")
    assert sorted(r["id"] for r in claim_records) == sorted(c.id for c in claims)
    entity_ids = {e.id for e in entities}
    by_id = {c.id: c for c in claims}
    for record in claim_records:
        claim = by_id[record["id"]]
        assert record["subject"] in entity_ids
        assert record["predicate"] == claim.predicate
        quotes = [(e["document"], e["start"], e["end"], e["quote"]) for e in record["evidence"]]
        assert quotes == [(s.document, s.start, s.end, s.quote) for s in claim.evidence]

    prov = ProvDocument.deserialize(str(out / "provenance.json"), format="json")
    ids: set[str] = set()
    texts: set[str] = set()
    for prov_record in prov.get_records():
        ids.update(str(v) for v in _scp(prov_record, "id"))
        texts.update(str(v) for v in _scp(prov_record, "text"))
    assert {d.id for d in documents} | set(mention_text) | set(by_id) | entity_ids <= ids
    assert set(mention_text.values()) <= texts

    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    assert "<script>alert(" not in html  # hostile markup is escaped, never live


@run_settings
@given(data=corpus_rows())
def test_a_run_writes_exports_that_read_back(data: Any) -> None:
    rows, texts = data
    files = dict(texts)
    for name, file_rows in rows.items():
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in file_rows)
        files[name] = "".join(lines).encode("utf-8", "surrogatepass")
    with corpus_dir(files) as root:
        out = root.parent / "out"
        try:
            summary = run(root, out, lenient=True)
        except InputFormatError as exc:  # a whole-file problem: the texts' encoding
            check_error(root, exc, lenient=True)
            return
        assert summary.documents == len(load_corpus(root, lenient=True).documents)
        check_exports(out)


def _hostile_corpus(root: Path) -> None:
    """One document per hostile name, each name a mention; a claim with a hostile object."""
    documents, mentions = [], []
    for i, name in enumerate(HOSTILE_NAMES):
        documents.append(
            {"id": name, "title": name, "kind": "", "language": "", "date": "", "issuer": name}
            | {"text": f"Name {i}: {name}."}
        )
        mentions.append({"id": f"{name}#{i}", "document": name, "text": name, "kind": "person"})
    claims = [
        {
            "id": HOSTILE_NAMES[0],
            "subject": mentions[1]["id"],
            "predicate": HOSTILE_NAMES[2],
            "object": HOSTILE_NAMES[3],
            "evidence": [{"document": HOSTILE_NAMES[1], "quote": HOSTILE_NAMES[1]}],
            "scope": HOSTILE_NAMES[4],
        }
    ]
    root.mkdir()
    for name, rows in (
        ("documents.jsonl", documents),
        ("mentions.jsonl", mentions),
        ("claims.jsonl", claims),
    ):
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        (root / name).write_text(text, encoding="utf-8")


def test_hostile_strings_come_out_unchanged(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _hostile_corpus(corpus)
    summary = run(corpus, out)
    assert summary.skipped == 0 and summary.problems == ()
    assert summary.documents == summary.mentions == len(HOSTILE_NAMES)
    check_exports(out)
    expected = {text_layer(name) for name in HOSTILE_NAMES}
    with Store.open(out / "store.sqlite") as store:
        assert {m.text for m in store.mentions()} == expected
        assert {d.id for d in store.documents()} == set(HOSTILE_NAMES)
        (claim,) = store.claims()
        assert (claim.id, claim.predicate, claim.object) == (
            HOSTILE_NAMES[0],
            HOSTILE_NAMES[2],
            HOSTILE_NAMES[3],
        )
        assert store.counts()["entities"] > 0  # the DROP TABLE names did not drop anything
    names: set[str] = set()
    for record in _jsonl(out / "entities.jsonl"):
        names.update([record["name"], *record["aliases"]])
    assert names == expected
    (claim_record,) = _jsonl(out / "claims.jsonl")
    assert claim_record["predicate"] == HOSTILE_NAMES[2]
    assert claim_record["object"] == HOSTILE_NAMES[3]


@given(name=hostile_names, kind=kinds)
@settings(max_examples=RUN_EXAMPLES)
def test_hostile_names_are_readable_names(name: str, kind: str) -> None:
    parsed = parse(name, kind)  # every hostile name has a letter: never empty
    assert parsed.original == name
