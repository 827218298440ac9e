"""Images: cold and warm build of 50 stories with 50 twelve-megapixel photos, and the bytes saved.

Bytes saved compares the source photo with what a phone (390 px wide, 3× density) downloads for
one story page: HTML, CSS and every image it loads on opening.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time

from tools.bench.corpus import generate
from tools.local_browser import StaticServer, launch_chromium

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _timed_build(content: str, output: str) -> float:
    from tools.build import build  # noqa: PLC0415

    started = time.perf_counter()
    build(os.path.join(ROOT, "pelicanconf.py"), output, {"PATH": content})
    return time.perf_counter() - started


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
    """Build the photo corpus cold (empty image cache) and warm, then weigh a story page."""
    workdir = os.path.join(context["workdir"], "images")
    content = generate(workdir, stories=50, actors=20, photo_count=50)
    cache = os.path.join(workdir, ".cache")
    cold = _timed_build(content, os.path.join(workdir, "output"))
    warm = [_timed_build(content, os.path.join(workdir, "output")) for _ in range(3)]
    shutil.rmtree(cache, ignore_errors=True)
    sources = [os.path.join(content, "images", "fotos", n) for n in sorted(os.listdir(os.path.join(content, "images", "fotos")))]
    source_bytes = os.path.getsize(sources[0])
    phone = phone_bytes(os.path.join(workdir, "output"), "/geschichten/geschichte-00000/")
    return {
        "photos": len(sources),
        "source_bytes_total": sum(os.path.getsize(p) for p in sources),
        "cold_seconds": round(cold, 2),
        "warm_seconds_median": round(statistics.median(warm), 2),
        "warm_seconds": [round(w, 2) for w in warm],
        "story_source_photo_bytes": source_bytes,
        "phone_page_bytes": phone["total"],
        "phone_image_bytes": phone["images"],
        "phone_image_files": phone["image_files"],
    }


def table(result: dict) -> list[str]:
    """The result as table rows."""
    saved = 1 - result["phone_page_bytes"] / result["story_source_photo_bytes"]
    return [
        f"{result['photos']} Fotos à 12 MP ({result['source_bytes_total'] / 1e6:.0f} MB): kalter Build {result['cold_seconds']} s, "
        f"warmer Build {result['warm_seconds_median']} s (Median von {result['warm_seconds']})",
        f"Geschichte auf dem Telefon (390 px, 3×): {result['phone_page_bytes'] / 1024:.0f} KiB gesamt, davon Bilder "
        f"{result['phone_image_bytes'] / 1024:.0f} KiB ({', '.join(result['phone_image_files'])})",
        f"Quellfoto allein: {result['story_source_photo_bytes'] / 1024:.0f} KiB; gespart: {saved:.0%}",
    ]
