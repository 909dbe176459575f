"""Crash safety: ``resolve`` killed with SIGKILL at many points of a run, then run again.

A run is killed at points spread over its stages, first on an empty output directory and
then while it adds more documents to an existing store. After each kill:

- the store passes ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``;
- the store holds the state before the run or after it, stage by stage: the corpus tables
  (documents, derivations, mentions, claims, evidence) are either as they were or as the
  complete run leaves them, and so are the resolution tables (entities, entity_mentions,
  merge_decisions); the resolution is never newer than the corpus;
- every output file present is byte for byte either the previous one or the complete run's
  (so it is whole: the complete run's files are checked to parse), and nothing else is in
  the directory except SQLite's WAL files and the atomic writer's temporary files.

Then the run is repeated to completion, and the store (every table, row by row, in rowid
order, and the schema) and the output files must equal those of an uninterrupted run;
ids are unique; ``sistercity-provenance verify OUT`` exits 0.

Starting Python and importing the resolver takes about three seconds, longer than the run
itself, so the runs are not started as ``python -m sistercity_provenance.cli`` one by one.
A launcher is started once as ``python -c``: it imports the command line, warms the
resolver's caches with complete runs into a scratch directory, and then forks one child
per run; the child calls the command line's ``main`` with the run's arguments, exactly as
the ``sistercity-provenance`` script does. The launcher, which is the child's parent, kills
it when asked, so only its own children are ever signalled. The uninterrupted first run
is started as a real ``python -m sistercity_provenance.cli`` process, and the launcher's
run must write the same files.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import pytest
from prov.model import ProvDocument

from sistercity_provenance.pipeline import OUTPUTS, STAGES

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform != "linux", reason="needs fork and SIGKILL (Linux)"
)

SMALL = Path(__file__).parent / "corpus" / "sister_cities_small"
#: The output files other than the store, compared byte for byte.
FILES = tuple(name for name in OUTPUTS if name != "store.sqlite")
CORPUS_TABLES = ("documents", "derivations", "mentions", "claims", "evidence")
RESOLUTION_TABLES = ("entities", "entity_mentions", "merge_decisions")
#: What may be left in an output directory besides the outputs: SQLite's WAL files, and
#: the temporary files of the atomic writer (``.NAME.random``) when a kill interrupted one.
SQLITE_SIDE_FILES = {"store.sqlite-wal", "store.sqlite-shm", "store.sqlite-journal"}
TEMPORARY = re.compile(r"^\.(" + "|".join(re.escape(n) for n in FILES) + r")\.[^/]+$")
#: (table, key columns) that must be unique in a store.
UNIQUE_KEYS = (
    ("documents", "id"),
    ("mentions", "id"),
    ("claims", "id"),
    ("evidence", "claim, position"),
    ("derivations", "document, source, relation"),
    ("entities", "id"),
    ("entity_mentions", "mention"),
    ("entity_mentions", "entity, position"),
)
#: A kill point: what the launcher waits for, then how long it waits before the kill.
#: ``("stage", NAME, f)``: stage NAME starts, then ``f`` times that stage's duration in the
#: uninterrupted run; ``("file", NAME, 0)``: output NAME is created or replaced (a new inode);
#: ``("temporary", NAME, 0)``: the atomic writer's temporary file for NAME appears.
KILLS_FIRST_RUN = (
    ("file", "store.sqlite", 0.0),  # while the new store gets its schema
    ("stage", "store", 0.5),  # inside the transaction that adds the corpus
    ("stage", "resolve", 0.97),  # around the transaction that replaces the resolution
    ("stage", "build PROV-JSON", 0.5),
    ("file", "entities.jsonl", 0.0),  # claims.jsonl is being written
    ("file", "claims.jsonl", 0.0),  # PROV-JSON is being serialised
    ("temporary", "report.html", 0.0),  # the report is being written
)
KILLS_SECOND_RUN = (
    ("stage", "store", 0.5),
    ("stage", "assess claims", 0.0),  # the store is complete, the outputs are the old ones
    ("file", "claims.jsonl", 0.0),
)
#: The longest a single run may take before the launcher kills it as hung.
RUN_LIMIT_SECONDS = 120.0


# --- the launcher ---------------------------------------------------------------------------

LAUNCHER = r"""
import json, os, signal, sys, time, traceback

from sistercity_provenance import cli
from sistercity_provenance import _pipeline  # what `resolve` imports, imported once here

protocol = os.fdopen(os.dup(1), "w", buffering=1)
null = os.open(os.devnull, os.O_RDWR)
os.dup2(null, 1)  # the warm-up's summaries


