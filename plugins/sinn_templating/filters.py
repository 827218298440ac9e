"""Jinja filters for German pages: dates, counts and plain-text excerpts."""

from __future__ import annotations

import datetime

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)


def date_de(value) -> str:
    """14. März 2025: a date as German readers write it, independent of the machine's locale."""
    if not isinstance(value, (datetime.date, datetime.datetime)):
        return str(value)
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def iso_date(value) -> str:
    """2025-03-14, for <time datetime>."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def count_de(number: int, singular: str, plural: str) -> str:
    """"1 Geschichte", "3 Geschichten"; numbers above 999 with a German thousands dot."""
    shown = f"{number:,}".replace(",", ".")
    return f"{shown} {singular if number == 1 else plural}"


def bytes_de(size) -> str:
    """"245 kB", "1,8 MB": a file size as German readers write it (decimal units, as browsers show them)."""
    if not isinstance(size, int) or size < 0:
        return ""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def euro_range_de(costs) -> str:
    """"5.000 bis 12.000 Euro", or "8.000 Euro" when both ends are equal; "" for anything else."""
    if not isinstance(costs, dict) or not all(isinstance(costs.get(end), int) for end in ("min", "max")):
        return ""
    low, high = (f"{costs[end]:,}".replace(",", ".") for end in ("min", "max"))
    return f"{low} Euro" if low == high else f"{low} bis {high} Euro"


FILTERS = {"date_de": date_de, "iso_date": iso_date, "count_de": count_de, "bytes_de": bytes_de, "euro_range_de": euro_range_de}
