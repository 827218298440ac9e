"""Test sites for the hostile-content suite (issue 15): decoys beside content/, builds, snapshots of the tree.

An attack writes real files into a real content folder (tests/sitefiles.py) inside tmp/site/. Beside
the content folder lie decoys that attacks aim at: a "repository" theme file, a secret text, a photo
painted magenta, a story outside content/. Builds run from tmp/cwd, never from the repository, so a
path resolved against the working folder cannot reach the real repository's files either.
The attacks themselves are listed in tests/hostile.py.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image

from sitefiles import BODY, ROOT, SiteFiles, actor_fields, settings_file, story_fields

# A secret of this test run: in a decoy file outside content/ and in the environment of every build.
SECRET = f"geheim-{uuid.uuid4().hex[:12]}"
SECRET_ENV = "SINN_HOSTILE_SECRET"
DECOY_COLOUR = (250, 0, 250)
EVIL = "https://evil.example"
PASSWD_LINE = b"root:x:0:0"
BUILD_TIMEOUT = 120
CHECK_TIMEOUT = 60
MEMORY_LIMIT = 6 * 1024**3
PLACEHOLDER = "§M"
# A workflow command (or any line GitHub reads as one) starts with "::" after leading blanks.
WORKFLOW_COMMAND = re.compile(r"^\s*::")
ANNOTATION = re.compile(r"^::(?:error|warning) file=[^,:\r\n]*(?:,line=\d+)?(?:,col=\d+)?(?:,title=[^,:\r\n]*)?::")
# Python's and Pelican's own words for a failure: an editor gets a German sentence instead.
ENGLISH_EXCEPTION = re.compile(
    r"Traceback \(most recent call last\)|\b[A-Z][A-Za-z]*(?:Error|Exception)\b|Segmentation fault|core dumped|Could not process"
    # lower-case exception classes such as struct.error, shown as "(error)" or "error: …"
    r"|(?:^|[(:] ?)(?:[a-z_]+\.)*(?:error|exception)(?:\)|: )",
    re.MULTILINE,
)


def marker_for(attack_id: str) -> str:
    """A unique lower-case word that tags everything one attack writes."""
    return "zq" + hashlib.sha256(attack_id.encode()).hexdigest()[:8] + "x"


def fill(value, marker: str):
    """The value with every placeholder §M replaced by the marker, in nested lists and mappings too."""
    if isinstance(value, str):
        return value.replace(PLACEHOLDER, marker)
    if isinstance(value, list):
        return [fill(item, marker) for item in value]
    if isinstance(value, dict):
        return {fill(key, marker): fill(item, marker) for key, item in value.items()}
    return value


def jpeg(path, colour=DECOY_COLOUR, size=(320, 200), gps: bool = False) -> str:
    """A real JPEG, optionally with a GPS position in its EXIF data."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image = Image.new("RGB", size, colour)
    exif = image.getexif()
    if gps:
        position = exif.get_ifd(0x8825)
        position.update({1: "N", 2: (51.0, 3.0, 7.5), 3: "E", 4: (13.0, 44.0, 1.0)})
    image.save(path, "JPEG", quality=85, exif=exif)
    return str(path)


