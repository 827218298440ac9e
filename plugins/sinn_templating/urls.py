"""Absolute addresses for things that leave the site: canonical links, previews, feeds, data files."""

from __future__ import annotations


def absolute_base(settings) -> str:
    """The address the site is reached at, without a trailing slash; "" when no absolute one is known.

    The public build has SITEURL; the local build has SITEURL "" and uses FEED_DOMAIN (the preview
    server), so canonical links, previews and feeds are absolute in both builds.
    """
    for name in ("SITEURL", "FEED_DOMAIN"):
        value = str(settings.get(name) or "")
        if value.startswith(("https://", "http://")):
            return value.rstrip("/")
    return ""


def absolute_url(base: str, path: str) -> str:
    """base + "/" + path, for a root-relative or site-relative path; absolute URLs stay as they are."""
    if path.startswith(("https://", "http://")):
        return path
    return f"{base}/{path.lstrip('/')}"


def history_url(settings, story) -> str:
    """Where the changes to a story's file can be read: REPO_URL/commits/REPO_BRANCH/content/…; "" without REPO_URL."""
    repository = settings["REPO_URL"].rstrip("/")
    source = getattr(story, "relative_source_path", "")
    if not repository or not source:
        return ""
    folder = settings["REPO_CONTENT_FOLDER"].strip("/")
    branch = settings["REPO_BRANCH"]
    return f"{repository}/commits/{branch}/{folder}/{source.replace(chr(92), '/')}"
