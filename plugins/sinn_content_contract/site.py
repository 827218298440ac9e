"""Checking a whole content folder: every story, actor and page, one by one; paths.py checks how they fit."""

from __future__ import annotations

import datetime
import logging
import os
from dataclasses import dataclass, field
from functools import partial

from sinn_core.parallel import cores, fork_map
from sinn_core.settings import defaults_of
from sinn_images.cache import cache_root as image_cache_root
from sinn_vocabularies import VocabularyError, load_vocabularies

from . import body, checks, documents, editorial, formats, freshness, paths, rendering
from .check_memo import CheckMemo
from .documents import Document, read_document
from .frontmatter import ContentSyntaxError, locate, value_line
from .image_checks import check_files
from .image_references import reference_problems
from .inventory import take_inventory
from .problems import ERROR, WARNING, Problem, Report
from .problems import display_path as _display
from .validate import Validator
from .yaml_recovery import unreadable_problems

logger = logging.getLogger(__name__)

KINDS = {"story": "stories", "actor": "actors", "page": "pages"}
EXTENSIONS = {"story": ".md", "actor": ".yml", "page": ".md"}


@dataclass
class CheckResult:
    """The report and the documents that parsed, for reuse by the build."""

    report: Report
    documents: dict[str, list[Document]] = field(default_factory=dict)


def content_files(content_path: str, kind: str) -> list[str]:
    """The files of one kind below the content folder, sorted: only what the inventory accepts."""
    return take_inventory(content_path).of_kind(kind)


def check_site(content_path: str, settings: dict | None = None, today: datetime.date | None = None) -> CheckResult:
    """Check every file below content_path; never raises for bad content."""
    settings = _with_defaults(settings)
    today, months = _review_dates(settings, today)
    report = Report()
    result = CheckResult(report=report, documents={kind: [] for kind in KINDS})
    inventory = take_inventory(content_path, settings["VOCABULARIES_PATH"])
    report.extend(inventory.problems)
    report.extend(check_files(inventory.of_kind("image"), content_path, cores(settings["CONTENT_CONTRACT_WORKERS"]),
                              image_cache_root({**settings, "PATH": content_path})))
    references = _references(content_path, settings, report, inventory)
    files = [(kind, path) for kind in KINDS for path in inventory.of_kind(kind)]
    validator = Validator(references, content_path, os.path.join(content_path, settings["VOCABULARIES_PATH"]))
    check = partial(_check_one, validator=validator, today=today, months=months, settings=settings)
    memo = CheckMemo(settings, content_path, inventory, today, months) if settings["CONTENT_CONTRACT_CACHE"] else None
    documents.forget_parsed()
    for kind, document, problems in _checked(files, check, memo, settings):
        report.files_checked += 1
        report.extend(problems)
        if document is not None:
            result.documents[kind].append(document)
            documents.offer_parsed(document)
            if document.cleaned is not None:
                rendering.remember(document.body if kind != "actor" else document.data["description"], settings, document.cleaned)
    try:
        report.extend(paths.check_paths(result.documents, settings, references, content_path))
    except Exception as error:
        logger.debug("site-wide checks failed", exc_info=True)
        report.add(Problem(_display(content_path), _internal_error(error)))
    return result


def _checked(files: list[tuple[str, str]], check, memo, settings) -> list[tuple]:
    """(kind, document, problems) of every file in order: kept ones from the memo, the others checked now."""
    keys = [memo.key(kind, path) if memo else None for kind, path in files]
    verdicts = [memo.get(key) if memo else None for key in keys]
    todo = [index for index, verdict in enumerate(verdicts) if verdict is None]
    fresh = fork_map(lambda index: check(*files[index]), todo, cores(settings["CONTENT_CONTRACT_WORKERS"]),
                     settings["CONTENT_CONTRACT_PARALLEL_MINIMUM"])
    for index, verdict in zip(todo, fresh, strict=True):
        verdicts[index] = verdict
        if memo:
            memo.put(keys[index], verdict)
    if memo:
        memo.save()
    return verdicts


