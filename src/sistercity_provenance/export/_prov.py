"""W3C PROV export: documents, derivations, claims with their spans, and the resolution.

Every identifier is a qualified name in the project namespace (prefix ``scp``). Record ids
come from documents, which may be hostile, so the local part is a kind tag and the id
percent-encoded as UTF-8 (see :func:`qname_local`): always a valid PROV-N/SPARQL local
name, and distinct ids give distinct names. The original id is kept as ``scp:id``.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from prov.constants import PROV, PROV_TYPE
from prov.identifier import Namespace, QualifiedName
from prov.model import ProvDocument

from sistercity_provenance._io import atomic_write_lines
from sistercity_provenance.provenance._claims import ClaimAssessment
from sistercity_provenance.provenance._corpus import Corpus
from sistercity_provenance.provenance._model import Document, Relation, Span
from sistercity_provenance.resolve import Resolution

__all__ = [
    "SCP_NAMESPACE",
    "SCP_PREFIX",
    "prov_json",
    "qname_local",
    "to_prov",
    "write_prov_json",
]

SCP_PREFIX: Final = "scp"
SCP_NAMESPACE: Final = "urn:sistercity-provenance:ns:"

_SCP: Final = Namespace(SCP_PREFIX, SCP_NAMESPACE)

#: The PROV subtype of each derivation, where PROV has one. Translations, summaries,
#: screenshots and citations are plain derivations: a translation is not a revision of its
#: original. A leaked or provided document makes its source a primary source. Every
#: derivation also keeps the relation itself as ``scp:relation``.
_SUBTYPE: Final[dict[Relation, QualifiedName | None]] = {
    Relation.QUOTES: PROV["Quotation"],
    Relation.TRANSLATES: None,
    Relation.SUMMARIZES: None,
    Relation.SCREENSHOT_OF: None,
    Relation.CITES: None,
    Relation.LEAKED_FROM: PROV["PrimarySource"],
    Relation.PROVIDED_BY: PROV["PrimarySource"],
}

#: ``prov:type`` of the derivation of a claim or mention from the words of a document.
EXCERPT: Final = _SCP["Excerpt"]

Attributes = list[tuple[QualifiedName, Any]]


def qname_local(kind: str, id: str) -> str:
    """The local part of a qualified name: ``kind``, a hyphen, ``id`` percent-encoded.

    Only ASCII letters, digits, ``_`` and ``-`` stay as they are; everything else (``.``
    and ``~`` too, and lone surrogates) is percent-encoded, so the result is a valid local
    name and the mapping is one to one.

    >>> qname_local("doc", 'a b"<x>.')
    'doc-a%20b%22%3Cx%3E%2E'
    """
    escaped = urllib.parse.quote(id, safe="", errors="surrogatepass")
    return f"{kind}-" + escaped.replace(".", "%2E").replace("~", "%7E")


def _q(kind: str, id: str) -> QualifiedName:
    return _SCP[qname_local(kind, id)]


def _nonempty(pairs: Iterable[tuple[str, object]]) -> Attributes:
    return [(_SCP[k], v) for k, v in pairs if v is not None and v != ""]


def _document(doc: Document) -> Attributes:
    return [
        (_SCP["id"], doc.id),
        *_nonempty(
            [
                ("title", doc.title),
                ("kind", doc.kind),
                ("language", doc.language),
                ("date", doc.date),
                ("issuer", doc.issuer),
                ("recipient", doc.recipient),
                ("sha256", doc.sha256),
                ("text_version", doc.text_version),
                ("reliability", doc.reliability),
            ]
        ),
    ]


def _span(span: Span) -> Attributes:
    return [
        (PROV_TYPE, EXCERPT),
        (_SCP["start"], span.start),
        (_SCP["end"], span.end),
        (_SCP["quote"], span.quote),
        (_SCP["prefix"], span.prefix),
        (_SCP["suffix"], span.suffix),
        (_SCP["sha256"], span.document_sha256),
        (_SCP["text_version"], span.text_version),
    ]


def _claim(a: ClaimAssessment) -> Attributes:
    claim = a.claim
    return [
        (_SCP["id"], claim.id),
        (_SCP["subject"], a.subject_entity),
        (_SCP["predicate"], claim.predicate),
        (_SCP["object"], a.object_value),
        (_SCP["object_is_entity"], a.object_entity is not None),
        (_SCP["grade"], a.grade),
        (_SCP["corroboration"], a.corroboration),
        (_SCP["circular"], a.circular),
        *_nonempty([("scope", claim.scope), ("credibility", claim.credibility)]),
    ]


def to_prov(
    corpus: Corpus,
    assessments: Sequence[ClaimAssessment],
    resolution: Resolution,
) -> ProvDocument:
    """The corpus, its assessed claims and the resolution as one PROV document.

    - each document is a ``prov:Entity`` (``scp:Document``);
    - each derivation is a ``wasDerivedFrom`` typed ``prov:Quotation`` or
      ``prov:PrimarySource`` where PROV has a subtype, with ``scp:relation`` and
      ``scp:reported``;
    - each claim is a ``prov:Entity`` (``scp:Claim``) derived from each evidence document
      by a derivation typed ``scp:Excerpt`` that carries the span (``scp:start``,
      ``scp:end``, ``scp:quote``, ``scp:prefix``, ``scp:suffix``, ``scp:sha256``);
    - each mention is a ``prov:Entity`` (``scp:Mention``) excerpted from its document;
    - the resolution is a ``prov:Activity`` that used the mentions and generated the
      resolved entities (``scp:ResolvedEntity``), each derived from its mentions.
    """
    out = ProvDocument()
    out.add_namespace(_SCP)
    issuers: set[str] = set()
    for doc in corpus.documents:
        out.entity(_q("doc", doc.id), [(PROV_TYPE, _SCP["Document"]), *_document(doc)])
        if doc.issuer:  # the body a document says issued it: an agent it is attributed to
            agent = _q("agent", doc.issuer)
            if doc.issuer not in issuers:
                issuers.add(doc.issuer)
                out.agent(agent, [(PROV_TYPE, PROV["Organization"]), (_SCP["name"], doc.issuer)])
            out.wasAttributedTo(_q("doc", doc.id), agent)
    for doc in corpus.documents:
        for d in doc.derived_from:
            attrs: Attributes = [
                (_SCP["relation"], str(d.relation.value)),
                (_SCP["reported"], d.reported),
            ]
            subtype = _SUBTYPE[d.relation]
            if subtype is not None:
                attrs.append((PROV_TYPE, subtype))
            out.derivation(_q("doc", d.document), _q("doc", d.source), other_attributes=attrs)
    for a in assessments:
        claim_id = _q("claim", a.claim.id)
        out.entity(claim_id, [(PROV_TYPE, _SCP["Claim"]), *_claim(a)])
        for span in a.claim.evidence:
            out.derivation(claim_id, _q("doc", span.document), other_attributes=_span(span))
    for m in corpus.mentions:
        mention_id = _q("mention", m.id)
        out.entity(
            mention_id,
            [
                (PROV_TYPE, _SCP["Mention"]),
                (_SCP["id"], m.id),
                (_SCP["text"], m.text),
                (_SCP["kind"], str(m.kind.value)),
            ],
        )
        out.derivation(mention_id, _q("doc", m.document), other_attributes=_span(m.span))
    activity = out.activity(_SCP["resolution"], other_attributes=[(PROV_TYPE, _SCP["Resolution"])])
    software = out.agent(
        _SCP["sistercity_provenance"],
        [(PROV_TYPE, PROV["SoftwareAgent"]), (_SCP["name"], "sistercity_provenance")],
    )
    out.wasAssociatedWith(activity, software)
    used = sorted({m for e in resolution.entities for m in e.mentions})
    for m_id in used:
        out.used(activity, _q("mention", m_id))
    for e in resolution.entities:
        entity_id = _q("entity", e.id)
        out.entity(
            entity_id,
            [
                (PROV_TYPE, _SCP["ResolvedEntity"]),
                (_SCP["id"], e.id),
                (_SCP["kind"], str(e.kind.value)),
                (_SCP["name"], e.name),
                *((_SCP["alias"], alias) for alias in e.aliases),
            ],
        )
        out.wasGeneratedBy(entity_id, activity)
        for m_id in e.mentions:
            out.derivation(
                entity_id, _q("mention", m_id), other_attributes=[(PROV_TYPE, _SCP["Resolved"])]
            )
    return out


def prov_json(document: ProvDocument) -> str:
    """``document`` as PROV-JSON text."""
    text = document.serialize(format="json")
    assert text is not None  # no destination: the serialization is returned
    return text


def write_prov_json(path: str | Path, document: ProvDocument) -> None:
    """Write ``document`` as PROV-JSON to ``path`` atomically (temporary file, then rename)."""
    atomic_write_lines(path, [prov_json(document)])
