"""The CSV behind each chart and behind the list of adaptations, as the open data writes CSV (BOM, `;`, defused cells)."""

from __future__ import annotations

from sinn_open_data.tables import LIST_SEPARATOR, to_csv
from sinn_templating import absolute_url

ADAPTATION_COLUMNS = (
    "original_id", "original_title", "original_url", "adaptation_id", "adaptation_title", "adaptation_url",
    "adaptation_regions", "as_of",
)


def chart_columns(chart) -> tuple[str, ...]:
    """id, label, one column per series ("stories", "actors"), "total" where values are shares, and the day counted."""
    return ("id", "label", *(series.key for series in chart.series), *(("total",) if chart.share_of is not None else ()), "as_of")


def chart_csv(chart, as_of: str) -> bytes:
    """One row per bar group, with the same numbers as the drawing and the table."""
    rows = []
    for row in chart.rows:
        record = {"id": row.id, "label": row.label, "total": chart.share_of, "as_of": as_of}
        record.update({series.key: value for series, value in zip(chart.series, row.values, strict=True)})
        rows.append(record)
    return to_csv(rows, chart_columns(chart))


def adaptations_csv(adaptations, base: str, as_of: str) -> bytes:
    """One row per adaptation: its original and where it was adapted."""
    rows = [
        {
            "original_id": item.original.slug, "original_title": item.original.title, "original_url": absolute_url(base, item.original.url),
            "adaptation_id": copy.slug, "adaptation_title": copy.title, "adaptation_url": absolute_url(base, copy.url),
            "adaptation_regions": LIST_SEPARATOR.join(topic.label for topic in copy.view.regions), "as_of": as_of,
        }
        for item in adaptations for copy in item.adaptations
    ]
    return to_csv(rows, ADAPTATION_COLUMNS)
