"""The editor's preview (`make serve`) on the 2,000-story corpus, measured from outside.

Starts tools/serve.py on a free port, waits until the first build is served, then edits one story's
title and polls that story's page until the new title appears: seconds from save to new page.
"""

from __future__ import annotations

import html
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from tools.bench.runs import PYTHON, ROOT, BenchError, HighWaterMark, Run, corpus, corpus_output, edit_field, repeat, runs_label, summary

EDITS = 3
BUDGET = 60  # seconds for all edits together
TARGET_SECONDS = 1.0
TIMEOUT = 600


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return html.unescape(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str | None, process: subprocess.Popen, log) -> float:
    """Poll url until it answers (and contains text); the moment it did."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        page = _page(url)
        if page is not None and (text is None or text in page):
            return time.perf_counter()
        if process.poll() is not None:
            log.seek(0)
            raise BenchError(f"Die Vorschau ist beendet ({process.returncode}):\n{log.read().decode('utf-8', 'replace')[-3000:]}")
        time.sleep(0.05)
    raise BenchError(f"{url} zeigte nach {TIMEOUT} s nicht „{text}“.")


def _stop(process: subprocess.Popen) -> None:
    """Stop the preview as Ctrl+C does (killed if it does not end within 30 s)."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run(context: dict) -> dict:
    """Start the preview, edit up to three stories one after the other, stop the preview."""
    content = corpus(context)
    corpus_output(context)  # the preview starts like an editor's: images encoded, reader cache filled
    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    output = os.path.join(context["workdir"], "preview-output")
    command = [PYTHON, "-m", "tools.serve", "--settings", os.path.join(ROOT, "pelicanconf.py"),
               "--content", content, "--output", output, "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        sampler = HighWaterMark(process.pid)
        try:
            first_page = _wait_for(origin + "/", None, process, log) - started

            def edit(index: int) -> Run:
                slug = f"geschichte-{index + 10:05d}"
                title = f"Vorschau zeigt Änderung Nummer {index + 1}"
                saved = time.perf_counter()
                edit_field(os.path.join(content, "stories", f"{slug}.md"), "title", title)
                shown = _wait_for(f"{origin}/geschichten/{slug}/", title, process, log)
                return Run(seconds=shown - saved)

            edits = repeat(edit, runs=EDITS, budget=BUDGET)
        finally:
            sampler.done.set()
            _stop(process)
    result = summary(edits)
    result.update(first_page_seconds=round(first_page, 2), target_seconds=TARGET_SECONDS,
                  own_rss_mib=sampler.own_kib // 1024, tree_rss_mib=max(sampler.tree_kib, sampler.own_kib) // 1024)
    return result


def table(result: dict) -> list[str]:
    """The result as table rows."""
    met = "erreicht" if result["median"] < result["target_seconds"] else "NICHT erreicht"
    return [
        f"Vorschau (make serve) bis zur ersten Seite: {result['first_page_seconds']:.1f} s",
        f"Titel einer Geschichte geändert bis zur neuen Seite: {result['median']:.1f} s ({runs_label(result)} {result['runs']}; "
        f"Ziel < {result['target_seconds']:.0f} s: {met})",
        f"Spitze RSS der Vorschau: {result['own_rss_mib']} MiB im Python-Prozess, {result['tree_rss_mib']} MiB mit allen "
        "Kindprozessen gleichzeitig (Neubau im Hintergrund, Pagefind)",
    ]
