""""Meinten Sie …?": the value an editor most likely meant, by meaning first and only then by spelling.

Meaning comes from the vocabularies themselves (content/data/*.yml: each term's id, label and
`synonyms`, compared by sinn_vocabularies.terms.fold), so "verein" leads to "initiative" and
"Plauen" to "vogtlandkreis" instead of whatever is spelt alike ("verwaltung"). Spelling uses the
standard library's difflib: a few hundred short words need no fuzzy-matching package.
"""

from __future__ import annotations

import difflib

from sinn_vocabularies.terms import Vocabulary, fold

# How alike a misspelt word must be to a label or synonym to count as meant (difflib ratio): high, since
# a wrong suggestion sends an editor the wrong way; ids keep the older, looser cutoff (closest()).
SYNONYM_SPELLING_CUTOFF = 0.8
SPELLING_MIN_LENGTH = 3


def closest(value: str, choices: list[str], cutoff: float) -> list[str]:
    """The one choice an editor most likely meant: by spelling, or one that contains the other."""
    folded = value.casefold().strip()
    close = difflib.get_close_matches(folded, choices, n=1, cutoff=cutoff)
    return close or [c for c in choices if folded and (c.startswith(folded) or folded.startswith(c) or folded in c)][:1]


def suggest_term(value: str, allowed: list[str], vocabulary: Vocabulary | None) -> tuple[str, bool] | None:
    """(id, needs a hint) of the term meant by value: by a synonym or label first, then by spelling; None if nothing fits.

    A hint (meaning_hint) is needed when the term is not the one spelt alike: "verein" → "initiative" says why.
    """
    # Two letters are alike by chance ("de" and "en" share half their letters): spelling needs a longer word.
    spelt = closest(value, allowed, 0.5) if len(value.strip()) >= SPELLING_MIN_LENGTH else []
    spelt_id = spelt[0] if spelt else None
    meant = vocabulary.meant(value) if vocabulary is not None else None
    if meant is None and vocabulary is not None and fold(value):
        misspelt = difflib.get_close_matches(fold(value), list(vocabulary.words), n=1, cutoff=SYNONYM_SPELLING_CUTOFF)
        meant = vocabulary.words[misspelt[0]] if misspelt else None
    if meant in allowed:
        return meant, meant != spelt_id
    return (spelt_id, False) if spelt_id else None


def meaning_hint(vocabulary: Vocabulary, term_id: str) -> str:
    """' (Label: description)' for a term suggested by meaning, so the editor sees why it fits."""
    term = vocabulary[term_id]
    description = f": {term.description.rstrip('.')}" if term.description else ""
    return f" ({term.label}{description})"


__all__ = ["closest", "meaning_hint", "suggest_term"]
