"""Benchmark runners and metrics."""

from sistercity_provenance.bench._names import NamePair, load_name_pairs, run_names_benchmark
from sistercity_provenance.bench._resolve import (
    bcubed_scores,
    load_mentions,
    pairwise_scores,
    run_resolve_benchmark,
)

__all__ = [
    "NamePair",
    "bcubed_scores",
    "load_mentions",
    "load_name_pairs",
    "pairwise_scores",
    "run_names_benchmark",
    "run_resolve_benchmark",
]
