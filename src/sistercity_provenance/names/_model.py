"""Frozen records produced by the name engine."""

from __future__ import annotations

import enum
import functools

import attrs

__all__ = ["Key", "NameKind", "ParsedName", "Part", "PartRole", "Unit"]


class NameKind(enum.StrEnum):
    """What a name names."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"


class PartRole(enum.StrEnum):
    """The role of one part of a parsed name."""

    SURNAME = "surname"
    GIVEN = "given"
    WESTERN_GIVEN = "western_given"
    NICKNAME = "nickname"
    INITIALS = "initials"
    WORD = "word"


@attrs.frozen(cache_hash=True)
class Unit:
    """One syllable (or one Han character, or one initial) of a name.

    ``readings`` are the Mandarin syllables it can stand for (toneless pinyin, ü as ``v``);
    ``toned`` the same with a tone digit where the source carries a tone; ``dialect`` the
    non-Mandarin spellings it can stand for (Cantonese, Jyutping, Hokkien ...), folded;
    ``other_readings`` the usual reading of a surname character when it is not its surname
    reading (解 is read Xie as a surname, Jie otherwise), matched with a lower score (the
    dictionary's rarer readings are not: 王 is never Yu); ``hokkien``
    the Hokkien syllables it stands for, in one form for POJ and Tâi-lô: a Han character's
    readings, or the spelling of a syllable read as Hokkien.
    """

    text: str
    han: str = ""
    primary: str = ""
    readings: frozenset[str] = frozenset()
    other_readings: frozenset[str] = frozenset()
    toned: frozenset[str] = frozenset()
    dialect: frozenset[str] = frozenset()
    systems: tuple[str, ...] = ()
    initial: bool = False
    hokkien: frozenset[str] = frozenset()


@attrs.frozen(cache_hash=True)
class Part:
    """A word of a name with its role and its possible readings.

    ``segmentations`` holds every way of reading the word as syllables (``xian`` is one
    syllable or ``xi'an`` two); each is a tuple of :class:`Unit`.
    """

    text: str
    role: PartRole
    segmentations: tuple[tuple[Unit, ...], ...] = ()
    systems: tuple[str, ...] = ()


@attrs.frozen
class Key:
    """A comparison key and the system that produced it."""

    value: str
    system: str


@attrs.frozen(cache_hash=True)
class ParsedName:
    """A name read into parts, with its keys; the original string is always kept."""

    original: str
    kind: NameKind
    normalized: str
    scripts: frozenset[str]
    parts: tuple[Part, ...]
    titles: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    keys: tuple[Key, ...] = ()
    words: tuple[str, ...] = ()

    @property
    def surname(self) -> tuple[str, ...]:
        """The surname part(s) as written."""
        return tuple(p.text for p in self.parts if p.role is PartRole.SURNAME)

    @property
    def given(self) -> tuple[str, ...]:
        """The Chinese given-name part(s) as written."""
        return tuple(p.text for p in self.parts if p.role is PartRole.GIVEN)

    @property
    def aliases(self) -> tuple[Part, ...]:
        """Western given names and quoted nicknames, kept as typed alias parts."""
        return tuple(p for p in self.parts if p.role in (PartRole.WESTERN_GIVEN, PartRole.NICKNAME))

    @functools.cached_property
    def han(self) -> str:
        """The Han characters of the name, simplified, without titles (computed once)."""
        return "".join(
            u.han for p in self.core if p.segmentations for u in p.segmentations[0] if u.han
        )

    @functools.cached_property
    def core(self) -> tuple[Part, ...]:
        """The parts that carry the Chinese name itself (or the words of other names);
        computed once."""
        return tuple(
            p
            for p in self.parts
            if p.role in (PartRole.SURNAME, PartRole.GIVEN, PartRole.INITIALS, PartRole.WORD)
        )
