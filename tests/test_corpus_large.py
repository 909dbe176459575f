"""Large corpora: loading streams the files, reports progress, and caps the length of a line."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from sistercity_provenance import InputFormatError
from sistercity_provenance._io import MAX_LINE_BYTES, jsonl_rows, read_jsonl
from sistercity_provenance.provenance import load_corpus
from sistercity_provenance.provenance._corpus import PROGRESS_EVERY


def _names(d: int) -> list[tuple[str, str]]:
    """Ten names for document ``d``, English and Chinese; none is part of another."""
    return [
        ("person", f"Wang Wei {d}-{k}") if k % 2 else ("place", f"吉林{d}之{k}") for k in range(10)
    ]


def _write_large(root: Path, documents: int) -> None:
    root.mkdir()
    with (
        (root / "documents.jsonl").open("w", encoding="utf-8") as docs,
        (root / "mentions.jsonl").open("w", encoding="utf-8") as mentions,
        (root / "claims.jsonl").open("w", encoding="utf-8") as claims,
    ):
        m = 0
        for d in range(documents):
            names = _names(d)
            text = " ".join(f"{name}在会上发言。" for _kind, name in names)
            doc: dict[str, Any] = {"id": f"d{d}", "title": f"T{d}", "kind": "note",
                                   "language": "zh", "date": "2020", "text": text}  # fmt: skip
            docs.write(json.dumps(doc, ensure_ascii=False) + "\n")
            for kind, name in names:
                row = {"id": f"m{m}", "document": f"d{d}", "text": name, "kind": kind}
                mentions.write(json.dumps(row, ensure_ascii=False) + "\n")
                m += 1
            if d % 4 == 0:
                evidence = [{"document": f"d{d}", "quote": f"{names[1][1]}在会上发言"}]
                claim = {"id": f"c{d}", "subject": f"m{m - 9}", "predicate": "near",
                         "object": f"m{m - 10}", "evidence": evidence}  # fmt: skip
                claims.write(json.dumps(claim, ensure_ascii=False) + "\n")


def test_a_scaled_down_large_corpus_loads_with_progress(tmp_path: Path) -> None:
    assert PROGRESS_EVERY == 10_000
    root = tmp_path / "big"
    _write_large(root, 2_000)
    calls: list[tuple[str, int]] = []
    corpus = load_corpus(root, progress=lambda file, rows: calls.append((file, rows)))
    assert (len(corpus.documents), len(corpus.mentions), len(corpus.claims)) == (2_000, 20_000, 500)
    assert corpus.skipped == ()
    # Every 10,000 rows, and each file's total unless it was just reported.
    assert calls == [
        ("documents.jsonl", 2_000),
        ("mentions.jsonl", 10_000),
        ("mentions.jsonl", 20_000),
        ("claims.jsonl", 500),
    ]
    for mention in corpus.mentions[::997]:
        document = corpus.document(mention.document)
        assert document.text[mention.span.start : mention.span.end] == mention.text
    last = corpus.mention("m19999")
    assert (last.document, last.text) == ("d1999", "Wang Wei 1999-9")
    assert corpus.claims[-1].evidence[0].quote == "Wang Wei 1996-1在会上发言"
    assert corpus.mention(corpus.claims[-1].subject).text == "Wang Wei 1996-1"


# --- reading JSON Lines -----------------------------------------------------------------------


def test_read_jsonl_yields_rows_before_reading_further(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"a": 1}\n{broken\n{"a": 3}\n')
    rows = read_jsonl(path)
    assert next(rows) == (1, {"a": 1})  # given before the bad line is reached
    with pytest.raises(InputFormatError) as info:
        next(rows)
    assert (Path(info.value.file), info.value.line, info.value.field) == (path, 2, None)
    assert "JSON" in str(info.value)


def test_jsonl_rows_carries_on_after_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"a": 1}\n{broken\n\n{"a": 3}\n')
    rows = list(jsonl_rows(path))
    assert [line for line, _row in rows] == [1, 2, 4]
    assert isinstance(rows[1][1], InputFormatError)
    assert rows[2] == (4, {"a": 3})


def test_bom_crlf_and_nul(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}\r\n{"a": "\xe5\x90\x89"}\r\n{"a": 3\x00}\r\n')
    rows = list(jsonl_rows(path))
    assert rows[:2] == [(1, {"a": 1}), (2, {"a": "吉"})]
    error = rows[2][1]
    assert isinstance(error, InputFormatError)
    assert error.line == 3
    offset = len(b'\xef\xbb\xbf{"a": 1}\r\n{"a": "\xe5\x90\x89"}\r\n{"a": 3')
    assert f"NUL byte at byte {offset}" in error.problem


def test_a_line_over_the_cap_is_an_error_naming_it_and_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    cap = 1 << 20
    first, long_line, third = b'{"a": 1}\n', b'{"a": "' + b"x" * (20 * cap) + b'"}\n', b'{"a": 3}\n'
    path.write_bytes(first + long_line + third + b'{"a": "\xff"}\n')
    tracemalloc.start()
    try:
        rows = list(jsonl_rows(path, max_line_bytes=cap))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * cap  # the line of 20 times the cap was passed over in chunks
    assert [line for line, _row in rows] == [1, 2, 3, 4]
    error = rows[1][1]
    assert isinstance(error, InputFormatError)
    assert (error.line, error.field) == (2, None)
    assert f"longer than {cap:,} bytes" in error.problem
    assert rows[2] == (3, {"a": 3})
    # Byte offsets after the long line still count it.
    utf8 = rows[3][1]
    assert isinstance(utf8, InputFormatError)
    offset = len(first) + len(long_line) + len(third) + len(b'{"a": "')
    assert f"invalid UTF-8 at byte {offset}" in utf8.problem


def test_a_line_of_exactly_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    body = b'{"a": "' + b"x" * 93 + b'"}'
    assert len(body) == 102
    path.write_bytes(body + b"\n" + body)  # the last line has no line end
    assert [
        line for line, row in jsonl_rows(path, max_line_bytes=102) if isinstance(row, dict)
    ] == [
        1,
        2,
    ]
    errors = [row for _line, row in jsonl_rows(path, max_line_bytes=101)]
    assert all(isinstance(e, InputFormatError) for e in errors)


def test_a_corpus_line_over_the_cap_is_skipped_or_refused(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    doc = {"id": "d1", "title": "T", "kind": "note", "language": "en", "date": "2020"}
    huge = json.dumps({**doc, "id": "d2", "text": "x" * MAX_LINE_BYTES})
    lines = [json.dumps({**doc, "text": "Rong Lei."}), huge, json.dumps({**doc, "id": "d3",
             "text": "Wang Wei."})]  # fmt: skip
    (root / "documents.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        load_corpus(root)
    assert (info.value.line, info.value.field) == (2, None)
    assert "longer than 16,777,216 bytes" in str(info.value)
    corpus = load_corpus(root, lenient=True)
    assert [d.id for d in corpus.documents] == ["d1", "d3"]
    assert [(r.line, r.field) for r in corpus.skipped] == [(2, None)]


def test_an_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="cannot open") as info:
        list(read_jsonl(tmp_path / "missing.jsonl"))
    assert info.value.line is None
