"""`make bilder`: every raster original in content/images/ upright, without metadata and at most 2560 px, rewritten in place.

`python -m tools.bilder content` applies the EXIF orientation, drops every metadata block (EXIF with
GPS, XMP, IPTC, comments, PNG text, maker notes, further pictures in the file; the colour profile
stays), scales to at most 2560 px on the long side (Lanczos; JPEG and WebP at quality 90, each file
in its own format) and writes each file atomically. Files that need none of this are not touched,
so a second run changes nothing. File names stay: a new name needs new references, which
`make check` spells out. Content is untrusted: only files the inventory lists as images are read,
none through a symbolic link, none beyond 100 megapixels. Exit 0 when every image is clean now,
1 when one could not be handled (the log says which and why).
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import stat
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError  # noqa: E402

from sinn_content_contract.image_checks import MAX_ORIGINAL_SIDE  # noqa: E402
from sinn_content_contract.image_metadata import metadata_blocks, personal_metadata  # noqa: E402
from sinn_content_contract.inventory import take_inventory  # noqa: E402
from sinn_content_contract.problems import display_path  # noqa: E402
from sinn_core.containment import ContentPathError, resolve_content_path  # noqa: E402
from sinn_core.files import write_atomic  # noqa: E402

logger = logging.getLogger(__name__)

MAX_PIXELS = 100_000_000  # a 100-megapixel RGBA image is 400 MB in memory; beyond that an editor's photo program does better
QUALITY = 90
SAVE_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}
_TURNS = {2: "gespiegelt", 3: "um 180° gedreht", 4: "gespiegelt", 5: "gedreht und gespiegelt", 6: "um 90° gedreht",
          7: "gedreht und gespiegelt", 8: "um 90° gedreht"}


class RefusedError(Exception):
    """An image this tool will not rewrite; the message says why, in German."""


def main(argv=None) -> int:
    """Clean every image below content/images/ and log what was done, file by file."""
    parser = argparse.ArgumentParser(description="Entfernt Metadaten (GPS) aus den Bildern in content/images/, dreht sie "
                                     "aufrecht und verkleinert sie auf höchstens 2560 Pixel.")
    parser.add_argument("content", nargs="?", default="content", help="Inhaltsordner (Standard: content)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    if not os.path.isdir(args.content):
        logger.error("%s: Ordner nicht gefunden. Rufen Sie make bilder im Hauptordner des Projekts auf.", args.content)
        return 2
    return clean_images(args.content)


def clean_images(content: str) -> int:
    """Rewrite the images of a content folder that need it; 0 if every image is clean now, else 1."""
    root = os.path.realpath(content)
    images = os.path.join(root, "images")
    inventory = take_inventory(root)
    # Links, hidden and special files below images/: never read, only named (make check explains them too).
    unread = [problem for problem in inventory.problems
              if os.path.commonpath([images, os.path.realpath(os.path.dirname(os.path.abspath(problem.path)))]) == images]
    for problem in unread:
        logger.warning("%s: %s make bilder liest sie nicht.", problem.path, problem.message)
    rasters = [path for path in inventory.of_kind("image") if not path.lower().endswith(".svg")]
    changed = refused = 0
    for path in rasters:
        shown = display_path(path)
        try:
            done = clean_image(root, path)
        except RefusedError as refusal:
            logger.warning("%s: nicht bearbeitet. %s", shown, refusal)
            refused += 1
            continue
        if done:
            changed += 1
            logger.info("%s: %s.", shown, "; ".join(done))
    clean = len(rasters) - changed - refused
    summary = f"{len(rasters)} {'Bild' if len(rasters) == 1 else 'Bilder'} geprüft: {changed} geändert, {clean} schon in Ordnung"
    summary += f", {refused} nicht bearbeitet" if refused else ""
    summary += f"; {len(unread)} {'Datei' if len(unread) == 1 else 'Dateien'} in content/images/ nicht gelesen" if unread else ""
    logger.info("%s.", summary)
    return 1 if refused or unread else 0


def clean_image(root: str, path: str) -> list[str]:
    """Rewrite one image if it needs it; what was done, in German (empty: the file was clean and is untouched)."""
    relative = os.path.relpath(path, root).replace(os.sep, "/")
    try:
        resolve_content_path(root, relative, "images")
    except ContentPathError as error:
        raise RefusedError(str(error)) from error
    data = _read(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            raise RefusedError("Die Datei ist kein lesbares Bild; bitte im Bildprogramm neu als JPEG oder PNG speichern.") from error
    with image:
        return _rewrite(path, image, data)


def _read(path: str) -> bytes:
    """The file's bytes, never through a symbolic link and only from a regular file."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        raise RefusedError("Die Datei lässt sich nicht öffnen (eine Verknüpfung wird nie gelesen).") from error
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise RefusedError("Das ist keine gewöhnliche Datei.")
        return handle.read()


