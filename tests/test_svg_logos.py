"""SVG logos: `make check` and the build share one verdict; only a re-serialised, allowlisted copy is ever published."""

from __future__ import annotations

import hashlib
import os
import re

import pytest

from sinn_images import DEFAULTS as IMAGE_DEFAULTS
from sinn_images import ImagePipeline
from sinn_images.svg import MAX_BYTES, SvgError, clean_svg
from sitefiles import actor_fields, check_in_process, run_build

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n<rect width="10" height="10"/>\n'
XHTML = 'xmlns:h="http://www.w3.org/1999/xhtml"'


def on_line_3(element: str) -> str:
    return OPEN + element + "\n</svg>\n"


# name: (file text, line the checker must name, words its message must contain)
ATTACKS = {
    "script": (on_line_3("<script>alert(1)</script>"), 3, "<script>"),
    "script_in_cdata": (on_line_3("<script><![CDATA[alert(1)]]></script>"), 3, "<script>"),
    "xhtml_script_prefixed": (on_line_3(f"<h:script {XHTML}>alert(1)</h:script>"), 3, "<script> aus dem Namensraum"),
    "xhtml_script_default_ns": (on_line_3('<g><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script></g>'), 3, "<script>"),
    "xhtml_iframe": (on_line_3(f'<h:iframe {XHTML} src="https://evil.example/"/>'), 3, "<iframe>"),
    "tiny_handler": (on_line_3('<handler type="application/ecmascript">alert(1)</handler>'), 3, "<handler>"),
    "onload_upper": (on_line_3('<rect ONLOAD="alert(1)"/>'), 3, "ONLOAD="),
    "onclick_mixed": (on_line_3('<g oNcLiCk="alert(1)"/>'), 3, "oNcLiCk="),
    "onbegin": (on_line_3('<rect onbegin="alert(1)"/>'), 3, "onbegin="),
    "svg_ns_handler": (on_line_3('<rect xmlns:s="http://www.w3.org/2000/svg" s:onload="alert(1)"/>'), 3, "svg:onload="),
    "xml_events": (on_line_3('<rect xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click"/>'), 3, "event="),
    "animate_href": (on_line_3('<rect><animate attributeName="href" values="javascript:alert(1)"/></rect>'), 3, "<animate>"),
    "set_handler": (on_line_3('<rect><set attributeName="onmouseover" to="alert(1)"/></rect>'), 3, "<set>"),
    "animate_transform": (on_line_3('<g><animateTransform attributeName="transform" type="scale"/></g>'), 3, "<animateTransform>"),
    "link_javascript": (on_line_3('<a href="javascript:alert(1)"><rect/></a>'), 3, "Link (<a>)"),
    "link_xlink_entity": (on_line_3('<a xlink:href="jav&#x09;ascript:alert(1)"><rect/></a>'), 3, "Link (<a>)"),
    "xlink_other_host": (on_line_3('<use xlink:href="https://evil.example/sprite.svg#a"/>'), 3, "https://evil.example/sprite.svg#a"),
    "use_other_host": (on_line_3('<use href="//evil.example/x.svg#a"/>'), 3, "zeigt aus der Datei hinaus"),
    "use_data_url": (on_line_3('<use href="data:image/svg+xml;base64,PHN2Zy8+#a"/>'), 3, "zeigt aus der Datei hinaus"),
    "href_javascript_on_rect": (on_line_3('<rect xlink:href=" javascript:alert(1)"/>'), 3, "zeigt aus der Datei hinaus"),
    "text_path_other_file": (on_line_3('<text><textPath href="other.svg#p">x</textPath></text>'), 3, "other.svg#p"),
    "foreign_object": (on_line_3(f"<foreignObject><h:div {XHTML}>x</h:div></foreignObject>"), 3, "<foreignObject>"),
    "switch_foreign": (on_line_3("<switch><foreignObject/></switch>"), 3, "<switch>"),
    "style_import": (on_line_3("<style>@import url(https://evil.example/x.css);</style>"), 3, "<style>"),
    "style_sheet_url": (on_line_3("<style><![CDATA[rect{fill:url(https://evil.example/p)}]]></style>"), 3, "<style>"),
    "style_attr_url": (on_line_3('<rect style="fill:url(https://evil.example/p.svg#g)"/>'), 3, "url(#name)"),
    "style_attr_escape": (on_line_3('<rect style="fill:u\\72l(//evil.example/x)"/>'), 3, "Zeichen"),
    "style_attr_comment": (on_line_3('<rect style="fill:/**/url(//evil.example/x)"/>'), 3, "/*"),
    "style_attr_expression": (on_line_3('<rect style="width:expression(alert(1))"/>'), 3, "width"),
    "style_attr_behavior": (on_line_3('<rect style="behavior:url(x.htc)"/>'), 3, "behavior"),
    "fill_other_host": (on_line_3('<rect fill="URL(https://evil.example/x.svg#g)"/>'), 3, "url(#name)"),
    "filter_quoted_url": (on_line_3('<rect filter="url(&quot;https://evil.example/x#f&quot;)"/>'), 3, "url(#name)"),
    "mask_javascript": (on_line_3('<rect mask="url(javascript:alert(1))"/>'), 3, "url(#name)"),
    "cursor_image": (on_line_3('<rect cursor="url(https://evil.example/c.png), auto"/>'), 3, "cursor="),
    "image_tracker": (on_line_3('<image href="https://evil.example/track.png" width="1" height="1"/>'), 3, "<image>"),
    "image_nested_svg": (on_line_3('<image href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"/>'), 3, "<image>"),
    "fe_image": (on_line_3('<filter id="f"><feImage href="https://evil.example/x"/></filter>'), 3, "<feImage>"),
    "svg_font": (on_line_3('<font-face><font-face-uri xlink:href="https://evil.example/f.svg"/></font-face>'), 3, "<font-face>"),
    "xml_base": (on_line_3('<g xml:base="https://evil.example/"><use href="#a"/></g>'), 3, "xml:base="),
    "unbound_prefix": (on_line_3("<x:rect/>"), 3, "Präfix"),
    "undeclared_entity": (on_line_3("<text>&nbsp;</text>"), 3, "Entität"),
    "doctype_entity": ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY e "x">]>\n<svg xmlns="http://www.w3.org/2000/svg">&e;</svg>', 2, "DOCTYPE"),
    "external_entity": ('<!DOCTYPE svg [\n<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&e;</text></svg>',
                        1, "DOCTYPE"),
    "billion_laughs": ('<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
                       '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>', 1, "DOCTYPE"),
    "public_doctype": ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
                       '<svg xmlns="http://www.w3.org/2000/svg"/>', 2, "<!DOCTYPE"),
    "stylesheet_instruction": ('<?xml version="1.0"?>\n<?xml-stylesheet href="https://evil.example/x.css"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
                               2, "<?xml-stylesheet"),
    "utf7": ('<?xml version="1.0" encoding="UTF-7"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', 1, "Zeichenkodierung"),
    "html_document": ('<html xmlns="http://www.w3.org/1999/xhtml">\n<script>alert(1)</script></html>', 1, "keine SVG-Grafik"),
    "no_namespace": ("<svg>\n<script>alert(1)</script></svg>", 1, "xmlns="),
    "deep_nesting": (OPEN + "<g>" * 60 + "</g>" * 60 + "</svg>", 3, "verschachtelt"),
    "broken_xml": (on_line_3("<g><rect></g>"), 3, "fehlerhaft"),
}


