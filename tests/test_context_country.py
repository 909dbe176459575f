"""Countries in mention contexts: written names fold to ISO codes, places give a country."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sistercity_provenance.names import NameKind
from sistercity_provenance.names._knowledge import country_code
from sistercity_provenance.resolve import Mention, Resolver
from sistercity_provenance.resolve._features import context_values, country_of_place


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Australia", "AU"),
        ("AU", "AU"),
        ("au", "AU"),
        ("澳洲", "AU"),
        ("the United States", "US"),
        ("U.S.A.", "US"),
        ("People's Republic of China", "CN"),
        ("中國", "CN"),
        ("Republic of China", "TW"),
        ("臺灣", "TW"),
        ("Hong Kong SAR", "HK"),
        ("Macao", "MO"),
        ("  Singapore ", "SG"),
    ],
)
def test_country_names_and_codes_fold_to_one_code(written: str, code: str) -> None:
    assert country_code(written) == code


def test_an_unknown_country_is_compared_as_written() -> None:
    assert country_code(" Ruritania ") == "RURITANIA"


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("台北", "TW"),
        ("臺北市", "TW"),
        ("Taipei", "TW"),
        ("Kaohsiung", "TW"),
        ("Peking", "CN"),
        ("广州", "CN"),
        ("Canton", "CN"),
        ("Kowloon", "HK"),
        ("澳門", "MO"),
    ],
)
def test_known_places_give_their_country(place: str, country: str) -> None:
    assert country_of_place(place) == country


@pytest.mark.parametrize("place", ["Toledo", "Hengyang County", "", "   ", "Springfield"])
def test_other_places_give_no_country(place: str) -> None:
    assert country_of_place(place) is None


def test_a_written_country_wins_over_the_place() -> None:
    written = Mention(
        "m", "外交部", NameKind.ORGANIZATION, attributes={"country": "China", "place": "台北"}
    )
    inferred = Mention("n", "外交部", NameKind.ORGANIZATION, attributes={"place": "臺北"})
    assert context_values(written)["country"] == frozenset({"CN"})
    assert context_values(inferred)["country"] == frozenset({"TW"})
    assert context_values(Mention("o", "外交部", NameKind.ORGANIZATION))["country"] == frozenset()


def test_a_country_named_two_ways_agrees_in_the_comparison() -> None:
    a = Mention("a", "Linda Rogers", attributes={"country": "Australia"})
    b = Mention("b", "Linda Rogers", attributes={"country": "AU"})
    c = Mention("c", "Linda Rogers", attributes={"country": "NZ"})
    r = Resolver()
    r.resolve([a, b, c])
    assert dict(r.explain("a", "b").levels)["country"] == 1
    assert dict(r.explain("a", "c").levels)["country"] == 0


@given(st.text(max_size=40))
def test_country_lookups_never_raise(text: str) -> None:
    assert isinstance(country_code(text), str)
    assert country_of_place(text) in {None, "CN", "TW", "HK", "MO"}
