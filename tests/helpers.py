"""Small helpers shared by the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


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
