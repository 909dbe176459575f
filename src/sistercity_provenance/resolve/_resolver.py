"""The resolver: block, compare, score and cluster mentions into entities."""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, cast

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import sparse
from scipy.sparse import csgraph

from sistercity_provenance._errors import InputError
from sistercity_provenance.names import THRESHOLD, NameKind, parse
from sistercity_provenance.names._caches import clear_name_caches
from sistercity_provenance.names._parse import surname_alone
from sistercity_provenance.names._text import EMPTY_SET, NAME_CACHE
from sistercity_provenance.resolve._arrays import (
    compacted,
    distinct,
    merged,
    run_firsts,
    run_starts,
    stable_order,
    summed,
    summed_parts,
)
from sistercity_provenance.resolve._features import (
    FEATURE_LEVELS,
    ComparisonAhead,
    LevelArray,
    MentionColumns,
    NameTriple,
    PairFeatures,
    compare_pairs,
    context_values,
    name_codes_of,
    name_outcome,
    name_triple,
)
from sistercity_provenance.resolve._features import _name_level as _level
from sistercity_provenance.resolve._forked import ForkedHelper, HelperError, trim_heap
from sistercity_provenance.resolve._fs import FellegiSunter
from sistercity_provenance.resolve._judgements import JudgementStore
from sistercity_provenance.resolve._keys import (
    InitialBlocks,
    initial_blocks,
    keys_of_names,
    sort_value,
)
from sistercity_provenance.resolve._model import Entity, Judgement, Mention, MergeDecision, Verdict

__all__ = ["PairExplanation", "Resolution", "Resolver"]

IntArray = npt.NDArray[np.int64]
#: Pair weights are whole numbers of 1/2**20: 1/size of a block as ``_UNIT // size``.
#: Sums of integers do not depend on the order they are added in, so neither does the
#: pruning (float sums may differ in the last bit with the order of the keys).
_UNIT: Final = 1 << 20

#: Keys shared by more mentions than this are too common to block on (recorded in stats).
BLOCK_CAP: Final = 2000
#: Blocks of more mentions than this are walked in sorted order instead of listing all
#: their pairs: each mention is paired with the next ``WINDOW`` members, so the pairs of
#: a block grow with its size, not with its square.
WINDOW_FROM: Final = 60
WINDOW: Final = 20
#: Candidate pairs each mention keeps at most, the pairs of most weight (see _strongest).
PARTNERS: Final = 30
#: Loose keys (a surname alone, a given name alone, one term of an organisation name)
#: are used only while they pick out few mentions.
LOOSE_CAP: Final = 40
_LOOSE_KEYS: Final = (
    "surname", "given", "term", "first", "run", "spelt", "sounds", "translated", "national",
    "readlead", "skipped", "short",
)  # fmt: skip
#: Keys whose blocks weigh :data:`_FAINT_FACTOR` times less in the pruning of pairs: the
#: acronyms of a Chinese name's translation, acronyms without their c or an inner letter
#: (``_keys.py``).
#: Chinese names of one pattern share them (each city's 外事办公室), and at full weight
#: such pairs crowded out the pairs of a local body's own names (吉林市外办 /
#: 吉林市人民政府外事办公室) at 100,000 mentions.
_FAINT_KEYS: Final = ("translated", "national", "skipped", "readlead", "short")
_FAINT_FACTOR: Final = 64
#: How many following groups of an ``initial`` block each group is compared with.
NEIGHBOURHOOD: Final = 4
#: Place levels that cannot be one place (吉林省 is not 吉林市).
_PLACE_LEVELS: Final = frozenset({"province", "city", "county", "prefecture", "district", "sar"})
#: Entities whose contexts together weigh less than this (bits) are not merged.
_CONTEXT_VETO: Final = -4.0
#: A mention moves to another entity only if it fits that one better by this many bits.
_MOVE_MARGIN: Final = 1.0
#: A mention whose fit to two entities that cannot be one differs by less than this (bits),
#: through names of the same level, is left on its own by refinement (清华: Tsinghua or the
#: Hsinchu university).
_TIE_MARGIN: Final = 0.5
#: How many members of an entity are compared by name when fitting a mention to it.
_FIT_SAMPLE: Final = 50
#: The model links two mentions only if the name engine says the names can be the same.
_MIN_NAME_LEVEL: Final = 2
#: Pseudo-counts for u on small inputs: two names drawn at random rarely match.
_U_START: Final = {"name": (0.9, 0.07, 0.02, 0.01)}
#: How many random pairs estimate the u probabilities.
U_SAMPLE: Final = 4000
#: Where the name engine has no opinion yet, EM starts from these m probabilities.
_M_START: Final = {
    "name": (0.02, 0.05, 0.23, 0.70),
    "birth_year": (0.05, 0.95),
    "gender": (0.05, 0.95),
    "country": (0.1, 0.9),
    "place": (0.2, 0.8),
    "role": (0.4, 0.6),
    "org": (0.4, 0.6),
    "document": (0.7, 0.3),
}


class DuplicateMentionError(InputError, ValueError):
    """Two mentions share an id but differ."""


@attrs.frozen
class Resolution:
    """Entities and the decisions that made them."""

    entities: tuple[Entity, ...]
    entity_of: Mapping[str, str]
    decisions: tuple[MergeDecision, ...]
    stats: Mapping[str, int]

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if none)."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


@attrs.frozen
class PairExplanation:
    """Why two mentions are, or are not, in one entity."""

    a: str
    b: str
    same_entity: bool
    probability: float
    weights: tuple[tuple[str, float], ...]
    levels: tuple[tuple[str, int], ...]
    name_explanation: str
    verdict: str

    def __str__(self) -> str:
        lines = [
            (
                f"{self.a} ~ {self.b}: "
                f"{'same entity' if self.same_entity else 'different entities'}"
                f" (match probability {self.probability:.3f})"
            ),
            f"  names: {self.name_explanation}",
            f"  decision: {self.verdict}",
        ]
        lines += [f"  {f:>10}: {w:+.2f} bits" for f, w in self.weights]
        return "\n".join(lines)


#: Context features pooled over an entity (constraints, and fitting a mention to it).
_POOLED: Final = ("country", "place", "role", "org")


class _Clusters:
    """Union–find with the facts needed to refuse a merge that would break a constraint.

    Facts are kept per root, as one record (:data:`_FactSets`), and only where there are
    any: a merge looks up two records, not ten sets, and a root without one can clash with
    none. A mention's record holds its own context values (``contexts``) and sets shared
    with other mentions; a merge makes a new record, and never changes one.
    """

    def __init__(
        self,
        mentions: Sequence[Mention],
        model: FellegiSunter | None = None,
        contexts: Sequence[Mapping[str, frozenset[str]]] | None = None,
    ) -> None:
        n = len(mentions)
        self.parent = list(range(n))
        self.mentions = mentions
        self.weights = None if model is None else [model.weights(f) for f in _POOLED]
        self.facts: dict[int, _FactSets] = {}
        self.forbidden: dict[int, set[int]] = {}
        self._members: dict[int, list[int]] = {}  # roots of more than one mention
        # the facts of each name once (kept for refinement): a corpus repeats names, and the
        # name engine's cache may not hold all the distinct names of a large one at once;
        # and each fact's set once, shared by the mentions that have it until a merge makes
        # a new one
        self.named: dict[tuple[str, NameKind], tuple[frozenset[str], frozenset[str]]] = {}
        single: dict[object, frozenset[Any]] = {}
        for i, m in enumerate(mentions):
            context = context_values(m) if contexts is None else contexts[i]
            facts = _fact_sets_of(m, context, self.named, single)
            if facts is not None:
                self.facts[i] = facts

    def mention_facts(self, i: int) -> _MentionFacts:
        """:func:`_mention_facts` of mention ``i``."""
        return _mention_facts(self.mentions[i], self.named)

    def members(self, root: int) -> list[int]:
        """The mentions of the entity whose root is ``root``."""
        return self._members.get(root) or [root]

    def joined(self) -> list[int]:
        """The mentions of the entities of more than one mention."""
        return [i for members in self._members.values() for i in members]

    def forbid(self, a: int, b: int) -> None:
        """Record that the mentions ``a`` and ``b`` (still singletons) must stay apart."""
        self.forbidden.setdefault(a, set()).add(b)
        self.forbidden.setdefault(b, set()).add(a)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def judged_apart(self, ra: int, rb: int) -> bool:
        """Whether a person judged a mention of ``ra`` different from one of ``rb``."""
        return any(self.find(x) == rb for x in self.forbidden.get(ra, ()))

    def conflict(self, ra: int, rb: int) -> str:
        """Why the entities of the roots ``ra`` and ``rb`` cannot be one ("" if nothing
        keeps them apart)."""
        if self.forbidden and self.judged_apart(ra, rb):
            return "a person judged them different"
        facts_a = self.facts.get(ra)
        if facts_a is None:
            return ""
        facts_b = self.facts.get(rb)
        if facts_b is None:
            return ""
        return _conflict(facts_a, facts_b, self.mentions[ra], self.weights)

    def union(self, ra: int, rb: int) -> int:
        members_a, members_b = self.members(ra), self.members(rb)
        if len(members_a) < len(members_b):
            ra, rb = rb, ra
            members_a, members_b = members_b, members_a
        self.parent[rb] = ra
        if ra in self._members:  # members_a is the list kept for ra
            members_a.extend(members_b)
        else:
            self._members[ra] = members_a + members_b
        self._members.pop(rb, None)
        facts_b = self.facts.pop(rb, None)
        if facts_b is not None:
            facts_a = self.facts.get(ra)
            self.facts[ra] = facts_b if facts_a is None else _joined(facts_a, facts_b)
        forbidden_b = self.forbidden.pop(rb, None)
        if forbidden_b:
            self.forbidden.setdefault(ra, set()).update(forbidden_b)
        return ra


#: An entity's birth years, genders, place levels, Han spellings and context values (by
#: feature), each ``None`` or empty where it has none: what :func:`_conflict` weighs.
_FactSets = tuple[
    frozenset[int] | None,
    frozenset[str] | None,
    frozenset[str] | None,
    frozenset[str] | None,
    Mapping[str, frozenset[str]] | None,
]


def _fact_sets_of(
    m: Mention,
    context: Mapping[str, frozenset[str]],
    named: dict[tuple[str, NameKind], tuple[frozenset[str], frozenset[str]]],
    single: dict[object, frozenset[Any]],
) -> _FactSets | None:
    """The facts of mention ``m`` alone (``context``: its context values, kept as they are),
    or ``None`` where it has none; ``named``: see :func:`_mention_facts`; ``single`` keeps
    one set of each single year or gender, shared by the mentions that give it."""
    year, gender, han, levels = _mention_facts(m, named)
    held = any(context.values())
    if year is None and gender is None and not han and not levels and not held:
        return None
    return (
        None if year is None else _one(single, year),
        None if gender is None else _one(single, gender),
        levels or None,
        han or None,
        context if held else None,
    )


def _joined(a: _FactSets, b: _FactSets) -> _FactSets:
    """The facts of an entity made of two with the facts ``a`` and ``b`` (a new record)."""
    context_a, context_b = a[4], b[4]
    context: Mapping[str, frozenset[str]] | None
    if context_a and context_b:
        both = dict(context_a)
        for feature, values in context_b.items():
            held = both.get(feature)
            both[feature] = held | values if held else values
        context = both
    else:
        context = context_a or context_b
    return (
        _united(a[0], b[0]),
        _united(a[1], b[1]),
        _united(a[2], b[2]),
        _united(a[3], b[3]),
        context,
    )


def _united(a: frozenset[Any] | None, b: frozenset[Any] | None) -> frozenset[Any] | None:
    if a and b:
        return a | b
    return a or b


