"""The SQLite store: schema versions, loading corpora, resolutions and verification."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from sistercity_provenance import SisterCityError
from sistercity_provenance.names import NameKind
from sistercity_provenance.provenance import Corpus, Document, load_corpus
from sistercity_provenance.resolve import Entity, MergeDecision
from sistercity_provenance.store import (
    SCHEMA_VERSION,
    TABLES,
    DocumentConflictError,
    Store,
    StoreConflictError,
    StoreError,
    StoreVersionError,
    verify,
)

SMALL = Path(__file__).parent / "corpus" / "sister_cities_small"
NASTY = "'); DROP TABLE entities; --"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SMALL)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


@pytest.fixture
def store(path: Path, corpus: Corpus) -> Iterator[Store]:
    s = Store.open(path)
    s.add_corpus(corpus)
    yield s
    s.close()


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _contents(store: Store) -> tuple[object, ...]:
    return (store.counts(), store.documents(), store.mentions(), store.claims(), store.entities())


# --- opening --------------------------------------------------------------------------------


def test_open_creates_wal_store_with_schema_version(path: Path) -> None:
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 1
        assert store.counts() == dict.fromkeys(TABLES, 0)
    assert path.is_file()
    conn = _raw(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
    conn.close()


def test_reopen_keeps_data_and_version(path: Path, corpus: Corpus) -> None:
    with Store.open(path) as store:
        store.add_corpus(corpus)
        before = _contents(store)
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _contents(store) == before


def test_foreign_keys_are_on(store: Store) -> None:
    conn = store._connection()
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_closed_store_refuses_work(path: Path) -> None:
    store = Store.open(path)
    store.close()
    store.close()  # twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_too_new_version_is_refused(path: Path) -> None:
    Store.open(path).close()
    conn = _raw(path)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 41,))
    conn.close()
    with pytest.raises(StoreVersionError) as info:
        Store.open(path)
    err = info.value
    assert isinstance(err, SisterCityError)
    assert (err.path, err.found, err.supported) == (str(path), SCHEMA_VERSION + 41, SCHEMA_VERSION)
    assert str(path) in str(err)
    assert str(SCHEMA_VERSION + 41) in str(err)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all, not even close" * 100)
    with pytest.raises(StoreError, match=r"junk\.sqlite"):
        Store.open(junk)


# --- corpora --------------------------------------------------------------------------------


def test_add_corpus_round_trips(store: Store, corpus: Corpus) -> None:
    assert store.documents() == corpus.documents
    assert store.mentions() == corpus.mentions
    assert store.claims() == corpus.claims
    counts = store.counts()
    assert counts["documents"] == len(corpus.documents) == 4
    assert counts["mentions"] == len(corpus.mentions) == 8
    assert counts["claims"] == len(corpus.claims) == 4
    assert counts["evidence"] == sum(len(c.evidence) for c in corpus.claims)
    assert counts["derivations"] == sum(len(d.derived_from) for d in corpus.documents)
    first = corpus.documents[0]
    assert store.document(first.id) == first
    with pytest.raises(KeyError, match="nope"):
        store.document("nope")


def test_add_corpus_twice_changes_nothing(store: Store, corpus: Corpus) -> None:
    before = _contents(store)
    store.add_corpus(corpus)
    store.add_corpus(load_corpus(SMALL))
    assert _contents(store) == before


def test_conflicting_hash_rolls_back(store: Store, corpus: Corpus) -> None:
    before = _contents(store)
    changed = Document.from_text(corpus.documents[1].id, "another text entirely")
    new = Document.from_text("d-new", "a new document that must not be written")
    bad = Corpus(corpus.root, (new, changed))
    with pytest.raises(DocumentConflictError) as info:
        store.add_corpus(bad)
    message = str(info.value)
    assert corpus.documents[1].id in message
    assert corpus.documents[1].sha256 in message
    assert changed.sha256 in message
    assert _contents(store) == before
    with pytest.raises(KeyError):
        store.document("d-new")


def test_conflicting_metadata_is_refused(store: Store, corpus: Corpus) -> None:
    before = _contents(store)
    retitled = attrs.evolve(corpus.documents[0], title="another title")
    with pytest.raises(StoreConflictError, match="title"):
        store.add_corpus(Corpus(corpus.root, (retitled,)))
    assert _contents(store) == before


def test_second_corpus_adds_new_records(store: Store, corpus: Corpus) -> None:
    before = store.counts()
    extra = Document.from_text("d-extra", "Darwin again.")
    store.add_corpus(Corpus(corpus.root, (*corpus.documents, extra)))
    after = store.counts()
    assert after["documents"] == before["documents"] + 1
    assert store.document("d-extra") == extra


# --- resolutions ----------------------------------------------------------------------------


def test_injection_looking_names_round_trip(store: Store) -> None:
    entity = Entity(
        id=NASTY,
        kind=NameKind.ORGANIZATION,
        name=NASTY,
        aliases=(NASTY, 'Robert"); DROP TABLE mentions;--', "容磊"),
        mentions=("m-aita", NASTY),
    )
    decision = MergeDecision(
        a=NASTY,
        b="m-aita",
        merged=True,
        probability=0.75,
        weights=((NASTY, 1.5), ("jaro", -0.25)),
        decided_by="person",
        model_version="fs-1",
        reason=NASTY,
    )
    store.replace_resolution([entity], [decision])
    assert store.entities() == (entity,)
    assert store.merge_decisions() == (decision,)
    assert set(store.counts()) == set(TABLES)  # every table is still there


def test_replace_resolution_replaces(store: Store) -> None:
    one = Entity("e1", NameKind.PERSON, "Rong Lei", ("容磊",), ("m-rong-article",))
    two = Entity("e2", NameKind.PLACE, "Darwin", (), ("m-darwin",))
    store.replace_resolution([one], [])
    store.replace_resolution([two], [])
    assert store.entities() == (two,)
    assert store.counts()["entity_mentions"] == 1


def test_integrity_check_is_ok(store: Store) -> None:
    conn = store._connection()
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


# --- verification ---------------------------------------------------------------------------


def test_verify_passes_on_fresh_store(store: Store) -> None:
    assert verify(store) == []


def test_changed_byte_is_reported(store: Store, path: Path, corpus: Corpus) -> None:
    target = corpus.documents[1]
    conn = _raw(path)
    text = target.text
    conn.execute(
        "UPDATE documents SET text = ? WHERE id = ?",
        (text[:-1] + ("X" if text[-1] != "X" else "Y"), target.id),
    )
    conn.close()
    problems = verify(store)
    hashes = [p for p in problems if p.kind == "hash-mismatch"]
    assert len(hashes) == 1
    assert target.id in hashes[0].where
    assert target.sha256 in hashes[0].detail


def test_moved_span_is_reported(store: Store, path: Path, corpus: Corpus) -> None:
    mention = corpus.mentions[0]
    conn = _raw(path)
    conn.execute(
        'UPDATE mentions SET start = start + 3, "end" = "end" + 3 WHERE id = ?', (mention.id,)
    )
    conn.close()
    problems = verify(store)
    assert len(problems) == 1
    (problem,) = problems
    assert problem.kind == "span-mismatch"
    assert mention.id in problem.where
    assert mention.document in problem.detail
    assert f"{mention.span.start + 3}-{mention.span.end + 3}" in problem.detail
    assert repr(mention.span.quote) in problem.detail


def test_moved_evidence_is_reported(store: Store, path: Path, corpus: Corpus) -> None:
    claim = corpus.claims[0]
    conn = _raw(path)
    conn.execute(
        'UPDATE evidence SET "end" = "end" - 1 WHERE claim = ? AND position = 0', (claim.id,)
    )
    conn.close()
    (problem,) = verify(store)
    assert problem.kind == "span-mismatch"
    assert claim.id in problem.where
    assert claim.evidence[0].document in problem.detail


def test_reextraction_reanchors_moved_spans_and_reports_orphans(tmp_path: Path) -> None:
    from sistercity_provenance.provenance import load_corpus as _load
    from sistercity_provenance.store import Store as _Store
    from sistercity_provenance.store import verify as _verify

    corpus = _load(Path(__file__).parent / "corpus" / "sister_cities_small")
    with _Store.open(tmp_path / "store.sqlite") as store:
        store.add_corpus(corpus)
        mention = corpus.mentions[0]
        doc = store.document(mention.document)
        # Re-extraction that only changes whitespace: every span is found again.
        widened = doc.text.replace(" ", "  ")
        report = store.reextract(doc.id, widened)
        assert report.new_sha256 != report.old_sha256
        assert not report.orphaned
        assert report.moved
        assert _verify(store) == []
        # A re-extraction that lost the mention's sentence: the span is reported orphaned,
        # left in place, and verify keeps flagging it.
        current = next(m for m in store.mentions() if m.id == mention.id)
        lost = store.document(doc.id).text.replace(current.span.quote, "")
        report = store.reextract(doc.id, lost)
        assert any(f"mention {mention.id!r}" == where for where, _why in report.orphaned)
        problems = _verify(store)
        assert any(mention.id in p.where for p in problems)
