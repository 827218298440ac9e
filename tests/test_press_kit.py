"""Press kit: a ZIP per story with LIESMICH.txt and the citation (also as .bib/.ris/.json beside the story), naming the image's
address instead of holding a second copy of it; quotes on the page; the kit cache keeps only kits in use."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from sitefiles import check_in_process, settings_file, story_fields
from tests.test_images import gps_photo, unchecked
from tests.test_site_build import drafts, published, sample_stories

PUBLIC = "https://www.sinn-sachsen.de"
SLUG = "schuldnerberatung-per-video-erzgebirge"
QUOTES = [
    {"text": "Per Video sind wir schon beim ersten Zweifel erreichbar.", "by": "Anna Beispiel", "role": "Beraterin"},
    {"text": "Ich habe die Briefe wieder aufgemacht.", "by": "Ein Ratsuchender"},
]


def press_files(site, slug: str) -> dict[str, str]:
    """The press box's downloads of a story: {extension: root-relative URL}."""
    box = site.html(f"/geschichten/{slug}/").find(id="fuer-die-presse").find_parent("section")
    links = [a["href"].removeprefix(PUBLIC) for a in box.select("a[download]")]
    return {href.rsplit(".", 1)[-1]: href for href in links if "/geschichten/" in href}


def open_kit(site, slug: str) -> zipfile.ZipFile:
    url = press_files(site, slug)["zip"]
    assert url == f"/geschichten/{slug}/pressemappe-{slug}.zip"
    return zipfile.ZipFile(io.BytesIO(site.file(url).read_bytes()))


def check_citations(files: dict[str, bytes], fields: dict, url: str) -> None:
    """The three citation formats parse and name title, address and date."""
    (item,) = json.loads(files["json"].decode("utf-8"))
    assert item["type"] == "webpage" and item["title"] == fields["title"] and item["URL"] == url
    assert item["issued"]["date-parts"] == [[int(part) for part in str(fields["date"]).split("-")]]
    ris = files["ris"].decode("utf-8")
    assert ris.endswith("ER  - \r\n")
    tags = dict(re.findall(r"^([A-Z][A-Z0-9])  - (.*?)\r$", ris, re.MULTILINE))
    assert tags["TY"] == "ELEC" and tags["TI"] == fields["title"] and tags["UR"] == url
    bib = files["bib"].decode("utf-8")
    entry = re.search(r"^@online\{([a-z0-9-]+),\n(.*)\n\}$", bib, re.MULTILINE | re.DOTALL)
    assert entry, bib
    values = dict(re.findall(r"^\s+(\w+)\s+= \{(.*)\},$", entry.group(2), re.MULTILINE))
    assert values["title"] == fields["title"] and values["url"] == url and values["date"] == str(fields["date"])
    # The access date is the build's day, the same in all three formats.
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["urldate"]), values
    assert tags["Y2"] == values["urldate"].replace("-", "/")
    assert item["accessed"]["date-parts"] == [[int(part) for part in values["urldate"].split("-")]]


def test_story_offers_the_press_kit_and_the_citation_files(published_site):
    fields = published(sample_stories())[SLUG]
    files = press_files(published_site, SLUG)
    assert set(files) == {"zip", "bib", "ris", "json"}
    url = f"{PUBLIC}/geschichten/{SLUG}/"
    check_citations({ext: published_site.file(files[ext]).read_bytes() for ext in ("bib", "ris", "json")}, fields, url)
    box = published_site.html(f"/geschichten/{SLUG}/").find(id="fuer-die-presse").find_parent("section")
    size = os.path.getsize(published_site.file(files["zip"]))
    assert f"ZIP, {max(1, round(size / 1000))} kB" in box.get_text(" ", strip=True)


