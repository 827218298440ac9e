"""Visual quality of the site's image encodings, measured: SSIM at every width and format, and bytes at equal SSIM.

`python -m tools.bench.image_quality PHOTO...` encodes each photo as the images plugin does (same
normalisation, scaling and encoder options) at a ladder of qualities, decodes each file again and
compares it with the unencoded scaled image. It prints, per width and format, the median size and
SSIM at the configured quality, and the quality and size each format needs to reach the SSIM the
JPEG fallback reaches; so formats are compared at equal quality, not at equal quality numbers.

SSIM (Wang, Bovik, Sheikh, Simoncelli 2004) is computed on luma with 8×8 windows at a stride of 4
pixels, the constants of the paper (K1 0.01, K2 0.03) and the mean over all windows. The reference
implementation uses an 11×11 Gaussian window; square windows give slightly different absolute values
but rank encodings the same way, which is all a comparison at equal SSIM needs. Own code because the
build has no numpy (scikit-image would bring numpy and SciPy for one function); the window means are
Pillow's BOX reductions and the arithmetic is ImageMath, so a 12-megapixel comparison takes about a second.
"""

from __future__ import annotations

import argparse
import io
import itertools
import logging
import math
import os
import shutil
import statistics
import sys
import tempfile

from PIL import Image, ImageMath

import tools.build  # noqa: F401 - puts plugins/ on sys.path, for sinn_images below
from sinn_images import DEFAULTS
from sinn_images.encode import SAVE_OPTIONS, encode_all, normalised
from sinn_images.pipeline import image_options
from sinn_images.plan import plan

logger = logging.getLogger(__name__)

WINDOW, STRIDE = 8, 4
C1, C2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
LADDERS = {"jpeg": range(60, 97, 2), "webp": range(60, 97, 3), "avif": range(40, 91, 3)}


def _luma(image: Image.Image) -> Image.Image:
    return image.convert("RGB").convert("L").convert("F")


def _window_means(image: Image.Image, left: int, top: int) -> tuple[Image.Image, int]:
    """The mean of every WINDOW×WINDOW block of the image shifted by (left, top); and how many blocks."""
    columns, rows = (image.width - left) // WINDOW, (image.height - top) // WINDOW
    box = (left, top, left + columns * WINDOW, top + rows * WINDOW)
    return image.resize((columns, rows), Image.Resampling.BOX, box=box), columns * rows


def ssim(reference: Image.Image, candidate: Image.Image) -> float:
    """The mean SSIM of two images of the same size (1.0: identical)."""
    if reference.size != candidate.size:
        raise ValueError(f"Bildgrößen verschieden: {reference.size} und {candidate.size}")
    x, y = _luma(reference), _luma(candidate)
    xx = ImageMath.lambda_eval(lambda a: a["x"] * a["x"], x=x)
    yy = ImageMath.lambda_eval(lambda a: a["y"] * a["y"], y=y)
    xy = ImageMath.lambda_eval(lambda a: a["x"] * a["y"], x=x, y=y)
    total = count = 0.0
    for left in range(0, WINDOW, STRIDE):
        for top in range(0, WINDOW, STRIDE):
            (mx, n), (my, _), (mxx, _), (myy, _), (mxy, _) = (_window_means(i, left, top) for i in (x, y, xx, yy, xy))
            if not n:
                continue
            index = ImageMath.lambda_eval(
                lambda a: ((a["mx"] * a["my"] * 2 + C1) * ((a["mxy"] - a["mx"] * a["my"]) * 2 + C2))
                / ((a["mx"] * a["mx"] + a["my"] * a["my"] + C1)
                   * (a["mxx"] - a["mx"] * a["mx"] + a["myy"] - a["my"] * a["my"] + C2)),
                mx=mx, my=my, mxx=mxx, myy=myy, mxy=mxy,
            )
            total += index.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0)) * n  # ImageStat bins F images
            count += n
    if not count:
        raise ValueError("Bild kleiner als ein Fenster von 8 × 8 Pixeln")
    return total / count


