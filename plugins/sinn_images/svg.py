"""SVG logos from content: parsed, refused or re-serialised from an allowlist; never published as they came.

An SVG opened directly is a document of the site's origin, and GitHub Pages sends no CSP with it,
so whatever it contains runs as the site. `clean_svg` parses the bytes with expat (which gives
line numbers), refuses DOCTYPEs (and so every entity), processing instructions, oversized or too
deeply nested files, and writes a new file that holds only allowlisted SVG elements and attributes
in the SVG namespace, with `#id` as the only address (`href`, `xlink:href`, `url(#id)`). The checker
(content_contract.formats) and the image pipeline call the same function, so they cannot disagree.

Editor data that never changes what is shown is dropped silently: comments, <metadata>, attributes
and elements in the namespaces of Inkscape, Sodipodi, Illustrator, Sketch and Affinity, `class` and
`data-*` (there is no style sheet they could select). Everything else outside the allowlist is
refused with a German reason, its line and what to do. <style> elements are refused (a style sheet
can select, import and load, and is far more than a logo needs); a `style` attribute is read
declaration by declaration and each declaration becomes the presentation attribute of the same name
(style wins over an attribute, as in CSS), so the output carries no CSS at all.

Own code rather than a library: nh3/ammonia clean HTML, not XML namespaces or DOCTYPEs; defusedxml
only blocks entities; the few SVG sanitisers on PyPI are prototypes. The standard library's expat
parser and an explicit allowlist are short enough to read in full.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from .svg_allowlist import (
    ATTRIBUTES,
    EDITOR_NAMESPACE_PREFIXES,
    EDITOR_NAMESPACES,
    ELEMENTS,
    FUNCTIONS,
    IGNORED_ATTRIBUTES,
    NEUTRAL_STYLE,
    PRESENTATION,
    TEXT_ELEMENTS,
)

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_ELEMENTS = 20_000

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
_PREFIXES = {XML: "xml", XLINK: "xlink", SVG: "svg"}
_FUNCTION = re.compile(r"([A-Za-z_-][\w-]*)\s*\(")
_LOCAL_URL = re.compile(r"""url\(\s*(['"]?)#[^\s'"()<>\\]+\1\s*\)""", re.IGNORECASE)
_LOCAL_HREF = re.compile(r"#[^\s'\"()<>\\]+")
_UNSAFE_VALUE = re.compile(r"[\\\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ADDRESS = re.compile(r"(?:javascript|vbscript|data|https?|ftp|file):|//", re.IGNORECASE)
_PROPERTY = re.compile(r"-?[A-Za-z][A-Za-z-]*")

AS_PNG = "Speichern Sie das Logo als PNG."


class SvgError(ValueError):
    """An SVG that is not published: what is wrong (German), its line, and what to do."""

    def __init__(self, problem: str, line: int | None = None, advice: str = AS_PNG):
        super().__init__(problem)
        self.problem, self.line, self.advice = problem, line, advice

    def describe(self, name: str) -> str:
        """One German sentence pair naming the file and the line."""
        where = f", Zeile {self.line}" if self.line else ""
        return f"Die SVG-Grafik {name}{where}: {self.problem}. {self.advice}"


def _without(what: str) -> str:
    return f"Exportieren Sie das Logo ohne {what} oder speichern Sie es als PNG."


_REFUSED_ELEMENTS = {
    "script": ("ein <script> kann Programmcode ausführen", "<script>"),
    "foreignObject": ("<foreignObject> bettet HTML ein", "<foreignObject>"),
    "style": ("ein <style>-Block (CSS) ist nicht erlaubt", "<style>-Block (als „Präsentationsattribute“ statt „Internes CSS“)"),
    "a": ("ein Link (<a>) ist in einem Logo nicht erlaubt", "Link"),
    "image": ("ein eingebettetes Bild (<image>) ist nicht erlaubt", "eingebettete Bilder"),
    "feImage": ("ein eingebettetes Bild (<feImage>) ist nicht erlaubt", "eingebettete Bilder"),
}
_ANIMATION = {"animate", "animateMotion", "animateTransform", "animateColor", "set", "discard"}


def read_clean_svg(path: str) -> bytes:
    """The cleaned bytes of the SVG file at path; raise SvgError when it cannot be published."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise SvgError("die Datei lässt sich nicht lesen", advice="Legen Sie die Datei neu an oder speichern Sie das Logo als PNG.") from error
    return clean_svg(data)


def clean_svg(data: bytes) -> bytes:
    """The SVG re-serialised from the allowlist, as UTF-8 bytes; raise SvgError (German, with line) otherwise."""
    if len(data) > MAX_BYTES:
        raise SvgError(f"die Datei ist größer als {MAX_BYTES // 1024} KB", advice="Vereinfachen Sie das Logo oder speichern Sie es als PNG.")
    writer = _Writer()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    writer.attach(parser)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise _parse_error(error) from None
    except SvgError:
        raise
    except (ValueError, LookupError):  # an encoding expat cannot read (UTF-7, Shift-JIS …)
        raise SvgError("die Zeichenkodierung der Datei wird nicht unterstützt (XML-Angabe encoding=…)", 1,
                       "Speichern Sie das Logo als SVG in UTF-8 oder als PNG.") from None
    if not writer.parts:
        raise SvgError("die Datei enthält keine SVG-Grafik", advice="Exportieren Sie das Logo neu als SVG oder speichern Sie es als PNG.")
    return writer.result()


def _parse_error(error: expat.ExpatError) -> SvgError:
    code = expat.errors.codes
    if error.code == code[expat.errors.XML_ERROR_UNDEFINED_ENTITY]:
        problem = "eine unbekannte Entität (&…;)"
    elif error.code == code[expat.errors.XML_ERROR_UNBOUND_PREFIX]:
        problem = "ein Präfix ohne Namensraum (xmlns:…)"
    elif error.code == code[expat.errors.XML_ERROR_NO_ELEMENTS]:
        return SvgError("die Datei ist leer oder kein XML", advice="Exportieren Sie das Logo neu als SVG oder speichern Sie es als PNG.")
    else:
        problem = f"das XML ist fehlerhaft (Spalte {error.offset + 1})"
    return SvgError(problem, error.lineno, "Exportieren Sie das Logo neu als SVG (UTF-8) oder speichern Sie es als PNG.")


class _Writer:
    """Receives expat's events and writes the allowlisted document."""

    def __init__(self):
        self.parser = None
        self.parts: list[str] = []
        self.stack: list[str | None] = []  # element names written, None for a dropped element
        self.elements = 0
        self.uses_xlink = False
        self.pending = False  # a start tag is open: ">" or "/>" still to come

    def attach(self, parser) -> None:
        self.parser = parser
        parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = self.start, self.end, self.text
        parser.StartDoctypeDeclHandler = self.doctype
        parser.ProcessingInstructionHandler = self.instruction
        # Unreachable after the DOCTYPE is refused; set so that no later expat can change that.
        parser.EntityDeclHandler = parser.ExternalEntityRefHandler = lambda *_: self.refuse("eine Entität (<!ENTITY …>) ist nicht erlaubt")

    def doctype(self, *_):
        self.refuse("eine DOCTYPE-Angabe ist nicht erlaubt (sie kann Entitäten und Verweise auf andere Dateien enthalten)",
                    "Löschen Sie die Zeile <!DOCTYPE …> oder speichern Sie das Logo als PNG.")

    def instruction(self, target, _data):
        self.refuse(f"<?{target} …?> (Verarbeitungsanweisung) ist nicht erlaubt", f"Löschen Sie <?{target} …?> oder speichern Sie das Logo als PNG.")

    def result(self) -> bytes:
        """The written document; the namespaces are declared once, on the root (whose tag opens parts[0])."""
        declarations = f' xmlns="{SVG}"' + (f' xmlns:xlink="{XLINK}"' if self.uses_xlink else "")
        return ("<svg" + declarations + "".join(self.parts)[len("<svg"):] + "\n").encode("utf-8")

    def refuse(self, problem: str, advice: str = AS_PNG):
        raise SvgError(problem, self.parser.CurrentLineNumber, advice)

    def start(self, name: str, attributes: dict) -> None:
        self.elements += 1
        if len(self.stack) >= MAX_DEPTH or self.elements > MAX_ELEMENTS:
            self.refuse(f"die Grafik ist zu tief verschachtelt oder hat zu viele Elemente (mehr als {MAX_DEPTH} Ebenen "
                        f"oder {MAX_ELEMENTS} Elemente)", "Vereinfachen Sie das Logo oder speichern Sie es als PNG.")
        namespace, _, local = name.rpartition(" ")
        if not self.stack:
            self._check_root(namespace, local)
        if (self.stack and self.stack[-1] is None) or _is_editor(namespace) or (namespace == SVG and local == "metadata"):
            self.stack.append(None)  # editor data, or inside it: never shown
            return
        self._check_element(namespace, local)
        cleaned = self._attributes(attributes)
        self._close_pending()
        self.parts.append(f"<{local}" + "".join(f' {key}="{_escape(value, True)}"' for key, value in cleaned.items()))
        self.pending = True
        self.stack.append(local)

    def end(self, _name: str) -> None:
        local = self.stack.pop()
        if local is None:
            return
        if self.pending:
            self.parts.append("/>")
            self.pending = False
        else:
            self.parts.append(f"</{local}>")

    def text(self, data: str) -> None:
        if self.stack and self.stack[-1] in TEXT_ELEMENTS:
            self._close_pending()
            self.parts.append(_escape(data))

    def _close_pending(self) -> None:
        if self.pending:
            self.parts.append(">")
            self.pending = False

    def _check_root(self, namespace: str, local: str) -> None:
        if local != "svg":
            self.refuse(f"die Datei ist keine SVG-Grafik (sie beginnt mit <{local}>)")
        if namespace != SVG:
            self.refuse(f'am <svg> fehlt xmlns="{SVG}"', f'Ergänzen Sie xmlns="{SVG}" im <svg>-Element oder speichern Sie das Logo als PNG.')

    def _check_element(self, namespace: str, local: str) -> None:
        if namespace != SVG:
            self.refuse(f"das Element <{local}> aus dem Namensraum „{namespace or 'ohne Namensraum'}“ ist nicht erlaubt", _without(f"<{local}>"))
        if local in _REFUSED_ELEMENTS:
            problem, what = _REFUSED_ELEMENTS[local]
            self.refuse(problem, _without(what))
        if local in _ANIMATION:
            self.refuse(f"die Animation <{local}> ist nicht erlaubt (sie kann Attribute und Links verändern)", _without("Animationen"))
        if local not in ELEMENTS:
            self.refuse(f"das Element <{local}> ist in Logos nicht erlaubt", _without(f"<{local}>"))

    def _attributes(self, attributes: dict) -> dict[str, str]:
        cleaned: dict[str, str] = {}
        style = None
        for name, value in attributes.items():
            namespace, _, local = name.rpartition(" ")
            if _is_editor(namespace) or (not namespace and (local in IGNORED_ATTRIBUTES or local.startswith("data-"))):
                continue
            if not namespace and local.lower().startswith("on"):
                self.refuse(f"das Attribut {local}= kann Programmcode ausführen", _without(f"{local}="))
            if namespace == XLINK and local != "href":
                continue  # xlink:title, xlink:type …: inert descriptions
            if namespace == XML and local in ("space", "lang"):
                cleaned[f"xml:{local}"] = value
                continue
            if namespace == XLINK or (not namespace and local == "href"):
                self._check_href(value)
                self.uses_xlink = self.uses_xlink or namespace == XLINK
                cleaned["xlink:href" if namespace == XLINK else "href"] = value.strip()
                continue
            if not namespace and local == "style":
                style = value
                continue
            if namespace or local not in ATTRIBUTES:
                shown = f"{_PREFIXES[namespace]}:{local}" if namespace in _PREFIXES else local
                origin = f" (aus dem Namensraum „{namespace}“)" if namespace and namespace not in _PREFIXES else ""
                self.refuse(f"das Attribut {shown}={origin} ist in Logos nicht erlaubt", _without(f"{shown}="))
            self._check_value(local, value)
            cleaned[local] = value
        if style is not None:
            cleaned.update(self._style(style))
        return cleaned

    def _check_href(self, value: str) -> None:
        if not _LOCAL_HREF.fullmatch(value.strip()):
            self.refuse(f"der Verweis „{_short(value)}“ zeigt aus der Datei hinaus; erlaubt sind nur Verweise wie #name in derselben Datei",
                        _without("Verweise auf andere Dateien oder Adressen"))

    def _check_value(self, name: str, value: str) -> None:
        if _UNSAFE_VALUE.search(value):
            self.refuse(f"der Wert von {name} enthält unerlaubte Zeichen (\\ oder Steuerzeichen)")
        for match in _FUNCTION.finditer("" if name == "aria-label" else value):  # a label is text: "Verein (Dresden)"
            function = match.group(1).lower()
            if function not in FUNCTIONS:
                self.refuse(f"der Wert von {name} enthält die Funktion {function}()", _without(f"{function}()"))
            if function == "url" and not _LOCAL_URL.match(value, match.start()):
                self.refuse(f"der Wert von {name} lädt „{_short(value)}“; erlaubt ist nur url(#name) in derselben Datei",
                            _without("Verweise auf andere Dateien oder Adressen"))
        # No address of any kind, even where a browser would not follow it: nothing published may carry one.
        if _ADDRESS.search(re.sub(r"\s+", "", value)):
            self.refuse(f"der Wert von {name} enthält eine Adresse („{_short(value)}“)", _without("Verweise auf andere Dateien oder Adressen"))

    def _style(self, style: str) -> dict[str, str]:
        if re.search(r"/\*|[{}<@!]", style):
            self.refuse(f"die style-Angabe „{_short(style)}“ enthält Zeichen, die hier nicht erlaubt sind ({{ }} < @ ! /*)")
        result = {}
        declarations = _declarations(style)
        if declarations is None:
            self.refuse(f"die style-Angabe „{_short(style)}“ hat ein Anführungszeichen ohne Ende")
        for declaration in declarations:
            if not declaration.strip():
                continue
            name, colon, value = declaration.partition(":")
            name, value = name.strip().lower(), value.strip()
            if not colon or not _PROPERTY.fullmatch(name):
                self.refuse(f"die style-Angabe „{_short(declaration)}“ ist keine Angabe der Form name: wert")
            neutral = NEUTRAL_STYLE.get(name, ())
            if name.startswith("-") or neutral is None or value.lower() in neutral:
                continue  # vendor extensions (-inkscape-…) and declarations that change nothing here
            if name not in PRESENTATION:
                self.refuse(f"die style-Angabe {name}: {_short(value)} ist nicht erlaubt", _without(f"die style-Angabe {name}"))
            self._check_value(name, value)
            result[name] = value
        return result


def _declarations(style: str) -> list[str] | None:
    """The declarations of a style attribute, split at ; outside quotes (None if a quote is left open)."""
    parts, current, quote = [], [], None
    for char in style:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ";":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    return None if quote else [*parts, "".join(current)]


def _is_editor(namespace: str) -> bool:
    return namespace in EDITOR_NAMESPACES or namespace.startswith(EDITOR_NAMESPACE_PREFIXES)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return text

