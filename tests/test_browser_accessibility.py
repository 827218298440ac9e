"""Every page type in headless Chromium: zero axe-core violations (WCAG 2.0–2.2 A/AA), light,
dark and at 320 px; keyboard users reach the skip link first; valid HTML everywhere."""

from __future__ import annotations

import glob
import os

import pytest
import yaml
from browser import describe, run_axe, run_vnu

from sitefiles import ROOT

pytestmark = pytest.mark.browser


def _first(kind: str, pattern: str) -> str:
    path = sorted(glob.glob(os.path.join(ROOT, "content", kind, pattern)))[0]
    return os.path.splitext(os.path.basename(path))[0]


def _first_story_with(*fields: str) -> str:
    """The first sample story whose front matter has all the fields (so their sections are checked too)."""
    for path in sorted(glob.glob(os.path.join(ROOT, "content", "stories", "*.md"))):
        with open(path, encoding="utf-8") as handle:
            front = yaml.safe_load(handle.read().split("---", 2)[1])
        if all(front.get(name) for name in fields) and front.get("status") != "draft":
            return os.path.splitext(os.path.basename(path))[0]
    raise AssertionError(f"the sample should have a published story with {', '.join(fields)}")


def page_types() -> dict[str, str]:
    return {
        "home": "/",
        "story": f"/geschichten/{_first('stories', '*.md')}/",
        "story with guide and easy language": f"/geschichten/{_first_story_with('transfer', 'easy_summary')}/",
        "story adapted from another": f"/geschichten/{_first_story_with('adapted_from')}/",
        "actor": f"/akteure/{_first('actors', '*.yml')}/",
        "actor directory": "/akteure/",
        "theme index": "/themen/",
        "region index": "/regionen/",
        "archive": "/geschichten/",
        "search": "/suche/",
        "about": "/ueber/",
        "imprint": "/impressum/",
        "privacy": "/datenschutz/",
        "accessibility statement": "/barrierefreiheit/",
        "easy language": "/leichte-sprache/",
        "press": "/presse/",
        "open data": "/daten/",
        "numbers": "/zahlen/",
        "not found": "/404.html",
    }


def _theme_and_region(site) -> dict[str, str]:
    soup = site.html("/themen/")
    theme = soup.select_one("main .app-topics__link")["href"]
    region = site.html("/regionen/").select_one("main .app-topics__link")["href"]
    return {"theme": theme, "region": region}


@pytest.fixture(scope="module")
def urls(sample_site):
    return page_types() | _theme_and_region(sample_site)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page_type(browser_page, sample_server, urls, scheme):
    browser_page.emulate_media(color_scheme=scheme)
    failures = {}
    for name, path in urls.items():
        browser_page.goto(sample_server.url(path))
        violations = run_axe(browser_page)
        if violations:
            failures[f"{name} {path}"] = describe(violations)
    assert failures == {}, "\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_no_axe_violations_at_320_px(browser_page, sample_server, urls):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    failures = {}
    for name, path in urls.items():
        browser_page.goto(sample_server.url(path))
        violations = run_axe(browser_page)
        if violations:
            failures[f"{name} {path}"] = describe(violations)
        overflow = browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            failures[f"{name} {path}"] = f"scrolls sideways by {overflow}px at 320px"
    assert failures == {}, "\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_tab_reaches_skip_link_first_and_it_moves_focus_to_main(browser_page, sample_server, urls):
    browser_page.goto(sample_server.url(urls["story"]))
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["app-skip-link", "#inhalt"]
    assert browser_page.evaluate("getComputedStyle(document.activeElement).top") != "-160px", "skip link must become visible"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "inhalt"
    assert browser_page.evaluate("document.activeElement.tagName") == "MAIN"


def test_every_built_page_is_valid_html(sample_site):
    files = [str(p) for p in sample_site.pages()]
    assert len(files) > 30
    errors = [f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in run_vnu(files)]
    assert errors == []


TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def test_text_spacing_increased_at_320_px_loses_nothing(browser_page, sample_server, urls):
    """WCAG 1.4.12 at 320 CSS px (= 1280 px zoomed to 400 %): no sideways scrolling, no clipped text."""
    browser_page.set_viewport_size({"width": 320, "height": 640})
    failures = {}
    for name, path in urls.items():
        browser_page.goto(sample_server.url(path))
        browser_page.add_style_tag(content=TEXT_SPACING)
        overflow = browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        clipped = browser_page.evaluate(
            """[...document.querySelectorAll('main *, header *, footer *')].filter(e => {
                 const s = getComputedStyle(e);
                 return e.children.length === 0 && e.textContent.trim() && s.overflow === 'hidden' &&
                        (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) &&
                        !e.closest('.app-visually-hidden, .app-search-form__label:not(.app-search-form__label--visible)');
               }).map(e => e.className || e.tagName)"""
        )
        if overflow > 0 or clipped:
            failures[f"{name} {path}"] = f"overflow {overflow}px, clipped {clipped}"
    assert failures == {}


def test_print_shows_story_with_its_address_and_credits_but_no_navigation(browser_page, sample_server, urls):
    browser_page.goto(sample_server.url(urls["story"]))
    browser_page.emulate_media(media="print")
    shown = browser_page.evaluate(
        """sel => sel.map(s => { const e = document.querySelector(s); return e ? getComputedStyle(e).display : 'missing'; })""",
        [".app-nav", ".app-search-form", ".app-print-url", ".app-figure__caption", ".app-facts"],
    )
    assert shown[:2] == ["none", "none"]
    assert "none" not in shown[2:] and "missing" not in shown[2:]
    assert "/geschichten/" in browser_page.inner_text(".app-print-url")


def test_reduced_motion_and_dark_scheme_are_honoured(browser_page, sample_server):
    browser_page.emulate_media(color_scheme="dark", reduced_motion="reduce")
    browser_page.goto(sample_server.url("/"))
    background = browser_page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 20, 23)"
