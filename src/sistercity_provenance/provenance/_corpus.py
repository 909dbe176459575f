"""Loading a corpus directory: documents, the mentions in them and claims anchored to them.

A corpus is a directory holding ``documents.jsonl`` (required), ``mentions.jsonl`` and
``claims.jsonl`` (both optional). Every record is checked as it is read; anything wrong is
an :class:`~sistercity_provenance.InputFormatError` naming the file, the line and the field.
Loading reads only: nothing is written anywhere. Files are streamed a line at a time, so a
large corpus costs memory for what is loaded, not for the files' size.

Lenient mode (``load_corpus(path, lenient=True)``, ``resolve --lenient``) skips the rows
strict mode would stop at instead, and lists every one of them as a :class:`SkippedRow` on
the corpus, with the file, line and field the error would have named. Rows that depend on
a skipped row are skipped and listed too, naming the row they depended on:

- a mention whose document was skipped;
- a claim whose subject or object mention, or one of whose evidence documents, was skipped;
- a document derived from a skipped (or absent) document. The document is skipped rather
  than kept without that derivation: dropping the derivation would make the document look
  like an independent source, and corroboration would count it twice.

An id belongs to the first row that states it, whether or not that row is good: a later
row with the same id is a duplicate and is skipped (even when its content is the same).
Problems with a whole file (``documents.jsonl`` missing, a directory where a file should
be, a file that cannot be opened) are errors in both modes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from sistercity_provenance._errors import InputError, InputFormatError
from sistercity_provenance._io import jsonl_rows
from sistercity_provenance.names import NameKind
from sistercity_provenance.names._text import normalize_text
from sistercity_provenance.provenance._anchor import AmbiguousQuoteError, QuoteNotFoundError, anchor
from sistercity_provenance.provenance._graph import DerivationGraph
from sistercity_provenance.provenance._model import (
    Claim,
    Derivation,
    Document,
    Relation,
    Span,
    text_layer,
)

if TYPE_CHECKING:
    from sistercity_provenance.resolve import Mention

__all__ = ["PROGRESS_EVERY", "Corpus", "CorpusMention", "SkippedRow", "load_corpus"]

DOCUMENTS: Final = "documents.jsonl"
MENTIONS: Final = "mentions.jsonl"
CLAIMS: Final = "claims.jsonl"

#: How many rows of a file are read between two calls of ``load_corpus``'s ``progress``.
PROGRESS_EVERY: Final = 10_000

_DOCUMENT_FIELDS: Final = frozenset(
    {
        "id",
        "title",
        "kind",
        "language",
        "date",
        "text",
        "text_file",
        "issuer",
        "recipient",
        "derived_from",
        "reliability",
    }
)
_DOCUMENT_REQUIRED_STRINGS: Final = ("title", "kind", "language", "date")
_DOCUMENT_OPTIONAL_STRINGS: Final = ("issuer", "recipient")
_DERIVATION_FIELDS: Final = frozenset({"document", "relation", "reported"})
_MENTION_FIELDS: Final = frozenset({"id", "document", "text", "kind", "occurrence", "attributes"})
_CLAIM_FIELDS: Final = frozenset(
    {"id", "subject", "predicate", "object", "evidence", "credibility", "scope"}
)
_EVIDENCE_FIELDS: Final = frozenset({"document", "quote", "occurrence"})
_RELIABILITY: Final = ("A", "B", "C", "D", "E", "F")
# Worked out once: enum lookups per row are a noticeable part of loading a large corpus.
_RELATIONS: Final = frozenset(r.value for r in Relation)
_RELATIONS_TEXT: Final = ", ".join(r.value for r in Relation)
_KINDS: Final = {k.value: k for k in NameKind}
_KINDS_TEXT: Final = ", ".join(_KINDS)

AttributeValue = str | int | float | bool | None | tuple[str | int | float | bool | None, ...]


@attrs.frozen
class CorpusMention:
    """A name as written in one document of a corpus, with its anchored span.

    ``text`` is the name in the document's text layer (NFC, as the layer is), so
    ``span.quote == text``. ``attributes`` are sorted (key, value) pairs, as in
    :class:`sistercity_provenance.resolve.Mention`.
    """

    id: str
    document: str
    text: str
    kind: NameKind = attrs.field(converter=NameKind)
    span: Span
    attributes: tuple[tuple[str, AttributeValue], ...] = ()

    def to_mention(self) -> Mention:
        """This mention as a resolver input: the name is the text, the document its id."""
        from sistercity_provenance.resolve import Mention  # noqa: PLC0415 (resolve is heavy)

        return Mention(
            id=self.id,
            name=self.text,
            kind=self.kind,
            document=self.document,
            attributes=self.attributes,
        )


@attrs.frozen
class SkippedRow:
    """A row that lenient loading left out, and why.

    ``file``, ``line``, ``field`` and ``problem`` are what the
    :class:`~sistercity_provenance.InputFormatError` of strict mode would carry; ``field``
    is None when the line could not be read as a JSON object at all.
    """

    file: str
    line: int
    field: str | None
    problem: str

    @classmethod
    def of(cls, error: InputFormatError) -> SkippedRow:
        """The skipped row an error on one line describes."""
        if error.line is None:
            msg = f"not an error on a row: {error}"
            raise ValueError(msg)
        return cls(error.file, error.line, error.field, error.problem)

    def message(self) -> str:
        """One line naming file, line and field, as the strict-mode error reads.

        >>> SkippedRow("c/mentions.jsonl", 3, "kind", "unknown kind 'city'").message()
        "c/mentions.jsonl:3: field 'kind': unknown kind 'city'"
        """
        return str(InputFormatError(self.problem, file=self.file, line=self.line, field=self.field))

    def to_json(self) -> dict[str, Any]:
        """The row as a JSON object: file, line, field and problem."""
        return {"file": self.file, "line": self.line, "field": self.field, "problem": self.problem}


def _index(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.id: item for item in items}


_T = TypeVar("_T")


@attrs.frozen
class Corpus:
    """The documents, mentions and claims of a corpus directory, all checked and anchored.

    ``skipped`` lists the rows a lenient load left out (always empty after a strict one),
    in file order: documents, mentions, claims, each by line.
    """

    root: Path
    documents: tuple[Document, ...]
    mentions: tuple[CorpusMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()
    _documents_by_id: Mapping[str, Document] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _mentions_by_id: Mapping[str, CorpusMention] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_documents_by_id", _index(self.documents))
        object.__setattr__(self, "_mentions_by_id", _index(self.mentions))

    def document(self, id: str) -> Document:
        """The document with this id; KeyError if there is none."""
        return self._lookup(self._documents_by_id, "document", id)

    def mention(self, id: str) -> CorpusMention:
        """The mention with this id; KeyError if there is none."""
        return self._lookup(self._mentions_by_id, "mention", id)

    def _lookup(self, index: Mapping[str, _T], what: str, id: str) -> _T:
        try:
            return index[id]
        except KeyError:
            msg = f"no {what} {id!r} in corpus {str(self.root)!r}"
            raise KeyError(msg) from None

    def graph(self) -> DerivationGraph:
        """The derivation graph of the corpus's documents."""
        return DerivationGraph.of(self.documents)


