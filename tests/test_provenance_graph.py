"""Derivation chains, independent origins and circular reporting."""

from __future__ import annotations

import graphlib
import itertools

from hypothesis import given
from hypothesis import strategies as st

from sistercity_provenance.provenance import (
    ChainStep,
    Derivation,
    DerivationGraph,
    Document,
    Relation,
)


def _doc(doc_id: str, *sources: tuple[str, str, bool]) -> Document:
    derived = tuple(Derivation(doc_id, src, rel, reported) for src, rel, reported in sources)
    return Document.from_text(doc_id, f"Text of {doc_id}.", derived_from=derived)


# The provincial office's files; a cable the article says leaked from them; the article.
FILES = _doc("files")
CABLE = _doc("cable", ("files", "leaked_from", True))
ARTICLE = _doc("article", ("cable", "quotes", False))
LEAK = DerivationGraph.of([ARTICLE, CABLE, FILES])


def test_leaked_cable_chain_goes_back_to_its_origin() -> None:
    assert LEAK.chains("article") == [
        [
            ChainStep("article", "cable", "quotes", reported=False),
            ChainStep("cable", "files", "leaked_from", reported=True),
        ]
    ]
    assert LEAK.origins("article") == frozenset({"files"})
    assert LEAK.origins("cable") == frozenset({"files"})


def test_only_the_reported_step_is_marked_reported() -> None:
    (chain,) = LEAK.chains("article")
    assert [(s.relation, s.reported) for s in chain] == [("quotes", False), ("leaked_from", True)]
    assert LEAK.sources("cable") == (Derivation("cable", "files", Relation.LEAKED_FROM, True),)


def test_an_origin_has_an_empty_chain_and_is_its_own_origin() -> None:
    assert LEAK.chains("files") == [[]]
    assert LEAK.origins("files") == frozenset({"files"})
    assert LEAK.sources("files") == ()
    assert LEAK.sources("not-in-the-graph") == ()


def test_an_article_and_one_quoting_it_are_one_origin() -> None:
    first = _doc("first")
    echo = _doc("echo", ("first", "quotes", False))
    graph = DerivationGraph.of([first, echo])
    assert graph.independent_sources(["first", "echo"]) == frozenset({"first"})


def test_two_articles_quoting_one_cable_are_one_origin() -> None:
    echo = _doc("echo", ("cable", "summarizes", False))
    graph = DerivationGraph.of([ARTICLE, CABLE, FILES, echo])
    assert graph.independent_sources(["article", "echo"]) == frozenset({"files"})


def test_two_independent_documents_are_two_origins() -> None:
    graph = DerivationGraph.of([_doc("invitation"), _doc("telegram")])
    assert graph.independent_sources(["invitation", "telegram"]) == frozenset(
        {"invitation", "telegram"}
    )
    assert len(graph.independent_sources(["invitation", "invitation"])) == 1


def test_a_document_with_two_sources_has_two_chains() -> None:
    report = _doc("report", ("article", "cites", False), ("other", "cites", True))
    graph = DerivationGraph.of([report, ARTICLE, CABLE, FILES, _doc("other")])
    assert sorted(tuple(s.source for s in c) for c in graph.chains("report")) == [
        ("article", "cable", "files"),
        ("other",),
    ]
    assert graph.origins("report") == frozenset({"files", "other"})


def test_circular_reporting_is_found_and_chains_stop() -> None:
    a = _doc("a", ("b", "cites", False))
    b = _doc("b", ("a", "cites", False))
    graph = DerivationGraph.of([a, b])
    cycles = graph.cycles()
    assert len(cycles) == 1
    assert set(cycles[0]) == {"a", "b"}
    assert cycles[0][0] == cycles[0][-1]
    assert graph.chains("a") == [
        [ChainStep("a", "b", "cites", False), ChainStep("b", "a", "cites", False)]
    ]


def test_a_cycle_with_an_exit_still_reaches_the_origin() -> None:
    a = _doc("a", ("b", "cites", False))
    b = _doc("b", ("c", "cites", False))
    c = _doc("c", ("a", "cites", False), ("files", "provided_by", True))
    graph = DerivationGraph.of([a, b, c, FILES])
    (cycle,) = graph.cycles()
    assert set(cycle) == {"a", "b", "c"}
    ends = {chain[-1].source for chain in graph.chains("a")}
    assert ends == {"a", "files"}
    assert "files" in graph.origins("a")


def test_acyclic_graph_has_no_cycles() -> None:
    assert LEAK.cycles() == []


def test_circular_reporting_is_not_independent_corroboration() -> None:
    a = _doc("a", ("b", "cites", False))
    b = _doc("b", ("a", "cites", False))
    graph = DerivationGraph.of([a, b])
    assert len(graph.independent_sources(["a", "b"])) <= 1


# --- properties over random graphs ------------------------------------------------------------

_NODES = [f"d{i}" for i in range(6)]
_EDGES = st.lists(
    st.tuples(st.sampled_from(_NODES), st.sampled_from(_NODES), st.sampled_from(list(Relation))),
    max_size=10,
    unique_by=lambda e: (e[0], e[1]),
)


def _graph(edges: list[tuple[str, str, Relation]]) -> DerivationGraph:
    docs = []
    for node in _NODES:
        derived = tuple(Derivation(node, src, rel) for doc, src, rel in edges if doc == node)
        docs.append(Document.from_text(node, node, derived_from=derived))
    return DerivationGraph.of(docs)


@given(edges=_EDGES)
def test_chains_follow_derivations_and_stop(edges: list[tuple[str, str, Relation]]) -> None:
    graph = _graph(edges)
    for start in _NODES:
        for chain in graph.chains(start):
            node = start
            visited = [start]
            for step in chain:
                assert step.document == node
                assert (node, step.source, step.relation) in {(d, s, r.value) for d, s, r in edges}
                node = step.source
                visited.append(node)
            # A chain ends at an origin, or where it would come back to a visited document.
            if graph.sources(node):
                assert node in visited[:-1]
            assert len(set(visited[:-1])) == len(visited) - 1


@given(edges=_EDGES)
def test_cycles_are_found_exactly_when_the_graph_is_cyclic(
    edges: list[tuple[str, str, Relation]],
) -> None:
    graph = _graph(edges)
    sorter = graphlib.TopologicalSorter({n: [s for d, s, _r in edges if d == n] for n in _NODES})
    try:
        sorter.prepare()
        cyclic = False
    except graphlib.CycleError:
        cyclic = True
    assert bool(graph.cycles()) == cyclic
    for cycle in graph.cycles():
        assert cycle[0] == cycle[-1]
        for doc, src in itertools.pairwise(cycle):
            assert src in {d.source for d in graph.sources(doc)}


@given(edges=_EDGES.map(lambda es: [(d, s, r) for d, s, r in es if d < s]))
def test_in_an_acyclic_graph_origins_derive_from_nothing(
    edges: list[tuple[str, str, Relation]],
) -> None:
    graph = _graph(edges)
    for start in _NODES:
        origins = graph.origins(start)
        assert origins
        assert all(graph.sources(o) == () for o in origins)
    assert graph.independent_sources(_NODES) == frozenset(n for n in _NODES if not graph.sources(n))
