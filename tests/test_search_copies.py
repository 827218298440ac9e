"""Pagefind reads cut-down copies of the pages: the same search results, less to parse, and only changed pages cut again."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

EMBLEM = "/theme/img/eu-kofinanziert.svg"


def cut(page: str) -> str:
    from sinn_search_index.search_copies import cut as cut_page

    return cut_page(page.encode("utf-8")).decode("utf-8")


def page(body: str, *, head: str = "<title>Familienbus</title>", before: str = "", after: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="de" class="app-page"><head><meta charset="utf-8">{head}'
            '<link rel="stylesheet" href="/theme/css/site.css"></head>'
            f'<body><nav>Menü</nav>{before}<main>{body}</main>{after}<footer><img src="{EMBLEM}" alt="EU"></footer></body></html>\n')


def test_a_copy_holds_the_language_the_title_and_the_marked_element_only():
    body = '<article data-pagefind-body><h1 data-pagefind-meta="title">Familienbus</h1><p>Text</p></article>'
    copy = cut(page(body, before="<p>Vorher</p>", after="<aside>Nachher</aside>"))
    assert copy.startswith('<!DOCTYPE html>\n<html lang="de" class="app-page">')
    assert "<title>Familienbus</title>" in copy and body in copy
    assert "Menü" not in copy and "Vorher" not in copy and "Nachher" not in copy and EMBLEM not in copy


def test_nested_elements_of_the_same_kind_stay_inside_the_copy():
    body = ('<article data-pagefind-body><h1>Familienbus</h1><article class="app-card"><h2>Ähnlich</h2></article>'
            '<p>Schluss des Textes</p></article>')
    assert body in cut(page(body, after="<article>Danach</article>"))
    assert "Danach" not in cut(page(body, after="<article>Danach</article>"))


def test_every_marked_element_is_kept():
    first, second = "<div data-pagefind-body>Erster Teil</div>", '<section data-pagefind-body="">Zweiter Teil</section>'
    copy = cut(page(first + "<p>dazwischen</p>" + second))
    assert first + second in copy and "dazwischen" not in copy


@pytest.mark.parametrize(("case", "text"), [
    ("a filter outside the marked element", page("<article data-pagefind-body>Text</article>",
                                                 after='<p data-pagefind-filter="Region">Görlitz</p>')),
    ("meta data outside", page("<article data-pagefind-body>Text</article>", before='<img data-pagefind-meta="image[src]" src="a.jpg">')),
    ("an element that never ends", page("<article data-pagefind-body>Text").replace("</main>", "")),
    ("no <html> tag", "<article data-pagefind-body>Text</article>"),
])
def test_a_page_whose_cut_could_change_what_pagefind_indexes_is_handed_whole(case, text):
    assert cut(text) == text, case


def test_the_marker_as_words_in_a_story_or_in_a_value_is_not_taken_for_an_element():
    text = page("<article>Wir schreiben data-pagefind-body in den Text.</article>")
    assert cut(text) == text
    body = '<article data-pagefind-body><h1>Familienbus</h1><a href="/" title="Start data-pagefind-body hier">Start</a><p>Text</p></article>'
    copy = cut(page(body, after="<p>Danach</p>"))
    assert body in copy and "Danach" not in copy


def test_parts_pagefind_ignores_are_left_out_unless_it_takes_something_from_them():
    body = ('<article data-pagefind-body><h1>Familienbus</h1><p>Text</p>'
            '<section data-pagefind-ignore><h2>Für die Presse</h2><p>Zitiervorschlag</p></section>'
            '<p data-pagefind-ignore>Veröffentlicht am <time data-pagefind-sort="date[datetime]" datetime="2025-03-14">14. März</time></p>'
            '<div data-pagefind-ignore="all"><h1>Ein zweiter Titel</h1></div>'
            '<aside data-pagefind-ignore data-pagefind-filter="Region">Görlitz</aside><p>Schluss</p></article>')
    copy = cut(page(body))
    assert "Zitiervorschlag" not in copy and "Für die Presse" not in copy
    assert "<h1>Familienbus</h1><p>Text</p><p data-pagefind-ignore>Veröffentlicht" in copy, "a sort key inside keeps the part"
    assert "Ein zweiter Titel" in copy and "Görlitz" in copy and copy.endswith("<p>Schluss</p></article></body></html>\n")


def test_the_first_picture_stays_where_pagefind_would_take_it_from():
    cards = '<section data-pagefind-ignore><h2>Ähnliche Geschichten</h2><img src="/bild-einer-anderen.jpg" alt=""></section>'
    without_own = cut(page(f"<article data-pagefind-body><h1>Familienbus</h1>{cards}</article>"))
    assert "/bild-einer-anderen.jpg" in without_own, "a result without a picture of its own keeps the one Pagefind takes"
    with_own = cut(page(f'<article data-pagefind-body><h1>Familienbus</h1><img src="/eigenes.jpg" alt="Bus">{cards}</article>'))
    assert "/eigenes.jpg" in with_own and "/bild-einer-anderen.jpg" not in with_own


@pytest.fixture(scope="module")
def indexed_both_ways(sample_site, tmp_path_factory):
    """The sample site's bundle as the build made it (from copies) and Pagefind's bundle over the whole pages."""
    from sinn_search_index.indexer import _run_pagefind

    whole = tmp_path_factory.mktemp("whole") / "pagefind"
    _run_pagefind(sample_site.output, str(whole), 6000)
    return os.path.join(sample_site.output, "pagefind"), str(whole)


def _fragments(bundle: str) -> dict[str, dict]:
    from sinn_search_index.stable import payload

    folder = os.path.join(bundle, "fragment")
    fragments = (json.loads(payload(os.path.join(folder, name))) for name in os.listdir(folder))
    return {fragment["url"]: fragment for fragment in fragments}


def _filters(bundle: str) -> dict[str, dict[str, set[str]]]:
    """Each filter's values and the addresses of the pages that have them."""
    from sinn_search_index.reuse import listed
    from sinn_search_index.stable import read_file

    with open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8") as handle:
        languages = json.load(handle)["languages"]
    urls = {name.removesuffix(".pf_fragment"): fragment["url"]
            for name in listed(bundle)["fragment"] for fragment in [_fragment(bundle, name)]}
    filters = {}
    for language, details in languages.items():
        meta = read_file(os.path.join(bundle, f"pagefind.{details['hash']}.pf_meta"))
        pages = [urls[page[0]] for page in meta[1]]
        for name, file_hash in meta[3]:
            _name, values = read_file(os.path.join(bundle, "filter", f"{file_hash}.pf_filter"))
            filters[f"{language}:{name}"] = {value: {pages[number] for number in numbers} for value, numbers in values}
    return filters


