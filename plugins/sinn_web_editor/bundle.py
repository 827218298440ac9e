"""Sveltia CMS from node_modules (pinned in package-lock.json) into the web editor's folder, so it needs no other host.

The npm package ships a ready bundle (dist/sveltia-cms.js) that would still reach two other hosts:
cdn.jsdelivr.net for its fonts, unpkg.com for its translations, a check for a newer version and the
modules it loads when they are first needed. Rather than allow those hosts, the copy is rewritten:

- each font address points into fonts/, filled from the npm packages of the same fonts (Fontsource,
  pinned beside the CMS); an address without a package stops with a German message;
- GitHub's status page (githubstatus.com), which the CMS asks before anyone signs in, is answered by
  github-status.json beside the page: "unknown", so the CMS shows no incident banner (editors who
  cannot save see GitHub's error message instead);
- the unpkg.com prefix becomes the folder npm/, which holds what the form uses, at the paths unpkg
  would serve: the translations (npm/@sveltia/cms@<version>/locales/), the package's version (so
  the version check finds nothing newer: the version is pinned) and the self-contained modules the
  form loads (Immutable.js for editor.js's preSave hook, exifr for photos, Turndown for pasted text),
  copied from node_modules, where npm put them as the CMS's dependencies.

What the form never uses (code highlighting, maps, HEIC decoding, stock photos) would now fail on
this host instead of loading from another. Own code because there is no offline build of the CMS;
the rewrite is checked: if an address is not found or remains, the build says so.
"""

from __future__ import annotations

import json
import os
import re

from sinn_core.files import link_or_copy, write_atomic

PACKAGE = ("@sveltia", "cms")
BUNDLE = ("dist", "sveltia-cms.js")
# https://cdn.jsdelivr.net/fontsource/fonts/<family>[:vf]@<version>/<file>: ":vf" is the variable font's package.
FONT_ADDRESS = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(:vf)?@[0-9.]+/([a-z0-9-]+\.woff2)")
UNPKG = "https://unpkg.com/"
MIRROR = "./npm/"
STATUS = "https://www.githubstatus.com/api/v2/status.json"
LOCAL_STATUS = "github-status.json"
# Modules the CMS loads by name and file (YW(`immutable`,`dist/immutable.es.js`) in the bundle) that the form needs.
MODULES = ("immutable", "exifr", "turndown")
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
FOREIGN = ("cdn.jsdelivr.net", "unpkg.com", "githubstatus.com/api")


class BundleError(Exception):
    """The CMS (or a font it needs) is not in node_modules; the message says in German how to get it."""


def cms_version(node_modules: str) -> str:
    """The installed Sveltia CMS version; BundleError when the package is missing."""
    manifest = os.path.join(node_modules, *PACKAGE, "package.json")
    if not (os.path.isfile(manifest) and os.path.isfile(os.path.join(node_modules, *PACKAGE, *BUNDLE))):
        raise BundleError(
            f"Der Web-Editor (/admin/) fehlt in diesem Build: Sveltia CMS ist nicht installiert (node_modules/{'/'.join(PACKAGE)} fehlt). "
            "Im Ordner des Repositorys `npm ci` ausführen (oder `make html`, das es tut); npm kommt aus dem Debian-Paket npm."
        )
    with open(manifest, encoding="utf-8") as handle:
        return json.load(handle)["version"]


def install(node_modules: str, target: str) -> str:
    """Put the rewritten bundle and everything it loads into target; returns the CMS version."""
    version = cms_version(node_modules)
    package = os.path.join(node_modules, *PACKAGE)
    with open(os.path.join(package, *BUNDLE), encoding="utf-8") as handle:
        code = handle.read()
    copies: dict[str, str] = {"sveltia-cms-LICENSE.txt": os.path.join(package, "LICENSE.txt")}

    def local_font(match: re.Match) -> str:
        family, variable, file_name = match.groups()
        scope = "@fontsource-variable" if variable else "@fontsource"
        source = os.path.join(node_modules, scope, family, "files", f"{family}-{file_name}")
        if not os.path.isfile(source):
            raise BundleError(f"Sveltia CMS {version} braucht die Schrift {family} (node_modules/{scope}/{family} fehlt): das npm-Paket "
                              f"{scope}/{family} in package.json aufnehmen und `npm install` ausführen.")
        copies[f"fonts/{family}-{file_name}"] = source
        copies[f"fonts/{family}-LICENSE.txt"] = os.path.join(node_modules, scope, family, "LICENSE")
        return f"fonts/{family}-{file_name}"

    code = FONT_ADDRESS.sub(local_font, code)
    if UNPKG not in code:
        raise BundleError(f"Sveltia CMS {version} lädt nichts mehr von {UNPKG}; das Web-Editor-Plugin (bundle.py) prüfen.")
    code = SOURCE_MAP.sub("\n", code.replace(UNPKG, MIRROR).replace(STATUS, "./" + LOCAL_STATUS))
    left = [host for host in FOREIGN if host in code]
    if left:
        raise BundleError(f"Sveltia CMS {version} lädt noch etwas von {', '.join(left)}; das Web-Editor-Plugin (bundle.py) prüfen.")
    copies.update(_mirror(node_modules, package, version, code))
    for name, source in sorted(copies.items()):
        os.makedirs(os.path.dirname(os.path.join(target, name)), exist_ok=True)
        link_or_copy(source, os.path.join(target, name))
    write_atomic(os.path.join(target, "npm", *PACKAGE, "package.json"), json.dumps({"name": "/".join(PACKAGE), "version": version}))
    write_atomic(os.path.join(target, LOCAL_STATUS), json.dumps({"status": {"indicator": "unknown", "description": "nicht abgefragt"}}))
    write_atomic(os.path.join(target, "sveltia-cms.js"), code)
    return version


def _mirror(node_modules: str, package: str, version: str, code: str) -> dict[str, str]:
    """The files of npm/ (path in the folder → source): translations and the modules the form loads."""
    mirrored = {}
    locales = os.path.join(package, "locales")
    for name in sorted(os.listdir(locales)):
        if name.endswith(".json"):
            mirrored[f"npm/{'/'.join(PACKAGE)}@{version}/locales/{name}"] = os.path.join(locales, name)
    for module in MODULES:
        # The bundle asks for `module`@<the version range of its package.json, without ^ or ~>/<file>.
        wanted = re.search(rf"\(`{re.escape(module)}`,`([^`?]+)", code)
        declared = re.search(rf"[{{,]\"?{re.escape(module)}\"?:`\D?([0-9][^`]*)`", code)
        source = os.path.join(node_modules, module, wanted.group(1)) if wanted else ""
        if not (wanted and declared and os.path.isfile(source)):
            raise BundleError(f"Sveltia CMS {version} lädt das Modul {module} anders als erwartet, oder es fehlt in "
                              "node_modules (`npm ci` ausführen); das Web-Editor-Plugin (bundle.py) prüfen.")
        mirrored[f"npm/{module}@{declared.group(1)}/{wanted.group(1)}"] = source
    return mirrored
