"""The preview of a pull request, built as the workflow "Vorschau" builds it: under a sub-path, with drafts and a banner.

The sample content is built with previewconf.py for http://127.0.0.1:<port>/vorschau/pr-1 into
www/vorschau/pr-1 and served from www, as the preview repository's GitHub Pages serve it. Everything
must stay under /vorschau/pr-1/: links, images, feeds, canonical and link-preview addresses, JSON-LD,
redirects, the policy's script folders and the Pagefind search. The bundle folder is renamed here
("suchindex"): then the search's result links depend on the site's address the page hands to
Pagefind, not on Pagefind's own guess from a folder called "pagefind".
"""

from __future__ import annotations

import os
import re
import shutil
from urllib.parse import urljoin, urlsplit

import pytest
from browser import describe, run_axe, run_vnu
from bs4 import BeautifulSoup

from sinn_hosting import DEFAULTS as HOSTING_DEFAULTS
from sitefiles import ROOT, run_build, settings_file
from tools import linkcheck
from tools.local_browser import StaticServer

PREFIX = "/vorschau/pr-1"
PULL_REQUEST = "https://github.com/beispiel/sinn/pull/1"
DRAFT = "generationengarten-neuseenland"  # the sample's draft story
URL_ATTRIBUTES = ("href", "src", "action", "data-bundle", "data-site")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The sample site built as a pull request's preview under /vorschau/pr-1/, served from its parent folder."""
    root = tmp_path_factory.mktemp("vorschau")
    www = root / "www"
    output = www / "vorschau" / "pr-1"
    output.mkdir(parents=True)
    server = StaticServer(str(www))
    settings = settings_file(root, base="previewconf", SEARCH_INDEX_BUNDLE_DIR="suchindex")
    env = {"SINN_SITEURL": server.origin + PREFIX, "SINN_PULL_REQUEST": "1", "SINN_REPO_URL": "https://github.com/beispiel/sinn"}
    process = run_build(os.path.join(ROOT, "content"), str(output), settings, env=env)
    if process.returncode != 0:
        server.stop()
        pytest.fail(f"build failed ({process.returncode}):\n{process.stderr}")
    yield {"output": output, "server": server, "site": server.origin + PREFIX}
    server.stop()


def pages(output) -> list:
    return sorted(p for p in output.rglob("*.html") if "suchindex" not in p.relative_to(output).parts)


def addresses_in(path, text: str) -> list[str]:
    """Every address a file names: attributes and meta of HTML, JSON-LD, XML, JSON data and _redirects."""
    if path.suffix == ".html":
        soup = BeautifulSoup(text, "html.parser")
        found = [tag[name] for tag in soup.find_all(True) for name in URL_ATTRIBUTES if tag.has_attr(name)]
        found += [c.split()[0] for tag in soup.find_all(srcset=True) for c in tag["srcset"].split(",")]
        found += [tag["content"] for tag in soup.find_all("meta", content=re.compile(r"^(https?:)?/"))]
        found += re.findall(r"url=(\S+)", " ".join(tag["content"] for tag in soup.find_all("meta", attrs={"http-equiv": "refresh"})))
        for script in soup.find_all("script", type="application/ld+json"):
            found += re.findall(r'"(https?://[^"]+)"', script.string or "")
        return found
    if path.suffix == ".xml":
        return [a or b for a, b in re.findall(r"""\b(?:href|src)="([^"]+)"|<(?:loc|id|uri|icon|logo)>\s*([^<\s]+)""", text)]
    if path.suffix in (".json", ".geojson"):
        return re.findall(r'"(https?://[^"]+)"', text)
    if path.name == "_redirects":
        return [part for line in text.splitlines() for part in line.split()[:2]]
    return []


def test_every_address_stays_under_the_sub_path(preview):
    """An address on the preview's host outside /vorschau/pr-1/ would open the live site or nothing."""
    origin = preview["server"].origin
    outside, seen = [], 0
    for path in sorted(p for p in preview["output"].rglob("*") if p.is_file() and "suchindex" not in p.parts):
        for address in addresses_in(path, path.read_text(encoding="utf-8", errors="replace")):
            seen += 1
            absolute = urljoin(origin + "/" + path.relative_to(preview["output"].parent.parent).as_posix(), address)
            parts = urlsplit(absolute)
            if parts.scheme in ("http", "https") and parts.netloc == urlsplit(origin).netloc and not (parts.path + "/").startswith(PREFIX + "/"):
                outside.append(f"{path.relative_to(preview['output'])}: {address}")
    assert seen > 1000 and outside == []
    assert (preview["output"] / "_redirects").read_text(encoding="utf-8").split()[0].startswith(PREFIX + "/"), "redirects name the host's paths"


def test_make_linkcheck_passes_and_notices_a_link_that_leaves_the_sub_path(preview, tmp_path, capsys):
    assert linkcheck.main([str(preview["output"])]) == 0, capsys.readouterr().out
    copy = tmp_path / "pr-1"
    shutil.copytree(preview["output"], copy)
    about = copy / "ueber" / "index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("</main>", '<a href="/suche/">Suche</a></main>'), encoding="utf-8")
    capsys.readouterr()
    assert linkcheck.main([str(copy)]) == 1
    expected = f"ueber/index.html: href /suche/ – führt aus der Website hinaus: /suche/ liegt nicht unter {PREFIX}/"
    assert capsys.readouterr().out.splitlines() == [expected]


