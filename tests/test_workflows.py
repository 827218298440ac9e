"""The GitHub Actions workflows (they cannot run here): the jobs and guards that keep a bad merge off the site.

The preview's scripts that only need git (publishing into and removing from the preview repository) are run
for real against a local bare repository; the comment's jq filter against sample answers of GitHub's API.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys

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


ALL_WORKFLOWS = ["check.yml", "deploy.yml", "bilder.yml", "preview.yml", "preview-forks.yml", "vorschlag.yml"]
SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository"


@pytest.fixture(scope="module", params=ALL_WORKFLOWS)
def any_workflow(request):
    return load(request.param)


def test_every_action_is_pinned_to_an_exact_version(any_workflow):
    for job in any_workflow["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{step['uses']} must name an exact version (vX.Y.Z or a commit)"


def test_every_workflow_is_tested():
    assert sorted(os.listdir(WORKFLOWS)) == sorted(ALL_WORKFLOWS), "a new workflow gets its place in ALL_WORKFLOWS (and its own tests)"


def test_least_permissions(any_workflow):
    assert any_workflow["permissions"] == {"contents": "read"}, "the default for every job: read the repository, nothing else"
    for name, job in any_workflow["jobs"].items():
        granted = {scope for scope, level in job.get("permissions", {}).items() if level == "write"}
        if granted in ({"contents"}, {"contents", "pull-requests", "issues"}):
            assert runs_no_repository_code(job), f"{name} may push, so it runs nothing from the repository"
            continue
        if granted == {"pull-requests"}:
            # Comments only: either nothing from the repository runs, or only the default branch's code (workflow_run).
            assert runs_no_repository_code(job) or runs_only_default_branch_code(any_workflow, job), f"{name} may comment"
            continue
        assert granted <= {"pages", "id-token"}, name
        if granted:
            assert any("deploy-pages" in c for c in commands(job)), f"{name} may write only to deploy"
    for name, job in any_workflow["jobs"].items():
        if "secrets." in yaml.safe_dump(job):
            assert runs_no_repository_code(job), f"{name} holds a secret, so it runs nothing from the repository"


def runs_no_repository_code(job: dict) -> bool:
    """True for a job that only runs official actions and git: no make, Python, pip, npm or script from the checkout."""
    scripts = "\n".join(step.get("run", "") for step in steps(job))
    actions = {step["uses"].split("@")[0] for step in steps(job) if "uses" in step}
    return (
        "container" not in job
        and actions <= {"actions/checkout", "actions/download-artifact"}
        and not re.search(r"\b(make|python3?|pip|npm|npx|node|bash|sh|source)\b|\.venv|\./|tools/", scripts)
    )


def runs_only_default_branch_code(workflow: dict, job: dict) -> bool:
    """True for a workflow_run job that checks out only the default branch and keeps downloaded artifacts out of the checkout."""
    checkouts = [step.get("with", {}) for step in steps(job) if step.get("uses", "").startswith("actions/checkout@")]
    downloads = [step.get("with", {}) for step in steps(job) if step.get("uses", "").startswith("actions/download-artifact@")]
    return (
        list(workflow["on"]) == ["workflow_run"]
        and "container" not in job
        and all("ref" not in checkout and "repository" not in checkout for checkout in checkouts)
        and all(download.get("path", "").startswith("${{ runner.temp }}/") for download in downloads)
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


def test_the_preview_artifacts_hold_only_the_built_site_and_its_data():
    """The artifacts leave the runner without a merge: only the folders the preview build wrote, checked for links first."""
    site = load("preview.yml")["jobs"]["build"]
    preview = index_of(site, r"^make vorschau OUTPUT=vorschau$")
    guard = index_of(site, r'find vorschau "\$RUNNER_TEMP/vorschau-daten" ! -type f ! -type d')
    uploads = [position for position, command in enumerate(commands(site)) if command.startswith("actions/upload-artifact@")]
    assert preview < guard < min(uploads), "the preview is checked after it is built and before it is uploaded"
    assert "exit 1" in commands(site)[guard] and "$(find vorschau" in commands(site)[guard], "a link or special file stops the upload"
    assert "-print" not in commands(site)[guard] and "printf" not in commands(site)[guard], "names from the pull request are not printed"
    uploaded = {steps(site)[position]["with"]["name"]: steps(site)[position]["with"] for position in uploads}
    assert set(uploaded) == {"vorschau", "vorschau-daten"}
    assert uploaded["vorschau"]["path"].strip() in ("vorschau", "vorschau/"), "one path: the preview build's output folder, nothing else"
    assert uploaded["vorschau-daten"]["path"].strip() == "${{ runner.temp }}/vorschau-daten/"
    assert all(upload.get("include-hidden-files", False) is False for upload in uploaded.values())
    check = [c for job in load("check.yml")["jobs"].values() for c in commands(job) if c.startswith("actions/upload-artifact@")]
    assert check == [], "the preview is built once, by the workflow Vorschau"


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


def test_pull_requests_are_checked_tested_built_and_link_checked():
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


def deploy_build_job() -> dict:
    jobs = load("deploy.yml")["jobs"]
    return next(job for job in jobs.values() if any("actions/upload-pages-artifact@" in c for c in commands(job)))


def test_the_deploy_checks_the_hosts_limits_after_the_build_before_anything_is_uploaded(tmp_path):
    job = deploy_build_job()
    publish, limits = index_of(job, r"^make publish$"), index_of(job, r"-m tools\.host_limits output$")
    assert publish < limits < index_of(job, r"upload-pages-artifact")
    step = steps(job)[limits]
    assert not step.get("continue-on-error") and "if" not in step, "a site over a limit never reaches the upload"
    assert step["env"] == {"SINN_HOST": "${{ vars.SINN_HOST }}"}, "the host is a repository variable, GitHub Pages if unset"
    # The step's own command line against a site the host would refuse: it fails, so the job stops.
    site = tmp_path / "output"
    site.mkdir()
    with open(site / "film.mp4", "wb") as handle:
        handle.truncate(101_000_000)
    command = step["run"].replace(".venv/bin/python", shlex.quote(sys.executable))
    environment = {**os.environ, "PYTHONPATH": ROOT, "SINN_HOST": ""}
    process = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60, check=False)
    assert process.returncode == 1 and "film.mp4 hat 101 MB, GitHub Pages nimmt Dateien bis 100 MB" in process.stderr


def test_the_deploy_keeps_the_press_kits_between_runs():
    caches = {step["with"]["path"]: step["with"] for step in steps(deploy_build_job()) if step.get("uses", "").startswith("actions/cache@")}
    assert {".cache/images", ".cache/search", ".cache/press"} <= set(caches)
    press = caches[".cache/press"]
    assert "content/**" in press["key"] and "plugins/sinn_press/**" in press["key"] and press["restore-keys"] == "press-"


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


def test_every_pull_request_gets_a_preview_built_with_the_preview_settings_under_its_own_path():
    workflow = load("preview.yml")
    assert workflow["name"] == "Vorschau", "preview-forks.yml follows the workflow by this name"
    assert set(workflow["on"]["pull_request"]["types"]) == {"opened", "synchronize", "reopened", "closed"}
    assert workflow["concurrency"]["group"] == "vorschau-${{ github.event.pull_request.number }}" and workflow["concurrency"]["cancel-in-progress"]
    build = workflow["jobs"]["build"]
    assert build["if"] == "github.event.action != 'closed'" and "permissions" not in build, "code of the pull request: read-only token"
    assert "secrets." not in yaml.safe_dump(build)
    assert build["env"]["HOSTED"] == "${{ " + SAME_REPOSITORY + " && vars.VORSCHAU_REPOSITORY != '' }}"
    address = steps(build)[index_of(build, r'siteurl=\$\{base%/\}/pr-\$NUMBER')]
    assert 'siteurl=http://localhost:8000' in address["run"], "not published: the artifact works where it is unpacked"
    vorschau = index_of(build, r"^make vorschau OUTPUT=vorschau$")
    assert steps(build)[vorschau]["env"] == {"SINN_SITEURL": "${{ steps.address.outputs.siteurl }}",
                                            "SINN_PULL_REQUEST": "${{ github.event.pull_request.number }}"}
    assert vorschau < index_of(build, r"^make linkcheck OUTPUT=vorschau$"), "the preview's links are checked, also that none leaves its path"
    base = index_of(build, r"tools\.build --settings previewconf\.py --output \"\$RUNNER_TEMP/basis-vorschau\"")
    assert steps(build)[base]["env"] == steps(build)[vorschau]["env"], "the base branch is built the same way: only the change differs"
    assert [s.get("name") for s in steps(build) if s.get("continue-on-error")] == [steps(build)[base]["name"]]
    diff = index_of(build, r"tools\.site_diff \"\$RUNNER_TEMP/basis-vorschau\" vorschau --json")
    assert base < diff and "tools.preview_comment" in commands(build)[diff] and '--site "$SITEURL"' in commands(build)[diff]
    assert "vorschau:" in makefile_targets_text() and "--settings previewconf.py" in makefile_targets_text()


def makefile_targets_text() -> str:
    with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as handle:
        return handle.read()


def test_previews_are_published_and_removed_only_for_branches_of_this_repository_by_jobs_that_run_no_repository_code():
    jobs = load("preview.yml")["jobs"]
    publish, remove = jobs["publish"], jobs["remove"]
    assert publish["needs"] == "build"
    assert publish["if"] == SAME_REPOSITORY + " && vars.VORSCHAU_REPOSITORY != ''"
    assert remove["if"] == "github.event.action == 'closed' && " + SAME_REPOSITORY + " && vars.VORSCHAU_REPOSITORY != ''"
    for job in (publish, remove):
        assert job["permissions"] == {"pull-requests": "write"}
        assert runs_no_repository_code(job) and not any(c.startswith("actions/checkout@") for c in commands(job))
        push = steps(job)[index_of(job, r"push -q --force-with-lease=\"main:\$lease\" \"\$remote\"")]
        assert push["env"]["DEPLOY_KEY"] == "${{ secrets.VORSCHAU_DEPLOY_KEY }}" and push["env"]["REPOSITORY"] == "${{ vars.VORSCHAU_REPOSITORY }}"
        assert "StrictHostKeyChecking=yes" in push["run"] and "github.com ssh-ed25519 " in push["run"], "only GitHub's own host key"
        assert "umask 077" in push["run"] and "--force " not in push["run"] and "+" + "$commit" not in push["run"]
    guard = commands(publish)[index_of(publish, r"push -q")]
    assert guard.index('find "$RUNNER_TEMP/vorschau" ! -type f ! -type d') < guard.index("cp -R"), "links in the artifact stop the push"
    assert "printf 'User-agent: *\\nDisallow: /\\n'" in guard and ': > "$site/.nojekyll"' in guard


def preview_script(job: dict, remote, sleep: str = "0.2") -> str:
    """The job's git script, with the preview repository replaced by a local one (and shorter waits)."""
    script = commands(job)[index_of(job, r"push -q --force-with-lease")]
    assert 'remote="git@github.com:$REPOSITORY.git"' in script
    return script.replace('remote="git@github.com:$REPOSITORY.git"', f'remote="file://{remote}"').replace("sleep $((attempt * 5))", f"sleep {sleep}")


