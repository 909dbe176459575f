"""Text layers, anchoring quotes as code-point spans, and re-anchoring in changed text."""

from __future__ import annotations

import hashlib

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sistercity_provenance import InputError
from sistercity_provenance.provenance import (
    TEXT_LAYER_VERSION,
    AmbiguousQuoteError,
    Document,
    QuoteNotFoundError,
    anchor,
    reanchor,
    text_layer,
)

TELEGRAM = (
    "On 6 July 2017 the consulate in Chicago sent a telegram to the Henan office. "
    "It asked the office about Rong Lei. A copy went to the embassy."
)

# Text for property tests: Latin, Han, punctuation, whitespace (with CR) and an emoji.
_ALPHABET = st.sampled_from([*"abcRLei 吉林省侨办芝加哥，。\n\r\t🙂é", "e\u0301"])
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=60).map("".join)


def _single(text: str, quote: str) -> bool:
    """Whether ``quote`` occurs exactly once in ``text``, overlaps included."""
    return bool(quote) and text.find(quote) >= 0 and text.find(quote) == text.rfind(quote)


# --- the text layer ---------------------------------------------------------------------------


def test_text_layer_strips_bom_and_unifies_line_ends() -> None:
    assert text_layer("\ufeffone\r\ntwo\rthree\n") == "one\ntwo\nthree\n"
    # A BOM is removed only at the very start; elsewhere it is text.
    assert text_layer("a\ufeffb") == "a\ufeffb"


def test_text_layer_composes_to_nfc() -> None:
    decomposed = "Re\u0301sume\u0301 of Rong Lei"
    assert text_layer(decomposed) == "Résumé of Rong Lei"
    assert len(text_layer(decomposed)) == len(decomposed) - 2


def test_documents_of_equivalent_raw_text_share_text_and_hash() -> None:
    plain = Document.from_text("d", "Résumé\nRong Lei\n")
    for raw in ("\ufeffRésumé\r\nRong Lei\r\n", "Re\u0301sume\u0301\rRong Lei\r"):
        other = Document.from_text("d", raw)
        assert (other.text, other.sha256) == (plain.text, plain.sha256)
    expected = hashlib.sha256("Résumé\nRong Lei\n".encode()).hexdigest()
    assert plain.sha256 == expected
    assert plain.text_version == TEXT_LAYER_VERSION
    assert plain.hash_matches()


def test_one_changed_byte_changes_the_hash() -> None:
    doc = Document.from_text("d", TELEGRAM)
    changed = Document.from_text("d", TELEGRAM.replace("2017", "2018"))
    assert doc.sha256 != changed.sha256
    # A document whose text was edited without re-hashing is caught.
    tampered = attrs.evolve(doc, text=doc.text[:-1] + "!")
    assert not tampered.hash_matches()


@given(raw=_TEXT)
def test_the_layer_of_a_layer_is_itself(raw: str) -> None:
    layer = text_layer(raw)
    assert text_layer(layer) == layer
    assert "\r" not in layer
    assert Document.from_text("d", layer).sha256 == Document.from_text("d", raw).sha256


def test_text_layer_is_idempotent_with_two_leading_byte_order_marks() -> None:
    layer = text_layer("\ufeff\ufeffRong Lei")
    assert text_layer(layer) == layer


# --- anchoring --------------------------------------------------------------------------------


def test_anchor_exact_quote() -> None:
    doc = Document.from_text("cable", TELEGRAM)
    span = anchor(doc, "about Rong Lei")
    assert (span.document, span.start, span.end) == ("cable", 97, 111)
    assert doc.text[span.start : span.end] == span.quote == "about Rong Lei"
    assert span.prefix == doc.text[span.start - 32 : span.start]
    assert span.suffix == doc.text[span.end : span.end + 32]
    assert span.document_sha256 == doc.sha256


