"""Fuzz (issue 15): on random Markdown drawn from hostile and honest fragments, the checker and the build agree.

Whenever the build's HTML policy would remove or change something of a rendered text, `make check`
reports an error at a line of that file; whenever `make check` finds no error, the build without the
checker succeeds and publishes the text as Markdown made it, and the published site is clean.
"""

from __future__ import annotations

import os
import re
import tempfile

import pytest
import yaml
from hostile_checks import assert_editor_output, scan_for
from hostile_scan_files import scan_site
from hostile_site import EVIL, Site, snapshot, tree_changes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitefiles import check_in_process

FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))", '<a title="a>b" onclick="x" href="/">', "&#106;avascript:", "`", "\\`", "```\n", " ```\n",
    "<div>\n", "</div>\n", "<textarea>", "</main>", "<!--", "-->", "<!-->", '{: onclick="x" }\n', '<p data-pagefind-meta="title:x">',
    '<a class="app-card__link" href="/">', f"![x]({EVIL}/x.png)", "<iframe src=//evil.example>", "<style>", "<base href=//x>",
    "[r]:\n    javascript:alert(1)\n", "[x][r]", "<", ">", '"', "'", "=", "\n", "\n\n", " ", "    ", "\t", "*", "_", "#",
    "## Überschrift\n", "- Punkt\n", "1. Punkt\n", "> Zitat\n", "| a | b |\n| --- | --- |\n| 1 | 2 |\n", "[Link](https://example.org)",
    "[Seite](/geschichten/beratung-per-video/)", "**fett**", "Wort ", "<em>", "</em>", '<abbr title="x">', "</abbr>", "<br>",
    "&amp;", "&lt;", "[^1]", "\n[^1]: Fußnote\n", "<h5>", "<span>", "<p>", "</p>", "<b>", "</b>", "mailto:a@example.org",
]
# What an honest editor writes: with these alone the checker has nothing to say and the build must publish the text as it is.
SAFE_FRAGMENTS = [
    "Wort ", "\n\n", "## Überschrift\n", "- Punkt\n", "1. Punkt\n", "> Zitat\n", "**fett**", "*schräg* ", "[Link](https://example.org)",
    "[Seite](/geschichten/beratung-per-video/)", "| a | b |\n| --- | --- |\n| 1 | 2 |\n", "`Code` ", "\n\n```\n<script>x</script>\n```\n\n",
    "<em>betont</em> ", "<abbr title=\"Beispiel\">Bsp.</abbr> ", "Text[^1]", "\n[^1]: Fußnote\n", "&amp; ", "a < b ",
]
bodies = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25).map("".join)
safe_bodies = st.lists(st.sampled_from(SAFE_FRAGMENTS), min_size=1, max_size=15).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
BUILD_FUZZ = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _write_text(site: Site, where: str, text: str) -> tuple[str, str]:
    """Write a random text as a story's or page's body or an actor's description; its path and the Markdown as read back."""
    for stale in ("stories/zufall.md", "pages/zufall.md", "actors/zufall.yml"):
        if os.path.exists(site.files.path(stale)):
            os.remove(site.files.path(stale))
    if where == "actor":
        path = site.actor("zufall", description="Der Verein berät Familien.\n\n" + text)
        with open(path, encoding="utf-8") as handle:
            return "content/actors/zufall.yml", yaml.safe_load(handle)["description"]
    path = site.page("zufall", body=text) if where == "page" else site.story("zufall", body=text)
    with open(path, encoding="utf-8") as handle:
        return f"content/{os.path.basename(os.path.dirname(path))}/zufall.md", handle.read().split("\n---\n", 1)[1]


@pytest.fixture
def fuzz_site(tmp_path) -> Site:
    return Site(tmp_path)


@FUZZ
@given(body=bodies, where=st.sampled_from(["story", "page", "actor"]))
def test_fuzz_the_checker_reports_what_the_policy_would_change(fuzz_site, body, where):
    from sinn_content_contract import rendering

    shown, text = _write_text(fuzz_site, where, body)
    rendered = rendering.render(text, {"MARKDOWN": rendering.MARKDOWN})
    code, output = check_in_process(fuzz_site.content)
    assert_editor_output(output, "make check")
    if policy_changes(rendered):
        assert code == 1 and re.search(rf"(?m)^{re.escape(shown)}:\d+: (?!Warnung: )", output), (
            f"the build would change the text ({rendered[:300]!r}), but make check does not report it at a line of {shown}:\n{output[-2000:]}")


def policy_outline(html: str) -> tuple:
    """The kinds of element (with attributes) and the text of an HTML text: what a reader gets.

    An HTML5 parser (nh3's, a browser's) re-opens or splits misnested elements and ends comments at
    "<!-->" or "--!>": so comments are cut out by HTML5's rules first, allowed elements without attributes
    are left out (re-opening them changes neither what is shown nor what runs), and elements are a set.
    """
    from bs4 import BeautifulSoup

    from sinn_content_contract import html_policy

    html = re.sub(r"<!--(?:-?>|.*?(?:--!?>|\Z))", "", html, flags=re.DOTALL)
    soup = BeautifulSoup(re.sub(r"<[!?][^>]*(?:>|\Z)", "", html), "html.parser")  # bogus comments, as HTML5 reads them
    bare = html_policy.TAGS - {"div"}
    tags = {
        (tag.name, tuple(sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in tag.attrs.items())))
        for tag in soup.find_all(True) if tag.attrs or tag.name not in bare
    }
    return tags, " ".join(soup.get_text().split())


def policy_changes(html: str) -> bool:
    """True when the build's HTML policy (nh3) would remove or change anything of a rendered text."""
    from sinn_content_contract import html_policy

    return policy_outline(html) != policy_outline(html_policy.clean(html))


@BUILD_FUZZ
@given(body=st.one_of(bodies, safe_bodies))
def test_fuzz_the_build_agrees_with_the_checker(tmp_path, body):
    from bs4 import BeautifulSoup

    from sinn_content_contract import rendering

    site = Site(tempfile.mkdtemp(dir=tmp_path))
    _shown, text = _write_text(site, "story", body)
    code, _output = check_in_process(site.content)
    before = snapshot(site.tmp)
    run = site.build(checker=False)
    assert run.returncode is not None and run.returncode >= 0, run.describe()
    assert_editor_output(run.log, "build without the checker")
    assert tree_changes(before, snapshot(site.tmp)) == []
    if run.returncode == 0:
        findings = scan_site(site.output, scan_for(site, []))
        assert findings == [], "\n".join(map(str, findings))
    if code == 0:
        assert run.returncode == 0, f"make check found no error, but the build failed: {run.describe()}"
        page = os.path.join(site.output, "geschichten", "zufall", "index.html")
        with open(page, encoding="utf-8") as handle:
            published = BeautifulSoup(handle.read(), "html.parser").find(class_="app-prose")
        rendered = rendering.render(text, {"MARKDOWN": rendering.MARKDOWN})
        assert policy_outline(published.decode_contents()) == policy_outline(rendered), (
            "make check found no error, but the build published something else than the text says")
        assert not policy_changes(rendered)
