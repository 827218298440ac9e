"""Earlier addresses (`aliases`) of stories, pages and actors, and where each one leads now."""

from __future__ import annotations

import logging
import os
import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from sinn_content_contract.validate import alias_pattern
from sinn_core.containment import printable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Redirect:
    """One earlier address and the page it leads to."""

    alias: str  # root-relative path as the editor wrote it, normalised: /geschichten/alter-name/
    save_as: str  # the file that answers at the alias: geschichten/alter-name/index.html
    target_url: str  # the target's site-relative URL: geschichten/neuer-name/
    title: str
    source: str  # the file that names the alias, for messages


def normalise(alias) -> str | None:
    """The alias as written, if it matches the contract's one alias pattern (the checker's too); else None."""
    if not isinstance(alias, str) or not alias_pattern().fullmatch(alias):
        return None
    return alias


def save_as_for(alias: str) -> str:
    """The output file for a path: directories get index.html; /alt.html stays a file."""
    relative = alias.lstrip("/")
    if alias.endswith("/"):
        return relative + "index.html"
    if posixpath.splitext(relative)[1] in (".html", ".htm"):
        return relative
    return relative + "/index.html"


def collect(items) -> list[Redirect]:
    """Every valid alias of the given stories, pages and actors; problems are logged as errors and skipped."""
    redirects: dict[str, Redirect] = {}
    for item in items:
        aliases = _aliases_of(item)
        source = os.path.relpath(getattr(item, "source_path", "") or "?")
        for alias in aliases:
            clean = normalise(alias)
            if clean is None:
                logger.error("%s: aliases: „%s“ ist keine gültige frühere Adresse (Pfad wie /geschichten/alter-name/).", source, printable(alias))
                continue
            save_as = save_as_for(clean)
            if save_as in redirects:
                logger.error("%s: aliases: %s steht schon bei %s.", source, clean, redirects[save_as].source)
                continue
            redirects[save_as] = Redirect(clean, save_as, item.url, _title(item), source)
    return sorted(redirects.values(), key=lambda redirect: redirect.alias)


def redirects_file(redirects, siteurl: str) -> str:
    """A _redirects file (Netlify, Cloudflare Pages and others): one permanent redirect per line."""
    prefix = urlsplit(siteurl).path.rstrip("/")
    lines = [f"{prefix}{r.alias} {prefix}/{r.target_url} 301" for r in redirects]
    return "\n".join(lines) + "\n" if lines else ""


def _aliases_of(item) -> list:
    aliases = getattr(item, "aliases", None)
    if aliases is None:
        return []
    if isinstance(aliases, str):
        return [aliases]
    return list(aliases) if isinstance(aliases, list) else []


def _title(item) -> str:
    return str(getattr(item, "title", "") or getattr(item, "name", ""))