def _check_one(kind: str, path: str, validator: Validator, today, months, settings=None) -> tuple:
    display = _display(path)
    try:
        document = read_document(kind, path, display)
    except ContentSyntaxError as error:  # the fields read past the errors are checked, never handed to the build
        return kind, None, unreadable_problems(kind, path, display, error, partial(
            _check_document, validator=validator, today=today, months=months, settings=settings))
    except Exception as error:  # one broken file must not hide the others
        logger.debug("reading %s failed", display, exc_info=True)
        return kind, None, [Problem(display, _internal_error(error))]
    try:
        problems = _check_document(document, validator, today, months, settings)
    except Exception as error:
        logger.debug("checking %s failed", display, exc_info=True)
        problems = [Problem(display, _internal_error(error))]
    document.source._node = None  # composed only to find lines; composed again if needed
    return kind, document, problems


def check_file(content_path: str, path: str, settings: dict | None = None, today: datetime.date | None = None) -> Report:
    """Check one story, actor or page on its own (the preview's quick check; site-wide checks need check_site)."""
    settings = _with_defaults(settings)
    report = Report()
    references = _references(content_path, settings, report)
    kind = next((k for k, folder in KINDS.items() if os.path.commonpath([os.path.join(content_path, folder), path])
                 == os.path.join(content_path, folder) and path.endswith(EXTENSIONS[k])), None)
    if kind is None:
        report.add(Problem(_display(path), "Diese Datei ist keine Geschichte, kein Akteursprofil und keine Seite."))
        return report
    report.files_checked = 1
    validator = Validator(references, content_path, os.path.join(content_path, settings["VOCABULARIES_PATH"]))
    _kind, _document, problems = _check_one(kind, path, validator, *_review_dates(settings, today), settings)
    report.extend(problems)
    return report


def _with_defaults(settings: dict | None) -> dict:
    """The settings given, with the declared defaults of what the checker reads filled in (a test or tool may give only some)."""
    return {**defaults_of("sinn_content_contract", "sinn_vocabularies", "sinn_stories", "sinn_listings", "sinn_images"), **(settings or {})}


def _review_dates(settings: dict, today: datetime.date | None) -> tuple:
    """The day the checks count from and the months after which a review is due."""
    today = today or freshness.resolve_today(settings["CONTENT_CONTRACT_TODAY"])
    return today, settings["CONTENT_CONTRACT_REVIEW_MONTHS"]


