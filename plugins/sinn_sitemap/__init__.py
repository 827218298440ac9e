"""sitemap.xml (with lastmod from each page's dates) and robots.txt pointing to it.

Own code rather than pelican-sitemap: that plugin stamps every listing page with the build
time, which would make two builds of the same commit differ. Settings: SITEMAP_EXCLUDE,
URL prefixes never listed (default: none besides 404.html and pages marked noindex);
SITEMAP_DISALLOW_ALL (default False; the preview of a pull request sets it): robots.txt keeps every
robot out of the whole site and names no sitemap; SITEMAP_DISALLOW, folders robots may not visit and
the sitemap never lists (settings in braces; default the web editor's "{WEB_EDITOR_URL}").
"""

import os
from urllib.parse import urlsplit

from pelican import signals

from sinn_core.addresses import AddressMap
from sinn_core.run_state import RunState, current_settings
from sinn_core.settings import fill_in

from .files import lastmod_of, page_url, robots_txt, sitemap_xml

DEFAULTS = {"SITEMAP_EXCLUDE": (), "SITEMAP_DISALLOW_ALL": False, "SITEMAP_DISALLOW": ("{WEB_EDITOR_URL}",)}
# Pages are noted as they are written: sinn_parallel_writing writes them at `finalized`, before write_files.
AFTER = ("sinn_parallel_writing",)
# The address and lastmod of every page of a run; `content_written` does not carry the settings.
_entries = RunState(lambda _settings: {})
# What a run's sitemap leaves out: the error page's address and the excluded and disallowed prefixes (asked per page).
_left_out = RunState(lambda settings: (AddressMap(settings).fixed("LISTINGS_NOT_FOUND_URL").url,
                                       (*settings["SITEMAP_EXCLUDE"], *_disallowed(settings))))


def fill_defaults(pelican):
    """Fill in this plugin's settings."""
    fill_in(pelican.settings, DEFAULTS)


def remember_page(path, context):
    """Note every HTML page as it is written."""
    if not path.endswith(".html") or context.get("noindex"):
        return
    settings = current_settings()
    not_found, prefixes = _left_out.of(settings)
    url = page_url(path, context["OUTPUT_PATH"])
    # The error page is written like a page but is none.
    if url == not_found or url.startswith(prefixes):
        return
    _entries.of(settings)[url] = lastmod_of(context)


def _disallowed(settings) -> tuple[str, ...]:
    """The site-relative folders of SITEMAP_DISALLOW ("admin/")."""
    return tuple(name.format_map(settings).strip("/") + "/" for name in settings["SITEMAP_DISALLOW"])


def write_files(pelican):
    """Write sitemap.xml and robots.txt once every page is written."""
    siteurl = pelican.settings["SITEURL"]
    addresses = AddressMap(pelican.settings)
    sitemap, robots = addresses.fixed("SITEMAP_URL"), addresses.fixed("ROBOTS_URL")
    with open(os.path.join(pelican.output_path, sitemap.save_as), "w", encoding="utf-8") as handle:
        handle.write(sitemap_xml(_entries.get(pelican.settings, {}), siteurl))
    with open(os.path.join(pelican.output_path, robots.save_as), "w", encoding="utf-8") as handle:
        base = urlsplit(siteurl).path.rstrip("/")
        disallow = [f"{base}/{folder}" for folder in _disallowed(pelican.settings)]
        handle.write(robots_txt(siteurl, sitemap.url, disallow_all=pelican.settings["SITEMAP_DISALLOW_ALL"], disallow=disallow))


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.content_written.connect(remember_page)
    signals.finalized.connect(write_files)