def encoded(image: Image.Image, image_format: str, quality: int) -> tuple[int, Image.Image]:
    """Bytes and decoded pixels of the image encoded as the images plugin encodes it."""
    buffer = io.BytesIO()
    image.save(buffer, **SAVE_OPTIONS[image_format](quality))
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return len(buffer.getvalue()), decoded.convert("RGB")


def scaled(image: Image.Image, width: int) -> Image.Image:
    """The image at `width` pixels, scaled as the pipeline scales it."""
    if width >= image.width:
        return image
    return image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS, reducing_gap=3.0)


def ladder(reference: Image.Image, image_format: str, qualities) -> list[dict]:
    """Bytes and SSIM of the reference encoded at each quality."""
    points = []
    for quality in qualities:
        size, decoded = encoded(reference, image_format, quality)
        points.append({"quality": quality, "bytes": size, "ssim": ssim(reference, decoded)})
    return points


def bytes_at(points: list[dict], target: float) -> float | None:
    """Bytes a ladder needs for the target SSIM, interpolated (SSIM against log bytes) between its neighbours."""
    points = sorted(points, key=lambda p: p["bytes"])
    for low, high in itertools.pairwise(points):
        if low["ssim"] < target <= high["ssim"]:
            share = (target - low["ssim"]) / (high["ssim"] - low["ssim"])
            return math.exp(math.log(low["bytes"]) + share * (math.log(high["bytes"]) - math.log(low["bytes"])))
    return points[0]["bytes"] if points and points[0]["ssim"] >= target else None


def quality_at(points: list[dict], target: float) -> int | None:
    """The lowest quality of a ladder that reaches the target SSIM."""
    reaching = [p["quality"] for p in points if p["ssim"] >= target]
    return min(reaching) if reaching else None


def measure(paths: list[str], widths, formats, quality: dict, targets=()) -> dict:
    """Per width and format (medians over the photos): bytes and SSIM at the configured quality, bytes at each target SSIM.

    Target "jpeg" is the SSIM the JPEG reaches at its configured quality, photo by photo.
    """
    rows = {}
    for width in widths:
        cells = {f: {"bytes": [], "ssim": [], **{f"at {t}": [] for t in ("jpeg", *targets)}, "quality jpeg": []} for f in formats}
        for path in paths:
            reference = scaled(normalised(path).convert("RGB"), width)
            ladders = {f: ladder(reference, f, sorted({*LADDERS[f], quality[f]})) for f in formats}
            bar = next(p["ssim"] for p in ladders["jpeg"] if p["quality"] == quality["jpeg"]) if "jpeg" in ladders else None
            for image_format, points in ladders.items():
                configured = next(p for p in points if p["quality"] == quality[image_format])
                cell = cells[image_format]
                cell["bytes"].append(configured["bytes"])
                cell["ssim"].append(configured["ssim"])
                for target in ("jpeg", *targets):
                    level = bar if target == "jpeg" else target
                    if level is not None:
                        cell[f"at {target}"].append(bytes_at(points, level))
                if bar is not None:
                    cell["quality jpeg"].append(quality_at(points, bar))
        rows[width] = {f: {k: _median(v) for k, v in c.items()} for f, c in cells.items()}
    return rows


def _median(values: list) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known and len(known) == len(values) else None


def _kib(value) -> str:
    return "–" if value is None else f"{value / 1024:.0f}"


def table(rows: dict, quality: dict, targets=()) -> list[str]:
    """The measurement as table rows (medians over the photos)."""
    header = f"{'Breite':>6} {'Format':<6}{'Qualität':>9}{'KiB':>7}{'SSIM':>8}{'KiB bei SSIM des JPEG':>23}{'(Qualität)':>11}"
    lines = [header + "".join(f"{'KiB bei ' + str(t):>15}" for t in targets)]
    for width, cells in rows.items():
        for image_format, cell in cells.items():
            found = cell["quality jpeg"]
            lines.append(
                f"{width:>6} {image_format:<6}{quality[image_format]:>9}{_kib(cell['bytes']):>7}{cell['ssim']:>8.4f}"
                f"{_kib(cell['at jpeg']):>23}{'–' if found is None else f'{found:.0f}':>11}"
                + "".join(f"{_kib(cell[f'at {t}']):>15}" for t in targets)
            )
    return lines


