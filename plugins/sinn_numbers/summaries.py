"""The text summary of each chart: what it shows, in plain German sentences, and German number formats.

Each chart says in words what its bars show (WCAG 1.1.1: a chart needs a text alternative that
gives its message, not only its numbers): the largest values, the empty categories, how to read it.
"""

from __future__ import annotations

NBSP = "\u00a0"
# Where the leaders of a chart are: (one, several) as a German phrase before the names.
WHERE = {
    "themes": ("im Themenfeld", "in den Themenfeldern"),
    "regions": ("in der Region", "in den Regionen"),
    "stages": ("in der Phase", "in den Phasen"),
    "years": ("im Jahr", "in den Jahren"),
}


def number_de(value: int) -> str:
    """1.234: a whole number with the German thousands dot."""
    return f"{value:,}".replace(",", ".")


def percent_de(part: int, whole: int) -> str:
    """"36 %": the share rounded to a whole percent, with a space that never breaks; "" without a whole."""
    return f"{round(100 * part / whole)}{NBSP}%" if whole else ""


def count_de(value: int, singular: str, plural: str) -> str:
    """"1 Geschichte", "1.234 Geschichten"."""
    return f"{number_de(value)} {singular if value == 1 else plural}"


def join_de(items: list[str]) -> str:
    """"A", "A und B", "A, B und C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def _leaders(chart, index: int) -> tuple[list[str], int]:
    """The labels of the rows with the largest value in series `index`, and that value (0: none has any)."""
    largest = max((row.values[index] for row in chart.rows), default=0)
    return [row.label for row in chart.rows if largest and row.values[index] == largest], largest


def _where(chart, index: int) -> str:
    """"im Themenfeld Beratung (5)" or "in den Themenfeldern A und B (je 3)": where series `index` is largest."""
    labels, largest = _leaders(chart, index)
    one, several = WHERE[chart.key]
    if len(labels) == 1:
        return f"{one} {labels[0]} ({number_de(largest)})"
    return f"{several} {join_de(labels)} (je {number_de(largest)})"


def _empty(chart, index: int, noun: str, plural: str) -> str:
    """"Noch ohne Geschichte: 2 von 9 Themenfeldern (A und B)." or ""."""
    empty = [row.label for row in chart.rows if row.values[index] == 0]
    if not empty:
        return ""
    return f" Noch ohne {noun}: {number_de(len(empty))} von {number_de(len(chart.rows))} {plural} ({join_de(empty)})."


def _topics(chart, plural: str) -> str:
    stories, actors = (sum(row.values[index] for row in chart.rows) for index in (0, 1))
    if stories and actors:
        text = f"Die meisten Geschichten gibt es {_where(chart, 0)}, die meisten Akteure {_where(chart, 1)}."
    elif stories:
        text = f"Die meisten Geschichten gibt es {_where(chart, 0)}; noch gibt es keinen Akteur."
    elif actors:
        text = f"Noch ist keine Geschichte veröffentlicht; die meisten Akteure gibt es {_where(chart, 1)}."
    else:
        return "Noch gibt es keine veröffentlichte Geschichte und keinen Akteur."
    text += _empty(chart, 0, "Geschichte", plural) if stories else ""
    return text + f" Eine Geschichte und ein Akteur können zu mehreren {plural} gehören; deshalb zählen manche mehrfach."


def themes(chart) -> str:
    """Summary of the themes chart."""
    return _topics(chart, "Themenfeldern")


def regions(chart) -> str:
    """Summary of the regions chart."""
    return _topics(chart, "Regionen")


def stages(chart) -> str:
    """Summary of the stages chart."""
    if not any(row.values[0] for row in chart.rows):
        return "Noch ist keine Geschichte veröffentlicht."
    return f"Die meisten Geschichten stehen {_where(chart, 0)}." + _empty(chart, 0, "Geschichte", "Phasen")


def years(chart) -> str:
    """Summary of the years chart."""
    stories = sum(row.values[0] for row in chart.rows)
    if not stories:
        return "Noch ist keine Geschichte veröffentlicht."
    first, last = chart.rows[0].label, chart.rows[-1].label
    span = f"Im Jahr {first}" if first == last else f"Von {first} bis {last}"
    verb = "ist" if stories == 1 else "sind"
    return (f"{span} {verb} {count_de(stories, 'Geschichte', 'Geschichten')} erschienen, die meisten {_where(chart, 0)}. "
            "Ein Akteur zählt im Jahr seiner ersten veröffentlichten Geschichte; Akteure ohne Geschichte zählen hier nicht.")


def actor_types(chart) -> str:
    """Summary of the actor types chart."""
    labels, largest = _leaders(chart, 0)
    if not largest:
        return "Noch gibt es keinen Akteur."
    each = "" if len(labels) == 1 else "je "
    return f"Am häufigsten: {join_de(labels)} ({each}{count_de(largest, 'Akteur', 'Akteure')})." + _empty(chart, 0, "Akteur", "Arten")


def features(chart) -> str:
    """Summary of the features chart: each feature as a count and a share of all stories."""
    total = chart.share_of or 0
    if not total:
        return "Noch ist keine Geschichte veröffentlicht."
    value = {row.id: row.values[0] for row in chart.rows}
    label = {row.id: row.label for row in chart.rows}

    def part(key: str, text: str) -> str:
        return f"{number_de(value[key])} {text} ({percent_de(value[key], total)})"

    has = "hat" if value["guide"] == 1 else "haben"
    reviewed = "wurde" if value["reviewed"] == 1 else "wurden"
    adapted = "wurde" if value["adapted"] == 1 else "wurden"
    copies = "ist" if value["adaptation"] == 1 else "sind"
    return (f"Von {count_de(total, 'Geschichte', 'Geschichten')} {has} {part('guide', 'eine Anleitung zum Nachmachen')}, "
            f"{part('easy_language', 'eine Zusammenfassung in Leichter Sprache')}; "
            f"{number_de(value['reviewed'])} {reviewed} {label['reviewed']} "
            f"({percent_de(value['reviewed'], total)}). "
            f"{number_de(value['adapted'])} {adapted} anderswo nachgemacht, {number_de(value['adaptation'])} {copies} "
            "selbst einem Vorbild nachgemacht.")


SUMMARIES = {"themes": themes, "regions": regions, "stages": stages, "years": years, "actor_types": actor_types, "features": features}
