"""What the site publishes for one source image: variant sizes, formats and URLs, known before encoding.

Planning reads only the image header, so templates can write <picture> markup while the
expensive encoding happens later, in parallel and only for images the cache does not have.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from PIL import Image

from sinn_core.containment import ContentPathError, printable, resolve_content_path

EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "avif": "avif"}
MIME_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "avif": "image/avif"}
_ROTATED = {5, 6, 7, 8}
IMAGE_FOLDER = "images"


class ImageError(Exception):
    """An image cannot be published; the message names the file and says what to do."""


@dataclass(frozen=True)
class Variant:
    """One encoded file: a width in one format."""

    name: str
    format: str
    width: int
    height: int
    path: str
    prefix: str = "/"

    @property
    def url(self) -> str:
        """The address to use in pages: SITEURL (or /) plus the path."""
        return self.prefix + self.path


@dataclass
class Rendition:
    """A source image and every file the site publishes for it."""

    src: str
    source_path: str
    width: int
    height: int
    has_alpha: bool
    is_svg: bool = False
    variants: list[Variant] = field(default_factory=list)
    og: Variant | None = None
    download: Variant | None = None
    focus: tuple[float, float] = (0.5, 0.5)

    def srcset(self, image_format: str) -> str:
        """`url 480w, url 960w, …` for one format."""
        return ", ".join(f"{v.url} {v.width}w" for v in self.variants if v.format == image_format)

    @property
    def formats(self) -> list[str]:
        """Formats in order of preference, the fallback last."""
        return list(dict.fromkeys(v.format for v in self.variants))

    @property
    def sources(self) -> list[dict]:
        """<source> entries for every format but the fallback."""
        return [{"type": MIME_TYPES[f], "srcset": self.srcset(f)} for f in self.formats[:-1]]

    @property
    def fallback(self) -> Variant:
        """The <img src>: the fallback format, the variant closest to 960 px."""
        preferred = self.formats[-1]
        return min((v for v in self.variants if v.format == preferred), key=lambda v: abs(v.width - 960))

    @property
    def smallest(self) -> Variant:
        """The smallest fallback-format variant, for thumbnails in search results."""
        preferred = self.formats[-1]
        return min((v for v in self.variants if v.format == preferred), key=lambda v: v.width)


def header(path: str) -> tuple[int, int, bool]:
    """Displayed width and height (EXIF rotation applied) and whether the image has transparency."""
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
        alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if orientation in _ROTATED:
        width, height = height, width
    return width, height, alpha


def plan(content_path: str, src: str, options: dict, focus=None) -> Rendition:
    """The rendition of content/<src> under the given settings; raise ImageError if unreadable."""
    try:
        path = resolve_content_path(content_path, src, IMAGE_FOLDER)
    except ContentPathError as error:
        raise ImageError(f"{printable(src)}: {error}") from error
    stem, extension = os.path.splitext(src)
    base = options["url_prefix"]
    if extension.lower() == ".svg":
        rendition = Rendition(src, path, 0, 0, True, is_svg=True)
        rendition.download = Variant("full.svg", "svg", 0, 0, src, base)
        return rendition
    try:
        width, height, alpha = header(path)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ImageError(f"content/{printable(src)}: Das Bild kann nicht gelesen werden. Bitte als JPEG oder PNG neu speichern.") from error
    rendition = Rendition(src, path, width, height, alpha, focus=tuple(focus) if focus else (0.5, 0.5))
    fallback = "png" if alpha else "jpeg"
    formats = [f for f in options["formats"] if f != "jpeg"] + [fallback]
    widths = sorted({min(w, width) for w in options["widths"]})
    for image_format in formats:
        for variant_width in widths:
            variant_height = round(height * variant_width / width)
            name = f"{variant_width}.{EXTENSIONS[image_format]}"
            variant_path = f"{stem}-{variant_width}.{EXTENSIONS[image_format]}"
            rendition.variants.append(Variant(name, image_format, variant_width, variant_height, variant_path, base))
    og_width, og_height = options["og_size"]
    scale = min(1.0, width / og_width, height / og_height)
    rendition.og = Variant("og.jpg", "jpeg", round(og_width * scale), round(og_height * scale), f"{stem}-og.jpg", base)
    download_ext = EXTENSIONS[fallback]
    rendition.download = Variant(f"full.{download_ext}", fallback, width, height, f"{stem}.{download_ext}", base)
    return rendition
