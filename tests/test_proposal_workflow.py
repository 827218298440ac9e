"""The workflow "Vorschlag übernehmen": an editor's label turns a proposal into a draft pull request, the proposal's text
only ever data. Its scripts run here for real: with a stand-in for make and gh, against a local bare repository."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from tests.test_workflows import commands, index_of, load, makefile_targets, runs_no_repository_code, steps
from tools.proposal_form import ACCEPTED_LABEL, FORM_PATH, PROPOSAL_LABEL

HOSTILE_BODY = "### Wie heißt das Projekt?\n\n$(touch gehackt) `touch gehackt` \"; touch gehackt; \" ' ${HOME}\n"


def workflow() -> dict:
    return load("vorschlag.yml")


def test_only_an_editors_label_on_an_issue_starts_it():
    flow = workflow()
    assert flow["on"] == {"issues": {"types": ["labeled"]}}, "never pull_request_target, never on a new issue alone"
    draft = flow["jobs"]["draft"]
    assert draft["if"] == f"github.event.label.name == '{ACCEPTED_LABEL}' && github.event.issue.pull_request == null"
    with open(FORM_PATH, encoding="utf-8") as handle:
        assert yaml.safe_load(handle)["labels"] == [PROPOSAL_LABEL] != [ACCEPTED_LABEL], "the form cannot accept itself"
    assert flow["concurrency"]["group"] == "vorschlag-${{ github.event.issue.number }}"


def test_the_tool_runs_with_a_read_only_token_and_the_pushing_job_runs_nothing_from_the_repository():
    jobs = workflow()["jobs"]
    draft, pull_request = jobs["draft"], jobs["pull-request"]
    assert "permissions" not in draft, "make vorschlag runs with the workflow's read-only default"
    assert "secrets." not in yaml.safe_dump(draft)
    assert pull_request["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert pull_request["needs"] == "draft" and runs_no_repository_code(pull_request)
    upload = steps(draft)[index_of(draft, r"^actions/upload-artifact@")]["with"]
    download = steps(pull_request)[index_of(pull_request, r"^actions/download-artifact@")]["with"]
    assert upload["name"] == download["name"] == "entwurf" and download["path"] == "${{ runner.temp }}/entwurf"
    assert upload["path"] == "${{ runner.temp }}/entwurf/" and upload["include-hidden-files"] is False


def test_the_proposals_text_reaches_the_tool_only_through_the_environment():
    draft = workflow()["jobs"]["draft"]
    step = steps(draft)[index_of(draft, r"make vorschlag")]
    assert step["env"]["BODY"] == "${{ github.event.issue.body }}"
    assert "github.event.issue" not in step["run"] and "${{" not in step["run"]
    assert "vorschlag" in makefile_targets()


def run_step(script: str, temp, env: dict, path_dir=None, cwd=None) -> subprocess.CompletedProcess:
    """A step's script as the runner runs it (bash -e), with stand-ins first on PATH."""
    path = f"{path_dir}:{os.environ['PATH']}" if path_dir else os.environ["PATH"]
    environment = {**os.environ, "PATH": path, "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(temp / "output"), **env}
    return subprocess.run(["bash", "-e", "-c", script], env=environment, cwd=cwd or temp, capture_output=True, text=True,
                          timeout=120, check=False)


def stand_in(folder, name: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/bash\n" + body, encoding="utf-8")
    path.chmod(0o755)


@pytest.mark.parametrize("succeeds", [True, False])
def test_the_draft_step_writes_the_text_as_it_is_and_says_whether_a_draft_was_made(tmp_path, succeeds):
    draft = workflow()["jobs"]["draft"]
    script = commands(draft)[index_of(draft, r"make vorschlag")]
    # make stands in for the tool: it keeps what it was handed, and succeeds or refuses.
    stand_in(tmp_path / "bin", "make", 'for a in "$@"; do case "$a" in VORSCHLAG=*) cp "${a#VORSCHLAG=}" "$RUNNER_TEMP/erhalten";; esac; done\n'
             + ("exit 0\n" if succeeds else "exit 1\n"))
    done = run_step(script, tmp_path, {"BODY": HOSTILE_BODY, "NUMMER": "12", "ADRESSE": "https://x"}, tmp_path / "bin")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "erhalten").read_text(encoding="utf-8") == HOSTILE_BODY + "\n"
    assert not (tmp_path / "gehackt").exists()
    assert (tmp_path / "output").read_text() == f"made={'true' if succeeds else 'false'}\n"
    assert (tmp_path / "entwurf" / "kommentar.md").exists() is not succeeds, "a refusal always has a comment for the proposal"


@pytest.fixture
def repository(tmp_path):
    """A bare remote with a branch main holding content/stories/, and a clone of it as the runner's checkout."""
    remote, checkout = tmp_path / "remote.git", tmp_path / "checkout"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    subprocess.run(["git", "clone", "-q", str(remote), str(checkout)], check=True, capture_output=True)
    (checkout / "content" / "stories").mkdir(parents=True)
    (checkout / "content" / "stories" / "alt.md").write_text("---\ntitle: Alt\n---\n", encoding="utf-8")
    git = ["git", "-C", str(checkout), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "start"], check=True)
    subprocess.run([*git, "push", "-q", "origin", "HEAD:refs/heads/main"], check=True)
    return remote, checkout


