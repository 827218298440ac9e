"""The security policy as text: a Content-Security-Policy header or <meta>, and the _headers file."""

from __future__ import annotations

# A <meta> policy ignores these (and browsers warn about them), so they go into headers only.
HEADER_ONLY_DIRECTIVES = ("frame-ancestors", "report-uri", "report-to", "sandbox")


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
