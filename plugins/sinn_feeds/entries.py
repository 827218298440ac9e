"""Stories as Atom entries, and the feeds: all stories, one per theme, one per region."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from html import escape

from sinn_core.addresses import AddressMap
from sinn_stories.visibility import last_change
from sinn_structured_data import download_image, preview_image, site_image, text_license
from sinn_templating import absolute_base, absolute_url

from .atom import StoryFeed

KINDS = {"themes": ("Themenfeld", "LISTINGS_THEMES_INDEX_URL"), "regions": ("Region", "LISTINGS_REGIONS_INDEX_URL")}  # address map names


@dataclass(frozen=True)
class FeedSpec:
    """One feed to write: where, what it is called, which page it belongs to, and its stories."""

    save_as: str
    title: str
    subtitle: str
    page_url: str
    stories: tuple


def topic_feed_url(topic, settings) -> str:
    """The site-relative address of a theme's or region's feed."""
    return AddressMap(settings).feed(topic.kind, topic.id).url


def fallback_updated(stories) -> datetime.datetime:
    """The date an empty feed says it was updated: the site's newest story, else SOURCE_DATE_EPOCH, else 2000-01-01."""
    newest = last_change(stories)
    if newest is not None:
        return newest
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else 946684800
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def feed_specs(stories, topics: dict, settings) -> list[FeedSpec]:
    """Every feed of the site: one for all stories, then one per term of each vocabulary, even without stories yet.

    Each feed holds the FEEDS_MAX_ENTRIES newest stories: feed readers poll the whole file, and on a
    site with thousands of stories an unlimited feed would grow by megabytes without telling anyone more.
    """
    sitename = settings["SITENAME"]
    limit = settings["FEEDS_MAX_ENTRIES"] or None
    addresses = AddressMap(settings)
    specs = [FeedSpec(addresses.feed().save_as, f"Neue Geschichten – {sitename}",
                      f"Alle Geschichten der {settings['SITE_PUBLISHER']}, die neuesten zuerst.", "", tuple(stories[:limit]))]
    for kind, (noun, index_setting) in KINDS.items():
        for topic in topics.get(kind, []):
            own = tuple(story for story in stories if topic.id in getattr(story, kind))[:limit]
            specs.append(FeedSpec(
                addresses.feed(kind, topic.id).save_as, f"{noun} {topic.label} – {sitename}",
                f"Neue Geschichten zu {topic.label}. {topic.term.description}".strip(),
                addresses.fixed(index_setting).url if topic.is_empty else topic.url, own,
            ))
    return specs


def build_feed(spec: FeedSpec, settings, updated: datetime.datetime) -> StoryFeed:
    """The Atom feed for one spec, every URL absolute."""
    base = absolute_base(settings)
    feed_url = absolute_url(base, spec.save_as)
    feed = StoryFeed(
        title=spec.title, link=absolute_url(base, spec.page_url), description=spec.subtitle,
        language=settings.get("DEFAULT_LANG", "de"), author_name=settings["SITE_PUBLISHER"],
        author_link=absolute_url(base, ""), feed_url=feed_url, feed_guid=feed_url,
        feed_copyright=_rights(text_license(None, settings)["name"]), updated=updated, logo=site_image(settings)["url"],
    )
    for story in spec.stories:
        feed.add_item(**entry(story, settings))
    return feed


def entry(story, settings) -> dict:
    """The fields of one story's Atom entry."""
    base = absolute_base(settings)
    url = absolute_url(base, story.url)
    preview, download = preview_image(story, settings), download_image(story, settings)
    categories = [
        (term.id, term.label, absolute_url(base, settings[index_setting]))
        for kind, (_noun, index_setting) in KINDS.items()
        for term in getattr(story.view, kind)
    ]
    image = {**preview, "credit": download["credit"] if download else ""} if preview else None
    content = f'<p>{escape(story.summary)}</p><p><a href="{escape(url)}">Geschichte lesen: {escape(story.title)}</a></p>'
    if preview:
        content = f'<p><img src="{escape(preview["url"])}" alt="{escape(preview["alt"])}"></p>' + content
    credit = f" Bild: {download['credit']}, {download['license']}." if download else ""
    return {
        "title": story.title, "link": url, "description": story.summary, "unique_id": url,
        "pubdate": story.date, "updateddate": getattr(story, "modified", None) or story.date,
        "summary_text": story.summary, "content": content, "categories_full": categories, "image": image,
        "enclosure": {"url": download["url"], "type": download["type"], "length": download["bytes"]} if download else None,
        "item_copyright": _rights(text_license(story, settings)["name"]) + credit,
    }


def _rights(text_licence: str) -> str:
    return f"Text: {text_licence}."
