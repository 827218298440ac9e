"""The press kit of a story: a ZIP with LIESMICH.txt and the citation files, plus the citation files beside the story.

The kit holds no copy of the hero image. The image is published once, as the press download the
images plugin writes (a print-ready JPEG, at most IMAGES_DOWNLOAD_MAX_SIDE pixels on the long side,
without metadata), linked from the story's press box, from /presse/ and by its address in the kit's
LIESMICH.txt. That is what the press needs: the photo to drag into an editorial system or open in
the browser before deciding, and its credit and licence in writing. A second copy inside every kit
made the kits 4.9 of the 5.4 GB the 2,000-story bench published; without it a kit is a few kB.

The ZIP is reproducible (fixed times from the story's date, fixed order and permissions) and cheap:
the texts are deflated. Each ZIP is cached under a hash of its inputs in PRESS_KIT_CACHE_PATH
(default .cache/press beside the content folder); a warm build only hashes the texts and links the
cached file into the output. After a full build the cache keeps only the kits some recent build used
(see prune_cache), like the search index's cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import zipfile
from dataclasses import dataclass
from functools import partial

from sinn_core import alongside
from sinn_core.addresses import AddressMap
from sinn_core.files import atomic_path, link_or_copy
from sinn_core.parallel import fork_map
from sinn_core.settings import cache_path
from sinn_images.cache import remember_use
from sinn_templating import absolute_base

from . import readme
from .citation_formats import FORMATS
from .kit_memo import KitMemo

logger = logging.getLogger(__name__)

# Bump when the ZIP's layout changes in a way its inputs do not show.
KIT_VERSION = 2
_MIME = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON", "zip": "ZIP"}


@dataclass(frozen=True)
class Entry:
    """One file of the ZIP: its name inside and its bytes."""

    name: str
    data: bytes


def file_names(addresses: dict) -> dict[str, str]:
    """The file names of a story's kit and citation files, by extension, from their addresses."""
    return {ext: address.url.rsplit("/", 1)[-1] for ext, address in addresses.items()}


def zip_time(story) -> tuple[int, int, int, int, int, int]:
    """The time every file in the ZIP carries: the story's last change at midnight (ZIP knows no time zones)."""
    day = (getattr(story, "modified", None) or story.date).date()
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)


