"""Wrong and right matches among the library's own table names, compared pair by pair.

Run on demand (not part of the test suite)::

    python benchmarks/table_pairs.py [--kinds place person organization]

The alias table (``aliases.tsv``), the postal table and the transliteration table give
many names of one entity; they are compared here with ``compare`` (tables and all), every
name against every other of its kind, and the table's entries are the truth:

- places: the Latin and Chinese names of ``postal.tsv`` and of the alias table's places;
  two names are of one place when their Chinese forms (simplified) overlap;
- people and organisations: the names of the alias table's entries; two names are of one
  entity when an entry holds both.

Pairs of two Chinese names are left out (the characters decide those). For each kind the
script prints the names, the pairs compared, the pairs of one entity that match (of all
such pairs) and the pairs of different entities that match: a wrong match, a homophone
or a table's gap. ``--show`` lists the wrong ones.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import defaultdict

from sistercity_provenance import compare
from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._tables import read_tsv
from sistercity_provenance.names._text import is_han, normalize_text


def _han(name: str) -> str:
    return rd.to_simplified(normalize_text(name))


def _chinese(name: str) -> bool:
    return any(map(is_han, name))


def place_entities() -> dict[str, set[str]]:
    """Place name → the Chinese forms of the entries that give it."""
    rows: list[list[str]] = []
    for row in read_tsv("postal.tsv"):
        rows.append([row["simplified"], row["traditional"], *row["spellings"].split("|")])
    for row in read_tsv("aliases.tsv"):
        if row["kind"] == "place":
            rows.append([row["canonical"], *row["aliases"].split("|")])
    found: dict[str, set[str]] = defaultdict(set)
    for row_names in rows:
        names = [n.strip() for n in row_names if n.strip()]
        hans = {_han(n) for n in names if _chinese(n)}
        for name in names:
            found[name] |= hans
    return {name: hans for name, hans in found.items() if hans}


def entry_entities(kind: str) -> dict[str, set[str]]:
    """Name → the alias table entries (canonical names) of ``kind`` that hold it."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv("aliases.tsv"):
        if row["kind"] == kind:
            for name in [row["canonical"], *row["aliases"].split("|")]:
                if name.strip():
                    found[name.strip()].add(row["canonical"])
    return found


def measure(kind: str, entities: dict[str, set[str]], show: bool) -> None:
    names = sorted(entities)
    start = time.perf_counter()
    compared = same_total = same_found = wrong = 0
    shown: list[str] = []
    for a, b in itertools.combinations(names, 2):
        if _chinese(a) and _chinese(b):
            continue
        compared += 1
        one = bool(entities[a] & entities[b])
        same_total += one
        c = compare(a, b, kind)
        if not c.same:
            continue
        if one:
            same_found += 1
        else:
            wrong += 1
            if show:
                shown.append(f"    {a} | {b}  {c.score:.2f}  {c.explanation}")
    seconds = time.perf_counter() - start
    print(f"{kind}: {len(names)} names, {compared:,} pairs compared ({seconds:.0f} s)")
    print(f"  pairs of one entity matched     {same_found:,} of {same_total:,}")
    print(f"  pairs of different entities matched {wrong:,}")
    for line in shown:
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--kinds", nargs="+", default=["place", "person", "organization"], metavar="KIND"
    )
    parser.add_argument("--show", action="store_true", help="list the wrong matches")
    args = parser.parse_args()
    for kind in args.kinds:
        entities = place_entities() if kind == "place" else entry_entities(kind)
        measure(kind, entities, args.show)


if __name__ == "__main__":
    main()
