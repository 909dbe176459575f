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


def _modules() -> list[str]:
    import pkgutil

    import sistercity_provenance

    return sorted(
        m.name
        for m in pkgutil.walk_packages(
            sistercity_provenance.__path__, prefix="sistercity_provenance."
        )
    )


@pytest.mark.parametrize("module_name", _modules())
def test_docstring_examples_run(module_name: str) -> None:
    import doctest
    import importlib

    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {module_name}"
