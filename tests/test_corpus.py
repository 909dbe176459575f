"""Loading a corpus directory: records, anchored spans, and errors that say where."""

from __future__ import annotations

import copy
import json
import os
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sistercity_provenance import InputError, InputFormatError, NameKind
from sistercity_provenance.provenance import (
    ChainStep,
    Corpus,
    CorpusMention,
    Derivation,
    Relation,
    load_corpus,
)

SMALL = Path(__file__).parent / "corpus" / "sister_cities_small"

# --- the small corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small() -> Corpus:
    return load_corpus(SMALL)


def test_small_corpus_documents(small: Corpus) -> None:
    assert [d.id for d in small.documents] == [
        "d-invitation",
        "d-telegram-zh",
        "d-telegram-en",
        "d-article",
    ]
    assert small.root == SMALL
    invitation = small.document("d-invitation")
    assert (invitation.kind, invitation.language, invitation.reliability) == ("letter", "en", "B")
    assert invitation.issuer == "Australian International Trade Association"
    # Read from texts/ through text_file, byte for byte (it is already a clean layer).
    raw = (SMALL / "texts" / "jilin-invitation.txt").read_text(encoding="utf-8")
    assert invitation.text == raw
    assert "forum, to be held in Darwin in June 2018" in invitation.text
    for doc in small.documents:
        assert doc.hash_matches()
    # Reliability is normalised to a capital letter; a missing one stays unknown.
    assert small.document("d-article").reliability == "C"
    assert small.document("d-telegram-en").reliability is None


def test_small_corpus_chinese_telegram_is_in_the_text_layer(small: Corpus) -> None:
    telegram = small.document("d-telegram-zh")
    assert telegram.language == "zh"
    assert telegram.recipient == "河南省人民政府侨务办公室"
    assert telegram.issuer == "中国驻芝加哥总领事馆"
    # The JSON text has CRLF line ends; the layer has LF.
    assert "\r" not in telegram.text
    assert telegram.text.startswith("河南省人民政府侨务办公室：\n")


def test_small_corpus_derivations(small: Corpus) -> None:
    assert small.document("d-telegram-en").derived_from == (
        Derivation("d-telegram-en", "d-telegram-zh", Relation.TRANSLATES, False),
    )
    assert small.graph().chains("d-article") == [
        [
            ChainStep("d-article", "d-telegram-en", "quotes", True),
            ChainStep("d-telegram-en", "d-telegram-zh", "translates", False),
        ]
    ]
    assert small.graph().independent_sources(["d-article", "d-telegram-en"]) == frozenset(
        {"d-telegram-zh"}
    )


def test_small_corpus_mentions_and_spans(small: Corpus) -> None:
    assert len(small.mentions) == 8
    for mention in small.mentions:
        doc = small.document(mention.document)
        assert mention.span.document == mention.document
        assert mention.span.quote == mention.text == doc.text[mention.span.start : mention.span.end]
        assert mention.span.document_sha256 == doc.sha256
    office = small.mention("m-henan-office-zh")
    assert (office.kind, office.span.start, office.span.end) == (NameKind.ORGANIZATION, 0, 12)
    chicago = small.mention("m-chicago-zh")
    assert (chicago.kind, chicago.text, chicago.span.start) == (NameKind.PLACE, "芝加哥", 17)
    # Offsets count code points of the LF layer, so the CR of the first line is not counted.
    rong_zh = small.mention("m-rong-zh")
    assert rong_zh.span.start == len("河南省人民政府侨务办公室：\n现将驻芝加哥总领事馆掌握的 ")
    # The second "Rong Lei" of the article, picked by occurrence.
    rong = small.mention("m-rong-article")
    article = small.document("d-article")
    assert rong.span.start == article.text.rindex("Rong Lei")
    assert rong.attributes == (("aliases", ("Rong Lei",)), ("role", "subject of the telegram"))


def test_small_corpus_mention_converts_for_the_resolver(small: Corpus) -> None:
    from sistercity_provenance.resolve import Mention

    mention = small.mention("m-darwin").to_mention()
    assert mention == Mention(
        "m-darwin", "Darwin", NameKind.PLACE, "d-invitation", {"country": "Australia"}
    )
    assert mention.attr("country") == "Australia"