class Site:
    """One test site: tmp/site/content (a minimal valid site), decoys in tmp/site, builds from tmp/cwd."""

    def __init__(self, tmp_path, marker: str = "zqnonex"):
        self.tmp = Path(tmp_path)
        self.root = self.tmp / "site"
        self.files = SiteFiles(self.root).minimal()
        self.content = self.files.content
        self.output = str(self.root / "output")
        self.m = marker
        self.decoys = self._decoys()
        # Made before any snapshot: the build's working folder and the settings without the checker.
        (self.tmp / "cwd").mkdir(exist_ok=True)
        (self.tmp / "settings").mkdir(exist_ok=True)
        self.settings_without_checker = settings_file(str(self.tmp / "settings"), CONTENT_CONTRACT_CHECK=False)

    def _decoys(self) -> dict[str, str]:
        root = self.root
        decoys = {
            "favicon": root / "theme" / "static" / "img" / "favicon.svg",
            "secret": root / "geheim.txt",
            "config": root / "pelicanconf.py",
            "story": root / "aussen" / "geschichte.md",
            "document": root / "aussen" / "dokumente" / "plan.pdf",
            "stages": root / "aussen" / "stages.yml",
        }
        for path in decoys.values():
            path.parent.mkdir(parents=True, exist_ok=True)
        decoys["favicon"].write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>\n')
        decoys["secret"].write_text(f"{SECRET}\n")
        decoys["config"].write_text(f'SITENAME = "{SECRET}"\n')
        front = yaml.safe_dump(story_fields(summary=f"Außerhalb {SECRET}"), allow_unicode=True, sort_keys=False)
        decoys["story"].write_text(f"---\n{front}---\n\n{BODY}\n{SECRET}\n\n<script>alert('{SECRET}')</script>\n")
        decoys["document"].write_bytes(b"%PDF-1.4\n% " + SECRET.encode() + b"\n%%EOF\n")
        shutil.copy(os.path.join(ROOT, "content", "data", "stages.yml"), decoys["stages"])
        decoys["photo"] = Path(jpeg(root / "bilder" / "aussen.jpg"))
        decoys["photos"] = Path(jpeg(root / "aussen" / "bilder" / "beratung.jpg"))
        return {name: str(path) for name, path in decoys.items()}

    # --- writing content -----------------------------------------------------------------------------

    def write(self, relative: str, data) -> str:
        """A file below content/ (text or bytes), with the marker filled in."""
        return self.files.write(fill(relative, self.m), fill(data, self.m) if isinstance(data, str) else data)

    def link(self, relative: str, target: str) -> str:
        """A symbolic link below content/ pointing at target (absolute, or relative to the link's folder)."""
        path = self.files.path(relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.lexists(path):
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
        os.symlink(target, path)
        return path

    def story(self, slug: str, /, body: str = "", fields: dict | None = None, **changes) -> str:
        """A valid story with changed fields and text appended to the usual body."""
        values = fill(fields if fields is not None else story_fields(**changes), self.m)
        text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
        return self.files.write(f"stories/{fill(slug, self.m)}.md", f"---\n{text}---\n\n{BODY}\n{fill(body, self.m)}\n")

    def raw_story(self, slug: str, front_matter: str, body: str = BODY) -> str:
        """A story whose front matter is written exactly as given."""
        return self.files.write(f"stories/{fill(slug, self.m)}.md", f"---\n{fill(front_matter, self.m)}---\n\n{fill(body, self.m)}\n")

    def actor(self, actor_id: str, /, **changes) -> str:
        """A valid actor with changed fields."""
        text = yaml.safe_dump(fill(actor_fields(**changes), self.m), allow_unicode=True, sort_keys=False)
        return self.files.write(f"actors/{fill(actor_id, self.m)}.yml", text)

    def page(self, slug: str, /, body: str = "Ein kurzer Text über die Plattform.", **changes) -> str:
        """A valid page with changed fields."""
        fields = {"title": "Angriffsseite", "slug": slug, "summary": "Kurz erklärt.", **changes}
        text = yaml.safe_dump(fill(fields, self.m), allow_unicode=True, sort_keys=False)
        return self.files.write(f"pages/{slug}.md", f"---\n{text}---\n\n{fill(body, self.m)}\n")

    def add_benign(self) -> None:
        """Everything an honest editor may write: logo, links, quotes, facts, materials, footnotes, a table, an alias."""
        os.makedirs(self.files.path("images/logos"), exist_ok=True)
        Image.new("RGBA", (120, 60), (20, 90, 160, 255)).save(self.files.path("images/logos/gut.png"), "PNG")
        self.files.write("files/plan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        self.actor(
            "gutes-beispiel", name="Gutes Beispiel e.V.", website="https://example.org/verein", email="kontakt@example.org",
            phone="+49 351 000000", address={"street": "Hauptstraße 1", "postcode": "01067", "city": "Dresden"},
            geo={"lat": 51.05, "lon": 13.74}, social={"mastodon": "https://social.example.org/@verein"},
            logo={"src": "images/logos/gut.png", "alt": "Logo: Schriftzug Gutes Beispiel"},
            description="Der Verein hilft **Familien** in Dresden. Mehr auf [der Website](https://example.org/verein).\n\n- Beratung\n- Begleitung\n",
        )
        body = (
            "\n## Zahlen und Quellen\n\nDie Beratung erreicht viele Familien.[^1] Mehr dazu bei "
            "[der Stadt](https://example.org/stadt) und in [einer anderen Geschichte](/geschichten/beratung-per-video/).\n\n"
            "![Ein Tablet auf einem Küchentisch](/images/beratung.jpg)\n\n| Jahr | Familien |\n| --- | ---: |\n| 2024 | 120 |\n\n"
            "> Ein Zitat aus dem Alltag.\n\n```\nCode bleibt Code: <script>\n```\n\n*[SINN]: Soziale Innovationen\n\n"
            "[^1]: Angabe des Vereins.\n"
        )
        self.story(
            "gute-geschichte", body=body, actors=["beratungsverein", "gutes-beispiel"],
            quotes=[{"text": "Wir kommen zu den Menschen.", "by": "Anna Beispiel", "role": "Projektleiterin"}],
            facts=[{"label": "Familien im Jahr", "value": "120", "source": "Angabe des Vereins"}],
            contact={"name": "Anna Beispiel", "email": "anna@example.org", "phone": "+49 351 000001"},
            links={"website": "https://example.org/projekt", "video": "https://example.org/video"},
            transfer={**{"costs": {"min": 5000, "max": 12000, "note": "ohne Miete"}, "staff": "eine halbe Stelle",
                         "duration": "sechs Monate", "lessons": ["Früh mit der Kommune reden."]},
                      "materials": [{"title": "Plan", "file": "files/plan.pdf"}, {"title": "Leitfaden", "url": "https://example.org/leitfaden"}]},
            aliases=["/geschichten/alte-gute-geschichte/"], reviewed=(datetime.date.today() - datetime.timedelta(days=30)).isoformat(),
            reviewed_by="Redaktion SINN",
        )
        self.page("gute-seite", body="## Worum es geht\n\nEine Seite mit einem [Link](https://example.org).", title="Gute Seite")

    # --- building --------------------------------------------------------------------------------------

    def build(self, checker: bool, timeout: int = BUILD_TIMEOUT, memory: int = MEMORY_LIMIT) -> Run:
        """The real build command into tmp/site/output, with the repository's settings or without the checker."""
        settings = os.path.join(ROOT, "pelicanconf.py") if checker else self.settings_without_checker
        command = ["-m", "tools.build", "--settings", settings, "--content", self.content, "--output", self.output]
        return run_python(command, self.tmp / "cwd", timeout, memory)

    def check(self, *args: str, timeout: int = CHECK_TIMEOUT, memory: int = MEMORY_LIMIT) -> Run:
        """`make check`'s command in a process of its own (for input that may crash or hang a parser)."""
        return run_python(["-m", "tools.check", self.content, *args], self.tmp / "cwd", timeout, memory)

    def install_output(self, built: str) -> dict[str, bytes]:
        """Put a previously built site at tmp/site/output; return its files."""
        shutil.rmtree(self.output, ignore_errors=True)
        shutil.copytree(built, self.output, symlinks=True)
        return tree(self.output)


@dataclass
class Run:
    """A finished (or killed) process: exit code (None when it ran out of time), output and time taken."""

    returncode: int | None
    stdout: str
    stderr: str
    seconds: float

    @property
    def log(self) -> str:
        """Everything the process printed."""
        return self.stdout + self.stderr

    def describe(self) -> str:
        """The exit code and the end of the output, for assertion messages."""
        code = "Zeitüberschreitung" if self.returncode is None else self.returncode
        return f"exit {code} after {self.seconds:.1f}s:\n{self.log[-3000:]}"


def run_python(arguments: list[str], cwd: Path, timeout: int, memory: int) -> Run:
    """Run this Python with arguments in cwd, with the secret in its environment, in its own process group."""
    cwd.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, SECRET_ENV: SECRET, "PYTHONPATH": os.pathsep.join([ROOT, os.path.join(ROOT, "plugins")])}
    env.pop("GITHUB_ACTIONS", None)

    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, *arguments], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        errors="replace", start_new_session=True,
    )
    # An alias bomb or a runaway parser must not take the machine's memory from everyone else on it.
    with contextlib.suppress(ProcessLookupError):  # it may already have finished
        resource.prlimit(process.pid, resource.RLIMIT_AS, (memory, memory))
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        code = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        code = None
    return Run(code, stdout, stderr, time.monotonic() - started)


