"""World knowledge: alias groups, postal spellings, exonyms, and user normalizers."""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Final

from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._model import NameKind, ParsedName
from sistercity_provenance.names._registry import default_registry
from sistercity_provenance.names._tables import read_tsv
from sistercity_provenance.names._text import (
    EMPTY_SET,
    HAN_CHAR,
    NAME_CACHE,
    QUALIFIER,
    fold_latin,
    is_han,
    normalize_text,
    tone_of,
)

__all__ = [
    "PARENT_WORDS",
    "abbreviation_aliases",
    "alias_key",
    "alias_variants",
    "country_code",
    "country_names",
    "is_country",
    "knowledge_views",
    "known_apart",
    "known_places",
    "reading_aliases",
    "same_country",
    "same_known_entity",
    "with_country_qualifiers_named_alike",
    "without_parent_phrase",
]

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_HAN_WORD = re.compile(f"(?:{HAN_CHAR.pattern})+")


@functools.lru_cache(maxsize=NAME_CACHE)
def alias_key(text: str) -> str:
    """The folded form under which names are looked up in alias tables.

    Tone marks are kept when the text has them, so that Shǎnxī is not looked up as
    Shanxi: where both names carry tones, the tones decide.
    """
    text = normalize_text(text)
    if not text.isascii() and any(is_han(c) for c in text):
        text = rd.to_simplified(text)
        if _han_only(text):
            return text  # nothing to fold or remove
    if tone_of(text):
        return _NON_WORD.sub("", unicodedata.normalize("NFC", text.lower()))
    folded = fold_latin(text)
    if _SMALL_WORD.search(folded):
        folded = _SMALL_WORD.sub(" ", folded)
    return _NON_WORD.sub("", folded)


#: English words that an alias look-up skips, as acronyms do: "Association of Friendship"
#: is looked up as "Association for Friendship". Not "in", "on", "to": they spell Cantonese
#: syllables (Fang On-sang, To Wai-ming).
_SMALL_WORD: Final = re.compile(r"(?<![\w'])(?:of|the|for|and|with)(?![\w'])|&")


def _han_only(text: str) -> bool:
    """Whether ``text`` is Han characters only, each its own decomposition: folding leaves
    it as it is, and it holds no tone mark and nothing but word characters (a code point
    of a Han block that is not assigned, U+FADA, is not one)."""
    return (
        bool(_HAN_WORD.fullmatch(text))
        and unicodedata.is_normalized("NFD", text)
        and not _NON_WORD.search(text)
    )


@functools.cache
def _alias_groups() -> dict[str, frozenset[tuple[str, str]]]:
    """Alias key → the (kind, canonical) groups it belongs to."""
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in read_tsv("aliases.tsv"):
        group = (row["kind"], row["canonical"])
        for name in [row["canonical"], *row["aliases"].split("|")]:
            key = alias_key(name)
            if key:
                out[key].add(group)
    for row in read_tsv("postal.tsv"):
        group = ("place", f"{row['simplified']} ({row['level']})")
        for name in [row["simplified"], row["traditional"], *row["spellings"].split("|")]:
            key = alias_key(name)
            if key:
                out[key].add(group)
    return {k: frozenset(v) for k, v in out.items()}


def _latin_han_rows() -> Iterator[tuple[str, str, str, str]]:
    """(Latin name, Han name, where it comes from, kind) of every pair the postal,
    transliteration and alias tables give."""
    for row in read_tsv("postal.tsv"):
        for name in row["spellings"].split("|"):
            if name.strip():
                yield name, row["simplified"], "postal spelling", NameKind.PLACE.value
    for row in read_tsv("exonyms.tsv"):
        for han in (row["simplified"], row["traditional"]):
            if han:
                yield row["latin"], rd.to_simplified(han), "transliteration table", row["kind"]
    for row in read_tsv("aliases.tsv"):
        names = [row["canonical"], *row["aliases"].split("|")]
        hans = [n for n in names if any(is_han(c) for c in n)]
        for name in names:
            if name and not any(is_han(c) for c in name):
                for han in hans:
                    yield name, rd.to_simplified(han), "alias table", row["kind"]


