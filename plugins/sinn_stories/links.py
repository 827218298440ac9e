"""Links editors write as site paths (/geschichten/x/) become full addresses on the public site."""

from __future__ import annotations

import re

_ROOT_RELATIVE = re.compile(r'(\s(?:href|src))="/(?!/)')


def absolute_links(html: str, siteurl: str) -> str:
    """Prefix root-relative href/src with SITEURL, so links survive feeds, copies and sub-path hosting."""
    if not siteurl:
        return html
    return _ROOT_RELATIVE.sub(lambda match: f'{match.group(1)}="{siteurl}/', html)
