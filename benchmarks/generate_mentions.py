"""Large, realistic, labelled mention sets for benchmarking the resolver.

Run on demand (not part of the test suite)::

    python benchmarks/generate_mentions.py 1000000 --seed 0 --out mentions.jsonl

Each row is ``{"id", "name", "kind", "document", "attributes", "entity"}`` where ``entity``
is the gold label.  Rows are built from synthetic entities (about one per six mentions):

* Chinese people: a surname drawn from the library's surname table weighted by rank, one or
  two given characters from a list of common ones; each mention is rendered in simplified or
  traditional Han, pinyin with or without tone marks, Western order, hyphenated or spaced
  given names, Wade-Giles, Hong Kong Cantonese spellings, sometimes with a Western given
  name in front.  Homonyms are made on purpose (distinct people with the same Han name, or
  with the same pinyin but different characters, 王伟/王维) and differ in their attributes.
* Western people (first, middle initial, last name; common names collide naturally).
* Organisations: a province or city of ``postal.tsv`` with an office type, in Chinese and
  English, full and abbreviated.
* Places: rows of ``postal.tsv`` in Han, pinyin and postal spellings.

Attributes (``birth_year``, ``gender``, ``country``, ``role``, ``org``, ``place``) are fixed
per entity and each is present on a mention with probability 0.6.  About 3 % of Latin
mentions carry a one-character typo.  Mention counts per entity are skewed (most entities
have 1-3 mentions, a few have dozens); documents hold 2-20 mentions and are written mostly
in Chinese or mostly in English.  Output is deterministic for a seed and is streamed.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

from pypinyin import Style, pinyin
from pypinyin.contrib.tone_convert import to_normal

from sistercity_provenance.names._readings import to_traditional
from sistercity_provenance.names._tables import cantonese_tables, read_tsv, surnames

__all__ = ["generate", "iter_mentions", "write_jsonl"]

# ---------------------------------------------------------------------------------------------
# Word lists (written for this generator)
# ---------------------------------------------------------------------------------------------

#: Common given-name characters, roughly most frequent first, with homophone groups
#: (伟维威薇玮, 丽莉立力利, 静晶菁京, ...) so that same-pinyin homonyms arise.
GIVEN_CHARS: Final = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华志红建国文斌辉玉兰飞鹏宇浩"
    "晨嘉欣怡思雨梓涵俊哲凯瑞安德智仁义忠海波林森鑫淑秋珍凤龙宁庆振金兵江山毅昌"
    "维威薇玮莉立力利晶菁京铭鸣化桦君钧萍宏虹洪鸿燕彦雁方捷婕玲琳霖凌雯莹颖瑛梅"
    "美蔷韬蕾峰锋丰枫慧惠民剑健芝永咏晓小新馨昕玉羽婷亭钢彬东冬春兰岚夏云芸阳扬"
    "荣蓉成诚程子紫昊然佳家宜艺博睿泽辰轩萱书贞隆青清锦"
)

WESTERN_FIRST: Final = (
    "John",
    "Michael",
    "David",
    "James",
    "Robert",
    "William",
    "Mary",
    "Linda",
    "Susan",
    "Patricia",
    "Richard",
    "Thomas",
    "Charles",
    "Daniel",
    "Mark",
    "Paul",
    "Steven",
    "Karen",
    "Nancy",
    "Elizabeth",
    "Jennifer",
    "Barbara",
    "George",
    "Kenneth",
    "Edward",
    "Brian",
    "Ronald",
    "Anthony",
    "Kevin",
    "Jason",
    "Margaret",
    "Sarah",
    "Laura",
    "Helen",
    "Sandra",
    "Donna",
    "Carol",
    "Ruth",
    "Sharon",
    "Michelle",
    "Gary",
    "Timothy",
    "Jeffrey",
    "Frank",
    "Scott",
    "Eric",
    "Stephen",
    "Andrew",
    "Raymond",
    "Gregory",
    "Joshua",
    "Jerry",
    "Dennis",
    "Walter",
    "Patrick",
    "Peter",
    "Harold",
    "Douglas",
    "Henry",
    "Carl",
    "Arthur",
    "Ryan",
    "Roger",
    "Joan",
    "Ellen",
    "Anne",
    "Catherine",
    "Christine",
    "Deborah",
    "Rachel",
    "Heather",
    "Diane",
    "Julie",
    "Joyce",
    "Virginia",
    "Victoria",
    "Kelly",
    "Lauren",
)
WESTERN_LAST: Final = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Peterson",
    "Reed",
    "Bailey",
    "Bell",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Richardson",
    "Wood",
    "Watson",
    "Brooks",
    "Bennett",
    "Gray",
    "Hughes",
    "Price",
    "Sanders",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Powell",
    "Jenkins",
    "Perry",
    "Russell",
    "Sullivan",
    "Fisher",
    "Henderson",
    "Coleman",
    "Patterson",
    "Jordan",
    "Reynolds",
    "Hamilton",
    "Graham",
    "Wallace",
    "Fraser",
    "McDonald",
    "Schmidt",
    "Müller",
    "Dubois",
    "O'Brien",
    "Van der Berg",
)
#: Western given names worn in front of a Chinese name (Tony Leung Chiu-wai).
ADOPTED_FIRST: Final = (
    "Tony",
    "Peter",
    "David",
    "Michael",
    "John",
    "James",
    "Kenneth",
    "Stephen",
    "Raymond",
    "Eric",
    "Jackie",
    "Andy",
    "Alan",
    "Vincent",
    "Henry",
    "Frank",
    "Patrick",
    "Wilson",
    "Carrie",
    "Regina",
    "Grace",
    "Mary",
    "Winnie",
    "Anna",
    "Amy",
    "Emily",
    "Irene",
    "Agnes",
    "Cecilia",
    "Jessica",
    "Vivian",
    "Rita",
    "Sally",
    "Joyce",
    "Karen",
    "Cathy",
    "Ivy",
    "Forest",
    "Jimmy",
    "Samuel",
    "Kevin",
    "Edmund",
    "Simon",
    "Ronald",
    "Gordon",
    "Rocky",
)

ROLES_CN: Final = (
    "mayor",
    "vice mayor",
    "party secretary",
    "director",
    "deputy director",
    "division chief",
    "secretary general",
    "chairman",
    "vice chairman",
    "professor",
    "entrepreneur",
    "consul general",
    "interpreter",
    "delegate",
    "researcher",
    "engineer",
)
ROLES_WEST: Final = (
    "mayor",
    "council member",
    "sister city committee chair",
    "professor",
    "businessman",
    "consul general",
    "journalist",
    "trade representative",
    "governor",
    "volunteer",
    "school principal",
    "delegate",
)
WEST_COUNTRIES: Final = (
    "United States",
    "United States",
    "United States",
    "United Kingdom",
    "Australia",
    "Canada",
    "New Zealand",
    "Germany",
    "France",
    "Netherlands",
)
WEST_PLACES: Final = (
    "Portland",
    "Seattle",
    "San Francisco",
    "Los Angeles",
    "Chicago",
    "Houston",
    "Boston",
    "St. Louis",
    "Minneapolis",
    "Denver",
    "Phoenix",
    "Sacramento",
    "Toronto",
    "Vancouver",
    "Melbourne",
    "Sydney",
    "Auckland",
    "London",
    "Manchester",
    "Hamburg",
    "Lyon",
    "Rotterdam",
)
DIASPORA: Final = (
    ("Singapore", "Singapore"),
    ("Malaysia", "Kuala Lumpur"),
    ("Malaysia", "Penang"),
    ("United States", "San Francisco"),
    ("United States", "New York"),
    ("Canada", "Vancouver"),
    ("Canada", "Toronto"),
    ("Australia", "Sydney"),
    ("United Kingdom", "London"),
    ("Indonesia", "Jakarta"),
    ("Philippines", "Manila"),
)

#: Provinces of postal.tsv that no longer exist, or that get no provincial offices here.
_HISTORIC: Final = frozenset(
    {
        "直隶",
        "热河",
        "察哈尔",
        "绥远",
        "西康",
        "兴安",
        "奉天",
        "台湾",
        "徽州",
        "屯溪",
        "琼州",
        "淮阴",
    }
    | {"沙市", "旅顺"}
)
#: Rows of postal.tsv that open a run of rows in another country (the table is ordered).
_SECTIONS: Final = {"台北": "Taiwan", "九龙": "Hong Kong", "中国": "China"}
_COUNTRY_OF: Final = {
    "台湾": "Taiwan",
    "香港": "Hong Kong",
    "澳门": "Macau",
    "氹仔": "Macau",
    "路环": "Macau",
    "澎湖": "Taiwan",
    "金门": "Taiwan",
    "马祖": "Taiwan",
    "兰屿": "Taiwan",
    "绿岛": "Taiwan",
}
_AUTONOMOUS: Final = {
    "内蒙古": ("内蒙古自治区", "Inner Mongolia"),
    "广西": ("广西壮族自治区", "Guangxi Zhuang"),
    "西藏": ("西藏自治区", "Tibet"),
    "宁夏": ("宁夏回族自治区", "Ningxia Hui"),
    "新疆": ("新疆维吾尔自治区", "Xinjiang Uygur"),
}
_ENGLISH_PLACE: Final = {
    "陕西": "Shaanxi",
    "内蒙古": "Inner Mongolia",
    "西藏": "Tibet",
    "拉萨": "Lhasa",
    "乌鲁木齐": "Urumqi",
    "呼和浩特": "Hohhot",
    "喀什": "Kashgar",
    "香港": "Hong Kong",
    "澳门": "Macau",
}
_PLACE_SUFFIX: Final = {"province": "省", "city": "市", "county": "县", "district": "区"}
_PLACE_LEVEL_EN: Final = {
    "province": "Province",
    "city": "City",
    "county": "County",
    "district": "District",
}

# Office types: Chinese forms, English forms.  {P} Han place with its suffix (广东省), {E}
# English place (Guangdong), {L} Provincial/Municipal/Autonomous Regional, {D} 厅/局.
OFFICES: Final = (
    (
        ("{P}人民政府外事办公室", "{P}外事办公室", "{P}外办"),
        (
            "Foreign Affairs Office of the {E} {L} People's Government",
            "{E} {L} Foreign Affairs Office",
            "{E} Foreign Affairs Office",
            "{E} FAO",
        ),
    ),
    (
        ("{P}人民政府侨务办公室", "{P}侨务办公室", "{P}侨办"),
        (
            "Overseas Chinese Affairs Office of the {E} {L} People's Government",
            "{E} Overseas Chinese Affairs Office",
            "{E} OCAO",
        ),
    ),
    (
        ("{P}人民对外友好协会", "{P}对外友协", "{P}友好协会"),
        (
            "{E} People's Association for Friendship with Foreign Countries",
            "{E} Friendship Association",
            "{E} PAFFC",
        ),
    ),
    (
        ("{P}人民政府", "{P}政府"),
        ("{E} {L} People's Government", "People's Government of {E}", "{E} {L} Government"),
    ),
    (
        ("中国国际贸易促进委员会{P}委员会", "{P}贸促会"),
        (
            "China Council for the Promotion of International Trade {E} Sub-Council",
            "CCPIT {E}",
            "{E} Council for the Promotion of International Trade",
        ),
    ),
    (
        ("中共{P}委统一战线工作部", "中共{P}委统战部", "{P}委统战部"),
        (
            "United Front Work Department of the {E} {L} Committee of the CPC",
            "{E} United Front Work Department",
        ),
    ),
    (
        ("{P}商务{D}", "{P}商务{D}对外经贸处"),
        ("{E} Department of Commerce", "{E} {L} Commerce Bureau"),
    ),
    (
        ("{P}归国华侨联合会", "{P}侨联"),
        ("{E} Federation of Returned Overseas Chinese", "{E} Overseas Chinese Federation"),
    ),
)

# Shares of entity kinds among drawn entities, regions among Chinese people.
_KINDS: Final = ("cn", "west", "org", "place")
_KIND_CUM: Final = tuple(itertools.accumulate((0.62, 0.12, 0.16, 0.10)))
_REGIONS: Final = ("mainland", "hk", "tw", "diaspora")
_REGION_CUM: Final = tuple(itertools.accumulate((0.62, 0.13, 0.10, 0.15)))
_ADOPTED_P: Final = {"mainland": 0.06, "hk": 0.55, "tw": 0.25, "diaspora": 0.5}
_TRAD_P: Final = {"mainland": 0.05, "hk": 0.9, "tw": 0.95, "diaspora": 0.4}
_EXACT_HOMONYM_P: Final = 0.12
_SOUND_HOMONYM_P: Final = 0.08
ENTITY_RATIO: Final = 6.0  # mentions per entity
ATTRIBUTE_P: Final = 0.6
TYPO_P: Final = 0.03
HAN_IN_ZH_DOC_P: Final = 0.85
HAN_IN_EN_DOC_P: Final = 0.1
ZH_DOC_P: Final = 0.45

_VOWEL_START: Final = tuple("aoe")
_UMLAUT_SPELLINGS: Final = ("ü", "ü", "v", "yu", "u")

# ---------------------------------------------------------------------------------------------
# Readings, cached per surname, given name and character
# ---------------------------------------------------------------------------------------------


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


@functools.cache
def _wade_giles() -> dict[str, tuple[str, str]]:
    """Pinyin syllable (ü as ü) → (Wade-Giles with diacritics, plain Wade-Giles)."""
    return {
        row["pinyin"]: (row["wade_giles"].split(",")[0], row["wade_giles_plain"].split(",")[0])
        for row in read_tsv("syllables.tsv")
    }


def _wg(syllable: str) -> tuple[str, str]:
    key = syllable.replace("v", "ü")
    return _wade_giles().get(key, (key, key.replace("ü", "u")))


@functools.cache
def _cantonese_of(trad_char: str) -> str | None:
    spellings = cantonese_tables()[0].get(trad_char)
    return spellings[0].lower() if spellings else None


class _Reading:
    """The renderings of a surname or a given name that mentions are built from."""

    __slots__ = ("canto", "plain", "simp", "tone", "trad", "wg", "wg_plain")

    def __init__(self, simp: str, trad: str, plain: Sequence[str], tone: Sequence[str]) -> None:
        self.simp = simp
        self.trad = trad
        self.plain = tuple(plain)  # toneless pinyin, ü written v
        self.tone = tuple(tone)
        self.wg = tuple(_wg(s)[0] for s in self.plain)
        self.wg_plain = tuple(_wg(s)[1] for s in self.plain)
        canto = [_cantonese_of(c) for c in trad]
        self.canto: tuple[str, ...] | None = (
            None if any(c is None for c in canto) else tuple(c for c in canto if c)
        )


@functools.cache
def _surname_reading(simp: str) -> _Reading:
    row = surnames()[simp]
    plain = row.pinyin[0]
    tone: list[str] = []
    for ch, syl in zip(simp, plain, strict=True):
        options = pinyin(ch, style=Style.TONE, heteronym=True)[0]
        match = [o for o in options if to_normal(o) == syl]
        tone.append(match[0] if match else syl.replace("v", "ü"))
    return _Reading(simp, row.traditional, plain, tone)


@functools.cache
def _han_reading(simp: str) -> _Reading:
    tone = [s[0] for s in pinyin(simp, style=Style.TONE)]
    plain = [s[0] for s in pinyin(simp, style=Style.NORMAL)]
    return _Reading(simp, to_traditional(simp), plain, tone)


def _join_pinyin(syllables: Sequence[str]) -> str:
    out = syllables[0]
    for s in syllables[1:]:
        out += ("'" + s) if s.startswith(_VOWEL_START) else s
    return out


def _umlaut(text: str, rng: random.Random) -> str:
    if "v" not in text and "ü" not in text:
        return text
    spelling = rng.choice(_UMLAUT_SPELLINGS)
    return text.replace("v", spelling).replace("ü", spelling)


# ---------------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------------


class _Entity:
    __slots__ = ("attrs", "count", "data", "kind", "region")

    def __init__(
        self, kind: str, data: tuple[Any, ...], region: str, attrs: dict[str, Any]
    ) -> None:
        self.kind = kind
        self.data = data
        self.region = region
        self.attrs = attrs
        self.count = 0


def _place_countries(rows: Sequence[dict[str, str]]) -> dict[str, str]:
    """Country of each postal.tsv row, from the table's order and a few named rows."""
    out: dict[str, str] = {}
    section = "China"
    for row in rows:
        simp = row["simplified"]
        section = _SECTIONS.get(simp, section)
        out[simp] = _COUNTRY_OF.get(simp, section)
    return out


