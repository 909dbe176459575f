"""The compiled build: which modules run compiled, and the build hook's choices."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from sistercity_provenance import compiled_modules
from sistercity_provenance._build import build_description

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def test_compiled_modules_are_named_from_their_extension_files(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "names").mkdir(parents=True)
    (package / "names" / f"_compare{SUFFIX}").write_bytes(b"")
    (package / "names" / "_compare.py").write_text("")
    (package / "names" / "_parse.py").write_text("")  # a source alone is not compiled
    (package / f"_fast{SUFFIX}").write_bytes(b"")
    assert compiled_modules(package) == ("pkg._fast", "pkg.names._compare")
    assert compiled_modules(tmp_path / "empty") == ()


def test_the_build_is_described_by_what_runs() -> None:
    found = compiled_modules()
    assert build_description() == (f"compiled ({len(found)} modules)" if found else "pure Python")
    for name in found:  # what is listed is what Python imported
        module = sys.modules.get(name) or importlib.import_module(name)
        assert module.__file__ is not None
        assert module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def _hook(tmp_path: Path, target: str = "wheel", compile_: Any = ("a.py",)) -> Any:
    """The build hook (hatch_build.py) for a project in ``tmp_path``."""
    pytest.importorskip("hatchling")
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = {"compile": list(compile_) if isinstance(compile_, tuple) else compile_}
    return module.CompileHook(str(tmp_path), config, None, None, str(tmp_path), target)


def _build_data() -> dict[str, Any]:
    return {"pure_python": True, "infer_tag": False, "force_include": {}}


@pytest.mark.parametrize(
    ("target", "version", "pure"),
    [("wheel", "editable", ""), ("sdist", "standard", ""), ("wheel", "standard", "1")],
)
def test_the_hook_leaves_editable_installs_sdists_and_asked_for_builds_pure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, version: str, pure: str
) -> None:
    monkeypatch.setenv("SISTERCITY_PROVENANCE_PURE_PYTHON", pure)
    hook = _hook(tmp_path, target)
    data = _build_data()
    hook.initialize(version, data)  # a.py does not exist: compiling it would fail first
    assert data == _build_data()


def test_the_hook_refuses_a_compile_list_that_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SISTERCITY_PROVENANCE_PURE_PYTHON", raising=False)
    with pytest.raises(FileNotFoundError, match=r"a\.py"):
        _hook(tmp_path).initialize("standard", _build_data())
    with pytest.raises(TypeError, match="list of paths"):
        _hook(tmp_path, compile_="a.py").initialize("standard", _build_data())


def test_the_hook_builds_pure_python_where_compiling_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SISTERCITY_PROVENANCE_PURE_PYTHON", raising=False)
    (tmp_path / "a.py").write_text("x: int = 'not an int'\n")  # mypy refuses it
    hook = _hook(tmp_path)
    data = _build_data()
    hook.initialize("standard", data)
    hook.finalize("standard", data, "")
    assert data == _build_data()
    assert "building pure Python" in capsys.readouterr().err


def test_the_modules_to_compile_exist_and_are_the_package_s() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]
    assert hook["path"] == "hatch_build.py"
    assert hook["compile"], "nothing would be compiled"
    for path in hook["compile"]:
        assert (ROOT / path).is_file(), path
        assert path.startswith("src/sistercity_provenance/") and path.endswith(".py")
