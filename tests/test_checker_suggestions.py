"""`make check` suggests what an editor meant: by the vocabularies' synonyms first, then by spelling.

And the synonyms are untrusted content like every file in content/: their size and types are checked,
with German messages naming the file and entry.
"""

from __future__ import annotations

import pytest

from sinn_vocabularies import VocabularyError
from sinn_vocabularies.terms import SYNONYMS_MAX, read_vocabulary
from sitefiles import actor_fields, check_in_process, story_fields

ACTOR = "content/actors/beratungsverein.yml"
STORY = "content/stories/beratung-per-video.md"


def checked(site) -> str:
    code, output = check_in_process(site.content)
    assert code == 1
    return output


def test_verein_means_initiative_not_verwaltung_and_every_actor_mistake_comes_in_one_run(site_files):
    site_files.minimal()
    site_files.actor("beratungsverein", actor_fields(type="verein", regions=["Plauen", "Görlitz", "Zittau"]))
    site_files.actor("hochschule-mittweida", actor_fields(name="Hochschule Mittweida", type="Hochschule", regions=["Mittweida"]))
    site_files.actor("buergerstiftung", actor_fields(name="Bürgerstiftung Dresden", type="Stiftung", regions=["dresden"]))
    site_files.actor("landratsamt", actor_fields(name="Landratsamt Bautzen", type="Landkreis", regions=["Hoyerswerda"]))
    site_files.actor("inklusionsbetrieb", actor_fields(name="Werkstatt gGmbH", type="gGmbH", regions=["Riesa"]))
    output = checked(site_files)
    assert (f'{ACTOR}:2: type: "verein" ist kein bekannter Akteurstyp. Meinten Sie "initiative" '
            "(Initiative: Vereine, Bürgergruppen und Ehrenamtliche)? Erlaubt:") in output
    assert "verwaltung\"?" not in output.split("\n")[0]
    assert (f'{ACTOR}:4: regions[1]: "Plauen" ist keine bekannte Region. Meinten Sie "vogtlandkreis" (Vogtlandkreis:') in output
    assert f'{ACTOR}:5: regions[2]: "Görlitz" ist keine bekannte Region. Meinten Sie "goerlitz"? Erlaubt:' in output
    assert f'{ACTOR}:6: regions[3]: "Zittau" ist keine bekannte Region. Meinten Sie "goerlitz" (Landkreis Görlitz:' in output
    assert 'content/actors/hochschule-mittweida.yml:2: type: "Hochschule" ist kein bekannter Akteurstyp. Meinten Sie "forschung"?' in output
    assert 'content/actors/hochschule-mittweida.yml:4: regions[1]: "Mittweida" ist keine bekannte Region. Meinten Sie "mittelsachsen"' in output
    assert ('content/actors/buergerstiftung.yml:2: type: "Stiftung" ist kein bekannter Akteurstyp. Meinten Sie "foerderer" '
            "(Förderer: Stiftungen, Förderprogramme und Plattformen, die Geld oder Unterstützung geben)?") in output
    assert 'content/actors/landratsamt.yml:2: type: "Landkreis" ist kein bekannter Akteurstyp. Meinten Sie "verwaltung"' in output
    assert 'content/actors/landratsamt.yml:4: regions[1]: "Hoyerswerda" ist keine bekannte Region. Meinten Sie "bautzen"' in output
    assert 'content/actors/inklusionsbetrieb.yml:2: type: "gGmbH" ist kein bekannter Akteurstyp. Meinten Sie "sozialunternehmen"' in output
    assert 'content/actors/inklusionsbetrieb.yml:4: regions[1]: "Riesa" ist keine bekannte Region. Meinten Sie "meissen"' in output


