"""Reading JSON Lines files line by line with precise errors, and writing files atomically.

Kept apart from `bench` and `resolve` so that loading a corpus or writing an output does not
import pandas or recordlinkage.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from sistercity_provenance._errors import InputFormatError

__all__ = ["MAX_LINE_BYTES", "atomic_write_lines", "jsonl_rows", "read_jsonl"]

#: The longest line a JSON Lines file may hold, in bytes without its line end. A longer line
#: is an error naming it; it is never read into memory whole.
MAX_LINE_BYTES: Final = 16 * 1024 * 1024

_SKIP_CHUNK: Final = 64 * 1024  # how much of an over-long line is read at a time to pass it


def _skip_rest_of_line(fh: Any) -> int:
    """Read past the rest of the current line, a chunk at a time; the bytes passed."""
    passed = 0
    while True:
        chunk = fh.readline(_SKIP_CHUNK)
        passed += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return passed


def _parse_line(
    raw: bytes, lineno: int, start: int, file: str
) -> dict[str, Any] | InputFormatError | None:
    """One line's object, the error that makes it unreadable, or None for a blank line."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        return InputFormatError(
            f"NUL byte at byte {start + nul} (is the file UTF-16 or binary?)",
            file=file,
            line=lineno,
        )
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputFormatError(
            f"invalid UTF-8 at byte {start + exc.start}", file=file, line=lineno
        )
    if lineno == 1 and line.startswith("\ufeff"):
        line = line[1:]
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputFormatError(
            f"not valid JSON ({exc.msg} at column {exc.colno})", file=file, line=lineno
        )
    except RecursionError:
        return InputFormatError("not valid JSON (nested too deeply)", file=file, line=lineno)
    except ValueError as exc:  # e.g. an integer longer than Python's digit limit
        return InputFormatError(f"not valid JSON ({exc})", file=file, line=lineno)
    if not isinstance(obj, dict):
        return InputFormatError("expected a JSON object", file=file, line=lineno)
    if _SURROGATE_ESCAPE.search(line):
        found = _lone_surrogate(obj, "")
        if found is not None:
            field, char = found
            return InputFormatError(
                f"lone surrogate \\u{ord(char):04x} in a string (an escape that is half of "
                "a UTF-16 pair is not a character)",
                file=file,
                line=lineno,
                field=field or None,
            )
    return obj


#: A JSON escape of a UTF-16 surrogate: only lines with one can hold a lone surrogate.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogate(value: object, path: str) -> tuple[str, str] | None:
    """The field path and the first lone surrogate in a parsed JSON value, if any."""
    if isinstance(value, str):
        for char in value:
            if "\ud800" <= char <= "\udfff":
                return path, char
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            found = _lone_surrogate(key, sub) or _lone_surrogate(item, sub)
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _lone_surrogate(item, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def jsonl_rows(
    path: str | Path, *, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, dict[str, Any] | InputFormatError]]:
    """Yield (line number, object or error) for each non-blank line of a JSON Lines file.

    The file is streamed: one line is in memory at a time, and a line longer than
    ``max_line_bytes`` is passed over in chunks and reported rather than read whole. A bad
    line does not end the iteration; its error (naming file and line) is yielded in place
    of the object, so that a caller may stop (:func:`read_jsonl`) or skip and carry on
    (lenient corpus loading). A byte-order mark is allowed at the start of the file, lines
    may end in CRLF, and blank lines are ignored. A file that cannot be opened raises.
    """
    path = Path(path)
    file = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputFormatError(f"cannot open: {exc.strerror or exc}", file=file) from exc
    with fh:
        offset, lineno = 0, 0
        while raw := fh.readline(max_line_bytes + 1):
            lineno += 1
            start = offset
            offset += len(raw)
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                error = InputFormatError(
                    f"line longer than {max_line_bytes:,} bytes (the limit for one record)",
                    file=file,
                    line=lineno,
                )
                yield lineno, error
                offset += _skip_rest_of_line(fh)  # only if the caller carries on
                continue
            row = _parse_line(raw, lineno, start, file)
            if row is not None:
                yield lineno, row


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; bad lines raise with file and line.

    Lines are read one at a time (see :func:`jsonl_rows`), so the rows before a bad line
    are yielded before its error is raised, and a large file is never held in memory.
    """
    for lineno, row in jsonl_rows(path):
        if isinstance(row, InputFormatError):
            raise row
        yield lineno, row


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temporary_prefix(path: str | Path) -> str:
    """The name prefix of the temporary files :func:`atomic_write_lines` makes for ``path``
    (a run killed while writing leaves one behind; the next run removes it)."""
    return f".{Path(path).name}."


def atomic_write_lines(path: str | Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path`` through a temporary file renamed into place.

    The file's bytes are flushed to disk before the rename and the rename itself after it,
    so that a crash or a power cut leaves either the old file or the new one, never a part.
    """
    path = Path(path)
    directory = path.parent
    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path), dir=directory)
    try:
        Path(tmp).chmod(0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line)
                fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that refuse it
        pass
    finally:
        os.close(fd)
