"""What an original image tells about people and places: GPS, names, serial numbers, contact data.

The checker names what it finds (never the values: a message must not repeat the coordinates it
warns about), and `make bilder` (tools/bilder.py) uses `metadata_blocks` to decide whether a file
needs rewriting at all. Own code rather than a metadata library: Pillow already parses EXIF, the
GPS and EXIF sub-directories and IPTC; XMP is only searched for property names with a regular
expression, so no XML parser ever expands entities from an untrusted file. Maker notes are
vendor-private binary blocks that many cameras (Canon, Nikon, Sony, Fujifilm) fill with the body's
serial number or the owner's name and that nothing reads reliably: any maker note counts.
"""

from __future__ import annotations

import re

from PIL import ExifTags, Image, IptcImagePlugin

GPS = "GPS-Position (Aufnahmeort)"
GPS_OTHER = "GPS-Daten (Zeit, Höhe oder Richtung der Aufnahme)"
AUTHOR = "Name der Fotografin oder des Fotografen"
OWNER = "Name der Kamerabesitzerin oder des Kamerabesitzers"
SERIAL = "Seriennummer von Kamera oder Objektiv"
MAKER_NOTE = "Herstellerdaten der Kamera (enthalten oft Seriennummer oder Besitzer)"
PLACE = "Ortsangaben (Stadt, Land oder Ort)"
PEOPLE = "Personen oder markierte Gesichter im Bild"
CONTACT = "Kontaktdaten (Adresse, Telefon oder E-Mail)"
EMBEDDED = "eingebettete EXIF- oder IPTC-Daten (können den Aufnahmeort enthalten)"
UNREADABLE_IPTC = "IPTC-Daten, die sich nicht lesen lassen"

_GPS_POSITION = {ExifTags.GPS.GPSLatitude, ExifTags.GPS.GPSLongitude, ExifTags.GPS.GPSDestLatitude, ExifTags.GPS.GPSDestLongitude}
# EXIF tags that name a person or identify one camera, by the directory they stand in.
_BASE_TAGS = {ExifTags.Base.Artist: AUTHOR, 0x9C9D: AUTHOR, 0xC62F: SERIAL}  # XPAuthor, CameraSerialNumber (DNG)
_EXIF_TAGS = {
    ExifTags.Base.CameraOwnerName: OWNER, ExifTags.Base.BodySerialNumber: SERIAL,
    ExifTags.Base.LensSerialNumber: SERIAL, ExifTags.Base.MakerNote: MAKER_NOTE,
}
# IPTC IIM (record 2): by-line and writer, places, contact.
_IPTC = {80: AUTHOR, 122: AUTHOR, 90: PLACE, 92: PLACE, 95: PLACE, 100: PLACE, 101: PLACE, 118: CONTACT}
# XMP property names (any namespace prefix) that carry the same kinds of data.
_XMP = {
    GPS: ("GPSLatitude", "GPSLongitude", "GPSDestLatitude", "GPSDestLongitude"),
    PLACE: ("City", "State", "Country", "CountryCode", "Location", "Sublocation", "LocationCreated", "LocationShown", "ProvinceState"),
    PEOPLE: ("PersonInImage", "PersonInImageWDetails", "RegionInfo", "Regions", "PersonDisplayName"),
    AUTHOR: ("creator", "Artist", "Author", "By-line", "CaptionWriter"),
    OWNER: ("CameraOwnerName", "OwnerName", "Owner"),
    SERIAL: ("SerialNumber", "BodySerialNumber", "LensSerialNumber", "CameraSerialNumber", "InternalSerialNumber"),
    CONTACT: ("CreatorContactInfo", "CiAdrExtadr", "CiAdrCity", "CiEmailWork", "CiTelWork", "CiUrlWork"),
}
_XMP_NAMES = {name: label for label, names in _XMP.items() for name in names}
_XMP_PROPERTY = re.compile(r"(?:<|\s)[A-Za-z][\w.-]*:(" + "|".join(map(re.escape, _XMP_NAMES)) + r")(?=[\s=>/])")
_XMP_KEYS = ("xmp", "XML:com.adobe.xmp")
_XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/"
# PNG text chunks whose key names a person, a place or a way to reach someone.
_PNG_TEXT = (
    (re.compile(r"author|artist|creator|by-?line|copyright|owner|name", re.IGNORECASE), AUTHOR),
    (re.compile(r"gps|latitude|longitude|location|geo|city|country|address|adresse", re.IGNORECASE), PLACE),
    (re.compile(r"serial", re.IGNORECASE), SERIAL),
    (re.compile(r"e-?mail|contact|kontakt|phone|telefon", re.IGNORECASE), CONTACT),
)
_PNG_RAW_PROFILE = re.compile(r"^raw profile type (exif|iptc|xmp|app1)", re.IGNORECASE)
# JPEG segments every clean file may have: the JFIF header, the colour profile, Adobe's colour transform.
_CLEAN_SEGMENTS = (("APP0", b"JFIF"), ("APP2", b"ICC_PROFILE"), ("APP14", b"Adobe"))


