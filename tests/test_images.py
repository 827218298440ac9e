"""Images plugin: variants, no metadata, upright, sRGB, cached, and clear errors for bad files.

What is published per photo (decided and measured in tools/bench/image_quality.py): AVIF at every width,
a JPEG fallback at 480 and 960 px only, the link preview and a press download of at most 2560 px.
"""

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
    assert {p.suffix for p in published} == {".jpg", ".avif"}
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


def test_avif_at_every_width_jpeg_only_as_fallback_never_upscaled(site_files, build):
    site_files.minimal()
    site_files.image("images/beratung.jpg", size=(1700, 1000))
    site_files.image("images/klein.jpg", size=(600, 400))
    site_files.story("klein", story_fields(title="Klein", image={**story_fields()["image"], "src": "images/klein.jpg"}))
    site = build(site_files)
    names = {p.name for p in (site.output / "images").iterdir()}
    assert {f"beratung-{w}.avif" for w in (480, 960, 1600)} <= names
    assert {"beratung-480.jpg", "beratung-960.jpg"} <= names and "beratung-1600.jpg" not in names, "one fallback <img>, not a JPEG at every width"
    assert not [n for n in names if n.endswith(".webp")], "every browser that reads WebP but not AVIF gets the JPEG"
    assert {"klein-480.avif", "klein-600.avif", "klein-480.jpg", "klein-600.jpg"} <= names
    assert not [n for n in names if n.startswith("klein-960")]
    with Image.open(site.output / "images/beratung-1600.avif") as image:
        assert image.size == (1600, 941)


def test_avif_is_left_out_where_it_is_not_smaller(site_files, tmp_path):
    site_files.minimal()
    os.makedirs(site_files.path("images"), exist_ok=True)
    Image.effect_noise((1700, 1000), 60).convert("RGB").save(site_files.path("images/beratung.jpg"), quality=95)
    folder = tmp_path / "settings"
    folder.mkdir()
    # AVIF at its highest quality and JPEG at a low one: here the AVIF files are the larger ones.
    settings = settings_file(str(folder), IMAGES_QUALITY={"jpeg": 40, "png": 0, "webp": 84, "avif": 100, "download": 80})
    assert run_build(site_files.content, str(tmp_path / "out"), settings).returncode == 0
    names = {p.name for p in (tmp_path / "out" / "images").iterdir()}
    assert not [n for n in names if n.endswith(".avif")]
    assert {f"beratung-{w}.jpg" for w in (480, 960, 1600)} <= names, "the fallback then covers every width"
    html = (tmp_path / "out" / "geschichten" / "beratung-per-video" / "index.html").read_text(encoding="utf-8")
    assert "image/avif" not in html and "beratung-1600.jpg 1600w" in html


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
    # A build with nothing changed does nothing at all (tools/up_to_date.py): change a story, so the images are gone through again.
    site_files.replace("stories/beratung-per-video.md", "summary: Eine", "summary: Jetzt eine")
    assert run_build(site_files.content, str(tmp_path / "out"), unchecked(tmp_path)).returncode == 0
    assert stats(site_files) == {"encoded_files": 0, "encoded_images": 0, "reused_images": 1, "pruned": 0}
    assert (tmp_path / "out" / "images" / "beratung-960.avif").is_file()
    gps_photo(site_files.path("images/beratung.jpg"), size=(2100, 1250))
    assert run_build(site_files.content, str(tmp_path / "out"), unchecked(tmp_path)).returncode == 0
    assert stats(site_files)["encoded_images"] == 1, "a changed photo is encoded again"
    assert stats(site_files)["pruned"] == 1, "and the old photo's files leave the cache"


def test_the_image_cache_keeps_what_the_last_builds_of_each_kind_use(site_files, tmp_path):
    site_files.minimal()
    site_files.image("images/beratung.jpg", size=(1700, 1000))
    site_files.image("images/zweites.jpg", size=(1200, 800))
    site_files.story("zweite", story_fields(title="Zweite", image={**story_fields()["image"], "src": "images/zweites.jpg"}))
    folder = tmp_path / "settings"
    folder.mkdir()
    public = settings_file(str(folder), SITEURL="https://bilder.example.org")

    def entries() -> set[str]:
        root = os.path.join(site_files.root, ".cache", "images")
        return {name for d in os.listdir(root) if len(d) == 2 for name in os.listdir(os.path.join(root, d))}

    assert run_build(site_files.content, str(tmp_path / "a"), "pelicanconf.py").returncode == 0
    both = entries()
    assert len(both) == 2
    os.remove(site_files.path("stories/zweite.md"))
    assert run_build(site_files.content, str(tmp_path / "b"), public).returncode == 0
    assert entries() == both, "the local build of a moment ago still uses the second photo"
    assert run_build(site_files.content, str(tmp_path / "c"), "pelicanconf.py").returncode == 0
    assert len(entries()) == 1, "no build uses it any more"


def test_transparent_png_keeps_its_transparency(site_files, build):
    site_files.minimal()
    logo = Image.new("RGBA", (800, 400), (0, 0, 0, 0))
    logo.paste((10, 120, 80, 255), (100, 100, 300, 300))
    os.makedirs(site_files.path("images"), exist_ok=True)
    logo.save(site_files.path("images/logo.png"))
    site_files.actor("beratungsverein", actor_fields(logo={"src": "images/logo.png", "alt": "Logo des Beratungsvereins"}))
    site = build(site_files)
    with Image.open(site.output / "images/logo-480.png") as png, Image.open(site.output / "images/logo-480.avif") as avif:
        assert png.mode == "RGBA" and png.getpixel((5, 5))[3] == 0
        assert avif.mode == "RGBA" and avif.getpixel((5, 5))[3] == 0
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
    with Image.open(site.output / "images/bewegt-480.avif") as still:
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
    assert (site.output / "images/im-text-960.avif").is_file()
    assert [s["type"] for s in site.html(STORY).select(".app-prose picture source")] == ["image/avif"]


def test_press_download_is_capped_at_2560_px_and_reports_its_size(site_files, build, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"), size=(3200, 2000))
    site = build(site_files, unchecked(tmp_path))
    download = site.output / "images/beratung.jpg"
    with Image.open(download) as image:
        assert image.size == (2560, 1600) and image.format == "JPEG"
    meta = site.html(STORY).select_one(".app-download__meta").get_text(" ", strip=True)
    assert "2560 × 1600 Pixel" in meta
    assert f"{round(download.stat().st_size / 1000)} kB" in meta


def test_a_smaller_original_is_offered_as_it_is(site_files, build, tmp_path):
    site_files.minimal()
    gps_photo(site_files.path("images/beratung.jpg"))
    site = build(site_files, unchecked(tmp_path))
    with Image.open(site.output / "images/beratung.jpg") as image:
        assert image.size == (2000, 1250)
    assert "2000 × 1250 Pixel" in site.html(STORY).select_one(".app-download__meta").get_text(" ", strip=True)
