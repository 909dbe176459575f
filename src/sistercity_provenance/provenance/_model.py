"""Frozen records of provenance: documents, derivations, spans, claims and grades."""

from __future__ import annotations

import enum
import hashlib
import unicodedata
from typing import Final

import attrs

__all__ = [
    "TEXT_LAYER_VERSION",
    "Claim",
    "Derivation",
    "Document",
    "Evidence",
    "Relation",
    "Span",
    "grade",
    "text_layer",
]

#: How a document's text is normalised before it is hashed and spans are counted in it:
#: byte-order mark removed, CRLF and CR turned into LF, Unicode NFC. Spans count code points
#: of this layer.
TEXT_LAYER_VERSION: Final = "nfc-lf-1"

_RELIABILITY: Final = frozenset("ABCDEF")


def text_layer(raw: str) -> str:
    """The normalised text layer of a document (see :data:`TEXT_LAYER_VERSION`).

    >>> text_layer("\\ufeffline one\\r\\nline two\\r")
    'line one\\nline two\\n'
    """
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Relation(enum.StrEnum):
    """How one document derives from another."""

    QUOTES = "quotes"
    TRANSLATES = "translates"
    SUMMARIZES = "summarizes"
    SCREENSHOT_OF = "screenshot_of"
    CITES = "cites"
    LEAKED_FROM = "leaked_from"
    PROVIDED_BY = "provided_by"


@attrs.frozen
class Derivation:
    """``document`` derives from ``source`` by ``relation``.

    ``reported`` is True when we know this only because a document says so (the article
    says the cable was leaked to it), False when we observed it ourselves.
    """

    document: str
    source: str
    relation: Relation = attrs.field(converter=Relation)
    reported: bool = False


def _reliability(value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip().upper()
    if value not in _RELIABILITY:
        msg = f"reliability must be one of A-F, got {value!r}"
        raise ValueError(msg)
    return value


@attrs.frozen
class Document:
    """A document with its normalised text layer and content hash."""

    id: str
    text: str
    sha256: str
    title: str = ""
    kind: str = ""
    language: str = ""
    date: str = ""
    issuer: str = ""
    recipient: str = ""
    reliability: str | None = attrs.field(default=None, converter=_reliability)
    derived_from: tuple[Derivation, ...] = ()
    text_version: str = TEXT_LAYER_VERSION

    @classmethod
    def from_text(cls, id: str, raw_text: str, **fields: object) -> Document:
        """Build a document from raw text: normalise the layer and hash it."""
        text = text_layer(raw_text)
        return cls(id=id, text=text, sha256=_sha256(text), **fields)  # type: ignore[arg-type]

    def hash_matches(self) -> bool:
        """Whether the stored hash is the hash of the stored text."""
        return _sha256(self.text) == self.sha256


@attrs.frozen
class Span:
    """Exact words of a document: quote, context and code-point offsets in its text layer."""

    document: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    document_sha256: str
    text_version: str = TEXT_LAYER_VERSION


@attrs.frozen
class Evidence:
    """A span that supports a claim."""

    span: Span


def _credibility(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 6:
        msg = f"credibility must be an integer from 1 to 6, got {value!r}"
        raise ValueError(msg)
    return value


@attrs.frozen
class Claim:
    """A statement about a subject, with the evidence spans that state it."""

    id: str
    subject: str  # a mention id
    predicate: str
    object: str  # a mention id or a literal value
    object_is_mention: bool
    evidence: tuple[Span, ...]
    credibility: int | None = attrs.field(default=None, converter=_credibility)
    scope: str = ""


def grade(reliability: str | None, credibility: int | None) -> str:
    """The combined Admiralty grade: source reliability (A-F) and credibility (1-6).

    Unknown parts are written as F (reliability cannot be judged) and 6 (truth cannot be
    judged), as the Admiralty system does.

    >>> grade("B", 2), grade(None, 3), grade("A", None)
    ('B2', 'F3', 'A6')
    """
    return f"{reliability or 'F'}{credibility or 6}"
