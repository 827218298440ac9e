"""The records as CSV for spreadsheets: UTF-8 with BOM, `;` between fields, decimal commas, as German Excel expects."""

from __future__ import annotations

import csv
import io
import unicodedata

LIST_SEPARATOR = " | "
# Spreadsheets run cells that start with these as formulas (CSV injection), also after blanks they
# trim on import, and Japanese and Chinese Excel read the full-width forms as the same; a leading '
# keeps the cell text.
FORMULA_CHARACTERS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
FORMULA_STARTS = (*FORMULA_CHARACTERS, "\t", "\r")

STORY_COLUMNS = (
    "id", "url", "title", "summary", "date", "modified", "themes", "theme_labels", "regions", "region_labels",
    "stage", "stage_label", "target_groups", "target_group_labels", "actors", "actor_names", "image_url",
    "image_alt", "image_credit", "image_license", "facts", "website", "crowdfunding", "video", "featured",
    "illustrative", "text_license", "reviewed", "reviewed_by", "easy_summary", "adapted_from", "quotes",
)
# One column per language a story may carry a summary in (content/data/languages.yml), after the story's own columns.
SUMMARY_COLUMN = "summary_{language}"


def story_columns(languages) -> tuple[str, ...]:
    """The columns of the stories' table: STORY_COLUMNS, then summary_en, summary_pl … in the vocabulary's order."""
    return (*STORY_COLUMNS, *(SUMMARY_COLUMN.format(language=language) for language in languages))


ACTOR_COLUMNS = (
    "id", "url", "name", "short_name", "type", "type_label", "regions", "region_labels", "themes", "theme_labels",
    "description", "website", "email", "phone", "address", "lat", "lon", "founded", "legal_form", "social",
    "logo_url", "illustrative", "stories",
)


def _ids(items) -> str:
    return LIST_SEPARATOR.join(item["id"] for item in items)


def _labels(items, key: str = "label") -> str:
    return LIST_SEPARATOR.join(item[key] for item in items)


def _quote(quote: dict) -> str:
    by = ", ".join(part for part in (quote["by"], quote.get("role")) if part)
    return f"„{quote['text']}“ ({by})"


def _fact(fact: dict) -> str:
    source = f" (Quelle: {fact['source']})" if fact.get("source") else ""
    return f"{fact['label']}: {fact['value']}{source}"


def story_row(record: dict) -> dict:
    """One story as a flat row."""
    image = record["image"] or {}
    return {
        **{name: record[name] for name in ("id", "url", "title", "summary", "date", "modified", "featured", "illustrative")},
        "themes": _ids(record["themes"]), "theme_labels": _labels(record["themes"]),
        "regions": _ids(record["regions"]), "region_labels": _labels(record["regions"]),
        "stage": record["stage"]["id"], "stage_label": record["stage"]["label"],
        "target_groups": _ids(record["target_groups"]), "target_group_labels": _labels(record["target_groups"]),
        "actors": _ids(record["actors"]), "actor_names": _labels(record["actors"], "name"),
        "image_url": image.get("url"), "image_alt": image.get("alt"), "image_credit": image.get("credit"),
        "image_license": image.get("license"),
        "facts": LIST_SEPARATOR.join(_fact(fact) for fact in record["facts"]),
        **record["links"],
        "text_license": record["text_license"]["name"],
        "reviewed": record["reviewed"], "reviewed_by": record["reviewed_by"], "easy_summary": record["easy_summary"],
        "adapted_from": (record["adapted_from"] or {}).get("id"),
        "quotes": LIST_SEPARATOR.join(_quote(quote) for quote in record["quotes"]),
        **{SUMMARY_COLUMN.format(language=language): text for language, text in record["summaries"].items()},
    }


def actor_row(record: dict) -> dict:
    """One actor as a flat row; the address as one text, so a spreadsheet keeps the postcode's leading 0."""
    address = record["address"] or {}
    geo = record["geo"] or {}
    return {
        **{name: record[name] for name in ("id", "url", "name", "short_name", "website", "email", "phone",
                                           "founded", "legal_form", "illustrative")},
        "type": record["type"]["id"], "type_label": record["type"]["label"],
        "regions": _ids(record["regions"]), "region_labels": _labels(record["regions"]),
        "themes": _ids(record["themes"]), "theme_labels": _labels(record["themes"]),
        # One line per cell reads better in a spreadsheet; the Markdown stays as written otherwise.
        "description": " ".join(record["description"].split()),
        "address": ", ".join(filter(None, (address.get("street"), " ".join(filter(None, (address.get("postcode"), address.get("city"))))))),
        "lat": geo.get("lat"), "lon": geo.get("lon"),
        "social": LIST_SEPARATOR.join(record["social"].values()),
        "logo_url": (record["logo"] or {}).get("url"),
        "stories": _ids(record["stories"]),
    }


def cell(value) -> str:
    """A value as spreadsheet text: booleans true/false, decimal comma, formula characters defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) or _after_blanks(text).startswith(FORMULA_CHARACTERS) else text


def _after_blanks(text: str) -> str:
    """The text from its first visible character: any space (no-break, narrow, ideographic), line break or format character skipped."""
    for position, char in enumerate(text):
        if not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")):
            return text[position:]
    return ""


def to_csv(rows, columns) -> bytes:
    """The rows as CSV bytes: UTF-8 with BOM, `;`-separated, CRLF line ends, a header line first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")