def actor_id(name: str) -> str:
    return "svg-" + name.replace("_", "-")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """One actor per attack, each with its own logo; checked once."""
    from sitefiles import SiteFiles

    site = SiteFiles(tmp_path_factory.mktemp("svg-attacks"))
    site.minimal()
    for name, (text, _line, _words) in ATTACKS.items():
        site.write(f"images/logos/{name}.svg", text)
        site.actor(actor_id(name), actor_fields(name=f"Verein {name}", logo={"src": f"images/logos/{name}.svg", "alt": "Schriftzug des Vereins"}))
    code, output = check_in_process(site.content)
    return site, code, output


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_every_attack_is_a_checker_error_with_its_line_and_what_to_do(hostile_site, name):
    _site, code, output = hostile_site
    _text, line, words = ATTACKS[name]
    assert code == 1
    found = [row for row in output.splitlines() if row.startswith(f"content/actors/{actor_id(name)}.yml:")]
    assert len(found) == 1, output
    assert f"logo.src: Die SVG-Grafik images/logos/{name}.svg, Zeile {line}: " in found[0]
    assert words in found[0]
    assert "als PNG" in found[0], "every refusal says what to do"


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_the_build_refuses_with_the_checkers_own_words(hostile_site, name):
    """The image pipeline (what the build publishes) runs the same function: same verdict, same message."""
    site, _code, output = hostile_site
    pipeline = ImagePipeline({**IMAGE_DEFAULTS, "PATH": site.content, "SITEURL": ""})
    assert pipeline.rendition(f"images/logos/{name}.svg", "wo") is None
    checker = next(row for row in output.splitlines() if row.startswith(f"content/actors/{actor_id(name)}.yml:"))
    verdict = checker.split(f"Die SVG-Grafik images/logos/{name}.svg", 1)[1]
    assert pipeline.errors == [f"wo: Die SVG-Grafik content/images/logos/{name}.svg{verdict}"]