def test_small_corpus_claims(small: Corpus) -> None:
    claims = {c.id: c for c in small.claims}
    assert list(claims) == ["c-invited", "c-forum-year", "c-telegram", "c-date"]
    invited = claims["c-invited"]
    assert (invited.subject, invited.object, invited.object_is_mention) == (
        "m-aita",
        "m-jilin-office",
        True,
    )
    assert invited.credibility == 2
    (span,) = invited.evidence
    assert span.quote == "inviting the\nOverseas Chinese Affairs Office of Jilin Province"
    year = claims["c-forum-year"]
    assert (year.object, year.object_is_mention, year.scope) == (
        "2018",
        False,
        "trade and investment forum",
    )
    telegram = claims["c-telegram"]
    assert [s.document for s in telegram.evidence] == ["d-article", "d-telegram-zh"]
    assert telegram.evidence[1].quote == "2017年7月6日"
    date = claims["c-date"]
    assert (date.object, date.object_is_mention, date.credibility, date.scope) == (
        "2017-07-06",
        False,
        None,
        "",
    )
    for claim in small.claims:
        for ev in claim.evidence:
            doc = small.document(ev.document)
            assert doc.text[ev.start : ev.end] == ev.quote


def test_lookups_of_unknown_ids_raise_key_error(small: Corpus) -> None:
    with pytest.raises(KeyError, match="d-missing"):
        small.document("d-missing")
    with pytest.raises(KeyError, match="m-missing"):
        small.mention("m-missing")


def test_loading_twice_gives_equal_corpora_and_writes_nothing(small: Corpus) -> None:
    before = sorted((p, p.stat().st_mtime_ns) for p in SMALL.rglob("*"))
    again = load_corpus(str(SMALL))
    assert again == small
    assert hash(again) == hash(small)
    assert sorted((p, p.stat().st_mtime_ns) for p in SMALL.rglob("*")) == before


# --- writing corpora for error cases ----------------------------------------------------------

TEXT = "The consulate in Chicago wrote about Rong Lei. Rong Lei was named twice."
DOCS: list[dict[str, Any]] = [
    {"id": "d1", "title": "Telegram", "kind": "telegram", "language": "en", "date": "2017-07-06",
     "text": TEXT},
    {"id": "d2", "title": "Article", "kind": "article", "language": "en", "date": "2019",
     "text": "An article reports leaked documents about Rong Lei.",
     "derived_from": [{"document": "d1", "relation": "leaked_from", "reported": True}]},
]  # fmt: skip
MENTIONS: list[dict[str, Any]] = [
    {"id": "m1", "document": "d1", "text": "consulate in Chicago", "kind": "organization"},
    {"id": "m2", "document": "d1", "text": "Rong Lei", "kind": "person", "occurrence": 1},
]
CLAIMS: list[dict[str, Any]] = [
    {"id": "c1", "subject": "m1", "predicate": "wrote_about", "object": "m2",
     "evidence": [{"document": "d1", "quote": "wrote about Rong Lei"},
                  {"document": "d2", "quote": "leaked documents"}]},
]  # fmt: skip


def _write(path: Path, records: list[Any] | None) -> None:
    if records is None:
        return
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def _corpus(
    root: Path,
    documents: list[Any] | None = None,
    mentions: list[Any] | None = None,
    claims: list[Any] | None = None,
) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    _write(root / "documents.jsonl", DOCS if documents is None else documents)
    _write(root / "mentions.jsonl", MENTIONS if mentions is None else mentions)
    _write(root / "claims.jsonl", CLAIMS if claims is None else claims)
    return root


def test_the_base_test_corpus_loads(tmp_path: Path) -> None:
    corpus = load_corpus(_corpus(tmp_path / "c"))
    assert [m.span.start for m in corpus.mentions] == [4, 37]
    assert corpus.claims[0].object_is_mention
    assert corpus.document("d2").derived_from[0].reported


Mutation = Callable[[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]], object]


def _set(records: list[dict[str, Any]], index: int, **changes: Any) -> None:
    for key, value in changes.items():
        if value is _DELETE:
            del records[index][key]
        else:
            records[index][key] = value


_DELETE = object()

