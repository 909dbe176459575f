"""Hypothesis strategies for names in several scripts and romanizations.

Every example here is written for the tests (common surnames, common given-name characters
and well-known public figures); none is taken from a benchmark or evaluation file.
"""

from __future__ import annotations

from hypothesis import strategies as st

from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._readings import to_traditional

SURNAMES_HAN = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "曾", "欧阳", "司马"]
GIVEN_HAN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华志东泽荣")
PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "wu", "zeng"]
GIVEN_PINYIN = ["wei", "fang", "na", "min", "jing", "qiang", "lei", "jun", "yang", "zhiwei"]
WADE_GILES = ["Mao Tse-tung", "Teng Hsiao-p'ing", "Chou En-lai", "Chiang Kai-shek"]

#: Pinyin syllables as (plain, tone-marked, tone-numbered) spellings.
TONED_SURNAMES = [
    ("Wang", "Wáng", "Wang2"),
    ("Li", "Lǐ", "Li3"),
    ("Zhang", "Zhāng", "Zhang1"),
    ("Liu", "Liú", "Liu2"),
    ("Chen", "Chén", "Chen2"),
    ("Lü", "Lǚ", "Lv3"),
    ("Zhou", "Zhōu", "Zhou1"),
    ("Mao", "Máo", "Mao2"),
]
TONED_GIVEN = [
    ("Wei", "Wěi", "Wei3"),
    ("Fang", "Fāng", "Fang1"),
    ("Min", "Mǐn", "Min3"),
    ("Qiang", "Qiáng", "Qiang2"),
    ("Lei", "Lěi", "Lei3"),
    ("Ming", "Míng", "Ming2"),
    ("Hua", "Huá", "Hua2"),
]

#: Wade-Giles surnames and hyphenated given names, with and without aspiration apostrophes.
WG_SURNAMES = ["Mao", "Chou", "Teng", "Chiang", "Ch'en", "Chang", "Hsü", "Wang", "Li", "Liu"]
WG_GIVEN = [
    "Tse-tung",
    "En-lai",
    "Hsiao-p'ing",
    "Hsiao-ping",
    "Kai-shek",
    "Chih-wei",
    "Kuo-feng",
    "Ch'ing-ling",
]

#: Hong Kong government (Cantonese) surnames and given names.
CANTONESE_SURNAMES = ["Chan", "Wong", "Leung", "Tsang", "Lam", "Cheung", "Ho", "Ng", "Lee", "Lau"]
CANTONESE_GIVEN = ["Yam-kuen", "Chun-ying", "Ka-chiu", "Tak-wah", "Siu-ming", "Kwok-keung"]
WESTERN_GIVEN = ["Carrie", "John", "Donald", "Regina", "Anson", "Martin"]

PLACES = [
    "Peking",
    "北京",
    "Beijing",
    "Tientsin",
    "天津",
    "Amoy",
    "厦门",
    "Chungking",
    "重庆",
    "Soochow",
    "苏州",
    "Xi'an",
    "西安",
    "Jilin Province",
    "吉林省",
    "Toledo",
    "悉尼",
]
ORGANIZATIONS = [
    "OCAO",
    "Overseas Chinese Affairs Office",
    "国侨办",
    "国务院侨务办公室",
    "中国银行",
    "中國銀行",
    "Bank of China",
    "Siemens AG",
    "Siemens Aktiengesellschaft",
]

han_names = st.builds(
    lambda s, g: s + "".join(g),
    st.sampled_from(SURNAMES_HAN),
    st.lists(st.sampled_from(GIVEN_HAN), min_size=1, max_size=2),
)
traditional_names = han_names.map(to_traditional)

pinyin_names = st.builds(
    lambda s, g: f"{s.title()} {g.title()}",
    st.sampled_from(PINYIN),
    st.sampled_from(GIVEN_PINYIN),
)


