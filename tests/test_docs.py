"""The Python examples in README.md and docs/*.md run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _snippets() -> list[tuple[str, str]]:
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for i, block in enumerate(_BLOCK.findall(path.read_text(encoding="utf-8"))):
            found.append((f"{path.name}#{i + 1}", block))
    return found


def test_there_are_snippets() -> None:
    assert len(_snippets()) >= 3


@pytest.mark.parametrize(("where", "code"), _snippets(), ids=[w for w, _c in _snippets()])
def test_snippet_runs(where: str, code: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(code, where, "exec"), {"__name__": "__docs__"})
    capsys.readouterr()
