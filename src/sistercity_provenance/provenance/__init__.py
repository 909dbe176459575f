"""Provenance: claims anchored to the exact words of their sources, and where those came from."""

from sistercity_provenance.provenance._anchor import (
    AmbiguousQuoteError,
    QuoteNotFoundError,
    Reanchored,
    anchor,
    reanchor,
)
from sistercity_provenance.provenance._claims import ClaimAssessment, assess_claims
from sistercity_provenance.provenance._corpus import (
    Corpus,
    CorpusMention,
    SkippedRow,
    load_corpus,
)
from sistercity_provenance.provenance._graph import ChainStep, DerivationGraph
from sistercity_provenance.provenance._model import (
    TEXT_LAYER_VERSION,
    Claim,
    Derivation,
    Document,
    Relation,
    Span,
    grade,
    text_layer,
)

__all__ = [
    "TEXT_LAYER_VERSION",
    "AmbiguousQuoteError",
    "ChainStep",
    "Claim",
    "ClaimAssessment",
    "Corpus",
    "CorpusMention",
    "Derivation",
    "DerivationGraph",
    "Document",
    "QuoteNotFoundError",
    "Reanchored",
    "Relation",
    "SkippedRow",
    "Span",
    "anchor",
    "assess_claims",
    "grade",
    "load_corpus",
    "reanchor",
    "text_layer",
]
