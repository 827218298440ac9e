"""The image cache: encoded files kept between builds, keyed by the source's content and the settings.

A folder per key holds the files and a manifest; the manifest is written last, so a folder
without one is incomplete and never used. Folders are built under a temporary name and renamed.
After a full build the cache keeps only what the last builds of KEEP_KINDS kinds used (`prune`):
without that, every photo ever replaced and every earlier setting stays, on disk and in CI's cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

from sinn_core.files import KEEP_KINDS, write_atomic
from sinn_core.settings import cache_path

USED_PREFIX = "used-"  # root/used-<kind>.json: files beside the entry folders, never inside one
# Bump when the encoding changes in a way the settings do not show.
# 2: the fallback is encoded at every width, the press download is scaled with the others.
PIPELINE_VERSION = 2


def cache_root(settings) -> str:
    """The image cache's folder: IMAGES_CACHE_PATH, else .cache/images beside the content folder (the checker keeps its image verdicts there too)."""
    return cache_path(settings, "images", settings.get("IMAGES_CACHE_PATH"))


def settings_fingerprint(options: dict) -> str:
    """A short hash of everything that changes the encoded bytes."""
    relevant = {k: options[k] for k in ("widths", "formats", "quality", "og_size", "download_max_side")}
    relevant["version"] = PIPELINE_VERSION
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:12]


class ImageCache:
    """Finds, stores and publishes encoded image files."""

    def __init__(self, root: str, fingerprint: str):
        self.root = root
        self.fingerprint = fingerprint
        self._index_path = os.path.join(root, "sources.json")
        self._index = self._read_index()
        # A committed entry never changes (its key is its content): read each manifest once per build.
        self._manifests: dict[str, dict] = {}

    def _read_index(self) -> dict:
        try:
            with open(self._index_path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return {}

    def key_for(self, path: str, focus) -> str:
        """The cache key of a source file: its content hash, the settings and the focus point."""
        digest = content_digest(path, self._index)
        focus_part = "" if tuple(focus) == (0.5, 0.5) else f"-{focus[0]:.3f}x{focus[1]:.3f}"
        return f"{digest[:40]}-{self.fingerprint}{focus_part}"

    def folder(self, key: str) -> str:
        """Where the files of a key live."""
        return os.path.join(self.root, key[:2], key)

    def manifest(self, key: str) -> dict | None:
        """The manifest of a complete cache entry, or None."""
        if key in self._manifests:
            return self._manifests[key]
        try:
            with open(os.path.join(self.folder(key), "manifest.json"), encoding="utf-8") as handle:
                manifest = json.load(handle)
        except (OSError, ValueError):
            return None
        self._manifests[key] = manifest
        return manifest

    def staging(self, key: str) -> str:
        """A fresh folder to encode into before it becomes the entry."""
        folder = f"{self.folder(key)}.tmp-{os.getpid()}"
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        return folder

    def commit(self, key: str, staging: str, manifest: dict) -> None:
        """Make a staged folder the entry; the manifest goes in last."""
        with open(os.path.join(staging, "manifest.json"), "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, sort_keys=True)
        target = self.folder(key)
        shutil.rmtree(target, ignore_errors=True)
        os.rename(staging, target)
        self._manifests[key] = manifest

    def prune(self, kind: str, used_keys: set[str], used_svgs: set[str]) -> int:
        """Keep the entries (and cleaned SVGs) this build and the last builds of other kinds used; how many were removed."""
        keep = remember_use(self.root, kind, sorted(used_keys | {f"svg/{name}" for name in used_svgs}))
        removed = 0
        for entry in os.scandir(self.root):
            if not entry.is_dir():
                continue
            for name in os.listdir(entry.path):
                wanted = f"svg/{name}" if entry.name == "svg" else name
                if wanted in keep or ".tmp-" in name:  # staging folders belong to a build still running
                    continue
                path = os.path.join(entry.path, name)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
                removed += 1
        return removed

    def save_index(self) -> None:
        """Remember source hashes so an unchanged file is not read again."""
        write_atomic(self._index_path, json.dumps(self._index, sort_keys=True))


def content_digest(path: str, known: dict) -> str:
    """The SHA-256 of a file's bytes, read only when `known` (path, time and size → digest) lacks it."""
    stat = os.stat(path)
    stamp = f"{os.path.abspath(path)}|{stat.st_mtime_ns}|{stat.st_size}"
    if stamp not in known:
        sha = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
        known[stamp] = sha.hexdigest()
    return known[stamp]



def remember_use(root: str, kind: str, used: list[str]) -> set[str]:
    """Note what a build of this kind used (root/used-<kind>.json), forget all but the KEEP_KINDS kinds built last; what they use together.

    Shared with the press kits' cache. A list that cannot be read keeps nothing: its files are made again when needed.
    """
    os.makedirs(root, exist_ok=True)
    write_atomic(os.path.join(root, f"{USED_PREFIX}{hashlib.sha256(kind.encode()).hexdigest()[:12]}.json"), json.dumps(used))
    lists = sorted((os.path.join(root, n) for n in os.listdir(root) if n.startswith(USED_PREFIX) and n.endswith(".json")),
                   key=os.path.getmtime, reverse=True)
    keep: set[str] = set()
    for number, path in enumerate(lists):
        if number >= KEEP_KINDS:
            os.remove(path)
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                keep.update(json.load(handle))
        except (OSError, ValueError):
            continue
    return keep
