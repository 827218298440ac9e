"""What the site publishes for one source image: variant sizes, formats and URLs, known before encoding.

Planning reads only the image header; the expensive encoding happens later, in parallel and only for
images the cache does not have. Every modern format (AVIF) and the fallback (JPEG, or PNG with
transparency) are encoded at every width, but the fallback is published only at the fallback widths:
the browsers the site serves read AVIF, and the <img> inside <picture> is for the few that do not and
for programs that read no <picture> (one size for them, one small one for search thumbnails).
After encoding, `settle` keeps a modern format only where its files are smaller than the fallback's
at the same widths; where they are not (a flat graphic, say), the fallback is published at every width.
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
    variants: list[Variant] = field(default_factory=list)  # every file encoded into the cache
    published: list[Variant] = field(default_factory=list)  # the variants the site offers (settle() decides)
    og: Variant | None = None
    download: Variant | None = None
    focus: tuple[float, float] = (0.5, 0.5)
    fallback_widths: tuple[int, ...] = ()

    def srcset(self, image_format: str) -> str:
        """`url 480w, url 960w, …` for one format."""
        return ", ".join(f"{v.url} {v.width}w" for v in self.published if v.format == image_format)

    @property
    def formats(self) -> list[str]:
        """Formats in order of preference, the fallback last."""
        return list(dict.fromkeys(v.format for v in self.published))

    @property
    def fallback_format(self) -> str:
        """The format every program reads: JPEG, or PNG for images with transparency."""
        return self.variants[-1].format

    def settle(self, sizes: dict[str, int]) -> None:
        """Publish each modern format only where its files (by name: bytes) are smaller than the fallback's at the same widths."""
        fallback = self.fallback_format
        fallback_bytes = {v.width: sizes.get(v.name, 0) for v in self.variants if v.format == fallback}
        modern = []
        for image_format in dict.fromkeys(v.format for v in self.variants if v.format != fallback):
            own = [v for v in self.variants if v.format == image_format]
            if sum(sizes.get(v.name, 0) for v in own) < sum(fallback_bytes[v.width] for v in own):
                modern += own
        shown = [v for v in self.variants if v.format == fallback and (not modern or v.width in self.fallback_widths)]
        self.published = modern + shown

    @property
    def sources(self) -> list[dict]:
        """<source> entries for every format but the fallback."""
        return [{"type": MIME_TYPES[f], "srcset": self.srcset(f)} for f in self.formats[:-1]]

    @property
    def fallback(self) -> Variant:
        """The <img src>: the fallback format, the variant closest to 960 px."""
        return min((v for v in self.published if v.format == self.fallback_format), key=lambda v: abs(v.width - 960))

    @property
    def smallest(self) -> Variant:
        """The smallest fallback-format variant, for thumbnails in search results (a plain <img> every browser reads)."""
        return min((v for v in self.published if v.format == self.fallback_format), key=lambda v: v.width)


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
    fallback = "png" if alpha else "jpeg"
    formats = [f for f in options["formats"] if f not in ("jpeg", "png")] + [fallback]
    widths = sorted({min(w, width) for w in options["widths"]})
    # The fallback's widths, each capped like the others; none given: every width.
    fallback_widths = tuple(sorted({min(w, width) for w in options["fallback_widths"]} & set(widths))) or tuple(widths)
    rendition = Rendition(src, path, width, height, alpha, focus=tuple(focus) if focus else (0.5, 0.5), fallback_widths=fallback_widths)
    for image_format in formats:
        for variant_width in widths:
            variant_height = round(height * variant_width / width)
            name = f"{variant_width}.{EXTENSIONS[image_format]}"
            variant_path = f"{stem}-{variant_width}.{EXTENSIONS[image_format]}"
            rendition.variants.append(Variant(name, image_format, variant_width, variant_height, variant_path, base))
    # Until settle() has the encoded sizes: every modern format, the fallback at its own widths.
    rendition.published = [v for v in rendition.variants if v.format != fallback or v.width in fallback_widths or len(formats) == 1]
    og_width, og_height = options["og_size"]
    scale = min(1.0, width / og_width, height / og_height)
    rendition.og = Variant("og.jpg", "jpeg", round(og_width * scale), round(og_height * scale), f"{stem}-og.jpg", base)
    download_width, download_height = download_size(width, height, options["download_max_side"])
    download_ext = EXTENSIONS[fallback]
    rendition.download = Variant(f"full.{download_ext}", fallback, download_width, download_height, f"{stem}.{download_ext}", base)
    return rendition


def download_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """The press download's size: the original's, scaled down so its long side is at most max_side (0: no limit)."""
    scale = min(1.0, max_side / max(width, height)) if max_side else 1.0
    return max(1, round(width * scale)), max(1, round(height * scale))
