"""Which of the package's modules run compiled (mypyc; ``hatch_build.py`` builds them)."""

from __future__ import annotations

import importlib.machinery
from pathlib import Path


def compiled_modules(root: Path | None = None) -> tuple[str, ...]:
    """The package's modules installed as C extensions, which Python imports before a
    source file of the same name; empty for a pure-Python (or editable) install.

    ``root`` is the package's directory (this package's by default).

    >>> isinstance(compiled_modules(), tuple)
    True
    """
    root = root if root is not None else Path(__file__).resolve().parent
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = []
    for path in root.rglob("*"):
        if path.name.endswith(suffixes):
            package = path.relative_to(root).parent.parts
            found.append(".".join((root.name, *package, path.name.split(".", 1)[0])))
    return tuple(sorted(found))


def build_description() -> str:
    """``compiled (N modules)`` or ``pure Python``, for benchmark reports."""
    found = compiled_modules()
    return f"compiled ({len(found)} modules)" if found else "pure Python"
