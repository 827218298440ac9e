"""Vocabularies plugin: the controlled lists are data, read once, with clear errors."""

from __future__ import annotations

import pytest

from sinn_vocabularies import VocabularyError, load_vocabularies
from sinn_vocabularies.terms import read_vocabulary


def test_repository_vocabularies_hold_the_contract_ids(tmp_path):
    vocabularies = load_vocabularies("content/data")
    assert len(vocabularies["regions"]) == 14
    assert "sachsenweit" in vocabularies["regions"]
    assert vocabularies["regions"]["goerlitz"].label == "Landkreis Görlitz"
    assert set(vocabularies["stages"].ids()) == {"idee", "pilot", "umsetzung", "verbreitung"}
    assert len(vocabularies["themes"]) == 9
    assert {"kinder", "gefluechtete", "pflegende-angehoerige"} <= set(vocabularies["target_groups"].ids())


def test_theme_label_changed_in_data_shows_on_the_site(site_files, build):
    site_files.minimal()
    site_files.replace("data/themes.yml", "label: Beratung\n", "label: Beratung und Lotsen\n")
    site = build(site_files)
    assert "Beratung und Lotsen" in site.html("/geschichten/beratung-per-video/").select_one(".app-facts").get_text()


def test_duplicate_id_names_the_file(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text("- id: a\n  label: A\n- id: a\n  label: B\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"themes.yml: die id 'a' steht doppelt"):
        read_vocabulary(str(path), "themes")


def test_entry_without_label_names_the_file(tmp_path):
    path = tmp_path / "regions.yml"
    path.write_text("- id: a\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"regions.yml: Eintrag 1 braucht 'id' und 'label'"):
        read_vocabulary(str(path), "regions")
