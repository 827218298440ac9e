"""LIESMICH.txt of a press kit: what is in it, the image's address, credits and licences, facts with sources, approved quotes, contacts, citation."""

from __future__ import annotations

from sinn_core.content import later_modification
from sinn_structured_data import download_image, text_license
from sinn_structured_data.licenses import license_url
from sinn_templating.filters import date_de

from .citation import citation, permanent_url
from .citation_formats import FORMATS

WIDTH = 76


def _wrap(text: str, hanging: str = "") -> list[str]:
    """A paragraph wrapped at WIDTH; list items continue under their text (hanging="  ").

    The lines textwrap.wrap gives with break_long_words and break_on_hyphens off (a test holds the two
    together), in a tenth of the time: 2,000 kits wrap 32,000 paragraphs on every build.
    """
    lines: list[str] = []
    line = ""
    for word in str(text).split():
        if not line:  # only the first word: every later line starts with the word that did not fit
            line = word
        elif len(line) + 1 + len(word) <= WIDTH:
            line += " " + word
        else:
            lines.append(line)
            line = hanging + word
    if line:
        lines.append(line)
    return lines


def _item(text: str) -> list[str]:
    return _wrap(f"- {text}", "  ")


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def _field(item, name: str, default=None):
    return item.get(name, default) if isinstance(item, dict) else getattr(item, name, default)


def _image_lines(story, settings) -> list[str]:
    """Where the hero image is to download, with format, size and what was removed: the kit holds no copy."""
    download = download_image(story, settings)
    if download is None:
        return []
    details = [download["format"]] if download["format"] else []
    if download["width"] and download["height"]:
        details.append(f"{download['width']} × {download['height']} Pixel")
    if download["format"] in ("JPEG", "PNG", "WebP"):
        details.append("ohne Metadaten: keine Kamera- oder GPS-Daten")
    # The address on a line of its own, never wrapped: it must stay one piece to be copied.
    return [f"Herunterladen: {download['url']}", *(_wrap(f"({', '.join(details)})") if details else [])]


def text(story, settings, names: dict[str, str]) -> str:
    """The German text of LIESMICH.txt, lines ending in CRLF so every editor on every system shows them."""
    title = f"Pressemappe: {story.title}"
    lines = [title, "=" * len(title), ""]
    lines += _wrap(story.summary)
    dates = f"Veröffentlicht am {date_de(story.date)}"
    if modified := later_modification(story):
        dates += f", aktualisiert am {date_de(modified)}"
    lines += ["", *_wrap(f"{dates} von der {settings['SITE_PUBLISHER']}."), f"Online: {permanent_url(story, settings)}"]
    if getattr(story, "illustrative", False):
        lines += ["", *_wrap("Hinweis: Dies ist eine Beispielgeschichte. Sie ist erfunden, ebenso ihre Zahlen, Zitate und "
                             "Ansprechpersonen. Bitte nicht als Tatsache veröffentlichen.")]

    lines += _heading("Inhalt dieser Mappe")
    lines += _item("LIESMICH.txt: diese Übersicht")
    for ext, (label, _writer) in FORMATS.items():
        lines += _item(f"{names[ext]}: die Zitation für Literaturverwaltungen als {label}")

    image = story.image
    lines += _heading("Titelbild")
    lines += _wrap("Das Titelbild liegt nicht in dieser Mappe, sondern druckfertig unter seiner eigenen Adresse:")
    lines += _image_lines(story, settings)
    lines += _wrap(f"Bildbeschreibung: {image['alt']}")
    lines += _wrap(f"Bildnachweis: {image['credit']}")
    deed = license_url(image["license"])
    lines += _wrap(f"Lizenz: {image['license']}" + (f" ({deed})" if deed else ""))
    lines += _wrap("Bitte nennen Sie den Bildnachweis bei jeder Veröffentlichung.")

    licence = text_license(story, settings)
    lines += _heading("Text")
    lines += _wrap(f"Den Text dürfen Sie unter der Lizenz {licence['name']}" + (f" ({licence['url']})" if licence["url"] else "")
                   + " mit Nennung der Quelle übernehmen.")

    facts = getattr(story, "facts", None) or []
    if facts:
        lines += _heading("Kennzahlen mit Quellen")
        for fact in facts:
            lines += _item(f"{_field(fact, 'label')}: {_field(fact, 'value')} (Quelle: {_field(fact, 'source') or 'keine Angabe'})")

    quotes = getattr(story, "quotes", None) or []
    if quotes:
        lines += _heading("Freigegebene Zitate")
        for number, quote in enumerate(quotes):
            if number:
                lines.append("")
            lines += _wrap(f"„{_field(quote, 'text')}“")
            by = _field(quote, "by") + (f", {_field(quote, 'role')}" if _field(quote, "role") else "")
            lines += _wrap(f"– {by}", "  ")

    lines += _heading("Kontakt")
    contact = getattr(story, "contact", None) or {}
    if contact:
        lines.append("Zum Projekt:")
        lines += [f"  {label}: {contact[key]}" for key, label in (("name", "Name"), ("email", "E-Mail"), ("phone", "Telefon")) if contact.get(key)]
    for person in settings.get("PRESS_CONTACTS", []):
        lines.append(f"Zur Plattform: {person.get('name', '')}" + (f" ({person['role']})" if person.get("role") else ""))
        lines += [f"  {label}: {person[key]}" for key, label in (("email", "E-Mail"), ("phone", "Telefon")) if person.get(key)]

    lines += _heading("Zitiervorschlag")
    lines += _wrap(citation(story, settings))
    return "\r\n".join(lines) + "\r\n"
