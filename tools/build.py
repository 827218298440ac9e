"""`make html` / `make publish`: check the content, build into a temporary folder, then swap.

The previous output/ stays untouched unless the whole build succeeds, so a bad merge can
never publish half a site. Exit codes: 0 built, 1 content or build errors, 2 the settings file is
wrong (a value of the wrong type, plugins in the wrong order).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import re
import shutil
import subprocess
import sys
import time

from sinn_core.containment import printable
from sinn_core.parallel import stop_all
from sinn_core.settings import SettingsError, cache_path, load_settings
from tools import staging as staging_folders
from tools import up_to_date

logger = logging.getLogger("sinn.build")

LEVEL_NAMES = {logging.ERROR: "Fehler", logging.CRITICAL: "Fehler", logging.WARNING: "Warnung"}


class BuildError(Exception):
    """The build stopped; the message says why in German."""


class _CountingHandler(logging.Handler):
    """Counts errors logged by Pelican and plugins, so any error fails the build."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


class _Collecting(logging.Handler):
    """Keeps a build's warnings, so a later build that finds nothing changed can say them again."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.lines: list[list] = []

    def emit(self, record):
        self.lines.append([record.levelno, record.getMessage()])


class _Formatter(logging.Formatter):
    def format(self, record):
        # Values from content (titles, aliases, file names) may hold line breaks: one record, one line, so
        # no value can start a line of its own in the CI log (a GitHub workflow command such as ::error::).
        message = printable(record.getMessage())
        name = LEVEL_NAMES.get(record.levelno)
        return f"{name}: {message}" if name and not message.startswith("content/") else message


# Pelican's own messages about a content file, in German: the reader already said what is wrong with it.
PELICAN_MESSAGES = {"Could not process %s": "%s: wird nicht veröffentlicht (Grund in der Meldung davor)."}


class _GermanPelican(logging.Filter):
    def filter(self, record):
        record.msg = PELICAN_MESSAGES.get(record.msg, record.msg)
        return True


def configure_logging(verbose: bool) -> _CountingHandler:
    """Plain German log lines on stderr, and an error counter."""
    root = logging.getLogger()
    root.handlers.clear()
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(_Formatter())
    stream.addFilter(_GermanPelican())
    root.addHandler(stream)
    counter = _CountingHandler()
    root.addHandler(counter)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.setLevel(logging.INFO)
    return counter


def show_problems(report) -> list[str]:
    """Every problem of a checker report on stderr, in file and line order; the lines written."""
    lines = [problem.format() for problem in report.sorted()]
    for line in lines:
        sys.stderr.write(line + "\n")
    return lines


def run_check(settings) -> list[str]:
    """The content checker, exactly as `make check` runs it; the lines it wrote (warnings); BuildError on errors.

    CONTENT_CONTRACT_CHECK = False (a settings file, never content) skips it, so tests can prove that
    the build's own layers contain hostile content without the checker in front of them.
    """
    from sinn_content_contract import check_site  # noqa: PLC0415

    if not settings["CONTENT_CONTRACT_CHECK"]:
        return []
    report = check_site(settings["PATH"], settings).report
    shown = show_problems(report)
    if report.errors:
        raise BuildError(f"{report.summary()} Nichts wurde gebaut; output/ ist unverändert.")
    return shown


# Full collections of the oldest generation during one build: after this many of the middle one (CPython's default: 10).
BUILD_FULL_COLLECTION_AFTER = 1000


@contextlib.contextmanager
def rare_full_collections():
    """Within a build, the collector's full passes only rarely; young garbage is collected as before.

    The site model (3,000 stories and actors, their views) lives until the build ends, and each full
    pass walked all of it: after a one-story edit three passes in the main process took 0.07 to 0.08 s
    each and freed 10 to 440 objects. The thresholds are set back afterwards (the preview runs on).
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], max(thresholds[2], BUILD_FULL_COLLECTION_AFTER))
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def build(settings_file: str, output: str, overrides: dict | None = None, full: bool = False) -> str:
    """Build the site described by settings_file into output; return the output path.

    Unless `full`, a build that finds every input and the output as the last successful build left
    them (tools/up_to_date.py) says so, repeats that build's warnings and writes nothing.
    """
    from pelican import Pelican  # noqa: PLC0415

    output = os.path.abspath(output)
    remove_abandoned(output)
    staging = f"{output}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    counter = next((h for h in logging.getLogger().handlers if isinstance(h, _CountingHandler)), None)
    errors_before = counter.count if counter else 0
    settings = load_settings(settings_file, {"OUTPUT_PATH": staging, **(overrides or {})})
    state = cache_path(settings, "build")
    inputs = up_to_date.inputs_digest(settings_file, settings)
    if not full:
        warnings = up_to_date.unchanged(state, settings_file, output, inputs)
        if warnings is not None:
            for level, message in warnings:  # level 0: a checker line, written as the checker wrote it
                if level:
                    logging.getLogger("sinn.build").log(level, "%s", message)
                else:
                    sys.stderr.write(message + "\n")
            logger.info("Nichts geändert seit dem letzten Build: %s ist aktuell.", os.path.relpath(output))
            return output
    up_to_date.forget(state, settings_file, output)
    collecting = _Collecting()
    logging.getLogger().addHandler(collecting)
    folders = staging_folders.Folders(output, staging)
    try:
        with rare_full_collections():
            collecting.lines += [[0, line] for line in run_check(settings)]
            settings["CONTENT_CONTRACT_CHECK"] = False
            Pelican(settings).run()
        if counter and counter.count > errors_before:
            raise BuildError(f"{counter.count - errors_before} Fehler beim Bauen (siehe oben). output/ ist unverändert.")
        folders.finish()
        _swap(staging, output)
    finally:
        # Before the staging folder goes: no forked helper may write into (and so make again) a removed tree.
        stop_all()  # a run that stopped midway left some at work (the early page writer, the open data)
        folders.wait()
        logging.getLogger().removeHandler(collecting)
        shutil.rmtree(staging, ignore_errors=True)
    up_to_date.record(state, settings_file, output, inputs, collecting.lines)
    return output


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def remove_abandoned(output: str) -> None:
    """Delete staging and retired folders left by builds that were killed (their process is gone)."""
    parent, name = os.path.split(output)
    pattern = re.compile(rf"^{re.escape(name)}\.(?:building|old)-(\d+)$")
    try:
        siblings = os.listdir(parent or ".")
    except OSError:
        return
    for sibling in siblings:
        match = pattern.match(sibling)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            shutil.rmtree(os.path.join(parent, sibling), ignore_errors=True)


