"""Prose and markdown: keep the sentences that carry facts, fill the rest by centrality.

Blocks are found line by line (headings, tables, indented code, list items, paragraphs; text
indented under a list item continues the item) and paragraphs/items are split into sentences;
"Key: value" header lines and parenthesised trailer lines are units of their own. Always kept:
headings, title lines, table rows, fenced/indented code and literal blocks; every sentence
carrying a number or date (in a long text, over about 800 tokens: a number not shown yet, so
each number survives at least once); every sentence carrying an identifier (snake_case,
camelCase, dotted.names, paths, --flags) not shown yet, and in a short text also a code span,
URL or proper name not shown yet. Dropped first: exact and near duplicates (same set of content
words and numbers). Then the least central sentences (sharing few of the document's frequent
words; bonuses for leading a section or paragraph and for the first mention of a code span,
URL or name) are dropped until the prose, markers counted, fits ``TARGET`` of its characters;
dropping next to a dropped sentence is preferred, as it needs no new marker. Original order is
kept; each run of dropped sentences becomes one omission whose marker stands where the run
stood, and a run too short to pay for its marker is kept.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, chain, pairwise

from transforms._entries import ENTRY_HEADS, entry_line, is_git_log, overlaps, signature_edits
from transforms._fence import Fence, fences
from transforms._omit import MARKER_RE, Omitter, plural
from transforms._rarity import heading_line

__all__ = ["compress_prose"]

TARGET = 0.36
_MIN_CHARS = 600
# A document's first paragraph up to this long, on one line, is its title.
_FIRST_TITLE_CHARS = 100
# Prose (characters) from which numbers and names count once: about 800 tokens.
_LONG_CHARS = 3200
# A dropped run shorter than this costs about as many tokens as its marker.
_MIN_RUN_CHARS = 90
# Selection bonuses (centrality scores run about 1 to 6).
_SECTION_LEAD = 2.5
_PARA_LEAD = 1.0
_FRESH_BONUS = 2.0
# Dropping a sentence next to a dropped one adds no marker: preferred by this much.
_ADJ_BONUS = 1.0
# What a marker costs, in characters of prose.
_MARKER_CHARS = 45
# A sentence kept for a number or name may lose its tail after them, if it is this long.
_MIN_TAIL_CHARS = 100
# Past the last number or name kept, at least this much is kept (what the number is about),
# up to the end of a clause within this much more.
_HEAD_CHARS = 40
_CLAUSE_CHARS = 60

# (Matched at a line's start with .match(text, start, end), so no "^": it would not match there.)
_HEADING = re.compile(r" {0,3}#{1,6}(?:\s|$)")
_UNDERLINE = re.compile(r" {0,3}([=\-~^\"'`#*+<>:_.])\1{2,}\s*$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$|^\s*\+[-=+]+\+\s*$")
# A row of `git log --stat`'s table of the files a commit touched (" path | 12 +++--"), and
# its total (" 3 files changed, 9 insertions(+)").
_DIFFSTAT = re.compile(r" \S.*? \| +(?:\d+ ?[-+]*|Bin [\d >-]+ bytes)$| \d+ files? changed, ")
_LIST = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)]|[a-z][.)])\s+")
_FENCE_OR_DIRECTIVE = re.compile(r"^\s*(?:```|~~~|\.\. |:\w+:|<[a-zA-Z/!])")
# The first non-blank character of every line the four patterns above match is one of these.
_VERBATIM_OPENERS = frozenset("#=-~^\"'`*+<>:_.|")
_BULLETS = frozenset("-*+•")
# A sentence end: its punctuation (which stays with the sentence: the match starts one
# character before the cut), closing quotes or brackets, whitespace, and a capital or digit
# next. Opening with a character class lets the regex engine skip to candidates.
_SENT_END = re.compile(r"""[.!?]["')\]*_]*\s+(?=[\"'(\[*_`]?[A-Z0-9])""")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+(?:[.,:/-]\d+)*")
# _WORD on lowered text, written to open with a character class (see _NUMBER).
# Its repeats are possessive: nothing follows them to give back to, so the matches are the
# same, and the engine keeps no backtracking state.
_WORD_LOWER = re.compile(r"[a-z\d](?:(?<=[a-z])[a-z'-]++|(?<=\d)\d*+(?:[.,:/-]\d+)*+)")
# A paragraph that is one short line without sentence punctuation: a title, kept like one.
_TITLE = re.compile(r"[A-Z][^\n!?:;]{0,80}\Z")
# A number as a reader sees it: digits standing alone (with . , : / - inside, a version "v"
# or a "#"/"$" before, a "%" after), not the digits inside identifiers or commit hashes.
# Written to open with a character class (the lookbehind checks the character before it),
# which lets the regex engine skip to candidate characters: the same matches as
# ``(?<![\w.])[v#$]?\d+(?:[.,:/-]\d+)*%?(?!\w)``, a few times faster.
_NUMBER = re.compile(r"[v#$\d](?<![\w.].)(?:(?<=\d)\d*|\d+)(?:[.,:/-]\d+)*%?(?!\w)")
# Lines that are records of their own even without sentence punctuation between them:
# "Key: value" metadata headers and parenthesised trailers such as "(merge 1a2b3c topic)".
_RECORD_LINE = re.compile(r"[ \t]*(?:[A-Z][\w-]*: \S|[(\[])")
# A record line after its "\n": where none is, a paragraph is one piece (see _record_pieces).
_RECORD_NEXT = re.compile(r"\n" + _RECORD_LINE.pattern)
_STANZA_FIELD = re.compile(r"([A-Z][\w-]*): \S")
_STANZA_NEXT = re.compile(r"[A-Z][\w-]*: \S|[ \t]+\S")
# Identifiers. Plain words are never looked at: one scan finds the signs of an identifier
# (``_`` or an inner capital or "(" or "." inside a word) and the forms that carry their own
# opening character (a code span, URL, path or --flag), each opening with a character class so
# the regex engine skips straight to candidate characters (see _NUMBER). A sign matches one
# character; the word around it is then read with _IDENT_WORD from its start.
_IDENT_HIT = re.compile(
    r"[_A-Z(.`h/~-](?:(?<=`)[^`]+`|(?<=h)ttps?://\S+|(?<=-)-[a-z][\w-]+"
    r"|(?<=[~.])(?<!\S[~.])/[\w.-]+/[\w./-]*|(?<=/)(?<!\S/)[\w.-]+/[\w./-]*"
    r"|(?<=[A-Za-z]_)|(?<=[a-z][A-Z])|(?<=\w\()|(?<=[a-z]\.)(?=[a-z_]))"
)
# _IDENT_HIT without its URL branch, for a paragraph holding no "://": the same matches there,
# and its every "h" is no candidate (each was a failed match).
_IDENT_HIT_NO_URL = re.compile(
    _IDENT_HIT.pattern.replace("[_A-Z(.`h/~-]", "[_A-Z(.`/~-]", 1).replace(
        r"|(?<=h)ttps?://\S+", "", 1
    )
)
_IDENT_WORD = re.compile(
    r"[a-z]+_[a-z0-9_]+\b|_+[a-z][a-z0-9_]*_\w*\b|[a-z]+[A-Z]\w*\b|[A-Z][a-z]+[A-Z]\w*\b"
    r"|[A-Z]{2,}_[A-Z_]+\b"
    r"|\w+(?:\.\w+)+\(|\w+\(\)|[a-z]+(?:\.[a-z_]+){2,}\b"
)
# Run on the reversed text: how far a word (with dots) reaches back from a sign.
_BACK_DOTTED = re.compile(r"[\w.]*")
_BACK_WORD = re.compile(r"\w*")
# A capitalised word after a lowercase word or a comma: ``(?<=[a-z,;:] )[A-Z]…``, written to
# open with a character class (see _NUMBER).
_NAME = re.compile(r"[A-Z](?<=[a-z,;:] [A-Z])[a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)*")
# _NUMBER and _NAME in one scan (one opening class; the lookbehind picks the branch): the
# same matches as the two scans, merged in order. No match of one holds the start of one of
# the other (a number holds no ASCII capital; a name's "v" follows a letter, and it holds no
# digit), so neither hides the other. A name opens with an ASCII capital, a number never.
_NUMBER_OR_NAME = re.compile(
    r"[v#$\dA-Z](?:(?<=[v#$\d])(?<![\w.].)(?:(?<=\d)\d*|\d+)(?:[.,:/-]\d+)*%?(?!\w)"
    r"|(?<=[a-z,;:] [A-Z])[a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)*)"
)
# _WORD_LOWER, _NUMBER and _NUMBER_OR_NAME opening with [0-9] where they open with \d: the same
# matches in a text holding no decimal digit outside ASCII (none does in Latin-1), and a
# scan's look at each character no longer asks for its Unicode category (a third of the
# cost of scanning for _NUMBER_OR_NAME's opening characters).
_WORD_LOWER_ASCII = re.compile(_WORD_LOWER.pattern.replace(r"[a-z\d]", "[a-z0-9]", 1))
_NUMBER_ASCII = re.compile(_NUMBER.pattern.replace(r"[v#$\d]", "[v#$0-9]", 1))
_NUMBER_OR_NAME_ASCII = re.compile(_NUMBER_OR_NAME.pattern.replace(r"[v#$\dA-Z]", "[v#$0-9A-Z]", 1))
_OTHER_DIGIT = re.compile(r"[^\x00-\xff](?<=\d)")
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_STOP_WORDS = """a an the and or but if then else of to in on at by for with from as is are was
were be been being it its this that these those there here we you they he she i not no can
will would should could may might must do does did done have has had so such than too very
just also into over under about more most some any all each other which who whom what when
where why how our your their them his her us my me"""
_STOP = frozenset(_STOP_WORDS.split())
_NO_NUMBERS: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    para: int
    lead: float  # bonus: first sentence of a section, or of a paragraph
    numbers: frozenset[str]
    words: frozenset[str] = field(default_factory=frozenset)
    idents: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    keep: bool = False
    score: float = 0.0
    need: int = -1  # kept for the numbers or names before this offset; -1: kept whole
    cut: int = 0  # where its dropped tail starts; 0: none