@functools.cache
def _han_of_latin() -> dict[str, frozenset[tuple[str, str]]]:
    """Latin alias key → (Han name, where it comes from), of every kind."""
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for latin, han, source, _kind in _latin_han_rows():
        out[alias_key(latin)].add((han, source))
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def _place_han_of_latin() -> dict[str, frozenset[str]]:
    """Latin alias key of a place → its Han names (simplified)."""
    out: dict[str, set[str]] = defaultdict(set)
    for latin, han, _source, kind in _latin_han_rows():
        if kind == NameKind.PLACE.value:
            out[alias_key(latin)].add(han)
    return {k: frozenset(v) for k, v in out.items() if k}


#: Most words of a run looked up as a place's name (Inner Mongolia Autonomous Region).
_PLACE_WORDS: Final = 4


@functools.lru_cache(maxsize=65536)
def known_places(words: tuple[str, ...]) -> frozenset[str]:
    """The Han names of the places that runs of ``words`` (a Latin name's) are known
    names of: Shaanxi Foreign Affairs Office names 陕西 (and its short forms 陕, 秦).

    >>> sorted(known_places(("Shanxi", "Provincial", "Government")))
    ['山西', '晋']
    """
    table = _place_han_of_latin()
    found: set[str] = set()
    for start in range(len(words)):
        for stop in range(start + 1, min(len(words), start + _PLACE_WORDS) + 1):
            found.update(table.get(alias_key(" ".join(words[start:stop])), ()))
    return frozenset(found)


#: Fewest syllables a romanized organisation name needs to be looked up by its reading:
#: two syllables read alike in too many different names.
_READING_MIN: Final = 3
#: Most spellings of one name tried when its syllables have several readings.
_READING_TRIES: Final = 16

_Group = tuple[str, str]


@functools.cache
def _organization_han_names() -> tuple[tuple[str, _Group], ...]:
    """Each Chinese name (simplified, Han characters only) of an organisation in the alias
    table, with its group."""
    out: dict[tuple[str, _Group], None] = {}
    for row in read_tsv("aliases.tsv"):
        if row["kind"] != NameKind.ORGANIZATION.value:
            continue
        group = (row["kind"], row["canonical"])
        for name in [row["canonical"], *row["aliases"].split("|")]:
            han = rd.to_simplified(normalize_text(name))
            if _HAN_WORD.fullmatch(han):
                out[(han, group)] = None
    return tuple(out)


@functools.cache
def _groups_by_reading() -> dict[str, frozenset[tuple[_Group, str]]]:
    """Usual reading (toneless pinyin, space-separated) of each Chinese name of an
    organisation in the alias table → (its group, that Chinese name)."""
    from sistercity_provenance.names._orgs import han_reading  # noqa: PLC0415

    out: dict[str, set[tuple[_Group, str]]] = defaultdict(set)
    for han, group in _organization_han_names():
        reading = han_reading(han)
        if len(reading) >= _READING_MIN:
            out[" ".join(reading)].add((group, han))
    return {k: frozenset(v) for k, v in out.items()}


def reading_aliases(p: ParsedName) -> tuple[tuple[_Group, str], ...]:
    """Alias groups whose Chinese name a romanized organisation name reads as, each with
    the reason: Zhongguo Kexueyuan and Chung-kuo K'o-hsüeh-yüan read as 中国科学院,
    a name of the Chinese Academy of Sciences. Every syllable must read as Mandarin; an
    acronym or a name of fewer than three syllables is not looked up."""
    if p.kind is not NameKind.ORGANIZATION or p.han or not p.words:
        return ()  # most names: answered without a cache entry (see _own_variant)
    return _reading_aliases(p)


