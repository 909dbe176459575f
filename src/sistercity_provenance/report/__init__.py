"""The HTML report: entities, claims with their provenance chains, documents and a network."""

from sistercity_provenance.report._html import ReportLimits, render_report, write_report
from sistercity_provenance.report._network import Edge, Network, Node, build_network, layout

__all__ = [
    "Edge",
    "Network",
    "Node",
    "ReportLimits",
    "build_network",
    "layout",
    "render_report",
    "write_report",
]
