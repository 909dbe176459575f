"""`sistercity-provenance resolve CORPUS --out OUT`: the outputs, re-runs and bad input."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from prov.model import ProvDocument

from sistercity_provenance.cli import main

CORPUS = Path(__file__).parent / "corpus" / "sister_cities_small"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--no-plugins", *args])
    return result.exit_code, result.output


def test_resolve_writes_the_outputs_and_they_verify(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _run("resolve", str(CORPUS), "--out", str(out), "--json")
    assert code == 0, output
    summary = json.loads(output)
    assert summary["documents"] == 4 and summary["problems"] == []
    for name in ("entities.jsonl", "claims.jsonl", "provenance.json", "store.sqlite"):
        assert (out / name).is_file()
    entities = [
        json.loads(line) for line in (out / "entities.jsonl").read_text("utf-8").splitlines()
    ]
    assert {"id", "kind", "name", "aliases", "mentions"} <= set(entities[0])
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text("utf-8").splitlines()]
    assert all(
        {"subject", "predicate", "object", "evidence", "chain", "corroboration"} <= set(c)
        for c in claims
    )
    entity_ids = {e["id"] for e in entities}
    assert all(c["subject"] in entity_ids for c in claims)
    ProvDocument.deserialize(str(out / "provenance.json"), format="json")
    assert _run("verify", str(out))[0] == 0


def test_running_twice_changes_nothing_in_the_store(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("resolve", str(CORPUS), "--out", str(out))[0] == 0

    def rows() -> dict[str, list[tuple[object, ...]]]:
        db = sqlite3.connect(out / "store.sqlite")
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
        db.close()
        return found

    before = rows()
    assert _run("resolve", str(CORPUS), "--out", str(out))[0] == 0
    assert rows() == before


def test_a_bad_corpus_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    with (corpus / "mentions.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    out = tmp_path / "out"
    code, output = _run("resolve", str(corpus), "--out", str(out))
    assert code == 2
    assert "mentions.jsonl" in output
    assert not out.exists()


def test_resolve_writes_the_report_and_shows_progress_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["--no-plugins", "resolve", str(CORPUS), "--out", str(out), "--progress"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "report.html").is_file()
    assert "resolve" in result.stderr and "build report" in result.stderr
    assert "report.html" in result.stdout and "orphaned or changed 0" in result.stdout
    quiet = CliRunner().invoke(
        main, ["--no-plugins", "resolve", str(CORPUS), "--out", str(out), "--json"]
    )
    assert quiet.stderr == ""
    assert "report.html" in json.loads(quiet.stdout)["outputs"]


def test_terminal_output_cannot_carry_escape_sequences() -> None:
    from sistercity_provenance.cli import printable

    hostile = "d1\x1b]0;title\x07\u202eevil\x00"
    shown = printable(hostile)
    assert shown.isprintable()
    assert "\\u001b" in shown and "\\u202e" in shown and "\\u0000" in shown
    assert printable("河南 Rong Lei") == "河南 Rong Lei"