def _blocks(
    text: str, lines: list[str], text_fences: list[Fence]
) -> list[tuple[int, int, bool, bool, int]]:
    """(start, end, is_prose, opens_item, indent) blocks; non-prose blocks are kept verbatim.
    A paragraph's first line opens a list item or not, and is indented so much (verbatim
    blocks: False, 0). ``lines`` are the text's lines with their ends, ``text_fences`` their
    ``fences``."""
    out: list[tuple[int, int, bool, bool, int]] = []
    pos = 0
    para_start: int | None = None
    para_item = False
    para_indent = 0
    in_literal = False
    literal_indent = 0
    prev_blank = True
    in_list = False  # indented text after a list item continues the item, it is not code
    # A section cut out of a larger document may open on the closing fence of a code block
    # routed elsewhere: with an odd number of fences, a bare first one closes, not opens.
    lone_close = (
        bool(lines)
        and lines[0].lstrip().startswith(("```", "~~~"))
        and lines[0].strip().strip("`~") == ""
        and sum(1 for ln in lines if ln.lstrip().startswith(("```", "~~~"))) % 2 == 1
    )
    # Lines inside closed fenced blocks, fences included (an unclosed fence is a text line).
    fenced = bytearray(len(lines))
    for f in fences(lines[1:]) if lone_close else text_fences:
        for k in range(f.open_line + lone_close, f.close_line + lone_close + 1):
            fenced[k] = 1

    def close(at: int) -> None:
        nonlocal para_start
        if para_start is not None and at > para_start:
            out.append((para_start, at, True, para_item, para_indent))
        para_start = None

    strips = [ln.strip() for ln in lines]
    # Whether each line is a setext underline (one look per line, not two).
    underline = [
        st[:1] in _VERBATIM_OPENERS and _UNDERLINE.match(ln) is not None
        for st, ln in zip(strips, lines, strict=True)
    ]
    underline.append(False)
    strips.append("")  # (after the last line: a blank one)
    # In a git log, commit messages are indented 4: prose, not code; a message's first line
    # (after the Date: line) is its subject, kept like a title.
    git_log = is_git_log(text)
    code_indent = 8 if git_log else 4
    subject_next = False
    for idx, line in enumerate(lines):
        s = pos
        pos = e = s + len(line)
        stripped = strips[idx]
        if idx == 0 and lone_close:
            out.append((s, e, False, False, 0))
            continue
        if fenced[idx]:
            # Fenced code stays verbatim, fences included.
            close(s)
            out.append((s, e, False, False, 0))
            continue
        if not stripped:
            if para_start is not None:  # (close(s), inline: blank lines are many)
                if s > para_start:
                    out.append((para_start, s, True, para_item, para_indent))
                para_start = None
            prev_blank = True
            continue
        if (
            para_start is not None
            and stripped[0].isalpha()
            and stripped[1:2] not in (".", ")")
            and not underline[idx + 1]
            and strips[idx + 1][:1] != ":"
            and line[:4] not in ENTRY_HEADS
            and "; " not in line
            and not stripped.endswith("::")
        ):
            # The next line of a paragraph, opening with a letter, that is no list item,
            # verbatim line or literal block's opener (most lines of prose): the paragraph
            # goes on. (Inside a paragraph the line before was no blank, verbatim or "Date:"
            # line, and no literal block is open: the tests of those do not apply.)
            if line[0] == stripped[0]:
                in_list = False  # (at the margin)
                continue
            if line[0] in " \t" and " | " not in line and " changed, " not in line:
                continue  # (indented: no _DIFFSTAT row)
        subject, subject_next = subject_next, False
        indent = len(line) - len(line.lstrip(" \t")) if line[0] in " \t" else 0
        if in_literal:
            if indent > literal_indent:
                out.append((s, e, False, False, 0))
                prev_blank = False
                continue
            in_literal = False
        # (_LIST needs a bullet, a digit or a letter and ")" or "." to open the line.)
        opener = stripped[0]
        list_m = (
            _LIST.match(line)
            if opener in _BULLETS or opener.isdigit() or stripped[1:2] in (".", ")")
            else None
        )
        if list_m and indent < code_indent:
            in_list = True
        elif indent == 0:
            in_list = False
        verbatim = (
            (
                stripped[0] in _VERBATIM_OPENERS
                and (
                    _HEADING.match(line)
                    or underline[idx]
                    or _TABLE.match(line)
                    or _FENCE_OR_DIRECTIVE.match(line)
                )
            )
            or underline[idx + 1]
            or (
                stripped[0] != line[0]
                # (every _DIFFSTAT match holds one of these: other lines are not scanned)
                and (" | " in line or " changed, " in line)
                and _DIFFSTAT.match(line.rstrip()) is not None
            )
            or (
                indent >= code_indent
                and prev_blank
                and para_start is None
                and not list_m
                and not in_list
            )
            or (
                # A definition list's term: a line followed by its definition (``: …``, as
                # HTML ``dt`` / ``dd`` are rendered), the name of what is defined (an API
                # member, an option).
                strips[idx + 1][:1] == ":"
                and lines[idx + 1].lstrip().startswith(": ")
                and not stripped.startswith(":")
                and len(stripped) <= 240
            )
            or ((line[:4] in ENTRY_HEADS or opener.isdigit() or "; " in line) and entry_line(line))
            or subject
            or (prev_blank and para_start is None and not strips[idx + 1] and heading_line(line))
        )
        if verbatim:
            close(s)
            out.append((s, e, False, False, 0))
            subject_next = git_log and line.startswith("Date:")
            if stripped.endswith("::") or stripped.startswith(".. "):
                in_literal, literal_indent = True, indent
            prev_blank = False
            continue
        if list_m:
            close(s)
        if para_start is None:
            para_start, para_item, para_indent = s, list_m is not None, indent
        if stripped.endswith("::"):
            close(e)
            in_literal, literal_indent = True, indent
        prev_blank = False
    close(pos)
    return out