# (case id, file, mutation of (documents, mentions, claims), line, field, words in the message)
ERROR_CASES: list[tuple[str, str, Mutation, int, str | None, tuple[str, ...]]] = [
    # documents.jsonl
    ("doc-missing-id", "documents.jsonl", lambda d, m, c: _set(d, 1, id=_DELETE), 2, "id", ()),
    ("doc-empty-id", "documents.jsonl", lambda d, m, c: _set(d, 1, id=" "), 2, "id", ("empty",)),
    ("doc-id-number", "documents.jsonl", lambda d, m, c: _set(d, 0, id=7), 1, "id", ("string",)),
    ("doc-duplicate-id", "documents.jsonl", lambda d, m, c: _set(d, 1, id="d1"), 2, "id",
     ("duplicate", "'d1'", "line 1")),
    ("doc-unknown-field", "documents.jsonl", lambda d, m, c: _set(d, 0, author="x"), 1, "author",
     ("'author'", "allowed", "text_file", "derived_from")),
    ("doc-title-type", "documents.jsonl", lambda d, m, c: _set(d, 1, title=["a"]), 2, "title",
     ("string", "list")),
    ("doc-missing-date", "documents.jsonl", lambda d, m, c: _set(d, 0, date=_DELETE), 1, "date",
     ("missing",)),
    ("doc-issuer-type", "documents.jsonl", lambda d, m, c: _set(d, 0, issuer=3), 1, "issuer",
     ("string",)),
    ("doc-text-type", "documents.jsonl", lambda d, m, c: _set(d, 0, text=3), 1, "text",
     ("string",)),
    ("doc-text-and-file", "documents.jsonl", lambda d, m, c: _set(d, 1, text_file="t.txt"), 2,
     "text_file", ("exactly one",)),
    ("doc-no-text", "documents.jsonl", lambda d, m, c: _set(d, 1, text=_DELETE), 2, "text",
     ("exactly one",)),
    ("doc-reliability-letter", "documents.jsonl", lambda d, m, c: _set(d, 1, reliability="G"), 2,
     "reliability", ("A-F", "'G'")),
    ("doc-reliability-number", "documents.jsonl", lambda d, m, c: _set(d, 1, reliability=1), 2,
     "reliability", ("A-F",)),
    ("doc-derived-not-list", "documents.jsonl", lambda d, m, c: _set(d, 1, derived_from="d1"), 2,
     "derived_from", ("list",)),
    ("doc-derived-not-object", "documents.jsonl", lambda d, m, c: _set(d, 1, derived_from=["d1"]),
     2, "derived_from[0]", ("object",)),
    ("doc-derived-relation", "documents.jsonl",
     lambda d, m, c: d[1]["derived_from"][0].update(relation="retweets"), 2,
     "derived_from[0].relation", ("'retweets'", "leaked_from", "provided_by")),
    ("doc-derived-no-relation", "documents.jsonl",
     lambda d, m, c: d[1]["derived_from"][0].pop("relation"), 2, "derived_from[0].relation",
     ("missing",)),
    ("doc-derived-reported", "documents.jsonl",
     lambda d, m, c: d[1]["derived_from"][0].update(reported="yes"), 2,
     "derived_from[0].reported", ("true or false",)),
    ("doc-derived-unknown-field", "documents.jsonl",
     lambda d, m, c: d[1]["derived_from"][0].update(via="mail"), 2, "derived_from[0].via",
     ("allowed",)),
    ("doc-derived-unknown-document", "documents.jsonl",
     lambda d, m, c: d[1]["derived_from"].append({"document": "d9", "relation": "cites"}), 2,
     "derived_from[1].document", ("'d9'",)),
    ("doc-bad-json", "documents.jsonl", lambda d, m, c: d.insert(1, "{not json"), 2, None,
     ("JSON",)),
    ("doc-not-object", "documents.jsonl", lambda d, m, c: d.append("[1, 2]"), 3, None,
     ("object",)),
    # mentions.jsonl
    ("mention-unknown-document", "mentions.jsonl", lambda d, m, c: _set(m, 1, document="d9"), 2,
     "document", ("'d9'",)),
    ("mention-not-found", "mentions.jsonl", lambda d, m, c: _set(m, 0, text="consulate in Perth"),
     1, "text", ("'d1'", "'consulate in Perth'", "not found")),
    ("mention-ambiguous", "mentions.jsonl", lambda d, m, c: _set(m, 1, occurrence=_DELETE), 2,
     "occurrence", ("'d1'", "'Rong Lei'", "2 times")),
    ("mention-occurrence-too-big", "mentions.jsonl", lambda d, m, c: _set(m, 1, occurrence=3), 2,
     "occurrence", ("'d1'", "'Rong Lei'")),
    ("mention-occurrence-zero", "mentions.jsonl", lambda d, m, c: _set(m, 1, occurrence=0), 2,
     "occurrence", ("1",)),
    ("mention-occurrence-bool", "mentions.jsonl", lambda d, m, c: _set(m, 1, occurrence=True), 2,
     "occurrence", ("integer",)),
    ("mention-occurrence-string", "mentions.jsonl", lambda d, m, c: _set(m, 1, occurrence="2"),
     2, "occurrence", ("integer",)),
    ("mention-kind", "mentions.jsonl", lambda d, m, c: _set(m, 0, kind="city"), 1, "kind",
     ("'city'", "person", "organization", "place")),
    ("mention-no-kind", "mentions.jsonl", lambda d, m, c: _set(m, 0, kind=_DELETE), 1, "kind",
     ("missing",)),
    ("mention-no-text", "mentions.jsonl", lambda d, m, c: _set(m, 0, text=_DELETE), 1, "text",
     ("missing",)),
    ("mention-duplicate-id", "mentions.jsonl", lambda d, m, c: _set(m, 1, id="m1"), 2, "id",
     ("duplicate", "line 1")),
    ("mention-unknown-field", "mentions.jsonl", lambda d, m, c: _set(m, 1, name="Rong"), 2,
     "name", ("allowed", "occurrence")),
    ("mention-attributes-type", "mentions.jsonl", lambda d, m, c: _set(m, 1, attributes=[1]), 2,
     "attributes", ("object",)),
    ("mention-attribute-nested", "mentions.jsonl",
     lambda d, m, c: _set(m, 1, attributes={"org": {"id": 1}}), 2, "attributes.org", ()),
    # claims.jsonl
    ("claim-subject-unknown", "claims.jsonl", lambda d, m, c: _set(c, 0, subject="m9"), 1,
     "subject", ("'m9'",)),
    ("claim-no-predicate", "claims.jsonl", lambda d, m, c: _set(c, 0, predicate=_DELETE), 1,
     "predicate", ("missing",)),
    ("claim-object-empty", "claims.jsonl", lambda d, m, c: _set(c, 0, object=" "), 1, "object",
     ("empty",)),
    ("claim-object-bool", "claims.jsonl", lambda d, m, c: _set(c, 0, object=True), 1, "object",
     ("boolean",)),
    ("claim-object-missing", "claims.jsonl", lambda d, m, c: _set(c, 0, object=_DELETE), 1,
     "object", ("missing",)),
    ("claim-no-evidence", "claims.jsonl", lambda d, m, c: _set(c, 0, evidence=_DELETE), 1,
     "evidence", ("missing",)),
    ("claim-empty-evidence", "claims.jsonl", lambda d, m, c: _set(c, 0, evidence=[]), 1,
     "evidence", ("at least one",)),
    ("claim-evidence-not-object", "claims.jsonl", lambda d, m, c: _set(c, 0, evidence=["d1"]), 1,
     "evidence[0]", ("object",)),
    ("claim-evidence-document", "claims.jsonl",
     lambda d, m, c: c[0]["evidence"][1].update(document="d9"), 1, "evidence[1].document",
     ("'d9'",)),
    ("claim-evidence-quote", "claims.jsonl",
     lambda d, m, c: c[0]["evidence"][0].update(quote="wrote about Perth"), 1,
     "evidence[0].quote", ("'d1'", "'wrote about Perth'")),
    ("claim-evidence-ambiguous", "claims.jsonl",
     lambda d, m, c: c[0]["evidence"][0].update(quote="Rong Lei"), 1, "evidence[0].occurrence",
     ("'d1'", "'Rong Lei'")),
    ("claim-evidence-unknown-field", "claims.jsonl",
     lambda d, m, c: c[0]["evidence"][1].update(page=3), 1, "evidence[1].page", ("allowed",)),
    ("claim-credibility-high", "claims.jsonl", lambda d, m, c: _set(c, 0, credibility=7), 1,
     "credibility", ("1 to 6",)),
    ("claim-credibility-zero", "claims.jsonl", lambda d, m, c: _set(c, 0, credibility=0), 1,
     "credibility", ("1 to 6",)),
    ("claim-credibility-bool", "claims.jsonl", lambda d, m, c: _set(c, 0, credibility=True), 1,
     "credibility", ("boolean",)),
    ("claim-credibility-float", "claims.jsonl", lambda d, m, c: _set(c, 0, credibility=2.0), 1,
     "credibility", ()),
    ("claim-scope-type", "claims.jsonl", lambda d, m, c: _set(c, 0, scope=1), 1, "scope", ()),
    ("claim-duplicate-id", "claims.jsonl", lambda d, m, c: c.append(copy.deepcopy(c[0])), 2,
     "id", ("duplicate", "'c1'", "line 1")),
    ("claim-unknown-field", "claims.jsonl", lambda d, m, c: _set(c, 0, source="d1"), 1, "source",
     ("allowed", "evidence")),
]  # fmt: skip


