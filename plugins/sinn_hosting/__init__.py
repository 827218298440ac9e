"""Hosting hardening: a strict Content-Security-Policy on every page, and _headers for hosts that read one.

Templates get CONTENT_SECURITY_POLICY, the policy without what a <meta> cannot carry
(frame-ancestors, …), and REFERRER_POLICY; base.html and redirect.html write both first in <head>,
which is all GitHub Pages allows. HOSTING_HEADERS_FILE (default "_headers", for Netlify, Cloudflare
Pages and the like) sends the full policy with Referrer-Policy, X-Content-Type-Options,
Permissions-Policy and X-Frame-Options. Settings: HOSTING_CSP (directive → sources),
HOSTING_REFERRER_POLICY, HOSTING_PERMISSIONS_POLICY, HOSTING_EXTRA_HEADERS, HOSTING_HEADERS_FILE
(empty: no file), HOSTING_CSP_BY_PATH and HOSTING_HEADERS_BY_PATH (below).

A folder may get its own policy: HOSTING_CSP_BY_PATH maps a site-relative folder ("{WEB_EDITOR_URL}",
settings in braces) to the directives that replace HOSTING_CSP's there; the rest stays. Only the web
editor (/admin/, sinn_web_editor) has one: Sveltia CMS needs styles it sets at run time and, after
sign-in, GitHub's API and images. Every other page keeps the strict policy; the editor's page writes
its own <meta> from `policy_for(settings, folder)`. In _headers such a folder gets a block of its own
after "/*", with HOSTING_HEADERS_BY_PATH's headers (X-Robots-Tag for the editor). Netlify sends the later,
more specific block's value of a header; Cloudflare Pages would send both policies, and a browser obeys
both, so there the editor needs "! Content-Security-Policy" in its block (README, Web-Editor).

Scripts are allowed by folder, not by origin: a source "site:<path>" becomes SITEURL/<path>
(SITEURL may carry a sub-path), or for a local build without SITEURL the loopback origins on any
port. So a file that content manages to place elsewhere on the site (/files/x.js, /images/x.js)
never runs, even though it comes from the same origin. `'self'` cannot carry a path.
"""

import os
from urllib.parse import urlsplit

from pelican import signals

from sinn_core.settings import defaults_receiver

from .policy import content_security_policy, folder_of, folder_policies, headers_file, policy_for, resolve_sources

__all__ = ["content_security_policy", "folder_of", "folder_policies", "headers_file", "policy_for", "resolve_sources"]

DEFAULTS = {
    "HOSTING_CSP": {
        "default-src": "'self'",
        # Only the theme's scripts and Pagefind's bundle (the folders come from THEME_STATIC_DIR and
        # SEARCH_INDEX_BUNDLE_DIR); Pagefind compiles its WebAssembly search, hence 'wasm-unsafe-eval'.
        "script-src": ["site:{THEME_STATIC_DIR}/js/", "site:{SEARCH_INDEX_BUNDLE_DIR}/", "'wasm-unsafe-eval'"],
        "style-src": "'self'",
        "img-src": "'self'",
        "font-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "site:{SEARCH_INDEX_BUNDLE_DIR}/",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    },
    "HOSTING_REFERRER_POLICY": "strict-origin-when-cross-origin",
    "HOSTING_PERMISSIONS_POLICY": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
    "HOSTING_EXTRA_HEADERS": {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"},
    "HOSTING_HEADERS_FILE": "_headers",
    "HOSTING_CSP_BY_PATH": {
        # Sveltia CMS (sinn_web_editor): its own folder's scripts, the styles it sets at run time, the images and
        # previews it makes in the browser (blob:, data:); after sign-in GitHub's API and the images it serves.
        "{WEB_EDITOR_URL}": {
            "script-src": ["site:{WEB_EDITOR_URL}"],
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "blob:", "data:", "https://avatars.githubusercontent.com", "https://raw.githubusercontent.com"],
            "media-src": ["'self'", "blob:"],
            "frame-src": "blob:",
            "connect-src": ["'self'", "blob:", "data:", "https://api.github.com"],
            "worker-src": "'none'",
        },
    },
    "HOSTING_HEADERS_BY_PATH": {"{WEB_EDITOR_URL}": {"X-Robots-Tag": "noindex, nofollow"}},
}


fill_defaults = defaults_receiver(DEFAULTS)


def add_to_templates(generator):
    """Give templates the policies for the <meta> tags."""
    settings = generator.settings
    generator.env.globals["CONTENT_SECURITY_POLICY"] = content_security_policy(resolve_sources(settings["HOSTING_CSP"], settings), meta=True)
    generator.env.globals["REFERRER_POLICY"] = settings["HOSTING_REFERRER_POLICY"]


def write_headers(pelican):
    """Write the headers file into the output once everything else is written."""
    settings = pelican.settings
    if not settings["HOSTING_HEADERS_FILE"]:
        return
    headers = {
        "Content-Security-Policy": content_security_policy(resolve_sources(settings["HOSTING_CSP"], settings)),
        "Referrer-Policy": settings["HOSTING_REFERRER_POLICY"],
        "Permissions-Policy": settings["HOSTING_PERMISSIONS_POLICY"],
        **settings["HOSTING_EXTRA_HEADERS"],
    }
    policies = folder_policies(settings)
    extra = {folder_of(name, settings): value for name, value in settings["HOSTING_HEADERS_BY_PATH"].items()}
    folders = {folder: {"Content-Security-Policy": content_security_policy(policies[folder]) if folder in policies else "", **extra.get(folder, {})}
               for folder in {**policies, **extra}}
    with open(os.path.join(pelican.output_path, settings["HOSTING_HEADERS_FILE"]), "w", encoding="utf-8") as handle:
        handle.write(headers_file(headers, folders, urlsplit(settings["SITEURL"]).path))


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.generator_init.connect(add_to_templates)
    signals.finalized.connect(write_headers)
