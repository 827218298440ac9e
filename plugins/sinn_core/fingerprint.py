"""Hashes of what a build reads: settings without memory addresses, and folders of files.

Used where a result may be reused when its inputs are unchanged (the whole build in
tools/up_to_date.py, each file's check in sinn_content_contract/check_memo.py). Text files count by
their bytes; files over LARGE_FILE bytes (photos) by size, modification time and inode, as make
would: hashing half a gigabyte of photos on every build would cost more than the reuse saves.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import sys
import zoneinfo

LARGE_FILE = 256 * 1024
SKIPPED_FOLDERS = {"__pycache__", ".git", ".pytest_cache", ".ruff_cache", "node_modules", ".cache"}


def stable(value) -> str:
    """A repr without memory addresses, so two loads of the same settings give the same text."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{stable(k)}:{stable(v)}" for k, v in sorted(value.items(), key=lambda item: repr(item[0]))) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(map(stable, value)) if isinstance(value, (set, frozenset)) else map(stable, value)
        return type(value).__name__ + "[" + ",".join(items) + "]"
    if callable(value) or isinstance(value, type(sys)):
        inner = getattr(value, "func", None)  # functools.partial
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
        return f"<{name}{stable(inner) if inner else ''}{stable(getattr(value, 'args', ()))}>"
    return repr(value)


# Settings that name where one run writes (its staging folder): they differ on every run and change no page.
RUN_SETTINGS = frozenset({"OUTPUT_PATH"})


def settings_text(settings: dict, ignored=frozenset()) -> str:
    """The settings as stable text, without those of one run and those in `ignored`."""
    return stable({k: v for k, v in settings.items() if k not in RUN_SETTINGS and k not in ignored})


def add_tree(digest, folder: str) -> None:
    """Every file below folder (or the file itself) into the digest: its path, and its bytes (or size, time and inode if large)."""
    if not os.path.isdir(folder):
        try:
            add_file(digest, folder, os.lstat(folder))
        except OSError:
            digest.update(f"?{folder}".encode())
        return
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in SKIPPED_FOLDERS)
        for name in sorted(files):
            path = os.path.join(current, name)
            try:
                add_file(digest, path, os.lstat(path))
            except OSError:
                digest.update(f"?{path}".encode())


def add_file(digest, path: str, stat) -> None:
    """One file into the digest (see the module's docstring)."""
    digest.update(f"\0{path}\0{stat.st_mode}\0{stat.st_size}".encode())
    if stat.st_size > LARGE_FILE or not os.path.isfile(path) or os.path.islink(path):
        digest.update(f"{stat.st_mtime_ns}\0{stat.st_ino}".encode())
        return
    with open(path, "rb") as handle:
        digest.update(hashlib.sha1(handle.read(), usedforsecurity=False).digest())


def file_digest(path: str) -> str:
    """The hash of one file as add_file counts it."""
    digest = hashlib.sha256()
    add_file(digest, path, os.lstat(path))
    return digest.hexdigest()


# The plugins' folder: their code is part of every memo's key (run_digest, the page and check memos).
PLUGINS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_digest(settings: dict) -> str:
    """What a memo's entries of one run share: the settings, the day and the plugins' code."""
    digest = hashlib.sha256()
    digest.update(settings_text(settings).encode())
    digest.update(days(settings).encode())
    add_tree(digest, PLUGINS)
    return digest.hexdigest()


def days(settings: dict) -> str:
    """Every notion of "today" a page may show: the machine's, UTC's, the site's time zone's, SOURCE_DATE_EPOCH.

    The numbers page counts on the site's day, citations on UTC's, review dates on the machine's:
    between them a build an hour after midnight in Saxony is a new day for some pages.
    """
    now = datetime.datetime.now(datetime.UTC)
    try:
        site = now.astimezone(zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        site = None
    return f"{datetime.date.today()}|{now.date()}|{site}|{os.environ.get('SOURCE_DATE_EPOCH', '')}"
