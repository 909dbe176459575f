"""The shipped example corpus: it loads, resolves across scripts and keeps bodies apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sistercity_provenance.cli import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "sister-cities"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "out"
    result = CliRunner().invoke(
        main, ["--no-plugins", "resolve", str(EXAMPLE), "--out", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    return out


def _entities(out: Path) -> list[dict[str, object]]:
    lines = (out / "entities.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _entity_of(out: Path) -> dict[str, str]:
    return {str(a): str(e["id"]) for e in _entities(out) for a in e["aliases"]}  # type: ignore[attr-defined]


def test_all_five_outputs_are_written_and_verify(out: Path) -> None:
    for name in (
        "entities.jsonl",
        "claims.jsonl",
        "provenance.json",
        "store.sqlite",
        "report.html",
    ):
        assert (out / name).stat().st_size > 0
    assert CliRunner().invoke(main, ["--no-plugins", "verify", str(out)]).exit_code == 0


@pytest.mark.parametrize(
    "names",
    [
        ("Toledo", "托莱多"),
        ("Hengyang", "衡阳市"),
        ("Chicago", "芝加哥"),
        (
            "Overseas Chinese Affairs Office of the Henan Provincial People's Government",
            "河南省人民政府侨务办公室",
        ),
        ("Henan's Overseas Chinese Affairs Office", "河南省侨办"),
        ("UFWD", "United Front Work Department", "中央统战部"),
        (
            "Henan OCAO",
            "Henan's Overseas Chinese Affairs Office",
            "Overseas Chinese Affairs Office of the Henan Provincial People's Government",
            "河南省人民政府侨务办公室",
            "河南省侨办",
        ),
        ("Jilin OCAO", "Overseas Chinese Affairs Office of Jilin Province", "吉林省侨务办公室"),
        ("State Council OCAO", "Overseas Chinese Affairs Office of the State Council", "国侨办"),
        (
            "Chinese Consulate General in Chicago",
            "Consulate General of the People's Republic of China in Chicago",
            "中华人民共和国驻芝加哥总领事馆",
            "中国驻芝加哥总领事馆",
        ),
        ("Hengyang municipal government", "衡阳市人民政府"),
        ("Hengyang Municipal Committee of the Communist Youth League", "共青团衡阳市委员会"),
        ("Chinese American association of Kansas", "堪萨斯州美籍华人协会"),
        ("Luo Renkai", "Luo"),
        ('"Forest" Rong Lei', "Rong Lei", "Rong"),
    ],
)
def test_names_join_across_scripts(out: Path, names: tuple[str, ...]) -> None:
    entity_of = _entity_of(out)
    assert len({entity_of[n] for n in names}) == 1, {n: entity_of[n] for n in names}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Overseas Chinese Affairs Office of Jilin Province", "河南省人民政府侨务办公室"),
        ("Overseas Chinese Affairs Office of Jilin Province", "国务院侨务办公室"),
        ("河南省人民政府侨务办公室", "国务院侨务办公室"),
        ("Hengyang municipal government", "共青团衡阳市委员会"),
        ("Kansas", "Chinese American association of Kansas"),
        ("Chinese American association of Kansas", "Confucius Institute in Kansas"),
    ],
)
def test_different_bodies_stay_apart(out: Path, a: str, b: str) -> None:
    entity_of = _entity_of(out)
    assert entity_of[a] != entity_of[b]


def test_the_article_and_the_request_it_draws_on_are_one_source(out: Path) -> None:
    claims = {
        c["id"]: c for c in map(json.loads, (out / "claims.jsonl").read_text("utf-8").splitlines())
    }
    toledo = [claims[i] for i in ("c-toledo-request", "c-toledo-screenshot", "c-toledo-article")]
    assert all(c["corroboration"] == 1 for c in toledo)
    assert {"c-toledo-request", "c-toledo-screenshot"} <= set(toledo[2]["corroborated_by"])
    # The article's grade is its own (C), not the request's (B).
    assert toledo[0]["grade"].startswith("B") and toledo[2]["grade"].startswith("C")
