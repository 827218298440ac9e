"""`make check` on files that cannot be read: broken YAML, missing front matter, wrong encoding, tabs."""

from __future__ import annotations

from sitefiles import STORY_YAML, check_in_process

STORY = "content/stories/beratung-per-video.md"


def check(site):
    return check_in_process(site.content)


def write_story(site, front_matter: str, body: str = "Ein Text.\n"):
    site.image()
    return site.write("stories/beratung-per-video.md", f"---\n{front_matter}---\n\n{body}")


def test_yaml_that_does_not_parse_names_line_and_column(site_files):
    site_files.minimal()
    write_story(site_files, STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", "title: Pflege: neu gedacht"))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:2: Die Felder können nicht gelesen werden (Spalte 14): Der Wert enthält einen Doppelpunkt" in output
    assert 'Setzen Sie so einen Wert in Anführungszeichen. Schreiben Sie die Zeile so: `title: "Pflege: neu gedacht"`.' in output


def test_unclosed_quote_is_reported_where_it_opens(site_files):
    site_files.minimal()
    write_story(site_files, STORY_YAML.replace("stage: pilot", 'stage: "pilot'))
    code, output = check(site_files)
    assert code == 1
    assert (f"{STORY}:7: Die Felder können nicht gelesen werden (Spalte 8): "
            "In dieser Zeile wird ein Anführungszeichen geöffnet, aber nicht geschlossen. "
            'Schreiben Sie die Zeile so: `stage: "pilot"`.') in output


def test_unclosed_list_is_reported_where_it_opens(site_files):
    site_files.minimal()
    write_story(site_files, STORY_YAML.replace("themes: [beratung]", "themes: [beratung"))
    code, output = check(site_files)
    assert code == 1
    assert (f"{STORY}:5: Die Felder können nicht gelesen werden (Spalte 9): Eine Liste in [ ] wird hier geöffnet, aber nicht "
            "geschlossen. Schreiben Sie die Zeile so: `themes: [beratung]`.") in output


def test_missing_front_matter(site_files):
    site_files.minimal()
    site_files.write("stories/beratung-per-video.md", "# Beratung per Video\n\nEin Text ohne Kopfbereich.\n")
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:1: Der Kopfbereich fehlt: die Datei muss mit einer Zeile '---' beginnen" in output


def test_front_matter_that_is_not_closed_names_where_the_text_begins(site_files):
    site_files.minimal()
    site_files.write("stories/beratung-per-video.md", "---\n" + STORY_YAML + "\nEin Text.\n")
    code, output = check(site_files)
    assert code == 1
    assert (f"{STORY}:15: Der Kopfbereich (ab Zeile 1) wird nicht geschlossen: nach den Feldern fehlt eine Zeile '---'. "
            "Der Text beginnt vermutlich in Zeile 15 („Ein Text.“): schreiben Sie davor eine Zeile `---`") in output


def test_file_that_is_not_utf8(site_files):
    site_files.minimal()
    site_files.write("stories/beratung-per-video.md", ("---\n" + STORY_YAML + "---\n\nGrüße aus Dörfern.\n").encode("latin-1"))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:2: Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie im Editor als „UTF-8“" in output


def test_tab_indented_yaml(site_files):
    site_files.minimal()
    write_story(site_files, STORY_YAML.replace("  alt: Ein Tablet", "\talt: Ein Tablet"))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:11: Die Felder können nicht gelesen werden (Spalte 1): Ein Tabulator steht in der Einrückung." in output
    assert "Rücken Sie in YAML nur mit Leerzeichen ein." in output


def test_duplicate_key_is_reported_with_both_lines(site_files):
    site_files.minimal()
    write_story(site_files, STORY_YAML + "title: Noch ein Titel\n")
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:14: title: steht doppelt (zuerst in Zeile 2). Es gilt nur einer der Werte: bitte einen der beiden Einträge löschen." in output


def test_duplicate_key_in_a_group_and_in_an_actor(site_files):
    site_files.minimal()
    write_story(site_files, STORY_YAML + "  alt: Noch ein Bildtext\n")
    site_files.actor("beratungsverein", raw="name: Verein\ntype: initiative\nregions: [dresden]\nname: Anderer Name\ndescription: Text.\n")
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:14: alt: steht doppelt (zuerst in Zeile 11)." in output
    assert "content/actors/beratungsverein.yml:4: name: steht doppelt (zuerst in Zeile 1)." in output


def test_yaml_references_are_refused(site_files):
    site_files.minimal()
    write_story(site_files, STORY_YAML.replace("themes: [beratung]", "themes: &t [beratung]") + "target_groups: *t\n")
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:14: Verweise mit & und * werden nicht unterstützt. Schreiben Sie den Wert aus" in output


def test_fields_that_are_not_name_value_pairs(site_files):
    site_files.minimal()
    write_story(site_files, "- title\n- date\n")
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:2: Die Felder müssen als 'name: wert' untereinander stehen" in output


def test_empty_front_matter_lists_every_required_field(site_files):
    site_files.minimal()
    write_story(site_files, "")
    code, output = check(site_files)
    assert code == 1
    for name in ("title", "date", "summary", "themes", "regions", "stage", "actors", "image"):
        assert f"{STORY}:2: {name}: Pflichtfeld fehlt." in output


def test_actor_file_that_does_not_parse(site_files):
    site_files.minimal()
    site_files.actor("beratungsverein", raw="name: Verein\ntype: initiative\n  regions: [dresden]\n")
    code, output = check(site_files)
    assert code == 1
    assert ("content/actors/beratungsverein.yml:3: Die Felder können nicht gelesen werden (Spalte 1): Die Zeile ist mit 2 "
            "Leerzeichen eingerückt; die Felder dieser Ebene darüber stehen ganz links (ohne Einrückung).") in output
    assert "Schreiben Sie die Zeile so: `regions: [dresden]`." in output
    assert "content/actors/beratungsverein.yml:1: description: Pflichtfeld fehlt." in output  # read past the error


def test_files_that_would_silently_not_be_published(site_files):
    site_files.minimal()
    site_files.write("stories/neue-geschichte.markdown", "---\ntitle: x\n---\n")
    site_files.write("actors/verein.yaml", "name: Verein\n")
    site_files.image("stories/foto.jpg")
    site_files.write("stories/README.md.swp", "editor swap file")
    code, output = check(site_files)
    assert code == 1
    assert ('content/stories/neue-geschichte.markdown: Dateiname: Diese Datei wird nicht gelesen: Geschichten müssen auf .md enden. '
            'Benennen Sie sie in "neue-geschichte.md" um.') in output
    assert 'content/actors/verein.yaml: Dateiname: Diese Datei wird nicht gelesen: Akteursprofile müssen auf .yml enden.' in output
    assert "content/stories/foto.jpg: Dateiname: Bilder gehören in den Ordner content/images/" in output
    assert "swp" not in output


def test_bom_and_windows_line_endings_are_accepted(site_files):
    site_files.minimal()
    text = "\ufeff---\r\n" + STORY_YAML.replace("\n", "\r\n") + "---\r\n\r\n" + "Ein Satz mit ein paar Wörtern. " * 20 + "\r\n"
    site_files.write("stories/beratung-per-video.md", text)
    code, output = check(site_files)
    assert code == 0, output
    assert output.startswith("Keine Fehler")


def test_every_broken_file_is_reported_in_one_run(site_files):
    site_files.minimal()
    site_files.write("stories/eins.md", "kein Kopfbereich\n")
    site_files.write("stories/zwei.md", "---\ntitle: [offen\n---\n")
    site_files.actor("drei", raw="name: 'offen\n")
    code, output = check(site_files)
    assert code == 1
    assert "content/stories/eins.md:1:" in output
    assert "content/stories/zwei.md:2:" in output
    assert "content/actors/drei.yml:1:" in output
    assert "in 3 Dateien" in output
