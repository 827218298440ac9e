"""Renders the site's pages on every core: Pelican notes each page, the pages are rendered at the end
(the story pages already while the rest of the build runs).

List this plugin FIRST in PLUGINS: its `finalized` receiver must fill the pages before any other
plugin's `finalized` receiver reads them (search indexing, for one). Pelican calls receivers in
plugin order. Settings: PARALLEL_WRITING_WORKERS (0: one per core; 1: render in the main process),
PARALLEL_WRITING_EARLY_MINIMUM (story pages from which they are rendered early, 200),
PARALLEL_WRITING_MEMO (True: a page whose reads are unchanged since the last build is taken from
PARALLEL_WRITING_MEMO_PATH, default .cache/pages beside the content folder, instead of rendered; page_memo.py).
"""

import logging
from functools import partial

from pelican import signals

from sinn_core import alongside
from sinn_core.parallel import cores
from sinn_core.run_state import RunState
from sinn_core.settings import cache_path, defaults_receiver

from .writer import DeferredWriter, render

__all__ = ["DeferredWriter", "render", "workers"]

logger = logging.getLogger(__name__)

# Fewer story pages than EARLY_MINIMUM are not worth a process of their own before the end.
DEFAULTS = {"PARALLEL_WRITING_WORKERS": 0, "PARALLEL_WRITING_EARLY_MINIMUM": 200,
            "PARALLEL_WRITING_MEMO": True, "PARALLEL_WRITING_MEMO_PATH": None}
TYPES = {"PARALLEL_WRITING_MEMO_PATH": str | None}
# The writers Pelican made in a run (one, unless a plugin asks for more).
_writers = RunState(lambda _settings: [])


fill_defaults = defaults_receiver(DEFAULTS)


class _SiteWriter(DeferredWriter):
    """The writer Pelican is given; it registers itself so `finalized` can find it."""

    def __init__(self, output_path, settings=None):
        memo = cache_path(settings, "pages", settings["PARALLEL_WRITING_MEMO_PATH"]) if settings["PARALLEL_WRITING_MEMO"] else None
        super().__init__(output_path, settings=settings, memo_cache=memo)
        _writers.of(settings).append(self)


def provide_writer(_pelican):
    """Give Pelican the deferring writer."""
    return _SiteWriter


def workers(settings) -> int:
    """How many processes render pages: PARALLEL_WRITING_WORKERS, or one per core."""
    return cores(settings.get("PARALLEL_WRITING_WORKERS"))


def render_stories_early(generator, writer):
    """Once every story page is noted: render them in a process of their own while the build goes on."""
    if isinstance(writer, _SiteWriter) and writer.touch_files:
        writer.start_early(workers(generator.settings), generator.settings["PARALLEL_WRITING_EARLY_MINIMUM"])


def render_pages(pelican):
    """Render every page noted during the build, before other plugins look at the output."""
    for writer in _writers.get(pelican.settings, []):
        failed = writer.render_pending(workers(pelican.settings))
        if failed:
            writer.finish_memo(failed)
            logger.error("%d von %d Seiten konnten nicht erzeugt werden (Meldungen oben).", failed, writer.noted)
        else:  # only the next build reads what this one kept: merged while Pagefind runs
            alongside.offer(pelican.settings, "Zwischenspeicher der Seiten", partial(writer.finish_memo, failed))


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.get_writer.connect(provide_writer)
    signals.article_writer_finalized.connect(render_stories_early)
    signals.finalized.connect(render_pages)
