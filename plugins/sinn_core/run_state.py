"""Per-build state: what a plugin remembers during one Pelican run, apart from other runs, dropped when the run ends.

Not a plugin itself; plugins that gather something during a build (pages for the sitemap, the
image pipeline, the press kits, the page writers, the content inventory) keep it in a `RunState`
instead of a module global each cleared its own way. A run is known by its settings: Pelican hands
the same settings dict to itself, every generator and the writer. Every state of a run is dropped
at its `finalized`, after all plugins' own receivers have read it, and whatever a run that failed
midway left behind is dropped when the next run starts (`initialized`); so two builds in one
process (tests, `make serve`) never see each other's pages.

Caches meant to outlive a build (rendered Markdown, image hashes, read vocabularies) are not
per-run state and stay where they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pelican import signals

_states: list[RunState] = []
# The settings of the run started last: for signals that do not carry them (`content_written`).
_current: dict | None = None


class RunState:
    """One plugin's state for each run, made by `factory(settings)` on first use."""

    def __init__(self, factory: Callable[[Any], Any] | None = None):
        self._factory = factory
        self._runs: dict[int, tuple[Any, Any]] = {}
        _states.append(self)

    def of(self, settings):
        """The state of the run with these settings, made on first use."""
        entry = self._runs.get(id(settings))
        if entry is None or entry[0] is not settings:
            entry = self._runs[id(settings)] = (settings, self._factory(settings))
        return entry[1]

    def get(self, settings, default=None):
        """The state of the run with these settings, or `default` if it has none."""
        entry = self._runs.get(id(settings))
        return entry[1] if entry is not None and entry[0] is settings else default

    def put(self, settings, value) -> None:
        """Make `value` the state of the run with these settings."""
        self._runs[id(settings)] = (settings, value)

    def pop(self, settings, default=None):
        """Take the state of the run with these settings out (a plugin done with it before the run ends)."""
        value = self.get(settings, default)
        self._runs.pop(id(settings), None)
        return value


def current_settings():
    """The settings of the run started last (None before any)."""
    return _current


def start_run(pelican) -> None:
    """A run starts: drop what earlier runs left, and see that this run's state is dropped after every plugin's `finalized`."""
    global _current  # noqa: PLW0603 - the one run in progress
    for state in _states:
        state._runs.clear()
    _current = pelican.settings
    # Receivers are called in the order they were connected; plugins connect theirs when
    # registered, before `initialized`: connected again now, end_run comes after all of them.
    signals.finalized.disconnect(end_run)
    signals.finalized.connect(end_run)


def end_run(pelican) -> None:
    """A run ends: drop every state it kept."""
    for state in _states:
        state._runs.pop(id(pelican.settings), None)


signals.initialized.connect(start_run)
