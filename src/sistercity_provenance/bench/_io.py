"""Reading JSON Lines with precise errors, and writing files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sistercity_provenance._errors import InputFormatError

__all__ = ["atomic_write_lines", "read_jsonl"]


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; bad lines raise with file and line."""
    path = Path(path)
    with path.open("rb") as fh:
        offset = 0
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputFormatError(
                    f"invalid UTF-8 at byte {offset + exc.start}", file=str(path), line=lineno
                ) from exc
            offset += len(raw)
            if lineno == 1 and line.startswith("\ufeff"):
                line = line[1:]
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputFormatError(
                    f"not valid JSON ({exc.msg} at column {exc.colno})",
                    file=str(path),
                    line=lineno,
                ) from exc
            if not isinstance(obj, dict):
                raise InputFormatError("expected a JSON object", file=str(path), line=lineno)
            yield lineno, obj


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_lines(path: str | Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path`` through a temporary file renamed into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        Path(tmp).chmod(0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line)
                fh.write("\n")
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
