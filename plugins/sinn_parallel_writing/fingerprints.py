"""Digests of the values and content objects a page reads, for its key in the page memo (page_memo.py).

A value counts by its text: numbers and strings by repr, lists, dicts and sets by their items,
dataclasses and objects by their fields, functions by their qualified name; a story, actor or page
by its file's path ("@path"), so a list of stories counts by which stories it holds. Nested values
deeper than DEPTH count by their type only. A content object as a whole counts by its file's bytes
and its view; "deep", with the stories and actors its view names. Digests are remembered for the
process's run: the views are complete once pages render.

Own code: the digest must follow the model's own objects (views, topics, renditions), which no
general hashing library knows; pickle would follow every link to the whole site.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import types

from sinn_core.fingerprint import stable

from .tracking import is_content

DEPTH = 8  # nested values deeper than this count by their type only
FUNCTIONS = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, functools.partial, type)
_DATACLASS_TYPES: dict[type, bool] = {}  # content types that are dataclasses (actors, an image's renditions)


class Fingerprints:
    """Digests of values and content objects, remembered for one process's run."""

    def __init__(self, settings: dict | None = None):
        # The settings count once, in the site's digest (they name this run's staging folder, which differs every run).
        self._settings = settings
        # By object and depth: below DEPTH a value counts by its type only, so the same object has another
        # text at another depth. Remembered by object alone, the depth it was first met at decided its
        # digest for the rest of the run: after a cold build 1,300 of 3,379 pages had other keys.
        self._values: dict[tuple[int, int], tuple] = {}
        self._files: dict[str, str] = {}
        # Views are complete once pages render (the press files are set while pages are noted), so an
        # object's digest holds for the rest of the process: remembered, as listings read thousands.
        self._contents: dict[str | int, str] = {}
        self._deep: dict[str | int, str] = {}
        self._attributes: dict[tuple[str | int, str], str] = {}
        self._renditions: dict[int, object] = {}

    def value(self, value, depth: int = 0) -> str:
        """A text that changes when the value changes; content objects count by their file's path."""
        if value is None or isinstance(value, (str, int, float, bool, bytes, datetime.date)):
            return repr(value)
        if is_content(value):
            return "@" + value.source_path
        if value is self._settings:
            return "<settings>"
        known = self._values.get((id(value), depth))
        if known is not None and known[0] is value:
            return known[1]
        text = self._text(value, depth)
        digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
        self._values[(id(value), depth)] = (value, digest)
        return digest

    def _text(self, value, depth: int) -> str:
        if depth > DEPTH:
            return f"<{type(value).__qualname__}>"
        if isinstance(value, dict):
            items = sorted((repr(key), self.value(item, depth + 1)) for key, item in value.items())
            return "{" + ",".join(f"{key}:{item}" for key, item in items) + "}"
        if isinstance(value, (set, frozenset)):
            return "{" + ",".join(sorted(self.value(item, depth + 1) for item in value)) + "}"
        if isinstance(value, (list, tuple)):
            return type(value).__name__ + "[" + ",".join(self.value(item, depth + 1) for item in value) + "]"
        if isinstance(value, functools.partial):
            return f"{stable(value.func)}{self.value(value.args, depth + 1)}{self.value(value.keywords, depth + 1)}"
        if isinstance(value, FUNCTIONS):
            return stable(value)
        if dataclasses.is_dataclass(value):  # as the dict of its fields would count, without making one
            if depth + 1 > DEPTH:
                return f"{type(value).__qualname__}<dict>"
            fields = ",".join(f"{name!r}:{self.value(getattr(value, name, None), depth + 2)}" for name in _field_names(type(value)))
            return f"{type(value).__qualname__}{{{fields}}}"
        if hasattr(value, "__dict__"):
            return type(value).__qualname__ + self._text(dict(vars(value)), depth + 1)
        return repr(value)

    def preload(self, digests: dict) -> None:
        """Take the content and deep digests another process computed from the same model (handoff.py)."""
        for identity, (content, deep, view) in digests.items():
            self._contents.setdefault(identity, content)
            self._deep.setdefault(identity, deep)
            if view is not None:
                self._attributes.setdefault((identity, "view"), view)

    def file(self, path: str) -> str:
        """The digest of a content file's bytes ('' if it cannot be read)."""
        if path not in self._files:
            try:
                with open(path, "rb") as handle:
                    self._files[path] = hashlib.sha256(handle.read()).hexdigest()
            except OSError:
                self._files[path] = ""
        return self._files[path]

    def identity(self, item):
        """What caches an object's digests by: a story's, actor's or page's file path; a rendition itself.

        A photo has a rendition per focus point, all with the photo's path: cached by path, the first
        one computed would stand for all of them.
        """
        kind = type(item)
        data = _DATACLASS_TYPES.get(kind)
        if data is None:
            data = _DATACLASS_TYPES[kind] = dataclasses.is_dataclass(kind)
        # Asked of each object: an actor is a dataclass too, and counts by its file once it has a view.
        if not data or "view" in getattr(item, "__dict__", ()):
            return item.source_path
        self._renditions[id(item)] = item  # kept alive, so its id stays its own for this run
        return id(item)

    def attribute(self, item, name: str) -> str:
        """One attribute of a content object (listings read the same title and address thousands of times)."""
        key = (self.identity(item), name)
        if key not in self._attributes:
            self._attributes[key] = self.value(getattr(item, name))
        return self._attributes[key]

    def content(self, item) -> str:
        """A content object: its file and its view (an image's rendition: its values)."""
        identity = self.identity(item)
        known = self._contents.get(identity)
        if known is None:
            # A rendition's file is a photo of megabytes (hashing 150 of them cost 0.5 s per process); its
            # bytes reach a page only through the rendition's values (sizes, variants, addresses).
            rendition = isinstance(identity, int)
            # A view by value(): its digest is the one a page's read of `story.view` gets, computed once.
            text = self._text(item, 1) if rendition else self.file(item.source_path) + self.value(getattr(item, "view", None))
            known = self._contents[identity] = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
        return known

    def deep(self, item) -> str:
        """A content object with the stories and actors its view names."""
        identity = self.identity(item)
        if identity not in self._deep:
            self._deep[identity] = self._linked_digest(item)
        return self._deep[identity]

    def _linked_digest(self, item) -> str:
        named = {other.source_path: other for other in linked(getattr(item, "view", None))}
        named[item.source_path] = item
        text = "|".join(f"{path}={self.content(named[path])}" for path in sorted(named))
        return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names in the order their text lists them."""
    return tuple(sorted((f.name for f in dataclasses.fields(kind)), key=repr))


def linked(view) -> list:
    """The content objects a view names directly (its actors, related stories, adaptations …).

    A topic's own stories and actors are not followed: the view's digest already holds which topics
    it names, and following them would make every story depend on the whole site.
    """
    if view is None or not dataclasses.is_dataclass(view):
        return []
    found = []
    for field in dataclasses.fields(view):
        value = getattr(view, field.name, None)
        found += [item for item in (value if isinstance(value, (list, tuple)) else [value]) if is_content(item)]
    return found
