"""The theme on every built page: structure, landmarks, breadcrumbs, images, budgets, no other hosts."""

from __future__ import annotations

import itertools
import re

import pytest

from tools.budgets import CSS_BUDGET, HTML_CSS_JS_BUDGET, page_weight, stylesheet_size

FOREIGN = re.compile(r"""(?:src|srcset|poster|data)\s*=\s*["']\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def pages(sample_site):
    soups = {str(p.relative_to(sample_site.output)): sample_site.html("/" + str(p.relative_to(sample_site.output))) for p in sample_site.pages()}
    # Redirect pages for earlier addresses are bare on purpose (see test_redirects.py).
    return {name: soup for name, soup in soups.items() if not soup.find("meta", attrs={"http-equiv": "refresh"})}


def test_every_page_has_one_h1_ordered_headings_and_landmarks(pages):
    problems = []
    for name, soup in pages.items():
        if soup.html.get("lang") != ("en" if name.startswith("en/") else "de"):  # /en/: the English pages (test_summaries.py)
            problems.append(f"{name}: lang")
        if len(soup.find_all("h1")) != 1:
            problems.append(f"{name}: {len(soup.find_all('h1'))} h1")
        levels = [int(h.name[1]) for h in soup.find_all(re.compile("^h[1-6]$"))]
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        if skips:
            problems.append(f"{name}: heading levels skip {skips}")
        for landmark in ("header", "nav", "main", "footer"):
            if soup.find(landmark) is None:
                problems.append(f"{name}: no <{landmark}>")
        if soup.select_one("a.app-skip-link[href='#inhalt']") is None or soup.find(id="inhalt").name != "main":
            problems.append(f"{name}: skip link")
    assert problems == []


def test_every_page_below_home_has_breadcrumbs_ending_in_itself(pages):
    missing = []
    for name, soup in pages.items():
        if name in ("index.html", "404.html"):
            continue
        current = soup.select_one('.app-breadcrumbs [aria-current="page"]')
        if current is None or soup.select_one(".app-breadcrumbs a")["href"] != "/":
            missing.append(name)
    assert missing == []


def test_navigation_marks_the_current_section(pages):
    nav = pages["geschichten/index.html"].select_one('.app-nav a[aria-current="page"]')
    assert nav.get_text(strip=True) == "Geschichten"
    story = next(s for n, s in pages.items() if n.startswith("geschichten/") and "seite" not in n and n != "geschichten/index.html")
    assert story.select_one(".app-nav a[aria-current]").get_text(strip=True) == "Geschichten"


def test_images_reserve_their_space_and_have_alt(pages):
    problems = [
        f"{name}: {img.get('src')}"
        for name, soup in pages.items()
        for img in soup.find_all("img")
        if not img.get("width") or not img.get("height") or img.get("alt") is None
    ]
    assert problems == []


def test_no_page_loads_anything_from_another_host(pages, sample_site):
    problems = []
    for name, soup in pages.items():
        for tag in soup.find_all(["link", "script", "img", "source", "iframe", "video", "audio", "object", "embed"]):
            for attribute in ("href", "src", "srcset", "data"):
                value = tag.get(attribute)
                # Feeds and the canonical address are named, not loaded.
                if value and tag.name == "link" and tag.get("rel") and {"alternate", "canonical"} & set(tag.get("rel")):
                    continue
                if value and re.match(r"^\s*(https?:)?//", value):
                    problems.append(f"{name}: <{tag.name} {attribute}={value}>")
        if soup.find("style") and FOREIGN.search(str(soup.find("style"))):
            problems.append(f"{name}: inline style loads from another host")
    for css in sample_site.output.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", url):
                problems.append(f"{css.name}: url({url})")
        if "@import" in css.read_text(encoding="utf-8"):
            problems.append(f"{css.name}: @import")
    assert problems == []


def test_no_render_blocking_javascript(pages):
    blocking = [
        f"{name}: {s.get('src')}"
        for name, soup in pages.items()
        for s in soup.select("head script")
        if not (s.has_attr("defer") or s.has_attr("async") or s.get("type") == "module" or s.get("type") == "application/ld+json")
    ]
    assert blocking == []


def test_page_weight_stays_within_budget(sample_site):
    assert stylesheet_size(str(sample_site.output)) < CSS_BUDGET
    over = {}
    for page in sample_site.pages():
        weight = page_weight(str(sample_site.output), str(page))
        if weight["total"] >= HTML_CSS_JS_BUDGET:
            over[str(page)] = weight
    assert over == {}


def test_footer_carries_the_eu_emblem_funding_note_and_legal_links(pages):
    footer = pages["index.html"].find("footer")
    emblem = footer.select_one("img.app-footer__emblem")
    assert emblem["src"].endswith(".svg") and "Kofinanziert von der Europäischen Union" in emblem["alt"]
    text = footer.get_text(" ", strip=True)
    assert "Europäischen Sozialfonds Plus" in text and "Sächsischen Landtag" in text
    links = {a["href"] for a in footer.find_all("a")}
    assert {"/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/", "/feeds/geschichten.atom.xml"} <= links
