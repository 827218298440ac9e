"""Stories (and pages) in Markdown with YAML front matter; drafts shown only in the preview.

Settings: STORIES_SHOW_DRAFTS (default False): True shows drafts marked "Entwurf"
(pelicanconf.py), False leaves them out entirely (publishconf.py). STORIES_CACHE (default True):
keep read stories between builds in .cache/pelican/ beside the content folder. STORIES_READ_WORKERS
(default 0: one per core): processes that read the stories the cache lacks, when at least
STORIES_READ_MINIMUM (64) are missing; for fewer, starting processes costs more than it saves.
"""

from pelican import signals

from sinn_core.parallel import cores
from sinn_core.run_state import RunState
from sinn_core.settings import fill_in

from . import preread
from .cache import reader_cache_path
from .reader import StoryReader

# The reader checks each file with the contract's rules and its CONTENT_CONTRACT_TODAY.
REQUIRES = ("sinn_content_contract",)
DEFAULTS = {"STORIES_SHOW_DRAFTS": False, "STORIES_CACHE": True, "STORIES_READ_WORKERS": 0, "STORIES_READ_MINIMUM": 64}


def fill_defaults(pelican):
    """Fill in this plugin's settings and, with STORIES_CACHE, Pelican's reader cache."""
    fill_in(pelican.settings, DEFAULTS)
    if pelican.settings["STORIES_CACHE"]:
        pelican.settings.update({
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": True,
            "CONTENT_CACHING_LAYER": "reader",
            "GZIP_CACHE": False,  # compressing thousands of stories costs more than it saves here
            "CACHE_PATH": reader_cache_path(pelican.settings),
        })


def add_reader(readers):
    """Read .md files with the front-matter reader."""
    readers.reader_classes["md"] = StoryReader


def read_ahead(generator):
    """Before the first file a generator reads: read all files its cache lacks on every core."""
    workers = cores(generator.settings["STORIES_READ_WORKERS"])
    preread.prepare(generator, StoryReader, workers, generator.settings["STORIES_READ_MINIMUM"])


# The one Author object of each name in a run.
_authors = RunState(lambda _settings: {})
# Pelican's content classes by the prefix of the patterns their published objects are formatted with.
_PATTERN_PREFIX = {"Article": ("ARTICLE", {"published"}), "Page": ("PAGE", {"published", "hidden"})}


def share_author(content):
    """As a story or page is made: the site's author (AUTHOR) as one object for all of them.

    Pelican makes an Author per story and works out its slug (a transliteration and five regular
    expressions) when it groups the stories by author: 2,000 times for one name.
    """
    author = getattr(content, "author", None)
    if author is None or getattr(content, "authors", None) != [author]:
        return
    shared = _authors.of(content.settings).setdefault(author.name, author)
    if shared is not author and shared.settings is author.settings:
        content.author, content.authors = shared, [shared]


def pin_address(content):
    """As a story or page is made: its address and file, formatted once from its slug.

    Pelican formats both from every field of the object (its author's slug included) each time it
    is asked, three times per story before the story is even kept. The address map's patterns hold
    only {slug}; a pattern with other fields, a draft or another language is left to Pelican.
    """
    prefix, statuses = _PATTERN_PREFIX.get(type(content).__name__, (None, ()))
    settings = content.settings
    if (prefix is None or getattr(content, "status", None) not in statuses or not content.in_default_lang
            or not settings.get("WITH_FUTURE_DATES", True)  # Pelican turns a future story into a draft after this
            or hasattr(content, "override_url") or hasattr(content, "override_save_as")):
        return
    try:
        url = str(settings[f"{prefix}_URL"]).format(slug=content.slug)
        save_as = str(settings[f"{prefix}_SAVE_AS"]).format(slug=content.slug)
    except (KeyError, IndexError, AttributeError, ValueError):
        return
    content.override_url, content.override_save_as = url, save_as


def pin_urls(generator):
    """Work out each story's and page's address once; Pelican formats it anew on every use.

    Templates ask for `story.url` tens of thousands of times per build (cards, lists, feeds, related
    stories). Pelican's own `override_url` holds the result; the address cannot change after reading.
    """
    for name in ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "pages", "hidden_pages", "draft_pages"):
        for content in getattr(generator, name, None) or []:
            if not hasattr(content, "override_url"):
                content.override_url = content.url


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.readers_init.connect(add_reader)
    signals.content_object_init.connect(share_author)
    signals.content_object_init.connect(pin_address)
    signals.article_generator_preread.connect(read_ahead)
    signals.page_generator_preread.connect(read_ahead)
    signals.article_generator_finalized.connect(pin_urls)
    signals.page_generator_finalized.connect(pin_urls)
