"""How often a Hokkien spelling of a place matches the wrong characters, beside pinyin.

Run on demand (not part of the test suite)::

    python benchmarks/hokkien_ambiguity.py [--seed 5]

For each Chinese place of ``postal.tsv`` whose characters all have Hokkien readings, one
Tâi-lô spelling (a reading of each character picked at random, tone 5 marked on the first
syllable so that the name reads as Hokkien) and its toneless pinyin are compared with the
characters of every place of the table. A spelling should match its own place; matching
another is how ambiguous the spelling is (homophones), which only context can settle.
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
    places = [p for p in places if len(p) >= 2 and all(table.get(rd.to_traditional(c)) for c in p)]
    kind = NameKind.PLACE
    han = [parse(p, kind) for p in places]
    found = {"hokkien": [0, 0], "pinyin": [0, 0]}  # [own place matched, other places matched]
    for place in places:
        readings = [rng.choice(sorted(rd.char_hokkien(c))) for c in place]
        hokkien = "-".join([_marked(readings[0]), *readings[1:]])
        pinyin = "".join(rd.char_mandarin(c)[0][0] for c in place).title()
        for system, spelled in (("hokkien", hokkien), ("pinyin", pinyin)):
            latin = parse(spelled, kind)
            for other, parsed in zip(places, han, strict=True):
                if compare(latin, parsed).same:
                    found[system][0 if other == place else 1] += 1
    print(f"places {len(places)} (of postal.tsv, every character with a Hokkien reading)")
    for system, (own, other) in found.items():
        print(
            f"{system:8} matches its own place {own} of {len(places)}, "
            f"other places {other} ({other / len(places):.3f} a spelling)"
        )


if __name__ == "__main__":
    main()
