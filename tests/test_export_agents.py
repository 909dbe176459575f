"""PROV agents: the software that resolved, and the bodies that issued documents."""

from __future__ import annotations

from pathlib import Path

from prov.model import ProvAgent, ProvAssociation, ProvAttribution

from sistercity_provenance.export import to_prov
from sistercity_provenance.provenance import load_corpus
from sistercity_provenance.provenance._claims import assess_claims
from sistercity_provenance.resolve import Resolver

CORPUS = Path(__file__).parent / "corpus" / "sister_cities_small"


def test_agents_are_present_and_linked() -> None:
    corpus = load_corpus(CORPUS)
    resolution = Resolver().resolve([m.to_mention() for m in corpus.mentions])
    doc = to_prov(
        corpus, assess_claims(corpus.claims, corpus.documents, resolution.entity_of), resolution
    )
    records = doc.get_records()
    agents = {str(r.identifier) for r in records if isinstance(r, ProvAgent)}
    assert "scp:sistercity_provenance" in agents
    issuers = {d.issuer for d in corpus.documents if d.issuer}
    assert issuers and len(agents) == len(issuers) + 1
    associations = [r for r in records if isinstance(r, ProvAssociation)]
    assert len(associations) == 1
    attributions = [r for r in records if isinstance(r, ProvAttribution)]
    assert len(attributions) == sum(1 for d in corpus.documents if d.issuer)
