"""Time and peak memory of loading a large corpus directory with ``load_corpus``.

Run on demand (not part of the test suite)::

    python benchmarks/bench_corpus_load.py            # 100,000 documents, 1,000,000 mentions
    python benchmarks/bench_corpus_load.py --documents 10000 --mentions 100000
    python benchmarks/bench_corpus_load.py --documents 10000 --mentions 100000 --tracemalloc

The script writes a synthetic corpus into a temporary directory (deterministic for a
seed): short English and Chinese documents, each naming about ``mentions / documents``
people, organisations and places once or more, one mention row per name as written (with
``occurrence`` where the name is repeated), and one claim for every other document, its
evidence a quote of the document. It then loads the corpus in a fresh Python process, so
that the peak resident memory reported (``ru_maxrss``) is the loader's own, and prints one
JSON object: counts, sizes of the files, generation and load time, resident memory after
the imports and at its peak, and with ``--tracemalloc`` the peak of Python allocations
(tracemalloc slows loading down about twofold, so its time is reported separately).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

_RESULT = "RESULT "

# --- a synthetic corpus -----------------------------------------------------------------------

_SURNAMES = [
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
    ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
    ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"),
    ("林", "Lin"), ("罗", "Luo"),
]  # fmt: skip
_GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"),
    ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("英", "ying"), ("华", "hua"), ("荣", "rong"),
]  # fmt: skip
_PLACES = [
    ("吉林", "Jilin"), ("河南", "Henan"), ("芝加哥", "Chicago"), ("达尔文", "Darwin"),
    ("郑州", "Zhengzhou"), ("长春", "Changchun"), ("上海", "Shanghai"), ("成都", "Chengdu"),
    ("杭州", "Hangzhou"), ("武汉", "Wuhan"), ("珀斯", "Perth"), ("温哥华", "Vancouver"),
]  # fmt: skip
_ORGS = [
    ("{}市人民政府", "{} Municipal People's Government"),
    ("{}侨务办公室", "Overseas Chinese Affairs Office of {}"),
    ("{}国际贸易协会", "{} International Trade Association"),
    ("驻{}总领事馆", "Consulate-General in {}"),
]
_CLAUSES = {
    ("en", "person"): "{} spoke at the meeting.",
    ("en", "organization"): "A letter came from the {}.",
    ("en", "place"): "The delegation travelled to {}.",
    ("zh", "person"): "{}在会上发言。",
    ("zh", "organization"): "{}来函。",
    ("zh", "place"): "代表团前往{}。",
}


def _name(rng: random.Random, language: str) -> tuple[str, str]:
    """A (kind, name) in the document's language."""
    roll = rng.random()
    zh = language == "zh"
    if roll < 0.6:
        (s_han, s_lat), given = rng.choice(_SURNAMES), rng.sample(_GIVEN, rng.choice((1, 2)))
        if zh:
            return "person", s_han + "".join(g for g, _ in given)
        return "person", f"{s_lat} {''.join(g for _, g in given).capitalize()}"
    place = rng.choice(_PLACES)
    if roll < 0.8:
        return "place", place[0] if zh else place[1]
    org = rng.choice(_ORGS)
    return "organization", org[0].format(place[0]) if zh else org[1].format(place[1])


def _occurrences(text: str, quote: str) -> list[int]:
    found, start = [], text.find(quote)
    while start >= 0:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def _document(rng: random.Random, n: int, names: int) -> tuple[dict[str, Any], list[Any]]:
    """A document row and its names: (kind, name, start, clause, clause start)."""
    language = rng.choice(("en", "zh"))
    clauses, placed, at = [], [], 0
    joiner = " " if language == "en" else ""
    for _ in range(names):
        kind, name = _name(rng, language)
        template = _CLAUSES[language, kind]
        clause = template.format(name)
        placed.append((kind, name, at + template.index("{}"), clause, at))
        clauses.append(clause)
        at += len(clause) + len(joiner)
    text = joiner.join(clauses)
    row = {
        "id": f"d{n}",
        "title": f"Document {n}",
        "kind": rng.choice(("letter", "telegram", "article", "minutes")),
        "language": language,
        "date": f"20{rng.randrange(10, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "text": text,
        "reliability": rng.choice("ABCDEF"),
    }
    if n and rng.random() < 0.1:
        row["derived_from"] = [{"document": f"d{rng.randrange(n)}", "relation": "cites"}]
    return row, placed


def _occurrence(text: str, quote: str, start: int) -> dict[str, int]:
    starts = _occurrences(text, quote)
    return {} if len(starts) == 1 else {"occurrence": starts.index(start) + 1}


