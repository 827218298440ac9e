"""Other languages: stories' short summaries in English, Polish and Czech, the English pages /en/ and /en/about/, hreflang.

The languages a story may carry a summary in are data (content/data/languages.yml, the vocabulary
`languages`: id, German and native name, heading, writing direction); their length limits live in
the contract (schema/story.schema.json, `foreign_summary`). The story page shows the summaries
itself (components/foreign_summaries.html), each in an element with its own `lang` and `dir`.

This plugin writes the English home /en/ (every published story with an English summary: title,
summary and a link to the German story) and the English about page /en/about/, and pairs pages that
are translations of each other for `<link rel="alternate" hreflang>` (alternates.py): the German
home with /en/, the German about page with /en/about/. A story page is never paired with /en/:
hreflang names an equivalent page in another language, and a list of summaries is not a
translation of a story; /en/ links to each story with `hreflang="de"` on the link instead.

Templates get `language_alternates` ({output file: [Alternate]}) and `english_stories`.
Settings: LANGUAGES_ABOUT_PAGE, the slug of the German page /en/about/ translates (default
"ueber"). The addresses LANGUAGES_ENGLISH_URL and LANGUAGES_ENGLISH_ABOUT_URL belong to the address
map (sinn_core/addresses.py).
"""

from pelican import signals

from sinn_core import addresses
from sinn_core.settings import defaults_receiver

from .alternates import Alternate, alternates_for, pairs
from .generator import EnglishGenerator, stories_in

__all__ = ["Alternate", "EnglishGenerator", "alternates_for", "pairs", "stories_in"]

# The languages are a vocabulary; the English list shows stories once the model has them.
REQUIRES = ("sinn_vocabularies", "sinn_model")
DEFAULTS = {"LANGUAGES_ABOUT_PAGE": "ueber"}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the generator of the English pages to the build."""
    return EnglishGenerator


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.get_generators.connect(add_generator)
