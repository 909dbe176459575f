"""The name engine: parse, normalize, key and compare names across scripts and romanizations."""

from sistercity_provenance.names._compare import THRESHOLD, Comparison, compare
from sistercity_provenance.names._model import Key, NameKind, ParsedName, Part, PartRole, Unit
from sistercity_provenance.names._parse import parse
from sistercity_provenance.names._registry import (
    ENTRY_POINT_GROUP,
    Normalizer,
    NormalizerRegistry,
    default_registry,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "THRESHOLD",
    "Comparison",
    "Key",
    "NameKind",
    "Normalizer",
    "NormalizerRegistry",
    "ParsedName",
    "Part",
    "PartRole",
    "Unit",
    "compare",
    "default_registry",
    "parse",
]