class PressKits:
    """Writes the kits of one build."""

    def __init__(self, settings):
        self.settings = settings
        self.cache_root = cache_path(settings, "press", settings.get("PRESS_KIT_CACHE_PATH"))
        self.stats = {"built": 0, "reused": 0, "seconds": 0.0, "pruned": 0}
        self.used: set[str] = set()  # the cached ZIPs of this run's stories, for prune()
        self.memo: KitMemo | bool | None = None  # None: not loaded yet; False: none to be had

    def write_all(self, stories: list, output_path: str, workers: int, minimum: int) -> list[tuple[list[dict], str]]:
        """The kits of many stories, on `workers` processes from `minimum` stories on; each story's files and cached ZIP.

        A story whose kit the last run made from the same inputs (kit_memo.py) gets that kit back here,
        in this process; only the others are composed, on the workers if there are enough of them.
        """
        memo = self._memo()
        keys = [memo.key(story) if memo else None for story in stories]
        results: list = [None] * len(stories)
        pending, kept_kits = [], []
        for index, story in enumerate(stories):
            kept = memo.lookup(story, keys[index]) if memo else None
            if kept is None or not os.path.isfile(kept[1]):  # gone: pruned meanwhile by another build sharing the cache
                pending.append(index)
                continue
            files, cached = kept
            kept_kits.append((story, cached))
            results[index] = (files, False, cached)
        if kept_kits:  # no page reads the files themselves, only their sizes (in the memo): linked while Pagefind runs
            alongside.offer(self.settings, "Pressemappen", partial(self._place_all, kept_kits, output_path))
        # Indices cross to the workers, not stories: a story links to the whole site model.
        written = fork_map(lambda index: self.write(stories[index], output_path), pending, workers, minimum)
        for index, result in zip(pending, written, strict=True):
            results[index] = result
        for story, key, (files, built, cached) in zip(stories, keys, results, strict=True):
            self.stats["built" if built else "reused"] += 1
            if memo:
                memo.remember(story, key, files, cached)
        return [(files, cached) for files, _built, cached in results]

    def _memo(self) -> KitMemo | None:
        if self.memo is None:
            try:
                self.memo = KitMemo(self.settings, self.cache_root)
            except OSError as error:  # no memo to be had: every kit is composed
                logger.debug("press kit memo not used: %s", error)
                self.memo = False
        return self.memo or None

    def save_memo(self) -> None:
        """Keep this run's kits for the next run (after every story's kit is written)."""
        if self.memo:
            self.memo.save()

    def _place_all(self, kept_kits: list[tuple], output_path: str) -> None:
        """Link the kits kept in the cache beside their stories' pages; pack one again that is gone from the cache by now."""
        for story, cached in kept_kits:
            try:
                self._place(story, output_path, cached)
            except FileNotFoundError:  # pruned since by another build sharing the cache: the same inputs, the same files
                self.write(story, output_path)

    def _place(self, story, output_path: str, cached: str) -> None:
        """Link a story's ZIP and citation files from the cache beside its page (FileNotFoundError if one is gone).

        Links, because creating a file costs about 0.2 ms here and a link 0.01 ms: 8,000 files per build.
        """
        addresses = AddressMap(self.settings).press_files(story.slug, FORMATS)
        folder = os.path.dirname(os.path.join(output_path, addresses["zip"].save_as))
        os.makedirs(folder, exist_ok=True)
        for ext, address in addresses.items():
            link_or_copy(citation_copy(cached, ext), os.path.join(output_path, address.save_as))

    def write(self, story, output_path: str) -> tuple[list[dict], bool, str]:
        """Write the citation files and the ZIP next to the story page; its files for the press box, whether the ZIP was new, its cache path."""
        addresses = AddressMap(self.settings).press_files(story.slug, FORMATS)
        names = file_names(addresses)
        citations = {ext: writer(story, self.settings).encode("utf-8") for ext, (_label, writer) in FORMATS.items()}
        files = []
        # The story's folder once (all its files lie in it): 8,000 mkdir calls cost 0.6 s in a cold build.
        os.makedirs(os.path.dirname(os.path.join(output_path, addresses["zip"].save_as)), exist_ok=True)
        for ext, data in citations.items():
            target = os.path.join(output_path, addresses[ext].save_as)
            # A new file, never through an old one: that may be a link to another kit's copy in the cache
            # (the preview writes an edited story again into the same folder).
            with contextlib.suppress(FileNotFoundError):
                os.remove(target)
            with open(target, "wb") as handle:
                handle.write(data)
            files.append(self._described(ext, addresses[ext], len(data)))
        inner = names["zip"].removesuffix(".zip")
        text = readme.text(story, self.settings, names)
        entries = [Entry(f"{inner}/LIESMICH.txt", data=text.encode("utf-8"))]
        entries += [Entry(f"{inner}/{names[ext]}", data=data) for ext, data in citations.items()]
        cached, built = self._cached_zip(entries, zip_time(story))
        try:
            link_or_copy(cached, os.path.join(output_path, addresses["zip"].save_as))
        except FileNotFoundError:  # pruned meanwhile by another build sharing the cache: pack it again
            cached, built = self._cached_zip(entries, zip_time(story))
            link_or_copy(cached, os.path.join(output_path, addresses["zip"].save_as))
        files.insert(0, self._described("zip", addresses["zip"], os.path.getsize(cached)))
        for ext in citations:  # kept beside the ZIP (whose key covers them), for _place in later builds
            if not os.path.exists(citation_copy(cached, ext)):
                with contextlib.suppress(OSError):
                    link_or_copy(os.path.join(output_path, addresses[ext].save_as), citation_copy(cached, ext))
        return files, built, cached

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
        parts = [KIT_VERSION, list(date_time), *([entry.name, hashlib.sha256(entry.data).hexdigest()] for entry in entries)]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:40]

    def prune(self, used: set[str]) -> int:
        """After a full build: keep the kits this build and the last builds of two other kinds used; how many were removed."""
        kind = hashlib.sha256(absolute_base(self.settings).encode()).hexdigest()[:12]
        removed = prune_cache(self.cache_root, kind, {os.path.relpath(p, self.cache_root) for p in used})
        self.stats["pruned"] = removed
        return removed


def citation_copy(cached_zip: str, ext: str) -> str:
    """Where the cache keeps a kit's file of this extension: beside its ZIP, under the same name (the ZIP itself for "zip")."""
    return cached_zip if ext == "zip" else f"{cached_zip.removesuffix('.zip')}.{ext}"


def prune_cache(root: str, kind: str, used: set[str]) -> int:
    """Remember which kits (paths below root) a build of this kind used, then remove every kit no kept kind uses.

    Builds for different addresses (make html, make publish, a preview) pack different kits, since the
    citations name the address: each kind's last list is kept, for the KEEP_KINDS kinds built last
    (sinn_images.cache.remember_use), so switching between them packs nothing again while the cache
    stays as large as a few builds.
    """
    keep = remember_use(root, kind, sorted(used))
    removed = 0
    for entry in os.scandir(root):
        if not entry.is_dir():
            continue
        for name in os.listdir(entry.path):
            stem, ext = os.path.splitext(name)
            if ext.lstrip(".") in _MIME and f"{entry.name}/{stem}.zip" not in keep:
                os.remove(os.path.join(entry.path, name))
                removed += ext == ".zip"
    return removed


def write_zip(target: str, entries: list[Entry], date_time: tuple) -> None:
    """A ZIP whose bytes depend only on the entries: fixed times, permissions and order, deflated."""
    with zipfile.ZipFile(target, "w") as archive:
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time)
            info.create_system = 3  # Unix, so the permissions below mean the same everywhere
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entry.data, compresslevel=9)
