"""The web editor's page, /admin/index.html: the CMS, or a German note when it cannot run here.

Not a theme page: the CMS draws its own interface. The page carries its folder's policy (sinn_hosting,
HOSTING_CSP_BY_PATH) first in <head>, keeps robots out, and loads two scripts from its own folder:
editor.js (see there), then the CMS. Addresses are relative, so the editor works under a sub-path
too; the CMS finds config.yml beside the page.
"""

from __future__ import annotations

import json
from html import escape

from sinn_hosting import content_security_policy, policy_for

from .config import site_icon

HEAD = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="referrer" content="{referrer}">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{icon}" type="image/svg+xml">
</head>
"""


def _head(settings, folder: str, title: str) -> str:
    policy = content_security_policy(policy_for(settings, folder), meta=True)
    # The site's icon before the CMS sets its own: without one, the browser asked for /favicon.ico, which the site has not.
    return HEAD.format(policy=escape(policy), referrer=escape(settings["HOSTING_REFERRER_POLICY"]), title=escape(title),
                       icon=escape(site_icon(settings)))


def editor_page(settings, folder: str, uploads: dict[str, list[str]]) -> str:
    """The page that starts the CMS; `uploads` tells editor.js which fields hold paths relative to content/."""
    title = f"Web-Editor – {settings['SITENAME']}"
    data = escape(json.dumps(uploads, sort_keys=True, separators=(",", ":")))
    return (
        _head(settings, folder, title)
        + "<body>\n<noscript>Der Web-Editor braucht JavaScript. Bitte in den Einstellungen des Browsers einschalten.</noscript>\n"
        + f'<script src="editor.js" data-uploads="{data}"></script>\n<script src="sveltia-cms.js"></script>\n</body>\n</html>\n'
    )


def note_page(settings, folder: str, reason: str) -> str:
    """A page in place of the CMS that says why it is missing and what to do (for the operator; editors see it too)."""
    title = f"Web-Editor – {settings['SITENAME']}"
    return (
        _head(settings, folder, title)
        + f"<body>\n<main>\n<h1>Web-Editor nicht eingerichtet</h1>\n<p>{escape(reason)}</p>\n"
        + "<p>Bis dahin: Geschichten und Akteure wie in CONTRIBUTING.md beschrieben im GitHub-Repository bearbeiten.</p>\n"
        + "</main>\n</body>\n</html>\n"
    )
