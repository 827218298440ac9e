"""`make bilder`: originals upright, without metadata, at most 2560 px, in place; only what needs it, never through a link."""

from __future__ import annotations

import logging
import os
import shutil

from imagefiles import LIGHTROOM_XMP, camera_exif, phone_exif, photo, with_iptc
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from sitefiles import ROOT, check_in_process
from tools import bilder

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def run(site_files, caplog) -> tuple[int, list[str]]:
    """Run make bilder's command on the test site; its exit code and log lines."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="tools.bilder"):
        code = bilder.main([site_files.content])
    parent = os.path.dirname(os.path.abspath(site_files.content)) + os.sep
    return code, [record.getMessage().replace(parent, "") for record in caplog.records]


def snapshot(folder: str) -> dict[str, tuple[bytes, int]]:
    files = {}
    for directory, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            files[os.path.relpath(path, folder)] = (open(path, "rb").read(), os.stat(path).st_mtime_ns)  # noqa: SIM115
    return files


def test_gps_and_camera_data_are_removed_and_the_colour_profile_stays(site_files, caplog):
    site_files.minimal()
    exif = phone_exif()
    exif[ExifTags.Base.Artist] = "Jana Kowalski"
    path = photo(site_files.path("images/stories/spielplatz.jpg"), exif=exif, icc_profile=SRGB, xmp=LIGHTROOM_XMP.encode(), comment=b"Jana")
    with_iptc(path, {80: b"Max Muster", 90: b"Chemnitz"})
    code, log = run(site_files, caplog)
    assert code == 0
    assert ("content/images/stories/spielplatz.jpg: persönliche Daten entfernt: GPS-Position (Aufnahmeort), Personen oder markierte "
            "Gesichter im Bild, Ortsangaben (Stadt, Land oder Ort), Name der Fotografin oder des Fotografen.") in log
    with Image.open(path) as image:
        assert not image.getexif()
        assert not {"exif", "xmp", "photoshop", "comment"} & set(image.info)
        assert image.info["icc_profile"] == SRGB
        assert image.size == (1600, 1000) and image.format == "JPEG"
    raw = open(path, "rb").read()  # noqa: SIM115
    assert b"Telefon" not in raw and b"Kowalski" not in raw and b"Chemnitz" not in raw and b"Annaberg" not in raw
    assert "Metadaten" not in check_in_process(site_files.content)[1], "what the checker asked for is done"


def test_maker_note_and_serial_number_of_a_system_camera_are_removed(site_files, caplog):
    site_files.minimal()
    path = photo(site_files.path("images/chor.jpg"), exif=camera_exif())
    run(site_files, caplog)
    assert b"083021004711" not in open(path, "rb").read()  # noqa: SIM115


def test_large_originals_are_scaled_to_2560_on_the_long_side(site_files, caplog):
    site_files.minimal()
    photo(site_files.path("images/kamera.jpg"), size=(4000, 3000))
    logo = Image.new("RGBA", (3000, 1000), (0, 0, 0, 0))
    logo.paste((10, 120, 80, 255), (1000, 200, 2000, 800))
    logo.save(site_files.path("images/banner.png"))
    code, log = run(site_files, caplog)
    assert code == 0
    assert "content/images/kamera.jpg: verkleinert von 4000 × 3000 auf 2560 × 1920 Pixel." in log
    with Image.open(site_files.path("images/kamera.jpg")) as image:
        assert image.size == (2560, 1920) and image.format == "JPEG"
    with Image.open(site_files.path("images/banner.png")) as image:
        assert image.size == (2560, 853) and image.format == "PNG" and image.mode == "RGBA"
        assert image.getpixel((5, 5))[3] == 0 and image.getpixel((1280, 426))[3] == 255, "transparency survives the scaling"


def test_a_sideways_phone_photo_comes_out_upright(site_files, caplog):
    site_files.minimal()
    path = photo(site_files.path("images/hochkant.jpg"), size=(3000, 2000), exif=phone_exif(orientation=6))
    _code, log = run(site_files, caplog)
    assert ("content/images/hochkant.jpg: persönliche Daten entfernt: GPS-Position (Aufnahmeort); aufrecht gedreht (war um 90° gedreht "
            "gespeichert); verkleinert von 2000 × 3000 auf 1707 × 2560 Pixel.") in log
    with Image.open(path) as image:
        assert image.size == (1707, 2560)
        assert image.getexif().get(ExifTags.Base.Orientation) is None
        red = image.getpixel((image.width - 40, 40))
        assert red[0] > 150 and red[1] < 110, "the red top-left quarter is top right after turning 90° clockwise"


def test_a_second_run_changes_nothing_and_clean_files_are_never_rewritten(site_files, caplog):
    site_files.minimal()
    photo(site_files.path("images/stories/spielplatz.jpg"), size=(4032, 3024), exif=phone_exif(orientation=6), icc_profile=SRGB)
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Jana Kowalski")
    poster = Image.new("RGB", (600, 300), (250, 250, 250))
    poster.paste((200, 30, 30), (100, 100, 500, 200))
    poster.quantize(4).save(site_files.path("images/plakat.png"), transparency=0, pnginfo=text)
    photo(site_files.path("images/chor.webp"), image_format="WEBP", exif=camera_exif())
    photo(site_files.path("images/sauber.jpg"))
    clean = snapshot(site_files.path("images"))["sauber.jpg"]
    assert run(site_files, caplog)[1][-1] == "5 Bilder geprüft: 3 geändert, 2 schon in Ordnung."
    assert snapshot(site_files.path("images"))["sauber.jpg"] == clean, "a clean file keeps its bytes and its date"
    first = snapshot(site_files.path("images"))
    code, log = run(site_files, caplog)
    assert (code, log) == (0, ["5 Bilder geprüft: 0 geändert, 5 schon in Ordnung."])
    assert snapshot(site_files.path("images")) == first
    with Image.open(site_files.path("images/plakat.png")) as image:
        assert image.mode == "P" and image.info.get("transparency") == 0 and not image.text, "a palette and its transparent colour stay"


def test_links_are_never_followed_and_their_targets_stay_untouched(site_files, tmp_path, caplog):
    site_files.minimal()
    outside = photo(str(tmp_path / "privat" / "urlaub.jpg"), size=(4000, 3000), exif=phone_exif())
    before = snapshot(str(tmp_path / "privat"))
    os.symlink(outside, site_files.path("images/urlaub.jpg"))
    os.symlink(str(tmp_path / "privat"), site_files.path("images/privat"))
    code, log = run(site_files, caplog)
    assert code == 1
    assert any(line.startswith("content/images/urlaub.jpg: ist eine Verknüpfung (symbolischer Link).") and "make bilder liest sie nicht" in line
               for line in log)
    assert any(line.startswith("content/images/privat: ist eine Verknüpfung (symbolischer Link) auf einen Ordner.") for line in log)
    assert snapshot(str(tmp_path / "privat")) == before
    assert os.path.islink(site_files.path("images/urlaub.jpg"))


def test_a_truncated_file_is_left_as_it_is_and_named(site_files, caplog):
    site_files.minimal()
    data = open(photo(site_files.path("images/werkstatt.jpg"), size=(3000, 2000)), "rb").read()  # noqa: SIM115
    site_files.write("images/werkstatt.jpg", data[: len(data) // 2])
    code, log = run(site_files, caplog)
    assert code == 1
    assert "content/images/werkstatt.jpg: nicht bearbeitet. Das Bild ist unvollständig oder beschädigt; bitte das Original neu hochladen." in log
    assert open(site_files.path("images/werkstatt.jpg"), "rb").read() == data[: len(data) // 2]  # noqa: SIM115


def test_the_repository_sample_images_need_nothing(tmp_path, caplog):
    shutil.copytree(os.path.join(ROOT, "content"), tmp_path / "content")
    before = snapshot(str(tmp_path / "content" / "images"))
    caplog.set_level(logging.INFO, logger="tools.bilder")
    assert bilder.main([str(tmp_path / "content")]) == 0
    assert snapshot(str(tmp_path / "content" / "images")) == before
