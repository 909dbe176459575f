"""The network picture: entities linked by claims, laid out and drawn as inline SVG."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Final

import attrs
import numpy as np

__all__ = ["Edge", "Network", "Node", "layout", "network_svg"]

#: Predicates drawn as sister-city pairs and as brokering, whatever else the corpus uses.
SISTER_WORDS: Final = ("sister", "twin", "friendship_city", "partner_city")
BROKER_WORDS: Final = ("broker", "intermediar", "facilitat", "arrang", "introduc")


@attrs.frozen
class Node:
    """An entity in the picture."""

    id: str
    label: str
    kind: str  # person, organization or place
    href: str


@attrs.frozen
class Edge:
    """The claims between two entities, drawn as one line."""

    a: str
    b: str
    predicates: tuple[str, ...]
    claims: tuple[str, ...]  # the ids of the claims behind the line
    href: str = ""  # where the line leads (set by the report)

    @property
    def style(self) -> str:
        """``sister``, ``broker`` or ``other``: how the line is drawn."""
        words = " ".join(self.predicates).lower()
        if any(w in words for w in SISTER_WORDS):
            return "sister"
        if any(w in words for w in BROKER_WORDS):
            return "broker"
        return "other"


@attrs.frozen
class Network:
    """Nodes and edges, and how many were left out of the picture."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    left_out: int = 0


def build_network(
    nodes: Mapping[str, Node],
    links: Sequence[tuple[str, str, str, str]],
    max_nodes: int = 150,
) -> Network:
    """The picture of ``links`` (subject, object, predicate, claim id) between ``nodes``.

    Only entities that take part in a link are drawn; past ``max_nodes`` the best-linked are
    kept and the number left out is recorded (the report says so).
    """
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    degree: dict[str, int] = defaultdict(int)
    for a, b, predicate, claim in links:
        if a == b or a not in nodes or b not in nodes:
            continue
        key = (a, b) if a <= b else (b, a)
        grouped[key].append((predicate, claim))
        degree[a] += 1
        degree[b] += 1
    ranked = sorted(degree, key=lambda n: (-degree[n], n))
    kept = set(ranked[:max_nodes])
    edges = tuple(
        Edge(a, b, tuple(sorted({p for p, _ in items})), tuple(c for _, c in items))
        for (a, b), items in sorted(grouped.items())
        if a in kept and b in kept
    )
    return Network(
        tuple(nodes[n] for n in sorted(kept)), edges, left_out=max(0, len(ranked) - max_nodes)
    )


def layout(
    n: int, edges: Sequence[tuple[int, int]], iterations: int = 300
) -> np.ndarray[tuple[int, int], np.dtype[np.float64]]:
    """Positions in the unit square for ``n`` nodes: a force-directed (Fruchterman-Reingold)
    layout started from a circle, so the same network always gets the same picture.

    >>> pos = layout(3, [(0, 1), (1, 2)])
    >>> pos.shape, bool(((pos >= 0) & (pos <= 1)).all())
    ((3, 2), True)
    """
    if n == 0:
        return np.zeros((0, 2))
    angles = np.arange(n) * (2 * math.pi / n)
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) * 0.5
    if n == 1:
        return np.full((1, 2), 0.5)
    k = math.sqrt(1.0 / n)
    src = np.asarray([a for a, _ in edges], dtype=np.int64)
    dst = np.asarray([b for _, b in edges], dtype=np.int64)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=2)
        np.fill_diagonal(dist, 1.0)
        dist = np.maximum(dist, 1e-3)
        force = (k * k / dist**2)[:, :, None] * delta  # repulsion, along the unit vector / dist
        np.einsum("iij->ij", force)[:] = 0.0
        disp = force.sum(axis=1)
        if len(src):
            d = pos[src] - pos[dst]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = (length / k)[:, None] * d
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= pos * 0.05 * n**0.5  # gentle gravity keeps parts together
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cooling
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    return np.asarray((pos - lo) / span, dtype=np.float64)


_SHAPES: Final[Mapping[str, Callable[[float, float], str]]] = {
    "person": lambda x, y: f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9"/>',
    "organization": lambda x, y: f'<rect x="{x - 9:.1f}" y="{y - 9:.1f}" width="18" height="18"/>',
    "place": lambda x, y: (
        f'<polygon points="{x:.1f},{y - 11:.1f} {x + 11:.1f},{y:.1f} '
        f'{x:.1f},{y + 11:.1f} {x - 11:.1f},{y:.1f}"/>'
    ),
}


