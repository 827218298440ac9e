"""What an SVG logo may contain: the allowlists that plugins/images/svg.py re-serialises from.

Data only. Elements and attributes are SVG 1.1/2 names in the SVG namespace; PRESENTATION holds
the properties that are also presentation attributes, so a `style` declaration can become one.
"""

EDITOR_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.bohemiancoding.com/sketch/ns", "http://www.serif.com/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/", "http://creativecommons.org/ns#", "http://web.resource.org/cc/",
}
EDITOR_NAMESPACE_PREFIXES = ("http://ns.adobe.com/",)

ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "textPath", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol", "use", "pattern", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
}
TEXT_ELEMENTS = {"text", "tspan", "textPath", "title", "desc"}
PRESENTATION = {
    "alignment-baseline", "baseline-shift", "clip-path", "clip-rule", "color", "color-interpolation", "color-interpolation-filters",
    "color-rendering", "direction", "display", "dominant-baseline", "fill", "fill-opacity", "fill-rule", "filter", "flood-color",
    "flood-opacity", "font-family", "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-weight",
    "image-rendering", "letter-spacing", "lighting-color", "marker-end", "marker-mid", "marker-start", "mask", "mask-type",
    "opacity", "overflow", "paint-order", "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray",
    "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke-width",
    "text-anchor", "text-decoration", "text-rendering", "transform-origin", "unicode-bidi", "vector-effect", "visibility",
    "white-space", "word-spacing", "writing-mode",
}
ATTRIBUTES = PRESENTATION | {
    "id", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "d", "points",
    "pathLength", "viewBox", "preserveAspectRatio", "transform", "gradientTransform", "gradientUnits", "patternUnits",
    "patternContentUnits", "patternTransform", "spreadMethod", "offset", "clipPathUnits", "maskUnits", "maskContentUnits",
    "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient", "dx", "dy", "rotate", "textLength",
    "lengthAdjust", "startOffset", "method", "spacing", "side", "version", "baseProfile", "filterUnits", "primitiveUnits",
    "in", "in2", "result", "stdDeviation", "mode", "type", "values", "operator", "k1", "k2", "k3", "k4", "radius",
    "tableValues", "slope", "intercept", "amplitude", "exponent", "role", "aria-label", "aria-hidden", "aria-labelledby",
    "aria-describedby", "lang", "href",
}
IGNORED_ATTRIBUTES = {"class", "enable-background"}
# style declarations that change nothing in a file without CSS text layout or blending: dropped.
NEUTRAL_STYLE = {
    "line-height": None, "enable-background": None, "solid-color": None, "solid-opacity": None, "shape-padding": None,
    "mix-blend-mode": {"normal"}, "isolation": {"auto"}, "marker": {"none"}, "text-transform": {"none"}, "text-align": {"start"},
    "text-indent": {"0"}, "font-feature-settings": {"normal"}, "font-variation-settings": {"normal"}, "font-kerning": {"auto"},
    "font-variant-ligatures": {"normal"}, "font-variant-caps": {"normal"}, "font-variant-numeric": {"normal"},
    "font-variant-east-asian": {"normal"}, "font-variant-position": {"normal"}, "font-variant-alternates": {"normal"},
    "inline-size": {"0"}, "text-decoration-line": {"none"}, "text-decoration-style": {"solid"},
}
# CSS functions a value may use; url() only as url(#id), checked apart.
FUNCTIONS = {"url", "rgb", "rgba", "hsl", "hsla", "matrix", "translate", "scale", "rotate", "skewx", "skewy"}
