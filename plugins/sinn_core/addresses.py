"""The address map: every URL pattern of the site, declared once, and the questions asked about addresses.

The patterns are the typed defaults in DEFAULTS, overridable in pelicanconf.py under the same names.
Everything that writes a page, links to one or judges a link asks this map: the plugins (listings,
feeds, actors, open data, press, redirects, search index), the checker, the templates (which read the
same names from the settings), tools/published_paths.py and tools/linkcheck.py.

Three questions: the address (url and save_as) of an object; whether a path is a published address of
the site, given which content exists (`Content`); which slugs are reserved because a page of the site
starts there. Own code rather than a routing library: the site is static and Pelican already formats
its own patterns with str.format, so the map formats the same way and a routing library would add a
second pattern language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pelican.settings import DEFAULT_CONFIG as PELICAN_DEFAULTS

# One pattern per fact. Page addresses end in "/", their file is url + "index.html" (see save_as_of).
# {slug}: a story's or page's slug; {id}: an actor's or a term's id; {number}: a list page from 2 on.
DEFAULTS: dict[str, str] = {
    "ARTICLE_URL": "geschichten/{slug}/",
    "PAGE_URL": "{slug}/",
    "ACTORS_URL": "akteure/{id}/",
    "ACTORS_INDEX_URL": "akteure/",
    "LISTINGS_HOME_URL": "",
    "LISTINGS_ARCHIVE_URL": "geschichten/",
    "LISTINGS_PAGE_SUFFIX": "seite/{number}/",
    "LISTINGS_THEMES_INDEX_URL": "themen/",
    "LISTINGS_THEME_URL": "themen/{id}/",
    "LISTINGS_REGIONS_INDEX_URL": "regionen/",
    "LISTINGS_REGION_URL": "regionen/{id}/",
    "LISTINGS_SEARCH_URL": "suche/",
    "LISTINGS_NOT_FOUND_URL": "404.html",
    "FEEDS_ALL_URL": "feeds/geschichten.atom.xml",
    "FEEDS_THEME_URL": "feeds/themen/{id}.atom.xml",
    "FEEDS_REGION_URL": "feeds/regionen/{id}.atom.xml",
    "OPEN_DATA_URL": "daten/",
    "PRESS_URL": "presse/",
    # The showcase in numbers (sinn_numbers); the CSV behind each chart lies in the open data folder (NUMBERS_FILES).
    "NUMBERS_URL": "zahlen/",
    # A story's press kit and citation files lie in its own folder, beside its page.
    "PRESS_KIT_FILE": "pressemappe-{slug}.zip",
    "PRESS_CITATION_FILE": "zitation-{slug}.{ext}",
    "SITEMAP_URL": "sitemap.xml",
    "ROBOTS_URL": "robots.txt",
    "FILES_URL": "files/",
    "IMAGES_URL": "images/",
    "SEARCH_INDEX_BUNDLE_DIR": "pagefind",
    "THEME_STATIC_DIR": "theme",
    # The web editor (sinn_web_editor): a folder for editors, never for visitors, robots or the search.
    "WEB_EDITOR_URL": "admin/",
    # The English pages (sinn_languages): stories with an English summary, and the platform in English.
    "LANGUAGES_ENGLISH_URL": "en/",
    "LANGUAGES_ENGLISH_ABOUT_URL": "en/about/",
}
# Pelican has its own defaults for these ("{slug}.html"); a value equal to Pelican's means "not set".
PELICAN_PATTERNS = {"ARTICLE_URL": "ARTICLE_SAVE_AS", "PAGE_URL": "PAGE_SAVE_AS"}
# The files the open data page publishes beside itself, by what they hold, and the schema folder with
# one schema per kind of record (sinn_open_data/catalogue.py fills them under these names).
OPEN_DATA_FILES = {"stories": "geschichten.json", "stories_table": "geschichten.csv", "actors": "akteure.json",
                   "actors_table": "akteure.csv", "actors_map": "akteure.geojson"}
OPEN_DATA_SCHEMAS = {"stories": "geschichten", "actors": "akteure", "actors_map": "akteure.geojson"}
# The CSV behind each table of /zahlen/, by chart, inside the open data folder (sinn_numbers writes them).
NUMBERS_FILES = {"themes": "zahlen/themen.csv", "regions": "zahlen/regionen.csv", "stages": "zahlen/phasen.csv",
                 "years": "zahlen/jahre.csv", "actor_types": "zahlen/akteurstypen.csv", "features": "zahlen/merkmale.csv",
                 "adaptations": "zahlen/nachgemacht.csv"}
# Reserved although no page starts there: Pelican's usual folder for static files.
RESERVED_EXTRA = frozenset({"static"})
# Patterns that hold the content of a kind; the rest are fixed addresses or folders.
_OBJECT_PATTERNS = {"story": "ARTICLE_URL", "page": "PAGE_URL", "actor": "ACTORS_URL", "themes": "LISTINGS_THEME_URL",
                    "regions": "LISTINGS_REGION_URL"}
_FEED_PATTERNS = {"themes": "FEEDS_THEME_URL", "regions": "FEEDS_REGION_URL"}


@dataclass(frozen=True)
class Address:
    """Where a page is linked (url, site-relative without leading slash) and written (save_as)."""

    url: str
    save_as: str


def save_as_of(url: str) -> str:
    """The file written for an address: index.html inside a folder address, else the address itself."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def fill_defaults(pelican) -> None:
    """Receiver for `initialized`: put the map's patterns into the settings, so templates read the same ones."""
    fill_settings(pelican.settings)