def _pick(rng: random.Random, values: Sequence[str], cum: Sequence[float]) -> str:
    return rng.choices(values, cum_weights=cum)[0]


def _mention_count(rng: random.Random) -> int:
    """Skewed: 64 % 1-3, 26 % 4-10, 8.5 % 11-30, 1.5 % 31-70 (a weight; scaled later)."""
    u = rng.random()
    if u < 0.64:
        return rng.randint(1, 3)
    if u < 0.90:
        return rng.randint(4, 10)
    if u < 0.985:
        return rng.randint(11, 30)
    return rng.randint(31, 70)


class _World:
    """Draws entities, their attributes and homonyms."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        ranked = sorted(surnames().values(), key=lambda r: (r.rank is None, r.rank or 0))
        worst = max((r.rank or 0) for r in ranked) + 1
        self.surnames = [r.simplified for r in ranked]
        self.surname_cum = list(
            itertools.accumulate(1.0 / ((r.rank or worst * 2) ** 0.9) for r in ranked)
        )
        self.surname_by_sound: dict[tuple[str, ...], list[str]] = {}
        for r in ranked:
            self.surname_by_sound.setdefault(r.pinyin[0], []).append(r.simplified)
        chars = list(dict.fromkeys(GIVEN_CHARS))
        self.given = chars
        self.given_cum = list(itertools.accumulate(1.0 / (i + 8) for i in range(len(chars))))
        self.given_by_sound: dict[str, list[str]] = {}
        for ch in chars:
            self.given_by_sound.setdefault(_han_reading(ch).plain[0], []).append(ch)
        self.west_first_cum = list(
            itertools.accumulate(1.0 / (i + 3) for i in range(len(WESTERN_FIRST)))
        )
        self.west_last_cum = list(
            itertools.accumulate(1.0 / (i + 3) for i in range(len(WESTERN_LAST)))
        )
        rows = read_tsv("postal.tsv")
        self.places = [r for r in rows if r["pinyin"]]
        self.place_country = _place_countries(rows)
        mainland_cities = [
            r
            for r in rows
            if r["level"] == "city"
            and self.place_country[r["simplified"]] == "China"
            and r["simplified"] not in _HISTORIC
        ]
        self.org_places = [
            r for r in rows if r["level"] == "province" and r["simplified"] not in _HISTORIC
        ] + mainland_cities
        self.cities_han = [r["simplified"] for r in mainland_cities]
        self.cities_tw = [
            r["simplified"]
            for r in rows
            if r["level"] == "city" and self.place_country[r["simplified"]] == "Taiwan"
        ] or ["台北"]
        self.entities: list[_Entity] = []
        self.cn_people: list[int] = []
        self.keyed: dict[tuple[str, int, int], int] = {}

    # -- attributes ---------------------------------------------------------------------------

    def _birth_year(self, avoid: int | None = None) -> int:
        while True:
            year = self.rng.randint(1925, 1998)
            if avoid is None or abs(year - avoid) >= 3:
                return year

    def _org_label(self, english: bool) -> str:
        rng = self.rng
        place = rng.choice(self.org_places)
        zh, en = rng.choice(OFFICES)
        return _org_text(place, en[0] if english else zh[0])

    def _cn_attrs(self, region: str, avoid_year: int | None) -> dict[str, Any]:
        rng = self.rng
        if region == "mainland":
            country, place = "China", rng.choice(self.cities_han)
        elif region == "hk":
            country, place = "Hong Kong", "香港"
        elif region == "tw":
            country, place = "Taiwan", rng.choice(self.cities_tw)
        else:
            country, place = rng.choice(DIASPORA)
        return {
            "birth_year": self._birth_year(avoid_year),
            "gender": rng.choice("MF"),
            "country": country,
            "role": rng.choice(ROLES_CN),
            "org": self._org_label(english=region == "diaspora"),
            "place": place,
        }

    # -- entities ------------------------------------------------------------------------------

    def _add(self, entity: _Entity) -> int:
        self.entities.append(entity)
        return len(self.entities) - 1

    def _new_chinese(self) -> int:
        rng = self.rng
        region = _pick(rng, _REGIONS, _REGION_CUM)
        avoid: int | None = None
        u = rng.random()
        if self.cn_people and u < _EXACT_HOMONYM_P + _SOUND_HOMONYM_P:
            source = self.entities[rng.choice(self.cn_people)]
            surname, given = source.data[0].simp, source.data[1].simp
            avoid = source.attrs["birth_year"]
            if u >= _EXACT_HOMONYM_P:
                surname, given = self._homophone(surname, given)
        else:
            surname = _pick(rng, self.surnames, self.surname_cum)
            given = "".join(
                rng.choices(
                    self.given, cum_weights=self.given_cum, k=1 if rng.random() < 0.35 else 2
                )
            )
        adopted = rng.choice(ADOPTED_FIRST) if rng.random() < _ADOPTED_P[region] else None
        data = (_surname_reading(surname), _han_reading(given), adopted)
        index = self._add(_Entity("cn", data, region, self._cn_attrs(region, avoid)))
        self.cn_people.append(index)
        return index

    def _homophone(self, surname: str, given: str) -> tuple[str, str]:
        """Other characters with the same toneless pinyin (王伟 → 王维, 张 → 章)."""
        rng = self.rng
        chars = list(given)
        positions = list(range(len(chars)))
        rng.shuffle(positions)
        changed = False
        for i in positions:
            sound = _han_reading(chars[i]).plain[0]
            options = [c for c in self.given_by_sound[sound] if c != chars[i]]
            if options and (not changed or rng.random() < 0.4):
                chars[i] = rng.choice(options)
                changed = True
        sur_options = [
            s for s in self.surname_by_sound[surnames()[surname].pinyin[0]] if s != surname
        ]
        if sur_options and (not changed or rng.random() < 0.3):
            surname = rng.choice(sur_options)
        return surname, "".join(chars)

    def _new_western(self) -> int:
        rng = self.rng
        first = rng.choices(WESTERN_FIRST, cum_weights=self.west_first_cum)[0]
        last = rng.choices(WESTERN_LAST, cum_weights=self.west_last_cum)[0]
        middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.5 else None
        attrs = {
            "birth_year": self._birth_year(),
            "gender": rng.choice("MF"),
            "country": rng.choice(WEST_COUNTRIES),
            "role": rng.choice(ROLES_WEST),
            "org": self._org_label(english=True),
            "place": rng.choice(WEST_PLACES),
        }
        return self._add(_Entity("west", (first, middle, last), "west", attrs))

    def _new_org(self) -> int:
        rng = self.rng
        p = rng.randrange(len(self.org_places))
        o = rng.randrange(len(OFFICES))
        key = ("org", p, o)
        if key in self.keyed:
            return self.keyed[key]
        place = self.org_places[p]
        attrs = {"country": "China", "place": place["simplified"]}
        index = self._add(_Entity("org", (place, o), "cn", attrs))
        self.keyed[key] = index
        return index

    def _new_place(self) -> int:
        p = self.rng.randrange(len(self.places))
        key = ("place", p, 0)
        if key in self.keyed:
            return self.keyed[key]
        place = self.places[p]
        attrs = {"country": self.place_country[place["simplified"]]}
        index = self._add(_Entity("place", (place,), "cn", attrs))
        self.keyed[key] = index
        return index

    def draw(self) -> int:
        kind = _pick(self.rng, _KINDS, _KIND_CUM)
        if kind == "cn":
            return self._new_chinese()
        if kind == "west":
            return self._new_western()
        if kind == "org":
            return self._new_org()
        return self._new_place()


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------


def _english_place(place: dict[str, str]) -> str:
    simp = place["simplified"]
    return _ENGLISH_PLACE.get(simp) or _cap(place["pinyin"].replace(" ", ""))


def _org_text(place: dict[str, str], template: str, *, trad: bool = False) -> str:
    level = place["level"]
    if place["simplified"] in _AUTONOMOUS:
        han_full, english = _AUTONOMOUS[place["simplified"]]
        en_level = "Autonomous Regional"
    else:
        han_full = place["simplified"] + ("省" if level == "province" else "市")
        english = _english_place(place)
        en_level = "Provincial" if level == "province" else "Municipal"
    text = (
        template.replace("{P}", han_full)
        .replace("{E}", english)
        .replace("{L}", en_level)
        .replace("{D}", "厅" if level == "province" else "局")
    )
    return to_traditional(text) if trad else text


def _render_org(entity: _Entity, rng: random.Random, han: bool) -> tuple[str, bool]:
    place, office = entity.data
    zh, en = OFFICES[office]
    if han:
        trad = rng.random() < 0.08
        template = zh[0] if rng.random() < 0.5 else rng.choice(zh)
        return _org_text(place, template, trad=trad), False
    template = en[0] if rng.random() < 0.45 else rng.choice(en)
    text = _org_text(place, template)
    if rng.random() < 0.05:  # an old postal spelling for the place
        spellings = place["spellings"].split("|")
        text = text.replace(_english_place(place), spellings[0])
    return text, True


def _render_place(entity: _Entity, rng: random.Random, han: bool) -> tuple[str, bool]:
    (place,) = entity.data
    level = place["level"]
    if han:
        base = place["traditional"] if rng.random() < 0.1 else place["simplified"]
        if level in _PLACE_SUFFIX and rng.random() < 0.5 and place["simplified"] not in _AUTONOMOUS:
            suffix = _PLACE_SUFFIX[level]
            base += to_traditional(suffix) if base == place["traditional"] else suffix
        return base, False
    syllables = place["pinyin"].split()
    u = rng.random()
    if u < 0.4:
        english = _ENGLISH_PLACE.get(place["simplified"])
        text = english or _umlaut(_cap(_join_pinyin(syllables)), rng)
    elif u < 0.55 and level in _PLACE_LEVEL_EN:
        text = f"{_umlaut(_cap(_join_pinyin(syllables)), rng)} {_PLACE_LEVEL_EN[level]}"
    elif u < 0.65:
        reading = _han_reading(place["simplified"])
        same = [s.replace("v", "ü") for s in reading.plain] == syllables
        text = _cap("".join(reading.tone if same else syllables))
    else:
        spellings = place["spellings"]
        text = rng.choice(spellings.split("|")) if spellings else _cap("".join(syllables))
    return text, True


def _render_west(entity: _Entity, rng: random.Random, han: bool) -> tuple[str, bool]:
    del han  # Western names stay in Latin script in both languages
    first, middle, last = entity.data
    u = rng.random()
    if u < 0.5:
        return f"{first} {last}", True
    if u < 0.65 and middle:
        return f"{first} {middle}. {last}", True
    if u < 0.78:
        return f"{first[0]}. {last}", True
    if u < 0.9:
        return f"{last}, {first}", True
    return f"{last.upper()} {first}", True


def _pinyin_parts(sur: _Reading, given: _Reading, rng: random.Random) -> tuple[str, str]:
    s = _umlaut(_cap("".join(sur.plain)), rng)
    g = _umlaut(_cap("".join(given.plain)), rng)
    return s, g


def _cn_latin(entity: _Entity, rng: random.Random) -> str:
    """One Latin rendering of a Chinese name, style weighted by the person's region."""
    sur, given, adopted = entity.data
    region = entity.region
    u = rng.random()
    if adopted and u < {"mainland": 0.15, "hk": 0.4, "tw": 0.25, "diaspora": 0.4}[region]:
        # Tony Wang / Tony Wang Zhiwei / Tony Wong Chi-wai
        if region in ("hk", "diaspora") and sur.canto and given.canto:
            s = " ".join(_cap(x) for x in sur.canto)
            g = _cap("-".join(given.canto))
        elif region == "tw":
            s, g = _cap("-".join(sur.wg_plain)), _cap("-".join(given.wg_plain))
        else:
            s, g = _pinyin_parts(sur, given, rng)
        return f"{adopted} {s}" if rng.random() < 0.5 else f"{adopted} {s} {g}"
    v = rng.random()
    style = "pinyin"
    if region == "hk":
        style = "canto" if v < 0.8 else ("pinyin" if v < 0.93 else "wg")
    elif region == "tw":
        style = "wg" if v < 0.8 else "pinyin"
    elif region == "diaspora":
        style = "canto" if v < 0.35 else ("wg" if v < 0.55 else "pinyin")
    elif v < 0.06:
        style = "wg"
    if style == "canto" and not (sur.canto and given.canto):
        style = "pinyin"
    w = rng.random()
    if style == "canto":
        assert sur.canto is not None
        assert given.canto is not None
        s = " ".join(_cap(x) for x in sur.canto)
        if w < 0.55:
            return f"{s} {_cap('-'.join(given.canto))}"
        if w < 0.8:
            return f"{s} {' '.join(_cap(x) for x in given.canto)}"
        return f"{_cap('-'.join(given.canto))} {s}"
    if style == "wg":
        plain = rng.random() < 0.4
        s = _cap("-".join(sur.wg_plain if plain else sur.wg))
        g = _cap("-".join(given.wg_plain if plain else given.wg))
        return f"{s} {g}" if w < 0.75 else f"{g} {s}"
    # pinyin
    if w < 0.08:
        return f"{_cap(''.join(sur.tone))} {_cap(_join_pinyin(given.tone))}"
    s, g = _pinyin_parts(sur, given, rng)
    if w < 0.38:
        return f"{s} {g}"
    if w < 0.63:
        return f"{g} {s}"
    if w < 0.72:
        return f"{s.upper()} {g}"
    if len(given.plain) > 1 and w < 0.84:
        parts = [_umlaut(p, rng) for p in given.plain]
        sep = "-" if rng.random() < 0.6 else " "
        g2 = _cap(parts[0]) + sep + (parts[1] if sep == "-" else _cap(parts[1]))
        return f"{s} {g2}" if rng.random() < 0.7 else f"{g2} {s}"
    if w < 0.92:
        initials = "".join(f"{p[0].upper()}." for p in given.plain)
        return f"{initials} {s}"
    return f"{s} {g}"