@functools.lru_cache(maxsize=65536)
def _reading_aliases(p: ParsedName) -> tuple[tuple[_Group, str], ...]:
    from sistercity_provenance.names._orgs import read_romanized  # noqa: PLC0415

    if p.normalized.isupper():
        return ()  # an acronym (CAS) is not a reading
    parts = read_romanized(p.normalized.split(), initials=False)
    units = [u for part in parts for u in part.segmentations[0]]
    if len(units) < _READING_MIN:
        return ()
    choices = [sorted(u.readings) or [u.primary] for u in units]
    if math.prod(len(c) for c in choices) > _READING_TRIES:
        choices = [[u.primary] for u in units]
    table = _groups_by_reading()
    found = {
        (group, f"{p.normalized} reads as {han}")
        for combo in itertools.product(*choices)
        for group, han in table.get(" ".join(combo), ())
    }
    return tuple(sorted(found))


#: Shortest Chinese name in the alias table that a short form is matched against.
_LONG_MIN: Final = 3


@functools.cache
def _han_aliases_by_lead() -> dict[str, tuple[tuple[str, _Group], ...]]:
    """First character of each form of each Chinese organisation name in the alias table,
    as written and without its legal form, national prefix or leading place
    (``han_cores``) → (that name, its group)."""
    from sistercity_provenance.names._orgs import han_cores  # noqa: PLC0415

    out: dict[str, set[tuple[str, _Group]]] = defaultdict(set)
    for han, group in _organization_han_names():
        if len(han) >= _LONG_MIN:
            for core in han_cores(han):
                out[core[0]].add((han, group))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def abbreviation_aliases(p: ParsedName) -> tuple[tuple[_Group, str], ...]:
    """The alias group of a Chinese organisation name that ``p`` is a short form of, by
    the rules that compare two Chinese names (国务院侨办 abbreviates 国务院侨务办公室, a
    name of the Overseas Chinese Affairs Office), with the reason (the first, in order).
    Empty when ``p`` is in the table as written, or is the short form of names of more than
    one body. Only names that hold ``p``'s characters in order are compared."""
    if p.kind is not NameKind.ORGANIZATION or not p.han:
        return ()  # most names: answered without a cache entry (see _own_variant)
    return _abbreviation_aliases(p)


@functools.lru_cache(maxsize=65536)
def _abbreviation_aliases(p: ParsedName) -> tuple[tuple[_Group, str], ...]:
    short = rd.to_simplified(p.normalized)  # normalized already
    if not _HAN_WORD.fullmatch(short) or short in _alias_groups():
        return ()
    from sistercity_provenance.names._orgs import (  # noqa: PLC0415
        THRESHOLD_ORG,
        _compare_han,
        _subsequence_gaps,
    )

    found: set[tuple[_Group, str]] = set()
    for long_, group in _han_aliases_by_lead().get(short[0], ()):
        if len(long_) > len(short) and _subsequence_gaps(short, long_) is not None:
            score, why = _compare_han(short, long_)
            if score >= THRESHOLD_ORG:
                found.add((group, why[0] if why else f"{short} is a short form of {long_}"))
    if len({group for group, _why in found}) != 1:
        return ()
    return tuple(sorted(found))[:1]


def _latin_text(p: ParsedName) -> str:
    return " ".join(w for w in p.words)


@functools.lru_cache(maxsize=NAME_CACHE)
def knowledge_views(p: ParsedName) -> tuple[tuple[str, str], ...]:
    """Han forms that world knowledge gives for a Latin name (Peking → 北京); computed
    once per name (the tables are read once)."""
    if p.kind is NameKind.ORGANIZATION or not p.words or tone_of(p.normalized):
        return ()  # a name with tone marks is pinyin: its syllables say enough
    key = alias_key(_latin_text(p))
    found = _han_of_latin().get(key, frozenset())
    return tuple(
        sorted(
            (f"known: {_latin_text(p)} = {han} ({source})", han)
            for han, source in found
            if len(han) <= 8
        )
    )


