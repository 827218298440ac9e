"""A Pelican writer that notes every page first and renders them all at the end, on every core.

Rendering templates is most of a build's time, and one Python process uses one core. Pelican's
Writer decides names, pagination, overrides and the `content_written` signal; this writer keeps
all of that in the main process and only moves the rendering itself into forked workers
(sinn_core.parallel), which share the finished site model copy-on-write and send back only how
many pages failed.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
from dataclasses import dataclass

from pelican.writers import FileOverwriteFailedError, Writer

from sinn_core.files import atomic_path
from sinn_core.parallel import Forked, TwoEnds, fork_map, start_in_fork

from . import tracking
from .handoff import Handoff
from .page_memo import PageMemo

logger = logging.getLogger(__name__)

# Seconds the rest of the pages wait for the early process's digests (it sends them about half a second after
# it starts, well before the rest is noted); later, the workers compute their own rather than wait.
HANDOFF_WAIT = 2.0


@dataclass
class Job:
    """One page to render: where it goes, its template and the context Pelican built for it."""

    path: str
    template: object
    context: dict


class _Recording:
    """Stands in for a template and remembers the context Pelican would render it with."""

    def __init__(self, template, writer: DeferredWriter):
        self.template = template
        self.writer = writer

    def render(self, context):
        """Return no text now; the page is rendered later."""
        self.writer._rendered = (self.template, context)
        return ""


class DeferredWriter(Writer):
    """Pelican's writer, except that templates are rendered by `render_pending()`.

    The preview passes `wanted` (a test of the variables a generator gives one page, such as
    `article` or `list_page`) and touch_files=False: it asks the generators for every page of a
    site that is already published, notes only the pages it wants and writes nothing meanwhile.
    """

    def __init__(self, output_path, settings=None, touch_files: bool = True, wanted=None, memo_cache: str | None = None):
        super().__init__(output_path, settings=settings)
        # Where the last build's pages and what they read are kept (page_memo.py); None: render every page.
        self.memo_cache = memo_cache if touch_files else None
        self.memo: PageMemo | None = None
        self.jobs: list[Job] = []
        self.noted = 0  # pages noted in all, including those already handed to an early process
        self.touch_files = touch_files
        self.wanted = wanted
        self._rendered = None
        self._early: tuple[Forked, set, TwoEnds] | None = None
        self._handoff: Handoff | None = None

    def write_file(self, name, template, context, *args, **kwargs):
        """Note the page (and each page of a paginated listing) instead of rendering it."""
        if self.wanted is not None and not self.wanted(kwargs):
            return
        super().write_file(name, _Recording(template, self), context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        # Pelican renders, then opens the file: pair the two. A page's file is made only when it is
        # rendered (creating 3,400 empty files first cost about 0.6 s); until then has_page() answers.
        rendered, self._rendered = self._rendered, None
        if rendered is None:  # not a page
            return super()._open_w(filename, encoding, override) if self.touch_files else io.StringIO()
        if self.touch_files:
            filename = self._book(filename, override)
        if filename != os.devnull:
            self.jobs.append(Job(filename, *rendered))
            self.noted += 1
        return io.StringIO()

    def _book(self, filename: str, override: bool) -> str:
        """Pelican's record of the files written (Writer._open_w: one override at most), without creating one.

        Returns the file to write, or os.devnull for a page Pelican skips to keep an earlier override.
        """
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return os.devnull
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                                           "(set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return filename

    def has_page(self, path: str) -> bool:
        """Whether a page is noted for this path (its file exists only once it is rendered)."""
        return os.path.abspath(path) in self._written_files

    def start_early(self, workers: int, minimum: int) -> bool:
        """Render the pages noted so far in one forked process while the build goes on.

        Stories are noted first and are most of the pages; the rest of the build (feeds, data
        files, listings) runs on one core meanwhile, so the other core renders stories.
        """
        if workers < 2 or not hasattr(os, "fork") or len(self.jobs) < minimum or self._early:
            return False
        jobs, self.jobs = self.jobs, []
        memo = self._page_memo()
        handoff, parent = (Handoff() if memo is not None else None), os.getpid()
        stories = TwoEnds(jobs)  # the main process takes the last ones if it is done with the rest first

        def early() -> int:
            if handoff is not None and os.getpid() != parent:
                try:
                    digests = memo.warm(jobs[0].context)
                except Exception:  # the workers compute their own
                    logger.debug("digests not computed for the workers", exc_info=True)
                    digests = {}
                handoff.send(digests)
            return render(stories.front(), memo)

        forked = start_in_fork(early)
        if handoff is not None:
            if forked.pid is None:  # it ran here: nothing will come
                handoff.close()
                handoff = None
            else:
                handoff.listen()
        self._handoff = handoff
        self._early = (forked, {job.path for job in jobs}, stories)
        return True

    def _page_memo(self) -> PageMemo | None:
        if self.memo is None and self.memo_cache:
            try:
                self.memo = PageMemo(self.settings, self.output_path, self.memo_cache)
            except OSError as error:  # no cache to be had: every page renders
                logger.debug("page memo not used: %s", error)
                self.memo_cache = None
        return self.memo

    def finish_memo(self, failed: int) -> None:
        """After every page is written: keep this build's pages and what they read for the next build (none if pages failed)."""
        if self.memo is None:
            return
        try:
            if failed:
                self.memo.discard_parts()
            else:
                self.memo.merge()
        except (OSError, pickle.PickleError, EOFError) as error:  # the next build renders every page
            logger.warning("Zwischenspeicher der Seiten nicht aktualisiert: %s (%s)", self.memo_cache, error)

    def render_pending(self, workers: int) -> int:
        """Render every noted page over `workers` processes; return how many pages failed."""
        jobs, self.jobs = self.jobs, []
        memo = self._page_memo()
        if not self._early:
            if memo is not None and memo.previous and workers > 1:
                memo.prepare(jobs)
            return _render_over(jobs, workers, memo)
        early, early_paths, stories = self._early
        self._early = None
        # A page noted again later (an override) must be written after the early process's copy.
        later = [job for job in jobs if job.path in early_paths]
        after_edit = memo is not None and bool(memo.previous)
        rest = [job for job in jobs if job.path not in early_paths]
        if after_edit:  # the attribute reads while the early process computes the objects' digests (views too)
            memo.prepare(rest, attributes_only=True)
        if self._handoff is not None:  # there is one only with a memo
            memo.fingerprints.preload(self._handoff.receive(HANDOFF_WAIT))
            self._handoff = None
        # While the early process renders the stories, the rest gets one core fewer (cold builds: three
        # processes on two cores were 2.8 and 5.5 s slower in two alternating runs). After an edit the
        # early process only checks the stories' keys and ends soon; a core left idle for the rest then
        # cost more (one-story edit, bench corpus: 0.15 to 4.1 s slower in seven of seven alternating
        # runs), so the rest gets every core.
        if after_edit:  # each read once, here, rather than again in every worker (they inherit it)
            memo.prepare(rest)
        failed = _render_over(rest, workers if after_edit else workers - 1, memo)
        # Done first (a cold build: 1,379 other pages here against 2,000 stories there), this process renders
        # the stories the early process has not reached (bench corpus: one core idle for 1.9 s before).
        failed += render(stories.back(), memo)
        return failed + early.wait() + render(later, memo)