@pytest.mark.parametrize("case", ERROR_CASES, ids=[case[0] for case in ERROR_CASES])
def test_errors_name_file_line_and_field(
    tmp_path: Path, case: tuple[str, str, Mutation, int, str | None, tuple[str, ...]]
) -> None:
    _name, file, mutate, line, field, words = case
    docs, mentions, claims = copy.deepcopy(DOCS), copy.deepcopy(MENTIONS), copy.deepcopy(CLAIMS)
    mutate(docs, mentions, claims)
    root = _corpus(tmp_path / "c", docs, mentions, claims)
    with pytest.raises(InputFormatError) as info:
        load_corpus(root)
    err = info.value
    assert (Path(err.file), err.line, err.field) == (root / file, line, field)
    for word in words:
        assert word in str(err)
    assert isinstance(err, InputError)
    assert isinstance(err, ValueError)


def test_missing_documents_file_is_named(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    _write(root / "mentions.jsonl", MENTIONS)
    with pytest.raises(InputFormatError) as info:
        load_corpus(root)
    assert Path(info.value.file) == root / "documents.jsonl"
    assert "documents.jsonl" in str(info.value)
    with pytest.raises(InputFormatError, match="not a corpus directory"):
        load_corpus(root / "nowhere")


def test_mentions_and_claims_files_are_optional(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    _write(root / "documents.jsonl", DOCS)
    corpus = load_corpus(root)
    assert (len(corpus.documents), corpus.mentions, corpus.claims) == (2, (), ())
    _write(root / "mentions.jsonl", MENTIONS)
    assert len(load_corpus(root).mentions) == 2


def test_derivations_may_name_documents_further_down(tmp_path: Path) -> None:
    docs = copy.deepcopy(DOCS)
    docs[0]["derived_from"] = [{"document": "d2", "relation": "cites"}]
    corpus = load_corpus(_corpus(tmp_path / "c", docs))
    assert corpus.graph().cycles() == [["d1", "d2", "d1"]]


def test_invalid_utf8_in_a_jsonl_file_names_the_byte(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "c")
    good = (root / "mentions.jsonl").read_bytes()
    (root / "mentions.jsonl").write_bytes(good + b'{"id": "m3\xff"}\n')
    with pytest.raises(InputFormatError) as info:
        load_corpus(root)
    assert (Path(info.value.file).name, info.value.line) == ("mentions.jsonl", 3)
    assert f"byte {len(good) + 10}" in str(info.value)


def test_bom_and_blank_lines_are_accepted(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "c")
    path = root / "documents.jsonl"
    path.write_text("\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\n\n"), "utf-8")
    bom, plain = load_corpus(root), load_corpus(_corpus(tmp_path / "plain"))
    assert (bom.documents, bom.mentions, bom.claims) == (
        plain.documents,
        plain.mentions,
        plain.claims,
    )


def test_claim_objects_mentions_literals_and_numbers(tmp_path: Path) -> None:
    claims = [
        {**CLAIMS[0], "id": "c1", "object": "m2"},
        {**CLAIMS[0], "id": "c2", "object": "Rong Lei"},
        {**CLAIMS[0], "id": "c3", "object": 2017},
        {**CLAIMS[0], "id": "c4", "object": 1.5, "credibility": 6, "scope": "2017"},
    ]
    corpus = load_corpus(_corpus(tmp_path / "c", claims=claims))
    assert [(c.object, c.object_is_mention) for c in corpus.claims] == [
        ("m2", True),
        ("Rong Lei", False),
        ("2017", False),
        ("1.5", False),
    ]
    assert (corpus.claims[3].credibility, corpus.claims[3].scope) == (6, "2017")


def test_decomposed_mention_text_matches_the_composed_layer(tmp_path: Path) -> None:
    docs = copy.deepcopy(DOCS)
    docs[0]["text"] = "Le consulat a écrit à Rong Lei."
    mentions = [{"id": "m1", "document": "d1", "text": "e\u0301crit", "kind": "person"}]
    corpus = load_corpus(_corpus(tmp_path / "c", docs, mentions, []))
    (mention,) = corpus.mentions
    assert mention.text == mention.span.quote == "écrit"
    assert mention.text == unicodedata.normalize("NFC", "e\u0301crit")


# --- text files -------------------------------------------------------------------------------


def _with_text_file(root: Path, value: str) -> Path:
    docs = copy.deepcopy(DOCS)
    del docs[0]["text"]
    docs[0]["text_file"] = value
    return _corpus(root, docs)


def _refused(root: Path, *words: str) -> InputFormatError:
    with pytest.raises(InputFormatError) as info:
        load_corpus(root)
    err = info.value
    assert (Path(err.file).name, err.line, err.field) == ("documents.jsonl", 1, "text_file")
    for word in words:
        assert word in str(err)
    return err


def test_text_file_is_read_with_its_layer(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "t.txt").write_bytes(("\ufeff" + TEXT.replace(". ", ".\r\n")).encode())
    corpus = load_corpus(_with_text_file(root, "texts/t.txt"))
    assert corpus.document("d1").text == TEXT.replace(". ", ".\n")
    assert [m.span.quote for m in corpus.mentions] == ["consulate in Chicago", "Rong Lei"]


def test_text_file_with_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "t.txt").write_bytes("芝加".encode() + b"\xc3(")
    _refused(_with_text_file(root, "t.txt"), "UTF-8", "byte 6")