def _conflict(
    a: _FactSets, b: _FactSets, first: Mention, weights: Sequence[tuple[float, ...]] | None
) -> str:
    """Why two entities with the facts ``a`` and ``b`` cannot be one ("" if nothing keeps
    them apart): different birth years, genders, kinds of place, or Han characters (of
    names of the kind of ``first``, a mention of the first) that the name engine does not
    take for one name, or contexts that together disagree strongly (by ``weights``, each
    pooled feature's, if there are any)."""
    years_a, genders_a, levels_a, han_a, context_a = a
    years_b, genders_b, levels_b, han_b, context_b = b
    if years_a and years_b and years_a != years_b:
        return _different_years(years_a, years_b)
    if genders_a and genders_b and genders_a != genders_b:
        return "different genders"
    if levels_a and levels_b and not (levels_a & levels_b):
        return f"different kinds of place ({sorted(levels_a | levels_b)})"
    if han_a and han_b:  # in order, so that the reason does not depend on string hashes
        kind = first.kind
        for ha, hb in itertools.product(sorted(han_a), sorted(han_b)):
            if ha != hb and not name_outcome(ha, hb, kind).same:
                return f"different characters ({ha} / {hb})"
    if weights is None or not context_a or not context_b:
        return ""
    total = 0.0
    disagree: list[str] = []
    for f, feature in enumerate(_POOLED):
        va, vb = context_a.get(feature), context_b.get(feature)
        if not va or not vb:
            continue
        agree = bool(va & vb)
        total += weights[f][1 if agree else 0]
        if not agree:
            disagree.append(feature)
    if total < _CONTEXT_VETO:
        return f"their contexts disagree ({', '.join(disagree)}: {total:+.1f} bits)"
    return ""


@functools.lru_cache(maxsize=4096)
def _different_years(years_a: frozenset[int], years_b: frozenset[int]) -> str:
    """The reason two entities with these different birth years cannot be one: the most
    frequent of all (most pairs of a common name are of different people), so each is
    made once."""
    return f"different birth years ({sorted(years_a | years_b)})"


#: What :func:`_mention_facts` gives of a mention: birth year, gender, the Han spelling of
#: its name (a set of one, or empty) and the place levels its name gives.
_MentionFacts = tuple[int | None, str | None, frozenset[str], frozenset[str]]


def _mention_facts(
    m: Mention, named: dict[tuple[str, NameKind], tuple[frozenset[str], frozenset[str]]]
) -> _MentionFacts:
    """A mention's birth year (``None`` if it gives none that reads as a whole number), its
    gender (the first letter, in capitals; ``None`` if it gives none) and its name's facts
    (:func:`_name_facts`, none for an organisation; ``named`` keeps those of each name)."""
    born: int | None = None
    year = m.attr("birth_year")
    try:
        if year is not None and str(year).strip():
            born = int(year)
    except (TypeError, ValueError):
        pass
    gender = m.attr("gender")
    sex = str(gender)[:1].upper() if gender else None
    if m.kind is NameKind.ORGANIZATION:
        return born, sex, _NO_FACTS, _NO_FACTS
    facts = named.get((m.name, m.kind))
    if facts is None:
        facts = named[m.name, m.kind] = _name_facts(m.name, m.kind)
    return born, sex, facts[0], facts[1]


_NO_FACTS: Final[frozenset[str]] = EMPTY_SET


def _one(shared: dict[object, frozenset[Any]], value: object) -> frozenset[Any]:
    """The set of ``value`` alone, one for all who ask (``shared`` keeps them)."""
    found = shared.get(value)
    if found is None:
        found = shared[value] = frozenset({value})
    return found


def _name_facts(name: str, kind: NameKind) -> tuple[frozenset[str], frozenset[str]]:
    """The Han characters of a person's or place's name (a set of one, or empty), and the
    levels of a place (province, city...) its name gives."""
    try:
        parsed = parse(name, kind)
    except ValueError:
        return _NO_FACTS, _NO_FACTS
    levels = _NO_FACTS
    if kind is NameKind.PLACE:
        levels = frozenset(q for q in parsed.qualifiers if q in _PLACE_LEVELS) or _NO_FACTS
    return (frozenset({parsed.han}) if parsed.han else _NO_FACTS), levels


class _Group:
    """A group of mentions as refinement weighs it, brought up to date as mentions join and
    leave rather than worked out again from its members: for each pooled context feature,
    its values with the number of members holding each and the number of members holding
    any (to fit a mention to the group), and the birth years, genders, place levels and Han
    spellings of its members with their counts (the facts :func:`_conflict` weighs)."""

    def __init__(self) -> None:
        self.counts: list[dict[str, int]] = [{} for _feature in _POOLED]
        self.holders: list[int] = [0 for _feature in _POOLED]
        self.years: dict[int, int] = {}
        self.genders: dict[str, int] = {}
        self.levels: dict[str, int] = {}
        self.han: dict[str, int] = {}

    def change(self, context: Mapping[str, frozenset[str]], facts: _MentionFacts, by: int) -> None:
        """Count a mention with ``context`` and ``facts`` in (``by`` 1) or out (-1)."""
        for f, feature in enumerate(_POOLED):
            values = context[feature]
            if values:
                counts = self.counts[f]
                for value in values:
                    _count(counts, value, by)
                self.holders[f] += by
        year, gender, han, levels = facts
        if year is not None:
            _count(self.years, year, by)
        if gender is not None:
            _count(self.genders, gender, by)
        for spelling in han:
            _count(self.han, spelling, by)
        for level in levels:
            _count(self.levels, level, by)

    def fact_sets(self) -> _FactSets:
        context = {
            feature: frozenset(counts)
            for feature, counts in zip(_POOLED, self.counts, strict=True)
            if counts
        }
        return (
            frozenset(self.years),
            frozenset(self.genders),
            frozenset(self.levels),
            frozenset(self.han),
            context,
        )


def _count(counts: dict[Any, int], value: object, by: int) -> None:
    """Add ``by`` to the count of ``value``; a count that falls to nought is removed."""
    left = counts.get(value, 0) + by
    if left:
        counts[value] = left
    else:
        del counts[value]


#: Largest count of keys or mentions whose codes _KeyRows stores in 32 bits.
_NARROW_MAX: Final = 2**31 - 1


class _KeyRows:
    """Which mentions hold which blocking key, kept as arrays for :meth:`Resolver.add`.

    A key is kept as a 64-bit hash of its text (pandas' ``hash_array``, the same in every
    process), not as the text, which is let go before the pairs are listed: at 100,000
    mentions the objects received from the keying workers and still held after pruning
    went from 55.4 to 35.7 MiB (``tracemalloc``), for 0.08 s of hashing 432,330 keys. Two
    keys of one hash (about one chance in 10**6 among millions of keys) only make ``add``
    compare a few more pairs. A key's code
    is its place among the sorted hashes; codes and mention indices are stored in 32 bits
    (the 1,807,852 rows of the 100k synthetic set take 13.8 MiB instead of 27.6 MiB), in 64
    bits past ``_NARROW_MAX`` of either. Rows are merged into the sorted arrays when first
    looked up, not when added: a resolution that is never added to does not pay for
    sorting the rows it stores.
    """

    def __init__(self) -> None:
        self.hashes: npt.NDArray[np.uint64] = np.zeros(0, dtype=np.uint64)  # sorted, distinct
        self.keys: npt.NDArray[np.integer[Any]] = np.zeros(0, dtype=np.int32)  # sorted codes
        self.mentions: npt.NDArray[np.integer[Any]] = np.zeros(0, dtype=np.int32)
        self._pending: list[tuple[npt.NDArray[np.uint64], IntArray, IntArray]] = []

    def rows(self, keys: Sequence[str]) -> tuple[IntArray, IntArray]:
        """(mention, index into ``keys``) of every stored mention holding one of ``keys``."""
        self.settle()
        if not len(keys) or not len(self.hashes):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        asked = _key_hashes(keys)
        place = np.minimum(np.searchsorted(self.hashes, asked), len(self.hashes) - 1)
        held = np.flatnonzero(self.hashes[place] == asked)
        code = place[held]
        lo = np.searchsorted(self.keys, code, side="left")
        count = np.searchsorted(self.keys, code, side="right") - lo
        # the rows lo[i] .. lo[i] + count[i] of each held key, one after another
        at = np.repeat(lo - (np.cumsum(count) - count), count) + np.arange(int(count.sum()))
        return self.mentions[at].astype(np.int64), np.repeat(held, count).astype(np.int64)

    def add(self, keys: Sequence[str], codes: IntArray, mentions: IntArray) -> None:
        """Store that ``mentions[r]`` holds ``keys[codes[r]]``."""
        narrow = max(len(keys), int(mentions.max(initial=0)) + 1) <= _NARROW_MAX
        if narrow:  # kept as the sorted arrays will be: half the memory until then
            codes, mentions = codes.astype(np.int32), mentions.astype(np.int32)
        self._pending.append((_key_hashes(keys), codes, mentions))

    def settle(self) -> None:
        """Merge the rows added since the last look-up into the sorted arrays."""
        pending, self._pending = self._pending, []
        for hashes, codes, mentions in pending:
            merged = np.union1d(self.hashes, hashes)
            old_k = np.searchsorted(merged, self.hashes)[self.keys]
            new_k = np.searchsorted(merged, hashes)[codes] if len(codes) else codes
            wide = max(len(merged), int(mentions.max(initial=0)) + 1) > _NARROW_MAX
            width: np.dtype[Any] = np.dtype(np.int64 if wide else np.int32)
            # each part narrowed first: no 64-bit copy of all the rows on the way
            merged_k = np.concatenate([old_k.astype(width), new_k.astype(width)])
            merged_m = np.concatenate([self.mentions.astype(width), mentions.astype(width)])
            order = stable_order(merged_k)
            self.hashes, self.keys, self.mentions = merged, merged_k[order], merged_m[order]


def _key_hashes(keys: Sequence[str]) -> npt.NDArray[np.uint64]:
    """A 64-bit hash of each key's text, the same in every process and run."""
    try:
        hashed = pd.util.hash_array(np.asarray(keys, dtype=object), categorize=False)
    except UnicodeEncodeError:  # a lone surrogate (from a name of hostile text): kept as is
        held = [key.encode("utf-8", "surrogatepass") for key in keys]
        hashed = pd.util.hash_array(np.asarray(held, dtype=object), categorize=False)
    return np.asarray(hashed, dtype=np.uint64)


#: Fewer distinct names than this: no helper process works aside (:class:`_Aside`).
ASIDE_MIN: Final = 5_000

#: With more than one worker, clustering is shared with a helper process (each takes
#: connected pieces holding about half the work; see _half) from this many merge
#: candidates on.
APART_MIN: Final = 200_000

#: ... and only where each side's share of the work (see _half) is at least this. Where
#: one piece outweighs the rest, it bounds the time whoever clusters the rest, while the
#: helper costs memory: it starts with this process's pages and adds its own. (On the
#: benchmark's mentions the split stays near even: at 1M the largest piece holds 44 % of
#: the merge candidates and the helper's side half the work.)
APART_SHARE: Final = 1 / 3

#: From this many distinct names of people and places on, clustering empties the name
#: engine's caches once it has what it needs of the names (their facts, the surname links):
#: what they hold of the names' parses and comparisons is not looked up again, and an
#: ``add`` or ``explain`` later works out again the few names it meets.
CLEAR_NAMES_MIN: Final = 50_000


