"""The order of every indexed page by title, for lists a reader filters without a search word.

Pagefind can sort by title itself, but it then stores a rank for every page in the file each
search loads first (6 KB with gzip for 3,000 pages, on every phone, for every query). Lists in
title order are only needed when a reader filters without typing a word, so the order lives in
a file of its own that the search page fetches just then. Titles are compared the way the actor
directory sorts them ("Ä" with "A", case ignored), which Pagefind does not.
"""

from __future__ import annotations

import json
import os

from sinn_core.text import german_sort_key

from .stable import payload

ORDER_FILE = "titel-reihenfolge.json"


def write_title_order(bundle: str) -> int:
    """Write ORDER_FILE (the page ids Pagefind's results carry, in title order); return how many."""
    folder = os.path.join(bundle, "fragment")
    entries = []
    for name in sorted(os.listdir(folder)):
        page_id, extension = os.path.splitext(name)
        if extension != ".pf_fragment":
            continue
        fragment = json.loads(payload(os.path.join(folder, name)))
        title = fragment.get("meta", {}).get("title", "")
        entries.append((german_sort_key(title), title, fragment.get("url", ""), page_id))
    entries.sort()
    with open(os.path.join(bundle, ORDER_FILE), "w", encoding="utf-8") as handle:
        json.dump([entry[3] for entry in entries], handle, separators=(",", ":"))
    return len(entries)
