"""parse(): scripts, folding, surnames, titles, aliases, romanizations, keys and errors."""

from __future__ import annotations

import pytest
from tests.helpers import run_python

from sistercity_provenance import (
    EmptyNameError,
    InputError,
    NameKind,
    ParsedName,
    PartRole,
    SisterCityError,
    compare,
    parse,
)


def _roles(p: ParsedName) -> list[PartRole]:
    return [part.role for part in p.parts]


def _keys(p: ParsedName) -> dict[str, str]:
    return {k.system: k.value for k in p.keys}


def _first_readings(p: ParsedName, role: PartRole = PartRole.SURNAME) -> list[str]:
    """The primary reading of every unit of the first segmentation of each part of ``role``."""
    return [u.primary for part in p.parts if part.role is role for u in part.segmentations[0]]


# --- scripts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "scripts"),
    [
        ("毛泽东", {"han"}),
        ("毛澤東", {"han"}),
        ("Mao Zedong", {"latin"}),
        ("Máo Zédōng", {"latin"}),
        ("Lǚ Bùwéi", {"latin"}),
        ("Мао Цзэдун", {"other"}),
        ("毛泽东 Mao Zedong", {"han", "latin"}),
        ("毛泽东 Мао", {"han", "other"}),
    ],
)
def test_scripts(name: str, scripts: set[str]) -> None:
    assert parse(name).scripts == frozenset(scripts)


def test_original_is_kept_verbatim_and_normalized_is_tidy() -> None:
    p = parse("  Mao\u3000  Tse\u2010tung ")
    assert p.original == "  Mao\u3000  Tse\u2010tung "
    assert p.normalized == "Mao Tse-tung"


def test_kind_is_coerced_from_a_string() -> None:
    assert parse("北京", "place").kind is NameKind.PLACE
    assert parse("北京", NameKind.PLACE).kind is NameKind.PLACE
    assert parse("毛泽东").kind is NameKind.PERSON


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="animal"):
        parse("Wang Wei", "animal")


def test_fullwidth_latin_is_folded() -> None:
    p = parse("Ｍａｏ Ｚｅｄｏｎｇ")
    assert p.scripts == frozenset({"latin"})
    assert _keys(p)["mandarin"] == "mao ze dong"


# --- simplified / traditional ----------------------------------------------------------


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("毛泽东", "毛澤東"), ("邓小平", "鄧小平"), ("曾荫权", "曾蔭權"), ("林郑月娥", "林鄭月娥")],
)
def test_traditional_folds_to_simplified(simplified: str, traditional: str) -> None:
    s, t = parse(simplified), parse(traditional)
    assert s.han == t.han == simplified
    assert _keys(s)["han"] == _keys(t)["han"] == simplified
    assert _keys(s)["mandarin"] == _keys(t)["mandarin"]


def test_traditional_text_is_kept_in_parts() -> None:
    p = parse("毛澤東")
    assert p.surname == ("毛",)
    assert p.given == ("澤東",)
    assert p.parts[1].text == "澤東"
    assert [u.han for u in p.parts[1].segmentations[0]] == ["泽", "东"]


def test_han_person_name_splits_surname_and_given() -> None:
    p = parse("毛泽东")
    assert _roles(p) == [PartRole.SURNAME, PartRole.GIVEN]
    assert p.surname == ("毛",)
    assert p.given == ("泽东",)
    assert _first_readings(p, PartRole.GIVEN) == ["ze", "dong"]


# --- surname readings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("曾荫权", "zeng"),  # not ceng
        ("单雄信", "shan"),  # not dan
        ("解缙", "xie"),  # not jie
        ("仇英", "qiu"),  # not chou
        ("区家麟", "ou"),  # not qu
        ("朴槿惠", "piao"),  # not pu
        ("查良镛", "zha"),  # not cha
        ("翟志刚", "zhai"),  # not di
        ("乐嘉", "yue"),  # not le
        ("华国锋", "hua"),
    ],
)
def test_surname_characters_take_their_surname_reading(name: str, reading: str) -> None:
    p = parse(name)
    unit = p.parts[0].segmentations[0][0]
    assert p.parts[0].role is PartRole.SURNAME
    assert unit.primary == reading
    assert reading in unit.readings
    assert _keys(p)["mandarin"].split()[0] == reading


@pytest.mark.parametrize(
    ("name", "common"), [("解缙", "jie"), ("单雄信", "dan"), ("曾荫权", "ceng")]
)
def test_non_surname_readings_are_kept_aside(name: str, common: str) -> None:
    unit = parse(name).parts[0].segmentations[0][0]
    assert common not in unit.readings
    assert common in unit.other_readings


