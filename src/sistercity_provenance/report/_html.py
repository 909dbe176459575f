"""``report.html``: one self-contained page a journalist can open from disk and check.

Every string that comes from a corpus is escaped and wrapped in ``<bdi>`` (names and quotes
may be written right to left); the page carries a Content-Security-Policy that allows no
script, no network and no form at all, and the page needs none: entity, claim and document
"pages" are sections shown by the CSS ``:target`` selector.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Final

import attrs

from sistercity_provenance._errors import SisterCityError
from sistercity_provenance._io import atomic_write_lines
from sistercity_provenance.names import compare, parse
from sistercity_provenance.provenance._claims import ClaimAssessment, _document_reliability
from sistercity_provenance.provenance._corpus import CorpusMention
from sistercity_provenance.provenance._graph import ChainStep, DerivationGraph
from sistercity_provenance.provenance._model import Document, Span
from sistercity_provenance.report._network import Node, build_network, network_svg
from sistercity_provenance.resolve import Entity, MergeDecision, Resolution

__all__ = ["ReportLimits", "render_report", "write_report"]

_KIND_TITLES: Final = {"person": "People", "organization": "Organisations", "place": "Places"}
_RELIABILITY: Final = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
_CREDIBILITY: Final = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}
_RELATION_WORDS: Final = {
    "quotes": "quotes",
    "translates": "is a translation of",
    "summarizes": "summarises",
    "screenshot_of": "is a screenshot of",
    "cites": "cites",
    "leaked_from": "was leaked from",
    "provided_by": "was provided from",
}

_CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_STYLE: Final = """
:root{--fg:#1d232a;--muted:#5b6570;--line:#d5dbe1;--bg:#fbfbfc;--accent:#0b5cad;
--person:#b4462b;--organization:#2f6f4f;--place:#6a4fa3;--warn:#9a3412}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",
"PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
header{background:#14213d;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#cbd5e1}
header nav a{color:#fff;margin-right:16px}
main{max-width:1100px;margin:0 auto;padding:16px 24px 64px}
a{color:var(--accent)}h2{margin-top:28px}
.page{display:none}.page:target{display:block}
body:has(.page:target) #home{display:none}
.counts{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.counts div{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 14px}
.counts b{display:block;font-size:20px}
.warn{color:var(--warn)}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;
margin:10px 0}
.kind{display:inline-block;font-size:12px;border-radius:10px;padding:0 8px;color:#fff}
.kind.person{background:var(--person)}.kind.organization{background:var(--organization)}
.kind.place{background:var(--place)}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{font-weight:600;background:#f1f4f7}
.context{white-space:pre-wrap;font-family:ui-serif,Georgia,"Noto Serif CJK SC",serif;
background:#fafaf7;border-left:3px solid var(--line);padding:6px 10px;margin:6px 0}
mark{background:#ffe58a;padding:0 1px}
.chain{list-style:none;padding-left:0;margin:6px 0}
.chain li{margin:2px 0}
.step{color:var(--muted)}
.reported{border:1px dashed var(--warn);color:var(--warn);border-radius:4px;padding:0 4px;
font-size:12px}
.grade{font-weight:700;font-family:ui-monospace,monospace;border:1px solid var(--line);
border-radius:4px;padding:0 5px}
.conflict{border-left:4px solid var(--warn)}
.muted{color:var(--muted)}
code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,monospace;font-size:13px}
pre.text{white-space:pre-wrap;background:#fff;border:1px solid var(--line);padding:12px;
font-family:ui-serif,Georgia,"Noto Serif CJK SC",serif}
#network-svg{background:#fff;border:1px solid var(--line);border-radius:6px}
#network-svg .edge line{stroke:#8a96a3;stroke-width:1.6}
#network-svg .edge.sister line{stroke:#c2410c;stroke-width:3.5}
#network-svg .edge.broker line{stroke:#0b5cad;stroke-width:2.5;stroke-dasharray:7 4}
#network-svg text{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
#network-svg .edge text{font-size:10px;fill:var(--muted);text-anchor:middle}
#network-svg .edge:hover line{stroke:#111}
#network-svg .node text{font-size:11px;text-anchor:middle;fill:var(--fg)}
#network-svg .node.person circle{fill:var(--person)}
#network-svg .node.organization rect{fill:var(--organization)}
#network-svg .node.place polygon{fill:var(--place)}
#network-svg .node:hover text{font-weight:700}
.legend span{margin-right:18px}
.swatch{display:inline-block;width:26px;height:0;vertical-align:middle;margin-right:6px}
.swatch.sister{border-top:4px solid #c2410c}.swatch.broker{border-top:3px dashed #0b5cad}
.swatch.other{border-top:2px solid #8a96a3}
"""


@attrs.frozen
class ReportLimits:
    """Caps that keep the page readable on large corpora; the page says what was left out."""

    mentions_per_entity: int = 200
    decisions_per_entity: int = 100
    network_nodes: int = 150
    document_chars: int = 20_000
    context_chars: int = 160
    #: Other names of an entity a name is compared with, when it does not match the entity's
    #: name itself (comparing every pair of a large entity's names would be quadratic).
    names_compared: int = 25


def _t(value: object) -> str:
    """Corpus text as HTML: escaped, isolated for bidirectional text."""
    return f"<bdi>{escape(str(value))}</bdi>"


class _Anchors:
    """Page anchors made by the report (``e1``, ``c1``, ``d1``), never taken from the corpus."""

    def __init__(self, prefix: str, ids: Iterable[str]) -> None:
        self._of = {id_: f"{prefix}{i}" for i, id_ in enumerate(sorted(set(ids)), start=1)}

    def __contains__(self, id_: str) -> bool:
        return id_ in self._of

    def __getitem__(self, id_: str) -> str:
        return self._of[id_]

    def link(self, id_: str, label: str | None = None) -> str:
        text = _t(label if label is not None else id_)
        if id_ not in self._of:
            return text
        return f'<a href="#{self._of[id_]}">{text}</a>'


@attrs.define
class _Report:
    documents: Mapping[str, Document]
    mentions: Mapping[str, CorpusMention]
    resolution: Resolution
    assessments: Sequence[ClaimAssessment]
    problems: Sequence[str]
    limits: ReportLimits
    title: str
    entity_anchor: _Anchors = attrs.field(init=False)
    claim_anchor: _Anchors = attrs.field(init=False)
    document_anchor: _Anchors = attrs.field(init=False)
    entities: dict[str, Entity] = attrs.field(init=False)
    graph: DerivationGraph = attrs.field(init=False)
    _claim_bodies: dict[str, str] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self.entities = {e.id: e for e in self.resolution.entities}
        self.entity_anchor = _Anchors("e", self.entities)
        self.claim_anchor = _Anchors("c", (a.claim.id for a in self.assessments))
        self.document_anchor = _Anchors("d", self.documents)
        self.graph = DerivationGraph.of(list(self.documents.values()))

    # -- small pieces -----------------------------------------------------------------------

    def entity_link(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return self.entity_anchor.link(entity_id, entity.name if entity else entity_id)

    def document_link(self, document_id: str) -> str:
        doc = self.documents.get(document_id)
        label = doc.title or document_id if doc else document_id
        return self.document_anchor.link(document_id, label)

    def context(self, span: Span) -> str:
        doc = self.documents.get(span.document)
        if doc is None or doc.text[span.start : span.end] != span.quote:
            return (
                f'<div class="context"><mark>{_t(span.quote)}</mark></div>'
                '<p class="warn">This quote is not where the span says (see verify).</p>'
            )
        n = self.limits.context_chars
        before = doc.text[max(0, span.start - n) : span.start]
        after = doc.text[span.end : span.end + n]
        lead = "…" if span.start > n else ""
        tail = "…" if span.end + n < len(doc.text) else ""
        return (
            f'<div class="context">{lead}{_t(before)}<mark>{_t(span.quote)}</mark>'
            f"{_t(after)}{tail}</div>"
        )

    def claim_object(self, a: ClaimAssessment) -> str:
        if a.object_entity is not None:
            return self.entity_link(a.object_entity)
        return f"<q>{_t(a.object_value)}</q>"

    def grade(self, grade: str) -> str:
        reliability = _RELIABILITY.get(grade[:1], "?")
        credibility = _CREDIBILITY.get(grade[1:], "?")
        return (
            f'<span class="grade" title="source {escape(reliability)}; information '
            f'{escape(credibility)}">{escape(grade)}</span> '
            f'<span class="muted">source {escape(reliability)}, information '
            f"{escape(credibility)}</span>"
        )

    def chain(self, steps: Sequence[ChainStep]) -> str:
        items = [f"<li>evidence in {self.document_link(steps[0].document)}</li>"]
        for step in steps:
            words = _RELATION_WORDS.get(step.relation, step.relation)
            flag = (
                ' <span class="reported" title="known only because a document says so">'
                "reported, not observed</span>"
                if step.reported
                else ""
            )
            items.append(
                f'<li class="step-source"><span class="step">↳ {escape(words)}</span> '
                f"{self.document_link(step.source)}{flag}</li>"
            )
        items.append('<li class="muted">origin</li>')
        return f'<ol class="chain">{"".join(items)}</ol>'

    # -- claims -----------------------------------------------------------------------------

    def claim_card(self, a: ClaimAssessment, *, with_anchor: bool) -> str:
        """A claim's card; the same claim shows on up to three pages, so its body is built
        once."""
        anchor = f' id="{self.claim_anchor[a.claim.id]}"' if with_anchor else ""
        css = "card claim conflict" if a.conflicts else "card claim"
        body = self._claim_bodies.get(a.claim.id)
        if body is None:
            body = self._claim_bodies[a.claim.id] = self._claim_body(a)
        return f'<div class="{css}"{anchor}>{body}</div>'

    def _claim_body(self, a: ClaimAssessment) -> str:
        parts = [
            (
                f"<p><b>{self.entity_link(a.subject_entity)}</b> "
                f"<code>{_t(a.claim.predicate)}</code> <b>{self.claim_object(a)}</b>"
            ),
            f' <span class="muted">(claim {self.claim_anchor.link(a.claim.id)}'
            + (f"; scope {_t(a.claim.scope)}" if a.claim.scope else "")
            + ")</span></p>",
            f"<p>Grade {self.grade(a.grade)}</p>",
            f"<p>Corroboration: <b>{a.corroboration}</b> independent "
            + ("source" if a.corroboration == 1 else "sources")
            + f'</p><p class="muted">{"Origin" if len(a.origins) == 1 else "Origins"} '
            + "behind this evidence: "
            + ", ".join(self.document_link(o) for o in a.origins),
        ]
        if a.corroborated_by:
            parts.append(
                "; said also by claims "
                + ", ".join(self.claim_anchor.link(c) for c in a.corroborated_by)
            )
        parts.append("</p>")
        if a.conflicts:
            parts.append(
                '<p class="warn">Conflicts with claims '
                + ", ".join(self.claim_anchor.link(c) for c in a.conflicts)
                + " (same subject, predicate and scope, another value; both are kept).</p>"
            )
        if a.circular:
            parts.append('<p class="warn">A chain of this evidence runs in a circle.</p>')
        parts.append("<h4>Evidence</h4>")
        for span in a.claim.evidence:
            parts.append(
                f"<p>{self.document_link(span.document)} "
                f'<span class="muted mono">[{span.start}:{span.end}]</span></p>'
            )
            parts.append(self.context(span))
        parts.append("<h4>Provenance chains</h4>")
        chains = [c for c in a.chains if c]
        covered = {c[0].document for c in chains}
        for chain in chains:
            parts.append(self.chain(chain))
        for doc in sorted({s.document for s in a.claim.evidence} - covered):
            parts.append(
                f'<ol class="chain"><li>evidence in {self.document_link(doc)}</li>'
                '<li class="muted">origin (derived from no other document)</li></ol>'
            )
        if a.subject_decisions:
            parts.append(
                f"<p class=muted>Why the subject mention {_t(a.claim.subject)} belongs to "
                f"{self.entity_link(a.subject_entity)}: "
                f"{len(a.subject_decisions)} resolution decision(s), listed on its page.</p>"
            )
        return "".join(parts)

    # -- entities ---------------------------------------------------------------------------

    def names_table(self, entity: Entity) -> str:
        rows: dict[str, list[str]] = defaultdict(list)
        kind = entity.kind.value
        for alias in entity.aliases:
            try:
                parsed = parse(alias, kind)
            except SisterCityError:
                rows["other"].append(
                    f"<tr><td>{_t(alias)}</td><td>-</td><td>not readable as a name</td></tr>"
                )
                continue
            script = " + ".join(sorted(parsed.scripts)) or "other"
            read_as = ", ".join(parsed.systems) or "-"
            mandarin = next((k.value for k in parsed.keys if k.system == "mandarin"), "")
            if mandarin and "han" in parsed.scripts:
                read_as = f"{read_as}: {mandarin}"
            rows[script].append(
                f"<tr><td>{_t(alias)}</td><td>{_t(read_as)}</td>"
                f"<td>{_t(self._how_linked(alias, entity))}</td></tr>"
            )
        out = ["<table><tr><th>Name</th><th>Read as</th><th>How it links</th></tr>"]
        for script in sorted(rows):
            out.append(f'<tr><th colspan="3">Script: {escape(script)}</th></tr>')
            out.extend(rows[script])
        out.append("</table>")
        return "".join(out)

    def _how_linked(self, alias: str, entity: Entity) -> str:
        """How the name engine links ``alias`` to the entity's name, or else to the other
        name of the entity it matches best (resolution may have joined it through one)."""
        if alias == entity.name:
            return "the entity's name"
        kind = entity.kind.value
        try:
            direct = compare(alias, entity.name, kind)
            if direct.same:
                return f"matches the entity's name ({direct.score:.2f}): {direct.explanation}"
            best = None
            others = [a for a in entity.aliases if a not in {alias, entity.name}]
            for other in others[: self.limits.names_compared]:
                outcome = compare(alias, other, kind)
                if outcome.same and (best is None or outcome.score > best[1].score):
                    best = (other, outcome)
        except SisterCityError:
            return "not comparable as a name"
        if best is not None:
            other, outcome = best
            return f"matches {other} ({outcome.score:.2f}): {outcome.explanation}"
        return (
            f"no name match on its own ({direct.score:.2f}: {direct.explanation}); "
            "joined by the decisions below"
        )

    def entity_page(
        self, entity: Entity, claims: Sequence[ClaimAssessment], decisions: Sequence[MergeDecision]
    ) -> str:
        kind = entity.kind.value
        out = [
            f'<section class="page entity" id="{self.entity_anchor[entity.id]}">',
            (
                f'<p><a href="#home">← index</a></p><h2>{_t(entity.name)} '
                f'<span class="kind {escape(kind)}">{escape(kind)}</span></h2>'
            ),
            f'<p class="muted">Entity {_t(entity.id)}; {len(entity.mentions)} mention(s).</p>',
            "<h3>Names</h3>",
            self.names_table(entity),
            "<h3>Claims</h3>",
        ]
        if not claims:
            out.append('<p class="muted">No claim names this entity.</p>')
        for a in claims:
            out.append(self.claim_card(a, with_anchor=False))
        out.append("<h3>Mentions</h3>")
        shown = entity.mentions[: self.limits.mentions_per_entity]
        for mid in shown:
            mention = self.mentions.get(mid)
            if mention is None:
                out.append(f'<div class="card">{_t(mid)}: not in the store</div>')
                continue
            out.append(
                f'<div class="card"><p><b>{_t(mention.text)}</b> <span class="muted">'
                f"mention {_t(mid)} in</span> {self.document_link(mention.document)}</p>"
                f"{self.context(mention.span)}</div>"
            )
        if len(entity.mentions) > len(shown):
            out.append(
                f'<p class="muted">{len(entity.mentions) - len(shown)} more mention(s) are '
                "in entities.jsonl.</p>"
            )
        out.append("<h3>Why these mentions were merged</h3>")
        merged = [d for d in decisions if d.merged]
        kept_apart = [d for d in decisions if not d.merged]
        if not merged and len(entity.mentions) == 1:
            out.append('<p class="muted">A single mention: nothing was merged.</p>')
        out.append(self.decisions_table(merged, "Merged"))
        if kept_apart:
            out.append(self.decisions_table(kept_apart, "Kept apart"))
        out.append("</section>")
        return "".join(out)

    def decisions_table(self, decisions: Sequence[MergeDecision], heading: str) -> str:
        if not decisions:
            return ""
        cap = self.limits.decisions_per_entity
        out = [
            (
                f"<h4>{escape(heading)}</h4><table><tr><th>Mentions</th><th>Decided by</th>"
                "<th>Probability</th><th>Names</th><th>Reason</th></tr>"
            )
        ]
        for d in decisions[:cap]:
            ma, mb = self.mentions.get(d.a), self.mentions.get(d.b)
            names = ""
            if ma is not None and mb is not None:
                outcome = compare(ma.text, mb.text, ma.kind.value)
                names = f"{ma.text} ~ {mb.text}: {outcome.explanation or f'{outcome.score:.2f}'}"
            out.append(
                f"<tr><td>{_t(d.a)} ~ {_t(d.b)}</td><td>{_t(d.decided_by)}</td>"
                f"<td>{d.probability:.3f}</td><td>{_t(names)}</td><td>{_t(d.reason)}</td></tr>"
            )
        out.append("</table>")
        if len(decisions) > cap:
            out.append(f'<p class="muted">{len(decisions) - cap} more in entities.jsonl.</p>')
        return "".join(out)

    # -- documents --------------------------------------------------------------------------

    def reliability_text(self, doc: Document) -> str:
        if doc.reliability:
            return f"{doc.reliability} ({_RELIABILITY[doc.reliability]})"
        inherited = _document_reliability(self.graph, doc.id)
        if inherited:
            return (
                f"not graded; as a faithful copy of a single source it takes that source's "
                f"grade: {inherited} ({_RELIABILITY[inherited]})"
            )
        return "not graded (F: reliability cannot be judged)"

    def marked_text(self, text: str, mentions: Sequence[CorpusMention]) -> str:
        """``text`` escaped, with each mention's span marked and linked to its entity
        (where mentions overlap, the longer one is marked)."""
        taken = _marked_spans(mentions, len(text))
        out: list[str] = []
        position = 0
        for start, end, m in taken:
            out.append(_t(text[position:start]))
            entity = self.resolution.entity_of.get(m.id)
            marked = f'<mark title="mention {escape(m.id)}">{_t(text[start:end])}</mark>'
            if entity is not None and entity in self.entity_anchor:
                marked = f'<a href="#{self.entity_anchor[entity]}">{marked}</a>'
            out.append(marked)
            position = end
        out.append(_t(text[position:]))
        return "".join(out)

    def document_page(
        self,
        doc: Document,
        derived: Sequence[tuple[str, str, bool]],
        mentions: Sequence[CorpusMention] = (),
    ) -> str:
        facts = [
            ("Kind", doc.kind),
            ("Language", doc.language),
            ("Date", doc.date),
            ("Issuer", doc.issuer),
            ("Recipient", doc.recipient),
            ("Reliability", self.reliability_text(doc)),
            ("SHA-256", doc.sha256),
            ("Text layer", doc.text_version),
        ]
        out = [
            f'<section class="page document" id="{self.document_anchor[doc.id]}">',
            f'<p><a href="#home">← index</a></p><h2>{_t(doc.title or doc.id)}</h2>',
            f'<p class="muted">Document {_t(doc.id)}</p><table>',
            *(f"<tr><th>{k}</th><td>{_t(v)}</td></tr>" for k, v in facts if v),
            "</table><h3>Derived from</h3>",
        ]
        if not doc.derived_from:
            out.append('<p class="muted">Nothing: an origin.</p>')
        for d in doc.derived_from:
            flag = ' <span class="reported">reported, not observed</span>' if d.reported else ""
            words = _RELATION_WORDS.get(d.relation.value, d.relation.value)
            out.append(f"<p>This document {escape(words)} {self.document_link(d.source)}{flag}</p>")
        if derived:
            out.append("<h3>Documents derived from this one</h3>")
            for other, relation, reported in derived:
                flag = ' <span class="reported">reported</span>' if reported else ""
                words = _RELATION_WORDS.get(relation, relation)
                out.append(f"<p>{self.document_link(other)} {escape(words)} this{flag}</p>")
        text = doc.text[: self.limits.document_chars]
        out.append(
            "<h3>Text</h3><p class=muted>Marked: the mentions annotated in this document, "
            "each linked to its entity.</p>"
            f'<pre class="text">{self.marked_text(text, mentions)}</pre>'
        )
        if len(doc.text) > len(text):
            out.append(
                f'<p class="muted">{len(doc.text) - len(text)} more characters '
                "are in store.sqlite.</p>"
            )
        out.append("</section>")
        return "".join(out)

    # -- the page ---------------------------------------------------------------------------

    def render(self) -> str:
        by_entity: dict[str, list[ClaimAssessment]] = defaultdict(list)
        links: list[tuple[str, str, str, str]] = []
        for a in self.assessments:
            by_entity[a.subject_entity].append(a)
            if a.object_entity is not None:
                if a.object_entity != a.subject_entity:
                    by_entity[a.object_entity].append(a)
                links.append((a.subject_entity, a.object_entity, a.claim.predicate, a.claim.id))
        decisions_of: dict[str, list[MergeDecision]] = defaultdict(list)
        entity_of = self.resolution.entity_of
        for decision in self.resolution.decisions:
            for entity_id in {entity_of.get(decision.a), entity_of.get(decision.b)}:
                if entity_id is not None:
                    decisions_of[entity_id].append(decision)
        mentions_in: dict[str, list[CorpusMention]] = defaultdict(list)
        for mention in self.mentions.values():
            mentions_in[mention.document].append(mention)
        derived: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
        for doc in self.documents.values():
            for derivation in doc.derived_from:
                derived[derivation.source].append(
                    (doc.id, derivation.relation.value, derivation.reported)
                )

        nodes = {
            e.id: Node(e.id, e.name, e.kind.value, f"#{self.entity_anchor[e.id]}")
            for e in self.resolution.entities
        }
        network = build_network(nodes, links, self.limits.network_nodes)
        # A line with one claim leads to it; a line with several to a page listing them.
        by_id = {a.claim.id: a for a in self.assessments}
        edge_pages: list[str] = []
        edges = []
        for edge in network.edges:
            if len(edge.claims) == 1:
                edges.append(attrs.evolve(edge, href=f"#{self.claim_anchor[edge.claims[0]]}"))
                continue
            anchor = f"l{len(edge_pages) + 1}"
            edges.append(attrs.evolve(edge, href=f"#{anchor}"))
            edge_pages.append(
                f'<section class="page link" id="{anchor}"><p><a href="#home">← index</a></p>'
                f"<h2>{self.entity_link(edge.a)} — {self.entity_link(edge.b)}</h2>"
                f'<p class="muted">{len(edge.claims)} claims link these two.</p>'
                + "".join(self.claim_card(by_id[c], with_anchor=False) for c in edge.claims)
                + "</section>"
            )
        network = attrs.evolve(network, edges=tuple(edges))
        conflicts = sum(1 for a in self.assessments if a.conflicts)
        counts = [
            ("documents", len(self.documents)),
            ("mentions", len(self.mentions)),
            ("entities", len(self.entities)),
            ("claims", len(self.assessments)),
            ("conflicts", conflicts),
            ("problems", len(self.problems)),
        ]
        out = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="referrer" content="no-referrer"><title>{escape(self.title)}</title>',
            f"<style>{_STYLE}</style></head><body>",
            f"<header><h1>{escape(self.title)}</h1>",
            (
                "<p>Entities resolved across scripts and spellings; every claim with its evidence "
                "and where that evidence came from.</p>"
            ),
            (
                '<nav><a href="#home">Overview</a><a href="#network">Network</a>'
                '<a href="#entities">Entities</a><a href="#claims">Claims</a>'
                '<a href="#documents">Documents</a></nav></header><main>'
            ),
            '<div id="home">',
            '<div class="counts">',
            *(f"<div><b>{n}</b>{escape(label)}</div>" for label, n in counts),
            "</div>",
        ]
        if self.problems:
            out.append('<div class="card conflict"><h3 class="warn">Problems found by verify</h3>')
            out.append("<ul>" + "".join(f"<li>{_t(p)}</li>" for p in self.problems) + "</ul>")
            out.append("</div>")
        out.append('<h2 id="network">Network</h2>')
        out.append(
            '<p class="legend"><span><span class="swatch sister"></span>sister-city pair</span>'
            '<span><span class="swatch broker"></span>brokered, arranged or introduced</span>'
            '<span><span class="swatch other"></span>other claims</span>'
            "<span>● person ■ organisation ◆ place</span></p>"
        )
        if network.nodes:
            out.append(network_svg(network))
            out.append(
                '<p class="muted">Click a name for its page, a line for the claim behind it.'
                + (
                    f" {network.left_out} less-linked entities are left out of the picture."
                    if network.left_out
                    else ""
                )
                + "</p>"
            )
        else:
            out.append('<p class="muted">No claim links two entities.</p>')
        out.append('<h2 id="entities">Entities</h2><div class="columns" id="entity-index">')
        by_kind: dict[str, list[Entity]] = defaultdict(list)
        for e in self.resolution.entities:
            by_kind[e.kind.value].append(e)
        for kind in ("person", "organization", "place", *sorted(set(by_kind) - set(_KIND_TITLES))):
            entities = sorted(by_kind.get(kind, ()), key=lambda e: (e.name.casefold(), e.id))
            if not entities:
                continue
            out.append(f"<div><h3>{escape(_KIND_TITLES.get(kind, kind))}</h3><ul>")
            for e in entities:
                others = [a for a in e.aliases if a != e.name]
                also = (
                    f' <span class="muted">also {_t(" · ".join(others))}</span>' if others else ""
                )
                out.append(
                    f"<li>{self.entity_link(e.id)}{also} "
                    f'<span class="muted">({len(e.mentions)})</span></li>'
                )
            out.append("</ul></div>")
        out.append("</div>")
        out.append('<h2 id="claims">Claims</h2>')
        for a in self.assessments:
            out.append(self.claim_card(a, with_anchor=True))
        out.append('<h2 id="documents">Documents</h2><table>')
        out.append("<tr><th>Document</th><th>Kind</th><th>Date</th><th>Reliability</th></tr>")
        for doc in sorted(self.documents.values(), key=lambda d: (d.date, d.id)):
            out.append(
                f"<tr><td>{self.document_link(doc.id)}</td><td>{_t(doc.kind)}</td>"
                f"<td>{_t(doc.date)}</td><td>{_t(doc.reliability or '-')}</td></tr>"
            )
        out.append("</table></div>")
        for e in self.resolution.entities:
            out.append(self.entity_page(e, by_entity.get(e.id, []), decisions_of.get(e.id, [])))
        for doc in self.documents.values():
            out.append(
                self.document_page(doc, derived.get(doc.id, []), mentions_in.get(doc.id, []))
            )
        out.extend(edge_pages)
        out.append("</main></body></html>")
        return "\n".join(out)


def _marked_spans(
    mentions: Iterable[CorpusMention], length: int
) -> list[tuple[int, int, CorpusMention]]:
    """The mention spans to mark in a text of ``length`` characters, by start: where spans
    overlap, the longer one (then the earlier one) is kept.

    The spans kept never overlap, so sorted by start a new span can only overlap its two
    neighbours in that order; checking those rather than every span kept keeps this
    linear-logarithmic in a document with many mentions.
    """
    spans = sorted(
        (m for m in mentions if m.span.end <= length),
        key=lambda m: (-(m.span.end - m.span.start), m.span.start),
    )
    taken: list[tuple[int, int, CorpusMention]] = []
    starts: list[int] = []
    for m in spans:
        at = bisect.bisect_left(starts, m.span.start)
        if at > 0 and taken[at - 1][1] > m.span.start:
            continue
        if at < len(taken) and taken[at][0] < m.span.end:
            continue
        starts.insert(at, m.span.start)
        taken.insert(at, (m.span.start, m.span.end, m))
    return taken


def render_report(
    documents: Sequence[Document],
    mentions: Sequence[CorpusMention],
    resolution: Resolution,
    assessments: Sequence[ClaimAssessment],
    *,
    problems: Sequence[str] = (),
    title: str = "sistercity_provenance report",
    limits: ReportLimits | None = None,
) -> str:
    """The report as one HTML string (see the module docstring for what it holds)."""
    return _Report(
        {d.id: d for d in documents},
        {m.id: m for m in mentions},
        resolution,
        assessments,
        problems,
        limits or ReportLimits(),
        title,
    ).render()


def write_report(path: str | Path, html: str) -> None:
    """Write the report atomically (a temporary file renamed into place)."""
    atomic_write_lines(path, [html])
