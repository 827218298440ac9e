"""`make test-fast` leaves out what builds a site, serves, fuzzes or needs a browser (tests/speed.py); `make test` runs all."""

from __future__ import annotations

import os
import re

import speed

from sitefiles import ROOT, check_in_process, run_build


def _builds_through_a_helper(site):
    return _helper(site)


def _helper(site):
    return run_build(site.content, "out")


def _imports_the_build():
    from tools.build import build  # noqa: F401


def _starts_the_build_as_a_command():
    return ["python", "-m", "tools.build"]


def _only_checks(site):
    return check_in_process(site.content)


def _validates_html(files):
    from browser import run_vnu

    return run_vnu(files)


# Held in a table, so that the tests below do not name them and are not slow themselves.
SAMPLES = {function.__name__: function for function in (
    _helper, _builds_through_a_helper, _imports_the_build, _starts_the_build_as_a_command, _only_checks, _validates_html)}


def group(name: str, mark: str) -> bool:
    function = SAMPLES[name]
    return speed.references(function.__code__, function.__globals__, mark)


def test_what_builds_a_site_is_slow_however_it_is_called():
    for name in ("_helper", "_builds_through_a_helper", "_imports_the_build", "_starts_the_build_as_a_command"):
        assert group(name, "slow"), name


def test_what_only_checks_stays_in_the_fast_tests():
    assert not group("_only_checks", "slow")
    assert not group("_only_checks", "browser")


def test_the_nu_html_checker_needs_the_browser_group():
    assert group("_validates_html", "browser")


def test_make_test_fast_leaves_out_slow_and_browser_and_make_test_runs_everything():
    with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as handle:
        makefile = handle.read()
    fast = re.search(r"^test-fast:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    full = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert '-m pytest -q -m "not browser and not slow"' in fast[1]
    assert "-m pytest" in full[1] and " -m \"" not in full[1]
