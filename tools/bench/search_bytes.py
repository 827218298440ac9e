"""Search: Pagefind index size and the bytes a browser fetches for a first query (wasm included)."""

from __future__ import annotations

import gzip
import os

from tools.local_browser import StaticServer, launch_chromium

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIRST_QUERY_BUDGET = 150 * 1024


def folder_bytes(path: str) -> tuple[int, int]:
    """Total bytes and file count below a folder."""
    total = count = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    return total, count


def first_query_bytes(output: str, query: str) -> dict:
    """Bytes of every /pagefind/ response for one query typed on /suche/ (gzip estimated for text)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    server = StaticServer(output)
    fetched: dict[str, int] = {}
    compressed: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()

            def record(response):
                if "/pagefind/" in response.url:
                    body = response.body()
                    name = response.url.split("/pagefind/", 1)[1]
                    fetched[name] = len(body)
                    # Pagefind's index chunks are compressed already; JS and JSON are gzipped by any host.
                    text_like = name.endswith((".js", ".json", ".css"))
                    compressed[name] = len(gzip.compress(body, mtime=0)) if text_like else len(body)

            page.on("response", record)
            page.goto(server.url(f"/suche/?q={query}"))
            page.wait_for_selector('[data-app-results][aria-busy="false"]', state="attached", timeout=60000)
            at_results = (len(fetched), sum(fetched.values()), sum(compressed.values()))
            page.wait_for_selector('[data-app-facets][data-counts="ready"]', state="attached", timeout=60000)
            browser.close()
    finally:
        server.stop()
    return {
        "query": query, "requests": at_results[0], "bytes": at_results[1], "bytes_gzip": at_results[2],
        "with_counts_requests": len(fetched), "with_counts_bytes_gzip": sum(compressed.values()),
    }


def run(context: dict) -> dict:
    """Build the sample site and the 2,000-story corpus and measure their search."""
    from tools.bench.corpus import generate  # noqa: PLC0415
    from tools.build import build, configure_logging  # noqa: PLC0415

    configure_logging(verbose=False)
    settings = os.path.join(ROOT, "pelicanconf.py")
    sample = build(settings, os.path.join(context["workdir"], "search"))
    # Small photos: the search does not care about image sizes, and encoding 12 MP photos is measured elsewhere.
    corpus = generate(os.path.join(context["workdir"], "search-corpus"), stories=2000, actors=1000, photo_count=50, photo_size=(1200, 800))
    big = build(settings, os.path.join(context["workdir"], "search-corpus", "output"), {"PATH": corpus})
    return {"sample": measure(sample, "Beratung"), "corpus_2000": measure(big, "Beratung")}


def measure(output: str, query: str) -> dict:
    """Index size and first-query bytes of a built site."""
    index_bytes, index_files = folder_bytes(os.path.join(output, "pagefind"))
    result = {"index_bytes": index_bytes, "index_files": index_files, "budget": FIRST_QUERY_BUDGET}
    result.update(first_query_bytes(output, query))
    return result


def table(result: dict) -> list[str]:
    """The result as table rows."""
    lines = []
    for name, label in (("sample", "Beispielseite"), ("corpus_2000", "2.000 Geschichten")):
        part = result[name]
        lines += [
            f"{label}: Index {part['index_bytes'] / 1024:.0f} KiB in {part['index_files']} Dateien",
            f"  erste Suche „{part['query']}“ bis zu den Treffern: {part['requests']} Anfragen, {part['bytes'] / 1024:.0f} KiB "
            f"({part['bytes_gzip'] / 1024:.0f} KiB mit gzip; Budget {part['budget'] / 1024:.0f} KiB); "
            f"mit Filterzahlen: {part['with_counts_requests']} Anfragen, {part['with_counts_bytes_gzip'] / 1024:.0f} KiB mit gzip",
        ]
    return lines