def call(argv):
    sys.argv = ["sistercity-provenance", *argv]
    try:
        cli.main()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


for argv in json.loads(sys.argv[1]):  # warm-up runs, in this process
    if call(argv) != 0:
        sys.exit(f"warm-up run {argv} failed")
protocol.write("ready\n")

for line in iter(sys.stdin.readline, ""):
    request = json.loads(line)
    log = open(request["log"], "w", encoding="utf-8")
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: run the command line, its output going to the log
        try:
            os.dup2(null, 0)
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            code = call(request["argv"])
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            code = 70
        os._exit(code)
    log.close()
    kill = request.get("kill")  # [kind, target, seconds] or null (see KILLS_FIRST_RUN)
    stages, seen, status, kill_at = {}, "", None, None
    deadline = started + request["limit"]
    out = request["out"]

    def ident(name):
        try:
            st = os.stat(os.path.join(out, name))
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    initial = ident(kill[1]) if kill and kill[0] == "file" else None
    with open(request["log"], encoding="utf-8", errors="replace") as reader:
        while True:
            done, raw = os.waitpid(pid, os.WNOHANG)
            now = time.monotonic()
            seen += reader.read()
            for text in seen.split("\n")[:-1]:  # whole lines only
                if text.startswith("resolve: ") and text[9:] not in stages:
                    stages[text[9:]] = now - started
            if done:
                status = os.waitstatus_to_exitcode(raw)
                break
            if kill is not None and kill_at is None:
                kind, target, delay = kill
                if kind == "stage":
                    hit = target in stages
                elif kind == "file":
                    hit = ident(target) not in (None, initial)
                else:
                    prefix = f".{target}."
                    hit = os.path.isdir(out) and any(
                        n.startswith(prefix) for n in os.listdir(out)
                    )
                if hit:
                    kill_at = now + delay
            if (kill_at is not None and now >= kill_at) or now >= deadline:
                os.kill(pid, signal.SIGKILL)  # our own child, not yet reaped
                _, raw = os.waitpid(pid, 0)
                status = os.waitstatus_to_exitcode(raw)
                break
            time.sleep(0.001)
    last = max(stages, key=stages.get) if stages else None
    if kill_at is not None:
        stages["(kill)"] = kill_at - started
    protocol.write(json.dumps({
        "status": status, "stages": stages, "elapsed": time.monotonic() - started,
        "last_stage": last,
    }) + "\n")
"""


@attrs.frozen
class Outcome:
    """How a launched run ended: exit status (negative: the signal), stage start times."""

    status: int
    stages: dict[str, float]
    elapsed: float
    last_stage: str | None


class Launcher:
    """A ``python -c`` process that forks one child per command-line run (see module doc)."""

    def __init__(self, warm_up: list[list[str]], logs: Path) -> None:
        self._logs = logs
        self._count = 0
        self._process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, json.dumps(warm_up)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        return stdin, stdout

    def _line(self) -> str:
        line = self._pipes()[1].readline()
        if not line:
            code = self._process.wait(timeout=30)
            pytest.fail(f"the launcher exited with status {code}")
        return line

    def ready(self) -> None:
        """Wait for the launcher's warm-up to finish."""
        assert self._line() == "ready\n"

    def run(
        self, *argv: str, out: Path | None = None, kill: tuple[str, str, float] | None = None
    ) -> tuple[Outcome, str]:
        """Run the command line with ``argv`` writing to ``out``; kill it at ``kill`` (see
        :data:`KILLS_FIRST_RUN`) if it gets there. Returns how it ended and its output."""
        self._count += 1
        log = self._logs / f"run-{self._count}.log"
        request: dict[str, Any] = {"argv": ["--no-plugins", *argv], "log": str(log)}
        request |= {"limit": RUN_LIMIT_SECONDS, "out": str(out), "kill": kill}
        stdin = self._pipes()[0]
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        outcome = Outcome(**json.loads(self._line()))
        return outcome, log.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        """End the launcher (it exits when its input closes)."""
        try:
            self._pipes()[0].close()
            self._process.wait(timeout=30)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            self._pipes()[1].close()


# --- corpora --------------------------------------------------------------------------------

SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "曾", "欧阳"]
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华志东泽荣")
PINYIN = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu"]
GIVEN_PINYIN = ["Wei", "Fang", "Na", "Min", "Jing", "Qiang", "Lei", "Jun", "Yang", "Zhiwei"]
PLACES = ["Peking", "北京", "Tientsin", "天津", "Amoy", "厦门", "Soochow", "苏州", "Darwin"]
ORGANIZATIONS = ["OCAO", "国侨办", "国务院侨务办公室", "中国银行", "Bank of China", "Siemens AG"]