# A sentence repeating this much of a verbatim block's lines is a duplicate of it.
_ECHO_CHARS = 40


# Where str.splitlines cuts.


def _echo_lines(chunk: str) -> set[str]:
    """The lines of ``chunk`` as compared for echoes: whitespace collapsed, math/code delimiters
    ($, backticks) stripped, fence lines and short lines left out."""
    out: set[str] = set()
    for ln in chunk.splitlines():
        norm = " ".join(ln.split()).strip("$`")
        if len(norm) >= 4 and not norm.startswith(("```", "~~~")):
            out.add(norm)
    return out


def _echoes(chunk: str, verbatim_lines: set[str]) -> bool:
    """Whether every line of ``chunk`` compared for echoes (see :func:`_echo_lines`) is one
    of ``verbatim_lines``, and there is one: ``bool(e) and e <= verbatim_lines`` for
    ``e = _echo_lines(chunk)``, stopping at the first line that is not."""
    found = False
    for ln in chunk.splitlines():
        norm = " ".join(ln.split()).strip("$`")
        if len(norm) >= 4 and not norm.startswith(("```", "~~~")):
            if norm not in verbatim_lines:
                return False
            found = True
    return found


# A character that is not printable ASCII or a tab (a line break, a non-ASCII letter).
_NOT_PLAIN = re.compile(r"[^\t\x20-\x7e]")


def _norm_text(text: str, low: str | None, start: int, end: int) -> str:
    """``text[start:end]`` lowered, its words joined by single spaces (``low``: ``text``
    lowered, if that kept its length)."""
    return " ".join((low[start:end] if low is not None else text[start:end].lower()).split())


def _may_echo(
    text: str,
    start: int,
    end: int,
    norm: str | None,
    verbatim_lower: set[str],
    low: str | None,
) -> bool:
    """False only where ``_echoes(text[start:end], verbatim_lines)`` is False, given
    ``verbatim_lower``, the lines of ``verbatim_lines`` lowered, and ``norm``, the chunk's
    :func:`_norm_text` (None: not made yet): a chunk of printable ASCII on one line (most
    sentences) is that one line, which can be a verbatim line only if ``norm`` is one lowered
    (one scan of ``text`` in place says whether the chunk is plain; a plain one then costs
    ``norm``, made here from a slice when not given, and one set look-up)."""
    if _NOT_PLAIN.search(text, start, end) is not None:
        return True
    if norm is None:
        norm = _norm_text(text, low, start, end)
    return norm.strip("$`") in verbatim_lower


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _split_sentences(text, start, end)[0]


