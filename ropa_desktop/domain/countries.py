"""Countries (ISO 3166-1 alpha-2), the EEA, and lookups in the dated adequacy list (``domain.adequacy``)."""

from __future__ import annotations

import gettext
import unicodedata
from functools import cache

import pycountry

from . import adequacy as adequacy_data
from .adequacy import AdequacyList, Decision

EU: frozenset[str] = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "HU",
))
EEA: frozenset[str] = EU | {"IS", "LI", "NO"}


def adequacy_list() -> AdequacyList:
    """The adequacy list in use (see ``domain.adequacy``)."""
    return adequacy_data.in_use()


def is_in_eea(code: str) -> bool:
    return code.upper() in EEA


def adequacy(code: str) -> Decision | None:
    """The adequacy decision covering ``code`` in the list in use, if any (None for EEA countries)."""
    return adequacy_data.in_use().decision(code)


def mentions_invalid_mechanism(text: str) -> bool:
    """True when ``text`` names a mechanism the Court of Justice invalidated (Safe Harbor, Privacy Shield)."""
    return adequacy_data.in_use().invalid_mechanism_in(text) is not None


def is_international_organization(code: str) -> bool:
    """An ``INT-`` destination the adequacy list knows (e.g. ``INT-EPO``)."""
    return code.upper().startswith(adequacy_data.INT_PREFIX) and adequacy(code) is not None


@cache
def _french() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


def is_country_code(code: str) -> bool:
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


def country_name(code: str, lang: str = "en") -> str:
    """The country's usual name in ``lang``; an unknown code is returned as it is."""
    if not code:
        return ""
    if code.upper().startswith(adequacy_data.INT_PREFIX):
        decision = adequacy(code)
        return decision.name(lang) if decision else code
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    if lang == "fr":
        return _french().gettext(country.name)
    return str(getattr(country, "common_name", country.name))


@cache
def all_countries(lang: str = "en") -> tuple[tuple[str, str], ...]:
    """(code, name) for every country, sorted by name in ``lang``."""
    items = [(c.alpha_2, country_name(c.alpha_2, lang)) for c in pycountry.countries]
    return tuple(sorted(items, key=lambda item: _fold(item[1])))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def _names_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", ""),
                 _french().gettext(country.name)}
        for name in names:
            if name:
                index[_fold(name)] = country.alpha_2
    # Usual short forms found in registers and in the CNIL template.
    for alias, code in {"etats-unis": "US", "usa": "US", "united states": "US", "royaume-uni": "GB",
                        "uk": "GB", "coree du sud": "KR", "south korea": "KR", "ile de man": "IM",
                        "iles feroe": "FO", "suisse": "CH", "japon": "JP"}.items():
        index[alias] = code
    return index


def country_code(text: str) -> str | None:
    """The alpha-2 code for a code or a name in French or English; None when unknown."""
    stripped = text.strip()
    if is_country_code(stripped):
        return stripped.upper()
    return _names_index().get(_fold(stripped))
