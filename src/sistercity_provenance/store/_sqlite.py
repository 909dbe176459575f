"""A SQLite store of documents, mentions, claims and resolutions (standard library only).

The store is one SQLite file in WAL mode with foreign keys on. Its schema is versioned: the
``schema_version`` table holds the number of migrations applied, and :data:`MIGRATIONS` are
applied in order, each inside the transaction that records it. Every statement takes its
values as parameters; table and column names are constants of this module.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

import attrs

from sistercity_provenance._errors import SisterCityError
from sistercity_provenance.names import NameKind
from sistercity_provenance.provenance._anchor import reanchor
from sistercity_provenance.provenance._corpus import AttributeValue, Corpus, CorpusMention
from sistercity_provenance.provenance._model import (
    Claim,
    Derivation,
    Document,
    Relation,
    Span,
    text_layer,
)
from sistercity_provenance.resolve._model import Entity, MergeDecision

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "DocumentConflictError",
    "Problem",
    "Store",
    "StoreConflictError",
    "StoreError",
    "StoreVersionError",
    "verify",
]


class StoreError(SisterCityError):
    """The store cannot do what was asked: it is closed, broken or the data conflicts."""


class StoreVersionError(StoreError):
    """The store's schema is newer than this code knows; carries the file and both versions."""

    def __init__(self, path: str, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"store {path!r} has schema version {found}, newer than the version this code "
            f"knows ({supported}); upgrade sistercity_provenance to open it"
        )


class StoreConflictError(StoreError, ValueError):
    """A record already stored under an id differs from the one being added."""


class DocumentConflictError(StoreConflictError):
    """A document id is already stored with another text (another sha256)."""

    def __init__(self, document: str, stored_sha256: str, new_sha256: str) -> None:
        self.document = document
        self.stored_sha256 = stored_sha256
        self.new_sha256 = new_sha256
        super().__init__(
            f"document {document!r} is already stored with sha256 {stored_sha256}; the corpus "
            f"has sha256 {new_sha256}; nothing was written"
        )


# --- schema ---------------------------------------------------------------------------------