def _split_sentences(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], bool]:
    """The (start, end) sentences of the paragraph ``text[start:end]``, and whether it is one
    piece (not cut before record lines: every sentence but the last ends with ".", "!" or
    "?", and what lies between them is closing quotes or brackets and whitespace)."""
    out: list[tuple[int, int]] = []
    # Skip leading whitespace and list bullets: they stay with the paragraph. (_LIST opens
    # with "^", which matches at the start of the text only.)
    m = _LIST.match(text, start, end) if start == 0 else None
    s = m.end() if m else start
    while s < end and text[s] in " \t":
        s += 1
    # A paragraph on one line (its line end aside) is one piece.
    pieces = [(s, end)] if text.find("\n", s, end - 1) < 0 else _record_pieces(text, s, end)
    for piece_start, piece_end in pieces:
        p = piece_start
        for m in _SENT_END.finditer(text, piece_start, piece_end):
            out.append((p, m.start() + 1))
            p = m.end()
        tail = text[p:piece_end].rstrip()
        if tail:
            out.append((p, p + len(tail)))
    return out, len(pieces) == 1


def _record_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a paragraph before each record line (a header line after a header line, or a
    parenthesised line after a line that ended a sentence); otherwise one piece."""
    if _RECORD_NEXT.search(text, start, end) is None:
        return [(start, end)]  # (no line is a record line: nothing to cut before)
    return _cut_before_records(text, start, end)


def _cut_before_records(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """:func:`_record_pieces` without its fast path: every line looked at."""
    out: list[tuple[int, int]] = []
    piece = start
    prev_start = start
    pos = text.find("\n", start, end)
    while 0 <= pos < end - 1:
        line_start = pos + 1
        prev = text[prev_start:pos].rstrip()
        header = _RECORD_LINE.match(text, line_start, end)
        if header and (
            (
                text[line_start:end].lstrip().startswith(("(", "["))
                and prev.endswith((".", ")", ":"))
            )
            or (
                header.group(0).strip()[:1] not in "(["
                and _RECORD_LINE.match(text, prev_start, pos)
            )
        ):
            out.append((piece, pos))
            piece = line_start + header.end() - header.start() - len(header.group(0).lstrip())
        prev_start = line_start
        pos = text.find("\n", line_start, end)
    out.append((piece, end))
    return out


def _norm_words(sentence: str) -> frozenset[str]:
    # _WORD matches the same spans in either case, so lowering the sentence first is the same.
    return frozenset(_WORD.findall(sentence.lower())) - _STOP


def compress_prose(
    text: str, omitter: Omitter, base: int = 0, target: float = TARGET
) -> str | None:
    if len(text) < _MIN_CHARS:
        return None
    units: list[_Unit] = []
    total = 0  # the units' characters, counted as they are made
    # Lowered once for the whole text, unless lowering changes its length (a few non-ASCII
    # letters do), which would move the offsets.
    lowered = text.lower()
    low = lowered if len(lowered) == len(text) else None
    shown_numbers: set[str] = set()  # numbers in blocks kept verbatim (headings, code, tables)
    verbatim_lines: set[str] = set()  # lines of verbatim blocks (code shown as source)
    para = 0
    paras: list[tuple[int, int]] = []
    after_heading = True
    ascii_digits = text.isascii() or _OTHER_DIGIT.search(text) is None
    words_in = (_WORD_LOWER_ASCII if ascii_digits else _WORD_LOWER).findall
    numbers_in = (_NUMBER_ASCII if ascii_digits else _NUMBER).findall
    numbers_or_names = (_NUMBER_OR_NAME_ASCII if ascii_digits else _NUMBER_OR_NAME).findall
    pieced: list[tuple[int, int]] = []  # paragraphs cut before record lines
    # Verbatim blocks (one per line), joined where they touch: each run is scanned once.
    verbatim: list[list[int]] = []
    # Per paragraph: its list (a run of list items, and paragraphs indented under them, with
    # nothing else between them), or -1. Paragraphs dropped from one list share a marker.
    para_list: list[int] = []
    para_item: list[bool] = []  # whether the paragraph opens a list item
    list_id = 0
    item_indent = 0
    lines = text.splitlines(keepends=True)
    # (Every fence line holds one of these: a text without them is not looked at line by line.)
    text_fences = fences(lines) if "```" in text or "~~~" in text else []
    for s, e, is_prose, item, indent in _blocks(text, lines, text_fences):
        if not is_prose:
            list_id += 1
            if verbatim and verbatim[-1][1] == s:
                verbatim[-1][1] = e
            else:
                verbatim.append([s, e])
            # (A verbatim block is one line: matched in place, not sliced out.)
            after_heading = after_heading or bool(
                _HEADING.match(text, s, e) or _UNDERLINE.match(text, s, e)
            )
            continue
        para += 1
        paras.append((s, e))
        para_item.append(item)
        if item:
            para_list.append(list_id)
            item_indent = indent
        elif indent > item_indent and para_list and para_list[-1] == list_id:
            para_list.append(list_id)  # a paragraph of the item above
        else:
            list_id += 1
            para_list.append(-1)
        sentences, one_piece = _split_sentences(text, s, e)
        if not one_piece:
            pieced.append((s, e))
        for k, (a, b) in enumerate(sentences):
            lead = (_SECTION_LEAD if after_heading else _PARA_LEAD) if k == 0 else 0.0
            # (_WORD_LOWER, like _WORD, has no lookbehind: scanning in place is the same.)
            words = (
                frozenset(words_in(low, a, b)) - _STOP
                if low is not None
                else _norm_words(text[a:b])
            )
            unit = _Unit(a, b, para, lead, _NO_NUMBERS, words)
            # In a paragraph of one piece no number or name runs past its sentence (neither
            # holds a sentence's end, "." "!" "?"), and none starts between two: scanning each
            # sentence finds what _numbers_and_names deals to it (look-behinds see before
            # ``a``; after ``b`` stands a sentence's end, a blank, or the paragraph's end).
            if one_piece and (found := numbers_or_names(text, a, b)):
                numbers = [t for t in found if t[0] not in _CAPITALS]
                if numbers:
                    unit.numbers = frozenset(numbers)
                if len(numbers) < len(found):
                    unit.names = tuple(t for t in found if t[0] in _CAPITALS)
            units.append(unit)
            total += b - a
        after_heading = False
    if len(units) < 4:
        return None
    for s, e in verbatim:
        shown_numbers.update(numbers_in(text, s, e))
        verbatim_lines.update(_echo_lines(text[s:e]))
    verbatim_lower = {ln.lower() for ln in verbatim_lines}
    # Paragraphs cut before record lines: one scan per paragraph, matches dealt to sentences.
    for k, numbers, names in _numbers_and_names(text, pieced, units, ascii_digits):
        if numbers:
            units[k].numbers = frozenset(numbers)
        if names:
            units[k].names = tuple(names)
    for k, found in _idents_per_unit(text, paras, units):
        units[k].idents = tuple(found)
    # Duplicates: a sentence whose content words were all said by an earlier one goes. The
    # same text (whitespace aside, lowered) has the same words: a sentence of 3+ words is an
    # exact repeat only where its words were seen, so only shorter ones are compared as text.
    seen_exact: set[str] = set()
    seen_words: set[frozenset[str]] = set()
    dup = [False] * len(units)
    for i, u in enumerate(units):
        norm = None
        if len(u.words) >= 3:
            if u.words in seen_words:
                dup[i] = True
                continue
            seen_words.add(u.words)
        else:
            norm = _norm_text(text, low, u.start, u.end)
            if norm in seen_exact:
                dup[i] = True
                continue
            seen_exact.add(norm)
        if (
            verbatim_lines
            and u.end - u.start >= _ECHO_CHARS
            and _may_echo(text, u.start, u.end, norm, verbatim_lower, low)
        ):
            # The same text as a verbatim block shows (an equation's source, then rendered).
            dup[i] = _echoes(text[u.start : u.end], verbatim_lines)
    long_text = total >= _LONG_CHARS
    # Kept by rule, in reading order: every sentence with a number (in a long text: with a
    # number not shown yet, so each number survives at least once) and every sentence with
    # an identifier not shown yet (in a short text also a code span, URL or proper name).
    shown: set[str] = set()
    # The field opening each of several stanzas ("Files: …", "Package: …" after a blank line)
    # names its record: a title, kept like one.
    openers: dict[int, str] = {}
    for i, u in enumerate(units):
        if i == 0 or units[i - 1].para != u.para:
            m = _STANZA_FIELD.match(text, u.start, u.end)
            eol = text.find("\n", u.start) if m else -1
            # A stanza: the field line goes on with another field or an indented continuation
            # ("January: DICT support added." opening a paragraph of prose is no field).
            if m and eol >= 0 and _STANZA_NEXT.match(text, eol + 1):
                openers[i] = m.group(1)
    stanza_keys = {k for k, c in Counter(openers.values()).items() if c >= 3}
    # The document's first unit (after markers: an HTML page's dropped scripts), or none in a
    # section cut out of a larger document.
    first = 0 if base == 0 else -1
    while 0 <= first < len(units) and MARKER_RE.fullmatch(
        text, units[first].start, units[first].end
    ):
        first += 1
    for i, u in enumerate(units):
        if dup[i]:
            continue
        fresh_numbers = u.numbers - shown_numbers if long_text and u.numbers else u.numbers
        title = (
            u.lead > 0
            and (i + 1 == len(units) or units[i + 1].para != u.para)
            and (
                (
                    _TITLE.match(text, u.start, u.end) is not None
                    and not text.endswith(".", u.start, u.end)
                )
                # The document's first paragraph (after markers), one short line: its title
                # ("Title: …" of an HTML page), whatever its punctuation.
                or (
                    i == first
                    and u.end - u.start <= _FIRST_TITLE_CHARS
                    and not MARKER_RE.sub("", text[: u.start]).strip(" \t\n")
                    and text.find("\n", u.start, u.end) < 0
                )
            )
        )
        if not u.idents and (long_text or not u.names):
            rule_idents = []
        elif long_text:
            rule_idents = [n for n in u.idents if not n.startswith(("`", "http"))]
        else:
            rule_idents = [*u.idents, *u.names]
        if not title and openers.get(i) in stanza_keys:
            title = True
        if (
            not title
            and i > 0
            # (_numbered_title's cheap tests first: most units fail them.)
            and u.end - u.start <= 70
            and units[i - 1].para == u.para
            and _numbered_title(text, units[i - 1], u, i == 1 or units[i - 2].para != u.para)
        ):
            # "3. Grant of Patent License. Subject to …": a section's number and title opening
            # its paragraph are a heading, kept with the number (shown before or not).
            title = units[i - 1].keep = True
        if title or fresh_numbers or not shown.issuperset(rule_idents):
            u.keep = True
            if not title:
                # Whatever this sentence shows first (counted shown from here on) stays in
                # the kept head, not only what made it kept.
                new = [
                    *(t for t in u.numbers if t not in shown_numbers),
                    *(t for t in chain(u.idents, u.names) if t not in shown),
                ]
                ends = [text.rfind(t, u.start, u.end) for t in new]
                if ends and min(ends) >= u.start:  # (a name read apart is not trimmed)
                    u.need = max(e + len(t) for e, t in zip(ends, new, strict=True))
            shown_numbers.update(u.numbers)
            shown.update(u.idents)
            shown.update(u.names)
    # Centrality: how much of the document's recurring vocabulary a sentence carries, plus
    # a bonus for leading a section or paragraph and for the first mention of a code span,
    # URL or name that no kept sentence shows.
    df = Counter(chain.from_iterable(u.words for u in units))
    # (One log1p per distinct count, not per word: the same values.)
    log_of = [0.0, *(math.log1p(c - 1) for c in range(1, max(df.values(), default=0) + 1))]
    log_df = dict(zip(df.keys(), map(log_of.__getitem__, df.values()), strict=True))
    for i, u in enumerate(units):
        if not u.words or dup[i] or (u.keep and u.need < 0):
            # A score is read only where the fill may drop the unit or cut its tail.
            if u.idents:
                shown.update(u.idents)
            if u.names:
                shown.update(u.names)
            continue
        n_fresh = 0
        if u.idents or u.names:
            fresh = {*u.idents, *u.names} - shown
            shown.update(fresh)
            n_fresh = min(2, len(fresh))
        # fsum: a float sum over a set depends on its order, which the hash seed sets; ties between
        # sentences must not be broken differently from one process to the next.
        weight = math.fsum(map(log_df.__getitem__, u.words))
        u.score = weight / math.sqrt(len(u.words)) + u.lead + _FRESH_BONUS * n_fresh
    # Fill: drop the least central sentences until the text, markers counted, fits the
    # budget. Dropping next to a dropped neighbour costs no new marker, so it is preferred.
    n = len(units)
    linked = _linked(text, units)
    dropped = list(dup)

    def dropped_neighbours(i: int) -> int:
        return (linked[i] and dropped[i - 1]) + (linked[i + 1] and dropped[i + 1])

    runs = sum(1 for i in range(n) if dropped[i] and not (linked[i] and dropped[i - 1]))
    length = sum(u.end - u.start for i, u in enumerate(units) if not dropped[i])
    budget = target * total
    heap = [
        (u.score - _ADJ_BONUS * dropped_neighbours(i), i)
        for i, u in enumerate(units)
        if not u.keep and not dropped[i]
    ]
    heapq.heapify(heap)
    while heap and length + runs * _MARKER_CHARS > budget:
        prio, i = heapq.heappop(heap)
        if dropped[i]:
            continue
        nb = dropped_neighbours(i)
        current = units[i].score - _ADJ_BONUS * nb
        if current < prio:  # a neighbour was dropped since this entry was pushed
            heapq.heappush(heap, (current, i))
            continue
        dropped[i] = True
        length -= units[i].end - units[i].start
        runs += 1 - nb
        for k in (i - 1, i + 1):
            if 0 <= k < n and not dropped[k] and not units[k].keep:
                heapq.heappush(heap, (units[k].score - _ADJ_BONUS * dropped_neighbours(k), k))
    # Still over: the sentences kept only for a number or name not shown yet lose their long
    # tails past the clause holding the last of them, least central first.
    if length + runs * _MARKER_CHARS > budget:
        for _, i in sorted((u.score, i) for i, u in enumerate(units) if u.need >= 0):
            if length + runs * _MARKER_CHARS <= budget:
                break
            u = units[i]
            u.cut = _tail_cut(text, u)
            if u.cut:
                length -= u.end - u.cut
                runs += 1
    for i, u in enumerate(units):
        u.keep = not dropped[i]
    # A run of dropped sentences too short to pay for its marker is kept (duplicates still go,
    # unless their run is shorter than the marker itself: see the splice). Whole items dropped
    # from one list share a marker: their runs count together.
    runs_of_list: dict[int, int] = Counter()
    # (run, its list, its characters): each run's looked at once.
    sized = [
        (i, j, _item_list(units, i, j, para_list), sum(u.end - u.start for u in units[i:j]))
        for i, j in _dropped_runs(units, linked)
    ]
    for _, _, lst, chars in sized:
        if lst >= 0:
            runs_of_list[lst] += chars
    for i, j, lst, chars in sized:
        if lst >= 0:
            chars = runs_of_list[lst]
        if chars < _MIN_RUN_CHARS:
            for k in range(i, j):
                if not dup[k]:
                    units[k].keep = True
    # Link targets repeating a prefix whose last part the link's text already says
    # ("`#556 <https://github.com/o/r/issues/556>`_"): dropped behind one marker at the top.
    edits: list[tuple[int, int, str]] = _link_targets(text, units, omitter, base)
    # Splice: drop each dropped sentence with the whitespace after it; one marker per run of
    # paragraphs whose dropped sentences are adjacent.
    dropped_runs = _dropped_runs(units, linked)
    items: dict[int, list[tuple[int, int]]] = {}
    for i, j in dropped_runs:
        lst = _item_list(units, i, j, para_list)
        if lst >= 0:
            items.setdefault(lst, []).append((i, j))
    for i, j in dropped_runs:
        lst = _item_list(units, i, j, para_list)
        if lst >= 0 and len(items[lst]) > 1:
            if items[lst][0][0] == i:
                edits.extend(_drop_items(text, units, paras, para_item, items[lst], omitter, base))
            continue
        run = units[i:j]
        # One span from the first sentence to the end of the last: bullets and blank lines
        # between the dropped paragraphs are omitted material too.
        spans = [(base + run[0].start, base + run[-1].end)]
        n_paras = len({u.para for u in run})
        desc = plural(len(run), "sentence") + (f" in {n_paras} paragraphs" if n_paras > 1 else "")
        if not omitter.pays(text[run[0].start : run[-1].end], desc):
            continue  # shorter than its marker (a short duplicate): it stays
        marker = omitter.mark("sentences", spans, len(run), desc)
        last = run[-1]
        end = last.end
        whole_para = run[0].lead > 0 and (j >= len(units) or units[j].para != last.para)
        sep = ""
        if not whole_para:
            # Swallow the spaces after the run; a line break stays (the next sentence may
            # be a record line of its own), otherwise one space separates marker and text.
            end = _spaces_end(text, end)
            sep = "" if text.startswith("\n", end) else " "
        edits.append((run[0].start, end, marker + sep))
    for u in units:
        tail = text[u.cut : u.end] if u.keep and u.cut else ""
        if tail and omitter.pays(tail, f"{len(tail.split())} words"):
            desc = f"{len(tail.split())} words"
            marker = omitter.mark("sentences", [(base + u.cut, base + u.end)], 1, desc)
            end = _spaces_end(text, u.end)
            sep = "" if text.startswith("\n", end) or end == len(text) else " "
            edits.append((u.cut, end, " " + marker + sep))
    # A signer's address repeated on every entry of a changelog: named once, at the top
    # (never inside fenced code, which stays as written).
    if "@" in text or "commit " in text or "; " in text:
        untouched = [(s, e) for s, e, _ in edits if e > s]
        if text_fences:
            line_starts = _newline_starts(text, lines)
            untouched.extend(
                (line_starts[f.open_line], line_starts[min(f.close_line + 1, len(line_starts) - 1)])
                for f in text_fences
            )
        edits.extend(signature_edits(text, sorted(untouched), omitter, base))
    # Bare URLs sharing one long prefix ("in https://github.com/o/r/pull/3442" on every item
    # of a release's notes): the prefix is written "…/", named once in a marker at the top.
    if "://" in text:
        edits.extend(_url_prefix_edits(text, units, edits, omitter, base))
    if not edits:
        return None
    edits.sort(key=lambda ed: (ed[0], ed[1]))
    out: list[str] = []
    pos = 0
    for s, e, rep in edits:
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)


_SPACES = re.compile(r"[ \t]*")


def _spaces_end(text: str, at: int) -> int:
    """Where the spaces and tabs from ``at`` end (looking at most 200 characters ahead)."""
    m = _SPACES.match(text, at, at + 200)
    return m.end() if m else at


def _newline_starts(text: str, lines: list[str]) -> list[int]:
    """0 and the offset after each "\n" of ``text`` (``lines``: its ``splitlines(True)``)."""
    if len(lines) != text.count("\n") + (not text.endswith("\n")):
        # A line ends with another break (where str.splitlines also cuts; "\r\n" ends with
        # "\n"): the text is cut at "\n" only.
        return [0, *accumulate(len(piece) + 1 for piece in text.split("\n")[:-1])]
    # Every line but the last ends with "\n": their ends are the offsets after them.
    starts = [0, *accumulate(map(len, lines))]
    if text and not text.endswith("\n"):
        starts.pop()
    return starts


# "`text <url>`_" (RST) and "[text](url)" (Markdown): group "url" is the target dropped.
_RST_LINK = re.compile(r"`([^`<>\n]+?)(\s*<(?P<url>https?://[^>\s]+)>)`__?")
_MD_LINK = re.compile(r"\[([^\]\n]+)\](\((?P<url>https?://[^)\s]+)\))")
# Links sharing one prefix, at least this many, have their targets dropped.
_MIN_LINKS = 3


# A bare URL (not a link's target in "(…)" or "<…>"), and the shortest prefix worth a legend.
_BARE_URL = re.compile(r"h(?<![(<\w]h)ttps?://[^\s<>()\[\]`'\"]+")
_MIN_URL_PREFIX = 24


def _url_prefix_edits(
    text: str,
    units: list[_Unit],
    edits: list[tuple[int, int, str]],
    omitter: Omitter,
    base: int,
) -> list[tuple[int, int, str]]:
    """Edits writing the most common prefix (up to the last "/") of bare URLs in kept
    sentences as "…/", if ``_MIN_LINKS``+ share it, with one marker at the top naming it."""
    starts = [u.start for u in units]
    taken = sorted((s, e) for s, e, _ in edits if e > s)
    found: dict[str, list[int]] = {}
    for m in _BARE_URL.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or not units[k].keep or m.end() > (units[k].cut or units[k].end):
            continue
        slash = m.group().rstrip("/.,;:").rfind("/")
        if slash < _MIN_URL_PREFIX:
            continue
        if overlaps(taken, m.start(), m.end()):
            continue  # inside another edit (a link target already dropped)
        found.setdefault(m.group()[: slash + 1], []).append(m.start())
    if not found:
        return []
    prefix, at = max(found.items(), key=lambda kv: len(kv[1]) * len(kv[0]))
    if len(at) < _MIN_LINKS:
        return []
    desc = f"{plural(len(at), 'URL prefix')} {prefix}, each written …/"
    desc = desc.replace("prefixs", "prefixes")
    if not omitter.pays(prefix * len(at), desc):
        return []
    marker = omitter.mark("links", [(base + p, base + p + len(prefix)) for p in at], len(at), desc)
    return [(0, 0, marker + "\n\n"), *((p, p + len(prefix), "…/") for p in at)]


def _link_targets(
    text: str, units: list[_Unit], omitter: Omitter, base: int
) -> list[tuple[int, int, str]]:
    """Edits dropping the targets of links in kept sentences whose URL is a prefix shared by
    ``_MIN_LINKS``+ links plus a last part the link text shows (an issue number): the reader
    rebuilds each from the marker (one, at the top, naming the prefixes) and the text."""
    if "://" not in text:
        return []
    starts = [u.start for u in units]
    found: list[tuple[int, int, str]] = []  # (start, end, prefix) of each droppable target
    for rx, opener in ((_RST_LINK, "<http"), (_MD_LINK, "](http")):
        if opener not in text:
            continue  # (every match holds it: one fast look, not a scan at every "`" or "[")
        for m in rx.finditer(text):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k < 0 or not units[k].keep or m.end() > (units[k].cut or units[k].end):
                continue
            url = m.group("url").rstrip("/")
            prefix, _, last = url.rpartition("/")
            if not last or last not in m.group(1) or "://" not in prefix:
                continue
            found.append((m.start(2), m.end(2), prefix + "/"))
    counts = Counter(p for _, _, p in found)
    found = [f for f in found if counts[f[2]] >= _MIN_LINKS]
    if not found:
        return []
    named = ", ".join(f"{p}…×{c}" for p, c in counts.most_common() if c >= _MIN_LINKS)
    desc = f"{plural(len(found), 'link target')}: {named}, each then the id its link text shows"
    material = "".join(text[s:e] for s, e, _ in found)
    if not omitter.pays(material, desc):
        return []
    marker = omitter.mark("links", [(base + s, base + e) for s, e, _ in found], len(found), desc)
    return [(0, 0, marker + "\n\n"), *((s, e, "") for s, e, _ in found)]


# A section number opening a paragraph ("3.", "4.2", "(d)", "IV."), a unit of its own, and
# the short title sentence after it ("Grant of Patent License.", "Definitions.").
_SECTION_NUMBER = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|\([a-z0-9]{1,3}\)|[IVX]{1,5}\.)\s*")
_SHORT_TITLE = re.compile(r"[A-Z][\w'-]*(?:[ ,/&-]+[\w'-]+){0,7}[.:]?\s*")


def _numbered_title(text: str, number: _Unit, unit: _Unit, opens: bool) -> bool:
    """Whether ``unit`` is a section title after its number, both opening a paragraph."""
    return (
        opens
        and number.para == unit.para
        and unit.end - unit.start <= 70
        and _SECTION_NUMBER.fullmatch(text, number.start, number.end) is not None
        and _SHORT_TITLE.fullmatch(text, unit.start, unit.end) is not None
    )


def _per_unit(
    rx: re.Pattern[str], text: str, paras: list[tuple[int, int]], units: list[_Unit]
) -> list[tuple[int, list[str]]]:
    """The matches of ``rx`` (within one paragraph) that start inside each unit, in order:
    (unit index, matches) for the units with any."""
    out: list[tuple[int, list[str]]] = []
    k, n = 0, len(units)
    for s, e in paras:
        for m in rx.finditer(text, s, e):
            p = m.start()
            while k < n and units[k].end <= p:
                k += 1
            if k < n and p >= units[k].start:
                if out and out[-1][0] == k:
                    out[-1][1].append(m.group())
                else:
                    out.append((k, [m.group()]))
    return out


def _numbers_and_names(
    text: str, paras: list[tuple[int, int]], units: list[_Unit], ascii_digits: bool = False
) -> list[tuple[int, list[str], list[str]]]:
    """``_per_unit`` of _NUMBER and of _NAME from one scan: (unit index, numbers, names) for
    the units with either, each list in order. ``ascii_digits``: ``text`` holds no decimal
    digit outside ASCII."""
    out: list[tuple[int, list[str], list[str]]] = []
    rx = _NUMBER_OR_NAME_ASCII if ascii_digits else _NUMBER_OR_NAME
    for k, found in _per_unit(rx, text, paras, units):
        numbers = [t for t in found if t[0] not in _CAPITALS]
        names = [t for t in found if t[0] in _CAPITALS] if len(numbers) < len(found) else []
        out.append((k, numbers, names))
    return out


def _idents_per_unit(
    text: str, paras: list[tuple[int, int]], units: list[_Unit]
) -> list[tuple[int, list[str]]]:
    """The identifiers (within one paragraph) that start inside each unit, in order, as
    ``_per_unit`` gives them."""
    out: list[tuple[int, list[str]]] = []
    rev = text[::-1]
    n_text = len(text)
    k, n = 0, len(units)
    for s, e in paras:
        last = s
        rx = _IDENT_HIT if text.find("://", s, e) >= 0 else _IDENT_HIT_NO_URL
        for m in rx.finditer(text, s, e):
            p = m.start()
            if p < last:
                continue  # a sign inside the identifier just read
            if m.end() - p > 1:
                found, last = m.group(), m.end()
            else:
                # Read from where the word reaches back to with its dots, else without them
                # (both reaches always match, if empty; the same start reads the same).
                r = n_text - p
                reach = _BACK_DOTTED.match(rev, r)
                st = max(p - (reach.end() - r) if reach else p, s)
                w = _IDENT_WORD.match(text, st, e)
                if w is None or w.end() <= p:
                    reach = _BACK_WORD.match(rev, r)
                    st2 = max(p - (reach.end() - r) if reach else p, s)
                    w = _IDENT_WORD.match(text, st2, e) if st2 != st else None
                    if w is None or w.end() <= p:
                        continue
                found, p, last = w.group(), w.start(), w.end()
            while k < n and units[k].end <= p:
                k += 1
            if k < n and p >= units[k].start:
                if out and out[-1][0] == k:
                    out[-1][1].append(found)
                else:
                    out.append((k, [found]))
    return out


# Where a clause ends: the cut goes before it.
_CLAUSE_END = re.compile(r"[,;:]\s|\s--?\s|\s\(|\)")
_BRACKETS = (("(", ")"), ("[", "]"))


def _tail_cut(text: str, u: _Unit) -> int:
    """Where the tail of ``u`` past the clause holding its last needed number or name
    starts, if that tail is long enough to drop (else 0). The kept head must close every
    code span and bracket it opens."""
    if u.end - u.need < _MIN_TAIL_CHARS:
        return 0
    start = u.need + _HEAD_CHARS
    m = _CLAUSE_END.search(text, start, start + _CLAUSE_CHARS)
    if m:
        cut = m.end() if m.group() == ")" else m.start()
    else:
        space = text.find(" ", start + _CLAUSE_CHARS // 2, u.end)
        cut = space if space >= 0 else u.end
    head = text[u.start : cut]
    if (
        u.end - cut < _MIN_TAIL_CHARS
        or head.count("`") % 2
        or any(head.count(a) != head.count(b) for a, b in _BRACKETS)
    ):
        return 0
    return cut


def _dropped_runs(units: list[_Unit], linked: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of dropped, adjacent units (see :func:`_run_end`)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        if units[i].keep:
            i += 1
            continue
        j = _run_end(units, linked, i)
        out.append((i, j))
        i = j
    return out


def _item_list(units: list[_Unit], i: int, j: int, para_list: list[int]) -> int:
    """The list whose whole items the run ``units[i:j]`` is, or -1 (not whole list items)."""
    lst = para_list[units[i].para - 1]
    if (
        lst < 0
        or (i > 0 and units[i - 1].para == units[i].para)
        or (j < len(units) and units[j].para == units[j - 1].para)
    ):
        return -1
    return lst


def _drop_items(
    text: str,
    units: list[_Unit],
    paras: list[tuple[int, int]],
    para_item: list[bool],
    runs: list[tuple[int, int]],
    omitter: Omitter,
    base: int,
) -> list[tuple[int, int, str]]:
    """Edits dropping the whole paragraphs ``runs`` of one list (items, and paragraphs of
    items) behind one marker, which stands in the first one dropped; the later ones go with
    their lines. Nothing if it does not pay."""
    spans = [(paras[units[i].para - 1][0], paras[units[j - 1].para - 1][1]) for i, j in runs]
    dropped = {units[k].para for i, j in runs for k in range(i, j)}
    n_items = len(dropped)
    what = "item" if all(para_item[p - 1] for p in dropped) else "paragraph"
    desc = f"{plural(n_items, what)} of this list"
    if not omitter.pays("".join(text[s:e] for s, e in spans), desc):
        return []
    marker = omitter.mark("sentences", [(base + s, base + e) for s, e in spans], n_items, desc)
    first_i, first_j = runs[0]
    out = [(units[first_i].start, units[first_j - 1].end, marker)]
    out.extend((s, e, "") for s, e in spans[1:])
    return out


def _run_end(units: list[_Unit], linked: list[bool], i: int) -> int:
    """End (exclusive) of the run of dropped, adjacent units starting at ``i`` (``linked[j]``:
    unit ``j`` follows unit ``j - 1`` with only whitespace between them). A run goes
    on into the next paragraph only if that whole paragraph is dropped, so a marker never
    swallows the bullet or indentation of a paragraph that keeps some of its text."""
    j = i + 1
    while j < len(units) and not units[j].keep and linked[j]:
        if units[j].para != units[j - 1].para:
            k = j
            while k < len(units) and units[k].para == units[j].para:
                if units[k].keep:
                    return j
                k += 1
        j += 1
    return j


def _linked(text: str, units: list[_Unit]) -> list[bool]:
    """Per unit, whether it follows the one before with only whitespace (at most one blank
    line) between them; one more, False, at the end."""
    if not units:
        return [False]
    return [
        False,
        *(
            not (gap := text[a.end : b.start]).strip() and gap.count("\n") <= 2
            for a, b in pairwise(units)
        ),
        False,
    ]
