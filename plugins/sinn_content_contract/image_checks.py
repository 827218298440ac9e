"""Images in content/images/: every file on its own (name, decoding, personal metadata, size) and story heroes (width, shape).

Every raster file is checked whether a page uses it or not: an original with a GPS position is
public in the repository's history the moment it is merged, published or not. The file is decoded
completely (a JPEG at an eighth of its size: the decoder still reads every byte of the scan, so a
truncated file fails, at a fraction of the time), never beyond MAX_IMAGE_PIXELS. What a page does
with the file (the hero's width, the link preview's crop, a path that has to change with a new file
name) is reported at the line that names it.
"""

from __future__ import annotations

import os
import re
import unicodedata
import warnings

from PIL import Image, ImageFile, UnidentifiedImageError

from sinn_core.containment import ContentPathError, printable, resolve_content_path
from sinn_core.parallel import fork_map

from .image_metadata import personal_metadata
from .problems import ERROR, WARNING, Problem, display_path

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_ORIGINAL_SIDE = 2560  # what make bilder keeps: enough for the 1600 px renditions and the press kit
HERO_MIN_WIDTH = 1200  # the link preview is 1200 × 630; renditions go up to 1600 px
PREVIEW = (1200, 630)
# Decoding an image costs milliseconds; below this many, starting processes costs more.
PARALLEL_MINIMUM = 16
IMAGE_FORMATS = "JPEG, PNG, WebP oder GIF"
FIX = (
    'So beheben: im Terminal "make bilder" ausführen und die geänderten Bilder committen. Ohne Terminal: Bei einem Pull Request '
    "aus einem Zweig dieses Repositorys erledigt das die Prüfung selbst und committet die Bilder in den Pull Request "
    "(„Bilder verkleinert und Metadaten entfernt“); kommt der Pull Request aus einem Fork, bitten Sie eine Redakteurin "
    "oder einen Redakteur mit Schreibrechten darum."
)
_NAME_OK = re.compile(r"^[a-z0-9_.-]+$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"})
_ROTATED = {5, 6, 7, 8}
_file_cache: dict[tuple, list[Problem]] = {}
_reference_cache: dict[tuple, list] = {}


# --- every file in content/images/ ------------------------------------------------------------------


def check_files(paths: list[str], content_path: str, workers: int) -> list[Problem]:
    """Problems of the image files themselves (name, decoding, personal metadata, size); each file examined once per version."""
    keys = {path: _version(path) for path in paths}
    todo = [path for path in paths if keys[path] not in _file_cache]
    root = os.path.realpath(content_path)
    for path, problems in zip(todo, fork_map(lambda path: _examine(path, root), todo, workers, PARALLEL_MINIMUM), strict=True):
        _file_cache[keys[path]] = problems
    return [problem for path in paths for problem in _file_cache[keys[path]]]


