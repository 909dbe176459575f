"""`sistercity-provenance verify`: names every failure and exits non-zero."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from sistercity_provenance.cli import main
from sistercity_provenance.provenance import load_corpus
from sistercity_provenance.store import Store

CORPUS = Path(__file__).parent / "corpus" / "sister_cities_small"


def _out_dir(tmp_path: Path) -> Path:
    with Store.open(tmp_path / "store.sqlite") as store:
        store.add_corpus(load_corpus(CORPUS))
    return tmp_path


def test_verify_passes_on_a_fresh_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--no-plugins", "verify", str(_out_dir(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok:")


def test_one_changed_byte_fails_and_names_the_document(tmp_path: Path) -> None:
    out = _out_dir(tmp_path)
    db = sqlite3.connect(out / "store.sqlite")
    (doc_id,) = db.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()
    db.execute("UPDATE documents SET text = 'X' || substr(text, 2) WHERE id = ?", (doc_id,))
    db.commit()
    db.close()
    result = CliRunner().invoke(main, ["--no-plugins", "verify", str(out)])
    assert result.exit_code == 1
    assert "hash-mismatch" in result.output and doc_id in result.output


def test_a_directory_without_a_store_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--no-plugins", "verify", str(tmp_path)])
    assert result.exit_code != 0
    assert "no store file" in result.output
    assert not (tmp_path / "store.sqlite").exists()


def test_verify_problems_cannot_carry_escape_sequences(tmp_path: Path) -> None:
    out = _out_dir(tmp_path)
    db = sqlite3.connect(out / "store.sqlite")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA defer_foreign_keys = ON")
    (doc_id,) = db.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()
    hostile = "d\x1b]0;owned\x07\u202e1"
    for table, column in (("documents", "id"), ("derivations", "document"),
                          ("derivations", "source"), ("mentions", "document"),
                          ("evidence", "document")):  # fmt: skip
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (hostile, doc_id))
    db.execute("UPDATE documents SET text = 'X' || substr(text, 2) WHERE id = ?", (hostile,))
    db.commit()
    db.close()
    result = CliRunner().invoke(main, ["--no-plugins", "verify", str(out)])
    assert result.exit_code == 1
    assert "hash-mismatch" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
