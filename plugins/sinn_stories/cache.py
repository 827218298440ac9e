"""Where Pelican keeps read stories between builds, so an unchanged file is not parsed again.

Pelican's reader cache knows only each file's time stamp. What else changes a story's HTML (the
public address, whether drafts are shown, the Markdown settings, this plugin's own code) goes
into the folder name, so a build never reuses HTML that another configuration produced.
"""

from __future__ import annotations

import hashlib
import json
import os

from sinn_content_contract import html_policy, rendering
from sinn_core import text
from sinn_core.settings import cache_path

_HERE = os.path.dirname(os.path.abspath(__file__))
# The reader, and the rendering and HTML allowlist it shares with the checker.
_CODE = [os.path.join(_HERE, "reader.py"), text.__file__, rendering.__file__, html_policy.__file__]


def reader_cache_path(settings) -> str:
    """A cache folder beside the content folder, one per configuration that changes the output."""
    code = b"".join(open(path, "rb").read() for path in _CODE)  # noqa: SIM115 - four small files
    variant = json.dumps(
        [settings["SITEURL"], settings["STORIES_SHOW_DRAFTS"], settings["MARKDOWN"]],
        sort_keys=True, default=str,
    ).encode()
    digest = hashlib.sha256(variant + code).hexdigest()[:16]
    return os.path.join(cache_path(settings, "pelican"), digest)