def personal_metadata(image: Image.Image, loaded: bool = True) -> list[str]:
    """German names of the personal data an opened image carries (GPS, names, serials …), in a fixed order; empty if none.

    `loaded` is False for an image too large to decode: PNG text after the pixels is then not read.
    """
    found: list[str] = []
    found += _exif(image)
    found += _iptc(image)
    for text in _xmp_texts(image):
        found += [_XMP_NAMES[name] for name in _XMP_PROPERTY.findall(text)]
    found += _png_text(image, loaded)
    order = [GPS, GPS_OTHER, PEOPLE, PLACE, AUTHOR, OWNER, CONTACT, SERIAL, MAKER_NOTE, EMBEDDED, UNREADABLE_IPTC]
    return [label for label in order if label in found]


def metadata_blocks(image: Image.Image) -> list[str]:
    """Every kind of metadata the file holds beyond what a clean copy keeps (colour profile, transparency); empty if clean."""
    blocks = []
    if image.getexif():
        blocks.append("EXIF")
    if any(image.info.get(key) for key in _XMP_KEYS):
        blocks.append("XMP")
    if "photoshop" in image.info or any(name == "APP13" for name, _data in getattr(image, "applist", [])):
        blocks.append("IPTC")
    if image.info.get("comment"):
        blocks.append("Kommentar")
    if image.format == "PNG" and any(key not in _XMP_KEYS for key in getattr(image, "text", {})):
        blocks.append("PNG-Text")
    if image.format == "MPO":
        blocks.append("weitere Bilder in der Datei")
    others = [name for name, data in getattr(image, "applist", []) if not _clean_segment(name, data) and name not in ("APP1", "APP13", "COM")]
    if others:
        blocks.append("weitere Datenblöcke (" + ", ".join(sorted(set(others))) + ")")
    return blocks


def _clean_segment(name: str, data: bytes) -> bool:
    return any(name == clean and data.startswith(prefix) for clean, prefix in _CLEAN_SEGMENTS)


def _exif(image: Image.Image) -> list[str]:
    exif = image.getexif()
    if not exif:
        return []
    found = [label for tag, label in _BASE_TAGS.items() if _filled(exif.get(tag))]
    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        details = exif.get_ifd(ExifTags.IFD.Exif)
    except (OSError, ValueError, SyntaxError, KeyError, TypeError, IndexError):
        return [*found, EMBEDDED]  # a directory that does not parse may still hold anything
    if any(_filled(gps.get(tag)) for tag in _GPS_POSITION):
        found.append(GPS)
    elif any(_filled(value) for tag, value in gps.items() if tag != ExifTags.GPS.GPSVersionID):
        found.append(GPS_OTHER)
    found += [label for tag, label in _EXIF_TAGS.items() if _filled(details.get(tag))]
    return found


def _filled(value) -> bool:
    if value is None:
        return False
    if isinstance(value, bytes):
        return bool(value.strip(b"\x00 "))
    if isinstance(value, str):
        return bool(value.strip("\x00 "))
    return True


def _iptc(image: Image.Image) -> list[str]:
    if "photoshop" not in image.info and not any(name == "APP13" for name, _data in getattr(image, "applist", [])):
        return []
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # noqa: BLE001 - any malformed IPTC block is reported, never raised
        return [UNREADABLE_IPTC]
    found = []
    for (record, dataset), value in info.items():
        if record == 2 and dataset in _IPTC and _filled(value if not isinstance(value, list) else b"".join(value)):
            found.append(_IPTC[dataset])
    return found


def _xmp_texts(image: Image.Image) -> list[str]:
    texts = [image.info[key] for key in _XMP_KEYS if image.info.get(key)]
    texts += [data for name, data in getattr(image, "applist", []) if name == "APP1" and data.startswith(_XMP_EXTENSION)]
    return [text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text) for text in texts]


def _png_text(image: Image.Image, loaded: bool) -> list[str]:
    if image.format != "PNG":
        return []
    found = []
    chunks = image.text if loaded else {key: value for key, value in image.info.items() if isinstance(value, str)}
    for key, value in chunks.items():
        if key in _XMP_KEYS or not _filled(str(value)):
            continue
        if _PNG_RAW_PROFILE.match(key):
            found.append(EMBEDDED)
            continue
        found += [label for pattern, label in _PNG_TEXT if pattern.search(key)][:1]
    return found
