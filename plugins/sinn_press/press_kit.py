"""The press kit of a story: a ZIP with the hero image, LIESMICH.txt and the citation files, plus the citation files beside the story.

The ZIP is reproducible (fixed times from the story's date, fixed order and permissions) and cheap:
the image, already re-encoded without metadata by the images plugin, is stored as it is (a JPEG does
not shrink when compressed again), the text is deflated. Each ZIP is cached under a hash of its
inputs in PRESS_KIT_CACHE_PATH (default .cache/press beside the content folder); a warm build only
hashes the texts and links the cached file into the output.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import zipfile
from dataclasses import dataclass

from sinn_core.addresses import AddressMap
from sinn_core.files import atomic_path, link_or_copy
from sinn_core.parallel import fork_map
from sinn_core.settings import cache_path
from sinn_images.cache import content_digest

from . import readme
from .citation_formats import FORMATS

logger = logging.getLogger(__name__)

# Bump when the ZIP's layout changes in a way its inputs do not show.
KIT_VERSION = 1
_MIME = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON", "zip": "ZIP"}
# Content hashes of the hero files by path, time and size, kept across builds of one process (`make serve`).
_image_digests: dict[str, str] = {}


@dataclass(frozen=True)
class Entry:
    """One file of the ZIP: its name inside, and either its bytes or the path of a file to store as it is."""

    name: str
    data: bytes | None = None
    source: str | None = None

    @property
    def stored(self) -> bool:
        """Images are stored, not compressed again."""
        return self.source is not None


def file_names(addresses: dict) -> dict[str, str]:
    """The file names of a story's kit and citation files, by extension, from their addresses."""
    return {ext: address.url.rsplit("/", 1)[-1] for ext, address in addresses.items()}


def zip_time(story) -> tuple[int, int, int, int, int, int]:
    """The time every file in the ZIP carries: the story's last change at midnight (ZIP knows no time zones)."""
    day = (getattr(story, "modified", None) or story.date).date()
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)


def image_entry(story, folder: str) -> Entry | None:
    """The hero image as published (no EXIF, GPS, XMP or IPTC), or None if the images plugin produced none."""
    path = story.view.hero_file
    if not path or not os.path.isfile(path):
        return None
    extension = os.path.splitext(path)[1].lower()
    return Entry(f"{folder}/{story.slug}-titelbild{extension}", source=path)


class PressKits:
    """Writes the kits of one build."""

    def __init__(self, settings):
        self.settings = settings
        self.cache_root = cache_path(settings, "press", settings.get("PRESS_KIT_CACHE_PATH"))
        self.stats = {"built": 0, "reused": 0, "seconds": 0.0}

    def write_all(self, stories: list, output_path: str, workers: int, minimum: int) -> list[list[dict]]:
        """The kits of many stories, on `workers` processes from `minimum` stories on; each story's files for its press box."""
        # Indices cross to the workers, not stories: a story links to the whole site model.
        written = fork_map(lambda index: self.write(stories[index], output_path), range(len(stories)), workers, minimum)
        for _files, built in written:
            self.stats["built" if built else "reused"] += 1
        return [files for files, _built in written]

    def write(self, story, output_path: str) -> tuple[list[dict], bool]:
        """Write the citation files and the ZIP next to the story page; its files for the press box, and whether the ZIP was new."""
        addresses = AddressMap(self.settings).press_files(story.slug, FORMATS)
        names = file_names(addresses)
        citations = {ext: writer(story, self.settings).encode("utf-8") for ext, (_label, writer) in FORMATS.items()}
        files = []
        for ext, data in citations.items():
            target = os.path.join(output_path, addresses[ext].save_as)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
            files.append(self._described(ext, addresses[ext], len(data)))
        inner = names["zip"].removesuffix(".zip")
        image = image_entry(story, inner)
        text = readme.text(story, self.settings, image.name.rsplit("/", 1)[-1] if image else None, names)
        entries = [Entry(f"{inner}/LIESMICH.txt", data=text.encode("utf-8"))]
        entries += [Entry(f"{inner}/{names[ext]}", data=data) for ext, data in citations.items()]
        if image:
            entries.append(image)
        cached, built = self._cached_zip(entries, zip_time(story))
        link_or_copy(cached, os.path.join(output_path, addresses["zip"].save_as))
        files.insert(0, self._described("zip", addresses["zip"], os.path.getsize(cached)))
        return files, built

    def _described(self, ext: str, address, size: int) -> dict:
        return {"ext": ext, "format": _MIME[ext], "name": address.url.rsplit("/", 1)[-1], "url": address.url, "bytes": size}

    def _cached_zip(self, entries: list[Entry], date_time: tuple) -> tuple[str, bool]:
        """The path of the ZIP for these entries in the cache, built first if the cache lacks it; whether it was."""
        key = self._key(entries, date_time)
        path = os.path.join(self.cache_root, key[:2], f"{key}.zip")
        if os.path.isfile(path):
            return path, False
        with atomic_path(path) as temporary:
            write_zip(temporary, entries, date_time)
        return path, True

    def _key(self, entries: list[Entry], date_time: tuple) -> str:
        parts = [KIT_VERSION, list(date_time)]
        for entry in entries:
            digest = content_digest(entry.source, _image_digests) if entry.source else hashlib.sha256(entry.data).hexdigest()
            parts.append([entry.name, entry.stored, digest])
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:40]


def write_zip(target: str, entries: list[Entry], date_time: tuple) -> None:
    """A ZIP whose bytes depend only on the entries: fixed times, permissions and order; images stored, text deflated."""
    with zipfile.ZipFile(target, "w") as archive:
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time)
            info.create_system = 3  # Unix, so the permissions below mean the same everywhere
            info.external_attr = 0o644 << 16
            if entry.stored:
                info.compress_type = zipfile.ZIP_STORED
                with open(entry.source, "rb") as handle:
                    archive.writestr(info, handle.read())
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, entry.data, compresslevel=9)
