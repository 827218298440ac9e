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


def test_every_action_is_pinned_to_an_exact_version(workflow):
    for job in workflow["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{step['uses']} must name an exact version (vX.Y.Z or a commit)"


def test_least_permissions(workflow):
    assert workflow["permissions"] == {"contents": "read"}, "the default for every job: read the repository, nothing else"
    for name, job in workflow["jobs"].items():
        granted = {scope for scope, level in job.get("permissions", {}).items() if level == "write"}
        assert granted <= {"pages", "id-token"}, name
        if granted:
            assert any("deploy-pages" in c for c in commands(job)), f"{name} may write only to deploy"


def test_dependencies_are_cached(workflow):
    caches = [step["with"] for job in workflow["jobs"].values() for step in steps(job) if step.get("uses", "").startswith("actions/cache@")]
    paths = "\n".join(cache["path"] for cache in caches)
    assert "~/.cache/pip" in paths and "~/.npm" in paths and ".cache/images" in paths and ".cache/search" in paths
    for cache in caches:
        assert "hashFiles(" in cache["key"], "a key that changes when the locked dependencies change"


def test_checkouts_leave_no_credentials_behind(workflow):
    """Code from a pull request runs after the checkout (build, tests): no token may be left in .git/config for it."""
    checkouts = [step for job in workflow["jobs"].values() for step in steps(job) if step.get("uses", "").startswith("actions/checkout@")]
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


def test_make_targets_used_exist(workflow):
    targets = makefile_targets()
    for job in workflow["jobs"].values():
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
