"""What the press needs to quote a story: a citation line, its facts with sources, the stories on offer."""

from __future__ import annotations

from sinn_core.content import later_modification
from sinn_templating import absolute_base, absolute_url
from sinn_templating.filters import date_de

ACCESS_DATE_PLACEHOLDER = "[Datum des Abrufs]"


def permanent_url(story, settings) -> str:
    """The story's address that never changes."""
    return absolute_url(absolute_base(settings), story.url)


def citation(story, settings) -> str:
    """A citation suggestion: publisher, title, dates, permanent URL and a placeholder for the access date."""
    dates = f"veröffentlicht am {date_de(story.date)}"
    if modified := later_modification(story):
        dates += f", aktualisiert am {date_de(modified)}"
    return (
        f"{settings['SITE_PUBLISHER']}: „{story.title}“, {dates}. "
        f"{permanent_url(story, settings)} (abgerufen am {ACCESS_DATE_PLACEHOLDER})."
    )