def test_anchor_at_the_edges_has_short_context() -> None:
    doc = Document.from_text("d", "Rong Lei met them in Darwin")
    first, last = anchor(doc, "Rong"), anchor(doc, "Darwin")
    assert (first.start, first.prefix) == (0, "")
    assert (last.end, last.suffix) == (len(doc.text), "")


def test_anchor_picks_the_asked_occurrence() -> None:
    doc = Document.from_text("d", "Rong Lei wrote. Later Rong Lei called. Rong Lei left.")
    starts = [anchor(doc, "Rong Lei", occurrence=n).start for n in (1, 2, 3)]
    assert starts == [0, 22, 39]


def test_anchor_repeated_quote_without_occurrence_is_ambiguous() -> None:
    doc = Document.from_text("article", "Rong Lei wrote. Later Rong Lei called.")
    with pytest.raises(AmbiguousQuoteError) as info:
        anchor(doc, "Rong Lei")
    assert (info.value.document, info.value.quote, info.value.count) == ("article", "Rong Lei", 2)
    assert "'article'" in str(info.value)
    assert "'Rong Lei'" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_anchor_missing_quote_names_document_and_quote() -> None:
    doc = Document.from_text("invitation", "An invitation to a forum in Darwin.")
    with pytest.raises(QuoteNotFoundError) as info:
        anchor(doc, "forum in Perth")
    assert (info.value.document, info.value.quote) == ("invitation", "forum in Perth")
    assert "'invitation'" in str(info.value)
    assert "'forum in Perth'" in str(info.value)
    with pytest.raises(QuoteNotFoundError):
        anchor(doc, "")


def test_anchor_occurrence_out_of_range() -> None:
    doc = Document.from_text("d", "Rong Lei wrote. Rong Lei called.")
    for occurrence in (0, 3):
        with pytest.raises(InputError, match="occurs 2 time"):
            anchor(doc, "Rong Lei", occurrence=occurrence)


def test_offsets_count_code_points() -> None:
    # Han characters are 3 UTF-8 bytes; the emoji is 4 bytes and 2 UTF-16 units.
    before = "吉林省侨办收到邀请🙂 "
    doc = Document.from_text("d", before + "forum in Darwin, June 2018")
    span = anchor(doc, "Darwin")
    assert span.start == len(before) + len("forum in ") == 20
    assert span.start != len((before + "forum in ").encode("utf-8"))
    assert span.start != len((before + "forum in ").encode("utf-16-le")) // 2
    assert doc.text[span.start : span.end] == "Darwin"


def test_offsets_are_in_the_layer_not_the_raw_text() -> None:
    raw = "\ufeffLine one\r\nRe\u0301sume\u0301: Rong Lei"
    doc = Document.from_text("d", raw)
    span = anchor(doc, "Rong Lei")
    assert span.start == len("Line one\nRésumé: ")


# --- re-anchoring -----------------------------------------------------------------------------


def test_reanchor_in_the_same_document_is_unchanged() -> None:
    doc = Document.from_text("cable", TELEGRAM)
    span = anchor(doc, "about Rong Lei")
    result = reanchor(span, doc)
    assert (result.status, result.span) == ("unchanged", span)


def test_reanchor_after_whitespace_changes_moves_the_span() -> None:
    doc = Document.from_text("cable", TELEGRAM)
    span = anchor(doc, "asked the office about Rong Lei")
    # Re-extraction from a PDF: lines wrapped and double spaces.
    new_raw = TELEGRAM.replace("Henan office. ", "Henan office.\n\n").replace(
        "office about Rong", "office\nabout  Rong"
    )
    new = Document.from_text("cable", new_raw)
    result = reanchor(span, new)
    assert result.status == "moved"
    assert result.span is not None
    assert result.span.quote == "asked the office\nabout  Rong Lei"
    assert (result.span.start, result.span.end) == (span.start + 1, span.end + 2)
    assert new.text[result.span.start : result.span.end] == result.span.quote
    assert result.span.document_sha256 == new.sha256
    assert f"{span.start}-{span.end}" in result.detail