@pytest.mark.parametrize(("field", "value", "line", "expected"), [
    pytest.param("themes", ["Inklusion"], 5, 'themes[1]: "Inklusion" ist kein bekanntes Themenfeld. Meinten Sie "teilhabe-inklusion"',
                 id="theme-by-a-common-word"),
    pytest.param("themes", ["Armut"], 5, 'themes[1]: "Armut" ist kein bekanntes Themenfeld. Meinten Sie "armut-wohnungslosigkeit"?',
                 id="theme-by-its-first-word"),
    pytest.param("themes", ["Ehrenamt"], 5, 'themes[1]: "Ehrenamt" ist kein bekanntes Themenfeld. Meinten Sie "nachbarschaft-engagement" '
                 "(Nachbarschaft und Engagement: Bürgerlabore, Ehrenamt und Nachbarschaftshilfe für den eigenen Ort)?", id="theme-ehrenamt"),
    pytest.param("target_groups", ["Senioren"], 14, 'target_groups[1]: "Senioren" ist keine bekannte Zielgruppe. Meinten Sie "aeltere-menschen"',
                 id="target-group-senioren"),
    pytest.param("regions", ["Stadt Plauen"], 6, 'regions[1]: "Stadt Plauen" ist keine bekannte Region. Meinten Sie "vogtlandkreis"',
                 id="city-as-part-of-a-name"),
    pytest.param("regions", ["Plaün"], 6, 'regions[1]: "Plaün" ist keine bekannte Region. Meinten Sie "vogtlandkreis"',
                 id="misspelt-city"),
    pytest.param("stage", "Modellprojekt", 7, 'stage: "Modellprojekt" ist keine bekannte Phase. Meinten Sie "pilot"', id="stage-by-meaning"),
    pytest.param("themes", ["beratng"], 5, 'themes[1]: "beratng" ist kein bekanntes Themenfeld. Meinten Sie "beratung"? Erlaubt:',
                 id="spelling-still-helps"),
])
def test_story_values_are_suggested_by_meaning_in_the_same_run(site_files, field, value, line, expected):
    site_files.minimal()
    fields = story_fields(**{field: value}, actors=["beratungsvrein"])
    site_files.story("beratung-per-video", fields, raw_front_matter=_block_lists_last(fields))
    output = checked(site_files)
    assert f"{STORY}:{line}: {expected}" in output, output
    assert f'{STORY}:8: actors[1]: "beratungsvrein" ist kein bekannter Akteur' in output, "the other mistake, same run"


def _block_lists_last(fields: dict) -> str:
    """The fields as an editor writes them: lists in brackets on one line, target_groups after the image (line 14)."""
    lines = []
    for name, value in fields.items():
        if name == "image":
            lines += ["image:"] + [f"  {key}: {text}" for key, text in value.items()]
        elif name != "target_groups":
            lines.append(f"{name}: [{', '.join(value)}]" if isinstance(value, list) else f"{name}: {value}")
    if "target_groups" in fields:
        lines.append(f"target_groups: [{', '.join(fields['target_groups'])}]")
    return "\n".join(lines).replace('credit: Foto: Anna Beispiel', 'credit: "Foto: Anna Beispiel"') + "\n"


def test_synonyms_in_the_vocabulary_are_checked_like_content(site_files):
    site_files.minimal()
    site_files.replace("data/actor_types.yml", "  synonyms: [Kommune,", "  synonyms: [Verein, Kommune,")
    site_files.story("zweite", story_fields(stage="Pilotphase"))
    code, output = check_in_process(site_files.content)
    assert code == 1
    assert ("content/data/actor_types.yml: \"Verein\" (synonyms von 'verwaltung') bedeutet schon 'initiative'. "
            "Ein Wort darf nur zu einem Eintrag gehören: bitte bei einem der beiden streichen.") in output


@pytest.mark.parametrize(("synonyms", "message"), [
    pytest.param("Verein", r"Eintrag 1 \(a\), Feld synonyms: erwartet wird eine Liste kurzer Wörter, z\. B\. \[Verein, e\.V\.\], "
                 r'gefunden: "Verein"\.$', id="not-a-list"),
    pytest.param("[Verein, 42]", r"Eintrag 1 \(a\), Feld synonyms, Eintrag 2: erwartet wird ein Wort oder kurzer Name .*gefunden: 42",
                 id="a-number"),
    pytest.param("[Verein, '...']", r"Eintrag 1 \(a\), Feld synonyms, Eintrag 2: erwartet wird ein Wort .*mit Buchstaben oder Ziffern",
                 id="no-letters"),
    pytest.param("[" + ", ".join(f"w{i}" for i in range(SYNONYMS_MAX + 1)) + "]",
                 rf"Eintrag 1 \(a\), Feld synonyms: hat {SYNONYMS_MAX + 1} Einträge; erlaubt sind höchstens {SYNONYMS_MAX}", id="too-many"),
    pytest.param("['" + "x" * 61 + "']", r"Eintrag 1 \(a\), Feld synonyms, Eintrag 1: erwartet wird ein Wort oder kurzer Name \(1 bis 60",
                 id="too-long"),
])
def test_malformed_synonyms_name_file_and_entry(tmp_path, synonyms, message):
    path = tmp_path / "actor_types.yml"
    path.write_text(f"- id: a\n  label: A\n  synonyms: {synonyms}\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="actor_types.yml: " + message):
        read_vocabulary(str(path), "actor_types")


def test_repository_vocabularies_lead_city_names_to_their_district():
    from sinn_vocabularies import load_vocabularies

    regions = load_vocabularies("content/data")["regions"]
    assert regions.meant("Plauen") == "vogtlandkreis"
    assert regions.meant("Görlitz") == "goerlitz"
    assert regions.meant("Landkreis Görlitz") == "goerlitz"
    assert regions.meant("Pirna") == "saechsische-schweiz-osterzgebirge"
    assert regions.meant("Markkleeberg") == "landkreis-leipzig"
    assert regions.meant("Atlantis") is None
