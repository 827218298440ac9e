"""`make check` on what a screen reader or a reader of the facts would stumble on: alt texts, sources, quotes, headings, links.

Every mistake is written into a story (or actor) that also has an unrelated mistake (stage: Pilotphase):
both messages must come in the same single run, each at its line.
"""

from __future__ import annotations

import os

import pytest

from sitefiles import BODY, ROOT, STORY_YAML, actor_fields, check_in_process, run_build, settings_file, story_fields

STORY = "content/stories/beratung-per-video.md"
ACTOR = "content/actors/beratungsverein.yml"
ALT = "alt: Ein Tablet auf einem Küchentisch zeigt eine Beraterin im Videogespräch"
TITLE = "title: Beratung per Video erreicht Dörfer"
# The unrelated mistake every case carries, and the line `make check` prints for it in the same run.
OTHER = ("stage: pilot", "stage: Pilotphase")
OTHER_LINE = f'{STORY}:7: stage: "Pilotphase" ist keine bekannte Phase. Meinten Sie "pilot"?'
# The first line after BODY, when the front matter is STORY_YAML plus `added` lines: '---', fields, '---', blank, BODY.
AFTER_BODY = STORY_YAML.count("\n") + BODY.count("\n") + 5
PHOTO_ADVICE = "Beschreiben Sie in einem Satz, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können."
FACTS = "facts:\n  - label: Familien im Jahr\n    value: 120\n"


def front(*replacements: tuple[str, str], add: str = "") -> str:
    """STORY_YAML with the unrelated mistake, some texts replaced (each must be in it) and lines added at the end."""
    text = STORY_YAML
    for old, new in (OTHER, *replacements):
        assert old in text, old
        text = text.replace(old, new)
    return text + add


def body(*lines: str) -> str:
    """The valid body, then the given lines: the first one lands on line AFTER_BODY."""
    return BODY + "\n" + "\n".join(lines) + "\n"


