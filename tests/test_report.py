"""``report.html``: what it shows, that corpus text is only ever text, and the network."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import write_jsonl_rows

from sistercity_provenance.cli import main
from sistercity_provenance.report import Node, build_network, layout
from sistercity_provenance.report._network import packed_layout

CORPUS = Path(__file__).parent / "corpus" / "sister_cities_small"

HOSTILE = [
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    '" onmouseover="document.title=\'pwned\'" x="',
    "' onfocus='document.title=1' '",
    "--><script>alert(1)</script><!--",
    "javascript:alert(1)",
    "</textarea></style></title><svg onload=alert(1)>",
    "'); DROP TABLE entities; --",
]


class _Elements(HTMLParser):
    """Every start tag of a page, with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def _resolve(corpus: Path, out: Path) -> str:
    result = CliRunner().invoke(main, ["--no-plugins", "resolve", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return (out / "report.html").read_text("utf-8")


def _hostile_corpus(root: Path) -> Path:
    root.mkdir()
    text = " | ".join(f"Person{i} {payload}" for i, payload in enumerate(HOSTILE))
    text += " | Rong Lei met Rong Lei."
    write_jsonl_rows(
        root / "documents.jsonl",
        [
            {
                "id": "d<1>",
                "title": HOSTILE[0],
                "kind": HOSTILE[1],
                "language": "en",
                "date": HOSTILE[2],
                "issuer": HOSTILE[5],
                "text": text,
            },
            {
                "id": "d2",
                "title": HOSTILE[4],
                "kind": "article",
                "language": "en",
                "date": "2020",
                "text": "A copy. " + HOSTILE[6],
                "derived_from": [{"document": "d<1>", "relation": "quotes"}],
            },
        ],
    )
    mentions = [
        {"id": f"m{i}\"'<x>", "document": "d<1>", "text": payload, "kind": "person"}
        for i, payload in enumerate(HOSTILE)
    ]
    mentions.append(
        {"id": "rong", "document": "d<1>", "text": "Rong Lei", "kind": "person", "occurrence": 2}
    )
    write_jsonl_rows(root / "mentions.jsonl", mentions)
    write_jsonl_rows(
        root / "claims.jsonl",
        [
            {
                "id": HOSTILE[3],
                "subject": "m0\"'<x>",
                "predicate": HOSTILE[1],
                "object": "rong",
                "evidence": [{"document": "d<1>", "quote": HOSTILE[2]}],
                "scope": HOSTILE[6],
            },
            {
                "id": "c2",
                "subject": "rong",
                "predicate": "said",
                "object": HOSTILE[5],
                "evidence": [{"document": "d2", "quote": HOSTILE[6]}],
            },
        ],
    )
    return root


def test_report_shows_entities_claims_and_chains(tmp_path: Path) -> None:
    html = _resolve(CORPUS, tmp_path / "out")
    page = _elements(html)
    text = "".join(page.text)
    names = ("Rong Lei", "河南省人民政府侨务办公室", "Australian International Trade Association")
    assert all(name in text for name in names)
    # Every claim is on the page with its grade, and the chain of the telegram claim names
    # the translation it passes through, marked as reported.
    for claim in ("c-invited", "c-forum-year", "c-telegram", "c-date"):
        assert claim in text
    assert "Telegram from the consulate in Chicago (translation)" in text
    assert "reported, not observed" in text
    assert "C3" in text and "B2" in text
    # The quoted words are marked in their context.
    marks = re.findall(r"<mark><bdi>(.*?)</bdi></mark>", html, flags=re.S)
    assert "wrote to the Henan provincial overseas Chinese affairs office about Rong Lei" in marks
    # Anchors all resolve inside the page.
    ids = {a["id"] for _, a in page.tags if a.get("id")}
    hrefs = {a["href"] for _, a in page.tags if (a.get("href") or "").startswith("#")}
    assert {h[1:] for h in hrefs} <= ids
    assert any(tag == "svg" for tag, _ in page.tags)


def test_report_is_self_contained(tmp_path: Path) -> None:
    page = _elements(_resolve(CORPUS, tmp_path / "out"))
    for tag, attributes in page.tags:
        assert tag not in {"script", "iframe", "object", "embed", "link", "base", "form"}
        for name in ("src", "href", "action", "xlink:href"):
            value = attributes.get(name)
            if value is not None and name != "xmlns":
                assert value.startswith("#"), (tag, name, value)
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    html = _resolve(_hostile_corpus(tmp_path / "corpus"), tmp_path / "out")
    page = _elements(html)
    for tag, attributes in page.tags:
        assert tag not in {"script", "img", "iframe", "textarea"}, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name)
    assert [t for t, _ in page.tags if t == "svg"] == ["svg"]  # only the network picture
    text = "".join(page.text)
    for payload in HOSTILE:
        assert payload in text  # shown, as the words it is
    assert "<!--" not in html  # a comment could be closed by a payload: there are none


def test_report_is_the_same_on_a_second_run(tmp_path: Path) -> None:
    first = _resolve(CORPUS, tmp_path / "a")
    second = _resolve(CORPUS, tmp_path / "a")
    assert first == second


def test_network_keeps_the_best_linked_and_counts_the_rest() -> None:
    nodes = {f"n{i}": Node(f"n{i}", f"N {i}", "person", f"#e{i}") for i in range(10)}
    links = [("n0", f"n{i}", "knows", f"c{i}") for i in range(1, 10)]
    links += [("n1", "n2", "sister_city_of", "c99"), ("n1", "missing", "x", "c0")]
    net = build_network(nodes, links, max_nodes=4)
    assert len(net.nodes) == 4 and net.left_out == 6
    kept = {n.id for n in net.nodes}
    assert {"n0", "n1", "n2"} <= kept
    styles = {(e.a, e.b): e.style for e in net.edges}
    assert styles[("n1", "n2")] == "sister"
    assert all(e.a in kept and e.b in kept for e in net.edges)


def test_links_between_the_same_pair_are_one_edge() -> None:
    nodes = {n: Node(n, n, "place", f"#{n}") for n in ("a", "b")}
    net = build_network(nodes, [("a", "b", "p", "c1"), ("b", "a", "q", "c2")])
    assert len(net.edges) == 1
    assert net.edges[0].claims == ("c1", "c2") and net.edges[0].predicates == ("p", "q")


def test_layout_is_deterministic() -> None:
    edges = [(0, 1), (1, 2), (2, 0), (3, 4)]
    assert (layout(5, edges) == layout(5, edges)).all()


_graphs = st.integers(min_value=0, max_value=25).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))),
            max_size=40,
        )
        if n
        else st.just([]),
    )
)


