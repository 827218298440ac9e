"""What a page read while its template rendered: the context's names and the stories, actors and pages it touched.

Jinja compiles `story.title` to `environment.getattr(story, "title")` (noted as that attribute), `story["x"]` to
`environment.getitem(…)`, each free name of a template to `context.resolve_or_missing(name)` and a
call of a global function to `context.call(…)`; filters are looked up in `environment.filters`
when a template renders. `install()` wraps those four on a Jinja environment, so while `recording()`
is active every content object whose attribute a template reads is noted, with every name it
looks up. Python functions the templates call (filters such as json_ld, globals) read objects
without Jinja seeing it: a content object handed to one is noted as read deeply (with what its
view links to). page_memo.py turns the notes into a page's key.

Own code: Jinja has no dependency tracking of values (its `meta.find_undeclared_variables` finds
names in the source, not which stories a page showed).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from jinja2.filters import FILTERS
from jinja2.runtime import Context, Macro


@dataclass
class Reads:
    """The notes of one page."""

    names: set = field(default_factory=set)
    objects: dict = field(default_factory=dict)  # source path → every content object the page touched
    attributes: set = field(default_factory=set)  # (source path, attribute) of the values the page read
    whole: set = field(default_factory=set)  # source paths of objects read through a method (story.get(…)) or by key
    deep: set = field(default_factory=set)  # source paths of objects handed to a Python function


_reads: Reads | None = None
_JINJA_FILTERS = frozenset(id(function) for function in FILTERS.values())  # Jinja's own, builtins such as len among them
_content_types: dict[type, bool] = {}


def is_content(value) -> bool:
    """True for a story, actor or page: an object read from a file of content/ (it has a source_path)."""
    kind = type(value)
    known = _content_types.get(kind)
    if known is None:
        known = _content_types[kind] = isinstance(getattr(value, "source_path", None), str) and not isinstance(value, type)
    return known


def _note(value, deep: bool = False) -> None:
    if _reads is not None and is_content(value):
        _reads.objects[value.source_path] = value
        (_reads.deep if deep else _reads.whole).add(value.source_path)


def _note_attribute(value, attribute: str, result) -> None:
    if _reads is not None and is_content(value):
        if callable(result):  # a method reads what it likes: the whole object counts
            _note(value)
        else:
            _reads.objects[value.source_path] = value
            _reads.attributes.add((value.source_path, attribute))


def _note_arguments(args, kwargs) -> None:
    if _reads is None:
        return
    for value in (*args, *kwargs.values()):
        if is_content(value):
            _note(value, deep=True)
        elif isinstance(value, (list, tuple, dict)):
            for item in value.values() if isinstance(value, dict) else value:
                _note(item, deep=True)


class TrackingContext(Context):
    """Jinja's context, noting each name a template looks up and the content objects handed to functions."""

    def resolve_or_missing(self, key):
        """Note the name, then look it up as Jinja does."""
        if _reads is not None:
            _reads.names.add(key)
        return super().resolve_or_missing(key)

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        """Note content handed to a Python function, then call it as Jinja does."""
        if not isinstance(__obj, Macro):  # a macro's reads are noted as it renders
            _note_arguments(args, kwargs)
        return super().call(__obj, *args, **kwargs)


def _filter(function):
    def tracked(*args, **kwargs):
        _note_arguments(args, kwargs)
        return function(*args, **kwargs)

    for marker in ("jinja_pass_arg",):  # pass_context / pass_environment must survive the wrapping
        if hasattr(function, marker):
            setattr(tracked, marker, getattr(function, marker))
    tracked.__wrapped__ = function
    return tracked


def install(environment) -> None:
    """Make a Jinja environment note what its templates read (once per environment)."""
    if getattr(environment, "_sinn_tracking", False):
        return
    getattr_, getitem = environment.getattr, environment.getitem

    def tracked_getattr(obj, attribute):
        result = getattr_(obj, attribute)
        _note_attribute(obj, attribute, result)
        return result

    def tracked_getitem(obj, argument):
        _note(obj)
        return getitem(obj, argument)

    environment.getattr = tracked_getattr
    environment.getitem = tracked_getitem
    environment.context_class = TrackingContext
    for name, function in list(environment.filters.items()):
        # Jinja's own filters read attributes through environment.getattr/getitem: already noted. Some
        # are Python's builtins (`length` is len): counting a topic's stories read none of them, but as a
        # "Python function" it made every page of the topic depend on every story of the topic.
        if not (getattr(function, "__module__", "") or "").startswith("jinja2") and id(function) not in _JINJA_FILTERS:
            environment.filters[name] = _filter(function)
    environment._sinn_tracking = True


@contextlib.contextmanager
def recording():
    """Note what is read inside the block; yields the Reads."""
    global _reads  # noqa: PLW0603 - one page renders at a time per process
    previous, _reads = _reads, Reads()
    try:
        yield _reads
    finally:
        _reads = previous
