"""The Highwire Press `citation_*` meta tags of a story, which Zotero, Citavi and Google Scholar read from a page.

They say what the citation files say (citation_formats.py): the publisher as author, since the
platform's editorial team writes every story (the actors are its subject, not its authors), the title,
the publication date as JJJJ/MM/TT, the permanent address, the language and the summary as abstract. A story has no PDF
version, so no `citation_pdf_url`: the page itself is the full text, named by `citation_public_url`.
Own code rather than a library: the tags are a flat list of name and value, and no maintained
Python library writes them.
"""

from __future__ import annotations

from .citation import permanent_url


def highwire_date(value) -> str:
    """A date as Highwire's tags want it: JJJJ/MM/TT."""
    return value.strftime("%Y/%m/%d")


def citation_tags(story, settings) -> list[tuple[str, str]]:
    """(name, content) of every citation_* meta tag of a story page, in the order Google Scholar lists them."""
    published = highwire_date(story.date)
    tags = [
        ("citation_title", story.title),
        ("citation_author", settings["SITE_PUBLISHER"]),
        ("citation_publication_date", published),
        ("citation_online_date", published),
        ("citation_publisher", settings["SITE_PUBLISHER"]),
        ("citation_public_url", permanent_url(story, settings)),
        ("citation_language", settings["DEFAULT_LANG"]),
        ("citation_abstract", getattr(story, "summary", "") or ""),
    ]
    # One line each, and no tag without a value: Zotero would take an empty one for a missing field anyway.
    return [(name, " ".join(str(value).split())) for name, value in tags if str(value).strip()]
