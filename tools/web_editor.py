"""The web editor (/admin/) in Chromium without GitHub, and `make screenshots-editor`.

A site built with WEB_EDITOR_BACKEND = "test-repo" runs Sveltia CMS on its test repository: the
repository lives in the browser's own storage (origin private file system) and nothing is sent
anywhere. `EditorSession` puts a content folder's files there, signs in, fills the story form as an
editor would (typing, ticking, uploading a photo) and reads back the files the CMS saved, byte for
byte. tests/test_web_editor.py checks those files with `make check`; `python -m tools.web_editor`
(make screenshots-editor) photographs the sign-in page (GitHub backend) and the story form for
CONTRIBUTING.md into docs/web-editor/.
"""

from __future__ import annotations

import argparse
import base64
import functools
import logging
import os
import re
import ssl
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from tools import ROOT
from tools.local_browser import CHROMIUM, CHROMIUM_ARGS, StaticServer, launch_chromium

logger = logging.getLogger("sinn.web_editor")

# The address the sign-in page is photographed at (mapped to this machine; not localhost, where the CMS shows more).
SHOWN_HOST = "sinn.test"

# Where Sveltia CMS keeps its test repository in the origin private file system.
TEST_REPOSITORY = "sveltia-cms-test"
_SEED = """
async ([folder, files]) => {
  const root = await navigator.storage.getDirectory();
  const repository = await root.getDirectoryHandle(folder, {create: true});
  for (const [path, encoded] of Object.entries(files)) {
    const parts = path.split("/");
    let directory = repository;
    for (const part of parts.slice(0, -1)) directory = await directory.getDirectoryHandle(part, {create: true});
    const writable = await (await directory.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
    await writable.close();
  }
}
"""
_READ = """
async (folder) => {
  const found = {};
  const walk = async (directory, prefix) => {
    for await (const [name, handle] of directory.entries()) {
      if (handle.kind === "directory") { await walk(handle, prefix + name + "/"); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let text = "";
      for (const byte of bytes) text += String.fromCharCode(byte);
      found[prefix + name] = btoa(text);
    }
  };
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(folder), "");
  return found;
}
"""
# A story as an editor types it: the title's umlauts and ß must become ae, oe, ue and ss in the file name.
STORY = {
    "title": "Nachbarschaftshilfe für Ältere: Einkäufe über die Straße",
    "summary": "Ehrenamtliche kaufen für ältere Nachbarinnen und Nachbarn ein, die nicht mehr gut zu Fuß sind, "
               "und bleiben für ein Gespräch.",
    "themes": ["nachbarschaft-engagement"],
    "regions": ["dresden"],
    "stage": "pilot",
    "target_groups": ["aeltere-menschen"],
    "actors": ["nachbarschaftsnetz-oberlausitz"],
    "alt": "Eine junge Frau reicht einer älteren Frau an der Haustür eine Einkaufstasche",
    "credit": "Foto: Anna Beispiel",
    "license": "CC BY 4.0",
    "body": [
        "Im Quartier wohnen viele ältere Menschen allein. Der Weg zum Supermarkt ist für manche zu weit, und der Bus "
        "fährt nur zweimal in der Stunde. Deshalb haben sich Nachbarinnen und Nachbarn zusammengetan.",
        "Wer Hilfe braucht, ruft im Nachbarschaftsbüro an oder hängt einen Zettel an die Pinnwand im Hausflur. "
        "Ehrenamtliche übernehmen den Einkauf, bringen die Tasche bis in die Küche und bleiben oft noch auf einen Kaffee. "
        "So entstehen Bekanntschaften, die über den Einkauf hinaus halten, und niemand muss um Hilfe betteln.",
        "Inzwischen machen dreißig Menschen mit, die jüngste ist sechzehn, der älteste über siebzig. Das Büro stimmt die "
        "Termine ab und achtet darauf, dass immer dieselben Leute zu denselben Türen kommen.",
    ],
}

# An actor profile as an editor enters it: the address's postcode must stay text, the coordinates numbers.
ACTOR = {
    "name": "Rollwerk Görlitz e. V.",
    "type": "initiative",
    "regions": ["goerlitz"],
    "description": "Der Verein repariert Rollstühle und Rollatoren, kostenlos und in der Nachbarschaft.",
    "website": "https://example.org/rollwerk",
    "postcode": "02826",
    "city": "Görlitz",
    "lat": "51.15",
    "lon": "14.98",
    "founded": "2019",
    "legal_form": "e. V.",
}


