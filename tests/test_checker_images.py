"""`make check` on images: the file, its size and format, and the texts that go with it."""

from __future__ import annotations

import os

import pytest
from imagefiles import LIGHTROOM_XMP, camera_exif, phone_exif, photo, with_iptc
from PIL import Image

from sitefiles import BODY, STORY_YAML, actor_fields, check_in_process

STORY = "content/stories/beratung-per-video.md"


def story(site, front_matter: str = STORY_YAML):
    if not os.path.exists(site.path("images/beratung.jpg")):
        site.image()
    return site.write("stories/beratung-per-video.md", f"---\n{front_matter}---\n\n{BODY}")


def with_src(src: str) -> str:
    return STORY_YAML.replace("src: images/beratung.jpg", f"src: {src}")


def check(site):
    return check_in_process(site.content)


def test_image_file_that_does_not_exist_gets_the_closest_name(site_files):
    site_files.minimal()
    site_files.image("images/stories/Beratung.JPG")
    story(site_files, with_src("images/stories/beratung.jpg"))
    code, output = check(site_files)
    assert code == 1
    assert (f"{STORY}:10: image.src: Die Bilddatei content/images/stories/beratung.jpg gibt es nicht. "
            'Prüfen Sie Ordner, Dateiname und Endung (Groß-/Kleinschreibung zählt). Meinten Sie "images/stories/Beratung.JPG"?') in output


def test_image_outside_the_content_folder(site_files):
    site_files.minimal()
    story(site_files, with_src("../geheim.jpg"))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:10: image.src: "../geheim.jpg" enthält ".." oder leere Ordner. Pfade führen nie aus content/ heraus' in output


def test_image_path_written_like_a_web_address_or_repository_path(site_files):
    site_files.minimal()
    story(site_files, with_src("/images/beratung.jpg"))
    site_files.write("stories/zweite.md", "---\n" + with_src("content/images/beratung.jpg") + "---\n\n" + BODY)
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:10: image.src: Schreiben Sie den Pfad ohne "/" am Anfang, relativ zu content/: "images/beratung.jpg".' in output
    assert 'content/stories/zweite.md:10: image.src: Schreiben Sie den Pfad ohne "content/" am Anfang: "images/beratung.jpg".' in output


def test_image_outside_the_images_folder_would_not_be_published(site_files):
    site_files.minimal()
    site_files.image("bilder/beratung.jpg")
    story(site_files, with_src("bilder/beratung.jpg"))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:10: image.src: "bilder/beratung.jpg" liegt nicht im Ordner content/images/ und würde nicht veröffentlicht.' in output


def test_file_that_is_not_an_image(site_files):
    site_files.minimal()
    site_files.write("images/beratung.jpg", b"<html>Das ist kein Bild</html>")
    story(site_files)
    code, output = check(site_files)
    assert code == 1
    assert (f"{STORY}:10: image.src: images/beratung.jpg ist kein lesbares Bild. Erlaubt sind JPEG, PNG, WebP oder GIF; "
            "speichern Sie das Bild in einem dieser Formate neu.") in output


