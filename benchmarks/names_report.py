"""Run ``bench names`` on the shipped name datasets and print Markdown tables.

    python benchmarks/names_report.py > /tmp/names_report.md

The figures in docs/benchmarks.md were produced with this script.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
FILES = [
    "names_core.jsonl",
    "names_exonym.jsonl",
    "names_knowledge.jsonl",
    "external/nomenklatura_cases.jsonl",
]


def _run(path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "sistercity_provenance.cli", "bench", "names", str(path), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, object] = json.loads(out)
    return result


def main() -> None:
    results = {name: _run(DATA / name) for name in FILES}
    print("| dataset | pairs | precision | recall | F1 | seconds |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(
            f"| `{name}` | {r['pairs']} | {r['precision']:.4f} | {r['recall']:.4f} "
            f"| {r['f1']:.4f} | {r['seconds']} |"
        )
    for name, r in results.items():
        print(f"\n**Recall by category: `{name}`**\n")
        print("| category | positives | recall |")
        print("| --- | ---: | ---: |")
        table = r["recall_by_category"]
        assert isinstance(table, dict)
        for cat, row in table.items():
            print(f"| {cat} | {row['positives']} | {row['recall']:.3f} |")


if __name__ == "__main__":
    main()
