"""HTML pages: parsed with selectolax (lexbor), turned into Markdown-like text, then compressed
by the markdown/prose rules.

Dropped (one omission with the exact source spans, its marker at the top): ``script``,
``style``, ``noscript``, ``template``, ``svg``, ``nav``, ``iframe`` and comments. Navigation
written as plain elements (``role="navigation"``, an id or class such as ``nav``, ``menu``,
``sidebar``, ``breadcrumbs``, ``toc``) is left out where it stands, behind a marker with its
exact source span, when it is mostly links (see :meth:`_Renderer.navigation`). Turned into
Markdown: ``h1``-``h6`` into ``#`` headings (so the document compressor keeps them), ``pre``
into fenced code blocks (kept verbatim, or compressed as their language when long), inline
``code``/``kbd``/``samp``/``tt`` into backticks (API names stay visible), list items into
``-``/``1.`` items, tables into ``|`` rows, ``dt``/``dd`` into terms and indented definitions,
``blockquote`` into ``>`` lines; ``title`` becomes the first line. Every text piece remembers
where in the source it came from (found by search, see :mod:`transforms._derived`), so the
markdown compressor's omissions point at the HTML they hide.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from transforms._derived import CompressFn, Derived, compress_derived
from transforms._omit import Omitter

__all__ = ["NoText", "compress_html", "html_document", "is_html"]

_DROPPED = ("script", "style", "noscript", "template", "svg", "nav", "iframe")
_DROPPED_RE = re.compile(
    r"<(script|style|noscript|template|svg|nav|iframe)\b[^>]*>.*?</\1\s*>|<!--.*?-->",
    re.DOTALL | re.IGNORECASE,
)
_BLOCKS = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "ul",
        "ol",
        "table",
        "form",
        "figure",
        "figcaption",
        "details",
        "summary",
        "address",
        "center",
        "body",
        "html",
        "dl",
        "fieldset",
        "caption",
    )
)
# Elements the walk does not enter (the dropped ones are named in the marker at the top).
_SKIPPED = frozenset((*_DROPPED, "head", "-comment"))
_INLINE_CODE = frozenset(("code", "kbd", "samp", "tt", "var"))
# A list of at least this many links to places on the page, and nothing else, is a table of
# contents.
_TOC_MIN_LINKS = 5
# Navigation written as plain elements (a ``<div id="nav">`` menu, a ``<div class="sidebar">``,
# breadcrumbs, ``role="navigation"``): an element of these tags whose id or class has one of
# these words as a whole part (parts are separated by anything but letters and digits:
# "site-nav" and "nav_main" name navigation, "canvas", "navpath" and "menubar" do not).
_NAV_TAGS = frozenset(("div", "section", "aside", "header", "footer", "ul", "ol", "menu"))
_NAV_WORDS = frozenset(
    ("nav", "navbar", "navigation", "menu", "sidebar", "breadcrumb", "breadcrumbs", "toc")
)
_NAV_PART = re.compile(r"[^\W_]+")
# It is left out only when at least this share of its words are link text (an article in a
# misnamed div stays), it holds at least _NAV_MIN_LINKS links and none of these elements (a
# heading or a term is part of the page's outline, code is content).
_NAV_LINK_SHARE = 0.7
_NAV_MIN_LINKS = 2
_NAV_KEEP = "h1, h2, h3, h4, h5, h6, dt, pre"
_WS = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")
# Preformatted text that reads as prose (a manual generated from a C header keeps its chapters'
# text and each declaration's description in ``<pre>``): at least _PROSE_MIN_WORDS words, at
# least _PROSE_WORD_SHARE of them plain words (letters, a capital only first, punctuation
# around), a sentence end, and at most _PROSE_CODE_LINES of its lines reading as code
# (_CODE_LINE: a comment, directive, prompt or bracket opening it, a statement or brace ending
# it, a ``key = value`` setting, a comment's end).
_PROSE_MIN_WORDS = 8
_PROSE_WORD_SHARE = 0.6
_PROSE_CODE_LINES = 0.1
_PLAIN_WORD = re.compile(r"[(\"'`]?[A-Za-z][a-z'-]*[.,:;)!?\"'`]*")
_SENTENCE_END = re.compile(r"[a-z)][.!?](?:\s|$)")
_CODE_LINE = re.compile(
    r"^[ \t]*(?:[#$>*{}\[<]|//|/\*|[\w.-]+[ \t]*=[ \t]*\S)|(?:[;{}]|\*/|\\)[ \t]*$",
    re.MULTILINE,
)
_BLANK_LINE = re.compile(r"(\n[ \t]*\n)")
# Block elements whose text, inside ``<pre>``, may leave the code fence as prose.
_PRE_PROSE_BLOCKS = frozenset(("p", "div", "blockquote"))
# (An XHTML page may open with an XML declaration, any page with comments: a licence, a
# generator's note.)
_HTML_START = re.compile(
    r"\ufeff?\s*(?:<\?xml\b[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"</?(?:div|p|a|span|h[1-6]|table|tr|td|li|ul|script|link|meta|img|br)\b", re.I)
# Characters the parser may have decoded from an entity: a located key stops before them.
_KEY_END = re.compile(r"[&<>\"'\u00a0-\uffff]")


def html_document(text: str) -> bool:
    """An HTML document: doctype, html, head or body first (after an XML declaration and
    comments, if any)."""
    return _HTML_START.match(text, 0, 8000) is not None


def is_html(text: str) -> bool:
    """An HTML document, or text that is mostly tags."""
    if html_document(text):
        return True
    head = text[:4000]
    tags = len(_TAG.findall(head))
    return tags >= 10 and tags * 12 >= len(head.split())


def _reads_as_prose(text: str) -> bool:
    """Whether preformatted ``text`` is prose (see _PLAIN_WORD), not code, a table or output."""
    words = text.split()
    if len(words) < _PROSE_MIN_WORDS or _SENTENCE_END.search(text) is None:
        return False
    # (Counted by map and sum, no Python loop: a <pre> of code may hold thousands of words.)
    if sum(map(bool, map(_PLAIN_WORD.fullmatch, words))) < _PROSE_WORD_SHARE * len(words):
        return False
    lines = sum(map(bool, map(str.strip, text.splitlines())))
    # (A line may match twice, at its start and its end: counted twice, on the safe side.)
    return len(_CODE_LINE.findall(text)) <= _PROSE_CODE_LINES * lines


class _Renderer:
    def __init__(self, d: Derived, source: str, holes: list[tuple[int, int]] | None = None) -> None:
        self.d = d
        self.src = source
        self.holes = holes or []  # source spans already omitted (scripts, styles, comments)
        self.pre = 0
        # Inside a <pre> whose parts may leave the code fence as prose (see element): whether
        # the fence is open now (it opens again at the next text that is not blank).
        self.fence: bool | None = None
        # Inside h1-h6 or a dt (a title, a term): inline code is shown as plain text and a line
        # break as a space, so the title's words stand on one line as the page shows them.
        self.heading = 0
        self.term_run = False  # a dt was just written and another dt follows it
        self.lists: list[str] = []  # "ul"/"ol" nesting
        self.counters: list[int] = []
        self.item_open = False  # a list item's "- " was just written: no break before its text
        self.prose_block = 0  # inside a block of a <pre> written as prose (outside its fence)
        # Each tag's handler (see walk): a tag not named here is walked into.
        handlers: dict[str, Callable[[Any, str], None]] = {
            **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), self.heading_),
            **dict.fromkeys(_BLOCKS, self.block_),
            **dict.fromkeys(_INLINE_CODE, self.code_),
            **dict.fromkeys(("ul", "ol", "menu"), self.list_),
            "pre": self.pre_,
            "p": self.paragraph_,
            "div": self.paragraph_,
            "blockquote": self.blockquote_,
            "li": self.item_,
            "tr": self.row_,
            "br": self.br_,
            "hr": self.hr_,
            "dt": self.term_,
            "dd": self.definition_,
            "img": self.image_,
            "a": self.link_,
        }
        self.handlers = handlers

    # --- output helpers -------------------------------------------------------------------
    def blank(self) -> None:
        if self.item_open:
            return
        tail = self.d.tail
        if tail and tail != "\n\n":
            self.d.add("\n" if tail[-1] == "\n" else "\n\n")

    def newline(self) -> None:
        if self.item_open:
            return
        if self.d.tail and not self.d.tail.endswith("\n"):
            self.d.add("\n")

    def locate(self, text: str) -> tuple[int, int] | None:
        """Where ``text`` (a text node, entities decoded) stands in the source."""
        body = text.lstrip()
        lead = len(text) - len(body)
        body = body.rstrip()
        if not body:
            return None
        # The key: the first run of characters the source spells as the text does (a text
        # opening with a curly quote or an entity is found by the words after it).
        k = 0
        while True:
            m = _KEY_END.search(body, k, k + 48)
            key = body[k : m.start()] if m else body[k : k + 48]
            if len(key) >= 3 or m is None or k > 96:
                break
            k = m.end()
        if len(key) < 3:
            return None
        cursor = self.d.cursor
        pos = self.src.find(key, cursor)
        if pos < 0 or (len(key) < 8 and pos - cursor > 20000):
            return None
        # Characters before the key may be entities in the source: the piece starts where it
        # can, never before the cursor.
        start = pos - k - lead
        if k:
            start = max(cursor, self.src.rfind(">", cursor, pos) + 1, start - 8 * k)
        return max(cursor, start), pos + len(body) - k

    def text(self, raw: str) -> None:
        d = self.d
        if self.pre:
            if self.fence is False and not self.prose_block:
                if not raw.strip():
                    return
                self.blank()
                d.add("```\n")
                self.fence = True
            where = self.locate(raw)
            if where is None:
                d.add(raw)
            else:
                d.add(raw, where[0], where[1])
            return
        words = raw.split()
        tail = d.tail
        if not words or raw == "¶":
            if raw and tail and tail[-1] not in " \n":
                d.add(" ")
            return
        # Whitespace runs as one space (``_WS.sub(" ", raw)``: str.split and \s agree on what
        # whitespace is); none at the start after a space or a line break.
        piece = " ".join(words)
        # (locate's work, done here for a text whose key opens it, as most do: the same result.)
        after = raw[-1].isspace()
        if raw[0].isspace():
            if tail and tail[-1] not in " \n":
                piece = " " + piece
            body = raw.lstrip()
            lead = len(raw) - len(body)
            if after:
                body = body.rstrip()
        else:
            lead = 0
            body = raw.rstrip() if after else raw
        if after:
            piece += " "
        m = _KEY_END.search(body, 0, 48)
        key = body[: m.start()] if m else body[:48]
        if len(key) >= 3:
            cursor = d.cursor
            pos = self.src.find(key, cursor)
            if pos < 0 or (len(key) < 8 and pos - cursor > 20000):
                d.add(piece)
            else:
                start = pos - lead
                d.add(piece, start if start > cursor else cursor, pos + len(body))
        elif m is None:
            d.add(piece)
        else:
            where = self.locate(raw)
            if where is None:
                d.add(piece)
            else:
                d.add(piece, *where)
        self.item_open = False

    def contents(self, node: Any, tag: str) -> bool:
        """A table of contents (a list whose every word is a link to a place on this page, the
        sections the text below opens with its headings) left out behind one marker; False
        when ``node`` is not one, its source cannot be found, or the marker would not pay."""
        links = node.css('a[href^="#"]')
        if len(links) < _TOC_MIN_LINKS:
            return False
        words = [w for a in links for w in a.text().split()]
        if not words or "".join(node.text().split()) != "".join(words):
            return False
        span = _element_span(self.src, tag, self.d.cursor)
        if span is None:
            return False
        start, end = span
        # Its first and last words stand inside (the tag found is this list).
        inside = self.src[start:end]
        if not (words[0] in inside and words[-1] in inside):
            return False
        what = f"table of contents ({len(links)} links to sections of this page)"
        return self._leave_out(start, end, len(links), "contents", what)

    def navigation(self, node: Any, tag: str) -> bool:
        """Navigation not written as ``nav`` (``role="navigation"``, an id or class part such
        as ``nav``, ``menu`` or ``sidebar``; see _NAV_WORDS) left out behind one marker saying
        how many links it holds; False when ``node`` does not call itself navigation, is not
        mostly links (_NAV_LINK_SHARE of its words), holds a heading, a term or code, its
        source cannot be found, or the marker would not pay."""
        attrs = node.attributes
        named = _nav_name(tag, attrs)
        if named is None:
            return False
        links = node.css("a")
        if len(links) < _NAV_MIN_LINKS or node.css_first(_NAV_KEEP) is not None:
            return False
        # (Words counted with a space between text nodes: "Home</a><a>About" is two words.)
        text = node.text(separator=" ")
        words = len(text.split())
        link_words = sum(len(a.text(separator=" ").split()) for a in links)
        if not words or link_words < _NAV_LINK_SHARE * words:
            return False
        span = _located(self.src, tag, attrs, text, self.d.cursor)
        if span is None:
            return False
        start, end = span
        what = f"navigation {named} ({len(links)} links)"
        return self._leave_out(start, end, len(links), "navigation", what)

    def _leave_out(self, start: int, end: int, count: int, kind: str, what: str) -> bool:
        """The source ``start:end`` (less what is already omitted inside it) behind one marker
        standing in a paragraph of its own; False, nothing written, when it would not pay."""
        spans = _without(start, end, self.holes)
        self.blank()
        if not self.d.omit(spans, count, kind, what):
            return False
        self.d.cursor = end
        self.blank()
        return True

    def preformatted(self, node: Any) -> None:
        """A ``<pre>`` (not inside another): a fenced code block, its text verbatim. Its text
        is written as prose, verbatim but outside any fence, when it reads as prose
        (_reads_as_prose); so is each paragraph in it that does (a manual generated from a C
        header puts a declaration and its description in one <pre>), the fence closing
        before it and opening again at the next text. A <pre> with no text but whitespace
        writes nothing."""
        text = node.text()
        if not text.strip():
            return
        # (Its descendants' tags looked at in one pass: css_first compiles its selector anew
        # each time.)
        blocks = any(n.tag in _PRE_PROSE_BLOCKS for n in node.traverse())
        self.blank()
        self.pre += 1
        if not blocks and _reads_as_prose(text):
            self.prose_block += 1
            self.walk(node)
            self.prose_block -= 1
        elif blocks:
            self.fence = False
            self.walk(node)
            self.close_fence()
            self.fence = None
        else:
            self.d.add("```\n")
            self.walk(node)
            self.newline()
            self.d.add("```")
        self.pre -= 1
        self.blank()

    def parts(self, raw: str) -> None:
        """Preformatted text of a paragraph in a <pre>: each part between blank lines that
        reads as prose written outside the fence, the others in it."""
        pieces = _BLANK_LINE.split(raw)
        for k in range(0, len(pieces), 2):
            part = pieces[k] + (pieces[k + 1] if k + 1 < len(pieces) else "")
            if part.strip() and _reads_as_prose(part):
                self.out_of_fence(functools.partial(self.text, part))
            else:
                self.text(part)

    def out_of_fence(self, write: Callable[[], None]) -> None:
        """``write`` prose of a <pre> outside its code fence, as its own block."""
        self.close_fence()
        self.blank()
        self.prose_block += 1
        write()
        self.prose_block -= 1
        self.blank()

    def close_fence(self) -> None:
        if self.fence:
            self.newline()
            self.d.add("```")
            self.blank()
            self.fence = False

    # --- the walk ---------------------------------------------------------------------------
    def walk(self, node: Any) -> None:
        # (Each element goes to its tag's handler, found in one dict look-up; an element with
        # none, such as span, a or em, is walked into for its text.)
        text, handlers, walk = self.text, self.handlers, self.walk
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text(child.text_content or "")
            else:
                handler = handlers.get(tag)
                if handler is not None:
                    handler(child, tag)
                elif tag not in _SKIPPED:
                    walk(child)

    def heading_(self, node: Any, tag: str) -> None:
        self.blank()
        self.d.add("#" * int(tag[1]) + " ")
        self.heading += 1
        self.walk(node)
        self.heading -= 1
        self.blank()

    def pre_(self, node: Any, tag: str) -> None:
        if not self.pre:
            self.preformatted(node)
            return
        self.blank()
        self.d.add("```\n")
        self.pre += 1
        self.walk(node)
        self.pre -= 1
        self.newline()
        self.d.add("```")
        self.blank()

    def pre_block(self, node: Any) -> None:
        """A paragraph of a <pre> (a declaration's description): prose out of the fence when
        it reads as prose; else, a paragraph of plain text, each of its parts between blank
        lines that reads as prose out of the fence (an example of code in a description stays
        in it); else inside the fence as before."""
        if not _reads_as_prose(node.text()):
            self.blank()
            only = node.child
            if only is not None and only.next is None and only.tag == "-text":
                self.parts(only.text_content or "")
            else:
                self.walk(node)
            self.blank()
            return
        self.out_of_fence(lambda: self.walk(node))

    def paragraph_(self, node: Any, tag: str) -> None:  # p, div
        if self.fence is not None and not self.prose_block:
            self.pre_block(node)
        else:
            self.block_(node, tag)

    def blockquote_(self, node: Any, tag: str) -> None:
        if self.fence is not None and not self.prose_block:
            self.pre_block(node)
            return
        self.blank()
        self.d.add("> ")
        self.walk(node)
        self.blank()

    def code_(self, node: Any, tag: str) -> None:
        if self.pre or self.heading:
            self.walk(node)
            return
        # Code holding backticks is delimited the CommonMark way (a longer run, spaced):
        # `````c` from <code>```</code>c would open a fence and pair every later one wrongly.
        inner = node.text() or ""
        if "`" not in inner:  # (as most code is: one backtick, no padding)
            self.d.add("`")
            self.walk(node)
            self.d.add("`")
            return
        tick = "`" * (max(map(len, _BACKTICKS.findall(inner)), default=0) + 1)
        pad = " " if len(tick) > 1 else ""
        self.d.add(tick + pad)
        self.walk(node)
        self.d.add(pad + tick)

    def list_(self, node: Any, tag: str) -> None:  # ul, ol, menu
        if not self.lists and self.contents(node, tag):
            return
        if not self.pre and self.navigation(node, tag):
            return
        self.blank() if not self.lists else self.newline()
        self.lists.append(tag)
        self.counters.append(0)
        self.walk(node)
        self.lists.pop()
        self.counters.pop()
        self.blank() if not self.lists else self.newline()

    def item_(self, node: Any, tag: str) -> None:  # li
        self.newline()
        indent = "  " * max(0, len(self.lists) - 1)
        if self.lists and self.lists[-1] == "ol":
            self.counters[-1] += 1
            self.d.add(f"{indent}{self.counters[-1]}. ")
        else:
            self.d.add(f"{indent}- ")
        self.item_open = True
        self.walk(node)
        self.item_open = False
        self.newline()

    def row_(self, node: Any, tag: str) -> None:  # tr
        self.newline()
        self.d.add("| ")
        first = True
        for cell in node.iter(include_text=False):
            if cell.tag in ("td", "th"):
                if not first:
                    self.d.add(" | ")
                first = False
                self.walk(cell)
        self.d.add(" |\n")

    def br_(self, node: Any, tag: str) -> None:
        self.d.add(" " if self.heading and not self.pre else "\n")

    def hr_(self, node: Any, tag: str) -> None:
        self.blank()
        self.d.add("---")
        self.blank()

    def term_(self, node: Any, tag: str) -> None:  # dt
        # Terms sharing one definition stand on one line, "; " between them (the line
        # right before a definition is the term the document rules keep).
        if not self.term_run:
            self.blank()
        self.heading += 1
        self.walk(node)
        self.heading -= 1
        nxt = node.next
        while nxt is not None and nxt.tag == "-text" and not (nxt.text_content or "").strip():
            nxt = nxt.next
        self.term_run = nxt is not None and nxt.tag == "dt"
        if self.term_run:
            self.d.add("; ")
        else:
            self.newline()

    def definition_(self, node: Any, tag: str) -> None:  # dd
        self.newline()
        self.d.add(": ")
        self.item_open = True
        self.walk(node)
        self.item_open = False
        self.blank()

    def image_(self, node: Any, tag: str) -> None:
        alt = (node.attributes.get("alt") or "").strip()
        if alt:
            self.d.add(f"[image: {alt}]")

    def link_(self, node: Any, tag: str) -> None:
        if "headerlink" not in (node.attributes.get("class") or ""):
            self.walk(node)
        # (else Sphinx's "¶" permalink: left out)

    def block_(self, node: Any, tag: str) -> None:
        if tag in _NAV_TAGS and not self.pre and self.navigation(node, tag):
            return
        self.blank()
        self.walk(node)
        self.blank()


def _element_span(src: str, tag: str, at: int) -> tuple[int, int] | None:
    """The source span of the first ``tag`` element opening at or after ``at``, through its
    matching end tag (same-name elements nested inside counted); None without one."""
    opens = re.compile(rf"<(/?){tag}\b", re.IGNORECASE)
    depth = 0
    start = -1
    for m in opens.finditer(src, at):
        if start < 0:
            if m.group(1):
                continue
            start = m.start()
        depth += -1 if m.group(1) else 1
        if depth == 0:
            close = src.find(">", m.end())
            return (start, close + 1) if close >= 0 else None
    return None


def _nav_name(tag: str, attrs: dict[str, str | None]) -> str | None:
    """How an element that calls itself navigation is named in the marker (``<div
    id="nav">``); None when it does not (see _NAV_WORDS)."""
    role = attrs.get("role") or ""
    if "navigation" in role.lower().split():
        return f'<{tag} role="navigation">'
    for name in ("id", "class"):
        value = attrs.get(name) or ""
        if any(p in _NAV_WORDS for p in _NAV_PART.findall(value.lower())):
            return f'<{tag} {name}="{" ".join(value.split())}">'
    return None


def _located(
    src: str, tag: str, attrs: dict[str, str | None], text: str, at: int
) -> tuple[int, int] | None:
    """The exact source span of the first ``tag`` element at or after ``at`` whose start tag
    holds the values of ``attrs`` and whose text is ``text`` (whitespace aside: the fragment is
    parsed again to check); None without one."""
    values = [v for v in (attrs.get(k) for k in ("id", "class", "role")) if v]
    want = "".join(text.split())
    opens = re.compile(rf"<{tag}\b[^>]*>", re.IGNORECASE)
    for m in opens.finditer(src, at):
        if not all(v in m.group() for v in values):
            continue
        span = _element_span(src, tag, m.start())
        if span is None:
            return None
        body = LexborHTMLParser(src[span[0] : span[1]]).body
        if body is not None and "".join(body.text().split()) == want:
            return span
    return None


def _without(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` minus ``holes`` (sorted, not overlapping)."""
    out: list[tuple[int, int]] = []
    for hs, he in holes:
        if he <= start or hs >= end:
            continue
        if hs > start:
            out.append((start, hs))
        start = max(start, he)
    if end > start:
        out.append((start, end))
    return out


class NoText(ValueError):
    """The page has no text to show. ``reason`` says why in a few words ("no text in the
    page"): the ``<reason>`` of the router's ``fallback:html:<reason>`` note."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def compress_html(text: str, omitter: Omitter, base: int, compress_fn: CompressFn) -> str:
    """The page as Markdown-like text, compressed by the document rules (see the module
    docstring). Raises NoText when the page has no text at all to show (and Unplaceable when
    the omissions of its text cannot be placed in the HTML)."""
    tree = LexborHTMLParser(text)
    d = Derived(text, base, omitter)
    holes: list[tuple[int, int]] = []
    dropped = [
        (m.start(), m.end(), (m.group(1) or "comment").lower()) for m in _DROPPED_RE.finditer(text)
    ]
    if dropped:
        kinds = Counter(k for _, _, k in dropped)
        named = ", ".join(f"{c} {k}" for k, c in kinds.most_common())
        what = f"{named} {'element' if len(dropped) == 1 else 'elements'} of the HTML"
        if d.omit([(s, e) for s, e, _ in dropped], len(dropped), "markup", what):
            d.add("\n\n")
            holes = [(s, e) for s, e, _ in dropped]
        d.cursor = 0  # the marker stands first; the text pieces follow in source order
    title = tree.css_first("title")
    if title is not None and (title.text() or "").strip():
        t = _WS.sub(" ", title.text()).strip()
        r = _Renderer(d, text)
        where = r.locate(title.text())
        d.add(f"Title: {t}", *(where or (None, None)))
        d.add("\n\n")
    root = tree.body if tree.body is not None else tree.root
    if root is None:
        raise NoText("no HTML body")
    renderer = _Renderer(d, text, holes)
    renderer.walk(root)
    if not any(part.strip() for part in d.parts):  # (not the whole text joined and stripped)
        raise NoText("no text in the page")
    body = compress_derived(d, "markdown", compress_fn)
    return _squeezed(body).strip() + "\n"


def _squeezed(text: str) -> str:
    """``text`` with each run of three or more line breaks made two (``re.sub(r"\n{3,}", "\n\n",
    text)``; the runs found by str.find: the regex tries every "\n", 3.9 ms on the 340 kB a
    1 MB page comes to, this 0.4 ms)."""
    find = text.find
    at = find("\n\n\n")
    if at < 0:
        return text
    out: list[str] = []
    start, n = 0, len(text)
    while at >= 0:
        end = at + 3
        while end < n and text[end] == "\n":
            end += 1
        out.append(text[start : at + 2])
        start = end
        at = find("\n\n\n", end)
    out.append(text[start:])
    return "".join(out)
