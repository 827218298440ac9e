"""The content contract: what editors may write, checked before anything is built.

`python -m tools.check` (make check) prints every problem; as a plugin it runs the same
check at the start of every build and stops it on errors, so no broken page is published.
Settings: CONTENT_CONTRACT_CHECK (default True) turns the check before the build off;
CONTENT_CONTRACT_TODAY (default None: the real date; or "JJJJ-MM-TT") is the day stories' review
dates are measured from; CONTENT_CONTRACT_REVIEW_MONTHS (default 12) is when a review is due;
CONTENT_CONTRACT_WORKERS (default 0: one per core) check the files when there are
CONTENT_CONTRACT_PARALLEL_MINIMUM (400) or more; CONTENT_CONTRACT_CACHE (default True) keeps each
file's verdict in .cache/check/ beside the content folder and checks again only what changed.
"""

import logging

from pelican import signals

from sinn_core.containment import ContentError, printable
from sinn_core.run_state import RunState
from sinn_core.settings import defaults_receiver

from . import documents, rendering
from .freshness import REVIEW_MONTHS
from .inventory import take_inventory
from .problems import ERROR, WARNING, Problem, Report
from .site import CheckResult, Document, check_file, check_site, read_document

__all__ = ["ERROR", "WARNING", "CheckResult", "ContentContractError", "Document", "Problem", "Report", "check_file", "check_site",
           "read_document", "run_inventory"]

logger = logging.getLogger(__name__)
DEFAULTS = {
    "CONTENT_CONTRACT_CHECK": True,
    # Keep each file's verdict in .cache/check/ and check again only what changed (check_memo.py).
    "CONTENT_CONTRACT_CACHE": True,
    "CONTENT_CONTRACT_TODAY": None,
    "CONTENT_CONTRACT_REVIEW_MONTHS": REVIEW_MONTHS,
    "CONTENT_CONTRACT_WORKERS": 0,
    # Below this many files, starting processes costs more than checking them one by one.
    "CONTENT_CONTRACT_PARALLEL_MINIMUM": 400,
}
TYPES = {"CONTENT_CONTRACT_TODAY": str | None}
# Terms are checked against the vocabularies, and the inventory knows their folder (VOCABULARIES_PATH).
REQUIRES = ("sinn_vocabularies",)


class ContentContractError(ContentError):
    """The content breaks the contract; the problems were already logged."""

    def __init__(self, report: Report):
        super().__init__(report.summary())
        self.report = report


_fill_declared = defaults_receiver(DEFAULTS)


def fill_settings(settings) -> None:
    """The loader's hook (sinn_core.settings): settings this plugin fills beyond DEFAULTS (the Markdown options)."""
    rendering.fill_settings(settings)


def fill_defaults(pelican):
    """Receiver for `initialized`: this plugin's defaults and the site's Markdown options."""
    _fill_declared(pelican)
    fill_settings(pelican.settings)
# The inventory of the content folder, taken once when the run starts.
_inventories = RunState()


def check_before_build(pelican):
    """Check all content; log every problem and stop the build on errors."""
    if not pelican.settings["CONTENT_CONTRACT_CHECK"]:
        return None
    result = check_site(pelican.settings["PATH"], pelican.settings)
    for problem in result.report.sorted():
        (logger.error if problem.severity == ERROR else logger.warning)("%s", problem.format())
    if result.report.errors:
        raise ContentContractError(result.report)
    return None


def refuse_unknown_files(pelican):
    """Stop every build, checked or not, when content/ holds a file of no known kind (a link, a hidden file, a script)."""
    inventory = take_inventory(pelican.settings["PATH"], pelican.settings["VOCABULARIES_PATH"])
    _inventories.put(pelican.settings, inventory)
    if inventory.problems:
        report = Report(files_checked=len(inventory.problems))
        report.extend(inventory.problems)
        for problem in report.sorted():
            logger.error("%s", problem.format())
        raise ContentContractError(report)


def run_inventory(settings):
    """The inventory this run took when it started (refuse_unknown_files), or, without one, a fresh one."""
    return _inventories.get(settings) or take_inventory(settings["PATH"], settings["VOCABULARIES_PATH"])


def publish_listed_files_only(generator):
    """Static files are published only when the inventory lists them as documents: never a link, script or page."""
    inventory = run_inventory(generator.settings)
    refused = [static for static in generator.staticfiles if not inventory.allows(static.source_path, "document")]
    for static in refused:
        logger.error("%s: wird nicht veröffentlicht: nur Dokumente aus content/files/ sind erlaubt.", printable(static.source_path))
    generator.staticfiles = [static for static in generator.staticfiles if static not in refused]


def forget_parsed_documents(_generators):
    """Every reader has read: what the check handed on and no reader took (Pelican's cache had it) is dropped."""
    documents.forget_parsed()


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.all_generators_finalized.connect(forget_parsed_documents)
    signals.get_generators.connect(refuse_unknown_files)
    signals.get_generators.connect(check_before_build)
    signals.static_generator_finalized.connect(publish_listed_files_only)