class _Aside:
    """A helper process (:class:`ForkedHelper`) working beside :meth:`Resolver.resolve`
    while it lists the candidate pairs, on what does not wait for them: its calls are
    the pairs' calls given (call ``0``: the walked pairs), the mentions' contexts and
    columns, the people named by a surname alone by document
    (:meth:`Resolver._surnames_by_document`), then :meth:`ComparisonAhead.run` (the
    names worked out for the comparison workers, which it forks once the pairs of names
    are sent). Where the helper fails, this process does the work itself; the
    resolution is the same."""

    def __init__(self, helper: ForkedHelper, comparison: ComparisonAhead, pairs: int) -> None:
        self._helper = helper
        self._comparison = comparison
        self._columns_call, self._named_call = pairs, pairs + 1
        self._comparison_call = pairs + 2
        self._taken: set[int] = set()

    @classmethod
    def start(
        cls,
        pairs: Sequence[Callable[[], Any]],
        columns: Callable[[], Any],
        named: Callable[[], Any],
        names: Sequence[tuple[str, NameKind]],
        workers: int,
    ) -> _Aside | None:
        """Fork the helper with the two calls ``pairs``, then ``columns``, ``named`` and
        the comparison's; ``None`` where it cannot be forked."""
        try:
            comparison = ComparisonAhead(names, workers)
        except OSError:  # no pipe or shared memory to be had (too many open files)
            return None
        helper = ForkedHelper.start([*pairs, columns, named, comparison.run])
        if helper is None:
            comparison.close()
            return None
        return cls(helper, comparison, len(pairs))

    def result(self, k: int, call: Callable[[], Any]) -> Any:
        """The result of the helper's call ``k``, or of ``call()`` here if it failed."""
        try:
            return self._helper.result(k)
        except HelperError:
            return call()

    def columns(self) -> tuple[list[dict[str, frozenset[str]]], MentionColumns] | None:
        """The contexts and columns from the helper (once), or ``None``."""
        return cast(
            "tuple[list[dict[str, frozenset[str]]], MentionColumns] | None",
            self._once(self._columns_call),
        )

    def named(self) -> list[_Named] | None:
        """The people named by a surname alone or in full, by document, from the helper
        (once), or ``None``."""
        return cast("list[_Named] | None", self._once(self._named_call))

    def _once(self, k: int) -> Any:
        """The result of the helper's call ``k`` the first time it is asked for, if the
        helper made it; ``None`` otherwise."""
        if k in self._taken:
            return None
        self._taken.add(k)
        try:
            return self._helper.result(k)
        except HelperError:
            return None

    def scores(
        self, triples: list[NameTriple], progress: Callable[[int, int], None] | None
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]] | None:
        """The scores of the pairs of names, from the helper's comparison workers. The
        comparison is the helper's last call: it is let go at once, so that it does not
        hold what it worked out while this process builds the rest of the comparison
        vectors (at 100,000 mentions, about 640 MiB beside 70 MiB of this process's)."""
        try:
            return self._comparison.scores(
                lambda timeout: self._helper.result(self._comparison_call, timeout),
                triples,
                progress,
            )
        finally:
            self.close()

    def close(self) -> None:
        self._comparison.close()
        self._helper.close()


