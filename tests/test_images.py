"""Images plugin: variants, no metadata, upright, sRGB, cached, and clear errors for bad files."""

from __future__ import annotations

import json
import os

from PIL import ExifTags, Image, ImageCms

from sitefiles import actor_fields, run_build, settings_file, story_fields

STORY = "/geschichten/beratung-per-video/"
VARIANT = "images/beratung-{width}.{ext}"


def gps_photo(path: str, size=(2000, 1250), orientation: int | None = None) -> None:
    """A JPEG as a phone writes it: GPS position, camera make, maybe a rotation flag, an ICC profile."""
    image = Image.new("RGB", size, (200, 60, 40))
    image.paste((30, 90, 200), (0, 0, size[0] // 2, size[1]))  # left half blue: shows the orientation
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefon"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 35.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (12.0, 58.0, 3.0)
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image.save(path, "JPEG", quality=90, exif=exif.tobytes(), icc_profile=profile)


def unchecked(tmp_path) -> str:
    """Settings without the content check: it refuses a phone photo's GPS (make bilder); the pipeline must strip it anyway."""
    folder = tmp_path / "unchecked"
    folder.mkdir(exist_ok=True)
    return settings_file(str(folder), CONTENT_CONTRACT_CHECK=False)


def stats(site_files) -> dict:
    with open(os.path.join(site_files.root, ".cache", "images", "last-build.json"), encoding="utf-8") as handle:
        return json.load(handle)


def test_no_published_image_carries_exif_gps_or_a_profile(site_files, build, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"))
    with Image.open(site_files.path("images/beratung.jpg")) as source:
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the test photo must carry GPS data"
    site = build(site_files, unchecked(tmp_path))
    published = sorted((site.output / "images").rglob("*.*"))
    assert {p.suffix for p in published} >= {".jpg", ".webp", ".avif"}
    for path in published:
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "photoshop"} & set(image.info), (path.name, image.info.keys())
        raw = path.read_bytes()
        assert b"Telefon" not in raw and b"GPS" not in raw, path.name


def test_the_original_file_is_never_published(site_files, build, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"))
    original = open(site_files.path("images/beratung.jpg"), "rb").read()  # noqa: SIM115
    site = build(site_files, unchecked(tmp_path))
    assert all(p.read_bytes() != original for p in site.output.rglob("*.jpg"))


def test_rotated_phone_photo_comes_out_upright(site_files, build, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"), size=(2000, 1500), orientation=6)  # stored sideways, shown portrait
    site = build(site_files, unchecked(tmp_path))
    with Image.open(site.output / VARIANT.format(width=960, ext="jpg")) as image:
        assert image.size == (960, 1280)
        top_left = image.getpixel((10, 10))
        assert top_left[2] > top_left[0], "rotating 90° clockwise puts the blue (left) half at the top"
    hero = site.html(STORY).select_one(".app-figure--hero img")
    assert (hero["width"], hero["height"]) == ("1500", "2000")


def test_variants_in_three_widths_and_formats_never_upscaled(site_files, build):
    site_files.minimal()
    site_files.image("images/beratung.jpg", size=(1700, 1000))
    site_files.image("images/klein.jpg", size=(600, 400))
    site_files.story("klein", story_fields(title="Klein", image={**story_fields()["image"], "src": "images/klein.jpg"}))
    site = build(site_files)
    names = {p.name for p in (site.output / "images").iterdir()}
    for ext in ("avif", "webp", "jpg"):
        assert {f"beratung-{w}.{ext}" for w in (480, 960, 1600)} <= names
        assert {f"klein-480.{ext}", f"klein-600.{ext}"} <= names
        assert f"klein-960.{ext}" not in names
    with Image.open(site.output / "images/beratung-1600.webp") as image:
        assert image.size == (1600, 941)


def test_story_page_uses_picture_with_srcset_sizes_and_priorities(site_files, build):
    site_files.minimal()
    site_files.image("images/beratung.jpg", size=(2000, 1250))
    site_files.story("zweite", story_fields(title="Zweite Geschichte"))
    site = build(site_files)
    page = site.html(STORY)
    hero = page.select_one(".app-figure--hero picture")
    types = [s["type"] for s in hero.select("source")]
    assert types == ["image/avif", "image/webp"]
    assert "480w" in hero.select_one("source")["srcset"] and "1600w" in hero.select_one("source")["srcset"]
    img = hero.select_one("img")
    assert img["fetchpriority"] == "high" and not img.has_attr("loading")
    assert img["alt"] == story_fields()["image"]["alt"]
    card = page.select_one("#aehnliche ~ div picture img")
    assert card["loading"] == "lazy" and card["decoding"] == "async" and card["width"] and card["height"]
    caption = page.select_one(".app-figure__caption").get_text()
    assert "Foto: Anna Beispiel" in caption and "CC BY 4.0" in caption


def test_open_graph_image_is_1200_by_630_around_the_focus(site_files, build):
    site_files.minimal()
    image = Image.new("RGB", (2400, 2400), (255, 255, 255))
    image.paste((0, 0, 0), (0, 1800, 2400, 2400))  # a black band at the bottom
    os.makedirs(site_files.path("images"), exist_ok=True)
    image.save(site_files.path("images/beratung.jpg"))
    fields = story_fields()
    fields["image"]["focus"] = [0.5, 0.95]
    site_files.story("beratung-per-video", fields)
    site = build(site_files)
    with Image.open(site.output / "images/beratung-og.jpg") as og:
        assert og.size == (1200, 630)
        assert og.getpixel((600, 600))[0] < 30, "the crop follows the focus down to the black band"


def test_second_build_reencodes_nothing(site_files, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"))
    assert run_build(site_files.content, str(tmp_path / "out"), unchecked(tmp_path)).returncode == 0
    assert stats(site_files)["encoded_images"] == 1
    assert run_build(site_files.content, str(tmp_path / "out"), unchecked(tmp_path)).returncode == 0
    assert stats(site_files) == {"encoded_files": 0, "encoded_images": 0, "reused_images": 1}
    assert (tmp_path / "out" / "images" / "beratung-960.avif").is_file()
    gps_photo(site_files.path("images/beratung.jpg"), size=(2100, 1250))
    assert run_build(site_files.content, str(tmp_path / "out"), unchecked(tmp_path)).returncode == 0
    assert stats(site_files)["encoded_images"] == 1, "a changed photo is encoded again"


def test_transparent_png_keeps_its_transparency(site_files, build):
    site_files.minimal()
    logo = Image.new("RGBA", (800, 400), (0, 0, 0, 0))
    logo.paste((10, 120, 80, 255), (100, 100, 300, 300))
    os.makedirs(site_files.path("images"), exist_ok=True)
    logo.save(site_files.path("images/logo.png"))
    site_files.actor("beratungsverein", actor_fields(logo={"src": "images/logo.png", "alt": "Logo des Beratungsvereins"}))
    site = build(site_files)
    with Image.open(site.output / "images/logo-480.png") as png, Image.open(site.output / "images/logo-480.webp") as webp:
        assert png.mode == "RGBA" and png.getpixel((5, 5))[3] == 0
        assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0
    assert site.html("/akteure/beratungsverein/").select_one("img.app-actor__logo")["alt"] == "Logo des Beratungsvereins"


def test_cmyk_jpeg_16_bit_png_and_animated_gif_are_converted(site_files, build):
    site_files.minimal()
    os.makedirs(site_files.path("images"), exist_ok=True)
    Image.new("CMYK", (900, 600), (0, 255, 255, 0)).save(site_files.path("images/cmyk.jpg"))
    Image.new("I;16", (900, 600), 40000).save(site_files.path("images/tief.png"))
    frames = [Image.new("P", (900, 600), color) for color in (1, 2, 3)]
    frames[0].save(site_files.path("images/bewegt.gif"), save_all=True, append_images=frames[1:])
    base = story_fields()["image"]
    for slug, src in (("cmyk", "images/cmyk.jpg"), ("tief", "images/tief.png"), ("bewegt", "images/bewegt.gif")):
        site_files.story(slug, story_fields(title=slug, image={**base, "src": src}))
    site = build(site_files)
    with Image.open(site.output / "images/cmyk-480.jpg") as cmyk:
        red, green, blue = cmyk.getpixel((10, 10))
        assert cmyk.mode == "RGB" and red > 200 and green < 60 and blue < 60
    with Image.open(site.output / "images/tief-480.jpg") as deep:
        value = deep.getpixel((10, 10))
        assert 140 < (value if isinstance(value, int) else value[0]) < 170, "40000/65535 stays a mid grey"
    with Image.open(site.output / "images/bewegt-480.webp") as still:
        assert getattr(still, "n_frames", 1) == 1


def test_svg_logo_is_published_cleaned_and_an_unsafe_one_stops_the_build(site_files, build, tmp_path):
    """The checker refuses a scripted SVG before the build; the images plugin publishes only the cleaned copy."""
    site_files.minimal()
    svg = '<?xml version="1.0"?>\n<!-- Export -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
    site_files.write("images/logo.svg", svg)
    site_files.actor("beratungsverein", actor_fields(logo={"src": "images/logo.svg", "alt": "Schriftzug des Beratungsvereins"}))
    site = build(site_files)
    published = (site.output / "images/logo.svg").read_text(encoding="utf-8")
    assert published == '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'
    assert os.stat(site.output / "images/logo.svg").st_ino != os.stat(site_files.path("images/logo.svg")).st_ino, "never the source file"
    site_files.write("images/logo.svg", svg.replace("<rect", '<rect onclick="alert(1)"'))
    process = run_build(site_files.content, str(tmp_path / "zweiter"))
    assert process.returncode == 1
    assert "beratungsverein.yml:" in process.stderr and "logo.src: Die SVG-Grafik images/logo.svg" in process.stderr
    assert "Traceback" not in process.stderr


def test_truncated_photo_stops_the_build_with_a_message(site_files, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"))
    data = open(site_files.path("images/beratung.jpg"), "rb").read()  # noqa: SIM115
    site_files.write("images/beratung.jpg", data[: len(data) // 3])
    process = run_build(site_files.content, str(tmp_path / "output"), unchecked(tmp_path))
    assert process.returncode == 1
    assert "content/images/beratung.jpg: Das Bild lässt sich nicht verarbeiten" in process.stderr
    assert "Traceback" not in process.stderr
    assert not (tmp_path / "output").exists()


def test_body_images_become_responsive_pictures(site_files, build):
    site_files.minimal()
    site_files.image("images/im-text.jpg", size=(1200, 800))
    body = "## Bild\n\n![Zwei Menschen am Tisch](/images/im-text.jpg)\n\n" + "Text " * 100
    site_files.story("beratung-per-video", story_fields(), body=body)
    site = build(site_files)
    img = site.html(STORY).select_one(".app-prose picture img")
    assert img["alt"] == "Zwei Menschen am Tisch" and img["loading"] == "lazy" and img["width"] == "1200"
    assert (site.output / "images/im-text-960.webp").is_file()


def test_full_resolution_download_reports_its_size(site_files, build, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"))
    site = build(site_files, unchecked(tmp_path))
    download = site.output / "images/beratung.jpg"
    with Image.open(download) as image:
        assert image.size == (2000, 1250)
    meta = site.html(STORY).select_one(".app-download__meta").get_text(" ", strip=True)
    assert "2000 × 1250 Pixel" in meta
    assert f"{round(download.stat().st_size / 1000)} kB" in meta