# --- reading helpers ------------------------------------------------------------------------


@attrs.frozen
class _Where:
    """A file and line being read, to raise errors that say where."""

    file: str
    line: int

    def error(self, problem: str, field: str | None = None) -> InputFormatError:
        return InputFormatError(problem, file=self.file, line=self.line, field=field)


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _check_fields(
    where: _Where, obj: Mapping[str, Any], allowed: frozenset[str], prefix: str = ""
) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        raise where.error(
            f"unknown field(s) {names}; allowed: {', '.join(sorted(allowed))}",
            f"{prefix}{unknown[0]}",
        )


def _string(
    where: _Where,
    obj: Mapping[str, Any],
    key: str,
    *,
    field: str | None = None,
    required: bool = True,
    empty: bool = False,
) -> str | None:
    """The string at ``key``: absent (or null) is an error when required, else None."""
    field = field or key
    value = obj.get(key)
    if value is None:
        if required:
            raise where.error("missing (a string is required)", field)
        return None
    if not isinstance(value, str):
        raise where.error(f"expected a string, got {_type_name(value)}", field)
    if not empty and not value.strip():
        raise where.error("must not be empty", field)
    return value


def _required_string(
    where: _Where, obj: Mapping[str, Any], key: str, *, field: str | None = None
) -> str:
    value = _string(where, obj, key, field=field)
    assert value is not None  # required=True never gives None
    return value


