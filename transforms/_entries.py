"""Changelogs and release notes: a long run of dated, versioned entries.

Each entry opens (or closes) with a line naming its version, date and signer: Debian's
``pkg (1.2-3) unstable; urgency=low`` and `` -- Name <mail>  Tue, 07 Oct 2025 14:22:08 +0200``,
GNU ChangeLog's ``2022-09-02  Name  <mail>``, ``git log``'s ``commit <hash>``, ``Author:`` and
``Date:`` lines. Those lines are the entries' titles: the prose compressor keeps them verbatim
(:func:`entry_line`), and a commit's subject line too. The signer repeats on every entry:
:func:`signature_edits` drops the most frequent signer's signature, each other repeated
``<mail>`` after its name and git trailer lines repeated whole (``Signed-off-by: …``), and names
every one, with its count, in one marker at the top.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from transforms._omit import Omitter, plural

__all__ = [
    "ENTRY_HEADS",
    "entry_line",
    "is_changelog",
    "is_git_log",
    "overlaps",
    "signature_edits",
]

_ENTRY_LINE = re.compile(
    # Debian: "make-dfsg (4.3-4.1) unstable; urgency=medium"
    r"[a-z0-9][a-z0-9+.-]* \([^()\s]+\) [^;\n]+; [a-z]+=\w"
    # Debian trailer: " -- Name <mail>  Tue, 07 Oct 2025 14:22:08 +0200"
    r"| -- [^<>\n]+ <[^<>\s]+@[^<>\s]+> +\w{3}, +\d"
    # GNU ChangeLog: "2022-09-02  Name  <mail>", or a name alone: "2022-10-30 Jess Thrysoee"
    r"|\d{4}-\d{2}-\d{2}[ \t]+(?:[^<>\n]+<[^<>\s]+@[^<>\s]+>"
    r"|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}[ \t]*$)"
    # git log: "commit 1f20df4…", "Author: Name <mail>", "Date:   Sun Dec 4 15:09:13 2022 -0800"
    r"|commit [0-9a-f]{7,40}\b|(?:Author|Date|Merge|Commit|AuthorDate|CommitDate):[ \t]+\S"
)
_GIT_ENTRY_HEADS = frozenset(("comm", "Auth", "Date", "Merg", "Comm"))
#: The first four characters of entry lines other than those opening with a digit or holding
#: "; " (see :func:`entry_line`): a cheap test before the call.
ENTRY_HEADS = _GIT_ENTRY_HEADS | {" -- "}
#: The start of a git log entry: a commit line, then (Merge: and) Author: lines.
#: (Patterns that must start a line open with its "\n", which lets the regex engine skip
#: to candidates: a pattern opening with "^" in MULTILINE mode is tried at every character.
#: The text's first line is matched apart where it matters.)
_GIT_ENTRY = r"commit [0-9a-f]{7,40}\b.*\n(?:Merge: .*\n)?Author: "
_GIT_FIRST = re.compile(_GIT_ENTRY)
_GIT_NEXT = re.compile("\n" + _GIT_ENTRY)


def is_git_log(text: str) -> bool:
    """Whether ``text`` holds ``git log`` output (a commit line, then its Author: line)."""
    return "commit " in text and (
        _GIT_FIRST.match(text) is not None or _GIT_NEXT.search(text) is not None
    )


def entry_line(line: str) -> bool:
    """Whether ``line`` opens or closes a changelog entry (version, date, signer)."""
    head = line[:4]
    if head == " -- " or head[:1].isdigit() or head in _GIT_ENTRY_HEADS or "; " in line:
        return _ENTRY_LINE.match(line) is not None
    return False


def is_changelog(lines: list[str], at_least: int = 3) -> bool:
    """At least ``at_least`` entry lines: a changelog, whose entries open alike (as program
    output lines do) but which is prose to compress, not a log."""
    return sum(1 for ln in lines if entry_line(ln)) >= at_least


# "<user@host>" after a name on the same line.
_ADDRESS = re.compile(r"<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>")
# What opens the name before an address: a line's start, "-- ", "[ ", two spaces, a tab or a
# field's label ("Author: ", "Signed-off-by: ").
_NAME_OPENER = re.compile(r"(?:^[ \t]*|-- |\[ |\s{2,}|\t|[A-Z][\w-]*:[ \t]+)(?=\S)")
# A git trailer line holding only a signature: "    Signed-off-by: Name <mail>".
_TRAILER = re.compile(r"[ \t]*([A-Z][\w-]*-by):[ \t]")
# The trailing field of a Debian entry header: "; urgency=low".
_HEADER_FIELD = re.compile(r"; [a-z]+=\w+[ \t]*$", re.MULTILINE)
# A git commit line's full hash: the digits past the first 12 (git's short form) are dropped.
_COMMIT_HASH = re.compile(r"\ncommit [0-9a-f]{12}([0-9a-f]{28})\b")
# The weekday before an entry's date (Debian trailer, git Date: line): the date implies it.
_WEEKDAY = re.compile(
    r"\n(?: -- [^\n]*?  |Date:[ \t]+)"
    r"((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?[ \t]+)(?:\d|[A-Z][a-z]{2} )"
)
# A value repeated this often is dropped where it stands (a legend costs about one use).
_MIN_REPEATS = 3


@dataclass(slots=True)
class _Signature:
    start: int  # the spaces before the address
    end: int  # the address's end
    address: str
    name: str
    name_start: int
    line_start: int
    line_end: int
    entry: bool  # on an entry line (a Debian trailer, a GNU ChangeLog header)


def _signatures(text: str) -> list[_Signature]:
    """Every ``<mail>`` after a name on its line (the name opened as ``_NAME_OPENER`` says)."""
    out: list[_Signature] = []
    for m in _ADDRESS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        pre = text[line_start : m.start()].rstrip(" \t")
        openers = list(_NAME_OPENER.finditer(pre))
        if not openers or len(pre) == m.start() - line_start:
            continue
        name_start = line_start + openers[-1].end()
        name = text[name_start : line_start + len(pre)]
        if not name.strip() or len(name) > 80:
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        out.append(
            _Signature(
                line_start + len(pre),
                m.end(),
                m.group(),
                name,
                name_start,
                line_start,
                line_end,
                entry_line(text[line_start:line_end]),
            )
        )
    return out


def overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps one of the sorted, disjoint ``spans``."""
    k = bisect.bisect_left(spans, (e, e)) - 1
    return k >= 0 and spans[k][1] > s


