"""For the press: a "Für die Presse" box on every story and the page /presse/.

The box offers a citation suggestion, the key facts with their sources and the hero image as a
print-ready download with credit and licence; /presse/ lists the contacts and every published story
with its image. Every published story also gets a press kit (press_kit.py): /geschichten/<slug>/pressemappe-<slug>.zip
with LIESMICH.txt (credit, licences, facts, quotes, contacts and the image's address) and the citation
as BibTeX, RIS and CSL-JSON, which also lie beside the page; the image itself is published once, beside
the other images, not copied into the kit (press_kit.py says why). The story's `view.press_files` lists
the files for the box. Templates get `press_citation(story)` and `citation_tags(story)`, the Highwire Press
`citation_*` meta tags (highwire.py) that reference managers read from the story page's head.
Settings: PRESS_CONTACTS (list of name, role, email, phone), PRESS_KIT
(default True), PRESS_KIT_CACHE_PATH (default .cache/press beside the content folder),
PRESS_KIT_WORKERS (0: one per core) and PRESS_KIT_PARALLEL_MINIMUM (stories from which the kits are
written on all cores, 64). The address PRESS_URL belongs to the address map (sinn_core/addresses.py).
"""

import logging
import os
import pickle
import time
from functools import partial
from itertools import chain

from pelican import signals

from sinn_core import addresses, alongside
from sinn_core.parallel import cores
from sinn_core.run_state import RunState
from sinn_core.settings import defaults_receiver

from .citation import citation, permanent_url
from .generator import PressGenerator
from .highwire import citation_tags
from .press_kit import PressKits

__all__ = ["PressGenerator", "PressKits", "citation", "permanent_url"]

logger = logging.getLogger(__name__)

DEFAULTS = {
    "PRESS_CONTACTS": [],
    "PRESS_KIT": True,
    "PRESS_KIT_CACHE_PATH": None,
    "PRESS_KIT_WORKERS": 0,
    "PRESS_KIT_PARALLEL_MINIMUM": 64,
}
TYPES = {"PRESS_KIT_CACHE_PATH": str | None}
_kits = RunState(PressKits)
# The kits the last run wrote (files for the box, cached ZIP), by story file (path, time, size) and hero file.
# The preview writes pages of that run again after rebuilding its model; a story whose file is unchanged finds
# its kit here instead of packing it again. A new run (new settings) starts afresh; the kit's inputs are its
# file, hero and settings.
_last_run: dict = {"settings": None, "kits": {}}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the press page generator to the build."""
    return PressGenerator


def add_to_templates(generator):
    """Give templates the citation suggestion and the citation meta tags of a story."""
    generator.env.globals["press_citation"] = partial(citation, settings=generator.settings)
    generator.env.globals["citation_tags"] = partial(citation_tags, settings=generator.settings)


def _wants_kit(story) -> bool:
    # A kit belongs to the model it was written for: a rebuilt model (the preview's) asks again, and the cache answers.
    return not getattr(story, "draft", False) and story.view.press_files is None


def write_press_kit(generator, content):
    """Before a story page is written (its images are encoded by then): its kit and citation files.

    Pelican asks story by story, but no kit depends on another: the first call writes the kits of
    every story that lacks one, on all cores, and the later calls find theirs written.
    """
    settings = generator.settings
    if not settings["PRESS_KIT"] or not _wants_kit(content):
        return
    kits = _kits.of(settings)
    if _last_run["settings"] is not settings:
        _last_run.update(settings=settings, kits={})
    known = _last_run["kits"]
    stories = [s for s in chain(generator.translations, generator.articles) if _wants_kit(s)]
    if content not in stories:
        stories.append(content)
    for story in stories:
        files, cached = known.get(_kit_inputs(story), (None, None))
        story.view.press_files = files
        if cached:
            kits.used.add(cached)
    stories = [s for s in stories if s.view.press_files is None]
    started = time.perf_counter()
    written = kits.write_all(stories, generator.output_path, cores(settings["PRESS_KIT_WORKERS"]), settings["PRESS_KIT_PARALLEL_MINIMUM"])
    for story, (files, cached) in zip(stories, written, strict=True):
        story.view.press_files = files
        known[_kit_inputs(story)] = (files, cached)
        kits.used.add(cached)
    kits.stats["seconds"] += time.perf_counter() - started


def _kit_inputs(story) -> tuple:
    try:
        stat = os.stat(story.source_path)
    except OSError:
        return (story.source_path, id(story))
    return (story.source_path, stat.st_mtime_ns, stat.st_size, story.view.hero_file)


def report_press_kits(generator, **_signal_arguments):
    """Once every story is written: prune the cache to the kits in use, and say how many were built, reused and removed."""
    # Taken out, not read: the preview writes stories again later and reports those on their own.
    kits = _kits.pop(generator.settings)
    if kits is None:
        return
    # No page reads the cache: tidied while Pagefind runs, after the kept kits offered before are linked.
    alongside.offer(generator.settings, "Zwischenspeicher der Pressemappen", partial(_tidy_cache, kits))


def _tidy_cache(kits: PressKits) -> None:
    # Only after a run of the story writer does `used` name every kit of the site. The preview's quick
    # rebuild runs it too: every unchanged story finds its kit of the last run (_last_run), so its
    # `used` also names them all and the pruning keeps them.
    try:
        kits.prune(kits.used)
        kits.save_memo()
    except (OSError, pickle.PickleError) as error:  # a cache that cannot be tidied or kept only costs time and disk space
        logger.warning("Zwischenspeicher der Pressemappen nicht aufgeräumt: %s", error)
    logger.info("Pressemappen: %d neu gepackt, %d aus dem Zwischenspeicher, %d veraltete entfernt (%.1f s).",
                kits.stats["built"], kits.stats["reused"], kits.stats["pruned"], kits.stats["seconds"])


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_to_templates)
    signals.article_generator_write_article.connect(write_press_kit)
    signals.article_writer_finalized.connect(report_press_kits)
