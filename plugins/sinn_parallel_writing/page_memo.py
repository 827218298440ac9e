"""Renders a page again only when something it read has changed; otherwise it takes the last build's copy.

After a page renders, its key is kept with what it read (tracking.py): the names it looked up in the
context and the attributes of stories, actors and pages it read. The next build asks whether any of
these reads has another value in the new model: the object reads against the digests the last build
kept of them (read_digests.py, each read evaluated once per process), the names by their digest. If
none changed, the inputs are the same, so the page is, and the copy kept in .cache/pages/ (named by
the key) is linked into the new output instead of rendering it.

A key holds: the site's digest (the settings, the day, the theme, the plugins' code, the versions of
Jinja, Pelican and Markdown, and the list of content files, so a new or removed file renders every
page), the template's name, each name's value (lists by which objects they hold, in order), the value of each
attribute read (a view: related stories, actors, topics, images as ids and values), and for an
object read through a method its file's bytes and its view. An object handed to a Python function
(a filter such as json_ld) counts with the stories and actors its view names. Whatever cannot be
reproduced in the next build (a value whose text holds a memory address) makes the key differ, so
the page is rendered: a wrong reuse is the failure to avoid.

Own code: Pelican's own caching (CACHE_CONTENT) keeps what readers read, not rendered pages.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import os
import pickle
from importlib import metadata

from sinn_core.files import atomic_path, link_or_copy, read_pickled, write_atomic
from sinn_core.fingerprint import PLUGINS, add_tree, days, settings_text, stable

from . import read_digests
from .fingerprints import Fingerprints, linked
from .read_digests import ReadDigests
from .tracking import Reads, is_content

logger = logging.getLogger(__name__)

PACKAGES = ("jinja2", "pelican", "markdown", "markupsafe")
KEPT_MANIFESTS = 3
KEYS = ".keys"  # beside a manifest: the keys of the copies it needs
# Numbers the parts one process saves (it may render several times in one build: its share, then the stories
# the early process has not reached); an object's id could come back for a later dict and overwrite a part.
_parts_saved = itertools.count()


def site_digest(settings: dict) -> str:
    """The part of every page's key that is the same for the whole site."""
    digest = hashlib.sha256()
    digest.update(settings_text(settings).encode())
    digest.update(days(settings).encode())
    digest.update(stable([metadata.version(name) for name in PACKAGES]).encode())
    for folder in (settings["THEME"], PLUGINS):
        add_tree(digest, folder)
    for current, folders, files in os.walk(settings["PATH"]):
        folders.sort()
        digest.update(stable([os.path.join(current, name) for name in sorted(files)]).encode())
    return digest.hexdigest()


def _keys(manifest: str) -> set:
    """The keys of the page copies a manifest needs: from the list beside it if that is as new, else from the manifest."""
    listed = manifest + KEYS
    if os.path.exists(listed) and os.path.getmtime(listed) >= os.path.getmtime(manifest):
        keys = read_pickled(listed)
        if isinstance(keys, set):
            return keys
    with open(manifest, "rb") as handle:
        return {entry[0] for entry in pickle.load(handle).values()}


