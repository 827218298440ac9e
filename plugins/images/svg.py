"""SVG logos are published as they are, once they are known to run no script and load nothing."""

from __future__ import annotations

import re

_UNSAFE = (
    (re.compile(r"<\s*script\b", re.IGNORECASE), "enthält ein <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "enthält Ereignis-Attribute (on…=), die Skripte ausführen"),
    (re.compile(r"""(?:href|src)\s*=\s*["']\s*(?:https?:|//|javascript:|data:text/html)""", re.IGNORECASE),
     "lädt Inhalte von außen oder enthält ausführbare Links"),
    (re.compile(r"<\s*foreignObject\b", re.IGNORECASE), "enthält <foreignObject> (eingebettetes HTML)"),
)


def unsafe_reason(text: str) -> str | None:
    """Why an SVG must not be published, or None when it is safe."""
    for pattern, reason in _UNSAFE:
        if pattern.search(text):
            return reason
    return None
