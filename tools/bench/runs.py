"""Shared by the bench sections: the one corpus of a run, timed child processes, medians, edits.

Every build runs as a child process (`python -m tools.build …`), so each starts cold in Python and
its memory can be sampled from /proc: the build's own Python process at its peak, and the whole
process tree at once (the build with its image and writer workers, Pagefind).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = sys.executable
# 100 of the 2,000 stories have a photo of their own, the others share 50: what a story with its own
# photo adds is measured on 100 of them, without encoding 2,000 photos in every bench run (each adds
# about 0.7 s to the cold build on two cores; with 200 the cold build took 188 s instead of 65).
CORPUS = {"stories": 2000, "actors": 1000, "photo_count": 50, "own_photos": 100, "photo_size": (4000, 3000)}


def scale_corpus(stories: int) -> None:
    """A smaller (or larger) corpus for this run, in the same proportions: for trying the bench out quickly."""
    CORPUS.update(stories=stories, actors=max(3, stories // 2), own_photos=max(1, stories // 20), photo_count=max(1, min(50, stories // 40)))


class BenchError(Exception):
    """A measured command failed; the message says which and why."""


@dataclass
class Run:
    """One timed child process."""

    seconds: float
    own_rss_kib: int = 0  # the command's own process at its peak (VmHWM)
    tree_rss_kib: int = 0  # the command and all its descendants (Pagefind, workers) together, at their peak


def _status(pid: str) -> dict[str, int]:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            return {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in handle) if k in ("PPid", "VmHWM", "VmRSS")}
    except (OSError, ValueError):
        return {}


class HighWaterMark(threading.Thread):
    """Samples a process tree's memory every 0.2 s until told to stop.

    The kernel's own peak for a child (os.wait4) would include the bench's memory from before the
    child's exec, so a small command would show the bench's size; reading /proc avoids that.
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.own_kib, self.tree_kib, self.done = str(pid), 0, 0, threading.Event()
        self.start()

    def sample(self) -> None:
        """One reading: the process's own peak, and the sum of its tree's current RSS."""
        statuses = {p: _status(p) for p in os.listdir("/proc") if p.isdigit()}
        tree, frontier = {self.pid}, [self.pid]
        while frontier:
            parent = int(frontier.pop())
            children = [p for p, s in statuses.items() if s.get("PPid") == parent and p not in tree]
            tree.update(children)
            frontier += children
        self.own_kib = max(self.own_kib, statuses.get(self.pid, {}).get("VmHWM", 0))
        self.tree_kib = max(self.tree_kib, sum(statuses.get(p, {}).get("VmRSS", 0) for p in tree))

    def run(self):
        while not self.done.wait(0.2):
            self.sample()


def timed(command: list[str], cwd: str = ROOT) -> Run:
    """Run a command to the end; its wall time and memory. A failure raises BenchError."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        sampler = HighWaterMark(process.pid)
        process.wait()
        seconds = time.perf_counter() - started
        sampler.done.set()
        if process.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise BenchError(f"{' '.join(command)} endete mit {process.returncode}:\n{tail}")
    return Run(seconds=seconds, own_rss_kib=sampler.own_kib, tree_rss_kib=max(sampler.tree_kib, sampler.own_kib))


def repeat(measure, runs: int = 3, budget: float = 90.0, before=None) -> list[Run]:
    """Up to `runs` runs of measure(index) -> Run; no further run once another would overrun `budget` seconds.

    `before(index)` prepares a run (empty a cache, edit a file) outside the timing.
    """
    results: list[Run] = []
    spent = 0.0
    while len(results) < runs and (not results or spent + spent / len(results) <= budget):
        if before:
            before(len(results))
        run = measure(len(results))
        results.append(run)
        spent += run.seconds
    return results


def summary(results: list[Run]) -> dict:
    """Median seconds, every run's seconds and the highest peak RSS (the command's own; its whole tree)."""
    seconds = [round(r.seconds, 2) for r in results]
    return {"median": round(statistics.median(seconds), 2), "runs": seconds,
            "own_rss_mib": max(r.own_rss_kib for r in results) // 1024,
            "tree_rss_mib": max(r.tree_rss_kib for r in results) // 1024}


def runs_label(part: dict) -> str:
    """`Median von 3 Läufen` or `1 Lauf` for a table."""
    count = len(part["runs"])
    return "1 Lauf" if count == 1 else f"Median von {count} Läufen"


def timing_rows(heading: str, rows: list[tuple[str, dict]], width: int) -> list[str]:
    """A table of timed runs: heading, then per row label, median seconds, both memory peaks and the runs."""
    lines = [f"{heading:<{width}}{'Sekunden':>9}{'RSS eigen':>11}{'RSS Baum':>11}  Läufe"]
    for label, part in rows:
        lines.append(f"{label:<{width}}{part['median']:>9.1f}{part['own_rss_mib']:>7} MiB{part['tree_rss_mib']:>7} MiB"
                     f"  {runs_label(part)} {part['runs']}")
    return lines


def corpus(context: dict) -> str:
    """The run's corpus (generated once per run, in the work folder); its content folder."""
    if "corpus" not in context:
        from tools.bench.corpus import generate  # noqa: PLC0415

        started = time.perf_counter()
        context["corpus"] = generate(os.path.join(context["workdir"], "corpus"), **CORPUS)
        context["corpus_seconds"] = round(time.perf_counter() - started, 2)
    return context["corpus"]


def corpus_output(context: dict) -> str:
    """The corpus's built site; the first call builds it cold (empty caches) and records that build."""
    content = corpus(context)
    output = os.path.join(os.path.dirname(content), "output")
    if "cold_build_error" in context:  # the other sections need not fail the same way again
        raise BenchError(context["cold_build_error"])
    if "cold_build" not in context:
        shutil.rmtree(cache_folder(content), ignore_errors=True)
        try:
            run = timed(build_command(content, output))
        except BenchError as error:
            context["cold_build_error"] = str(error)
            raise
        files, size = folder_size(output)
        context["cold_build"] = {**summary([run]), "output_files": files, "output_bytes": size}
    return output


def sample_output(context: dict) -> str:
    """The repository's own sample site, built once per run (in this process) for the page-weight and search sections."""
    if "sample_output" not in context:
        from tools.build import build, configure_logging  # noqa: PLC0415

        configure_logging(verbose=False)
        context["sample_output"] = build(os.path.join(ROOT, "pelicanconf.py"), os.path.join(context["workdir"], "sample"))
    return context["sample_output"]


def cache_folder(content: str) -> str:
    """Where the images and stories plugins keep their caches: .cache/ beside the content folder."""
    return os.path.join(os.path.dirname(content), ".cache")


def build_command(content: str, output: str) -> list[str]:
    """Our build, exactly as `make html` runs it, for another content folder."""
    return [PYTHON, "-m", "tools.build", "--settings", os.path.join(ROOT, "pelicanconf.py"), "--content", content, "--output", output]


def folder_size(path: str) -> tuple[int, int]:
    """File count and total bytes below a folder."""
    count = total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    return count, total


def front_matter(path: str) -> tuple[dict, str]:
    """A story's YAML fields and its Markdown body."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    _start, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def edit_field(path: str, field: str, value: str) -> None:
    """Give one field of a story (.md) or actor (.yml) a new value; the file stays valid content."""
    if path.endswith(".md"):
        fields, body = front_matter(path)
        fields[field] = value
        text = "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n" + body
    else:
        with open(path, encoding="utf-8") as handle:
            fields = yaml.safe_load(handle)
        fields[field] = value
        text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
