"""Whether a story was checked lately: `reviewed` (date) and `reviewed_by`, and the date that counts as today.

The checker warns about stories not reviewed for REVIEW_MONTHS; `make report` lists them. Today is
injectable (CONTENT_CONTRACT_TODAY, `--today`) so tests and reports do not depend on the clock.
"""

from __future__ import annotations

import calendar
import datetime

from .formats import parse_date
from .problems import ERROR, WARNING

REVIEW_MONTHS = 12


def resolve_today(value=None) -> datetime.date:
    """The date that counts as today: a date, a JJJJ-MM-TT text, or (None) the real date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value.strip():
        parsed = parse_date(value)
        if parsed is None:
            raise ValueError(f'"{value}" ist kein Datum im Format JJJJ-MM-TT.')
        return parsed
    return datetime.date.today()


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier, later for negative months (the 31st may become the 30th)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = total // 12, total % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reviewed_on(data: dict) -> datetime.date | None:
    """The review date of a story's fields, or None when missing or unreadable."""
    value = data.get("reviewed")
    if isinstance(value, datetime.date):
        return value
    return parse_date(str(value)) if value is not None else None


def is_stale(data: dict, today: datetime.date, months: int = REVIEW_MONTHS) -> bool:
    """True when the story has a review date and it is more than `months` months before today."""
    reviewed = reviewed_on(data)
    return reviewed is not None and reviewed < months_before(today, months)


def check_review(data: dict, today: datetime.date, months: int = REVIEW_MONTHS):
    """(field, message, severity): a review date in the future (error) or too long ago (warning)."""
    reviewed = reviewed_on(data)
    if reviewed is None:
        return
    if reviewed > today:
        yield "reviewed", (
            f"liegt in der Zukunft ({reviewed.isoformat()}). Tragen Sie den Tag ein, an dem die Geschichte "
            "tatsächlich geprüft wurde."
        ), ERROR
    elif is_stale(data, today, months):
        yield "reviewed", (
            f"Die Geschichte wurde seit {reviewed.isoformat()} nicht mehr geprüft (länger als {months} Monate). "
            "Bitte Angaben, Links und Kontakt prüfen, dann reviewed und reviewed_by aktualisieren."
        ), WARNING


__all__ = ["REVIEW_MONTHS", "check_review", "is_stale", "months_before", "resolve_today", "reviewed_on"]
