"""The security policy as text: a Content-Security-Policy header or <meta>, and the _headers file."""

from __future__ import annotations

# A <meta> policy ignores these (and browsers warn about them), so they go into headers only.
HEADER_ONLY_DIRECTIVES = ("frame-ancestors", "report-uri", "report-to", "sandbox")
# Where a local build (SITEURL empty) is served: `make serve`, the tests' servers on random ports.
LOCAL_ORIGINS = ("http://127.0.0.1:*", "http://localhost:*")
SITE_SOURCE = "site:"


def site_origins(siteurl: str) -> list[str]:
    """The address(es) the site's files are served from: SITEURL (with its sub-path), or the loopback origins."""
    return [siteurl.rstrip("/")] if siteurl else list(LOCAL_ORIGINS)


def resolve_sources(directives: dict, settings) -> dict:
    """The directives with every "site:<path>" source replaced by that folder on the site's origin(s).

    <path> may name settings in braces ("site:{THEME_STATIC_DIR}/js/"); a path ending in / allows
    the whole folder and nothing outside it.
    """
    origins = site_origins(settings["SITEURL"])
    resolved = {}
    for name, sources in directives.items():
        values = []
        for source in [sources] if isinstance(sources, str) else list(sources):
            if source.startswith(SITE_SOURCE):
                path = source[len(SITE_SOURCE):].format_map(settings).lstrip("/")
                values += [f"{origin}/{path}" for origin in origins]
            else:
                values.append(source)
        resolved[name] = values
    return resolved


def content_security_policy(directives: dict, meta: bool = False) -> str:
    """The policy as one header value; with meta=True without the directives a <meta> cannot carry."""
    parts = []
    for name, sources in directives.items():
        if meta and name in HEADER_ONLY_DIRECTIVES:
            continue
        values = [sources] if isinstance(sources, str) else list(sources)
        parts.append(" ".join([name, *values]).strip())
    return "; ".join(parts)


def headers_file(headers: dict) -> str:
    """A _headers file (Netlify, Cloudflare Pages) that sends the given headers with every path."""
    lines = ["/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items() if value]
    return "\n".join(lines) + "\n"
