"""Hypothesis strategies for names in several scripts and romanizations.

Every example here is written for the tests (common surnames, common given-name characters
and well-known public figures); none is taken from a benchmark or evaluation file.
"""

from __future__ import annotations

from hypothesis import strategies as st

from sistercity_provenance.names._readings import to_traditional

SURNAMES_HAN = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "曾", "欧阳", "司马"]
GIVEN_HAN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华志东泽荣")
PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "wu", "zeng"]
GIVEN_PINYIN = ["wei", "fang", "na", "min", "jing", "qiang", "lei", "jun", "yang", "zhiwei"]
WADE_GILES = ["Mao Tse-tung", "Teng Hsiao-p'ing", "Chou En-lai", "Chiang Kai-shek"]

#: Pinyin syllables as (plain, tone-marked, tone-numbered) spellings.
TONED_SURNAMES = [
    ("Wang", "Wáng", "Wang2"),
    ("Li", "Lǐ", "Li3"),
    ("Zhang", "Zhāng", "Zhang1"),
    ("Liu", "Liú", "Liu2"),
    ("Chen", "Chén", "Chen2"),
    ("Lü", "Lǚ", "Lv3"),
    ("Zhou", "Zhōu", "Zhou1"),
    ("Mao", "Máo", "Mao2"),
]
TONED_GIVEN = [
    ("Wei", "Wěi", "Wei3"),
    ("Fang", "Fāng", "Fang1"),
    ("Min", "Mǐn", "Min3"),
    ("Qiang", "Qiáng", "Qiang2"),
    ("Lei", "Lěi", "Lei3"),
    ("Ming", "Míng", "Ming2"),
    ("Hua", "Huá", "Hua2"),
]

#: Wade-Giles surnames and hyphenated given names, with and without aspiration apostrophes.
WG_SURNAMES = ["Mao", "Chou", "Teng", "Chiang", "Ch'en", "Chang", "Hsü", "Wang", "Li", "Liu"]
WG_GIVEN = [
    "Tse-tung",
    "En-lai",
    "Hsiao-p'ing",
    "Hsiao-ping",
    "Kai-shek",
    "Chih-wei",
    "Kuo-feng",
    "Ch'ing-ling",
]

#: Hong Kong government (Cantonese) surnames and given names.
CANTONESE_SURNAMES = ["Chan", "Wong", "Leung", "Tsang", "Lam", "Cheung", "Ho", "Ng", "Lee", "Lau"]
CANTONESE_GIVEN = ["Yam-kuen", "Chun-ying", "Ka-chiu", "Tak-wah", "Siu-ming", "Kwok-keung"]
WESTERN_GIVEN = ["Carrie", "John", "Donald", "Regina", "Anson", "Martin"]

PLACES = [
    "Peking",
    "北京",
    "Beijing",
    "Tientsin",
    "天津",
    "Amoy",
    "厦门",
    "Chungking",
    "重庆",
    "Soochow",
    "苏州",
    "Xi'an",
    "西安",
    "Jilin Province",
    "吉林省",
    "Toledo",
    "悉尼",
]
ORGANIZATIONS = [
    "OCAO",
    "Overseas Chinese Affairs Office",
    "国侨办",
    "国务院侨务办公室",
    "中国银行",
    "中國銀行",
    "Bank of China",
    "Siemens AG",
    "Siemens Aktiengesellschaft",
]

han_names = st.builds(
    lambda s, g: s + "".join(g),
    st.sampled_from(SURNAMES_HAN),
    st.lists(st.sampled_from(GIVEN_HAN), min_size=1, max_size=2),
)
traditional_names = han_names.map(to_traditional)

pinyin_names = st.builds(
    lambda s, g: f"{s.title()} {g.title()}",
    st.sampled_from(PINYIN),
    st.sampled_from(GIVEN_PINYIN),
)


@st.composite
def toned_pinyin_names(draw: st.DrawFn) -> str:
    """Pinyin with tone marks or tone numbers, given name spaced, joined or hyphenated."""
    style = draw(st.sampled_from([1, 2]))  # 1: tone marks, 2: tone numbers
    surname = draw(st.sampled_from(TONED_SURNAMES))[style]
    given = [g[style] for g in draw(st.lists(st.sampled_from(TONED_GIVEN), min_size=1, max_size=2))]
    joiner = draw(st.sampled_from(["", "-", " "]))
    rest = given[0] + "".join(joiner + g.lower() if joiner != " " else " " + g for g in given[1:])
    return f"{surname} {rest}"


wade_giles_names = st.builds(
    lambda s, g: f"{s} {g}", st.sampled_from(WG_SURNAMES), st.sampled_from(WG_GIVEN)
) | st.sampled_from(WADE_GILES)

