"""Encoding one source image into every variant: upright, sRGB, 8-bit, and without any metadata.

Runs in worker processes; works on plain data (paths, sizes, options) so it can be pickled.
"""

from __future__ import annotations

import io
import os

from PIL import Image, ImageCms, ImageOps

SRGB = ImageCms.createProfile("sRGB")
SAVE_OPTIONS = {
    "jpeg": lambda q: {"format": "JPEG", "quality": q, "optimize": True, "progressive": True},
    "png": lambda _q: {"format": "PNG", "optimize": True},
    "webp": lambda q: {"format": "WEBP", "quality": q, "method": 4},
    "avif": lambda q: {"format": "AVIF", "quality": q, "speed": 8},
}


def normalised(path: str) -> Image.Image:
    """The image as displayed: EXIF rotation applied, colours in sRGB, 8-bit RGB or RGBA, first frame only."""
    with Image.open(path) as opened:
        opened.seek(0)  # animated GIF/WebP: the first frame stands for the image
        image = ImageOps.exif_transpose(opened)
        image.load()
        profile = opened.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L", "LA"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            mode = "RGBA" if image.mode in ("RGBA", "LA") else "RGB"
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to a plain conversion below
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits instead of clipping everything above 255 to white.
        image = image.point(lambda value: value / 256).convert("L")
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if alpha else "RGB")
    image.info = {}
    return image


def _fit(image: Image.Image, width: int, height: int) -> Image.Image:
    if image.size == (width, height):
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _crop_to(image: Image.Image, width: int, height: int, focus) -> Image.Image:
    """Crop to the aspect ratio of width×height around the focus point, then scale."""
    ratio = width / height
    source_width, source_height = image.size
    if source_width / source_height < ratio:
        crop_width, crop_height = source_width, round(source_width / ratio)
    else:
        crop_width, crop_height = round(source_height * ratio), source_height
    left = min(max(round(focus[0] * source_width - crop_width / 2), 0), source_width - crop_width)
    top = min(max(round(focus[1] * source_height - crop_height / 2), 0), source_height - crop_height)
    return _fit(image.crop((left, top, left + crop_width, top + crop_height)), width, height)


def _save(image: Image.Image, image_format: str, quality: int, target: str) -> int:
    if image_format == "jpeg" and image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    image.save(target, **SAVE_OPTIONS[image_format](quality))
    return os.path.getsize(target)


def encode_all(job: dict) -> dict:
    """Write every file of one rendition into job['folder']; return a manifest of what was written."""
    image = normalised(job["source"])
    quality = job["quality"]
    written = {}
    download = job["download"]
    # Largest first, each size scaled from the one before: cheaper than scaling 12 MP every time. The
    # press download (at most IMAGES_DOWNLOAD_MAX_SIDE) is one of the sizes, usually the largest.
    targets = [*({**spec, "quality": quality[spec["format"]]} for spec in job["variants"]),
               {**download, "quality": quality["download"]}]
    scaled = image
    for width in sorted({t["width"] for t in targets}, reverse=True):
        specs = [t for t in targets if t["width"] == width]
        scaled = _fit(scaled, width, specs[0]["height"])
        for spec in specs:
            written[spec["name"]] = _save(scaled, spec["format"], spec["quality"], os.path.join(job["folder"], spec["name"]))
    og = job["og"]
    og_image = _crop_to(image, og["width"], og["height"], job["focus"])
    written[og["name"]] = _save(og_image, "jpeg", quality["jpeg"], os.path.join(job["folder"], og["name"]))
    return {"files": written, "encoded": len(written)}
