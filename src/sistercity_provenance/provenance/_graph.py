"""Derivation chains: from an evidence document back to its origins, and independent roots."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from sistercity_provenance.provenance._model import Derivation, Document

__all__ = ["ChainStep", "DerivationGraph"]


@attrs.frozen
class ChainStep:
    """One step of a chain: ``document`` derives from ``source`` by ``relation``."""

    document: str
    source: str
    relation: str
    reported: bool


@attrs.frozen
class DerivationGraph:
    """The documents and their derivations, with the questions a journalist asks of them."""

    documents: Mapping[str, Document]

    @classmethod
    def of(cls, documents: Iterable[Document]) -> DerivationGraph:
        """The graph of these documents (derivations come from each ``derived_from``)."""
        return cls({d.id: d for d in documents})

    def sources(self, document: str) -> tuple[Derivation, ...]:
        """The derivations that start at ``document``."""
        found = self.documents.get(document)
        return found.derived_from if found is not None else ()

    def chains(self, document: str) -> list[list[ChainStep]]:
        """Every path from ``document`` back to an origin (a document derived from nothing).

        A path that would visit a document twice stops there (circular reporting).

        >>> from sistercity_provenance.provenance._model import Document, Derivation
        >>> cable = Document.from_text("cable", "text")
        >>> article = Document.from_text("article", "text",
        ...     derived_from=(Derivation("article", "cable", "quotes"),))
        >>> [[s.source for s in c] for c in DerivationGraph.of([cable, article]).chains("article")]
        [['cable']]
        """
        paths: list[list[ChainStep]] = []

        def walk(node: str, path: list[ChainStep], seen: frozenset[str]) -> None:
            steps = self.sources(node)
            if not steps:
                paths.append(path)
                return
            for d in steps:
                step = ChainStep(node, d.source, d.relation.value, d.reported)
                if d.source in seen:
                    paths.append([*path, step])  # a cycle: stop here
                    continue
                walk(d.source, [*path, step], seen | {d.source})

        walk(document, [], frozenset({document}))
        return paths

    def origins(self, document: str) -> frozenset[str]:
        """The documents at the end of ``document``'s chains (itself if derived from nothing).

        A chain that runs in a circle has no true origin: the circle counts as one source,
        named by its smallest document id.
        """
        ends = set()
        for path in self.chains(document):
            if not path:
                ends.add(document)
                continue
            visited = [document, *(step.source for step in path[:-1])]
            last = path[-1].source
            if last in visited:  # circular reporting
                ends.add(min(visited[visited.index(last) :]))
            else:
                ends.add(last)
        return frozenset(ends)

    def cycles(self) -> list[list[str]]:
        """Circular reporting: lists of documents that derive, through others, from themselves."""
        found: list[list[str]] = []
        seen_cycles: set[frozenset[str]] = set()

        def walk(node: str, stack: list[str]) -> None:
            for d in self.sources(node):
                if d.source in stack:
                    cycle = stack[stack.index(d.source) :]
                    key = frozenset(cycle)
                    if key not in seen_cycles:
                        seen_cycles.add(key)
                        found.append([*cycle, d.source])
                    continue
                walk(d.source, [*stack, d.source])

        for start in sorted(self.documents):
            walk(start, [start])
        return found

    def independent_groups(self, documents: Sequence[str]) -> list[frozenset[str]]:
        """The evidence documents' origins, grouped so that no two groups share an origin:
        what corroboration counts.

        A document that derives from several sources is one witness, not several: nothing
        says which of its sources supports a given statement, so all its origins form one
        group, and any other document sharing one of those origins joins that group. Two
        articles quoting one cable are one group; an article and the cable it quotes are
        one group; two articles with no origin in common are two.

        >>> from sistercity_provenance.provenance._model import Document, Derivation
        >>> cable = Document.from_text("cable", "text")
        >>> other = Document.from_text("other", "text")
        >>> article = Document.from_text("article", "text", derived_from=(
        ...     Derivation("article", "cable", "quotes"), Derivation("article", "other", "cites")))
        >>> graph = DerivationGraph.of([cable, other, article])
        >>> [sorted(g) for g in graph.independent_groups(["article", "cable"])]
        [['cable', 'other']]
        >>> len(graph.independent_groups(["cable", "other"]))
        2
        """
        groups: list[set[str]] = []
        for doc in sorted(set(documents)):
            merged = set(self.origins(doc))
            keep: list[set[str]] = []
            for group in groups:
                if group & merged:
                    merged |= group
                else:
                    keep.append(group)
            groups = [*keep, merged]
        return sorted((frozenset(g) for g in groups), key=sorted)

    def independent_sources(self, documents: Sequence[str]) -> frozenset[str]:
        """The distinct origins behind some documents: what corroboration counts.

        Two articles that both quote one cable have one origin, the cable; an article
        quoting another article has that article's origins.
        """
        roots: set[str] = set()
        for doc in documents:
            roots |= self.origins(doc)
        return frozenset(roots)