def _internal_error(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return ("Der Text ist zu tief verschachtelt (z. B. sehr viele > oder Listen in Listen) und kann nicht gelesen werden. "
                "Bitte vereinfachen.")
    return (
        "Diese Datei konnte nicht vollständig geprüft werden. Das ist vermutlich ein Fehler im Prüfprogramm: "
        "bitte dem Technik-Team melden (Einzelheiten zeigt make check mit --debug)."
    )


def _references(content_path, settings, report, inventory=None) -> dict[str, list[str]]:
    data_path = os.path.join(content_path, settings["VOCABULARIES_PATH"])
    references: dict[str, list[str]] = {}
    try:
        for name, vocabulary in load_vocabularies(data_path).items():
            references[name] = vocabulary.ids()
    except VocabularyError as error:
        report.add(Problem(_display(data_path), str(error)))
    except Exception as error:
        logger.debug("reading the vocabularies failed", exc_info=True)
        report.add(Problem(_display(data_path), _internal_error(error)))
    actors = inventory.of_kind("actor") if inventory is not None else content_files(content_path, "actor")
    references["actors"] = [os.path.splitext(os.path.basename(p))[0] for p in actors]
    return references


def _check_document(document: Document, validator: Validator, today, months=freshness.REVIEW_MONTHS, settings=None) -> list[Problem]:
    problems = []
    source, data, display = document.source, document.data, document.display_path

    def add(message, path=(), line=None, severity=ERROR, name=None):
        where = line if line is not None or not path else locate(source, list(path))
        problems.append(Problem(display, message, name or _field_name(path), where, severity))

    for key, line, first in source.duplicate_keys:
        add(f"steht doppelt (zuerst in Zeile {first}). Es gilt nur einer der Werte: bitte einen der beiden Einträge löschen.",
            line=line, name=str(key))
    for path, message, severity in validator.problems(document.kind, data):
        add(message, path, severity=severity)
    for path, message in checks.text_problems(data):
        add(message, path)
    for path, scheme in checks.unsafe_values(data):
        add(formats.unsafe_message(scheme), path)
    for path, message, severity in editorial.field_problems(document.kind, data):
        add(message, path, severity=severity)
    if document.kind in ("story", "page"):
        for field_name, message, severity in checks.check_dates(data, today):
            add(message, [field_name], severity=severity)
    if document.kind == "story":
        for field_name, message, severity in freshness.check_review(data, today, months):
            add(message, [field_name], severity=severity)
        for path, message in checks.check_transfer(data):
            add(message, path)
        for message in checks.check_easy_summary(data):
            add(message, ["easy_summary"], severity=WARNING)
        for path, message in checks.check_summaries(data):
            add(message, path, severity=WARNING)
    if document.kind in ("story", "page"):
        title = data.get("title") if isinstance(data.get("title"), str) else None
        verdict = body.examine(document.body, source.body_first_line, document.kind, settings=settings, title=title)
        for line, field_name, message, severity in verdict.problems:
            add(message, line=line, severity=severity, name=field_name)
        document.links, document.cleaned = verdict.links, verdict.cleaned
    elif isinstance(data.get("description"), str):
        verdict = body.examine(data["description"], 0, "actor", "description", settings)
        for offset, field_name, message, severity in verdict.problems:
            add(message, line=value_line(source, ["description"]) + offset, severity=severity, name=field_name)
        document.links, document.cleaned = verdict.links, verdict.cleaned
    for path, message, severity in reference_problems(document.kind, data, validator.content_path):
        add(message, path, severity=severity)
    problems.extend(_check_id(document))
    return problems


def _check_id(document: Document) -> list[Problem]:
    """The slug or file name that becomes the address: not reserved, only a–z, 0–9 and hyphens."""
    display, data = document.display_path, document.data
    reserved = checks.check_slug(document.id)
    has_slug = document.kind != "actor" and isinstance(data.get("slug"), str)
    if has_slug:
        if reserved:
            return [Problem(display, reserved + " Bitte einen anderen slug wählen.", "slug", locate(document.source, ["slug"]))]
        return []  # the schema checks the slug's characters
    base = os.path.splitext(os.path.basename(document.path))[0]
    extension = EXTENSIONS[document.kind]
    suggestion = f"{formats.slugify(base) or 'neuer-name'}{extension}"
    if document.kind == "actor":
        advice = f'Benennen Sie die Datei in "{suggestion}" um und passen Sie Geschichten an, die den Akteur nennen.'
        what = f'Der Dateiname "{base}{extension}" ist die Kennung (id) des Akteurs und wird seine Adresse /akteure/{base}/.'
    else:
        advice = f'Benennen Sie die Datei in "{suggestion}" um oder setzen Sie das Feld slug.'
        what = f'Der Dateiname "{base}{extension}" wird die Adresse {"der Geschichte" if document.kind == "story" else "der Seite"}.'
    if reserved:
        return [Problem(display, f"{what} {reserved} Benennen Sie die Datei um.", "Dateiname")]
    if not checks.is_slug(base):
        return [Problem(display, f"{what} Erlaubt sind nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche. {advice}", "Dateiname")]
    return []


def _field_name(path) -> str | None:
    if not path:
        return None
    name = str(path[0])
    for step in path[1:]:
        name += f"[{step + 1}]" if isinstance(step, int) else f".{step}"
    return name


