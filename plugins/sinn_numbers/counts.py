"""Counting the showcase: the charts of /zahlen/ from the model (story.view, actor.view) and the vocabularies.

Only published stories count (drafts never, also not in the preview, so the numbers equal the open
data's); every actor counts. Rows follow the vocabulary's order and include terms nothing belongs to,
so an empty category shows as 0 instead of vanishing. Labels come from content/data/ via the topics
and vocabularies, never from this code.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from sinn_content_contract.freshness import is_stale
from sinn_stories.visibility import public_stories

from .summaries import SUMMARIES

STORIES, ACTORS = "stories", "actors"


@dataclass(frozen=True)
class Series:
    """One measure of a chart: its CSV column and its German name."""

    key: str
    label: str


@dataclass(frozen=True)
class Row:
    """One bar (or group of bars): a term, a year or a feature with one value per series."""

    id: str
    label: str
    values: tuple[int, ...]
    short: str = ""  # the name drawn beside the bar when the label is long (a region's tile name)
    url: str | None = None


@dataclass(frozen=True)
class Chart:
    """One chart of /zahlen/ with its table: what it counts, its rows, and the value a full bar stands for."""

    key: str  # the address map's name of its CSV (NUMBERS_FILES)
    title: str
    term: str  # heading of the first column ("Themenfeld")
    series: tuple[Series, ...]
    rows: tuple[Row, ...]
    scale: int  # the largest value, or the number of stories where bars are shares of all stories
    summary: str = ""
    share_of: int | None = None  # set when each value is also shown as a share of this total


@dataclass(frozen=True)
class Adaptation:
    """A published story that was adapted elsewhere, with its published adaptations."""

    original: object
    adaptations: tuple


@dataclass
class Numbers:
    """Everything /zahlen/ shows, counted once per model."""

    as_of: datetime.date
    review_months: int
    stories: int
    actors: int
    charts: list[Chart] = field(default_factory=list)
    adaptations: list[Adaptation] = field(default_factory=list)

    def chart(self, key: str) -> Chart:
        """The chart with this key."""
        return next(chart for chart in self.charts if chart.key == key)

    def with_stories(self, key: str) -> int:
        """How many rows of a chart (themes, regions …) have at least one story."""
        return sum(1 for row in self.chart(key).rows if row.values[0])

    @property
    def adapted_copies(self) -> int:
        """How many published stories are adaptations of one listed in `adaptations`."""
        return sum(len(item.adaptations) for item in self.adaptations)


def _day(value) -> datetime.date | None:
    return value.date() if isinstance(value, datetime.datetime) else value


def recently_reviewed(story, today: datetime.date, months: int) -> bool:
    """True when the story's `reviewed` lies within `months` months before today: the rule the checker warns by."""
    reviewed = _day(getattr(story, "reviewed", None))
    return reviewed is not None and reviewed <= today and not is_stale({"reviewed": reviewed}, today, months)


def has_guide(story) -> bool:
    """True when the story has a replication guide (`transfer`)."""
    return isinstance(getattr(story, "transfer", None), dict)


def has_easy_language(story) -> bool:
    """True when the story has a summary in easy language."""
    return bool(str(getattr(story, "easy_summary", None) or "").strip())


def _chart(key: str, title: str, term: str, series: tuple[Series, ...], rows: list[Row], share_of: int | None = None) -> Chart:
    scale = share_of if share_of is not None else max((value for row in rows for value in row.values), default=0)
    chart = Chart(key, title, term, series, tuple(rows), scale, share_of=share_of)
    return replace(chart, summary=SUMMARIES[key](chart))


def _topic_rows(topics, public: set[int]) -> list[Row]:
    """Stories and actors per theme or region; a region's tile name is its short form."""
    rows = []
    for topic in topics:
        tile = getattr(topic.term, "map", None)
        stories = sum(1 for story in topic.stories if id(story) in public)
        rows.append(Row(topic.id, topic.label, (stories, len(topic.actors)), short=tile.short if tile else "",
                        url=None if topic.is_empty else topic.url))
    return rows


def _year_rows(stories, actors, public: set[int]) -> list[Row]:
    """Stories published and actors first shown per year, every year from the first to the last."""
    story_years = [story.date.year for story in stories]
    actor_years = [min(s.date.year for s in actor.view.stories if id(s) in public)
                   for actor in actors if any(id(s) in public for s in actor.view.stories)]
    years = story_years + actor_years
    if not years:
        return []
    return [Row(str(year), str(year), (story_years.count(year), actor_years.count(year))) for year in range(min(years), max(years) + 1)]


def count(model, vocabularies: dict, today: datetime.date, review_months: int) -> Numbers:
    """Count the model's published stories and its actors into the charts of /zahlen/."""
    stories = public_stories(model.stories)
    public = {id(story) for story in stories}
    actors = model.actors
    both = (Series(STORIES, "Geschichten"), Series(ACTORS, "Akteure"))
    only_stories = (Series(STORIES, "Geschichten"),)
    numbers = Numbers(as_of=today, review_months=review_months, stories=len(stories), actors=len(actors))
    numbers.charts.append(_chart("themes", "Geschichten und Akteure je Themenfeld", "Themenfeld", both,
                                 _topic_rows(model.topics.get("themes", []), public)))
    numbers.charts.append(_chart("regions", "Geschichten und Akteure je Region", "Region", both,
                                 _topic_rows(model.topics.get("regions", []), public)))
    stages = [story.view.stage.id for story in stories]
    numbers.charts.append(_chart("stages", "Geschichten je Phase", "Phase", only_stories,
                                 [Row(term.id, term.label, (stages.count(term.id),)) for term in vocabularies["stages"]]))
    numbers.charts.append(_chart("years", "Neue Geschichten und Akteure je Jahr", "Jahr", both, _year_rows(stories, actors, public)))
    types = [actor.view.type.id for actor in actors]
    numbers.charts.append(_chart("actor_types", "Akteure je Art", "Art des Akteurs", (Series(ACTORS, "Akteure"),),
                                 [Row(term.id, term.label, (types.count(term.id),)) for term in vocabularies["actor_types"]]))
    numbers.adaptations = [
        Adaptation(story, tuple(other for other in story.view.adaptations if id(other) in public))
        for story in stories if any(id(other) in public for other in story.view.adaptations)
    ]
    features = [
        Row("guide", "mit Anleitung zum Nachmachen", (sum(map(has_guide, stories)),), short="Anleitung zum Nachmachen"),
        Row("easy_language", "mit Zusammenfassung in Leichter Sprache", (sum(map(has_easy_language, stories)),), short="Leichte Sprache"),
        Row("reviewed", f"in den letzten {review_months} Monaten geprüft",
            (sum(recently_reviewed(story, today, review_months) for story in stories),), short=f"geprüft (letzte {review_months} Monate)"),
        Row("adapted", "anderswo nachgemacht", (len(numbers.adaptations),)),
        Row("adaptation", "einem Vorbild nachgemacht",
            (sum(1 for story in stories if story.view.adapted_from is not None and id(story.view.adapted_from) in public),)),
    ]
    numbers.charts.append(_chart("features", "Was die Geschichten mitbringen", "Merkmal", only_stories, features, share_of=len(stories)))
    return numbers
