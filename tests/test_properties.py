"""Properties of parse() and compare() over generated names (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from tests.strategies import (
    GIVEN_HAN,
    GIVEN_PINYIN,
    PINYIN,
    SURNAMES_HAN,
    any_name,
    chinese_names,
    dialect_and_mandarin_names,
    han_name_parts,
    kinds,
    named_things,
    romanized_name_parts,
    toned_pinyin_names,
)

from sistercity_provenance import EmptyNameError, NameKind, PartRole, compare, parse
from sistercity_provenance.names._readings import to_traditional


@given(st.text(), kinds)
@example("", "person")
@example("Mr.", "person")
@example('"Forest"', "person")
@example("\u0301\u200b\u0301", "place")
@example("王先生", "person")
@example("(((", "organization")
def test_parse_raises_only_empty_name_error(text: str, kind: str) -> None:
    try:
        p = parse(text, kind)
    except EmptyNameError as exc:
        assert exc.name == text
        return
    assert p.original == text
    assert p.kind is NameKind(kind)
    assert p.scripts <= {"han", "latin", "other"}
    for part in p.parts:
        assert isinstance(part.role, PartRole)


@given(st.text(), kinds)
def test_normalization_is_idempotent(text: str, kind: str) -> None:
    try:
        once = parse(text, kind).normalized
    except EmptyNameError:
        return
    assert parse(once, kind).normalized == once


@given(st.one_of(any_name, st.text(min_size=1, max_size=12)), kinds)
def test_parse_is_deterministic(name: str, kind: str) -> None:
    try:
        first = parse(name, kind)
    except EmptyNameError:
        return
    second = parse(name, kind)
    assert first.keys == second.keys
    assert first == second


@given(any_name, any_name, kinds)
def test_compare_is_symmetric_and_bounded(a: str, b: str, kind: str) -> None:
    ab, ba = compare(a, b, kind), compare(b, a, kind)
    assert 0.0 <= ab.score <= 1.0
    assert ab.score == pytest.approx(ba.score, abs=1e-9)
    assert ab.same == ba.same


@given(dialect_and_mandarin_names())
def test_compare_of_a_dialect_spelling_and_pinyin_is_symmetric_and_bounded(
    pair: tuple[str, str],
) -> None:
    a, b = pair
    ab, ba = compare(a, b, "person"), compare(b, a, "person")
    assert 0.0 <= ab.score <= 1.0
    assert ab.score == pytest.approx(ba.score, abs=1e-9)
    assert ab.same == ba.same


@given(named_things, named_things)
def test_compare_is_symmetric_for_places_and_organizations(
    x: tuple[str, str], y: tuple[str, str]
) -> None:
    (a, kind), (b, _other) = x, y
    ab, ba = compare(a, b, kind), compare(b, a, kind)
    assert 0.0 <= ab.score <= 1.0
    assert ab.score == pytest.approx(ba.score, abs=1e-9)
    assert ab.same == ba.same


@given(named_things)
def test_a_name_matches_itself(thing: tuple[str, str]) -> None:
    name, kind = thing
    c = compare(name, name, kind)
    assert c.same, c.explanation
    assert c.score == pytest.approx(1.0, abs=0.05)


@given(han_name_parts())
def test_han_name_matches_its_traditional_form(parts: tuple[str, str]) -> None:
    simplified = "".join(parts)
    traditional = to_traditional(simplified)
    c = compare(simplified, traditional)
    assert c.same, c.explanation
    assert parse(simplified).han == parse(traditional).han == simplified


@given(han_name_parts())
def test_han_surname_is_found(parts: tuple[str, str]) -> None:
    surname, given_name = parts
    p = parse(surname + given_name)
    assert p.surname == (surname,)
    assert p.given == (given_name,)


@given(romanized_name_parts())
def test_romanized_name_matches_its_reordered_form(parts: tuple[str, str]) -> None:
    surname, given_name = parts
    c = compare(f"{surname} {given_name}", f"{given_name} {surname}")
    assert c.same, c.explanation


@given(romanized_name_parts())
def test_upper_case_marks_the_surname_in_either_order(parts: tuple[str, str]) -> None:
    surname, given_name = parts
    assume(surname.upper() != surname)
    c = compare(f"{surname} {given_name}", f"{given_name} {surname.upper()}")
    assert c.same, c.explanation


@given(toned_pinyin_names())
def test_toned_pinyin_matches_its_toneless_form(name: str) -> None:
    import unicodedata

    plain = "".join(
        ch
        for ch in unicodedata.normalize("NFD", name)
        if not unicodedata.combining(ch) and not ch.isdigit()
    )
    c = compare(name, plain)
    assert c.same, c.explanation


@given(chinese_names | any_name, kinds)
def test_keys_are_deterministic_and_carry_a_system(name: str, kind: str) -> None:
    keys = parse(name, kind).keys
    assert keys == parse(name, kind).keys
    assert all(k.system and k.value for k in keys)
    systems = [k.system for k in keys]
    assert len(systems) == len(set(systems))


@given(chinese_names)
def test_han_names_have_a_han_and_a_mandarin_key(name: str) -> None:
    keys = {k.system: k.value for k in parse(name).keys}
    assert keys["han"] == parse(name).han
    assert len(keys["mandarin"].split()) == len(keys["han"])


_SINGLE_SURNAMES = [s for s in SURNAMES_HAN if len(s) == 1]


@given(
    st.sampled_from(_SINGLE_SURNAMES),
    st.sampled_from(_SINGLE_SURNAMES),
    st.lists(st.sampled_from(GIVEN_HAN), min_size=2, max_size=2).map("".join),
    st.booleans(),
)
def test_a_married_name_matches_her_own_name_and_not_her_husbands(
    husband: str, own: str, given_name: str, traditional: bool
) -> None:
    assume(husband != own)
    married, maiden = husband + own + given_name, own + given_name
    if traditional:
        married = to_traditional(married)
    forward, backward = compare(married, maiden), compare(maiden, married)
    assert forward.same and backward.same
    assert forward.score == backward.score < 1.0
    assert not compare(married, husband + given_name).same


@given(
    st.sampled_from(["John", "Carrie", "Tony", "Regina", "Peter"]),
    st.sampled_from(PINYIN),
    st.sampled_from(GIVEN_PINYIN),
)
def test_a_western_name_and_surname_match_the_full_name_but_a_title_does_not(
    western: str, surname: str, given_name: str
) -> None:
    short = f"{western} {surname.title()}"
    full = f"{short} {given_name.title()}"
    assert compare(short, full).same
    assert compare(short, full).score == compare(full, short).score
    assert not compare(f"President {surname.title()}", short).same


@given(st.one_of(st.text(st.characters(max_codepoint=127)), st.text(), any_name))
@example("Ch'en `Yi'")
@example("Zhōu Ēnlái")
def test_fold_latin_shortcut_folds_as_the_rule_does(text: str) -> None:
    from sistercity_provenance.names._text import _fold_decomposed, fold_latin

    assert fold_latin(text) == _fold_decomposed(text)


@given(
    st.one_of(
        chinese_names, st.text(st.characters(min_codepoint=0x3400, max_codepoint=0xFAFF)), st.text()
    )
)
@example("毛澤東")
@example("北京 市")
@example("\uf900")  # a compatibility ideograph: its own decomposition is another character
@example("\ufada")  # in a Han block but not assigned: not a word character
def test_alias_key_shortcut_for_han_only_text_is_what_folding_gives(text: str) -> None:
    """alias_key returns Han-only text as it is, skipping the rest of its rule: the text
    holds no tone mark, and folding and removing non-word characters leave it unchanged."""
    from sistercity_provenance.names._knowledge import _NON_WORD, _han_only
    from sistercity_provenance.names._text import _fold_decomposed, tone_of

    if _han_only(text):
        assert tone_of(text) is None
        assert _NON_WORD.sub("", _fold_decomposed(text)) == text


def test_han_only_text_is_told_from_text_that_folding_changes() -> None:
    from sistercity_provenance.names._knowledge import _han_only, alias_key

    assert _han_only("毛泽东")
    assert alias_key("毛澤東") == "毛泽东"
    assert not _han_only("北京 市")  # a space
    assert alias_key("北京 市") == "北京市"
    assert not _han_only("\uf900")  # a compatibility ideograph decomposes
    assert not _han_only("Zhōu")


@given(st.text())
@example("Chiuⁿ")  # POJ's superscript n, as the surname table writes it
@example("𝕎𝕒𝕟𝕘")
def test_folding_ignores_what_normalization_resolves(text: str) -> None:
    # names are NFKC-normalized before they are read; a table entry folded as written must
    # fold as the normalized name does, or it can never match one
    import unicodedata

    from sistercity_provenance.names._text import fold_latin

    assert fold_latin(text) == fold_latin(unicodedata.normalize("NFKC", text))
