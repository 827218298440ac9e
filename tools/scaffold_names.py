"""File names for `make story` and `make actor`: a slug from the title, an id from an actor's name without its legal form.

An actor's id is its file name and its address (/akteure/<id>/) and never changes after publication,
while legal forms do (a club becomes a gGmbH) and are spelled in many ways ("e. V.", "e.V.", "eV").
So the id leaves them out: "Rollwerk Görlitz e. V." → rollwerk-goerlitz. The legal form still goes
into the file (name, legal_form). Own code instead of a slug library: the list of German legal
forms and where they may stand is the point, and the transliteration must match the checker's
(sinn_content_contract.formats.slugify, used here).

Where a legal form may stand:
- At the end, in any spelling (case, dots and spaces do not matter), also several ("GmbH & Co. KG")
  and with "gemeinnützige" or "rechtsfähige" in front.
- At the beginning only in the registry's own spelling ("e.V. Rollwerk", "gGmbH …"): "Ev. Kirchgemeinde"
  (evangelisch), "AG Wohnen" (Arbeitsgemeinschaft) and initials like "E. G. Meyer" are names.
- "Stiftung" alone is never dropped: in "Stiftung Frauenkirche Dresden" or "Freudenberg Stiftung" it is
  part of the name, and without it the id would name something else (the church, the company).
  Only the legal phrase is dropped: "… Stiftung bürgerlichen Rechts", "… Stiftung des öffentlichen Rechts".
- "AG" is dropped at the end only ("Sozialbau AG"); a school's "Theater-AG" is one word and stays.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from sinn_content_contract.formats import slugify

logger = logging.getLogger(__name__)

MAX_SLUG_LENGTH = 60
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"})

# Legal forms folded (fold(): lower case, ä→ae, only a–z and 0–9, words joined), so "e. V." = "e.V." = "EV".
_BASE_FORMS = {
    "ev", "eingetragenerverein",
    "ggmbh", "gmbh", "mbh", "gesellschaftmbh", "gesellschaftmitbeschraenkterhaftung", "gmbhcokg",
    "ug", "gug", "ughaftungsbeschraenkt", "gughaftungsbeschraenkt", "unternehmergesellschafthaftungsbeschraenkt",
    "eg", "eingetragenegenossenschaft",
    "ag", "gag", "aktiengesellschaft", "se",
    "gbr", "kg", "ohg", "partg", "partgmbb", "ek", "ltd",
    "kdoer", "koerperschaftdesoeffentlichenrechts", "aoer", "anstaltdesoeffentlichenrechts",
    "stiftungbuergerlichenrechts", "stiftungdesbuergerlichenrechts", "stiftungbr", "stiftungdbr",
    "stiftungoeffentlichenrechts", "stiftungdesoeffentlichenrechts", "stiftungdoer",
}
# "i. G." (in Gründung) may follow any of them.
SUFFIX_FORMS = frozenset(_BASE_FORMS | {form + ending for form in _BASE_FORMS for ending in ("ig", "igr")})
# Words that belong to the legal form when they stand right before it: "gemeinnützige GmbH".
SUFFIX_MODIFIERS = frozenset({"gemeinnuetzige", "gemeinnuetziger", "gemeinnuetziges", "rechtsfaehige", "nichtrechtsfaehige"})
# At the beginning: only these spellings, with the blanks removed and case as written (see the module docstring).
PREFIX_FORMS = frozenset({"e.V.", "e.V", "eV", "gGmbH", "GmbH", "gUG", "UG(haftungsbeschränkt)", "gAG", "eG", "KdöR", "AöR"})
_LONGEST = 6


def fold(text: str) -> str:
    """Text as legal forms are compared: lower case, ä→ae, ß→ss, only a–z and 0–9."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def split_legal_form(name: str) -> tuple[str, str]:
    """(the name without legal forms at its ends, the legal forms as written); ("", form) if it is nothing else."""
    words = [word for word in re.split(r"\s+", name.strip()) if word]
    dropped_front, dropped_back = [], []
    for size in range(min(_LONGEST, len(words)), 0, -1):
        if "".join(words[:size]).strip(",;") in PREFIX_FORMS:
            dropped_front, words = words[:size], words[size:]
            break
    changed = True
    while changed and words:
        changed = False
        for size in range(min(_LONGEST, len(words)), 0, -1):
            if fold("".join(words[-size:])) in SUFFIX_FORMS:
                dropped_back[:0], words = words[-size:], words[:-size]
                while words and fold(words[-1]) in SUFFIX_MODIFIERS:
                    dropped_back[:0], words = [words[-1]], words[:-1]
                changed = True
                break
    rest = " ".join(words).strip(" ,;-")
    form = " ".join(dropped_front + dropped_back).strip(" ,;")
    return rest, form


def bounded(slug: str, limit: int = MAX_SLUG_LENGTH) -> str:
    """A slug cut to at most limit characters, at a hyphen where possible, never ending in one."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def actor_id(name: str) -> tuple[str, str]:
    """(id, legal form as written) for an actor's name; id is "" if nothing is left to name the file by."""
    rest, form = split_legal_form(name)
    return bounded(slugify(rest)), form


def story_slug(title: str) -> str:
    """The slug of a new story: the title transliterated and bounded; titles keep every word (a title is no name)."""
    return bounded(slugify(title))
