"""JSON Lines reading and atomic writing for the benchmark runners (see ``_io``)."""

from sistercity_provenance._io import (
    MAX_LINE_BYTES,
    atomic_write_lines,
    jsonl_rows,
    read_jsonl,
    temporary_prefix,
)

__all__ = ["MAX_LINE_BYTES", "atomic_write_lines", "jsonl_rows", "read_jsonl", "temporary_prefix"]
