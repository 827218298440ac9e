"""Splitting a long list of stories into numbered pages with stable URLs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ListPage:
    """One page of a paginated list: its items and the links to its neighbours."""

    number: int
    items: list
    url: str
    save_as: str
    total_items: int
    pages: list = field(default_factory=list, repr=False)

    @property
    def count(self) -> int:
        """How many pages the list has."""
        return len(self.pages)

    @property
    def previous(self):
        """The page before, or None."""
        return self.pages[self.number - 2] if self.number > 1 else None

    @property
    def next(self):
        """The page after, or None."""
        return self.pages[self.number] if self.number < len(self.pages) else None


def paginate(items: list, per_page: int, url: str, page_url: str) -> list[ListPage]:
    """Pages of at most per_page items; page 1 lives at `url`, page n at page_url.format(number=n)."""
    chunks = [items[start : start + per_page] for start in range(0, len(items), per_page)] or [[]]
    pages: list[ListPage] = []
    for number, chunk in enumerate(chunks, start=1):
        page_path = url if number == 1 else page_url.format(number=number)
        pages.append(ListPage(number, chunk, page_path, page_path + "index.html", len(items)))
    for page in pages:
        page.pages = pages
    return pages
