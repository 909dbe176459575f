"""The package's public surface: exactly the documented names, all importable."""

from __future__ import annotations

import sistercity_provenance

EXPECTED_ALL = {
    "THRESHOLD",
    "Comparison",
    "DataError",
    "EmptyNameError",
    "InputError",
    "InputFormatError",
    "Key",
    "NameKind",
    "Normalizer",
    "NormalizerRegistry",
    "ParsedName",
    "Part",
    "PartRole",
    "PluginError",
    "SisterCityError",
    "Unit",
    "__version__",
    "compare",
    "compiled_modules",
    "default_registry",
    "parse",
}


def test_all_is_exactly_the_expected_set() -> None:
    assert set(sistercity_provenance.__all__) == EXPECTED_ALL


def test_all_has_no_duplicates() -> None:
    assert len(sistercity_provenance.__all__) == len(set(sistercity_provenance.__all__))


def test_every_name_in_all_exists() -> None:
    missing = [n for n in sistercity_provenance.__all__ if not hasattr(sistercity_provenance, n)]
    assert missing == []


def test_version_is_a_non_empty_string() -> None:
    assert isinstance(sistercity_provenance.__version__, str)
    assert sistercity_provenance.__version__


def test_star_import_gives_the_public_names() -> None:
    namespace: dict[str, object] = {}
    exec("from sistercity_provenance import *", namespace)
    assert EXPECTED_ALL - {"__version__"} <= set(namespace)


def test_error_tree() -> None:
    from sistercity_provenance import (
        DataError,
        EmptyNameError,
        InputError,
        InputFormatError,
        PluginError,
        SisterCityError,
    )

    for cls in (DataError, EmptyNameError, InputError, InputFormatError, PluginError):
        assert issubclass(cls, SisterCityError)
    assert issubclass(EmptyNameError, InputError)
    assert issubclass(EmptyNameError, ValueError)
    assert issubclass(InputFormatError, InputError)
    assert issubclass(InputFormatError, ValueError)
    assert issubclass(PluginError, TypeError)


def test_input_format_error_carries_where() -> None:
    from sistercity_provenance import InputFormatError

    err = InputFormatError("bad value", file="pairs.jsonl", line=7, field="a")
    assert (err.problem, err.file, err.line, err.field) == ("bad value", "pairs.jsonl", 7, "a")
    assert "pairs.jsonl:7" in str(err)
    assert "'a'" in str(err)
    assert "bad value" in str(err)


def test_name_kind_is_a_str_enum() -> None:
    from sistercity_provenance import NameKind

    assert {k.value for k in NameKind} == {"person", "organization", "place"}
    assert NameKind("place") is NameKind.PLACE
    assert NameKind.PERSON == "person"


def test_threshold_is_a_probability() -> None:
    assert 0.0 < sistercity_provenance.THRESHOLD <= 1.0