def test_surname_reading_applies_only_to_the_surname_position() -> None:
    # 曾 inside a given name keeps its ordinary readings.
    p = parse("王曾")
    given_unit = p.parts[1].segmentations[0][0]
    assert p.parts[1].role is PartRole.GIVEN
    assert given_unit.other_readings == frozenset()
    assert {"zeng", "ceng"} <= given_unit.readings


@pytest.mark.parametrize(
    ("name", "surname", "readings"),
    [
        ("欧阳修", "欧阳", ["ou", "yang"]),
        ("司马光", "司马", ["si", "ma"]),
        ("诸葛亮", "诸葛", ["zhu", "ge"]),
        ("尉迟恭", "尉迟", ["yu", "chi"]),
        ("歐陽修", "歐陽", ["ou", "yang"]),
    ],
)
def test_compound_surnames(name: str, surname: str, readings: list[str]) -> None:
    p = parse(name)
    assert p.surname == (surname,)
    assert len(p.surname[0]) == 2
    assert len(p.given[0]) == 1
    assert _first_readings(p) == readings


def test_married_double_surname() -> None:
    p = parse("林郑月娥")
    assert p.surname == ("林郑",)
    assert p.given == ("月娥",)
    assert _first_readings(p) == ["lin", "zheng"]


def test_single_surname_is_not_over_extended() -> None:
    p = parse("王伟")
    assert p.surname == ("王",)
    assert p.given == ("伟",)


# --- titles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "surname"),
    [
        ("Dr. Sun Yat-sen", "Dr.", "Sun"),
        ("Chairman Mao Zedong", "Chairman", "Mao"),
        ("Mr. Wang Wei", "Mr.", "Wang"),
    ],
)
def test_latin_prefix_titles_are_removed_but_kept(name: str, title: str, surname: str) -> None:
    p = parse(name)
    assert title in p.titles
    assert p.surname == (surname,)
    assert all(title not in part.text for part in p.parts)
    assert "words" in _keys(p)
    assert title.lower().rstrip(".") not in _keys(p)["words"].split()
    assert p.original == name


def test_several_prefix_titles() -> None:
    p = parse("Prof. Dr. Wang Wei")
    assert p.titles == ("Prof.", "Dr.")
    assert p.surname == ("Wang",)
    assert p.given == ("Wei",)


@pytest.mark.parametrize(
    ("name", "title", "han"),
    [
        ("王维先生", "先生", "王维"),
        ("张三先生", "先生", "张三"),
        ("习近平主席", "主席", "习近平"),
        ("主席毛泽东", "主席", "毛泽东"),
    ],
)
def test_han_titles_are_removed_but_kept(name: str, title: str, han: str) -> None:
    p = parse(name)
    assert title in p.titles
    assert p.han == han
    assert _keys(p)["han"] == han


@pytest.mark.parametrize(("name", "title"), [("王先生", "先生"), ("毛主席", "主席")])
def test_han_title_after_a_bare_surname(name: str, title: str) -> None:
    p = parse(name)
    assert title in p.titles
    assert p.han == name[0]
    assert p.surname == (name[0],)


def test_titles_are_only_taken_for_people() -> None:
    assert parse("Dr. Sun Yat-sen", "organization").titles == ()


# --- aliases: nicknames and Western given names ----------------------------------------


def test_quoted_nickname_is_kept_as_an_alias() -> None:
    p = parse('"Forest" Rong Lei')
    assert [(a.text, a.role) for a in p.aliases] == [("Forest", PartRole.NICKNAME)]
    assert p.surname == ("Rong",)
    assert p.given == ("Lei",)
    assert "forest" not in _keys(p)["mandarin"]
    assert all(part.text != "Forest" for part in p.core)


@pytest.mark.parametrize("quoted", ["“Forest” Rong Lei", "「Forest」Rong Lei"])
def test_other_quote_marks_for_nicknames(quoted: str) -> None:
    p = parse(quoted)
    assert [a.text for a in p.aliases] == ["Forest"]
    assert p.surname == ("Rong",)


