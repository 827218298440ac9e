"""Two builds of the same commit are byte-identical: another folder, other file times, hash seed, time zone and locale.

The second build also re-encodes some images from scratch, so the AVIF, WebP and JPEG encoders
are held to the same standard as the pages, feeds, JSON, sitemap and search index.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys

from sitefiles import ROOT, tree

REENCODED = 2  # cache entries the second build must encode again
OTHER_ENVIRONMENT = {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Auckland", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def readable(relative: str, data: bytes) -> list[str]:
    """Lines to compare for a report: text as it is, Pagefind's gzipped CBOR decoded, other binaries as a note."""
    if relative.endswith((".pf_meta", ".pf_filter", ".pf_index", ".pf_fragment")):
        import gzip

        from sinn_search_index.stable import UnknownFormatError, decode

        raw = gzip.decompress(data)
        try:
            return [repr(decode(raw, 12)[0])]
        except UnknownFormatError:
            return [raw.decode("utf-8", "replace")]
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return [f"<{len(data)} bytes of binary data>"]


def _diff(name: str, old: bytes, new_name: str, new: bytes) -> list[str]:
    diff = difflib.unified_diff(readable(name, old), readable(new_name, new), f"first/{name}", f"second/{new_name}", lineterm="", n=1)
    return [f"differs: {name}" + (f" / {new_name}" if new_name != name else ""), *list(diff)[:30]]


def report(first: dict[str, bytes], second: dict[str, bytes]) -> str:
    """Every file that exists in only one build or differs, with a diff; Pagefind's content-named files paired up."""
    lines = []
    only_first, only_second = sorted(first.keys() - second.keys()), sorted(second.keys() - first.keys())
    unnamed = {re.sub(r"_[0-9a-f]{7,}\.", "_*.", name): name for name in only_second}
    for name in only_first:
        twin = unnamed.pop(re.sub(r"_[0-9a-f]{7,}\.", "_*.", name), None)
        lines += _diff(name, first[name], twin, second[twin]) if twin else [f"only in the first build: {name}"]
    lines += [f"only in the second build: {name}" for name in sorted(unnamed.values())]
    for name in sorted(first.keys() & second.keys()):
        if first[name] != second[name]:
            lines += _diff(name, first[name], name, second[name])
    return "\n".join(lines)


def test_two_builds_of_one_commit_are_byte_identical(published_site, tmp_path):
    content = tmp_path / "checkout" / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    for directory, _dirs, names in os.walk(content):
        for name in names:
            os.utime(os.path.join(directory, name), (981173105, 981173105))  # 2001: file times must not matter
    cache = tmp_path / "checkout" / ".cache" / "images"
    shutil.copytree(os.path.join(ROOT, ".cache", "images"), cache, ignore=shutil.ignore_patterns("sources.json", "last-build.json"))
    published = {data for name, data in tree(published_site.output).items() if name.startswith("images/")}
    # Entries this site uses (the cache may hold others from earlier content).
    entries = sorted(p for p in cache.glob("*/*") if any(f.read_bytes() in published for f in p.iterdir() if f.name != "manifest.json"))
    assert len(entries) >= REENCODED
    for entry in entries[:REENCODED]:
        shutil.rmtree(entry)
    output = tmp_path / "elsewhere" / "site"
    process = subprocess.run(
        [sys.executable, "-m", "tools.build", "--settings", os.path.join(ROOT, "publishconf.py"), "--content", str(content), "--output", str(output)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, **OTHER_ENVIRONMENT, "PYTHONPATH": ROOT},
    )
    assert process.returncode == 0, process.stderr
    assert all((entry / "manifest.json").exists() for entry in entries[:REENCODED]), "the second build must have encoded those images again"
    first, second = tree(published_site.output), tree(output)
    assert first.keys() == second.keys() and first == second, report(first, second)
