"""The names benchmark (loading, scoring, predictions) and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.helpers import run_python, write_jsonl_rows

from sistercity_provenance import InputFormatError, NameKind
from sistercity_provenance.bench import load_name_pairs, run_names_benchmark
from sistercity_provenance.cli import main
from sistercity_provenance.names import _registry

# Two true positives, one false positive, one false negative, two true negatives.
LABELLED = [
    {"a": "毛泽东", "b": "Mao Tse-tung", "kind": "person", "same": True, "category": "wg|han"},
    {"a": "Peking", "b": "北京", "kind": "place", "same": True, "category": "postal"},
    {"a": "Rong Lei", "b": "Lei Rong", "same": False, "category": "order"},
    {"a": "Wang Wei", "b": "Li Na", "same": True, "category": "wg|other"},
    {"a": "王维", "b": "王伟", "kind": "person", "same": False},
    {"a": "苏州", "b": "宿州", "kind": "place", "same": False},
]


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    return write_jsonl_rows(tmp_path / "pairs.jsonl", LABELLED)


@pytest.fixture
def unlabelled(tmp_path: Path) -> Path:
    rows = [{k: v for k, v in r.items() if k != "same"} for r in LABELLED]
    return write_jsonl_rows(tmp_path / "unlabelled.jsonl", rows)


# --- load_name_pairs ---------------------------------------------------------------------


def test_load_name_pairs(labelled: Path) -> None:
    pairs = load_name_pairs(labelled)
    assert len(pairs) == len(LABELLED)
    first = pairs[0]
    assert (first.a, first.b, first.kind, first.same) == (
        "毛泽东",
        "Mao Tse-tung",
        NameKind.PERSON,
        True,
    )
    assert first.category == "wg|han"
    assert pairs[2].kind is NameKind.PERSON  # the default kind
    assert pairs[1].kind is NameKind.PLACE


def test_blank_lines_and_bom_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_text(
        '\ufeff{"a": "Amoy", "b": "厦门", "kind": "place"}\n\n   \n{"a": "x", "b": "y"}\n',
        encoding="utf-8",
    )
    pairs = load_name_pairs(path)
    assert [(p.a, p.same) for p in pairs] == [("Amoy", None), ("x", None)]


@pytest.mark.parametrize(
    ("lines", "line", "field"),
    [
        (['{"a": "x", "b": "y"}', '{"a": "x", "b": '], 2, None),  # bad JSON
        (['{"a": "x", "b": "y"}', "", '["a", "b"]'], 3, None),  # not an object
        (['{"b": "y"}'], 1, "a"),  # missing a
        (['{"a": "x", "b": "y"}', '{"a": "x"}'], 2, "b"),  # missing b
        (['{"a": 3, "b": "y"}'], 1, "a"),  # a not a string
        (['{"a": "x", "b": "y", "kind": "animal"}'], 1, "kind"),
        (['{"a": "x", "b": "y", "same": "yes"}'], 1, "same"),
    ],
)
def test_bad_rows_name_file_line_and_field(
    tmp_path: Path, lines: list[str], line: int, field: str | None
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        load_name_pairs(path)
    assert info.value.file == str(path)
    assert info.value.line == line
    assert info.value.field == field
    assert f"{path}:{line}" in str(info.value)


def test_unknown_kind_message_lists_the_kinds(tmp_path: Path) -> None:
    path = write_jsonl_rows(tmp_path / "k.jsonl", [{"a": "x", "b": "y", "kind": "animal"}])
    with pytest.raises(InputFormatError, match="animal"):
        load_name_pairs(path)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"a": "x", "b": "y"}\n{"a": "Fran\xe7ois", "b": "y"}\n')
    with pytest.raises(InputFormatError) as info:
        load_name_pairs(path)
    assert info.value.line == 2


# --- run_names_benchmark -------------------------------------------------------------------


def test_benchmark_scores_known_pairs(labelled: Path) -> None:
    result = run_names_benchmark(load_name_pairs(labelled))
    assert result["pairs"] == 6
    assert result["labelled"] == 6
    assert (result["tp"], result["fp"], result["fn"]) == (2, 1, 1)
    assert result["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["seconds"] >= 0


def test_benchmark_recall_by_category(labelled: Path) -> None:
    result = run_names_benchmark(load_name_pairs(labelled))
    assert result["recall_by_category"] == {
        "postal": {"positives": 1, "recall": 1.0},
        "wg": {"positives": 2, "recall": 0.5},
    }


def test_benchmark_perfect_and_empty_name(tmp_path: Path) -> None:
    rows = [
        {"a": "Amoy", "b": "厦门", "kind": "place", "same": True},
        {"a": "!!!", "b": "Wang Wei", "same": False},  # EmptyNameError: decided "different"
    ]
    path = write_jsonl_rows(tmp_path / "p.jsonl", rows)
    preds = tmp_path / "preds.jsonl"
    result = run_names_benchmark(load_name_pairs(path), predictions=preds)
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    lines = [json.loads(x) for x in preds.read_text(encoding="utf-8").splitlines()]
    assert lines[1] == {"a": "!!!", "b": "Wang Wei", "same": False, "score": 0.0}


def test_predictions_file_has_one_line_per_row(labelled: Path, tmp_path: Path) -> None:
    preds = tmp_path / "out" / "predictions.jsonl"
    preds.parent.mkdir()
    run_names_benchmark(load_name_pairs(labelled), predictions=preds)
    lines = preds.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(LABELLED)
    rows = [json.loads(x) for x in lines]
    for row, source in zip(rows, LABELLED, strict=True):
        assert set(row) == {"a", "b", "same", "score"}
        assert (row["a"], row["b"]) == (source["a"], source["b"])
        assert isinstance(row["same"], bool)
        assert 0.0 <= row["score"] <= 1.0
    assert rows[0]["same"] is True
    assert rows[4]["same"] is False
    assert "毛泽东" in lines[0]  # written as UTF-8, not \u escapes
    assert list(preds.parent.iterdir()) == [preds]  # no temporary file left behind


def test_unlabelled_file_gives_counts_and_time_only(unlabelled: Path) -> None:
    result = run_names_benchmark(load_name_pairs(unlabelled))
    assert result["pairs"] == 6
    assert result["labelled"] == 0
    assert "seconds" in result
    for key in ("precision", "recall", "f1", "recall_by_category"):
        assert key not in result


def test_empty_benchmark(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    result = run_names_benchmark(load_name_pairs(path))
    assert result["pairs"] == 0
    assert "f1" not in result


# --- CLI: normalize ---------------------------------------------------------------------------


def test_cli_normalize_json(no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["normalize", "毛澤東", "Mao Tse-tung", "--json"])
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 2
    for obj in objects:
        assert {"original", "keys", "surname", "given", "han", "scripts", "parts"} <= set(obj)
        assert {"value": "mao ze dong", "system": "mandarin"} in obj["keys"]
    assert objects[0]["surname"] == ["毛"]
    assert objects[0]["han"] == "毛泽东"
    assert {"value": "毛泽东", "system": "han"} in objects[0]["keys"]
    assert objects[1]["surname"] == ["Mao"]
    assert objects[1]["original"] == "Mao Tse-tung"


def test_cli_normalize_kind(no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["normalize", "--kind", "place", "吉林省", "--json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["kind"] == "place"
    assert obj["qualifiers"] == ["province"]


def test_cli_normalize_aliases_and_titles(no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["normalize", "--json", "Dr. Carrie Lam Cheng Yuet-ngor"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["titles"] == ["Dr."]
    assert obj["aliases"] == [{"text": "Carrie", "role": "western_given"}]


def test_cli_normalize_text(no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["normalize", "曾荫权"])
    assert result.exit_code == 0, result.output
    assert "曾" in result.stdout
    assert "zeng yin quan" in result.stdout


def test_cli_normalize_bad_kind(no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["normalize", "--kind", "animal", "x"])
    assert result.exit_code == 2


def test_cli_normalize_empty_name_exits_2(no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["normalize", "!!!"])
    assert result.exit_code == 2
    assert "empty" in result.stderr


def test_cli_loads_entry_points_unless_told_not_to(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def entry_points(*, group: str) -> list[object]:
        calls.append(group)
        return []

    monkeypatch.setattr(_registry, "entry_points", entry_points)
    runner = CliRunner()
    assert runner.invoke(main, ["--no-plugins", "normalize", "x"]).exit_code == 0
    assert calls == []
    assert runner.invoke(main, ["normalize", "x"]).exit_code == 0
    assert calls == ["sistercity_provenance.normalizers"]


# --- CLI: bench names -------------------------------------------------------------------------


def test_cli_bench_names_json(labelled: Path, no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["bench", "names", str(labelled), "--json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert {"pairs", "precision", "recall", "f1", "seconds"} <= set(obj)
    assert obj["pairs"] == 6
    assert obj["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_cli_bench_names_text(labelled: Path, no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["bench", "names", str(labelled)])
    assert result.exit_code == 0, result.output
    assert "pairs: 6" in result.stdout
    assert "precision 0.6667" in result.stdout


def test_cli_bench_names_predictions(labelled: Path, tmp_path: Path, no_plugins: None) -> None:
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(
        main, ["bench", "names", str(labelled), "--predictions", str(preds), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert len(preds.read_text(encoding="utf-8").splitlines()) == len(LABELLED)


def test_cli_bench_names_unlabelled(unlabelled: Path, no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["bench", "names", str(unlabelled), "--json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["pairs"] == 6
    assert "f1" not in obj


@pytest.mark.parametrize(
    ("lines", "line"),
    [
        (['{"a": "x", "b": "y"}', "{not json"], 2),
        (['{"a": "x", "b": "y"}', '{"a": "x", "b": "y"}', '{"b": "y"}'], 3),
        (['{"a": "x", "b": "y", "kind": "animal"}'], 1),
    ],
)
def test_cli_bench_names_malformed_file(
    tmp_path: Path, lines: list[str], line: int, no_plugins: None
) -> None:
    path = tmp_path / "malformed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", "names", str(path), "--json"])
    assert result.exit_code == 2
    assert f"{path}:{line}" in result.stderr
    assert result.stdout == ""


def test_cli_bench_names_missing_file(tmp_path: Path, no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["bench", "names", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "nope.jsonl" in result.stderr


def test_the_command_line_freezes_objects_at_exit_only(no_plugins: None) -> None:
    # a process that goes on after a command (a notebook, this test) keeps its collector
    import gc

    before = gc.get_freeze_count()
    result = CliRunner().invoke(main, ["normalize", "Mao Tse-tung"])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == before
    # the command's own process freezes what is left when it exits
    probe = (
        "import atexit, gc, sys\n"
        "from sistercity_provenance.cli import main\n"
        "atexit.register(lambda: print(gc.get_freeze_count() > 0))\n"
        "main(['--no-plugins', 'normalize', 'Mao Tse-tung'])\n"
    )
    assert run_python(probe).strip().endswith("True")
