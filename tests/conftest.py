"""Shared fixtures: real builds of the sample content and of small sites in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitefiles import ROOT, SiteFiles, run_build


class BuiltSite:
    """A built output folder, read the way a visitor's browser would get it."""

    def __init__(self, output: str, process):
        self.output = Path(output)
        self.process = process

    def file(self, url_path: str) -> Path:
        """The file served for a root-relative URL path."""
        relative = url_path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return self.output / relative

    def exists(self, url_path: str) -> bool:
        """True when the URL would be served."""
        return self.file(url_path).is_file()

    def html(self, url_path: str) -> BeautifulSoup:
        """The parsed page at a URL path."""
        return BeautifulSoup(self.file(url_path).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        """Every HTML file of the site."""
        # The web editor's folder (/admin/) is for editors, not a page of the site (test_web_editor.py checks it).
        return sorted(p for p in self.output.rglob("*.html") if "pagefind" not in p.parts and p.relative_to(self.output).parts[0] != "admin")


def build_or_fail(content: str, output: str, settings: str = "pelicanconf.py") -> BuiltSite:
    """Build and fail the test with the build's own messages if it did not succeed."""
    process = run_build(content, output, settings)
    if process.returncode != 0:
        pytest.fail(f"build failed ({process.returncode}):\n{process.stderr}\n{process.stdout}")
    return BuiltSite(output, process)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> BuiltSite:
    """The repository's sample content, built as `make html` builds it (drafts shown)."""
    return build_or_fail(os.path.join(ROOT, "content"), str(tmp_path_factory.mktemp("sample") / "output"))


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> BuiltSite:
    """The repository's sample content, built as `make publish` builds it."""
    return build_or_fail(os.path.join(ROOT, "content"), str(tmp_path_factory.mktemp("public") / "output"), "publishconf.py")


@pytest.fixture
def site_files(tmp_path) -> SiteFiles:
    """An empty content folder with the real vocabularies."""
    return SiteFiles(tmp_path)


@pytest.fixture
def build(tmp_path):
    """Build a content folder into tmp_path/output and return the BuiltSite (fails on errors)."""

    def _build(site: SiteFiles, settings: str = "pelicanconf.py") -> BuiltSite:
        return build_or_fail(site.content, str(tmp_path / "output"), settings)

    return _build


@pytest.fixture(scope="session")
def sample_server(sample_site):
    """The sample site served over HTTP on localhost."""
    from browser import StaticServer

    server = StaticServer(str(sample_site.output))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from browser import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, sample_server):
    """A fresh page that fails the test if anything is requested from another host."""
    # axe-core and test styles are injected inline, which the site's policy forbids; test_csp.py checks the policy.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE", bypass_csp=True)
    page = context.new_page()
    foreign: list[str] = []

    def guard(route):
        if route.request.url.startswith(sample_server.origin) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