def _read_manifest(path: str) -> tuple[object, str | None]:
    """A manifest's records and the digest of its bytes (which its reads table names), or (None, None)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return pickle.loads(data), hashlib.sha256(data).hexdigest()
    except Exception as error:  # noqa: BLE001 - a damaged or older cache file can fail to unpickle in almost any way
        logger.debug("%s not used: %s", path, error)
        return None, None


def _remove(manifest: str) -> None:
    for path in (manifest, manifest + KEYS, manifest + read_digests.READS):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


class PageMemo:
    """The pages of the last build, their keys and reads; and this build's, as they are rendered or reused."""

    def __init__(self, settings: dict, output_path: str, cache: str):
        self.output_path = output_path
        self.cache = cache
        self.site = site_digest(settings)
        self.files = os.path.join(cache, "files")
        self.manifest = os.path.join(cache, f"manifest-{self.site[:16]}.pickle")
        stored, digest = _read_manifest(self.manifest)  # none usable: every page renders
        self.previous: dict = stored if isinstance(stored, dict) else {}
        self.fingerprints = Fingerprints(settings)
        self.reads = ReadDigests(read_digests.load(self.manifest, digest if self.previous else None), self._read_digest)
        self.registry: dict[str, object] = {}
        self.records: dict = {}
        self._parts: dict[tuple, tuple] = {}
        self._recorded: dict[str, dict] = {kind: {} for kind in read_digests.KINDS}  # read → _record_read's answer

    def _relative(self, path: str) -> str:
        return os.path.relpath(path, self.output_path)

    def _lookup(self, context: dict, environment, name: str):
        if name in context:
            return context[name]
        return environment.globals.get(name, "<missing>")

    def _names_key(self, template, context: dict, names: tuple) -> str:
        """The digest of a page's template and the values of the names it looked up."""
        environment, part = template.environment, self._part
        parts = [template.name, *(part(name, self._lookup(context, environment, name)) for name in names)]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _part(self, name: str, value) -> str:
        """One name's text, remembered: pages share most of their names' values (the site's lists)."""
        remembered = (id(value), name)
        known = self._parts.get(remembered)
        if known is None or known[0] is not value:  # kept with the value, so its id stays its own for this run
            known = self._parts[remembered] = (value, f"n:{name}={self.fingerprints.value(value)}")
        return known[1]

    def _digest(self, kind: str, item, attribute: str = "") -> str:
        """One object read's digest: an attribute's value, the object whole, or with what its view names."""
        fingerprints = self.fingerprints
        if kind == "a":
            return read_digests.short(fingerprints.attribute(item, attribute))
        return fingerprints.content(item) if kind == "o" else fingerprints.deep(item)

    def _read_digest(self, kind: str, path: str, attribute: str) -> str | None:
        """A read of the last build's pages, evaluated in this build's model (None: the object is gone)."""
        item = self.registry.get(path)
        return None if item is None else self._digest(kind, item, attribute)

    def _register(self, context: dict) -> None:
        """Every content object of the context's lists, and what their views hold (hero images, logos)."""
        seen = set()
        for value in context.values():
            for item in value if isinstance(value, (list, tuple)) else [value]:
                # An object met first through another's view (a related story) still has its own view's
                # objects registered: otherwise a page showing its hero image could never be reused.
                if is_content(item) and id(item) not in seen:
                    seen.add(id(item))
                    self.registry.setdefault(item.source_path, item)
                    for other in linked(getattr(item, "view", None)):
                        self.registry.setdefault(other.source_path, other)

    def warm(self, context: dict) -> dict:
        """The content, deep and view digests of every story, actor and page a page of `context` can name, by source path."""
        self._registered(context)
        fingerprints = self.fingerprints
        return {path: (fingerprints.content(item), fingerprints.deep(item),
                       fingerprints.attribute(item, "view") if hasattr(item, "view") else None)
                for path, item in self.registry.items()
                if isinstance(fingerprints.identity(item), str)}  # renditions count by identity, which is per process

    def _registered(self, context: dict) -> None:
        if not self.registry:
            self._register(context)

    def _entry(self, job):
        """The last build's entry for this page if it can be reused at all (same template, reads it could note)."""
        entry = self.previous.get(self._relative(job.path))
        if not entry or len(entry) < 4 or entry[1] != job.template.name or entry[3] is None:
            return None
        return entry

    def prepare(self, jobs: list, attributes_only: bool = False) -> None:
        """Evaluate the object reads of these pages now, before forking the processes that check them (they inherit it).

        `attributes_only`: all but views and whole objects, whose digests the early process is computing meanwhile.
        """
        for job in jobs:
            try:
                entry = self._entry(job)
                if entry is not None:
                    self._registered(job.context)
                    self.reads.evaluate(entry[2], attributes_only)
            except Exception:  # a damaged entry: reuse() fails on it too, guarded, and the page renders
                logger.debug("%s: reads not evaluated ahead", job.path, exc_info=True)

    def reuse(self, job) -> bool:
        """Link the last build's copy of the page into place if nothing it read has changed."""
        entry = self._entry(job)
        if entry is None:
            return False
        key, _template, reads, names_key = entry
        self._registered(job.context)
        if self.reads.any_changed(reads) or self._names_key(job.template, job.context, reads[0]) != names_key:
            return False
        try:
            link_or_copy(os.path.join(self.files, f"{key}.html"), job.path)
        except OSError:
            return False
        self.records[self._relative(job.path)] = None  # the last build's entry: merge() fills it in (parts stay small to pickle and load)
        return True

    def record(self, job, reads: Reads) -> None:
        """Keep a freshly rendered page with its key and reads."""
        notes = (tuple(sorted(reads.names)), tuple(sorted(reads.attributes)), tuple(sorted(reads.whole)), tuple(sorted(reads.deep)))
        self._registered(job.context)
        names_key = self._names_key(job.template, job.context, notes[0])
        parts, same_objects, objects = [self.site, names_key], True, reads.objects
        for kind, items in (("a", notes[1]), ("o", notes[2]), ("d", notes[3])):
            recorded = self._recorded[kind]
            for read in items:
                item = objects[read[0] if kind == "a" else read]
                known = recorded.get(read)
                if known is None or known[0] is not item:  # pages share most reads (a topic's 20 stories' titles …)
                    known = recorded[read] = self._record_read(kind, read, item)
                parts.append(known[1])
                same_objects = same_objects and known[2]
        key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        target = os.path.join(self.files, f"{key}.html")
        if not os.path.exists(target):
            os.makedirs(self.files, exist_ok=True)
            # The written page itself, linked: the next build's copy is then the same file, which lets
            # later steps (the search index's page copies) see that it has not changed.
            link_or_copy(job.path, target)
        self.records[self._relative(job.path)] = (key, job.template.name, notes, names_key if same_objects else None)

    def _record_read(self, kind: str, read, item) -> tuple:
        """(the object, the read's text in a key, whether it is the model's object of its path) for one read."""
        path, attribute = read if kind == "a" else (read, "")
        digest = self._digest(kind, item, attribute)
        same = item is self.registry.get(path)
        if same:
            self.reads.keep(kind, read, digest)
        # else another object of that path than the model's (a photo's second rendition): not told apart later
        return item, f"{kind}:{path}.{attribute}={digest}", same

    def save_part(self) -> None:
        """Write this process's records and read digests beside the manifest, for `merge()` in the main process."""
        if not self.records and not any(self.reads.now.values()):
            return
        os.makedirs(self.cache, exist_ok=True)
        with atomic_path(os.path.join(self.cache, f"part-{os.getpid()}-{next(_parts_saved)}.pickle")) as temporary, open(temporary, "wb") as handle:
            pickle.dump({"records": self.records, "reads": self.reads.now}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.records, self.reads.now = {}, read_digests.empty()

    def merge(self) -> dict:
        """Collect every process's records into this build's manifest; drop older manifests and unused copies."""
        records, written, tables = dict(self.records), {}, [self.reads.now]
        for name in sorted(os.listdir(self.cache)) if os.path.isdir(self.cache) else []:
            if name.startswith("part-"):
                path = os.path.join(self.cache, name)
                try:
                    with open(path, "rb") as handle:
                        part = pickle.load(handle)
                finally:
                    os.remove(path)
                for relative in part["records"]:
                    written[relative] = written.get(relative, 0) + 1
                records.update(part["records"])
                tables.append(part["reads"])
        # A page written twice (an override) by two processes: which copy came last is not known here.
        records = {relative: self.previous[relative] if entry is None else entry
                   for relative, entry in records.items() if written.get(relative, 0) < 2}
        data = pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self.manifest, data)
        read_digests.save(self.manifest, hashlib.sha256(data).hexdigest(), read_digests.needed(read_digests.merged(tables), records))
        # The copies it needs, beside it: the next builds of other kinds keep them without loading it all (4.7 MB).
        wanted = {entry[0] for entry in records.values()}
        with atomic_path(self.manifest + KEYS) as temporary, open(temporary, "wb") as handle:
            pickle.dump(wanted, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._prune(wanted)
        same = sum(1 for relative, entry in records.items() if self.previous.get(relative, ("",))[0] == entry[0])
        logger.info("Seiten: %d von %d unverändert seit dem letzten Build, nicht neu erzeugt.", same, len(records))
        return records

    def discard_parts(self) -> None:
        """Forget this build's records (pages failed): the last build's manifest stays as it is."""
        for name in os.listdir(self.cache) if os.path.isdir(self.cache) else []:
            if name.startswith("part-"):
                os.remove(os.path.join(self.cache, name))

    def _prune(self, needed: set) -> None:
        """Drop manifests beyond the kept ones and the copies no kept manifest needs (`needed`: this build's)."""
        manifests = sorted((os.path.join(self.cache, n) for n in os.listdir(self.cache) if n.startswith("manifest-") and n.endswith(".pickle")),
                           key=os.path.getmtime, reverse=True)
        kept = {self.manifest, *manifests[:KEPT_MANIFESTS]}
        wanted = set(needed)
        for manifest in manifests:
            if manifest not in kept:
                _remove(manifest)
                continue
            if manifest != self.manifest:
                try:
                    wanted.update(_keys(manifest))
                except Exception:  # noqa: BLE001 - unreadable: its copies go
                    _remove(manifest)
        for name in os.listdir(self.files) if os.path.isdir(self.files) else []:
            if name.removesuffix(".html") not in wanted:
                os.remove(os.path.join(self.files, name))
