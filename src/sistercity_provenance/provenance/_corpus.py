"""Loading a corpus directory: documents, the mentions in them and claims anchored to them.

A corpus is a directory holding ``documents.jsonl`` (required), ``mentions.jsonl`` and
``claims.jsonl`` (both optional). Every record is checked as it is read; anything wrong is
an :class:`~sistercity_provenance.InputFormatError` naming the file, the line and the field.
Loading reads only: nothing is written anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from sistercity_provenance._errors import InputError, InputFormatError
from sistercity_provenance.names import NameKind
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

__all__ = ["Corpus", "CorpusMention", "load_corpus"]

DOCUMENTS: Final = "documents.jsonl"
MENTIONS: Final = "mentions.jsonl"
CLAIMS: Final = "claims.jsonl"

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


def _index(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.id: item for item in items}


_T = TypeVar("_T")


@attrs.frozen
class Corpus:
    """The documents, mentions and claims of a corpus directory, all checked and anchored."""

    root: Path
    documents: tuple[Document, ...]
    mentions: tuple[CorpusMention, ...] = ()
    claims: tuple[Claim, ...] = ()
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


def _record_id(where: _Where, obj: Mapping[str, Any], seen: dict[str, int]) -> str:
    record_id = _required_string(where, obj, "id")
    first = seen.get(record_id)
    if first is not None:
        raise where.error(f"duplicate id {record_id!r} (first on line {first})", "id")
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


def _jsonl(path: Path) -> Iterator[tuple[_Where, dict[str, Any]]]:
    # bench pulls in the resolver (pandas, recordlinkage): import it only when loading.
    from sistercity_provenance.bench._io import read_jsonl  # noqa: PLC0415

    for lineno, obj in read_jsonl(path):
        yield _Where(str(path), lineno), obj


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
    if not target.is_file():
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
        allowed = ", ".join(r.value for r in Relation)
        if relation is None:
            raise where.error(f"missing; one of {allowed}", f"{prefix}.relation")
        if not isinstance(relation, str) or relation not in {r.value for r in Relation}:
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


def _load_documents(root: Path) -> tuple[Document, ...]:
    path = root / DOCUMENTS
    if not path.is_file():
        problem = (
            f"{DOCUMENTS} is required in a corpus directory and was not found in {str(root)!r}"
        )
        raise InputFormatError(problem, file=str(path))
    seen: dict[str, int] = {}
    documents: list[Document] = []
    pending: list[tuple[_Where, str, str]] = []  # (where, field, source) to check at the end
    for where, obj in _jsonl(path):
        _check_fields(where, obj, _DOCUMENT_FIELDS)
        doc_id = _record_id(where, obj, seen)
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
            raw = _read_text_file(where, root, name)
        assert raw is not None
        fields["reliability"] = _reliability(where, obj)
        derivations = _derivations(where, obj, doc_id)
        pending.extend((where, field, d.source) for d, field in derivations)
        fields["derived_from"] = tuple(d for d, _field in derivations)
        documents.append(Document.from_text(doc_id, raw, **fields))
    for where, field, source in pending:
        if source not in seen:
            raise where.error(f"derives from {source!r}, which is not in {DOCUMENTS}", field)
    return tuple(documents)


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


def _load_mentions(root: Path, documents: Mapping[str, Document]) -> tuple[CorpusMention, ...]:
    path = root / MENTIONS
    if not _optional_file(path):
        return ()
    seen: dict[str, int] = {}
    mentions: list[CorpusMention] = []
    kinds = ", ".join(k.value for k in NameKind)
    for where, obj in _jsonl(path):
        _check_fields(where, obj, _MENTION_FIELDS)
        mention_id = _record_id(where, obj, seen)
        doc_id = _required_string(where, obj, "document")
        document = documents.get(doc_id)
        if document is None:
            raise where.error(f"document {doc_id!r} is not in {DOCUMENTS}", "document")
        text = _quote(_required_string(where, obj, "text"))
        kind = obj.get("kind")
        if kind is None:
            raise where.error(f"missing; one of {kinds}", "kind")
        if not isinstance(kind, str) or kind not in {k.value for k in NameKind}:
            raise where.error(f"unknown kind {kind!r}; one of {kinds}", "kind")
        occurrence = _occurrence(where, obj, "occurrence")
        attributes = _attributes(where, obj)
        span = _anchor(
            where, document, text, occurrence, quote_field="text", occurrence_field="occurrence"
        )
        mentions.append(CorpusMention(mention_id, doc_id, text, NameKind(kind), span, attributes))
    return tuple(mentions)


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


def _evidence(
    where: _Where, obj: Mapping[str, Any], documents: Mapping[str, Document]
) -> tuple[Span, ...]:
    value = obj.get("evidence")
    if value is None:
        raise where.error("missing (a list of {document, quote} objects is required)", "evidence")
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
        document = documents.get(doc_id)
        if document is None:
            raise where.error(f"document {doc_id!r} is not in {DOCUMENTS}", f"{prefix}.document")
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


def _load_claims(
    root: Path, documents: Mapping[str, Document], mention_ids: set[str]
) -> tuple[Claim, ...]:
    path = root / CLAIMS
    if not _optional_file(path):
        return ()
    seen: dict[str, int] = {}
    claims: list[Claim] = []
    for where, obj in _jsonl(path):
        _check_fields(where, obj, _CLAIM_FIELDS)
        claim_id = _record_id(where, obj, seen)
        subject = _required_string(where, obj, "subject")
        if subject not in mention_ids:
            raise where.error(f"subject {subject!r} is not a mention id in {MENTIONS}", "subject")
        predicate = _required_string(where, obj, "predicate")
        value, is_mention = _claim_object(where, obj, mention_ids)
        evidence = _evidence(where, obj, documents)
        credibility = _credibility(where, obj)
        scope = _string(where, obj, "scope", required=False, empty=True) or ""
        claims.append(
            Claim(claim_id, subject, predicate, value, is_mention, evidence, credibility, scope)
        )
    return tuple(claims)


def load_corpus(path: str | Path) -> Corpus:
    """Read and check a corpus directory; every error names its file, line and field.

    Documents come first (``documents.jsonl`` is required; derivation sources are checked
    once all are read), then mentions (anchored in their documents), then claims (subjects
    are mention ids, evidence quotes are anchored). Mention texts and evidence quotes are
    matched in the documents' text layer, so they are normalised the same way (NFC).
    """
    root = Path(path)
    if not root.is_dir():
        raise InputFormatError("not a corpus directory", file=str(root))
    documents = _load_documents(root)
    by_id = {d.id: d for d in documents}
    mentions = _load_mentions(root, by_id)
    claims = _load_claims(root, by_id, {m.id for m in mentions})
    return Corpus(root, documents, mentions, claims)