@pytest.mark.parametrize(
    ("name", "western", "surname"),
    [
        ("Carrie Lam Cheng Yuet-ngor", "Carrie", "Lam"),
        ("John Lee Ka-chiu", "John", "Lee"),
        ("Donald Tsang Yam-kuen", "Donald", "Tsang"),
    ],
)
def test_western_given_names_are_kept_as_aliases(name: str, western: str, surname: str) -> None:
    p = parse(name)
    assert [(a.text, a.role) for a in p.aliases] == [(western, PartRole.WESTERN_GIVEN)]
    assert p.surname == (surname,)
    assert western not in p.given
    assert all(part.text != western for part in p.core)


def test_western_given_name_after_a_comma() -> None:
    p = parse("Lam, Carrie")
    assert p.surname == ("Lam",)
    assert [(a.text, a.role) for a in p.aliases] == [("Carrie", PartRole.WESTERN_GIVEN)]


def test_han_name_with_nickname_keeps_the_nickname() -> None:
    p = parse('"Forest" 荣磊')
    assert p.han == "荣磊"
    assert [(a.text, a.role) for a in p.aliases] == [("Forest", PartRole.NICKNAME)]


# --- initials --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "letters", "surname"),
    [
        ("T. D. Lee", ["t", "d"], "Lee"),
        ("C. Y. Leung", ["c", "y"], "Leung"),
        ("T.D. Lee", ["t", "d"], "Lee"),
    ],
)
def test_initials(name: str, letters: list[str], surname: str) -> None:
    p = parse(name)
    initials = [part for part in p.parts if part.role is PartRole.INITIALS]
    assert initials
    units = [u for part in initials for u in part.segmentations[0]]
    assert [u.text for u in units] == letters
    assert all(u.initial for u in units)
    assert p.surname == (surname,)
    assert p.given == ()


# --- romanizations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Mao Tse-tung", "Mao Tse Tung", "Mao Tsetung", "Mao Zedong", "Mao Ze-dong", "Máo Zédōng"],
)
def test_mao_reads_the_same_in_every_spelling(name: str) -> None:
    assert _keys(parse(name))["mandarin"] == "mao ze dong"


def test_wade_giles_is_recognised() -> None:
    p = parse("Mao Tse-tung")
    assert "wade-giles" in p.systems
    assert p.surname == ("Mao",)
    assert p.given == ("Tse-tung",)
    assert _first_readings(p, PartRole.GIVEN) == ["ze", "dong"]


@pytest.mark.parametrize("name", ["Teng Hsiao-p'ing", "Teng Hsiao-p’ing", "Teng Hsiao-pʼing"])
def test_wade_giles_aspiration_apostrophe(name: str) -> None:
    p = parse(name)
    assert _keys(p)["mandarin"] == "deng xiao ping"
    given = p.parts[1].segmentations[0]
    assert [u.text for u in given] == ["hsiao", "p'ing"]


def test_wade_giles_without_apostrophe_is_ambiguous_but_includes_the_right_reading() -> None:
    p = parse("Teng Hsiao-ping")
    assert p.surname == ("Teng",)
    given = p.parts[1].segmentations[0]
    assert given[0].readings == frozenset({"xiao"})
    assert {"ping", "bing"} <= given[1].readings


def test_wade_giles_umlaut() -> None:
    p = parse("Hsü Chih-mo")
    assert "xu" in p.parts[0].segmentations[0][0].readings


def test_apostrophe_separates_syllables() -> None:
    p = parse("Xi'an", "place")
    units = p.parts[0].segmentations[0]
    assert [u.primary for u in units] == ["xi", "an"]


@pytest.mark.parametrize(
    ("name", "han"),
    [("Zhang Zhian", "张志安"), ("Wang Xiaoai", "王晓爱"), ("Xu Huian", "许慧安")],
)
def test_a_given_name_with_its_apostrophe_left_out_is_read_as_pinyin(name: str, han: str) -> None:
    # no system reads Zhian as written; pinyin does as Zhi'an, and the surname is pinyin
    given = parse(name).parts[1]
    assert given.systems == ("pinyin",)
    assert compare(parse(name), parse(han)).same


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Teo Chee Hean", "Hean"),  # Chee is not pinyin: Hean is everyday Hokkien (贤)
        ("Lua Jien Kai", "Jien"),  # two such words: Hokkien (赖然凯), not lu'a ji'en
        ("Zhang Jiean", "Jiean"),  # jie'an: a syllable in e before a vowel is Hokkien's ea
        ("Kue Lei", "Kue"),  # gu'e: a lone vowel after a syllable is more often a misspelling
    ],
)
def test_an_apostrophe_is_not_read_into_a_name_that_is_not_pinyin(name: str, word: str) -> None:
    part = next(p for p in parse(name).parts if p.text == word)
    assert "pinyin" not in part.systems