def test_size_is_capped_before_parsing():
    data = (OPEN + "<!--" + "x" * MAX_BYTES + "-->\n</svg>").encode()
    with pytest.raises(SvgError, match="größer als 1024 KB"):
        clean_svg(data)


# An export as Inkscape writes it: editor namespaces, metadata, comments, a style attribute, an XML declaration.
INKSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="120" height="40" viewBox="0 0 120 40" version="1.1" id="svg1"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
   xmlns:h="http://www.w3.org/1999/xhtml">
  <sodipodi:namedview id="nv" pagecolor="#ffffff" inkscape:zoom="2"><h:script>alert('im Editor-Teil')</h:script></sodipodi:namedview>
  <metadata><rdf:RDF><dc:title>Logo</dc:title></rdf:RDF><h:script>alert('in metadata')</h:script></metadata>
  <title>Beratungsverein &amp; Freunde &lt;e.V.&gt;</title>
  <defs id="defs1">
    <linearGradient id="verlauf" inkscape:collect="always"><stop offset="0" style="stop-color:#1a7f5a;stop-opacity:1"/>
      <stop offset="1" style="stop-color:#0b3d2e;stop-opacity:1"/></linearGradient>
    <linearGradient xlink:href="#verlauf" id="verlauf2" x1="0" y1="0" x2="120" y2="40" gradientUnits="userSpaceOnUse"/>
  </defs>
  <g inkscape:label="Ebene 1" inkscape:groupmode="layer" id="layer1" class="st0" data-name="Ebene">
    <rect style="fill:url(#verlauf2);stroke:#000000;stroke-width:2;-inkscape-stroke:none;-moz-binding:url(https://evil.example/x.xml#x)"
       id="rect1" width="116" height="36" x="2" y="2" rx="6" sodipodi:nodetypes="cccc" fill="red"/>
    <circle cx="20" cy="20" r="10" fill="#ffffff" style="mix-blend-mode:normal;line-height:1.25"/>
    <use xlink:href="#rect1" transform="translate(0 0) scale(1)" opacity="0"/>
  </g>
