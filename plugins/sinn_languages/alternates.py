"""Which pages are translations of each other, for `<link rel="alternate" hreflang="…">`.

Search engines read hreflang as "this page in that language": every page of a group names every
page of the group, itself included, and the German page once more as x-default (the full site is
German; the English pages summarise it). A group is only written when each of its pages is built,
so no alternate points to a missing page and every target points back (tests/test_summaries.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sinn_core.addresses import AddressMap

# What a reader whose language has no page of its own gets: the site's own language (DEFAULT_LANG), the full site.
X_DEFAULT = "x-default"


@dataclass(frozen=True)
class Alternate:
    """One `<link rel="alternate">`: the language (or x-default) and the site-relative url of the page."""

    hreflang: str
    url: str


def pairs(settings, page_slugs) -> list[dict[str, str]]:
    """Groups of translations as {language: site-relative url}: the homes, and the about pages if the German one exists."""
    address_map = AddressMap(settings)
    default = settings.get("DEFAULT_LANG") or "de"
    groups = [{default: address_map.fixed("LISTINGS_HOME_URL").url, "en": address_map.fixed("LANGUAGES_ENGLISH_URL").url}]
    about = settings["LANGUAGES_ABOUT_PAGE"]
    if about in page_slugs:
        groups.append({default: address_map.of("page", about).url, "en": address_map.fixed("LANGUAGES_ENGLISH_ABOUT_URL").url})
    return groups


def alternates_for(settings, page_slugs) -> dict[str, list[Alternate]]:
    """{file written (save_as): its alternates} for every page of every group."""
    default = settings.get("DEFAULT_LANG") or "de"
    found = {}
    for group in pairs(settings, page_slugs):
        links = [Alternate(language, url) for language, url in group.items()] + [Alternate(X_DEFAULT, group[default])]
        for url in group.values():
            found[url + "index.html" if url == "" or url.endswith("/") else url] = links
    return found