def test_a_word_read_with_its_apostrophe_left_out_may_still_be_a_misspelling() -> None:
    # Leian reads lei'an, but may be Leihan with a letter dropped: the names are compared
    # by spelling too, as two names that are not surely Chinese are
    assert compare(parse("Nian Leian"), parse("Nian Leihan")).same
    assert compare(parse("Tan Weian"), parse("Weian Tan")).same
    # only people's names are read so: in an organisation's name FAO is not fa'o
    assert compare("Jilin FO", "Jilin FAO", "organization").same


@pytest.mark.parametrize(
    ("name", "primary"), [("Hsi-an", ["xi", "an"]), ("Ch'ang-an", ["chang", "an"])]
)
def test_a_hyphen_lets_a_syllable_start_with_a_vowel(name: str, primary: list[str]) -> None:
    # only inside a run-together piece must a vowel-initial syllable be marked off
    units = parse(name, "place").parts[0].segmentations[0]
    assert [u.primary for u in units] == primary
    assert all("wade-giles" in u.systems for u in units)


def test_run_together_word_may_also_read_as_two_syllables() -> None:
    p = parse("Xian", "place")
    readings = {tuple(u.primary for u in seg) for seg in p.parts[0].segmentations}
    assert ("xian",) in readings
    assert ("xi", "an") in readings


@pytest.mark.parametrize("name", ["Zhang Zhiwei", "Zhang Zhi Wei", "Zhang Zhi-wei", "ZHANG Zhiwei"])
def test_given_name_spacing_does_not_change_the_key(name: str) -> None:
    p = parse(name)
    assert _keys(p)["mandarin"] == "zhang zhi wei"
    assert p.surname[0].lower() == "zhang"


def test_upper_case_surname_last_is_the_surname() -> None:
    p = parse("Zhiwei ZHANG")
    assert p.surname == ("ZHANG",)
    assert p.given == ("Zhiwei",)


@pytest.mark.parametrize(
    ("name", "toned"),
    [("Máo Zé Dōng", ["mao2", "ze2", "dong1"]), ("Mao2 Ze2 Dong1", ["mao2", "ze2", "dong1"])],
)
def test_tone_marks_and_tone_numbers(name: str, toned: list[str]) -> None:
    p = parse(name)
    units = [u for part in p.core for u in part.segmentations[0]]
    assert [u.primary for u in units] == ["mao", "ze", "dong"]
    assert [set(u.toned) for u in units] == [{t} for t in toned]


def test_tone_numbers_in_a_run_together_word() -> None:
    p = parse("Mao2 Ze2dong1")
    units = [u for part in p.core for u in part.segmentations[0]]
    assert [u.primary for u in units] == ["mao", "ze", "dong"]
    assert [set(u.toned) for u in units] == [{"mao2"}, {"ze2"}, {"dong1"}]


def test_tone_marks_in_a_run_together_word() -> None:
    p = parse("Shǎnxī", "place")
    units = p.parts[0].segmentations[0]
    assert [u.primary for u in units] == ["shan", "xi"]
    assert [set(u.toned) for u in units] == [{"shan3"}, {"xi1"}]


def test_han_units_carry_tones() -> None:
    unit = parse("山西", "place").parts[0].segmentations[0][0]
    assert "shan1" in unit.toned


@pytest.mark.parametrize("name", ["Lü Buwei", "Lǚ Bùwéi", "Lv Buwei", "Lyu Buwei"])
def test_u_umlaut_spellings_read_as_lv(name: str) -> None:
    unit = parse(name).parts[0].segmentations[0][0]
    assert "lv" in unit.readings
    assert unit.primary == "lv"


def test_plain_lu_is_not_forced_to_lv() -> None:
    unit = parse("Lu Xun").parts[0].segmentations[0][0]
    assert "lu" in unit.readings


def test_lv_agrees_with_the_han_reading() -> None:
    assert _first_readings(parse("吕不韦")) == ["lv"]


def test_cantonese_spelling_is_read() -> None:
    p = parse("Tsang Yam-kuen")
    assert "cantonese" in p.systems
    assert p.surname == ("Tsang",)
    assert any("zeng" in seg[0].readings for seg in p.parts[0].segmentations)
    given = p.parts[1].segmentations[0]
    assert [u.text for u in given] == ["yam", "kuen"]
    assert "yin" in given[0].readings
    assert "quan" in given[1].readings