def test_reanchor_after_text_is_inserted_before_moves_the_span() -> None:
    doc = Document.from_text("cable", TELEGRAM)
    span = anchor(doc, "Rong Lei")
    added = "URGENT. "
    result = reanchor(span, Document.from_text("cable", added + TELEGRAM))
    assert result.status == "moved"
    assert result.span is not None
    assert (result.span.start, result.span.quote) == (span.start + len(added), "Rong Lei")


def test_reanchor_removed_sentence_is_orphaned() -> None:
    doc = Document.from_text("cable", TELEGRAM)
    span = anchor(doc, "It asked the office about Rong Lei.")
    shorter = Document.from_text(
        "cable", TELEGRAM.replace("It asked the office about Rong Lei. ", "")
    )
    result = reanchor(span, shorter)
    assert (result.status, result.span) == ("orphaned", None)
    assert "Rong Lei" in result.detail


def test_reanchor_picks_the_match_whose_context_agrees() -> None:
    doc = Document.from_text("d", "The consulate wrote about Rong Lei. The office replied.")
    span = anchor(doc, "Rong Lei")
    new = Document.from_text(
        "d", "Rong Lei is named first. The consulate wrote about Rong Lei. The office replied."
    )
    result = reanchor(span, new)
    assert result.status == "moved"
    assert result.span is not None
    assert result.span.start == new.text.rindex("Rong Lei")


def test_reanchor_two_equally_good_matches_is_ambiguous() -> None:
    doc = Document.from_text("d", "The consulate wrote about Rong Lei.")
    span = anchor(doc, "Rong Lei")
    twice = Document.from_text(
        "d", "The consulate wrote about Rong Lei. The consulate wrote about Rong Lei."
    )
    result = reanchor(span, twice)
    assert (result.status, result.span) == ("ambiguous", None)
    assert "2 times" in result.detail


def test_reanchor_double_spaced_reextraction_keeps_the_right_occurrence() -> None:
    text = "Rong Lei left. Rong Lei stayed."
    span = anchor(Document.from_text("d", text), "Rong Lei", occurrence=2)
    new = Document.from_text("d", text.replace(" ", "  "))
    result = reanchor(span, new)
    assert result.status == "moved"
    assert result.span is not None
    assert result.span.start == new.text.rindex("Rong  Lei")


@given(text=_TEXT, data=st.data())
def test_anchor_quote_is_the_text_at_its_offsets(text: str, data: st.DataObject) -> None:
    doc = Document.from_text("d", text)
    layer = doc.text
    assume(layer)
    start = data.draw(st.integers(0, len(layer) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(layer)), label="end")
    quote = layer[start:end]
    assume(_single(layer, quote))
    span = anchor(doc, quote)
    assert (span.start, span.end) == (start, end)
    assert span.quote == layer[span.start : span.end] == quote
    context = span.prefix + quote + span.suffix
    assert layer[start - len(span.prefix) : end + len(span.suffix)] == context
    assert reanchor(span, doc).status == "unchanged"


@given(text=_TEXT, added=_TEXT, data=st.data())
def test_reanchor_after_insertion_finds_the_shifted_quote(
    text: str, added: str, data: st.DataObject
) -> None:
    doc = Document.from_text("d", text)
    layer = doc.text
    assume(layer)
    start = data.draw(st.integers(0, len(layer) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(layer)), label="end")
    quote = layer[start:end]
    assume(not any(c.isspace() for c in quote))  # whitespace runs match loosely
    assume(_single(layer, quote))
    new = Document.from_text("d", text_layer(added) + layer)
    shift = len(new.text) - len(layer)
    assume(new.text[shift:] == layer)  # NFC did not join across the seam
    assume(_single(new.text, quote))
    result = reanchor(anchor(doc, quote), new)
    assert result.span is not None
    assert (result.span.start, result.span.quote) == (start + shift, quote)
    assert result.status == ("unchanged" if new.sha256 == doc.sha256 else "moved")