def tree(folder) -> dict[str, bytes]:
    """Every file below a folder with its bytes (links as their target, never followed)."""
    files = {}
    for directory, folders, names in os.walk(folder):
        for name in folders + names:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, folder)
            if os.path.islink(path):
                files[relative] = b"link:" + os.readlink(path).encode()
            elif name in names and os.path.isfile(path):
                files[relative] = Path(path).read_bytes()
    return files


_NOT_TREE = re.compile(r"^(?:site/output|site/\.cache|site/output\.(?:building|old)-\d+|settings/__pycache__)(?:/|$)")


def snapshot(tmp) -> dict[str, str]:
    """A hash of everything below tmp except the output folder, its staging/retired siblings and the caches."""
    state = {}
    for directory, folders, names in os.walk(tmp):
        relative_dir = os.path.relpath(directory, tmp).replace(os.sep, "/")
        prefix = "" if relative_dir == "." else relative_dir + "/"
        folders[:] = [f for f in folders if not _NOT_TREE.match(prefix + f)]
        for name in folders + names:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, tmp).replace(os.sep, "/")
            if os.path.islink(path):
                state[relative] = "link:" + os.readlink(path)
            elif os.path.isdir(path):
                state[relative] = "folder"
            elif os.path.isfile(path):
                state[relative] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            else:
                state[relative] = "special"
    return state


