"""Exports: ``entities.jsonl``, ``claims.jsonl`` and W3C PROV (PROV-JSON)."""

from sistercity_provenance.export._jsonl import claim_records, entity_records, write_jsonl
from sistercity_provenance.export._prov import (
    SCP_NAMESPACE,
    SCP_PREFIX,
    qname_local,
    to_prov,
    write_prov_json,
)

__all__ = [
    "SCP_NAMESPACE",
    "SCP_PREFIX",
    "claim_records",
    "entity_records",
    "qname_local",
    "to_prov",
    "write_jsonl",
    "write_prov_json",
]
