"""The HTML allowlist: hostile text is an error of `make check` at its line, and the build publishes only cleaned HTML."""

from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sinn_content_contract.html_policy import TAGS, clean
from sinn_content_contract.html_review import review
from sinn_content_contract.rendering import MARKDOWN, markdown_options, render
from sitefiles import BODY, ROOT, STORY_YAML, SiteFiles, actor_fields, check_in_process, run_build, settings_file, story_fields

SLUG = "angriff"
STORY = f"content/stories/{SLUG}.md"
# The file line of the first added line: '---', the fields, '---', a blank line, BODY, then the lines (see test_checker_links).
FIRST = STORY_YAML.count("\n") + BODY.count("\n") + 5
SCRIPT = "alert(1)"

# (name, lines written after a valid body, index of the line `make check` must name)
HOSTILE = [
    ("script", ["<script>alert(1)</script>"], 0),
    ("mixed-case-handler", ['Ein Bild: <img src="/images/beratung.jpg" alt="x" ONERROR="alert(1)">'], 0),
    ("svg-slash-onload", ["Text", "", "<svg/onload=alert(1)>"], 2),
    ("gt-in-quoted-attribute", ['<a href="/ueber/" title="a>b" onclick="alert(1)">Über</a>'], 0),
    ("colon-entity", ['<a href="javascript&colon;alert(1)">Klick</a>'], 0),
    ("decimal-entities", ['<a href="&#106;&#97;vascript:alert(1)">Klick</a>'], 0),
    ("entity-without-semicolon", ['<a href="&#0000106avascript:alert(1)">Klick</a>'], 0),
    ("tab-in-scheme", ['<a href="java&#9;script:alert(1)">Klick</a>'], 0),
    ("leading-space", ['<a href=" javascript:alert(1)">Klick</a>'], 0),
    ("reference-url-next-line", ["Mehr dazu [hier][boese].", "", "[boese]:", "    javascript:alert(1)"], 3),
    ("escaped-backticks", ["Das ist \\`<img src=x onerror=alert(1)>\\` kein Code."], 0),
    ("code-span-in-html-block", ["<div>", "`<script>alert(1)</script>`", "</div>"], 1),
    ("fence-indented-with-blank-lines", ["  ```", "", "<script>alert(1)</script>", "", "  ```"], 2),
    ("textarea", ["<textarea>"], 0),
    ("plaintext", ["<plaintext>"], 0),
    ("stray-main-end", ["Text", "</main>", "<p>danach</p>"], 1),
    ("stray-div-ends", ["<p>Text</p></div></div><div>ausgebrochen</div>"], 0),
    ("pagefind-attribute", ['<p data-pagefind-meta="title:Gefälscht">Text</p>'], 0),
    ("theme-class", ['<a href="/ueber/" class="app-card__link">Überall</a>'], 0),
    ("attribute-list", ["Ein Absatz.", "{: onclick=alert(1) .app-card__link #main }"], 1),
    ("attribute-list-heading", ["## Überschrift {: data-pagefind-filter=typ:Akteur }"], 0),
    ("foreign-image", ["![Zähler](https://tracker.example/pixel.png)"], 0),
    ("foreign-image-by-reference", ["![Zähler][pixel]", "", "[pixel]: https://tracker.example/p.png"], 2),
    ("srcset", ['<img src="/images/beratung.jpg" alt="x" srcset="https://tracker.example/a.png 2x">'], 0),
    ("video-poster", ['<video poster="https://tracker.example/p.png"></video>'], 0),
    ("iframe", ['<iframe src="https://tracker.example/"></iframe>'], 0),
    ("form", ['<form action="https://tracker.example/"><input name="q"><button>Los</button></form>'], 0),
    ("style-element", ["<style>body { display: none }</style>"], 0),
    ("style-attribute", ['<p style="position: fixed; inset: 0">Überall</p>'], 0),
    ("link-stylesheet", ['<link rel="stylesheet" href="https://tracker.example/x.css">'], 0),
    ("meta-refresh", ['<meta http-equiv="refresh" content="0; url=https://tracker.example/">'], 0),
    ("base", ['<base href="https://tracker.example/">'], 0),
    ("object-embed", ['<object data="/files/x.swf"></object><embed src="/files/x.swf">'], 0),
    ("math-mutation", ["<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"], 0),
    ("noscript-mutation", ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">'], 0),
    ("abrupt-comment", ["Text", "", "<!--><img src=x onerror=alert(1)>-->"], 2),
    ("cdata-section", ["<![CDATA[><img src=x onerror=alert(1)>]]>"], 0),
    ("template", ["<template><img src=x onerror=alert(1)></template>"], 0),
    ("details-ontoggle", ["<details open ontoggle=alert(1)>Mehr</details>"], 0),
    ("uppercase-image-scheme", ["<IMG SRC=JaVaScRiPt:alert(1)>"], 0),
    ("data-image", ["![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"], 0),
    ("vbscript-link", ["[Klick](vbscript:msgbox(1))"], 0),
    ("protocol-relative-link", ['<a href="//tracker.example/">Klick</a>'], 0),
    ("backslash-link", ['<a href="/\\tracker.example/">Klick</a>'], 0),
    ("image-path-traversal", ['<img src="/images/../../theme/static/img/favicon.svg" alt="x">'], 0),
    ("static-traversal", ["[Datei]({static}/../../../etc/passwd)"], 0),
    ("heading-level-one", ["Absatz", "", "# Noch ein Titel"], 2),
    ("heading-level-six", ["###### Winzig"], 0),
    ("target-blank", ['<a href="https://www.beispiel.de" target="_blank">Beispiel</a>'], 0),
    ("span-id", ['<span id="main-content">Sprungziel</span>'], 0),
]


def hostile_body(lines: list[str]) -> str:
    return BODY + "\n" + "\n".join(lines) + "\n"


def strings(data) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return [data] if isinstance(data, str) else []


def assert_inert(fragment: str, footnotes: bool = False) -> None:
    """No script, handler, dangerous address, styling hook, foreign resource or element outside the allowlist."""
    soup = BeautifulSoup(fragment, "html.parser")
    for element in soup.find_all(True):
        assert element.name in (TAGS if footnotes else TAGS - {"div"}), element
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            assert not name.startswith("on"), element
            if not footnotes:
                assert name not in ("class", "style", "id") and not name.startswith("data-"), element
            address = re.sub(r"[\x00-\x20]", "", html.unescape(text)).lower()
            assert not address.startswith(("javascript:", "data:", "vbscript:")), element
        if element.name == "img":
            assert element["src"].startswith(("/images/", "{static}/images/")) and ".." not in element["src"], element
    assert "<script" not in fragment.lower()


@pytest.mark.parametrize(("lines", "index"), [pytest.param(lines, index, id=name) for name, lines, index in HOSTILE])
def test_hostile_text_is_an_error_at_its_line_and_cleaned(site_files, lines, index):
    site_files.minimal()
    site_files.story(SLUG, body=hostile_body(lines), raw_front_matter=STORY_YAML)
    code, output = check_in_process(site_files.content)
    assert code == 1, output
    assert f"{STORY}:{FIRST + index}: Text: " in output, output
    assert_inert(clean(render(hostile_body(lines), {})))


def test_more_than_thirty_attacks():
    assert len(HOSTILE) >= 30


def test_actor_description_is_judged_the_same_way(site_files):
    site_files.minimal()
    site_files.actor("beratungsverein", raw=(
        "name: Verein\ntype: initiative\nregions: [dresden]\ndescription: |\n  Wir beraten.\n\n"
        '  <p class="app-card__link" onmouseover="alert(1)">Text</p>\n\n  ![x](https://tracker.example/p.png)\n'
    ))
    code, output = check_in_process(site_files.content)
    assert code == 1
    where = "content/actors/beratungsverein.yml"
    assert f"{where}:7: description: Das HTML-Attribut class= ist im Text nicht erlaubt." in output
    assert f"{where}:7: description: Das HTML-Attribut onmouseover= ist nicht erlaubt, weil es Programmcode ausführt." in output
    assert f'{where}:9: description: Das Bild "https://tracker.example/p.png" liegt auf einer anderen Website' in output


def test_messages_say_what_to_write_instead(site_files):
    site_files.minimal()
    site_files.story(SLUG, raw_front_matter=STORY_YAML, body=hostile_body([
        "# Titel", '<p class="hinweis">Text</p>', "![Logo](https://www.beispiel.de/logo.png)", "[Klick](javascript:alert(1))",
        "[Seite](andere-seite/)", "<div>Kasten</div>",
    ]))
    _code, output = check_in_process(site_files.content)
    assert f"{STORY}:{FIRST}: Text: Überschriften im Text beginnen mit ## (zwei Rauten)" in output
    assert (f"{STORY}:{FIRST + 1}: Text: Das HTML-Attribut class= ist im Text nicht erlaubt. Die Gestaltung kommt von der Website "
            "selbst; bitte das Attribut entfernen") in output
    assert f"{STORY}:{FIRST + 2}: Text: " in output and "Laden Sie das Bild nach content/images/ hoch" in output
    assert f'{STORY}:{FIRST + 3}: Text: Adressen, die mit "javascript:" beginnen, sind nicht erlaubt' in output
    assert f'{STORY}:{FIRST + 4}: Text: Der Link "andere-seite/" ist unvollständig. Links auf Seiten dieser Website beginnen mit /' in output
    assert f"{STORY}:{FIRST + 5}: Text: Das HTML-Element <div> ist im Text nicht erlaubt. Die Gliederung kommt von der Website" in output


def test_repeated_removals_map_to_successive_lines(site_files):
    site_files.minimal()
    site_files.story(SLUG, raw_front_matter=STORY_YAML, body=hostile_body(["<span>eins</span>", "Text", "<span>zwei</span>"]))
    _code, output = check_in_process(site_files.content)
    assert f"{STORY}:{FIRST}: Text: Das HTML-Element <span>" in output
    assert f"{STORY}:{FIRST + 2}: Text: Das HTML-Element <span>" in output


ORDINARY = """\
## Zahlen im Überblick

| Jahr | Familien | Anteil |
|:-----|:--------:|-------:|
| 2023 | 40       | 10 %   |
| 2024 | 120      | 30 %   |

Die Beratung[^1] läuft über die DSGVO-konforme Plattform.[^quelle]

*[DSGVO]: Datenschutz-Grundverordnung

```python
print("Hallo <Welt> & Co.")
```

1. erstens
2. zweitens

Links: [Website](https://www.beispiel.de/seite?a=1&b=2), [Mail](mailto:info@beispiel.de), [Telefon](tel:+49351000000),
[oben](#zahlen), [Über uns](/ueber/), [Zweite]({filename}zweite.md) und <https://www.beispiel.de>.

![Ein Tablet auf dem Küchentisch](/images/beratung.jpg "Beratung per Video")

> Ein Zitat mit **fett**, *kursiv*, `Code`, H<sub>2</sub>O und m<sup>2</sup>.

[^1]: Seit 2023.
[^quelle]: Eigene Zählung.
"""


def test_ordinary_content_is_unchanged_by_clean_and_passes_the_check(site_files):
    rendered = render(ORDINARY, {})
    result = review(rendered)
    assert result.changes == []
    for kept in ('<th align="center">', '<code class="language-python">', '<abbr title="Datenschutz-Grundverordnung">',
                 '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">', '<li id="fn:quelle">', '<div class="footnote">',
                 'href="{filename}zweite.md"', 'href="tel:+49351000000"', 'href="#zahlen"',
                 '<img alt="Ein Tablet auf dem Küchentisch" src="/images/beratung.jpg" title="Beratung per Video">'):
        assert kept in result.cleaned, kept
    assert 'class="footnote-backref"' in result.cleaned and "Zurück zur Stelle im Text (Fußnote 1)" in result.cleaned
    assert_inert(result.cleaned, footnotes=True)
    site_files.minimal()
    site_files.story("zweite")
    site_files.story(SLUG, raw_front_matter=STORY_YAML, body=BODY + "\n" + ORDINARY)
    code, output = check_in_process(site_files.content)
    assert (code, output.split(":")[0]) == (0, "Keine Fehler"), output


def test_pelican_placeholders_survive_clean_byte_for_byte():
    for fragment in ('<p><a href="{filename}/stories/x.md#teil">a</a> <a href="{static}/files/plan%20A.pdf">b</a> '
                     '<a href="{attach}/files/b.csv">c</a> <img alt="d" src="{static}/images/stories/e.jpg"></p>',):
        assert clean(fragment) == fragment


def test_refused_image_disappears_entirely():
    assert clean('<p>a <img alt="Zähler" src="https://tracker.example/p.png"> b</p>') == "<p>a  b</p>"
    assert clean('<p><img alt="x" src="/images/a/../b.jpg"><img alt="y"></p>') == "<p></p>"


@pytest.mark.parametrize("settings_name", ["pelicanconf.py", "publishconf.py"])
def test_the_build_and_the_checker_read_the_one_markdown_setting(settings_name):
    """The options live once (rendering.MARKDOWN); the loader puts them into the settings both use."""
    from sinn_core.settings import load_settings

    settings = load_settings(os.path.join(ROOT, settings_name))
    assert settings["MARKDOWN"] == MARKDOWN
    assert markdown_options(settings)["extension_configs"]["markdown.extensions.extra"]["tables"] == {"use_align_attribute": True}


HOSTILE_TEXT = 'Titel </script><img src=x onerror=alert(1)> "zitiert" \'x\''
HOSTILE_BODY = hostile_body([line for _name, lines, _index in HOSTILE for line in [*lines, ""]
                             if "/images/beratung.jpg" not in line and "{static}" not in line])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site with hostile texts and fields, built with the checker switched off: the build's own layers must contain it."""
    root = tmp_path_factory.mktemp("hostile")
    site = SiteFiles(root).minimal()
    fields = story_fields(
        title=HOSTILE_TEXT, summary=HOSTILE_TEXT,
        image={**story_fields()["image"], "alt": HOSTILE_TEXT, "credit": HOSTILE_TEXT},
        quotes=[{"text": HOSTILE_TEXT, "by": HOSTILE_TEXT, "role": HOSTILE_TEXT}],
        facts=[{"label": HOSTILE_TEXT, "value": HOSTILE_TEXT, "source": HOSTILE_TEXT}],
    )
    site.story(SLUG, fields, body=HOSTILE_BODY)
    site.actor("beratungsverein", actor_fields(name=HOSTILE_TEXT, description=HOSTILE_BODY))
    site.page("ueber", body=HOSTILE_BODY)
    output = root / "output"
    process = run_build(site.content, str(output), settings_file(str(root), CONTENT_CONTRACT_CHECK=False, SITEURL=""))
    assert process.returncode == 0, process.stderr
    return output


def test_the_story_page_carries_only_the_cleaned_text(hostile_site):
    text = (hostile_site / "geschichten" / SLUG / "index.html").read_text(encoding="utf-8")
    assert clean(render(HOSTILE_BODY, {})) in text
    assert_inert(BeautifulSoup(text, "html.parser").select_one(".app-story__body").decode_contents())
    about = BeautifulSoup((hostile_site / "ueber" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert_inert(about.select_one(".app-prose").decode_contents())


def test_no_field_of_the_story_runs_or_breaks_out_of_its_place(hostile_site):
    text = (hostile_site / "geschichten" / SLUG / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(text, "html.parser")
    assert not page.find_all(lambda element: any(name.startswith("on") for name in element.attrs))
    assert not [img for img in page.find_all("img") if img.get("src") == "x"]
    for script in page.find_all("script"):
        assert script.get("type") == "application/ld+json" or script.get("src", "").startswith("/"), script
        if script.get("type") == "application/ld+json":
            assert "</script" not in script.string.lower()
            assert HOSTILE_TEXT in strings(json.loads(script.string))
    assert page.find("meta", property="og:title")["content"] == HOSTILE_TEXT
    assert page.find("meta", attrs={"name": "description"})["content"] == HOSTILE_TEXT
    assert HOSTILE_TEXT in page.title.string
    assert page.find("h1").get_text(" ", strip=True) == " ".join(HOSTILE_TEXT.split())


def test_the_actor_page_carries_only_the_cleaned_description(hostile_site):
    text = (hostile_site / "akteure" / "beratungsverein" / "index.html").read_text(encoding="utf-8")
    assert clean(render(HOSTILE_BODY, {})) in text
    page = BeautifulSoup(text, "html.parser")
    assert_inert(page.select_one(".app-prose").decode_contents())
    assert not page.find_all(lambda element: any(name.startswith("on") for name in element.attrs))
    assert page.find("h1").get_text(" ", strip=True) == " ".join(HOSTILE_TEXT.split())


def test_open_data_carries_the_cleaned_html(hostile_site):
    stories = json.loads((hostile_site / "daten" / "geschichten.json").read_text(encoding="utf-8"))
    story = next(s for s in stories["stories"] if s["id"] == SLUG)
    assert story["text_html"] == clean(render(HOSTILE_BODY, {}))
    assert_inert(story["text_html"])
    actors = json.loads((hostile_site / "daten" / "akteure.json").read_text(encoding="utf-8"))
    actor = next(a for a in actors["actors"] if a["id"] == "beratungsverein")
    assert actor["description_html"] == clean(render(HOSTILE_BODY, {}))
    assert_inert(actor["description_html"])


def test_the_feed_carries_only_escaped_text_and_cleaned_html(hostile_site):
    feed = ET.parse(hostile_site / "feeds" / "geschichten.atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in feed.iter(f"{atom}entry") if e.find(f"{atom}title").text == HOSTILE_TEXT)
    assert entry.find(f"{atom}summary").get("type") == "text"
    content = BeautifulSoup(entry.find(f"{atom}content").text, "html.parser")
    assert [element.name for element in content.find_all(True)] == ["p", "img", "p", "p", "a"]
    assert not [name for element in content.find_all(True) for name in element.attrs if name.startswith("on")]
    assert content.find("img")["alt"] == HOSTILE_TEXT
    assert HOSTILE_TEXT in content.get_text()


PIECES = ["<script>", "</script>", "<img src=", "x", "/images/a.jpg", " onerror=", "alert(1)", "<a href=", "'", '"', ">", "<", "</",
          "javascript:", "&#106;", "&colon;", "<!--", "-->", "<!-->", "<![CDATA[", "]]>", "<svg", "<math>", "<style>", "<p class=",
          "<div>", "</div>", "<span>", "{: .app-card__link #x onclick=y}", "\n", "\n\n", "# ", "##### ", "`", "\\`", "```\n", "    ",
          "[x](", ")", "[^1]", "[^1]: Fuß\n", "| a | b |\n|:--|--:|\n| 1 | 2 |\n", "![b](", "https://tracker.example/p.png", "Wort "]
random_markdown = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=50).map("".join)


def start_tags(fragment: str) -> list[tuple]:
    return sorted((element.name, tuple(sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in element.attrs.items())))
                  for element in BeautifulSoup(fragment, "html.parser").find_all(True))


@settings(max_examples=300, deadline=None)
@given(random_markdown)
def test_checker_and_build_agree_on_random_text(text):
    """What the build drops, the checker reports: without an error, every element and attribute survives clean()."""
    from collections import Counter

    from sinn_content_contract.body import check_body

    rendered = render(text, {})
    cleaned = clean(rendered)
    assert_inert(cleaned, footnotes=True)
    errors = [problem for problem in check_body(text, 1, "page") if problem[3] == "error"]
    if not errors:
        assert not Counter(start_tags(rendered)) - Counter(start_tags(cleaned)), (rendered, cleaned)
