"""How often a romanized name matches the wrong characters: places and people.

Run on demand (not part of the test suite)::

    python benchmarks/spelling_ambiguity.py [--seed 5] [--show]

Places: for each Chinese place of ``postal.tsv`` whose characters all have Hokkien and
Cantonese readings, one Tâi-lô spelling (a reading of each character picked at random,
tone 5 marked on the first syllable so that the name reads as Hokkien) and one Hong Kong
Cantonese spelling (likewise picked, hyphenated) are compared with the characters and with
the toneless pinyin of every place of the table, and the pinyin with the characters.

People: 300 distinct Han names (a surname among the 120 commonest single ones, two given
characters among 60 common ones) are spelled in pinyin, Wade-Giles (surname reading from
the surname table, given name hyphenated), Hong Kong Cantonese and Tâi-lô (first reading
of each character in the tables, alphabetically; the Cantonese also with the given name in
separate words, Chan Wai Yu, as Hong Kong names are often written), and in everyday Hokkien
as in Singapore or Malaysia (a Hokkien or Teochew surname spelling of the surname table,
then one of the unmarked spellings of a Hokkien reading of each given character, picked at
random, as separate words: Tan Kah Kee); each spelling is compared with all 300 Han names, and (but
the pinyin) with all 300 pinyin spellings.

A spelling should match its own name; matching another is how ambiguous the spelling is
(homophones), which only context can settle. ``--show`` prints each match with another name
and the comparison's explanation.
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from collections.abc import Callable

from sistercity_provenance import compare, parse
from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._model import NameKind, ParsedName
from sistercity_provenance.names._tables import read_tsv, surnames

_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华志东泽荣文斌辉建国玉兰飞鹏宇"
    "浩然子轩晨嘉欣怡思雨梓涵俊哲凯瑞安德智仁义礼信忠孝海波林森"
)


def _marked(syllable: str) -> str:
    """The syllable capitalised, with a circumflex on its first vowel."""
    word = syllable.title()
    at = next((i for i, c in enumerate(word) if c in "aeiou"), len(word) - 1)
    return unicodedata.normalize("NFC", word[: at + 1] + "\u0302" + word[at + 1 :])


def _pinyin(place: str) -> str:
    """The place in toneless pinyin, its characters' usual readings run together."""
    return "".join(rd.char_mandarin(c)[0][0] for c in place).title()


def _count(
    names: list[str],
    spelled: dict[str, str],
    targets: list[ParsedName],
    kind: NameKind,
    show: bool = False,
) -> tuple[int, int]:
    """(names whose spelling matches their own target, matches with other targets); with
    ``show``, each match with another target is printed with its explanation."""
    own = other = 0
    for name, spelling in spelled.items():
        latin = parse(spelling, kind)
        for target_name, target in zip(names, targets, strict=True):
            found = compare(latin, target)
            if found.same:
                if target_name == name:
                    own += 1
                else:
                    other += 1
                    if show:
                        print(f"    {spelling} ~ {target_name}: {found.explanation}")
    return own, other


def _report(label: str, total: int, own: int, other: int) -> None:
    print(
        f"  {label:36} own {own:3} of {total}, other {other:4} "
        f"({other / max(total, 1):.3f} a spelling)"
    )


def places(rng: random.Random, show: bool = False) -> None:
    table = rd._hokkien_table()
    found = sorted({rd.to_simplified(row["simplified"]) for row in read_tsv("postal.tsv")})
    names = [
        p
        for p in found
        if len(p) >= 2
        and all(table.get(rd.to_traditional(c)) and rd.char_cantonese(c)[0] for c in p)
    ]
    kind = NameKind.PLACE
    han = [parse(p, kind) for p in names]
    pinyin = [parse(_pinyin(p), kind) for p in names]
    hokkien: dict[str, str] = {}
    cantonese: dict[str, str] = {}
    for place in names:
        readings = [rng.choice(sorted(rd.char_hokkien(c))) for c in place]
        hokkien[place] = "-".join([_marked(readings[0]), *readings[1:]])
        spelled = "-".join(rng.choice(sorted(rd.char_cantonese(c)[0])) for c in place)
        cantonese[place] = spelled.title()
    print(f"places: {len(names)} of postal.tsv, each character with Hokkien and Cantonese readings")
    for label, spellings, targets in (
        ("Tâi-lô against characters", hokkien, han),
        ("Tâi-lô against pinyin", hokkien, pinyin),
        ("Cantonese against characters", cantonese, han),
        ("Cantonese against pinyin", cantonese, pinyin),
        ("pinyin against characters", {p: _pinyin(p) for p in names}, han),
    ):
        _report(label, len(spellings), *_count(names, spellings, targets, kind, show))


