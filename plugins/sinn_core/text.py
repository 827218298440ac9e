"""German text helpers: the sort order a German reader expects, and links that work from every address.

Not a plugin itself; the actors, the story reader and the search index import it. Own code rather
than a library: PyICU would give a full German collation, but as a compiled dependency for one
sort key; folding umlauts (the DIN 5007 rule for names) and case is what the lists need.
"""

from __future__ import annotations

import re

_SORT_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src))="/(?!/)')


def german_sort_key(text: str) -> str:
    """A sort key that puts Ä with A and ignores case, as a German reader expects."""
    return text.casefold().translate(_SORT_FOLD)


def absolute_links(html: str, siteurl: str) -> str:
    """Prefix root-relative href/src with SITEURL, so links survive feeds, copies and sub-path hosting."""
    if not siteurl:
        return html
    return _ROOT_RELATIVE.sub(lambda match: f'{match.group(1)}="{siteurl}/', html)
