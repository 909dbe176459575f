"""Example normalizer plug-ins shipped with the library."""

from sistercity_provenance.names.plugins.alias_table import AliasTableNormalizer

__all__ = ["AliasTableNormalizer"]
