"""Resolution: deduplicate mentions across documents into entities, explainably."""

from sistercity_provenance.resolve._fs import FellegiSunter
from sistercity_provenance.resolve._judgements import JudgementStore
from sistercity_provenance.resolve._model import Entity, Judgement, MergeDecision, Mention, Verdict
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
    "MergeDecision",
    "Mention",
    "PairExplanation",
    "Resolution",
    "Resolver",
    "Verdict",
]