def tree_changes(before: dict, after: dict) -> list[str]:
    """What changed between two snapshots, one line each."""
    changes = [f"neu: {p}" for p in sorted(after.keys() - before.keys())]
    changes += [f"gelöscht: {p}" for p in sorted(before.keys() - after.keys())]
    changes += [f"geändert: {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return changes


def forbidden_blobs(site: Site) -> frozenset:
    """Hashes of files that must never be published as they are: the decoys and the machine's files."""
    blobs = set()
    for path in [*site.decoys.values(), "/etc/hostname", "/etc/passwd"]:
        try:
            blobs.add(hashlib.sha256(Path(path).read_bytes()).hexdigest())
        except OSError:
            continue
    return frozenset(blobs)


def workflow_commands(text: str) -> list[str]:
    """Lines GitHub Actions would read as a workflow command, other than the checker's own escaped annotations.

    An annotation's message must be escaped too: every "%" written as %25, %0D or %0A, so a value from
    content cannot become a line break inside it.
    """
    found = []
    for line in re.split(r"\r\n|\r|\n", text):
        if not WORKFLOW_COMMAND.match(line):
            continue
        annotation = ANNOTATION.match(line)
        if not annotation or re.search(r"%(?!25|0A|0D)", line[annotation.end():]):
            found.append(line)
    return found


def english_exceptions(text: str) -> list[str]:
    """Tracebacks, exception class names and crash messages in a text meant for editors."""
    return ENGLISH_EXCEPTION.findall(text)


def repository_state() -> dict[str, str]:
    """Hashes of the repository files attacks aim at (theme images, content images): these must never change."""
    state = {}
    for folder in ("theme/static/img", "content/images", "content/files"):
        for path in sorted(Path(ROOT, folder).rglob("*")):
            if path.is_file():
                state[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state
