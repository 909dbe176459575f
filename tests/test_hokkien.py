"""Hokkien spellings (Pe̍h-ōe-jī and Tâi-lô) read against characters and other spellings."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sistercity_provenance import compare, parse
from sistercity_provenance.names import NameKind
from sistercity_provenance.names import _readings as rd
from sistercity_provenance.resolve import Mention, Resolver
from sistercity_provenance.resolve._keys import blocking_keys


@pytest.mark.parametrize(
    ("poj", "tailo"),
    [
        ("chhiong", "tshiong"),
        ("chiong", "tsiong"),
        ("hoa", "hua"),
        ("koe", "kue"),
        ("seng", "sing"),
        ("tek", "tik"),
        ("siaun", "siaunn"),  # POJ's superscript n is folded to n by NFKC
        ("o", "oo"),  # POJ o͘ once its dot is folded away
    ],
)
def test_poj_and_tailo_spellings_have_one_form(poj: str, tailo: str) -> None:
    assert rd.hokkien_canonical(poj) == rd.hokkien_canonical(tailo)


@given(st.text(alphabet="abceghiklmnoprstu", max_size=14))
def test_one_form_is_a_fixed_point(spelling: str) -> None:
    once = rd.hokkien_canonical(spelling)
    assert rd.hokkien_canonical(once) == once


def test_every_reading_of_the_table_keeps_its_form_when_written_in_poj() -> None:
    table = rd._hokkien_table()
    assert len(table) > 4000
    for readings in table.values():
        for tailo in readings:
            poj = rd.hokkien_poj(tailo)
            assert rd.hokkien_canonical(poj) == rd.hokkien_canonical(tailo), (tailo, poj)


def test_characters_carry_their_hokkien_readings_in_both_scripts() -> None:
    assert rd.char_hokkien("门") == rd.char_hokkien("門") == {"bun", "mng"}
    assert "pak" in rd.char_hokkien("北")
    assert "kim" in rd.char_hokkien("金")


def test_a_word_with_a_combining_mark_stays_one_word() -> None:
    # n̂ has no precomposed letter: the mark must not split the word in two
    p = parse("Kim-mn̂g", NameKind.PLACE)
    assert [part.text for part in p.core] == ["Kim-mn̂g"]
    assert p.systems == ("hokkien",)


@pytest.mark.parametrize(
    ("latin", "han"),
    [
        ("Tâi-pak", "臺北"),
        ("Tâi-pak", "台北"),
        ("Lo̍k-káng", "鹿港"),  # the vertical line of tone 8
        ("Ko-hiông", "高雄"),
        ("Tām-tsuí", "淡水"),  # Tâi-lô
        ("Tām-chúi", "淡水"),  # POJ
        ("Tsiong-huà", "彰化"),
        ("Chiong-hòa", "彰化"),
        ("Kim-mng", "金门"),  # no marks, but mng is a syllable only in Hokkien
    ],
)
def test_hokkien_place_names_match_their_characters(latin: str, han: str) -> None:
    c = compare(parse(latin, NameKind.PLACE), parse(han, NameKind.PLACE))
    assert c.same, c.steps
    assert any("Hokkien" in step for step in c.steps)


def test_hokkien_person_name_matches_its_characters() -> None:
    c = compare(parse("Lîm Bûn-hiông"), parse("林文雄"))
    assert c.same, c.steps


@pytest.mark.parametrize(
    ("latin", "han"),
    [
        ("Tâi-pak", "臺南"),
        ("Tām-tsuí", "淡江"),
        ("Lo̍k-káng", "香港"),
        ("Lîm Bûn-hiông", "林文华"),
        # no near spelling: tiong is not tong (东), tshiong not king (京)
        ("Tîong-san", "唐山"),
        ("Lâm-tshiong", "南京"),
        ("Thâi-tiong", "台东"),
    ],
)
def test_the_characters_decide_against_a_hokkien_spelling(latin: str, han: str) -> None:
    kind = NameKind.PERSON if " " in latin else NameKind.PLACE
    assert not compare(parse(latin, kind), parse(han, kind)).same


def test_poj_and_tailo_spellings_of_one_name_match() -> None:
    c = compare(parse("Chiong-hòa", NameKind.PLACE), parse("Tsiong-huà", NameKind.PLACE))
    assert c.same
    assert any("POJ" in step for step in c.steps)


def test_a_hokkien_spelling_meets_pinyin_through_characters() -> None:
    c = compare(parse("Lo̍k-káng", NameKind.PLACE), parse("Lùgǎng", NameKind.PLACE))
    assert c.same, c.steps


def test_hokkien_tone_marks_are_not_read_as_mandarin_tones() -> None:
    # tone marks decide between two pinyin names; a Hokkien acute is another tone system
    units = [u for p in parse("Lo̍k-káng", NameKind.PLACE).core for u in p.segmentations[0]]
    assert units and not any(u.toned for u in units)
    assert compare(parse("Lo̍k-káng", NameKind.PLACE), parse("Lùgǎng", NameKind.PLACE)).same


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hopeh", "Hubei"), ("Ho-pei", "Hu-pei"), ("Hopei", "Húběi")],
)
def test_unmarked_words_of_other_systems_are_not_read_as_hokkien(a: str, b: str) -> None:
    # ho is a Hokkien syllable of 虎 (hóo: o and oo fall together): read so, Hebei would be Hubei
    assert "hokkien" not in parse(a, NameKind.PLACE).systems
    assert not compare(parse(a, NameKind.PLACE), parse(b, NameKind.PLACE)).same


def test_pinyin_with_tone_marks_stays_pinyin() -> None:
    assert parse("Lùgǎng", NameKind.PLACE).systems == ("pinyin",)


def test_hokkien_spelling_and_characters_share_a_blocking_key() -> None:
    latin = blocking_keys("Lo̍k-káng", NameKind.PLACE)
    han = blocking_keys("鹿港", NameKind.PLACE)
    assert {k for k in latin & han if "|hokkien|" in k}


@pytest.mark.parametrize(("hokkien", "mandarin"), [("Lo̍k-káng", "Lùgǎng"), ("Tâi-lâm", "Tainan")])
def test_hokkien_place_shares_a_key_with_its_mandarin_spelling(hokkien: str, mandarin: str) -> None:
    # its usual Mandarin reading is a guess (lok is 鹿 but also 落, 乐 ...): it is indexed
    # under the readings of every common character its syllables spell
    shared = blocking_keys(hokkien, NameKind.PLACE) & blocking_keys(mandarin, NameKind.PLACE)
    assert {k for k in shared if "|coarse|" in k}


def test_resolver_joins_hokkien_pinyin_and_characters() -> None:
    names = ["鹿港", "Lo̍k-káng", "Lùgǎng", "淡水"]
    mentions = [
        Mention(id=f"m{i}", name=n, kind="place", document=f"d{i}") for i, n in enumerate(names)
    ]
    result = Resolver().resolve(mentions)
    of = result.entity_of
    assert of["m0"] == of["m1"] == of["m2"]
    assert of["m3"] != of["m0"]


_READABLE = sorted(
    ch
    for ch, readings in rd._hokkien_table().items()
    if readings and len(ch) == 1 and rd.is_common_char(ch)
)


def _marked(syllable: str) -> str:
    """The syllable capitalised, with a circumflex (tone 5) on its first vowel: a Hokkien
    mark."""
    word = syllable.title()
    at = next((i for i, c in enumerate(word) if c in "aeiou"), len(word) - 1)
    return unicodedata.normalize("NFC", word[: at + 1] + "\u0302" + word[at + 1 :])


@given(st.sampled_from(_READABLE), st.sampled_from(_READABLE), st.booleans(), st.data())
def test_any_two_characters_match_their_hokkien_spelling(
    c1: str, c2: str, poj: bool, data: st.DataObject
) -> None:
    spelled = []
    for ch in (c1, c2):
        tailo = data.draw(st.sampled_from(rd._hokkien_table()[ch]))
        spelled.append(rd.hokkien_poj(tailo) if poj else tailo)
    latin = f"{_marked(spelled[0])}-{spelled[1]}"
    c = compare(parse(latin, NameKind.PLACE), parse(c1 + c2, NameKind.PLACE))
    assert c.same, (latin, c1 + c2, c.steps)


def test_a_name_read_as_hokkien_has_a_hokkien_key() -> None:
    keys = {k.system: k.value for k in parse("Lo̍k-káng", NameKind.PLACE).keys}
    assert keys["hokkien"] == "lok kang"
    poj = {k.system: k.value for k in parse("Chiong-hòa", NameKind.PLACE).keys}
    tailo = {k.system: k.value for k in parse("Tsiong-huà", NameKind.PLACE).keys}
    assert poj["hokkien"] == tailo["hokkien"] == "tsiong hua"
    assert "hokkien" not in {k.system for k in parse("鹿港", NameKind.PLACE).keys}
    assert "hokkien" not in {k.system for k in parse("Lùgǎng", NameKind.PLACE).keys}


# Everyday spellings: Hokkien names as written in Singapore or Malaysia, without marks.


@pytest.mark.parametrize(
    ("tailo", "spelling"),
    [
        ("tshing", "cheng"),  # tsh is ch, ing is eng
        ("tsok", "chok"),
        ("bun", "boon"),  # u is oo
        ("tsi", "chee"),  # i is ee
        ("kiat", "keat"),  # ia is ea
        ("kinn", "kee"),  # the nasal is dropped
        ("kueh", "kwe"),  # the glottal h may be dropped...
        ("kueh", "kueh"),  # ... or kept
        ("iu", "yew"),  # no initial: a first i before a vowel is y
        ("uan", "wan"),  # and a first u is w
        ("khing", "keng"),  # aspiration is not written
    ],
)
def test_everyday_spellings_of_a_hokkien_syllable(tailo: str, spelling: str) -> None:
    assert spelling in rd.hokkien_everyday(tailo)


def test_everyday_spellings_do_not_write_the_nasal_as_an_n() -> None:
    # 平 is pînn as well as pîng: "pin" would be a wrong spelling of the nasal syllable
    assert "pin" not in rd.hokkien_everyday("pinn")
    assert "pin" not in rd.char_hokkien_everyday("平")


@given(st.text(alphabet="abceghiklmnoprstuy", min_size=1, max_size=10))
def test_everyday_spellings_are_lowercase_letters(tailo: str) -> None:
    for spelling in rd.hokkien_everyday(tailo):
        assert spelling and spelling.isascii() and spelling.isalpha() and spelling.islower()


def test_every_everyday_spelling_reads_back_as_its_reading() -> None:
    # the blocking keys of a romanized name read its spellings back (everyday_readings):
    # a spelling that did not would leave the name without the key its characters have
    for readings in rd._hokkien_table().values():
        for tailo in readings:
            for spelling in rd.hokkien_everyday(tailo):
                assert rd.hokkien_canonical(tailo) in rd.everyday_readings(spelling), (
                    tailo,
                    spelling,
                )


@pytest.mark.parametrize(
    ("latin", "han"),
    [
        ("Tan Kah Kee", "陳嘉庚"),
        ("Lim Boon Keng", "林文慶"),
        ("Ong Teng Cheong", "王鼎昌"),
        ("Tan Cheng Bock", "陈清木"),
        ("Khaw Boon Wan", "許文遠"),
        ("Teo Chee Hean", "张志贤"),
    ],
)
def test_everyday_hokkien_spellings_of_people_match_their_characters(latin: str, han: str) -> None:
    c = compare(parse(latin), parse(han))
    assert c.same, c.steps
    assert any("everyday spelling" in step for step in c.steps)


@pytest.mark.parametrize(
    ("latin", "han", "kind"),
    [
        ("Tan Kah Kee", "陳嘉明", NameKind.PERSON),  # the characters decide
        ("Tan Cheng Bock", "陈清水", NameKind.PERSON),
        # a given name is in everyday Hokkien throughout or not at all: qing is pinyin
        ("Tan Qing Bock", "陈清木", NameKind.PERSON),
        # the surname goes by the surname table: i is not a spelling of the surname 于
        ("Yen I-Ying", "于英轩", NameKind.PERSON),
        # places are not read so: lai is a Hokkien reading of 内, but kong is not one of 江
        ("Lai-Kong", "内江", NameKind.PLACE),
    ],
)
def test_everyday_hokkien_spellings_do_not_match_other_characters(
    latin: str, han: str, kind: NameKind
) -> None:
    assert not compare(parse(latin, kind), parse(han, kind)).same


def test_a_dialect_spelled_chinese_name_is_not_heard_as_a_foreign_name() -> None:
    # Hoe is a surname spelling and Chi-Eng a dialect given name: not a transliteration
    # whose pinyin (he chen kai) merely sounds alike
    assert not compare(parse("Hoe Chi Eng"), parse("何晨凯")).same
    assert compare(parse("Obama"), parse("奥巴马")).same  # a foreign name still is


@pytest.mark.parametrize(
    ("latin", "han"),
    [("Tan Kah Kee", "陳嘉庚"), ("Lim Boon Keng", "林文慶"), ("Teo Chee Hean", "张志贤")],
)
def test_everyday_hokkien_spelling_shares_a_hokkien_key_with_its_characters(
    latin: str, han: str
) -> None:
    # a common surname's block is large and walked in order: this key is the sure meeting
    shared = blocking_keys(latin, NameKind.PERSON) & blocking_keys(han, NameKind.PERSON)
    assert {k for k in shared if "|hokkien|" in k}


def test_a_mandarin_spelling_has_no_everyday_hokkien_key() -> None:
    # hong and tong are also everyday Hokkien spellings (洪, 栋), but every syllable of these
    # given names reads in pinyin: the name is keyed as Mandarin
    for name in ("Lin Hong", "Lin Tong"):
        assert not {k for k in blocking_keys(name, NameKind.PERSON) if "|hokkien|" in k}
    assert {k for k in blocking_keys("Lim Boon Hong", NameKind.PERSON) if "|hokkien|" in k}


@pytest.mark.parametrize(
    ("reading", "coarse"), [("tshing", "tsing"), ("khah", "ka"), ("phin", "pin"), ("ng", "ng")]
)
def test_hokkien_keys_leave_out_what_everyday_spelling_does(reading: str, coarse: str) -> None:
    assert rd.hokkien_coarse(reading) == coarse


def test_a_surname_written_with_poj_superscript_n_is_read_as_a_surname() -> None:
    # the surname table writes 蒋 and 郑 Chiuⁿ and Teⁿ; a name is normalized to Chiun, Ten
    assert compare(parse("Chiuⁿ Sin-su"), parse("蒋信思")).same
    assert parse("Teⁿ Chun-ee").surname == ("Ten",)


def test_a_name_spelled_in_mandarin_throughout_is_not_read_as_everyday_hokkien() -> None:
    # He is an everyday Hokkien spelling of 霞, but Liu He is spelled in pinyin throughout
    c = compare(parse("Liu He"), parse("刘霞"))
    assert not c.same
    assert "spelled in Mandarin" in c.explanation
    # a surname met through its dialect spelling (Tan, 陈) shows the name is Hokkien
    assert compare(parse("Tan Bin Hong"), parse("陈敏宏")).same


@pytest.mark.parametrize(
    ("hokkien", "mandarin", "character"),
    [
        ("Goh Keng Swee", "Wu Qingrui", "瑞"),
        ("Goh Keng Swee", "Wu Ch'ing-jui", "瑞"),  # Wade-Giles on the Mandarin side
        ("Goh Keng Swee", "Wú Qìngruì", "瑞"),
        ("Lim Boon Keng", "Lin Wenqing", "文"),
        ("Khaw Boon Wan", "Xu Wenyuan", "文"),
    ],
)
def test_an_everyday_hokkien_name_meets_its_mandarin_romanization(
    hokkien: str, mandarin: str, character: str
) -> None:
    # no characters on either side: the given names meet through characters that both
    # spellings write, the surnames through the surname table
    for a, b in ((hokkien, mandarin), (mandarin, hokkien)):
        c = compare(parse(a), parse(b))
        assert c.same, c.steps
        assert any("in everyday Hokkien" in s and character in s for s in c.steps), c.steps


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Goh Keng Swee", "Wu Qingming"),  # swee writes no character read ming
        ("Goh Keng Swee", "Wú Qìngruǐ"),  # 瑞 is ruì: the tone decides
        ("Lim Boon Keng", "Lin Wenming"),
        # spelled in pinyin throughout: He is not read as Hokkien (夏 hē, Xia)
        ("Zhang He", "Zhang Xia"),
        # Hong Kong Cantonese with a surname that no Mandarin system spells: not read as
        # Hokkien either (chiu would meet qiang through 强)
        ("Leung Ka-chiu", "Liang Keqiang"),
    ],
)
def test_an_everyday_hokkien_name_does_not_meet_other_mandarin_names(a: str, b: str) -> None:
    assert not compare(parse(a), parse(b)).same
    assert not compare(parse(b), parse(a)).same


def test_a_word_no_system_reads_lets_the_first_word_be_a_dialect_surname() -> None:
    # Keng also spells a pinyin syllable, but Swee spells none: Goh is read as 吴 too
    assert "dialect-surname" in parse("Goh Keng Swee").core[0].systems
    # ... and only the first word: Yew stays a given name read as written
    lee = parse("Lee Kuan Yew")
    assert "dialect-surname" not in lee.core[-1].systems
    assert compare(parse("Lee Kuan Yew"), parse("Harry Lee Kuan Yew")).same


def test_everyday_chars_are_common_characters_with_that_everyday_spelling() -> None:
    found = rd.everyday_chars("swee")
    assert "瑞" in found
    assert all(rd.is_common_char(c) and "swee" in rd.char_hokkien_everyday(c) for c in found)
    assert not rd.everyday_chars("rui")  # no Hokkien reading is spelled so
