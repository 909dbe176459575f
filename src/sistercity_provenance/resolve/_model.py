"""Frozen records of resolution: mentions, entities, judgements and merge decisions."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import attrs

from sistercity_provenance.names import NameKind

__all__ = ["Entity", "Judgement", "Mention", "MergeDecision", "Verdict"]


def _attributes(
    value: Mapping[str, Any] | tuple[tuple[str, Any], ...] | None,
) -> tuple[tuple[str, Any], ...]:
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), v) for k, v in items))


@attrs.frozen
class Mention:
    """One occurrence of a name in one document, with context attributes.

    ``attributes`` may carry ``birth_year``, ``role``, ``org``, ``place``, ``country`` and
    ``gender`` (others are kept and ignored by the resolver).
    """

    id: str
    name: str
    kind: NameKind = attrs.field(converter=NameKind, default=NameKind.PERSON)
    document: str = ""
    attributes: tuple[tuple[str, Any], ...] = attrs.field(converter=_attributes, default=())

    def attr(self, key: str) -> Any:
        """The value of attribute ``key``, or None."""
        for k, v in self.attributes:
            if k == key:
                return v
        return None


@attrs.frozen
class Entity:
    """A cluster of mentions taken to name one real-world entity."""

    id: str
    kind: NameKind
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[str, ...]


class Verdict(enum.StrEnum):
    """A person's judgement on a pair of mentions."""

    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@attrs.frozen
class Judgement:
    """A human decision on a pair, with who, when and why; withdrawn ones are kept."""

    a: str
    b: str
    verdict: Verdict = attrs.field(converter=Verdict)
    by: str
    reason: str = ""
    at: str = attrs.field(factory=_now)
    withdrawn_at: str | None = None

    @property
    def pair(self) -> tuple[str, str]:
        """The order-free key of the pair."""
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)


@attrs.frozen
class MergeDecision:
    """Why two mentions are (or are not) in one entity: the record a provenance chain cites."""

    a: str
    b: str
    merged: bool
    probability: float
    weights: tuple[tuple[str, float], ...]
    decided_by: str  # "model", "person" or "rule"
    model_version: str
    reason: str = ""
