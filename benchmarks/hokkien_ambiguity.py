"""How often a Hokkien spelling of a place matches the wrong characters, beside pinyin.

Run on demand (not part of the test suite)::

    python benchmarks/hokkien_ambiguity.py [--seed 5]

For each Chinese place of ``postal.tsv`` whose characters all have Hokkien and Cantonese
readings, one Tâi-lô spelling (a reading of each character picked at random, tone 5 marked
on the first syllable so that the name reads as Hokkien) and one Hong Kong Cantonese
spelling (likewise picked, hyphenated) are compared with the characters and with the
toneless pinyin of every place of the table, and the pinyin with the characters. A
spelling should match its own place; matching another is how ambiguous the spelling is
(homophones), which only context can settle.
"""

from __future__ import annotations

import argparse
import random
import unicodedata

from sistercity_provenance import compare, parse
from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._model import NameKind
from sistercity_provenance.names._tables import read_tsv


def _marked(syllable: str) -> str:
    """The syllable capitalised, with a circumflex on its first vowel."""
    word = syllable.title()
    at = next((i for i, c in enumerate(word) if c in "aeiou"), len(word) - 1)
    return unicodedata.normalize("NFC", word[: at + 1] + "\u0302" + word[at + 1 :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    table = rd._hokkien_table()
    places = sorted({rd.to_simplified(row["simplified"]) for row in read_tsv("postal.tsv")})
    places = [
        p
        for p in places
        if len(p) >= 2
        and all(table.get(rd.to_traditional(c)) and rd.char_cantonese(c)[0] for c in p)
    ]
    kind = NameKind.PLACE
    han = [parse(p, kind) for p in places]
    pinyins = [parse(_pinyin(p), kind) for p in places]
    # (spelling, against): [own place matched, other places matched]
    found = {
        (system, against): [0, 0]
        for system in ("hokkien", "cantonese", "pinyin")
        for against in ("characters", "pinyin")
    }
    for place in places:
        readings = [rng.choice(sorted(rd.char_hokkien(c))) for c in place]
        hokkien = "-".join([_marked(readings[0]), *readings[1:]])
        cantonese = "-".join(rng.choice(sorted(rd.char_cantonese(c)[0])) for c in place)
        spellings = (
            ("hokkien", hokkien),
            ("cantonese", cantonese.title()),
            ("pinyin", _pinyin(place)),
        )
        for system, spelled in spellings:
            latin = parse(spelled, kind)
            for against, targets in (("characters", han), ("pinyin", pinyins)):
                if system == against:
                    continue  # pinyin against itself says nothing
                for other, parsed in zip(places, targets, strict=True):
                    if compare(latin, parsed).same:
                        found[system, against][0 if other == place else 1] += 1
    print(
        f"places {len(places)} (of postal.tsv, each character with Hokkien and Cantonese readings)"
    )
    for (system, against), (own, other) in found.items():
        if system == against:
            continue
        print(
            f"{system:8} against {against:10}: its own place {own} of {len(places)}, "
            f"other places {other} ({other / len(places):.3f} a spelling)"
        )


def _pinyin(place: str) -> str:
    """The place in toneless pinyin, its characters' usual readings run together."""
    return "".join(rd.char_mandarin(c)[0][0] for c in place).title()


if __name__ == "__main__":
    main()