class EditorSession:
    """One browser page on the web editor of a site served at `origin`, on the CMS's test repository."""

    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin

    def open(self, repository: dict[str, bytes]) -> None:
        """Load /admin/, put the files into the test repository and sign in to it."""
        self.page.goto(self.origin + "/admin/", wait_until="networkidle")
        encoded = {path: base64.b64encode(data).decode("ascii") for path, data in repository.items()}
        self.page.evaluate(_SEED, [TEST_REPOSITORY, encoded])
        sign_in = self.page.get_by_role("button").filter(has_text=re.compile("Test"))
        sign_in.click()
        sign_in.wait_for(state="detached", timeout=30000)

    def new_entry(self, collection: str) -> None:
        """Open the empty form of a new entry."""
        self.page.goto(f"{self.origin}/admin/#/collections/{collection}/new")
        self.page.wait_for_selector('section[data-key-path="title"] input, section[data-key-path="name"] input', timeout=30000)

    def field(self, path: str, inner: str = ""):
        """The field at a key path ("image.alt"), scrolled into view (the CMS draws fields as they come into view)."""
        section = self.page.locator(f'section[data-key-path="{path}"]')
        for _ in range(60):
            if section.count():
                section.first.scroll_into_view_if_needed()
                return section.first.locator(inner).first if inner else section.first
            self.page.mouse.move(400, 600)
            self.page.mouse.wheel(0, 400)
            self.page.wait_for_timeout(100)
        raise LookupError(f"Das Feld {path} erscheint nicht im Formular.")

    def fill_story(self, story: dict, photo: str | None = None) -> None:
        """Fill the story form as an editor would: type, tick, choose, upload the photo, write the text."""
        self.field("title", "input").fill(story["title"])
        self.field("summary", "textarea").fill(story["summary"])
        for name in ("themes", "regions", "target_groups"):
            for value in story.get(name, ()):
                self.field(name, f"[role=checkbox][value='{value}']").click()
        self.field("stage", f"[role=radio][value='{story['stage']}']").click()
        actor = f"[value='{story['actors'][0]}']" if story.get("actors") else ""
        self.field("actors", f"[role=checkbox]{actor}").click()
        if photo:
            self.field("image.src", "input[type=file]").set_input_files(photo)
            # The photo is scaled and re-encoded in the browser first; its new name appears when that is done.
            self.page.wait_for_selector('section[data-key-path="image.src"] [role=textbox]', state="attached", timeout=60000)
        self.field("image.alt", "input").fill(story["alt"])
        self.field("image.credit", "input").fill(story["credit"])
        self.field("image.license", "input").fill(story["license"])
        self.field("body", "[contenteditable=true]").click()
        for number, paragraph in enumerate(story["body"]):
            if number:
                self.page.keyboard.press("Enter")
            self.page.keyboard.type(paragraph)

    def fill_actor(self, actor: dict) -> None:
        """Fill the actor form: name, type, regions, description, website, address, position, founding year, legal form."""
        self.field("name", "input").fill(actor["name"])
        self.field("type", f"[role=radio][value='{actor['type']}']").click()
        for region in actor["regions"]:
            self.field("regions", f"[role=checkbox][value='{region}']").click()
        self.field("description", "[contenteditable=true]").click()
        self.page.keyboard.type(actor["description"])
        self.field("website", "input").fill(actor["website"])
        for group, names in (("address", ("postcode", "city")), ("geo", ("lat", "lon"))):
            self.field(group, "[role=checkbox]").click()  # an optional group opens with its box
            for name in names:
                self.field(f"{group}.{name}", "input").fill(actor[name])
        self.field("founded", "input").fill(actor["founded"])
        self.field("legal_form", "input").fill(actor["legal_form"])

    def save(self) -> None:
        """Press "Speichern" and wait until the CMS has written the entry."""
        self.page.get_by_role("button", name=re.compile("^(Speichern|Save)$")).click()
        self.page.wait_for_selector("text=/Eintrag gespeichert|Entry saved/", timeout=30000)

    def files(self) -> dict[str, bytes]:
        """Every file of the test repository, by path, as the CMS wrote it."""
        return {path: base64.b64decode(data) for path, data in self.page.evaluate(_READ, TEST_REPOSITORY).items()}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def repository_files(content: str, folders=("actors", "data", "stories")) -> dict[str, bytes]:
    """The text files of a content folder as the repository holds them ("content/actors/x.yml" → bytes)."""
    found = {}
    for folder in folders:
        for directory, _subfolders, names in os.walk(os.path.join(content, folder)):
            for name in sorted(names):
                path = os.path.join(directory, name)
                with open(path, "rb") as handle:
                    found["content/" + os.path.relpath(path, content).replace(os.sep, "/")] = handle.read()
    return found


