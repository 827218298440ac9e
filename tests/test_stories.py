"""Stories plugin: front matter read like the checker reads it; drafts only in the preview."""

from __future__ import annotations

import os

from sitefiles import story_fields


def test_draft_is_marked_in_preview_and_left_out_of_publish(site_files, build, tmp_path):
    site_files.minimal()
    site_files.story("entwurf", story_fields(title="Noch nicht fertig", status="draft"))
    preview = build(site_files)
    assert "Entwurf" in preview.html("/geschichten/entwurf/").select_one(".app-notice--draft").get_text()
    assert preview.html("/geschichten/entwurf/").select_one('meta[name="robots"]')["content"] == "noindex"
    public = build(site_files, "publishconf.py")
    assert not public.exists("/geschichten/entwurf/")
    assert "Noch nicht fertig" not in public.file("/geschichten/").read_text(encoding="utf-8")
    assert "Noch nicht fertig" not in public.file("/akteure/beratungsverein/").read_text(encoding="utf-8")


def test_slug_field_sets_the_address(site_files, build):
    site_files.minimal()
    site_files.story("datei-name", story_fields(title="Mit Slug", slug="eigene-adresse"))
    site = build(site_files)
    assert site.exists("/geschichten/eigene-adresse/")
    assert not site.exists("/geschichten/datei-name/")


def test_illustrative_story_is_marked_as_example(site_files, build):
    site_files.minimal()
    site_files.story("beispiel", story_fields(title="Ein Beispiel", illustrative=True))
    notice = build(site_files).html("/geschichten/beispiel/").select_one(".app-notice--example")
    assert "Beispielgeschichte" in notice.get_text()


def test_links_in_the_body_get_the_public_address_when_published(site_files, build):
    site_files.minimal()
    site_files.story("zwei", story_fields(title="Zweite"), body="Siehe [die erste Geschichte](/geschichten/beratung-per-video/).\n")
    link = build(site_files, "publishconf.py").html("/geschichten/zwei/").select_one(".app-prose a")
    assert link["href"] == "https://www.sinn-sachsen.de/geschichten/beratung-per-video/"


def test_an_edited_story_is_read_again_despite_the_cache(site_files, build):
    site_files.minimal()
    assert "Geänderter Titel" not in build(site_files).file("/geschichten/beratung-per-video/").read_text(encoding="utf-8")
    path = site_files.story("beratung-per-video", story_fields(title="Geänderter Titel"))
    os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 10_000_000))
    assert build(site_files).html("/geschichten/beratung-per-video/").h1.get_text(strip=True) == "Geänderter Titel"
    assert os.path.isdir(os.path.join(site_files.root, ".cache", "pelican")), "read stories are cached beside the content"


def _article(settings, **metadata):
    import datetime

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    fields = {"title": "Titel", "slug": "eine-geschichte", "date": datetime.datetime(2025, 3, 1), **metadata}
    return Article("<p>Text</p>", fields, {**DEFAULT_CONFIG, "PATH": "/inhalt", **settings}, source_path="/inhalt/stories/a.md")


def test_a_story_address_is_formatted_once_and_as_pelican_formats_it():
    from sinn_stories import pin_address

    patterns = {"ARTICLE_URL": "geschichten/{slug}/", "ARTICLE_SAVE_AS": "geschichten/{slug}/index.html"}
    pinned, plain = _article(patterns), _article(patterns)
    pin_address(pinned)
    assert (pinned.override_url, pinned.override_save_as) == ("geschichten/eine-geschichte/", "geschichten/eine-geschichte/index.html")
    assert (pinned.url, pinned.save_as) == (plain.url, plain.save_as)


def test_a_story_address_pelican_must_work_out_is_left_to_pelican():
    from sinn_stories import pin_address

    by_year = _article({"ARTICLE_URL": "geschichten/{date:%Y}/{slug}/", "ARTICLE_SAVE_AS": "geschichten/{date:%Y}/{slug}/index.html"})
    future_off = _article({"WITH_FUTURE_DATES": False})  # Pelican may still make it a draft after it is made
    draft = _article({}, status="draft")
    for story in (by_year, future_off, draft):
        pin_address(story)
        assert not hasattr(story, "override_url") and not hasattr(story, "override_save_as")
    assert by_year.url == "geschichten/2025/eine-geschichte/"


def test_the_stories_of_one_author_share_one_author_object():
    """Pelican groups stories by author; one object means its slug is worked out once, not per story."""
    import datetime

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    from sinn_stories import share_author

    settings = {**DEFAULT_CONFIG, "PATH": "/inhalt", "AUTHOR": "Zukunftsplattform SINN"}  # one run's settings
    first, second = (Article("<p>Text</p>", {"title": "Titel", "slug": slug, "date": datetime.datetime(2025, 3, 1)}, settings,
                             source_path=f"/inhalt/stories/{slug}.md") for slug in ("eins", "zwei"))
    share_author(first)  # (also connected to Pelican's content_object_init if another test registered the plugin)
    share_author(second)
    assert second.author is first.author and second.authors == [first.author]
    assert first.author.slug == "zukunftsplattform-sinn"
