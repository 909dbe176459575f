"""Benchmark runners and metrics."""

from sistercity_provenance.bench._names import NamePair, load_name_pairs, run_names_benchmark

__all__ = ["NamePair", "load_name_pairs", "run_names_benchmark"]
