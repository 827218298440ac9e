"""Where a story or an actor names an image: the hero's width and shape, a path that must change with the file's name, the file itself.

A hero narrower than 1200 px or outside 1:2 to 2:1 is a warning, not an error: the site still
works (no rendition is ever upscaled, the link preview is cropped around image.focus), and an
initiative's only photo of a project is better published soft than not at all. The message says
the size found and needed, and what the crop to 1200 × 630 cuts off, computed as the build's
encoder crops (sinn_images.encode).
"""

from __future__ import annotations

import os
import warnings

from PIL import Image, UnidentifiedImageError

from sinn_core.containment import ContentPathError, resolve_content_path

from .image_checks import IMAGE_FORMATS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, NAME_OK, name_reasons, suggested_name, version
from .problems import ERROR, WARNING

HERO_MIN_WIDTH = 1200  # the link preview is 1200 × 630; renditions go up to 1600 px
PREVIEW = (1200, 630)
_ROTATED = {5, 6, 7, 8}
_reference_cache: dict[tuple, list] = {}


def reference_problems(kind: str, data: dict, content_path: str):
    """([field path], message, severity) for how a story uses its hero image and for image paths that must change with the file name."""
    field = {"story": "image", "actor": "logo"}.get(kind)
    block = data.get(field) if field else None
    if not isinstance(block, dict) or not isinstance(block.get("src"), str):
        return
    src = block["src"].strip()
    try:
        target = resolve_content_path(os.path.realpath(content_path), src, "images")
    except ContentPathError:
        return  # the format check reports the path
    if not os.path.isfile(target):
        return
    bad = [segment for segment in src.split("/")[1:] if not NAME_OK.match(segment)]
    if bad:
        new = "/".join(suggested_name(segment) for segment in src.split("/"))
        yield [field, "src"], (
            f'Der Name der Bilddatei enthält {name_reasons("".join(bad))}; so funktionieren die Bildgrößen (srcset) nicht. '
            f'Benennen Sie die Datei um und schreiben Sie hier danach "{new}".'
        ), ERROR
    if kind == "story" and not target.lower().endswith(".svg"):
        yield from (([field, "src"], message, WARNING) for message in _hero_shape(target, block.get("focus")))


def _hero_shape(target: str, focus) -> list[str]:
    key = (target, *version(target)[1:], repr(focus))
    if key not in _reference_cache:
        _reference_cache[key] = list(_shape_messages(target, focus))
    return _reference_cache[key]


def _shape_messages(target: str, focus):
    size = _displayed_size(target)
    if size is None:
        return
    width, height = size
    if width < HERO_MIN_WIDTH:
        yield (
            f"Das Titelbild ist nur {width} Pixel breit ({width} × {height}). Für die Link-Vorschau ({PREVIEW[0]} × {PREVIEW[1]}) und große "
            f"Bildschirme (bis 1600 Pixel) braucht es mindestens {HERO_MIN_WIDTH} Pixel Breite, sonst wirkt es unscharf. Laden Sie das Bild "
            f"in höherer Auflösung hoch: mindestens {HERO_MIN_WIDTH}, besser 1600 Pixel breit."
        )
    if 0.5 <= width / height <= 2:
        return
    tall = width < height
    ratio = _number(height / width if tall else width / height)
    shape = f"sehr hoch (Seitenverhältnis 1:{ratio})" if tall else f"sehr breit (Seitenverhältnis {ratio}:1)"
    example = "focus: [0.5, 0.3] für das obere Drittel" if tall else "focus: [0.3, 0.5] für das linke Drittel"
    yield (
        f"Das Titelbild ist {width} × {height} Pixel groß, also {shape}; gut passen Bilder zwischen 2:1 (quer) und 1:2 (hoch). "
        f"In der Link-Vorschau ({PREVIEW[0]} × {PREVIEW[1]}, um image.focus herum) {_crop(width, height, focus)}, und auch auf der Seite "
        f"wird es stark beschnitten. Wählen Sie einen Ausschnitt im Querformat, z. B. 3:2, oder setzen Sie image.focus auf das "
        f"Wichtigste im Bild ({example})."
    )


def _displayed_size(target: str) -> tuple[int, int] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(target) as image:
                width, height = image.size
                orientation = image.getexif().get(0x0112, 1)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    if not width or not height:
        return None
    return (height, width) if orientation in _ROTATED else (width, height)


def _crop(width: int, height: int, focus) -> str:
    """What the link preview's crop around the focus cuts off, as the build's encoder crops (sinn_images.encode)."""
    fx, fy = focus if isinstance(focus, list) and len(focus) == 2 and all(isinstance(v, int | float) for v in focus) else (0.5, 0.5)
    ratio = PREVIEW[0] / PREVIEW[1]
    if width / height < ratio:
        kept = round(width / ratio)
        start = min(max(round(fy * height - kept / 2), 0), height - kept)
        sides, total = ("oben", "unten"), height
    else:
        kept = round(height * ratio)
        start = min(max(round(fx * width - kept / 2), 0), width - kept)
        sides, total = ("links", "rechts"), width
    first, second = round(100 * start / total), round(100 * (total - start - kept) / total)
    if abs(first - second) <= 1:
        return f"werden {sides[0]} und {sides[1]} je etwa {round((first + second) / 2)} % abgeschnitten"
    parts = [f"{side} etwa {share} %" for side, share in zip(sides, (first, second), strict=True) if share]
    return "werden " + " und ".join(parts) + " abgeschnitten"


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def inspect_reference(target: str, value: str, size: int, allow_svg: bool = False):
    """(message, severity) for the file an image field names: size, format, pixels; an SVG logo by the build's own cleaner."""
    if size > MAX_IMAGE_BYTES:
        yield (f'Das Bild {value} ist {size / 1048576:.1f} MB groß; erlaubt sind 20 MB. Bitte verkleinern (z. B. auf 2500 Pixel Breite, '
               'im Terminal mit "make bilder").'), ERROR
        return
    if target.lower().endswith(".svg"):
        if allow_svg:
            yield from _inspect_svg(target, value)
        else:
            yield f"{value} ist eine SVG-Grafik; hier braucht die Website ein Foto- oder Grafikformat wie {IMAGE_FORMATS}.", ERROR
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(target) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        yield f"Das Bild {value} hat weit mehr als 40 Megapixel. Bitte verkleinern, z. B. auf 2500 Pixel Breite.", ERROR
        return
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        yield f"{value} ist kein lesbares Bild. Erlaubt sind {IMAGE_FORMATS}; speichern Sie das Bild in einem dieser Formate neu.", ERROR
        return
    if width * height > MAX_IMAGE_PIXELS:
        yield (
            f"Das Bild {value} hat {width * height / 1e6:.0f} Megapixel; erlaubt sind 40. "
            'Bitte verkleinern, z. B. auf 2500 Pixel Breite (im Terminal mit "make bilder").'
        ), ERROR


def _inspect_svg(target, value):
    """The build's own verdict on an SVG logo (images.svg): every refusal is an error naming the line."""
    from sinn_images.svg import SvgError, read_clean_svg  # noqa: PLC0415 - the image plugin imports Pelican

    try:
        read_clean_svg(target)
    except SvgError as error:
        yield error.describe(value), ERROR
