"""Normalizer plug-ins: the registry's contract checks, entry points, the alias-table plug-in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from sistercity_provenance import (
    InputFormatError,
    NameKind,
    Normalizer,
    NormalizerRegistry,
    PluginError,
    SisterCityError,
    compare,
    default_registry,
)
from sistercity_provenance.names import _registry
from sistercity_provenance.names.plugins import AliasTableNormalizer

PERSON = frozenset({NameKind.PERSON})


class Upper:
    """A well-behaved normalizer: the name in capitals."""

    name = "upper"
    kinds = PERSON

    def __call__(self, text: str, kind: NameKind) -> Sequence[str]:
        return [text.upper()] if text else []


def _make(**attrs: Any) -> object:
    """An object with the given attributes (and __call__ if ``call`` is given)."""
    call = attrs.pop("call", None)
    namespace: dict[str, Any] = dict(attrs)
    if call is not None:
        namespace["__call__"] = call
    return type("Plugin", (), namespace)()


def _ok(self: object, text: str, kind: NameKind) -> Sequence[str]:
    return ()


@pytest.fixture
def registry() -> NormalizerRegistry:
    return NormalizerRegistry()


@pytest.fixture
def registered() -> Iterator[list[str]]:
    """Names registered on the default registry during a test; removed afterwards."""
    names: list[str] = []
    yield names
    for name in names:
        if name in default_registry():
            default_registry().unregister(name)


# --- a valid normalizer -------------------------------------------------------------------


def test_register_a_valid_normalizer(registry: NormalizerRegistry) -> None:
    plugin = Upper()
    assert registry.register(plugin) is plugin
    assert isinstance(plugin, Normalizer)
    assert registry.names() == ("upper",)
    assert "upper" in registry
    assert len(registry) == 1
    assert registry.normalizers_for(NameKind.PERSON) == (plugin,)
    assert registry.normalizers_for(NameKind.PLACE) == ()


def test_plain_function_with_attributes_is_accepted(registry: NormalizerRegistry) -> None:
    def expand(text: str, kind: NameKind) -> list[str]:
        return [text.replace("St.", "Saint")] if "St." in text else []

    expand.name = "expand"  # type: ignore[attr-defined]
    expand.kinds = frozenset({NameKind.PLACE, NameKind.ORGANIZATION})  # type: ignore[attr-defined]
    registry.register(expand)
    assert registry.normalizers_for(NameKind.PLACE) == (expand,)
    assert registry.normalizers_for(NameKind.ORGANIZATION) == (expand,)
    assert registry.normalizers_for(NameKind.PERSON) == ()


def test_registration_order_is_kept(registry: NormalizerRegistry) -> None:
    for name in ("b", "a", "c"):
        registry.register(_make(name=name, kinds=PERSON, call=_ok))
    assert registry.names() == ("b", "a", "c")


def test_unregister(registry: NormalizerRegistry) -> None:
    registry.register(Upper())
    registry.unregister("upper")
    assert "upper" not in registry
    assert registry.names() == ()
    with pytest.raises(KeyError):
        registry.unregister("upper")


def test_unregistered_name_can_be_registered_again(registry: NormalizerRegistry) -> None:
    registry.register(Upper())
    registry.unregister("upper")
    registry.register(Upper())
    assert registry.names() == ("upper",)


def test_default_registry_is_one_object() -> None:
    assert default_registry() is default_registry()
    assert isinstance(default_registry(), NormalizerRegistry)


# --- contract violations fail at register time ---------------------------------------------


def _raises(self: object, text: str, kind: NameKind) -> Sequence[str]:
    if not text:
        msg = "cannot handle empty text"
        raise ValueError(msg)
    return ()


def _returns_str(self: object, text: str, kind: NameKind) -> Sequence[str]:
    return text


def _returns_ints(self: object, text: str, kind: NameKind) -> Sequence[Any]:
    return [1, 2]


def _returns_bytes(self: object, text: str, kind: NameKind) -> Sequence[Any]:
    return [text.encode()]


def _one_argument(self: object, text: str) -> Sequence[str]:
    return ()


def _three_arguments(self: object, text: str, kind: NameKind, extra: int) -> Sequence[str]:
    return ()


BAD_PLUGINS = {
    "missing name": _make(kinds=PERSON, call=_ok),
    "empty name": _make(name="", kinds=PERSON, call=_ok),
    "name not a str": _make(name=42, kinds=PERSON, call=_ok),
    "missing kinds": _make(name="x", call=_ok),
    "kinds a set": _make(name="x", kinds={NameKind.PERSON}, call=_ok),
    "kinds a list": _make(name="x", kinds=[NameKind.PERSON], call=_ok),
    "kinds of str": _make(name="x", kinds=frozenset({"person"}), call=_ok),
    "kinds empty": _make(name="x", kinds=frozenset(), call=_ok),
    "not callable": _make(name="x", kinds=PERSON),
    "takes one argument": _make(name="x", kinds=PERSON, call=_one_argument),
    "takes three arguments": _make(name="x", kinds=PERSON, call=_three_arguments),
    "raises on a probe": _make(name="x", kinds=PERSON, call=_raises),
    "returns a str": _make(name="x", kinds=PERSON, call=_returns_str),
    "returns ints": _make(name="x", kinds=PERSON, call=_returns_ints),
    "returns bytes": _make(name="x", kinds=PERSON, call=_returns_bytes),
}


@pytest.mark.parametrize("case", sorted(BAD_PLUGINS))
def test_contract_violations_raise_plugin_error(case: str, registry: NormalizerRegistry) -> None:
    with pytest.raises(PluginError):
        registry.register(BAD_PLUGINS[case])
    assert registry.names() == ()


def test_plugin_error_is_a_type_error_and_a_library_error(registry: NormalizerRegistry) -> None:
    with pytest.raises(TypeError) as info:
        registry.register(BAD_PLUGINS["not callable"])
    assert isinstance(info.value, SisterCityError)
    assert "not callable" in str(info.value)


def test_error_from_a_raising_plugin_is_chained(registry: NormalizerRegistry) -> None:
    with pytest.raises(PluginError, match="raised") as info:
        registry.register(BAD_PLUGINS["raises on a probe"])
    assert isinstance(info.value.__cause__, ValueError)


def test_wrong_kinds_message_names_the_plugin(registry: NormalizerRegistry) -> None:
    with pytest.raises(PluginError, match="'x'"):
        registry.register(BAD_PLUGINS["kinds of str"])


@pytest.mark.parametrize("value", [None, 5])
def test_returning_a_non_sequence_raises_plugin_error(
    value: object, registry: NormalizerRegistry
) -> None:
    def call(self: object, text: str, kind: NameKind) -> object:
        return value

    plugin = _make(name="x", kinds=PERSON, call=call)
    try:
        registry.register(plugin)
    except PluginError:
        return
    pytest.fail("register accepted a normalizer that returns a non-sequence")


def test_duplicate_name_fails(registry: NormalizerRegistry) -> None:
    first = registry.register(Upper())
    with pytest.raises(PluginError, match="upper"):
        registry.register(Upper())
    assert registry.normalizers_for(NameKind.PERSON) == (first,)


# --- entry points ----------------------------------------------------------------------


class FakeEntryPoint:
    def __init__(self, name: str, target: object) -> None:
        self.name = name
        self.target = target
        self.loads = 0

    def load(self) -> object:
        self.loads += 1
        return self.target


@pytest.fixture
def fake_entry_points(monkeypatch: pytest.MonkeyPatch) -> list[FakeEntryPoint]:
    eps: list[FakeEntryPoint] = []
    groups: list[str] = []

    def entry_points(*, group: str) -> list[FakeEntryPoint]:
        groups.append(group)
        return eps if group == "sistercity_provenance.normalizers" else []

    monkeypatch.setattr(_registry, "entry_points", entry_points)
    return eps


def test_entry_points_are_loaded(
    registry: NormalizerRegistry, fake_entry_points: list[FakeEntryPoint]
) -> None:
    instance = _make(name="inst", kinds=PERSON, call=_ok)
    fake_entry_points.extend([FakeEntryPoint("by-class", Upper), FakeEntryPoint("obj", instance)])
    loaded = registry.load_entry_points()
    assert loaded == ("by-class", "obj")
    assert registry.names() == ("upper", "inst")
    assert registry.normalizers_for(NameKind.PERSON)[1] is instance


def test_entry_points_already_registered_are_skipped(
    registry: NormalizerRegistry, fake_entry_points: list[FakeEntryPoint]
) -> None:
    fake_entry_points.append(FakeEntryPoint("by-class", Upper))
    assert registry.load_entry_points() == ("by-class",)
    assert registry.load_entry_points() == ()
    assert registry.names() == ("upper",)


def test_no_entry_points(
    registry: NormalizerRegistry, fake_entry_points: list[FakeEntryPoint]
) -> None:
    assert registry.load_entry_points() == ()
    assert len(registry) == 0


def test_broken_entry_point_raises_plugin_error(
    registry: NormalizerRegistry, fake_entry_points: list[FakeEntryPoint]
) -> None:
    fake_entry_points.append(FakeEntryPoint("broken", BAD_PLUGINS["returns a str"]))
    with pytest.raises(PluginError):
        registry.load_entry_points()
    assert registry.names() == ()


def test_entry_point_group_name() -> None:
    from sistercity_provenance.names import ENTRY_POINT_GROUP

    assert ENTRY_POINT_GROUP == "sistercity_provenance.normalizers"


# --- the alias-table plug-in -----------------------------------------------------------------


def test_alias_table_returns_the_other_names() -> None:
    table = AliasTableNormalizer([["Forest Rong", "荣磊", "Rong Lei"]])
    assert set(table("Forest Rong", NameKind.PERSON)) == {"荣磊", "Rong Lei"}
    assert set(table("forest  rong", NameKind.PERSON)) == {"荣磊", "Rong Lei"}
    assert set(table("榮磊", NameKind.PERSON)) == {"Forest Rong", "Rong Lei"}
    assert tuple(table("Somebody Else", NameKind.PERSON)) == ()
    assert tuple(table("", NameKind.PERSON)) == ()


def test_alias_table_passes_the_contract(registry: NormalizerRegistry) -> None:
    table = AliasTableNormalizer([["Forest Rong", "荣磊"]], name="mine", kinds=PERSON)
    registry.register(table)
    assert registry.names() == ("mine",)
    assert registry.normalizers_for(NameKind.PLACE) == ()


def test_alias_table_makes_compare_same(registered: list[str]) -> None:
    a, b = "Forest Rong", "荣磊"
    assert not compare(a, b).same
    default_registry().register(AliasTableNormalizer([[a, b]], name="test-aliases", kinds=PERSON))
    registered.append("test-aliases")
    c = compare(a, b)
    assert c.same, c.explanation
    assert compare(b, a).same
    assert "normalizer" in c.explanation
    default_registry().unregister("test-aliases")
    assert not compare(a, b).same


def test_alias_table_only_applies_to_its_kinds(registered: list[str]) -> None:
    a, b = "Forest Rong", "荣磊"
    default_registry().register(
        AliasTableNormalizer([[a, b]], name="test-places", kinds=frozenset({NameKind.PLACE}))
    )
    registered.append("test-places")
    assert compare(a, b, "place").same
    assert not compare(a, b, "person").same


def test_alias_table_from_tsv(tmp_path: Path, registered: list[str]) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text(
        "# our own notes\n"
        "\n"
        "Forest Rong\tRong Lei\t荣磊\n"
        "   # an indented comment\n"
        "AITA\tAustralian International Trade Association\n",
        encoding="utf-8",
    )
    table = AliasTableNormalizer.from_tsv(path, name="tsv-aliases")
    assert table.name == "tsv-aliases"
    assert set(table("AITA", NameKind.ORGANIZATION)) == {
        "Australian International Trade Association"
    }
    assert set(table("Rong Lei", NameKind.PERSON)) == {"Forest Rong", "荣磊"}
    default_registry().register(table)
    registered.append("tsv-aliases")
    assert compare("Forest Rong", "荣磊").same
    assert compare("AITA", "Australian International Trade Association", "organization").same


def test_alias_table_from_tsv_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text("# header comment\nForest Rong\t荣磊\nonly one name\n", encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        AliasTableNormalizer.from_tsv(path)
    assert info.value.line == 3
    assert info.value.file == str(path)
    assert f"{path}:3" in str(info.value)


def test_alias_table_from_tsv_line_with_empty_cells(tmp_path: Path) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text("Forest Rong\t\t \n", encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        AliasTableNormalizer.from_tsv(str(path))
    assert info.value.line == 1


def test_alias_table_from_tsv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_bytes("Forest Rong\t荣磊\n".encode("gbk"))
    with pytest.raises(InputFormatError) as info:
        AliasTableNormalizer.from_tsv(path)
    assert info.value.file == str(path)


def test_known_entity_shortcut_agrees_with_the_full_lookup(registered: list[str]) -> None:
    """With no normalizer registered, two names are looked up in the alias table through
    the groups each belongs to, computed once per name; a registered normalizer (one that
    adds nothing) takes the full lookup of every pair. Both say the same of every pair."""
    from sistercity_provenance.names import parse
    from sistercity_provenance.names._knowledge import same_known_entity
    from sistercity_provenance.names._tables import read_tsv

    rows = [r for r in read_tsv("aliases.tsv") if r["kind"] in {k.value for k in NameKind}]
    names = {
        (n, NameKind(r["kind"]))
        for r in rows[::7]
        for n in [r["canonical"], *r["aliases"].split("|")]
        if n
    }
    names |= {
        ("Zhongguo Kexueyuan", NameKind.ORGANIZATION),  # by its reading
        ("中国科学院", NameKind.ORGANIZATION),
        ("政协", NameKind.ORGANIZATION),  # a short form of one body
        ("中国人民政治协商会议", NameKind.ORGANIZATION),
        ("Wang Wei", NameKind.PERSON),
        ("Peking", NameKind.PLACE),
    }
    parsed = [parse(n, k) for n, k in sorted(names)]
    pairs = [(a, b) for a in parsed for b in parsed if a.kind is b.kind and a is not b]
    shortcut = [same_known_entity(a, b) for a, b in pairs]
    assert any(shortcut)  # the sample holds names of one body
    nothing = _make(name="adds-nothing", kinds=frozenset(NameKind), call=_ok)
    default_registry().register(nothing)
    registered.append("adds-nothing")
    assert [same_known_entity(a, b) for a, b in pairs] == shortcut