def _record_id(
    where: _Where,
    obj: Mapping[str, Any],
    seen: dict[str, int],
    skipped: Mapping[str, int] | None = None,
) -> str:
    """The row's id, claimed for it in ``seen`` (id: line); a second claim is an error.

    ``skipped`` (id: line) lists the ids of rows skipped so far, to say so in the error.
    """
    record_id = _required_string(where, obj, "id")
    first = seen.get(record_id)
    if first is not None:
        was = ", which was skipped" if skipped and skipped.get(record_id) == first else ""
        raise where.error(f"duplicate id {record_id!r} (first on line {first}{was})", "id")
    seen[record_id] = where.line
    return record_id


def _occurrence(where: _Where, obj: Mapping[str, Any], field: str) -> int | None:
    value = obj.get("occurrence")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.error(f"expected a positive integer, got {_type_name(value)}", field)
    if value < 1:
        raise where.error(f"must be 1 or more (1-based), got {value}", field)
    return value


def _quote(value: str) -> str:
    """A quote as it appears in a text layer (NFC, LF line ends)."""
    return text_layer(value)


def _anchor(
    where: _Where,
    document: Document,
    quote: str,
    occurrence: int | None,
    *,
    quote_field: str,
    occurrence_field: str,
) -> Span:
    try:
        return anchor(document, quote, occurrence)
    except QuoteNotFoundError as exc:
        raise where.error(str(exc), quote_field) from exc
    except AmbiguousQuoteError as exc:
        raise where.error(str(exc), occurrence_field) from exc
    except InputError as exc:  # occurrence out of range
        raise where.error(str(exc), occurrence_field) from exc


def _name_has_letters(where: _Where, text: str, field: str) -> None:
    """A name must keep a letter or digit once spaces and punctuation are set aside.

    The name engine refuses such names (:class:`~sistercity_provenance.EmptyNameError`);
    checking here names the row instead of failing halfway through a run.
    """
    if not any(ch.isalnum() for ch in normalize_text(text)):
        raise where.error(
            f"name {text!r} has no letters or digits (only spaces and punctuation)", field
        )


def _optional_file(path: Path) -> bool:
    """Whether an optional corpus file is there (a non-file in its place is an error)."""
    if not path.exists():
        return False
    if not path.is_file():
        raise InputFormatError("expected a regular file", file=str(path))
    return True


# --- documents ------------------------------------------------------------------------------


def _read_text_file(where: _Where, root: Path, value: str) -> str:
    field = "text_file"
    if "\x00" in value:
        raise where.error("path contains a NUL character", field)
    relative = Path(value)
    if relative.is_absolute() or value.startswith(("/", "\\")) or relative.drive:
        raise where.error(f"must be a path relative to the corpus directory, got {value!r}", field)
    base = root.resolve()
    try:
        target = (base / relative).resolve()
    except (OSError, RuntimeError) as exc:  # e.g. a symlink loop
        raise where.error(f"cannot resolve {value!r}: {exc}", field) from exc
    if not target.is_relative_to(base):
        raise where.error(
            f"{value!r} leads outside the corpus directory (after resolving links)", field
        )
    try:
        is_file = target.is_file()
    except OSError as exc:  # a name too long for the file system, say
        raise where.error(f"cannot read {value!r}: {exc.strerror}", field) from exc
    if not is_file:
        raise where.error(f"{value!r} is not a file in the corpus directory", field)
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise where.error(f"cannot read {value!r}: {exc}", field) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise where.error(f"{value!r}: invalid UTF-8 at byte {exc.start}", field) from exc


def _reliability(where: _Where, obj: Mapping[str, Any]) -> str | None:
    value = obj.get("reliability")
    if value is None:
        return None
    if not isinstance(value, str):
        raise where.error(f"expected one of A-F, got {_type_name(value)}", "reliability")
    grade = value.strip().upper()
    if grade not in _RELIABILITY:
        raise where.error(f"expected one of A-F, got {value!r}", "reliability")
    return grade


