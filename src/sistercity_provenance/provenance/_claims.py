"""Claims with their provenance: entities, evidence, chains, grades, corroboration, conflicts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from sistercity_provenance.names._text import fold_latin, normalize_text
from sistercity_provenance.provenance._graph import ChainStep, DerivationGraph
from sistercity_provenance.provenance._model import Claim, Document, Relation, grade

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
    #: Independent sources behind every claim that says the same: groups of origins that
    #: share nothing (see :meth:`DerivationGraph.independent_groups`).
    corroboration: int
    corroborated_by: tuple[str, ...]  # the other claims that say the same
    grade: str  # e.g. "B2": reliability of the evidence's source, credibility of the claim
    conflicts: tuple[str, ...]  # claims with the same subject, predicate and scope, other value
    circular: bool  # a chain of this claim's evidence runs in a circle
    #: Why the subject mention belongs to its entity: the merge decisions that involve it.
    subject_decisions: tuple[MergeDecision, ...] = ()

    def chain_ids(self) -> list[list[str]]:
        """Each chain as document ids, from the evidence document back to its origin."""
        return [ids for ids, _ in self._chains_with_steps()]

    def _chains_with_steps(self) -> list[tuple[list[str], list[bool]]]:
        """Each chain's document ids and, step by step, whether the step is only reported.

        An evidence document derived from nothing is a chain of one document and no step.
        """
        out: list[tuple[list[str], list[bool]]] = []
        for chain in self.chains:
            if not chain:
                continue
            ids = [chain[0].document, *(step.source for step in chain)]
            out.append((ids, [step.reported for step in chain]))
        evidence_only = {span.document for span in self.claim.evidence} - {
            c[0].document for c in self.chains if c
        }
        out.extend(([doc], []) for doc in sorted(evidence_only))
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
            "chain": [ids for ids, _ in self._chains_with_steps()],
            "reported_steps": [steps for _, steps in self._chains_with_steps()],
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


#: Derivations that carry the source's words unchanged: an ungraded document made this way
#: from a single source takes that source's reliability.
_FAITHFUL: Final = frozenset(
    {
        Relation.QUOTES,
        Relation.TRANSLATES,
        Relation.SCREENSHOT_OF,
        Relation.LEAKED_FROM,
        Relation.PROVIDED_BY,
    }
)


def _document_reliability(graph: DerivationGraph, document: str) -> str | None:
    """A document's own reliability grade; an ungraded copy, translation or quotation of a
    single source takes its source's grade. Anything else ungraded stays ungraded: an
    article's grade is never borrowed from the cables behind it."""
    seen: set[str] = set()
    current: str | None = document
    while current is not None and current not in seen:
        seen.add(current)
        found = graph.documents.get(current)
        if found is None:
            return None
        if found.reliability:
            return found.reliability
        sources = found.derived_from
        if len(sources) != 1 or sources[0].relation not in _FAITHFUL:
            return None
        current = sources[0].source
    return None


def _reliability(graph: DerivationGraph, documents: Iterable[str]) -> str | None:
    """The best reliability among the documents that state the claim."""
    grades = [g for d in documents if (g := _document_reliability(graph, d)) is not None]
    return min(grades) if grades else None


def _conflicting(a: tuple[str, bool], b: tuple[str, bool], scope: str) -> bool:
    """Whether two values of one subject and predicate in one scope contradict each other.

    Two different literal values (dates, numbers, words) do. Two different entities do only
    within a stated scope: without one, a person may chair two associations and a city have
    many sister cities, so "Rong reports to the OCAO" and "Rong reports to the UFWD" stand
    together.
    """
    (value_a, is_entity_a), (value_b, is_entity_b) = a, b
    if value_a == value_b:
        return False
    if not is_entity_a and not is_entity_b:
        return True
    return bool(scope)


def assess_claims(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    entity_of: Mapping[str, str],
    decisions: Sequence[MergeDecision] = (),
) -> list[ClaimAssessment]:
    """Resolve each claim's subject and object to entities and weigh its provenance.

    ``entity_of`` maps mention ids to entity ids (a resolution). Two claims say the same
    when their subject entity, predicate and object (entity, or literal folded for case and
    accents) agree; they conflict when subject, predicate and scope agree and the objects
    contradict each other (two literal values; two entities only within a stated scope).
    Corroboration counts the independent sources behind all the claims that say the same:
    two articles quoting one cable are one, and so is an article built on several sources.
    The grade's reliability is the best of the evidence documents' own grades (an ungraded
    quotation, translation or copy of one source takes that source's). With the
    resolution's ``decisions``, each
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
    by_scope: dict[tuple[str, str, str], list[tuple[Claim, tuple[str, bool]]]] = defaultdict(list)
    for claim, subject, obj_entity, value in resolved:
        key_value = value if obj_entity is not None else _literal_key(value)
        same[(subject, claim.predicate, key_value)].append(claim)
        by_scope[(subject, claim.predicate, claim.scope)].append(
            (claim, (key_value, obj_entity is not None))
        )
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
                if _conflicting((key_value, obj_entity is not None), other_value, claim.scope)
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
                corroboration=len(graph.independent_groups(all_docs)),
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