</svg>
"""


def test_an_inkscape_logo_is_published_cleaned_never_as_the_source(site_files, build):
    site_files.minimal()
    source = site_files.write("images/logo.svg", INKSCAPE)
    site_files.actor("beratungsverein", actor_fields(logo={"src": "images/logo.svg", "alt": "Schriftzug des Beratungsvereins"}))
    before = hashlib.sha256(INKSCAPE.encode()).hexdigest()
    site = build(site_files)
    published = (site.output / "images" / "logo.svg").read_bytes()
    assert published == clean_svg(INKSCAPE.encode()) and published != INKSCAPE.encode()
    assert os.stat(site.output / "images" / "logo.svg").st_ino != os.stat(source).st_ino
    assert hashlib.sha256(open(source, "rb").read()).hexdigest() == before, "the source file is never touched"  # noqa: SIM115
    text = published.decode()
    for gone in ("inkscape", "sodipodi", "script", "alert", "binding", "evil", "style=", "<!--", "metadata", "class=", "data-name", "h:"):
        assert gone not in text, gone
    assert '<rect fill="url(#verlauf2)" id="rect1"' in text or 'fill="url(#verlauf2)"' in text
    assert 'stroke="#000000"' in text and 'stop-color="#1a7f5a"' in text and 'xlink:href="#verlauf"' in text
    assert "<title>Beratungsverein &amp; Freunde &lt;e.V.&gt;</title>" in text
    assert clean_svg(published) == published, "cleaning is stable: the published file passes its own check"
    logo = site.html("/akteure/beratungsverein/").find("img", src=re.compile(r"logo\.svg$"))
    assert logo is not None and logo["alt"] == "Schriftzug des Beratungsvereins"


def test_style_declarations_win_over_attributes_as_in_css():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="red" style="fill: blue ; stroke:#000"/></svg>'
    assert clean_svg(svg) == b'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="blue" stroke="#000"/></svg>\n'


def test_an_unsafe_logo_stops_the_build_and_publishes_nothing(site_files, tmp_path):
    site_files.minimal()
    site_files.write("images/logo.svg", ATTACKS["xhtml_script_prefixed"][0])
    site_files.actor("beratungsverein", actor_fields(logo={"src": "images/logo.svg", "alt": "Schriftzug des Beratungsvereins"}))
    process = run_build(site_files.content, str(tmp_path / "output"))
    assert process.returncode != 0
    assert "Die SVG-Grafik images/logo.svg, Zeile 3: das Element <script>" in process.stderr + process.stdout
    assert not (tmp_path / "output").exists()


@pytest.mark.browser
def test_the_cleaned_logo_looks_like_the_source_and_runs_nothing(chromium, tmp_path):
    """Chromium draws the export and its cleaned copy pixel for pixel the same; the copy opened directly runs no script."""
    (tmp_path / "source.svg").write_text(INKSCAPE.replace("<h:script>alert('im Editor-Teil')</h:script>", "")
                                         .replace("<h:script>alert('in metadata')</h:script>", ""), encoding="utf-8")
    (tmp_path / "clean.svg").write_bytes(clean_svg(INKSCAPE.encode()))
    context = chromium.new_context(viewport={"width": 240, "height": 80}, device_scale_factor=2)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shots = []
    for name in ("source.svg", "clean.svg"):
        page.goto((tmp_path / name).as_uri())
        shots.append(page.screenshot())
    context.close()
    assert shots[0] == shots[1]
    assert dialogs == []


# Random documents: well-formed trees of allowed and hostile elements and attributes, and random text
# pieces in between, so that both the allowlist and the parser's corners are reached.
# Benign names come four times, so that many documents pass and their output is checked too.
ELEMENT_NAMES = ["g", "rect", "path", "text", "tspan", "use", "defs", "linearGradient", "stop", "title", "metadata", "inkscape:x"] * 4 + [
    "script", "h:script", "style", "a", "animate", "set", "foreignObject", "image", "switch", "feImage", "filter"]
ATTRIBUTE_NAMES = ["fill", "stroke", "id", "x", "transform", "href", "xlink:href", "style", "class", "inkscape:label", "data-x"] * 4 + [
    "onload", "ONCLICK", "h:onclick", "xml:base", "xml:space", "cursor", "mask", "values", "attributeName"]
VALUES = ["red", "#a", "url(#a)", "url('#a') red", "translate(1 2)", "fill:red", "fill:url(#a);stroke:blue", "ä", "&", "<", "\n"] * 4 + [
    "javascript:alert(1)", " javascript:x", "url(https://evil.example/x)", "//evil.example/x", "data:,x", "fill:url(//evil.example/x)",
    "-moz-binding:url(//evil.example)", "@import 'x'", "fill:red/*x*/", "u\\72l(x)", "expression(x)", "a;b", "'"]
SVG_PIECES = ["<!--x-->", "<![CDATA[x]]>", "&amp;", "&#x6a;", "ä", " "] * 4 + ["<?x y?>", "<!DOCTYPE svg>", "&e;", "&#0;", "<", "&", "\x00"]
OPEN_WITH_PREFIXES = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                      'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:h="http://www.w3.org/1999/xhtml">')
FORBIDDEN_IN_OUTPUT = re.compile(
    r"<(?:script|style|foreignObject|animate|set|a|image|switch|feImage|h:)\b|\son\w*\s*=|javascript:|evil\.example|binding"
    r"|xml:base|<!|<\?|expression|class=|data-x|inkscape|(?:href\s*=\s*['\"]|url\(\s*['\"]?)\s*[^#'\"\s]", re.IGNORECASE)


def _svg_documents():
    from xml.sax.saxutils import quoteattr

    from hypothesis import strategies as st

    attributes = st.dictionaries(st.sampled_from(ATTRIBUTE_NAMES), st.sampled_from(VALUES) | st.text(max_size=6), max_size=4)

    def element(children):
        return st.tuples(st.sampled_from(ELEMENT_NAMES), attributes, st.lists(children, max_size=4)).map(
            lambda e: f"<{e[0]}" + "".join(f" {k}={quoteattr(v)}" for k, v in e[1].items()) + ">" + "".join(e[2]) + f"</{e[0]}>")

    leaf = st.sampled_from(SVG_PIECES) | st.text(max_size=6).map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;"))
    body = st.recursive(leaf, element, max_leaves=25)
    return st.lists(body, max_size=4).map(lambda parts: OPEN_WITH_PREFIXES + "".join(parts) + "</svg>")


def test_random_svg_is_refused_or_comes_out_clean_and_stable():
    """Whatever the input, the verdict is a German refusal or a file without script, handler, foreign address or CSS."""
    from hypothesis import HealthCheck, given, settings

    accepted = []

    @settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_svg_documents())
    def run(text):
        try:
            clean = clean_svg(text.encode("utf-8", "surrogatepass"))
        except SvgError as error:
            assert error.problem and error.advice.endswith(".")
            return
        accepted.append(clean)
        assert not FORBIDDEN_IN_OUTPUT.search(clean.decode()), clean
        assert clean_svg(clean) == clean

    run()
    assert sum(clean.count(b"<") >= 3 for clean in accepted) >= 20, "the fuzzer must also reach documents the allowlist keeps"
