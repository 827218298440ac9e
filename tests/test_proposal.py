"""Proposals from the public: the issue form is written from content/data/, and a filled-in form becomes a draft story."""

from __future__ import annotations

import os

import pytest
import yaml

from sitefiles import ROOT, SiteFiles, actor_fields
from tools import proposal, proposal_form
from tools.proposal_form import CONSENT_CONTACT, CONSENT_PUBLISH, QUESTIONS
from tools.proposal_text import ProposalError, answers, split_choices
from tools.schema_fields import load_schema

ANSWERS = {
    "titel": "Repair-Café Görlitz",
    "kurz": "Im Repair-Café reparieren Ehrenamtliche mit Nachbarinnen und Nachbarn kaputte Geräte.\nDas spart Geld.",
    "was": "Jeden Samstag im Gemeindehaus.",
    "wo": "Landkreis Görlitz",
    "themen": "Kinder, Jugend und Familie, Nachbarschaft und Engagement",
    "phase": "Pilotphase: Die Idee wird an einem Ort oder mit einer Gruppe erprobt.",
    "wer": "- Beratungsverein Erzgebirge e. V.\n- Repair-Freunde Görlitz",
    "website": "https://repair.example.org/",
    "kontakt_name": "Maria Beispiel",
    "kontakt_email": "maria@example.org",
    "kontakt_telefon": "",
    "quelle": "Ich bin selbst dabei.",
}


def issue_body(changes: dict | None = None, consent=(CONSENT_PUBLISH, CONSENT_CONTACT)) -> str:
    """The text GitHub writes for a filled-in form: each answer under its question, "_No response_" when empty."""
    given = {**ANSWERS, **(changes or {})}
    parts = []
    for question in QUESTIONS:
        if question.kind == "checkboxes":
            boxes = "\n".join(f"- [{'X' if label in consent else ' '}] {label}" for label in (CONSENT_PUBLISH, CONSENT_CONTACT))
            parts.append(f"### {question.label}\n\n{boxes}")
        else:
            parts.append(f"### {question.label}\n\n{given[question.id] or '_No response_'}")
    return "\n\n".join(parts) + "\n"


@pytest.fixture
def site(tmp_path) -> SiteFiles:
    files = SiteFiles(tmp_path)
    files.actor("beratungsverein", actor_fields())
    return files


def run(site: SiteFiles, body: str, tmp_path, number: str = "12") -> tuple[int, dict[str, str]]:
    """tools.proposal as `make vorschlag` runs it; its exit code and the files it wrote into the output folder."""
    source = tmp_path / "vorschlag.md"
    source.write_text(body, encoding="utf-8")
    out = tmp_path / "entwurf"
    code = proposal.main([str(source), "--number", number, "--url", "https://github.com/beispiel/sinn/issues/12",
                          "--content", site.content, "--out", str(out)])
    return code, {path.name: path.read_text(encoding="utf-8") for path in out.iterdir()}


def front(text: str) -> dict:
    """The front matter: from the first line `---` to the next line that is only `---`."""
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0])


def problem_fields(site: SiteFiles) -> set[str]:
    """The fields `make check` names in the stories of the content folder ("Text" for the text below the fields)."""
    from sinn_content_contract import check_site

    problems = check_site(site.content).report.problems
    return {problem.field or "" for problem in problems if "stories" in problem.path}


def committed_form() -> str:
    with open(proposal_form.FORM_PATH, encoding="utf-8") as handle:
        return handle.read()


def test_the_committed_form_is_written_from_the_vocabularies():
    assert proposal_form.form_text(proposal_form.load_terms(os.path.join(ROOT, "content"))) == committed_form(), (
        "Das Formular passt nicht mehr zu content/data/: bitte `make docs` ausführen und die Datei mit einchecken.")
    assert proposal_form.main(["--check"]) == 0


