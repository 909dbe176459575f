"""Small helpers shared by the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def write_jsonl_rows(path: Path, rows: list[Any]) -> Path:
    """Write ``rows`` as JSON Lines (UTF-8) and return the path."""
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter and return what it printed; a failure shows its
    standard error."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def patches_internals_of(*modules: str) -> pytest.MarkDecorator:
    """Skip a test that replaces a module's internals (a constant, a function it calls)
    where that module runs compiled: compiled code binds them when it is built, so the
    test would watch nothing. The pure-Python build runs it (``.ci/run`` tests both)."""
    from sistercity_provenance import compiled_modules

    compiled = sorted(set(modules) & set(compiled_modules()))
    return pytest.mark.skipif(
        bool(compiled), reason=f"patches internals of compiled {', '.join(compiled)}"
    )