def _render_cn(entity: _Entity, rng: random.Random, han: bool) -> tuple[str, bool]:
    if han:
        sur, given, _adopted = entity.data
        if rng.random() < _TRAD_P[entity.region]:
            return sur.trad + given.trad, False
        return sur.simp + given.simp, False
    return _cn_latin(entity, rng), True


_RENDER: Final[dict[str, Callable[[_Entity, random.Random, bool], tuple[str, bool]]]] = {
    "cn": _render_cn,
    "west": _render_west,
    "org": _render_org,
    "place": _render_place,
}
_KIND_OUT: Final = {"cn": "person", "west": "person", "org": "organization", "place": "place"}
_LOWER: Final = "abcdefghijklmnopqrstuvwxyz"


def _typo(text: str, rng: random.Random) -> str:
    positions = [i for i in range(1, len(text)) if text[i].isascii() and text[i].isalpha()]
    if len(text) < 4 or not positions:
        return text
    i = rng.choice(positions)
    if rng.random() < 0.5:
        return text[:i] + text[i + 1 :]
    letter = rng.choice(_LOWER)
    if text[i].isupper():
        letter = letter.upper()
    return text[:i] + letter + text[i + 1 :]


# ---------------------------------------------------------------------------------------------
# Mentions
# ---------------------------------------------------------------------------------------------