# One editorial mistake: front matter, body, and the lines `make check` must print (besides OTHER_LINE).
MISTAKES = [
    pytest.param(front((ALT, "alt: Foto vom Projekt")), BODY,
                 [f'{STORY}:11: image.alt: "Foto vom Projekt" sagt nicht, was auf dem Bild zu sehen ist: wer es nicht sehen kann, '
                  f"hört nur diese Worte. {PHOTO_ADVICE} Eine gute Beschreibung nennt, wer oder was zu sehen ist"],
                 id="alt-only-says-photo"),
    pytest.param(front((ALT, "alt: IMG_2041.jpg")), BODY,
                 [f'{STORY}:11: image.alt: "IMG_2041.jpg" ist ein Dateiname, keine Bildbeschreibung. {PHOTO_ADVICE}'],
                 id="alt-is-a-camera-file-name"),
    pytest.param(front((ALT, "alt: 'TODO: Bildbeschreibung'")), BODY,
                 [f'{STORY}:11: image.alt: "TODO: Bildbeschreibung" ist ein Platzhalter, keine Bildbeschreibung. {PHOTO_ADVICE}'],
                 id="alt-placeholder"),
    pytest.param(front((ALT, "alt: Beratung per Video erreicht Dörfer")), BODY,
                 [f"{STORY}:11: image.alt: wiederholt nur den Titel der Geschichte. Der Titel steht schon auf der Seite"],
                 id="alt-repeats-the-title"),
    pytest.param(front((ALT, "alt: Ein Bus")), BODY,
                 [f'{STORY}:11: Warnung: image.alt: "Ein Bus" ist sehr kurz. {PHOTO_ADVICE}'], id="alt-too-short-is-a-warning"),
    pytest.param(front(add=FACTS), BODY,
                 [f'{STORY}:15: facts[1].source: Pflichtfeld fehlt. Die Kennzahl "Familien im Jahr: 120" erscheint unter '
                  "„Kennzahlen mit Quellen“ und braucht eine Quelle: wer hat gezählt oder gemessen, und wann? "
                  'Schreiben Sie unter value z. B. "source: Jahresbericht 2024 des Vereins"'], id="fact-without-source"),
    pytest.param(front(add=FACTS + "    source: k. A.\n"), BODY,
                 [f'{STORY}:17: facts[1].source: "k. A." nennt keine Quelle. Die Kennzahl "Familien im Jahr: 120" erscheint unter '
                  "„Kennzahlen mit Quellen“: nennen Sie, wer gezählt oder gemessen hat, und wann."], id="fact-source-placeholder"),
    pytest.param(front((TITLE, "title: '\"Mehr Pflege im Dorf\"'")), BODY,
                 [f'{STORY}:2: title: beginnt und endet mit Anführungszeichen ("Mehr Pflege im Dorf"). YAML liest sie als Teil des '
                  "Textes: sie erschienen so im Titel des Browserfensters, in der Überschrift und im Zitiervorschlag, der selbst "
                  'Anführungszeichen setzt. Entfernen Sie die äußeren Anführungszeichen und schreiben Sie: title: "Mehr Pflege im Dorf"'],
                 id="title-in-straight-quotes-inside-yaml-quotes"),
    pytest.param(front((TITLE, "title: „Mehr Pflege im Dorf“")), BODY,
                 [f'{STORY}:2: title: beginnt und endet mit Anführungszeichen („Mehr Pflege im Dorf“).',
                  'schreiben Sie: title: "Mehr Pflege im Dorf"'], id="title-in-typographic-quotes"),
    pytest.param(front(add="quotes:\n  - text: „Wir kommen dorthin, wo die Familien sind.“\n    by: Anna Beispiel\n"), BODY,
                 [f"{STORY}:15: quotes[1].text: beginnt und endet mit Anführungszeichen („Wir kommen dorthin, wo die Familien sind.“).",
                  'schreiben Sie: text: "Wir kommen dorthin, wo die Familien sind."'], id="quote-text-in-quotes"),
    pytest.param(front(), body("#### Kosten", "", "Rund 40 000 Euro im Jahr."),
                 [f'{STORY}:{AFTER_BODY}: Warnung: Text: Die Überschrift "#### Kosten" folgt auf eine Überschrift ##: eine Stufe fehlt '
                  'dazwischen. Wer mit einem Screenreader von Überschrift zu Überschrift springt, vermisst sie. Schreiben Sie "### Kosten".'],
                 id="heading-jumps-from-h2-to-h4"),
    pytest.param(front(), "### Worum es geht\n\n" + BODY,
                 [f'{STORY}:{AFTER_BODY - BODY.count(chr(10)) - 1}: Warnung: Text: Die Überschrift "### Worum es geht" folgt auf '
                  'den Titel der Seite: eine Stufe fehlt dazwischen.', 'Schreiben Sie "## Worum es geht".'],
                 id="first-heading-is-h3"),
    pytest.param(front(), body("# Ergebnisse", "", "Die Familien sind zufrieden."),
                 [f"{STORY}:{AFTER_BODY}: Text: Überschriften im Text beginnen mit ## (zwei Rauten): die oberste Überschrift "
                  "(# oder <h1>) ist der Titel der Seite. Schreiben Sie ## statt #."], id="first-level-heading-in-the-body"),
    pytest.param(front(), body("Alle Termine stehen online.", "", "[](https://www.beispiel.de/termine)"),
                 [f'{STORY}:{AFTER_BODY + 2}: Text: Der Link auf "https://www.beispiel.de/termine" hat keinen Linktext: Screenreader '
                  "lesen dann nur die Adresse oder gar nichts vor", "Schreiben Sie in die eckigen Klammern, wohin der Link führt, "
                  "z. B. [Website des Projekts](https://www.beispiel.de/termine)."], id="empty-link-text"),
    pytest.param(front(), body("[![](/images/beratung.jpg)](https://www.beispiel.de/)"),
                 [f'{STORY}:{AFTER_BODY}: Text: Der Link auf "https://www.beispiel.de/" besteht nur aus einem Bild ohne Beschreibung',
                  f'{STORY}:{AFTER_BODY}: Text: Das Bild "/images/beratung.jpg" hat keine Beschreibung. Schreiben Sie sie in die '
                  "eckigen Klammern: ![Was zu sehen ist](/images/beratung.jpg)."], id="link-that-is-only-an-image-without-alt"),
    pytest.param(front(), body("Die Anmeldung zum Sprachcafé finden Sie [hier](https://www.beispiel.de/anmeldung)."),
                 [f'{STORY}:{AFTER_BODY}: Warnung: Text: Der Linktext "hier" sagt nicht, wohin der Link führt. Screenreader lesen die '
                  "Links einer Seite auch als Liste vor, ohne den Satz drumherum."], id="link-text-hier"),
    pytest.param(front(), body("Zum Projekt:", "", "[Klicken Sie hier!](https://www.beispiel.de/)"),
                 [f'{STORY}:{AFTER_BODY + 2}: Warnung: Text: Der Linktext "Klicken Sie hier!" sagt nicht, wohin der Link führt.'],
                 id="link-text-klicken-sie-hier"),
    pytest.param(front(), body("So sieht der Bus aus:", "", "![Foto](/images/beratung.jpg)"),
                 [f'{STORY}:{AFTER_BODY + 2}: Text: Bildbeschreibung von "/images/beratung.jpg": "Foto" sagt nicht, was auf dem Bild '
                  "zu sehen ist"], id="body-image-alt-only-foto"),
    pytest.param(front(), body("![DSC0001](/images/beratung.jpg)"),
                 [f'{STORY}:{AFTER_BODY}: Text: Bildbeschreibung von "/images/beratung.jpg": "DSC0001" ist ein Dateiname'],
                 id="body-image-alt-camera-name"),
]