def _derivations(
    where: _Where, obj: Mapping[str, Any], doc_id: str
) -> tuple[tuple[Derivation, str], ...]:
    """The derivations of a document, each with the field that names its source."""
    value = obj.get("derived_from")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise where.error(f"expected a list, got {_type_name(value)}", "derived_from")
    found: list[tuple[Derivation, str]] = []
    for i, entry in enumerate(value):
        prefix = f"derived_from[{i}]"
        if not isinstance(entry, dict):
            raise where.error(f"expected an object, got {_type_name(entry)}", prefix)
        _check_fields(where, entry, _DERIVATION_FIELDS, f"{prefix}.")
        source = _required_string(where, entry, "document", field=f"{prefix}.document")
        relation = entry.get("relation")
        allowed = _RELATIONS_TEXT
        if relation is None:
            raise where.error(f"missing; one of {allowed}", f"{prefix}.relation")
        if not isinstance(relation, str) or relation not in _RELATIONS:
            raise where.error(
                f"unknown relation {relation!r}; one of {allowed}", f"{prefix}.relation"
            )
        reported = entry.get("reported", False)
        if not isinstance(reported, bool):
            raise where.error(
                f"expected true or false, got {_type_name(reported)}", f"{prefix}.reported"
            )
        found.append(
            (Derivation(doc_id, source, Relation(relation), reported), f"{prefix}.document")
        )
    return tuple(found)


# --- mentions -------------------------------------------------------------------------------


def _attribute_value(where: _Where, field: str, value: object) -> AttributeValue:
    scalar = (str, int, float, bool)
    if value is None or isinstance(value, scalar):
        return value
    if isinstance(value, list) and all(v is None or isinstance(v, scalar) for v in value):
        return tuple(value)
    raise where.error(
        f"expected a string, number, boolean, null or a list of them, got {_type_name(value)}",
        field,
    )


def _attributes(where: _Where, obj: Mapping[str, Any]) -> tuple[tuple[str, AttributeValue], ...]:
    value = obj.get("attributes")
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise where.error(f"expected an object, got {_type_name(value)}", "attributes")
    return tuple(
        sorted((k, _attribute_value(where, f"attributes.{k}", v)) for k, v in value.items())
    )


# --- claims ---------------------------------------------------------------------------------


def _claim_object(where: _Where, obj: Mapping[str, Any], mention_ids: set[str]) -> tuple[str, bool]:
    value = obj.get("object")
    if value is None:
        raise where.error("missing (a mention id or a literal value is required)", "object")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise where.error(
            f"expected a mention id, a string or a number, got {_type_name(value)}", "object"
        )
    if not isinstance(value, str):
        return str(value), False
    if not value.strip():
        raise where.error("must not be empty", "object")
    return value, value in mention_ids


def _credibility(where: _Where, obj: Mapping[str, Any]) -> int | None:
    value = obj.get("credibility")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.error(
            f"expected an integer from 1 to 6, got {_type_name(value)}", "credibility"
        )
    if not 1 <= value <= 6:
        raise where.error(f"expected an integer from 1 to 6, got {value}", "credibility")
    return value


# --- loading --------------------------------------------------------------------------------

_FILES: Final = (DOCUMENTS, MENTIONS, CLAIMS)

#: Called with a file's name and the number of its rows read so far.
Progress = Callable[[str, int], None]


