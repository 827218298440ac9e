"""For the press: a "Für die Presse" box on every story and the page /presse/.

The box offers a citation suggestion, the key facts with their sources and the hero image in full
resolution with credit and licence; /presse/ lists the contacts and every published story with its
image. Every published story also gets a press kit (press_kit.py): /geschichten/<slug>/pressemappe-<slug>.zip
with the image, LIESMICH.txt and the citation as BibTeX, RIS and CSL-JSON, which also lie beside the
page; the story's `press_files` lists them for the box. Templates get `press_citation(story)`.
Settings: PRESS_URL, PRESS_SAVE_AS, PRESS_CONTACTS (list of name, role, email, phone), PRESS_KIT
(default True), PRESS_KIT_CACHE_PATH (default .cache/press beside the content folder).
"""

import logging
import time
from functools import partial

from pelican import signals

from plugin_settings import defaults_receiver

from .citation import citation, permanent_url
from .generator import PressGenerator
from .press_kit import PressKits

__all__ = ["PressGenerator", "PressKits", "citation", "permanent_url"]

logger = logging.getLogger(__name__)

DEFAULTS = {
    "PRESS_URL": "presse/",
    "PRESS_SAVE_AS": "presse/index.html",
    "PRESS_CONTACTS": [],
    "PRESS_KIT": True,
    "PRESS_KIT_CACHE_PATH": None,
}
_kits: dict[int, PressKits] = {}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the press page generator to the build."""
    return PressGenerator


def add_to_templates(generator):
    """Give templates the citation suggestion for a story."""
    generator.env.globals["press_citation"] = partial(citation, settings=generator.settings)


def write_press_kit(generator, content):
    """Before a story page is written (its images are encoded by then): its kit and citation files."""
    if not generator.settings["PRESS_KIT"] or getattr(content, "draft", False):
        return
    if getattr(content, "press_kit_of", None) == id(content):
        return  # already written for this very story (the preview re-renders pages from a kept site model)
    kits = _kits.setdefault(id(generator.context), PressKits(generator.settings))
    started = time.perf_counter()
    content.press_files = kits.write(content, generator.output_path)
    content.press_kit_of = id(content)
    kits.stats["seconds"] += time.perf_counter() - started


def report_press_kits(_generator, **_signal_arguments):
    """Say how many kits were built and how many came from the cache."""
    for kits in _kits.values():
        logger.info("Pressemappen: %d neu gepackt, %d aus dem Zwischenspeicher (%.1f s).",
                    kits.stats["built"], kits.stats["reused"], kits.stats["seconds"])
    _kits.clear()


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_to_templates)
    signals.article_generator_write_article.connect(write_press_kit)
    signals.article_writer_finalized.connect(report_press_kits)
