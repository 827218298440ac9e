"""The web editor at /admin/ (sinn_web_editor): Sveltia CMS served by the site, its form generated from the contract.

Small real sites are built in tmp_path. The form must offer every field of schema/*.schema.json with
its rules and every term of content/data/ (the expectation is read from there, independently of the
plugin, so a new schema field without a form field fails here); a story saved in Chromium through
the CMS (its test repository keeps everything in the browser) must pass `make check`; /admin/ has
its own policy and keeps robots out, while every public page keeps the strict policy and the sitemap,
the search index and the feeds know nothing of /admin/.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BuiltSite
from imagefiles import phone_exif, photo
from PIL import Image

from sinn_content_contract.formats import SLUG_PATTERN
from sinn_hosting import DEFAULTS as HOSTING_DEFAULTS
from sinn_hosting import content_security_policy, resolve_sources
from sitefiles import ROOT, SiteFiles, actor_fields, check_in_process, run_build, settings_file
from tools import schema_fields
from tools.local_browser import StaticServer
from tools.web_editor import ACTOR, STORY, EditorSession, repository_files

REPOSITORY = "beispiel/schaufenster"
DATA = os.path.join(ROOT, "content", "data")
CMS_SCHEMA = os.path.join(ROOT, "node_modules", "@sveltia", "cms", "schema", "sveltia-cms.json")


def small_site(root) -> SiteFiles:
    """Two actors, a story and the legal pages, with the real vocabularies."""
    site = SiteFiles(root).minimal()
    site.actor("pflegenetz-goerlitz", actor_fields(name="Pflegenetz Görlitz e. V.", type="wohlfahrtsverband", regions=["goerlitz"]))
    return site


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """A small site built as `make publish` builds it, for a repository, served at its own address (SINN_SITEURL)."""
    root = tmp_path_factory.mktemp("editor")
    site = small_site(root / "source")
    www = root / "www"
    www.mkdir()
    server = StaticServer(str(www))
    settings = settings_file(root, base="publishconf", WEB_EDITOR_REPO=REPOSITORY)
    process = run_build(site.content, str(www), settings, env={"SINN_SITEURL": server.origin})
    if process.returncode != 0:
        server.stop()
        pytest.fail(f"build failed ({process.returncode}):\n{process.stderr}")
    yield {"built": BuiltSite(str(www), process), "server": server, "config": yaml.safe_load((www / "admin" / "config.yml").read_text("utf-8"))}
    server.stop()


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def form_field(fields: list[dict], path: tuple[str, ...]) -> dict | None:
    """The CMS field at a schema path: an object's sub-fields under "fields", a list's entry fields under "fields" too."""
    found = next((f for f in fields if f["name"] == path[0]), None)
    if found is None or len(path) == 1:
        return found
    return form_field(found.get("fields", []), path[1:])


def vocabulary_ids(name: str) -> list[str]:
    with open(os.path.join(DATA, f"{name}.yml"), encoding="utf-8") as handle:
        return [term["id"] for term in yaml.safe_load(handle)]


@pytest.mark.parametrize(("kind", "name"), [("story", "stories"), ("actor", "actors")])
def test_the_form_has_every_field_of_the_schema_with_its_rules(editor_site, kind, name):
    fields = collection(editor_site["config"], name)["fields"]
    top = [field.name for field in schema_fields.fields(kind)]
    assert [f["name"] for f in fields if f["name"] != "body"] == top, "the schema's fields in its order: the order of the front matter"
    checked = 0
    for field in (f for top_field in schema_fields.fields(kind) for f in top_field.walk()):
        cms = form_field(fields, field.path)
        assert cms is not None, f"{kind}: {field.label} fehlt im Formular"
        assert cms["required"] is field.required, f"{kind}: {field.label}"
        assert html.unescape(cms.get("hint", "")) == field.description, f"{kind}: {field.label}: the schema's description is the hint"
        assert cms["label"] != field.name, f"{kind}: {field.label} has no German label (plugins/sinn_web_editor/labels.py)"
        vocabulary = field.vocabulary
        if vocabulary == "actors":
            assert (cms["widget"], cms["collection"], cms["value_field"]) == ("relation", "actors", "{{slug}}")
        elif vocabulary and "propertyNames" in field.schema:  # summaries: one optional text per language
            assert cms["widget"] == "object" and [f["name"] for f in cms["fields"]] == vocabulary_ids(vocabulary), field.label
            assert not any(f["required"] for f in cms["fields"]) and {f["widget"] for f in cms["fields"]} == {"text"}, field.label
        elif vocabulary:
            assert cms["widget"] == "select" and [o["value"] for o in cms["options"]] == vocabulary_ids(vocabulary), field.label
        if "enum" in field.schema:
            assert [o["value"] for o in cms["options"]] == field.schema["enum"]
        if field.schema.get("type") == "array":
            assert cms.get("min", 0) == field.schema.get("minItems", 0) and cms.get("max") == field.schema.get("maxItems"), field.label
        if field.schema.get("maxLength"):
            assert cms["maxlength"] == field.schema["maxLength"], field.label
        if field.schema.get("x-format") == "date":
            assert (cms["widget"], cms["format"]) == ("datetime", "YYYY-MM-DD"), field.label
        checked += 1
    assert checked > (40 if kind == "story" else 20)


def test_every_term_of_every_vocabulary_is_offered(editor_site):
    config = editor_site["config"]
    offered: dict[str, list[list]] = {}
    for name, kind in (("stories", "story"), ("actors", "actor")):
        for field in (f for top in schema_fields.fields(kind) for f in top.walk()):
            if field.vocabulary and field.vocabulary != "actors":
                cms = form_field(collection(config, name)["fields"], field.path)
                values = [option["value"] for option in cms["options"]] if "options" in cms else [f["name"] for f in cms["fields"]]
                offered.setdefault(field.vocabulary, []).append(values)
    files = sorted(name[:-4] for name in os.listdir(DATA) if name.endswith(".yml"))
    assert sorted(offered) == files, "every vocabulary in content/data/ is used by a field"
    for vocabulary, lists in offered.items():
        for values in lists:
            assert values == vocabulary_ids(vocabulary), vocabulary


def test_the_configuration_is_valid_for_the_pinned_cms(editor_site):
    import jsonschema

    with open(CMS_SCHEMA, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [list(error.absolute_path) for error in validator.iter_errors(editor_site["config"])] == []


def test_saving_opens_a_pull_request_and_photos_are_scaled_and_re_encoded_in_the_browser(editor_site):
    config = editor_site["config"]
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == REPOSITORY and config["backend"]["branch"] == "main"
    assert config["publish_mode"] == "editorial_workflow"
    raster = config["media_libraries"]["default"]["config"]["transformations"]["raster_image"]
    assert raster["format"] == "webp" and raster["width"] == raster["height"] == 2560
    stories, actors = collection(config, "stories"), collection(config, "actors")
    assert (stories["folder"], stories["extension"], actors["folder"], actors["extension"]) == ("content/stories", "md", "content/actors", "yml")
    assert stories["slug"]["pattern"][0] == actors["slug"]["pattern"][0] == SLUG_PATTERN, "the checker's rule for file names"
    assert config["slug"]["encoding"] == "ascii" and config["slug"]["clean_accents"] is True
    assert form_field(stories["fields"], ("status",))["default"] == "draft", "a new story starts as a draft"
    image = form_field(stories["fields"], ("image", "src"))
    assert (image["widget"], image["media_folder"]) == ("image", "/content/images/stories") and ".svg" not in image["accept"]


def parse_policy(text: str) -> dict[str, list[str]]:
    return {words[0]: words[1:] for words in (part.split() for part in text.split(";")) if words}


def policy_of(soup) -> str:
    return soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def headers_blocks(text: str) -> dict[str, dict[str, str]]:
    blocks: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if line and not line[0].isspace():
            current = blocks.setdefault(line.strip(), {})
        elif line.strip():
            name, value = line.strip().split(":", 1)
            current[name.strip()] = value.strip()
    return blocks


def test_admin_has_its_own_policy_and_keeps_robots_out_while_every_public_page_keeps_the_strict_one(editor_site):
    built, origin = editor_site["built"], editor_site["server"].origin
    admin = built.html("/admin/")
    policy = parse_policy(policy_of(admin))
    assert policy["script-src"] == [f"{origin}/admin/"], "scripts only from the editor's own folder"
    assert "https://api.github.com" in policy["connect-src"] and "'unsafe-inline'" in policy["style-src"]
    assert not any("'unsafe-eval'" in sources or "*" in sources or "https:" in sources for sources in policy.values())
    assert admin.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    blocks = headers_blocks(built.file("/_headers").read_text(encoding="utf-8"))
    assert blocks["/admin/*"]["X-Robots-Tag"] == "noindex, nofollow"
    assert parse_policy(blocks["/admin/*"]["Content-Security-Policy"]) == {**policy, "frame-ancestors": ["'none'"]}
    strict = content_security_policy(resolve_sources(HOSTING_DEFAULTS["HOSTING_CSP"], {"SITEURL": origin, "THEME_STATIC_DIR": "theme",
                                                                                         "SEARCH_INDEX_BUNDLE_DIR": "pagefind"}))
    assert blocks["/*"]["Content-Security-Policy"] == strict, "the site's own policy is unchanged"
    pages = built.pages()
    assert len(pages) > 10
    for path in pages:
        assert parse_policy(policy_of(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))) == parse_policy(strict.replace(
            "; frame-ancestors 'none'", "")), path
    assert "Disallow: /admin/" in built.file("/robots.txt").read_text(encoding="utf-8").splitlines()


def test_admin_is_in_neither_the_sitemap_nor_the_search_index_nor_the_feeds(editor_site):
    built = editor_site["built"]
    root = ET.parse(built.file("/sitemap.xml")).getroot()
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and not [loc for loc in locations if "/admin" in loc]
    assert "data-pagefind-body" not in built.file("/admin/").read_text(encoding="utf-8")
    fragments = list((built.output / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "the search index was built"
    for fragment in fragments:
        assert b"/admin/" not in gzip.decompress(fragment.read_bytes()), fragment.name
    feeds = list(built.output.rglob("*.atom.xml"))
    assert feeds and not [feed for feed in feeds if "/admin" in feed.read_text(encoding="utf-8")]


def test_the_editor_loads_nothing_from_other_hosts_and_tells_the_browser_no_update_is_due(editor_site):
    admin = editor_site["built"].output / "admin"
    for script in [admin / "sveltia-cms.js", admin / "editor.js"]:
        text = script.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn.jsdelivr.net" not in text, script.name
    fonts = re.findall(r"fonts/([a-z0-9-]+\.woff2)", (admin / "sveltia-cms.js").read_text(encoding="utf-8"))
    assert fonts and all((admin / "fonts" / name).is_file() for name in fonts)
    with open(os.path.join(ROOT, "node_modules", "@sveltia", "cms", "package.json"), encoding="utf-8") as handle:
        pinned = json.load(handle)["version"]
    assert json.loads((admin / "npm" / "@sveltia" / "cms" / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    assert (admin / "npm" / "@sveltia" / f"cms@{pinned}" / "locales" / "de.json").is_file()


@pytest.mark.parametrize(("changes", "says"), [
    ({"WEB_EDITOR_REPO": REPOSITORY, "WEB_EDITOR_NODE_MODULES": "/nirgends/node_modules"}, "npm ci"),
    ({"WEB_EDITOR_REPO": ""}, "WEB_EDITOR_REPO"),
])
def test_without_the_cms_or_a_repository_the_site_is_built_and_admin_says_what_to_do(tmp_path, changes, says):
    site = small_site(tmp_path / "source")
    process = run_build(site.content, str(tmp_path / "output"), settings_file(tmp_path, **changes))
    assert process.returncode == 0, process.stderr
    page = BuiltSite(str(tmp_path / "output"), process)
    assert page.exists("/geschichten/beratung-per-video/")
    admin = page.html("/admin/")
    assert admin.h1.get_text() == "Web-Editor nicht eingerichtet" and says in admin.get_text() and admin.find("script") is None
    assert not page.exists("/admin/config.yml")
    if "WEB_EDITOR_NODE_MODULES" in changes:
        warnings = [line for line in process.stderr.splitlines() if line.startswith("Warnung:")]
        assert len(warnings) == 1 and "Sveltia CMS ist nicht installiert" in warnings[0] and "`npm ci`" in warnings[0]
    else:
        assert "Warnung" not in process.stderr, "a local build without a repository is normal"


@pytest.fixture
def watched(chromium):
    """A page under the site's own policies that records every request, console message, uncaught error and policy violation."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                         "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.requests, page.problems = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    # The console says only "Failed to load resource"; this says which.
    page.on("response", lambda response: response.status >= 400 and page.problems.append(f"{response.status} {response.url}"))
    page.on("pageerror", lambda error: page.problems.append(f"uncaught: {error}"))
    yield page
    context.close()


