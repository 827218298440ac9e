"""Weight: what the site publishes per story with its own photo, projected to 1,000 stories against the hosts' limits.

From the corpus's cold build: the files of each story with a photo of its own (its folder: page,
citation files, press kit; and its photo's files: renditions, link preview, press download), their
mean against the budget of 1 MB and 15 files per story; the rest of the site (listings, actors,
search index, feeds, theme) per story; both projected to 1,000 stories with their own photos against
GitHub Pages' 1 GB and Cloudflare Pages' 20,000 files; the corpus output checked as the deploy checks
it (tools/host_limits.py); and what the repository grows by per story: the photo as `make bilder`
leaves it (at most 2,560 px, no metadata) plus the story's text.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile

from tools import host_limits
from tools.bench.corpus import OWN_FOLDER
from tools.bench.runs import corpus, corpus_output, folder_size
from tools.host_limits import number

BUDGET_BYTES = 1_000_000
BUDGET_FILES = 15
STORIES_AT_LIMIT = 1000
SITE_BYTES, SITE_FILES = 1_000_000_000, 20_000  # GitHub Pages' size, Cloudflare Pages' file count
REPOSITORY_SAMPLE = 10  # originals `make bilder` shrinks to measure the repository's growth


def own_stories(content: str) -> list[str]:
    """The slugs of the stories with a photo of their own."""
    return sorted(os.path.splitext(n)[0] for n in os.listdir(os.path.join(content, "images", OWN_FOLDER)))


def story_files(output: str, slug: str) -> dict[str, int]:
    """Every published file that belongs to one story with its own photo, by path: bytes."""
    files = {}
    story = os.path.join(output, "geschichten", slug)
    for folder, _dirs, names in os.walk(story):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.relpath(path, output)] = os.path.getsize(path)
    images = os.path.join(output, "images", OWN_FOLDER)
    for name in os.listdir(images):
        if name == f"{slug}.jpg" or name.startswith(f"{slug}-"):
            files[f"images/{OWN_FOLDER}/{name}"] = os.path.getsize(os.path.join(images, name))
    return files


def kind(path: str, slug: str) -> str:
    """What a story's file is, for the table: page, citation, kit, rendition, link preview or press photo."""
    name = os.path.basename(path)
    if name == "index.html":
        return "Seite"
    if name.startswith("zitation-"):
        return "Zitation"
    if name.startswith("pressemappe-"):
        return "Pressemappe"
    if name == f"{slug}-og.jpg":
        return "Vorschaubild"
    stem = os.path.splitext(name)[0]
    return "Bildvarianten" if stem.removeprefix(f"{slug}-").isdigit() else "Pressefoto"


def repository_growth(content: str, slugs: list[str]) -> dict:
    """Bytes a story adds to the repository: its text, and its photo after `make bilder` (measured on a sample)."""
    from tools.bilder import clean_images  # noqa: PLC0415

    sample = slugs[:REPOSITORY_SAMPLE]
    with tempfile.TemporaryDirectory(prefix="sinn-bilder-") as folder:
        images = os.path.join(folder, "images")
        os.makedirs(images)
        for slug in sample:
            shutil.copyfile(os.path.join(content, "images", OWN_FOLDER, f"{slug}.jpg"), os.path.join(images, f"{slug}.jpg"))
        clean_images(folder)
        shrunk = [os.path.getsize(os.path.join(images, f"{slug}.jpg")) for slug in sample]
    return {
        "camera_bytes": statistics.mean(os.path.getsize(os.path.join(content, "images", OWN_FOLDER, f"{s}.jpg")) for s in sample),
        "photo_bytes": statistics.mean(shrunk),
        "text_bytes": statistics.mean(os.path.getsize(os.path.join(content, "stories", f"{s}.md")) for s in slugs),
        "sample": len(sample),
    }