class _Loader:
    """One load of a corpus directory: the files in order, and in lenient mode the skips.

    Row checks raise :class:`InputFormatError`. In strict mode that ends the load; in
    lenient mode :meth:`_skip` records the row and reading goes on. The ids of skipped rows
    are kept (by file) so that rows referring to them can say what happened.
    """

    def __init__(
        self, root: Path, *, lenient: bool, check_names: bool, progress: Progress | None
    ) -> None:
        self.root = root
        self.lenient = lenient
        self.check_names = check_names
        self.progress = progress
        self.skipped: dict[str, list[SkippedRow]] = {name: [] for name in _FILES}
        self.skipped_ids: dict[str, dict[str, int]] = {name: {} for name in _FILES}
        self.unread: dict[str, int] = dict.fromkeys(_FILES, 0)  # skipped before their id was read

    # --- rows and skips

    def _rows(self, path: Path) -> Iterator[tuple[_Where, dict[str, Any]]]:
        count = 0
        for lineno, row in jsonl_rows(path):
            count += 1
            if self.progress is not None and count % PROGRESS_EVERY == 0:
                self.progress(path.name, count)
            if isinstance(row, InputFormatError):
                if not self.lenient:
                    raise row
                self._skip(path.name, row)
                continue
            yield _Where(str(path), lineno), row
        if self.progress is not None and (count == 0 or count % PROGRESS_EVERY):
            self.progress(path.name, count)  # the total, unless it was just reported

    def _skip(
        self,
        name: str,
        error: InputFormatError,
        obj: Mapping[str, Any] | None = None,
        seen: dict[str, int] | None = None,
    ) -> None:
        """Record a skipped row of file ``name``; its id, if it has one, is claimed for it."""
        if error.line is None:  # a whole-file problem is never skipped
            raise error
        self.skipped[name].append(SkippedRow.of(error))
        row_id = None if obj is None else obj.get("id")
        if seen is None or not isinstance(row_id, str) or not row_id.strip():
            self.unread[name] += 1
            return
        first = seen.setdefault(row_id, error.line)
        if first == error.line:  # this row holds the id (not a duplicate of an earlier one)
            self.skipped_ids[name][row_id] = error.line

    def _checked(
        self, path: Path, check: Callable[[_Where, Mapping[str, Any], dict[str, int]], _T]
    ) -> Iterator[tuple[_Where, _T]]:
        """Each row of ``path`` that ``check`` accepts, as (where, what it made of the row).

        ``check`` claims the row's id in ``seen`` (id: line, shared by the file's rows) and
        raises :class:`InputFormatError` for a bad row: in strict mode that ends the load, in
        lenient mode the row is recorded as skipped and reading goes on.
        """
        seen: dict[str, int] = {}
        for where, obj in self._rows(path):
            try:
                made = check(where, obj, seen)
            except InputFormatError as exc:
                if not self.lenient:
                    raise
                self._skip(path.name, exc, obj, seen)
                continue
            yield where, made

    def _was_skipped(self, name: str, row_id: str) -> str | None:
        """Where the row with this id was skipped, as words for a message; None if it was not."""
        line = self.skipped_ids[name].get(row_id)
        return None if line is None else f"{name} line {line}"

    def _absent(self, name: str) -> str:
        """Words to add when an id is not found while rows without a readable id were skipped."""
        unread = self.unread[name]
        if not unread:
            return ""
        rows = "row" if unread == 1 else "rows"
        return f" (it may be in the {unread} skipped {rows} of {name} whose id could not be read)"

    def _document_for(
        self, where: _Where, documents: Mapping[str, Document], doc_id: str, field: str
    ) -> Document:
        document = documents.get(doc_id)
        if document is not None:
            return document
        skipped = self._was_skipped(DOCUMENTS, doc_id)
        if skipped is not None:
            raise where.error(f"document {doc_id!r} was skipped ({skipped})", field)
        raise where.error(
            f"document {doc_id!r} is not in {DOCUMENTS}{self._absent(DOCUMENTS)}", field
        )

    # --- documents

    def _document(
        self, where: _Where, obj: Mapping[str, Any], seen: dict[str, int]
    ) -> tuple[Document, tuple[str, ...]]:
        """A document row, and for each of its derivations the field naming the source."""
        _check_fields(where, obj, _DOCUMENT_FIELDS)
        doc_id = _record_id(where, obj, seen, self.skipped_ids[DOCUMENTS])
        fields: dict[str, Any] = {}
        for key in _DOCUMENT_REQUIRED_STRINGS:
            fields[key] = _string(where, obj, key, empty=True)
        for key in _DOCUMENT_OPTIONAL_STRINGS:
            fields[key] = _string(where, obj, key, required=False, empty=True) or ""
        has_text, has_file = obj.get("text") is not None, obj.get("text_file") is not None
        if has_text == has_file:
            raise where.error(
                "give exactly one of 'text' and 'text_file'", "text_file" if has_file else "text"
            )
        if has_text:
            raw = _string(where, obj, "text", empty=True)
        else:
            name = _required_string(where, obj, "text_file")
            raw = _read_text_file(where, self.root, name)
        assert raw is not None
        fields["reliability"] = _reliability(where, obj)
        derivations = _derivations(where, obj, doc_id)
        fields["derived_from"] = tuple(d for d, _field in derivations)
        document = Document.from_text(doc_id, raw, **fields)
        return document, tuple(field for _d, field in derivations)

    def documents(self) -> tuple[Document, ...]:
        path = self.root / DOCUMENTS
        if not path.is_file():
            problem = (
                f"{DOCUMENTS} is required in a corpus directory and was not found in "
                f"{str(self.root)!r}"
            )
            raise InputFormatError(problem, file=str(path))
        loaded = [
            (where, document, fields)
            for where, (document, fields) in self._checked(path, self._document)
        ]
        if self.lenient:
            loaded = self._drop_broken_derivations(loaded)
        else:  # every row was loaded (a bad one raised), so these are all the ids
            ids = {document.id for _where, document, _fields in loaded}
            for where, document, fields in loaded:
                for derivation, field in zip(document.derived_from, fields, strict=True):
                    if derivation.source not in ids:
                        raise where.error(
                            f"derives from {derivation.source!r}, which is not in {DOCUMENTS}",
                            field,
                        )
        return tuple(document for _where, document, _fields in loaded)

    def _drop_broken_derivations(
        self, loaded: list[tuple[_Where, Document, tuple[str, ...]]]
    ) -> list[tuple[_Where, Document, tuple[str, ...]]]:
        """Skip the documents derived from a document that is not loaded, transitively.

        Sources may come later in the file, so this runs once all rows are read: first the
        documents whose source is absent or was skipped, then, breadth first, those derived
        from a document skipped here. Each document is looked at a bounded number of times.
        """
        ids = {document.id for _where, document, _fields in loaded}
        derived: dict[str, list[int]] = {}  # source id: indexes in loaded deriving from it
        for i, (_where, document, _fields) in enumerate(loaded):
            for derivation in document.derived_from:
                derived.setdefault(derivation.source, []).append(i)
        dropped: set[int] = set()
        queue = deque(source for source in derived if source not in ids)
        while queue:
            source = queue.popleft()
            for i in derived.get(source, ()):
                if i in dropped:
                    continue
                where, document, fields = loaded[i]
                k = next(k for k, d in enumerate(document.derived_from) if d.source == source)
                skipped = self._was_skipped(DOCUMENTS, source)
                problem = (
                    f"derives from {source!r}, which is not in {DOCUMENTS}{self._absent(DOCUMENTS)}"
                    if skipped is None
                    else f"derives from {source!r}, which was skipped ({skipped})"
                )
                dropped.add(i)
                self.skipped[DOCUMENTS].append(
                    SkippedRow(where.file, where.line, fields[k], problem)
                )
                self.skipped_ids[DOCUMENTS][document.id] = where.line
                queue.append(document.id)
        return [row for i, row in enumerate(loaded) if i not in dropped]

    # --- mentions

    def _mention(
        self,
        where: _Where,
        obj: Mapping[str, Any],
        seen: dict[str, int],
        documents: Mapping[str, Document],
    ) -> CorpusMention:
        kinds = _KINDS_TEXT
        _check_fields(where, obj, _MENTION_FIELDS)
        mention_id = _record_id(where, obj, seen, self.skipped_ids[MENTIONS])
        doc_id = _required_string(where, obj, "document")
        document = self._document_for(where, documents, doc_id, "document")
        text = _quote(_required_string(where, obj, "text"))
        kind = obj.get("kind")
        if kind is None:
            raise where.error(f"missing; one of {kinds}", "kind")
        if not isinstance(kind, str) or kind not in _KINDS:
            raise where.error(f"unknown kind {kind!r}; one of {kinds}", "kind")
        if self.check_names:
            _name_has_letters(where, text, "text")
        occurrence = _occurrence(where, obj, "occurrence")
        attributes = _attributes(where, obj)
        span = _anchor(
            where, document, text, occurrence, quote_field="text", occurrence_field="occurrence"
        )
        # The span's quote is the text and the document's id is the row's: sharing the strings
        # saves memory on large corpora.
        return CorpusMention(mention_id, document.id, span.quote, _KINDS[kind], span, attributes)

    def mentions(self, documents: Mapping[str, Document]) -> tuple[CorpusMention, ...]:
        path = self.root / MENTIONS
        if not _optional_file(path):
            return ()
        rows = self._checked(path, lambda w, o, seen: self._mention(w, o, seen, documents))
        return tuple(mention for _where, mention in rows)

    # --- claims

    def _evidence(
        self, where: _Where, obj: Mapping[str, Any], documents: Mapping[str, Document]
    ) -> tuple[Span, ...]:
        value = obj.get("evidence")
        if value is None:
            raise where.error(
                "missing (a list of {document, quote} objects is required)", "evidence"
            )
        if not isinstance(value, list):
            raise where.error(f"expected a list, got {_type_name(value)}", "evidence")
        if not value:
            raise where.error("a claim needs at least one piece of evidence", "evidence")
        spans: list[Span] = []
        for i, entry in enumerate(value):
            prefix = f"evidence[{i}]"
            if not isinstance(entry, dict):
                raise where.error(f"expected an object, got {_type_name(entry)}", prefix)
            _check_fields(where, entry, _EVIDENCE_FIELDS, f"{prefix}.")
            doc_id = _required_string(where, entry, "document", field=f"{prefix}.document")
            document = self._document_for(where, documents, doc_id, f"{prefix}.document")
            quote = _quote(_required_string(where, entry, "quote", field=f"{prefix}.quote"))
            occurrence = _occurrence(where, entry, f"{prefix}.occurrence")
            spans.append(
                _anchor(
                    where,
                    document,
                    quote,
                    occurrence,
                    quote_field=f"{prefix}.quote",
                    occurrence_field=f"{prefix}.occurrence",
                )
            )
        return tuple(spans)

    def _claim(
        self,
        where: _Where,
        obj: Mapping[str, Any],
        seen: dict[str, int],
        documents: Mapping[str, Document],
        mention_ids: set[str],
    ) -> Claim:
        _check_fields(where, obj, _CLAIM_FIELDS)
        claim_id = _record_id(where, obj, seen, self.skipped_ids[CLAIMS])
        subject = _required_string(where, obj, "subject")
        if subject not in mention_ids:
            skipped = self._was_skipped(MENTIONS, subject)
            if skipped is not None:
                raise where.error(
                    f"subject {subject!r} is a mention that was skipped ({skipped})", "subject"
                )
            raise where.error(
                f"subject {subject!r} is not a mention id in {MENTIONS}{self._absent(MENTIONS)}",
                "subject",
            )
        predicate = _required_string(where, obj, "predicate")
        value, is_mention = _claim_object(where, obj, mention_ids)
        literal = not is_mention and isinstance(obj.get("object"), str)
        skipped = self._was_skipped(MENTIONS, value) if literal else None
        if skipped is not None:  # read as a literal, it would silently say something else
            raise where.error(
                f"object {value!r} is a mention that was skipped ({skipped})", "object"
            )
        evidence = self._evidence(where, obj, documents)
        credibility = _credibility(where, obj)
        scope = _string(where, obj, "scope", required=False, empty=True) or ""
        return Claim(claim_id, subject, predicate, value, is_mention, evidence, credibility, scope)

    def claims(self, documents: Mapping[str, Document], mention_ids: set[str]) -> tuple[Claim, ...]:
        path = self.root / CLAIMS
        if not _optional_file(path):
            return ()
        rows = self._checked(
            path, lambda w, o, seen: self._claim(w, o, seen, documents, mention_ids)
        )
        return tuple(claim for _where, claim in rows)

    def all_skipped(self) -> tuple[SkippedRow, ...]:
        """The skipped rows in file order, each file by line."""
        return tuple(
            row for name in _FILES for row in sorted(self.skipped[name], key=lambda r: r.line)
        )


