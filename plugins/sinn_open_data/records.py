"""Stories and actors as plain records for the data files: every published field, absolute URLs, labels beside ids."""

from __future__ import annotations

from sinn_structured_data import download_image, field, license_url, preview_image, text_license
from sinn_templating import absolute_base, absolute_url


def _day(value) -> str | None:
    return value.date().isoformat() if value is not None else None


def _term(term, url: str | None = None) -> dict:
    record = {"id": term.id, "label": term.label}
    if url is not None:
        record["url"] = url
    return record


def _topics(topics, base: str) -> list[dict]:
    """Themes or regions with the URL of their page, where that page exists."""
    return [_term(topic, absolute_url(base, topic.url) if not topic.is_empty else None) for topic in topics]


def story_record(story, settings) -> dict:
    """One story with everything its page shows, except the contact person (see the /daten/ page)."""
    base, view = absolute_base(settings), story.view
    preview, download = preview_image(story, settings), download_image(story, settings)
    links = getattr(story, "links", None) or {}
    licence = text_license(story, settings)
    return {
        "id": story.slug,
        "url": absolute_url(base, story.url),
        "title": story.title,
        "summary": story.summary,
        "date": _day(story.date),
        "modified": _day(getattr(story, "modified", None)),
        "themes": _topics(view.themes, base),
        "regions": _topics(view.regions, base),
        "stage": _term(view.stage),
        "target_groups": [_term(term) for term in view.target_groups],
        "actors": [{"id": actor.id, "name": actor.name, "url": absolute_url(base, actor.url)} for actor in view.actors],
        "image": {
            "url": download["url"],
            "preview_url": preview["url"] if preview else None,
            "width": download["width"],
            "height": download["height"],
            "alt": download["alt"],
            "credit": download["credit"],
            "license": download["license"],
            "license_url": license_url(download["license"]),
        } if download else None,
        "facts": [
            {"label": str(fact.get("label", "")), "value": str(fact.get("value", "")), "source": fact.get("source")}
            for fact in getattr(story, "facts", None) or [] if isinstance(fact, dict)
        ],
        "links": {name: links.get(name) for name in ("website", "crowdfunding", "video")},
        "featured": bool(getattr(story, "featured", False)),
        "illustrative": bool(getattr(story, "illustrative", False)),
        "text_license": licence,
        "aliases": [absolute_url(base, alias) for alias in _list(getattr(story, "aliases", None))],
        "reviewed": _day(getattr(story, "reviewed", None)),
        "reviewed_by": getattr(story, "reviewed_by", None),
        "easy_summary": str(getattr(story, "easy_summary", None) or "").strip() or None,
        "summaries": _summaries(getattr(story, "summaries", None)),
        "transfer": _transfer(getattr(story, "transfer", None), base),
        "adapted_from": _story_link(view.adapted_from, base),
        "adaptations": [_story_link(other, base) for other in view.adaptations],
        "quotes": [
            {"text": str(quote.get("text", "")).strip(), "by": str(quote.get("by", "")).strip(), "role": quote.get("role")}
            for quote in getattr(story, "quotes", None) or [] if isinstance(quote, dict)
        ],
        "text_html": story.content,
    }


def _summaries(summaries) -> dict[str, str]:
    """The summaries in other languages by language code, each on one line (the checker allowed only known languages)."""
    if not isinstance(summaries, dict):
        return {}
    return {str(language): " ".join(str(text).split()) for language, text in summaries.items() if str(text or "").strip()}


def _story_link(story, base: str) -> dict | None:
    return {"id": story.slug, "title": story.title, "url": absolute_url(base, story.url)} if story is not None else None


def _transfer(guide, base: str) -> dict | None:
    """The replication guide with every field; materials in content/files/ as absolute addresses."""
    if not isinstance(guide, dict):
        return None
    costs = guide.get("costs") or {}
    return {
        "costs": {"min": costs.get("min"), "max": costs.get("max"), "note": costs.get("note"), "currency": "EUR", "per": "year"},
        "staff": guide.get("staff"),
        "duration": guide.get("duration"),
        "partners_needed": _list(guide.get("partners_needed")),
        "legal_form": guide.get("legal_form"),
        "funding_sources": _list(guide.get("funding_sources")),
        "lessons": _list(guide.get("lessons")),
        "materials": [
            {"title": item["title"], "url": item.get("url") or absolute_url(base, item["file"])}
            for item in guide.get("materials") or [] if isinstance(item, dict) and (item.get("url") or item.get("file"))
        ],
    }


def actor_record(actor, settings, stories) -> dict:
    """One actor with every field of its profile and its published stories."""
    base = absolute_base(settings)
    fields = actor.fields
    address = fields.get("address") or {}
    geo = fields.get("geo")
    logo = fields.get("logo")
    return {
        "id": actor.id,
        "url": absolute_url(base, actor.url),
        "name": actor.name,
        "short_name": fields.get("short_name"),
        "type": _term(actor.view.type),
        "regions": _topics(actor.view.regions, base),
        "themes": _topics(actor.view.themes, base),
        "description": str(fields.get("description", "")).strip(),
        "description_html": actor.description_html,
        "website": fields.get("website"),
        "email": fields.get("email"),
        "phone": fields.get("phone"),
        "address": {name: address.get(name) for name in ("street", "postcode", "city")} if address else None,
        "geo": {"lat": geo["lat"], "lon": geo["lon"]} if geo else None,
        "founded": fields.get("founded"),
        "legal_form": fields.get("legal_form"),
        "social": dict(sorted((fields.get("social") or {}).items())),
        "logo": {"url": _logo_url(actor, logo, base), "alt": logo.get("alt")} if logo else None,
        "illustrative": bool(fields.get("illustrative", False)),
        "stories": [{"id": s.slug, "title": s.title, "url": absolute_url(base, s.url)} for s in stories],
        "aliases": [absolute_url(base, alias) for alias in _list(fields.get("aliases"))],
    }


def actor_feature(record: dict) -> dict:
    """An actor record with `geo` as a GeoJSON feature (RFC 7946: longitude first)."""
    return {
        "type": "Feature",
        "id": record["id"],
        "geometry": {"type": "Point", "coordinates": [record["geo"]["lon"], record["geo"]["lat"]]},
        "properties": {
            "id": record["id"],
            "name": record["name"],
            "url": record["url"],
            "type": record["type"]["id"],
            "type_label": record["type"]["label"],
            "regions": [region["id"] for region in record["regions"]],
            "region_labels": [region["label"] for region in record["regions"]],
            "website": record["website"],
            "stories": len(record["stories"]),
        },
    }


def _logo_url(actor, logo: dict, base: str) -> str:
    # The images plugin publishes a processed copy; before it runs, the file as written stands in.
    rendition = actor.view.logo
    download = field(rendition, "download") if rendition is not None else None
    return absolute_url(base, str(field(download, "url") or logo["src"]))


def _list(value) -> list:
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