def run(context: dict) -> dict:
    """Weigh the corpus's cold build."""
    content = corpus(context)
    output = corpus_output(context)
    slugs = own_stories(content)
    per_story = [story_files(output, slug) for slug in slugs]
    kinds: dict[str, list[int]] = {}
    for slug, files in zip(slugs, per_story, strict=True):
        counted: dict[str, list[int]] = {}
        for path, size in files.items():
            counted.setdefault(kind(path, slug), []).append(size)
        for name, sizes in counted.items():
            kinds.setdefault(name, []).append(len(sizes))
            kinds.setdefault(name + " Bytes", []).append(sum(sizes))
    every_slug = [os.path.splitext(n)[0] for n in os.listdir(os.path.join(content, "stories"))]
    stories = len(every_slug)
    total_files, total_bytes = folder_size(output)
    # The rest: everything but the stories' own folders and the images (the shared photos' files belong to no one story).
    own = [folder_size(os.path.join(output, "geschichten", slug)) for slug in every_slug]
    image_files, image_bytes = folder_size(os.path.join(output, "images"))
    rest_files = total_files - sum(f for f, _b in own) - image_files
    rest_bytes = total_bytes - sum(b for _f, b in own) - image_bytes
    story = {"files": statistics.mean(len(f) for f in per_story), "bytes": statistics.mean(sum(f.values()) for f in per_story),
             "max_bytes": max(sum(f.values()) for f in per_story)}
    # Listing pages, actor pages, the search index and feeds grow with the stories: their share per story.
    rest = {"files": rest_files / stories, "bytes": rest_bytes / stories}
    projected = {"files": STORIES_AT_LIMIT * (story["files"] + rest["files"]), "bytes": STORIES_AT_LIMIT * (story["bytes"] + rest["bytes"])}
    checks = {}
    for host in ("github-pages", "cloudflare-pages"):
        inventory = host_limits.take_inventory(output)
        errors, warnings = host_limits.findings(inventory, host_limits.HOSTS[host])
        checks[host] = {"errors": errors, "warnings": warnings}
    return {
        "stories": stories, "own_photo_stories": len(slugs), "output_files": total_files, "output_bytes": total_bytes,
        "story": story, "rest": rest, "projected": projected,
        "kinds": {name: statistics.mean(values) for name, values in kinds.items()},
        "host_checks": checks, "repository": repository_growth(content, slugs),
    }


def _mb(value: float) -> str:
    return f"{number(value / 1e6, 2)} MB"


def table(result: dict) -> list[str]:
    """The result as table rows."""
    story, rest, projected, repository = result["story"], result["rest"], result["projected"], result["repository"]
    parts = ", ".join(f"{name} {number(result['kinds'][name])} ({number(result['kinds'][name + ' Bytes'] / 1e3)} kB)"
                      for name in sorted(k for k in result["kinds"] if not k.endswith(" Bytes")))
    lines = [
        f"Je Geschichte mit eigenem Foto (Mittel über {result['own_photo_stories']}): {number(story['files'], 1)} Dateien, "
        f"{_mb(story['bytes'])} (Budget {BUDGET_FILES} Dateien, {_mb(BUDGET_BYTES)}; schwerste {_mb(story['max_bytes'])})",
        f"  davon: {parts}",
        f"Übrige Website je Geschichte (Listen, Akteure, Suchindex, Feeds, Theme, Web-Editor): {number(rest['files'], 1)} Dateien, "
        f"{number(rest['bytes'] / 1e3)} kB",
        f"Hochgerechnet auf {number(STORIES_AT_LIMIT)} Geschichten mit eigenem Foto: {number(projected['files'])} Dateien, "
        f"{number(projected['bytes'] / 1e9, 2)} GB (Grenzen: {number(SITE_FILES)} Dateien bei Cloudflare Pages, "
        f"{number(SITE_BYTES / 1e9)} GB bei GitHub Pages)",
        f"Ausgabe des Korpus ({number(result['stories'])} Geschichten): {number(result['output_files'])} Dateien, {_mb(result['output_bytes'])}",
    ]
    for host, check in result["host_checks"].items():
        verdict = "passt" if not check["errors"] else "zu groß: " + " ".join(check["errors"])
        lines.append(f"  Prüfung wie beim Veröffentlichen ({host}): {verdict}" + (" (Warnung)" if check["warnings"] else ""))
    lines.append(
        f"Repository je Geschichte: {_mb(repository['photo_bytes'] + repository['text_bytes'])} (Foto nach make bilder "
        f"{_mb(repository['photo_bytes'])} statt {_mb(repository['camera_bytes'])} aus der Kamera, "
        f"Text {number(repository['text_bytes'] / 1e3)} kB; {repository['sample']} Fotos gemessen)"
    )
    return lines