def test_svg_is_refused_for_story_images(site_files):
    site_files.minimal()
    site_files.write("images/grafik.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    story(site_files, with_src("images/grafik.svg"))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:10: image.src: images/grafik.svg ist eine SVG-Grafik; hier braucht die Website ein Foto- oder Grafikformat" in output


def test_svg_logo_is_allowed_without_scripts(site_files):
    site_files.minimal()
    site_files.write("images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>')
    site_files.write("images/boese.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    site_files.actor("beratungsverein", actor_fields(logo={"src": "images/logo.svg", "alt": "Logo: grünes Quadrat"}))
    site_files.actor("zweiter-verein", actor_fields(logo={"src": "images/boese.svg", "alt": "Logo: grünes Quadrat"}))
    code, output = check(site_files)
    assert code == 1
    assert "content/actors/beratungsverein.yml" not in output
    assert ("content/actors/zweiter-verein.yml:7: logo.src: Die SVG-Grafik images/boese.svg, Zeile 1: das Attribut onload= kann "
            "Programmcode ausführen. Exportieren Sie das Logo ohne onload= oder speichern Sie es als PNG.") in output


def test_image_larger_than_20_megabytes(site_files):
    site_files.minimal()
    path = site_files.image()
    with open(path, "r+b") as handle:
        handle.truncate(21 * 1024 * 1024)
    story(site_files)
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:10: image.src: Das Bild images/beratung.jpg ist 21.0 MB groß; erlaubt sind 20 MB. Bitte verkleinern" in output


def test_image_with_more_than_40_megapixels(site_files):
    site_files.minimal()
    Image.new("1", (8001, 5000)).save(site_files.path("images/riesig.png"))
    story(site_files, with_src("images/riesig.png"))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:10: image.src: Das Bild images/riesig.png hat 40 Megapixel; erlaubt sind 40. Bitte verkleinern" in output


def test_alt_text_missing_empty_or_blank(site_files):
    site_files.minimal()
    alt = "  alt: Ein Tablet auf einem Küchentisch zeigt eine Beraterin im Videogespräch\n"
    story(site_files, STORY_YAML.replace(alt, ""))
    site_files.write("stories/leer.md", "---\n" + STORY_YAML.replace(alt, '  alt: ""\n') + "---\n\n" + BODY)
    site_files.write("stories/blank.md", "---\n" + STORY_YAML.replace(alt, '  alt: "   "\n') + "---\n\n" + BODY)
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:9: image.alt: Pflichtfeld fehlt. Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen." in output
    assert "content/stories/leer.md:11: image.alt: ist leer. Bitte ausfüllen: Was auf dem Bild zu sehen ist" in output
    assert "content/stories/blank.md:11: image.alt: enthält nur Leerzeichen. Beschreiben Sie, was auf dem Bild zu sehen ist." in output


def test_alt_text_that_only_repeats_the_file_name(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("alt: Ein Tablet auf einem Küchentisch zeigt eine Beraterin im Videogespräch", "alt: Beratung.jpg"))
    code, output = check(site_files)
    assert code == 1
    assert (f'{STORY}:11: image.alt: wiederholt nur den Dateinamen ("Beratung.jpg"). Beschreiben Sie in einem Satz, '
            "was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können.") in output


def test_empty_credit_and_license(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace('credit: "Foto: Anna Beispiel"', 'credit: ""').replace("license: CC BY 4.0", "license:"))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:12: image.credit: ist leer. Bitte ausfüllen: Urheberin oder Urheber, z. B. "Foto: Anna Beispiel".' in output
    assert f"{STORY}:13: image.license: ist leer. Bitte ausfüllen oder die Zeile löschen" in output


def test_actor_logo_is_checked_like_a_story_image(site_files):
    site_files.minimal()
    site_files.actor("beratungsverein", actor_fields(logo={"src": "images/logos/verein.png", "alt": "verein"}))
    code, output = check(site_files)
    assert code == 1
    assert "content/actors/beratungsverein.yml:7: logo.src: Die Bilddatei content/images/logos/verein.png gibt es nicht." in output
    assert 'content/actors/beratungsverein.yml:8: logo.alt: wiederholt nur den Dateinamen ("verein").' in output


def test_an_image_used_by_many_stories_is_opened_once(site_files, monkeypatch):
    from sinn_content_contract import check_site, formats, image_checks, image_references

    site_files.minimal()
    for number in range(20):
        site_files.write(f"stories/geschichte-{number}.md", f"---\n{STORY_YAML}---\n\n{BODY}")
    opened = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: opened.append(args[0]) or real_open(*args, **kwargs))
    monkeypatch.setattr(formats, "_image_cache", {})
    monkeypatch.setattr(image_checks, "_file_cache", {})
    monkeypatch.setattr(image_references, "_reference_cache", {})
    assert not check_site(site_files.content).report.problems
    # The file on its own, its format and its shape as a hero: three times for 21 stories, not once per story.
    assert len(opened) == 3


# --- Editors' mistakes with image files, all in one content folder, found in one run -----------------------

def story_with(site, slug: str, src: str, extra: str = "") -> None:
    """A valid story whose hero is `src`; `extra` adds lines to the image block (after license, line 14 on)."""
    site.write(f"stories/{slug}.md", "---\n" + with_src(src) + extra + "---\n\n" + BODY)


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    """One content folder with every mistake below, checked once: (exit code, output)."""
    from sitefiles import SiteFiles

    site = SiteFiles(tmp_path_factory.mktemp("bildfehler")).minimal()
    photo(site.path("images/stories/spielplatz.jpg"), exif=phone_exif())
    story_with(site, "spielplatz", "images/stories/spielplatz.jpg")
    photo(site.path("images/stories/chor.jpg"), exif=camera_exif())
    story_with(site, "chor", "images/stories/chor.jpg")
    photo(site.path("images/stories/stadtfest.jpg"), xmp=LIGHTROOM_XMP.encode())
    story_with(site, "stadtfest", "images/stories/stadtfest.jpg")
    photo(site.path("images/stories/pressefoto.jpg"))
    with_iptc(site.path("images/stories/pressefoto.jpg"), {80: b"Agentur Foto: Max Muster", 90: b"Chemnitz", 118: b"+49 371 000000"})
    story_with(site, "pressefoto", "images/stories/pressefoto.jpg")
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Jana Kowalski")
    photo(site.path("images/stories/plakat.png"), image_format="PNG", pnginfo=text)
    story_with(site, "plakat", "images/stories/plakat.png")
    data = open(photo(site.path("images/stories/werkstatt.jpg")), "rb").read()  # noqa: SIM115
    site.write("images/stories/werkstatt.jpg", data[: len(data) // 2])
    story_with(site, "werkstatt", "images/stories/werkstatt.jpg")
    photo(site.path("images/stories/Übergabe Spende.JPG"))
    story_with(site, "spende", "images/stories/Übergabe Spende.JPG")
    photo(site.path("images/stories/foto(1).jpg"))
    photo(site.path("images/stories/klein.jpg"), size=(320, 200))
    story_with(site, "klein", "images/stories/klein.jpg")
    photo(site.path("images/stories/screenshot.png"), size=(1000, 6000), image_format="PNG")
    story_with(site, "screenshot", "images/stories/screenshot.png")
    photo(site.path("images/stories/panorama.jpg"), size=(6000, 1500))
    story_with(site, "panorama", "images/stories/panorama.jpg", "  focus: [0.3, 0.5]\n")
    photo(site.path("images/stories/hochkant.jpg"), size=(1600, 1000), exif=_orientation(6))
    story_with(site, "hochkant", "images/stories/hochkant.jpg")
    photo(site.path("images/stories/kamera.jpg"), size=(4000, 3000))
    story_with(site, "kamera", "images/stories/kamera.jpg")
    photo(site.path("images/logos/Logo Verein.png"), size=(400, 200), image_format="PNG")
    site.actor("stadtteilverein", actor_fields(logo={"src": "images/logos/Logo Verein.png", "alt": "Logo: Schriftzug Stadtteilverein"}))
    site.write("images/logos/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>')
    site.actor("zweiter-verein", actor_fields(logo={"src": "images/logos/logo.svg", "alt": "Logo: grünes Quadrat"}))
    return check(site)


def _orientation(value: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = value
    return exif


def lines_of(output: str, path: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(path)]


def test_phone_photo_with_gps_position_is_an_error_that_never_shows_the_position(mistakes):
    code, output = mistakes
    assert code == 1
    [line] = lines_of(output, "content/images/stories/spielplatz.jpg")
    assert line.startswith("content/images/stories/spielplatz.jpg: Metadaten: Das Originalbild enthält persönliche Daten: "
                           "GPS-Position (Aufnahmeort). Im öffentlichen Repository blieben sie für immer lesbar")
    assert 'im Terminal "make bilder" ausführen' in line and "Fork" in line and "Bilder verkleinert und Metadaten entfernt" in line
    assert "51" not in output and "7.5" not in output and "13.0" not in output


def test_system_camera_photo_with_owner_serial_number_and_maker_note(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/images/stories/chor.jpg")
    assert ("Das Originalbild enthält persönliche Daten: Name der Fotografin oder des Fotografen, Name der Kamerabesitzerin oder "
            "des Kamerabesitzers, Seriennummer von Kamera oder Objektiv, Herstellerdaten der Kamera") in line
    assert "Kowalski" not in output and "083021004711" not in output


def test_lightroom_export_with_place_and_person_in_xmp(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/images/stories/stadtfest.jpg")
    assert "persönliche Daten: Personen oder markierte Gesichter im Bild, Ortsangaben (Stadt, Land oder Ort)." in line
    assert "Annaberg" not in output and "Frau M." not in output


def test_press_agency_photo_with_iptc_byline_city_and_contact(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/images/stories/pressefoto.jpg")
    assert ("persönliche Daten: Ortsangaben (Stadt, Land oder Ort), Name der Fotografin oder des Fotografen, "
            "Kontaktdaten (Adresse, Telefon oder E-Mail).") in line
    assert "Chemnitz" not in output and "371" not in output


def test_png_with_an_author_text_chunk(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/images/stories/plakat.png")
    assert "content/images/stories/plakat.png: Metadaten: Das Originalbild enthält persönliche Daten: Name der Fotografin" in line


def test_truncated_upload_is_an_error_of_the_file(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/images/stories/werkstatt.jpg")
    assert line == ("content/images/stories/werkstatt.jpg: Bild: Das Bild ist unvollständig: die Datei bricht mitten im Bild ab "
                    "(oft nach einem abgebrochenen Hochladen oder Kopieren). Laden Sie das Original noch einmal hoch oder speichern "
                    "Sie es im Bildprogramm neu als JPEG oder PNG.")


def test_file_name_with_capitals_space_and_umlaut_gets_its_new_name_at_the_file_and_the_reference(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/images/stories/Übergabe Spende.JPG")
    assert line == (
        'content/images/stories/Übergabe Spende.JPG: Dateiname: Der Dateiname "Übergabe Spende.JPG" enthält Großbuchstaben, '
        'Leerzeichen und Umlaute oder ß. Erlaubt sind nur Kleinbuchstaben a–z, Ziffern, "-", "_" und "."; Leerzeichen zerbrechen '
        "die Liste der Bildgrößen (srcset), dann bekommen Besucher kein AVIF oder WebP. Benennen Sie die Datei in "
        '"uebergabe-spende.jpg" um (neuer Pfad: images/stories/uebergabe-spende.jpg) und ändern Sie jeden Verweis darauf '
        "(image.src, logo.src oder ein Bild im Text) genauso."
    )
    assert ("content/stories/spende.md:10: image.src: Der Name der Bilddatei enthält Großbuchstaben, Leerzeichen und Umlaute oder ß; "
            'so funktionieren die Bildgrößen (srcset) nicht. Benennen Sie die Datei um und schreiben Sie hier danach '
            '"images/stories/uebergabe-spende.jpg".') in output


def test_file_name_with_brackets_from_a_download_folder(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/images/stories/foto(1).jpg")
    assert 'Der Dateiname "foto(1).jpg" enthält die Zeichen "(" ")".' in line
    assert 'Benennen Sie die Datei in "foto-1.jpg" um' in line


def test_hero_taken_from_a_website_is_too_small(mistakes):
    _code, output = mistakes
    assert ("content/stories/klein.md:10: Warnung: image.src: Das Titelbild ist nur 320 Pixel breit (320 × 200). Für die "
            "Link-Vorschau (1200 × 630) und große Bildschirme (bis 1600 Pixel) braucht es mindestens 1200 Pixel Breite, sonst "
            "wirkt es unscharf. Laden Sie das Bild in höherer Auflösung hoch: mindestens 1200, besser 1600 Pixel breit.") in output


def test_phone_screenshot_as_hero_says_what_the_link_preview_cuts_off(mistakes):
    _code, output = mistakes
    lines = lines_of(output, "content/stories/screenshot.md")
    assert len(lines) == 2, "too narrow and too tall: two warnings at the same line"
    assert "content/stories/screenshot.md:10: Warnung: image.src: Das Titelbild ist nur 1000 Pixel breit (1000 × 6000)." in lines[0] + lines[1]
    assert ("content/stories/screenshot.md:10: Warnung: image.src: Das Titelbild ist 1000 × 6000 Pixel groß, also sehr hoch "
            "(Seitenverhältnis 1:6); gut passen Bilder zwischen 2:1 (quer) und 1:2 (hoch). In der Link-Vorschau (1200 × 630, um "
            "image.focus herum) werden oben und unten je etwa 46 % abgeschnitten") in output


def test_panorama_with_a_focus_names_each_side_it_loses(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/stories/panorama.md")
    assert line.startswith("content/stories/panorama.md:10: Warnung: image.src: Das Titelbild ist 6000 × 1500 Pixel groß, also sehr breit "
                           "(Seitenverhältnis 4:1)")
    assert "werden links etwa 6 % und rechts etwa 46 % abgeschnitten" in line
    assert "content/images/stories/panorama.jpg: Warnung: Bildgröße: Das Original ist 6000 × 1500 Pixel groß" in output


def test_portrait_phone_photo_is_measured_upright(mistakes):
    _code, output = mistakes
    assert "content/stories/hochkant.md:10: Warnung: image.src: Das Titelbild ist nur 1000 Pixel breit (1000 × 1600)." in output


def test_camera_original_over_2560_pixels_is_a_warning(mistakes):
    _code, output = mistakes
    [line] = lines_of(output, "content/images/stories/kamera.jpg")
    assert line.startswith("content/images/stories/kamera.jpg: Warnung: Bildgröße: Das Original ist 4000 × 3000 Pixel groß; die Website "
                           "braucht höchstens 2560 Pixel an der langen Seite.")
    assert '"make bilder"' in line
    assert not lines_of(output, "content/stories/kamera.md"), "4:3 and wide enough: fine as a hero"


def test_logo_with_a_space_in_its_name_gets_its_new_name_at_the_logo_line(mistakes):
    _code, output = mistakes
    assert ("content/actors/stadtteilverein.yml:7: logo.src: Der Name der Bilddatei enthält Großbuchstaben und Leerzeichen; so "
            'funktionieren die Bildgrößen (srcset) nicht. Benennen Sie die Datei um und schreiben Sie hier danach '
            '"images/logos/logo-verein.png".') in output
    assert 'content/images/logos/Logo Verein.png: Dateiname: Der Dateiname "Logo Verein.png" enthält Großbuchstaben und Leerzeichen.' in output


def test_every_mistake_comes_in_the_first_run_and_clean_images_stay_quiet(mistakes):
    code, output = mistakes
    assert code == 1
    assert output.splitlines()[-2].startswith("11 Fehler, 8 Warnungen in 18 Dateien"), "each mistake once, all in one run"
    for quiet in ("content/stories/beratung-per-video.md", "content/images/beratung.jpg", "content/images/logos/logo.svg",
                  "content/actors/zweiter-verein.yml", "content/stories/kamera.md"):
        assert not lines_of(output, quiet), quiet


def test_a_second_check_decodes_no_image_again_until_one_changes(site_files, monkeypatch):
    from sinn_content_contract import check_site, formats, image_checks, image_references

    site_files.minimal()
    photo(site_files.path("images/beratung.jpg"))

    def check_counting_opens(settings=None) -> tuple[list[str], int]:
        for module, cache in ((formats, "_image_cache"), (image_checks, "_file_cache"), (image_references, "_reference_cache")):
            monkeypatch.setattr(module, cache, {})  # a new process: only the image cache (.cache/images/checks.json) remembers
        opened = []
        real_open = Image.open
        monkeypatch.setattr(Image, "open", lambda *args, **kwargs: opened.append(args[0]) or real_open(*args, **kwargs))
        problems = [p.format() for p in check_site(site_files.content, settings).report.problems]
        monkeypatch.setattr(Image, "open", real_open)
        return problems, len(opened)

    assert check_counting_opens() == ([], 3)
    assert check_counting_opens() == ([], 0), "nothing changed: every file's verdict comes from .cache/check/"
    without_verdicts = {"CONTENT_CONTRACT_CACHE": False}
    assert check_counting_opens(without_verdicts) == ([], 2), "the file's own examination comes from the cache; its format and shape are headers only"
    photo(site_files.path("images/beratung.jpg"), exif=phone_exif())
    problems, _opened = check_counting_opens()
    assert any("images/beratung.jpg: Metadaten: Das Originalbild enthält persönliche Daten: GPS-Position" in p for p in problems)


def test_a_fresh_clone_with_the_image_cache_decodes_no_image_whose_bytes_it_knows(site_files, tmp_path, monkeypatch):
    """CI keeps only .cache/images between runs; a clone has new inodes and times, the same bytes need no decoding."""
    import shutil

    from sinn_content_contract import check_site, image_checks

    site_files.minimal()
    photo(site_files.path("images/beratung.jpg"), size=(3000, 2000))
    decoded = []
    real_inspect = image_checks._inspect_file
    monkeypatch.setattr(image_checks, "_inspect_file", lambda path: decoded.append(os.path.basename(path)) or real_inspect(path))

    def check(content: str) -> list[str]:
        monkeypatch.setattr(image_checks, "_file_cache", {})  # a new process
        return [p.format() for p in check_site(content).report.problems]

    first = check(site_files.content)
    assert decoded == ["beratung.jpg"] and any("Bildgröße: Das Original ist 3000 × 2000 Pixel" in line for line in first)
    clone = tmp_path / "clone"
    shutil.copytree(site_files.content, clone / "content")
    shutil.copytree(os.path.join(os.path.dirname(site_files.content), ".cache", "images"), clone / ".cache" / "images")
    again = check(str(clone / "content"))
    assert decoded == ["beratung.jpg"], "same bytes elsewhere: the verdict comes from the image cache"
    assert [line.replace(str(clone / "content"), "") for line in again] == [line.replace(site_files.content, "") for line in first]
    photo(str(clone / "content" / "images" / "beratung.jpg"), size=(1200, 800))
    assert not any("Bildgröße" in line for line in check(str(clone / "content")))
    assert decoded == ["beratung.jpg", "beratung.jpg"], "new bytes: decoded again"
