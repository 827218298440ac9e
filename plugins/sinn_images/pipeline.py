"""Plans, encodes (in parallel, only what the cache lacks) and places in the output every image of a build."""

from __future__ import annotations

import hashlib
import json
import logging
import os

from PIL import Image, features

from sinn_core.files import link_or_copy, write_atomic
from sinn_core.parallel import cores, fork_map

from .cache import ImageCache, cache_root, settings_fingerprint
from .encode import encode_all
from .plan import ImageError, Rendition, plan
from .svg import SvgError, read_clean_svg

logger = logging.getLogger(__name__)


def _encode(job: dict):
    """Worker entry point: encode one image, report errors as text (tracebacks stay out of the log)."""
    try:
        return job["key"], encode_all(job), None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        return job["key"], None, f"{error.__class__.__name__}: {error}"


def image_options(settings) -> dict:
    """The processing settings, with formats this Pillow cannot write left out."""
    formats = [f for f in settings["IMAGES_FORMATS"] if f != "avif" or features.check("avif")]
    return {
        "widths": list(settings["IMAGES_WIDTHS"]),
        "formats": formats,
        "fallback_widths": list(settings["IMAGES_FALLBACK_WIDTHS"]),
        "quality": dict(settings["IMAGES_QUALITY"]),
        "og_size": list(settings["IMAGES_OG_SIZE"]),
        "download_max_side": settings["IMAGES_DOWNLOAD_MAX_SIDE"],
        "url_prefix": settings.get("SITEURL", "") + "/",
    }


