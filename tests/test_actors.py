"""Actors plugin: a page per actor file and a directory grouped by type."""

from __future__ import annotations

import os
import pickle

from sinn_actors import Actor
from sitefiles import actor_fields, run_build


def test_actor_page_shows_profile_fields(site_files, build):
    site_files.minimal()
    site_files.actor("beratungsverein", actor_fields(
        website="https://beratung.example.org", email="info@example.org",
        address={"street": "Markt 1", "postcode": "09456", "city": "Annaberg-Buchholz"},
    ))
    soup = build(site_files).html("/akteure/beratungsverein/")
    assert soup.h1.get_text(strip=True) == "Beratungsverein Erzgebirge e.V."
    assert soup.select_one(".app-prose strong").get_text() == "kostenlos"
    facts = soup.select_one(".app-facts").get_text(" ", strip=True)
    assert "Initiative" in facts and "Erzgebirgskreis" in facts and "09456 Annaberg-Buchholz" in facts
    assert soup.select_one('a[href="mailto:info@example.org"]') is not None


def test_directory_groups_actors_by_type_with_counts(site_files, build):
    site_files.minimal()
    site_files.actor("stadt", actor_fields(name="Stadtverwaltung Beispielstadt", type="verwaltung"))
    soup = build(site_files).html("/akteure/")
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert headings == ["Initiativen (1)", "Verwaltungen (1)"]


def _memo_files(site_files) -> list[str]:
    folder = os.path.join(os.path.dirname(site_files.content), ".cache", "actors")
    return [os.path.join(folder, name) for name in os.listdir(folder)] if os.path.isdir(folder) else []


def test_the_next_build_shows_an_edited_profile_and_takes_the_unchanged_ones_from_the_memo(site_files, build):
    site_files.minimal()
    site_files.actor("beratungsverein", actor_fields())
    site_files.actor("stadt", actor_fields(name="Stadtverwaltung Beispielstadt", type="verwaltung"))
    build(site_files)
    (memo,) = _memo_files(site_files)
    # Mark the unchanged profile's kept copy: if the next build shows the mark, it did not read the file again.
    with open(memo, "rb") as handle:
        kept = pickle.load(handle)
    (stadt,) = [path for path in kept if path.endswith("stadt.yml")]
    kept[stadt][1].fields["name"] = "Stadtverwaltung aus dem Zwischenspeicher"
    with open(memo, "wb") as handle:
        pickle.dump(kept, handle)
    site_files.actor("beratungsverein", actor_fields(name="Beratungsverein Annaberg e.V."))
    site = build(site_files)
    assert site.html("/akteure/beratungsverein/").h1.get_text(strip=True) == "Beratungsverein Annaberg e.V."
    assert site.html("/akteure/stadt/").h1.get_text(strip=True) == "Stadtverwaltung aus dem Zwischenspeicher"


def test_a_profile_broken_after_a_good_build_is_reported_again(site_files, build, tmp_path):
    site_files.minimal()
    site_files.actor("beratungsverein", actor_fields())
    build(site_files)
    site_files.actor("beratungsverein", raw="name: [nicht geschlossen\n")
    process = run_build(site_files.content, str(tmp_path / "output"))
    assert process.returncode != 0
    assert "actors/beratungsverein.yml" in process.stderr
    assert "Traceback" not in process.stderr


def test_the_memo_is_kept_per_kind_of_run(tmp_path):
    """Other settings (make publish beside make html) or another day read every profile afresh."""
    from sinn_actors.read_memo import ReadMemo

    path = tmp_path / "akteur.yml"
    path.write_text("name: Verein\n", encoding="utf-8")
    actor = Actor(id="akteur", source_path=str(path), fields={"name": "Verein"}, description_html="", url="akteure/akteur/", save_as="x")
    memo = ReadMemo({"SITEURL": ""}, str(tmp_path / "memo"))
    assert memo.lookup(str(path)) is None
    memo.remember(str(path), actor)
    memo.save()
    assert ReadMemo({"SITEURL": ""}, str(tmp_path / "memo")).lookup(str(path)) == actor
    assert ReadMemo({"SITEURL": "https://example.org"}, str(tmp_path / "memo")).lookup(str(path)) is None
    path.write_text("name: Verein e.V.\n", encoding="utf-8")
    assert ReadMemo({"SITEURL": ""}, str(tmp_path / "memo")).lookup(str(path)) is None
