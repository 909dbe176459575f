"""Lenient loading: bad rows are skipped and every one is listed; strict mode stops at them."""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st
from tests.test_corpus import CLAIMS as BASE_CLAIMS
from tests.test_corpus import DOCS as BASE_DOCS
from tests.test_corpus import MENTIONS as BASE_MENTIONS
from tests.test_corpus import TEXT

from sistercity_provenance import InputFormatError
from sistercity_provenance._pipeline import OUTPUTS
from sistercity_provenance.cli import main
from sistercity_provenance.provenance import Corpus, SkippedRow, load_corpus

# --- a small corpus with two independent halves -----------------------------------------------

# The base corpus of tests/test_corpus.py, and a second half that depends on nothing in it.
DOCS: list[dict[str, Any]] = [
    *BASE_DOCS,
    {"id": "d3", "title": "Note", "kind": "note", "language": "en", "date": "2018",
     "text": "Wang Wei visited Darwin -- twice."},
]  # fmt: skip
MENTIONS: list[dict[str, Any]] = [
    *BASE_MENTIONS,
    {"id": "m3", "document": "d3", "text": "Wang Wei", "kind": "person"},
    {"id": "m4", "document": "d3", "text": "Darwin", "kind": "place"},
]
CLAIMS: list[dict[str, Any]] = [
    *BASE_CLAIMS,
    {"id": "c2", "subject": "m3", "predicate": "visited", "object": "m4",
     "evidence": [{"document": "d3", "quote": "Wang Wei visited Darwin"}]},
]  # fmt: skip

Row = dict[str, Any] | str | bytes
FILES = ("documents.jsonl", "mentions.jsonl", "claims.jsonl")


def _write(path: Path, rows: list[Row]) -> None:
    with path.open("wb") as fh:
        for row in rows:
            if isinstance(row, bytes):
                fh.write(row)
            elif isinstance(row, str):
                fh.write(row.encode("utf-8"))
            else:
                fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8"))
            fh.write(b"\n")


