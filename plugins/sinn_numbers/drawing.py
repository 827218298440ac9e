"""A chart as the parameters of components/bar_chart.html: where each label, bar and number goes, and the table.

The SVG has no viewBox: its width is the column's, its height fixed in CSS pixels, and every bar's
width a percentage of the width. So the labels and numbers keep their size on a phone at 320 px
instead of shrinking with the drawing, and the bars still fit. Each row is a label line with one bar
per series below it; the number stands right of its bar, which is why the longest bar takes only
NUMBERS_BAR_SHARE percent of the width. Own code rather than a chart library: the charts are a few
rectangles, and matplotlib or pygal write a drawing of fixed proportions whose text shrinks with it,
with their own colours instead of the theme's custom properties (dark scheme, print).
"""

from __future__ import annotations

from .summaries import number_de, percent_de

LABEL_HEIGHT = 21  # the label line above a row's bars
LABEL_BASELINE = 16
BAR_HEIGHT = 18
BAR_GAP = 3
ROW_GAP = 12
NUMBER_BASELINE = 14  # of the number beside a bar, from the bar's top


def _percent(value: int, scale: int, share: int) -> str:
    """A bar's width as an SVG percentage with at most two decimals: "40%", "12.5%"."""
    width = value / scale * share if scale else 0
    return f"{width:.2f}".rstrip("0").rstrip(".") + "%"


def row_height(series: int) -> int:
    """Height of one row: its label line and one bar per series."""
    return LABEL_HEIGHT + series * (BAR_HEIGHT + BAR_GAP) + ROW_GAP


def chart_params(chart, bar_share: int, csv_url: str, prefix: str) -> dict:
    """The mapping bar_chart(params) draws: ids, title, series, rows with their bars and table cells, the CSV."""
    height = row_height(len(chart.series))
    rows = []
    for position, row in enumerate(chart.rows):
        top = position * height
        bars = []
        for index, value in enumerate(row.values):
            y = top + LABEL_HEIGHT + index * (BAR_HEIGHT + BAR_GAP)
            bars.append({"series": index + 1, "y": y, "height": BAR_HEIGHT, "width": _percent(value, chart.scale, bar_share),
                         "value": value, "shown": number_de(value), "text_y": y + NUMBER_BASELINE})
        cells = [number_de(value) for value in row.values]
        if chart.share_of is not None:
            cells.append(percent_de(row.values[0], chart.share_of) or "–")
        rows.append({"id": row.id, "label": row.label, "drawn": row.short or row.label, "url": row.url,
                     "label_y": top + LABEL_BASELINE, "bars": bars, "cells": cells})
    columns = [series.label for series in chart.series] + (["Anteil"] if chart.share_of is not None else [])
    return {
        "id": prefix,
        "title": chart.title,
        "summary": chart.summary,
        "term": chart.term,
        "series": [{"label": series.label, "number": index + 1} for index, series in enumerate(chart.series)],
        "columns": columns,
        "rows": rows,
        "height": len(rows) * height - ROW_GAP if rows else 0,
        "share_of": number_de(chart.share_of) if chart.share_of is not None else None,
        "csv": csv_url,
    }
