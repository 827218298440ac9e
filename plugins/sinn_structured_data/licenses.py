"""Licence names as editors write them ("CC BY 4.0") and the addresses that define them."""

from __future__ import annotations

import re

_CC = re.compile(r"^\s*CC[\s-]+(BY(?:[\s-](?:NC|SA|ND)){0,2})[\s-]+(\d\.\d)(\s+DE)?\s*$", re.IGNORECASE)
_CC0 = re.compile(r"^\s*CC0(?:[\s-]+1\.0)?\s*$", re.IGNORECASE)


def license_url(name: str | None) -> str | None:
    """The Creative Commons deed for a licence name, or None for anything else (e.g. "Alle Rechte beim Projekt")."""
    if not name:
        return None
    if _CC0.match(name):
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    match = _CC.match(name)
    if not match:
        return None
    kind = "-".join(re.split(r"[\s-]+", match.group(1).lower()))
    # "3.0 DE" is the German port of an older version with its own deed; 4.0 has no ports.
    port = "de/" if match.group(3) and match.group(2) < "4.0" else ""
    return f"https://creativecommons.org/licenses/{kind}/{match.group(2)}/{port}"


def text_license(story, settings) -> dict:
    """The licence of a story's text: the story's own `text_license`, else the site's default."""
    name = getattr(story, "text_license", None) or settings["STRUCTURED_DATA_TEXT_LICENSE"]
    return {"name": name, "url": license_url(name)}
