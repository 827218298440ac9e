"""How the files fit together: one address per page, ids unique, aliases free, internal links that lead somewhere."""

from __future__ import annotations

import difflib
import functools
import os

from sinn_core.addresses import AddressMap, Content
from sinn_core.containment import ContentPathError, printable, resolve_content_path
from sinn_core.settings import defaults_of

from . import body, checks, formats
from .frontmatter import locate, value_line
from .problems import ERROR, Problem


def check_paths(documents: dict, settings: dict, references: dict, content_path: str) -> list[Problem]:
    """Duplicate addresses and ids, aliases that collide, and internal links that lead nowhere."""
    addresses = AddressMap(settings)
    show_drafts = settings.get("STORIES_SHOW_DRAFTS", True)
    owners, drafts, problems = _addresses(documents, addresses, show_drafts)
    problems.extend(_case_duplicates(documents))
    problems.extend(_aliases(documents, owners, addresses, references))
    problems.extend(_adaptations(documents.get("story", []), drafts))
    content = _content(documents, references, settings, show_drafts)
    known = set(owners) | addresses.published(content)
    links = _Links(known, drafts, documents, os.path.realpath(content_path), addresses, content)
    for docs in documents.values():
        for document in docs:
            problems.extend(links.broken(document))
    return problems


def _content(documents: dict, references: dict, settings: dict, show_drafts: bool) -> Content:
    """What the build will publish, as the address map needs it: ids, drafts, stories per theme and region."""
    per_page = settings.get("LISTINGS_PER_PAGE") or defaults_of("sinn_listings")["LISTINGS_PER_PAGE"]
    content = Content(per_page, show_drafts=show_drafts)
    content.actors = {d.id for d in documents.get("actor", [])}
    for document in documents.get("actor", []):
        _count_terms(document, content.actors_per_term)
    content.pages = {d.id for d in documents.get("page", [])}
    for document in documents.get("story", []):
        (content.drafts if document.is_draft else content.stories).add(document.id)
        if document.is_draft and not show_drafts:
            continue
        _count_terms(document, content.stories_per_term)
    for kind in ("themes", "regions"):
        content.terms[kind] = set(references.get(kind, []))
    return content


def _count_terms(document, counts: dict) -> None:
    """Add one to the count of each theme and region the document names."""
    for kind in ("themes", "regions"):
        terms = document.data.get(kind)
        for term in terms if isinstance(terms, list) else ():
            if isinstance(term, str):
                counts[kind][term] = counts[kind].get(term, 0) + 1


def _addresses(documents: dict, addresses: AddressMap, show_drafts: bool):
    """The address of every document; a problem for each address or id taken twice. Drafts hidden: their addresses apart."""
    owners: dict[str, object] = {}
    drafts: set[str] = set()
    problems = []
    for kind, docs in documents.items():
        for document in docs:
            url = checks.normalise_path(addresses.of(kind, document.id).url)
            if document.is_draft and not show_drafts:
                drafts.add(url)
                continue
            other = owners.get(url)
            if other is None:
                owners[url] = document
            elif kind == "actor":
                problems.append(Problem(
                    document.display_path,
                    f'Die Kennung (id) "{document.id}" hat schon {other.display_path}. Jeder Akteur braucht einen eigenen '
                    "Dateinamen: führen Sie die beiden Dateien zusammen oder benennen Sie eine um.",
                    "Dateiname",
                ))
            else:
                has_slug = isinstance(document.data.get("slug"), str)
                problems.append(Problem(
                    document.display_path,
                    f"Die Adresse {url} hat schon {other.display_path}. Zwei Seiten können nicht dieselbe Adresse haben: "
                    + ("bitte einen anderen slug wählen." if has_slug else "bitte die Datei umbenennen oder das Feld slug setzen."),
                    "slug" if has_slug else "Dateiname",
                    locate(document.source, ["slug"]) if has_slug else None,
                ))
    return owners, drafts, problems


def _case_duplicates(documents: dict) -> list[Problem]:
    """Ids that differ only in upper and lower case: the same file on Windows and macOS."""
    problems = []
    for docs in documents.values():
        seen: dict[str, object] = {}
        for document in docs:
            folded = document.id.casefold()
            other = seen.setdefault(folded, document)
            if other is not document and other.id != document.id:
                problems.append(Problem(
                    document.display_path,
                    f'"{document.id}" und "{other.id}" ({other.display_path}) unterscheiden sich nur in Groß- und '
                    "Kleinschreibung. Auf vielen Rechnern ist das dieselbe Datei: bitte zusammenführen oder eine umbenennen.",
                    "Dateiname",
                ))
    return problems


def _aliases(documents: dict, owners: dict, addresses: AddressMap, terms: dict) -> list[Problem]:
    """Earlier addresses (aliases) may not take an address that a page or another alias has."""
    problems = []
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
                if addresses.taken_by_site(target, terms) or (other is not None and other is not document):
                    taken_by = other.display_path if other is not None else "einer festen Seite der Website"
                    problems.append(Problem(
                        document.display_path,
                        f"Die frühere Adresse {alias} gehört schon zu {taken_by} und kann nicht hierher umgeleitet werden. "
                        "Bitte den Eintrag löschen oder korrigieren.",
                        "aliases", locate(document.source, ["aliases", index]),
                    ))
                else:
                    owners[target] = document
    return problems