def _version(path: str) -> tuple:
    try:
        stat = os.lstat(path)
    except OSError:
        return (path,)
    return (path, stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _examine(path: str, root: str) -> list[Problem]:
    shown = display_path(path)
    relative = os.path.relpath(path, root).replace(os.sep, "/")
    problems = []
    name_problem = _name_problem(relative)
    if name_problem:
        problems.append(Problem(shown, name_problem, "Dateiname"))
    if path.lower().endswith(".svg"):
        return problems  # SVG logos: the build's own cleaner judges them where they are used
    problems += [Problem(shown, message, name, severity=severity) for name, message, severity in _inspect_file(path)]
    return problems


def _inspect_file(path: str):
    """(field, message, severity) for a raster file: undecodable or truncated, personal metadata, too large."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError:
        yield "Bildgröße", (
            "Das Bild hat weit mehr als 40 Megapixel und wird deshalb nicht geöffnet. Verkleinern Sie es in einem Bildprogramm "
            f"auf höchstens {MAX_ORIGINAL_SIDE} Pixel an der langen Seite."
        ), ERROR
        return
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        yield "Bild", f"Die Datei ist kein lesbares Bild. Erlaubt sind {IMAGE_FORMATS}; speichern Sie das Bild in einem dieser Formate neu.", ERROR
        return
    with image:
        width, height = image.size
        loaded = width * height <= MAX_IMAGE_PIXELS
        failure = _decode(image) if loaded else None
        if failure:
            yield "Bild", failure, ERROR
        try:
            found = personal_metadata(image, loaded=loaded and not failure)
        except (OSError, ValueError, SyntaxError):
            found = []
        animated = getattr(image, "n_frames", 1) > 1
    if found:
        fix = FIX if not animated else ("So beheben: das Bild im Bildprogramm ohne Metadaten neu exportieren "
                                        "(animierte Bilder bearbeitet make bilder nicht).")
        yield "Metadaten", (
            f"Das Originalbild enthält persönliche Daten: {', '.join(found)}. Im öffentlichen Repository blieben sie für immer "
            f"lesbar, auch wenn die Website sie nie zeigt. {fix}"
        ), ERROR
    if max(width, height) > MAX_ORIGINAL_SIDE:
        yield "Bildgröße", (
            f"Das Original ist {width} × {height} Pixel groß; die Website braucht höchstens {MAX_ORIGINAL_SIDE} Pixel an der langen Seite. "
            f"Größere Originale machen das Repository für alle schwer, denn jede Fassung bleibt in seiner Geschichte. {FIX}"
        ), WARNING


def _decode(image: Image.Image) -> str | None:
    """Decode every byte of the image; a German message if the file is truncated or damaged, else None."""
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # the build must not publish half a picture padded with grey
    try:
        if image.format == "JPEG":
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    except OSError as error:
        if "truncated" in str(error) or "broken data stream" in str(error):
            return (
                "Das Bild ist unvollständig: die Datei bricht mitten im Bild ab (oft nach einem abgebrochenen Hochladen oder Kopieren). "
                "Laden Sie das Original noch einmal hoch oder speichern Sie es im Bildprogramm neu als JPEG oder PNG."
            )
        return _damaged()
    except (ValueError, SyntaxError, MemoryError, Image.DecompressionBombError):
        return _damaged()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return None


def _damaged() -> str:
    return ("Das Bild lässt sich nicht vollständig lesen, die Datei ist beschädigt. Öffnen Sie das Original im Bildprogramm und "
            "speichern Sie es neu als JPEG oder PNG.")


def _name_problem(relative: str) -> str | None:
    """The message for a path below content/ whose folder or file names hold characters outside a–z, 0–9, - _ . ; else None."""
    segments = relative.split("/")
    bad = [segment for segment in segments[1:] if not _NAME_OK.match(segment)]
    if not bad:
        return None
    suggested = "/".join([segments[0], *(suggested_name(segment) for segment in segments[1:])])
    what = "Der Dateiname" if bad == [segments[-1]] else "Der Pfad"
    shown = segments[-1] if bad == [segments[-1]] else relative
    reasons = _reasons("".join(bad))
    only_file = bad == [segments[-1]]
    rename = f'Benennen Sie die Datei in "{os.path.basename(suggested)}" um' if only_file else "Benennen Sie die Ordner und die Datei um"
    return (
        f'{what} "{printable(shown)}" enthält {reasons}. Erlaubt sind nur Kleinbuchstaben a–z, Ziffern, "-", "_" und "."; '
        "Leerzeichen zerbrechen die Liste der Bildgrößen (srcset), dann bekommen Besucher kein AVIF oder WebP. "
        f'{rename} (neuer Pfad: {suggested}) und ändern Sie jeden Verweis darauf (image.src, logo.src oder ein Bild im Text) genauso.'
    )


def _reasons(text: str) -> str:
    reasons = []
    if any(char.isupper() for char in text):
        reasons.append("Großbuchstaben")
    if any(char.isspace() for char in text):
        reasons.append("Leerzeichen")
    if any(char in "äöüÄÖÜßẞ" for char in text):
        reasons.append("Umlaute oder ß")
    others = sorted({char for char in text if not (char.isspace() or char in "äöüÄÖÜßẞ" or _NAME_OK.match(char.lower()))})
    if others:
        reasons.append("die Zeichen " + " ".join(f'"{printable(char)}"' for char in others))
    return reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " und " + reasons[-1]


def suggested_name(name: str) -> str:
    """The name as the site wants it: lower case, ä→ae, ö→oe, ü→ue, ß→ss, spaces→-, nothing outside a–z, 0–9, - _ ."""
    stem, extension = os.path.splitext(name)
    return (_clean(stem) or "bild") + _clean(extension)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9_.-]+", "-", text)
    return re.sub(r"-{2,}", "-", text).strip("-")


# --- where a story or an actor names an image ---------------------------------------------------------


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
    if any(not _NAME_OK.match(segment) for segment in src.split("/")[1:]):
        new = "/".join(suggested_name(segment) for segment in src.split("/"))
        yield [field, "src"], (
            f'Der Name der Bilddatei enthält {_reasons(src)}; so funktionieren die Bildgrößen (srcset) nicht. '
            f'Benennen Sie die Datei um und schreiben Sie hier danach "{new}".'
        ), ERROR
    if kind == "story" and not target.lower().endswith(".svg"):
        yield from (([field, "src"], message, WARNING) for message in _hero_shape(target, block.get("focus")))


def _hero_shape(target: str, focus) -> list[str]:
    key = (target, *_version(target)[1:], repr(focus))
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


# --- the file a story or an actor names, as formats.py found it -------------------------------------------


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
