"""The checker never raises: random bytes, random YAML and random Markdown give problems, not tracebacks."""

from __future__ import annotations

import datetime
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinn_content_contract import check_site, read_document
from sinn_content_contract.frontmatter import ContentSyntaxError
from sitefiles import BODY, STORY_YAML, SiteFiles

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TODAY = datetime.date(2025, 6, 1)

# Pieces editors (and accidents) put into front matter, to reach the parser's corners quickly.
YAML_PIECES = [
    "title", "date", "themes", "image", "src", "alt", "aliases", "slug", "links", "website", ": ", ":", "- ", "\n", "\n  ",
    "\t", "'", '"', "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!str ", "!x ", "? ", "|", ">", "---", "...", "%", "@", "`",
    "12.03.2024", "2025-02-30", "javascript:alert(1)", "data:,x", "http://x", "/geschichten/x/", "ä", "\ufeff", "\x00", "\\",
    "null", "~", "true", "0x1F", "1e400", ".inf", "<<: ", "pflege", "beratung", "images/beratung.jpg", "../x", "{filename}x.md",
]
yaml_text = st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=8), max_size=40).map("".join)
markdown_text = st.lists(
    st.sampled_from(["<script>", "<a href='", "javascript:", "[x](", ")", "](/geschichten/", "{filename}", "`", "```\n", "\n",
                     "<div onclick=", "{: on", "&#106;", "mailto:", "www.", "[id]: ", "<", ">", " ", "Wort "]) | st.text(max_size=10),
    max_size=60,
).map("".join)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20) | st.sampled_from(YAML_PIECES)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4),
                      max_leaves=12)
field_names = st.sampled_from(["title", "date", "modified", "summary", "slug", "themes", "regions", "stage", "actors", "image",
                               "facts", "links", "contact", "featured", "status", "aliases", "name", "type", "description", "logo"])
documents = st.dictionaries(field_names | st.text(max_size=6), values, max_size=10)


@pytest.fixture
def site(tmp_path) -> SiteFiles:
    """A small valid site per test; each example of the test overwrites the same files with random content."""
    return SiteFiles(tmp_path).minimal()


def assert_checks_without_raising(site: SiteFiles):
    result = check_site(site.content, today=TODAY)
    for problem in result.report.problems:
        assert problem.path and problem.message
        assert problem.format().startswith(problem.path)
    return result


def read_or_syntax_error(kind: str, path: str):
    try:
        read_document(kind, path)
    except ContentSyntaxError as error:
        assert error.message


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(site, data):
    story = site.write("stories/zufall.md", data)
    actor = site.write("actors/zufall.yml", data)
    read_or_syntax_error("story", story)
    read_or_syntax_error("actor", actor)
    assert_checks_without_raising(site)


@FUZZ
@given(front_matter=yaml_text, body=markdown_text)
def test_random_yaml_text_and_markdown(site, front_matter, body):
    story = site.write("stories/zufall.md", f"---\n{front_matter}\n---\n\n{body}")
    actor = site.write("actors/zufall.yml", front_matter)
    read_or_syntax_error("story", story)
    read_or_syntax_error("actor", actor)
    assert_checks_without_raising(site)


@FUZZ
@given(fields=documents, body=markdown_text)
def test_random_fields_of_any_shape(site, fields, body):
    text = yaml.dump(fields, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True)
    site.write("stories/zufall.md", f"---\n{text}---\n\n{body}")
    site.write("actors/zufall.yml", text)
    site.write("pages/zufall.md", f"---\n{text}---\n\n{body}")
    assert_checks_without_raising(site)


@FUZZ
@given(line=st.integers(min_value=0, max_value=12), text=st.text(alphabet=string.printable + "äöüß\t", max_size=30))
def test_one_changed_line_in_a_valid_story(site, line, text):
    lines = STORY_YAML.split("\n")
    lines[line] = text
    path = site.write("stories/beratung-per-video.md", "---\n" + "\n".join(lines) + "---\n\n" + BODY)
    read_or_syntax_error("story", path)
    result = assert_checks_without_raising(site)
    with open(path, encoding="utf-8") as handle:
        line_count = handle.read().count("\n") + 1
    for problem in result.report.problems:
        assert problem.path.endswith("beratung-per-video.md")
        assert problem.line is None or 1 <= problem.line <= line_count, problem.format()
