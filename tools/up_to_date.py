"""Whether a build would change nothing: every input and the output are as the last successful build left them.

The site is a function of its inputs: the content folder, the theme, the plugins and tools, the schema,
the settings as loaded (they read environment variables such as SINN_SITEURL), the installed packages
and the web editor's npm lock, and the day (review dates count from it). After a successful build
`record()` keeps a digest of all of them and of the output folder's files (name, size, modification
time) in .cache/build/; `unchanged()` compares both, so `make html` right after `make html` does no
work, and a hand-edited or half-deleted output/ is built again. How files count: sinn_core/fingerprint.py.

Own code, not a library: this is the build's own notion of its inputs (which folders, which settings),
a few stat calls and one hash; `--full` (`make html FULL=1`) skips it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
from importlib import metadata

from sinn_core.fingerprint import add_tree, days, settings_text, stable
from tools import ROOT

logger = logging.getLogger("sinn.build")

# Code and data of the repository that shape every page besides the content, theme and plugins.
REPOSITORY_INPUTS = ("tools", "schema", "package-lock.json", "requirements.txt")
ENVIRONMENT_PREFIXES = ("SINN_", "PAGEFIND_", "SOURCE_DATE_EPOCH")


def inputs_digest(settings_file: str, settings: dict) -> str:
    """One hash of everything a build reads."""
    digest = hashlib.sha256()
    digest.update(settings_text(settings).encode())
    digest.update(days(settings).encode())
    digest.update(stable({k: v for k, v in os.environ.items() if k.startswith(ENVIRONMENT_PREFIXES)}).encode())
    digest.update(sys.version.encode())
    digest.update(stable(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())).encode())
    folders = [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", [])]
    folders += [os.path.join(os.path.dirname(os.path.abspath(settings_file)), name)
                for name in sorted(os.listdir(os.path.dirname(os.path.abspath(settings_file)))) if name.endswith(".py")]
    folders += [os.path.join(ROOT, name) for name in REPOSITORY_INPUTS]
    folders += [os.path.join(ROOT, name) for name in sorted(os.listdir(ROOT)) if name.endswith(".py")]
    for folder in dict.fromkeys(os.path.abspath(f) for f in folders):
        if os.path.exists(folder):
            add_tree(digest, folder)
    return digest.hexdigest()


def output_digest(output: str) -> str:
    """One hash of the output folder's file names, sizes and modification times ('' if it is missing)."""
    if not os.path.isdir(output):
        return ""
    digest = hashlib.sha256()
    for current, folders, files in os.walk(output):
        folders.sort()
        # The folder's relative path once, not each file's (os.path.relpath for 16,000 files was most of the time).
        relative = os.path.relpath(current, output)
        prefix = "" if relative == os.curdir else relative + os.sep
        for name in sorted(files):
            try:
                stat = os.lstat(os.path.join(current, name))
            except OSError:
                return ""
            digest.update(f"{prefix}{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _state_file(cache: str, settings_file: str, output: str) -> str:
    key = hashlib.sha256(f"{os.path.abspath(settings_file)}\0{os.path.abspath(output)}".encode()).hexdigest()[:16]
    return os.path.join(cache, f"{key}.json")


def unchanged(cache: str, settings_file: str, output: str, inputs: str) -> list[tuple[int, str]] | None:
    """The warnings of the last build, as (log level, text), if nothing changed since it (inputs and output alike), else None."""
    try:
        with open(_state_file(cache, settings_file, output), encoding="utf-8") as handle:
            state = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("inputs") != inputs or state.get("output") != output_digest(output):
        return None
    warnings = state.get("warnings")
    if not isinstance(warnings, list):
        return []
    return [(int(entry[0]), str(entry[1])) for entry in warnings if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int)]


def record(cache: str, settings_file: str, output: str, inputs: str, warnings: list[list]) -> None:
    """Remember this successful build's inputs, output and warnings for the next one."""
    state = {"inputs": inputs, "output": output_digest(output), "warnings": warnings}
    path = _state_file(cache, settings_file, output)
    try:
        os.makedirs(cache, exist_ok=True)
        with open(f"{path}.{os.getpid()}", "w", encoding="utf-8") as handle:
            json.dump(state, handle)
        os.replace(f"{path}.{os.getpid()}", path)
    except OSError as error:  # the next build is a full one
        logger.debug("build state not kept: %s", error)


def forget(cache: str, settings_file: str, output: str) -> None:
    """Drop the record (a build failed or was asked to be full)."""
    with contextlib.suppress(OSError):
        os.remove(_state_file(cache, settings_file, output))
