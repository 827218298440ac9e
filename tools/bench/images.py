"""Images: what encoding the corpus's twelve-megapixel photos costs in its cold build, and the bytes saved.

Bytes saved compares the source photo with what a phone (390 px wide, 3× density) downloads for
one story page: HTML, CSS and every image it loads on opening.
"""

from __future__ import annotations

import os

from tools.bench.corpus import OWN_FOLDER, story_slug
from tools.bench.runs import CORPUS, cache_folder, corpus, corpus_output, folder_size
from tools.local_browser import StaticServer, launch_chromium


def phone_bytes(output: str, path: str) -> dict:
    """What a 390 px phone at 3× density downloads when it opens one page."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    server = StaticServer(output)
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=3)
            page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())))
            page.goto(server.url(path), wait_until="networkidle")
            browser.close()
    finally:
        server.stop()
    images = {url: size for url, size in sizes.items() if "/images/" in url}
    return {"total": sum(sizes.values()), "images": sum(images.values()), "image_files": sorted(u.rsplit("/", 1)[1] for u in images)}


def run(context: dict) -> dict:
    """The run's corpus: its cold build encodes every photo; the phone then opens one story."""
    content = corpus(context)
    output = corpus_output(context)
    cold = context["cold_build"]
    sources = [os.path.join(content, "images", folder, n) for folder in ("fotos", OWN_FOLDER)
               for n in sorted(os.listdir(os.path.join(content, "images", folder)))]
    own_photo = os.path.join(content, "images", OWN_FOLDER, f"{story_slug(0)}.jpg")
    cache_files, cache_bytes = folder_size(os.path.join(cache_folder(content), "images"))
    cached = context.get("cached_cold")
    phone = phone_bytes(output, f"/geschichten/{story_slug(0)}/")
    return {
        "photos": len(sources),
        "photo_megapixels": CORPUS["photo_size"][0] * CORPUS["photo_size"][1] / 1e6,
        "source_bytes_total": sum(os.path.getsize(p) for p in sources),
        "cold_seconds": cold["median"],
        # Without the baselines section in this run there is no cold build with cached images to subtract.
        "cached_cold_seconds": cached["median"] if cached else None,
        "encoding_seconds": round(cold["median"] - cached["median"], 1) if cached else None,
        "cache_files": cache_files,
        "cache_bytes": cache_bytes,
        "story_source_photo_bytes": os.path.getsize(own_photo if os.path.exists(own_photo) else sources[0]),
        "phone_page_bytes": phone["total"],
        "phone_image_bytes": phone["images"],
        "phone_image_files": phone["image_files"],
    }


def table(result: dict) -> list[str]:
    """The result as table rows."""
    saved = 1 - result["phone_page_bytes"] / result["story_source_photo_bytes"]
    encoding = (f"; davon Bilder kodieren etwa {result['encoding_seconds']} s (gegen {result['cached_cold_seconds']} s "
                "kalt mit Bild-Cache)" if result["encoding_seconds"] is not None else "")
    return [
        f"{result['photos']} Fotos à {result['photo_megapixels']:.0f} MP ({result['source_bytes_total'] / 1e6:.0f} MB): kalter Build des Korpus "
        f"{result['cold_seconds']} s (1 Lauf){encoding}",
        f"Bild-Cache: {result['cache_files']} Dateien, {result['cache_bytes'] / 1e6:.0f} MB",
        f"Geschichte auf dem Telefon (390 px, 3×): {result['phone_page_bytes'] / 1024:.0f} KiB gesamt, davon Bilder "
        f"{result['phone_image_bytes'] / 1024:.0f} KiB ({', '.join(result['phone_image_files'])})",
        f"Quellfoto allein: {result['story_source_photo_bytes'] / 1024:.0f} KiB; gespart: {saved:.0%}",
    ]
