"""The preview's memory of the last build, so that editing one story re-renders only its pages.

`make serve` builds the whole site once in its own process and keeps Pelican's generators. When
an editor saves a story and only its text changed (not its address, date, themes, regions,
actors, image, status or redirects), the story is checked on its own, read again and put in place
of the old one; the model (sinn_model: actors, topics, related stories, images) is built anew, and only the pages
that show the story are rendered: its own page, its actors' pages, the listings it appears on and
the stories whose "Ähnliche Geschichten" show it. Everything else (search index, feeds, open data,
sitemap) is brought up to date by a full build that tools/serve.py starts right afterwards.
Anything the quick path does not handle falls back to that full build.
"""

from __future__ import annotations

import logging
import os
import time

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from sinn_core.content import generator_of
from sinn_model import ActorView, StoryView, view_of
from sinn_model import rebuild as rebuild_model
from tools.build import build, show_problems  # tools.build also puts plugins/ on the import path

logger = logging.getLogger("sinn.preview")

# A change to one of these moves the story between pages (or changes files besides pages): full build.
STRUCTURAL_FIELDS = (
    "slug", "date", "themes", "regions", "actors", "stage", "target_groups", "status", "draft", "featured", "image", "aliases",
    "adapted_from",  # the original's page lists its adaptations
)

_capture: dict = {"active": False, "generators": None}


def remember_generators(generators):
    """Keep the generators of a build the preview started."""
    if _capture["active"]:
        _capture["generators"] = list(generators)


signals.all_generators_finalized.connect(remember_generators)


class NeedsFullBuildError(Exception):
    """The change is more than the quick path handles; the message says why."""


class Preview:
    """A built site and the model it was built from."""

    def __init__(self, settings_file: str, output: str, overrides: dict | None = None):
        self.settings_file = settings_file
        self.output = os.path.abspath(output)
        self.overrides = overrides or {}
        self.generators: list | None = None
        self.problems: list = []  # the errors of the last quick check (Problem objects), for the serve overlay

    def full_build(self) -> None:
        """Build the whole site (check, Pelican, swap) and remember its model; BuildError on bad content."""
        self.generators = None
        _capture.update(active=True, generators=None)
        try:
            build(self.settings_file, self.output, self.overrides)
        finally:
            _capture["active"] = False
        self.generators = _capture.pop("generators", None)
        _capture["generators"] = None
        # The build wrote into a staging folder that is now the output: files a generator writes
        # beside its pages (a story's press kit) go to the output from now on.
        for generator in self.generators or []:
            generator.output_path = self.output

    def story_changed(self, path: str) -> list[str]:
        """Re-render the pages that show the story at path; return their files. NeedsFullBuildError if it cannot."""
        started = time.monotonic()
        if not self.generators:
            raise NeedsFullBuildError("noch kein vollständiger Build im Speicher")
        stories = generator_of(self.generators, ArticlesGenerator)
        path = os.path.abspath(path)
        old = next((s for s in stories.articles + stories.drafts if os.path.abspath(s.source_path) == path), None)
        if old is None:
            raise NeedsFullBuildError(f"{os.path.relpath(path)} ist neu oder kein veröffentlichter Text")
        report = _check(stories.settings, path)
        self.problems = [p for p in report.sorted() if p.severity == "error"]
        if report.errors:
            return []  # the checker's messages are printed; the last good page stays
        story = _read(stories, path)
        changed = [f for f in STRUCTURAL_FIELDS if old.metadata.get(f) != story.metadata.get(f)]
        if changed:
            raise NeedsFullBuildError(f"geändert: {', '.join(changed)}")
        if _body_images(story, stories.settings):
            raise NeedsFullBuildError("der Text enthält Bilder")
        _replace(self.generators, old, story)
        # The model (actors, topics, related stories, images) is built anew from the new content, never patched.
        rebuild_model(self.generators)
        files = self._render_pages_showing(story)
        logger.info("Vorschau: %d Seiten zu %s neu in %.1f s.", len(files), os.path.relpath(path), time.monotonic() - started)
        return files

    def _render_pages_showing(self, story) -> list[str]:
        from sinn_parallel_writing import DeferredWriter, workers  # noqa: PLC0415

        settings = self.generators[0].settings
        writer = DeferredWriter(self.output, settings=settings, touch_files=False, wanted=lambda page: _shows(page, story))
        # Only generators that write through the writer: feeds and data files wait for the full build.
        for generator in self.generators:
            if type(generator).__name__ in ("ArticlesGenerator", "ListingsGenerator", "ActorsGenerator"):
                generator.generate_output(writer)
        paths = [job.path for job in writer.jobs]
        failed = writer.render_pending(workers(settings))
        if failed:
            raise NeedsFullBuildError(f"{failed} Seiten konnten nicht erzeugt werden")
        return paths


def _check(settings, path):
    from sinn_content_contract import check_file  # noqa: PLC0415

    report = check_file(settings["PATH"], path, settings)
    show_problems(report)
    return report


def _read(stories: ArticlesGenerator, path: str):
    return stories.readers.read_file(
        base_path=stories.path, path=os.path.relpath(path, stories.path), content_class=Article, context=stories.context,
        preread_signal=signals.article_generator_preread, preread_sender=stories,
        context_signal=signals.article_generator_context, context_sender=stories,
    )


def _body_images(story, settings) -> bool:
    from sinn_images.markup import body_image_sources  # noqa: PLC0415

    return bool(body_image_sources(story._content, settings["SITEURL"] + "/"))


def _replace(generators, old, story) -> None:
    """Put the new story wherever Pelican's generators list the old one (articles, dates, context)."""
    seen = set()
    for holder in [holder for generator in generators for holder in (vars(generator), generator.context)]:
        if id(holder) in seen:
            continue
        seen.add(id(holder))
        for value in holder.values():
            if isinstance(value, list) and any(item is old for item in value):
                value[:] = [story if item is old else item for item in value]


def _shows(page: dict, story) -> bool:
    """Whether a page, given these variables by its generator, shows the story (itself, listed, as related or as an actor's)."""
    if "list_page" in page:
        return any(item is story for item in page["list_page"].items)
    for value in page.values():
        if value is story:
            return True
        if isinstance(value, (list, tuple)) and any(item is story for item in value):
            return True
        view = view_of(value)
        if isinstance(view, StoryView) and any(item is story for item in view.related):
            return True
        if isinstance(view, ActorView) and any(item is story for item in view.stories):
            return True
    return False
