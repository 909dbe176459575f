"""``bench resolve``: mention clustering accuracy on a mentions dataset."""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sistercity_provenance._errors import InputFormatError
from sistercity_provenance.bench._io import atomic_write_lines, read_jsonl
from sistercity_provenance.names import NameKind
from sistercity_provenance.resolve import Mention, Resolver

__all__ = ["bcubed_scores", "load_mentions", "pairwise_scores", "run_resolve_benchmark"]


def load_mentions(path: str | Path) -> tuple[list[Mention], dict[str, str]]:
    """Read a mentions file; returns the mentions and the gold entity of those labelled."""
    mentions: list[Mention] = []
    gold: dict[str, str] = {}
    seen: set[str] = set()
    for lineno, row in read_jsonl(path):
        for field in ("id", "name"):
            if not isinstance(row.get(field), str) or not row[field].strip():
                raise InputFormatError(
                    "missing, empty or not a string", file=str(path), line=lineno, field=field
                )
        if row["id"] in seen:
            raise InputFormatError(
                f"mention id {row['id']!r} appears twice", file=str(path), line=lineno, field="id"
            )
        seen.add(row["id"])
        kind = row.get("kind", "person")
        try:
            kind = NameKind(kind)
        except ValueError:
            raise InputFormatError(
                f"unknown kind {kind!r}", file=str(path), line=lineno, field="kind"
            ) from None
        attributes = row.get("attributes")
        if attributes is None:
            attributes = {}
        if not isinstance(attributes, dict):
            raise InputFormatError(
                "must be an object", file=str(path), line=lineno, field="attributes"
            )
        document = row.get("document", "")
        if not isinstance(document, str):
            raise InputFormatError(
                "must be a string", file=str(path), line=lineno, field="document"
            )
        mentions.append(Mention(row["id"], row["name"], kind, document, attributes))
        entity = row.get("entity")
        if entity is not None:
            gold[row["id"]] = str(entity)
    return mentions, gold


def _pairs_in(clusters: Mapping[str, int]) -> int:
    return sum(n * (n - 1) // 2 for n in clusters.values())


def pairwise_scores(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """Precision, recall and F1 over unordered pairs put in one cluster (mentions in gold)."""
    ids = [m for m in gold if m in pred]
    both = Counter((pred[m], gold[m]) for m in ids)
    tp = sum(n * (n - 1) // 2 for n in both.values())
    pred_pairs = _pairs_in(Counter(pred[m] for m in ids))
    gold_pairs = _pairs_in(Counter(gold[m] for m in ids))
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def bcubed_scores(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1, averaged over mentions."""
    ids = [m for m in gold if m in pred]
    if not ids:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    both = Counter((pred[m], gold[m]) for m in ids)
    pred_size = Counter(pred[m] for m in ids)
    gold_size = Counter(gold[m] for m in ids)
    p = sum(both[(pred[m], gold[m])] / pred_size[pred[m]] for m in ids) / len(ids)
    r = sum(both[(pred[m], gold[m])] / gold_size[gold[m]] for m in ids) / len(ids)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _homonyms(
    pred: Mapping[str, str], gold: Mapping[str, str], names: Mapping[str, str]
) -> dict[str, int]:
    """Gold entities that share a surface name with another entity, and how many were split."""
    entities_of_name: dict[str, set[str]] = defaultdict(set)
    for m, e in gold.items():
        entities_of_name[names[m]].add(e)
    groups = [ents for ents in entities_of_name.values() if len(ents) > 1]
    mentions_of: dict[str, list[str]] = defaultdict(list)
    for m, e in gold.items():
        mentions_of[e].append(m)
    kept_apart = 0
    for ents in groups:
        clusters = [{pred[m] for m in mentions_of[e]} for e in ents]
        if all(not (clusters[i] & clusters[j]) for i in range(len(clusters))
               for j in range(i + 1, len(clusters))):  # fmt: skip
            kept_apart += 1
    return {"homonym_groups": len(groups), "homonym_groups_kept_apart": kept_apart}


def run_resolve_benchmark(
    mentions: Sequence[Mention],
    gold: Mapping[str, str],
    predictions: str | Path | None = None,
    resolver: Resolver | None = None,
) -> dict[str, Any]:
    """Resolve the mentions and score them against the labels present (never read before)."""
    start = time.perf_counter()
    resolver = resolver or Resolver()
    resolution = resolver.resolve(mentions)
    seconds = time.perf_counter() - start
    pred = dict(resolution.entity_of)
    if predictions is not None:
        atomic_write_lines(
            predictions,
            (json.dumps({"id": m.id, "entity": pred[m.id]}, ensure_ascii=False) for m in mentions),
        )
    result: dict[str, Any] = {
        "mentions": len(mentions),
        "entities": len(resolution.entities),
        "candidate_pairs": resolution.stats.get("candidate_pairs", 0),
        "all_pairs": resolution.stats.get("all_pairs", 0),
    }
    if gold:
        result["pairwise"] = pairwise_scores(pred, gold)
        result["bcubed"] = bcubed_scores(pred, gold)
        names = {m.id: m.name for m in mentions}
        result.update(_homonyms(pred, gold, names))
        result["blocking_recall"] = _blocking_recall(resolver, gold)
    result["seconds"] = round(seconds, 3)
    return result


def _blocking_recall(resolver: Resolver, gold: Mapping[str, str]) -> float:
    """Share of true pairs that blocking made candidates (scorer side, after resolution)."""
    pairs = resolver.candidate_pairs()
    found = sum(1 for a, b in pairs if a in gold and b in gold and gold[a] == gold[b])
    total = _pairs_in(Counter(gold.values()))
    return round(found / total, 4) if total else 1.0