def _render_over(jobs: list[Job], workers: int, memo: PageMemo | None = None) -> int:
    """Render jobs over `workers` processes; return how many failed."""
    if workers < 2 or len(jobs) < 2 * workers:
        return render(jobs, memo)
    # A stride per worker (neighbouring pages cost alike, so strides even out); only its index
    # crosses to the worker, which has the pages already, copied by the fork.
    strides = [jobs[index::workers] for index in range(workers)]
    return sum(fork_map(lambda index: render(strides[index], memo), range(workers), workers, 2, chunk=1))


def _reused(job: Job, memo: PageMemo | None) -> bool:
    if memo is None:
        return False
    try:
        return memo.reuse(job)
    except Exception:
        logger.debug("%s: page memo not used", job.path, exc_info=True)
        return False


def _render_one(job: Job, memo: PageMemo | None) -> None:
    if memo is None:
        text = job.template.render(job.context)
    else:
        tracking.install(job.template.environment)
        with tracking.recording() as reads:
            text = job.template.render(job.context)
    # A new file each time, never through the old one: the page memo keeps pages linked (the preview
    # writes into a site whose pages are such links), and a page written twice (an override) must not
    # change the copy kept for the first.
    with atomic_path(job.path) as temporary, open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    if memo is not None:
        try:
            memo.record(job, reads)
        except Exception:
            logger.debug("%s: page not kept for the next build", job.path, exc_info=True)


def render(jobs: list[Job], memo: PageMemo | None = None) -> int:
    """Render and write pages in this process (taking unchanged ones from the memo); return how many failed (each is logged)."""
    failed = 0
    for job in jobs:
        if _reused(job, memo):
            continue
        try:
            _render_one(job, memo)
        except Exception as error:  # noqa: BLE001 - one broken page must not hide the others
            failed += 1
            # A template error: the theme's, not the editor's (content errors are reported before any page is made).
            logger.error("%s: Seite konnte nicht erzeugt werden, Fehler in der Vorlage (%s: %s)", job.path, error.__class__.__name__, error)
    if memo is not None:
        try:
            memo.save_part()
        except (OSError, pickle.PickleError) as error:
            logger.debug("page records not kept: %s", error)
    return failed