def load_corpus(
    path: str | Path,
    *,
    lenient: bool = False,
    check_names: bool = False,
    progress: Progress | None = None,
) -> Corpus:
    """Read and check a corpus directory; every error names its file, line and field.

    Documents come first (``documents.jsonl`` is required; derivation sources are checked
    once all are read), then mentions (anchored in their documents), then claims (subjects
    are mention ids, evidence quotes are anchored). Mention texts and evidence quotes are
    matched in the documents' text layer, so they are normalised the same way (NFC).

    With ``lenient``, bad rows are skipped instead of raising and listed in
    :attr:`Corpus.skipped`, with the rows that depended on them (see the module's notes);
    whole-file problems still raise.

    With ``check_names``, a mention whose text has no letter or digit (only spaces and
    punctuation, such as ``"--"``) is refused too: anchoring does not mind, but the name
    engine cannot compare it, so the resolve pipeline sets this to catch it here, with its
    line, rather than halfway through a run.

    ``progress``, if given, is called with a file's name and the number of its rows read
    so far, every :data:`PROGRESS_EVERY` rows and once at the end of each file.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputFormatError("not a corpus directory", file=str(root))
    loader = _Loader(root, lenient=lenient, check_names=check_names, progress=progress)
    documents = loader.documents()
    by_id = {d.id: d for d in documents}
    mentions = loader.mentions(by_id)
    claims = loader.claims(by_id, {m.id for m in mentions})
    return Corpus(root, documents, mentions, claims, loader.all_skipped())
