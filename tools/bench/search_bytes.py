"""Search: Pagefind index size and the bytes a browser fetches for a first query (wasm included)."""

from __future__ import annotations

import gzip
import os

from tools.bench.runs import corpus_output, folder_size, sample_output
from tools.local_browser import StaticServer, launch_chromium, note_resources_at_results, resources_at_results

FIRST_QUERY_BUDGET = 150 * 1024
# What readers type: the commonest content word of the corpus, a rarer one, two words; and "und",
# the commonest word of all, as the worst case (no budget: nobody searches for it alone).
QUERIES = ("Beratung", "Teilhabe", "Pflege Landkreis")
WORST_CASE_QUERY = "und"


def first_query_bytes(output: str, query: str) -> dict:
    """Bytes of the /pagefind/ files fetched until the results of one query typed on /suche/ are shown."""
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
                    fetched[response.url] = len(body)
                    # Pagefind's index chunks are compressed already; JS and JSON are gzipped by any host.
                    text_like = response.url.split("?", 1)[0].endswith((".js", ".json", ".css"))
                    compressed[response.url] = len(gzip.compress(body, mtime=0)) if text_like else len(body)

            page.on("response", record)
            note_resources_at_results(page)
            page.goto(server.url(f"/suche/?q={query}"))
            at_results = [url for url in resources_at_results(page) if "/pagefind/" in url]
            page.wait_for_selector('[data-app-facets][data-counts="ready"]', state="attached", timeout=60000)
            browser.close()
    finally:
        server.stop()
    return {
        "query": query, "requests": len(at_results), "bytes": sum(fetched.get(u, 0) for u in at_results),
        "bytes_gzip": sum(compressed.get(u, 0) for u in at_results),
        "with_counts_requests": len(fetched), "with_counts_bytes_gzip": sum(compressed.values()),
    }


def run(context: dict) -> dict:
    """Measure the search of the sample site and of the run's 2,000-story corpus."""
    return {"sample": measure(sample_output(context), QUERIES[:1]),
            "corpus_2000": measure(corpus_output(context), (*QUERIES, WORST_CASE_QUERY))}


def measure(output: str, queries) -> dict:
    """Index size and first-query bytes of a built site, per query."""
    index_files, index_bytes = folder_size(os.path.join(output, "pagefind"))
    result = {"index_bytes": index_bytes, "index_files": index_files, "budget": FIRST_QUERY_BUDGET, "queries": []}
    for query in queries:
        measured = first_query_bytes(output, query)
        measured["within_budget"] = measured["bytes_gzip"] < FIRST_QUERY_BUDGET if query != WORST_CASE_QUERY else None
        result["queries"].append(measured)
    return result


def table(result: dict) -> list[str]:
    """The result as table rows."""
    lines = []
    for name, label in (("sample", "Beispielseite"), ("corpus_2000", "2.000 Geschichten")):
        part = result[name]
        lines.append(f"{label}: Index {part['index_bytes'] / 1024:.0f} KiB in {part['index_files']} Dateien; "
                     f"Budget erste Suche {part['budget'] / 1024:.0f} KiB mit gzip")
        for query in part["queries"]:
            verdict = {True: "im Budget", False: "ÜBER BUDGET", None: "schlechtester Fall, ohne Budget"}[query["within_budget"]]
            lines.append(
                f"  „{query['query']}“ bis zu den Treffern: {query['requests']} Anfragen, {query['bytes_gzip'] / 1024:.1f} KiB mit gzip "
                f"({verdict}); mit Filterzahlen danach: {query['with_counts_requests']} Anfragen, {query['with_counts_bytes_gzip'] / 1024:.0f} KiB"
            )
    return lines