@pytest.mark.parametrize(("front_matter", "text", "expected"), MISTAKES)
def test_an_editorial_mistake_gets_its_message_at_its_line_in_the_same_run(site_files, front_matter, text, expected):
    site_files.minimal()
    site_files.write("stories/beratung-per-video.md", f"---\n{front_matter}---\n\n{text}")
    code, output = check_in_process(site_files.content)
    assert code == 1
    for line in [OTHER_LINE, *expected]:
        assert line in output, f"{line}\n--- not in ---\n{output}"


def test_logo_alt_that_says_nothing_and_one_that_names_the_owner(site_files):
    site_files.minimal()
    site_files.image("images/logos/drk.png")
    site_files.actor("beratungsverein", actor_fields(type="verein", logo={"src": "images/logos/drk.png", "alt": "Logo"}))
    site_files.actor("drk-sachsen", actor_fields(name="DRK Sachsen", logo={"src": "images/logos/drk.png", "alt": "Logo des DRK Sachsen"}))
    code, output = check_in_process(site_files.content)
    assert code == 1
    assert f'{ACTOR}:2: type: "verein" ist kein bekannter Akteurstyp.' in output
    assert (f'{ACTOR}:8: logo.alt: "Logo" sagt nicht, wessen Logo es ist: wer es nicht sehen kann, hört nur diese Worte. '
            'Nennen Sie, wessen Logo es ist oder welchen Schriftzug es zeigt, z. B. "Logo des DRK Sachsen"') in output
    assert "drk-sachsen.yml" not in output


def test_good_alt_texts_link_texts_and_headings_raise_nothing(site_files):
    site_files.minimal()
    text = body("### Kosten", "", "Die [Anmeldung zum Sprachcafé](https://www.beispiel.de/anmeldung) ist offen.",
                "", "![Zwei Kinder spielen vor dem Familienbus Ball](/images/beratung.jpg)", "", "Ein Satz[^1].",
                "", "[^1]: Angabe des Vereins.")
    fields = front((OTHER[1], OTHER[0]), add=FACTS + "    source: Jahresbericht 2024 des Vereins\n"
                   "quotes:\n  - text: Wir kommen dorthin, wo die „Familien“ sind.\n    by: Anna Beispiel\n")
    site_files.write("stories/beratung-per-video.md", f"---\n{fields}---\n\n{text}")
    assert check_in_process(site_files.content) == (0, "Keine Fehler: 7 Dateien geprüft.\n")


def test_the_build_refuses_a_fact_without_source_even_without_the_checker(site_files, tmp_path):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(facts=[{"label": "Beratungen", "value": 40}]))
    process = run_build(site_files.content, str(tmp_path / "output"), settings_file(site_files.root, CONTENT_CONTRACT_CHECK=False))
    assert process.returncode != 0
    assert "stories/beratung-per-video.md: facts[1].source: Pflichtfeld fehlt." in process.stderr, process.stderr
    assert not (tmp_path / "output").exists(), "nothing may be published"


def test_the_sample_site_checks_clean_and_lists_every_fact_with_its_source(sample_site):
    code, output = check_in_process(os.path.join(ROOT, "content"))
    assert code == 0, output
    assert output.startswith("Keine Fehler:"), output
    facts = sample_site.html("/geschichten/familienbus-vogtland/").select(".app-facts__list dd")
    sourced = [dd for dd in facts if dd.select_one(".app-facts__source")]
    assert sourced and all("(Quelle: " in dd.get_text() and "keine Angabe" not in dd.get_text() for dd in sourced)
