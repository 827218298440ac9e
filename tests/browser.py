"""Real browser checks: Debian's Chromium through Playwright, axe-core, and the Nu Html Checker."""

from __future__ import annotations

import json
import os
import subprocess

from sitefiles import ROOT
from tools.local_browser import CHROMIUM, CHROMIUM_ARGS, StaticServer, launch_chromium

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "StaticServer", "describe", "launch_chromium", "run_axe", "run_vnu"]

AXE_SCRIPT = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
VNU_JAR = os.path.join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations on the loaded page."""
    page.add_script_tag(path=AXE_SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """A readable list of violations for a failing assertion."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def run_vnu(files: list[str]) -> list[dict]:
    """The Nu Html Checker's errors for the given HTML files, in one JVM."""
    process = subprocess.run(
        ["java", "-jar", VNU_JAR, "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True, text=True, timeout=300, check=False,
    )
    return json.loads(process.stdout or '{"messages": []}')["messages"]
