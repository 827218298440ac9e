"""Which stories the public sees: drafts appear in the local preview only, never in feeds, data or press."""

from __future__ import annotations


def public_stories(stories) -> list:
    """The stories without drafts, in the order given."""
    return [story for story in stories if not getattr(story, "draft", False)]


def last_change(stories):
    """The newest `modified` or `date` among the stories (None for none): the date of anything listing them."""
    dates = [getattr(story, "modified", None) or story.date for story in stories]
    return max(dates) if dates else None
