"""The library's single error tree.

Every error the library raises on purpose derives from :class:`SisterCityError`; leaves
also subclass the matching builtin so that ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "DataError",
    "EmptyNameError",
    "InputError",
    "InputFormatError",
    "PluginError",
    "SisterCityError",
]


class SisterCityError(Exception):
    """Base of every error raised on purpose by sistercity_provenance."""


class InputError(SisterCityError):
    """Something the user gave us is not usable."""


class DataError(SisterCityError):
    """A shipped or user-supplied data table is broken."""


class EmptyNameError(InputError, ValueError):
    """A name has nothing to compare once spaces, punctuation and titles are removed."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"name {name!r} is empty once spaces, punctuation and titles are removed")


class InputFormatError(InputError, ValueError):
    """A line of an input file is malformed; carries the file, line and field."""

    def __init__(
        self, problem: str, *, file: str, line: int | None = None, field: str | None = None
    ) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        self.field = field
        where = file if line is None else f"{file}:{line}"
        if field is not None:
            where = f"{where}: field {field!r}"
        super().__init__(f"{where}: {problem}")


class PluginError(SisterCityError, TypeError):
    """A normalizer plug-in does not fulfil the normalizer contract."""
