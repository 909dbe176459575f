"""Exports: ``entities.jsonl``, ``claims.jsonl``, W3C PROV (PROV-JSON) and FtM statements."""

from sistercity_provenance.export._ftm import (
    DATASET,
    ftm_statements,
    span_reference,
    write_ftm_statements,
)
from sistercity_provenance.export._jsonl import (
    claim_records,
    entity_records,
    jsonl_lines,
    write_jsonl,
)
from sistercity_provenance.export._prov import (
    SCP_NAMESPACE,
    SCP_PREFIX,
    prov_json,
    qname_local,
    to_prov,
    write_prov_json,
)

__all__ = [
    "DATASET",
    "SCP_NAMESPACE",
    "SCP_PREFIX",
    "claim_records",
    "entity_records",
    "ftm_statements",
    "jsonl_lines",
    "prov_json",
    "qname_local",
    "span_reference",
    "to_prov",
    "write_ftm_statements",
    "write_jsonl",
    "write_prov_json",
]
