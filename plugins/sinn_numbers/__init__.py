"""The showcase in numbers: /zahlen/, bar charts drawn as inline SVG at build time, each with its table, summary and CSV.

Counted each time the model is built (signal `model_built`, as the region map is): published stories
and all actors per theme, region and year, stories per stage, actors per type, and how many stories
have a replication guide, easy language, a recent review (within CONTENT_CONTRACT_REVIEW_MONTHS before
the day counted: the checker's rule) or were adapted elsewhere, with the list of adaptations.
Templates get `numbers` (counts.Numbers) and the filter `number_de` (1.234). The page names the day it
was counted ("Stand") and how to cite it; no JavaScript, nothing from another host. That day is
CONTENT_CONTRACT_TODAY when set (as for the checker), else SOURCE_DATE_EPOCH (reproducible builds),
else the build's day in the site's TIMEZONE: two builds of one day agree whatever the machine's zone.
The address NUMBERS_URL and the CSV files (NUMBERS_FILES, inside the open data folder) belong to the
address map (sinn_core/addresses.py).

Settings: NUMBERS_BAR_SHARE, how much of a chart's width (in percent) its longest bar takes; the rest
holds the bar's number (default 80).
"""

import datetime
import os
from zoneinfo import ZoneInfo

from pelican import signals

from sinn_content_contract.freshness import resolve_today
from sinn_core import addresses
from sinn_core.settings import defaults_receiver
from sinn_model import model_built
from sinn_vocabularies import vocabularies_for

from .counts import Numbers, count
from .generator import NumbersGenerator
from .summaries import number_de

__all__ = ["Numbers", "NumbersGenerator", "count"]

# The review rule and today come from the content contract; the topics from sinn_cross_references.
REQUIRES = ("sinn_content_contract", "sinn_model", "sinn_cross_references")
DEFAULTS = {"NUMBERS_BAR_SHARE": 80}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the generator of /zahlen/ to the build."""
    return NumbersGenerator


def add_to_templates(generator):
    """Give templates the German number format the charts use."""
    generator.env.filters["number_de"] = number_de


def counting_day(settings) -> datetime.date:
    """The day the numbers are counted on: CONTENT_CONTRACT_TODAY, else SOURCE_DATE_EPOCH, else today where the site is."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    if settings.get("CONTENT_CONTRACT_TODAY"):
        return resolve_today(settings["CONTENT_CONTRACT_TODAY"])
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=zone).date()
    return datetime.datetime.now(zone).date()


def count_numbers(model):
    """Each time the model is built: count it for /zahlen/ (and any template that wants a number)."""
    settings = model.settings
    model.context["numbers"] = count(model, vocabularies_for(settings), counting_day(settings), settings["CONTENT_CONTRACT_REVIEW_MONTHS"])


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_to_templates)
    model_built.connect(count_numbers)