# --- keys ------------------------------------------------------------------------------


def test_han_name_has_han_and_mandarin_keys() -> None:
    keys = _keys(parse("毛泽东"))
    assert keys["han"] == "毛泽东"
    assert keys["mandarin"] == "mao ze dong"
    assert keys["mandarin-sorted"] == "dong mao ze"


def test_romanized_name_has_no_han_key() -> None:
    keys = _keys(parse("Mao Zedong"))
    assert "han" not in keys
    assert keys["mandarin"] == "mao ze dong"
    assert keys["words"] == "mao zedong"


def test_every_key_names_its_system() -> None:
    for name, kind in [
        ("毛泽东", "person"),
        ("Peking", "place"),
        ("Bank of China", "organization"),
    ]:
        for key in parse(name, kind).keys:
            assert key.system
            assert key.value


def test_organization_acronym_key() -> None:
    keys = _keys(parse("Overseas Chinese Affairs Office", "organization"))
    assert keys["acronym"] == "ocao"


def test_reordered_name_shares_the_sorted_key() -> None:
    a, b = parse("Mao Zedong"), parse("Zedong Mao")
    assert _keys(a)["mandarin-sorted"] == _keys(b)["mandarin-sorted"]


@pytest.mark.parametrize(
    ("name", "surname_reading"),
    [("Lee Ka-chiu", "li"), ("Tsang Yam-kuen", "zeng"), ("Chan Kwok-wai", "chen")],
)
def test_mandarin_key_of_a_cantonese_surname(name: str, surname_reading: str) -> None:
    assert _keys(parse(name))["mandarin"].split()[0] == surname_reading


# --- places ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "qualifier", "han"),
    [
        ("吉林省", "province", "吉林"),
        ("吉林市", "city", "吉林"),
        ("广西壮族自治区", "autonomous region", "广西壮族"),
        ("香港特别行政区", "sar", "香港"),
    ],
)
def test_han_place_qualifiers(name: str, qualifier: str, han: str) -> None:
    p = parse(name, "place")
    assert qualifier in p.qualifiers
    assert p.han == han


@pytest.mark.parametrize(
    ("name", "qualifier"),
    [("Jilin City", "city"), ("Jilin Province", "province"), ("City of Jilin", "city")],
)
def test_latin_place_qualifiers(name: str, qualifier: str) -> None:
    p = parse(name, "place")
    assert p.qualifiers == (qualifier,)
    assert _keys(p)["mandarin"] == "ji lin"


def test_two_character_place_keeps_its_last_character() -> None:
    # 沙市 is a city whose name ends in 市: nothing is left to strip it from.
    p = parse("沙市", "place")
    assert p.han == "沙市"
    assert p.qualifiers == ()


def test_parenthesised_qualifier() -> None:
    p = parse("Jilin (city)", "place")
    assert "city" in p.qualifiers


def test_qualifiers_are_not_taken_for_people() -> None:
    p = parse("吉林省")
    assert p.qualifiers == ()
    assert p.han == "吉林省"


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "!!!", "\t\n", "“”", "()", "-- . --", "\u200b"])
def test_empty_names_raise(name: str) -> None:
    with pytest.raises(EmptyNameError) as info:
        parse(name)
    assert info.value.name == name
    assert isinstance(info.value, InputError)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, SisterCityError)


def test_a_lone_title_is_kept_as_the_name() -> None:
    # Titles are only removed in front of a name; a title alone leaves a name to compare.
    p = parse("Mr.")
    assert p.titles == ()
    assert p.words == ("mr",)


@pytest.mark.parametrize("name", ["Mao", "毛", "X", "0 Wang"])
def test_short_names_do_not_raise(name: str) -> None:
    assert parse(name).original == name


def test_nickname_alone_is_not_empty() -> None:
    p = parse('"Forest"')
    assert [a.text for a in p.aliases] == ["Forest"]


# --- pypinyin's global dictionaries ---------------------------------------------------