def alias_variants(p: ParsedName) -> Mapping[str, str]:
    """Alias key → the normalizer that produced it (``""`` for the name's own keys,
    :func:`_own_variant`): the keys under which the name is looked up."""
    normalizers = default_registry().normalizers_for(p.kind)
    if not normalizers:  # the common case: the name's own key, looked up once per name
        return _own_variant(p)
    out = dict(_own_variant(p))
    for normalizer in normalizers:
        for text in normalizer(p.normalized, p.kind):
            if text:
                out.setdefault(alias_key(text), normalizer.name)
    return out


def _own_variant(p: ParsedName) -> Mapping[str, str]:
    """The name's own alias key; for a Latin organisation name that ends in an "of" phrase
    naming the body it belongs to, also the key without it (Hong Kong and Macao Affairs
    Office of the State Council is looked up as Hong Kong and Macao Affairs Office too), and
    with a country in brackets by its first name in ``countries.tsv`` (Republic of China
    as Taiwan).

    Only the latter are cached: the name's own key is cached by its text, and each entry of
    a cache keyed by a parsed name stays while the name is compared. Working out ahead the
    31,266 names that one of two processes compares at 100,000 generated mentions held
    161.8 MiB instead of 182.8 without this cache of every name and those of
    :func:`reading_aliases` and :func:`abbreviation_aliases` (compiled)."""
    if p.kind is NameKind.ORGANIZATION and not p.han:
        return _latin_organization_variant(p)
    return MappingProxyType({alias_key(p.normalized): ""})


@functools.lru_cache(maxsize=NAME_CACHE)
def _latin_organization_variant(p: ParsedName) -> Mapping[str, str]:
    keys = {alias_key(p.normalized): ""}
    head = without_parent_phrase(p.normalized)
    if head:
        keys.setdefault(alias_key(head), "")
    renamed = with_country_qualifiers_named_alike(p.original)
    if renamed:
        keys.setdefault(alias_key(renamed), "")
    return MappingProxyType(keys)


#: Words of an "of" phrase that names the body a body belongs to (of the State Council, of
#: the CPC Central Committee, of the People's Government), which a short name leaves out.
PARENT_WORDS: Final = frozenset(
    {"state", "council", "central", "committee", "cpc", "ccp", "communist", "party",
     "government", "people", "peoples"}
)  # fmt: skip
_OF_PHRASE: Final = re.compile(r"^(?P<head>.+?)\s+of\s+(?P<tail>[^()]+)$", re.IGNORECASE)


def without_parent_phrase(name: str) -> str:
    """``name`` without a closing "of" phrase of :data:`PARENT_WORDS` (and small words),
    when at least two words come before it; else ``""``."""
    found = _OF_PHRASE.match(name)
    if not found:
        return ""
    head, tail = found["head"], found["tail"]
    while True:  # the last "of": Office of the Ministry of ... is cut at "of the Ministry"
        inner = _OF_PHRASE.match(tail)
        if not inner:
            break
        head, tail = f"{head} of {inner['head']}", inner["tail"]
    words = [re.sub(r"[^a-z]", "", w) for w in fold_latin(tail).split()]
    if len(head.split()) < 2 or not all(w in PARENT_WORDS or w == "the" for w in words if w):
        return ""
    return head


def _table_groups(keys: Iterable[str], kind: NameKind) -> set[_Group]:
    """The alias-table groups of ``kind`` that hold any of the alias ``keys``."""
    groups = _alias_groups()
    return {g for k in keys for g in groups.get(k, ()) if g[0] == kind.value}


@functools.lru_cache(maxsize=NAME_CACHE)
def _known_groups(p: ParsedName) -> frozenset[_Group]:
    """The alias groups a name belongs to by its own alias key, its reading or as a short
    form (once per name; what :func:`same_known_entity` finds when no normalizer is
    registered)."""
    found = _table_groups(_own_variant(p), p.kind)
    found.update(g for g, _why in reading_aliases(p) + abbreviation_aliases(p))
    return frozenset(found) if found else EMPTY_SET  # most names are in no group


