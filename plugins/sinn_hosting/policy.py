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


def folder_of(name: str, settings) -> str:
    """A folder named in a setting ("{WEB_EDITOR_URL}") as a site-relative path ending in "/" ("admin/")."""
    return name.format_map(settings).strip("/") + "/"


def folder_policies(settings) -> dict[str, dict]:
    """Each folder's own policy ("admin/" → directives, resolved): HOSTING_CSP with HOSTING_CSP_BY_PATH's directives in place."""
    return {folder_of(name, settings): resolve_sources({**settings["HOSTING_CSP"], **directives}, settings)
            for name, directives in settings["HOSTING_CSP_BY_PATH"].items()}


def policy_for(settings, path: str) -> dict:
    """The resolved directives for a site-relative path: its folder's own policy, else the site's."""
    path = path.lstrip("/")
    for folder, policy in sorted(folder_policies(settings).items(), key=lambda item: -len(item[0])):
        if path.startswith(folder):
            return policy
    return resolve_sources(settings["HOSTING_CSP"], settings)


def content_security_policy(directives: dict, meta: bool = False) -> str:
    """The policy as one header value; with meta=True without the directives a <meta> cannot carry."""
    parts = []
    for name, sources in directives.items():
        if meta and name in HEADER_ONLY_DIRECTIVES:
            continue
        values = [sources] if isinstance(sources, str) else list(sources)
        parts.append(" ".join([name, *values]).strip())
    return "; ".join(parts)


def headers_file(headers: dict, folders: dict | None = None, base_path: str = "") -> str:
    """A _headers file (Netlify, Cloudflare Pages): the headers for every path, then each folder's own (base_path: SITEURL's path)."""
    lines = ["/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items() if value]
    for folder, own in (folders or {}).items():
        lines.append(f"{base_path.rstrip('/')}/{folder}*")
        lines += [f"  {name}: {value}" for name, value in own.items() if value]
    return "\n".join(lines) + "\n"