def test_text_file_must_exist_and_be_a_file(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "texts").mkdir(parents=True)
    _refused(_with_text_file(root, "texts/missing.txt"), "'texts/missing.txt'")
    _refused(_with_text_file(root, "texts"), "not a file")
    _refused(_with_text_file(root, ""), "empty")


def test_text_file_with_a_name_too_long_for_the_file_system_is_refused(tmp_path: Path) -> None:
    # found by the corpus loader's fuzzer: the file system refuses the name (ENAMETOOLONG)
    # where the loader asks whether it is a file, which raised a bare OSError
    root = tmp_path / "c"
    (root / "texts").mkdir(parents=True)
    _refused(_with_text_file(root, "texts/" + "x" * 300 + ".txt"), "cannot read", "too long")


def test_text_file_outside_the_corpus_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "x.txt"
    outside.write_text(TEXT, encoding="utf-8")
    root = tmp_path / "c"
    _refused(_with_text_file(root, "../x.txt"), "outside")
    _refused(_with_text_file(root, str(outside)), "relative")
    _refused(_with_text_file(root, "texts/../../x.txt"), "outside")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_text_file_symlinks_must_stay_inside(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(TEXT, encoding="utf-8")
    root = tmp_path / "c"
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "link.txt").symlink_to(outside)
    (root / "texts" / "dir").symlink_to(tmp_path, target_is_directory=True)
    _refused(_with_text_file(root, "texts/link.txt"), "outside")
    _refused(_with_text_file(root, "texts/dir/secret.txt"), "outside")
    # A link that stays inside the corpus is fine.
    (root / "texts" / "real.txt").write_text(TEXT, encoding="utf-8")
    (root / "texts" / "inside.txt").symlink_to(root / "texts" / "real.txt")
    assert load_corpus(_with_text_file(root, "texts/inside.txt")).document("d1").text == TEXT


