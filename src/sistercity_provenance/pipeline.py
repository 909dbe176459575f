"""The main job as a Python call: a corpus directory in, the five output files out.

>>> from sistercity_provenance.pipeline import OUTPUTS
>>> OUTPUTS
('entities.jsonl', 'claims.jsonl', 'provenance.json', 'store.sqlite', 'report.html')
"""

from sistercity_provenance._pipeline import OUTPUTS, STAGES, RunSummary, run

__all__ = ["OUTPUTS", "STAGES", "RunSummary", "run"]
