"""What the press needs to quote a story: a citation line, its facts with sources, the stories on offer."""

from __future__ import annotations

import datetime
import os

from sinn_content_contract.freshness import resolve_today
from sinn_core.content import later_modification
from sinn_templating import absolute_base, absolute_url
from sinn_templating.filters import date_de

ACCESS_DATE_PLACEHOLDER = "[Datum des Abrufs]"


def permanent_url(story, settings) -> str:
    """The story's address that never changes."""
    return absolute_url(absolute_base(settings), story.url)


def access_date(settings) -> datetime.date:
    """The day the citation files name as access date: the day of the build.

    CONTENT_CONTRACT_TODAY (the day that counts as today) if set, else SOURCE_DATE_EPOCH (the
    reproducible-builds convention), else today in UTC: never the local day, so two builds of the
    same day in different time zones write the same files.
    """
    if settings.get("CONTENT_CONTRACT_TODAY"):
        return resolve_today(settings["CONTENT_CONTRACT_TODAY"])
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.datetime.now(tz=datetime.UTC).date()


def citation(story, settings) -> str:
    """A citation suggestion: publisher, title, dates, permanent URL and a placeholder for the access date."""
    dates = f"veröffentlicht am {date_de(story.date)}"
    if modified := later_modification(story):
        dates += f", aktualisiert am {date_de(modified)}"
    return (
        f"{settings['SITE_PUBLISHER']}: „{story.title}“, {dates}. "
        f"{permanent_url(story, settings)} (abgerufen am {ACCESS_DATE_PLACEHOLDER})."
    )
