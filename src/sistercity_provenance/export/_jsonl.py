"""The ``entities.jsonl`` and ``claims.jsonl`` records, written atomically."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sistercity_provenance._io import atomic_write_lines
from sistercity_provenance.provenance._claims import ClaimAssessment
from sistercity_provenance.resolve import Resolution

__all__ = ["claim_records", "entity_records", "jsonl_lines", "write_jsonl"]


def entity_records(resolution: Resolution) -> list[dict[str, Any]]:
    """One ``entities.jsonl`` record per entity, with the decisions touching its mentions."""
    entity_of = resolution.entity_of
    touching: dict[str, list[int]] = defaultdict(list)  # entity id -> decision positions
    for position, d in enumerate(resolution.decisions):
        for entity_id in {entity_of.get(d.a), entity_of.get(d.b)}:
            if entity_id is not None:
                touching[entity_id].append(position)
    out: list[dict[str, Any]] = []
    for entity in resolution.entities:
        decisions = [resolution.decisions[i] for i in touching.get(entity.id, ())]
        out.append(
            {
                "id": entity.id,
                "kind": str(entity.kind.value),
                "name": entity.name,
                "aliases": list(entity.aliases),
                "mentions": list(entity.mentions),
                "decisions": [
                    {
                        "a": d.a,
                        "b": d.b,
                        "merged": d.merged,
                        "probability": d.probability,
                        "decided_by": d.decided_by,
                        "reason": d.reason,
                    }
                    for d in decisions
                ],
            }
        )
    return out


def claim_records(assessments: Iterable[ClaimAssessment]) -> list[dict[str, Any]]:
    """One ``claims.jsonl`` record per assessed claim (see :meth:`ClaimAssessment.to_json`)."""
    return [a.to_json() for a in assessments]


def jsonl_lines(records: Iterable[Mapping[str, Any]]) -> list[str]:
    """The JSON Lines text of ``records``: one object a line, UTF-8 as is, keys sorted."""
    return list(_lines(records))


def _lines(records: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    return (json.dumps(dict(r), ensure_ascii=False, sort_keys=True) for r in records)


def write_jsonl(path: str | Path, records: Iterable[Mapping[str, Any]]) -> None:
    """Write one JSON object a line to ``path``, atomically.

    The lines go to a temporary file in the same directory, renamed over ``path`` only when
    every record was written: a failure (a record that cannot be encoded, an iterator that
    raises) leaves any previous file as it was and no temporary file behind.
    """
    atomic_write_lines(path, _lines(records))  # streamed, not built in memory first
