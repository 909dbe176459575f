"""Claims with their provenance: entities, evidence, chains, grades, corroboration, conflicts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from sistercity_provenance.names._text import fold_latin, normalize_text
from sistercity_provenance.provenance._graph import ChainStep, DerivationGraph
from sistercity_provenance.provenance._model import Claim, Document, grade

if TYPE_CHECKING:  # pragma: no cover - importing resolve would load pandas for nothing
    from sistercity_provenance.resolve._model import MergeDecision

__all__ = ["ClaimAssessment", "assess_claims"]


@attrs.frozen
class ClaimAssessment:
    """What a journalist needs to know before printing a claim."""

    claim: Claim
    subject_entity: str
    object_entity: str | None  # None when the object is a literal value
    object_value: str  # the entity id, or the literal as written
    chains: tuple[tuple[ChainStep, ...], ...]  # per evidence document, per path
    origins: tuple[str, ...]  # the independent origins behind the evidence
    corroboration: int  # independent origins behind every claim that says the same
    corroborated_by: tuple[str, ...]  # the other claims that say the same
    grade: str  # e.g. "B2": reliability of the evidence's source, credibility of the claim
    conflicts: tuple[str, ...]  # claims with the same subject, predicate and scope, other value
    circular: bool  # a chain of this claim's evidence runs in a circle
    #: Why the subject mention belongs to its entity: the merge decisions that involve it.
    subject_decisions: tuple[MergeDecision, ...] = ()

    def chain_ids(self) -> list[list[str]]:
        """Each chain as document ids, from the evidence document back to its origin."""
        out: list[list[str]] = []
        for chain in self.chains:
            if not chain:
                continue
            out.append([chain[0].document, *(step.source for step in chain)])
        evidence_only = {span.document for span in self.claim.evidence} - {
            c[0].document for c in self.chains if c
        }
        out.extend([doc] for doc in sorted(evidence_only))
        return out

    def to_json(self) -> dict[str, Any]:
        """The ``claims.jsonl`` record of this claim."""
        return {
            "id": self.claim.id,
            "subject": self.subject_entity,
            "predicate": self.claim.predicate,
            "object": self.object_value,
            "object_is_entity": self.object_entity is not None,
            "evidence": [
                {
                    "document": s.document,
                    "start": s.start,
                    "end": s.end,
                    "quote": s.quote,
                    "sha256": s.document_sha256,
                }
                for s in self.claim.evidence
            ],
            "chain": self.chain_ids(),
            "reported_steps": [[step.reported for step in chain] for chain in self.chains if chain],
            "origins": list(self.origins),
            "corroboration": self.corroboration,
            "corroborated_by": list(self.corroborated_by),
            "grade": self.grade,
            "conflicts": list(self.conflicts),
            "circular": self.circular,
            "scope": self.claim.scope,
            "subject_mention": self.claim.subject,
            "why_subject": [
                {
                    "a": d.a,
                    "b": d.b,
                    "merged": d.merged,
                    "decided_by": d.decided_by,
                    "probability": round(d.probability, 4),
                    "reason": d.reason,
                }
                for d in self.subject_decisions
            ],
        }


def _literal_key(value: str) -> str:
    return fold_latin(normalize_text(value))


def _reliability(graph: DerivationGraph, documents: Iterable[str]) -> str | None:
    """The best reliability among the evidence documents and their origins."""
    grades: list[str] = []
    for doc in documents:
        for d in (doc, *graph.origins(doc)):
            found = graph.documents.get(d)
            if found is not None and found.reliability:
                grades.append(found.reliability)
    return min(grades) if grades else None


def assess_claims(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    entity_of: Mapping[str, str],
    decisions: Sequence[MergeDecision] = (),
) -> list[ClaimAssessment]:
    """Resolve each claim's subject and object to entities and weigh its provenance.

    ``entity_of`` maps mention ids to entity ids (a resolution). Two claims say the same
    when their subject entity, predicate and object (entity, or literal folded for case and
    accents) agree; they conflict when subject, predicate and scope agree and the objects do
    not. Corroboration counts the independent origins behind all the claims that say the
    same: two articles quoting one cable are one. With the resolution's ``decisions``, each
    assessment carries the merge decisions that put its subject mention in its entity.
    """
    by_mention: dict[str, list[MergeDecision]] = defaultdict(list)
    for d in decisions:
        by_mention[d.a].append(d)
        by_mention[d.b].append(d)
    graph = DerivationGraph.of(documents)
    cyclic = {d for cycle in graph.cycles() for d in cycle}
    resolved: list[tuple[Claim, str, str | None, str]] = []
    for claim in claims:
        subject = entity_of.get(claim.subject, claim.subject)
        if claim.object_is_mention:
            obj_entity: str | None = entity_of.get(claim.object, claim.object)
            value = obj_entity or claim.object
        else:
            obj_entity, value = None, claim.object
        resolved.append((claim, subject, obj_entity, value))
    same: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    by_scope: dict[tuple[str, str, str], list[tuple[Claim, str]]] = defaultdict(list)
    for claim, subject, obj_entity, value in resolved:
        key_value = value if obj_entity is not None else _literal_key(value)
        same[(subject, claim.predicate, key_value)].append(claim)
        by_scope[(subject, claim.predicate, claim.scope)].append((claim, key_value))
    out: list[ClaimAssessment] = []
    for claim, subject, obj_entity, value in resolved:
        key_value = value if obj_entity is not None else _literal_key(value)
        agreeing = same[(subject, claim.predicate, key_value)]
        evidence_docs = sorted({s.document for s in claim.evidence})
        chains = tuple(tuple(path) for doc in evidence_docs for path in graph.chains(doc))
        all_docs = sorted({s.document for c in agreeing for s in c.evidence})
        origins = graph.independent_sources(evidence_docs)
        conflicts = tuple(
            sorted(
                other.id
                for other, other_value in by_scope[(subject, claim.predicate, claim.scope)]
                if other_value != key_value
            )
        )
        out.append(
            ClaimAssessment(
                claim=claim,
                subject_entity=subject,
                object_entity=obj_entity,
                object_value=value,
                chains=chains,
                origins=tuple(sorted(origins)),
                corroboration=len(graph.independent_sources(all_docs)),
                corroborated_by=tuple(sorted(c.id for c in agreeing if c.id != claim.id)),
                grade=grade(_reliability(graph, evidence_docs), claim.credibility),
                conflicts=conflicts,
                circular=any(
                    d in cyclic for chain in chains for step in chain for d in (step.source,)
                ),
                subject_decisions=tuple(by_mention.get(claim.subject, ())),
            )
        )
    return out
