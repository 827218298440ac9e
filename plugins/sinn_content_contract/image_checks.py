"""Every file in content/images/ on its own: its name, whether it decodes, personal metadata, its size.

Every raster file is checked whether a page uses it or not: an original with a GPS position is
public in the repository's history the moment it is merged, published or not. The file is decoded
completely (a JPEG at an eighth of its size: the decoder still reads every byte of the scan, so a
truncated file fails, at a fraction of the time), never beyond MAX_IMAGE_PIXELS. What a page does
with a file is judged where the page names it (image_references.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import unicodedata
import warnings
from functools import partial

import PIL
from PIL import Image, ImageFile, UnidentifiedImageError

from sinn_core.containment import printable
from sinn_core.files import write_atomic
from sinn_core.parallel import fork_map
from sinn_images.cache import content_digest

from . import image_metadata
from .image_metadata import personal_metadata
from .problems import ERROR, WARNING, Problem, display_path

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_ORIGINAL_SIDE = 2560  # what make bilder keeps: enough for the 1600 px renditions and the press kit
# Decoding an image costs milliseconds; below this many, starting processes costs more.
PARALLEL_MINIMUM = 16
IMAGE_FORMATS = "JPEG, PNG, WebP oder GIF"
FIX = (
    'So beheben: im Terminal "make bilder" ausführen und die geänderten Bilder committen. Ohne Terminal: Bei einem Pull Request '
    "aus einem Zweig dieses Repositorys erledigt das GitHub (Workflow „Bilder“) und committet die Bilder in den Pull Request "
    "(„Bilder verkleinert und Metadaten entfernt“); kommt der Pull Request aus einem Fork, bitten Sie eine Redakteurin "
    "oder einen Redakteur mit Schreibrechten darum."
)
NAME_OK = re.compile(r"^[a-z0-9_.-]+$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"})
_file_cache: dict[tuple, list[Problem]] = {}
logger = logging.getLogger(__name__)


def _code_version() -> str:
    digest = hashlib.sha256(PIL.__version__.encode())
    for module in (__file__, image_metadata.__file__):
        with open(module, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:16]


_CODE_VERSION = _code_version()


# --- every file in content/images/ ------------------------------------------------------------------


def check_files(paths: list[str], content_path: str, workers: int, store: str | None = None) -> list[Problem]:
    """Problems of the image files themselves (name, decoding, personal metadata, size); each file's bytes examined once.

    `store` is the folder the verdicts are kept in between checks (the image cache: see _Verdicts); None keeps none.
    """
    keys = {path: version(path) for path in paths}
    todo = [path for path in paths if keys[path] not in _file_cache]
    if todo:
        root = os.path.realpath(content_path)
        stored = _Verdicts(store)
        known = {path: stored.known(keys[path]) for path in todo}
        unknown = [path for path in todo if known[path] is None]
        examine = partial(_examine, verdicts=stored.verdicts)
        for path, (digest, verdict) in zip(unknown, fork_map(examine, unknown, workers, PARALLEL_MINIMUM), strict=True):
            stored.put(keys[path], digest, verdict)
            known[path] = verdict
        for path in todo:
            _file_cache[keys[path]] = _problems(path, root, known[path])
        stored.save({keys[path] for path in paths})
    return [problem for path in paths for problem in _file_cache[keys[path]]]


def version(path: str) -> tuple:
    """The path with what changes when the file changes: a cache key."""
    try:
        stat = os.lstat(path)
    except OSError:
        return (path,)
    return (path, stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _examine(path: str, verdicts: dict[str, list]) -> tuple[str | None, list]:
    """(digest of the file's bytes, its verdict): the verdict of the same bytes if known, else found by decoding."""
    if path.lower().endswith(".svg"):  # SVG logos: the build's own cleaner judges them where they are used (image_references)
        return None, []
    digest = _digest(path)
    if digest is not None and digest in verdicts:
        return digest, verdicts[digest]
    return digest, list(_inspect_file(path))


def _digest(path: str) -> str | None:
    try:
        return content_digest(path, {})  # the image cache's own digest of a source's bytes
    except OSError:
        return None  # _inspect_file says what is wrong with it


def _problems(path: str, root: str, verdict: list) -> list[Problem]:
    shown = display_path(path)
    name_problem = _name_problem(os.path.relpath(path, root).replace(os.sep, "/"))
    problems = [Problem(shown, name_problem, "Dateiname")] if name_problem else []
    return problems + [Problem(shown, message, name, severity=severity) for name, message, severity in verdict]


class _Verdicts:
    """What decoding found in each file's bytes, kept in the image cache (checks.json) for the next check.

    A verdict depends on the bytes alone, so it is keyed by their SHA-256 and by this code and Pillow
    (a new message or decoder invalidates everything). It lives beside the encoded images because CI
    keeps that folder between runs (.github/workflows): a check on a fresh clone hashes each original
    instead of decoding it. The path, inode, time and size of each file name its digest, so a warm
    check on the same machine reads no image at all. A store that cannot be read or written is not used.
    """

    def __init__(self, folder: str | None):
        self.path = os.path.join(folder, "checks.json") if folder else None
        self.changed = False
        self.stamps: dict[str, str] = {}
        self.verdicts: dict[str, list] = {}
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("code") == _CODE_VERSION:
                self.stamps, self.verdicts = dict(data["stamps"]), dict(data["verdicts"])
        except (OSError, TypeError, ValueError, KeyError, AttributeError):
            self.stamps, self.verdicts = {}, {}

    def known(self, key: tuple) -> list | None:
        """The stored verdict of this version of a file (path, inode, time, size), or None."""
        verdict = self.verdicts.get(self.stamps.get(_stamp(key)))
        return [tuple(item) for item in verdict] if isinstance(verdict, list) else None

    def put(self, key: tuple, digest: str | None, verdict: list) -> None:
        """Remember a file's digest and the verdict on its bytes."""
        if digest is None:
            return
        self.stamps[_stamp(key)] = digest
        self.verdicts[digest] = [list(item) for item in verdict]
        self.changed = True

    def save(self, current: set[tuple]) -> None:
        """Write the store back if anything was added, keeping only the files checked now."""
        if not (self.changed and self.path):
            return
        wanted = {_stamp(key) for key in current}
        stamps = {stamp: digest for stamp, digest in self.stamps.items() if stamp in wanted}
        verdicts = {digest: self.verdicts[digest] for digest in set(stamps.values()) if digest in self.verdicts}
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            write_atomic(self.path, json.dumps({"code": _CODE_VERSION, "stamps": stamps, "verdicts": verdicts}, ensure_ascii=False))
        except OSError:
            logger.debug("image verdicts not kept in %s", self.path, exc_info=True)


def _stamp(key: tuple) -> str:
    return "|".join(str(part) for part in key)


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
    bad = [segment for segment in segments[1:] if not NAME_OK.match(segment)]
    if not bad:
        return None
    suggested = "/".join([segments[0], *(suggested_name(segment) for segment in segments[1:])])
    what = "Der Dateiname" if bad == [segments[-1]] else "Der Pfad"
    shown = segments[-1] if bad == [segments[-1]] else relative
    reasons = name_reasons("".join(bad))
    only_file = bad == [segments[-1]]
    rename = f'Benennen Sie die Datei in "{os.path.basename(suggested)}" um' if only_file else "Benennen Sie die Ordner und die Datei um"
    return (
        f'{what} "{printable(shown)}" enthält {reasons}. Erlaubt sind nur Kleinbuchstaben a–z, Ziffern, "-", "_" und "."; '
        "Leerzeichen zerbrechen die Liste der Bildgrößen (srcset), dann bekommen Besucher kein AVIF oder WebP. "
        f'{rename} (neuer Pfad: {suggested}) und ändern Sie jeden Verweis darauf (image.src, logo.src oder ein Bild im Text) genauso.'
    )


def name_reasons(text: str) -> str:
    """What in a name is outside a–z, 0–9, - _ . : "Großbuchstaben, Leerzeichen und …"."""
    reasons = []
    if any(char.isupper() for char in text):
        reasons.append("Großbuchstaben")
    if any(char.isspace() for char in text):
        reasons.append("Leerzeichen")
    if any(char in "äöüÄÖÜßẞ" for char in text):
        reasons.append("Umlaute oder ß")
    others = sorted({char for char in text if not (char.isspace() or char in "äöüÄÖÜßẞ" or NAME_OK.match(char.lower()))})
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
