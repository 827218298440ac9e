"""`make check` on fields: required, types, unknown names, vocabularies, ids and slugs, lengths and dates."""

from __future__ import annotations

import datetime

import pytest

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


def edited(*replacements: tuple[str, str], add: str = "") -> str:
    """The valid story's front matter with some texts replaced (each must be in it) and lines added at the end."""
    text = STORY_YAML
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text + add


SUMMARY_LINE = "summary: Eine Schuldnerberatung berät per Video und erreicht so Familien in abgelegenen Dörfern.\n"
LONG_SUMMARY = 301 + len(" berät per Video und erreicht so Familien in abgelegenen Dörfern.")

# One mistake an editor makes in the front matter of a story, and the lines `make check` must print for it.
STORY_MISTAKES = [
    pytest.param(edited((SUMMARY_LINE, "")),
                 [f"{STORY}:2: summary: Pflichtfeld fehlt. Anreißer in einfachem Text, höchstens 300 Zeichen."], id="missing-required-field"),
    pytest.param(edited(('  credit: "Foto: Anna Beispiel"\n  license: CC BY 4.0\n', "")),
                 [f'{STORY}:9: image.credit: Pflichtfeld fehlt. Urheberin oder Urheber, z. B. "Foto: Anna Beispiel".',
                  f'{STORY}:9: image.license: Pflichtfeld fehlt. Lizenz oder Nutzungsrecht, z. B. "CC BY 4.0".'], id="missing-credit-and-license"),
    pytest.param(edited(("themes: [beratung]", "themes: beratung")),
                 [f'{STORY}:5: themes: erwartet wird eine Liste, gefunden: "beratung". '
                  "Schreiben Sie eine Liste: [beratung] oder untereinander mit '- beratung'."], id="string-where-a-list-is-expected"),
    pytest.param(edited(("date: 2025-03-14", "date: 12.03.2024")),
                 [f'{STORY}:3: date: "12.03.2024" ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie "2024-03-12".'], id="german-date"),
    pytest.param(edited(("date: 2025-03-14", "date: 2025-3-4"), add="modified: 2025-02-30\n"),
                 [f'{STORY}:3: date: "2025-3-4" ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie "2025-03-04".',
                  f'{STORY}:14: modified: "2025-02-30" ist kein gültiges Datum (diesen Tag gibt es nicht).'],
                 id="date-without-zeros-and-a-day-that-is-not"),
    pytest.param(edited(("summary:", "summery:")),
                 [f'{STORY}:4: summery: ist kein bekanntes Feld. Meinten Sie "summary"? Erlaubte Felder: title, date, modified, summary,',
                  f"{STORY}:2: summary: Pflichtfeld fehlt."], id="unknown-field-gets-the-closest-name"),
    pytest.param(edited(("  alt:", "  alt_text:")), [f'{STORY}:11: image.alt_text: ist kein bekanntes Feld. Meinten Sie "alt"?'],
                 id="unknown-field-in-a-group"),
    pytest.param(edited(("themes: [beratung]", "themes: [pflege]")),
                 [f'{STORY}:5: themes[1]: "pflege" ist kein bekanntes Themenfeld. Meinten Sie "pflege-gesundheit"? '
                  "Erlaubt: pflege-gesundheit, beratung,"], id="unknown-theme"),
    pytest.param(edited(("regions: [erzgebirgskreis]", "regions: [dresden, erzgebirge]"), ("stage: pilot", "stage: Pilotphase"),
                        add="target_groups: [senioren]\n"),
                 [f'{STORY}:6: regions[2]: "erzgebirge" ist keine bekannte Region. Meinten Sie "erzgebirgskreis"?',
                  f'{STORY}:7: stage: "Pilotphase" ist keine bekannte Phase. Meinten Sie "pilot"? Erlaubt: idee, pilot, umsetzung, verbreitung.',
                  f'{STORY}:14: target_groups[1]: "senioren" ist keine bekannte Zielgruppe.'], id="unknown-region-stage-and-target-group"),
    pytest.param(edited(("actors: [beratungsverein]", "actors: [beratungsverien]")),
                 [f'{STORY}:8: actors[1]: "beratungsverien" ist kein bekannter Akteur (es gibt keine Datei '
                  'content/actors/beratungsverien.yml). Meinten Sie "beratungsverein"? Erlaubt: beratungsverein.'], id="actor-without-a-file"),
    pytest.param(edited(("actors: [beratungsverein]", "actors: []")),
                 [f"{STORY}:8: actors: braucht mindestens einen Eintrag. Erlaubt: beratungsverein."], id="empty-list-names-the-allowed-ids"),
    pytest.param(edited(("themes: [beratung]", "themes: [beratung, beratung]")),
                 [f'{STORY}:5: themes: enthält "beratung" doppelt. Bitte einen der beiden Einträge löschen.'], id="entry-listed-twice"),
    pytest.param(edited(("title: Beratung per Video erreicht Dörfer", "title: " + "T" * 121),
                        ("summary: Eine Schuldnerberatung", "summary: " + "S" * 301)),
                 [f"{STORY}:2: title: ist 121 Zeichen lang; erlaubt sind höchstens 120. Bitte kürzen.",
                  f"{STORY}:4: summary: ist {LONG_SUMMARY} Zeichen lang; erlaubt sind höchstens 300. Bitte kürzen."],
                 id="title-and-summary-too-long"),
    pytest.param(edited(add="modified: 2025-03-01\n"),
                 [f"{STORY}:14: modified: liegt vor dem Veröffentlichungsdatum date (2025-03-14)."], id="modified-before-date"),
    pytest.param(edited(("date: 2025-03-14", "date: 2999-01-01")),
                 [f"{STORY}:3: date: 2999-01-01 liegt mehr als ein Jahr in der Zukunft. Ist das ein Tippfehler?"], id="date-more-than-a-year-ahead"),
]


@pytest.mark.parametrize(("front_matter", "expected"), STORY_MISTAKES)
def test_a_mistake_in_a_story_gets_its_message_at_its_line(site_files, front_matter, expected):
    site_files.minimal()
    story(site_files, front_matter)
    code, output = check(site_files)
    assert code == 1
    for line in expected:
        assert line in output, f"{line}\n--- not in ---\n{output}"


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


def test_short_body_is_a_warning_only(site_files):
    site_files.minimal()
    story(site_files, body="Ein sehr kurzer Text.\n")
    code, output = check(site_files)
    assert code == 0
    assert (f"{STORY}:16: Warnung: Text: hat nur 4 Wörter. Eine Geschichte sollte mindestens 80 Wörter haben, "
            "damit Leserinnen und Leser verstehen, worum es geht.") in output


def test_date_in_the_coming_year_is_a_warning_only(site_files):
    site_files.minimal()
    soon = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    story(site_files, STORY_YAML.replace("date: 2025-03-14", f"date: {soon}"))
    code, output = check(site_files)
    assert code == 0
    assert f"{STORY}:3: Warnung: date: liegt in der Zukunft ({soon}). Die Geschichte erscheint trotzdem sofort" in output
    assert "0 Fehler, 1 Warnung in 1 Datei" in output