def handed_over(temp, files: dict[str, str]):
    folder = temp / "entwurf"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


DRAFT = {"repair-cafe.md": "---\ntitle: \"$(touch gehackt)\"\nstatus: draft\n---\n", "titel.txt": "Entwurf: $(touch gehackt) `id`\n",
         "beschreibung.md": "Aus dem Vorschlag #12.\n"}


def run_pull_request(tmp_path, checkout) -> subprocess.CompletedProcess:
    job = workflow()["jobs"]["pull-request"]
    script = commands(job)[index_of(job, r"gh pr create")]
    # gh stands in for GitHub: it notes its arguments, one per line, and answers pr create with an address.
    stand_in(tmp_path / "bin", "gh", 'printf "%s\\n" "$@" >> "$RUNNER_TEMP/gh.log"; echo ---- >> "$RUNNER_TEMP/gh.log"\n'
             'if [ "$1" = pr ]; then echo https://github.com/beispiel/sinn/pull/13; fi\n')
    env = {"GH_TOKEN": "t", "TOKEN": "t", "REPO": "beispiel/sinn", "NUMBER": "12", "BASE": "main"}
    return run_step(script, tmp_path, env, tmp_path / "bin", cwd=checkout)


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_the_draft_is_pushed_to_its_own_branch_as_a_draft_pull_request_linked_from_the_proposal(tmp_path, repository):
    remote, checkout = repository
    handed_over(tmp_path, DRAFT)
    done = run_pull_request(tmp_path, checkout)
    assert done.returncode == 0, done.stderr
    changed = subprocess.run(["git", "--git-dir", str(remote), "diff", "--name-only", "main", "vorschlag/12"],
                             capture_output=True, text=True, check=True).stdout.split()
    assert changed == ["content/stories/repair-cafe.md"], "one new file, nothing else"
    log = (tmp_path / "gh.log").read_text(encoding="utf-8").split("----\n")
    create = log[0].splitlines()
    assert create[:2] == ["pr", "create"] and "--draft" in create
    assert create[create.index("--title") + 1] == "Entwurf: $(touch gehackt) `id`", "the title as text"
    assert create[create.index("--base") + 1] == "main" and create[create.index("--head") + 1] == "vorschlag/12"
    comment = log[1].splitlines()
    assert comment[:3] == ["issue", "comment", "12"]
    body = (tmp_path / "kommentar.md").read_text(encoding="utf-8")
    assert "https://github.com/beispiel/sinn/pull/13" in body
    assert not (checkout / "gehackt").exists() and not (tmp_path / "gehackt").exists()


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
@pytest.mark.parametrize("files", [
    {**DRAFT, "zweite.md": "---\n---\n"},
    {"Böse Datei.md": "x", "titel.txt": "t", "beschreibung.md": "b"},
    {"alt.md": "---\ntitle: Überschrieben\n---\n", "titel.txt": "t", "beschreibung.md": "b"},
])
def test_anything_but_one_new_story_is_refused_and_nothing_is_pushed(tmp_path, repository, files):
    remote, checkout = repository
    handed_over(tmp_path, files)
    done = run_pull_request(tmp_path, checkout)
    assert done.returncode == 1 and "nichts wird" in done.stdout, done.stderr
    branches = subprocess.run(["git", "--git-dir", str(remote), "branch", "--list"], capture_output=True, text=True, check=True).stdout
    assert branches.replace("*", "").split() == ["main"]
    assert not (tmp_path / "gh.log").exists(), "no pull request, no comment"


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_a_link_in_the_handed_over_draft_is_refused(tmp_path, repository):
    _remote, checkout = repository
    folder = handed_over(tmp_path, DRAFT)
    os.remove(folder / "repair-cafe.md")
    os.symlink("/etc/passwd", folder / "repair-cafe.md")
    done = run_pull_request(tmp_path, checkout)
    assert done.returncode == 1 and "nicht eine einzelne Geschichte" in done.stdout


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_labelling_again_finds_the_branch_and_says_so(tmp_path, repository):
    _remote, checkout = repository
    handed_over(tmp_path, DRAFT)
    assert run_pull_request(tmp_path, checkout).returncode == 0
    subprocess.run(["git", "-C", str(checkout), "switch", "-q", "main"], check=True)
    (tmp_path / "gh.log").unlink()
    again = run_pull_request(tmp_path, checkout)
    assert again.returncode == 0, again.stderr
    log = (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert log.startswith("issue\ncomment\n12\n") and "gibt es schon" in log and "create" not in log