@st.composite
def toned_pinyin_names(draw: st.DrawFn) -> str:
    """Pinyin with tone marks or tone numbers, given name spaced, joined or hyphenated."""
    style = draw(st.sampled_from([1, 2]))  # 1: tone marks, 2: tone numbers
    surname = draw(st.sampled_from(TONED_SURNAMES))[style]
    given = [g[style] for g in draw(st.lists(st.sampled_from(TONED_GIVEN), min_size=1, max_size=2))]
    joiner = draw(st.sampled_from(["", "-", " "]))
    rest = given[0] + "".join(joiner + g.lower() if joiner != " " else " " + g for g in given[1:])
    return f"{surname} {rest}"


wade_giles_names = st.builds(
    lambda s, g: f"{s} {g}", st.sampled_from(WG_SURNAMES), st.sampled_from(WG_GIVEN)
) | st.sampled_from(WADE_GILES)

cantonese_names = st.builds(
    lambda w, s, g: f"{w}{s} {g}",
    st.sampled_from(["", *(f"{w} " for w in WESTERN_GIVEN)]),
    st.sampled_from(CANTONESE_SURNAMES),
    st.sampled_from(CANTONESE_GIVEN),
)

romanized_names = st.one_of(
    pinyin_names,
    st.sampled_from(WADE_GILES),
    toned_pinyin_names(),
    wade_giles_names,
    cantonese_names,
)


def _table_spellings() -> tuple[list[str], list[str]]:
    """The package's own spellings: every dialect spelling of a surname (compound ones
    such as Owyong in one word), and the syllables of the Hong Kong and Mandarin tables."""
    surnames = sorted(rd.surname_dialect_index())
    syllables = {*rd.system_map("pinyin"), *rd.system_map("wade-giles")}
    syllables.update(rd.system_map("cantonese"))
    return surnames, sorted(s for s in syllables if s.isascii() and s.isalpha())


_SURNAME_SPELLINGS, _SYLLABLES = _table_spellings()
_HONG_KONG = sorted(s for s in rd.system_map("cantonese") if s.isascii() and s.isalpha())


@st.composite
def table_names(draw: st.DrawFn) -> str:
    """A romanized name from the tables: a surname spelling, then a given name of one or
    two syllables hyphenated, joined or spaced, in either order."""
    surname = draw(st.sampled_from(_SURNAME_SPELLINGS)).title()
    given = draw(st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=2))
    joiner = draw(st.sampled_from(["-", "", " "]))
    rest = joiner.join(given).title() if joiner == " " else joiner.join(given).capitalize()
    return draw(st.sampled_from([f"{surname} {rest}", f"{rest} {surname}"]))


@st.composite
def dialect_and_mandarin_names(draw: st.DrawFn) -> tuple[str, str]:
    """A name with a dialect spelling of a surname and a hyphenated given name of table
    syllables (Owyong Wai-man), and a pinyin name with that surname's usual reading and
    given name that mostly reads characters the first one's syllables write (Ouyang
    Weimin): the pairs the dialect bridges see."""
    spelling = draw(st.sampled_from(_SURNAME_SPELLINGS))
    chars = draw(st.sampled_from(sorted(rd.surname_dialect_index()[spelling])))
    mandarin = "".join(rd.char_mandarin(c)[0][0] for c in chars if rd.char_mandarin(c))
    given = draw(st.lists(st.sampled_from(_HONG_KONG), min_size=1, max_size=2))
    other = []
    for syllable in given:  # mostly the Mandarin of a character the syllable writes
        written = sorted(c for c in rd.cantonese_chars(syllable) if rd.char_mandarin(c))
        if written and draw(st.booleans()):
            other.append(rd.char_mandarin(draw(st.sampled_from(written)))[0][0])
        else:
            other.append(draw(st.sampled_from(_SYLLABLES)))
    heard = f"{spelling.title()} {'-'.join(given).capitalize()}"
    return heard, f"{(mandarin or spelling).title()} {''.join(other).capitalize()}"