def people(rng: random.Random, show: bool = False) -> None:
    table = surnames()
    ranked = sorted(
        (r for r in table.values() if len(r.simplified) == 1),
        key=lambda r: (r.rank is None, r.rank or 0),
    )[:120]
    wade = {row["pinyin"]: row["wade_giles"].split(",")[0] for row in read_tsv("syllables.tsv")}
    chosen: set[str] = set()
    while len(chosen) < 300:
        chosen.add(rng.choice(ranked).simplified + "".join(rng.choices(_GIVEN, k=2)))
    names = sorted(chosen)

    def mandarin(c: str) -> str:
        return rd.char_mandarin(c)[0][0]

    def by_pinyin(n: str) -> str | None:
        return f"{table[n[0]].pinyin[0][0].title()} {''.join(map(mandarin, n[1:])).title()}"

    def by_wade(n: str) -> str | None:
        sur = table[n[0]].pinyin[0][0]
        given = "-".join(wade.get(mandarin(c), mandarin(c)) for c in n[1:])
        return f"{wade.get(sur, sur).title()} {given.title()}"

    def by_cantonese(n: str) -> str | None:
        parts = [sorted(rd.char_cantonese(c)[0]) for c in n]
        if not all(parts):
            return None
        return f"{parts[0][0].title()} {'-'.join(p[0] for p in parts[1:]).title()}"

    def by_cantonese_words(n: str) -> str | None:
        spelled = by_cantonese(n)
        return spelled.replace("-", " ").title() if spelled else None

    def by_hokkien(n: str) -> str | None:
        parts = [sorted(rd.char_hokkien(c)) for c in n]
        if not all(parts):
            return None
        return f"{_marked(parts[0][0])} {'-'.join(p[0] for p in parts[1:]).title()}"

    def by_everyday(n: str) -> str | None:
        sur = sorted(table[n[0]].dialect["hokkien"] | table[n[0]].dialect["teochew"])
        given = [sorted(rd.char_hokkien_everyday(c)) for c in n[1:]]
        if not sur or not all(given):
            return None
        return f"{rng.choice(sur).title()} {' '.join(rng.choice(g) for g in given).title()}"

    han = [parse(n) for n in names]
    print(f"people: {len(names)} Han names")
    systems: list[tuple[str, Callable[[str], str | None]]] = [
        ("pinyin", by_pinyin),
        ("Wade-Giles", by_wade),
        ("Cantonese", by_cantonese),
        ("Cantonese in words", by_cantonese_words),
        ("Tâi-lô", by_hokkien),
        ("everyday Hokkien", by_everyday),
    ]
    pinyin = [parse(by_pinyin(n) or n, NameKind.PERSON) for n in names]
    for label, spell in systems:
        spelled = {n: s for n in names if (s := spell(n)) is not None}
        _report(
            f"{label} against characters",
            len(spelled),
            *_count(names, spelled, han, NameKind.PERSON, show),
        )
        if label != "pinyin":
            _report(
                f"{label} against pinyin",
                len(spelled),
                *_count(names, spelled, pinyin, NameKind.PERSON, show),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print the matches with other names")
    args = parser.parse_args()
    places(random.Random(args.seed), args.show)
    people(random.Random(args.seed), args.show)


if __name__ == "__main__":
    main()