cantonese_names = st.builds(
    lambda w, s, g: f"{w}{s} {g}",
    st.sampled_from(["", *(f"{w} " for w in WESTERN_GIVEN)]),
    st.sampled_from(CANTONESE_SURNAMES),
    st.sampled_from(CANTONESE_GIVEN),
)

romanized_names = st.one_of(
    pinyin_names,
    st.sampled_from(WADE_GILES),
    toned_pinyin_names(),
    wade_giles_names,
    cantonese_names,
)
chinese_names = st.one_of(han_names, traditional_names)
any_name = st.one_of(chinese_names, romanized_names)
kinds = st.sampled_from(["person", "organization", "place"])

#: (name, kind) pairs that make sense together.
named_things = st.one_of(
    st.tuples(any_name, st.just("person")),
    st.tuples(st.sampled_from(PLACES), st.just("place")),
    st.tuples(st.sampled_from(ORGANIZATIONS), st.just("organization")),
)


@st.composite
def han_name_parts(draw: st.DrawFn) -> tuple[str, str]:
    """A Han person name as (surname, given name), simplified."""
    surname = draw(st.sampled_from(SURNAMES_HAN))
    given = "".join(draw(st.lists(st.sampled_from(GIVEN_HAN), min_size=1, max_size=2)))
    return surname, given


@st.composite
def romanized_name_parts(draw: st.DrawFn) -> tuple[str, str]:
    """A romanized Chinese person name as (surname, given name), in one system."""
    system = draw(st.sampled_from(["pinyin", "wade-giles", "cantonese"]))
    if system == "pinyin":
        return draw(st.sampled_from(PINYIN)).title(), draw(st.sampled_from(GIVEN_PINYIN)).title()
    if system == "wade-giles":
        return draw(st.sampled_from(WG_SURNAMES)), draw(st.sampled_from(WG_GIVEN))
    return draw(st.sampled_from(CANTONESE_SURNAMES)), draw(st.sampled_from(CANTONESE_GIVEN))


# --- mentions for the resolution stage ---------------------------------------------------

#: Mentions of one man, Mao Zedong, in several scripts and romanizations.
MAO_NAMES = ["毛泽东", "毛澤東", "Mao Tse-tung", "Mao Zedong", "Zedong Mao", "MAO Zedong"]
BIRTH_YEARS = [701, 1893, 1898, 1968]
ROLES = ["poet", "pilot", "chairman", "premier", "hurdler", "banker"]
COUNTRIES = ["CN", "HK", "TW", "US", "GB"]
DOCUMENTS = ["", "doc-1", "doc-2", "doc-3"]

#: Short, distinct mention ids (their order is not the order of generation).
mention_ids = st.text(alphabet="abcmxz0123456789", min_size=1, max_size=4)


@st.composite
def mention_attributes(draw: st.DrawFn) -> dict[str, object]:
    """Context attributes of a mention: each present or not, from small pools."""
    pools: dict[str, list[object]] = {
        "birth_year": list(BIRTH_YEARS),
        "gender": ["M", "F"],
        "country": list(COUNTRIES),
        "role": list(ROLES),
        "org": list(ORGANIZATIONS[:4]),
        "place": list(PLACES[:6]),
    }
    chosen = draw(st.sets(st.sampled_from(sorted(pools)), max_size=3))
    return {key: draw(st.sampled_from(pools[key])) for key in sorted(chosen)}


@st.composite
def mention_rows(
    draw: st.DrawFn,
    names: st.SearchStrategy[tuple[str, str]] = named_things,
    *,
    min_size: int = 1,
    max_size: int = 12,
) -> list[tuple[str, str, str, str, dict[str, object]]]:
    """Rows (id, name, kind, document, attributes) with unique ids, as plain data.

    Plain tuples rather than ``Mention`` objects, so the strategy does not import the
    resolver; build mentions with ``Mention(*row)``.
    """
    ids = draw(st.lists(mention_ids, min_size=min_size, max_size=max_size, unique=True))
    rows = []
    for mid in ids:
        name, kind = draw(names)
        document = draw(st.sampled_from(DOCUMENTS))
        rows.append((mid, name, kind, document, draw(mention_attributes())))
    return rows


#: (name, "person") for mentions of Mao only, with or without a birth year.
mao_names = st.tuples(st.sampled_from(MAO_NAMES), st.just("person"))

#: A labelling of a few items: item id → cluster label.
partitions = st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=2),
    st.sampled_from(["P", "Q", "R", "S"]),
    min_size=1,
    max_size=12,
)
