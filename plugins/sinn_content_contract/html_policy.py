"""The HTML allowlist for texts from content, as data, and clean() that enforces it with nh3.

Stories, pages and actor descriptions are Markdown, and Markdown passes HTML through as written.
Every rendered text goes through clean() (nh3, the Rust sanitiser ammonia) before it is published,
in the build and in the open data; the checker learns from html_review.review() exactly what
clean() removes or changes, and reports it at its line.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import nh3

# Headings start at h2 (the page has its own h1); h5 and h6 are refused, as are all other elements.
TAGS = frozenset({
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "th", "td", "blockquote", "em", "strong", "b", "i", "sub", "sup",
    "code", "pre", "abbr", "figure", "figcaption", "a", "img",
    "div",  # only the footnotes' <div class="footnote">: any other div is unwrapped, its text kept
})
ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "code": {"class"},
    "div": {"class"},
    "sup": {"id"},
    "li": {"id"},
}
# Values an attribute may have. class and id only in the form the renderer makes them (the language of
# fenced code, footnotes): written by hand in that form they do what the Markdown syntax does.
VALUES = {
    ("code", "class"): re.compile(r"language-[\w.+#-]+"),
    ("div", "class"): re.compile(r"footnote"),
    ("a", "class"): re.compile(r"footnote-(?:ref|backref)"),
    ("sup", "id"): re.compile(r"fnref\d*:\S+"),
    ("li", "id"): re.compile(r"fn:\S+"),
    ("th", "align"): re.compile(r"left|center|right"),
    ("td", "align"): re.compile(r"left|center|right"),
    ("th", "colspan"): re.compile(r"[1-9]\d{0,2}"),
    ("td", "colspan"): re.compile(r"[1-9]\d{0,2}"),
    ("th", "rowspan"): re.compile(r"[1-9]\d{0,3}"),
    ("td", "rowspan"): re.compile(r"[1-9]\d{0,3}"),
    ("th", "scope"): re.compile(r"row|col|rowgroup|colgroup"),
    ("ol", "start"): re.compile(r"\d{1,6}"),
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Pelican replaces these after reading: they must pass clean() unchanged.
PLACEHOLDERS = ("{filename}", "{static}", "{attach}")
IMAGE_PREFIXES = ("/images/", "{static}/images/")
# Removed with everything inside; other refused elements are unwrapped and their text kept.
CLEAN_CONTENT_TAGS = frozenset({
    "script", "style", "template", "textarea", "select", "svg", "math", "object", "iframe",
    "noscript", "noembed", "noframes", "xmp", "title",
})

_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\\]")
# nh3's output is serialised by html5ever: lower-case names, values always in "…" with " escaped, no raw
# "<" in text. So this pattern finds exactly its tags, which a parser would not do faster.
_SERIALISED_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [^ "=>]+="[^"]*")*)>')


def allowed_href(url: str) -> bool:
    """True for http(s), mailto and tel links, #fragments, site paths (/…, not //… or /\\…) and Pelican's placeholders."""
    if url != url.strip() or _UNSAFE_CHARACTERS.search(url):
        return False
    lower = url.lower()
    if lower.startswith(("http://", "https://", "mailto:", "tel:", "#")):
        return True
    if url.startswith("/"):
        return not url.startswith("//")
    placeholder = next((p for p in PLACEHOLDERS if url.startswith(p)), None)
    if placeholder is None:
        return False
    rest = url[len(placeholder):]
    return not rest.startswith("//") and (placeholder == "{filename}" or ".." not in unquote(rest).split("/"))


def allowed_image(src: str) -> bool:
    """True for the site's own images: /images/… or {static}/images/…, without "..", "//", query or fragment."""
    prefix = next((p for p in IMAGE_PREFIXES if src.startswith(p)), None)
    if prefix is None or src != src.strip() or _UNSAFE_CHARACTERS.search(src) or "?" in src or "#" in src:
        return False
    return all(segment not in ("", ".", "..") for segment in unquote(src[len(prefix):]).split("/"))


def allowed_attribute(tag: str, name: str, value: str) -> bool:
    """True when clean() keeps the attribute with this value on this element."""
    return _attribute_filter(tag, name, value) is not None


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name not in ATTRIBUTES.get(tag, ()):
        return None
    if name == "href":
        return value if allowed_href(value) else None
    if name == "src":
        return value if allowed_image(value) else None
    pattern = VALUES.get((tag, name))
    return None if pattern is not None and not pattern.fullmatch(value) else value


_cleaner = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(CLEAN_CONTENT_TAGS), attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter, strip_comments=True, link_rel=None, url_schemes=set(URL_SCHEMES),
)


def clean(html: str) -> str:
    """The HTML with only what the allowlist permits; an image without an allowed source disappears entirely."""
    return _prune(_cleaner.clean(html))


def _prune(html: str) -> str:
    """Drop each <img> that lost its src, and unwrap each <div> that is not the footnotes' (keeping its content)."""
    if "<img" not in html and "<div" not in html:
        return html
    parts, position, divs = [], 0, []
    for match in _SERIALISED_TAG.finditer(html):
        closing, name, attributes = match.groups()
        if name == "img":
            keep = ' src="' in attributes
        elif name == "div":
            keep = (divs.pop() if divs else False) if closing else ' class="' in attributes
            if not closing:
                divs.append(keep)
        else:
            continue
        if not keep:
            parts.append(html[position:match.start()])
            position = match.end()
    parts.append(html[position:])
    return "".join(parts)


__all__ = ["ATTRIBUTES", "CLEAN_CONTENT_TAGS", "TAGS", "allowed_attribute", "allowed_href", "allowed_image", "clean"]