chinese_names = st.one_of(han_names, traditional_names)
any_name = st.one_of(chinese_names, romanized_names, table_names())
kinds = st.sampled_from(["person", "organization", "place"])

#: (name, kind) pairs that make sense together.
named_things = st.one_of(
    st.tuples(any_name, st.just("person")),
    st.tuples(st.sampled_from(PLACES), st.just("place")),
    st.tuples(st.sampled_from(ORGANIZATIONS), st.just("organization")),
)


@st.composite
def han_name_parts(draw: st.DrawFn) -> tuple[str, str]:
    """A Han person name as (surname, given name), simplified."""
    surname = draw(st.sampled_from(SURNAMES_HAN))
    given = "".join(draw(st.lists(st.sampled_from(GIVEN_HAN), min_size=1, max_size=2)))
    return surname, given


@st.composite
def romanized_name_parts(draw: st.DrawFn) -> tuple[str, str]:
    """A romanized Chinese person name as (surname, given name), in one system."""
    system = draw(st.sampled_from(["pinyin", "wade-giles", "cantonese"]))
    if system == "pinyin":
        return draw(st.sampled_from(PINYIN)).title(), draw(st.sampled_from(GIVEN_PINYIN)).title()
    if system == "wade-giles":
        return draw(st.sampled_from(WG_SURNAMES)), draw(st.sampled_from(WG_GIVEN))
    return draw(st.sampled_from(CANTONESE_SURNAMES)), draw(st.sampled_from(CANTONESE_GIVEN))


# --- mentions for the resolution stage ---------------------------------------------------

#: Mentions of one man, Mao Zedong, in several scripts and romanizations.
MAO_NAMES = ["毛泽东", "毛澤東", "Mao Tse-tung", "Mao Zedong", "Zedong Mao", "MAO Zedong"]
BIRTH_YEARS = [701, 1893, 1898, 1968]
ROLES = ["poet", "pilot", "chairman", "premier", "hurdler", "banker"]
COUNTRIES = ["CN", "HK", "TW", "US", "GB"]
DOCUMENTS = ["", "doc-1", "doc-2", "doc-3"]

#: Short, distinct mention ids (their order is not the order of generation).
mention_ids = st.text(alphabet="abcmxz0123456789", min_size=1, max_size=4)


@st.composite
def mention_attributes(draw: st.DrawFn) -> dict[str, object]:
    """Context attributes of a mention: each present or not, from small pools."""
    pools: dict[str, list[object]] = {
        "birth_year": list(BIRTH_YEARS),
        "gender": ["M", "F"],
        "country": list(COUNTRIES),
        "role": list(ROLES),
        "org": list(ORGANIZATIONS[:4]),
        "place": list(PLACES[:6]),
    }
    chosen = draw(st.sets(st.sampled_from(sorted(pools)), max_size=3))
    return {key: draw(st.sampled_from(pools[key])) for key in sorted(chosen)}


@st.composite
def mention_rows(
    draw: st.DrawFn,
    names: st.SearchStrategy[tuple[str, str]] = named_things,
    *,
    min_size: int = 1,
    max_size: int = 12,
) -> list[tuple[str, str, str, str, dict[str, object]]]:
    """Rows (id, name, kind, document, attributes) with unique ids, as plain data.

    Plain tuples rather than ``Mention`` objects, so the strategy does not import the
    resolver; build mentions with ``Mention(*row)``.
    """
    ids = draw(st.lists(mention_ids, min_size=min_size, max_size=max_size, unique=True))
    rows = []
    for mid in ids:
        name, kind = draw(names)
        document = draw(st.sampled_from(DOCUMENTS))
        rows.append((mid, name, kind, document, draw(mention_attributes())))
    return rows