def _scale_counts(entities: Sequence[_Entity], n: int, rng: random.Random) -> None:
    """Scale the drawn weights to mention counts (at least 1 each) that sum to ``n``."""
    factor = n / sum(e.count for e in entities)
    for e in entities:
        e.count = max(1, int(e.count * factor))
    diff = n - sum(e.count for e in entities)
    while diff > 0:
        rng.choice(entities).count += 1
        diff -= 1
    while diff < 0:
        e = rng.choice(entities)
        if e.count > 1:
            e.count -= 1
            diff += 1


def iter_mentions(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Yield ``n`` labelled mention rows, grouped into documents, deterministic for ``seed``."""
    if n <= 0:
        return
    rng = random.Random(seed)
    world = _World(rng)
    # About n/6 entities; an organisation or place drawn again gains weight instead of a twin.
    target = max(1, round(n / ENTITY_RATIO))
    while len(world.entities) < target:
        world.entities[world.draw()].count += _mention_count(rng)
    _scale_counts(world.entities, n, rng)

    # Mentions come in bursts of 1-3 of one entity (a document names someone a few times),
    # bursts are shuffled, then cut into documents.
    bursts: list[int] = []
    for index, entity in enumerate(world.entities):
        left = entity.count
        while left:
            size = min(left, rng.choice((1, 1, 1, 2, 2, 3)))
            bursts.append(index * 4 + size)
            left -= size
    rng.shuffle(bursts)

    width = max(6, len(str(n)))
    ent_width = max(6, len(str(len(world.entities))))
    doc_width = max(6, len(str(n // 2 + 1)))
    entities = world.entities
    random_ = rng.random
    mention_no = 0
    doc_no = 0
    doc_left = 0
    han_p = 0.0
    document = ""
    for burst in bursts:
        index, size = divmod(burst, 4)
        entity = entities[index]
        render = _RENDER[entity.kind]
        kind = _KIND_OUT[entity.kind]
        gold = f"E{index + 1:0{ent_width}d}"
        attrs_items = list(entity.attrs.items())
        for _ in range(size):
            if doc_left == 0:
                remaining = n - mention_no
                doc_left = min(rng.randint(2, 20), remaining)
                if remaining - doc_left == 1:
                    doc_left += 1 if doc_left < 20 else -1
                doc_no += 1
                document = f"doc-{doc_no:0{doc_width}d}"
                han_p = HAN_IN_ZH_DOC_P if random_() < ZH_DOC_P else HAN_IN_EN_DOC_P
            doc_left -= 1
            mention_no += 1
            name, latin = render(entity, rng, random_() < han_p)
            if latin and random_() < TYPO_P:
                name = _typo(name, rng)
            yield {
                "id": f"m{mention_no:0{width}d}",
                "name": name,
                "kind": kind,
                "document": document,
                "attributes": {k: v for k, v in attrs_items if random_() < ATTRIBUTE_P},
                "entity": gold,
            }


def generate(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` labelled mention rows (see the module docstring), deterministic for ``seed``."""
    return list(iter_mentions(n, seed))


def write_jsonl(n: int, seed: int, out: TextIO) -> int:
    """Stream ``n`` rows as JSON lines to ``out``; return the number written."""
    written = 0
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    for row in iter_mentions(n, seed):
        out.write(dumps(row))
        out.write("\n")
        written += 1
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of mentions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="JSON-lines file (default: standard output)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.out is None:
        written = write_jsonl(args.n, args.seed, sys.stdout)
    else:
        with args.out.open("w", encoding="utf-8") as out:
            written = write_jsonl(args.n, args.seed, out)
    seconds = time.perf_counter() - start
    print(
        f"{written:,} mentions (seed {args.seed}) in {seconds:.1f}s"
        f" ({written / max(seconds, 1e-9):,.0f}/s)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
