"""sistercity_provenance: entity resolution with provenance for Chinese and romanized names."""

from importlib.metadata import PackageNotFoundError, version

from sistercity_provenance._build import compiled_modules
from sistercity_provenance._errors import (
    DataError,
    EmptyNameError,
    InputError,
    InputFormatError,
    PluginError,
    SisterCityError,
)
from sistercity_provenance.names import (
    THRESHOLD,
    Comparison,
    Key,
    NameKind,
    Normalizer,
    NormalizerRegistry,
    ParsedName,
    Part,
    PartRole,
    Unit,
    compare,
    default_registry,
    parse,
)

try:
    __version__ = version("sistercity-provenance")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "THRESHOLD",
    "Comparison",
    "DataError",
    "EmptyNameError",
    "InputError",
    "InputFormatError",
    "Key",
    "NameKind",
    "Normalizer",
    "NormalizerRegistry",
    "ParsedName",
    "Part",
    "PartRole",
    "PluginError",
    "SisterCityError",
    "Unit",
    "__version__",
    "compare",
    "compiled_modules",
    "default_registry",
    "parse",
]
