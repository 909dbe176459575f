"""Lazy loading of the name tables shipped in ``names/data``.

Every table is an editable TSV (or plain list) with ``# `` comment lines that name its source
and licence, then a header.  Tables are read once, on first use, and cached.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Final

from sistercity_provenance._errors import DataError
from sistercity_provenance.names._text import fold_latin, fold_syllable

__all__ = [
    "SurnameRow",
    "cantonese_tables",
    "read_list",
    "read_tsv",
    "surnames",
]

_DATA: Final = "sistercity_provenance.names.data"


def _text(name: str) -> str:
    return resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")


@functools.cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of the table ``name`` as dicts keyed by the header's column names."""
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(_text(name).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        if len(cells) > len(header):
            msg = f"{name}:{lineno}: {len(cells)} cells, header has {len(header)}"
            raise DataError(msg)
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=True)})
    return tuple(rows)


@functools.cache
def read_list(name: str) -> frozenset[str]:
    """The non-comment lines of a plain list, lowercased."""
    return frozenset(
        line.strip().lower()
        for line in _text(name).splitlines()
        if line.strip() and not line.startswith("#")
    )


class SurnameRow:
    """One surname of ``surnames.tsv`` with its readings and dialect spellings."""

    __slots__ = ("dialect", "pinyin", "rank", "simplified", "traditional")

    def __init__(
        self,
        simplified: str,
        traditional: str,
        pinyin: tuple[tuple[str, ...], ...],
        rank: int | None,
        dialect: Mapping[str, frozenset[str]],
    ) -> None:
        self.simplified = simplified
        self.traditional = traditional
        self.pinyin = pinyin
        self.rank = rank
        self.dialect = dialect


def _split_alts(cell: str, sep: str = "|") -> list[str]:
    return [a.strip() for a in cell.split(sep) if a.strip()]


@functools.cache
def surnames() -> dict[str, SurnameRow]:
    """Surnames keyed by their simplified form (single and compound)."""
    table: dict[str, SurnameRow] = {}
    for row in read_tsv("surnames.tsv"):
        simp = row["simplified"]
        readings = tuple(
            tuple(fold_syllable(s) for s in alt.split()) for alt in _split_alts(row["pinyin"], ",")
        )
        dialect = {
            system: frozenset(
                " ".join(fold_latin(w) for w in alt.replace("-", " ").split())
                for alt in _split_alts(row.get(system, ""))
            )
            for system in ("cantonese", "hokkien", "teochew", "hakka", "other")
        }
        rank_cell = row.get("rank", "")
        table[simp] = SurnameRow(
            simp,
            row.get("traditional") or simp,
            readings,
            int(rank_cell) if rank_cell.isdigit() else None,
            dialect,
        )
    return table


@functools.cache
def cantonese_tables() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Hong Kong government spellings and Jyutping of characters (traditional keys).

    They come from the ``cantonese-romanisation`` package (MIT), read as data so that no
    global state of that package is touched.
    """
    pkg = resources.files("cantoroman").joinpath("data")
    roman: dict[str, list[str]] = json.loads(
        pkg.joinpath("charToRoman.json").read_text(encoding="utf-8")
    )
    lshk: dict[str, list[str]] = json.loads(
        pkg.joinpath("charToLshk.json").read_text(encoding="utf-8")
    )
    return roman, lshk
