"""Anchoring spans in a document's text layer, and re-anchoring when the text changes."""

from __future__ import annotations

import re
from typing import Final

import attrs

from sistercity_provenance._errors import InputError
from sistercity_provenance.provenance._model import TEXT_LAYER_VERSION, Document, Span

__all__ = ["AmbiguousQuoteError", "QuoteNotFoundError", "Reanchored", "anchor", "reanchor"]

#: Characters of context kept on each side of a quote.
CONTEXT: Final = 32


class QuoteNotFoundError(InputError, ValueError):
    """A quote does not occur in the document it is said to come from."""

    def __init__(self, document: str, quote: str) -> None:
        self.document = document
        self.quote = quote
        super().__init__(f"document {document!r}: quote not found: {quote!r}")


class AmbiguousQuoteError(InputError, ValueError):
    """A quote occurs several times and nothing says which occurrence is meant."""

    def __init__(self, document: str, quote: str, count: int) -> None:
        self.document = document
        self.quote = quote
        self.count = count
        super().__init__(
            f"document {document!r}: quote occurs {count} times; give 'occurrence' "
            f"(1 to {count}): {quote!r}"
        )


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    start = text.find(quote)
    while start >= 0:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def _span(document: Document, start: int, end: int) -> Span:
    text = document.text
    return Span(
        document=document.id,
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        document_sha256=document.sha256,
        text_version=TEXT_LAYER_VERSION,
    )


def anchor(document: Document, quote: str, occurrence: int | None = None) -> Span:
    """The span of ``quote`` in ``document``.

    ``occurrence`` (1-based) picks among repeats; without it a repeated quote is an error.

    >>> doc = Document.from_text("d1", "Rong Lei met the delegation. Rong Lei spoke.")
    >>> anchor(doc, "Rong Lei", occurrence=2).start
    29
    """
    if not quote:
        raise QuoteNotFoundError(document.id, quote)
    starts = _occurrences(document.text, quote)
    if not starts:
        raise QuoteNotFoundError(document.id, quote)
    if occurrence is None:
        if len(starts) > 1:
            raise AmbiguousQuoteError(document.id, quote, len(starts))
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        msg = (
            f"document {document.id!r}: occurrence {occurrence} of {quote!r} asked, "
            f"it occurs {len(starts)} time(s)"
        )
        raise InputError(msg)
    start = starts[occurrence - 1]
    return _span(document, start, start + len(quote))


@attrs.frozen
class Reanchored:
    """The outcome of re-anchoring a span in a new version of its document."""

    span: Span | None  # None when the quote can no longer be found: an orphan
    status: str  # "unchanged", "moved", "orphaned" or "ambiguous"
    detail: str = ""


def _loose_pattern(quote: str) -> re.Pattern[str]:
    """The quote with every run of whitespace matching any run of whitespace."""
    parts = [re.escape(p) for p in quote.split()]
    return re.compile(r"\s+".join(parts))


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _context_score(text: str, start: int, end: int, span: Span) -> int:
    """How many sides (0-2) of a match have the words the span had around it.

    Windows are taken wide and compared with whitespace squeezed, so that re-extraction
    that widens or narrows whitespace does not hide the context.
    """
    width = 4 * CONTEXT
    before = _squeeze(text[max(0, start - width) : start])
    after = _squeeze(text[end : end + width])
    prefix, suffix = _squeeze(span.prefix)[-16:], _squeeze(span.suffix)[:16]
    score = 0
    if prefix and before.endswith(prefix):
        score += 1
    if suffix and after.startswith(suffix):
        score += 1
    return score


def reanchor(span: Span, document: Document) -> Reanchored:
    """Find ``span``'s quote again in a new text layer of its document.

    The quote is matched exactly, then with whitespace runs treated as equal (re-extracted
    text). Among several matches, the one whose surrounding words match the span's prefix
    and suffix wins; a tie is reported as ambiguous, never resolved silently. A quote that
    is no longer there is reported as orphaned.
    """
    text = document.text
    if document.sha256 == span.document_sha256 and text[span.start : span.end] == span.quote:
        return Reanchored(span, "unchanged")
    candidates = [(m.start(), m.end()) for m in _loose_pattern(span.quote).finditer(text)]
    if not span.quote.strip() or not candidates:
        return Reanchored(None, "orphaned", f"quote no longer in {document.id!r}: {span.quote!r}")
    scored = sorted(
        ((_context_score(text, s, e, span), -abs(s - span.start), s, e) for s, e in candidates),
        reverse=True,
    )
    best = scored[0]
    if len(scored) > 1 and scored[1][0] == best[0]:
        return Reanchored(
            None,
            "ambiguous",
            f"quote found {len(scored)} times in {document.id!r} and the context does not "
            f"tell which: {span.quote!r}",
        )
    new = _span(document, best[2], best[3])
    return Reanchored(new, "moved", f"offsets {span.start}-{span.end} → {new.start}-{new.end}")
