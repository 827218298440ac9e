"""Page weight per page type of the sample site against the theme's budgets."""

from __future__ import annotations

import glob
import os

from tools.bench.runs import sample_output
from tools.budgets import CSS_BUDGET, HTML_CSS_JS_BUDGET, page_weight, stylesheet_size


def _first(output: str, section: str) -> str:
    pages = sorted(glob.glob(os.path.join(output, section, "*", "index.html")))
    return next(p for p in pages if "/seite/" not in p)


def page_types(output: str) -> dict[str, str]:
    """One built file per page type."""
    join = os.path.join
    return {
        "Startseite": join(output, "index.html"),
        "Geschichte": _first(output, "geschichten"),
        "Akteur": _first(output, "akteure"),
        "Akteursverzeichnis": join(output, "akteure", "index.html"),
        "Archiv": join(output, "geschichten", "index.html"),
        "Themen": join(output, "themen", "index.html"),
        "Thema": _first(output, "themen"),
        "Region": _first(output, "regionen"),
        "Suche": join(output, "suche", "index.html"),
        "Rechtliches": join(output, "impressum", "index.html"),
        "404": join(output, "404.html"),
    }


def run(context: dict) -> dict:
    """Build the sample site and weigh one page of each type."""
    output = sample_output(context)
    weights = {name: page_weight(output, path) for name, path in page_types(output).items()}
    return {"css_bytes": stylesheet_size(output), "css_budget": CSS_BUDGET, "page_budget": HTML_CSS_JS_BUDGET, "pages": weights}


def table(result: dict) -> list[str]:
    """The result as table rows."""
    lines = [f"{'Seitentyp':<20}{'HTML gz':>9}{'CSS gz':>9}{'JS gz':>8}{'Summe':>9}{'Budget':>9}{'Anfragen':>10}"]
    for name, weight in result["pages"].items():
        lines.append(
            f"{name:<20}{weight['html']:>9}{weight['css']:>9}{weight['js']:>8}{weight['total']:>9}"
            f"{result['page_budget']:>9}{weight['requests']:>10}"
        )
    lines.append(f"CSS-Datei: {result['css_bytes']} Bytes (Budget {result['css_budget']})")
    return lines