@pytest.mark.browser
def test_admin_loads_without_errors_and_asks_no_other_host_before_sign_in(editor_site, watched):
    origin = editor_site["server"].origin
    watched.goto(origin + "/admin/", wait_until="networkidle")
    watched.get_by_role("button", name=re.compile("Zugriffstoken")).wait_for()
    watched.wait_for_load_state("networkidle")
    assert watched.title() == "Web-Editor – Soziale Innovationen in Sachsen"
    icon = watched.locator('link[rel="icon"]').first.get_attribute("href")
    assert icon.endswith("/theme/img/favicon.svg"), "else the browser asks for /favicon.ico"
    assert [url for url in watched.requests if not url.startswith((origin + "/", "blob:", "data:"))] == []
    assert any("/admin/npm/@sveltia/cms@" in url and url.endswith("/locales/de.json") for url in watched.requests), "German, from here"
    assert watched.problems == [] and watched.evaluate("window.__violations") == []


@pytest.fixture(scope="module")
def browser_repository_site(tmp_path_factory):
    """A small site whose editor keeps its repository in the browser (WEB_EDITOR_BACKEND = "test-repo"), served locally."""
    root = tmp_path_factory.mktemp("testrepo")
    site = small_site(root / "source")
    process = run_build(site.content, str(root / "output"), settings_file(root, WEB_EDITOR_BACKEND="test-repo"))
    assert process.returncode == 0, process.stderr
    server = StaticServer(str(root / "output"))
    yield {"site": site, "server": server}
    server.stop()