#: (name, "person") for mentions of Mao only, with or without a birth year.
mao_names = st.tuples(st.sampled_from(MAO_NAMES), st.just("person"))

#: A labelling of a few items: item id → cluster label.
partitions = st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=2),
    st.sampled_from(["P", "Q", "R", "S"]),
    min_size=1,
    max_size=12,
)


# --- corpus files, for fuzzing the corpus loader, the name engine and the exports ----------

#: Names that have broken other programs: markup, SQL, bidirectional overrides, stacked
#: combining marks, emoji sequences, invisible and line-separating characters, template and
#: format strings, paths. Each holds a letter, so the name engine can read it.
HOSTILE_NAMES = [
    "<script>alert('x')</script>",
    "'); DROP TABLE entities; --",
    "Robert'); DROP TABLE mentions;--",
    "Rong \u202eieL",  # right-to-left override
    "\u202bمحمد\u202c Wang",  # right-to-left embedding, Arabic
    "Zhou\u0301\u0302\u0303\u0304 Min",  # stacked combining marks
    "Z\u0338\u0322\u0349a\u0335l\u0337g\u0336o\u0334",  # "zalgo"
    "\U0001f469\u200d\U0001f469\u200d\U0001f467 王伟 \U0001f1e8\U0001f1f3",  # ZWJ, flag
    "王\u200b伟",  # zero-width space
    "Lei\u2028Rong",  # line separator (str.splitlines splits there)
    "Rong\x85Lei",  # next line (NEL)
    "{{7*7}} ${jndi:ldap://x} %s%n",
    "../../etc/passwd",
    "C:\\Windows\\System32",
    '"Forest" Rong Lei',
    "ＲＯＮＧ\u3000Ｌｅｉ",  # fullwidth letters and space
    "\u01c5emal \u01c4",  # titlecase and uppercase digraphs
    "İstanbul ß ﬁ",  # case mappings that change length
    "null",
    "NaN",
]
#: Lone surrogates: a JSON file can carry them as escapes ("\\ud800"), though they are
#: not text. The loader refuses them (InputFormatError); the name engine ignores them.
LONE_SURROGATES = ["\ud800", "\udfff\ud800", "Rong \udc00 Lei"]
#: Strings that are not names at all (no letter), or not even well-formed text: empty,
#: blank, NUL, byte-order mark, escape sequences, a bare combining mark.
HOSTILE_STRINGS = [
    *HOSTILE_NAMES,
    "",
    " ",
    "\t\n",
    "\x00",
    "\ufeff",
    "\u200b",
    "--",
    "\x1b[31m",
    "\r\n",
    "\u0301",
    *LONE_SURROGATES,
]

hostile_names = st.one_of(
    st.sampled_from(HOSTILE_NAMES),
    any_name,
    st.builds(lambda a, b: f"{a} {b}", st.sampled_from(HOSTILE_NAMES), any_name),
)
hostile_strings = st.one_of(st.sampled_from(HOSTILE_STRINGS), hostile_names, st.text(max_size=16))

#: Any JSON value (NaN and infinities included, as Python's json writes and reads them).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_strings,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(hostile_strings, children, max_size=3)
    ),
    max_leaves=8,
)

#: Lines no JSON Lines reader should choke on: invalid UTF-8, NUL, a BOM in the middle,
#: UTF-8-encoded surrogates, overlong encodings, deep nesting, huge numbers, two objects on
#: a line, a lone CR, a line separator, arbitrary bytes.
bad_lines = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(
        [
            b"\xff\xfe{\x00}\x00",
            b"\x00",
            b"\xef\xbb\xbf{}",
            b'{"id": "\xed\xa0\x80"}',
            b"\xc0\xaf",
            b"[" * 5000,
            b'{"a": ' * 3000,
            b'{"id": 1e999999}',
            b'{"id": ' + b"9" * 5000 + b"}",
            b"{",
            b'{"a": 1}{"b": 2}',
            b"\x1a",
            b'"just a string"',
            b"\r",
            b"\xe2\x80\xa8",
            b"{}",
            b"[]",
            b'{"id": null}',
        ]
    ),
)

