"""`make check` on fields: required, types, unknown names, vocabularies, ids and slugs, lengths and dates."""

from __future__ import annotations

import datetime

from sitefiles import BODY, STORY_YAML, actor_fields, check_in_process

STORY = "content/stories/beratung-per-video.md"


def story(site, front_matter: str = STORY_YAML, slug: str = "beratung-per-video", body: str = BODY):
    site.image()
    return site.write(f"stories/{slug}.md", f"---\n{front_matter}---\n\n{body}")


def check(site):
    return check_in_process(site.content)


def test_valid_story_checks_clean(site_files):
    site_files.minimal()
    story(site_files)
    assert check(site_files) == (0, "Keine Fehler: 7 Dateien geprüft.\n")


def test_missing_required_field(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("summary: Eine Schuldnerberatung berät per Video und erreicht so Familien in abgelegenen Dörfern.\n", ""))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:2: summary: Pflichtfeld fehlt. Anreißer in einfachem Text, höchstens 300 Zeichen." in output


def test_missing_image_credit_and_license(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace('  credit: "Foto: Anna Beispiel"\n  license: CC BY 4.0\n', ""))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:9: image.credit: Pflichtfeld fehlt. Urheberin oder Urheber, z. B. "Foto: Anna Beispiel".' in output
    assert f'{STORY}:9: image.license: Pflichtfeld fehlt. Lizenz oder Nutzungsrecht, z. B. "CC BY 4.0".' in output


def test_string_where_a_list_is_expected(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("themes: [beratung]", "themes: beratung"))
    code, output = check(site_files)
    assert code == 1
    assert (f'{STORY}:5: themes: erwartet wird eine Liste, gefunden: "beratung". '
            "Schreiben Sie eine Liste: [beratung] oder untereinander mit '- beratung'.") in output


def test_german_date_gets_an_iso_suggestion(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("date: 2025-03-14", "date: 12.03.2024"))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:3: date: "12.03.2024" ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie "2024-03-12".' in output


def test_date_without_leading_zeros_and_a_day_that_does_not_exist(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("date: 2025-03-14", "date: 2025-3-4") + "modified: 2025-02-30\n")
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:3: date: "2025-3-4" ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie "2025-03-04".' in output
    assert f'{STORY}:14: modified: "2025-02-30" ist kein gültiges Datum (diesen Tag gibt es nicht).' in output


