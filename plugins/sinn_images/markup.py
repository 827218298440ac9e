"""<img> tags in Markdown bodies become responsive <picture> elements with the processed variants."""

from __future__ import annotations

import html
import re

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
BODY_SIZES = "(min-width: 60em) 46rem, 100vw"


def local_source(src: str, url_prefix: str) -> str | None:
    """The content-relative path of an image the site processes, or None for anything else."""
    for prefix in ("{static}/", "{attach}/", url_prefix, "/"):
        if prefix and src.startswith(prefix):
            path = src[len(prefix):]
            return path if path.startswith("images/") else None
    return None


def body_image_sources(content: str, url_prefix: str) -> list[str]:
    """Content-relative paths of the site's images used in an HTML body."""
    found = []
    for tag in IMG_TAG.findall(content):
        src = dict(_ATTRIBUTE.findall(tag)).get("src", "")
        path = local_source(html.unescape(src), url_prefix)
        if path:
            found.append(path)
    return found


def picture(rendition, alt: str, sizes: str, lazy: bool = True, extra: str = "") -> str:
    """The <picture> element for a rendition, as HTML."""
    if rendition.is_svg:
        return f'<img src="{html.escape(rendition.download.url)}" alt="{html.escape(alt)}"{extra}>'
    fallback = rendition.fallback
    parts = ["<picture>"]
    parts += [f'<source type="{s["type"]}" srcset="{html.escape(s["srcset"])}" sizes="{sizes}">' for s in rendition.sources]
    loading = ' loading="lazy" decoding="async"' if lazy else ' fetchpriority="high"'
    parts.append(
        f'<img src="{html.escape(fallback.url)}" srcset="{html.escape(rendition.srcset(fallback.format))}" sizes="{sizes}" '
        f'width="{rendition.width}" height="{rendition.height}" alt="{html.escape(alt)}"{loading}{extra}>'
    )
    parts.append("</picture>")
    return "".join(parts)


def rewrite_body(content: str, renditions: dict, url_prefix: str) -> str:
    """Replace each processed <img> of a body with its <picture>; other images stay as they are."""

    def replace(match):
        attributes = dict(_ATTRIBUTE.findall(match.group(0)))
        path = local_source(html.unescape(attributes.get("src", "")), url_prefix)
        rendition = renditions.get(path)
        if rendition is None:
            return match.group(0)
        return picture(rendition, html.unescape(attributes.get("alt", "")), BODY_SIZES)

    return IMG_TAG.sub(replace, content)
