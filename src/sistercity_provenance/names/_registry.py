"""Normalizer plug-ins: a registry object and the ``sistercity_provenance.normalizers`` group.

A normalizer is a callable ``(text, kind) -> Sequence[str]`` that returns other forms of a
name (aliases, expansions, dialect readings) for the engine to consider.  It also carries a
``name`` and the ``kinds`` of names it handles.  A registry checks a normalizer when it is
registered: a plug-in that does not fulfil the contract fails there, not deep inside a run.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Sequence
from importlib.metadata import entry_points
from typing import Final, Protocol, runtime_checkable

from sistercity_provenance._errors import PluginError
from sistercity_provenance.names._model import NameKind

__all__ = ["ENTRY_POINT_GROUP", "Normalizer", "NormalizerRegistry", "default_registry"]

#: Entry-point group under which packages ship normalizers.
ENTRY_POINT_GROUP: Final = "sistercity_provenance.normalizers"
_PROBES: Final = ("Wang Wei", "王伟", "OCAO", "Peking", "")


@runtime_checkable
class Normalizer(Protocol):
    """What a normalizer plug-in must provide."""

    name: str
    kinds: frozenset[NameKind]

    def __call__(self, text: str, kind: NameKind) -> Sequence[str]:
        """Other forms of ``text`` (may be empty); never raises on any string."""
        ...


class NormalizerRegistry:
    """An ordered set of normalizers, validated when registered."""

    def __init__(self) -> None:
        self._normalizers: dict[str, Normalizer] = {}
        self._by_kind: dict[NameKind, tuple[Normalizer, ...]] = {}  # emptied on any change

    def register(self, normalizer: object) -> Normalizer:
        """Check ``normalizer`` against the contract and add it; return it."""
        name = getattr(normalizer, "name", None)
        if not isinstance(name, str) or not name:
            msg = f"normalizer {normalizer!r} has no non-empty string 'name'"
            raise PluginError(msg)
        kinds = getattr(normalizer, "kinds", None)
        if (
            not isinstance(kinds, frozenset)
            or not kinds
            or not all(isinstance(k, NameKind) for k in kinds)
        ):
            msg = f"normalizer {name!r}: 'kinds' must be a non-empty frozenset of NameKind"
            raise PluginError(msg)
        if not callable(normalizer):
            msg = f"normalizer {name!r} is not callable"
            raise PluginError(msg)
        try:
            inspect.signature(normalizer).bind("x", NameKind.PERSON)
        except TypeError as exc:
            msg = f"normalizer {name!r} must accept (text, kind): {exc}"
            raise PluginError(msg) from exc
        if name in self._normalizers:
            msg = f"a normalizer named {name!r} is already registered"
            raise PluginError(msg)
        for probe in _PROBES:
            for kind in kinds:
                try:
                    result = normalizer(probe, kind)
                except Exception as exc:
                    msg = f"normalizer {name!r} raised on {probe!r}: {exc!r}"
                    raise PluginError(msg) from exc
                if not isinstance(result, Sequence) or isinstance(result, str | bytes):
                    msg = f"normalizer {name!r} must return a sequence of str, got {result!r}"
                    raise PluginError(msg)
                if not all(isinstance(r, str) for r in result):
                    msg = f"normalizer {name!r} must return a sequence of str, got {result!r}"
                    raise PluginError(msg)
        assert isinstance(normalizer, Normalizer)
        self._normalizers[name] = normalizer
        self._by_kind.clear()
        return normalizer

    def unregister(self, name: str) -> None:
        """Remove the normalizer called ``name`` (KeyError if there is none)."""
        del self._normalizers[name]
        self._by_kind.clear()

    def __len__(self) -> int:
        return len(self._normalizers)

    def __contains__(self, name: object) -> bool:
        return name in self._normalizers

    def names(self) -> tuple[str, ...]:
        """Names of the registered normalizers, in registration order."""
        return tuple(self._normalizers)

    def normalizers_for(self, kind: NameKind) -> tuple[Normalizer, ...]:
        """The registered normalizers that handle names of ``kind``."""
        found = self._by_kind.get(kind)
        if found is None:
            found = tuple(n for n in self._normalizers.values() if kind in n.kinds)
            self._by_kind[kind] = found
        return found

    def load_entry_points(self) -> tuple[str, ...]:
        """Register every normalizer shipped under :data:`ENTRY_POINT_GROUP`.

        Entry points that name a class are instantiated without arguments.
        """
        loaded: list[str] = []
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            target = ep.load()
            instance = target() if inspect.isclass(target) else target
            if getattr(instance, "name", None) in self._normalizers:
                continue
            self.register(instance)
            loaded.append(ep.name)
        return tuple(loaded)


@functools.cache
def default_registry() -> NormalizerRegistry:
    """The registry the engine consults; empty until normalizers are registered."""
    return NormalizerRegistry()
