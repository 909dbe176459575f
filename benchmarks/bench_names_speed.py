"""Throughput of parse + keys on a mixed list of distinct names, beside pypinyin.

Run on demand (not part of the test suite)::

    python benchmarks/bench_names_speed.py [--count 20000] [--seed 7]

Prints names/second for ``sistercity_provenance.parse`` (parse and keys) and for
``pypinyin.lazy_pinyin`` on the same names in the same run, and the import time.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time


def _import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip())


def make_names(count: int, seed: int) -> list[tuple[str, str]]:
    """Distinct (name, kind) pairs in several scripts and romanizations."""
    from pypinyin import lazy_pinyin

    from sistercity_provenance.names._readings import to_traditional
    from sistercity_provenance.names._tables import read_tsv, surnames

    rng = random.Random(seed)
    table = surnames()
    ranked = sorted(table.values(), key=lambda r: (r.rank is None, r.rank or 0))
    sur = [r.simplified for r in ranked[:400]]
    given = list(
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华志东泽荣文斌辉建国玉兰飞鹏宇浩然"
        "子轩晨嘉欣怡思雨梓涵俊哲凯瑞安德智仁义礼信忠孝海波林森"
    )
    western = ["John", "Carrie", "Michael", "Forest", "Tony", "Regina", "Peter", "Grace"]
    wg = {row["pinyin"]: row["wade_giles"].split(",")[0] for row in read_tsv("syllables.tsv")}
    places = [row["simplified"] for row in read_tsv("postal.tsv")]
    orgs = ["侨务办公室", "外事办公室", "人民政府", "友好协会", "商会", "大学"]
    out: dict[tuple[str, str], None] = {}
    while len(out) < count:
        han = rng.choice(sur) + "".join(rng.choices(given, k=rng.choice((1, 2))))
        syllables = lazy_pinyin(han)
        style = rng.random()
        if style < 0.25:
            name, kind = han, "person"
        elif style < 0.35:
            name, kind = to_traditional(han), "person"
        elif style < 0.55:
            name = f"{syllables[0].title()} {''.join(syllables[1:]).title()}"
            kind = "person"
        elif style < 0.7:
            parts = [wg.get(s.replace("ü", "v"), s) for s in syllables]
            name, kind = f"{parts[0].title()} {'-'.join(parts[1:]).title()}", "person"
        elif style < 0.8:
            name = f"{rng.choice(western)} {syllables[0].title()} {''.join(syllables[1:]).title()}"
            kind = "person"
        elif style < 0.9:
            name, kind = rng.choice(places) + rng.choice(orgs) + han[-1], "organization"
        else:
            name, kind = rng.choice(places) + rng.choice(("", "省", "市")) + han[-1], "place"
        out[(name, kind)] = None
    return list(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import_ours = _import_seconds("sistercity_provenance")
    import_pypinyin = _import_seconds("pypinyin")

    from pypinyin import lazy_pinyin

    from sistercity_provenance import parse

    names = make_names(args.count, args.seed)
    start = time.perf_counter()
    for warm, kind in (("王伟", "person"), ("Mao Tse-tung", "person"), ("北京市", "place")):
        parse(warm, kind)  # load the tables once, outside the throughput timing
    tables_seconds = time.perf_counter() - start
    lazy_pinyin("王伟")

    start = time.perf_counter()
    for name, _kind in names:
        lazy_pinyin(name)
    pypinyin_rate = len(names) / (time.perf_counter() - start)

    start = time.perf_counter()
    for name, kind in names:
        parse(name, kind).keys  # noqa: B018 - keys are computed by parse; touch them
    ours_rate = len(names) / (time.perf_counter() - start)

    from sistercity_provenance._build import build_description

    print(f"build: {build_description()}")
    print(f"names: {len(names)} distinct (seed {args.seed})")
    print(f"sistercity_provenance.parse + keys: {ours_rate:,.0f} names/s")
    print(f"pypinyin.lazy_pinyin:               {pypinyin_rate:,.0f} names/s")
    print(f"ratio: {ours_rate / pypinyin_rate:.2f}x")
    print(f"import time: sistercity_provenance {import_ours:.3f}s, pypinyin {import_pypinyin:.3f}s")
    print(f"first parse (loads the name tables): {tables_seconds:.3f}s")


if __name__ == "__main__":
    main()