def _rewrite(path: str, image: Image.Image, data: bytes) -> list[str]:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise RefusedError(f"Das Bild hat {width * height / 1e6:.0f} Megapixel; bitte zuerst im Bildprogramm verkleinern.")
    orientation = image.getexif().get(0x0112, 1)
    orientation = orientation if orientation in _TURNS else 1
    blocks = metadata_blocks(image)
    if image.format in ("JPEG", "MPO") and not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        blocks.append("Daten nach dem Bildende")
    too_large = max(width, height) > MAX_ORIGINAL_SIDE
    if not (blocks or orientation != 1 or too_large):
        return []
    if getattr(image, "n_frames", 1) > 1:
        raise RefusedError("Animierte Bilder bearbeitet make bilder nicht. Bitte im Bildprogramm ohne Metadaten und kleiner neu exportieren.")
    if image.format not in SAVE_FORMATS:
        raise RefusedError(f"Das Format {image.format} bearbeitet make bilder nicht; bitte als JPEG oder PNG speichern.")
    personal = personal_metadata(image)
    icc = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated file stays as it is; the checker names it
    try:
        clean = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError) as error:
        raise RefusedError("Das Bild ist unvollständig oder beschädigt; bitte das Original neu hochladen.") from error
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    done = []
    if personal:
        done.append("persönliche Daten entfernt: " + ", ".join(personal))
    elif blocks:
        done.append("Metadaten entfernt (" + ", ".join(blocks) + ")")
    if orientation != 1:
        done.append(f"aufrecht gedreht (war {_TURNS[orientation]} gespeichert)")
    if too_large:
        upright = clean.size
        clean = _scaled(clean, transparency)
        transparency = transparency if clean.mode == image.mode else None
        done.append(f"verkleinert von {upright[0]} × {upright[1]} auf {clean.width} × {clean.height} Pixel")
    write_atomic(path, _encoded(clean, SAVE_FORMATS[image.format], icc, transparency))
    return done


def _scaled(image: Image.Image, transparency) -> Image.Image:
    """The image at most MAX_ORIGINAL_SIDE on its long side, in a mode Lanczos can scale."""
    if image.mode == "P":
        image = image.convert("RGBA" if transparency is not None else "RGB")
    elif image.mode == "1":
        image = image.convert("L")
    elif image.mode.startswith("I;16"):
        image = image.convert("I")
    scale = MAX_ORIGINAL_SIDE / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encoded(image: Image.Image, image_format: str, icc: bytes | None, transparency) -> bytes:
    """The image's bytes in its format, with nothing but the colour profile (and PNG/GIF transparency)."""
    image.info = {}  # Pillow would otherwise carry comments and other blocks into the new file
    options: dict = {"format": image_format}
    if icc and image_format != "GIF":
        options["icc_profile"] = icc
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        options.update(quality=QUALITY, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=QUALITY, method=6)
    elif transparency is not None and image.mode in ("P", "L", "RGB"):
        options["transparency"] = transparency
    output = io.BytesIO()
    image.save(output, **options)
    return output.getvalue()


if __name__ == "__main__":
    sys.exit(main())