def test_press_kit_holds_readme_and_citations_and_names_the_image_instead_of_copying_it(published_site):
    fields = published(sample_stories())[SLUG]
    kit = open_kit(published_site, SLUG)
    assert kit.testzip() is None
    names = {info.filename.split("/", 1)[1]: info for info in kit.infolist()}
    assert set(names) == {"LIESMICH.txt", *(f"zitation-{SLUG}.{ext}" for ext in ("bib", "ris", "json"))}, "no second copy of the image"
    assert {info.filename.split("/", 1)[0] for info in kit.infolist()} == {f"pressemappe-{SLUG}"}
    assert all(info.date_time == (2025, 6, 2, 0, 0, 0) for info in kit.infolist()), "times come from the story's last change"
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in kit.infolist())
    assert os.path.getsize(published_site.file(press_files(published_site, SLUG)["zip"])) < 10_000, "texts only: a few kB"

    url = f"{PUBLIC}/geschichten/{SLUG}/"
    inside = {ext: kit.read(names[f"zitation-{SLUG}.{ext}"]) for ext in ("bib", "ris", "json")}
    check_citations(inside, fields, url)
    assert all(inside[ext] == published_site.file(f"/geschichten/{SLUG}/zitation-{SLUG}.{ext}").read_bytes() for ext in inside)

    readme = kit.read(names["LIESMICH.txt"]).decode("utf-8")
    flat = " ".join(readme.split())
    assert flat.startswith(f"Pressemappe: {fields['title']}")
    download = published_site.html(f"/geschichten/{SLUG}/").select_one("a.app-download__link[download]")["href"]
    with Image.open(published_site.file(download.removeprefix(PUBLIC))) as photo:
        size = photo.size
    assert f"Herunterladen: {download} (JPEG, {size[0]} × {size[1]} Pixel, ohne Metadaten: keine Kamera- oder GPS-Daten)" in flat
    assert fields["image"]["credit"] in flat and f"Lizenz: {fields['image']['license']}" in flat
    assert "Lizenz CC BY 4.0" in flat, "the text licence"
    for fact in fields["facts"]:
        assert f"{fact['label']}: {fact['value']} (Quelle: {fact['source']})" in flat
    assert fields["quotes"]
    for quote in fields["quotes"]:
        assert f"„{' '.join(quote['text'].split())}“" in flat and f"– {quote['by']}, {quote['role']}" in flat
    assert fields["contact"]["email"] in flat and "presse@example.org" in flat
    assert f"{url} (abgerufen am [Datum des Abrufs])" in flat
    assert "Beispielgeschichte" in flat, "an illustrative story says so in its kit too"


def test_quotes_show_on_the_story_as_figures_with_the_speaker(published_site):
    fields = published(sample_stories())[SLUG]
    figures = published_site.html(f"/geschichten/{SLUG}/").select("figure.app-quote")
    assert len(figures) == len(fields["quotes"])
    for figure, quote in zip(figures, fields["quotes"], strict=True):
        assert figure.blockquote.get_text(" ", strip=True) == quote["text"]
        assert figure.figcaption.get_text(" ", strip=True) == f"{quote['by']}, {quote['role']}"


def test_drafts_get_no_press_kit(sample_site):
    for slug in drafts(sample_stories()):
        assert sample_site.exists(f"/geschichten/{slug}/")
        assert not list(sample_site.file(f"/geschichten/{slug}/").parent.glob("pressemappe-*"))
        assert press_files(sample_site, slug) == {}