def _fragment(bundle: str, name: str) -> dict:
    from sinn_search_index.stable import payload

    return json.loads(payload(os.path.join(bundle, "fragment", name)))


def test_search_finds_the_same_pages_with_the_same_texts_and_filters_as_over_whole_pages(indexed_both_ways):
    from_copies, from_whole = (_fragments(bundle) for bundle in indexed_both_ways)
    assert from_copies.keys() == from_whole.keys() and len(from_copies) > 10
    for url, fragment in from_copies.items():
        whole = from_whole[url]
        assert fragment["content"] == whole["content"], url
        assert fragment["filters"] == whole["filters"] and fragment["anchors"] == whole["anchors"], url
        if whole["meta"].get("image") != EMBLEM:
            assert fragment["meta"] == whole["meta"], url
    assert _filters(indexed_both_ways[0]) == _filters(indexed_both_ways[1])


def test_no_result_shows_the_footer_emblem_as_its_picture(indexed_both_ways):
    from_copies, from_whole = (_fragments(bundle) for bundle in indexed_both_ways)
    assert any(fragment["meta"].get("image") == EMBLEM for fragment in from_whole.values()), "the sample has pages without a picture"
    assert not [url for url, fragment in from_copies.items() if fragment["meta"].get("image") == EMBLEM]


def _built_once(sample_site, tmp_path):
    """A copy of the sample site (without its bundle) whose search copies one finished build has kept: (site, cache, folder)."""
    from sinn_search_index.search_copies import SearchCopies

    site, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(sample_site.output, site, ignore=shutil.ignore_patterns("pagefind"))
    first = SearchCopies(str(site), "pagefind", str(cache))
    folder = first.make()
    first.keep()
    first.close()
    return site, cache, folder


def test_only_pages_that_changed_are_cut_again_and_removed_pages_lose_their_copy(sample_site, tmp_path):
    from sinn_search_index.search_copies import SearchCopies

    site, cache, folder = _built_once(sample_site, tmp_path)
    stories = sorted(path for path in (site / "geschichten").iterdir() if (path / "index.html").exists())
    edited, removed, kept = stories[0] / "index.html", stories[1] / "index.html", stories[2] / "index.html"
    copy = lambda path: os.path.join(folder, os.path.relpath(path, site))  # noqa: E731
    inode = os.stat(copy(kept)).st_ino
    text = edited.read_text(encoding="utf-8")
    edited.unlink()  # a new file, as the build writes it
    edited.write_text(re.sub(r"(data-pagefind-body[^>]*>)", r"\1<p>Neuer Absatz</p>", text, count=1), encoding="utf-8")
    removed.unlink()

    second = SearchCopies(str(site), "pagefind", str(cache))
    assert second.make() == folder
    second.keep()
    second.close()
    assert os.stat(copy(kept)).st_ino == inode, "an unchanged page keeps its copy"
    assert "Neuer Absatz" in Path(copy(edited)).read_text(encoding="utf-8")
    assert not os.path.exists(copy(removed))


def test_a_build_stopped_while_copies_change_leaves_no_list_so_the_next_cuts_every_page(sample_site, tmp_path):
    from sinn_search_index.search_copies import SearchCopies

    site, cache, _folder = _built_once(sample_site, tmp_path)
    stopped = SearchCopies(str(site), "pagefind", str(cache))
    stopped.make()
    stopped.close()  # the build stopped before keep(): its process ends, and with it the lock
    assert not (cache / "pages.json").exists()
    stale = cache / "pages" / "geschichten" / "nicht-mehr-da" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("<html><article data-pagefind-body>alt</article></html>", encoding="utf-8")
    SearchCopies(str(site), "pagefind", str(cache)).make()
    assert not stale.exists(), "without a list the folder starts empty"


def test_a_second_build_while_one_uses_the_kept_copies_cuts_its_own_and_leaves_them_alone(sample_site, tmp_path):
    import fcntl

    from sinn_search_index.search_copies import SearchCopies

    site, cache, _folder = _built_once(sample_site, tmp_path)
    manifest = (cache / "pages.json").read_bytes()
    with open(cache / "lock", "a") as held:  # as the other build holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        second = SearchCopies(str(site), "pagefind", str(cache))
        folder = second.make()
        assert not folder.startswith(str(cache)) and any(Path(folder).rglob("index.html"))
        second.keep()
        second.close()
        assert not os.path.exists(folder)
    assert (cache / "pages.json").read_bytes() == manifest