@given(_graphs)
def test_packed_layout_stays_in_the_box(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    edges = [(a, b) for a, b in edges if a != b]
    positions = packed_layout(n, edges, 700.0)
    assert len(positions) == n
    for x, y in positions:
        assert math.isfinite(x) and math.isfinite(y)
        assert -1e-6 <= x <= 700.0 + 1e-6 and y >= -1e-6
    if n > 1:  # nodes keep apart: no two drawn on one spot
        gaps = [math.dist(p, q) for i, p in enumerate(positions) for q in positions[i + 1 :]]
        assert min(gaps) > 1.0


@pytest.mark.parametrize("n", [1, 2, 40])
def test_layout_spreads_nodes_apart(n: int) -> None:
    pos = layout(n, [(i, i + 1) for i in range(n - 1)])
    if n == 1:
        assert pos.tolist() == [[0.5, 0.5]]  # a lone node sits in the middle
        return
    gaps = [math.dist(pos[i], pos[j]) for i in range(n) for j in range(i + 1, n)]
    assert min(gaps) > 0.01


def test_a_line_for_several_claims_leads_to_a_page_of_all_of_them(tmp_path: Path) -> None:
    example = Path(__file__).parents[1] / "examples" / "sister-cities"
    html = _resolve(example, tmp_path / "out")
    pages = re.findall(r'<section class="page link" id="(l\d+)">(.*?)</section>', html, re.S)
    assert pages
    toledo = [body for _, body in pages if "Toledo" in body and "Hengyang" in body]
    assert toledo, "the Toledo-Hengyang line has three claims behind it"
    for claim in ("c-toledo-request", "c-toledo-screenshot", "c-toledo-article"):
        assert claim in toledo[0]
    anchors = {anchor for anchor, _ in pages}
    svg_links = set(re.findall(r'<a href="#(l\d+)" class="edge', html))
    assert svg_links == anchors


def test_document_pages_mark_their_mentions_and_say_where_a_grade_comes_from(
    tmp_path: Path,
) -> None:
    example = Path(__file__).parents[1] / "examples" / "sister-cities"
    html = _resolve(example, tmp_path / "out")
    pages = dict(
        re.findall(r'<section class="page document" id="(d\d+)">(.*?)</section>', html, re.S)
    )
    telegram = next(body for body in pages.values() if "Document <bdi>d-telegram-en</bdi>" in body)
    assert "takes that source&#x27;s grade: B" in telegram
    marked = re.findall(r'<a href="#(e\d+)"><mark title="mention ([^"]+)">', telegram)
    assert len(marked) >= 5
    ids = set(re.findall(r'<section class="page entity" id="(e\d+)">', html))
    assert {anchor for anchor, _ in marked} <= ids
    article = next(body for body in pages.values() if "Document <bdi>d-article</bdi>" in body)
    assert "C (fairly reliable)" in article


def test_names_of_a_large_entity_are_compared_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sistercity_provenance.names import NameKind, compare
    from sistercity_provenance.report import ReportLimits, _html, render_report
    from sistercity_provenance.resolve import Entity, Resolution

    calls = 0

    def counting(a: str, b: str, kind: str) -> object:
        nonlocal calls
        calls += 1
        return compare(a, b, kind)

    monkeypatch.setattr(_html, "compare", counting)
    # No other name matches the entity's name, so each is compared with the other names
    # too (79 * 78 comparisons without the limit).
    aliases = ("Rong Lei", *(f"Zhang Wei{i:03d}x" for i in range(79)))
    entity = Entity("E1", NameKind.PERSON, aliases[0], aliases, ())
    resolution = Resolution((entity,), {}, (), {})
    html = render_report([], [], resolution, [], limits=ReportLimits(names_compared=5))
    assert all(alias in html for alias in aliases)  # every name is still listed
    others = len(aliases) - 1
    assert others < calls <= others * (1 + 5)  # other names compared, at most 5 each
