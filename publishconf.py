"""Settings for the public site: `make publish`. Everything else comes from pelicanconf."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

# The public address; links and feeds use it. Override with SINN_SITEURL for a preview host
# (an empty value, as CI passes an unset repository variable, keeps the default).
SITEURL = os.environ.get("SINN_SITEURL") or "https://www.sinn-sachsen.de"
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# Drafts are never read for the public site: not in pages, listings, feeds or sitemap.
STORIES_SHOW_DRAFTS = False
