"""Resolution: deduplicate mentions across documents into entities, explainably.

The records (``Mention``, ``Entity``, ``MergeDecision`` ...) and the judgement store load
at once; the resolver and its model, which need numpy, pandas and recordlinkage, load on
first use, so that reading a store or a corpus stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sistercity_provenance.resolve._judgements import JudgementStore
from sistercity_provenance.resolve._model import Entity, Judgement, Mention, MergeDecision, Verdict

if TYPE_CHECKING:  # pragma: no cover - names loaded lazily below
    from sistercity_provenance.resolve._fs import FellegiSunter
    from sistercity_provenance.resolve._resolver import (
        DuplicateMentionError,
        PairExplanation,
        Resolution,
        Resolver,
    )

_LAZY = {
    "FellegiSunter": "sistercity_provenance.resolve._fs",
    "DuplicateMentionError": "sistercity_provenance.resolve._resolver",
    "PairExplanation": "sistercity_provenance.resolve._resolver",
    "Resolution": "sistercity_provenance.resolve._resolver",
    "Resolver": "sistercity_provenance.resolve._resolver",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