def start_script(script: str, temp, number: int) -> subprocess.Popen:
    """Run a script with bash as the runner does (-e), in the background."""
    os.makedirs(temp, exist_ok=True)
    env = {**os.environ, "DEPLOY_KEY": "schlüssel", "REPOSITORY": "beispiel/vorschau", "RUNNER_TEMP": str(temp), "NUMBER": str(number)}
    return subprocess.Popen(["bash", "-e", "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def git(remote, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(remote), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_publishing_keeps_other_previews_and_closing_removes_only_its_own(tmp_path):
    jobs = load("preview.yml")["jobs"]
    remote = tmp_path / "vorschau.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)

    def runner(number: int):
        temp = tmp_path / f"runner-{number}"
        (temp / "vorschau" / "geschichten" / "neu").mkdir(parents=True)
        (temp / "vorschau" / "index.html").write_text(f"Vorschau {number}", encoding="utf-8")
        (temp / "vorschau" / "geschichten" / "neu" / "index.html").write_text("Entwurf", encoding="utf-8")
        return temp

    # Three pull requests at once: each push is leased on what it read, so none overwrites another's preview.
    publish = preview_script(jobs["publish"], remote, sleep="0.$RANDOM")
    runs = [start_script(publish, runner(number), number) for number in (1, 2, 3)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0], [run.stderr.read() for run in runs]
    assert start_script(publish, runner(4), 4).wait(timeout=120) == 0

    def folders() -> set[str]:
        return {name.split("/")[0] for name in git(remote, "ls-tree", "-r", "--name-only", "main").split()}

    assert folders() == {".nojekyll", "robots.txt", "pr-1", "pr-2", "pr-3", "pr-4"}
    assert git(remote, "show", "main:pr-3/geschichten/neu/index.html") == "Entwurf"
    assert git(remote, "show", "main:robots.txt") == "User-agent: *\nDisallow: /\n"
    assert git(remote, "rev-list", "--count", "main").strip() == "1", "previews keep no history: the repository stays small"

    remove = preview_script(jobs["remove"], remote)
    assert start_script(remove, tmp_path / "closed-2", 2).wait(timeout=120) == 0
    assert folders() == {".nojekyll", "robots.txt", "pr-1", "pr-3", "pr-4"}
    assert start_script(remove, tmp_path / "closed-9", 9).wait(timeout=120) == 0, "a pull request without a preview is no error"
    assert folders() == {".nojekyll", "robots.txt", "pr-1", "pr-3", "pr-4"}


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_closing_before_anything_was_published_is_no_error(tmp_path):
    remote = tmp_path / "leer.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    closed = start_script(preview_script(load("preview.yml")["jobs"]["remove"], remote), tmp_path, 5)
    assert closed.wait(timeout=120) == 0, closed.stderr.read()


COMMENT_STEPS = [("preview.yml", "publish"), ("preview.yml", "remove"), ("preview-forks.yml", "comment")]


@pytest.mark.parametrize(("name", "job_name"), COMMENT_STEPS)
@pytest.mark.skipif(not shutil.which("jq"), reason="needs jq")
def test_one_comment_per_pull_request_is_found_and_updated(name, job_name):
    """The bot's own comment with the marker is updated; a person's comment quoting the marker is left alone."""
    job = load(name)["jobs"][job_name]
    script = commands(job)[index_of(job, r"gh api --paginate")]
    assert 'marker="<!-- sinn-vorschau -->"' in script and 'gh api -X PATCH "repos/$REPO/issues/comments/$id"' in script
    assert ("POST" in script) is (job_name != "remove"), "closing updates the comment, it never posts a new one"
    jq_filter = re.search(r'--jq "(.*?)" \| sed -n 1p', script).group(1).replace('\\"', '"').replace("$marker", "<!-- sinn-vorschau -->")
    answer = [
        {"id": 1, "user": {"login": "jemand"}, "body": "<!-- sinn-vorschau --> nachgemacht"},
        {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "Bilder verkleinert"},
        {"id": 3, "user": {"login": "github-actions[bot]"}, "body": "<!-- sinn-vorschau -->\n\n### Vorschau"},
    ]
    found = subprocess.run(["jq", "-r", jq_filter], input=json.dumps(answer), capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["3"]


def test_forks_get_an_explaining_comment_from_the_default_branch_reading_the_artifact_as_data():
    workflow = load("preview-forks.yml")
    assert workflow["on"] == {"workflow_run": {"workflows": ["Vorschau"], "types": ["completed"]}}
    job = workflow["jobs"]["comment"]
    assert "github.event.workflow_run.head_repository.full_name != github.repository" in job["if"]
    assert "github.event.workflow_run.conclusion == 'success'" in job["if"]
    assert job["permissions"] == {"contents": "read", "actions": "read", "pull-requests": "write"}
    assert runs_only_default_branch_code(workflow, job)
    download = steps(job)[index_of(job, r"^actions/download-artifact@")]["with"]
    assert download["name"] == "vorschau-daten" and download["run-id"] == "${{ github.event.workflow_run.id }}"
    confirm = commands(job)[index_of(job, r"gh api \"repos/\$REPO/pulls/\$number\"")]
    assert "grep -Eqx '[0-9]{1,9}'" in confirm, "the number from the artifact is only a number"
    assert '"open $HEAD_SHA $HEAD_REPO"' in confirm, "and GitHub confirms it is the open pull request whose commit the run built"
    render = commands(job)[index_of(job, r"tools\.preview_comment")]
    assert render.startswith("python3 -m tools.preview_comment") and '--artifact-run "$RUN_URL"' in render, "standard library only, no install"
    assert index_of(job, r"gh api \"repos/\$REPO/pulls/\$number\"") < index_of(job, r"tools\.preview_comment") < index_of(job, r"gh api --paginate")


def test_every_script_is_valid_bash():
    for name in ALL_WORKFLOWS:
        for job in load(name)["jobs"].values():
            for step in steps(job):
                if "run" in step:
                    parsed = subprocess.run(["bash", "-n"], input=step["run"], capture_output=True, text=True, check=False)
                    assert parsed.returncode == 0, f"{name}: {step.get('name')}: {parsed.stderr}"


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_jobs_that_build_the_public_site_install_npm_for_the_web_editor(name):
    """Without npm the build publishes /admin/ as a page saying the editor is not set up."""
    for job in load(name)["jobs"].values():
        scripts = "\n".join(step.get("run", "") for step in job.get("steps", []))
        if re.search(r"\bmake publish\b", scripts):
            assert re.search(r"apt-get install[^\n]*(\\\n[^\n]*)*\bnpm\b", scripts), f"{name}: a job runs make publish without npm"
