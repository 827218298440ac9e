"""The GitHub Actions workflows (they cannot run here): the jobs and guards that keep a bad merge off the site."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from sitefiles import ROOT

WORKFLOWS = os.path.join(ROOT, ".github", "workflows")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")


def load(name: str) -> dict:
    with open(os.path.join(WORKFLOWS, name), encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle)
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def commands(job: dict) -> list[str]:
    """Each step as one line: its `run` script or `uses` action."""
    return [step.get("run") or step.get("uses", "") for step in steps(job)]


def index_of(job: dict, pattern: str) -> int:
    """The position of the first step whose run/uses matches pattern."""
    for position, command in enumerate(commands(job)):
        if re.search(pattern, command):
            return position
    pytest.fail(f"no step matches {pattern!r}: {commands(job)}")


def makefile_targets() -> set[str]:
    with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as handle:
        return set(re.findall(r"^([a-z][\w-]*):", handle.read(), re.MULTILINE))


@pytest.fixture(scope="module", params=["check.yml", "deploy.yml"])
def workflow(request):
    return load(request.param)


@pytest.fixture(scope="module", params=["check.yml", "deploy.yml", "bilder.yml"])
def any_workflow(request):
    return load(request.param)


def test_every_action_is_pinned_to_an_exact_version(any_workflow):
    for job in any_workflow["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{step['uses']} must name an exact version (vX.Y.Z or a commit)"


def test_least_permissions(any_workflow):
    assert any_workflow["permissions"] == {"contents": "read"}, "the default for every job: read the repository, nothing else"
    for name, job in any_workflow["jobs"].items():
        granted = {scope for scope, level in job.get("permissions", {}).items() if level == "write"}
        if granted == {"contents"}:
            assert runs_no_repository_code(job), f"{name} may push, so it runs nothing from the repository"
            continue
        assert granted <= {"pages", "id-token"}, name
        if granted:
            assert any("deploy-pages" in c for c in commands(job)), f"{name} may write only to deploy"


def runs_no_repository_code(job: dict) -> bool:
    """True for a job that only runs official actions and git: no make, Python, pip, npm or script from the checkout."""
    scripts = "\n".join(step.get("run", "") for step in steps(job))
    actions = {step["uses"].split("@")[0] for step in steps(job) if "uses" in step}
    return (
        "container" not in job
        and actions <= {"actions/checkout", "actions/download-artifact"}
        and not re.search(r"\b(make|python3?|pip|npm|npx|node|bash|sh|source)\b|\.venv|\./|tools/", scripts)
    )


def test_dependencies_are_cached(workflow):
    caches = [step["with"] for job in workflow["jobs"].values() for step in steps(job) if step.get("uses", "").startswith("actions/cache@")]
    paths = "\n".join(cache["path"] for cache in caches)
    assert "~/.cache/pip" in paths and "~/.npm" in paths and ".cache/images" in paths and ".cache/search" in paths
    for cache in caches:
        assert "hashFiles(" in cache["key"], "a key that changes when the locked dependencies change"


def test_checkouts_leave_no_credentials_behind(any_workflow):
    """Code from a pull request runs after the checkout (build, tests): no token may be left in .git/config for it."""
    checkouts = [step for job in any_workflow["jobs"].values() for step in steps(job) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, f"{step['uses']} needs persist-credentials: false"


def test_the_preview_artifact_holds_only_the_built_site():
    """The artifact leaves the runner without a merge: only the folder the preview build wrote, checked for links first."""
    site = next(job for job in load("check.yml")["jobs"].values() if any("make publish" in c for c in commands(job)))
    preview = index_of(site, r"make publish OUTPUT=vorschau")
    guard = index_of(site, r"find vorschau ! -type f ! -type d")
    upload = index_of(site, r"actions/upload-artifact@")
    assert preview < guard < upload, "the preview is checked after it is built and before it is uploaded"
    assert "exit 1" in commands(site)[guard] and "$(find vorschau" in commands(site)[guard], "a link or special file stops the upload"
    assert "-print" not in commands(site)[guard] and "printf" not in commands(site)[guard], "names from the pull request are not printed"
    uploaded = steps(site)[upload]["with"]
    assert uploaded["path"].strip() in ("vorschau", "vorschau/"), "one path: the preview build's output folder, nothing else"
    assert uploaded.get("include-hidden-files", False) is False
    uploads = [c for job in load("check.yml")["jobs"].values() for c in commands(job) if c.startswith("actions/upload-artifact@")]
    assert len(uploads) == 1, "the preview is the only artifact of a pull request"


def test_no_script_pastes_in_text_from_a_pull_request(any_workflow):
    """Branch names and titles may hold `$(…)` or backticks: they reach a script only as quoted environment variables."""
    assert "pull_request_target" not in any_workflow["on"], "never: it runs with a token that may write, on the base branch"
    for job in any_workflow["jobs"].values():
        for step in steps(job):
            assert "${{" not in step.get("run", ""), step.get("name")


def test_make_targets_used_exist(any_workflow):
    targets = makefile_targets()
    for job in any_workflow["jobs"].values():
        for command in commands(job):
            for target in re.findall(r"(?m)^\s*make ([a-z][\w-]*)", command):
                assert target in targets, f"make {target} is not in the Makefile"


def test_nothing_may_fail_silently_in_deploy():
    with open(os.path.join(WORKFLOWS, "deploy.yml"), encoding="utf-8") as handle:
        text = handle.read()
    assert "continue-on-error" not in text
    assert not re.search(r"if:.*(always|failure|cancelled)\(", text), "the deployment must never run after a failed step"


def test_pull_requests_are_checked_tested_built_link_checked_and_previewed():
    workflow = load("check.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["concurrency"]["cancel-in-progress"] is True
    all_commands = [c for job in workflow["jobs"].values() for c in commands(job)]
    assert any(c.strip() == "make test" for c in all_commands), "ruff and every test, as .ci/run"
    site = next(job for job in workflow["jobs"].values() if any("make publish" in c for c in commands(job)))
    check, publish, links = index_of(site, r"make check FORMAT=github"), index_of(site, r"^make publish$"), index_of(site, r"make linkcheck")
    assert check < publish < links
    diff = index_of(site, r"tools\.site_diff .*GITHUB_STEP_SUMMARY")
    assert index_of(site, r"tools\.build .*--output") < diff, "the base branch is built to compare with"
    preview = index_of(site, r"make publish OUTPUT=vorschau")
    assert "SINN_SITEURL" in steps(site)[preview].get("env", {}), "the preview links to itself, not to the live site"
    upload = index_of(site, r"actions/upload-artifact@")
    assert preview < upload and steps(site)[upload]["with"]["path"].startswith("vorschau")
    only_courtesy = [s.get("name") for s in steps(site) if s.get("continue-on-error")]
    assert all("Basis" in name for name in only_courtesy), "only building the base branch may fail without failing the check"


def test_main_is_deployed_to_pages_only_after_tests_build_and_link_check():
    workflow = load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False, "two deployments never overlap"
    jobs = workflow["jobs"]
    deploy = next(name for name, job in jobs.items() if any("actions/deploy-pages@" in c for c in commands(job)))
    build = next(name for name, job in jobs.items() if any("actions/upload-pages-artifact@" in c for c in commands(job)))
    tests = next(name for name, job in jobs.items() if any(c.strip() == "make test" for c in commands(job)))
    assert set(jobs[deploy]["needs"]) == {build, tests}
    assert jobs[deploy]["environment"]["name"] == "github-pages"
    assert jobs[deploy]["permissions"] == {"pages": "write", "id-token": "write"}
    job = jobs[build]
    publish, links, upload = index_of(job, r"^make publish$"), index_of(job, r"make linkcheck"), index_of(job, r"upload-pages-artifact")
    assert publish < links < upload
    assert steps(job)[upload]["with"]["path"] == "output"


def test_local_ci_still_runs_make_test():
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as handle:
        assert "make test" in handle.read()


def test_main_is_checked_before_it_is_built_so_no_gps_original_goes_unnoticed():
    """Pull requests are checked ("Prüfen"); a push to main is checked again before the build (the check refuses GPS in originals)."""
    assert "pull_request" in load("check.yml")["on"] and load("deploy.yml")["on"]["push"]["branches"] == ["main"]
    for name in ("check.yml", "deploy.yml"):
        site = next(job for job in load(name)["jobs"].values() if any(re.match(r"make publish$", c.strip()) for c in commands(job)))
        assert index_of(site, r"^make check FORMAT=github SETTINGS=publishconf\.py$") < index_of(site, r"^make publish$"), name
        check = steps(site)[index_of(site, r"^make check")]
        assert not check.get("continue-on-error") and "if" not in check, f"{name}: the check is never skipped or ignored"


def test_images_are_fixed_and_committed_only_for_branches_of_this_repository():
    workflow = load("bilder.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["on"]["pull_request"]["paths"] == ["content/images/**"]
    same_repository = "github.event.pull_request.head.repo.full_name == github.repository"
    jobs = workflow["jobs"]
    assert all(same_repository in job["if"] for job in jobs.values()), "a fork's pull request runs none of it"
    prepare, commit = jobs["prepare"], jobs["commit"]
    assert "permissions" not in prepare, "make bilder runs code from the branch: with the read-only default token"
    assert commit["permissions"] == {"contents": "write"} and commit["needs"] == "prepare"
    assert "needs.prepare.outputs.changed == 'true'" in commit["if"]
    for job in (prepare, commit):
        checkout = steps(job)[index_of(job, r"^actions/checkout@")]["with"]
        assert checkout["ref"] == "${{ github.event.pull_request.head.sha }}", "the branch's own commit, not the merge commit"
    make, patch = index_of(prepare, r"^make bilder$"), index_of(prepare, r"git diff --binary -- content/images")
    assert make < patch < index_of(prepare, r"upload-artifact@")


def test_the_pushing_job_applies_only_changed_images_and_never_forces():
    commit = load("bilder.yml")["jobs"]["commit"]
    assert runs_no_repository_code(commit)
    check, apply = index_of(commit, r"git apply --summary"), index_of(commit, r'(?m)^git apply "\$patch"$')
    assert check == apply, "the patch is vetted in the step that applies it, before applying"
    script = commands(commit)[apply]
    assert script.index("--summary") < script.index("--numstat -z") < script.index('git apply "$patch"')
    assert "content/images/" in script and "exit 1" in script
    push = steps(commit)[index_of(commit, r"push origin")]
    assert 'commit -q -a -m "Bilder verkleinert und Metadaten entfernt"' in push["run"]
    assert '"HEAD:refs/heads/$BRANCH"' in push["run"] and "--force" not in push["run"] and "+HEAD" not in push["run"]
    assert push["env"]["BRANCH"] == "${{ github.event.pull_request.head.ref }}" and push["env"]["TOKEN"] == "${{ github.token }}"
    assert "persist-credentials" in str(steps(commit)[0]) and steps(commit)[0]["with"]["persist-credentials"] is False
