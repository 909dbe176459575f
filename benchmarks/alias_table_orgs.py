"""How the organisation rules that need no table fare on the alias table's organisations.

Run on demand (not part of the test suite)::

    python benchmarks/alias_table_orgs.py

Every pair of a Chinese and a Latin name of the table's organisations is compared without
the table: by reading and translation (``_translation_match``, ``_pinyin_match``), then by
the mixed reading (``_mixed_match``: a romanized proper name, the rest translated). Pairs
of one body show what each rule finds; pairs of different bodies what it joins wrongly.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict

from sistercity_provenance import parse
from sistercity_provenance.names import _orgs
from sistercity_provenance.names._model import NameKind
from sistercity_provenance.names._tables import read_tsv
from sistercity_provenance.names._text import is_han

THRESHOLD = _orgs.THRESHOLD_ORG


def main() -> None:
    bodies: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv("aliases.tsv"):
        if row["kind"] == "organization":
            names = [row["canonical"], *row["aliases"].split("|")]
            bodies[row["canonical"]].update(n.strip() for n in names if n.strip())
    han = [(b, n) for b, names in bodies.items() for n in names if any(map(is_han, n))]
    latin = [(b, n) for b, names in bodies.items() for n in names if not any(map(is_han, n))]
    kind = NameKind.ORGANIZATION
    start = time.perf_counter()
    same = by_reading = by_mixed = 0
    wrong_reading = wrong_mixed = 0
    for (body_a, a), (body_b, b) in itertools.product(han, latin):
        pa, pb = parse(a, kind), parse(b, kind)
        reading = max(_orgs._translation_match(pa.han, pb.words), _orgs._pinyin_match(pa, pb))
        mixed = _orgs._mixed_match(pa.han, pb) if reading[0] < THRESHOLD else (0.0, ())
        if body_a == body_b:
            same += 1
            by_reading += reading[0] >= THRESHOLD
            by_mixed += mixed[0] >= THRESHOLD
        else:
            wrong_reading += reading[0] >= THRESHOLD
            wrong_mixed += mixed[0] >= THRESHOLD
    pairs = len(han) * len(latin)
    print(f"bodies {len(bodies)}, Chinese names {len(han)}, Latin names {len(latin)}")
    print(f"pairs of one body {same}: by reading or translation {by_reading}, then by the")
    print(f"  mixed reading {by_mixed} more")
    print(f"pairs of different bodies {pairs - same}: joined by reading or translation")
    print(f"  {wrong_reading}, by the mixed reading {wrong_mixed}")
    print(f"seconds {time.perf_counter() - start:.1f}")


if __name__ == "__main__":
    main()
