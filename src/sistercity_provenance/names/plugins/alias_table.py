"""A user-supplied alias table as a normalizer plug-in.

The table is a TSV file (``#`` comment lines allowed) with one entity per line: its names
separated by tabs.  Every name on a line becomes an alias of every other::

    # our own research notes
    Forest Rong	Rong Lei	荣磊
    AITA	Australian International Trade Association

Register it on the default registry, or ship it from your package under the entry-point
group ``sistercity_provenance.normalizers``::

    from sistercity_provenance import default_registry
    from sistercity_provenance.names.plugins import AliasTableNormalizer

    default_registry().register(AliasTableNormalizer.from_tsv("aliases.tsv"))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from sistercity_provenance._errors import InputFormatError
from sistercity_provenance.names._model import NameKind

__all__ = ["AliasTableNormalizer"]


def _key(text: str) -> str:
    from sistercity_provenance.names._knowledge import alias_key  # noqa: PLC0415 - cycle

    return alias_key(text)


class AliasTableNormalizer:
    """Return the other names of an entity listed in a user's alias table."""

    def __init__(
        self,
        groups: Iterable[Sequence[str]] = (),
        *,
        name: str = "alias-table",
        kinds: frozenset[NameKind] = frozenset(NameKind),
    ) -> None:
        self.name = name
        self.kinds = kinds
        self._index: dict[str, list[str]] = defaultdict(list)
        for group in groups:
            names = [n.strip() for n in group if n.strip()]
            for n in names:
                self._index[_key(n)].extend(x for x in names if x != n)

    @classmethod
    def from_tsv(cls, path: str | Path, **kwargs: object) -> AliasTableNormalizer:
        """Read a tab-separated alias table; a malformed line names the file and line."""
        path = Path(path)
        groups: list[list[str]] = []
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputFormatError(f"not UTF-8 at byte {exc.start}", file=str(path)) from exc
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            names = [n.strip() for n in line.split("\t") if n.strip()]
            if len(names) < 2:
                raise InputFormatError(
                    "an alias line needs at least two tab-separated names",
                    file=str(path),
                    line=lineno,
                )
            groups.append(names)
        return cls(groups, **kwargs)  # type: ignore[arg-type]

    def __call__(self, text: str, kind: NameKind) -> Sequence[str]:
        """The other names listed with ``text`` (empty when it is not in the table)."""
        if not text:
            return ()
        return tuple(self._index.get(_key(text), ()))
