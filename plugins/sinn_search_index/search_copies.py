"""The pages Pagefind reads: each indexed page cut down to the parts Pagefind takes from it.

Pagefind parses every byte of every page it is given, but with `data-pagefind-body` on the site it
only uses the `<html>` tag (the page's language), the `<title>` and the marked elements. A story page
is about 25 KB, of which the marked article is half. Handing Pagefind copies of just those parts cut
its run over 3,000 pages from 8.5 to 6.4 seconds here (the bench's corpus, same machine, same run),
and search results lose nothing: a page whose other parts carry a `data-pagefind-*` attribute is
handed whole. Pagefind also no longer takes the EU emblem in the footer as the picture of a result
that has none of its own. Inside the marked element, the parts marked `data-pagefind-ignore` (who
is behind a story, the press box, similar stories) are left out too, unless Pagefind takes
something from them: a filter, meta data or sort key, an <h1>, or the page's first picture. That
cut the copies again (bench corpus: 38 to 23 MB) and Pagefind's parsing of them took 1.03
instead of 1.15 s; its bundle stayed the same byte for byte.

Own code, because Pagefind has no option to read less of a page, and a full HTML parser would cost
more than Pagefind saves (cutting 3,000 pages takes about 0.5 s). The cut works on the bytes and is
safe there because every page is ours: templates escape every value and story bodies pass nh3, so a
`<` always opens a real tag and a `"` always delimits a value; the marker counts only as an
attribute name, never as words in a text or inside a value.

The copies stay in .cache/search-pages/ between builds. A page that is the same file as in the
last build (inode, size and time: the page memo links unchanged pages) keeps its copy, so a build
after a one-story edit cuts only the pages it rendered.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import logging
import os
import re
import shutil
import tempfile

from sinn_core.files import write_atomic
from sinn_core.fingerprint import file_digest
from sinn_core.parallel import cores, fork_map

logger = logging.getLogger(__name__)

MARKER = b"data-pagefind-body"
_TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)[\s/]")
_ANY_PAGEFIND = re.compile(rb"\sdata-pagefind-[a-z-]+[\s=>/]")
_HTML_TAG = re.compile(rb"<html[\s>][^<>]*", re.IGNORECASE)
_TITLE = re.compile(rb"<title>[^<]*</title>", re.IGNORECASE)
IGNORED = b"data-pagefind-ignore"
_IMG = re.compile(rb"<img[\s/>]", re.IGNORECASE)
_H1 = re.compile(rb"<h1[\s>/]", re.IGNORECASE)
# Copies kept by other code than this are cut again.
_CODE = file_digest(__file__)
# How many pages to cut before a process per core is worth it (a cold build cuts every page).
_PARALLEL_MINIMUM = 400


def _marked(page: bytes, marker: bytes = MARKER, start: int = 0, end: int | None = None):
    """(Where, tag name) of each start tag with `marker` as an attribute (not as words in a text or a value)."""
    position = page.find(marker, start, end)
    while position >= 0:
        start = page.rfind(b"<", 0, position)
        after = page[position + len(marker):position + len(marker) + 1]
        # Inside a tag (no ">" since its "<"), after a space, not inside a quoted value, and followed by what ends a name.
        if (start >= 0 and page.find(b">", start, position) < 0 and page[position - 1:position].isspace()
                and page.count(b'"', start, position) % 2 == 0 and after in (b" ", b"=", b">", b"/", b"\n", b"\t", b"\r")):
            name = _TAG_NAME.match(page, start)
            if name:
                yield start, name.group(1)
        position = page.find(marker, position + 1, end)


@functools.lru_cache(maxsize=32)
def _tags(name: bytes) -> re.Pattern:
    return re.compile(rb"<" + re.escape(name) + rb"[\s>/]|</" + re.escape(name) + rb"\s*>", re.IGNORECASE)


def _element_end(page: bytes, start: int, name: bytes) -> int:
    """Where the element opened at `start` ends (after its end tag); -1 if it never does."""
    depth = 0
    for match in _tags(name).finditer(page, start):
        depth += -1 if match.group(0).startswith(b"</") else 1
        if depth == 0:
            return match.end()
    return -1


def _without_ignored(page: bytes, start: int, end: int, picture_before: bool) -> tuple[bytes, bool]:
    """page[start:end] without the elements Pagefind ignores and takes nothing else from; whether it shows a picture.

    Kept: an ignored element with a data-pagefind-* attribute (Pagefind still reads filters, meta and
    sort keys inside one), an <h1> (the title Pagefind would take) or the page's first <img> (the
    picture Pagefind takes for a result without one of its own).
    """
    kept, position = [], start
    for tag_start, name in _marked(page, IGNORED, start, end):
        if tag_start < position or tag_start == start:  # inside an element already left out; the marked element itself
            continue
        tag_end = page.find(b">", tag_start) + 1
        element_end = _element_end(page, tag_start, name)
        if element_end < 0 or element_end > end:
            continue
        inner = page[tag_end:element_end]
        picture_before = picture_before or bool(_IMG.search(page, position, tag_start))  # kept, whatever follows
        if (_ANY_PAGEFIND.search(page[tag_start:tag_end].replace(IGNORED, b"")) or _ANY_PAGEFIND.search(inner) or _H1.search(inner)
                or (_IMG.search(inner) and not picture_before)):
            continue
        kept.append(page[position:tag_start])
        position = element_end
    kept.append(page[position:end])
    return b"".join(kept), picture_before or bool(_IMG.search(page, position, end))


def cut(page: bytes) -> bytes:
    """The parts of `page` Pagefind uses (the whole page where a cut could change what it indexes)."""
    parts, position = [], 0
    for start, name in _marked(page):
        if start < position:  # inside an element already taken
            continue
        end = _element_end(page, start, name)
        if end < 0:
            return page
        parts.append((start, end))
        position = end
    if not parts:
        return page
    bounds = [0, *(position for part in parts for position in part), len(page)]
    outside = b"".join(page[bounds[index]:bounds[index + 1]] for index in range(0, len(bounds), 2))
    html = _HTML_TAG.search(page)
    if html is None or _ANY_PAGEFIND.search(outside):
        return page
    title = _TITLE.search(page)
    head = b"<head><meta charset=\"utf-8\">" + (title.group(0) if title else b"") + b"</head>"
    body, picture = [], False
    for start, end in parts:
        part, picture = _without_ignored(page, start, end, picture)
        body.append(part)
    return b"<!DOCTYPE html>\n" + html.group(0) + b">" + head + b"<body>" + b"".join(body) + b"</body></html>\n"


def _pages(output_path: str, bundle_dir: str) -> dict[str, os.stat_result]:
    """Every HTML page of the site by its path in it (the search bundle's own folder and links left out)."""
    pages, folders = {}, [""]
    while folders:
        relative = folders.pop()
        with os.scandir(os.path.join(output_path, relative)) as entries:
            for entry in entries:
                path = os.path.join(relative, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    if path != bundle_dir:
                        folders.append(path)
                elif entry.name.endswith(".html") and entry.is_file(follow_symlinks=False):
                    pages[path] = entry.stat(follow_symlinks=False)
    return pages


def _signature(status: os.stat_result) -> list[int]:
    return [status.st_ino, status.st_size, status.st_mtime_ns]


class SearchCopies:
    """The folder Pagefind is pointed at: one copy per indexed page, brought up to date in place each build."""

    def __init__(self, output_path: str, bundle_dir: str, cache: str | None):
        self.output_path = output_path
        self.lock = _lock(cache) if cache else None
        if self.lock is not None:
            self.folder, self.manifest = os.path.join(cache, "pages"), os.path.join(cache, "pages.json")
        else:
            # No cache, or another build (make publish beside the preview) is using it: copies of our own.
            self.folder, self.manifest = tempfile.mkdtemp(prefix="sinn-suche-"), None
        self.indexed: dict[str, bool] = {}
        try:
            self.pages = _pages(output_path, bundle_dir)
        except OSError:
            self.close()
            raise

    def _previous(self) -> dict:
        """The last build's pages and their copies; {} (and an empty folder) if there is no trustworthy list."""
        previous = {}
        if self.manifest:
            try:
                with open(self.manifest, encoding="utf-8") as handle:
                    kept = json.load(handle)
                if kept.get("code") == _CODE and isinstance(kept.get("pages"), dict):
                    previous = kept["pages"]
                # From here on the folder changes: a build stopped halfway leaves no list, and the next starts afresh.
                os.remove(self.manifest)
            except (OSError, ValueError, AttributeError):
                previous = {}
        if not previous:
            shutil.rmtree(self.folder, ignore_errors=True)
        os.makedirs(self.folder, exist_ok=True)
        return previous

    def _cut_one(self, relative: str) -> bool:
        with open(os.path.join(self.output_path, relative), "rb") as handle:
            page = handle.read()
        target = os.path.join(self.folder, relative)
        if MARKER not in page:
            with contextlib.suppress(FileNotFoundError):
                os.remove(target)
            return False
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # Written in place: the folder counts only once keep() has listed it.
        with open(target, "wb") as handle:
            handle.write(cut(page))
        return True

    def make(self) -> str:
        """Bring the folder up to date: cut the pages that changed, drop the copies of pages gone; the folder."""
        previous, fresh = self._previous(), []
        for relative, status in sorted(self.pages.items()):
            entry = previous.get(relative)
            if entry and entry[:3] == _signature(status) and (not entry[3] or os.path.exists(os.path.join(self.folder, relative))):
                self.indexed[relative] = bool(entry[3])
            else:
                fresh.append(relative)
        for relative in set(previous) - set(self.pages):
            with contextlib.suppress(FileNotFoundError):
                os.remove(os.path.join(self.folder, relative))
        for relative, indexed in zip(fresh, fork_map(self._cut_one, fresh, cores(None), _PARALLEL_MINIMUM), strict=True):
            self.indexed[relative] = indexed
        if not any(self.indexed.values()):
            # No page marks its content: Pagefind then indexes every page whole, so it gets them all.
            for relative in self.pages:
                target = os.path.join(self.folder, relative)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(os.path.join(self.output_path, relative), target)
        logger.debug("search copies: %d cut, %d kept", len(fresh), len(self.pages) - len(fresh))
        return self.folder

    def keep(self) -> None:
        """After Pagefind succeeded: list the copies and what they were cut from, for the next build."""
        if not self.manifest:
            return
        pages = {relative: [*_signature(status), int(self.indexed.get(relative, False))] for relative, status in self.pages.items()}
        write_atomic(self.manifest, json.dumps({"code": _CODE, "pages": pages}, separators=(",", ":")))

    def close(self) -> None:
        """Remove a folder made for this build only; let other builds use the kept one."""
        if not self.manifest:
            shutil.rmtree(self.folder, ignore_errors=True)
        if self.lock is not None:
            self.lock.close()  # closing the file releases the lock
            self.lock = None


def _lock(cache: str):
    """The cache's lock file, held (flock) until closed; None if another process holds it."""
    os.makedirs(cache, exist_ok=True)
    handle = open(os.path.join(cache, "lock"), "a")  # noqa: SIM115 - held until close()
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle
