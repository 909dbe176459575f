"""Small helpers shared by the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_jsonl_rows(path: Path, rows: list[Any]) -> Path:
    """Write ``rows`` as JSON Lines (UTF-8) and return the path."""
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path
