"""Writes /zahlen/ and the CSV behind each of its tables (in the open data folder)."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from sinn_core.addresses import NUMBERS_FILES, AddressMap
from sinn_core.settings import SettingsError
from sinn_stories.visibility import last_change, public_stories
from sinn_templating import absolute_base, absolute_url

from .drawing import chart_params
from .tables import adaptations_csv, chart_csv

logger = logging.getLogger(__name__)


def _anchor(chart: str) -> str:
    """The id of a chart's section, named like its CSV: "zahlen-themen" for zahlen/themen.csv."""
    return "zahlen-" + os.path.splitext(os.path.basename(NUMBERS_FILES[chart]))[0]


class NumbersGenerator(Generator):
    """Generates the page of numbers from what the model's counting left in the context."""

    def generate_context(self):
        """Nothing to read: the numbers are counted when the model is built."""

    def generate_output(self, writer):
        """Write each chart's CSV, then the page with the charts, tables and summaries."""
        numbers = self.context.get("numbers")
        if numbers is None:  # no model (a build without stories' generator): nothing was counted
            return
        settings = self.settings
        addresses = AddressMap(settings)
        base = absolute_base(settings)
        as_of = numbers.as_of.isoformat()
        files = {chart.key: chart_csv(chart, as_of) for chart in numbers.charts}
        files["adaptations"] = adaptations_csv(numbers.adaptations, base, as_of)
        urls = {}
        for key, payload in files.items():
            address = addresses.numbers_file(key)
            path = os.path.join(self.output_path, address.save_as)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(payload)
            urls[key] = absolute_url(base, address.url)
        page = addresses.fixed("NUMBERS_URL")
        if not 1 <= settings["NUMBERS_BAR_SHARE"] <= 100:
            raise SettingsError(f"Die Einstellung NUMBERS_BAR_SHARE ist {settings['NUMBERS_BAR_SHARE']}: erwartet wird ein Anteil "
                                "der Breite in Prozent, von 1 bis 100 (z. B. NUMBERS_BAR_SHARE = 80).")
        charts = [chart_params(chart, settings["NUMBERS_BAR_SHARE"], urls[chart.key], _anchor(chart.key)) for chart in numbers.charts]
        logger.info("Zahlen: %d Diagramme, %d CSV-Dateien in /%s.", len(charts), len(files), addresses.patterns["OPEN_DATA_URL"])
        writer.write_file(
            page.save_as, self.get_template("numbers"), self.context, page_name=page.url, url=page.url,
            relative_urls=settings["RELATIVE_URLS"], lastmod=last_change(public_stories(self.context.get("stories", []))),
            charts=charts, adaptations_csv_url=urls["adaptations"],
        )
