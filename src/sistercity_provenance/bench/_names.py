"""``bench names``: name-pair accuracy on a names dataset."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from sistercity_provenance._errors import EmptyNameError, InputFormatError
from sistercity_provenance.bench._io import atomic_write_lines, read_jsonl
from sistercity_provenance.names import NameKind, compare

__all__ = ["NamePair", "load_name_pairs", "run_names_benchmark"]


@attrs.frozen
class NamePair:
    """One row of a names dataset; ``same`` is None when the file carries no label."""

    a: str
    b: str
    kind: NameKind
    same: bool | None
    category: str = ""


def load_name_pairs(path: str | Path) -> list[NamePair]:
    """Read a names dataset (JSON Lines ``{"a", "b", "kind", "same"?}``)."""
    pairs: list[NamePair] = []
    for lineno, row in read_jsonl(path):
        for field in ("a", "b"):
            if not isinstance(row.get(field), str):
                raise InputFormatError(
                    "missing or not a string", file=str(path), line=lineno, field=field
                )
        kind = row.get("kind", "person")
        try:
            kind = NameKind(kind)
        except ValueError:
            raise InputFormatError(
                f"unknown kind {kind!r} (person, organization or place)",
                file=str(path),
                line=lineno,
                field="kind",
            ) from None
        same = row.get("same")
        if same is not None and not isinstance(same, bool):
            raise InputFormatError(
                "must be true or false", file=str(path), line=lineno, field="same"
            )
        category = row.get("category", "")
        pairs.append(
            NamePair(row["a"], row["b"], kind, same, category if isinstance(category, str) else "")
        )
    return pairs


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def run_names_benchmark(
    pairs: Sequence[NamePair], predictions: str | Path | None = None
) -> dict[str, Any]:
    """Decide every pair with :func:`compare` and score against the labels present."""
    start = time.perf_counter()
    decided: list[tuple[NamePair, bool, float]] = []
    for pair in pairs:
        try:
            c = compare(pair.a, pair.b, pair.kind)
            decided.append((pair, c.same, c.score))
        except EmptyNameError:
            decided.append((pair, False, 0.0))
    seconds = time.perf_counter() - start
    if predictions is not None:
        atomic_write_lines(
            predictions,
            (
                json.dumps(
                    {"a": p.a, "b": p.b, "same": same, "score": round(score, 4)},
                    ensure_ascii=False,
                )
                for p, same, score in decided
            ),
        )
    labelled = [(p, same) for p, same, _s in decided if p.same is not None]
    result: dict[str, Any] = {"pairs": len(pairs), "labelled": len(labelled)}
    if labelled:
        tp = sum(1 for p, s in labelled if s and p.same)
        fp = sum(1 for p, s in labelled if s and not p.same)
        fn = sum(1 for p, s in labelled if not s and p.same)
        precision = _ratio(tp, tp + fp)
        recall = _ratio(tp, tp + fn)
        f1 = round(2 * precision * recall / (precision + recall), 4) if tp else 0.0
        result.update(
            {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}
        )
        by_cat: Counter[str] = Counter()
        hit_cat: Counter[str] = Counter()
        for p, s in labelled:
            if p.same:
                cat = p.category.split("|")[0] or "(none)"
                by_cat[cat] += 1
                hit_cat[cat] += int(s)
        result["recall_by_category"] = {
            cat: {"positives": n, "recall": _ratio(hit_cat[cat], n)}
            for cat, n in sorted(by_cat.items())
        }
    result["seconds"] = round(seconds, 3)
    return result