def _build(folder: str, **settings) -> str:
    """The sample content built with the repository's settings and these changes; returns the output folder."""
    os.makedirs(folder, exist_ok=True)
    conf = os.path.join(folder, "editorconf.py")
    lines = [f"import sys\nsys.path.insert(0, {ROOT!r})", "from pelicanconf import *  # noqa: F403",
             f"THEME = {os.path.join(ROOT, 'theme')!r}", f"PLUGIN_PATHS = [{os.path.join(ROOT, 'plugins')!r}]"]
    lines += [f"{name} = {value!r}" for name, value in settings.items()]
    with open(conf, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    output = os.path.join(folder, "output")
    command = [sys.executable, "-m", "tools.build", "--settings", conf, "--content", os.path.join(ROOT, "content"), "--output", output]
    subprocess.run(command, cwd=ROOT, check=True, timeout=600)
    return output


class _HttpsServer(StaticServer):
    """A StaticServer over HTTPS with a throw-away certificate: the CMS runs on other hosts than localhost only over HTTPS."""

    def __init__(self, folder: str, work: str):
        key, cert = os.path.join(work, "key.pem"), os.path.join(work, "cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                        "-subj", f"/CN={SHOWN_HOST}"], check=True, capture_output=True, timeout=60)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=folder))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.origin = f"https://{SHOWN_HOST}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()


def _sign_in_page(playwright, work: str, target: str) -> list[str]:
    """The sign-in page and its token dialog as editors see them at the site's address (on localhost the CMS offers more)."""
    folder = os.path.join(work, "github")
    os.makedirs(folder, exist_ok=True)
    with _HttpsServer(folder, work) as server:
        site = server.origin + "/output"
        _build(folder, WEB_EDITOR_REPO="organisation/schaufenster", SITEURL=site)
        resolve = f"--host-resolver-rules=MAP {SHOWN_HOST} 127.0.0.1"
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, resolve])
        page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="de-DE", ignore_https_errors=True)
        page.goto(site + "/admin/", wait_until="networkidle")
        sign_in = page.get_by_role("button", name=re.compile("Zugriffstoken"))
        sign_in.wait_for()
        page.wait_for_timeout(500)  # the loading message fades out
        paths = [os.path.join(target, "anmelden.png"), os.path.join(target, "anmelden-token.png")]
        page.screenshot(path=paths[0])
        sign_in.click()
        page.wait_for_timeout(1000)
        page.screenshot(path=paths[1])
        browser.close()
    return paths


def take(target: str, photo: str) -> list[str]:
    """Photograph the sign-in page and the story form into target; returns the files written."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    os.makedirs(target, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        written = _sign_in_page(playwright, work, target)
        local = _build(os.path.join(work, "test"), WEB_EDITOR_BACKEND="test-repo")
        browser = launch_chromium(playwright)
        with StaticServer(local) as server:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="de-DE")
            session = EditorSession(page, server.origin)
            session.open(repository_files(os.path.join(ROOT, "content")))
            session.new_entry("stories")
            session.fill_story(STORY, photo)
            for name, path in (("geschichte-formular.png", "title"), ("geschichte-titelbild.png", "image"), ("geschichte-text.png", "body")):
                session.field(path).evaluate("element => element.scrollIntoView({block: 'start'})")
                page.mouse.move(0, 0)
                written.append(os.path.join(target, name))
                page.screenshot(path=written[-1])
        browser.close()
    return written


def main(argv=None) -> int:
    """Command line entry point: make screenshots-editor."""
    parser = argparse.ArgumentParser(description="Bildschirmfotos des Web-Editors (Anmeldung und Formular einer Geschichte).")
    parser.add_argument("--target", default=os.path.join(ROOT, "docs", "web-editor"))
    parser.add_argument("--photo", default=os.path.join(ROOT, "content", "images", "stories", "familienbus-vogtland.jpg"))
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    for path in take(args.target, args.photo):
        logger.info("geschrieben: %s", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