class Resolver:
    """Deduplicate mentions into entities, with explanations and human judgements.

    >>> r = Resolver()
    >>> res = r.resolve([Mention("m1", "毛泽东"), Mention("m2", "Mao Tse-tung"),
    ...                  Mention("m3", "王维"), Mention("m4", "王伟")])
    >>> res.entity_of["m1"] == res.entity_of["m2"], res.entity_of["m3"] == res.entity_of["m4"]
    (True, False)
    """

    def __init__(
        self,
        *,
        judgements: JudgementStore | None = None,
        threshold: float = 0.5,
        block_cap: int = BLOCK_CAP,
        loose_cap: int = LOOSE_CAP,
        window_from: int = WINDOW_FROM,
        window: int = WINDOW,
        partners: int = PARTNERS,
        progress: Callable[[int, int], None] | None = None,
        workers: int | None = None,
    ) -> None:
        self.judgements = judgements if judgements is not None else JudgementStore()
        for name, value in (
            ("workers", 1 if workers is None else workers),
            ("window_from", window_from),
            ("window", window),
            ("partners", partners),
        ):
            if value < 1:
                msg = f"Resolver({name}={value}): must be at least 1"
                raise ValueError(msg)
        #: Processes that share the name engine's work on large inputs (default: the
        #: processors this process may use, at most DEFAULT_WORKERS_MAX; 1 keeps everything
        #: in this process).
        self.workers = workers if workers is not None else _usable_processors()
        self.threshold = threshold
        self.block_cap = block_cap
        self.loose_cap = loose_cap
        #: Blocks larger than ``window_from`` are walked in sorted order (name, then
        #: context), each mention paired with the next ``window`` members.
        self.window_from = window_from
        self.window = window
        #: Each mention keeps its ``partners`` candidate pairs of most weight (the blocks
        #: they share, the smaller the heavier); a pair stays if either mention keeps it.
        self.partners = partners
        #: Called with (distinct name pairs compared, distinct name pairs of the candidate
        #: pairs) while ``resolve`` runs.
        self.progress = progress
        self.model: FellegiSunter | None = None
        self._mentions: list[Mention] = []
        self._index: dict[str, int] = {}
        self._keys = _KeyRows()
        self._pairs: PairFeatures | None = None
        self._prob: npt.NDArray[np.float64] = np.zeros(0)
        self._stats: dict[str, int] = {}
        self._resolution: Resolution | None = None
        self._context_cache: list[dict[str, frozenset[str]]] = []
        self._columns_cache: MentionColumns | None = None
        self._seed_ids: dict[str, str] = {}
        #: Score and Han conflict of pairs of names compared alongside the candidate pairs:
        #: the surnames of :meth:`_link_surnames_in_document` and the names of the random
        #: pairs of :meth:`_random_pairs`.
        self._compared: dict[NameTriple, tuple[float, bool]] = {}
        self._named_cache: tuple[int | None, int, list[_Named]] | None = None
        #: The helper process working beside ``resolve`` while it lists the pairs.
        self._aside: _Aside | None = None

    # -- public API -------------------------------------------------------------------

    @property
    def resolution(self) -> Resolution:
        """The current resolution (after ``resolve``, ``add`` or ``judge``)."""
        if self._resolution is None:
            msg = "nothing resolved yet: call resolve() first"
            raise InputError(msg)
        return self._resolution

    def resolve(
        self, mentions: Iterable[Mention], previous: Mapping[str, str] | None = None
    ) -> Resolution:
        """Resolve a batch of mentions from scratch (order of input does not matter).

        ``previous`` maps mention ids to the entity ids of an earlier resolution (a store's):
        an entity that holds mentions of an earlier entity keeps that entity's id, so ids
        stay put when documents are added and the whole corpus is resolved again.

        Python's cyclic garbage collector is paused while it runs, then restored as it was.
        """
        with _collector_paused():
            return self._resolve(mentions, previous)

    def _resolve(
        self, mentions: Iterable[Mention], previous: Mapping[str, str] | None
    ) -> Resolution:
        self._seed_ids = dict(previous or {})
        self._mentions, self._index, self._context_cache = [], {}, []
        self._columns_cache = None
        self._named_cache = None
        self._mentions = sorted(self._unique(mentions), key=lambda m: m.id)
        self._index = {m.id: i for i, m in enumerate(self._mentions)}
        self._keys = _KeyRows()
        try:
            ia, ib, stats = self._candidates(
                range(len(self._mentions)), within_only=True, aside=True
            )
            self._compared = {}
            random_a, random_b = self._random_pairs()
            self._pairs = compare_pairs(
                self._mentions,
                ia,
                ib,
                self._columns(),
                self.progress,
                workers=self.workers,
                names_of_conflicts=False,
                also=[*self._surname_pairs(None), *self._name_triples(random_a, random_b)],
                also_found=self._compared,
                ahead=None
                if self._aside is None
                else functools.partial(self._aside.scores, progress=self.progress),
            )
        finally:
            if self._aside is not None:
                self._aside.close()
                self._aside = None
        self.model = FellegiSunter.fit(
            self._pairs.levels,
            FEATURE_LEVELS,
            m_start=_M_START,
            u_start=_U_START,
            u_from=compare_pairs(
                self._mentions, random_a, random_b, self._columns(), known=self._compared
            ).levels,
        )
        self._prob = self.model.score(self._pairs.levels)
        self._stats = stats
        return self._cluster(incremental_from=None)

    def add(self, mentions: Iterable[Mention]) -> Resolution:
        """Attach new mentions to existing entities or create new ones.

        Existing entities keep their ids and are never merged with each other here (a full
        ``resolve`` of all mentions may merge two of them through a new mention); the model
        fitted by ``resolve`` is reused, and only pairs that involve a new mention are scored.
        """
        if self.model is None or self._pairs is None:
            return self.resolve(mentions)
        with _collector_paused():
            return self._add(mentions)

    def _add(self, mentions: Iterable[Mention]) -> Resolution:
        assert self.model is not None and self._pairs is not None
        fresh = [m for m in self._unique(mentions) if m.id not in self._index]
        fresh.sort(key=lambda m: m.id)
        start = len(self._mentions)
        for m in fresh:
            self._index[m.id] = len(self._mentions)
            self._mentions.append(m)
        new_idx = range(start, len(self._mentions))
        ia, ib, stats = self._candidates(new_idx, within_only=False)
        features = compare_pairs(
            self._mentions,
            ia,
            ib,
            self._columns(),
            workers=self.workers,
            names_of_conflicts=False,
            also=self._surname_pairs(start),
            also_found=self._compared,
        )
        prob = self.model.score(features.levels)
        old = self._pairs
        self._pairs = PairFeatures(
            np.concatenate([old.ia, features.ia]),
            np.concatenate([old.ib, features.ib]),
            {f: np.concatenate([old.levels[f], features.levels[f]]) for f in old.levels},
            np.concatenate([old.hard_conflict, features.hard_conflict]),
        )
        self._prob = np.concatenate([self._prob, prob])
        self._stats["keys_over_cap"] = self._stats.get("keys_over_cap", 0) + stats["keys_over_cap"]
        return self._cluster(incremental_from=start, keep_ids=True)

    def judge(
        self, a: str, b: str, verdict: Verdict | str, *, by: str, reason: str = ""
    ) -> Resolution:
        """Record a person's judgement on two mentions and apply it."""
        for mid in (a, b):
            if mid not in self._index:
                msg = f"unknown mention id {mid!r}"
                raise InputError(msg)
        self.judgements.add(Judgement(a, b, Verdict(verdict), by, reason))
        return self._cluster(incremental_from=None, keep_ids=True)

    def withdraw(self, a: str, b: str) -> Resolution:
        """Withdraw the judgement in force on a pair (kept in the history) and re-cluster."""
        self.judgements.withdraw(a, b)
        return self._cluster(incremental_from=None, keep_ids=True)

    def explain(self, a: str, b: str) -> PairExplanation:
        """The per-feature weights, the name engine's explanation and the decision for a pair."""
        if self.model is None:
            msg = "nothing resolved yet: call resolve() first"
            raise InputError(msg)
        for mid in (a, b):
            if mid not in self._index:
                msg = f"unknown mention id {mid!r}"
                raise InputError(msg)
        ia, ib = self._index[a], self._index[b]
        features = compare_pairs(
            self._mentions,
            np.asarray([ia], dtype=np.int64),
            np.asarray([ib], dtype=np.int64),
            self._columns(),
        )
        levels = {f: int(v[0]) for f, v in features.levels.items()}
        prob = float(self.model.score(features.levels)[0])
        ma, mb = self._mentions[ia], self._mentions[ib]
        outcome = name_outcome(ma.name, mb.name, ma.kind)
        same = self.resolution.entity_of[a] == self.resolution.entity_of[b]
        verdict = self._verdict(a, b, prob, bool(features.hard_conflict[0]), same)
        return PairExplanation(
            a, b, same, prob, self.model.breakdown(levels), tuple(levels.items()),
            outcome.explanation, verdict,
        )  # fmt: skip

    def candidate_pairs(self) -> list[tuple[str, str]]:
        """The mention id pairs that blocking put forward for comparison."""
        if self._pairs is None:
            return []
        ids = [m.id for m in self._mentions]
        return [(ids[a], ids[b]) for a, b in zip(self._pairs.ia, self._pairs.ib, strict=True)]

    # -- internals --------------------------------------------------------------------

    def _random_pairs(self) -> tuple[IntArray, IntArray]:
        """Randomly drawn pairs of mentions of one kind (deterministic), whose comparison
        vectors estimate u: every pair when there are few."""
        n = len(self._mentions)
        if n < 2:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        rng = np.random.default_rng(n)
        if n * (n - 1) // 2 <= U_SAMPLE:
            pairs = np.asarray(list(itertools.combinations(range(n), 2)), dtype=np.int64)
            ia, ib = pairs[:, 0], pairs[:, 1]
        else:
            ia = rng.integers(0, n, U_SAMPLE)
            ib = rng.integers(0, n, U_SAMPLE)
            keep = ia != ib
            ia, ib = ia[keep], ib[keep]
        kinds = np.asarray([m.kind.value for m in self._mentions])
        same_kind = kinds[ia] == kinds[ib]
        return ia[same_kind], ib[same_kind]

    def _name_triples(self, ia: IntArray, ib: IntArray) -> list[NameTriple]:
        """The distinct pairs of names of the pairs of mentions (ia[k], ib[k]), keyed as
        :func:`compare_pairs` keys the pairs ``also``."""
        found: dict[NameTriple, None] = {}
        for a, b in zip(ia.tolist(), ib.tolist(), strict=True):
            ma, mb = self._mentions[a], self._mentions[b]
            found[name_triple(ma.name, mb.name, ma.kind)] = None
        return list(found)

    def _unique(self, mentions: Iterable[Mention]) -> list[Mention]:
        seen: dict[str, Mention] = {}
        for m in mentions:
            known = seen.get(m.id)
            if known is None and m.id in self._index and self._mentions:
                known = self._mentions[self._index[m.id]]
            if known is not None and known != m:
                msg = f"mention id {m.id!r} is used twice with different content"
                raise DuplicateMentionError(msg)
            seen[m.id] = m
        return list(seen.values())

    def _candidates(
        self, indices: Iterable[int], *, within_only: bool, aside: bool = False
    ) -> tuple[IntArray, IntArray, dict[str, int]]:
        """Candidate pairs through shared blocking keys (recordlinkage's block indexer for
        blocks of at most ``window_from`` mentions, a walk in sorted order for larger ones)
        and through the ``initial`` blocks by sorted neighbourhood (see
        :func:`initial_blocks`); then each mention keeps its ``partners`` heaviest pairs with
        other names (:func:`_strongest`).

        With ``aside``, and several workers, a helper process is forked once the keys are
        numbered (:class:`_Aside`): it lists the walked pairs while this process lists the
        block and neighbourhood pairs, then works out the mentions' columns and the names
        for the comparison workers."""
        new = list(indices)
        first_new = new[0] if new else len(self._mentions)
        named = [(self._mentions[i].name, self._mentions[i].kind) for i in new]
        keyed = keys_of_names(named, self.workers)
        distinct_names = list(keyed)
        # the keys of each distinct name once (the mentions of a name hold the same keys),
        # in order of first mention, so that the keys are numbered as they first appear
        number: dict[tuple[str, NameKind], int] = {}
        of_name = np.empty(len(new), dtype=np.int64)
        rows_k: list[str] = []
        widths: list[int] = []
        for j, name in enumerate(named):
            at = number.get(name)
            if at is None:
                at = number[name] = len(widths)
                keys, (_initials_only, blocks) = keyed[name]
                rows_k.extend(keys)
                rows_k.extend(key for key, _value in blocks)
                widths.append(len(keys) + len(blocks))
            of_name[j] = at
        del named, number
        blocks_of = {name: found[1] for name, found in keyed.items()}
        del keyed  # the keys live on in rows_k, then once each in the factorized uniques
        name_codes, uniques = pd.factorize(pd.Series(rows_k, dtype=object))
        del rows_k
        width = np.asarray(widths, dtype=np.int64)
        del widths
        count = width[of_name]  # each mention's rows: its name's keys
        mention = np.repeat(np.asarray(new, dtype=np.int64), count)
        # row r of a mention whose rows start at s and whose name's keys start at t: t + r - s
        row = np.repeat((np.cumsum(width) - width)[of_name] - (np.cumsum(count) - count), count)
        row += np.arange(len(row), dtype=np.int64)
        codes = name_codes[row]
        del name_codes, count, row, of_name
        if not within_only:  # bring in the existing mentions that share a key with new ones
            old_m, old_k = self._keys.rows(uniques)
            mention, codes = np.concatenate([mention, old_m]), np.concatenate([codes, old_k])
        self._keys.add(uniques, codes[mention >= first_new], mention[mention >= first_new])
        n_rows = max(1, len(self._mentions))
        pair = distinct(codes.astype(np.int64) * n_rows + mention)  # each (key, mention) once
        codes, mention = pair // n_rows, pair % n_rows
        del pair
        family = [key.split("|", 2)[1] for key in uniques]
        is_initial = np.asarray([f == "initial" for f in family], dtype=bool)
        loose = np.asarray([f in _LOOSE_KEYS for f in family], dtype=bool)
        faint = np.asarray([f in _FAINT_KEYS for f in family], dtype=bool)
        del family  # a string per key: not kept while the pairs are listed
        initial = is_initial[codes]
        ordered = pd.DataFrame(
            {"mention": mention[initial], "key": np.asarray(uniques, dtype=object)[codes[initial]]}
        )
        codes, mention = codes[~initial], mention[~initial]
        sizes = np.bincount(codes, minlength=len(uniques))
        del uniques  # the text of every key: not kept while the pairs are listed
        cap = np.where(loose, min(self.loose_cap, self.block_cap), self.block_cap)
        too_big = (sizes > cap) & ~is_initial
        skipped = int(too_big.sum())
        keep = (sizes[codes] >= 2) & ~too_big[codes]
        walk = keep & (sizes[codes] > self.window_from)
        keep &= ~walk
        n = max(1, len(self._mentions))
        calls: list[Callable[[], Any]] = [
            functools.partial(self._walked_pairs, mention, codes, walk, sizes, n),
        ]
        self._aside = None
        if aside and self.workers > 1 and len(distinct_names) >= ASIDE_MIN:
            self._aside = _Aside.start(
                calls,
                self._columns_and_contexts,
                functools.partial(self._surnames_by_document, None),
                distinct_names,
                self.workers,
            )
        del distinct_names
        names = self._name_codes()
        weighed = sizes * np.where(faint, _FAINT_FACTOR, 1)  # a faint block weighs as a big one
        found = [_held(*_block_pairs(mention[keep], codes[keep], weighed, n, names))]
        # the neighbourhood pairs here too, while the helper walks the large blocks: at
        # 1,000,000 mentions the helper took about three times as long for both as this
        # process for its blocks (py-spy's samples)
        neighbours, nw, capped = self._neighbourhood_pairs(ordered, blocks_of)
        neighbours, nw = _held(neighbours, nw)
        del ordered, blocks_of
        beside = self._aside
        walked = calls[0]() if beside is None else beside.result(0, calls[0])
        del calls
        keys_walked = len(distinct(codes[walk]))
        del mention, codes, keep, walk, initial  # the rows of (key, mention): not kept either
        found += [walked, (neighbours, nw)]
        del walked, neighbours, nw  # let go of each source's pairs once they are joined
        code, weight = summed_parts(found)  # no source pairs a mention with itself
        if not within_only:
            keep = (code % n) >= first_new
            code, weight = code[keep], weight[keep]
        same_name = np.concatenate(
            [
                names[c // n] == names[c % n]
                for c in np.array_split(code, 1 + len(code) // 4_000_000)
            ]
        )  # in slices: four temporary arrays as long as the pairs would outweigh the rest
        # pruned apart from the pairs of one name, which stay; each pair-long array is let
        # go once it has been used (these are the largest arrays of the resolution)
        kept = code[same_name]
        other = ~same_name
        del same_name
        code, weight = compacted(code, other), compacted(weight, other)  # no second copy
        del other
        heaviest = _heaviest_first(weight, n)
        del weight
        strong = _strongest_in_order(code, heaviest, n, self.partners)
        del heaviest
        pruned = len(code) - int(strong.sum())
        code = merged(kept, code[strong])
        del kept, strong
        ia, ib = (code // n).astype(np.int64), (code % n).astype(np.int64)
        del code
        trim_heap()  # what the pairs before pruning held, before the comparison
        total = len(self._mentions)
        stats = {
            "mentions": total,
            "candidate_pairs": len(ia),
            "all_pairs": total * (total - 1) // 2,
            "keys_over_cap": skipped + capped,
            "keys_walked": keys_walked,
            "pairs_pruned": pruned,
        }
        return ia, ib, stats

    def _walked_pairs(
        self, mention: IntArray, key: IntArray, walk: npt.NDArray[np.bool_], sizes: IntArray, n: int
    ) -> tuple[IntArray, IntArray]:
        """The pairs of the blocks too large to list whole (the rows ``walk`` of
        ``mention``, ``key``; taken here, so that a helper, not its parent, holds them), by
        a walk in the order of :meth:`_sort_ranks` (:func:`_window_pairs`)."""
        if not walk.any():
            return _NO_PAIRS
        mention, key = mention[walk], key[walk]
        rank = self._sort_ranks(distinct(mention))
        return _held(*_window_pairs(mention, key, sizes, rank, n, window=self.window))

    def _sort_ranks(self, which: IntArray) -> IntArray:
        """The rank of each mention of ``which`` (the others get 0) in the order large
        blocks are walked in: by the reading of its name, then by birth year, place,
        organisation, role, country and document, so that near spellings, and mentions of
        one name in one context, sit side by side. Only the walked mentions are ranked, so
        that ``add`` does not rank the whole corpus."""
        contexts = self._contexts()
        rows = []
        for i in which.tolist():
            m, c = self._mentions[i], contexts[i]
            year = m.attr("birth_year")
            rows.append(
                (
                    sort_value(m.name, m.kind),
                    "" if year is None else str(year),
                    " ".join(sorted(c["place"])),
                    " ".join(sorted(c["org"])),
                    " ".join(sorted(c["role"])),
                    " ".join(sorted(c["country"])),
                    m.document or "",
                    m.id,
                )
            )
        order = np.asarray(sorted(range(len(rows)), key=rows.__getitem__), dtype=np.int64)
        rank = np.zeros(len(self._mentions), dtype=np.int64)
        rank[which[order]] = np.arange(len(rows), dtype=np.int64)
        return rank

    def _neighbourhood_pairs(
        self, rows: pd.DataFrame, blocks_of: Mapping[tuple[str, NameKind], InitialBlocks]
    ) -> tuple[IntArray, IntArray, int]:
        """Pairs from the ``initial`` blocks (``rows``: mention, key; ``blocks_of``: the
        :func:`initial_blocks` of the new mentions' names, from :func:`keys_of_names`).

        Within a block, mentions with the same rest of the name are grouped; each group is
        paired with the next ``NEIGHBOURHOOD`` groups in the block's order (near spellings),
        unless both groups are large (two common names, not one name misspelt); a name
        written with initials only is paired with every member of a block of at most
        ``block_cap``. Returns the pairs (as codes ``lo * n + hi``, each once), their weights
        (1/size of the block, summed over blocks) and the number of blocks too large for
        pairing initials with every member.
        """
        if not len(rows):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0
        names = [self._mentions[i] for i in rows["mention"]]
        values, probes = [], []
        for m, key in zip(names, rows["key"], strict=True):
            known = blocks_of.get((m.name, m.kind))  # an earlier mention's (add) is not there
            initials_only, blocks = known if known is not None else initial_blocks(m.name, m.kind)
            values.append(dict(blocks).get(key, ""))
            probes.append(initials_only)
        rows = rows.assign(value=values, probe=probes)
        group = rows.groupby(["key", "value"], sort=True).ngroup().to_numpy(dtype=np.int64)
        rows = rows.assign(group=group)
        count = np.bincount(group)
        block = rows.groupby("group")["key"].first().factorize()[0]  # block of each group
        pairs_a: list[IntArray] = []
        pairs_b: list[IntArray] = []
        for d in range(1, NEIGHBOURHOOD + 1):
            g = np.arange(len(count) - d, dtype=np.int64)
            ok = (block[g] == block[g + d]) & (count[g] * count[g + d] <= self.block_cap)
            pairs_a.append(g[ok])
            pairs_b.append(g[ok] + d)
        ga, gb = np.concatenate(pairs_a), np.concatenate(pairs_b)
        n = max(1, len(self._mentions))
        counts = rows["key"].value_counts()
        group_size = rows.groupby("group")["key"].first().map(counts).to_numpy(dtype=np.int64)
        by_group = rows["mention"].to_numpy(dtype=np.int64)[stable_order(group)]
        group_start = np.r_[0, np.cumsum(count)[:-1]]
        found = [
            _cross(
                ga, gb, members=by_group, starts=group_start, counts=count,
                weight=_UNIT // group_size[ga], n=n,
            )
        ]  # fmt: skip
        sizes = rows["key"].map(counts).to_numpy(dtype=np.int64)
        probe = rows["probe"].to_numpy(dtype=bool)
        capped = int(rows.loc[probe & (sizes > self.block_cap), "key"].nunique())
        probe &= sizes <= self.block_cap
        if probe.any():  # a name with initials only meets every member of its block
            key = rows["key"].factorize()[0]
            key_count = np.bincount(key)
            by_key = rows["mention"].to_numpy(dtype=np.int64)[stable_order(key)]
            key_start = np.r_[0, np.cumsum(key_count)[:-1]]
            own = np.flatnonzero(probe)  # each probe row is a group of one: itself
            found.append(
                _cross(
                    own, key[own], members=rows["mention"].to_numpy(dtype=np.int64),
                    starts=np.arange(len(rows)), counts=np.ones(len(rows), dtype=np.int64),
                    weight=_UNIT // sizes[own], n=n,
                    starts_b=key_start, counts_b=key_count, members_b=by_key,
                )
            )  # fmt: skip
        code, weight = summed_parts(found)
        return code, weight, capped

    def _name_level(self, a: str, b: str) -> int:
        ma, mb = self._mentions[self._index[a]], self._mentions[self._index[b]]
        return _level(name_outcome(ma.name, mb.name, ma.kind).score)

    def _verdict(self, a: str, b: str, prob: float, hard: bool, same: bool) -> str:
        judged = self.judgements.in_force().get((a, b) if a <= b else (b, a))
        if judged is not None and judged.verdict is not Verdict.UNSURE:
            return f"judged {judged.verdict.value} by {judged.by}: {judged.reason}".rstrip(": ")
        if same and prob >= self.threshold and not hard:
            return "linked by the model"
        if same:
            return "in one entity through other mentions"
        if not self._is_candidate(a, b):
            # a pair that blocking never put forward was never scored: say so, rather
            # than give a reason the resolver did not have
            return (
                "not compared: the two names share no blocking key, so the model never "
                "scored this pair (the probability above is computed now)"
            )
        if prob >= self.threshold and self._name_level(a, b) < _MIN_NAME_LEVEL:
            return "not linked: the names cannot be the same name, whatever the context says"
        if hard:
            return "kept apart: a hard conflict (birth year, gender or characters)"
        if prob < self.threshold:
            return f"not linked: match probability below {self.threshold}"
        refused = self._refusal(a, b)
        if refused:
            return f"not linked: {refused}"
        return "not linked: joining would break a constraint of the entities"

    def _is_candidate(self, a: str, b: str) -> bool:
        """Whether blocking put the pair forward (in either order)."""
        if self._pairs is None:
            return False
        ia, ib = self._index[a], self._index[b]
        pairs = self._pairs
        return bool(
            np.any((pairs.ia == ia) & (pairs.ib == ib))
            or np.any((pairs.ia == ib) & (pairs.ib == ia))
        )

    def _refusal(self, a: str, b: str) -> str:
        """The reason recorded when the merge of this very pair was refused, if it was."""
        for decision in self.resolution.decisions:
            if {decision.a, decision.b} == {a, b} and not decision.merged and decision.reason:
                return decision.reason
        return ""

    def _cluster(self, *, incremental_from: int | None, keep_ids: bool = False) -> Resolution:
        """Entities from the scored pairs: judged-same pairs first, then greedy merging,
        the surname links and refinement (:meth:`_merge`), in the connected pieces of the
        merge candidates (:meth:`_pieces`), about half of them in a helper process on
        large inputs; the decisions come out in the order of a run in one process."""
        assert self._pairs is not None and self.model is not None
        clusters = _Clusters(self._mentions, self.model, self._contexts())
        decisions: list[MergeDecision] = []
        version = self.model.version
        judged = self.judgements.in_force()
        if keep_ids and self._resolution:
            previous: Mapping[str, str] = self._resolution.entity_of
        else:
            previous = self._seed_ids
        if incremental_from is not None:  # existing entities stay as they were
            first_of: dict[str, int] = {}
            for i in range(incremental_from):
                entity = previous.get(self._mentions[i].id)
                if entity is None:
                    continue
                if entity in first_of:
                    ra, rb = clusters.find(first_of[entity]), clusters.find(i)
                    if ra != rb:
                        clusters.union(ra, rb)
                else:
                    first_of[entity] = i
        for (a, b), j in sorted(judged.items()):
            if j.verdict is Verdict.DIFFERENT and a in self._index and b in self._index:
                clusters.forbid(self._index[a], self._index[b])
        for (a, b), j in sorted(judged.items()):
            if j.verdict is not Verdict.SAME or a not in self._index or b not in self._index:
                continue
            ra, rb = clusters.find(self._index[a]), clusters.find(self._index[b])
            if ra == rb:
                continue
            blocked = clusters.judged_apart(ra, rb)
            if not blocked:
                clusters.union(ra, rb)
            decisions.append(
                MergeDecision(a, b, not blocked, 1.0, (), "person", version,
                              j.reason or f"judged same by {j.by}")
            )  # fmt: skip
        plan = self._merge_plan(incremental_from)
        piece = self._pieces(clusters, plan)
        merge = functools.partial(
            self._merge, clusters, plan, judged, incremental_from, piece=piece
        )
        n = len(self._mentions)
        if len(clusters.named) >= CLEAR_NAMES_MIN:
            clear_name_caches()
            trim_heap()
        theirs = None  # the helper's half, if one is worth forking
        if self.workers > 1 and len(plan.ia) >= APART_MIN:
            theirs = _half(piece, piece[plan.ia])
        helper = None
        if theirs is not None:
            trim_heap()  # so that the helper does not start with freed memory
            helper = ForkedHelper.start([functools.partial(merge, part=theirs, alone_from=2 * n)])
        if helper is None or theirs is None:
            records, _tags, labels = merge(part=np.ones(n, dtype=bool))
            decisions.extend(itertools.starmap(MergeDecision, records))
        else:
            with helper:
                records, tags, labels = merge(part=~theirs)
                made = list(itertools.starmap(MergeDecision, records))  # while the helper works
                del records  # the records' tuples, millions at 1M, before the helper's arrive
                try:
                    other, other_tags, other_labels = helper.result(0)
                except HelperError:
                    other, other_tags, other_labels = merge(part=theirs, alone_from=2 * n)
            labels[theirs] = other_labels[theirs]
            made.extend(itertools.starmap(MergeDecision, other))
            del other
            both = np.argsort(np.concatenate([tags, other_tags]), kind="stable")
            for start in range(0, len(both), _ORDER_BATCH):  # not millions of ints at once
                decisions.extend(map(made.__getitem__, both[start : start + _ORDER_BATCH].tolist()))
            del made
        return self._finish(labels.tolist(), decisions, previous)

    def _pieces(self, clusters: _Clusters, plan: _MergePlan) -> IntArray:
        """The connected piece of each mention in the graph of the merge candidates, the
        surname links and the unions made so far (judged or existing entities): merging
        and refinement in one piece never touch another."""
        n = len(self._mentions)
        ends_a, ends_b = [plan.ia], [plan.ib]
        if plan.surnames:
            ends_a.append(np.asarray([i for _d, i, js in plan.surnames for _j in js]))
            ends_b.append(np.asarray([j for _d, _i, js in plan.surnames for j in js]))
        joined = clusters.joined()
        if joined:  # each joined mention to its root (itself, for a root)
            ends_a.append(np.asarray(joined))
            ends_b.append(np.asarray([clusters.find(i) for i in joined]))
        a, b = np.concatenate(ends_a), np.concatenate(ends_b)
        graph = sparse.coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
        _count, piece = csgraph.connected_components(graph, directed=False)
        return np.asarray(piece, dtype=np.int64)

    def _merge_plan(self, incremental_from: int | None) -> _MergePlan:
        """The merge candidates in the order greedy merging tries them: by match
        probability, then by pair; only pairs at the threshold whose names can be one and
        without a hard conflict (context can confirm a name match, never replace one)."""
        assert self._pairs is not None and self.model is not None
        pairs = self._pairs
        order = np.flatnonzero(
            (self._prob >= self.threshold)
            & ~pairs.hard_conflict
            & (pairs.levels["name"] >= _MIN_NAME_LEVEL)
        )
        order = order[np.lexsort((pairs.ib[order], pairs.ia[order], -self._prob[order]))]
        bare_apart = self._bare_surnames_unconfirmed(pairs)
        return _MergePlan(
            ia=pairs.ia[order],
            ib=pairs.ib[order],
            prob=self._prob[order],
            rows=np.stack([pairs.levels[f][order] for f in self.model.features], axis=1),
            unconfirmed=bare_apart[order],
            surnames=self._surname_links(incremental_from),
        )

    def _merge(
        self,
        clusters: _Clusters,
        plan: _MergePlan,
        judged: Mapping[tuple[str, str], Judgement],
        incremental_from: int | None,
        *,
        piece: IntArray,
        part: npt.NDArray[np.bool_],
        alone_from: int | None = None,
    ) -> tuple[list[_Record], IntArray, IntArray]:
        """Greedy merging, then the surname links, then refinement, of the mentions of
        ``part`` (a union of connected pieces: no candidate pair, surname link or earlier
        union joins it to the rest). Returns the records of the decisions in the order a
        run over all mentions makes them, with the place of each in that order
        (:func:`_tag`), and the label of each mention of ``part`` (labels of mentions left
        on their own by refinement count from ``alone_from``, by default the number of
        mentions)."""
        assert self.model is not None
        version = self.model.version
        records: list[_Record] = []
        tags: list[int] = []
        taken = np.flatnonzero(part[plan.ia])
        # piece by piece (each in the order of the plan), so that a piece's mentions are met
        # again soon, while the caches are likelier to hold them; the records are put in
        # order at the end
        taken = taken[stable_order(piece[plan.ia[taken]])]
        pair_rows = itertools.chain.from_iterable(
            zip(
                chunk.tolist(),
                plan.ia[chunk].tolist(),
                plan.ib[chunk].tolist(),
                plan.prob[chunk].tolist(),
                strict=True,
            )  # a chunk at a time: a million pairs as Python numbers weigh about 100 MB
            for chunk in (
                taken[lo : lo + _MERGE_CHUNK] for lo in range(0, len(taken), _MERGE_CHUNK)
            )
        )
        rows, unconfirmed = plan.rows, plan.unconfirmed
        breakdowns: dict[tuple[int, ...], tuple[tuple[str, float], ...]] = {}  # by levels
        for k, ia, ib, prob in pair_rows:
            ra, rb = clusters.find(ia), clusters.find(ib)
            if ra == rb:
                continue
            if incremental_from is not None and ia < incremental_from and ib < incremental_from:
                continue  # existing entities are not merged by add()
            if (
                incremental_from is not None
                and min(ia, ib) < incremental_from
                and _joins_existing_entities(clusters, ra, rb, incremental_from)
            ):
                continue
            a, b = self._mentions[ia].id, self._mentions[ib].id
            why = clusters.conflict(ra, rb)
            row = tuple(rows[k].tolist())
            weights = breakdowns.get(row)
            if weights is None:
                weights = breakdowns[row] = self.model.breakdown_row(row)
            tags.append(_tag(_GREEDY, k))
            if not why and unconfirmed[k]:
                why = _BARE_SURNAMES
            if why:
                records.append((a, b, False, prob, weights, "rule", version, why))
                continue
            clusters.union(ra, rb)
            records.append((a, b, True, prob, weights, "model", version, ""))
        self._link_surnames_in_document(clusters, plan.surnames, part, records, tags)
        labels = self._refine(
            clusters, judged, incremental_from, plan, piece=piece, part=part,
            records=records, tags=tags,
            alone_from=len(self._mentions) if alone_from is None else alone_from,
        )  # fmt: skip
        tagged = np.asarray(tags, dtype=np.int64)
        order = np.argsort(tagged)
        # taken as they are (a comprehension would unpack each record and pack it again)
        return list(map(records.__getitem__, order.tolist())), tagged[order], labels

    def _bare_surnames_unconfirmed(self, pairs: PairFeatures) -> npt.NDArray[np.bool_]:
        """Which pairs are of two people named by a surname alone ("Premier Li", "President
        Li") in different documents, whose birth year, role, organisation and place agree
        in nothing: two premiers Li are as likely as one, so the model does not link them
        (nor does refinement move one to the other)."""
        columns = self._columns()
        person = columns.kind_codes == list(NameKind).index(NameKind.PERSON)
        bare_name = np.zeros(len(columns.unique_names), dtype=bool)
        for code in distinct(columns.name_codes[person]).tolist():  # people's names only
            bare_name[code] = _surname_alone(columns.unique_names[code])
        bare = bare_name[columns.name_codes] & person
        ia, ib = pairs.ia, pairs.ib
        found: npt.NDArray[np.bool_] = (
            bare[ia] & bare[ib] & (columns.document[ia] != columns.document[ib])
        )
        for feature in ("birth_year", "role", "org", "place"):
            found &= pairs.levels[feature] < 1
        return found

    def _surname_links(self, incremental_from: int | None) -> list[_SurnameLink]:
        """A person named by a surname alone ("Luo") and, in the same document, the people
        of that surname named in full ("Luo Renkai"), for each such mention that has any
        (see :meth:`_link_surnames_in_document`)."""
        links: list[_SurnameLink] = []
        for document, short, full in self._surnames_by_document(incremental_from):
            for i, surname in short:
                matches = [j for j, other in full if self._same_surname(surname, other)]
                if matches:
                    links.append((document, i, matches))
        return links

    def _link_surnames_in_document(
        self,
        clusters: _Clusters,
        links: Sequence[_SurnameLink],
        part: npt.NDArray[np.bool_],
        records: list[_Record],
        tags: list[int],
    ) -> None:
        """Link a person named by surname alone ("Luo") to the one person of that surname
        named in full in the same document ("Luo Renkai"), as writers do after a first
        mention (``links``, from :meth:`_surname_links`; those of mentions in ``part``).
        With two people of that surname in the document nothing is linked, and the
        decision says why; across documents a bare surname is never linked this way.
        """
        assert self.model is not None
        version = self.model.version
        for k, (document, i, matches) in enumerate(links):
            if not part[i]:
                continue
            roots = sorted({clusters.find(j) for j in matches})
            mention = self._mentions[i].id
            partner = min(self._mentions[j].id for j in matches)
            if len(roots) > 1:
                names = sorted({self._mentions[j].name for j in matches})
                why = (
                    f"surname alone, and {len(roots)} people of that surname are named in "
                    f"document {document}: {', '.join(names)}"
                )
                tags.append(_tag(_SURNAMES, k))
                records.append((mention, partner, False, 0.0, (), "rule", version, why))
                continue
            ra, rb = clusters.find(i), roots[0]
            if ra == rb:
                continue
            tags.append(_tag(_SURNAMES, k))
            why = clusters.conflict(ra, rb)
            if why:
                records.append((mention, partner, False, 0.0, (), "rule", version, why))
                continue
            clusters.union(ra, rb)
            full_name = self._mentions[self._index[partner]].name
            why = (
                f"surname alone, in the same document ({document}) as the one person of "
                f"that surname: {full_name}"
            )
            records.append((mention, partner, True, 1.0, (), "rule", version, why))

    def _surnames_by_document(self, incremental_from: int | None) -> list[_Named]:
        """Per document with both: its people named by a surname alone (new ones only,
        with ``incremental_from``) and those named in full, each with the surname as
        written; worked out once per mention list and ``incremental_from`` (by the helper,
        when one works aside)."""
        from sistercity_provenance.names import parse  # noqa: PLC0415 - cached

        cached = self._named_cache
        if cached is not None and cached[:2] == (incremental_from, len(self._mentions)):
            return cached[2]
        if incremental_from is None and self._aside is not None:
            found = self._aside.named()
            if found is not None:
                self._named_cache = (None, len(self._mentions), found)
                return found
        by_document: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(self._mentions):
            if m.kind is NameKind.PERSON and m.document:
                by_document[m.document].append(i)
        named: list[_Named] = []
        for document in sorted(by_document):
            short: list[tuple[int, str]] = []
            full: list[tuple[int, str]] = []
            for i in by_document[document]:
                try:
                    parsed = parse(self._mentions[i].name, NameKind.PERSON)
                except ValueError:
                    continue
                if len(parsed.surname) != 1:
                    continue
                if parsed.given or parsed.aliases:
                    full.append((i, parsed.surname[0]))
                elif incremental_from is None or i >= incremental_from:
                    short.append((i, parsed.surname[0]))
            if short and full:
                named.append((document, short, full))
        self._named_cache = (incremental_from, len(self._mentions), named)
        return named

    def _surname_pairs(self, incremental_from: int | None) -> list[NameTriple]:
        """The pairs of surnames that :meth:`_link_surnames_in_document` will compare, to
        be compared alongside the candidate pairs (in the workers, when they share them)."""
        return sorted(
            {
                name_triple(surname, other, NameKind.PERSON)
                for _document, short, full in self._surnames_by_document(incremental_from)
                for _i, surname in short
                for _j, other in full
            }
        )

    def _same_surname(self, a: str, b: str) -> bool:
        """Whether the name engine calls two surnames the same name (compared alongside the
        candidate pairs, or now, through the name engine's cache)."""
        found = self._compared.get(name_triple(a, b, NameKind.PERSON))
        if found is None:
            return name_outcome(a, b, NameKind.PERSON).same
        return found[0] >= THRESHOLD  # the name engine's "same": a score at its threshold

    def _refine(
        self,
        clusters: _Clusters,
        judged: Mapping[tuple[str, str], Judgement],
        incremental_from: int | None,
        plan: _MergePlan,
        *,
        piece: IntArray,
        part: npt.NDArray[np.bool_],
        records: list[_Record],
        tags: list[int],
        alone_from: int,
    ) -> IntArray:
        """Move a mention whose links fit another entity clearly better (one pass).

        Greedy merging takes a mention's strongest single link; an ambiguous romanized name
        (Liu Xiang: 刘翔 or 劉湘) can land in the wrong entity before that entity's context is
        known. Each mention is scored against every entity it has links to, using the
        entity's pooled context, and moved when another entity fits by a clear margin and
        no constraint forbids it. Judged mentions are never moved. A mention joined by one
        link that fits its entity and another, which cannot be one, equally well is left on
        its own. A mention's links are its merge candidates in ``plan`` but those the
        model may not link (two bare surnames unconfirmed: see
        :meth:`_bare_surnames_unconfirmed`).

        Only the mentions of ``part`` are refined (their links stay within it), piece by
        piece (``piece``: see :meth:`_pieces`); the records of ``part``'s decisions so far
        (``records``, ``tags``) are amended in place. Returns each mention's label (the
        labels of mentions outside ``part`` are their own indices); a mention left on its
        own gets a label from ``alone_from`` on.
        """
        assert self.model is not None
        n = len(self._mentions)
        version = self.model.version
        mine = np.flatnonzero(part)
        labels = list(range(n))
        for i in mine.tolist():
            labels[i] = clusters.find(i)
        pinned = {self._index[x] for pair in judged for x in pair if x in self._index}
        linked = ~plan.unconfirmed & part[plan.ia]
        name_level = plan.rows[:, self.model.features.index("name")]
        links = _Links(plan.ia[linked], plan.ib[linked], name_level[linked], plan.prob[linked], n)
        members: dict[int, list[int]] = defaultdict(list)
        for i in mine.tolist():  # each entity's members in order
            members[labels[i]].append(i)
        # merged decisions by mention, so that a move finds its mention's links at once;
        # demoted decisions are dropped from their place and appended, in order of moves
        merged_of: dict[str, list[int]] = defaultdict(list)
        for k, record in enumerate(records):
            if record[2]:
                merged_of[record[0]].append(k)
                merged_of[record[1]].append(k)
        dropped: set[int] = set()

        def demote(mention: str, reason: str, i: int) -> int:
            """Undo ``mention``'s merge decisions for ``reason`` (refining mention ``i``):
            each leaves its place and is appended, demoted. Returns how many were."""
            made = 0
            for k in merged_of.pop(mention, []):
                if k not in dropped:
                    dropped.add(k)
                    records.append(_demoted(records[k], reason))
                    tags.append(_tag(_REFINED, i, made))
                    made += 1
            return made

        contexts = self._contexts()
        name_weights = self.model.weights("name")
        context_weights = clusters.weights
        assert context_weights is not None  # the clusters were made with the model
        groups: dict[int, _Group] = {}  # those of the current piece (none spans two)
        alone: set[int] = set()  # labels of mentions left on their own (ambiguous)
        order = mine[stable_order(piece[mine])]
        current = -1
        for i, at in zip(order.tolist(), piece[order].tolist(), strict=True):
            if at != current:
                current = at
                groups.clear()
            if i in pinned or not links.has(i):
                continue
            if incremental_from is not None and i < incremental_from:
                continue
            own = labels[i]
            partners, levels = links.of(i)
            if all(labels[j] == own for j in partners):  # the most common case, made cheap
                continue
            best_level: dict[int, int] = {}  # entity → best name level of i's links into it
            for j, level in zip(partners, levels, strict=True):
                c = labels[j]
                if level > best_level.get(c, -1):
                    best_level[c] = level
            candidates = [c for c in best_level if c != own and c not in alone]
            if not candidates:
                continue
            candidates.append(own)
            scores: dict[int, float] = {}
            for c in candidates:
                group = groups.get(c)
                if group is None:
                    group = groups[c] = self._group(members[c], clusters)
                scores[c] = self._fit(
                    i, members[c], group, best_level.get(c), c == own,
                    name_weights=name_weights, context_weights=context_weights,
                )  # fmt: skip
            best, rival = _best_two(scores, own)
            if best == own or scores[best] < scores[own] + _MOVE_MARGIN:
                mention = self._mentions[i].id
                if (
                    abs(scores[rival] - scores[own]) < _TIE_MARGIN
                    and best_level.get(rival) == best_level.get(own)
                    and len(members[own]) > 1
                    and len(merged_of.get(mention, ())) == 1  # joined by one link only
                    and links.strongest_into(i, labels, own)
                    == links.strongest_into(i, labels, rival)
                    and self._may_join(i, groups[rival], clusters)
                    and not self._groups_may_join(
                        members[own][0], groups[own], groups[rival], context_weights
                    )
                ):
                    members[own].remove(i)
                    groups[own].change(contexts[i], clusters.mention_facts(i), -1)
                    labels[i] = alone_from + len(alone)  # a label no root has
                    members[labels[i]] = [i]
                    alone.add(labels[i])
                    others = (members[own], members[rival])
                    first, second = (min(self._mentions[j].id for j in g) for g in others)
                    reason = (
                        f"left on its own: fits the entities of {first} and {second} about "
                        f"equally well ({scores[own]:.1f} and {scores[rival]:.1f} bits, name "
                        "and pooled context), and they cannot be one"
                    )
                    demote(mention, reason, i)
                continue
            if not self._may_join(i, groups[best], clusters):
                continue
            members[own].remove(i)
            members[best].append(i)
            labels[i] = best
            facts = clusters.mention_facts(i)
            groups[own].change(contexts[i], facts, -1)
            groups[best].change(contexts[i], facts, 1)
            mention = self._mentions[i].id
            partner = min(self._mentions[j].id for j in members[best] if j != i)
            reason = (
                f"moved by refinement: fits the entity of {partner} better by "
                f"{scores[best] - scores[own]:.1f} bits (name and pooled context)"
            )
            demoted = demote(mention, reason, i)
            merged_of[mention].append(len(records))
            merged_of[partner].append(len(records))
            records.append((mention, partner, True, 1.0, (), "model", version, reason))
            tags.append(_tag(_REFINED, i, demoted))
        if dropped:
            keep = np.ones(len(records), dtype=bool)
            keep[np.fromiter(dropped, dtype=np.int64, count=len(dropped))] = False
            kept = keep.tolist()
            records[:] = itertools.compress(records, kept)  # records are not unpacked
            tags[:] = itertools.compress(tags, kept)
        return np.asarray(labels, dtype=np.int64)

    def _contexts(self) -> list[dict[str, frozenset[str]]]:
        """Context values of every mention, computed once per mention list (by the helper,
        when one works aside)."""
        if len(self._context_cache) != len(self._mentions):
            self._take_columns_aside()
        if len(self._context_cache) != len(self._mentions):
            self._context_cache = _shared_contexts(self._mentions)
        return self._context_cache

    def _columns(self) -> MentionColumns:
        """Attribute columns of the current mentions, built once per mention list (by the
        helper, when one works aside)."""
        if not self._columns_current():
            self._take_columns_aside()
        if not self._columns_current():
            self._columns_cache = MentionColumns.build(self._mentions, self._contexts())
        assert self._columns_cache is not None
        return self._columns_cache

    def _columns_current(self) -> bool:
        cache = self._columns_cache
        return cache is not None and len(cache.name_codes) == len(self._mentions)

    def _name_codes(self) -> IntArray:
        """:attr:`MentionColumns.name_codes` of the current mentions, without building the
        other columns when they are not built yet."""
        if self._columns_current():
            assert self._columns_cache is not None
            return self._columns_cache.name_codes
        return name_codes_of(self._mentions)[0]

    def _columns_and_contexts(
        self,
    ) -> tuple[list[dict[str, frozenset[str]]], MentionColumns]:
        """Both at once (a call of the helper, see :class:`_Aside`)."""
        return self._contexts(), self._columns()

    def _take_columns_aside(self) -> None:
        """Take the contexts and columns from the helper, if it worked them out."""
        if self._aside is None:
            return
        found = self._aside.columns()
        if found is not None and len(found[0]) == len(self._mentions):
            self._context_cache, self._columns_cache = found

    def _group(self, members: Sequence[int], clusters: _Clusters) -> _Group:
        """The :class:`_Group` of ``members`` (their facts as ``clusters`` reads them)."""
        contexts = self._contexts()
        group = _Group()
        for j in members:
            group.change(contexts[j], clusters.mention_facts(j), 1)
        return group

    def _fit(
        self,
        i: int,
        members: Sequence[int],
        group: _Group,
        linked_level: int | None,
        inside: bool,
        *,
        name_weights: Sequence[float],
        context_weights: Sequence[Sequence[float]],
    ) -> float:
        """How well mention ``i`` fits a group of mentions (``members``; ``i`` itself left
        out, if ``inside`` the group): the best name level against the group and the pooled
        context (``group``), in bits (the model's weights of the name levels, and of each
        pooled feature's).

        The name level is ``linked_level``, the best over the group's members linked to
        ``i``, or, when none is, the best over the group's first ``_FIT_SAMPLE`` distinct
        names.
        """
        if len(members) - inside <= 0:
            return float("-inf")
        m = self._mentions[i]
        if linked_level is not None:
            best_name = linked_level
        else:
            names: dict[str, None] = {}
            for j in members:
                if j != i:
                    names[self._mentions[j].name] = None
                    if len(names) == _FIT_SAMPLE:
                        break
            best_name = 0
            for name in names:
                best_name = max(best_name, _level(name_outcome(m.name, name, m.kind).score))
                if best_name == 3:
                    break
        total = name_weights[best_name]
        mine = self._contexts()[i]
        for f, feature in enumerate(_POOLED):
            values = mine[feature]
            if not values:
                continue
            if group.holders[f] - inside <= 0:  # no other member has a value
                continue
            counts = group.counts[f]
            agree = any(counts.get(v, 0) - inside > 0 for v in values)
            total += context_weights[f][1 if agree else 0]
        return total

    def _groups_may_join(
        self, first: int, a: _Group, b: _Group, weights: Sequence[tuple[float, ...]]
    ) -> bool:
        """Whether two groups of mentions (``first``: a member of the first) could be one
        entity (no constraint between them; ``weights``: each pooled feature's)."""
        return not _conflict(a.fact_sets(), b.fact_sets(), self._mentions[first], weights)

    def _may_join(self, i: int, group: _Group, clusters: _Clusters) -> bool:
        """Whether mention ``i`` could join a group of mentions (no constraint between them;
        facts and weights as ``clusters`` reads them)."""
        m = self._mentions[i]
        facts = _fact_sets_of(m, self._contexts()[i], clusters.named, {})
        return facts is None or not _conflict(facts, group.fact_sets(), m, clusters.weights)

    def _finish(
        self, roots: Sequence[int], decisions: list[MergeDecision], previous: Mapping[str, str]
    ) -> Resolution:
        groups: dict[int, list[int]] = defaultdict(list)
        for i, r in enumerate(roots):
            groups[r].append(i)
        entities: list[Entity] = []
        entity_of: dict[str, str] = {}
        used: set[str] = set()
        ordered = sorted(groups.values(), key=lambda ms: min(self._mentions[i].id for i in ms))
        for members in ordered:
            ids = sorted(self._mentions[i].id for i in members)
            old = sorted({previous[m] for m in ids if m in previous} - used)
            entity_id = old[0] if old else f"E-{ids[0]}"
            while entity_id in used:  # an earlier entity split: the part gets a new id
                entity_id = f"{entity_id}+"
            used.add(entity_id)
            names = Counter(self._mentions[i].name for i in members)
            name = min(names, key=lambda x: (-names[x], -len(x), x))
            entities.append(
                Entity(entity_id, self._mentions[members[0]].kind, name,
                       tuple(sorted(names)), tuple(ids))
            )  # fmt: skip
            for m in ids:
                entity_of[m] = entity_id
        entities.sort(key=lambda e: e.id)
        n = len(self._mentions)
        stats = dict(self._stats)
        stats.update(
            mentions=n,
            all_pairs=n * (n - 1) // 2,
            candidate_pairs=0 if self._pairs is None else len(self._pairs.ia),
            entities=len(entities),
        )
        self._resolution = Resolution(tuple(entities), entity_of, tuple(decisions), stats)
        return self._resolution


#: Decisions are put in their order this many at a time.
_ORDER_BATCH: Final = 1 << 16


#: Block pairs are listed in batches of about this many (bounds the memory of indexing).
_BLOCK_BATCH: Final = 1_000_000


_NO_PAIRS: Final = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


#: Why two mentions named by a surname alone were not linked (see _bare_surnames_unconfirmed).
_BARE_SURNAMES: Final = (
    "a surname alone on both sides, in different documents, and no birth year, role, "
    "organisation or place that agrees"
)


#: A document, its people named by a surname alone and those named in full: (mention,
#: surname as written) each.
_Named = tuple[str, list[tuple[int, str]], list[tuple[int, str]]]


def _half(piece: IntArray, pair_piece: IntArray) -> npt.NDArray[np.bool_] | None:
    """The mentions of about half the work of clustering (its merge candidates,
    ``pair_piece``, and mentions) that go to the clustering helper: the pieces by
    decreasing work, each to the half with less so far, the first (the largest) to the
    resolving process, so that its many decisions need not be sent back. ``None`` where
    either half would hold less than ``APART_SHARE`` of the work (one piece outweighs the
    rest)."""
    count = int(piece.max()) + 1 if len(piece) else 0
    work = np.bincount(pair_piece, minlength=count) + np.bincount(piece, minlength=count)
    side = np.zeros(count, dtype=bool)
    loads = [0, 0]  # the resolving process's half, the helper's
    order = np.argsort(-work, kind="stable")
    for p, w in zip(order.tolist(), work[order].tolist(), strict=True):
        helpers = loads[1] < loads[0]
        side[p] = helpers
        loads[int(helpers)] += w
    if min(loads) < APART_SHARE * sum(loads):
        return None
    return side[piece]


#: A decision as the fields of a :class:`MergeDecision`, made into one at the end.
_Record = tuple[str, str, bool, float, tuple[tuple[str, float], ...], str, str, str]

#: A mention named by a surname alone, its document and the mentions it may be linked to.
_SurnameLink = tuple[str, int, list[int]]

#: The stages that make decisions, in their order (see _tag).
_GREEDY: Final = 1
_SURNAMES: Final = 2
_REFINED: Final = 3


def _tag(stage: int, place: int, within: int = 0) -> int:
    """Where a decision falls in the order of a run over all mentions: by stage, then by
    its place in the stage (the rank of the pair, of the surname link, or the mention
    refined), then among the decisions of that place."""
    return (stage << 58) | (place << 24) | within


def _demoted(record: _Record, reason: str) -> _Record:
    """A merge decision undone by refinement, for ``reason``."""
    a, b, _merged, probability, weights, _by, version, _reason = record
    return (a, b, False, probability, weights, "rule", version, reason)


@attrs.frozen
class _MergePlan:
    """What greedy merging works through (see :meth:`Resolver._merge_plan`): the merge
    candidates in order, with their feature levels (one row each) and whether each is
    of two bare surnames unconfirmed; and the surname links
    (:meth:`Resolver._surname_links`)."""

    ia: IntArray
    ib: IntArray
    prob: npt.NDArray[np.float64]
    rows: npt.NDArray[Any]
    unconfirmed: npt.NDArray[np.bool_]
    surnames: list[_SurnameLink]


class _Links:
    """The linked pairs of refinement by mention, both ways, as arrays (17 bytes a link each
    way, rather than dictionary entries keyed by pairs): each mention's partners, the name
    level and the match probability of each link."""

    def __init__(
        self, ia: IntArray, ib: IntArray, level: LevelArray, prob: npt.NDArray[np.float64], n: int
    ) -> None:
        mention = np.concatenate([ia, ib])
        order = stable_order(mention)
        self.partner = np.concatenate([ib, ia])[order]
        self.level = np.concatenate([level, level])[order]
        self.prob = np.concatenate([prob, prob])[order]
        self.bounds = np.searchsorted(mention[order], np.arange(n + 1))

    def has(self, i: int) -> bool:
        """Whether mention ``i`` has a link."""
        return bool(self.bounds[i] < self.bounds[i + 1])

    def of(self, i: int) -> tuple[list[int], list[int]]:
        """The partners of mention ``i`` and the name level of each link."""
        lo, hi = self.bounds[i], self.bounds[i + 1]
        return self.partner[lo:hi].tolist(), self.level[lo:hi].tolist()

    def strongest_into(self, i: int, labels: Sequence[int], label: int) -> float:
        """The strongest link (match probability) of mention ``i`` into the group of
        ``label`` (``labels``: each mention's group), rounded so that links that differ only
        in the last digits count as equal."""
        lo, hi = self.bounds[i], self.bounds[i + 1]
        found = [p for j, p in zip(self.partner[lo:hi].tolist(), self.prob[lo:hi].tolist(),
                                   strict=True) if j != i and labels[j] == label]  # fmt: skip
        return round(max(found, default=0.0), 3)


def _best_two(scores: Mapping[int, float], own: int) -> tuple[int, int]:
    """The group with the highest score and the one with the highest other than ``own``
    (each on equal scores the lowest label); ``scores`` holds ``own`` and another."""
    best = rival = -1
    best_score = rival_score = 0.0
    for c, score in scores.items():
        if best < 0 or score > best_score or (score == best_score and c < best):
            best, best_score = c, score
        if c != own and (rival < 0 or score > rival_score or (score == rival_score and c < rival)):
            rival, rival_score = c, score
    return best, rival


def _shared_contexts(mentions: Sequence[Mention]) -> list[dict[str, frozenset[str]]]:
    """:func:`context_values` of each mention, equal contexts as one dictionary (they are
    only read): of the contexts of 300,000 generated mentions, 84,558 are distinct. Each is
    so held once, and pickled once when a helper works them out."""
    pool: dict[tuple[frozenset[str], ...], dict[str, frozenset[str]]] = {}
    found = []
    for m in mentions:
        context = context_values(m)
        found.append(pool.setdefault(tuple(context.values()), context))
    return found


@functools.lru_cache(maxsize=NAME_CACHE)
def _surname_alone(name: str) -> bool:
    """Whether a person's name gives a surname and nothing else (President Ma, 毛)."""
    try:
        return surname_alone(parse(name, NameKind.PERSON))
    except ValueError:
        return False


def _held(code: IntArray, weight: IntArray) -> tuple[IntArray, npt.NDArray[np.signedinteger[Any]]]:
    """Pairs of one source as they are held until all sources are summed: the weights in
    32 bits where they fit (a weight is a sum of ``_UNIT // size`` over the keys a pair
    shares in that source; at 1,000,000 mentions the sources hold a hundred million pairs
    or so, and the resolving process waits with two of them while the helper lists the
    third)."""
    if len(weight) and int(weight.max()) < 2**31 and int(weight.min()) >= 0:
        return code, weight.astype(np.int32)
    return code, weight


def _block_pairs(
    mention: IntArray, key: IntArray, size: IntArray, n: int, name: IntArray
) -> tuple[IntArray, IntArray]:
    """Pairs of mentions sharing a key, as codes ``lo * n + hi``, each once, weighted by
    the keys they share: 1/size of each shared key's block (smaller blocks say more).

    Keys are a function of the name, so the mentions of one name share all their keys: the
    blocks are listed over groups of mentions with the same name (``name``, by mention) and
    the same keys, and each pair of groups that shares a key is expanded to its mentions
    once (:func:`_cross`). A pair of mentions is so listed once, not once per shared key.
    recordlinkage's block indexer pairs the groups within each key, in batches of about
    ``_BLOCK_BATCH`` pairs of groups, so that millions of mentions need not be indexed at once.
    """
    if not len(mention):
        return _NO_PAIRS
    # Each mention's set of keys, summarised by the sum of one random 64-bit number per key.
    order = np.lexsort((key, mention))
    by_mention = run_starts(mention[order])
    ids = mention[order][by_mention]
    salt = np.random.default_rng(0).integers(0, 2**63, size=len(size), dtype=np.int64)
    signature = np.add.reduceat(salt[key[order]], by_mention)  # wraps around, as a hash may
    # Groups: mentions with one name and one set of keys, numbered in (name, keys) order.
    ordered = np.lexsort((signature, name[ids]))
    by_name, by_signature = name[ids][ordered], signature[ordered]
    fresh = np.r_[True, (by_name[1:] != by_name[:-1]) | (by_signature[1:] != by_signature[:-1])]
    group_of = np.zeros(n, dtype=np.int64)
    group_of[ids[ordered]] = np.cumsum(fresh) - 1
    members = ids[ordered]
    starts = np.flatnonzero(fresh)
    counts = np.diff(np.r_[starts, len(members)])
    groups = len(starts)
    rows = distinct(key * groups + group_of[mention])  # each (key, group) once, by key
    key, group = rows // groups, rows % groups
    unit = _UNIT // size[key]
    found = [_pairs_within(group, unit, members=members, starts=starts, counts=counts, n=n)]
    firsts = run_starts(key)
    width = np.diff(np.r_[firsts, len(key)])
    load = np.cumsum(width * (width - 1) // 2)
    batch = load // _BLOCK_BATCH  # batch of each key, by pairs of groups listed before it
    bounds = np.r_[firsts[run_starts(batch)], len(key)]
    pairs: list[tuple[IntArray, IntArray]] = []
    # loaded here, not with this module: with scikit-learn, which it loads, it takes most
    # of a second, while a helper lists the other pairs (see _Aside)
    import recordlinkage  # noqa: PLC0415

    for lo, hi in itertools.pairwise(bounds.tolist()):
        frame = pd.DataFrame({"group": group[lo:hi], "key": key[lo:hi]})
        indexer = recordlinkage.Index()
        indexer.block("key")
        links = indexer.index(frame)
        first = links.get_level_values(0).to_numpy()
        a, b = group[lo:hi][first], group[lo:hi][links.get_level_values(1).to_numpy()]
        pairs.append(summed(np.minimum(a, b) * groups + np.maximum(a, b), unit[lo:hi][first]))
    if pairs:
        code, weight = summed_parts(pairs)
        found.append(
            _cross(
                code // groups, code % groups, members=members, starts=starts,
                counts=counts, weight=weight, n=n,
            )
        )  # fmt: skip
    return summed_parts(found)


def _pairs_within(
    group: IntArray, unit: IntArray, *, members: IntArray, starts: IntArray, counts: IntArray,
    n: int,
) -> tuple[IntArray, IntArray]:  # fmt: skip
    """Every pair of mentions of one group of :func:`_block_pairs`, as codes ``lo * n +
    hi``, weighted by the sum of ``unit`` over the group's rows (its keys)."""
    weight = np.zeros(len(starts), dtype=np.int64)
    np.add.at(weight, group, unit)
    several = np.flatnonzero(counts >= 2)
    return _cross(
        several, several, members=members, starts=starts, counts=counts,
        weight=weight[several], n=n, upper=True,
    )  # fmt: skip


#: Pairs listed at once by _cross (bounds its working memory).
_CROSS_BATCH: Final = 2_000_000


def _cross(
    ga: IntArray,
    gb: IntArray,
    *,
    members: IntArray,
    starts: IntArray,
    counts: IntArray,
    weight: IntArray,
    n: int,
    starts_b: IntArray | None = None,
    counts_b: IntArray | None = None,
    members_b: IntArray | None = None,
    upper: bool = False,
) -> tuple[IntArray, IntArray]:
    """Every pair of a member of group ``ga[k]`` with a member of group ``gb[k]`` (groups
    are runs ``members[starts[g]:starts[g] + counts[g]]``; the b side may index other
    groups), as codes ``lo * n + hi`` with the weight of their group pair, summed over
    group pairs; self-pairs are left out. With ``upper``, the i-th member of ``ga[k]`` is
    paired only with the members after the i-th of ``gb[k]`` (each pair of one group's
    members once, where ``ga[k] == gb[k]``). Listed in batches of about ``_CROSS_BATCH``."""
    starts_b = starts if starts_b is None else starts_b
    counts_b = counts if counts_b is None else counts_b
    members_b = members if members_b is None else members_b
    size = counts[ga] * counts_b[gb]
    found: list[tuple[IntArray, IntArray]] = []
    bounds = np.searchsorted(np.cumsum(size), np.arange(_CROSS_BATCH, size.sum(), _CROSS_BATCH))
    for lo, hi in itertools.pairwise([0, *bounds.tolist(), len(ga)]):
        sz = size[lo:hi]
        link = np.repeat(np.arange(lo, hi), sz)
        offset = np.arange(len(link)) - np.repeat(np.cumsum(sz) - sz, sz)
        width = counts_b[gb[link]]
        a = members[starts[ga[link]] + offset // width]
        b = members_b[starts_b[gb[link]] + offset % width]
        keep = (offset // width < offset % width) if upper else (a != b)
        found.append(
            summed(np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep], weight[link][keep])
        )
    return summed_parts(found)


def _window_pairs(
    mention: IntArray, key: IntArray, size: IntArray, rank: IntArray, n: int, *, window: int
) -> tuple[IntArray, IntArray]:
    """Pairs of mentions within ``window`` places of each other in their block, the block's
    members ordered by ``rank``, as codes ``lo * n + hi`` (sorted neighbourhood, per block),
    weighted as :func:`_block_pairs` weights them."""
    order = np.lexsort((rank[mention], key))
    mention, key = mention[order], key[order]
    del order
    # summed a few distances at a time into what is found so far: the same two mentions
    # meet in many large blocks, and all the distances' pairs at once would weigh about
    # twice their sum (at 1,000,000 mentions, about 1.4 GB against 0.6 GB)
    found: list[tuple[IntArray, IntArray]] = []
    for d in range(1, window + 1):
        same = key[d:] == key[:-d]
        a, b = mention[:-d][same], mention[d:][same]
        found.append((np.minimum(a, b) * n + np.maximum(a, b), _UNIT // size[key[d:][same]]))
        del same, a, b
        if d % _WINDOW_SUMMED == 0 or d == window:
            found = [summed_parts(found)]  # the list is emptied as its parts are joined
    return found[0]


#: Distances of a walk whose pairs are summed together (:func:`_window_pairs`).
_WINDOW_SUMMED: Final = 5

#: Merge candidates that greedy merging takes out of their arrays at once.
_MERGE_CHUNK: Final = 1 << 16

#: Pairs that _strongest ranks at once, from the heaviest: bounds its working memory,
#: whatever the number of pairs (at this size about 110 MiB besides its answer: peak
#: traced by tracemalloc over 20 million pairs of 1,000,000 mentions, 133 MiB with the
#: answer's 19 MiB and a count per mention).
_STRONGEST_BATCH: Final = 1 << 20


def _strongest(code: IntArray, weight: IntArray, n: int, partners: int) -> npt.NDArray[np.bool_]:
    """Which pairs to keep: those among the ``partners`` heaviest pairs of either of their
    mentions (cardinality node pruning over the blocking graph; ties by pair code).

    The pairs are met from the heaviest to the lightest, ``_STRONGEST_BATCH`` at a time,
    counting each mention's pairs met so far: a pair is kept where it is among the first
    ``partners`` of either of its mentions."""
    return _strongest_in_order(code, _heaviest_first(weight.copy(), n), n, partners)


def _heaviest_first(weight: IntArray, n: int) -> npt.NDArray[np.signedinteger[Any]]:
    """The places of the pairs from the heaviest to the lightest (ties: the first place
    first), in 32 bits where ``n`` mentions and the pairs fit (:func:`stable_order`,
    descending). ``weight`` is used up where it is 64-bit: overwritten, not copied."""
    small = max(n, len(weight)) < 2**31
    return stable_order(weight, descending=True, consume=True, small=small)


def _strongest_in_order(
    code: IntArray, heaviest: npt.NDArray[np.signedinteger[Any]], n: int, partners: int
) -> npt.NDArray[np.bool_]:
    """:func:`_strongest`, the pairs' order from the heaviest given (:func:`_heaviest_first`).

    Only a batch of pairs is worked on at once, in that order, and what is kept across
    batches is one count per mention: no array as long as all the pairs is made but the
    answer (at a million mentions, tens of millions of pairs before pruning)."""
    keep = np.zeros(len(code), dtype=bool)
    met = np.zeros(max(1, n), dtype=np.int64)  # each mention's pairs in earlier batches
    for lo in range(0, len(code), _STRONGEST_BATCH):
        places = heaviest[lo : lo + _STRONGEST_BATCH]
        ordered = code[places]
        ends = np.empty(2 * len(ordered), dtype=np.int64)  # both mentions of each pair,
        np.floor_divide(ordered, n, out=ends[0::2])  # side by side, in the pairs' order
        np.remainder(ordered, n, out=ends[1::2])
        del ordered
        by_mention = np.argsort(ends, kind="stable")  # each mention's entries in order
        grouped = ends[by_mention]
        first = run_firsts(grouped)
        starts = np.flatnonzero(first)
        # the place of each entry among its mention's in this batch, plus those met before
        rank = np.arange(len(grouped), dtype=np.int64)
        rank -= starts[np.cumsum(first) - 1]
        rank += met[grouped]
        del grouped, first, starts
        strong = np.empty(len(ends), dtype=bool)
        strong[by_mention] = rank < partners
        del by_mention, rank
        keep[places] = strong[0::2] | strong[1::2]
        met += np.bincount(ends, minlength=len(met))
    return keep


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a batch of work, then restore it as it was.

    Resolution makes millions of small objects (parsed names, keys, decisions) that live
    until it ends and hold no reference cycles of note; the collector would walk them over
    and over, a fifth of the run time on 10,000 mentions. A caller that had disabled the
    collector keeps it so.

    When it runs again, what was made meanwhile is put in the collector's oldest
    generation at once (``gc.freeze()`` then ``gc.unfreeze()``, unless the caller holds
    frozen objects, which this would release): the caches and records of a resolution
    outlive it, and the first young collections would otherwise walk each of them twice
    (0.66 and 0.72 s after resolving 100,000 mentions). Nothing is kept from collection:
    objects in cycles made meanwhile are collected by the next full collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


#: Worker processes used by default at most: each is a fork of the resolving process and
#: comes to hold part of its memory, so many cores should not mean many copies.
DEFAULT_WORKERS_MAX: Final = 4


def _usable_processors() -> int:
    """Processors this process may use, at most ``DEFAULT_WORKERS_MAX``."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    return max(1, min(usable, DEFAULT_WORKERS_MAX))


def _joins_existing_entities(clusters: _Clusters, ra: int, rb: int, start: int) -> bool:
    """Whether joining would put mentions of two existing (pre-add) entities together."""
    old_a = any(i < start for i in clusters.members(ra))
    old_b = any(i < start for i in clusters.members(rb))
    return old_a and old_b
