"""Checking a whole content folder: every story, actor and page, and how they fit together."""

from __future__ import annotations

import datetime
import glob
import logging
import os
import re
from dataclasses import dataclass, field

from vocabularies import VocabularyError, load_vocabularies

from . import checks
from .frontmatter import ContentSyntaxError, Source, load_yaml, locate, read_text, split_front_matter
from .problems import ERROR, Problem, Report
from .validate import Validator

logger = logging.getLogger(__name__)

KINDS = {"story": "stories", "actor": "actors", "page": "pages"}
DEFAULT_URLS = {"story": "geschichten/{slug}/", "actor": "akteure/{id}/", "page": "{slug}/"}


@dataclass
class Document:
    """One editor's file, parsed: its kind, id, fields and body."""

    kind: str
    path: str
    display_path: str
    source: Source
    data: dict
    id: str = ""

    @property
    def body(self) -> str:
        """The Markdown body (empty for actors)."""
        return self.source.body


@dataclass
class CheckResult:
    """The report and the documents that parsed, for reuse by the build."""

    report: Report
    documents: dict[str, list[Document]] = field(default_factory=dict)


def read_document(kind: str, path: str, display_path: str | None = None) -> Document:
    """Parse one file of the given kind; raise ContentSyntaxError if it cannot be read."""
    text = read_text(path)
    source = Source(yaml_text=text, yaml_first_line=1) if kind == "actor" else split_front_matter(text)
    data = load_yaml(source)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentSyntaxError("Die Felder müssen als 'name: wert' untereinander stehen.", line=source.yaml_first_line)
    base = os.path.splitext(os.path.basename(path))[0]
    doc_id = base if kind == "actor" else str(data.get("slug") or base)
    return Document(kind, path, display_path or path, source, data, doc_id)


def content_files(content_path: str, kind: str) -> list[str]:
    """The files of one kind below the content folder, sorted."""
    folder = os.path.join(content_path, KINDS[kind])
    pattern = "**/*.yml" if kind == "actor" else "**/*.md"
    return sorted(glob.glob(os.path.join(folder, pattern), recursive=True))


def check_site(content_path: str, settings: dict | None = None, today: datetime.date | None = None) -> CheckResult:
    """Check every file below content_path; never raises for bad content."""
    settings = settings or {}
    today = today or datetime.date.today()
    report = Report()
    result = CheckResult(report=report, documents={kind: [] for kind in KINDS})
    references = _references(content_path, settings, report)
    validator = Validator(references, content_path)
    for kind in KINDS:
        for path in content_files(content_path, kind):
            report.files_checked += 1
            display = _display(path)
            try:
                document = read_document(kind, path, display)
            except ContentSyntaxError as error:
                report.add(Problem(display, error.message, line=error.line))
                continue
            except Exception as error:  # noqa: BLE001 - one broken file must not hide the others
                report.add(Problem(display, f"Datei konnte nicht geprüft werden ({error.__class__.__name__}: {error})."))
                continue
            try:
                report.extend(_check_document(document, validator, today))
            except Exception as error:
                logger.debug("checker failed on %s", display, exc_info=True)
                report.add(Problem(display, f"Unerwarteter Fehler beim Prüfen ({error.__class__.__name__}: {error})."))
            result.documents[kind].append(document)
    report.extend(_check_site_paths(result.documents, settings, references))
    return result


def _references(content_path, settings, report) -> dict[str, list[str]]:
    data_path = os.path.join(content_path, settings.get("VOCABULARIES_PATH", "data"))
    references: dict[str, list[str]] = {}
    try:
        for name, vocabulary in load_vocabularies(data_path).items():
            references[name] = vocabulary.ids()
    except VocabularyError as error:
        report.add(Problem(_display(data_path), str(error)))
    references["actors"] = [os.path.splitext(os.path.basename(p))[0] for p in content_files(content_path, "actor")]
    return references


def _check_document(document: Document, validator: Validator, today) -> list[Problem]:
    problems = []
    source = document.source
    for path, message, severity in validator.problems(document.kind, document.data):
        problems.append(Problem(document.display_path, message, _field_name(path), locate(source, path), severity))
    data = document.data
    if document.kind in ("story", "page"):
        for field_name, message, severity in checks.check_dates(data, today):
            problems.append(Problem(document.display_path, message, field_name, locate(source, [field_name]), severity))
        for line, field_name, message, severity in checks.check_body(document.body, source.body_first_line, document.kind):
            problems.append(Problem(document.display_path, message, field_name, line, severity))
    for field_name, message in checks.check_image_alt(data.get("image")):
        problems.append(Problem(document.display_path, message, field_name, locate(source, field_name.split("."))))
    slug_field = "slug" if "slug" in data else None
    reserved = checks.check_slug(document.id)
    if reserved:
        problems.append(Problem(document.display_path, reserved, slug_field or "Dateiname", locate(source, ["slug"]) if slug_field else None))
    elif "slug" not in data and not _is_slug(document.id):
        problems.append(Problem(
            document.display_path,
            f'Der Dateiname "{document.id}" ergibt keine gültige Adresse: nur a–z, 0–9 und Bindestriche. '
            "Benennen Sie die Datei um oder setzen Sie das Feld slug.",
            "Dateiname",
        ))
    return problems


