"""LIESMICH.txt of a press kit: what is in it, credits and licences, facts with sources, approved quotes, contacts, citation."""

from __future__ import annotations

import textwrap

from sinn_core.content import later_modification
from sinn_structured_data import text_license
from sinn_structured_data.licenses import license_url
from sinn_templating.filters import date_de

from .citation import citation, permanent_url
from .citation_formats import FORMATS

WIDTH = 76


def _wrap(text: str, hanging: str = "") -> list[str]:
    """A paragraph wrapped at WIDTH; list items continue under their text (hanging="  ")."""
    return textwrap.wrap(" ".join(str(text).split()), WIDTH, subsequent_indent=hanging,
                         break_long_words=False, break_on_hyphens=False)


def _item(text: str) -> list[str]:
    return _wrap(f"- {text}", "  ")


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def _field(item, name: str, default=None):
    return item.get(name, default) if isinstance(item, dict) else getattr(item, name, default)


def text(story, settings, image_name: str | None, names: dict[str, str]) -> str:
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
    if image_name:
        download = story.view.download
        size = f", {download.width} × {download.height} Pixel" if download is not None else ""
        lines += _item(f"{image_name}: Titelbild in voller Auflösung{size}, ohne Metadaten (keine Kamera- oder GPS-Daten)")
    for ext, (label, _writer) in FORMATS.items():
        lines += _item(f"{names[ext]}: die Zitation für Literaturverwaltungen als {label}")

    image = story.image
    lines += _heading("Titelbild")
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