def _name(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2))), "person"
    if roll < 0.75:
        return f"{rng.choice(PINYIN)} {rng.choice(GIVEN_PINYIN)}", "person"
    if roll < 0.9:
        return rng.choice(PLACES), "place"
    return rng.choice(ORGANIZATIONS), "organization"


def synthetic_corpus(dest: Path, first: int, count: int, per_document: int, seed: int) -> Path:
    """Write ``count`` synthetic documents (``per_document`` mentions and one or two claims
    each, every tenth derived from the one before) to a corpus directory."""
    rng = random.Random(seed)
    documents, mentions, claims = [], [], []
    for i in range(first, first + count):
        names: list[tuple[str, str]] = []
        while len(names) < per_document:
            name, kind = _name(rng)
            if all(name not in other and other not in name for other, _ in names):
                names.append((name, kind))
        lines = [f"Item {j}: {name}." for j, (name, _) in enumerate(names)]
        doc = f"d-syn-{i:04d}"
        row: dict[str, Any] = {
            "id": doc,
            "title": f"Synthetic report {i}",
            "kind": "report",
            "language": "en",
            "date": f"20{10 + i % 10}",
            "text": f"Synthetic report {i}.\r\n" + "\r\n".join(lines),
        }
        if i % 10 == 9 and i > first:
            row["derived_from"] = [{"document": f"d-syn-{i - 1:04d}", "relation": "quotes"}]
        documents.append(row)
        for j, (name, kind) in enumerate(names):
            mention: dict[str, Any] = {"id": f"m-{i:04d}-{j:02d}", "document": doc}
            mention |= {"text": name, "kind": kind}
            if j % 3 == 0:
                mention["attributes"] = {"country": rng.choice(["CN", "AU", "US"])}
            mentions.append(mention)
        for k in range(1 + i % 2):
            claims.append(
                {
                    "id": f"c-{i:04d}-{k}",
                    "subject": f"m-{i:04d}-00",
                    "predicate": "listed",
                    "object": f"m-{i:04d}-{k + 1:02d}",
                    "evidence": [{"document": doc, "quote": lines[k + 1]}],
                    "credibility": 1 + i % 6,
                }
            )
    dest.mkdir(parents=True, exist_ok=True)
    for name, rows in (
        ("documents.jsonl", documents),
        ("mentions.jsonl", mentions),
        ("claims.jsonl", claims),
    ):
        with (dest / name).open("a", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return dest


# --- snapshots ------------------------------------------------------------------------------

Rows = dict[str, list[tuple[Any, ...]]]


@attrs.frozen
class Snapshot:
    """An output directory's contents: the store's schema and rows, and the other files."""

    schema: list[tuple[Any, ...]]
    rows: Rows
    files: dict[str, bytes]

    def tables(self, names: tuple[str, ...]) -> Rows:
        return {name: self.rows.get(name, []) for name in names}


def store_rows(path: Path) -> tuple[list[tuple[Any, ...]], Rows]:
    """The schema and every table's rows in rowid order (no file or no tables: empty)."""
    if not path.exists():
        return [], {}
    db = sqlite3.connect(path)
    try:
        schema = db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        tables = [row[1] for row in schema if row[0] == "table"]
        rows = {
            t: db.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
        }
    finally:
        db.close()
    return schema, rows


def snapshot(out: Path) -> Snapshot:
    """Read an output directory."""
    schema, rows = store_rows(out / "store.sqlite")
    files = {name: (out / name).read_bytes() for name in FILES if (out / name).exists()}
    return Snapshot(schema, rows, files)


def check_integrity(path: Path) -> None:
    """``PRAGMA integrity_check`` is ok and no foreign key is dangling."""
    if not path.exists():
        return
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()


def check_unique(path: Path) -> None:
    """Documents, mentions, claims, evidence, entities: each held once."""
    db = sqlite3.connect(path)
    try:
        for table, key in UNIQUE_KEYS:
            total, distinct = db.execute(
                f"SELECT COUNT(*), (SELECT COUNT(*) FROM (SELECT DISTINCT {key} FROM {table})) "
                f"FROM {table}"
            ).fetchone()
            assert total == distinct, f"{table}: {total - distinct} duplicate(s) of ({key})"
    finally:
        db.close()


def check_complete_outputs(out: Path) -> None:
    """The outputs of a complete run parse fully."""
    for name in ("entities.jsonl", "claims.jsonl"):
        text = (out / name).read_text(encoding="utf-8")
        assert text.endswith("\n")
        for line in text.splitlines():
            assert isinstance(json.loads(line), dict)
    ProvDocument.deserialize(str(out / "provenance.json"), format="json")
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def _which(value: object, before: object, after: object) -> str:
    if value == after:
        return "new"
    if value == before:
        return "old"
    return "neither"


def check_after_kill(out: Path, before: Snapshot, after: Snapshot) -> dict[str, str]:
    """The checks on a killed run's directory; returns what state each part was left in."""
    if not out.exists():  # killed before it made the directory
        assert not before.rows and not before.files
        return {"directory": "absent"}
    check_integrity(out / "store.sqlite")
    stray = set()
    for entry in out.iterdir():
        if entry.name in OUTPUTS or entry.name in SQLITE_SIDE_FILES:
            continue
        assert TEMPORARY.match(entry.name), f"unexpected file {entry.name!r} after a kill"
        stray.add(entry.name)
    now = snapshot(out)
    states: dict[str, str] = {}
    corpus = now.tables(CORPUS_TABLES)
    resolution = now.tables(RESOLUTION_TABLES)
    if not now.rows:  # the run had not created the store's tables yet
        assert not before.rows, "the store lost its tables"
        states["store"] = "absent"
    else:
        states["corpus"] = _which(corpus, before.tables(CORPUS_TABLES), after.tables(CORPUS_TABLES))
        states["resolution"] = _which(
            resolution, before.tables(RESOLUTION_TABLES), after.tables(RESOLUTION_TABLES)
        )
        assert states["corpus"] != "neither", "the corpus tables are half written"
        assert states["resolution"] != "neither", "the resolution tables are half written"
        if resolution != before.tables(RESOLUTION_TABLES):
            assert states["corpus"] == "new", "a new resolution was stored with the old corpus"
    for name in FILES:
        if name not in now.files:
            assert name not in before.files, f"{name} disappeared"
            states[name] = "absent"
            continue
        states[name] = _which(now.files[name], before.files.get(name), after.files[name])
        assert states[name] != "neither", f"{name} is neither the old nor the new file"
    if stray:
        states["temporary files"] = ", ".join(sorted(stray))
    return states


def assert_same(out: Path, expected: Snapshot) -> None:
    """The directory holds exactly what an uninterrupted run leaves."""
    got = snapshot(out)
    assert got.schema == expected.schema
    assert sorted(got.rows) == sorted(expected.rows)
    for table, rows in expected.rows.items():
        assert got.rows[table] == rows, f"table {table} differs from the uninterrupted run's"
    assert sorted(got.files) == sorted(expected.files)
    for name, data in expected.files.items():
        assert got.files[name] == data, f"{name} differs from the uninterrupted run's"


# --- the fixture ----------------------------------------------------------------------------


@attrs.define
class Lab:
    """Two corpora, the uninterrupted runs' results and stage times, and the launcher."""

    root: Path
    launcher: Launcher
    first: Path  # the corpus of the first run
    second: Path  # more documents, added to the first run's store
    after_first: Snapshot
    after_second: Snapshot
    first_stages: dict[str, float]
    second_stages: dict[str, float]
    first_out: Path
    count: int = 0

    def scratch(self) -> Path:
        self.count += 1
        return self.root / f"out-{self.count}"


def stage_durations(stages: dict[str, float], elapsed: float) -> dict[str, float]:
    """Each stage's duration, from the start times of a run (the last ends with the run)."""
    ordered = [s for s in STAGES if s in stages]
    assert ordered == list(STAGES), f"stages seen: {ordered}"
    ends = [stages[s] for s in ordered[1:]] + [elapsed]
    return {s: end - stages[s] for s, end in zip(ordered, ends, strict=True)}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    root = tmp_path_factory.mktemp("kill")
    first = root / "corpus-first"
    shutil.copytree(SMALL, first)
    synthetic_corpus(first, 0, 50, 8, seed=1)
    second = synthetic_corpus(root / "corpus-second", 1000, 20, 8, seed=2)
    logs = root / "logs"
    logs.mkdir()
    warm = root / "warm-up"
    launcher = Launcher(
        [
            ["--no-plugins", "resolve", str(first), "--out", str(warm)],
            ["--no-plugins", "resolve", str(second), "--out", str(warm)],
        ],
        logs,
    )
    try:
        # The uninterrupted first run, by the real command line, while the launcher warms up.
        reference = root / "reference"
        cli = [sys.executable, "-m", "sistercity_provenance.cli", "--no-plugins"]
        real = subprocess.run(
            [*cli, "resolve", str(first), "--out", str(reference)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert real.returncode == 0, real.stderr
        launcher.ready()
        first_out = root / "first"
        args = ("resolve", str(first), "--out", str(first_out), "--progress")
        outcome, log = launcher.run(*args, out=first_out)
        assert outcome.status == 0, log
        after_first = snapshot(first_out)
        assert_same(reference, after_first)  # the launcher's child is the command line
        check_complete_outputs(first_out)
        second_out = root / "second"
        shutil.copytree(first_out, second_out)
        args = ("resolve", str(second), "--out", str(second_out), "--progress")
        outcome2, log = launcher.run(*args, out=second_out)
        assert outcome2.status == 0, log
        after_second = snapshot(second_out)
        check_complete_outputs(second_out)
        assert len(after_second.rows["documents"]) == len(after_first.rows["documents"]) + 20
        yield Lab(
            root=root,
            launcher=launcher,
            first=first,
            second=second,
            after_first=after_first,
            after_second=after_second,
            first_stages=stage_durations(outcome.stages, outcome.elapsed),
            second_stages=stage_durations(outcome2.stages, outcome2.elapsed),
            first_out=first_out,
        )
    finally:
        launcher.close()


def _kill_and_recover(
    lab: Lab,
    out: Path,
    corpus: Path,
    point: tuple[str, str, float],
    *,
    durations: dict[str, float],
    before: Snapshot,
    after: Snapshot,
) -> None:
    kind, target, fraction = point
    delay = fraction * durations[target] if kind == "stage" else fraction
    args = ("resolve", str(corpus), "--out", str(out), "--progress")
    killed, log = lab.launcher.run(*args, out=out, kill=(kind, target, delay))
    states = check_after_kill(out, before, after)
    where = f"killed in stage {killed.last_stage!r} after {killed.elapsed:.3f} s"
    print(f"\n{kind} {target} +{delay:.3f} s: {where}: {states}")
    # The launcher saw the kill point (else a mistaken point would test no kill at all).
    assert "(kill)" in killed.stages, f"the run never reached {point}: {killed.stages}"
    if killed.status == 0:  # the run finished before the kill point (a slow machine)
        assert_same(out, after)
    else:
        assert killed.status == -9, log

    again, log = lab.launcher.run(*args, out=out)
    assert again.status == 0, f"{where}; the run after it failed:\n{log}"
    assert_same(out, after)
    check_integrity(out / "store.sqlite")
    check_unique(out / "store.sqlite")
    verified, log = lab.launcher.run("verify", str(out), out=out)
    assert verified.status == 0, log


# --- tests ----------------------------------------------------------------------------------


def test_an_uninterrupted_run_holds_each_record_once(lab: Lab) -> None:
    check_integrity(lab.first_out / "store.sqlite")
    check_unique(lab.first_out / "store.sqlite")
    counts = {t: len(lab.after_first.rows[t]) for t in ("documents", "mentions", "entities")}
    assert counts["documents"] == 54 and counts["mentions"] == 50 * 8 + 8
    assert 0 < counts["entities"] <= counts["mentions"]


@pytest.mark.parametrize("point", KILLS_FIRST_RUN, ids=lambda p: f"{p[0]}:{p[1]}+{p[2]}")
def test_a_first_run_killed_then_run_again_is_as_if_uninterrupted(
    lab: Lab, point: tuple[str, str, float]
) -> None:
    empty = Snapshot([], {}, {})
    out = lab.scratch()
    _kill_and_recover(
        lab, out, lab.first, point, durations=lab.first_stages, before=empty, after=lab.after_first
    )


@pytest.mark.parametrize("point", KILLS_SECOND_RUN, ids=lambda p: f"{p[0]}:{p[1]}+{p[2]}")
def test_a_run_adding_documents_killed_then_run_again_is_as_if_uninterrupted(
    lab: Lab, point: tuple[str, str, float]
) -> None:
    out = lab.scratch()
    shutil.copytree(lab.first_out, out)
    _kill_and_recover(
        lab,
        out,
        lab.second,
        point,
        durations=lab.second_stages,
        before=lab.after_first,
        after=lab.after_second,
    )


def test_a_run_removes_the_temporary_files_a_killed_run_left(lab: Lab) -> None:
    out = lab.scratch()
    shutil.copytree(lab.first_out, out)
    leftover = out / ".claims.jsonl.k1ll3d_x"  # as a writer killed half way leaves it
    leftover.write_bytes(lab.after_first.files["claims.jsonl"][:100])
    done, log = lab.launcher.run("resolve", str(lab.first), "--out", str(out), out=out)
    assert done.status == 0, log
    assert_same(out, lab.after_first)
    assert not leftover.exists()
