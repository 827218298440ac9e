"""The deploy's limit check: a site the host would refuse stops before the upload, with the largest folders named."""

from __future__ import annotations

import os
import subprocess
import sys

from sitefiles import ROOT


def limits(site, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """tools.host_limits as the deploy workflow runs it."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SINN_HOST", "GITHUB_ACTIONS")} | (env or {})
    return subprocess.run([sys.executable, "-m", "tools.host_limits", str(site), *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=60, check=False)


def write(path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def site(tmp_path):
    """A small site: photos make up most bytes, story folders most files."""
    root = tmp_path / "output"
    write(root / "index.html", 2_000)
    for number in range(4):
        write(root / "images" / "fotos" / f"foto-{number}-960.avif", 150_000)
    write(root / "images" / "logos" / "logo.svg", 30_000)
    for number in range(12):
        write(root / "geschichten" / f"geschichte-{number:02d}" / "index.html", 8_000)
    write(root / "pagefind" / "pagefind.js", 40_000)
    return root


def test_the_built_sample_site_fits_github_pages(published_site):
    process = limits(published_site.output)
    assert process.returncode == 0, process.stderr
    assert "passt zu GitHub Pages" in process.stderr and "Warnung" not in process.stderr


def test_too_many_bytes_stop_the_deploy_naming_the_largest_folders_first(tmp_path):
    root = site(tmp_path)
    process = limits(root, "--max-bytes", "500000")  # the site holds 768,000 bytes
    assert process.returncode == 1
    message = process.stderr
    assert "Zu groß für GitHub Pages, es wird nichts hochgeladen" in message
    assert "Größe: 768 kB, GitHub Pages erlaubt höchstens 500 kB" in message
    folders = message.split("Die größten Ordner: ", 1)[1]
    assert folders.index("images/ 630 kB in 5 Dateien (davon images/fotos/ 95 %)") < folders.index("geschichten/ 96 kB in 12 Dateien")
    assert "make bilder" in message, "the message says what to do"


def test_too_many_files_for_cloudflare_names_the_folders_with_the_most_files(tmp_path):
    root = site(tmp_path)
    process = limits(root, "--max-files", "15", env={"SINN_HOST": "cloudflare-pages"})
    assert process.returncode == 1
    assert "Dateien: 19, Cloudflare Pages erlaubt höchstens 15" in process.stderr
    folders = process.stderr.split("Die größten Ordner: ", 1)[1]
    assert folders.startswith("geschichten/ 96 kB in 12 Dateien"), "ranked by files when files are the problem"


def test_a_file_over_the_hosts_limit_is_named(tmp_path):
    root = site(tmp_path)
    video = root / "images" / "video.mp4"
    with open(video, "wb") as handle:
        handle.truncate(101_000_000)  # sparse: 101 MB as the host counts it, no disk used
    process = limits(root)
    assert process.returncode == 1
    assert "Größte Datei: images/video.mp4 hat 101 MB, GitHub Pages nimmt Dateien bis 100 MB" in process.stderr
    cloudflare = limits(root, "--host", "cloudflare-pages")
    assert cloudflare.returncode == 1 and "Cloudflare Pages nimmt Dateien bis 26,2 MB" in cloudflare.stderr


def test_nearing_a_limit_warns_without_failing(tmp_path):
    root = site(tmp_path)
    process = limits(root, "--max-bytes", "900000")
    assert process.returncode == 0
    assert "Warnung: Größe: 768 kB von höchstens 900 kB (85 % der Grenze von GitHub Pages) erreicht" in process.stderr


def test_hard_linked_files_count_once_per_path_as_the_upload_packs_them(tmp_path):
    root = site(tmp_path)
    os.link(root / "pagefind" / "pagefind.js", root / "pagefind" / "copy.js")
    process = limits(root, "--max-bytes", "800000")
    assert process.returncode == 1 and "Größe: 808 kB" in process.stderr


def test_unknown_host_and_missing_folder_are_explained(tmp_path):
    unknown = limits(site(tmp_path), "--host", "netlify")
    assert unknown.returncode == 2 and "Unbekannter Host „netlify“" in unknown.stderr and "cloudflare-pages" in unknown.stderr
    missing = limits(tmp_path / "nichts")
    assert missing.returncode == 2 and "make publish" in missing.stderr
