"""A strict Content-Security-Policy, first in every page's <head> (redirect pages too) and in _headers.

Scripts are allowed by folder (the theme's js/ and Pagefind's bundle), so a script file that lands
anywhere else on the site does not run; no page breaks the policy, and search still works.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from bs4 import BeautifulSoup

from sinn_hosting import DEFAULTS as HOSTING_DEFAULTS
from sinn_hosting import resolve_sources
from sitefiles import run_build

# Policies the site must never loosen.
FORBIDDEN_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")
HEADER_NAMES = ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy")
COLLECT_VIOLATIONS = (
    "window.__cspViolations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile));"
)


def parse_policy(text: str) -> dict[str, list[str]]:
    directives = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def read_headers(output) -> dict[str, str]:
    """The headers _headers sends for every path (/*)."""
    headers, current = {}, None
    for line in (output / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            current = line.strip()
        elif line.strip() and current == "/*":
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers


def is_redirect_stub(soup) -> bool:
    return soup.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.IGNORECASE)}) is not None


LOCAL = ("http://127.0.0.1:*", "http://localhost:*")
SITEURL = "https://www.sinn-sachsen.de"


def script_folders(origins) -> set[str]:
    return {f"{origin}/{folder}/" for origin in origins for folder in ("theme/js", "pagefind")}


def assert_strict(policy: dict[str, list[str]], origins=LOCAL):
    assert policy["default-src"] == ["'self'"]
    assert set(policy["script-src"]) == script_folders(origins) | {"'wasm-unsafe-eval'"}, \
        "scripts only from the theme's folder and Pagefind's, not from the whole origin; WebAssembly for Pagefind"
    assert "'self'" not in policy["script-src"] and "'self'" not in policy["worker-src"], "'self' would allow /files/x.js"
    assert set(policy["worker-src"]) == {f"{origin}/pagefind/" for origin in origins}
    assert policy["object-src"] == ["'none'"]
    for name, sources in policy.items():
        assert not set(sources) & set(FORBIDDEN_SOURCES), f"{name} allows {sources}"


def test_policy_meta_comes_first_in_every_pages_head_redirect_pages_too(sample_site):
    redirects = 0
    for path in sample_site.pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        redirects += is_redirect_stub(soup)
        head = [tag for tag in soup.head.find_all(recursive=False)]
        assert head[0].get("charset"), path
        meta = head[1]
        assert meta.name == "meta" and meta.get("http-equiv") == "Content-Security-Policy", f"{path}: the policy must come before anything that loads"
        policy = parse_policy(meta["content"])
        assert_strict(policy)
        assert "frame-ancestors" not in policy, "a <meta> policy cannot carry frame-ancestors; it belongs in _headers"
        assert soup.head.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin"
    assert redirects >= 3, "the sample's aliases give redirect pages, and they carry the policy too"


def test_no_inline_script_style_or_event_handler_anywhere(sample_site):
    problems = []
    for path in sample_site.pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        relative = path.relative_to(sample_site.output)
        for script in soup.find_all("script"):
            # JSON-LD is data, never executed, and allowed under the policy.
            if not script.get("src") and script.get("type") != "application/ld+json":
                problems.append(f"{relative}: inline <script>")
        problems += [f"{relative}: <style> element" for _ in soup.find_all("style")]
        for tag in soup.find_all(True):
            problems += [f"{relative}: <{tag.name} {name}=…>" for name in tag.attrs if name.startswith("on") or name == "style"]
            problems += [f"{relative}: javascript: address" for name in ("href", "src", "action") if str(tag.get(name, "")).startswith("javascript:")]
    assert problems == []


def test_headers_file_sends_the_full_policy_and_the_other_headers(published_site, sample_site):
    headers = read_headers(published_site.output)
    for name in HEADER_NAMES:
        assert headers.get(name), f"_headers lacks {name}"
    policy = parse_policy(headers["Content-Security-Policy"])
    assert_strict(policy, [SITEURL])
    assert policy["frame-ancestors"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    meta = published_site.html("/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert parse_policy(meta) == {k: v for k, v in policy.items() if k != "frame-ancestors"}, "header and meta must not drift apart"
    assert_strict(parse_policy(read_headers(sample_site.output)["Content-Security-Policy"]))


def test_script_folders_follow_siteurl_with_a_sub_path():
    settings = {"THEME_STATIC_DIR": "theme", "SEARCH_INDEX_BUNDLE_DIR": "pagefind"}
    for siteurl, origins in (("https://beispiel.github.io/sinn/", ["https://beispiel.github.io/sinn"]), ("", LOCAL)):
        policy = resolve_sources(HOSTING_DEFAULTS["HOSTING_CSP"], {**settings, "SITEURL": siteurl})
        assert_strict(policy, origins)


def test_a_published_build_under_a_sub_path_names_its_own_folders(site_files, tmp_path):
    site_files.minimal()
    process = run_build(site_files.content, str(tmp_path / "output"), "publishconf.py", env={"SINN_SITEURL": "https://beispiel.github.io/sinn"})
    assert process.returncode == 0, process.stderr
    page = BeautifulSoup((tmp_path / "output" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert_strict(parse_policy(page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]), ["https://beispiel.github.io/sinn"])


class _HeadersHandler(SimpleHTTPRequestHandler):
    """Serves a folder with the headers of its _headers file, as a host that reads that file would."""

    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):
        pass


def serve(folder, headers: dict[str, str]):
    """A server for folder on 127.0.0.1 (a random port) that sends headers with every file."""
    handler = type("Handler", (_HeadersHandler,), {"extra_headers": headers})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def hosted_site(sample_site):
    """The sample site served with its _headers (policy as header and as meta, like on a host that reads _headers)."""
    server, origin = serve(sample_site.output, read_headers(sample_site.output))
    yield origin
    server.shutdown()
    server.server_close()


PROBE = "window.__ran = (window.__ran || []).concat([document.currentScript ? document.currentScript.src : import.meta.url]);"


@pytest.fixture
def planted_site(sample_site, tmp_path):
    """A copy of the sample site with script files where content could put them, and a page that loads them.

    The page stands for raw HTML that slipped through: a classic script and a module from /files/
    and /images/, and the same from the theme's js/ folder as the control that must run.
    """
    output = tmp_path / "output"
    shutil.copytree(sample_site.output, output)
    for folder in ("files", "images", "theme/js"):
        (output / folder).mkdir(parents=True, exist_ok=True)
        (output / folder / "probe.js").write_text(PROBE.replace("document.currentScript ? document.currentScript.src : import.meta.url",
                                                                "document.currentScript.src"), encoding="utf-8")
        (output / folder / "probe.mjs").write_text(PROBE.replace("document.currentScript ? document.currentScript.src : import.meta.url",
                                                                 "import.meta.url"), encoding="utf-8")
    about = output / "ueber" / "index.html"
    tags = "".join(f'<script src="/{folder}/probe.js"></script><script type="module" src="/{folder}/probe.mjs"></script>'
                   for folder in ("files", "images", "theme/js"))
    about.write_text(about.read_text(encoding="utf-8").replace("</main>", tags + "</main>"), encoding="utf-8")
    server, origin = serve(output, {})  # only the <meta> policy, as on GitHub Pages
    yield origin
    server.shutdown()
    server.server_close()


@pytest.fixture
def watched_page(chromium):
    """A page that records CSP violations (events and console messages) and script errors."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.add_init_script(COLLECT_VIOLATIONS)
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations") + [m for m in page.console_errors if "Content Security Policy" in m or "uncaught" in m]


def one_page_of_each_type(site) -> list[str]:
    """The first page of every kind of address: /, each section's index and its first entry, the 404 page."""
    chosen: dict[tuple, str] = {}
    for path in site.pages():
        relative = path.relative_to(site.output).as_posix()
        if is_redirect_stub(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")):
            continue
        parts = relative.split("/")
        key = (parts[0], len(parts), "seite" in parts)
        chosen.setdefault(key, "/" + relative.removesuffix("index.html"))
    return sorted(chosen.values())


@pytest.mark.browser
def test_no_page_type_violates_the_policy(watched_page, hosted_site, sample_site):
    urls = one_page_of_each_type(sample_site)
    assert {"/", "/suche/", "/404.html", "/geschichten/", "/akteure/"} <= set(urls)
    found = {}
    for url in urls:
        watched_page.console_errors.clear()
        watched_page.goto(hosted_site + url, wait_until="load")
        if url == "/suche/":
            watched_page.wait_for_selector("[data-app-facets]:not([hidden])")
        if violations(watched_page):
            found[url] = violations(watched_page)
    assert found == {}


@pytest.mark.browser
def test_search_finds_results_under_the_policy(watched_page, hosted_site):
    watched_page.goto(hosted_site + "/suche/")
    watched_page.fill("#suchbegriff", "Beratung")
    watched_page.wait_for_selector('[data-app-results][aria-busy="false"]', state="attached")
    assert watched_page.query_selector_all("[data-app-results] .app-card__link"), "search must still work with the policy"
    watched_page.check("[data-filter] input[type=checkbox] >> nth=0")
    watched_page.wait_for_load_state("networkidle")
    assert violations(watched_page) == []


@pytest.mark.browser
def test_scripts_elsewhere_on_the_site_are_blocked_only_the_theme_folder_runs(watched_page, planted_site):
    watched_page.goto(planted_site + "/ueber/", wait_until="load")
    watched_page.wait_for_load_state("networkidle")
    ran = sorted(url.removeprefix(planted_site) for url in watched_page.evaluate("window.__ran || []"))
    assert ran == ["/theme/js/probe.js", "/theme/js/probe.mjs"], "the control in the theme's folder runs, nothing from /files/ or /images/"
    blocked = " ".join(violations(watched_page))
    for folder in ("files", "images"):
        assert f"/{folder}/probe.js" in blocked and f"/{folder}/probe.mjs" in blocked


@pytest.mark.browser
def test_a_violation_would_be_noticed(watched_page, sample_site, tmp_path):
    """The detector itself: an inline script under the site's policy is reported."""
    meta = sample_site.html("/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    (tmp_path / "index.html").write_text(f"<!DOCTYPE html><html lang=de><head>{meta}<title>x</title></head>"
                                         "<body><script>document.title = 'ran'</script></body></html>", encoding="utf-8")
    watched_page.goto((tmp_path / "index.html").as_uri())
    assert watched_page.title() == "x"
    assert any("script-src" in v for v in violations(watched_page))