def fill_settings(settings) -> None:
    """Set every pattern the settings leave out; set Pelican's story and page patterns from the map's."""
    for name, value in DEFAULTS.items():
        if name in PELICAN_PATTERNS and settings.get(name) == PELICAN_DEFAULTS.get(name):
            settings[name] = value
        settings.setdefault(name, value)
    for name, save_as_name in PELICAN_PATTERNS.items():
        if settings.get(save_as_name) in (None, PELICAN_DEFAULTS.get(save_as_name)):
            settings[save_as_name] = save_as_of(settings[name])


@dataclass
class Content:
    """What exists, as far as addresses go: ids of each kind, stories per term, drafts and whether they show."""

    per_page: int  # LISTINGS_PER_PAGE
    stories: set = field(default_factory=set)
    drafts: set = field(default_factory=set)  # slugs of draft stories
    show_drafts: bool = False
    actors: set = field(default_factory=set)
    pages: set = field(default_factory=set)
    terms: dict = field(default_factory=lambda: {"themes": set(), "regions": set()})  # every term id
    stories_per_term: dict = field(default_factory=lambda: {"themes": {}, "regions": {}})  # published stories
    actors_per_term: dict = field(default_factory=lambda: {"themes": {}, "regions": {}})

    @property
    def listed_stories(self) -> int:
        """How many stories the archive lists."""
        return len(self.stories) + (len(self.drafts) if self.show_drafts else 0)


def list_pages(count: int, per_page: int) -> int:
    """How many pages a list of `count` items has: at least one (an empty list still has its first page)."""
    return max(1, math.ceil(count / max(per_page, 1)))