def story_files(path: str, workdir: str, overrides: dict | None = None) -> dict[str, int]:
    """Bytes of each file the site publishes for one story photo (renditions, link preview, press download), by kind."""
    settings = {name: value for name, value in DEFAULTS.items()} | {"SITEURL": ""} | (overrides or {})
    options = image_options(settings)
    images = os.path.join(workdir, "images")
    os.makedirs(images, exist_ok=True)
    shutil.copyfile(path, os.path.join(images, "foto.jpg"))
    rendition = plan(workdir, "images/foto.jpg", options)
    folder = os.path.join(workdir, "encoded")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)

    def spec(variant):
        return {"name": variant.name, "format": variant.format, "width": variant.width, "height": variant.height}

    manifest = encode_all({"source": rendition.source_path, "folder": folder, "variants": [spec(v) for v in rendition.variants],
                           "og": spec(rendition.og), "download": spec(rendition.download), "focus": [0.5, 0.5],
                           "quality": options["quality"]})
    rendition.settle(manifest["files"])
    sizes = manifest["files"]
    return {**{v.name: sizes[v.name] for v in rendition.published}, "og": sizes[rendition.og.name],
            "download": sizes[rendition.download.name]}


def _photo_name(path: str) -> str:
    """A short name: the file's, or for a wallpaper package's contents/images/WxH.jpg the wallpaper's."""
    parts = os.path.normpath(path).split(os.sep)
    return parts[-4] if len(parts) >= 4 and parts[-3:-1] == ["contents", "images"] else os.path.splitext(parts[-1])[0]


def story_table(paths: list[str], overrides: dict | None = None) -> list[str]:
    """Per photo the bytes the site publishes for it, then mean and median: what one story with its own photo weighs in images."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="sinn-quality-") as workdir:
        for path in paths:
            rows.append((_photo_name(path), story_files(path, workdir, overrides)))
    names = list(rows[0][1])
    lines = [f"{'Foto':<16}" + "".join(f"{n:>10}" for n in names) + f"{'Summe':>10}  (KiB)"]
    for label, files in rows:
        lines.append(f"{label[:15]:<16}" + "".join(f"{files.get(n, 0) / 1024:>10.0f}" for n in names)
                     + f"{sum(files.values()) / 1024:>10.0f}")
    for label, average in (("Mittelwert", statistics.mean), ("Median", statistics.median)):
        lines.append(f"{label:<16}" + "".join(f"{average([f.get(n, 0) for _l, f in rows]) / 1024:>10.0f}" for n in names)
                     + f"{average([sum(f.values()) for _l, f in rows]) / 1024:>10.0f}")
    return lines


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Misst Dateigröße und SSIM der Bildformate bei gleicher Qualität.")
    parser.add_argument("photos", nargs="+")
    parser.add_argument("--widths", type=int, nargs="+", default=list(DEFAULTS["IMAGES_WIDTHS"]))
    parser.add_argument("--formats", nargs="+", default=["jpeg", "webp", "avif"])
    parser.add_argument("--targets", type=float, nargs="*", default=[0.97, 0.975, 0.98, 0.985], help="weitere SSIM-Stufen")
    parser.add_argument("--story", action="store_true", help="nur: was die Website je Foto veröffentlicht, in KiB")
    parser.add_argument("--quality", nargs="*", default=[], metavar="FORMAT=Q", help="Qualität ändern, z. B. download=85 avif=70")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    quality = dict(DEFAULTS["IMAGES_QUALITY"]) | {k: int(v) for k, v in (item.split("=", 1) for item in args.quality)}
    if args.story:
        for line in story_table(args.photos, {"IMAGES_QUALITY": quality}):
            logger.info("%s", line)
        return 0
    rows = measure(args.photos, args.widths, args.formats, quality, args.targets)
    for line in table(rows, quality, args.targets):
        logger.info("%s", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
