"""One Markdown rendering for the build and the checker, so both judge the very HTML that is published.

The options are the site's MARKDOWN setting without the meta extension (front matter is YAML and
read elsewhere). One Markdown instance per process and set of options: creating one costs more
than rendering a story, and the checker renders thousands of files in forked workers.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging

from markdown import Markdown

logger = logging.getLogger(__name__)

META = "markdown.extensions.meta"
# The site's Markdown options, here and nowhere else: the HTML allowlist depends on them (tables align with
# `align`, not `style`, which the allowlist and the CSP refuse; footnotes link back in German). A settings
# file may still set MARKDOWN; one that leaves Pelican's own default gets these (fill_settings).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {
            "footnotes": {"BACKLINK_TITLE": "Zurück zur Stelle im Text (Fußnote {})"},
            "tables": {"use_align_attribute": True},
        },
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

_instances: dict[str, Markdown] = {}


def fill_settings(settings) -> None:
    """Put the site's Markdown options into settings that have none or only Pelican's default."""
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415 - only where settings are filled

    if settings.get("MARKDOWN") in (None, DEFAULT_CONFIG["MARKDOWN"]):
        settings["MARKDOWN"] = copy.deepcopy(MARKDOWN)


def markdown_options(settings) -> dict:
    """The keyword arguments for Markdown(): the settings' MARKDOWN (or the default), every configured extension, no meta."""
    options = copy.deepcopy((settings or {}).get("MARKDOWN") or MARKDOWN)
    configs = options.setdefault("extension_configs", {})
    # Pelican loads every extension named in extension_configs; Markdown() itself only those in `extensions`.
    extensions = list(options.get("extensions", []))
    extensions += [name for name in configs if name not in extensions]
    options["extensions"] = [name for name in extensions if name != META]
    configs.pop(META, None)
    return options


# Texts already rendered and cleaned in this process (or handed back by the checker's workers), so the
# build does not render again what the checker rendered a moment before: same options and text, same HTML.
_cleaned: dict[tuple[str, bytes], str] = {}


def options_key(settings) -> str:
    """The Markdown options of these settings as text: one part of a rendering's key."""
    # By the setting's own text: markdown_options() copies the whole setting, thousands of times in a cold build.
    given = json.dumps((settings or {}).get("MARKDOWN") or MARKDOWN, sort_keys=True, default=repr)
    key = _options_keys.get(given)
    if key is None:
        key = _options_keys[given] = json.dumps(markdown_options(settings), sort_keys=True, default=repr)
    return key


_options_keys: dict[str, str] = {}


def _memo_key(text: str, settings) -> tuple[str, bytes]:
    return options_key(settings), hashlib.sha256(text.encode("utf-8")).digest()


def remember(text: str, settings, cleaned: str) -> None:
    """Note the cleaned HTML of text, as the checker made it, for the build's readers."""
    _cleaned[_memo_key(text, settings)] = cleaned


def cleaned_html(text: str, settings) -> str:
    """The published HTML of a Markdown text: rendered with the site's options and cleaned by the allowlist."""
    from .html_policy import clean  # noqa: PLC0415 - html_policy imports nothing from here, but stays optional for render()

    key = _memo_key(text, settings)
    if key not in _cleaned:
        _cleaned[key] = clean(render(text, settings))
    return _cleaned[key]


def render(text: str, settings) -> str:
    """The HTML Python-Markdown makes of text with the site's options (not yet cleaned)."""
    key = options_key(settings)
    markdown = _instances.get(key)
    if markdown is None:
        markdown = _instances[key] = Markdown(**markdown_options(settings))
    return markdown.reset().convert(text)


__all__ = ["MARKDOWN", "cleaned_html", "fill_settings", "markdown_options", "remember", "render"]
