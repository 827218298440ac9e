"""`make check` on images: the file, its size and format, and the texts that go with it."""

from __future__ import annotations

import os

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