def _line(out: TextIO, row: dict[str, Any]) -> None:
    out.write(json.dumps(row, ensure_ascii=False))
    out.write("\n")


def _split(total: int, parts: int) -> Iterator[int]:
    base, extra = divmod(total, parts)
    for i in range(parts):
        yield base + (1 if i < extra else 0)


def generate(root: Path, documents: int, mentions: int, seed: int) -> dict[str, int]:
    """Write documents.jsonl, mentions.jsonl and claims.jsonl into ``root``; the row counts."""
    rng = random.Random(seed)
    counts = {"documents": 0, "mentions": 0, "claims": 0}
    with (
        (root / "documents.jsonl").open("w", encoding="utf-8") as docs,
        (root / "mentions.jsonl").open("w", encoding="utf-8") as ments,
        (root / "claims.jsonl").open("w", encoding="utf-8") as claims,
    ):
        for n, names in enumerate(_split(mentions, documents)):
            row, placed = _document(rng, n, max(names, 1))
            _line(docs, row)
            counts["documents"] += 1
            text = row["text"]
            first_id = counts["mentions"]
            for kind, name, start, _clause, _at in placed[:names]:
                mention: dict[str, Any] = {
                    "id": f"m{counts['mentions']}",
                    "document": row["id"],
                    "text": name,
                    "kind": kind,
                    **_occurrence(text, name, start),
                }
                if rng.random() < 0.1:
                    mention["attributes"] = {"country": "China"}
                _line(ments, mention)
                counts["mentions"] += 1
            if n % 2 == 0 and names >= 2:
                clause, at = placed[0][3:]
                _line(
                    claims,
                    {
                        "id": f"c{counts['claims']}",
                        "subject": f"m{first_id}",
                        "predicate": "mentioned_with",
                        "object": f"m{first_id + 1}",
                        "evidence": [
                            {
                                "document": row["id"],
                                "quote": clause,
                                **_occurrence(text, clause, at),
                            }
                        ],
                        "credibility": rng.randrange(1, 7),
                    },
                )
                counts["claims"] += 1
    return counts


# --- loading, in its own process --------------------------------------------------------------


def _maxrss_mib() -> float:
    # Linux reports kibibytes (macOS bytes; this benchmark is run on Linux).
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _load(root: Path, trace: bool, progress: bool) -> dict[str, Any]:
    import tracemalloc

    from sistercity_provenance.provenance import load_corpus

    def show(file: str, rows: int) -> None:
        print(f"  {file}: {rows:,} rows", file=sys.stderr, flush=True)

    import sistercity_provenance._io  # noqa: F401 - imported by the loader; not timed

    before = _maxrss_mib()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    corpus = load_corpus(root, progress=show if progress else None)
    seconds = time.perf_counter() - start
    result: dict[str, Any] = {
        "documents": len(corpus.documents),
        "mentions": len(corpus.mentions),
        "claims": len(corpus.claims),
        "skipped": len(corpus.skipped),
        "load_seconds" + ("_under_tracemalloc" if trace else ""): round(seconds, 2),
        "maxrss_after_imports_mib": before,
        "maxrss_peak_mib": _maxrss_mib(),
    }
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        result["tracemalloc_peak_mib"] = round(peak / 2**20, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace allocations")
    parser.add_argument("--progress", action="store_true", help="show loading progress")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--load", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.load is not None:
        print(_RESULT + json.dumps(_load(args.load, args.tracemalloc, args.progress)))
        return

    with tempfile.TemporaryDirectory(prefix="corpus-load-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        counts = generate(root, args.documents, args.mentions, args.seed)
        result: dict[str, Any] = {
            "seed": args.seed,
            "rows": counts,
            "file_mib": {
                p.name: round(p.stat().st_size / 2**20, 1) for p in sorted(root.glob("*.jsonl"))
            },
            "generate_seconds": round(time.perf_counter() - start, 1),
        }
        runs = [[]] + ([["--tracemalloc"]] if args.tracemalloc else [])
        for extra in runs:
            command = [sys.executable, __file__, "--load", str(root), *extra]
            if args.progress:
                command.append("--progress")
            done = subprocess.run(command, check=False, capture_output=True, text=True)
            sys.stderr.write(done.stderr)
            if done.returncode:
                sys.exit(done.returncode)
            line = next(x for x in done.stdout.splitlines() if x.startswith(_RESULT))
            loaded = json.loads(line[len(_RESULT) :])
            if extra:
                loaded = {k: v for k, v in loaded.items() if "tracemalloc" in k}
            result.update(loaded)
    result["bytes_per_mention_peak"] = round(
        (result["maxrss_peak_mib"] - result["maxrss_after_imports_mib"])
        * 2**20
        / max(result["mentions"], 1)
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