#: Paths a document's ``text_file`` must not be allowed to reach, or that are not files.
BAD_TEXT_FILES = [
    "../../etc/passwd",
    "/etc/passwd",
    "texts",
    "texts/\x00x",
    "C:\\x.txt",
    "\\\\server\\share",
    "",
    "texts/missing.txt",
    "texts/../texts/../../x",
    "texts/invalid.txt",
]

_RECORD_IDS = st.one_of(
    st.text(alphabet="abcxyz019-_.", min_size=1, max_size=6),
    st.sampled_from(HOSTILE_NAMES),
)

#: A corpus as (file name, rows) and (path, bytes) of the text files its documents name.
CorpusRows = tuple[dict[str, list[dict[str, object]]], dict[str, bytes]]


def _occurrences(text: str, quote: str) -> int:
    count, start = 0, text.find(quote)
    while start >= 0 and quote:
        count += 1
        start = text.find(quote, start + 1)
    return count


@st.composite
def corpus_rows(
    draw: st.DrawFn, names: st.SearchStrategy[str] = hostile_names, max_documents: int = 3
) -> CorpusRows:
    """The rows of a corpus that loads: documents whose texts hold the mentions' names,
    mentions anchored in them, claims quoting them; ids and strings may be hostile."""
    from sistercity_provenance.provenance import text_layer

    doc_ids = draw(st.lists(_RECORD_IDS, min_size=1, max_size=max_documents, unique=True))
    prefix = draw(st.sampled_from(["m", "<m>", "'); --", "\u202em", "提及"]))
    documents: list[dict[str, object]] = []
    mentions: list[dict[str, object]] = []
    claims: list[dict[str, object]] = []
    texts: dict[str, bytes] = {}
    for i, doc_id in enumerate(doc_ids):
        found = draw(st.lists(st.tuples(names, kinds), min_size=1, max_size=3))
        sep = draw(st.sampled_from([" ", "\n", "\r\n", "; ", " \u2014 ", "\u3002"]))
        items = [f"Item {j}: {name}." for j, (name, _kind) in enumerate(found)]
        text = sep.join(items)
        document: dict[str, object] = {
            "id": doc_id,
            "title": draw(hostile_strings),
            "kind": draw(st.sampled_from(["report", "letter", ""])),
            "language": draw(st.sampled_from(["en", "zh", ""])),
            "date": draw(st.sampled_from(["2020", "2017-07-06", ""])),
        }
        if draw(st.booleans()):
            document["text"] = text
        else:  # the text in a file, maybe with a byte-order mark and CRLF line ends
            path = f"texts/doc{i}.txt"
            bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
            texts[path] = bom + text.encode("utf-8", "surrogatepass")
            document["text_file"] = path
        if draw(st.booleans()):
            document["issuer"] = draw(hostile_strings)
        if draw(st.booleans()):
            document["reliability"] = draw(st.sampled_from(["A", "b", " C ", "F"]))
        if i and draw(st.booleans()):
            relation = draw(st.sampled_from(["quotes", "translates", "cites", "leaked_from"]))
            document["derived_from"] = [{"document": doc_ids[i - 1], "relation": relation}]
        documents.append(document)
        layer = text_layer(text)
        for j, (name, kind) in enumerate(found):
            mention: dict[str, object] = {
                "id": f"{prefix}{i}.{j}",
                "document": doc_id,
                "text": name,
                "kind": kind,
            }
            count = _occurrences(layer, text_layer(name))
            if count > 1:
                mention["occurrence"] = draw(st.integers(1, count))
            if draw(st.booleans()):
                mention["attributes"] = {
                    "country": draw(hostile_strings),
                    "birth_year": draw(st.integers(1800, 2020)),
                    "aliases": draw(st.lists(hostile_strings, max_size=2)),
                }
            mentions.append(mention)
        if draw(st.booleans()):
            literal = draw(st.one_of(hostile_names, st.integers(), st.floats(allow_nan=False)))
            target = f"{prefix}{i}.{len(found) - 1}"
            claims.append(
                {
                    "id": f"c{i}-{doc_id}",
                    "subject": f"{prefix}{i}.0",
                    "predicate": draw(hostile_names),
                    "object": draw(st.sampled_from([target, literal])),
                    "evidence": [{"document": doc_id, "quote": items[-1]}],
                    "credibility": draw(st.none() | st.integers(1, 6)),
                    "scope": draw(st.sampled_from(["", "2017", "\u202escope"])),
                }
            )
    rows = {"documents.jsonl": documents, "mentions.jsonl": mentions, "claims.jsonl": claims}
    return rows, texts