def _adaptations(stories: list, hidden_drafts: set) -> list[Problem]:
    """`adapted_from` names another story by its slug: one that exists, is published and is not this one."""
    problems = []
    by_id = {document.id: document for document in stories}
    for document in stories:
        original = document.data.get("adapted_from")
        if not isinstance(original, str) or not checks.is_slug(original):
            continue  # the schema explains a missing or malformed slug

        def problem(message, document=document):
            problems.append(Problem(document.display_path, message, "adapted_from", locate(document.source, ["adapted_from"])))

        other = by_id.get(original)
        if other is document:
            problem(
                f'"{original}" ist diese Geschichte selbst. adapted_from nennt das Vorbild, also eine andere Geschichte; '
                "sonst die Zeile löschen."
            )
        elif other is None:
            close = difflib.get_close_matches(original, sorted(by_id), n=1, cutoff=0.6)
            problem(
                f'Es gibt keine Geschichte "{original}" (Datei content/stories/{original}.md oder slug: {original}). '
                + (f'Meinten Sie "{close[0]}"?' if close else "Schreiben Sie den slug der Geschichte, die das Vorbild war.")
            )
        elif other.is_draft and hidden_drafts:
            problem(f'Das Vorbild "{original}" ist noch ein Entwurf (status: draft) und wird nicht veröffentlicht. Erst das Vorbild veröffentlichen.')
    return problems


class _Links:
    """Decides whether an internal link of a document leads to a page, an image or nowhere."""

    def __init__(self, known: set, drafts: set, documents: dict, content_root: str, addresses: AddressMap, content: Content):
        self.known = known
        self.addresses = addresses
        self.content = content
        self.drafts = drafts
        self.documents = documents
        self.content_root = content_root

    def broken(self, document) -> list[Problem]:
        """A problem for every internal link of the document that leads nowhere."""
        problems = []
        if document.kind == "actor":
            text, first_line, field = document.data.get("description"), None, "description"
            if not isinstance(text, str):
                return []
        else:
            text, first_line, field = document.body, document.source.body_first_line, "Text"
        for offset, target in document.links or ():  # taken from the rendered text by the file's own check
            message = self._problem(document, target)
            if message:
                line = offset + value_line(document.source, ["description"]) if first_line is None else offset
                problems.append(Problem(document.display_path, message, field, line, ERROR))
        return problems

    def _problem(self, document, target: str) -> str | None:
        if target.startswith(body.INTERNAL_PREFIXES):
            return self._file_link(document, target)
        path = checks.normalise_path(target)
        if path in self.known or path + "/" in self.known or self.addresses.generated_folder(path):
            return None
        folder = self.addresses.content_folder(path)
        if folder is not None:
            relative = folder + "/" + path[len(self.addresses.folder(folder.upper() + "_URL")):]
            try:
                found = resolve_content_path(self.content_root, relative, folder)
            except ContentPathError as error:
                return f"Der Link {printable(target)}: {error}"
            if os.path.isfile(found):
                # An image in the text is published by the same pipeline as a logo: judge it the same way.
                refusals = [m for m, severity in formats.check("logo", relative, self.content_root) if severity == ERROR]
                return refusals[0] if folder == "images" and refusals else None
            return f"Der Link {printable(target)} führt ins Leere: die Datei content/{relative} gibt es nicht. Prüfen Sie Ordner und Dateiname."
        empty = self._empty_term(path)
        if empty:
            return empty
        if path in self.drafts or path + "/" in self.drafts:
            return f"Der Link {target} führt zu einer Geschichte, die noch ein Entwurf ist (status: draft) und nicht veröffentlicht wird."
        message = f"Der Link {target} führt ins Leere: diese Seite gibt es nicht."
        close = difflib.get_close_matches(path, sorted(self.known), n=1, cutoff=0.75)
        return message + (f" Meinten Sie {close[0]}?" if close else " Prüfen Sie die Adresse.")

    def _empty_term(self, path: str) -> str | None:
        """A message for a link to a theme or region with neither story nor actor: its page is written with the first one."""
        for kind, noun in (("themes", "Themenfeld"), ("regions", "Region")):
            for term in sorted(self.content.terms[kind]):
                url = "/" + self.addresses.of(kind, term).url
                if (path == url or path + "/" == url) and not (
                    self.content.stories_per_term[kind].get(term) or self.content.actors_per_term[kind].get(term)
                ):
                    return (
                        f"Der Link {path} führt ins Leere: zu {noun} „{term}“ gibt es noch keine veröffentlichte Geschichte "
                        "und keinen Akteur, deshalb auch keine Seite. Verlinken Sie eine andere Seite oder löschen Sie den Link."
                    )
        return None

    @functools.cached_property
    def by_source(self) -> dict:
        """The documents by their real path, for {filename} links (resolving 3,000 paths costs 0.1 s: only if one is there)."""
        return {os.path.realpath(d.path): d for docs in self.documents.values() for d in docs}

    def _file_link(self, document, target: str) -> str | None:
        prefix, relative = target.split("}", 1)
        relative = relative.split("#", 1)[0].split("?", 1)[0]
        if document.kind == "actor":
            return (
                f"{prefix}}}-Links gehen in Akteursbeschreibungen nicht. Verlinken Sie die Adresse, "
                "z. B. /geschichten/name-der-geschichte/."
            )
        base = self.content_root if relative.startswith("/") else os.path.dirname(os.path.realpath(document.path))
        resolved = os.path.realpath(os.path.join(base, relative.lstrip("/")))
        if resolved in self.by_source:
            if not (self.by_source[resolved].is_draft and self.drafts):
                return None
        elif os.path.isfile(resolved) and resolved.startswith(os.path.join(self.content_root, "images") + os.sep):
            return None
        return (
            f"Der Link {target} führt ins Leere: es gibt keine veröffentlichte Datei {relative}. "
            "Der Pfad gilt relativ zum Ordner dieser Datei, z. B. {filename}andere-geschichte.md."
        )

