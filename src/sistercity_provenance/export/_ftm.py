"""FollowTheMoney statements, with the span each value comes from (optional extra ``ftm``).

Every mention becomes a ``name`` statement on its resolved entity (Person, Organization,
or Address for places), and every claim a ``notes`` statement on its subject; the
statement's ``origin`` is the span reference ``document:start-end`` (code points of the
document's text layer), so that each value can be traced to the exact words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sistercity_provenance._io import atomic_write_lines

if TYPE_CHECKING:  # pragma: no cover - types only
    from sistercity_provenance.provenance._claims import ClaimAssessment
    from sistercity_provenance.provenance._corpus import Corpus
    from sistercity_provenance.provenance._model import Span
    from sistercity_provenance.resolve import Resolution

__all__ = ["DATASET", "ftm_statements", "span_reference", "write_ftm_statements"]

#: The FtM dataset name the statements carry.
DATASET: Final = "sistercity_provenance"
_SCHEMA: Final = {"person": ("Person", "name"), "organization": ("Organization", "name"),
                  "place": ("Address", "full")}  # fmt: skip


def span_reference(span: Span) -> str:
    """``document:start-end`` in code points of the document's text layer."""
    return f"{span.document}:{span.start}-{span.end}"


def ftm_statements(
    corpus: Corpus, resolution: Resolution, assessments: Sequence[ClaimAssessment] = ()
) -> list[Any]:
    """FtM ``Statement`` objects for the resolved entities and the claims."""
    from followthemoney.statement import Statement  # noqa: PLC0415 - optional extra

    statements: list[Any] = []
    kinds = {e.id: e.kind.value for e in resolution.entities}
    for mention in corpus.mentions:
        entity = resolution.entity_of.get(mention.id)
        if entity is None:
            continue
        schema, prop = _SCHEMA[kinds[entity]]
        statements.append(
            Statement(
                entity_id=entity,
                prop=prop,
                schema=schema,
                value=mention.text,
                dataset=DATASET,
                origin=span_reference(mention.span),
            )
        )
    for a in assessments:
        schema, _prop = _SCHEMA[kinds.get(a.subject_entity, "person")]
        for span in a.claim.evidence:
            statements.append(
                Statement(
                    entity_id=a.subject_entity,
                    prop="notes",
                    schema=schema,
                    value=f"{a.claim.predicate}: {a.object_value} ({a.grade}, claim {a.claim.id})",
                    dataset=DATASET,
                    origin=span_reference(span),
                )
            )
    return statements


def write_ftm_statements(path: str | Path, statements: Iterable[Any]) -> None:
    """Write statements as JSON Lines (FtM's statement JSON format), atomically."""
    atomic_write_lines(
        path,
        (json.dumps(s.to_dict(), ensure_ascii=False, sort_keys=True) for s in statements),
    )