def _check_site_paths(documents: dict[str, list[Document]], settings: dict, references: dict) -> list[Problem]:
    """Duplicate ids, aliases that collide, and internal links that lead nowhere."""
    problems = []
    owners: dict[str, Document] = {}
    for kind, docs in documents.items():
        pattern = settings.get({"story": "ARTICLE_URL", "actor": "ACTORS_URL", "page": "PAGE_URL"}[kind], DEFAULT_URLS[kind])
        for document in docs:
            if document.kind == "story" and document.data.get("status") == "draft" and not settings.get("STORIES_SHOW_DRAFTS", True):
                continue
            url = checks.normalise_path(pattern.format(slug=document.id, id=document.id))
            other = owners.get(url)
            if other is not None:
                problems.append(Problem(
                    document.display_path,
                    f"Die Adresse {url} ist schon durch {other.display_path} belegt. Bitte einen anderen slug wählen.",
                    "slug", locate(document.source, ["slug"]) if "slug" in document.data else None,
                ))
            else:
                owners[url] = document
    fixed = {checks.normalise_path(p) for p in ("/", "/geschichten/", "/akteure/", "/themen/", "/regionen/", "/suche/")}
    fixed |= {f"/themen/{term}/" for term in references.get("themes", [])}
    fixed |= {f"/regionen/{term}/" for term in references.get("regions", [])}
    for docs in documents.values():
        for document in docs:
            aliases = document.data.get("aliases")
            if not isinstance(aliases, list):
                continue
            for index, alias in enumerate(aliases):
                if not isinstance(alias, str) or not alias.startswith("/"):
                    continue
                target = checks.normalise_path(alias)
                other = owners.get(target)
                if target in fixed or (other is not None and other is not document):
                    taken_by = other.display_path if other is not None else "eine feste Seite der Website"
                    problems.append(Problem(
                        document.display_path,
                        f"Die frühere Adresse {alias} ist schon durch {taken_by} belegt und kann nicht umgeleitet werden.",
                        "aliases", locate(document.source, ["aliases", index]),
                    ))
                else:
                    owners[target] = document
    known = set(owners) | fixed
    by_source = {os.path.normpath(d.path): d for docs in documents.values() for d in docs}
    for docs in documents.values():
        for document in docs:
            problems.extend(_broken_links(document, known, by_source))
    return problems


def _broken_links(document: Document, known: set, by_source: dict) -> list[Problem]:
    problems = []
    for line, target in checks.internal_links(document.body, document.source.body_first_line):
        if target.startswith(("{filename}", "{static}")):
            relative = target.split("}", 1)[1].split("#", 1)[0]
            base = os.path.dirname(document.path) if not relative.startswith("/") else _content_root(document)
            resolved = os.path.normpath(os.path.join(base, relative.lstrip("/")))
            if os.path.exists(resolved):
                continue
        elif _is_static_file(target) or checks.normalise_path(target) in known or _is_archive_page(target):
            continue
        problems.append(Problem(
            document.display_path,
            f"Der Link {target} führt ins Leere: diese Seite gibt es nicht. Prüfen Sie die Adresse.",
            "Text", line, ERROR,
        ))
    return problems


def _is_archive_page(target: str) -> bool:
    parts = [p for p in checks.normalise_path(target).split("/") if p]
    return len(parts) == 3 and parts[0] == "geschichten" and parts[1] == "seite" and parts[2].isdigit()


def _is_static_file(target: str) -> bool:
    return target.startswith(("/images/", "/files/", "/feeds/", "/daten/")) or target in ("/sitemap.xml", "/robots.txt")


def _content_root(document: Document) -> str:
    return os.path.dirname(os.path.dirname(document.path))


def _is_slug(value: str) -> bool:
    return bool(re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", value))


def _field_name(path) -> str | None:
    if not path:
        return None
    name = str(path[0])
    for step in path[1:]:
        name += f"[{step + 1}]" if isinstance(step, int) else f".{step}"
    return name


def _display(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
