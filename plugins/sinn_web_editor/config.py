"""The Sveltia CMS configuration (config.yml) of the web editor: backend, workflow, media, and one collection per kind.

Everything about fields comes from fields.py (the schemas and vocabularies); this module adds what
a collection needs around them: where its files lie and how they are named (the checker's rules:
lower case a–z, digits and single hyphens, ä → ae, ß → ss; the CMS transliterates German that way),
that new stories start as drafts, that saving opens a pull request (editorial workflow), and that
photos are scaled and re-encoded in the browser before they are committed, which drops their
metadata (GPS position, camera owner); `make check` still refuses any that arrive otherwise.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import yaml

from sinn_content_contract.formats import SLUG_PATTERN
from sinn_content_contract.inventory import FOLDERS

from .fields import FormContext, form_fields, hint
from .labels import BODY_HINT, BODY_LABEL

logger = logging.getLogger(__name__)

# Kind → the collection's name, labels, what names a new file and the address pattern of its page.
COLLECTIONS = {
    "story": {"name": "stories", "label": "Geschichten", "label_singular": "Geschichte", "identifier_field": "title",
              "address": "ARTICLE_URL", "media": "image",
              "slug_hint": "Wird die Adresse /geschichten/<slug>/ und der Dateiname; nach der Veröffentlichung nicht mehr ändern."},
    "actor": {"name": "actors", "label": "Akteure", "label_singular": "Akteur", "identifier_field": "name",
              "address": "ACTORS_URL", "media": "logo",
              "slug_hint": "Wird die Kennung (id) und die Adresse /akteure/<id>/; ohne Rechtsform, z. B. rollwerk-goerlitz statt "
                           "rollwerk-goerlitz-e-v."},
}
SLUG_MESSAGE = "Nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche (ä → ae, ß → ss), z. B. beratung-per-video."
# Formatting the body may use: headings 2 to 4 (the page has the title as its only heading 1); no code blocks
# (they would load a highlighter from another host).
BODY_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "heading-four", "quote", "bulleted-list", "numbered-list"]
# The repository is English, the commits the CMS makes too ({{collection}}, {{slug}}, {{path}} are the CMS's).
COMMIT_MESSAGES = {
    "create": "Web editor: new {{collection}} {{slug}}",
    "update": "Web editor: update {{collection}} {{slug}}",
    "delete": "Web editor: delete {{collection}} {{slug}}",
    "uploadMedia": "Web editor: upload {{path}}",
    "deleteMedia": "Web editor: delete {{path}}",
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the checker's limit for an image


def backend(settings) -> dict:
    """Where the CMS reads and writes: the repository on GitHub (or the browser-only test repository for tests)."""
    if settings["WEB_EDITOR_BACKEND"] != "github":
        return {"name": settings["WEB_EDITOR_BACKEND"]}
    found = {"name": "github", "repo": settings["WEB_EDITOR_REPO"], "branch": settings["WEB_EDITOR_BRANCH"],
             "open_authoring": settings["WEB_EDITOR_OPEN_AUTHORING"], "commit_messages": COMMIT_MESSAGES}
    if settings["WEB_EDITOR_AUTH_URL"]:
        found["base_url"] = settings["WEB_EDITOR_AUTH_URL"].rstrip("/")
        found["auth_methods"] = ["oauth", "token"]
    else:
        # Without an OAuth client, each editor signs in with a personal access token (README, Web-Editor).
        found["auth_methods"] = ["token"]
    if settings["WEB_EDITOR_OPEN_AUTHORING"]:
        found["auth_scope"] = "public_repo"
    return found


def collection(kind: str, settings, vocabularies, uploads: dict) -> dict:
    """One collection: a kind of file with the fields its schema declares."""
    spec = COLLECTIONS[kind]
    content = settings["WEB_EDITOR_CONTENT"].strip("/")
    folder, (_kind, extensions, *_rest) = next((name, value) for name, value in FOLDERS.items() if value[0] == kind)
    media = settings["WEB_EDITOR_MEDIA"][spec["media"]].strip("/")
    context = FormContext(kind=kind, vocabularies=vocabularies, widgets=settings["WEB_EDITOR_WIDGETS"].get(kind, {}),
                          defaults=settings["WEB_EDITOR_DEFAULTS"].get(kind, {}), media=settings["WEB_EDITOR_MEDIA"])
    fields = form_fields(context)
    uploads[spec["name"]] = context.uploads
    for setting, named in (("WEB_EDITOR_WIDGETS", context.widgets), ("WEB_EDITOR_DEFAULTS", context.defaults)):
        for path in sorted(set(named) - context.seen):
            logger.warning("%s nennt das Feld %s (%s), das es im Schema nicht gibt; die Angabe wird nicht verwendet.", setting, path, kind)
    found = {
        "name": spec["name"], "label": spec["label"], "label_singular": spec["label_singular"],
        "folder": f"{content}/{folder}", "extension": extensions[0].lstrip("."), "create": True,
        "identifier_field": spec["identifier_field"],
        "slug": {"template": "{{" + spec["identifier_field"] + "}}", "editable": ["create"], "hint": hint(spec["slug_hint"]),
                 "pattern": [SLUG_PATTERN, SLUG_MESSAGE]},
        "summary": "{{" + spec["identifier_field"] + "}}",
        # Images in the text: "/images/stories/x.webp", as the contract wants them there.
        "media_folder": f"/{content}/{media}", "public_folder": f"/{media}",
    }
    if kind == "story":
        found["format"] = "yaml-frontmatter"
        fields.append({"name": "body", "label": BODY_LABEL, "widget": "markdown", "hint": BODY_HINT, "required": True,
                       "buttons": BODY_BUTTONS, "editor_components": ["image"], "linked_images": False})
        found["view_filters"] = [{"name": "drafts", "label": "Entwürfe", "field": "status", "pattern": "draft"}]
        found["sortable_fields"] = ["title", "date"]
    else:
        found["format"] = "yml"
        found["sortable_fields"] = ["name"]
    found["fields"] = fields
    if settings["SITEURL"]:
        pattern = settings[spec["address"]]
        found["preview_path"] = "/" + pattern.replace("{slug}", "{{slug}}").replace("{id}", "{{slug}}")
    return found


def site_icon(settings) -> str:
    """The site's icon as a path from the host's root (the site may live under a sub-path)."""
    return f"{urlsplit(settings['SITEURL']).path.rstrip('/')}/{settings['THEME_STATIC_DIR'].strip('/')}/img/favicon.svg"


def editor_config(settings, vocabularies) -> tuple[dict, dict[str, list[str]]]:
    """The whole configuration, and the key paths of the upload fields by collection (for editor.js)."""
    uploads: dict[str, list[str]] = {}
    size = settings["WEB_EDITOR_IMAGE_MAX_SIZE"]
    config = {
        "backend": backend(settings),
        "publish_mode": "editorial_workflow",
        "app_title": f"Web-Editor – {settings['SITENAME']}",
        "media_folder": f"{settings['WEB_EDITOR_CONTENT'].strip('/')}/{settings['WEB_EDITOR_MEDIA']['image'].strip('/')}",
        "public_folder": "/" + settings["WEB_EDITOR_MEDIA"]["image"].strip("/"),
        "media_libraries": {
            "default": {"config": {
                "max_file_size": MAX_UPLOAD_BYTES,
                "slugify_filename": True,
                # Re-encoding in the browser keeps the pixels and drops EXIF, XMP and IPTC: no GPS position reaches git.
                "transformations": {"raster_image": {"format": "webp", "quality": settings["WEB_EDITOR_IMAGE_QUALITY"],
                                                     "width": size, "height": size}},
            }},
            # Stock photo services would be other hosts, and their licences are not the contract's.
            "stock_assets": False,
        },
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-", "lowercase": True},
        # An optional field left empty is left out: "modified: ''" would break the contract.
        "output": {"omit_empty_optional_fields": True},
        "editor": {"preview": False},
        "collections": [collection(kind, settings, vocabularies, uploads) for kind in COLLECTIONS],
    }
    # The site's own sign on the sign-in page and the tab (an absolute path, as the CMS wants it).
    config["logo"] = {"src": site_icon(settings)}
    if settings["SITEURL"]:
        config["site_url"] = settings["SITEURL"].rstrip("/")
    return config, uploads


def config_yaml(config: dict) -> str:
    """The configuration as the YAML file the CMS reads (keys in the order given, umlauts as they are)."""
    header = "# Generated by plugins/sinn_web_editor from schema/ and content/data/ on every build: edit those, not this file.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
