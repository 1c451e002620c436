"""Terminal escape codes: CSI sequences (colours, styles, cursor moves: ``\\x1b[31m``,
``\\x1b[2K``) and OSC sequences ended by BEL or ST (hyperlinks, window titles), within a line.
Other escapes (``\\x1b(B``, ``\\x1b7``) are not recognised and stay.

Test runners, compilers and loggers writing to a terminal (``pytest --color=yes``, cargo, jest)
colour their output: codes such as ``\\x1b[31m`` around words, several per word in a highlighted
source listing. They break every line pattern (``\\x1b[31mERROR\\x1b[0m tests/x.py`` is no
pytest result line), so a text's kind is detected without them (:func:`transforms.compress`).
Of the compressors, test output and stack traces read their lines without them and show the
lines they keep without them too, the codes' spans behind one marker at the end
(``terminal colour codes in the lines shown: N spans``; :func:`add_code_spans`) where that
pays, else as they were (pytest's section rules, rewritten from the escape-free line, never
keep theirs); a notebook's tracebacks are shown without them; the other compressors read and
keep them as text.
"""

from __future__ import annotations

import re

__all__ = ["CODES_SHOWN", "ESCAPE_RE", "add_code_spans", "without_escapes"]

# CSI sequences (colours, styles, cursor moves: "\x1b[1;31m", "\x1b[2K") and OSC sequences
# (hyperlinks, window titles) ended by BEL or ST, within a line.
ESCAPE_RE = re.compile(r"\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)")


def without_escapes(text: str) -> str:
    """``text`` without its escape codes (itself, at the cost of one search, if it has none)."""
    return ESCAPE_RE.sub("", text) if "\x1b" in text else text


#: What the marker over the codes of the lines a compressor shows says they are.
CODES_SHOWN = "terminal colour codes in the lines shown"


def add_code_spans(line: str, at: int, spans: list[int]) -> None:
    """Add the spans of ``line``'s codes (``line`` starting at offset ``at``) to ``spans``
    (start, end, start, end, …; in order): codes one after another are one span."""
    for m in ESCAPE_RE.finditer(line):
        s, e = at + m.start(), at + m.end()
        if spans and spans[-1] == s:
            spans[-1] = e
        else:
            spans += [s, e]
