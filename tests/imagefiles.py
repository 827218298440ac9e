"""Image files as cameras, phones and photo programs write them: EXIF with GPS, owner and serial, XMP, IPTC."""

from __future__ import annotations

import os

from PIL import ExifTags, Image

GPS_LATITUDE = (51.0, 3.0, 7.5)


def photo(path: str, size=(1600, 1000), exif: Image.Exif | None = None, image_format: str = "JPEG", **options) -> str:
    """A real image file, as a camera, a phone or a photo program writes it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image = Image.new("RGB", size, (90, 140, 60))
    image.paste((200, 60, 40), (0, 0, size[0] // 2, size[1] // 2))
    if exif is not None:
        options["exif"] = exif
    image.save(path, image_format, **options)
    return path


def phone_exif(orientation: int | None = None) -> Image.Exif:
    """EXIF as a phone writes it: make, model, and the GPS position where the photo was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefon"
    exif[ExifTags.Base.Model] = "Modell 12"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: GPS_LATITUDE,
                ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (13.0, 44.0, 1.0)})
    return exif


def camera_exif() -> Image.Exif:
    """EXIF as a system camera writes it: the photographer, the owner, the body's serial number, a maker note."""
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "Jana Kowalski"
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[ExifTags.Base.CameraOwnerName] = "Jana Kowalski"
    details[ExifTags.Base.BodySerialNumber] = "083021004711"
    details[ExifTags.Base.MakerNote] = b"Canon\x00\x0c\x00serial 083021004711"
    return exif


def with_iptc(path: str, fields: dict[int, bytes]) -> None:
    """Add an IPTC block (Photoshop APP13), as a press agency's photo carries it, right after the JPEG's start."""
    iim = b"".join(b"\x1c\x02" + bytes([dataset]) + len(value).to_bytes(2, "big") + value for dataset, value in fields.items())
    resource = b"8BIM\x04\x04\x00\x00" + len(iim).to_bytes(4, "big") + iim + b"\x00" * (len(iim) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    with open(path, "rb") as handle:
        data = handle.read()
    with open(path, "wb") as handle:
        handle.write(data[:2] + b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload + data[2:])


LIGHTROOM_XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
    'photoshop:City="Annaberg-Buchholz"><Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Frau M.</rdf:li></rdf:Bag>'
    "</Iptc4xmpExt:PersonInImage></rdf:Description></rdf:RDF></x:xmpmeta>"
)
