"""Resolution: deduplicate mentions across documents into entities, explainably."""

from sistercity_provenance.resolve._fs import FellegiSunter
from sistercity_provenance.resolve._judgements import JudgementStore
from sistercity_provenance.resolve._model import Entity, Judgement, Mention, MergeDecision, Verdict
from sistercity_provenance.resolve._resolver import (
    DuplicateMentionError,
    PairExplanation,
    Resolution,
    Resolver,
)

__all__ = [
    "DuplicateMentionError",
    "Entity",
    "FellegiSunter",
    "Judgement",
    "JudgementStore",
    "Mention",
    "MergeDecision",
    "PairExplanation",
    "Resolution",
    "Resolver",
    "Verdict",
]
