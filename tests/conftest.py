"""Test configuration: Hypothesis profiles (``ci`` is bounded; select with HYPOTHESIS_PROFILE)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from sistercity_provenance import default_registry
from sistercity_provenance.names import _registry

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def no_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI loads entry points into the default registry: make that a no-op."""
    monkeypatch.setattr(_registry, "entry_points", lambda *, group: [])
    before = default_registry().names()
    yield
    for name in default_registry().names():
        if name not in before:
            default_registry().unregister(name)