def known_apart(a: ParsedName, b: ParsedName) -> str:
    """A sentence saying that the alias table holds both names, as written, in different
    entries and never in one, or ``""``."""
    groups_a = _table_groups(_own_variant(a), a.kind)
    groups_b = _table_groups(_own_variant(b), b.kind)
    if not groups_a or not groups_b or groups_a & groups_b:
        return ""
    entries = "; ".join(
        f"{p.normalized}: {' / '.join(sorted(c for _kind, c in groups))}"
        for p, groups in ((a, groups_a), (b, groups_b))
    )
    return f"the alias table names different entries ({entries})"


def same_known_entity(a: ParsedName, b: ParsedName) -> str:
    """A sentence naming the alias group both names belong to, or ``""``."""
    registry = default_registry()
    plain = not (registry.normalizers_for(a.kind) or registry.normalizers_for(b.kind))
    if plain and not (_known_groups(a) & _known_groups(b)):  # most pairs: nothing in common
        return ""
    variants_a, variants_b = alias_variants(a), alias_variants(b)
    for key in sorted(variants_a.keys() & variants_b.keys()):
        source = variants_a[key] or variants_b[key]
        if source:
            return f"{a.normalized} and {b.normalized} are aliases in normalizer {source!r}"
    read_a = reading_aliases(a) + abbreviation_aliases(a)
    read_b = reading_aliases(b) + abbreviation_aliases(b)
    found_a, found_b = _table_groups(variants_a, a.kind), _table_groups(variants_b, b.kind)
    common = (found_a | {g for g, _why in read_a}) & (found_b | {g for g, _why in read_b})
    if not common:
        return ""
    group = sorted(common)[0]
    kind, canonical = group
    reads = [
        how
        for read, found in ((read_a, found_a), (read_b, found_b))
        if group not in found
        for g, how in read
        if g == group
    ]
    return "; ".join((f"both are known names of {canonical} ({kind}, alias table)", *reads[:2]))


def _country_text(value: str) -> str:
    text = " ".join(fold_latin(value).replace(".", "").split())
    return text.removeprefix("the ")


@functools.cache
def country_names() -> dict[str, tuple[str, ...]]:
    """``countries.tsv``: ISO 3166-1 alpha-2 code → the country's names, first the one the
    table names it by (TW: Taiwan, Republic of China, ROC ...)."""
    return {row["code"]: tuple(row["names"].split("|")) for row in read_tsv("countries.tsv")}


@functools.cache
def _countries() -> dict[str, str]:
    """Country names and codes (``countries.tsv``), folded, to ISO 3166-1 alpha-2 codes."""
    table: dict[str, str] = {}
    for code, names in country_names().items():
        for name in (code, *names):
            table[_country_text(name)] = code
    return table


def _code(value: str) -> str | None:
    return _countries().get(_country_text(value))


@functools.lru_cache(maxsize=4096)
def country_code(value: str) -> str:
    """A country as its ISO code where ``countries.tsv`` knows it ("Australia", 澳洲 → AU),
    else as written, upper-cased.

    >>> country_code("the U.S."), country_code("中華民國"), country_code("Atlantis")
    ('US', 'TW', 'ATLANTIS')
    """
    return _code(value) or value.strip().upper()


def same_country(a: str, b: str) -> bool:
    """Whether two names are names of one country in ``countries.tsv`` (Republic of China
    and Taiwan)."""
    code = _code(a)
    return code is not None and code == _code(b)


def is_country(value: str) -> bool:
    """Whether ``countries.tsv`` knows ``value`` as a name of a country."""
    return _code(value) is not None


def with_country_qualifiers_named_alike(text: str) -> str:
    """``text`` with each country in brackets named by the first name ``countries.tsv``
    gives it (Ministry of Foreign Affairs (Republic of China) → ... (Taiwan)), so that a
    table that gives the other name finds it; ``""`` when there is none to rename."""

    def renamed(found: re.Match[str]) -> str:
        code = _code(found[1])
        return f"({country_names()[code][0]})" if code else found[0]

    out = QUALIFIER.sub(renamed, text)
    return out if out != text else ""
