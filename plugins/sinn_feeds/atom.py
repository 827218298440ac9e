"""Atom (RFC 4287) with what feed readers show: categories with labels, an image, a summary as plain text."""

from __future__ import annotations

import datetime

from feedgenerator import Atom1Feed
from feedgenerator.django.utils.feedgenerator import rfc3339_date

MEDIA_NS = "http://search.yahoo.com/mrss/"


class StoryFeed(Atom1Feed):
    """An Atom feed whose `updated` never comes from the clock, so two builds of one commit are equal.

    Extra feed fields: updated (datetime, used when there are no entries), logo (URL).
    Extra entry fields: summary_text, categories_full [(term, label, scheme)], image
    {url, width, height, alt, credit} for media:content, enclosure {url, type, length}.
    """

    def root_attributes(self):
        """The Atom namespace, the language and Media RSS for images."""
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def latest_post_date(self):
        """The newest entry's date; for a feed without entries the date given as `updated`."""
        dates = [item["updateddate"] or item["pubdate"] for item in self.items]
        dates = [date for date in dates if date is not None]
        return max(dates) if dates else self.feed.get("updated") or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

    def add_root_elements(self, handler):
        """The required feed elements, plus the site's logo."""
        super().add_root_elements(handler)
        if self.feed.get("logo"):
            handler.addQuickElement("logo", self.feed["logo"])

    def add_item_elements(self, handler, item):
        """Title, link, id, dates, summary, content, categories and the image of one story."""
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", "", {"href": item["link"], "rel": "alternate", "type": "text/html"})
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"] or item["pubdate"]))
        handler.addQuickElement("summary", item["summary_text"], {"type": "text"})
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})
        for term, label, scheme in item["categories_full"]:
            handler.addQuickElement("category", "", {"term": term, "label": label, "scheme": scheme})
        enclosure = item.get("enclosure")
        if enclosure:
            attributes = {"rel": "enclosure", "href": enclosure["url"], "type": enclosure["type"]}
            if enclosure.get("length"):
                attributes["length"] = str(enclosure["length"])
            handler.addQuickElement("link", "", {k: v for k, v in attributes.items() if v})
        image = item.get("image")
        if image:
            size = {"width": str(image["width"]), "height": str(image["height"])} if image.get("width") else {}
            handler.addQuickElement("media:thumbnail", "", {"url": image["url"], **size})
            handler.startElement("media:content", {"url": image["url"], "medium": "image", **size})
            handler.addQuickElement("media:description", image["alt"], {"type": "plain"})
            if image.get("credit"):
                handler.addQuickElement("media:credit", image["credit"])
            handler.endElement("media:content")
        if item["item_copyright"]:
            handler.addQuickElement("rights", item["item_copyright"])