def test_boolean_number_and_empty_values(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", "title: 2024") + "featured: ja\nsummary2:\n")
    site_files.write("stories/zweite.md", "---\n" + STORY_YAML.replace("stage: pilot", "stage:") + "---\n\n" + BODY)
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:2: title: erwartet wird ein Text, gefunden: 2024. Setzen Sie den Wert in Anführungszeichen: "2024".' in output
    assert (f'{STORY}:14: featured: erwartet wird true oder false, gefunden: "ja". '
            "Schreiben Sie true (ja) oder false (nein) ohne Anführungszeichen.") in output
    assert "content/stories/zweite.md:7: stage: ist leer. Bitte ausfüllen oder die Zeile löschen, wenn das Feld freiwillig ist." in output


def test_unknown_field_gets_the_closest_name(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("summary:", "summery:"))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:4: summery: ist kein bekanntes Feld. Meinten Sie "summary"? Erlaubte Felder: title, date, modified, summary,' in output
    assert f"{STORY}:2: summary: Pflichtfeld fehlt." in output


def test_unknown_field_in_a_group(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("  alt:", "  alt_text:"))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:11: image.alt_text: ist kein bekanntes Feld. Meinten Sie "alt"?' in output


def test_unknown_theme_in_the_form_of_the_issue(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("themes: [beratung]", "themes: [pflege]"))
    code, output = check(site_files)
    assert code == 1
    assert (f'{STORY}:5: themes[1]: "pflege" ist kein bekanntes Themenfeld. Meinten Sie "pflege-gesundheit"? '
            "Erlaubt: pflege-gesundheit, beratung,") in output


def test_unknown_region_stage_and_target_group(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("regions: [erzgebirgskreis]", "regions: [dresden, erzgebirge]")
          .replace("stage: pilot", "stage: Pilotphase") + "target_groups: [senioren]\n")
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:6: regions[2]: "erzgebirge" ist keine bekannte Region. Meinten Sie "erzgebirgskreis"?' in output
    assert f'{STORY}:7: stage: "Pilotphase" ist keine bekannte Phase. Meinten Sie "pilot"? Erlaubt: idee, pilot, umsetzung, verbreitung.' in output
    assert f'{STORY}:14: target_groups[1]: "senioren" ist keine bekannte Zielgruppe.' in output


def test_actor_without_an_actor_file(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("actors: [beratungsverein]", "actors: [beratungsverien]"))
    code, output = check(site_files)
    assert code == 1
    assert (f'{STORY}:8: actors[1]: "beratungsverien" ist kein bekannter Akteur (es gibt keine Datei '
            'content/actors/beratungsverien.yml). Meinten Sie "beratungsverein"? Erlaubt: beratungsverein.') in output


def test_empty_list_names_the_allowed_ids(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("actors: [beratungsverein]", "actors: []"))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:8: actors: braucht mindestens einen Eintrag. Erlaubt: beratungsverein." in output


def test_entry_listed_twice(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("themes: [beratung]", "themes: [beratung, beratung]"))
    code, output = check(site_files)
    assert code == 1
    assert f'{STORY}:5: themes: enthält "beratung" doppelt. Bitte einen der beiden Einträge löschen.' in output


def test_unknown_actor_type_in_an_actor_file(site_files):
    site_files.minimal()
    site_files.actor("beratungsverein", actor_fields(type="verein"))
    code, output = check(site_files)
    assert code == 1
    assert 'content/actors/beratungsverein.yml:2: type: "verein" ist kein bekannter Akteurstyp.' in output


def test_duplicate_slug(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML + "slug: beratung-per-video\n", slug="zweite-geschichte")
    code, output = check(site_files)
    assert code == 1
    assert ("content/stories/zweite-geschichte.md:14: slug: Die Adresse /geschichten/beratung-per-video/ hat schon "
            f"{STORY}. Zwei Seiten können nicht dieselbe Adresse haben: bitte einen anderen slug wählen.") in output


def test_duplicate_actor_id_in_two_folders(site_files):
    site_files.minimal()
    site_files.actor("alt/beratungsverein")
    code, output = check(site_files)
    assert code == 1
    assert ('content/actors/beratungsverein.yml: Dateiname: Die Kennung (id) "beratungsverein" hat schon '
            "content/actors/alt/beratungsverein.yml. Jeder Akteur braucht einen eigenen Dateinamen") in output


def test_actor_ids_that_differ_only_in_case(site_files):
    site_files.minimal()
    site_files.actor("Beratungsverein")
    code, output = check(site_files)
    assert code == 1
    assert ('content/actors/beratungsverein.yml: Dateiname: "beratungsverein" und "Beratungsverein" (content/actors/Beratungsverein.yml) '
            "unterscheiden sich nur in Groß- und Kleinschreibung.") in output
    assert 'content/actors/Beratungsverein.yml: Dateiname: Der Dateiname "Beratungsverein.yml" ist die Kennung (id) des Akteurs' in output


def test_actor_file_name_that_is_not_a_valid_id(site_files):
    site_files.minimal()
    site_files.actor("straßen_kinder")
    code, output = check(site_files)
    assert code == 1
    assert ('content/actors/straßen_kinder.yml: Dateiname: Der Dateiname "straßen_kinder.yml" ist die Kennung (id) des Akteurs '
            "und wird seine Adresse /akteure/straßen_kinder/. Erlaubt sind nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche. "
            'Benennen Sie die Datei in "strassen-kinder.yml" um') in output


def test_slug_that_takes_a_fixed_address(site_files):
    site_files.minimal()
    story(site_files, slug="suche")
    story(site_files, STORY_YAML + "slug: themen\n", slug="andere")
    code, output = check(site_files)
    assert code == 1
    assert ('content/stories/suche.md: Dateiname: Der Dateiname "suche.md" wird die Adresse der Geschichte. '
            '"suche" ist eine feste Adresse der Website und kann nicht vergeben werden. Benennen Sie die Datei um.') in output
    assert ('content/stories/andere.md:14: slug: "themen" ist eine feste Adresse der Website und kann nicht vergeben werden. '
            "Bitte einen anderen slug wählen.") in output


def test_slug_with_characters_outside_a_z_0_9(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML + "slug: Grüße_aus_Dörfern\n")
    story(site_files, slug="Über uns")
    code, output = check(site_files)
    assert code == 1
    assert (f'{STORY}:14: slug: "Grüße_aus_Dörfern" darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten. '
            'Vorschlag: "gruesse-aus-doerfern".') in output
    assert 'content/stories/Über uns.md: Dateiname: Der Dateiname "Über uns.md" wird die Adresse der Geschichte.' in output
    assert 'Benennen Sie die Datei in "ueber-uns.md" um oder setzen Sie das Feld slug.' in output


def test_title_and_summary_too_long(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", "title: " + "T" * 121)
          .replace("summary: Eine Schuldnerberatung", "summary: " + "S" * 301))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:2: title: ist 121 Zeichen lang; erlaubt sind höchstens 120. Bitte kürzen." in output
    summary_length = 301 + len(" berät per Video und erreicht so Familien in abgelegenen Dörfern.")
    assert f"{STORY}:4: summary: ist {summary_length} Zeichen lang; erlaubt sind höchstens 300. Bitte kürzen." in output


def test_short_body_is_a_warning_only(site_files):
    site_files.minimal()
    story(site_files, body="Ein sehr kurzer Text.\n")
    code, output = check(site_files)
    assert code == 0
    assert (f"{STORY}:16: Warnung: Text: hat nur 4 Wörter. Eine Geschichte sollte mindestens 80 Wörter haben, "
            "damit Leserinnen und Leser verstehen, worum es geht.") in output


def test_modified_before_date(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML + "modified: 2025-03-01\n")
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:14: modified: liegt vor dem Veröffentlichungsdatum date (2025-03-14)." in output


def test_date_in_the_coming_year_is_a_warning_only(site_files):
    site_files.minimal()
    soon = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    story(site_files, STORY_YAML.replace("date: 2025-03-14", f"date: {soon}"))
    code, output = check(site_files)
    assert code == 0
    assert f"{STORY}:3: Warnung: date: liegt in der Zukunft ({soon}). Die Geschichte erscheint trotzdem sofort" in output
    assert "0 Fehler, 1 Warnung in 1 Datei" in output


def test_date_more_than_a_year_ahead_is_an_error(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("date: 2025-03-14", "date: 2999-01-01"))
    code, output = check(site_files)
    assert code == 1
    assert f"{STORY}:3: date: 2999-01-01 liegt mehr als ein Jahr in der Zukunft. Ist das ein Tippfehler?" in output
