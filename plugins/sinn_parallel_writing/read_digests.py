"""What each read of the last build's pages was worth, so a build finds the changed reads once, not once per page.

The page memo (page_memo.py) keeps with every page what it read: names of its context, attributes of
stories, actors and pages ("a"), objects read whole ("o") and objects handed to a Python function
("d"). A page may come from the last build when none of these reads has another value now.
Computing each page's key again, read by read, cost 0.3 to 0.5 ms per page after a one-story edit,
most of it digests of the same stories' attributes computed again in each of the three processes
that check pages. Now the digest of every read the last build's pages made is kept beside the
manifest (READS); a build evaluates each read once per process, before or while the pages are
checked, and a page is reusable when none of its object reads changed and its names give the
digest they gave.

Which object a read means is looked up by the file's path in the model of this build (`registry`),
as the reads are evaluated; a page that read another object of the same path (a second rendition
of one photo) is never reused (its names digest is None), as the key of a page that read it could
not be computed again before either. A read whose value differs between processes, cannot be
computed or is missing from the table counts as changed: a wrong reuse is the failure to avoid.

Own code: the values are the model's own objects (page_memo.py's fingerprints); no caching library
knows them.
"""

from __future__ import annotations

import hashlib
import pickle

from sinn_core.files import read_pickled, write_atomic

READS = ".reads"  # beside a manifest: the digests of the reads its pages made
KINDS = ("a", "o", "d")
SHORT = 40  # longer digests (an attribute's text, such as a story's body) are kept as their SHA-1


def short(text: str) -> str:
    """A digest to keep: the text itself when short, else its hash (only equality is ever asked)."""
    return text if len(text) <= SHORT else hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def empty() -> dict:
    """A table with no reads."""
    return {kind: {} for kind in KINDS}


def load(manifest: str, manifest_digest: str | None) -> dict:
    """The reads table kept beside `manifest` if it was written with that very manifest (else every read counts as changed).

    A build that stopped between writing the two, or another build sharing the cache, may have left
    a table of other pages' values beside it: the table names the manifest it belongs to.
    """
    table = read_pickled(manifest + READS) if manifest_digest else None
    if (not isinstance(table, dict) or table.get("manifest") != manifest_digest
            or any(not isinstance(table.get(kind), dict) for kind in KINDS)):
        return empty()
    return table


def save(manifest: str, manifest_digest: str, table: dict) -> None:
    """Keep a table beside the manifest it belongs to."""
    write_atomic(manifest + READS, pickle.dumps({"manifest": manifest_digest, **table}, protocol=pickle.HIGHEST_PROTOCOL))


def merged(tables: list[dict]) -> dict:
    """One table of several processes' (None where two disagree: every page that read it renders next time)."""
    result = empty()
    for table in tables:
        for kind in KINDS:
            target = result[kind]
            for read, digest in table.get(kind, {}).items():
                if target.setdefault(read, digest) != digest:
                    target[read] = None
    return result


def needed(table: dict, records: dict) -> dict:
    """The part of a table the pages of `records` read (older reads are dropped)."""
    wanted = {kind: set() for kind in KINDS}
    for entry in records.values():
        _names, attributes, whole, deep = entry[2]
        wanted["a"].update(attributes)
        wanted["o"].update(whole)
        wanted["d"].update(deep)
    return {kind: {read: digest for read, digest in table[kind].items() if read in wanted[kind] and digest is not None}
            for kind in KINDS}


class ReadDigests:
    """The last build's table, the reads evaluated in this process and which of them changed."""

    def __init__(self, previous: dict, digest):
        self.previous = previous
        self.now = empty()  # this process's digests, for the next build's table
        self._changed: dict[str, dict] = {kind: {} for kind in KINDS}  # read → whether it changed
        self._digest = digest  # (kind, path, attribute) → the read's digest now, None if it cannot be told

    def changed(self, kind: str, read) -> bool:
        """Whether a read has another value now than when the last build's pages made it."""
        known = self._changed[kind].get(read)
        if known is None:
            path, attribute = read if kind == "a" else (read, "")
            try:
                digest = self._digest(kind, path, attribute)
            except Exception:  # noqa: BLE001 - a value that cannot be described renders the page
                digest = None
            if digest is not None:
                self.keep(kind, read, digest)
            known = self._changed[kind][read] = digest is None or digest != self.previous[kind].get(read)
        return known

    def evaluate(self, reads: tuple, attributes_only: bool = False) -> None:
        """Evaluate a page's object reads now (in a process whose forks then inherit the results).

        `attributes_only`: the attributes but its view (the objects' digests may come from another process).
        """
        _names, attributes, whole, deep = reads
        changed = self.changed
        if attributes_only:
            for read in attributes:
                if read[1] != "view":
                    changed("a", read)
            return
        for kind, items in (("a", attributes), ("o", whole), ("d", deep)):
            for read in items:
                changed(kind, read)

    def any_changed(self, reads: tuple) -> bool:
        """Whether any object read of a page (its attributes, whole and deep reads) changed."""
        _names, attributes, whole, deep = reads
        changed = self.changed
        return (any(changed("a", read) for read in attributes) or any(changed("o", read) for read in whole)
                or any(changed("d", read) for read in deep))

    def keep(self, kind: str, read, digest: str) -> None:
        """A read a page rendered now made, for the next build's table."""
        known = self.now[kind].setdefault(read, digest)
        if known != digest:  # two objects of one path met in one process: nobody can tell which one a page meant
            self.now[kind][read] = None