# What the CMS wrote (Sveltia CMS 0.221.1, tools/web_editor.py's story with facts, focus, links, contact, a review and the
# guide's required parts filled in as well): YAML as it serialises it, quotes only where needed, dates bare, lists
# indented, numbers as numbers, "420" quoted as text, booleans the form shows written out, the body after the block.
STORY_AS_THE_EDITOR_WRITES_IT = """\
---
title: 'Nachbarschaftshilfe für Ältere: Einkäufe über die Straße'
date: 2026-11-30
summary: Ehrenamtliche kaufen für ältere Nachbarinnen und Nachbarn ein, die nicht mehr gut zu Fuß sind, und bleiben für ein Gespräch.
themes:
  - nachbarschaft-engagement
regions:
  - dresden
stage: pilot
actors:
  - beratungsverein
target_groups:
  - aeltere-menschen
image:
  src: images/stories/foto-vom-telefon.webp
  alt: Eine junge Frau reicht einer älteren Frau an der Haustür eine Einkaufstasche
  credit: 'Foto: Anna Beispiel'
  license: CC BY 4.0
  focus:
    - 0.5
    - 0.3
facts:
  - label: Einkäufe im ersten Jahr
    value: '420'
    source: Jahresbericht 2025
links:
  website: https://example.org/nachbarschaft
contact:
  name: Maria Beispiel
  email: kontakt@example.org
  phone: +49 351 000000
featured: true
status: draft
illustrative: false
reviewed: 2026-11-02
reviewed_by: Redaktion SINN
transfer:
  costs:
    min: 5000
    max: 12000
  staff: eine halbe Koordinationsstelle und acht Ehrenamtliche
  duration: etwa sechs Monate
---

{body}
"""


