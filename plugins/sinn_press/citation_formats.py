"""A story's citation for reference managers: BibTeX (biblatex @online), RIS and CSL-JSON.

All three say the same as the citation suggestion on the page: the publisher as author, the
title, the publication date (and the update, if any), the permanent address. Each also names
the day of the build as access date (biblatex `urldate`, RIS `Y2`, CSL `accessed`; see
citation.access_date): the page reads then as the file describes it. A reader who cites later
puts in the day of their own visit; the BibTeX file says so in a comment.
"""

from __future__ import annotations

import json
import re

from sinn_core.content import later_modification
from sinn_templating.filters import date_de

from .citation import access_date, permanent_url

# BibTeX/LaTeX characters with a meaning of their own, and how to write them as text.
_LATEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_LATEX_PATTERN = re.compile("|".join(re.escape(character) for character in _LATEX))


def _latex(text: str) -> str:
    return _LATEX_PATTERN.sub(lambda match: _LATEX[match.group(0)], " ".join(str(text).split()))


def citation_key(story) -> str:
    """A stable key for reference managers: the site's short name and the slug."""
    return f"sinn-{story.slug}"


def bibtex(story, settings) -> str:
    """A biblatex @online entry (UTF-8)."""
    fields = [
        ("author", "{" + _latex(settings["SITE_PUBLISHER"]) + "}"),
        ("title", _latex(story.title)),
        ("date", story.date.date().isoformat()),
        ("url", permanent_url(story, settings)),
        ("urldate", access_date(settings).isoformat()),
        ("organization", _latex(settings["SITENAME"])),
        ("langid", "ngerman"),
    ]
    updated = later_modification(story)
    if updated:
        fields.append(("note", f"Aktualisiert am {date_de(updated)}"))
    lines = [f"@online{{{citation_key(story)},"]
    lines += [f"  {name:<12} = {{{value}}}," for name, value in fields]
    lines.append("}")
    note = "% urldate ist der Tag, an dem diese Datei erstellt wurde. Zitieren Sie später, setzen Sie den Tag Ihres Abrufs ein."
    return note + "\n" + "\n".join(lines) + "\n"


def ris(story, settings) -> str:
    """A RIS record (type ELEC, web page), lines ending in CRLF as the format asks."""
    day = story.date.date()
    lines = [
        ("TY", "ELEC"),
        ("TI", story.title),
        ("AU", settings["SITE_PUBLISHER"]),
        ("PB", settings["SITE_PUBLISHER"]),
        ("T2", settings["SITENAME"]),
        ("PY", str(day.year)),
        ("DA", day.strftime("%Y/%m/%d")),
        ("UR", permanent_url(story, settings)),
        ("Y2", access_date(settings).strftime("%Y/%m/%d")),
        ("LA", "de"),
        ("AB", getattr(story, "summary", "") or ""),
    ]
    updated = later_modification(story)
    if updated:
        lines.append(("N1", f"Aktualisiert am {date_de(updated)}"))
    text = "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def csl_json(story, settings) -> str:
    """CSL-JSON (a list with one item), as Zotero, Citavi and pandoc read it."""
    day, accessed = story.date.date(), access_date(settings)
    item = {
        "id": citation_key(story),
        "type": "webpage",
        "title": story.title,
        "author": [{"literal": settings["SITE_PUBLISHER"]}],
        "publisher": settings["SITE_PUBLISHER"],
        "container-title": settings["SITENAME"],
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "URL": permanent_url(story, settings),
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "language": "de-DE",
        "abstract": getattr(story, "summary", "") or "",
    }
    updated = later_modification(story)
    if updated:
        item["note"] = f"Aktualisiert am {date_de(updated)}"
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


# File extension → (how the format is called on the page, the function that writes it).
FORMATS = {
    "bib": ("BibTeX", bibtex),
    "ris": ("RIS", ris),
    "json": ("CSL-JSON", csl_json),
}
