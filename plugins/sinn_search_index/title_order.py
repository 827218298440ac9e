"""The order of every indexed page by title, for lists a reader filters without a search word.

Pagefind can sort by title itself, but it then stores a rank for every page in the file each
search loads first (6 KB with gzip for 3,000 pages, on every phone, for every query). Lists in
title order are only needed when a reader filters without typing a word, so the order lives in
a file of its own that the search page fetches just then. Titles are compared the way the actor
directory sorts them ("Ä" with "A", case ignored), which Pagefind does not.

The titles come from the fragments (gzip, JSON). Pagefind names a fragment by a hash of its content,
so a name seen in the last build has the same title and address: those are kept in the search
cache (`memo`) and only new fragments are read (3,000 fragments cost 0.25 s of every build).
"""

from __future__ import annotations

import contextlib
import json
import os

from sinn_core.files import write_atomic
from sinn_core.text import german_sort_key

from .stable import payload

ORDER_FILE = "titel-reihenfolge.json"


def _known(memo: str | None) -> dict[str, list[str]]:
    """The titles and addresses of the last build's fragments, by page id ({} if there are none to trust)."""
    try:
        with open(memo, encoding="utf-8") as handle:
            known = json.load(handle)
    except (TypeError, OSError, ValueError):
        return {}
    valid = isinstance(known, dict) and all(isinstance(entry, list) and len(entry) == 2 and all(isinstance(part, str) for part in entry)
                                            for entry in known.values())
    return known if valid else {}


def write_title_order(bundle: str, memo: str | None = None) -> int:
    """Write ORDER_FILE (the page ids Pagefind's results carry, in title order); return how many."""
    folder = os.path.join(bundle, "fragment")
    known, current, entries = _known(memo), {}, []
    for name in sorted(os.listdir(folder)):
        page_id, extension = os.path.splitext(name)
        if extension != ".pf_fragment":
            continue
        if page_id not in known:
            fragment = json.loads(payload(os.path.join(folder, name)))
            known[page_id] = [fragment.get("meta", {}).get("title", ""), fragment.get("url", "")]
        title, url = current[page_id] = known[page_id]
        entries.append((german_sort_key(title), title, url, page_id))
    entries.sort()
    with open(os.path.join(bundle, ORDER_FILE), "w", encoding="utf-8") as handle:
        json.dump([entry[3] for entry in entries], handle, separators=(",", ":"))
    if memo:
        with contextlib.suppress(OSError):  # the next build reads every fragment
            write_atomic(memo, json.dumps(current, ensure_ascii=False, separators=(",", ":")))
    return len(entries)
