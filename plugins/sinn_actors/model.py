"""Actor profiles: the organisations and initiatives behind the stories."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sinn_core.text import german_sort_key

TEASER_LENGTH = 220
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Actor:
    """One actor profile, read from content/actors/<id>.yml."""

    id: str
    source_path: str
    fields: dict
    description_html: str
    url: str
    save_as: str

    def __getattr__(self, name):
        # Optional contract fields read like attributes in templates: actor.website, actor.geo …
        fields = self.__dict__.get("fields", {})
        if name in fields:
            return fields[name]
        raise AttributeError(name)

    @property
    def name(self) -> str:
        """The full name."""
        return self.fields["name"]

    @property
    def title(self) -> str:
        """The name, as pages call it."""
        return self.fields["name"]

    @property
    def display_name(self) -> str:
        """The short name if there is one."""
        return self.fields.get("short_name") or self.fields["name"]

    @property
    def sort_key(self) -> str:
        """Key for alphabetical lists."""
        return german_sort_key(self.fields["name"])

    @property
    def teaser(self) -> str:
        """The description's opening as plain text, cut at a sentence or word end."""
        text = " ".join(html.unescape(_TAG.sub(" ", self.description_html)).split())
        if len(text) <= TEASER_LENGTH:
            return text
        cut = text[:TEASER_LENGTH]
        sentence_end = cut.rfind(". ")
        return cut[: sentence_end + 1] if sentence_end > TEASER_LENGTH // 2 else cut.rsplit(" ", 1)[0] + " …"

    def get(self, name, default=None):
        """An optional field, or default."""
        return self.fields.get(name, default)