def test_parse_does_not_touch_pypinyin_dictionaries() -> None:
    import pypinyin
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    sample_chars = [ord(c) for c in "曾单解仇区朴查翟乐华尉迟欧阳"]
    sample_phrases = [p for p in ("曾经", "单位", "解放", "音乐", "中华") if p in phrases_dict]
    before = (
        len(pinyin_dict),
        len(phrases_dict),
        {c: pinyin_dict.get(c) for c in sample_chars},
        {p: list(phrases_dict[p]) for p in sample_phrases},
    )
    lazy_before = pypinyin.lazy_pinyin("曾经单位解放音乐")
    names = [
        "曾荫权",
        "单雄信",
        "解缙",
        "仇英",
        "区家麟",
        "朴槿惠",
        "查良镛",
        "翟志刚",
        "乐嘉",
        "华国锋",
        "尉迟恭",
        "欧阳修",
        "林郑月娥",
        "曾經",
        "Tsang Yam-kuen",
        "Máo Zédōng",
    ]
    for name in names:
        parse(name)
        parse(name, "place")
        parse(name, "organization")
    after = (
        len(pinyin_dict),
        len(phrases_dict),
        {c: pinyin_dict.get(c) for c in sample_chars},
        {p: list(phrases_dict[p]) for p in sample_phrases},
    )
    assert after == before
    assert pypinyin.lazy_pinyin("曾经单位解放音乐") == lazy_before
    assert pypinyin.lazy_pinyin("曾经")[0] == "ceng"


def test_reading_han_loads_pypinyins_character_dictionary_alone() -> None:
    """The character dictionary is read without the rest of pypinyin (its phrase dictionary
    is 218,000 lists that every full garbage collection would walk)."""
    code = (
        "import sys\n"
        "from sistercity_provenance import parse\n"
        "assert parse('曾荫权').keys[1].value == 'zeng yin quan'\n"
        "print(sorted(m for m in sys.modules if m.startswith('pypinyin')))\n"
    )
    assert run_python(code).strip() == "[]"


def test_the_character_dictionary_read_alone_is_pypinyins() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    from sistercity_provenance.names import _readings

    assert _readings._pinyin_dict_module().pinyin_dict == pinyin_dict
    assert _readings._pinyin_dict() == pinyin_dict


@pytest.mark.parametrize(("name", "surname"), [("Hon Ming-ying", "Hon"), ("Tuan Wen-lin", "Tuan")])
def test_a_title_that_spells_a_surname_before_a_given_name_is_the_surname(
    name: str, surname: str
) -> None:
    # Hon (the Honourable; 韩 in Hong Kong) and Tuan (Malay "sir"; 段 in Wade-Giles)
    p = parse(name)
    assert p.titles == ()
    assert p.surname == (surname,)


@pytest.mark.parametrize("name", ["Hon. Ming-ying", "Hon Lee Ka-chiu", "Tuan Lim Boon Keng"])
def test_a_title_stays_a_title_with_a_full_stop_or_a_full_name_after_it(name: str) -> None:
    assert parse(name).titles


@pytest.mark.parametrize(
    ("name", "surname", "given"),
    [("Sam Yee-gin", "Sam", "Yee-gin"), ("Jîm Tsun-u", "Jîm", "Tsun-u")],
)
def test_a_western_name_that_spells_a_surname_before_a_given_name_is_the_surname(
    name: str, surname: str, given: str
) -> None:
    # 沈 is Sam in Hong Kong, 任 Jîm in Hokkien: without them the name would have no surname
    p = parse(name)
    assert p.surname == (surname,)
    assert p.given == (given,)


@pytest.mark.parametrize("name", ["Sam Lee", "Sam Lee Ka-chun", "Tony Leung Chiu-wai"])
def test_a_western_name_beside_a_surname_stays_a_western_name(name: str) -> None:
    first = name.split(maxsplit=1)[0]
    assert [x.role for x in parse(name).parts if x.text == first] == [PartRole.WESTERN_GIVEN]


@pytest.mark.parametrize("name", ["Xiamen", "Hsi-an", "Kim-mn̂g", "Xinjiang Uygur"])
def test_a_romanized_place_has_words_not_a_surname(name: str) -> None:
    p = parse(name, "place")
    assert p.surname == () and p.given == ()
    assert {part.role for part in p.core} == {PartRole.WORD}


@pytest.mark.parametrize("word", ["Wong", "Lim", "Keng"])
def test_a_syllable_of_nasals_is_read_only_as_a_piece_of_its_own(word: str) -> None:
    part = parse(f"Chan {word}").parts[-1]
    assert all(len(seg) == 1 for seg in part.segmentations), part.segmentations


@pytest.mark.parametrize(("name", "unit"), [("Ng Man-tat", "ng"), ("Kim-mn̂g", "mng")])
def test_a_syllable_of_nasals_alone_is_still_read(name: str, unit: str) -> None:
    units = {u.text for p in parse(name).parts for seg in p.segmentations for u in seg}
    assert unit in units
