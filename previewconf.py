"""Settings for the preview of a pull request: the public build (publishconf.py), and on top of it

- drafts, marked "Entwurf" (as in the local preview);
- a "Vorschau" banner on every page, linking to the pull request (components/preview.html);
- robots kept out: <meta name="robots" content="noindex, nofollow"> on every page, a robots.txt
  that disallows everything (no sitemap named), X-Robots-Tag in _headers (covers feeds and data too).

The address comes from SINN_SITEURL, e.g. https://<organisation>.github.io/vorschau/pr-12 (a sub-path
works); without it http://localhost:8000, for a preview served from the downloaded artifact.
SINN_PULL_REQUEST is the pull request's number (the banner links to it when REPO_URL is known).
"""

import os
import re
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from publishconf import *  # noqa: F403

SITEURL = (os.environ.get("SINN_SITEURL") or "http://localhost:8000").rstrip("/")
FEED_DOMAIN = SITEURL

STORIES_SHOW_DRAFTS = True
PULL_REQUEST_PREVIEW = True
_NUMBER = os.environ.get("SINN_PULL_REQUEST", "")
PULL_REQUEST_URL = f"{REPO_URL}/pull/{_NUMBER}" if REPO_URL and re.fullmatch(r"[0-9]{1,9}", _NUMBER) else ""  # noqa: F405
SITEMAP_DISALLOW_ALL = True
# No web editor in a preview: it carries the pull request's code, and editors sign in only on the public site.
WEB_EDITOR_ENABLED = False
# The public site's extra headers (sinn_hosting's defaults) and one more; a test keeps them in step.
HOSTING_EXTRA_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "X-Robots-Tag": "noindex, nofollow"}