class AddressMap:
    """The site's addresses, from the settings (missing patterns take DEFAULTS)."""

    def __init__(self, settings=None):
        settings = settings or {}
        self.patterns = {}
        for name, default in DEFAULTS.items():
            value = settings.get(name)
            if value is None or (name in PELICAN_PATTERNS and value == PELICAN_DEFAULTS.get(name)):
                value = default
            if not isinstance(value, str):
                raise TypeError(f"Die Einstellung {name} muss ein Text sein (z. B. {default!r}), nicht {value!r}.")
            self.patterns[name] = value

    def _address(self, name: str, **fields) -> Address:
        url = self.patterns[name].format(**fields)
        return Address(url, save_as_of(url))

    def of(self, kind: str, ident: str) -> Address:
        """The address of a story, page, actor, theme or region (kind "themes"/"regions" for terms)."""
        return self._address(_OBJECT_PATTERNS[kind], slug=ident, id=ident)

    def fixed(self, name: str) -> Address:
        """The address of a page that exists once, by its setting name (e.g. "PRESS_URL")."""
        return self._address(name)

    def list_page(self, first_url: str, number: int) -> Address:
        """Page `number` of a list whose first page is at first_url."""
        url = first_url if number == 1 else first_url + self.patterns["LISTINGS_PAGE_SUFFIX"].format(number=number)
        return Address(url, save_as_of(url))

    def feed(self, kind: str | None = None, ident: str = "") -> Address:
        """The feed of all stories (kind None) or of one theme or region."""
        return self.fixed("FEEDS_ALL_URL") if kind is None else self._address(_FEED_PATTERNS[kind], id=ident)

    def folder(self, name: str) -> str:
        """A folder of files as "/files/": FILES_URL, IMAGES_URL, SEARCH_INDEX_BUNDLE_DIR, THEME_STATIC_DIR."""
        return "/" + self.patterns[name].strip("/") + "/"

    def fixed_pages(self) -> list[str]:
        """The site-relative urls of the pages that exist once, whatever the content."""
        names = ("LISTINGS_HOME_URL", "LISTINGS_ARCHIVE_URL", "ACTORS_INDEX_URL", "LISTINGS_THEMES_INDEX_URL",
                 "LISTINGS_REGIONS_INDEX_URL", "LISTINGS_SEARCH_URL", "LISTINGS_NOT_FOUND_URL", "OPEN_DATA_URL",
                 "PRESS_URL", "NUMBERS_URL", "FEEDS_ALL_URL", "SITEMAP_URL", "ROBOTS_URL", "LANGUAGES_ENGLISH_URL",
                 "LANGUAGES_ENGLISH_ABOUT_URL")
        return [self.patterns[name] for name in names]

    def open_data_files(self) -> list[str]:
        """The site-relative urls of the open data files, their schemas and the CSV files of /zahlen/."""
        folder = self.patterns["OPEN_DATA_URL"]
        files = [folder + name for name in OPEN_DATA_FILES.values()]
        files += [self.numbers_file(chart).url for chart in NUMBERS_FILES]
        return files + [f"{folder}schema/{name}.schema.json" for name in OPEN_DATA_SCHEMAS.values()]

    def numbers_file(self, chart: str) -> Address:
        """The CSV behind one chart of /zahlen/ ("themes", "years" …), in the open data folder."""
        url = self.patterns["OPEN_DATA_URL"] + NUMBERS_FILES[chart]
        return Address(url, url)

    def press_files(self, slug: str, citation_formats) -> dict[str, Address]:
        """A story's press kit ("zip") and its citation files (by extension), in the story's own folder."""
        folder = self.of("story", slug).url
        names = {ext: self.patterns["PRESS_CITATION_FILE"].format(slug=slug, ext=ext) for ext in citation_formats}
        names["zip"] = self.patterns["PRESS_KIT_FILE"].format(slug=slug)
        return {ext: Address(folder + name, folder + name) for ext, name in names.items()}

    def published(self, content: Content) -> set[str]:
        """Every generated address for this content, as "/path" (folders end in "/"): what the build writes."""
        urls = set(self.fixed_pages()) | set(self.open_data_files())
        for kind, ids in (("story", content.stories), ("actor", content.actors), ("page", content.pages)):
            urls |= {self.of(kind, ident).url for ident in ids}
        if content.show_drafts:
            urls |= {self.of("story", slug).url for slug in content.drafts}
        archive = self.patterns["LISTINGS_ARCHIVE_URL"]
        urls |= {self.list_page(archive, n).url for n in range(2, list_pages(content.listed_stories, content.per_page) + 1)}
        for kind in ("themes", "regions"):
            for term in content.terms[kind]:
                urls.add(self.feed(kind, term).url)
                count = content.stories_per_term[kind].get(term, 0)
                if count or content.actors_per_term[kind].get(term):  # the listings skip a term nothing belongs to
                    first = self.of(kind, term).url
                    urls |= {self.list_page(first, n).url for n in range(1, list_pages(count, content.per_page) + 1)}
        return {"/" + url for url in urls}

    def generated_folder(self, path: str) -> bool:
        """True for a path inside a folder the build fills on its own (Pagefind's bundle, the theme's assets, the web editor)."""
        return path.startswith((self.folder("SEARCH_INDEX_BUNDLE_DIR"), self.folder("THEME_STATIC_DIR"), self.folder("WEB_EDITOR_URL")))

    def content_folder(self, path: str) -> str | None:
        """"files" or "images" when the path lies in the folder published from content/files or content/images."""
        for name, folder in (("FILES_URL", "files"), ("IMAGES_URL", "images")):
            if path.startswith(self.folder(name)):
                return folder
        return None

    def taken_by_site(self, path: str, terms: dict) -> bool:
        """True when the build writes at this path or may write there later (a term's pages): no alias may take it."""
        if path in {"/" + url for url in self.fixed_pages()} or path in {"/" + url for url in self.open_data_files()}:
            return True
        term_pages = tuple("/" + self.of(kind, term).url for kind in ("themes", "regions") for term in terms.get(kind, ()))
        archive = "/" + self.patterns["LISTINGS_ARCHIVE_URL"] + self.patterns["LISTINGS_PAGE_SUFFIX"].split("{", 1)[0]
        feeds = "/" + self.patterns["FEEDS_ALL_URL"].rsplit("/", 1)[0] + "/"
        folders = (self.folder("FILES_URL"), self.folder("IMAGES_URL"), "/" + self.patterns["OPEN_DATA_URL"],
                   "/" + self.patterns["PRESS_URL"], feeds, archive, *term_pages)
        return path.startswith(folders) or self.generated_folder(path)

    def reserved_slugs(self) -> frozenset:
        """The first path segments the site's own addresses take: no story, page or actor may be named so."""
        reserved = set(RESERVED_EXTRA)
        for name, pattern in self.patterns.items():
            if name == "LISTINGS_PAGE_SUFFIX":
                first = pattern.split("/", 1)[0]
            elif name in ("ARTICLE_URL", "ACTORS_URL", "PAGE_URL") or not pattern:
                first = pattern.split("/", 1)[0] if "/" in pattern else ""
            else:
                first = pattern.strip("/").split("/", 1)[0]
            first = first.split(".", 1)[0]
            if first and "{" not in first:
                reserved.add(first)
        return frozenset(reserved)


RESERVED_SLUGS = AddressMap().reserved_slugs()