def test_the_kit_names_the_clean_print_ready_download_of_the_editors_photo(site_files, build, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"), size=(3000, 2000))
    site_files.story("beratung-per-video", story_fields(quotes=QUOTES))
    site = build(site_files, unchecked(tmp_path))  # the check refuses the GPS photo; what the kit names must be clean anyway
    kit = open_kit(site, "beratung-per-video")
    assert not [info for info in kit.infolist() if not info.filename.endswith((".txt", ".bib", ".ris", ".json"))]
    readme = " ".join(kit.read(kit.infolist()[0]).decode("utf-8").split())
    assert "„Ich habe die Briefe wieder aufgemacht.“ – Ein Ratsuchender" in readme
    url = readme.split("Herunterladen: ", 1)[1].split(" ", 1)[0]
    data = site.file(urlsplit(url).path).read_bytes()
    with Image.open(io.BytesIO(data)) as photo:
        assert photo.size == (2560, 1707), "capped at a print-ready 2560 px on the long side"
        assert not photo.getexif()
    assert b"GPS" not in data and b"Telefon" not in data
    assert "(JPEG, 2560 × 1707 Pixel, ohne Metadaten: keine Kamera- oder GPS-Daten)" in readme
    figures = site.html("/geschichten/beratung-per-video/").select("figure.app-quote figcaption")
    assert [f.get_text(" ", strip=True) for f in figures] == ["Anna Beispiel, Beraterin", "Ein Ratsuchender"]


def cached_kits(site_files) -> dict[str, int]:
    folder = os.path.join(site_files.root, ".cache", "press")
    return {name: os.stat(os.path.join(d, name)).st_mtime_ns for d, _s, names in os.walk(folder) for name in names if name.endswith(".zip")}


def test_warm_build_reuses_the_kits_and_a_change_repacks_only_its_story(site_files, build):
    site_files.minimal()
    site_files.story("zweite", story_fields(title="Zweite Geschichte"))
    first = build(site_files)
    before = cached_kits(site_files)
    assert len(before) == 2
    kit = first.file("/geschichten/zweite/pressemappe-zweite.zip").read_bytes()
    second = build(site_files)
    assert cached_kits(site_files) == before, "nothing is packed again"
    assert second.file("/geschichten/zweite/pressemappe-zweite.zip").read_bytes() == kit
    site_files.story("zweite", story_fields(title="Zweite Geschichte", quotes=QUOTES))
    build(site_files)
    after = cached_kits(site_files)
    assert len(after) == 2 and len(set(before) & set(after)) == 1, "only the changed story's kit is new, its old one is gone"
    (kept,) = set(before) & set(after)
    assert after[kept] == before[kept]


def test_the_kit_cache_keeps_what_the_last_builds_of_each_address_use(site_files, build, tmp_path):
    site_files.minimal()
    site_files.story("zweite", story_fields(title="Zweite Geschichte"))
    public = settings_file(str(tmp_path), SITEURL="https://presse.example.org")
    build(site_files)
    local = cached_kits(site_files)
    build(site_files, public)
    both = cached_kits(site_files)
    assert len(local) == 2 and len(both) == 4 and set(local) < set(both), "the citations name the address: other kits"
    build(site_files)
    assert cached_kits(site_files) == both, "switching back packs nothing again"
    os.remove(site_files.path("stories/zweite.md"))
    build(site_files)
    assert len(cached_kits(site_files)) == 3, "the removed story's local kit is pruned, the public ones stay"
    build(site_files, public)
    assert len(cached_kits(site_files)) == 2


def test_citation_files_name_the_day_of_the_build_as_access_date(site_files, tmp_path):
    from sitefiles import run_build

    site_files.minimal()
    folder = "/geschichten/beratung-per-video/zitation-beratung-per-video"

    def citations(settings, env=None) -> dict[str, str]:
        output = tmp_path / "output"
        process = run_build(site_files.content, str(output), settings, env)
        assert process.returncode == 0, process.stderr
        return {ext: (output / f"{folder.lstrip('/')}.{ext}").read_bytes().decode("utf-8") for ext in ("bib", "ris", "json")}

    # The day that counts as today (CONTENT_CONTRACT_TODAY), as `make check` and `make report` use it.
    told = citations(settings_file(tmp_path, CONTENT_CONTRACT_TODAY="2026-12-01"))
    assert "  urldate      = {2026-12-01}," in told["bib"]
    assert "Y2  - 2026/12/01\r\n" in told["ris"]
    assert json.loads(told["json"])[0]["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert told["bib"].startswith("% urldate ist der Tag, an dem diese Datei erstellt wurde.")
    # Else the reproducible-builds clock: 1767225600 is 2026-01-01 00:00 UTC, still 2025 in America.
    pinned = citations(settings_file(tmp_path), {"SOURCE_DATE_EPOCH": "1767225600", "TZ": "America/New_York"})
    assert "  urldate      = {2026-01-01}," in pinned["bib"]


def test_quote_limits_are_checked_with_clear_messages(site_files):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(quotes=[{"text": "x" * 401, "by": "Anna"}, {"text": "Gut."}]))
    code, output = check_in_process(site_files.content)
    assert code != 0
    assert "quotes[1].text" in output and "erlaubt sind höchstens 400" in output
    assert "quotes[2].by" in output and "Pflichtfeld fehlt" in output


def test_press_page_offers_every_kit(published_site):
    items = published_site.html("/presse/").select(".app-press-list__item")
    assert len(items) == len(published(sample_stories()))
    for item in items:
        slug = item.select_one(".app-press-list__title a")["href"].rstrip("/").rsplit("/", 1)[-1]
        kits = [a["href"] for a in item.select("a[download]") if a["href"].endswith(".zip")]
        assert kits == [f"{PUBLIC}/geschichten/{slug}/pressemappe-{slug}.zip"]
        assert zipfile.is_zipfile(published_site.file(kits[0].removeprefix(PUBLIC)))


def test_preview_repacks_only_the_edited_story_in_the_live_output(tmp_path):
    from sitefiles import ROOT, SiteFiles
    from tools.preview import Preview

    site = SiteFiles(tmp_path).minimal()
    site.story("zweite", story_fields(title="Zweite Geschichte"))
    live = Preview(os.path.join(ROOT, "pelicanconf.py"), str(tmp_path / "output"), {"PATH": site.content})
    live.full_build()
    other = (tmp_path / "output" / "geschichten" / "beratung-per-video" / "pressemappe-beratung-per-video.zip").stat()
    path = site.path("stories/zweite.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    site.write("stories/zweite.md", text.replace("Zweite Geschichte", "Zweite Geschichte mit neuem Titel"))
    live.story_changed(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "content", "output"], "nothing written beside the output"
    kit = zipfile.ZipFile(tmp_path / "output" / "geschichten" / "zweite" / "pressemappe-zweite.zip")
    assert "Zweite Geschichte mit neuem Titel" in kit.read(kit.namelist()[0]).decode("utf-8")
    bib = (tmp_path / "output" / "geschichten" / "zweite" / "zitation-zweite.bib").read_text(encoding="utf-8")
    assert "title        = {Zweite Geschichte mit neuem Titel}" in bib
    after = (tmp_path / "output" / "geschichten" / "beratung-per-video" / "pressemappe-beratung-per-video.zip").stat()
    assert (after.st_ino, after.st_mtime_ns) == (other.st_ino, other.st_mtime_ns), "the other story's kit stays as it is"


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "bb", "Straße", "x" * 80, "-", "—", "\xa0", "\t", " ", "\n", "Ä", "e.V."]), max_size=120).map("".join),
       hanging=st.sampled_from(["", "  "]))
