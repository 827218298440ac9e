"""JSON-LD (schema.org) for stories, actors and the site, built as dicts and serialised safely for <script>."""

from __future__ import annotations

import datetime
import json

from markupsafe import Markup

from sinn_templating import absolute_base, absolute_url

from .images import download_image, preview_image, site_image
from .licenses import license_url, text_license

CONTEXT = "https://schema.org"


def to_script(data) -> Markup:
    """JSON for a <script type="application/ld+json">: stable key order, "<" escaped so "</script" cannot end it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # \u003c is "<" to a JSON parser, but never starts a tag or comment for the HTML parser.
    return Markup(text.replace("<", "\\u003c"))


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value) -> str | None:
    """A date or datetime as JJJJ-MM-TT (schema.org Date), None when absent."""
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime.datetime) else value).isoformat()


def _compact(data: dict) -> dict:
    """The mapping without empty values, so absent fields are left out rather than written as null."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def publisher(settings) -> dict:
    """The platform as the publisher of every page."""
    base = absolute_base(settings)
    logo = site_image(settings)
    return _compact({
        "@type": "Organization",
        "@id": absolute_url(base, "#herausgeber"),
        "name": settings["SITE_PUBLISHER"],
        "alternateName": settings.get("SITE_SHORT_NAME"),
        "url": absolute_url(base, ""),
        "logo": {"@type": "ImageObject", "url": logo["url"], "width": logo["width"], "height": logo["height"]},
    })


def website(settings) -> dict:
    """The site itself, for the home page."""
    base = absolute_base(settings)
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": absolute_url(base, "#website"),
        "name": settings["SITENAME"],
        "url": absolute_url(base, ""),
        "inLanguage": settings["DEFAULT_LANG"],
        "publisher": publisher(settings),
    }


def place(topic, settings) -> dict:
    """A region as a schema.org place, with its page on this site."""
    return _compact({
        "@type": "AdministrativeArea",
        "name": topic.label,
        "url": absolute_url(absolute_base(settings), topic.url) if not topic.is_empty else None,
    })


def organization(actor, settings, full: bool = False) -> dict:
    """An actor as Organization (or the type its actor type names: NGO, GovernmentOrganization …)."""
    url = absolute_url(absolute_base(settings), actor.url)
    fields = actor.fields
    same_as = [fields.get("website"), *sorted((fields.get("social") or {}).values())]
    data = {
        "@type": getattr(actor.view.type, "schema_type", None) or "Organization",
        "@id": url + "#organisation",
        "name": actor.name,
        "url": url,
        "sameAs": [link for link in same_as if link],
    }
    if full:
        address = fields.get("address") or {}
        geo = fields.get("geo")
        logo = fields.get("logo")
        data |= {
            "@context": CONTEXT,
            "alternateName": fields.get("short_name"),
            "description": actor.teaser,
            "email": fields.get("email"),
            "telephone": fields.get("phone"),
            "foundingDate": str(fields["founded"]) if fields.get("founded") else None,
            "address": _compact({
                "@type": "PostalAddress",
                "streetAddress": address.get("street"),
                "postalCode": address.get("postcode"),
                "addressLocality": address.get("city"),
                "addressCountry": "DE",
            }) if address else None,
            "geo": {"@type": "GeoCoordinates", "latitude": geo["lat"], "longitude": geo["lon"]} if geo else None,
            "logo": absolute_url(absolute_base(settings), logo["src"]) if logo else None,
            "areaServed": [place(topic, settings) for topic in actor.view.regions],
            "knowsAbout": [term.label for term in actor.view.themes],
            "mainEntityOfPage": url,
        }
    return _compact(data)


def image_object(story, settings) -> dict | None:
    """The hero image with its credit and licence."""
    preview, download = preview_image(story, settings), download_image(story, settings)
    if not download:
        return None
    return _compact({
        "@type": "ImageObject",
        "url": download["url"],
        "contentUrl": download["url"],
        "width": download["width"],
        "height": download["height"],
        "caption": download["alt"],
        "creditText": download["credit"],
        "copyrightNotice": download["credit"],
        "license": license_url(download["license"]),
        "thumbnailUrl": preview["url"] if preview else None,
    })


def web_page(story, url: str) -> dict:
    """The story's page, with the day the editors last checked it (lastReviewed belongs to a page, not an Article)."""
    reviewed = getattr(story, "reviewed", None)
    return _compact({
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "lastReviewed": _day(reviewed),
    })


def article(story, settings) -> dict:
    """A story as schema.org Article."""
    url = absolute_url(absolute_base(settings), story.url)
    licence = text_license(story, settings)
    return _compact({
        "@context": CONTEXT,
        "@type": "Article",
        "@id": url + "#geschichte",
        "url": url,
        "mainEntityOfPage": web_page(story, url),
        "headline": story.title,
        "description": story.summary,
        "datePublished": _iso(story.date),
        "dateModified": _iso(getattr(story, "modified", None) or story.date),
        "inLanguage": settings["DEFAULT_LANG"],
        "image": image_object(story, settings),
        "author": publisher(settings),
        "publisher": publisher(settings),
        "about": [organization(actor, settings) for actor in story.view.actors],
        "spatialCoverage": [place(topic, settings) for topic in story.view.regions],
        "keywords": [term.label for term in story.view.themes],
        "isAccessibleForFree": True,
        "license": licence["url"] or licence["name"],
    })