def _corpus(root: Path, docs: list[Row], mentions: list[Row], claims: list[Row]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, rows in zip(FILES, (docs, mentions, claims), strict=True):
        _write(root / name, rows)
    return root


def _ids(corpus: Corpus) -> set[str]:
    return {r.id for r in (*corpus.documents, *corpus.mentions, *corpus.claims)}


ALL_IDS = {r["id"] for r in (*DOCS, *MENTIONS, *CLAIMS)}


def test_the_base_corpus_loads_with_nothing_skipped(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "c", DOCS, MENTIONS, CLAIMS)
    strict = load_corpus(root, check_names=True)
    lenient = load_corpus(root, lenient=True, check_names=True)
    assert _ids(strict) == ALL_IDS
    assert lenient == strict
    assert lenient.skipped == ()


# --- every kind of bad row --------------------------------------------------------------------

Rows = list[Row]
Mutation = Callable[[Rows, Rows, Rows], object]


def _bad_doc(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(DOCS[2]), "id": "d9", **changes}


def _bad_mention(**changes: Any) -> dict[str, Any]:
    return {**MENTIONS[3], "id": "m9", **changes}


def _bad_claim(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(CLAIMS[1]), "id": "c9", **changes}


def _set(rows: Rows, index: int, **changes: Any) -> None:
    row = rows[index]
    assert isinstance(row, dict)
    row.update(changes)


# (case id, mutation, the bad row (file, line, field), words in its problem,
#  rows skipped because of it (file, line, field), words in the first of those)
Where = tuple[str, int, str | None]
CASES: list[tuple[str, Mutation, Where, tuple[str, ...], list[Where], tuple[str, ...]]] = [
    # A bad row added to each file: nothing else depends on it.
    ("doc-malformed-json", lambda d, m, c: d.append('{"id": "d9", "title": '),
     ("documents.jsonl", 4, None), ("JSON",), [], ()),
    ("doc-invalid-utf8", lambda d, m, c: d.append(b'{"id": "d9", "title": "T\xff"}'),
     ("documents.jsonl", 4, None), ("UTF-8", "byte"), [], ()),
    ("doc-nul-byte", lambda d, m, c: d.append(b'{"id": "d9"\x00}'),
     ("documents.jsonl", 4, None), ("NUL",), [], ()),
    ("doc-not-an-object", lambda d, m, c: d.append("[1, 2]"),
     ("documents.jsonl", 4, None), ("object",), [], ()),
    ("doc-wrong-type", lambda d, m, c: d.append(_bad_doc(title=["a"])),
     ("documents.jsonl", 4, "title"), ("string", "list"), [], ()),
    ("doc-unknown-field", lambda d, m, c: d.append(_bad_doc(author="x")),
     ("documents.jsonl", 4, "author"), ("'author'", "allowed"), [], ()),
    ("doc-unknown-relation",
     lambda d, m, c: d.append(_bad_doc(derived_from=[{"document": "d1", "relation": "retweets"}])),
     ("documents.jsonl", 4, "derived_from[0].relation"), ("'retweets'",), [], ()),
    ("doc-missing-source",
     lambda d, m, c: d.append(_bad_doc(derived_from=[{"document": "d99", "relation": "cites"}])),
     ("documents.jsonl", 4, "derived_from[0].document"), ("'d99'", "not in"), [], ()),
    ("doc-duplicate-id", lambda d, m, c: d.append(_bad_doc(id="d1", text="Another text.")),
     ("documents.jsonl", 4, "id"), ("duplicate", "'d1'", "line 1"), [], ()),
    ("doc-duplicate-id-same-content", lambda d, m, c: d.append(copy.deepcopy(DOCS[0])),
     ("documents.jsonl", 4, "id"), ("duplicate", "'d1'", "line 1"), [], ()),
    ("doc-text-file-missing", lambda d, m, c: d.append(_bad_doc(text=None, text_file="no.txt")),
     ("documents.jsonl", 4, "text_file"), ("'no.txt'",), [], ()),
    ("mention-malformed-json", lambda d, m, c: m.append("{not json"),
     ("mentions.jsonl", 5, None), ("JSON",), [], ()),
    ("mention-invalid-utf8", lambda d, m, c: m.append(b'{"id": "m9\xc3("}'),
     ("mentions.jsonl", 5, None), ("UTF-8",), [], ()),
    ("mention-wrong-type", lambda d, m, c: m.append(_bad_mention(occurrence="2")),
     ("mentions.jsonl", 5, "occurrence"), ("integer",), [], ()),
    ("mention-unknown-field", lambda d, m, c: m.append(_bad_mention(name="Darwin")),
     ("mentions.jsonl", 5, "name"), ("allowed",), [], ()),
    ("mention-unknown-kind", lambda d, m, c: m.append(_bad_mention(kind="city")),
     ("mentions.jsonl", 5, "kind"), ("'city'",), [], ()),
    ("mention-missing-document", lambda d, m, c: m.append(_bad_mention(document="d99")),
     ("mentions.jsonl", 5, "document"), ("'d99'", "not in"), [], ()),
    ("mention-duplicate-id", lambda d, m, c: m.append(_bad_mention(id="m3", text="Darwin")),
     ("mentions.jsonl", 5, "id"), ("duplicate", "'m3'", "line 3"), [], ()),
    ("mention-quote-not-found", lambda d, m, c: m.append(_bad_mention(text="Perth")),
     ("mentions.jsonl", 5, "text"), ("not found", "'Perth'"), [], ()),
    ("mention-ambiguous-quote",
     lambda d, m, c: m.append(_bad_mention(document="d1", text="Rong Lei", kind="person")),
     ("mentions.jsonl", 5, "occurrence"), ("2 times",), [], ()),
    ("mention-empty-name", lambda d, m, c: m.append(_bad_mention(text=" ")),
     ("mentions.jsonl", 5, "text"), ("empty",), [], ()),
    ("mention-punctuation-name", lambda d, m, c: m.append(_bad_mention(text="--")),
     ("mentions.jsonl", 5, "text"), ("'--'", "no letters or digits"), [], ()),
    ("claim-malformed-json", lambda d, m, c: c.insert(0, '{"id": "c9",'),
     ("claims.jsonl", 1, None), ("JSON",), [], ()),
    ("claim-wrong-type", lambda d, m, c: c.append(_bad_claim(credibility="high")),
     ("claims.jsonl", 3, "credibility"), ("1 to 6",), [], ()),
    ("claim-unknown-field", lambda d, m, c: c.append(_bad_claim(source="d3")),
     ("claims.jsonl", 3, "source"), ("allowed",), [], ()),
    ("claim-missing-mention", lambda d, m, c: c.append(_bad_claim(subject="m99")),
     ("claims.jsonl", 3, "subject"), ("'m99'", "not a mention id"), [], ()),
    ("claim-missing-evidence-document",
     lambda d, m, c: c.append(_bad_claim(evidence=[{"document": "d99", "quote": "x"}])),
     ("claims.jsonl", 3, "evidence[0].document"), ("'d99'",), [], ()),
    ("claim-duplicate-id", lambda d, m, c: c.append(copy.deepcopy(CLAIMS[0])),
     ("claims.jsonl", 3, "id"), ("duplicate", "'c1'"), [], ()),
    ("claim-quote-not-found",
     lambda d, m, c: c.append(_bad_claim(evidence=[{"document": "d3", "quote": "Perth"}])),
     ("claims.jsonl", 3, "evidence[0].quote"), ("not found",), [], ()),
    ("claim-ambiguous-quote",
     lambda d, m, c: c.append(_bad_claim(evidence=[{"document": "d1", "quote": "Rong Lei"}])),
     ("claims.jsonl", 3, "evidence[0].occurrence"), ("2 times",), [], ()),
    # A bad row that others depend on: they are skipped too, and say why.
    ("cascade-document", lambda d, m, c: _set(d, 0, title=3),
     ("documents.jsonl", 1, "title"), ("string",),
     [("documents.jsonl", 2, "derived_from[0].document"), ("mentions.jsonl", 1, "document"),
      ("mentions.jsonl", 2, "document"), ("claims.jsonl", 1, "subject")],
     ("'d1'", "was skipped", "documents.jsonl line 1")),
    ("cascade-evidence-document", lambda d, m, c: _set(d, 1, reliability="G"),
     ("documents.jsonl", 2, "reliability"), ("A-F",),
     [("claims.jsonl", 1, "evidence[1].document")], ("'d2'", "was skipped")),
    ("cascade-derivation-chain",
     lambda d, m, c: (_set(d, 0, language=None),
                      d.append(_bad_doc(id="d4", derived_from=[{"document": "d2",
                                                                "relation": "quotes"}]))),
     ("documents.jsonl", 1, "language"), ("missing",),
     [("documents.jsonl", 2, "derived_from[0].document"),
      ("documents.jsonl", 4, "derived_from[0].document"), ("mentions.jsonl", 1, "document"),
      ("mentions.jsonl", 2, "document"), ("claims.jsonl", 1, "subject")],
     ("'d1'", "was skipped")),
    ("cascade-derivation-forward",
     lambda d, m, c: (_set(d, 0, derived_from=[{"document": "d3", "relation": "cites"}]),
                      _set(d, 2, date=2018)),
     ("documents.jsonl", 3, "date"), ("string",),
     [("documents.jsonl", 1, "derived_from[0].document"),
      ("documents.jsonl", 2, "derived_from[0].document"), ("mentions.jsonl", 1, "document"),
      ("mentions.jsonl", 2, "document"), ("mentions.jsonl", 3, "document"),
      ("mentions.jsonl", 4, "document"), ("claims.jsonl", 1, "subject"),
      ("claims.jsonl", 2, "subject")],
     ("'d3'", "was skipped", "documents.jsonl line 3")),
    ("cascade-subject-mention", lambda d, m, c: _set(m, 2, kind="human"),
     ("mentions.jsonl", 3, "kind"), ("'human'",),
     [("claims.jsonl", 2, "subject")], ("'m3'", "mention that was skipped", "line 3")),
    ("cascade-object-mention", lambda d, m, c: _set(m, 1, occurrence=5),
     ("mentions.jsonl", 2, "occurrence"), ("'Rong Lei'",),
     [("claims.jsonl", 1, "object")], ("'m2'", "mention that was skipped")),
    ("cascade-duplicate-of-a-skipped-row",
     lambda d, m, c: (_set(d, 2, kind=None), d.append(copy.deepcopy(DOCS[2]))),
     ("documents.jsonl", 3, "kind"), ("missing",),
     [("documents.jsonl", 4, "id"), ("mentions.jsonl", 3, "document"),
      ("mentions.jsonl", 4, "document"), ("claims.jsonl", 2, "subject")],
     ("duplicate", "'d3'", "first on line 3, which was skipped")),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_bad_rows_stop_strict_mode_and_are_listed_in_lenient_mode(
    tmp_path: Path,
    case: tuple[str, Mutation, Where, tuple[str, ...], list[Where], tuple[str, ...]],
) -> None:
    _name, mutate, bad, words, cascade, cascade_words = case
    docs, mentions, claims = copy.deepcopy([DOCS, MENTIONS, CLAIMS])
    mutate(docs, mentions, claims)
    root = _corpus(tmp_path / "c", docs, mentions, claims)

    with pytest.raises(InputFormatError) as info:
        load_corpus(root, check_names=True)
    err = info.value
    assert (Path(err.file).name, err.line, err.field) == bad
    assert Path(err.file).parent == root

    corpus = load_corpus(root, lenient=True, check_names=True)
    listed = [(Path(r.file).name, r.line, r.field) for r in corpus.skipped]
    assert sorted(listed, key=lambda w: (FILES.index(w[0]), w[1])) == listed  # in file order
    assert sorted(listed) == sorted([bad, *cascade])
    first = corpus.skipped[listed.index(bad)]
    assert first.problem == err.problem  # the same words as the strict error
    for word in words:
        assert word in first.problem
    if cascade:
        dependent = corpus.skipped[listed.index(cascade[0])]
        for word in cascade_words:
            assert word in dependent.problem, dependent.problem
    # Every row not listed is loaded: the loaded and skipped rows account for the files.
    rows = sum(1 for rows in (docs, mentions, claims) for _row in rows)
    loaded = len(corpus.documents) + len(corpus.mentions) + len(corpus.claims)
    assert loaded + len(corpus.skipped) == rows
    lost = {
        row["id"]
        for file, rows_of in zip(FILES, (docs, mentions, claims), strict=True)
        for line, row in enumerate(rows_of, start=1)
        if isinstance(row, dict) and (file, line) in {(w[0], w[1]) for w in listed}
    }
    # (a skipped duplicate does not lose the id: the first row with it is kept)
    assert _ids(corpus) | lost >= ALL_IDS
    assert _ids(corpus) <= ALL_IDS | {"d4", "d9", "m9", "c9"}


def test_a_duplicate_keeps_the_first_row(tmp_path: Path) -> None:
    docs = [*copy.deepcopy(DOCS), {**DOCS[0], "text": "A different text."}]
    corpus = load_corpus(_corpus(tmp_path / "c", docs, MENTIONS, CLAIMS), lenient=True)
    assert corpus.document("d1").text == TEXT
    assert [(r.line, r.field) for r in corpus.skipped] == [(4, "id")]


def test_a_literal_object_that_names_a_skipped_mention_is_not_read_as_a_literal(
    tmp_path: Path,
) -> None:
    mentions = copy.deepcopy(MENTIONS)
    mentions[3]["kind"] = "city"  # m4, the object of c2, is skipped
    corpus = load_corpus(_corpus(tmp_path / "c", DOCS, mentions, CLAIMS), lenient=True)
    assert [c.id for c in corpus.claims] == ["c1"]
    assert corpus.skipped[-1] == SkippedRow(
        str(tmp_path / "c" / "claims.jsonl"),
        2,
        "object",
        "object 'm4' is a mention that was skipped (mentions.jsonl line 4)",
    )


def test_a_reference_to_an_unreadable_row_says_it_may_be_there(tmp_path: Path) -> None:
    docs = [DOCS[0], DOCS[1], '{"id": "d3", oops}']
    corpus = load_corpus(_corpus(tmp_path / "c", docs, MENTIONS, CLAIMS), lenient=True)
    by_where = {(Path(r.file).name, r.line): r for r in corpus.skipped}
    assert by_where["documents.jsonl", 3].field is None
    problem = by_where["mentions.jsonl", 3].problem
    assert "'d3' is not in documents.jsonl" in problem
    assert "1 skipped row of documents.jsonl whose id could not be read" in problem


def test_punctuation_names_are_only_refused_when_names_are_checked(tmp_path: Path) -> None:
    mentions = [*MENTIONS, _bad_mention(text="--")]
    root = _corpus(tmp_path / "c", DOCS, mentions, CLAIMS)
    assert len(load_corpus(root).mentions) == 5  # anchoring alone does not mind
    assert len(load_corpus(root, lenient=True, check_names=True).mentions) == 4


def test_whole_file_problems_are_errors_even_in_lenient_mode(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    _write(root / "mentions.jsonl", list(MENTIONS))
    with pytest.raises(InputFormatError, match=r"documents\.jsonl"):
        load_corpus(root, lenient=True)
    with pytest.raises(InputFormatError, match="not a corpus directory"):
        load_corpus(root / "nowhere", lenient=True)
    _write(root / "documents.jsonl", list(DOCS))
    (root / "claims.jsonl").mkdir()
    with pytest.raises(InputFormatError, match="regular file") as info:
        load_corpus(root, lenient=True)
    assert info.value.line is None


def test_skipped_row_reads_like_the_error() -> None:
    row = SkippedRow("c/mentions.jsonl", 2, "kind", "unknown kind 'city'")
    error = InputFormatError("unknown kind 'city'", file="c/mentions.jsonl", line=2, field="kind")
    assert row.message() == str(error)
    assert SkippedRow.of(error) == row
    assert row.to_json() == {
        "file": "c/mentions.jsonl",
        "line": 2,
        "field": "kind",
        "problem": "unknown kind 'city'",
    }
    with pytest.raises(ValueError, match="not an error on a row"):
        SkippedRow.of(InputFormatError("missing", file="c/documents.jsonl"))


def test_progress_is_reported_for_each_file(tmp_path: Path) -> None:
    calls: list[tuple[str, int]] = []
    docs = [*DOCS, "{bad"]
    load_corpus(
        _corpus(tmp_path / "c", docs, MENTIONS, CLAIMS),
        lenient=True,
        progress=lambda file, rows: calls.append((file, rows)),
    )
    assert calls == [("documents.jsonl", 4), ("mentions.jsonl", 4), ("claims.jsonl", 2)]


# --- the command line -------------------------------------------------------------------------


def _resolve(*args: str) -> Any:
    return CliRunner().invoke(main, ["--no-plugins", "resolve", *args])


def _bad_corpus(root: Path) -> Path:
    mentions = [*copy.deepcopy(MENTIONS), _bad_mention(text="--"), "{not json"]
    mentions[1]["kind"] = "human"  # m2: c1 goes with it
    return _corpus(root, DOCS, mentions, CLAIMS)


def test_cli_lenient_run_lists_every_skipped_row(tmp_path: Path) -> None:
    root, out = _bad_corpus(tmp_path / "c"), tmp_path / "out"
    strict = _resolve(str(root), "--out", str(out))
    assert strict.exit_code == 2
    assert "mentions.jsonl:2: field 'kind'" in strict.output
    assert not out.exists()

    result = _resolve(str(root), "--out", str(out), "--lenient")
    assert result.exit_code == 0, result.output
    for name in OUTPUTS:
        assert (out / name).is_file()
    rows = [json.loads(line) for line in (out / "skipped.jsonl").read_text("utf-8").splitlines()]
    assert [(Path(r["file"]).name, r["line"], r["field"]) for r in rows] == [
        ("mentions.jsonl", 2, "kind"),
        ("mentions.jsonl", 5, "text"),
        ("mentions.jsonl", 6, None),
        ("claims.jsonl", 1, "object"),
    ]
    assert all(set(r) == {"file", "line", "field", "problem"} for r in rows)
    assert "skipped 4 rows (see " in result.stdout and "skipped.jsonl" in result.stdout
    assert "mentions 3  " in result.stdout and "claims 1  " in result.stdout
    assert "skipped 4" in result.stdout.splitlines()[0]
    skipped_lines = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped_lines) == 4
    assert "mentions.jsonl:5: field 'text'" in skipped_lines[1]
    assert _run_verify(out) == 0

    as_json = _resolve(str(root), "--out", str(out), "--lenient", "--json")
    summary = json.loads(as_json.stdout)
    assert (summary["skipped"], summary["mentions"]) == (4, 3)
    assert "skipped.jsonl" in summary["outputs"]
    assert "skipped_rows" not in summary


def _run_verify(out: Path) -> int:
    return CliRunner().invoke(main, ["--no-plugins", "verify", str(out)]).exit_code


def test_cli_skipped_file_is_written_on_lenient_runs_only(tmp_path: Path) -> None:
    root, out = _corpus(tmp_path / "c", DOCS, MENTIONS, CLAIMS), tmp_path / "out"
    result = _resolve(str(root), "--out", str(out), "--lenient")
    assert result.exit_code == 0, result.output
    assert (out / "skipped.jsonl").read_bytes() == b""
    assert "skipped 0 rows" in result.stdout
    assert "skipped: " not in result.stderr
    # A strict run removes the list of an earlier lenient run: it describes another input.
    result = _resolve(str(root), "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    assert not (out / "skipped.jsonl").exists()
    summary = json.loads(result.stdout)
    assert summary["skipped"] == 0 and "skipped.jsonl" not in summary["outputs"]


def test_cli_strict_run_refuses_a_punctuation_name_before_writing(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "c", DOCS, [*MENTIONS, _bad_mention(text="--")], CLAIMS)
    out = tmp_path / "out"
    result = _resolve(str(root), "--out", str(out))
    assert result.exit_code == 2
    assert "mentions.jsonl:5: field 'text'" in result.output
    assert not out.exists()


def test_cli_escapes_skipped_rows_on_the_terminal(tmp_path: Path) -> None:
    # The problem quotes the kind with repr(), which escapes it already; the file's path is
    # printed as it is, so the escape sequence in the directory's name must be escaped here.
    mentions = [*MENTIONS, _bad_mention(kind="\x1b[31mred")]
    root = _corpus(tmp_path / "c\x1b[31m\u202e", DOCS, mentions, CLAIMS)
    out = tmp_path / "out"
    result = _resolve(str(root), "--out", str(out), "--lenient")
    assert result.exit_code == 0, result.output
    (skipped,) = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert "c\\u001b[31m\\u202e" in skipped and "mentions.jsonl:5: field 'kind'" in skipped
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_cli_progress_shows_loading(tmp_path: Path) -> None:
    root, out = _corpus(tmp_path / "c", DOCS, MENTIONS, CLAIMS), tmp_path / "out"
    result = _resolve(str(root), "--out", str(out), "--progress", "--lenient")
    assert result.exit_code == 0, result.output
    assert "resolve: load corpus: mentions.jsonl: 4 rows" in result.stderr


# --- a property over random mixes of good and bad rows ---------------------------------------

_DOC_BAD = st.sampled_from([*[None] * 6, "json", "utf8", "type", "field", "relation", "dup"])
_MENTION_BAD = st.sampled_from(
    [None, None, None, "json", "utf8", "kind", "notfound", "punct", "missingdoc", "dup"]
)
_CLAIM_BAD = st.sampled_from([*[None] * 4, "json", "credibility", "quote", "dup"])
_UNREADABLE = ("json", "utf8")


@st.composite
def _mixed_corpus(draw: st.DrawFn) -> dict[str, Any]:
    n_docs = draw(st.integers(1, 5))
    docs = [
        {
            "bad": draw(_DOC_BAD),
            "source": draw(st.none() | st.integers(0, n_docs)),  # n_docs: a document not there
        }
        for _ in range(n_docs)
    ]
    n_mentions = draw(st.integers(0, 8))
    mentions = [
        {"bad": draw(_MENTION_BAD), "doc": draw(st.integers(0, n_docs - 1))}
        for _ in range(n_mentions)
    ]
    claims = []
    if n_mentions:
        for _ in range(draw(st.integers(0, 8))):
            claims.append(
                {
                    "bad": draw(_CLAIM_BAD),
                    "subject": draw(st.integers(0, n_mentions - 1)),
                    "object": draw(st.integers(-1, n_mentions - 1)),  # -1: a literal
                    "doc": draw(st.integers(0, n_docs - 1)),
                }
            )
    return {"docs": docs, "mentions": mentions, "claims": claims}


def _unreadable(bad: str | None, prefix: str, i: int) -> Row:
    if bad == "json":
        return f'{{"id": "{prefix}{i}", '
    return f'{{"id": "{prefix}{i}", "x": "'.encode() + b'\xff"}'


def _ids_claimed(spec: list[dict[str, Any]], prefix: str) -> list[str | None]:
    """Each row's id in the file, or None when the row cannot be read."""
    ids: list[str | None] = []
    for i, row in enumerate(spec):
        if row["bad"] in _UNREADABLE:
            ids.append(None)
        elif row["bad"] == "dup" and any(ids):
            ids.append(next(x for x in ids if x))  # the first readable id before it
        else:
            row["bad"] = None if row["bad"] == "dup" else row["bad"]
            ids.append(f"{prefix}{i}")
    return ids


def _doc_rows(spec: list[dict[str, Any]], ids: list[str | None]) -> list[Row]:
    rows: list[Row] = []
    for i, (row, doc_id) in enumerate(zip(spec, ids, strict=True)):
        if doc_id is None:
            rows.append(_unreadable(row["bad"], "d", i))
            continue
        record: dict[str, Any] = {
            "id": doc_id, "title": f"Doc {i}", "kind": "note", "language": "en", "date": "2020",
            "text": f"Doc {i} names Alpha{i} and Beta{i}.",
        }  # fmt: skip
        if row["source"] is not None:
            record["derived_from"] = [{"document": f"d{row['source']}", "relation": "cites"}]
        if row["bad"] == "type":
            record["title"] = 7
        elif row["bad"] == "field":
            record["author"] = "x"
        elif row["bad"] == "relation":
            record["derived_from"] = [{"document": "d0", "relation": "retweets"}]
        rows.append(record)
    return rows


def _expected_documents(spec: list[dict[str, Any]], ids: list[str | None]) -> set[str]:
    """The documents a lenient load keeps: good rows whose sources are kept, transitively."""
    kept = {
        f"d{i}"
        for i, (row, doc_id) in enumerate(zip(spec, ids, strict=True))
        if row["bad"] is None and doc_id == f"d{i}"
    }
    while True:
        broken = {
            f"d{i}"
            for i, row in enumerate(spec)
            if f"d{i}" in kept and row["source"] is not None and f"d{row['source']}" not in kept
        }
        if not broken:
            return kept
        kept -= broken


# One of each cascade, so that every run of the property meets them.
_EVERY_CASCADE = {
    "docs": [
        {"bad": None, "source": None},
        {"bad": "type", "source": None},
        {"bad": None, "source": 1},  # derived from a skipped document
        {"bad": None, "source": 9},  # derived from a document that is not there
    ],
    "mentions": [
        {"bad": None, "doc": 0},
        {"bad": "kind", "doc": 0},
        {"bad": "json", "doc": 0},
        {"bad": None, "doc": 1},  # in a skipped document
        {"bad": "dup", "doc": 0},
        {"bad": None, "doc": 2},  # in a document skipped by cascade
    ],
    "claims": [
        {"bad": None, "subject": 0, "object": 1, "doc": 0},  # object skipped
        {"bad": None, "subject": 0, "object": 2, "doc": 0},  # object unreadable: a literal
        {"bad": None, "subject": 0, "object": -1, "doc": 2},  # evidence document skipped
        {"bad": None, "subject": 3, "object": 0, "doc": 0},  # subject skipped
        {"bad": "dup", "subject": 0, "object": 0, "doc": 0},
        {"bad": None, "subject": 0, "object": 4, "doc": 0},  # m4 is the duplicate: a literal
        {"bad": None, "subject": 0, "object": 0, "doc": 0},
    ],
}


@given(spec=_mixed_corpus())
@example(spec=_EVERY_CASCADE)
def test_lenient_loading_accounts_for_every_row(spec: dict[str, Any]) -> None:
    doc_ids = _ids_claimed(spec["docs"], "d")
    mention_ids = _ids_claimed(spec["mentions"], "m")
    claim_ids = _ids_claimed(spec["claims"], "c")
    docs = _doc_rows(spec["docs"], doc_ids)
    kept_docs = _expected_documents(spec["docs"], doc_ids)

    mentions: list[Row] = []
    kept_mentions: set[str] = set()
    held_mentions: set[str] = set()  # ids held by a readable row (kept or skipped)
    for i, (row, mention_id) in enumerate(zip(spec["mentions"], mention_ids, strict=True)):
        if mention_id is None:
            mentions.append(_unreadable(row["bad"], "m", i))
            continue
        doc = row["doc"]
        record = {"id": mention_id, "document": f"d{doc}", "text": f"Alpha{doc}", "kind": "person"}
        bad = row["bad"]
        record |= {
            "kind": {"kind": "city"},
            "notfound": {"text": "Gamma"},
            "punct": {"text": "."},
            "missingdoc": {"document": "d99"},
        }.get(bad, {})
        mentions.append(record)
        if mention_id == f"m{i}":
            held_mentions.add(mention_id)
            if bad is None and f"d{doc}" in kept_docs:
                kept_mentions.add(mention_id)

    claims: list[Row] = []
    kept_claims: set[str] = set()
    literal_objects: set[str] = set()
    for i, (row, claim_id) in enumerate(zip(spec["claims"], claim_ids, strict=True)):
        if claim_id is None:
            claims.append(_unreadable(row["bad"], "c", i))
            continue
        obj = "a literal" if row["object"] < 0 else f"m{row['object']}"
        record = {
            "id": claim_id, "subject": f"m{row['subject']}", "predicate": "knows", "object": obj,
            "evidence": [{"document": f"d{row['doc']}", "quote": "names"}],
        }  # fmt: skip
        if row["bad"] == "credibility":
            record["credibility"] = 9
        elif row["bad"] == "quote":
            record["evidence"][0]["quote"] = "nowhere"
        claims.append(record)
        object_ok = obj in kept_mentions or obj not in held_mentions  # else: a skipped mention
        if (
            claim_id == f"c{i}"
            and row["bad"] is None
            and record["subject"] in kept_mentions
            and object_ok
            and f"d{row['doc']}" in kept_docs
        ):
            kept_claims.add(claim_id)
            if obj not in kept_mentions:
                literal_objects.add(claim_id)

    with tempfile.TemporaryDirectory() as tmp:
        root = _corpus(Path(tmp), docs, mentions, claims)
        corpus = load_corpus(root, lenient=True, check_names=True)
        strict_error: InputFormatError | None = None
        try:
            strict = load_corpus(root, check_names=True)
        except InputFormatError as exc:
            strict_error = exc

    assert {d.id for d in corpus.documents} == kept_docs
    assert {m.id for m in corpus.mentions} == kept_mentions
    assert {c.id for c in corpus.claims} == kept_claims
    # An object naming a mention that could not be read at all is taken as a literal.
    assert {c.id for c in corpus.claims if not c.object_is_mention} == literal_objects
    rows = len(docs) + len(mentions) + len(claims)
    loaded = len(corpus.documents) + len(corpus.mentions) + len(corpus.claims)
    assert loaded + len(corpus.skipped) == rows
    listed = [(Path(r.file).name, r.line) for r in corpus.skipped]
    assert len(set(listed)) == len(listed)  # one entry a row
    if corpus.skipped:  # strict mode stops at one of the rows lenient mode skips
        assert strict_error is not None
        assert SkippedRow.of(strict_error) in corpus.skipped
    else:
        assert strict_error is None
        assert strict == corpus
