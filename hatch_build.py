"""Build hook: compile the name engine and the resolver with mypyc into the wheel.

``pip install .`` builds a wheel; this hook compiles the modules listed under ``compile``
in ``[tool.hatch.build.targets.wheel.hooks.custom]`` of ``pyproject.toml`` to C
extensions with mypyc (part of mypy) and puts them in the wheel beside their sources.
Python imports an extension before a source file of the same name, so the compiled
modules run: parsing and comparing names take about 30 % less time (docs/benchmarks.md,
"Compiled build"). They give the same results, and the test suite runs on both builds
(``.ci/run``).

The wheel stays pure Python, with a warning, when:

- the install is editable (``pip install -e``): the sources there are edited, and a
  compiled copy would shadow every edit;
- ``SISTERCITY_PROVENANCE_PURE_PYTHON`` is set to anything but ``""`` or ``0``;
- compilation fails (no C compiler, say): what the compiler said is printed.

Compilation happens in a temporary directory, never in the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: Set to anything but "" or "0" to build a pure-Python wheel.
PURE_PYTHON_VARIABLE = "SISTERCITY_PROVENANCE_PURE_PYTHON"

_SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="sistercity_provenance_compiled",
    ext_modules=mypycify({paths!r}, opt_level="3", multi_file=True, group_name={group!r}),
)
"""


class CompileHook(BuildHookInterface):
    """Compile ``compile`` (paths from the project root) into the wheel with mypyc."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._work: str | None = None
        if self.target_name != "wheel":
            return
        if version == "editable":
            return
        if os.environ.get(PURE_PYTHON_VARIABLE, "") not in ("", "0"):
            self._say(f"{PURE_PYTHON_VARIABLE} is set: building pure Python")
            return
        modules = self.config.get("compile", [])
        if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
            msg = "hooks.custom.compile must be a list of paths"
            raise TypeError(msg)
        sources = [Path(self.root, m) for m in modules]
        missing = [str(p) for p in sources if not p.is_file()]
        if missing:
            msg = f"hooks.custom.compile names files that do not exist: {', '.join(missing)}"
            raise FileNotFoundError(msg)
        built = self._compile(sources)
        if built is None:
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path, target in built.items():
            build_data["force_include"][path] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._work:
            shutil.rmtree(self._work, ignore_errors=True)

    def _compile(self, sources: list[Path]) -> dict[str, str] | None:
        """Compile ``sources``; the extensions built (path → path in the wheel), or
        ``None`` (with the reason printed) where compilation failed."""
        self._work = tempfile.mkdtemp(prefix="sistercity-provenance-build-")
        work = Path(self._work)
        lib, temp = work / "lib", work / "temp"
        setup = work / "setup.py"
        paths = ["--ignore-missing-imports", *(str(p) for p in sources)]
        setup.write_text(_SETUP.format(paths=paths, group="sistercity_provenance_native"))
        jobs = str(max(1, min(os.cpu_count() or 1, 8)))
        command = [
            sys.executable, str(setup), "build_ext", "--build-lib", str(lib),
            "--build-temp", str(temp), "--parallel", jobs,
        ]  # fmt: skip
        self._say(f"compiling {len(sources)} modules with mypyc (about a minute)")
        try:
            done = subprocess.run(  # noqa: S603 - our own interpreter and script
                command, cwd=work, capture_output=True, text=True, check=False
            )
        except OSError as error:
            self._say(f"could not run mypyc ({error}): building pure Python")
            return None
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        built = sorted(lib.rglob(f"*{suffix}"))
        if done.returncode or not built:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
            self._say(f"mypyc failed (exit {done.returncode}): building pure Python\n{tail}")
            return None
        return {str(path): path.relative_to(lib).as_posix() for path in built}

    def _say(self, message: str) -> None:
        print(f"sistercity-provenance build: {message}", file=sys.stderr)  # noqa: T201
