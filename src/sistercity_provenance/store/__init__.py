"""A SQLite store of documents, mentions, claims and resolutions, with integrity checks."""

from sistercity_provenance.store._sqlite import (
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    DocumentConflictError,
    Problem,
    Reextraction,
    Store,
    StoreConflictError,
    StoreError,
    StoreVersionError,
    verify,
)

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "DocumentConflictError",
    "Problem",
    "Reextraction",
    "Store",
    "StoreConflictError",
    "StoreError",
    "StoreVersionError",
    "verify",
]