def _trailer(text: str, sig: _Signature) -> str:
    """The whole line of a git trailer holding only ``sig`` ("Signed-off-by: Name <mail>"),
    stripped, or ""."""
    m = _TRAILER.match(text, sig.line_start, sig.name_start)
    if m is None or m.end() != sig.name_start or text[sig.end : sig.line_end].strip():
        return ""
    return text[sig.line_start : sig.end].strip()


def signature_edits(
    text: str, dropped: list[tuple[int, int]], omitter: Omitter, base: int
) -> list[tuple[int, int, str]]:
    """Edits for what every entry of a changelog repeats, outside the ``dropped`` spans
    (sorted, disjoint), all named in one marker at the top: the signature of the most
    frequent signer of entry lines (the entry lines without one are hers); every other
    repeated ``<mail>`` after its name (the reader rebuilds it from the name); the most
    frequent ``; urgency=…`` field of entry headers (the headers without one have it)."""
    if "@" not in text and "; " not in text and "commit " not in text:
        return []
    found = [sig for sig in _signatures(text) if not overlaps(dropped, sig.name_start, sig.end)]
    signers = Counter((sig.address, sig.name) for sig in found if sig.entry)
    default = signers.most_common(1)[0][0] if signers else None
    if default is not None and signers[default] < _MIN_REPEATS:
        default = None
    addresses = Counter(sig.address for sig in found)
    trailer_of = {id(sig): _trailer(text, sig) for sig in found}
    trailer_counts = Counter(t for t in trailer_of.values() if t)
    edits: list[tuple[int, int, str]] = []
    own = 0  # signatures of the default signer dropped whole
    named: Counter[str] = Counter()
    name_of: dict[str, str] = {}
    trailers: Counter[str] = Counter()
    for sig in found:
        trailer = trailer_of[id(sig)]
        if sig.entry and (sig.address, sig.name) == default:
            after = text[sig.end : sig.line_end]
            label = text[sig.line_start : sig.name_start].strip()
            if label.endswith(":") and " " not in label and not after.strip():
                # Nothing but the field's label would stay ("Author:"): the line goes.
                edits.append((sig.line_start, min(sig.line_end + 1, len(text)), ""))
            elif after.strip():
                # More follows (a Debian trailer's date): the spaces after go too.
                edits.append((sig.name_start, sig.end + len(after) - len(after.lstrip()), ""))
            else:
                # The signature ends its line (a GNU ChangeLog header): the spaces before go.
                before = text[sig.line_start : sig.name_start]
                edits.append((sig.line_start + len(before.rstrip()), sig.end, ""))
            own += 1
        elif trailer and trailer_counts[trailer] >= _MIN_REPEATS:
            edits.append((sig.line_start, min(sig.line_end + 1, len(text)), ""))
            trailers[trailer] += 1
        elif addresses[sig.address] >= _MIN_REPEATS:
            edits.append((sig.start, sig.end, ""))
            named[sig.address] += 1
            name_of.setdefault(sig.address, sig.name)
    parts: list[str] = []
    if default is not None and own:
        address, name = default
        parts.append(f"{plural(own, 'signature')} of {name} {address} (entry lines naming no one)")
    if trailers:
        legend = ", ".join(f"{t}×{c}" for t, c in trailers.most_common())
        parts.append(f"{plural(sum(trailers.values()), 'trailer line')}: {legend}")
    if named:
        legend = ", ".join(f"{name_of[a]} {a}×{c}" for a, c in named.most_common())
        n = sum(named.values())
        parts.append(f"{n} e-mail address{'' if n == 1 else 'es'} after the name: {legend}")
    fields = [
        m
        for m in _HEADER_FIELD.finditer(text)
        if not overlaps(dropped, m.start(), m.end())
        and entry_line(text[text.rfind("\n", 0, m.start()) + 1 : m.end()])
    ]
    common = Counter(m.group().strip() for m in fields).most_common(1)
    if common and common[0][1] >= _MIN_REPEATS:
        value = common[0][0]
        hits = [m for m in fields if m.group().strip() == value]
        edits.extend((m.start(), m.start() + len(value), "") for m in hits)
        parts.append(
            f"{value.lstrip('; ')} from {plural(len(hits), 'entry header')} (each showing none)"
        )
    # (Searched after a "\n" put before the text, so its first line is a line too.)
    hashes = (
        [
            (m.start(1) - 1, m.end(1) - 1)
            for m in _COMMIT_HASH.finditer("\n" + text)
            if not overlaps(dropped, m.start(1) - 1, m.end(1) - 1)
        ]
        if "commit " in text
        else []
    )
    if len(hashes) >= _MIN_REPEATS:
        edits.extend((s, e, "") for s, e in hashes)
        parts.append(f"the last 28 digits of {len(hashes)} commit hashes (12 shown)")
    if " -- " in text or "Date:" in text:
        taken = sorted((s, e) for s, e, _ in edits)
        days = [
            m
            for m in _WEEKDAY.finditer(text)
            if not overlaps(dropped, m.start(1), m.end(1))
            and not overlaps(taken, m.start(1), m.end(1))
        ]
        if len(days) >= _MIN_REPEATS:
            edits.extend((m.start(1), m.end(1), "") for m in days)
            parts.append(f"the weekday of {plural(len(days), 'entry date')}")
    if not edits:
        return []
    desc = ", plus ".join(parts)
    material = "".join(text[s:e] for s, e, _ in edits)
    if not omitter.pays(material, desc):
        return []
    marker = omitter.mark("entries", [(base + s, base + e) for s, e, _ in edits], len(edits), desc)
    return [(0, 0, marker + "\n\n"), *edits]
