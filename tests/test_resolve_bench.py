"""The resolution benchmark: loading mentions, scoring a clustering, predictions and the CLI.

The mentions file below is written for these tests (Mao Zedong, Peking, Suzhou, the poet
and the pilot Wang Wei); its gold labels are deliberately imperfect in two places so that
every figure is below 1 and can be checked by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.helpers import write_jsonl_rows

from sistercity_provenance import InputFormatError
from sistercity_provenance.bench import (
    bcubed_scores,
    load_mentions,
    pairwise_scores,
    run_resolve_benchmark,
)
from sistercity_provenance.cli import main
from sistercity_provenance.resolve import Mention

# The resolver puts {m1, m2, m3}, {p1, p2}, {s1}, {s2}, {w1, w2}, {w3, w4} together
# (checked in test_the_resolver_clusters_the_file_as_expected). The gold labels differ twice:
# m3 is labelled as another man (two false-positive pairs: m1~m3, m2~m3) and 苏州/宿州 are
# labelled as one place (one false-negative pair: s1~s2).
ROWS: list[dict[str, Any]] = [
    {"id": "m1", "name": "毛泽东", "document": "d1", "entity": "mao"},
    {"id": "m2", "name": "Mao Tse-tung", "document": "d2", "entity": "mao"},
    {"id": "m3", "name": "Mao Zedong", "entity": "mao-other"},
    {"id": "p1", "name": "Peking", "kind": "place", "entity": "beijing"},
    {"id": "p2", "name": "北京", "kind": "place", "entity": "beijing"},
    {"id": "s1", "name": "苏州", "kind": "place", "entity": "suzhou"},
    {"id": "s2", "name": "宿州", "kind": "place", "entity": "suzhou"},
    {"id": "w1", "name": "王维", "attributes": {"birth_year": 701}, "entity": "poet"},
    {"id": "w2", "name": "Wang Wei", "attributes": {"birth_year": 701}, "entity": "poet"},
    {"id": "w3", "name": "王伟", "attributes": {"birth_year": 1968}, "entity": "pilot"},
    {"id": "w4", "name": "Wang Wei", "attributes": {"birth_year": 1968}, "entity": "pilot"},
]
PREDICTED = {
    "m1": "E-m1",
    "m2": "E-m1",
    "m3": "E-m1",
    "p1": "E-p1",
    "p2": "E-p1",
    "s1": "E-s1",
    "s2": "E-s2",
    "w1": "E-w1",
    "w2": "E-w1",
    "w3": "E-w3",
    "w4": "E-w3",
}
GOLD = {r["id"]: r["entity"] for r in ROWS}

# Pairwise: predicted pairs 3 + 1 + 1 + 1 = 6, gold pairs 1 + 1 + 1 + 1 + 1 = 5, of which
# 4 are shared (m1~m2, p1~p2, w1~w2, w3~w4): P = 4/6, R = 4/5, F = 2PR/(P+R) = 8/11.
PAIRWISE = {"precision": 0.6667, "recall": 0.8, "f1": 0.7273}
# B-cubed precision: m1, m2 2/3 each, m3 1/3, the other eight 1 → (29/3)/11 = 29/33.
# B-cubed recall: s1, s2 1/2 each, the other nine 1 → 10/11. F = 2PR/(P+R) = 580/649.
BCUBED = {"precision": 0.8788, "recall": 0.9091, "f1": 0.8937}


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    return write_jsonl_rows(tmp_path / "mentions.jsonl", ROWS)


@pytest.fixture
def unlabelled(tmp_path: Path) -> Path:
    rows = [{k: v for k, v in r.items() if k != "entity"} for r in ROWS]
    return write_jsonl_rows(tmp_path / "unlabelled.jsonl", rows)


# --- load_mentions -----------------------------------------------------------------------


def test_load_mentions(labelled: Path) -> None:
    mentions, gold = load_mentions(labelled)
    assert [m.id for m in mentions] == [r["id"] for r in ROWS]
    assert gold == GOLD
    assert mentions[0] == Mention("m1", "毛泽东", "person", "d1")
    assert mentions[2].document == ""
    assert mentions[3].kind.value == "place"
    assert mentions[7].attr("birth_year") == 701


def test_load_mentions_without_labels(unlabelled: Path) -> None:
    mentions, gold = load_mentions(unlabelled)
    assert len(mentions) == len(ROWS)
    assert gold == {}


def test_load_mentions_partly_labelled_with_blank_lines_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "partial.jsonl"
    path.write_text(
        '\ufeff{"id": "a", "name": "Peking", "kind": "place", "entity": 7}\n\n  \n'
        '{"id": "b", "name": "北京", "kind": "place", "attributes": null}\n',
        encoding="utf-8",
    )
    mentions, gold = load_mentions(path)
    assert [m.id for m in mentions] == ["a", "b"]
    assert gold == {"a": "7"}
    assert mentions[1].attributes == ()


@pytest.mark.parametrize(
    ("lines", "line", "field", "message"),
    [
        (['{"id": "a", "name": "毛泽东"}', '{"id": "a", "name": "周恩来"}'], 2, "id", "twice"),
        (['{"id": "a"}'], 1, "name", "missing"),
        (['{"id": "a", "name": "   "}'], 1, "name", "empty"),
        (['{"id": "a", "name": 7}'], 1, "name", "string"),
        (['{"name": "毛泽东"}'], 1, "id", "missing"),
        (['{"id": 3, "name": "毛泽东"}'], 1, "id", "string"),
        (['{"id": "a", "name": "x"}', '{"id": "b", "name": "y", "kind": "animal"}'], 2, "kind",
         "animal"),
        (['{"id": "a", "name": "x", "attributes": [1, 2]}'], 1, "attributes", "object"),
        (['{"id": "a", "name": "x", "attributes": "poet"}'], 1, "attributes", "object"),
        (['{"id": "a", "name": "x", "attributes": 1968}'], 1, "attributes", "object"),
        (['{"id": "a", "name": "x", "document": 12}'], 1, "document", "string"),
        (['{"id": "a", "name": "x"}', "", '{"id": "b", "name": '], 3, None, "JSON"),
        (['["a", "毛泽东"]'], 1, None, "object"),
    ],
)  # fmt: skip
def test_load_mentions_errors(
    tmp_path: Path, lines: list[str], line: int, field: str | None, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=message) as info:
        load_mentions(path)
    err = info.value
    assert err.file == str(path)
    assert err.line == line
    assert err.field == field
    assert f"{path}:{line}" in str(err)
    assert isinstance(err, ValueError)


def test_load_mentions_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"id": "a", "name": "x"}\n{"id": "b", "name": "Jos\xe9"}\n')
    with pytest.raises(InputFormatError, match="UTF-8") as info:
        load_mentions(path)
    assert info.value.line == 2


@pytest.mark.parametrize("value", ["[]", "0", "false", '""'])
def test_load_mentions_rejects_empty_non_object_attributes(tmp_path: Path, value: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(f'{{"id": "a", "name": "x", "attributes": {value}}}\n', encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        load_mentions(path)
    assert info.value.field == "attributes"


# --- metrics -----------------------------------------------------------------------------


def test_hand_checked_metrics() -> None:
    assert pairwise_scores(PREDICTED, GOLD) == PAIRWISE
    assert bcubed_scores(PREDICTED, GOLD) == BCUBED


def test_metrics_only_count_labelled_mentions() -> None:
    gold = {"m1": "mao", "m2": "mao"}
    assert pairwise_scores(PREDICTED, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert bcubed_scores(PREDICTED, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    # Two gold clusters predicted as one: half the mentions' clusters are pure.
    pred = {"a": "X", "b": "X", "c": "X", "d": "X"}
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert pairwise_scores(pred, gold) == {"precision": 0.3333, "recall": 1.0, "f1": 0.5}
    assert bcubed_scores(pred, gold) == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert bcubed_scores({}, gold) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


# --- run_resolve_benchmark ---------------------------------------------------------------


def test_the_resolver_clusters_the_file_as_expected(labelled: Path, tmp_path: Path) -> None:
    mentions, gold = load_mentions(labelled)
    out = tmp_path / "predictions.jsonl"
    run_resolve_benchmark(mentions, gold, predictions=out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": m.id, "entity": PREDICTED[m.id]} for m in mentions
    ]  # one line per mention, in input order


def test_run_resolve_benchmark_figures(labelled: Path) -> None:
    mentions, gold = load_mentions(labelled)
    result = run_resolve_benchmark(mentions, gold)
    assert result["mentions"] == 11
    assert result["entities"] == 6
    assert result["pairwise"] == PAIRWISE
    assert result["bcubed"] == BCUBED
    # "Wang Wei" names two gold entities, and they were kept apart.
    assert result["homonym_groups"] == 1
    assert result["homonym_groups_kept_apart"] == 1
    assert result["blocking_recall"] == 1.0  # every gold pair was a candidate
    assert 0 < result["candidate_pairs"] <= 11 * 10 // 2
    assert result["seconds"] >= 0


def test_homonyms_merged_by_the_resolver_are_counted(tmp_path: Path) -> None:
    """Two gold people both written "Wang Wei", with nothing to tell them apart."""
    rows = [
        {"id": "a", "name": "Wang Wei", "entity": "poet"},
        {"id": "b", "name": "Wang Wei", "entity": "pilot"},
        {"id": "c", "name": "Peking", "kind": "place", "entity": "beijing"},
    ]
    mentions, gold = load_mentions(write_jsonl_rows(tmp_path / "homonyms.jsonl", rows))
    result = run_resolve_benchmark(mentions, gold)
    assert result["homonym_groups"] == 1
    assert result["homonym_groups_kept_apart"] == 0
    assert result["pairwise"]["precision"] == 0.0


def test_run_resolve_benchmark_without_gold(unlabelled: Path, tmp_path: Path) -> None:
    mentions, gold = load_mentions(unlabelled)
    out = tmp_path / "predictions.jsonl"
    result = run_resolve_benchmark(mentions, gold, predictions=out)
    assert set(result) == {"mentions", "entities", "candidate_pairs", "all_pairs", "seconds"}
    assert result["mentions"] == 11
    assert result["entities"] == 6
    assert len(out.read_text(encoding="utf-8").splitlines()) == 11


# --- the command line --------------------------------------------------------------------


def test_cli_bench_resolve_json(labelled: Path, tmp_path: Path, no_plugins: None) -> None:
    out = tmp_path / "predictions.jsonl"
    result = CliRunner().invoke(
        main, ["bench", "resolve", str(labelled), "--json", "--predictions", str(out)]
    )
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert {
        "mentions",
        "entities",
        "candidate_pairs",
        "pairwise",
        "bcubed",
        "homonym_groups",
        "homonym_groups_kept_apart",
        "blocking_recall",
        "seconds",
    } <= set(row)
    assert row["pairwise"] == PAIRWISE
    assert row["bcubed"] == BCUBED
    assert set(row["pairwise"]) == set(row["bcubed"]) == {"precision", "recall", "f1"}
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == [r["id"] for r in ROWS]
    assert all(set(r) == {"id", "entity"} for r in lines)


def test_cli_bench_resolve_json_without_labels(unlabelled: Path, no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["bench", "resolve", str(unlabelled), "--json"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert "pairwise" not in row
    assert "bcubed" not in row
    assert row["mentions"] == 11


def test_cli_bench_resolve_text(labelled: Path, no_plugins: None) -> None:
    result = CliRunner().invoke(main, ["bench", "resolve", str(labelled)])
    assert result.exit_code == 0, result.output
    assert "mentions: 11" in result.stdout
    assert "entities: 6" in result.stdout
    assert "pairwise" in result.stdout
    assert "bcubed" in result.stdout


@pytest.mark.parametrize(
    ("lines", "line"),
    [
        (['{"id": "a", "name": "毛泽东"}', '{"id": "a", "name": "周恩来"}'], 2),
        (['{"id": "a", "name": "毛泽东"}', "", '{"id": "b", "name": "x", "kind": "city"}'], 3),
        (['{"id": "a", "name": "毛泽东"', '{"id": "b", "name": "x"}'], 1),
    ],
)
def test_cli_bench_resolve_malformed_file(
    tmp_path: Path, lines: list[str], line: int, no_plugins: None
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", "resolve", str(path), "--json"])
    assert result.exit_code == 2
    assert f"{path}:{line}" in result.stderr
    assert result.stderr.startswith("error:")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