@st.composite
def _nearly_valid(draw: st.DrawFn, row: dict[str, object]) -> dict[str, object]:
    """``row`` with one thing wrong: a field gone, of another type, or unknown; or the same
    inside a nested object (evidence, derivations, attributes)."""
    row = dict(row)
    key = draw(st.sampled_from(sorted(row)))
    nested = row[key]
    if isinstance(nested, list) and nested and isinstance(nested[0], dict) and draw(st.booleans()):
        row[key] = [draw(_nearly_valid(nested[0])), *nested[1:]]
        return row
    what = draw(st.sampled_from(["drop", "retype", "unknown"]))
    if what == "drop":
        del row[key]
    elif what == "retype":
        row[key] = draw(json_values)
    else:
        row[draw(hostile_strings)] = draw(json_values)
    return row


@st.composite
def corpus_files(draw: st.DrawFn, *, broken: bool = True) -> dict[str, bytes]:
    """The files of a corpus directory, as relative path and bytes.

    With ``broken``, rows may be nearly valid (see :func:`_nearly_valid`), arbitrary JSON
    values or bad lines (:data:`bad_lines`), extra bad lines may be inserted, and a
    document may name a text file it must not reach. Either way the JSON may be written
    with ASCII escapes (so lone surrogates come through as ``"\\ud800"``) or as UTF-8
    (lone surrogates then become invalid UTF-8), lines may end in LF or CRLF, and a file
    may start with a byte-order mark.
    """
    import json

    rows, files = draw(corpus_rows())
    if broken and draw(st.booleans()):
        files["texts/invalid.txt"] = draw(st.sampled_from([b"\xff\xfe", b"ok\xc3", b"\x00"]))
    for name, file_rows in rows.items():
        if name != "documents.jsonl" and not file_rows and draw(st.booleans()):
            continue  # mentions.jsonl and claims.jsonl are optional
        ascii_only = draw(st.booleans())
        lines: list[bytes] = []
        for row in file_rows:
            how = draw(st.sampled_from(["valid"] * 5 + ["nearly", "json", "bytes", "path"]))
            value: object = row
            if not broken or how == "valid":
                pass
            elif how == "nearly":
                value = draw(_nearly_valid(row))
            elif how == "json":
                value = draw(json_values)
            elif how == "path" and "text_file" in row:
                value = {**row, "text_file": draw(st.sampled_from(BAD_TEXT_FILES))}
            elif how == "bytes":
                lines.append(draw(bad_lines))
                continue
            text = json.dumps(value, ensure_ascii=ascii_only)
            lines.append(text.encode("utf-8", "surrogatepass"))
        if broken:
            for line in draw(st.lists(bad_lines | st.just(b""), max_size=2)):
                lines.insert(draw(st.integers(0, len(lines))), line)
        newline = draw(st.sampled_from([b"\n", b"\r\n"]))
        data = newline.join(lines) + draw(st.sampled_from([newline, b""]))
        files[name] = draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + data
    return files