def test_liesmich_lines_break_like_textwrap_never_inside_a_word(text, hanging):
    import textwrap

    from sinn_press.readme import WIDTH, _wrap

    expected = textwrap.wrap(" ".join(text.split()), WIDTH, subsequent_indent=hanging, break_long_words=False, break_on_hyphens=False)
    assert _wrap(text, hanging) == expected


def test_after_one_story_is_edited_the_other_kits_are_linked_from_the_cache_and_the_edited_one_is_new(tmp_path):
    import shutil

    from sitefiles import ROOT, run_build

    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    assert run_build(str(content), str(output)).returncode == 0
    other = output / "geschichten" / "ankommenslotsen-bautzen"
    edited = output / "geschichten" / "dorfwerkstatt-oberlausitz"
    before = {path.name: path.stat().st_ino for path in other.iterdir() if path.suffix in (".zip", ".bib", ".ris", ".json")}
    assert len(before) == 4
    source = content / "stories" / "dorfwerkstatt-oberlausitz.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"^title: .*$", 'title: "Dorfwerkstatt mit neuem Titel"', text, count=1, flags=re.MULTILINE), encoding="utf-8")
    process = run_build(str(content), str(output))
    assert process.returncode == 0, process.stderr

    assert {name: (other / name).stat().st_ino for name in before} == before, "the unchanged story's kit is the same files"
    assert "Dorfwerkstatt mit neuem Titel" in next(edited.glob("*.bib")).read_text(encoding="utf-8")
    with zipfile.ZipFile(next(edited.glob("*.zip"))) as archive:
        readme = next(name for name in archive.namelist() if name.endswith("LIESMICH.txt"))
        assert "Dorfwerkstatt mit neuem Titel" in archive.read(readme).decode("utf-8")


def test_a_kit_gone_from_the_cache_before_it_is_linked_is_packed_again(tmp_path, monkeypatch):
    """Kept kits are linked while Pagefind runs; another build sharing the cache may have pruned one by then."""
    import shutil

    from sinn_press.press_kit import PressKits
    from sitefiles import ROOT, run_build
    from tools.build import build, configure_logging

    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    assert run_build(str(content), str(output)).returncode == 0
    kit = output / "geschichten" / "ankommenslotsen-bautzen"
    before = {path.name: path.read_bytes() for path in kit.iterdir() if path.suffix in (".zip", ".bib", ".ris", ".json")}
    gone = []
    real_place_all = PressKits._place_all

    def prune_first(self, kept_kits, output_path):
        for story, cached in kept_kits:
            if story.slug == "ankommenslotsen-bautzen":
                os.remove(cached)
                gone.append(cached)
        return real_place_all(self, kept_kits, output_path)

    monkeypatch.setattr(PressKits, "_place_all", prune_first)
    source = content / "stories" / "dorfwerkstatt-oberlausitz.md"
    source.write_text(source.read_text(encoding="utf-8").replace('title: "', 'title: "Neu: ', 1), encoding="utf-8")
    configure_logging(verbose=False)
    build(os.path.join(ROOT, "pelicanconf.py"), str(output), {"PATH": str(content)})
    assert gone and os.path.isfile(gone[0]), "packed again into the cache"
    assert {name: (kit / name).read_bytes() for name in before} == before, "the same kit as before, byte for byte"
