"""JSON Lines reading and atomic writing for the benchmark runners (see ``_io``)."""

from sistercity_provenance._io import atomic_write_lines, read_jsonl

__all__ = ["atomic_write_lines", "read_jsonl"]
