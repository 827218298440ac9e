"""The web editor at /admin/: Sveltia CMS, served by the site itself, with a form generated from the content contract.

Editors sign in with GitHub, fill in a story or an actor profile, upload a photo (scaled to at most
WEB_EDITOR_IMAGE_MAX_SIZE pixels and re-encoded as WebP in the browser, so no GPS position reaches
git) and save; saving opens a pull request (editorial workflow), which the checker and the preview
treat like any other. The build writes, into the address map's WEB_EDITOR_URL folder:

- config.yml: generated from schema/*.schema.json and content/data/*.yml on every build (config.py,
  fields.py): a field per schema property with the matching widget, required fields, the schema's
  descriptions as hints, the vocabularies as select lists, the actor profiles as a relation;
- index.html with the folder's own policy (sinn_hosting, HOSTING_CSP_BY_PATH) and noindex (page.py);
- the CMS from node_modules with its fonts and translations, rewritten to need no other host (bundle.py),
  and editor.js (static/editor.js).

Without the CMS in node_modules (`npm ci` not run) or without a repository, the folder holds a page
that says so, and the build says it too (German warning); the rest of the site is built as always.
The folder stays out of the sitemap and robots' way (sinn_sitemap, SITEMAP_DISALLOW), the search
(Pagefind indexes only pages marked data-pagefind-body) and the feeds.

Settings:
- WEB_EDITOR_ENABLED (bool, True): write the folder at all.
- WEB_EDITOR_BACKEND (str, "github"): "test-repo" keeps everything in the browser (tests, screenshots).
- WEB_EDITOR_REPO (str, ""): the GitHub repository as "organisation/name"; pelicanconf.py takes it from
  SINN_WEB_EDITOR_REPO or, in GitHub Actions, from the repository the workflow runs in.
- WEB_EDITOR_BRANCH (str, "main"): the branch pull requests go into.
- WEB_EDITOR_AUTH_URL (str, ""): the address of an OAuth client for "Mit GitHub anmelden" (e.g. Sveltia CMS
  Authenticator); empty: editors sign in with a personal access token (README, Web-Editor).
- WEB_EDITOR_OPEN_AUTHORING (bool, True): people without write access propose through their own fork.
- WEB_EDITOR_CONTENT (str, "content"): the content folder, relative to the repository.
- WEB_EDITOR_MEDIA (dict): x-format → folder below the content folder that uploads go to.
- WEB_EDITOR_WIDGETS (dict): kind → {field path: widget} where the schema cannot say (an actor's
  description is Markdown).
- WEB_EDITOR_DEFAULTS (dict): kind → {field path: value of a new entry}; new stories start as drafts, dated today.
- WEB_EDITOR_IMAGE_MAX_SIZE (int, 2560) and WEB_EDITOR_IMAGE_QUALITY (int, 85): scaling and WebP quality
  of uploaded photos (the checker warns above 2560 pixels).
- WEB_EDITOR_NODE_MODULES (str or None): where node_modules lies; None: beside plugins/.
"""

import logging
import os
import shutil

from pelican import signals

from sinn_core.addresses import AddressMap
from sinn_core.files import write_atomic
from sinn_core.settings import defaults_receiver
from sinn_vocabularies import vocabularies_for

from .bundle import BundleError, install
from .config import config_yaml, editor_config
from .page import editor_page, note_page

logger = logging.getLogger(__name__)

DEFAULTS = {
    "WEB_EDITOR_ENABLED": True,
    "WEB_EDITOR_BACKEND": "github",
    "WEB_EDITOR_REPO": "",
    "WEB_EDITOR_BRANCH": "main",
    "WEB_EDITOR_AUTH_URL": "",
    "WEB_EDITOR_OPEN_AUTHORING": True,
    "WEB_EDITOR_CONTENT": "content",
    "WEB_EDITOR_MEDIA": {"image": "images/stories", "logo": "images/actors", "file": "files"},
    "WEB_EDITOR_WIDGETS": {"actor": {"description": "markdown"}},
    "WEB_EDITOR_DEFAULTS": {"story": {"status": "draft", "date": "{{now}}"}},
    "WEB_EDITOR_IMAGE_MAX_SIZE": 2560,
    "WEB_EDITOR_IMAGE_QUALITY": 85,
    "WEB_EDITOR_NODE_MODULES": None,
}
TYPES = {"WEB_EDITOR_NODE_MODULES": str | None}
# The page takes its folder's policy from sinn_hosting; the select lists come from the vocabularies.
REQUIRES = ("sinn_vocabularies", "sinn_hosting")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
NO_REPOSITORY = (
    "Es ist kein GitHub-Repository eingetragen. Einmalig WEB_EDITOR_REPO in pelicanconf.py setzen "
    '(z. B. "organisation/schaufenster") oder die Umgebungsvariable SINN_WEB_EDITOR_REPO; in GitHub Actions '
    "gilt von selbst das Repository des Workflows."
)

fill_defaults = defaults_receiver(DEFAULTS)


def write_editor(pelican):
    """Write the web editor's folder: the CMS with its generated configuration, or a page that says what is missing."""
    settings = pelican.settings
    if not settings["WEB_EDITOR_ENABLED"]:
        return
    folder = AddressMap(settings).fixed("WEB_EDITOR_URL").url
    target = os.path.join(pelican.output_path, folder)
    os.makedirs(target, exist_ok=True)
    if settings["WEB_EDITOR_BACKEND"] == "github" and not settings["WEB_EDITOR_REPO"]:
        # Usual for a local build: nothing to warn about, the page itself explains it.
        logger.info("Web-Editor: %s", NO_REPOSITORY)
        write_atomic(os.path.join(target, "index.html"), note_page(settings, folder, NO_REPOSITORY))
        return
    try:
        install(settings["WEB_EDITOR_NODE_MODULES"] or os.path.join(ROOT, "node_modules"), target)
    except BundleError as error:
        logger.warning("%s", error)
        write_atomic(os.path.join(target, "index.html"), note_page(settings, folder, str(error)))
        return
    config, uploads = editor_config(settings, vocabularies_for(settings))
    write_atomic(os.path.join(target, "config.yml"), config_yaml(config))
    shutil.copyfile(os.path.join(STATIC, "editor.js"), os.path.join(target, "editor.js"))
    write_atomic(os.path.join(target, "index.html"), editor_page(settings, folder, uploads))


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.finalized.connect(write_editor)
