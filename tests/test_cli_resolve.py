"""`sistercity-provenance resolve CORPUS --out OUT`: the outputs, re-runs and bad input."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
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
    assert "distinct name pairs compared" in result.stderr
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


def test_a_second_run_with_more_documents_adds_to_the_store(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    documents = (CORPUS / "documents.jsonl").read_text("utf-8").splitlines()
    (corpus / "documents.jsonl").write_text(documents[1] + "\n", "utf-8")
    mentions = [
        json.loads(line) for line in (CORPUS / "mentions.jsonl").read_text("utf-8").splitlines()
    ]
    first = [m for m in mentions if m["document"] == "d-telegram-zh"]
    (corpus / "mentions.jsonl").write_text(
        "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in first), "utf-8"
    )
    assert _run("resolve", str(corpus), "--out", str(out))[0] == 0

    def entities() -> dict[str, str]:
        rows = [json.loads(x) for x in (out / "entities.jsonl").read_text("utf-8").splitlines()]
        return {m: e["id"] for e in rows for m in e["mentions"]}

    before = entities()
    later = {"id": "d-note", "title": "Note", "kind": "note", "language": "en", "date": "2017",
             "text": "Rong Lei met the Henan office in Zhengzhou."}  # fmt: skip
    with (corpus / "documents.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(later) + "\n")
    with (corpus / "mentions.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "m-note-rong", "document": "d-note", "text": "Rong Lei",
                             "kind": "person"}) + "\n")  # fmt: skip
    code, output = _run("resolve", str(corpus), "--out", str(out), "--json")
    assert code == 0, output
    assert json.loads(output)["documents"] == 2
    after = entities()
    assert all(after[m] == before[m] for m in before)  # entity ids stay
    assert after["m-note-rong"] == after["m-rong-zh"]
    assert "Note" in (out / "report.html").read_text("utf-8")


def test_a_failure_while_building_outputs_leaves_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sistercity_provenance import _pipeline

    out = tmp_path / "out"
    assert _run("resolve", str(CORPUS), "--out", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "store.sqlite"}

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("report failed")

    monkeypatch.setattr(_pipeline, "render_report", broken)
    with pytest.raises(RuntimeError):
        _pipeline.run(CORPUS, out)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "store.sqlite"}
    assert after == before


def test_a_judgement_recorded_on_the_command_line_applies_on_the_next_run(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert _run("resolve", str(CORPUS), "--out", str(out))[0] == 0

    def together() -> bool:
        rows = [json.loads(x) for x in (out / "entities.jsonl").read_text("utf-8").splitlines()]
        entity = {m: e["id"] for e in rows for m in e["mentions"]}
        return entity["m-rong-article"] == entity["m-rong-zh"]

    assert together()
    code, output = _run(
        "judge", str(out), "m-rong-article", "m-rong-zh", "different",
        "--by", "desk editor", "--reason", "two men of that name",
    )  # fmt: skip
    assert code == 0, output
    assert "recorded" in output
    assert _run("resolve", str(CORPUS), "--out", str(out))[0] == 0
    assert not together()
    code, output = _run("judge", str(out), "m-rong-article", "m-rong-zh", "--withdraw", "--by", "x")
    assert code == 0 and "withdrew 1" in output
    assert _run("resolve", str(CORPUS), "--out", str(out))[0] == 0
    assert together()


def test_judge_refuses_unknown_mentions_and_missing_verdicts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("resolve", str(CORPUS), "--out", str(out))[0] == 0
    code, output = _run("judge", str(out), "m-rong-zh", "m-nobody", "same", "--by", "x")
    assert code != 0 and "no mention 'm-nobody'" in output
    code, output = _run("judge", str(out), "m-rong-zh", "m-aita", "--by", "x")
    assert code != 0 and "VERDICT" in output


def test_workers_must_be_at_least_one_and_do_not_change_the_outputs(tmp_path: Path) -> None:
    code, output = _run("resolve", str(CORPUS), "--out", str(tmp_path / "x"), "--workers", "0")
    assert code == 2
    assert "--workers" in output
    assert not (tmp_path / "x").exists()
    one, two = tmp_path / "one", tmp_path / "two"
    assert _run("resolve", str(CORPUS), "--out", str(one), "--workers", "1")[0] == 0
    assert _run("resolve", str(CORPUS), "--out", str(two), "--workers", "2")[0] == 0
    for name in ("entities.jsonl", "claims.jsonl"):
        assert (one / name).read_bytes() == (two / name).read_bytes()