# --- properties -------------------------------------------------------------------------------

_ALPHABET = st.sampled_from([*"abRLei 吉林侨办芝加哥，。\n\r🙂", "e\u0301", '"', "\\"])
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=40).map("".join)


@given(text=_TEXT, data=st.data())
def test_any_unique_substring_loads_as_a_mention(text: str, data: st.DataObject) -> None:
    from sistercity_provenance.provenance import text_layer

    layer = text_layer(text)
    start = data.draw(st.integers(0, len(layer) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(layer)), label="end")
    quote = layer[start:end]
    assume(quote.strip() and layer.find(quote) == layer.rfind(quote))
    assume(text_layer(quote) == quote)  # an NFC slice of an NFC text may not be NFC
    docs = [{**DOCS[0], "text": text}]
    mentions = [{"id": "m", "document": "d1", "text": quote, "kind": "place"}]
    claims = [{**CLAIMS[0], "subject": "m", "object": "m", "evidence": [
        {"document": "d1", "quote": quote}]}]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        corpus = load_corpus(_corpus(Path(tmp), docs, mentions, claims))
    (mention,) = corpus.mentions
    assert mention == CorpusMention("m", "d1", quote, NameKind.PLACE, mention.span)
    assert (mention.span.start, mention.span.end, mention.span.quote) == (start, end, quote)
    assert corpus.claims[0].evidence == (mention.span,)
