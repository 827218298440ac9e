"""Every file under content/ and what kind it is: the one list the checker and the build both go by.

A file of no known kind is refused, never published: hidden files (a name starting with "."),
symbolic links (they could point anywhere on the build machine), special files, names with
control characters, and types a folder does not take (content/files/ takes documents only; images
belong in content/images/, where the image pipeline strips their metadata).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from .problems import Problem, display_path

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
DOCUMENT_EXTENSIONS = (".pdf", ".csv", ".txt", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx")
# A README beside the content explains a folder to editors; editors' backup files (vim, Emacs) come
# and go while editing. Pelican ignores all of them (IGNORE_FILES), so they are never published.
NOTE_NAMES = ("README.md",)
BACKUP_SUFFIXES = (".swp", "~")

# Top-level folder → (kind, extensions it takes, whether sub-folders are allowed, what belongs there).
FOLDERS = {
    "stories": ("story", (".md",), True, "Geschichten als .md-Dateien"),
    "pages": ("page", (".md",), True, "Seiten als .md-Dateien"),
    "actors": ("actor", (".yml",), True, "Akteursprofile als .yml-Dateien"),
    "data": ("vocabulary", (".yml",), False, "die Vokabulare als .yml-Dateien"),
    "images": ("image", IMAGE_EXTENSIONS, True, "Bilder (JPEG, PNG, WebP, GIF, SVG)"),
    "files": ("document", DOCUMENT_EXTENSIONS, True, "Dokumente zum Herunterladen (" + ", ".join(e[1:] for e in DOCUMENT_EXTENSIONS) + ")"),
}


TEXT_KIND_NAMES = {"stories": "Geschichten", "pages": "Seiten", "actors": "Akteursprofile"}


@dataclass
class Inventory:
    """The files of a content folder by kind, and a problem for each file that is of no known kind."""

    root: str
    files: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[str]:
        """Absolute paths of the files of one kind, sorted."""
        return self.files.get(kind, [])

    def allows(self, path: str, kind: str) -> bool:
        """True when path is a file of that kind in this inventory."""
        return os.path.abspath(path) in self.files.get(kind, [])


def take_inventory(content_path: str, data_folder: str = "data") -> Inventory:
    """Walk content/ without following links; sort each file into its kind or into a problem."""
    root = os.path.abspath(content_path)
    inventory = Inventory(root, {kind: [] for kind, *_rest in FOLDERS.values()})
    folders = {**FOLDERS, data_folder: FOLDERS["data"]} if data_folder != "data" else FOLDERS
    for directory, subdirectories, names in os.walk(root):
        relative_dir = os.path.relpath(directory, root)
        top = None if relative_dir == "." else relative_dir.split(os.sep)[0]
        keep = []
        for name in sorted(subdirectories):
            path = os.path.join(directory, name)
            problem = _folder_problem(path, name, top, folders)
            if problem:
                inventory.problems.append(problem)
            else:
                keep.append(name)
        subdirectories[:] = keep
        for name in sorted(names):
            path = os.path.join(directory, name)
            kind, problem = _classify(path, name, top, folders)
            if problem:
                inventory.problems.append(problem)
            elif kind:
                inventory.files[kind].append(path)
    for paths in inventory.files.values():
        paths.sort()
    return inventory


def _folder_problem(path, name, top, folders) -> Problem | None:
    shown = display_path(path)
    if os.path.islink(path):
        return Problem(shown, "ist eine Verknüpfung (symbolischer Link) auf einen Ordner. Verknüpfungen werden aus "
                       "Sicherheitsgründen nicht gelesen: legen Sie die Dateien selbst in den Ordner.", "Ordner")
    if name.startswith("."):
        return Problem(shown, "ist ein versteckter Ordner (Name beginnt mit einem Punkt). Versteckte Dateien werden nicht "
                       "veröffentlicht: bitte den Ordner löschen oder umbenennen.", "Ordner")
    if not name.isprintable():
        return Problem(shown, "Der Ordnername enthält Steuerzeichen. Bitte umbenennen (nur Buchstaben, Ziffern, Bindestriche).", "Ordner")
    if top is None and name not in folders:
        known = ", ".join(f"content/{folder}/" for folder in folders)
        return Problem(shown, f"ist kein bekannter Inhaltsordner und wird nicht veröffentlicht. Erlaubt sind {known}.", "Ordner")
    if top is not None and not folders[top][2]:
        return Problem(shown, f"Im Ordner content/{top}/ sind keine Unterordner vorgesehen. Bitte die Dateien direkt "
                       f"in content/{top}/ legen.", "Ordner")
    return None


def _classify(path, name, top, folders) -> tuple[str | None, Problem | None]:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None, Problem(display_path(path), "kann nicht gelesen werden. Bitte die Datei neu anlegen.", "Datei")
    if stat.S_ISLNK(mode):
        return None, Problem(display_path(path), "ist eine Verknüpfung (symbolischer Link). Verknüpfungen werden aus Sicherheitsgründen "
                             "nicht gelesen und nie veröffentlicht: legen Sie die Datei selbst hierher.", "Datei")
    if not stat.S_ISREG(mode):
        return None, Problem(display_path(path), "ist keine gewöhnliche Datei. Bitte löschen.", "Datei")
    if name.startswith("."):
        return None, Problem(display_path(path), "ist eine versteckte Datei (Name beginnt mit einem Punkt). Sie würde nicht geprüft und "
                             "darf deshalb nicht veröffentlicht werden: bitte löschen oder ohne Punkt am Anfang benennen.", "Datei")
    if not name.isprintable() or "\\" in name:
        return None, Problem(display_path(path), "Der Dateiname enthält Steuerzeichen oder einen Rückwärtsschrägstrich. Bitte umbenennen "
                             "(nur Buchstaben, Ziffern, Bindestriche, ein Punkt vor der Endung).", "Datei")
    if name in NOTE_NAMES or name.endswith(BACKUP_SUFFIXES):
        return None, None
    if top is None:
        known = ", ".join(f"content/{folder}/" for folder in folders)
        return None, Problem(display_path(path), f"Dateien gehören in einen der Inhaltsordner ({known}); hier wird sie nicht veröffentlicht.",
                             "Datei")
    kind, extensions, _subfolders, what = folders[top]
    extension = os.path.splitext(name)[1].lower()
    if extension in extensions:
        return kind, None
    return None, Problem(display_path(path), _wrong_type(top, name, extension, what), "Dateiname")


def _wrong_type(top: str, name: str, extension: str, what: str) -> str:
    stem = os.path.splitext(name)[0]
    if top in TEXT_KIND_NAMES and extension in (".markdown", ".mdown", ".txt", ".yaml", ".md", ".yml"):
        wanted = ".yml" if top == "actors" else ".md"
        return (f"Diese Datei wird nicht gelesen: {TEXT_KIND_NAMES[top]} müssen auf {wanted} enden. "
                f'Benennen Sie sie in "{stem}{wanted}" um.')
    if extension in IMAGE_EXTENSIONS and top != "images":
        return "Bilder gehören in den Ordner content/images/ (z. B. content/images/stories/); hier werden sie nicht veröffentlicht."
    shown_extension = extension or "(keine Endung)"
    return (
        f"Dateien vom Typ {shown_extension} sind in content/{top}/ nicht erlaubt: hier stehen {what}. "
        "Skripte, Webseiten und Programme werden aus Sicherheitsgründen nie veröffentlicht. Bitte die Datei löschen "
        "oder in einem erlaubten Format speichern."
    )
