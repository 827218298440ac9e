"""The story images other sites get: the preview image for link cards and the full-resolution download.

The images step of the model fills a story's view with `preview_image` (1200×630) and `download`
(metadata stripped); without them (a build without the images plugin, an SVG hero), the hero image
as written in the front matter stands in for both.
"""

from __future__ import annotations

import mimetypes
import os

from sinn_model import view_of
from sinn_templating import absolute_base, absolute_url


def field(item, name: str, default=None):
    """A value from a mapping or an object alike (images come as dicts or objects)."""
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _mime_type(url: str) -> str | None:
    return mimetypes.guess_type(url.split("?", 1)[0])[0]


def format_name(mime_type: str | None) -> str:
    """"JPEG", "PNG", "WebP": the file format as people name it."""
    subtype = (mime_type or "").rpartition("/")[2]
    return {"webp": "WebP", "svg+xml": "SVG"}.get(subtype, subtype.upper())


def preview_image(story, settings) -> dict | None:
    """url (absolute), width, height, alt and type of the image a link preview shows for a story."""
    hero = getattr(story, "image", None) or {}
    generated = getattr(view_of(story), "preview_image", None)
    if generated is not None:
        url, width, height, alt = generated.url, generated.width, generated.height, generated.alt or field(hero, "alt")
    elif field(hero, "src"):
        url, width, height, alt = field(hero, "src"), field(hero, "width"), field(hero, "height"), field(hero, "alt")
    else:
        return None
    url = absolute_url(absolute_base(settings), str(url))
    return {"url": url, "width": width, "height": height, "alt": alt or "", "type": _mime_type(url)}


def download_image(story, settings) -> dict | None:
    """The full-resolution hero as a download: url, width, height, bytes, type, with credit and license."""
    hero = getattr(story, "image", None) or {}
    if not field(hero, "src"):
        return None
    generated = getattr(view_of(story), "download", None)
    if generated is not None:
        url, width, height, size = generated.url, generated.width, generated.height, generated.bytes
    else:
        url, width, height = field(hero, "src"), field(hero, "width"), field(hero, "height")
        size = _file_size(os.path.join(settings["PATH"], str(url)))
    url = absolute_url(absolute_base(settings), str(url))
    return {
        "url": url, "width": width, "height": height, "bytes": size, "type": _mime_type(url), "format": format_name(_mime_type(url)),
        "alt": field(hero, "alt", ""), "credit": field(hero, "credit", ""), "license": field(hero, "license", ""),
    }


def site_image(settings) -> dict:
    """The site's own preview card for pages without an image of their own."""
    image = dict(settings["STRUCTURED_DATA_DEFAULT_IMAGE"])
    url = absolute_url(absolute_base(settings), image.pop("src"))
    return {**image, "url": url, "type": _mime_type(url)}


def _file_size(path: str) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None
