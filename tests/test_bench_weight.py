"""The bench's weight section and its quality measure: SSIM as the paper defines it, files per story counted right."""

from __future__ import annotations

import os

import pytest
from PIL import Image, ImageFilter

from tools.bench import image_quality, weight


def reference_ssim(first: Image.Image, second: Image.Image) -> float:
    """SSIM in plain Python over every 8×8 window at a stride of 4, as image_quality documents it."""
    x = list(first.convert("L").tobytes())
    y = list(second.convert("L").tobytes())
    width, height = first.size
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    total = count = 0
    for top in range(0, height - 7, 4):
        for left in range(0, width - 7, 4):
            xs = [x[(top + j) * width + left + i] for j in range(8) for i in range(8)]
            ys = [y[(top + j) * width + left + i] for j in range(8) for i in range(8)]
            mx, my = sum(xs) / 64, sum(ys) / 64
            vx = sum(v * v for v in xs) / 64 - mx * mx
            vy = sum(v * v for v in ys) / 64 - my * my
            cov = sum(a * b for a, b in zip(xs, ys, strict=True)) / 64 - mx * my
            total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
            count += 1
    return total / count


def test_ssim_matches_the_definition_and_falls_with_the_quality():
    photo = Image.effect_noise((67, 53), 40).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    blurred = photo.filter(ImageFilter.GaussianBlur(2))
    assert abs(image_quality.ssim(photo, photo) - 1) < 1e-6
    assert abs(image_quality.ssim(photo, blurred) - reference_ssim(photo, blurred)) < 1e-4
    larger = Image.effect_noise((320, 240), 30).convert("RGB").filter(ImageFilter.GaussianBlur(1.5))
    scores = [image_quality.ssim(larger, image_quality.encoded(larger, "jpeg", q)[1]) for q in (30, 60, 90)]
    assert scores == sorted(scores) and scores[-1] > 0.9


def test_bytes_at_an_ssim_are_interpolated_between_the_qualities_around_it():
    points = [{"quality": 50, "bytes": 1000, "ssim": 0.95}, {"quality": 70, "bytes": 4000, "ssim": 0.97}]
    assert round(image_quality.bytes_at(points, 0.96)) == 2000  # halfway in SSIM is halfway in log bytes
    assert image_quality.bytes_at(points, 0.99) is None, "never reached"
    assert image_quality.quality_at(points, 0.96) == 70


@pytest.mark.slow  # builds the corpus through tools.bench.runs, which speed.py does not read
def test_weight_counts_every_file_of_a_story_with_its_own_photo(tmp_path, monkeypatch):
    monkeypatch.setattr("tools.bench.corpus.PHOTO_CACHE", str(tmp_path / "photos"))
    monkeypatch.setattr("tools.bench.runs.CORPUS", {"stories": 4, "actors": 3, "photo_count": 1, "own_photos": 2, "photo_size": (1800, 1350)})
    context = {"workdir": str(tmp_path)}
    result = weight.run(context)
    assert result["own_photo_stories"] == 2
    kinds = {name: count for name, count in result["kinds"].items() if not name.endswith(" Bytes")}
    # A page, three citation files, the kit; AVIF at three widths, JPEG at two, the link preview, the press photo.
    assert kinds == {"Seite": 1, "Zitation": 3, "Pressemappe": 1, "Bildvarianten": 5, "Vorschaubild": 1, "Pressefoto": 1}
    assert result["story"]["files"] == 12
    files = weight.story_files(os.path.join(tmp_path, "corpus", "output"), "geschichte-00001")
    assert all("geschichte-00001" in path for path in files), "nothing of another story"
    assert result["story"]["bytes"] == sum(result["kinds"][name + " Bytes"] for name in kinds)
    assert not result["host_checks"]["github-pages"]["errors"]
    assert result["repository"]["photo_bytes"] > 0 and result["repository"]["text_bytes"] > 0
    lines = "\n".join(weight.table(result))
    assert "Je Geschichte mit eigenem Foto (Mittel über 2): 12,0 Dateien" in lines and "Hochgerechnet auf 1.000 Geschichten" in lines