def test_every_page_says_vorschau_links_the_pull_request_and_keeps_robots_out(preview):
    checked = 0
    for path in pages(preview["output"]):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        robots = [tag["content"] for tag in soup.find_all("meta", attrs={"name": "robots"})]
        assert len(robots) == 1 and robots[0].startswith("noindex"), path
        if soup.select_one("body > a.app-skip-link") is None:
            continue  # not built from base.html: a redirect page (left at once) or the web editor
        assert robots == ["noindex, nofollow"], path
        banner = soup.select_one("body > section.app-preview-banner[aria-label='Vorschau']")
        assert banner is not None and "Vorschau:" in banner.get_text() and banner.find("a")["href"] == PULL_REQUEST, path
        assert soup.body.find(["section", "header"]) is banner, "the banner comes first, right after the skip link"
        checked += 1
    assert checked > 30
    assert (preview["output"] / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n", "no robot, no sitemap named"
    headers = (preview["output"] / "_headers").read_text(encoding="utf-8")
    assert "X-Robots-Tag: noindex, nofollow" in headers, "feeds, sitemap and data too, on hosts that read _headers"
    for name, value in HOSTING_DEFAULTS["HOSTING_EXTRA_HEADERS"].items():
        assert f"{name}: {value}" in headers, "the preview keeps every header of the public site"


def test_drafts_are_in_the_preview_marked_as_such(preview):
    draft = BeautifulSoup((preview["output"] / "geschichten" / DRAFT / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Entwurf:" in draft.select_one(".app-notice--draft").get_text()
    listed = BeautifulSoup((preview["output"] / "geschichten" / "index.html").read_text(encoding="utf-8"), "html.parser")
    card = next(a for a in listed.select(".app-card__link") if a["href"].endswith(f"/geschichten/{DRAFT}/"))
    assert card.find_parent("article").select_one(".app-badge--draft").get_text() == "Entwurf"


def test_the_public_build_carries_none_of_it(published_site):
    home = published_site.html("/")
    assert home.select(".app-preview-banner") == [] and home.find("meta", attrs={"name": "robots"}) is None
    robots = published_site.file("/robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /\n" not in robots and "Sitemap: " in robots
    every_page = published_site.file("/_headers").read_text(encoding="utf-8").split("\n/", 1)[0]
    assert every_page.startswith("/*\n") and "X-Robots-Tag" not in every_page
    assert not published_site.exists(f"/geschichten/{DRAFT}/")


def test_the_preview_is_valid_html(preview):
    messages = run_vnu([str(p) for p in pages(preview["output"])])
    errors = [f"{m.get('url', '').rsplit('/pr-1/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []


@pytest.fixture
def preview_page(chromium, preview):
    """A page under the preview's own policy that records every request outside /vorschau/pr-1/ and every policy violation."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.outside = []
    page.problems = []
    inside = preview["site"] + "/"

    def guard(route):
        if route.request.url.startswith(inside) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda message: message.type in ("error", "warning") and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(f"uncaught: {error}"))
    yield page
    context.close()


def results(page) -> list[str]:
    page.wait_for_selector('[data-app-results][aria-busy="false"]', state="attached")
    return [a.get_attribute("href") for a in page.query_selector_all("[data-app-results] .app-card__link")]


@pytest.mark.browser
def test_search_finds_pages_and_its_links_open_them_under_the_sub_path(preview_page, preview):
    site = preview["site"]
    preview_page.goto(site + "/suche/?q=Beratung")
    found = results(preview_page)
    assert found and all(url.startswith(site + "/") for url in found), found
    images = [img.get_attribute("src") for img in preview_page.query_selector_all("[data-app-results] img")]
    assert images and all(src.startswith(site + "/") for src in images)
    preview_page.click("[data-app-results] .app-card__link >> nth=0")
    preview_page.wait_for_load_state("load")
    assert preview_page.url == found[0] and preview_page.query_selector("h1").inner_text() and "nicht gefunden" not in preview_page.title()
    preview_page.goto(site + "/suche/?q=Generationengarten")
    assert site + f"/geschichten/{DRAFT}/" in results(preview_page), "an editor finds the draft in the preview's search"
    assert preview_page.outside == [], "nothing is requested outside the preview's path"
    assert preview_page.problems == [], "no policy violation, error or warning (Pagefind warns about unknown options)"


@pytest.mark.browser
def test_an_old_address_leads_to_the_new_page_inside_the_preview(preview_page, preview):
    redirects = (preview["output"] / "_redirects").read_text(encoding="utf-8").split()
    old, new = redirects[0], redirects[1]
    preview_page.goto(preview["server"].origin + old)
    preview_page.wait_for_url(preview["server"].origin + new)
    assert preview_page.outside == [] and preview_page.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_banner_passes_axe(chromium, preview, scheme):
    context = chromium.new_context(viewport={"width": 320, "height": 640}, locale="de-DE", bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    try:
        for path in ("/", f"/geschichten/{DRAFT}/", "/404.html"):
            page.goto(preview["site"] + path)
            assert page.get_by_role("region", name="Vorschau").is_visible()
            violations = run_axe(page)
            assert violations == [], describe(violations)
            assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    finally:
        context.close()