def _swap(staging: str, output: str) -> None:
    """Replace output with staging in two renames; the old tree is removed afterwards, in the background."""
    retired = f"{output}.old-{os.getpid()}"
    if os.path.exists(output):
        os.rename(output, retired)
    os.rename(staging, output)
    if os.path.exists(retired):
        remove_in_background(retired)


def remove_in_background(folder: str) -> None:
    """Delete a folder without waiting: a retired site holds tens of thousands of files (seconds of work)."""
    command = [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", folder]
    try:
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Baut die Website.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", help="anderer Inhaltsordner als PATH in den Einstellungen")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--debug", action="store_true", help="bei internen Fehlern den Traceback zeigen")
    parser.add_argument("--full", action="store_true",
                        help="bauen, auch wenn sich seit dem letzten Build nichts geändert hat (Seiten mit unveränderten "
                        "Eingaben kommen weiter aus .cache/pages/; make clean leert alle Zwischenspeicher)")
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    from sinn_content_contract import ContentContractError  # noqa: PLC0415
    from sinn_core.containment import ContentError  # noqa: PLC0415
    started = time.monotonic()
    try:
        output = build(args.settings, args.output, {"PATH": os.path.abspath(args.content)} if args.content else None, full=args.full)
    except SettingsError as error:
        logger.error("Build abgebrochen: %s Nichts wurde gebaut; output/ ist unverändert.", error)
        return 2
    except BuildError as error:
        logger.error("Build abgebrochen: %s", error)
        return 1
    except ContentContractError as error:
        logger.error("Build abgebrochen: %s Nichts wurde gebaut; output/ ist unverändert.", error.report.summary())
        return 1
    except ContentError as error:
        logger.error("Build abgebrochen: %s output/ ist unverändert.", error)
        return 1
    except Exception as error:
        if args.debug:
            raise
        logger.debug("build failed", exc_info=True)
        logger.error("Build abgebrochen: ein unerwarteter Fehler (%s). output/ ist unverändert. Die Meldungen darüber nennen "
                     "die betroffene Datei; sonst bitte dem Technik-Team melden (mit --debug für Details).", error.__class__.__name__)
        return 1
    logger.info("Website gebaut in %s (%.1f s).", os.path.relpath(output), time.monotonic() - started)
    return 0


def exit_now(code: int) -> None:
    """End the process with `code` once every message is out, without tearing the site model down object by object.

    After a build the whole model is still in memory: Python's own exit (a last full collection, then
    every object freed one by one) took 0.3 s after each build; the operating system frees it at once.
    Everything the build writes is closed by then (the output is swapped in, the state recorded).
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