def test_a_story_in_the_form_the_editor_writes_passes_make_check(tmp_path):
    site = small_site(tmp_path)
    os.makedirs(site.path("images/stories"))
    Image.new("RGB", (1920, 2560), (40, 120, 90)).save(site.path("images/stories/foto-vom-telefon.webp"), "WEBP")
    body = "\n\n".join(STORY["body"])
    site.write("stories/nachbarschaftshilfe-fuer-aeltere-einkaeufe-ueber-die-strasse.md", STORY_AS_THE_EDITOR_WRITES_IT.format(body=body))
    code, output = check_in_process(site.content)
    assert code == 0, output


@pytest.mark.browser
def test_a_story_saved_in_the_editor_passes_make_check_and_its_photo_carries_no_gps(browser_repository_site, chromium, tmp_path):
    site, server = browser_repository_site["site"], browser_repository_site["server"]
    upload = photo(str(tmp_path / "Foto vom Telefon.jpg"), size=(4032, 3024), exif=phone_exif(orientation=6))
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    try:
        session = EditorSession(context.new_page(), server.origin)
        session.open(repository_files(site.content))
        session.new_entry("stories")
        session.fill_story({**STORY, "actors": ["beratungsverein"]}, upload)
        session.save()
        saved = {path: data for path, data in session.files().items() if path not in repository_files(site.content)}
    finally:
        context.close()
    story_path = "content/stories/nachbarschaftshilfe-fuer-aeltere-einkaeufe-ueber-die-strasse.md"
    assert sorted(saved) == ["content/images/stories/foto-vom-telefon.webp", story_path], "ä → ae, ü → ue, ß → ss, as the checker wants"
    front = yaml.safe_load(saved[story_path].decode("utf-8").split("---\n")[1])
    assert front["image"]["src"] == "images/stories/foto-vom-telefon.webp", "relative to content/, as the contract wants"
    assert front["status"] == "draft" and front["actors"] == ["beratungsverein"]
    image = Image.open(io.BytesIO(saved["content/images/stories/foto-vom-telefon.webp"]))
    assert image.format == "WEBP" and image.size == (1920, 2560), "turned upright and scaled to 2560 px in the browser"
    assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info, "no GPS position reaches git"
    content = tmp_path / "content"
    shutil.copytree(site.content, content)
    for path, data in saved.items():
        target = content / path.removeprefix("content/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    code, output = check_in_process(str(content))
    assert code == 0, output + "\n" + saved[story_path].decode("utf-8")


@pytest.mark.browser
def test_an_actor_saved_in_the_editor_passes_make_check(browser_repository_site, chromium, tmp_path):
    site, server = browser_repository_site["site"], browser_repository_site["server"]
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    try:
        session = EditorSession(context.new_page(), server.origin)
        session.open(repository_files(site.content))
        session.new_entry("actors")
        session.fill_actor(ACTOR)
        session.save()
        saved = {path: data for path, data in session.files().items() if path not in repository_files(site.content)}
    finally:
        context.close()
    assert list(saved) == ["content/actors/rollwerk-goerlitz-e-v.yml"], "the id from the name, ö → oe"
    profile = yaml.safe_load(saved["content/actors/rollwerk-goerlitz-e-v.yml"])
    assert profile["address"]["postcode"] == "02826" and profile["geo"] == {"lat": 51.15, "lon": 14.98} and profile["founded"] == 2019
    content = tmp_path / "content"
    shutil.copytree(site.content, content)
    (content / "actors" / "rollwerk-goerlitz-e-v.yml").write_bytes(saved["content/actors/rollwerk-goerlitz-e-v.yml"])
    code, output = check_in_process(str(content))
    assert code == 0, output
