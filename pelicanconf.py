"""Settings for the local build (`make html`, `make serve`); publishconf.py extends them."""

import os

SITENAME = "Soziale Innovationen in Sachsen"
SITE_PUBLISHER = "Zukunftsplattform für soziale Innovationen Sachsen"
SITE_SHORT_NAME = "SINN"
AUTHOR = SITE_PUBLISHER
SITEURL = ""
RELATIVE_URLS = False
DEFAULT_LANG = "de"
TIMEZONE = "Europe/Berlin"
DEFAULT_DATE_FORMAT = "%d.%m.%Y"

PATH = "content"
THEME = "theme"
ARTICLE_PATHS = ["stories"]
PAGE_PATHS = ["pages"]
# Images are not copied as they are: the images plugin publishes processed copies without metadata.
# Files in content/files/ (materials of a story's replication guide) are published as they are, at /files/….
STATIC_PATHS = ["files"]
# Hidden files are never read (the checker and the build refuse them: content_contract/inventory.py).
IGNORE_FILES = [".*", "*.swp", "*~", "README.md"]
# Only the story reader (Markdown with YAML): Pelican's HTML and reST readers would publish raw markup.
READERS = {"html": None, "htm": None, "rst": None}

PLUGIN_PATHS = ["plugins"]
# Each plugin declares which plugins must stand before it (REQUIRES, AFTER in its __init__.py);
# reading the settings (sinn_core/settings.py) refuses an order that breaks one, naming the plugin.
PLUGINS = [
    "sinn_parallel_writing",
    "sinn_vocabularies",
    "sinn_content_contract",
    "sinn_stories",
    "sinn_actors",
    "sinn_model",
    "sinn_cross_references",
    "sinn_listings",
    "sinn_languages",
    "sinn_structured_data",
    "sinn_press",
    "sinn_open_data",
    "sinn_numbers",
    "sinn_feeds",
    "sinn_redirects",
    "sinn_sitemap",
    "sinn_hosting",
    "sinn_templating",
    "sinn_images",
    "sinn_web_editor",
    "sinn_search_index",
]

# Everything a template prints is escaped unless marked safe (content HTML is). A build makes a new
# environment, so templates need no check for changes on each of the 40,000 includes of a big build.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "auto_reload": False}

# URL contract with the press: these paths never change. Every address pattern (ARTICLE_URL, ACTORS_URL,
# LISTINGS_THEME_URL, PRESS_URL …) is declared once, in the address map (plugins/sinn_core/addresses.py);
# set one here only to change it. A file's slug is its name.
SLUGIFY_SOURCE = "basename"
# The feeds plugin writes feeds/geschichten.atom.xml and one feed per theme and region instead.
FEED_ALL_ATOM = None
# Feeds, canonical links and link previews need absolute addresses; locally they point at the preview server.
FEED_DOMAIN = "http://127.0.0.1:8000"

# Pelican's own listings are replaced by the listings plugin (themes, regions, archive).
DIRECT_TEMPLATES = []
INDEX_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
DEFAULT_PAGINATION = False

# Markdown options: sinn_content_contract/rendering.py (MARKDOWN), shared by the build and the checker.

# Local preview shows drafts, marked "Entwurf"; publishconf.py turns this off.
STORIES_SHOW_DRAFTS = True

# The repository, for each story's link to its change history ({REPO_URL}/commits/{REPO_BRANCH}/content/stories/…);
# empty: no link. SINN_REPO_URL wins; in GitHub Actions the repository the workflow runs in is used.
_ACTIONS_REPO = os.environ.get("GITHUB_REPOSITORY", "")
REPO_URL = os.environ.get("SINN_REPO_URL") or (
    f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{_ACTIONS_REPO}" if _ACTIONS_REPO else ""
)

# The web editor at /admin/ (sinn_web_editor) saves into this GitHub repository ("organisation/name"), through
# pull requests into main. Set it once here, or as SINN_WEB_EDITOR_REPO; in GitHub Actions the repository the
# workflow runs in is used. Empty: /admin/ says that it is not set up yet.
WEB_EDITOR_REPO = os.environ.get("SINN_WEB_EDITOR_REPO") or _ACTIONS_REPO
# Sign-in with one click needs an OAuth client (README, Web-Editor); without one, editors sign in with a token.
WEB_EDITOR_AUTH_URL = os.environ.get("SINN_WEB_EDITOR_AUTH_URL", "")

# Contacts on /presse/. Placeholders, like those in the imprint: replace before the launch.
PRESS_CONTACTS = [
    {"name": "Redaktion der Plattform", "role": "Presse- und Öffentlichkeitsarbeit", "email": "presse@example.org", "phone": "+49 351 000000-0"},
]