def test_the_form_is_a_valid_german_issue_form_with_required_answers_and_consent():
    form = yaml.safe_load(committed_form())
    assert form["name"] == "Soziale Innovation vorschlagen" and form["labels"] == ["vorschlag"] and form["description"]
    elements = [element for element in form["body"] if element["type"] != "markdown"]
    ids = [element["id"] for element in elements]
    assert len(ids) == len(set(ids)) and all(element["attributes"]["label"] for element in elements)
    assert {element["type"] for element in form["body"]} <= {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    required = {element["id"] for element in elements if element.get("validations", {}).get("required")}
    assert required == {"titel", "kurz", "was", "wo", "themen", "phase", "wer"}, "what a story needs before an editor can start"
    regions = next(element for element in elements if element["id"] == "wo")["attributes"]
    vocabulary = proposal_form.load_terms(os.path.join(ROOT, "content"))
    assert regions["options"] == [term.label for term in vocabulary["regions"]] and regions["multiple"] is True
    consent = next(element for element in elements if element["type"] == "checkboxes")["attributes"]["options"]
    assert consent == [{"label": CONSENT_PUBLISH, "required": True}, {"label": CONSENT_CONTACT, "required": False}]
    assert "öffentlich sichtbar" in form["body"][0]["attributes"]["value"], "the public is told that an issue is public"


def test_a_new_region_reaches_the_form_and_the_check_fails_until_it_is_written(tmp_path):
    site = SiteFiles(tmp_path)
    regions = site.path("data/regions.yml")
    with open(regions, "a", encoding="utf-8") as handle:
        handle.write("- id: neuland\n  label: Neuland\n  kind: landkreis\n  description: Zum Testen.\n")
    target = tmp_path / "form.yml"
    target.write_text(committed_form(), encoding="utf-8")
    assert proposal_form.main(["--check", "--content", site.content, "--file", str(target)]) == 1
    assert proposal_form.main(["--content", site.content, "--file", str(target)]) == 0
    assert "- Neuland\n" in target.read_text(encoding="utf-8")


def test_a_proposal_becomes_a_draft_with_its_answers_and_only_the_unanswerable_left_to_fill(site, tmp_path):
    code, files = run(site, issue_body(), tmp_path)
    assert code == 0, files
    story = files["repair-cafe-goerlitz.md"]
    fields = front(story)
    assert fields["title"] == "Repair-Café Görlitz" and fields["status"] == "draft"
    assert fields["summary"] == " ".join(ANSWERS["kurz"].split())
    assert fields["regions"] == ["goerlitz"] and fields["stage"] == "pilot"
    assert fields["themes"] == ["kinder-jugend-familie", "nachbarschaft-engagement"], "a label with a comma stays one choice"
    assert fields["actors"] == ["beratungsverein"], "matched by name without the legal form"
    assert fields["links"] == {"website": "https://repair.example.org/"}
    assert fields["contact"] == {"name": "Maria Beispiel", "email": "maria@example.org"}
    assert "#   Jeden Samstag im Gemeindehaus." in story and "#   Ich bin selbst dabei." in story, "free texts as comments"
    assert "#12 (https://github.com/beispiel/sinn/issues/12)" in story, "a link back to the proposal"
    assert files["titel.txt"] == "Entwurf: Repair-Café Görlitz\n"
    description = files["beschreibung.md"]
    assert "closes #12" in description and "```text\nRepair-Freunde Görlitz\n```" in description, "the actor without a profile"
    # The proposal answered everything it could: the checker names only the image and the text still to write.
    assert {field.split(".")[0] for field in problem_fields(site)} == {"image", "Text"}


HOSTILE = [
    {"titel": 'Café "Quote\'s" $(touch /tmp/pwned) `id` <script>alert(1)</script>'},
    {"titel": 'Titel"\nstatus: published\nfeatured: true\nx: "'},
    {"titel": "Titel\u2028status: published\u0085featured: true\x00"},
    {"kurz": "Anreißer\n---\nstatus: published\n---\n<img src=x onerror=alert(1)>"},
    {"was": "---\nstatus: published\n---\n" + "Sehr langer Text. " * 3_600},  # GitHub keeps 65,536 characters of an issue,
    {"wer": "Verein ]]}{: & *anker !!python/object:os.system"},
    {"website": "javascript:alert(1)", "kontakt_email": "keine E-Mail"},
    {"wo": "Atlantis, Landkreis Görlitz"},
]


@pytest.mark.parametrize("changes", HOSTILE)
def test_hostile_answers_stay_text_and_the_draft_stays_a_draft(site, tmp_path, changes):
    code, files = run(site, issue_body(changes), tmp_path)
    assert code == 0, files
    (name,) = [name for name in files if name not in ("titel.txt", "beschreibung.md")]
    story = files[name]
    fields = front(story)
    assert fields["status"] == "draft" and fields.get("featured") is False, "no answer can set a field of its own"
    assert set(fields) <= set(load_schema("story")["properties"])
    assert len(story.encode("utf-8")) < 64 * 1024, "long texts are cut in the comments; the proposal keeps them"
    assert "\x00" not in story and "\u2028" not in story and "\x85" not in story
    if "titel" in changes:
        assert fields["title"] == " ".join(changes["titel"].replace("\u2028", " ").replace("\x85", " ").replace("\x00", "").split())
    named = problem_fields(site)
    assert named <= {"image.src", "image.alt", "image.credit", "image.license", "Text", "title", "summary", "actors"}, named
    if "website" in changes:
        assert "links" not in fields and "contact" in fields and "email" not in fields["contact"]
        assert "links.website aus dem Vorschlag ist nicht übernommen" in files["beschreibung.md"]
    if "wo" in changes:
        assert fields["regions"] == ["goerlitz"] and "„Atlantis“ gibt es in content/data/ nicht" in files["beschreibung.md"]


def test_contact_data_without_the_contact_persons_consent_stays_out_of_the_draft(site, tmp_path):
    code, files = run(site, issue_body(consent=(CONSENT_PUBLISH,)), tmp_path)
    assert code == 0
    story = next(text for name, text in files.items() if name.endswith(".md") and name != "beschreibung.md")
    assert "contact" not in front(story) and "maria@example.org" not in story
    assert "ohne Einverständnis der Ansprechperson" in files["beschreibung.md"]


@pytest.mark.parametrize(("body", "reason"), [
    (issue_body(consent=()), "Einverständnis mit der Veröffentlichung"),
    (issue_body({"was": "Text\n### Wo wirkt das Projekt?\n\nDresden"}), "steht mehrmals"),
    ("Bitte nehmt unser Projekt auf! $(rm -rf /)", "nicht mit dem Formular"),
])
def test_a_proposal_that_cannot_be_used_gets_a_reason_and_no_draft(site, tmp_path, body, reason):
    code, files = run(site, body, tmp_path)
    assert code == 1 and set(files) == {"kommentar.md"} and reason in files["kommentar.md"]
    assert not os.path.isdir(site.path("stories")) or os.listdir(site.path("stories")) == []


def test_a_taken_file_name_gives_the_draft_the_proposals_number(site, tmp_path):
    site.story("repair-cafe-goerlitz")
    code, files = run(site, issue_body(), tmp_path)
    assert code == 0 and "vorschlag-12.md" in files


def test_dropdown_answers_are_split_at_whole_choices():
    options = ["Kinder, Jugend und Familie", "Beratung", "Kinder"]
    assert split_choices("Kinder, Jugend und Familie, Beratung", options) == ["Kinder, Jugend und Familie", "Beratung"]
    assert split_choices("Kinder, Beratung", options) == ["Kinder", "Beratung"]
    assert split_choices("Kinder, Atlantis", options) is None
    with pytest.raises(ProposalError):
        answers("### Wie heißt das Projekt?\n\nNur eine Frage")
