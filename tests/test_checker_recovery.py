"""`make check` reads past a YAML slip: it names the cause and the corrected line, and still checks every other field.

Each test makes one mistake editors make when they copy from Word or e-mails, plus wrong values in
other fields of the same file; all of them must be reported in the first run, at the file's lines.
"""

from __future__ import annotations

import pytest

from sitefiles import BODY, STORY_YAML, check_in_process, run_build

STORY = "content/stories/beratung-per-video.md"
ACTOR = "content/actors/beratungsverein.yml"

# Wrong values in other fields: (line in the file, as written, as written wrongly, start of the message).
FIELD_MISTAKES = {
    "date": (3, "date: 2025-03-14", "date: 14.03.2025", 'date: "14.03.2025" ist kein Datum im Format JJJJ-MM-TT.'),
    "themes": (5, "themes: [beratung]", "themes: [pflege]", 'themes[1]: "pflege" ist kein bekanntes Themenfeld.'),
    "regions": (6, "regions: [erzgebirgskreis]", "regions: [atlantis]", 'regions[1]: "atlantis" ist keine bekannte Region.'),
    "stage": (7, "stage: pilot", "stage: unbekannt", 'stage: "unbekannt" ist keine bekannte Phase.'),
}
UNREADABLE = "Die Felder können nicht gelesen werden"


def with_mistakes(yaml: str, *fields: str) -> str:
    """The front matter with wrong values in the named fields."""
    for name in fields:
        _line, right, wrong, _message = FIELD_MISTAKES[name]
        assert right in yaml
        yaml = yaml.replace(right, wrong)
    return yaml


def check_story(site, text: str) -> str:
    """Write the story file as given and return `make check`'s output (which must fail)."""
    site.minimal()
    site.write("stories/beratung-per-video.md", text)
    code, output = check_in_process(site.content)
    assert code == 1, output
    return output


def check_front_matter(site, yaml: str) -> str:
    """A story with this front matter and a good body."""
    return check_story(site, f"---\n{yaml}---\n\n{BODY}")


def assert_field_mistakes(output: str, *fields: str) -> None:
    """Every wrong value is reported at its line, in the same run as the syntax slip."""
    for name in fields:
        line, _right, _wrong, message = FIELD_MISTAKES[name]
        assert f"{STORY}:{line}: {message}" in output, output


