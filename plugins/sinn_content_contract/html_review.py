"""What html_policy.clean() removes or changes in a rendered text, in the terms its author wrote it.

nh3 only returns what is left, so review() works it out here. It reads the HTML before cleaning
into tokens (start tags with their attributes, closing tags of refused elements, text), applies the
allowlist to them, and checks that prediction against the tokens of the real cleaned HTML. Where
the two differ (HTML5's parser rebuilt something, e.g. inside <svg> or a misnested table), it
compares before and after with difflib instead. Either way whatever clean() drops shows up, and
a text without a finding is published as written. html.parser's comment rules are made those of
HTML5 here, so no markup can hide from the comparison in a comment that nh3 would end earlier.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .html_policy import CLEAN_CONTENT_TAGS, TAGS, allowed_attribute, clean

# Above this many token pairs the comparison of a rebuilt text would take too long: one finding for all.
MAX_DIFF_WORK = 4_000_000
_COMMENT_END = re.compile(r"--!?>")


@dataclass(frozen=True)
class Change:
    """One thing clean() removes or changes, in the terms an author wrote it."""

    kind: str  # "element", "attribute", "end" (a closing tag without its element) or "text"
    tag: str = ""
    attributes: tuple = ()  # the element's attributes as written: ((name, value), …)
    name: str = ""  # the attribute removed
    value: str = ""  # its value, or the text that changed


@dataclass
class Review:
    """The cleaned HTML, every change clean() made, and the link targets it kept, in the order of the text."""

    cleaned: str
    changes: list[Change] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value) of kept href and src


def review(html: str) -> Review:
    """What clean() does to html: the cleaned HTML, what it removed or changed, and the links it kept."""
    cleaned = clean(html)
    before = _tokens(html)
    after = before if cleaned == html else _tokens(cleaned)
    result = Review(cleaned)
    if [t[0] for t in before] == [t[0] for t in after]:
        result.links = [link for token in before for link in _links(token[1], token[2])]
        return result
    kept = _predict(before, result)
    if not _same(kept, after):
        result.changes, result.links = [], []
        _compare(before, after, result)
    return result


def _predict(before: list, result: Review) -> list:
    """The tokens the allowlist keeps; its removals and the kept links go into result."""
    kept, divs, removed = [], [], Counter()
    skipped: list | None = None  # [tag, depth] of an element removed with everything inside
    for token in before:
        key, tag, attributes = token
        if skipped is not None:
            skipped[1] += (key[0] == "start" and tag == skipped[0]) - (key[0] == "end" and tag == skipped[0])
            if not skipped[1]:
                removed[tag] -= 1  # its closing tag went with it
                skipped = None
        elif key[0] == "text":
            kept.append(token)
        elif key[0] == "end":
            if tag == "div" and divs and divs.pop():
                kept.append(token)
            elif removed[tag]:
                removed[tag] -= 1
            else:
                result.changes.append(Change("end", tag))
        else:
            kept += _predict_start(tag, attributes, result, divs, removed)
            if tag in CLEAN_CONTENT_TAGS:
                skipped = [tag, 1]
    return kept


def _predict_start(tag: str, attributes: tuple, result: Review, divs: list, removed: Counter) -> list:
    names: set[str] = set()
    staying, dropped = [], []
    for name, value in attributes:
        (staying if name not in names and allowed_attribute(tag, name, value) else dropped).append((name, value))
        names.add(name)
    if tag not in TAGS or (tag == "img" and not any(name == "src" for name, _ in staying)) or (
            tag == "div" and not staying):
        result.changes.append(Change("element", tag, attributes))
        removed[tag] += 1
        if tag == "div":
            divs.append(False)
        return []
    if tag == "div":
        divs.append(True)
    result.changes += [Change("attribute", tag, attributes, name, value) for name, value in dropped]
    result.links += _links(tag, staying)
    return [(("start", tag, tuple(sorted(staying))), tag, tuple(staying))]


def _same(kept: list, after: list) -> bool:
    """True when the cleaned tokens are the predicted ones, give or take the bare tags HTML5 adds (tbody, p) and spaces."""
    expected = [t[0] for t in kept if t[0][0] != "text"]
    position = 0
    for key in (t[0] for t in after if t[0][0] != "text"):
        if position < len(expected) and key == expected[position]:
            position += 1
        elif not (key[0] == "start" and key[1] in TAGS and not key[2]):
            return False
    return position == len(expected) and _letters(kept) == _letters(after)


def _letters(tokens: list) -> str:
    return "".join("".join(t[1].split()) for t in tokens if t[0][0] == "text")


def _compare(before: list, after: list, result: Review) -> None:
    """Where HTML5 rebuilt the text: difflib between the tokens before and after cleaning."""
    a, b = [t[0] for t in before], [t[0] for t in after]
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    result.links += [link for token in before[:start] for link in _links(token[1], token[2])]
    middle_before, middle_after = before[start:len(before) - end], after[start:len(after) - end]
    if len(middle_before) * len(middle_after) > MAX_DIFF_WORK:
        first = middle_before[0] if middle_before else middle_after[0]
        result.changes.append(Change("text", value=first[1] if first[0][0] == "text" else f"<{first[1]}"))
    else:
        removed: Counter = Counter()
        matcher = difflib.SequenceMatcher(None, [t[0] for t in middle_before], [t[0] for t in middle_after], autojunk=False)
        for operation, i1, i2, j1, j2 in matcher.get_opcodes():
            if operation == "equal":
                result.links += [link for token in middle_before[i1:i2] for link in _links(token[1], token[2])]
            else:
                result.changes += _compare_block(middle_before[i1:i2], middle_after[j1:j2], removed, result.links)
    result.links += [link for token in before[len(before) - end:] for link in _links(token[1], token[2])]


def _compare_block(before: list, after: list, removed_elements: Counter, links: list) -> list[Change]:
    changes: list[Change] = []
    starts_after = [t for t in after if t[0][0] == "start"]
    used = 0
    for key, tag, attributes in before:
        if key[0] == "start":
            partner = next((i for i in range(used, len(starts_after)) if starts_after[i][1] == tag), None)
            if partner is None:
                changes.append(Change("element", tag, attributes))
                removed_elements[tag] += 1
                continue
            used = partner + 1
            kept = list(starts_after[partner][2])
            for name, value in attributes:
                if (name, value) in kept:
                    kept.remove((name, value))
                    links += _links(tag, ((name, value),))
                else:
                    changes.append(Change("attribute", tag, attributes, name, value))
        elif key[0] == "end" and key not in (t[0] for t in after):
            if removed_elements[tag]:
                removed_elements[tag] -= 1
            else:
                changes.append(Change("end", tag))
    text_before = " ".join(t[1] for t in before if t[0][0] == "text")
    text_after = " ".join(t[1] for t in after if t[0][0] == "text")
    if not changes and "".join(text_before.split()) != "".join(text_after.split()):
        changes.append(Change("text", value=text_before or text_after))
    return changes


def _links(tag: str, attributes) -> list[tuple[str, str, str]]:
    return [(tag, name, value) for name, value in attributes if (tag, name) in (("a", "href"), ("img", "src"))]


class _Tokenizer(HTMLParser):
    """Start tags (with attributes), closing tags of refused elements and whitespace-normalised text."""

    # Elements whose content HTML5 (and so nh3) reads as text, not as tags.
    CDATA_CONTENT_ELEMENTS = ("script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []
        self._text: list[str] = []

    def _flush(self):
        text = " ".join("".join(self._text).split())
        self._text = []
        if text:
            self.tokens.append((("text", text), text, ()))

    def handle_starttag(self, tag, attrs):
        self._flush()
        attributes = tuple((name, value or "") for name, value in attrs)
        self.tokens.append((("start", tag, tuple(sorted(attributes))), tag, attributes))

    def handle_endtag(self, tag):
        if tag not in TAGS or tag == "div":
            self._flush()
            self.tokens.append((("end", tag), tag, ()))

    def handle_data(self, data):
        self._text.append(data)

    def parse_comment(self, i, report=1):
        """Where a comment ends by HTML5's rules: at "<!-->", "<!--->", the first "-->" or "--!>", else at the end."""
        rawdata, start = self.rawdata, i + 4
        for abrupt in (">", "->"):
            if rawdata.startswith(abrupt, start):
                return start + len(abrupt)
        match = _COMMENT_END.search(rawdata, start)
        return match.end() if match else len(rawdata)

    def parse_html_declaration(self, i):
        """<!DOCTYPE …>, <![CDATA[…]]> and other <!…> end at the first ">" in HTML5 (nh3 drops them)."""
        end = self.rawdata.find(">", i + 2)
        return end + 1 if end >= 0 else len(self.rawdata)

    def close(self):
        super().close()
        self._flush()


def _tokens(html: str) -> list[tuple]:
    tokenizer = _Tokenizer()
    tokenizer.feed(html)
    tokenizer.close()
    return tokenizer.tokens


__all__ = ["Change", "Review", "review"]