def _components(n: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def packed_layout(
    n: int, pairs: Sequence[tuple[int, int]], width: float, unit: float = 150.0
) -> list[tuple[float, float]]:
    """Positions across a picture ``width`` wide: each connected part laid out on its own,
    the parts packed in rows (larger parts first, each in a square sized by its node count)
    so that the whole is about half as high as wide; ``unit`` caps the pixels per unit of
    square side, so a few small parts are not blown up.
    """
    groups = _components(n, pairs)
    local = {node: i for g in groups for i, node in enumerate(g)}
    sides = [1.3 * math.sqrt(len(g)) + (0.8 if len(g) > 1 else 0.5) for g in groups]
    row_width = max([math.sqrt(sum(x * x for x in sides) * 2.0), *sides])
    boxes: list[tuple[list[int], float, float, float]] = []  # nodes, x, y, side
    x = y = row = 0.0
    for group, side in zip(groups, sides, strict=True):
        if x > 0 and x + side > row_width + 1e-9:
            x, y, row = 0.0, y + row, 0.0
        boxes.append((group, x, y, side))
        x += side
        row = max(row, side)
    total_w = max((bx + side for _, bx, _, side in boxes), default=1.0)
    scale = min(width / total_w, unit)
    offset = (width - total_w * scale) / 2
    out = [(0.0, 0.0)] * n
    for group, bx, by, side in boxes:
        members = set(group)
        inner = [(local[a], local[b]) for a, b in pairs if a in members]
        pos = layout(len(group), inner)
        pad = 0.5 if len(group) > 1 else side / 2
        for node, (px, py) in zip(group, pos, strict=True):
            out[node] = (
                offset + (bx + pad + px * (side - 2 * pad)) * scale,
                (by + pad + py * (side - 2 * pad)) * scale,
            )
    return out


def network_svg(network: Network, width: int = 1000) -> str:
    """The network as an inline ``<svg>`` element: nodes link to entity pages, edges to claims.

    Every label is escaped; the SVG holds no script and no external reference.
    """
    index = {node.id: i for i, node in enumerate(network.nodes)}
    pairs = [(index[e.a], index[e.b]) for e in network.edges]
    margin_x, margin_y = 90.0, 30.0
    xy = [
        (margin_x + px, margin_y + py)
        for px, py in packed_layout(len(network.nodes), pairs, width - 2 * margin_x)
    ]
    height = int(max((y for _, y in xy), default=0.0) + margin_y + 10)
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="network-svg" role="img" '
            f'viewBox="0 0 {width} {height}" width="100%" '
            f'aria-label="Network of people, organisations and places linked by claims">'
        )
    ]
    out.append('<g class="edges">')
    for edge in network.edges:
        (x1, y1), (x2, y2) = xy[index[edge.a]], xy[index[edge.b]]
        label = ", ".join(edge.predicates)
        count = f" ({len(edge.claims)} claims)" if len(edge.claims) > 1 else ""
        out.append(
            f'<a href="{escape(edge.href)}" class="edge {edge.style}">'
            f"<title>{escape(label)}{count}</title>"
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>'
            f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 3:.1f}">{escape(label)}</text>'
            "</a>"
        )
    out.append('</g><g class="nodes">')
    label_y = _label_positions([_short(n.label) for n in network.nodes], xy)
    for node, (x, y), ly in zip(network.nodes, xy, label_y, strict=True):
        shape = _SHAPES.get(node.kind, _SHAPES["person"])(x, y)
        out.append(
            f'<a href="{escape(node.href)}" class="node {escape(node.kind)}">'
            f"<title>{escape(node.label)} ({escape(node.kind)})</title>{shape}"
            f'<text x="{x:.1f}" y="{ly:.1f}">{escape(_short(node.label))}</text></a>'
        )
    out.append("</g></svg>")
    return "".join(out)


def _label_positions(labels: Sequence[str], xy: Sequence[tuple[float, float]]) -> list[float]:
    """A baseline for each node's label, below the node or, where that would overlap a
    label already placed, above it (whichever overlaps less)."""

    def box(i: int, y: float) -> tuple[float, float, float, float]:
        width = sum(11.0 if ord(c) > 0x2E80 else 6.2 for c in labels[i])
        return (xy[i][0] - width / 2, y - 11.0, xy[i][0] + width / 2, y + 3.0)

    def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return w * h if w > 0 and h > 0 else 0.0

    placed: list[tuple[float, float, float, float]] = []
    out: list[float] = []
    for i, (_, y) in enumerate(xy):
        options = [y + 24.0, y - 15.0]
        costs = [sum(overlap(box(i, o), p) for p in placed) for o in options]
        chosen = options[costs.index(min(costs))]
        placed.append(box(i, chosen))
        out.append(chosen)
    return out


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
