"""The Markdown text of stories, pages and actor descriptions: unsafe HTML, unsafe and broken links.

Python-Markdown passes HTML through unchanged, so this check is what keeps scripts off the site.
Code (between backticks or in ``` blocks) is shown as text by Markdown and is skipped.
"""

from __future__ import annotations

import bisect
import html
import re

from . import formats
from .problems import ERROR, WARNING

MIN_BODY_WORDS = 80
INTERNAL_PREFIXES = ("{filename}", "{static}", "{attach}")

_FENCED_CODE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,}).*?(?:^[ \t]{0,3}\1[`~]*[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_FORBIDDEN_TAG = re.compile(
    r"<\s*(script|iframe|frame|frameset|style|object|embed|applet|form|base|link|meta)\b", re.IGNORECASE
)
# An HTML attribute like onclick= inside a tag, or in Markdown's {: …} attribute lists.
_EVENT_HANDLER = re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-zA-Z]+)\s*=|\{:?[^{}\n]*?[\s{:](on[a-zA-Z]+)\s*=")
# Where a link target can stand: [text](target), [id]: target, href="target", <scheme:target>.
# Each with a plain substring that must occur first, so most texts skip most patterns cheaply.
_TARGETS = (
    ("](", re.compile(r"\]\(\s*<?([^)>\s]*)"), True),
    ("]:", re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE), True),
    ("=", re.compile(r"""\b(?:href|src|action|formaction|poster|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'}]+))""", re.IGNORECASE), True),
    ("<", re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>"), False),
)
_WORD = re.compile(r"\w+")
_TAG_ADVICE = {
    "script": "Skripte sind aus Sicherheitsgründen gesperrt. Bitte entfernen.",
    "style": "Die Gestaltung kommt von der Website selbst. Bitte entfernen.",
    "iframe": "Videos und Karten bitte als normalen Link angeben (bei Geschichten im Feld links.video).",
}


class Body:
    """A Markdown text with its code blanked out and a way to turn positions into file lines."""

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first_line = first_line
        self.scanned = _CODE_SPAN.sub(_blank, _FENCED_CODE.sub(_blank, text)) if "`" in text or "~~~" in text else text
        self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def line(self, offset: int) -> int:
        """The file line of a character offset in the text."""
        return self.first_line + bisect.bisect_right(self._starts, offset) - 1

    def targets(self):
        """(offset, target, is_link) for every link target in the text, outside code."""
        for marker, pattern, is_link in _TARGETS:
            if marker not in self.scanned:
                continue
            for match in pattern.finditer(self.scanned):
                group = next(i for i in range(1, (match.lastindex or 1) + 1) if match.group(i) is not None)
                yield match.start(group), match.group(group), is_link


def check_body(text: str, first_line: int, kind: str, field: str = "Text"):
    """(line, field, message, severity) for unsafe HTML, unsafe or malformed links and a too short text."""
    body = Body(text, first_line)
    for match in _FORBIDDEN_TAG.finditer(body.scanned) if "<" in body.scanned else ():
        tag = match.group(1).lower()
        advice = _TAG_ADVICE.get(tag, _TAG_ADVICE["iframe"] if tag in ("frame", "object", "embed", "applet") else "Bitte entfernen.")
        yield body.line(match.start()), field, f"Das HTML-Element <{tag}> ist im Text nicht erlaubt. {advice}", ERROR
    for match in _EVENT_HANDLER.finditer(body.scanned) if "=" in body.scanned else ():
        name = (match.group(1) or match.group(2)).lower()
        yield (
            body.line(match.start(1) if match.group(1) else match.start(2)), field,
            f"Das HTML-Attribut {name}= ist nicht erlaubt, weil es Programmcode ausführt. Bitte entfernen.", ERROR,
        )
    for offset, target, is_link in body.targets():
        for message, severity in _check_target(target, is_link):
            yield body.line(offset), field, message, severity
    if kind == "story":
        words = len(_WORD.findall(text))
        if words < MIN_BODY_WORDS:
            counted = "1 Wort" if words == 1 else f"{words} Wörter"
            yield first_line + len(text) - len(text.lstrip("\n")), field, (
                f"hat nur {counted}. Eine Geschichte sollte mindestens {MIN_BODY_WORDS} Wörter haben, "
                "damit Leserinnen und Leser verstehen, worum es geht."
            ), WARNING


def _check_target(target: str, is_link: bool):
    scheme = formats.unsafe_scheme(target)
    if scheme:
        yield formats.unsafe_message(scheme), ERROR
        return
    if not is_link:
        return
    target = html.unescape(target)
    lower = target.lower()
    if lower.startswith("mailto:"):
        address = target[7:].split("?", 1)[0]
        if not formats.check("email", address, ""):
            return
        yield f'Der Link "{target}" enthält keine gültige E-Mail-Adresse. Eine Adresse hat die Form name@beispiel.de.', ERROR
    elif lower.startswith("www."):
        yield f'Vor dem Link "{target}" fehlt https://, sonst führt er ins Leere. Schreiben Sie "https://{target}".', ERROR
    elif "://" in lower or re.match(r"^ht+p", lower):
        for message, severity in formats.check("url", target, ""):
            yield f"Link: {message}", severity


def internal_links(text: str, first_line: int):
    """(line, target) for every link in the text that points inside the site."""
    body = Body(text, first_line)
    for offset, target, is_link in body.targets():
        if is_link and ((target.startswith("/") and not target.startswith("//")) or target.startswith(INTERNAL_PREFIXES)):
            yield body.line(offset), target


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


__all__ = ["MIN_BODY_WORDS", "check_body", "internal_links"]
