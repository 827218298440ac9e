"""The schematic map of Saxony: one tile per district, shaded by its number of stories; built once per build.

Tile positions come from content/data/regions.yml (`map: {column, row, short}`); regions without
`map` (such as "sachsenweit") are not districts and stay off the map. The shading has a few classes
of equal width, computed from the largest count, so the scale fits 14 stories as well as 2,000.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Geometry in SVG user units; the SVG scales to the width of its container.
TILE_WIDTH = 124
TILE_HEIGHT = 96
GAP = 8


@dataclass(frozen=True)
class LegendEntry:
    """One class of the scale: its shade (0 = no stories) and the counts it stands for."""

    shade: int
    low: int
    high: int


@dataclass(frozen=True)
class District:
    """A region on the map: its topic (label, url, page or not), its tile and its number of stories."""

    topic: object
    column: int
    row: int
    short: str
    count: int
    shade: int

    @property
    def x(self) -> int:
        """Left edge of the tile."""
        return self.column * (TILE_WIDTH + GAP)

    @property
    def y(self) -> int:
        """Top edge of the tile."""
        return self.row * (TILE_HEIGHT + GAP)

    @property
    def has_page(self) -> bool:
        """True when the region has a page to link to (a region without stories or actors has none)."""
        return not self.topic.is_empty


@dataclass
class RegionMap:
    """Every district of the map, the scale's classes and the regions that are not on the map."""

    districts: list[District]
    legend: list[LegendEntry]
    elsewhere: list = field(default_factory=list)
    tile_width: int = TILE_WIDTH
    tile_height: int = TILE_HEIGHT

    @property
    def width(self) -> int:
        """Width of the drawing (viewBox)."""
        return max((d.column for d in self.districts), default=0) * (TILE_WIDTH + GAP) + TILE_WIDTH

    @property
    def height(self) -> int:
        """Height of the drawing (viewBox)."""
        return max((d.row for d in self.districts), default=0) * (TILE_HEIGHT + GAP) + TILE_HEIGHT


def class_width(largest: int, classes: int) -> int:
    """How many stories one class spans: classes of equal width from 1 to the largest count."""
    return max(1, math.ceil(largest / max(1, classes)))


def shade_of(count: int, width: int) -> int:
    """The class of a count: 0 for none, else 1, 2, … (each class spans `width` counts)."""
    return 0 if count <= 0 else math.ceil(count / width)


def build_region_map(region_topics, classes: int) -> RegionMap:
    """The map of the regions that have a tile, in the vocabulary's order; counts are the topics' stories."""
    on_map = [topic for topic in region_topics if topic.term.map is not None]
    counts = {topic.id: len(topic.stories) for topic in on_map}
    width = class_width(max(counts.values(), default=0), classes)
    districts = [
        District(topic, topic.term.map.column, topic.term.map.row, topic.term.map.short, counts[topic.id], shade_of(counts[topic.id], width))
        for topic in on_map
    ]
    used = max((d.shade for d in districts), default=0)
    legend = [LegendEntry(0, 0, 0)] + [LegendEntry(shade, (shade - 1) * width + 1, shade * width) for shade in range(1, used + 1)]
    elsewhere = [topic for topic in region_topics if topic.term.map is None]
    return RegionMap(districts=districts, legend=legend, elsewhere=elsewhere)