class ImagePipeline:
    """All images of one build: planned on request, encoded together, published at the end."""

    def __init__(self, settings):
        self.content_path = settings["PATH"]
        self.options = image_options(settings)
        self.cache = ImageCache(cache_root(settings), settings_fingerprint(self.options))
        self.workers = cores(settings["IMAGES_WORKERS"])
        self.renditions: dict[tuple, Rendition] = {}
        self.errors: list[str] = []
        self.reported = 0  # errors[:reported] are in the log already
        self.stats = {"encoded_images": 0, "encoded_files": 0, "reused_images": 0}
        self._keys: dict[tuple, str] = {}
        self._svg_files: dict[tuple, str] = {}
        # A rendition's planning key by identity: asking for a story's file is one look-up, not a scan of all images.
        self._planned_as: dict[int, tuple] = {}

    def rendition(self, src: str, where: str, focus=None) -> Rendition | None:
        """The rendition of content/<src>; None (and an error naming `where`) if it cannot be published."""
        key = (src, tuple(focus) if focus else None)
        if key not in self.renditions:
            try:
                rendition = plan(self.content_path, src, self.options, focus)
                if rendition.is_svg:
                    self._svg_files[key] = self._clean_svg(rendition)
            except (ImageError, OSError) as error:
                self.errors.append(f"{where}: {error}")
                return None
            self.renditions[key] = rendition
            self._planned_as[id(rendition)] = key
        return self.renditions[key]

    def _clean_svg(self, rendition: Rendition) -> str:
        """Clean an SVG with the checker's own function and keep the result in the cache; the source is never published."""
        try:
            clean = read_clean_svg(rendition.source_path)
        except SvgError as error:
            raise ImageError(error.describe(f"content/{rendition.src}")) from error
        path = os.path.join(self.cache.root, "svg", hashlib.sha256(clean).hexdigest()[:40] + ".svg")
        if not os.path.isfile(path):
            write_atomic(path, clean)
        return path

    def encode(self) -> None:
        """Encode every image planned since the last call that the cache does not hold yet, using all workers."""
        jobs = []
        for key, rendition in self.renditions.items():
            if rendition.is_svg or key in self._keys:
                continue
            cache_key = self.cache.key_for(rendition.source_path, rendition.focus)
            self._keys[key] = cache_key
            if self.cache.manifest(cache_key) is not None or any(j["key"] == cache_key for j in jobs):
                self.stats["reused_images"] += 1
                continue
            jobs.append(self._job(cache_key, rendition))
        by_key = {job["key"]: job for job in jobs}
        for cache_key, manifest, error in self._run(jobs):
            job = by_key[cache_key]
            if error:
                self.errors.append(f"content/{job['src']}: Das Bild lässt sich nicht verarbeiten ({error}). "
                                   "Ist die Datei beschädigt oder unvollständig? Bitte neu exportieren.")
                continue
            self.cache.commit(cache_key, job["folder"], manifest)
            self.stats["encoded_images"] += 1
            self.stats["encoded_files"] += manifest["encoded"]
        self.cache.save_index()
        for rendition in self.renditions.values():
            manifest = None if rendition.is_svg else self._manifest_of(rendition)
            if manifest is not None:
                rendition.settle(manifest["files"])

    def _job(self, cache_key: str, rendition: Rendition) -> dict:
        def spec(variant):
            return {"name": variant.name, "format": variant.format, "width": variant.width, "height": variant.height}

        return {
            "key": cache_key,
            "src": rendition.src,
            "source": rendition.source_path,
            "folder": self.cache.staging(cache_key),
            "variants": [spec(v) for v in rendition.variants],
            "og": spec(rendition.og),
            "download": spec(rendition.download),
            "focus": list(rendition.focus),
            "quality": self.options["quality"],
        }

    def _run(self, jobs: list[dict]):
        # One image a message: each takes seconds, and sizes differ too much for larger chunks.
        return fork_map(_encode, jobs, self.workers, 2, chunk=1)

    def file_bytes(self, rendition: Rendition, variant) -> int | None:
        """Size in bytes of one encoded file of a rendition, once it is encoded."""
        if rendition.is_svg:
            path = self.file_path(rendition, variant)
            return os.path.getsize(path) if path else None
        manifest = self._manifest_of(rendition)
        return manifest["files"].get(variant.name) if manifest else None

    def file_path(self, rendition: Rendition, variant) -> str | None:
        """Where the encoded file of a rendition lies in the cache (an SVG: its cleaned copy), once it is encoded."""
        key = self._planned_as.get(id(rendition))
        if rendition.is_svg:
            return self._svg_files.get(key)
        if self._manifest_of(rendition) is None:
            return None
        return os.path.join(self.cache.folder(self._keys[key]), variant.name)

    def _manifest_of(self, rendition: Rendition) -> dict | None:
        cache_key = self._keys.get(self._planned_as.get(id(rendition)))
        return self.cache.manifest(cache_key) if cache_key is not None else None

    def place_in(self, output_path: str) -> None:
        """Link (or copy) every published file of every image into the output folder (encoded fallbacks settle() left out stay in the cache)."""
        for key, rendition in self.renditions.items():
            if rendition.is_svg:
                link_or_copy(self._svg_files[key], os.path.join(output_path, rendition.download.path))
                continue
            cache_key = self._keys.get(key)
            if cache_key is None or self.cache.manifest(cache_key) is None:
                continue  # failed to encode: already reported, and the build will not be published
            folder = self.cache.folder(cache_key)
            for variant in [*rendition.published, rendition.og, rendition.download]:
                link_or_copy(os.path.join(folder, variant.name), os.path.join(output_path, variant.path))
        os.makedirs(self.cache.root, exist_ok=True)
        self.prune()
        with open(os.path.join(self.cache.root, "last-build.json"), "w", encoding="utf-8") as handle:
            json.dump(self.stats, handle, sort_keys=True)

    def prune(self) -> None:
        """After a full build (only then are the files placed): drop cache entries no recent build of any kind uses."""
        if self.errors:
            return  # a failed build has not asked for every image it needs
        kind = f"{self.options['url_prefix']}|{self.cache.fingerprint}"
        svgs = {os.path.basename(path) for path in self._svg_files.values()}
        try:
            self.stats["pruned"] = self.cache.prune(kind, set(self._keys.values()), svgs)
        except OSError as error:  # an untidy cache only costs disk space
            logger.warning("Zwischenspeicher der Bilder nicht aufgeräumt: %s", error)