_V1: Final = (
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        text TEXT NOT NULL,
        text_version TEXT NOT NULL,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        language TEXT NOT NULL,
        date TEXT NOT NULL,
        issuer TEXT NOT NULL,
        recipient TEXT NOT NULL,
        reliability TEXT
    )""",
    """CREATE TABLE derivations (
        document TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
        source TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
        relation TEXT NOT NULL,
        reported INTEGER NOT NULL,
        UNIQUE (document, source, relation)
    )""",
    """CREATE TABLE mentions (
        id TEXT PRIMARY KEY,
        document TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        document_sha256 TEXT NOT NULL,
        text_version TEXT NOT NULL,
        attributes TEXT NOT NULL
    )""",
    "CREATE INDEX mentions_document ON mentions(document)",
    """CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        subject TEXT NOT NULL REFERENCES mentions(id) DEFERRABLE INITIALLY DEFERRED,
        predicate TEXT NOT NULL,
        object TEXT NOT NULL,
        object_is_mention INTEGER NOT NULL,
        credibility INTEGER,
        scope TEXT NOT NULL
    )""",
    """CREATE TABLE evidence (
        claim TEXT NOT NULL REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
        position INTEGER NOT NULL,
        document TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        document_sha256 TEXT NOT NULL,
        text_version TEXT NOT NULL,
        PRIMARY KEY (claim, position)
    )""",
    """CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL
    )""",
    """CREATE TABLE entity_mentions (
        entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE
            DEFERRABLE INITIALLY DEFERRED,
        position INTEGER NOT NULL,
        mention TEXT NOT NULL,
        PRIMARY KEY (entity, position)
    )""",
    "CREATE INDEX entity_mentions_mention ON entity_mentions(mention)",
    """CREATE TABLE merge_decisions (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        merged INTEGER NOT NULL,
        probability REAL NOT NULL,
        weights TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        model_version TEXT NOT NULL,
        reason TEXT NOT NULL
    )""",
)


def _statements(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def migrate(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return migrate


#: Migration ``i`` (0-based) brings the schema from version ``i`` to ``i + 1``.
MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (_statements(*_V1),)
#: The schema version this code writes and reads.
SCHEMA_VERSION: Final = len(MIGRATIONS)
#: The data tables, in the order :meth:`Store.counts` reports them.
TABLES: Final = (
    "documents",
    "derivations",
    "mentions",
    "claims",
    "evidence",
    "entities",
    "entity_mentions",
    "merge_decisions",
)

# Constant SQL: counting each table (names are constants, never user input).
_COUNT_SQL: Final = {table: f"SELECT COUNT(*) FROM {table}" for table in TABLES}  # noqa: S608


# --- encoding helpers -----------------------------------------------------------------------


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _attribute(value: Any) -> AttributeValue:
    if isinstance(value, list):
        return tuple(value)
    return value  # type: ignore[no-any-return]


def _attributes(text: str) -> tuple[tuple[str, AttributeValue], ...]:
    loaded: dict[str, Any] = json.loads(text)
    return tuple(sorted((k, _attribute(v)) for k, v in loaded.items()))


def _span_row(span: Span) -> tuple[object, ...]:
    return (
        span.document,
        span.start,
        span.end,
        span.quote,
        span.prefix,
        span.suffix,
        span.document_sha256,
        span.text_version,
    )


_SPAN_COLUMNS: Final = (
    'document, start, "end", quote, prefix, suffix, document_sha256, text_version'
)


def _span(row: Sequence[Any]) -> Span:
    return Span(
        document=row[0],
        start=row[1],
        end=row[2],
        quote=row[3],
        prefix=row[4],
        suffix=row[5],
        document_sha256=row[6],
        text_version=row[7],
    )


def _differing(stored: attrs.AttrsInstance, new: attrs.AttrsInstance) -> str:
    names = [
        f.name for f in attrs.fields(type(new)) if getattr(stored, f.name) != getattr(new, f.name)
    ]
    return ", ".join(names)


# --- the store ------------------------------------------------------------------------------


@attrs.frozen
class Reextraction:
    """What re-extracting a document did to its spans."""

    document: str
    old_sha256: str
    new_sha256: str
    moved: tuple[str, ...]
    unchanged: tuple[str, ...]
    orphaned: tuple[tuple[str, str], ...]  # (which span, why)


class Store:
    """Documents, mentions, claims and a resolution, kept in one SQLite file.

    Open with :meth:`open`; use as a context manager or call :meth:`close`.
    """

    def __init__(self, path: str, connection: sqlite3.Connection) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = connection

    # --- opening and closing

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Create or open the store at ``path`` and bring its schema up to date.

        A store written by newer code (a higher schema version) is refused with
        :class:`StoreVersionError`; nothing in it is changed.
        """
        name = str(path)
        try:
            conn = sqlite3.connect(name, isolation_level=None)
        except sqlite3.Error as exc:
            msg = f"cannot open store {name!r}: {exc}"
            raise StoreError(msg) from exc
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA journal_mode=WAL")
            store = cls(name, conn)
            store._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            msg = f"cannot open store {name!r}: {exc}"
            raise StoreError(msg) from exc
        except BaseException:
            conn.close()
            raise
        return store

    def _migrate(self) -> None:
        with self._transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
            found = 0 if row[0] is None else int(row[0])
            if found > SCHEMA_VERSION:
                raise StoreVersionError(self.path, found, SCHEMA_VERSION)
            for version in range(found, SCHEMA_VERSION):
                MIGRATIONS[version](conn)
            if found < SCHEMA_VERSION:
                conn.execute("DELETE FROM schema_version")
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))

    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        row = self._connection().execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        """Close the file; closing twice is harmless."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            msg = f"store {self.path!r} is closed"
            raise StoreError(msg)
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        conn = self._connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:  # e.g. a deferred foreign key that does not hold
            conn.execute("ROLLBACK")
            msg = f"store {self.path!r}: transaction rolled back: {exc}"
            raise StoreError(msg) from exc

    # --- writing

    def add_corpus(self, corpus: Corpus) -> None:
        """Add a corpus's documents, mentions and claims in one transaction.

        Records already stored identically are left alone, so adding the same corpus twice
        changes nothing. A document id stored with another sha256 raises
        :class:`DocumentConflictError`; any other stored record that differs raises
        :class:`StoreConflictError`. Either way nothing of the corpus is written.
        """
        with self._transaction() as conn:
            for document in corpus.documents:
                self._add_document(conn, document)
            for mention in corpus.mentions:
                self._add_mention(conn, mention)
            for claim in corpus.claims:
                self._add_claim(conn, claim)

    def reextract(self, document_id: str, raw_text: str) -> Reextraction:
        """Replace a stored document's text (a new extraction) and re-anchor its spans.

        Every mention and evidence span in the document is looked for again by its quote
        (whitespace may differ; the surrounding words pick among repeats). Spans found again
        are updated to their new offsets; spans whose quote is gone, or cannot be told
        apart, are left as they were and reported as orphaned, so that ``verify`` keeps
        flagging them: nothing is moved silently. One transaction.
        """
        with self._transaction() as conn:
            stored = self._document(conn, document_id)
            if stored is None:
                msg = f"no document {document_id!r} in store {self.path!r}"
                raise StoreError(msg)
            new = attrs.evolve(
                stored,
                text=text_layer(raw_text),
                sha256=Document.from_text(document_id, raw_text).sha256,
            )
            if new.sha256 == stored.sha256:
                return Reextraction(document_id, stored.sha256, new.sha256, (), (), ())
            conn.execute(
                "UPDATE documents SET text = ?, sha256 = ? WHERE id = ?",
                (new.text, new.sha256, document_id),
            )
            moved: list[str] = []
            unchanged: list[str] = []
            orphaned: list[tuple[str, str]] = []
            spans = (
                [
                    (f"mention {row[0]!r}", "mentions", ("id",), (row[0],), _span(row[1:]))
                    for row in conn.execute(
                        f"SELECT id, {_SPAN_COLUMNS} FROM mentions WHERE document = ?",  # noqa: S608
                        (document_id,),
                    ).fetchall()
                ]
                + [
                    (
                        f"claim {row[0]!r} evidence {row[1]}",
                        "evidence",
                        ("claim", "position"),
                        (row[0], row[1]),
                        _span(row[2:]),
                    )
                    for row in conn.execute(
                        f"SELECT claim, position, {_SPAN_COLUMNS} FROM evidence "  # noqa: S608
                        "WHERE document = ?",
                        (document_id,),
                    ).fetchall()
                ]
            )
            for where, table, keys, values, span in spans:
                outcome = reanchor(span, new)
                if outcome.span is None:
                    orphaned.append((where, outcome.detail))
                    continue
                (unchanged if outcome.status == "unchanged" else moved).append(where)
                condition = " AND ".join(f"{k} = ?" for k in keys)
                conn.execute(
                    f'UPDATE {table} SET start = ?, "end" = ?, quote = ?, prefix = ?, '  # noqa: S608
                    f"suffix = ?, document_sha256 = ?, text_version = ? WHERE {condition}",
                    (*_span_row(outcome.span)[1:], *values),
                )
        return Reextraction(
            document_id, stored.sha256, new.sha256, tuple(moved), tuple(unchanged), tuple(orphaned)
        )

    def _add_document(self, conn: sqlite3.Connection, document: Document) -> None:
        stored = self._document(conn, document.id)
        if stored is not None:
            if stored.sha256 != document.sha256:
                raise DocumentConflictError(document.id, stored.sha256, document.sha256)
            if stored != document:
                msg = (
                    f"document {document.id!r} is already stored with other "
                    f"{_differing(stored, document)}; nothing was written"
                )
                raise StoreConflictError(msg)
            return
        conn.execute(
            "INSERT INTO documents (id, sha256, text, text_version, title, kind, language, "
            "date, issuer, recipient, reliability) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document.id,
                document.sha256,
                document.text,
                document.text_version,
                document.title,
                document.kind,
                document.language,
                document.date,
                document.issuer,
                document.recipient,
                document.reliability,
            ),
        )
        conn.executemany(
            "INSERT INTO derivations (document, source, relation, reported) VALUES (?, ?, ?, ?)",
            [(d.document, d.source, d.relation.value, d.reported) for d in document.derived_from],
        )

    def _add_mention(self, conn: sqlite3.Connection, mention: CorpusMention) -> None:
        stored = self._mention(conn, mention.id)
        if stored is not None:
            if stored != mention:
                msg = (
                    f"mention {mention.id!r} is already stored with other "
                    f"{_differing(stored, mention)}; nothing was written"
                )
                raise StoreConflictError(msg)
            return
        if mention.document != mention.span.document:
            msg = f"mention {mention.id!r}: document {mention.document!r} is not its span's"
            raise StoreConflictError(msg)
        conn.execute(
            f"INSERT INTO mentions (id, text, kind, attributes, {_SPAN_COLUMNS}) "  # noqa: S608
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                mention.id,
                mention.text,
                mention.kind.value,
                _json(dict(mention.attributes)),
                *_span_row(mention.span),
            ),
        )

    def _add_claim(self, conn: sqlite3.Connection, claim: Claim) -> None:
        stored = self._claim(conn, claim.id)
        if stored is not None:
            if stored != claim:
                msg = (
                    f"claim {claim.id!r} is already stored with other "
                    f"{_differing(stored, claim)}; nothing was written"
                )
                raise StoreConflictError(msg)
            return
        conn.execute(
            "INSERT INTO claims (id, subject, predicate, object, object_is_mention, "
            "credibility, scope) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                claim.id,
                claim.subject,
                claim.predicate,
                claim.object,
                claim.object_is_mention,
                claim.credibility,
                claim.scope,
            ),
        )
        conn.executemany(
            f"INSERT INTO evidence (claim, position, {_SPAN_COLUMNS}) "  # noqa: S608
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(claim.id, i, *_span_row(span)) for i, span in enumerate(claim.evidence)],
        )

    def replace_resolution(
        self, entities: Iterable[Entity], decisions: Iterable[MergeDecision]
    ) -> None:
        """Replace the stored entities, their mentions and merge decisions in one transaction."""
        entities, decisions = tuple(entities), tuple(decisions)
        with self._transaction() as conn:
            conn.execute("DELETE FROM entity_mentions")
            conn.execute("DELETE FROM entities")
            conn.execute("DELETE FROM merge_decisions")
            conn.executemany(
                "INSERT INTO entities (id, kind, name, aliases) VALUES (?, ?, ?, ?)",
                [(e.id, NameKind(e.kind).value, e.name, _json(list(e.aliases))) for e in entities],
            )
            conn.executemany(
                "INSERT INTO entity_mentions (entity, position, mention) VALUES (?, ?, ?)",
                [(e.id, i, m) for e in entities for i, m in enumerate(e.mentions)],
            )
            conn.executemany(
                "INSERT INTO merge_decisions (a, b, merged, probability, weights, decided_by, "
                "model_version, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        d.a,
                        d.b,
                        d.merged,
                        float(d.probability),
                        _json([[k, float(w)] for k, w in d.weights]),
                        d.decided_by,
                        d.model_version,
                        d.reason,
                    )
                    for d in decisions
                ],
            )

    # --- reading

    _DOCUMENT_SQL: Final = (
        "SELECT id, sha256, text, text_version, title, kind, language, date, issuer, "
        "recipient, reliability FROM documents"
    )

    def _derivations(self, conn: sqlite3.Connection, document: str) -> tuple[Derivation, ...]:
        rows = conn.execute(
            "SELECT document, source, relation, reported FROM derivations "
            "WHERE document = ? ORDER BY rowid",
            (document,),
        )
        return tuple(Derivation(r[0], r[1], Relation(r[2]), bool(r[3])) for r in rows)

    def _document_from(self, conn: sqlite3.Connection, row: Sequence[Any]) -> Document:
        return Document(
            id=row[0],
            sha256=row[1],
            text=row[2],
            text_version=row[3],
            title=row[4],
            kind=row[5],
            language=row[6],
            date=row[7],
            issuer=row[8],
            recipient=row[9],
            reliability=row[10],
            derived_from=self._derivations(conn, row[0]),
        )

    def _document(self, conn: sqlite3.Connection, id: str) -> Document | None:
        row = conn.execute(f"{self._DOCUMENT_SQL} WHERE id = ?", (id,)).fetchone()
        return None if row is None else self._document_from(conn, row)

    def documents(self) -> tuple[Document, ...]:
        """All stored documents, in the order they were added."""
        conn = self._connection()
        rows = conn.execute(f"{self._DOCUMENT_SQL} ORDER BY rowid").fetchall()
        return tuple(self._document_from(conn, row) for row in rows)

    def document(self, id: str) -> Document:
        """The stored document with this id; KeyError if there is none."""
        found = self._document(self._connection(), id)
        if found is None:
            msg = f"no document {id!r} in store {self.path!r}"
            raise KeyError(msg)
        return found

    _MENTION_SQL: Final = f"SELECT id, text, kind, attributes, {_SPAN_COLUMNS} FROM mentions"  # noqa: S608

    @staticmethod
    def _mention_from(row: Sequence[Any]) -> CorpusMention:
        span = _span(row[4:])
        return CorpusMention(
            id=row[0],
            document=span.document,
            text=row[1],
            kind=NameKind(row[2]),
            span=span,
            attributes=_attributes(row[3]),
        )

    def _mention(self, conn: sqlite3.Connection, id: str) -> CorpusMention | None:
        row = conn.execute(f"{self._MENTION_SQL} WHERE id = ?", (id,)).fetchone()
        return None if row is None else self._mention_from(row)

    def mention(self, id: str) -> CorpusMention:
        """The stored mention with this id (KeyError if none)."""
        found = self._mention(self._connection(), id)
        if found is None:
            raise KeyError(id)
        return found

    def mentions(self) -> tuple[CorpusMention, ...]:
        """All stored mentions with their spans, in the order they were added."""
        rows = self._connection().execute(f"{self._MENTION_SQL} ORDER BY rowid").fetchall()
        return tuple(self._mention_from(row) for row in rows)

    _CLAIM_SQL: Final = (
        "SELECT id, subject, predicate, object, object_is_mention, credibility, scope FROM claims"
    )

    def _claim_from(self, conn: sqlite3.Connection, row: Sequence[Any]) -> Claim:
        evidence = conn.execute(
            f"SELECT {_SPAN_COLUMNS} FROM evidence WHERE claim = ? ORDER BY position",  # noqa: S608
            (row[0],),
        )
        return Claim(
            id=row[0],
            subject=row[1],
            predicate=row[2],
            object=row[3],
            object_is_mention=bool(row[4]),
            evidence=tuple(_span(e) for e in evidence),
            credibility=row[5],
            scope=row[6],
        )

    def _claim(self, conn: sqlite3.Connection, id: str) -> Claim | None:
        row = conn.execute(f"{self._CLAIM_SQL} WHERE id = ?", (id,)).fetchone()
        return None if row is None else self._claim_from(conn, row)

    def claims(self) -> tuple[Claim, ...]:
        """All stored claims with their evidence spans, in the order they were added."""
        conn = self._connection()
        rows = conn.execute(f"{self._CLAIM_SQL} ORDER BY rowid").fetchall()
        return tuple(self._claim_from(conn, row) for row in rows)

    def entities(self) -> tuple[Entity, ...]:
        """The stored entities with their mention ids, in the order they were stored."""
        conn = self._connection()
        members: dict[str, list[str]] = defaultdict(list)
        for entity, mention in conn.execute(
            "SELECT entity, mention FROM entity_mentions ORDER BY entity, position"
        ):
            members[entity].append(mention)
        rows = conn.execute("SELECT id, kind, name, aliases FROM entities ORDER BY rowid")
        return tuple(
            Entity(
                id=id,
                kind=NameKind(kind),
                name=name,
                aliases=tuple(json.loads(aliases)),
                mentions=tuple(members.get(id, ())),
            )
            for id, kind, name, aliases in rows.fetchall()
        )

    def merge_decisions(self) -> tuple[MergeDecision, ...]:
        """The stored merge decisions, in the order they were stored."""
        rows = self._connection().execute(
            "SELECT a, b, merged, probability, weights, decided_by, model_version, reason "
            "FROM merge_decisions ORDER BY rowid"
        )
        return tuple(
            MergeDecision(
                a=r[0],
                b=r[1],
                merged=bool(r[2]),
                probability=r[3],
                weights=tuple((str(k), float(w)) for k, w in json.loads(r[4])),
                decided_by=r[5],
                model_version=r[6],
                reason=r[7],
            )
            for r in rows.fetchall()
        )

    def counts(self) -> dict[str, int]:
        """The number of rows in each data table."""
        conn = self._connection()
        return {table: int(conn.execute(sql).fetchone()[0]) for table, sql in _COUNT_SQL.items()}


# --- verification ---------------------------------------------------------------------------


@attrs.frozen
class Problem:
    """Something wrong in a store: what kind, where, and the details."""

    kind: str  # "hash-mismatch", "missing-document", "span-mismatch" or "stale-span"
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}: {self.detail}"


def _check_span(where: str, span: Span, documents: dict[str, Document]) -> list[Problem]:
    document = documents.get(span.document)
    if document is None:
        return [Problem("missing-document", where, f"document {span.document!r} is not stored")]
    problems = []
    found = document.text[span.start : span.end]
    if found != span.quote:
        again = reanchor(span, document)
        hint = f"; the quote is {again.status}" + (f" ({again.detail})" if again.detail else "")
        problems.append(
            Problem(
                "span-mismatch",
                where,
                f"document {span.document!r} offsets {span.start}-{span.end}: expected "
                f"{span.quote!r}, found {found!r}{hint}",
            )
        )
    if span.document_sha256 != document.sha256:
        problems.append(
            Problem(
                "stale-span",
                where,
                f"span was anchored in sha256 {span.document_sha256} of {span.document!r}, "
                f"which is stored with sha256 {document.sha256}",
            )
        )
    return problems


def verify(store: Store) -> list[Problem]:
    """Check a store's integrity; an empty list means all is well.

    Every document's text is hashed again and compared with its stored sha256, and every
    mention span and evidence span must have its quote at its offsets in its document.
    """
    problems: list[Problem] = []
    documents = {d.id: d for d in store.documents()}
    for document in documents.values():
        actual = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        if actual != document.sha256:
            problems.append(
                Problem(
                    "hash-mismatch",
                    f"document {document.id!r}",
                    f"stored sha256 {document.sha256}, text hashes to {actual}",
                )
            )
    for mention in store.mentions():
        problems.extend(_check_span(f"mention {mention.id!r}", mention.span, documents))
    for claim in store.claims():
        for i, span in enumerate(claim.evidence):
            problems.extend(_check_span(f"claim {claim.id!r} evidence[{i}]", span, documents))
    return problems