def test_one_syntax_error_and_four_field_errors_give_five_messages_in_one_run(site_files):
    yaml = with_mistakes(STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", "title: Projekt: Neustart"), *FIELD_MISTAKES)
    output = check_front_matter(site_files, yaml)
    assert (f"{STORY}:2: {UNREADABLE} (Spalte 15): Der Wert enthält einen Doppelpunkt mit Leerzeichen danach" in output)
    assert 'Schreiben Sie die Zeile so: `title: "Projekt: Neustart"`.' in output
    assert_field_mistakes(output, *FIELD_MISTAKES)
    assert "5 Fehler, 0 Warnungen in 1 Datei" in output


@pytest.mark.parametrize("opening, closing", [("„", "“"), ("“", "”"), ("”", "”"), ("«", "»"), ("‚", "‘"), ("‘", "’")])
def test_typographic_quotes_around_a_value_with_a_colon(site_files, opening, closing):
    yaml = with_mistakes(STORY_YAML.replace('credit: "Foto: Anna Beispiel"', f"credit: {opening}Foto: Jana K.{closing}"), "date", "stage")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:12: {UNREADABLE} (Spalte 11): Der Wert steht in typografischen Anführungszeichen ({opening}…{closing})" in output
    assert "deshalb hält YAML den Doppelpunkt darin für einen neuen Feldnamen" in output
    assert 'Schreiben Sie die Zeile so: `  credit: "Foto: Jana K."` (2 Leerzeichen am Anfang).' in output
    assert "Ein Doppelpunkt steht, wo keiner erwartet wird" not in output
    assert_field_mistakes(output, "date", "stage")


def test_no_break_spaces_as_indentation(site_files):
    # YAML alone reads these lines as fields named "  src" and "  alt", so the file once seemed to parse.
    yaml = STORY_YAML.replace("  src:", "\u00a0\u00a0src:").replace("  alt:", "\u00a0\u00a0alt:")
    output = check_front_matter(site_files, with_mistakes(yaml, "themes", "stage"))
    for line, fixed in ((10, "  src: images/beratung.jpg"), (11, "  alt: Ein Tablet auf einem Küchentisch")):
        assert f"{STORY}:{line}: {UNREADABLE} (Spalte 1): Am Zeilenanfang steht ein geschütztes Leerzeichen (U+00A0)" in output
        assert f"Schreiben Sie die Zeile so: `{fixed}" in output
    assert "Die Zeile passt nicht zu den Feldern davor" not in output
    assert "ist kein bekanntes Feld" not in output
    assert_field_mistakes(output, "themes", "stage")


def test_narrow_no_break_space_before_the_colon(site_files):
    yaml = with_mistakes(STORY_YAML.replace("stage: pilot", "stage\u202f: pilot"), "date", "themes")
    output = check_front_matter(site_files, yaml)
    assert (f"{STORY}:7: {UNREADABLE} (Spalte 6): Im Feldnamen oder vor dem Doppelpunkt steht ein schmales geschütztes "
            "Leerzeichen (U+202F)") in output
    assert "Schreiben Sie die Zeile so: `stage: pilot`." in output
    assert_field_mistakes(output, "date", "themes")


def test_no_break_space_after_the_colon(site_files):
    yaml = with_mistakes(STORY_YAML.replace("stage: pilot", "stage:\u00a0pilot"), "date", "themes")
    output = check_front_matter(site_files, yaml)
    assert (f"{STORY}:7: {UNREADABLE} (Spalte 7): Nach dem Doppelpunkt steht ein geschütztes Leerzeichen (U+00A0) statt eines "
            "normalen Leerzeichens") in output
    assert "Schreiben Sie die Zeile so: `stage: pilot`." in output
    assert_field_mistakes(output, "date", "themes")


def test_zero_width_space_before_a_field_name(site_files):
    yaml = with_mistakes(STORY_YAML.replace("summary:", "\u200bsummary:"), "date", "stage")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:4: {UNREADABLE} (Spalte 1): Am Zeilenanfang steht ein unsichtbares Leerzeichen (U+200B)" in output
    assert "Schreiben Sie die Zeile so: `summary: Eine Schuldnerberatung" in output
    assert "summary: Pflichtfeld fehlt" not in output
    assert_field_mistakes(output, "date", "stage")


def test_tab_as_indentation(site_files):
    yaml = with_mistakes(STORY_YAML.replace("  license:", "\tlicense:"), "date", "regions")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:13: {UNREADABLE} (Spalte 1): Ein Tabulator steht in der Einrückung." in output
    assert "Schreiben Sie die Zeile so: `  license: CC BY 4.0` (2 Leerzeichen am Anfang)." in output
    assert_field_mistakes(output, "date", "regions")


def test_tab_after_the_dash_of_a_list_item(site_files):
    yaml = with_mistakes(STORY_YAML.replace("themes: [beratung]", "themes:\n  -\tberatung"), "date")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:6: {UNREADABLE} (Spalte 4): Nach dem Strich eines Listeneintrags steht ein Tabulator." in output
    assert "Schreiben Sie die Zeile so: `  - beratung` (2 Leerzeichen am Anfang)." in output
    assert f"{STORY}:3: " + FIELD_MISTAKES["date"][3] in output
    assert f"{STORY}:8: " + FIELD_MISTAKES["stage"][3] not in output


def test_missing_space_after_the_colon(site_files):
    yaml = with_mistakes(STORY_YAML.replace("stage: pilot", "stage:pilot"), "date", "themes")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:7: {UNREADABLE} (Spalte 7): Nach dem Doppelpunkt hinter stage fehlt ein Leerzeichen." in output
    assert "Schreiben Sie die Zeile so: `stage: pilot`." in output
    assert_field_mistakes(output, "date", "themes")


@pytest.mark.parametrize("written, cause", [
    ("stage pilot", "Nach dem Feldnamen stage fehlt der Doppelpunkt."),
    ("stage = pilot", "Zwischen stage und dem Wert steht „=“; in YAML steht dort ein Doppelpunkt."),
])
def test_missing_colon_after_the_field_name(site_files, written, cause):
    yaml = with_mistakes(STORY_YAML.replace("stage: pilot", written), "date", "regions")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:7: {UNREADABLE} (Spalte 6): {cause} Schreiben Sie die Zeile so: `stage: pilot`." in output
    assert_field_mistakes(output, "date", "regions")


def test_unclosed_straight_quote(site_files):
    yaml = with_mistakes(STORY_YAML.replace("summary: Eine", 'summary: "Eine'), "date", "stage")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:4: {UNREADABLE} (Spalte 10): In dieser Zeile wird ein Anführungszeichen geöffnet, aber nicht geschlossen." in output
    assert 'Schreiben Sie die Zeile so: `summary: "Eine Schuldnerberatung berät per Video' in output
    assert_field_mistakes(output, "date", "stage")


def test_quotes_inside_a_quoted_value(site_files):
    yaml = with_mistakes(STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", 'title: "Das "Dorf" lebt"'), "themes", "stage")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:2: {UNREADABLE} (Spalte 13): Der Text enthält selbst Anführungszeichen" in output
    assert "Schreiben Sie die Zeile so: `title: 'Das \"Dorf\" lebt'`." in output
    assert_field_mistakes(output, "themes", "stage")


def test_list_item_without_space_after_the_dash(site_files):
    # YAML alone reads "-beratung -bildung" as one text, and the checker then said themes must be a list.
    yaml = STORY_YAML.replace("themes: [beratung]", "themes:\n  -beratung\n  -digitale-teilhabe")
    output = check_front_matter(site_files, with_mistakes(yaml, "date"))
    assert f"{STORY}:6: {UNREADABLE} (Spalte 3): Nach dem Strich eines Listeneintrags fehlt das Leerzeichen" in output
    assert "Schreiben Sie die Zeile so: `  - beratung` (2 Leerzeichen am Anfang)." in output
    assert "Schreiben Sie die Zeile so: `  - digitale-teilhabe` (2 Leerzeichen am Anfang)." in output
    assert f"{STORY}:7: {UNREADABLE}" in output
    assert "erwartet wird eine Liste" not in output
    assert f"{STORY}:3: " + FIELD_MISTAKES["date"][3] in output


@pytest.mark.parametrize("spaces", [1, 3])
def test_field_indented_unlike_the_fields_above(site_files, spaces):
    yaml = with_mistakes(STORY_YAML.replace("  alt:", " " * spaces + "alt:"), "date", "stage")
    output = check_front_matter(site_files, yaml)
    assert (f"{STORY}:11: {UNREADABLE} (Spalte 1): Die Zeile ist mit {spaces} Leerzeichen eingerückt; die Felder dieser Ebene "
            "darüber stehen mit 2 Leerzeichen eingerückt.") in output
    assert "Schreiben Sie die Zeile so: `  alt: Ein Tablet" in output
    assert_field_mistakes(output, "date", "stage")


def test_list_items_indented_differently(site_files):
    yaml = STORY_YAML.replace("regions: [erzgebirgskreis]", "regions:\n  - erzgebirgskreis\n - atlantis")
    output = check_front_matter(site_files, with_mistakes(yaml, "date"))
    assert (f"{STORY}:8: {UNREADABLE} (Spalte 1): Die Zeile ist mit 1 Leerzeichen eingerückt; die Einträge dieser Ebene "
            "darüber stehen mit 2 Leerzeichen eingerückt.") in output
    assert "Schreiben Sie die Zeile so: `  - atlantis` (2 Leerzeichen am Anfang)." in output
    assert f'{STORY}:8: regions[2]: "atlantis" ist keine bekannte Region.' in output
    assert f"{STORY}:3: " + FIELD_MISTAKES["date"][3] in output


def test_summary_wrapped_by_an_e_mail_program(site_files):
    yaml = STORY_YAML.replace("berät per Video und erreicht", "berät per Video und\nerreicht")
    output = check_front_matter(site_files, with_mistakes(yaml, "date", "regions"))
    assert (f"{STORY}:5: {UNREADABLE} (Spalte 1): Die Zeile ist kein Feld (name: wert). Gehört sie zum Text von summary in "
            "Zeile 4, rücken Sie sie ein; sonst löschen Sie sie.") in output
    assert "Schreiben Sie die Zeile so: `  erreicht so Familien in abgelegenen Dörfern.` (2 Leerzeichen am Anfang)." in output
    # The lines below keep their numbers in the file.
    assert f'{STORY}:7: regions[1]: "atlantis" ist keine bekannte Region.' in output
    assert f"{STORY}:3: " + FIELD_MISTAKES["date"][3] in output


def test_value_on_the_line_below_its_field(site_files):
    yaml = with_mistakes(STORY_YAML.replace("summary: Eine Schuldnerberatung", "summary:\nEine Schuldnerberatung"), "stage")
    output = check_front_matter(site_files, yaml)
    assert (f"{STORY}:5: {UNREADABLE} (Spalte 1): Die Zeile ist kein Feld (name: wert). Ist sie der Wert von summary aus "
            "Zeile 4, rücken Sie sie ein.") in output
    assert "Schreiben Sie die Zeile so: `  Eine Schuldnerberatung berät" in output
    assert "summary: Pflichtfeld fehlt" not in output
    assert f"{STORY}:8: " + FIELD_MISTAKES["stage"][3] in output


def test_field_name_without_its_colon_on_a_line_of_its_own(site_files):
    yaml = with_mistakes(STORY_YAML.replace("summary: Eine Schuldnerberatung", "summary\n  Eine Schuldnerberatung"), "date")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:4: {UNREADABLE} (Spalte 8): Nach dem Feldnamen summary fehlt der Doppelpunkt." in output
    assert "Schreiben Sie die Zeile so: `summary:`." in output
    assert "summary: Pflichtfeld fehlt" not in output
    assert f"{STORY}:3: " + FIELD_MISTAKES["date"][3] in output


def test_deleted_field_name_leaves_the_line_out_and_the_field_missing(site_files):
    yaml = with_mistakes(STORY_YAML.replace("stage: pilot", ": pilot"), "date", "themes")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:7: {UNREADABLE} (Spalte 1): Vor dem Doppelpunkt fehlt der Feldname." in output
    assert f"{STORY}:2: stage: Pflichtfeld fehlt." in output
    assert_field_mistakes(output, "date", "themes")


def test_list_written_on_the_line_of_its_field(site_files):
    yaml = with_mistakes(STORY_YAML.replace("themes: [beratung]", "themes: - beratung"), "date", "stage")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:5: {UNREADABLE} (Spalte 9): Ein Listeneintrag ('- …') steht in derselben Zeile wie der Feldname." in output
    assert "Schreiben Sie die Zeile so: `themes: [beratung]`." in output
    assert_field_mistakes(output, "date", "stage")


@pytest.mark.parametrize("value, first", [("@vereinsheim", "@"), ("*neu* in Sachsen", "*"), ("`Pilot`", "`")])
def test_value_that_starts_with_a_yaml_character(site_files, value, first):
    yaml = with_mistakes(STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", f"title: {value}"), "date", "stage")
    output = check_front_matter(site_files, yaml)
    assert f"{STORY}:2: {UNREADABLE} (Spalte 8): Der Wert beginnt mit {first}, das in YAML" in output
    assert f'Schreiben Sie die Zeile so: `title: "{value}"`.' in output
    assert_field_mistakes(output, "date", "stage")


def test_backslash_in_double_quotes(site_files):
    yaml = with_mistakes(STORY_YAML.replace('credit: "Foto: Anna Beispiel"', 'credit: "Foto: Archiv\\Verein"'), "date", "stage")
    output = check_front_matter(site_files, yaml)
    assert f'{STORY}:12: {UNREADABLE} (Spalte 11): In "doppelten Anführungszeichen" hat \\ eine besondere Bedeutung.' in output
    assert "Schreiben Sie die Zeile so: `  credit: 'Foto: Archiv\\Verein'`" in output
    assert_field_mistakes(output, "date", "stage")


def test_missing_closing_line_names_where_the_text_begins(site_files):
    output = check_story(site_files, "---\n" + with_mistakes(STORY_YAML, "date", "stage") + "\n" + BODY)
    assert (f"{STORY}:15: Der Kopfbereich (ab Zeile 1) wird nicht geschlossen: nach den Feldern fehlt eine Zeile '---'. "
            "Der Text beginnt vermutlich in Zeile 15 („## Worum es geht“): schreiben Sie davor eine Zeile `---`") in output
    assert_field_mistakes(output, "date", "stage")


def test_missing_closing_line_is_not_taken_from_a_rule_in_the_text(site_files):
    # The text's own '---' (a horizontal rule) once closed the fields, and every text line became a YAML error.
    output = check_story(site_files, "---\n" + with_mistakes(STORY_YAML, "regions") + "\n" + BODY + "\n---\n\nNachtrag.\n")
    assert f"{STORY}:15: Der Kopfbereich (ab Zeile 1) wird nicht geschlossen" in output
    assert UNREADABLE not in output
    assert_field_mistakes(output, "regions")


def test_closing_line_turned_into_a_dash_by_a_word_processor(site_files):
    output = check_story(site_files, "---\n" + with_mistakes(STORY_YAML, "themes", "stage") + "—\n\n" + BODY)
    assert (f"{STORY}:14: Die Zeile „—“ soll wohl den Kopfbereich schließen, besteht aber nicht aus genau drei Bindestrichen"
            in output)
    assert "Schreiben Sie die Zeile so: `---`." in output
    assert_field_mistakes(output, "themes", "stage")


def test_missing_opening_line(site_files):
    output = check_story(site_files, with_mistakes(STORY_YAML, "date", "stage") + "---\n\n" + BODY)
    assert "content/stories/beratung-per-video.md:1: Der Kopfbereich fehlt: vor dem ersten Feld muss eine Zeile '---' stehen." in output
    assert f"{STORY}:2: " + FIELD_MISTAKES["date"][3] in output  # one line up: the file has no '---' above
    assert f"{STORY}:6: " + FIELD_MISTAKES["stage"][3] in output


def test_several_slips_in_one_file_all_come_in_the_first_run(site_files):
    yaml = (STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", "title: Projekt: Neustart")
            .replace("stage: pilot", "stage:pilot").replace('credit: "Foto: Anna Beispiel"', "credit: „Foto: Jana K.“"))
    output = check_front_matter(site_files, with_mistakes(yaml, "date", "regions"))
    assert f"{STORY}:2: {UNREADABLE} (Spalte 15): Der Wert enthält einen Doppelpunkt" in output
    assert f"{STORY}:7: {UNREADABLE} (Spalte 7): Nach dem Doppelpunkt hinter stage fehlt ein Leerzeichen." in output
    assert f"{STORY}:12: {UNREADABLE} (Spalte 11): Der Wert steht in typografischen Anführungszeichen („…“)" in output
    assert_field_mistakes(output, "date", "regions")
    assert "5 Fehler, 0 Warnungen in 1 Datei" in output


def test_actor_file_with_typographic_quotes_and_wrong_values(site_files):
    site_files.minimal()
    site_files.actor("beratungsverein", raw="name: „Verein: Beratung im Erzgebirge“\ntype: verband\nregions: [atlantis]\n"
                     "description: Der Verein berät Familien in Geldfragen.\n")
    code, output = check_in_process(site_files.content)
    assert code == 1
    assert f"{ACTOR}:1: {UNREADABLE} (Spalte 7): Der Wert steht in typografischen Anführungszeichen („…“)" in output
    assert 'Schreiben Sie die Zeile so: `name: "Verein: Beratung im Erzgebirge"`.' in output
    assert f'{ACTOR}:2: type: "verband" ist kein bekannter Akteurstyp' in output
    assert f'{ACTOR}:3: regions[1]: "atlantis" ist keine bekannte Region.' in output


def test_build_refuses_what_the_checker_only_read_past(site_files, tmp_path):
    # No-break spaces parse as odd field names: the build must stop too, with the same German message.
    site_files.minimal()
    site_files.write("stories/beratung-per-video.md", f"---\n{STORY_YAML.replace('  alt:', chr(0xA0) * 2 + 'alt:')}---\n\n{BODY}")
    process = run_build(site_files.content, str(tmp_path / "output"))
    assert process.returncode == 1
    assert "stories/beratung-per-video.md:11:" in process.stderr + process.stdout
    assert "geschütztes Leerzeichen (U+00A0)" in process.stderr + process.stdout
    assert not (tmp_path / "output").exists()


def test_story_reader_refuses_a_repairable_file(site_files):
    # The build's own reader (not only the checker in front of it) never publishes a repaired guess.
    from sinn_content_contract.frontmatter import ContentSyntaxError, load_yaml, read_text, split_front_matter

    site_files.minimal()
    path = site_files.write("stories/beratung-per-video.md", f"---\n{STORY_YAML.replace('stage: pilot', 'stage:pilot')}---\n\n{BODY}")
    with pytest.raises(ContentSyntaxError) as raised:
        load_yaml(split_front_matter(read_text(path)))
    assert raised.value.line == 7
    assert "Nach dem Doppelpunkt hinter stage fehlt ein Leerzeichen." in raised.value.message
