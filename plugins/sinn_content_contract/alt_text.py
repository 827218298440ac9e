"""Alt texts that say nothing: story images (image.alt), actor logos (logo.alt) and images in the text.

A screen reader reads the alt text instead of the image. "Foto", "Logo", "IMG_2041.jpg", "TODO"
or the title of the story once more tell a listener nothing, so the page is inaccessible: an
error. A short but real description ("Bus") still says something: a warning.

The words that say nothing are a constant here, not a file under content/ or schema/: they are
part of the contract's rules, not something editors change, and content/ is untrusted (a pull
request could empty the list). This module is their one home; the field checks (editorial.py) and
the text checks (body_structure.py) both ask judge().
"""

from __future__ import annotations

import re

from .problems import ERROR, WARNING

# Words that name the kind of picture, a generic owner or only fill a sentence: an alt text made of these
# alone ("Foto vom Projekt", "Logo des Vereins", "Bild 1") describes nothing.
MEANINGLESS_WORDS = frozenset({
    # what kind of picture it is
    "bild", "bilder", "foto", "fotos", "photo", "photos", "grafik", "grafiken", "logo", "logos", "symbolbild",
    "symbolfoto", "image", "images", "picture", "pictures", "pic", "img", "illustration", "abbildung", "titelbild",
    "beispielbild", "vorschaubild", "headerbild", "header", "banner", "icon", "motiv", "aufnahme", "screenshot",
    "bildschirmfoto", "pressefoto", "projektfoto", "projektbild", "teaserbild", "signet", "emblem",
    # an owner that names no one
    "projekt", "projekts", "projektes", "projekte", "verein", "vereins", "vereines", "organisation", "initiative",
    "unternehmen", "team", "geschichte", "beitrag", "artikel", "website", "webseite", "seite",
    # filler
    "vom", "von", "des", "der", "die", "das", "dem", "den", "ein", "eine", "einer", "eines", "einem", "zum", "zur",
    "zu", "mit", "und", "im", "in", "aus", "für", "unser", "unsere", "unseres", "unserem", "unserer", "dies",
    "dieses", "diese", "hier", "the", "of", "a", "an", "our", "for", "nr",
})
# Texts left for later: as the whole alt text (folded to a–z), or as a word anywhere in it.
PLACEHOLDERS = frozenset({
    "todo", "tbd", "tba", "fixme", "xxx", "xx", "x", "platzhalter", "alt", "alttext", "alttextfolgt", "bildbeschreibung",
    "beschreibung", "bildtext", "folgt", "kommtnoch", "loremipsum", "test", "dummy", "bla", "blabla", "abc", "asdf",
})
PLACEHOLDER_WORDS = frozenset({"todo", "tbd", "fixme", "xxx", "platzhalter", "lorem"})
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "tif", "tiff", "heic", "heif", "bmp")
# A photo needs a few words to say who or what is seen; a logo is named by its owner, which may be short ("DRK").
MIN_PHOTO_WORDS = 2
MIN_PHOTO_CHARACTERS = 10

PHOTO_ADVICE = (
    "Beschreiben Sie in einem Satz, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können. Eine gute "
    'Beschreibung nennt, wer oder was zu sehen ist, was geschieht und wo, z. B. "Eine Beraterin zeigt einer älteren Frau '
    'am Küchentisch ein Tablet".'
)
LOGO_ADVICE = (
    'Nennen Sie, wessen Logo es ist oder welchen Schriftzug es zeigt, z. B. "Logo des DRK Sachsen" oder '
    '"Logo: Schriftzug Familienwerk Vogtland".'
)
_WORD = re.compile(r"\w+")
_FILE_NAME = re.compile(
    rf"\.(?:{'|'.join(IMAGE_EXTENSIONS)})$"  # ends in an image extension
    r"|^(?:img|dsc|dscn|dscf|dcim|pxl|sam|gopr|mvimg|wp|photo|foto|bild|image|screenshot|scan|whatsapp)[ _-]?\d{2,}"  # camera names
    r"|^\S*_\S*\d\S*$",  # one word with _ and digits: IMG_2041, foto_projekt_03
    re.IGNORECASE,
)


def _folded(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def judge(alt: str, *, logo: bool = False, title: str | None = None, file_name: str | None = None) -> tuple[str, str] | None:
    """(message, severity) when an alt text says nothing or too little; None when it describes something.

    logo: judged as a logo (its owner's name suffices); title: the story's title, which an alt text must not
    only repeat; file_name: the image file, whose name is no description either.
    """
    advice = LOGO_ADVICE if logo else PHOTO_ADVICE
    text = " ".join(alt.split())
    if not text:
        return "enthält nur Leerzeichen. " + (advice if logo else "Beschreiben Sie, was auf dem Bild zu sehen ist."), ERROR
    folded = _folded(text)
    words = [word.casefold() for word in _WORD.findall(text)]
    if file_name and _repeats_file_name(text, file_name):
        return f'wiederholt nur den Dateinamen ("{text}"). {advice}', ERROR
    if not folded or folded in PLACEHOLDERS or PLACEHOLDER_WORDS & set(words) or "loremipsum" in folded:
        return f'"{text}" ist ein Platzhalter, keine Bildbeschreibung. {advice}', ERROR
    if _FILE_NAME.search(text):
        return f'"{text}" ist ein Dateiname, keine Bildbeschreibung. {advice}', ERROR
    if all(word in MEANINGLESS_WORDS or word.isdigit() for word in words):
        what = "wessen Logo es ist" if logo else "was auf dem Bild zu sehen ist"
        return f'"{text}" sagt nicht, {what}: wer es nicht sehen kann, hört nur diese Worte. {advice}', ERROR
    if title and folded == _folded(title):
        return ("wiederholt nur den Titel der Geschichte. Der Titel steht schon auf der Seite; die Bildbeschreibung "
                f"sagt, was das Bild zeigt. {advice}"), ERROR
    if not logo and (len(words) < MIN_PHOTO_WORDS or len(text) < MIN_PHOTO_CHARACTERS):
        return f'"{text}" ist sehr kurz. {advice}', WARNING
    return None


def _repeats_file_name(text: str, file_name: str) -> bool:
    """True when the alt text is the image's file name, with or without extension, hyphens or underscores."""
    name = file_name.strip().rsplit("/", 1)[-1].casefold()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return text.casefold() in (name, stem, stem.replace("-", " "), stem.replace("_", " "))


__all__ = ["LOGO_ADVICE", "MEANINGLESS_WORDS", "PHOTO_ADVICE", "PLACEHOLDERS", "judge"]
