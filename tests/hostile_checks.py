"""Assertions shared by the hostile-content tests (test_hostile_content.py, test_hostile_fuzz.py).

Which output line names an attacked file, what the scan of a site built with some attacks looks for,
and what every text meant for editors must (German messages) and must not contain (tracebacks,
exception names, workflow commands, secrets).
"""

from __future__ import annotations

import hashlib
import os
import re
from urllib.parse import urlsplit

from hostile_scan import Scan
from hostile_site import DECOY_COLOUR, PASSWD_LINE, SECRET, english_exceptions, forbidden_blobs, workflow_commands

import pelicanconf

# The site's own addresses: resources from anywhere else are foreign.
OWN_ORIGINS = tuple({f"{p.scheme}://{p.netloc}" for p in (urlsplit(u) for u in (pelicanconf.FEED_DOMAIN, pelicanconf.SITEURL)) if p.netloc})


def name_pattern(name: str, anchored: bool = True) -> re.Pattern:
    """The error line that names a file as the table asks: "path:N" with a line, "path*" a prefix, else the path."""
    start = r"(?m)^" if anchored else r"(?m)(?:^|(?<=[\s/\"'„(]))"
    if name.endswith(":N"):
        rest = r":\d+: (?!Warnung: )"
    elif name.endswith("*"):
        rest = r"[^\n]*?: (?!Warnung: )"
    else:
        rest = r"(?:/[^\n]*?)?(?::\d+)?: (?!Warnung: )"
    return re.compile(start + re.escape(name.removesuffix(":N").removesuffix("*")) + rest)


def names_attack(text: str, attack, anchored: bool = True) -> bool:
    """True when one of the attack's acceptable names appears as an error line."""
    return any(name_pattern(name, anchored).search(text) for name in attack.names)


def names_in_log(text: str, attack) -> bool:
    """True when a build log names the attacked file, with or without a line, as content/… or relative to it."""
    for name in attack.names:
        path = name.removesuffix(":N").removesuffix("*")
        for shown in (path, path.removeprefix("content/")):
            if re.search(r"(?:^|(?<=[\s/\"'„(]))" + re.escape(shown), text, re.MULTILINE):
                return True
    return False


def scan_for(site, attacks: list) -> Scan:
    """What the scan of a site built with these attacks looks for."""
    forbidden = set(forbidden_blobs(site))
    for attack in attacks:
        for relative in attack.forbid:
            path = site.files.path(relative.replace("§M", attack.marker))
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as handle:
                    forbidden.add(hashlib.sha256(handle.read()).hexdigest())
    return Scan(
        own_origins=OWN_ORIGINS,
        markers=tuple(a.marker for a in attacks),
        body_markers=tuple(a.marker for a in attacks if a.body),
        title_markers=tuple(a.marker for a in attacks if a.in_title),
        forbidden_text=(SECRET.encode(), PASSWD_LINE, *(a.marker.encode() for a in attacks if not a.publishable)),
        forbidden_blobs=frozenset(forbidden),
        forbidden_colour=DECOY_COLOUR,
    )


def assert_editor_output(text: str, what: str) -> None:
    """German messages only: no traceback or exception class, no workflow command, no secret."""
    assert not english_exceptions(text), f"{what}: English exception text {english_exceptions(text)}:\n{text[-3000:]}"
    assert not workflow_commands(text), f"{what}: lines GitHub would run as workflow commands: {workflow_commands(text)}"
    assert SECRET not in text and PASSWD_LINE.decode() not in text, f"{what}: prints a secret from outside content/:\n{text[-2000:]}"


def assert_refused(run, old_output: dict, output_after: dict, what: str) -> None:
    """A refused build: it finished, failed without crashing, said why in German and left output/ as it was."""
    assert run.returncode is not None, f"{what}: the build did not finish ({run.describe()})"
    assert run.returncode > 0, f"{what}: the build must refuse, got {run.describe()}"
    assert_editor_output(run.log, what)
    assert output_after == old_output, f"{what}: a refused build changed the previous output/"
