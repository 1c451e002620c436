"""Logs: template mining with counts; what matters stays verbatim.

Every line is masked (timestamps, numbers, hex, ids, paths' variable parts) and clustered by
drain3's Drain (in memory, configured here in code: no ini file, no persistence). Kept verbatim:

* the first and last ``EDGE_LINES`` lines (the time range);
* error, warning and exception lines with their stack traces. Bound: for each error/warning
  template the first ``MAX_PER_ERROR_TEMPLATE`` occurrences and the last one, plus the first
  occurrence of every distinct message (numbers masked) up to ``MAX_DISTINCT_SEVERE`` in all;
  a trace block keeps at most ``MAX_TRACE_LINES`` lines (its head and its tail, the middle
  marked);
* every line of a rare template (at most ``RARE_COUNT`` occurrences in the log);
  such a line longer than ``MAX_LINE_CHARS`` (a data dump) keeps its head, the tail marked;
* the first line of every other template, as its example.

Everything else (the repeats) collapses into markers counting lines per template, with a
table at the top of the templates that markers name by id (``Tn``: count × pattern; a
template one marker alone names is quoted in it instead). A kept
line repeating one already shown is counted, not shown again; lines that only announce the
next line (cmake's ``-- Check size of int`` before ``... - done``) and compiler caret lines
go behind one marker. Progress-bar updates separated by carriage returns collapse to their
final state. A shown line (not a first/last line, an error line or its trace) writes the runs
of words the line shown above has at the same places (a server's line head) as ″, one marker
at the top holding them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import accumulate, chain, compress, islice
from itertools import repeat as _repeat
from operator import eq as _eq

from drain3.drain import Drain, LogCluster

from transforms._gc import collector_paused
from transforms._omit import Omitter, _clean, _marker, plural
from transforms._rarity import (
    ID_LIKE,
    Population,
    WrittenNumber,
    _at_tail,
    _nameable,
    _names,
    _shape,
    brace_values,
    columns_of,
    common_prefix,
    describe_run,
    rare_limit,
    value_key,
)
from transforms._trace import collapse_library_frames
from transforms.tokens import raw_count

__all__ = ["MAX_PER_ERROR_TEMPLATE", "MAX_TRACE_LINES", "MEASURE_TOKEN", "compress_logs"]

EDGE_LINES = 3
MAX_PER_ERROR_TEMPLATE = 5
MAX_DISTINCT_SEVERE = 300
MAX_TRACE_LINES = 40
RARE_COUNT = 2
# Lines kept per template because a slot value is rare (the rest are named in markers; a
# rare version or id, which markers list within their budgets only, keeps its line).
MAX_RARE_PER_TEMPLATE = 5
# Kept lines longer than this (not errors, not first/last) keep their first _LINE_HEAD chars.
MAX_LINE_CHARS = 400
_LINE_HEAD = 240
_TRACE_HEAD = 28  # of MAX_TRACE_LINES: lines kept from the start of a long trace; rest from the end

# Whole words: ``\b(?:ERR|CRIT|SEVERE|EMERG|ALERT|WRN|E\d{4}|W\d{4}|OOM)\b`` and, in any case,
# ``\b(?:errors?|exceptions?|traceback|fail(?:ed|ure|s)?|fatal|panic(?:ked)?|warn(?:ing)?s?
# |critical|denied|refused|timed out|timeout|segmentation fault|killed|abort(?:ed)?)\b``.
# Written to open with a character class (the first letters; a lookbehind then checks the
# word boundary before it and which letter it was), which lets the regex engine skip to
# candidate characters: the same matches, about three times faster.
_SEVERE = re.compile(
    r"[ECSAWO](?<!\w[ECSAWO])(?:(?<=E)(?:RR|MERG|\d{4})|(?<=C)RIT|(?<=S)EVERE|(?<=A)LERT"
    r"|(?<=W)(?:RN|\d{4})|(?<=O)OM)\b"
    r"|(?i:[acdefkprstw](?<!\w[acdefkprstw])(?:(?<=e)(?:rrors?|xceptions?)"
    r"|(?<=t)(?:raceback|imed out|imeout)|(?<=f)(?:ail(?:ed|ure|s)?|atal)|(?<=p)anic(?:ked)?"
    r"|(?<=w)arn(?:ing)?s?|(?<=c)ritical|(?<=d)enied|(?<=r)efused|(?<=s)egmentation fault"
    r"|(?<=k)illed|(?<=a)bort(?:ed)?)\b)"
)
# A line of a stack trace or multi-line error message by its form (at any indent): frames,
# "Caused by:", the exception line. Other lines continue one only indented deeper than the
# line that opened it (see _continues).
_TRACE_FORM = re.compile(
    r"\s*(?:Traceback \(most recent call last\)|Caused by:|at\s[\w$.<>]+\(|\.\.\. \d+ more"
    r"|goroutine \d+ \[|panic:|\w+(?:\.\w+)*(?:Error|Exception|Exit|Interrupt)\b:?"
    r"|During handling of the above exception|The above exception was|stack backtrace:"
    r"|\d+:\s+0x[0-9a-f]+|note: run with)"
)
# What varies inside a token: a uuid, a hex id (0x… or 12+ hex digits), an IP address (with a
# port), a number (signed, with . : , / _ - between digits), each standing alone but the
# number. Written to open with a character class (a sign, a digit or a hex letter; a
# lookbehind then says which it was and checks the word boundary before it), which lets the
# regex engine skip to candidate characters: the same matches as the plain form in
# tests/transforms/test_logs.py, about 40 % faster.
_MASK = re.compile(
    r"[-+\da-fA-F](?:(?<=[0-9a-fA-F])(?<!\w.)[0-9a-fA-F]{7}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
    r"-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
    r"|(?<=0)(?<!\w.)x[0-9a-fA-F]+\b|(?<=[0-9a-fA-F])(?<!\w.)[0-9a-fA-F]{11,}\b"
    r"|(?<=\d)(?<!\w.)\d{0,2}(?:\.\d{1,3}){3}(?::\d+)?\b"
    r"|(?<=[-+])\d+(?:[.:,/_-]\d+)*|(?<=\d)\d*(?:[.:,/_-]\d+)*)"
)
# A token that draws a bar or a rule (``━━━━━━━━╸━━━``, ``[=====>    ]`` without its brackets,
# ``********``): 8+ characters, no letter, digit or space.
_BAR = re.compile(r"^[━─═█▉▊▋▌▍▎▏░▒▓■□╸╺╾╼=#*~_.>|+-]{8,}$", re.M)
# A place in source code: a file name with an extension and a line number ("src/api.c:765",
# "tests/test_x.py:12:").
_LOCATION = re.compile(r"[\w./\\-]*\w\.[A-Za-z]\w*:\d+(?::\d+)?")
# A masked token of a line's head (a timestamp, a counter, a pid): "#", "[#]", "#:", "(#)".
# ``[\[(<]?#[\])>:,.]?`` spelled out: a set lookup per token is cheaper than a regex call.
_MASKED_HEAD = frozenset(
    a + "#" + b for a in ("", "[", "(", "<") for b in ("", "]", ")", ">", ":", ",", ".")
)
# A token that may end the first word of a two-word _SEVERE phrase ("timed out").
# ``\b(?:timed|segmentation)$``, opening with a character class (see _SEVERE); multi-line: a
# token's end is a line's end in the string of distinct tokens _scan searches.
_PHRASE_HEAD = re.compile(r"(?im:[ts](?<!\w[ts])(?:(?<=t)imed|(?<=s)egmentation)$)")


class _Drain(Drain):  # type: ignore[misc]
    """drain3's Drain with its similarity measure computed in C loops (same results): it is
    called for every cluster a new line is compared with, most of the miner's time."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        # Cluster id -> its template's tokens and how many of them are wildcards, kept by
        # add_tokens (which must not be mixed with drain3's add_log_message on one miner:
        # that one changes templates without updating this).
        self._seqs: dict[int, tuple[tuple[str, ...], int]] = {}
        # How many places of the line the last template _tree_search found has equal.
        self._hits = 0

    def get_seq_distance(
        self, seq1: Sequence[str], seq2: Sequence[str], include_params: bool
    ) -> tuple[float, int]:
        n = len(seq1)
        if n == 0:
            return 1.0, 0
        param = self.param_str
        params = seq1.count(param)
        sim = sum(map(_eq, seq1, seq2))
        if params and param in seq2:  # a wildcard in the template meeting one in the line
            sim -= sum(1 for a, b in zip(seq1, seq2, strict=True) if a == param == b)
        if include_params:
            sim += params
        return sim / n, params

    def fast_match(
        self, cluster_ids: Sequence[int], tokens: list[str], sim_th: float, include_params: bool
    ) -> LogCluster | None:
        # drain3's loop with get_seq_distance inlined (the same best cluster, same ties).
        param = self.param_str
        get = self.id_to_cluster.get
        n = len(tokens)
        wild_line = param in tokens
        best = None
        max_sim = -1.0
        max_params = -1
        for cid in cluster_ids:
            cluster = get(cid)
            if cluster is None:
                continue
            seq = cluster.log_template_tokens
            if n == 0:
                sim, params = 1.0, 0
            else:
                params = seq.count(param)
                hits = sum(map(_eq, seq, tokens))
                if params and wild_line:
                    hits -= sum(1 for a, b in zip(seq, tokens, strict=True) if a == param == b)
                if include_params:
                    hits += params
                sim = hits / n
            if sim > max_sim or (sim == max_sim and params > max_params):
                max_sim, max_params, best = sim, params, cluster
        return best if max_sim >= sim_th else None

    def _tree_search(self, tokens: list[str]) -> LogCluster | None:
        """``tree_search(self.root_node, tokens, self.sim_th, False)`` for non-empty
        ``tokens``: drain3's descent of the prefix tree (token count, then the first tokens,
        a wildcard child where a token has none) without its per-call set-up."""
        node = self.root_node.key_to_child_node.get(str(len(tokens)))
        if node is None:
            return None
        param = self.param_str
        # drain3 descends while its depth (1 at the token-count node) is below both the
        # tree's depth and the token count: at most that many first tokens.
        for token in tokens[: min(self.max_node_depth, len(tokens)) - 1]:
            children = node.key_to_child_node
            child = children.get(token)
            if child is None:
                child = children.get(param)
                if child is None:
                    return None
            node = child
        # fast_match(node.cluster_ids, tokens, self.sim_th, False) over the templates and
        # wildcard counts kept beside the clusters (``_seqs``): every template in a leaf has
        # len(tokens) tokens, so the best similarity is the most equal tokens (ties: the most
        # wildcards, then the first). A template equal to the line at every place has no
        # wildcard (the line's tokens are masked with "#", never "<*>", unless it holds
        # one), and nothing after it can beat it.
        seqs = self._seqs
        wild_line = param in tokens
        best = -1
        max_hits = -1
        max_params = -1
        n = len(tokens)
        for cid in node.cluster_ids:
            got = seqs.get(cid)
            if got is None:
                continue
            seq, params = got
            hits = sum(map(_eq, seq, tokens))
            if params and wild_line:
                hits -= sum(1 for a, b in zip(seq, tokens, strict=True) if a == param == b)
            if hits > max_hits or (hits == max_hits and params > max_params):
                max_hits, max_params, best = hits, params, cid
                if hits == n and not wild_line:
                    break
        if best < 0 or max_hits / n < self.sim_th:
            return None
        self._hits = max_hits
        return self.id_to_cluster[best]  # type: ignore[no-any-return]

    def add_tokens(self, tokens: list[str]) -> int:
        """``add_log_message(" ".join(tokens))[0].cluster_id`` for a message already split
        (``tokens``: non-empty, no whitespace in a token): drain3's tree search and template
        update inlined, without re-splitting the message or its profiler hooks (same
        clusters, same templates; it is called for every distinct line of a log): drain3's own
        tree search, then its template update inlined."""
        match = self._tree_search(tokens)
        param = self.param_str
        if match is None:
            self.clusters_counter += 1
            match = LogCluster(tokens, self.clusters_counter)
            self.id_to_cluster[match.cluster_id] = match
            seq = match.log_template_tokens
            self._seqs[match.cluster_id] = (seq, seq.count(param))
            self.add_seq_to_prefix_tree(self.root_node, match)
            return int(match.cluster_id)
        template = match.log_template_tokens
        # The template stays when the line differs from it only at its wildcards: without a
        # wildcard in the line, each of the template's differs from the line, and the
        # search counted the equal places (``_hits``).
        if param in tokens or self._hits + self._seqs[match.cluster_id][1] != len(tokens):
            # drain3's create_template: a position where the message differs becomes a wildcard.
            new = tuple(t if t == w else param for t, w in zip(template, tokens, strict=True))
            if new != template:
                match.log_template_tokens = new
                self._seqs[match.cluster_id] = (new, new.count(param))
        match.size += 1
        return int(match.cluster_id)


@dataclass(slots=True)
class _Line:
    start: int  # offset of the line in the text
    end: int  # offset past the line's content (before its newline)
    shown: str  # what is shown if the line is kept (final state of a \r progress line)
    cid: int = 0  # template cluster id
    severe: bool = False


def _split(text: str) -> list[_Line]:
    if "\r" not in text:  # no progress bars, no CRLF: the lines are the text's own
        if not text:
            return []
        parts = text.split("\n")
        if text.endswith("\n"):
            parts.pop()
        lines: list[_Line] = []
        at = 0
        for part in parts:
            end = at + len(part)
            lines.append(_Line(at, end, part))
            at = end + 1
        return lines
    out: list[_Line] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        content_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        line = text[pos:content_end]
        if "\r" in line:
            line = line.rstrip("\r").rsplit("\r", 1)[-1]
        out.append(_Line(pos, content_end, line))
        pos = end + 1
    return out


def _option(tok: str) -> bool:
    """A command-line option (``-Wno-error=deprecated``, ``--fail-fast``: a compiler's or test
    runner's command line), which names no error; ``-ERR`` (an error word right after one
    dash: a protocol's error reply) is no option."""
    return tok.startswith("--") or (tok[:1] == "-" and _SEVERE.match(tok, 1) is None)


# A file's extension after a word (``errors.go``, ``error.c.o``, ``panic.go:884``).
_FILE_EXT = re.compile(r"\.[a-z][a-z0-9]{0,3}(?![A-Za-z0-9_])")
# What may stand before a file or directory name in a token.
_PATH_OPEN = frozenset(("", "/", "'", '"', "`", "("))


def _path_part(tok: str, a: int, b: int, start: int = 0) -> bool:
    """The word ``tok[a:b]`` (a _SEVERE match in the token starting at ``start``) is a file's
    stem before its extension or a directory between slashes: a file named, no error (go
    build -x compiling ``src/errors/errors.go``, cmake building ``src/error.c.o``)."""
    before = tok[a - 1] if a > start else ""
    if before not in _PATH_OPEN:
        return False
    after = tok[b : b + 1]
    if after == "/":
        return before == "/"
    return after == "." and _FILE_EXT.match(tok, b) is not None


def _names_error(tok: str) -> bool:
    """A token holding an error/warning word (a _SEVERE match) names an error: it is no
    command-line option (see :func:`_option`) and the word is not only a file's name
    (:func:`_path_part`)."""
    if _option(tok):
        return False
    if "/" not in tok and "." not in tok:
        return True
    return not all(_path_part(tok, *m.span()) for m in _SEVERE.finditer(tok))


def _severe_in(line: str) -> bool:
    """An error/warning word in ``line`` outside command-line options (see :func:`_option`)
    and file names (:func:`_path_part`): what ``_scan`` finds token by token."""
    for m in _SEVERE.finditer(line):
        s = e = m.start()
        while s and not line[s - 1].isspace():
            s -= 1
        while e < len(line) and not line[e].isspace():
            e += 1
        if not _option(line[s:e]) and not _path_part(line, *m.span(), s):
            return True
    return False


# Every _SEVERE match within a token holds one of these (lowercased; no phrase: a token
# holds no space) or an E/W code (``_CODE``), and every _PHRASE_HEAD match one of
# _PHRASE_STEMS: a cheap search for them finds the tokens the patterns are run on.
_SEVERE_STEMS = (
    *("err", "emerg", "crit", "severe", "alert", "wrn", "oom", "exception", "traceback"),
    *("timeout", "fail", "fatal", "panic", "warn", "denied", "refused", "killed", "abort"),
)
_PHRASE_STEMS = ("timed", "egmentation")
_CODE = re.compile(r"[EW]\d{4}")


def _tokens_found(
    pattern: re.Pattern[str],
    stems: tuple[str, ...],
    joined: str,
    lowered: str,
    distinct: list[str],
    starts: list[int],
) -> set[str]:
    """The tokens of ``distinct`` (``joined`` one per line, each at its ``starts``;
    ``lowered``: ``joined.lower()``) in which ``pattern`` (_SEVERE or _PHRASE_HEAD, with its
    ``stems``) finds a match. Case-insensitive matching also takes ``ı`` for i and ``ſ`` for s,
    which lowercasing does not: a text holding them, or whose lowercasing changes its length,
    is searched whole."""
    if len(lowered) != len(joined) or "ı" in joined or "ſ" in joined:
        return {distinct[bisect_right(starts, m.start()) - 1] for m in pattern.finditer(joined)}
    at = [m.start() for m in _CODE.finditer(joined)] if pattern is _SEVERE else []
    for stem in stems:
        k = lowered.find(stem)
        while k >= 0:
            at.append(k)
            k = lowered.find(stem, k + 1)
    candidates = {distinct[bisect_right(starts, k) - 1] for k in at}
    return {tok for tok in candidates if pattern.search(tok)}


def _scan(
    lines: list[_Line], freq: dict[str, int] | None = None, tokens: list[list[str]] | None = None
) -> list[str]:
    """Each line's clustering key (masked, whitespace runs collapsed); sets ``severe``.

    Neither _MASK nor _SEVERE's one-word alternatives match whitespace, and whitespace is
    not a word character, so both give per whitespace-separated token what they give on the
    whole line (``\\b`` at a token's edge holds as at the string's). Log lines repeat their
    tokens (hosts, package names, dates), so each distinct token is masked and searched once.
    Only a line with a token ending like the head of a two-word phrase is searched whole.
    ``freq`` gets how often each token occurs (what is rare in the log), ``tokens`` each
    line's tokens.
    """
    all_tokens = [ln.shown.split() for ln in lines]
    counted = Counter(chain.from_iterable(all_tokens))
    if freq is not None:
        freq.update(counted)
    if tokens is not None:
        tokens.extend(all_tokens)
    # The distinct tokens, one per line of one string: each pattern scans it once (no
    # pattern matches a line break, which is a word boundary like a token's own edges).
    distinct = list(counted)
    joined = "\n".join(distinct)
    masked = dict(zip(distinct, _MASK.sub("#", joined).split("\n"), strict=True)) if joined else {}
    # A bar's width varies with the figures beside it (pip's ``━━━━ 92.9/92.9 kB``): each
    # width would be a template of its own, kept as rare. Its first character stands for it.
    for m in _BAR.finditer(joined):
        masked[m.group()] = m.group()[0]
    starts = list(accumulate((len(t) + 1 for t in distinct), initial=0))
    lowered = joined.lower()
    severe = {
        tok
        for tok in _tokens_found(_SEVERE, _SEVERE_STEMS, joined, lowered, distinct, starts)
        if _names_error(tok)
    }
    # Tokens that may open a two-word phrase ("timed out").
    heads = _tokens_found(_PHRASE_HEAD, _PHRASE_STEMS, joined, lowered, distinct, starts) - severe
    get = masked.__getitem__
    keys = [" ".join(map(get, toks)) for toks in all_tokens]
    for ln, toks in zip(lines, all_tokens, strict=True):
        if severe and not severe.isdisjoint(toks):
            ln.severe = True
        elif heads and not heads.isdisjoint(toks):
            ln.severe = _severe_in(ln.shown)
        else:
            ln.severe = False
    return keys


def compress_logs(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """The log compressed (see the module's docstring), or None if it is too short."""
    # Per line it builds tokens, keys, slot values and counts that hold no reference cycles
    # and are dropped on return: the cyclic collector, which would traverse them pass after
    # pass while they are built (5-30 ms of a 1 MB log), is paused meanwhile (transforms._gc).
    with collector_paused():
        start = omitter.checkpoint()
        tabled: list[bool] = []
        out = _compress_logs(text, omitter, base, tabled_out=tabled)
        if out is None or len(text) > _PLAIN_TRY_CHARS or not tabled:
            return out
        # A short log's template table and legend, or the templates its markers quote, may
        # cost more than the markers leaning on them save: the log without them (only repeats
        # of shown lines, folded lines, long lines' tails and ditto runs omitted) is made too,
        # and the one counting fewer tokens is returned (its markers numbered from ``start``
        # either way).
        first = omitter.omissions[start:]
        omitter.rollback(start)
        plain = _compress_logs(text, omitter, base, tabled=False)
        if plain is not None and raw_count(plain) < raw_count(out):
            return plain
        omitter.rollback(start)
        omitter.omissions.extend(first)
        return out


def _compress_logs(
    text: str,
    omitter: Omitter,
    base: int,
    tabled: bool = True,
    tabled_out: list[bool] | None = None,
) -> str | None:
    """The log compressed; with ``tabled`` False, no line goes behind a marker naming a
    template (no table, no legend): only repeats of shown lines, folded lines, long lines'
    tails and ditto runs are omitted. ``tabled_out`` gets True if a marker names a template
    (by its number in the table, or quoted)."""
    lines = _split(text)
    n = len(lines)
    if n < 2 * EDGE_LINES + 4:
        return None
    drain = _Drain(depth=4, sim_th=0.4, max_children=100, param_str="<*>")
    key_cluster: dict[str, tuple[int, int]] = {}
    templates: dict[int, str] = {}
    freq: dict[str, int] = {}
    tokens: list[list[str]] = []
    keys = _scan(lines, freq, tokens)
    # Lines of a stanza field whose values are lists (``Depends: a (>= 1), b``): one template
    # per field, whatever the list's length; markers name the words of the values they hide.
    list_lines = _list_fields(lines, tokens)
    list_cid: dict[str, int] = {}
    list_value: dict[int, int] = {}  # template (< 0) -> where its values start in a line
    skips = [0] * n  # masked head tokens of each line (not seen by the miner)
    for k, (ln, key) in enumerate(zip(lines, keys, strict=True)):
        field_name = list_lines.get(k)
        if field_name is not None:
            cid = list_cid.get(field_name)
            if cid is None:
                cid = list_cid[field_name] = -1 - len(list_cid)
                templates[cid] = f"{field_name}: <list>"
                list_value[cid] = len(field_name) + 2
            ln.cid = cid
            continue
        got = key_cluster.get(key)
        if got is None:
            # The miner sees the message after its masked head (timestamps, counters): its
            # prefix tree then branches on the message's first words, as Drain expects.
            toks = key.split(" ")
            skip = 0
            while skip < len(toks) - 1 and toks[skip] in _MASKED_HEAD:
                skip += 1
            got = key_cluster[key] = (drain.add_tokens(toks[skip:] if key else ["<blank>"]), skip)
        ln.cid = got[0]
        skips[k] = got[1]
    slots: dict[int, list[int]] = {cid: [] for cid in list_value}  # template -> wildcards
    drain_tokens: dict[int, Sequence[str]] = {}  # template -> the miner's tokens
    for cluster in drain.clusters:
        cid = cluster.cluster_id
        templates[cid] = cluster.get_template().replace("#", "<*>")
        drain_tokens[cid] = cluster.log_template_tokens
        # A wildcard, or a token that is a number, an address or an id as it stands (masked
        # whole: "#"): a status code, an exit code or a port is a slot like any other word.
        slots[cid] = [k for k, tok in enumerate(cluster.log_template_tokens) if tok in ("<*>", "#")]
    members: dict[int, list[int]] = {}  # template -> its lines, templates by first line
    for k, ln in enumerate(lines):
        members.setdefault(ln.cid, []).append(k)
    counts = Counter({cid: len(ks) for cid, ks in members.items()})  # in first-line order
    for cid, ks in members.items():
        if skips[ks[0]] and cid not in list_value:  # the head, as the first line has it
            templates[cid] = " ".join(["<*>"] * skips[ks[0]] + [templates[cid]])
    # A slot's name is ``*k`` where its word is the k-th ``<*>`` of the template as printed
    # (the legend's "k-th <*>"): every wildcard before it counts, those of the head and
    # those inside words (``HTTP/<*>``, ``<*>ms``) too, though they are no slots.
    slot_names: dict[int, list[str]] = {}
    for cid, pos in slots.items():
        if pos and cid not in list_value:
            toks = templates[cid].split(" ")
            head = len(toks) - len(drain_tokens[cid])
            wild_before = [0]  # per word, the wildcards before it
            for tok in toks:
                wild_before.append(wild_before[-1] + tok.count("<*>"))
            slot_names[cid] = [f"*{wild_before[head + p] + 1}" for p in pos]
    populations: dict[int, _Slots] = {}

    def population(cid: int) -> _Slots:
        """The slot values of every line of template ``cid`` (slot ``*k``'s word is the k-th
        ``<*>`` of the template as printed), each line's index in it, and each slot's values
        line by line when every line has every slot (else None)."""
        if cid not in populations:
            units, columns = _slot_units(
                slots[cid], members[cid], tokens, skips, slot_names.get(cid)
            )
            exact = _categorical_words(units, columns)
            populations[cid] = (
                Population.of(units, columns=columns)
                if not exact
                else Population.of(units, key=partial(_exact_key, exact), columns=columns),
                {k: m for m, k in enumerate(members[cid])},
                columns,
            )
        return populations[cid]

    keep = bytearray(n)  # 1 = kept verbatim
    for i in range(min(EDGE_LINES, n)):
        keep[i] = 1
    for i in range(max(0, n - EDGE_LINES), n):
        keep[i] = 1
    severe_seen: Counter[int] = Counter()
    severe_keys: set[str] = set()
    last_severe: dict[int, tuple[int, int]] = {}  # template -> (its last line, past its trace)
    trace_cut: list[tuple[int, int]] = []  # (first, last) line indices of trace middles to elide
    blocks: dict[int, int] = {}  # kept error line -> past the end of its trace
    _keep_examples(members, keep)
    severe_at = [k for k, ln in enumerate(lines) if ln.severe]
    lone = _lone_messages(lines, severe_at)
    i = 0
    for at in severe_at:  # (the lines the loop over every line acted on)
        if at < i:
            continue  # in the trace of an error line kept
        i = at
        ln = lines[i]
        # The error line and its trace: following lines that continue it.
        j = _trace_end(lines, i, ln.cid in lone)
        severe_seen[ln.cid] += 1
        # Drain may merge different error messages into one template: each distinct
        # message (numbers masked) is kept once, up to MAX_DISTINCT_SEVERE of them. A
        # source location's numbers (``api.c:765:30:``) are not masked: the same warning
        # at another place is another warning (a timeout's "199ms" is a measurement).
        key = keys[i]
        if ":" in ln.shown:
            where = _LOCATION.findall(ln.shown)
            if where:
                key = " ".join([key, *where])
        fresh = key not in severe_keys and len(severe_keys) < MAX_DISTINCT_SEVERE
        if fresh:
            severe_keys.add(key)
        if severe_seen[ln.cid] <= MAX_PER_ERROR_TEMPLATE or fresh:
            _keep_block(keep, i, j, trace_cut)
            blocks[i] = j
            i = j if j > i + 1 else i + 1
            continue
        # Not kept: the lines of its trace are still looked at one by one (an error or
        # warning among them is kept on its own).
        last_severe[ln.cid] = (i, j)
        i += 1
    # The retention contract (transforms/_rarity.py): a line whose slot value is rare for its
    # template (a one-off package, subject or frontend) is shown, a bounded number per
    # template; past the bound, the marker of its run names the rare values first.
    for cid, idx in members.items():
        if counts[cid] > RARE_COUNT and slots[cid]:
            pop = population(cid)[0]
            # Past the bound a marker names a rare value, past every budget, unless it is a
            # version or an id (``_nameable``; a marker lists those within its budgets only):
            # a line holding one of those is shown whatever the bound.
            for shown, (m, name) in enumerate(pop.rare_units().items()):
                if shown < MAX_RARE_PER_TEMPLATE or not _nameable(str(pop.units[m][name])):
                    keep[idx[m]] = 1
            # A rare value too long for a marker to name (a payload) is shown with its line.
            always = max(RARE_COUNT, rare_limit(len(pop.units)))
            for name, c in pop.counts.items():
                long_rare = {
                    k for k, m in c.items() if m <= always and len(str(k[1])) > _RARE_VALUE_CHARS
                }
                if long_rare:
                    for m, u in enumerate(pop.units):
                        if name in u and value_key(u[name]) in long_rare:
                            keep[members[cid][m]] = 1
    for i, j in last_severe.values():
        blocks[i] = j
        _keep_block(keep, i, j, trace_cut)

    # Stack traces whose library frames the trace compressor's rules collapse: shown so.
    collapsed = _trace_blocks(text, lines, blocks, omitter, base)
    if collapsed:
        trace_cut = [c for c in trace_cut if not any(i < c[0] < j for i, j in collapsed.items())]
        for i, j in collapsed.items():
            keep[i:j] = b"\x01" * (j - i)
    cut = bytearray(n)
    for a, b in trace_cut:
        for k in range(a, b + 1):
            # The middle of a long trace goes, but not an error line in it (``Caused by:``),
            # nor a line of a rare template: they are kept wherever they are.
            if lines[k].severe or counts[lines[k].cid] <= RARE_COUNT:
                continue
            cut[k] = 1
            keep[k] = 0
    if not tabled:
        # Every line not in a long trace's middle is shown, but for repeats of shown lines.
        for k in range(n):
            if not cut[k]:
                keep[k] = 1
    # Lines repeating a line shown above but for a directory before a path (_relocated),
    # looked for in a short log (a few per step of a build: in a long one, the cost of
    # looking grows with every hidden line for little): line -> that directory.
    relocate = len(text) <= _PLAIN_TRY_CHARS
    moved: dict[int, str] = {}
    repeat = _drop_repeats(lines, keep, blocks, moved if relocate else None)
    folds, fold_what = _folds(lines, keep, cut, text, omitter, blocks, repeat)

    out: list[str] = []
    # The table names the templates markers name by id; a template every marker only counts
    # ("+N templates") needs none: its example line is shown. Which ones a marker names is
    # known once the markers are written: they hold a placeholder per template until then.
    hidden = {lines[k].cid for k in range(n) if not keep[k]}
    listed = [cid for cid, c in counts.most_common() if c > RARE_COUNT and cid in hidden]
    tid = {cid: f"{_TID_OPEN}{k}{_TID_CLOSE}" for k, cid in enumerate(listed)}
    checkpoint = omitter.checkpoint()
    named: set[tuple[str, str | int | float | bool | None]] = _Named()
    rare_any: dict[int, bool] = {}  # template -> a value rare enough to name anywhere
    # Lines shown in full outside error blocks (not first/last): (their place in ``out``, line
    # index); words they repeat from the line shown above are written ″ (_ditto).
    plain: list[tuple[int, int]] = []
    shown_at: list[tuple[int, int, int]] = []  # every line shown: (out index, line, chars shown)
    seen: set[str] = set()  # the texts of the lines shown so far
    repeated: set[str] = set()  # texts a marker counts lines of as repeats of a line shown
    loose: list[tuple[int, list[int]]] = []  # runs shown for want of a marker that pays
    # Per template, its lines hidden in the runs below, and the templates a marker names.
    to_hide = Counter(lines[k].cid for k in range(n) if not keep[k] and not repeat[k])
    row_paid: set[int] = set()
    # Short runs whose own marker pays, written once it is known whether one marker for them
    # and the loose runs pays more: out index -> (spans, lines, description).
    deferred: dict[int, tuple[list[tuple[int, int]], list[int], str]] = {}

    def in_view(shown: str, whole: bool = True) -> None:
        """``shown`` is shown: its text is seen, and each of its words is named for the
        markers below (a value a shown line holds is in view; the last word of a line's cut
        head, ``whole`` False, is not whole)."""
        if whole:
            seen.add(shown)
        words = shown.split()
        if not whole and words:
            words.pop()
        named.update(("=", _slot_value(w)) for w in words)
        # A cache entry shown names its directory as markers name it (its hash "…").
        named.update(
            ("=", _undigest(_slot_value(w))) for w in words if len(w) >= _CACHE_ENTRY_CHARS
        )
        # npm's cache line ``pkg@<tarball URL>`` shown names that URL for a later fetch of it,
        # as a marker listing it does (transforms/_rarity.py).
        for w in words:
            if "@" in w and (tail := _at_tail(_slot_value(w))):
                named.add(("@", tail))

    # Templates whose lines name what another template's lines name too: described after
    # the others in a marker, so that the value is named first and counts as named above
    # there: a Debian archive (dpkg's ``Preparing to unpack .../libfoo2_1.4-2_amd64.deb
    # ...``), whose package other lines name; a tarball fetched (npm's ``http fetch GET 200
    # <URL>``) that a cache line ``pkg@<URL>`` names.
    late = {
        cid
        for cid, ks in members.items()
        if cid not in list_value and any(t.endswith(".deb") for t in tokens[ks[0]])
    }
    at_tails = {
        tail for tok in freq if "@" in tok and "/" in tok and (tail := _at_tail(_slot_value(tok)))
    }
    if at_tails:
        late.update(
            ln.cid
            for ln, toks in zip(lines, tokens, strict=True)
            if ln.cid not in list_value and not at_tails.isdisjoint(toks)
        )

    in_block = bytearray(n)
    for a, b in blocks.items():
        in_block[a:b] = b"\x01" * (b - a)

    def template_parts(
        groups: dict[int, list[int]],
        named: set[tuple[str, str | int | float | bool | None]],
        unbounded: bool = False,
    ) -> list[str]:
        """A run's lines of each template (``groups``) as its marker describes them, the
        values ``named`` above said so; ``unbounded``, every value of every template (no
        budget cuts one)."""
        top = len(groups) if unbounded else _MAX_TEMPLATES_NAMED
        ranked = sorted(groups.items(), key=lambda g: (g[0] in late, -len(g[1])))
        parts: list[str] = []
        unnamed: list[str] = []
        for r, (cid, ks) in enumerate(ranked):
            if cid in list_value:
                # A list field: the words of its values, every one rare in the log.
                head = f"{tid.get(cid, 'rare')}×{len(ks)}"
                words = _value_words(
                    [lines[k].shown[list_value[cid] :] for k in ks],
                    freq,
                    named,
                    _UNBOUNDED if unbounded else _LIST_WORD_BUDGET if r < top else 0,
                    _token_items,
                )
                if words:
                    parts.append(f"{head} ({templates[cid][:-8]} words: {words})")
                else:
                    unnamed.append(head)
                continue
            part = _run_part(
                cid,
                tid,
                population,
                ks,
                named,
                rare_any,
                _UNBOUNDED if unbounded else _LOG_FIELD_BUDGET if r < top else 0,
            )
            if "(" in part:
                parts.append(part)
            else:
                unnamed.append(part)  # nothing to name: counted, unless nothing is named
        # Templates with nothing (new) to name are frequent ones (every line of a rare
        # template is shown): counted.
        if not parts:
            parts, unnamed = unnamed[:top], unnamed[top:]
        if unnamed:
            parts.append(f"+{len(unnamed)} templates")
        return parts

    Entry = tuple[str, str | int | float | bool | None]
    # The values (``named``'s keys) a short run's marker or its lines shown named first: a
    # marker replacing them (``merge``) names them too, as later markers count them named above.
    said: dict[int, set[Entry]] = {}

    def values_of(run: Sequence[int]) -> set[Entry]:
        """The keys in ``named`` that the values of ``run``'s lines may have."""
        keys: set[Entry] = set()
        for k in run:
            cid = lines[k].cid
            if cid in list_value:
                shown = lines[k].shown[list_value[cid] :]
                keys.update(("=", w) for tok in shown.split() for w in _token_items(tok))
            elif slots[cid]:
                pop, index, _columns = population(cid)
                for v in pop.units[index[k]].values():
                    keys.add(("=", v))
                    keys.add(pop.key(v))
                    if isinstance(v, str) and "@" in v and (tail := _at_tail(v)):
                        keys.add(("@", tail))
        return keys

    i = 0
    while i < n:
        j = collapsed.get(i, 0)
        if j and all(keep[i:j]) and not any(k in folds for k in range(i, j)):
            # An error line and its stack trace: library frames behind the trace's markers.
            shown_lines = {lines[k].shown for k in range(i, j)}
            for line in _collapse_block(text, lines, i, j, omitter, base)[0]:
                if line in shown_lines:
                    in_view(line)
                out.append(line)
            i = j
            continue
        fold = folds.get(i)
        if fold is not None:
            # The first line of a group of folded lines (step starts, compiler carets)
            # stands for all of them: one marker.
            if fold:
                spans = [(base + lines[k].start, base + lines[k + 1].start) for k in fold]
                out.append(omitter.mark("lines", spans, len(fold), fold_what[i]))
            i += 1
            continue
        if keep[i]:
            ln = lines[i]
            full = text[ln.start : ln.end]
            updates = full.count("\r")
            what = plural(updates, "progress update")
            cut_at = 0
            if ln.shown != full and omitter.pays(full[: len(full) - len(ln.shown)], what):
                # Progress-bar line: show its final state, mark the overwritten updates.
                s, e = ln.start, ln.end - len(ln.shown)
                shown_at.append((len(out), i, 0))
                in_view(ln.shown)
                out.append(
                    ln.shown + " " + omitter.mark("progress", [(base + s, base + e)], updates, what)
                )
            elif (
                not ln.severe
                and EDGE_LINES <= i < n - EDGE_LINES
                and (len(full) > MAX_LINE_CHARS or (cut_at := _list_cut(full)))
            ):
                # A data dump on one line (package lists, payloads): its head says what it is,
                # the marker names the words of the tail (every one rare in the log). A list
                # (key: a, b, c, …) keeps its first items; the marker names the rest.
                head_chars = min(_LINE_HEAD, cut_at or _LINE_HEAD)
                s = ln.start + head_chars
                tail_chars = ln.end - s
                what = f"{tail_chars} more chars"
                words = _tail_words(full, head_chars, freq, named)
                if words:
                    what += f" naming {words}"
                if omitter.pays(text[s : ln.end], what):
                    span = [(base + s, base + ln.end)]
                    marker = omitter.mark("line tail", span, tail_chars, what)
                    if not in_block[i]:
                        plain.append((len(out), i))
                    shown_at.append((len(out), i, head_chars))
                    in_view(full[:head_chars], whole=False)
                    out.append(f"{full[:head_chars]}… {marker}")
                else:
                    shown_at.append((len(out), i, len(full)))
                    in_view(full)
                    out.append(full)
            else:
                if not (ln.severe or in_block[i]) and EDGE_LINES <= i < n - EDGE_LINES:
                    plain.append((len(out), i))
                shown_at.append((len(out), i, len(full)))
                in_view(full)
                out.append(full)
            i += 1
            continue
        j = i
        # A step's start line folded away (not the one its marker stands at) is no part of
        # the run: the run goes on past it.
        while j < n and (
            folds.get(j) == [] or (j not in folds and not keep[j] and cut[j] == cut[i])
        ):
            j += 1
        s = lines[i].start
        e = lines[j].start if j < n else len(text)
        run = [k for k in range(i, j) if k not in folds] if folds else range(i, j)
        spans = [(base + s, base + e)]
        if len(run) < j - i:
            spans = [
                (base + lines[k].start, base + (lines[k + 1].start if k + 1 < n else len(text)))
                for k in run
            ]
        # A trace's middle is described like any run (its frames are lines of templates too).
        groups: dict[int, list[int]] = {}
        seen_groups: dict[int, list[int]] = {}  # lines whose text a line shown above has
        repeats = 0
        under: Counter[str] = Counter()  # repeats with a path in another directory
        for k in run:
            if repeat[k]:
                repeats += 1  # the same text is shown above: nothing of it to name
                if k in moved:
                    under[moved[k]] += 1
            elif lines[k].shown in seen and not lines[k].shown.isspace():
                seen_groups.setdefault(lines[k].cid, []).append(k)
            elif (
                relocate
                and "/" in lines[k].shown
                and (moved_to := _relocated(lines[k].shown, seen))
            ):
                repeats += 1  # a line shown above, a path of it under another directory
                under[moved_to] += 1
                repeated.add(lines[k].shown)
            else:
                groups.setdefault(lines[k].cid, []).append(k)
        for cid, ks in seen_groups.items():
            # Counted as repeats, or with their template's other lines in the run where they
            # have no value to name.
            if (
                cid not in groups
                or cid in list_value
                or "(" in _run_part(cid, tid, population, ks, named, rare_any, _LOG_FIELD_BUDGET)
            ):
                repeats += len(ks)
                repeated.update(lines[k].shown for k in ks)
            else:
                groups.setdefault(cid, []).extend(ks)
        short = len(run) <= _MERGE_LINES and not cut[i]  # deferred, or loose if shown
        if short:
            run_keys = values_of(run)
            named_before = {key for key in run_keys if key in named}
        parts = template_parts(groups, named)
        if repeats:
            parts.append(f"{plural(repeats, 'repeat')} of lines shown")
            if under:
                # Named each time: a temporary directory is short, and a reader looks there.
                parts[-1] += (
                    " (" + ", ".join(f"{c} with paths under {d}" for d, c in under.items()) + ")"
                )
        what = "trace line" if cut[i] else "line"
        desc = f"{plural(len(run), what)}: " + "; ".join(parts)
        omitted = (
            text[s:e] if len(run) == j - i else "".join(text[a - base : b - base] for a, b in spans)
        )
        # Counted as the marker will read (its ids are at most the placeholders' T-numbers),
        # with the table's line of each template only this marker names (no other line of it
        # is hidden): a template named by one short run costs its line in the table too.
        rows = [
            f"T{int(tid[cid][1:-1]) + 1} {counts[cid]}× {templates[cid][:300]}"
            for cid, ks in groups.items()
            if cid in tid and cid not in row_paid and len(ks) >= to_hide[cid]
        ]
        to_hide.subtract({cid: len(ks) for cid, ks in groups.items()})
        if omitter.pays(omitted, " ".join([_TID.sub(_provisional_tid, desc), *rows])):
            row_paid.update(groups)
            if len(run) <= _MERGE_LINES and not cut[i]:
                # A few lines between shown ones (pip's Collecting/Downloading between two
                # warnings): their marker waits, it may join the loose lines' (below).
                deferred[len(out)] = (spans, list(run), desc)
                said[len(out)] = {key for key in run_keys if key in named} - named_before
                loose.append((len(out), list(run)))
                out.append("")
            else:
                out.append(omitter.mark("lines", spans, len(run), desc))
        else:
            # A run shorter than its marker (a blank line, a short line): shown as it is.
            if not cut[i]:
                loose.append((len(out), list(run)))
            at = len(out)
            for k in run:
                shown_at.append((len(out), k, lines[k].end - lines[k].start))
                in_view(lines[k].shown)
                out.append(text[lines[k].start : lines[k].end])
            if short:
                said[at] = {key for key in run_keys if key in named} - named_before
            elif not cut[i]:
                said[at] = values_of(run)  # (rare: a long run whose marker does not pay)
        i = j

    def relied_on(keys: set[Entry], gone: set[int]) -> set[Entry]:
        """Those of ``keys`` a marker hiding lines past the first of ``gone`` (not one of them)
        may count as named above: a value (or shape) of such a line, a value in its text."""
        whole = {k for _, k, c in shown_at if c >= lines[k].end - lines[k].start}
        later = [k for k in range(min(gone), n) if k not in gone and k not in whole]
        # A value (``=``) or reference (``@``) of a later line is in its text: looked for in
        # the later lines' texts joined (a key without a line break is in one of them iff it
        # is in the join). A shape, in the later lines' values' keys (``values_of(later)``),
        # template by template: only those of a template whose values have such a key.
        wanted = {key for key in keys if key[0] not in ("=", "@")}
        shapes: set[Entry] = set()
        if wanted:
            by_cid: dict[int, list[int]] = {}
            for k in later:
                by_cid.setdefault(lines[k].cid, []).append(k)
            for cid, ks in by_cid.items():
                if cid in list_value or not slots[cid]:
                    continue  # (a list field's keys are all values)
                pop, index, _columns = population(cid)
                if all(wanted.isdisjoint(c) for c in pop.counts.values()):
                    continue
                key_of = pop.key
                for k in ks:
                    shapes.update(
                        kk for v in pop.units[index[k]].values() if (kk := key_of(v)) in wanted
                    )
        texts = "\n".join([lines[k].shown for k in later])
        return {
            key
            for key in keys
            if key in shapes
            or (
                key[0] in ("=", "@")
                and (
                    not isinstance(key[1], str)
                    or (
                        bool(later) and key[1] in texts
                        if "\n" not in key[1]
                        else any(key[1] in lines[k].shown for k in later)
                    )
                )
            )
        }

    def merge(runs: list[tuple[int, list[int]]]) -> bool:
        """Lines of ``runs`` behind one marker where the first was, if that pays: the lines of
        loose runs (a shown line whose text a marker counts as repeated stays, and so do shown
        blank lines) and every line of a deferred one, whose marker it then replaces."""
        nonlocal out, shown_at, plain
        hide = [
            (at, k) if at in deferred else (at + m, k)
            for at, run in runs
            for m, k in enumerate(run)
            if at in deferred or (lines[k].shown.strip() and lines[k].shown not in repeated)
        ]
        if len({at for at, _ in hide}) < 2:
            return False
        by_cid: dict[int, list[int]] = {}
        for _, k in hide:
            by_cid.setdefault(lines[k].cid, []).append(k)
        joined = [deferred[at][2] for at, _ in runs if at in deferred]
        names = frozenset().union(*map(_names, joined)) - _MARKER_WORDS
        # Every value its runs named first (their markers', their lines'), which a later marker
        # may count as named above: within the budgets, else past them, else no merge.
        must: set[Entry] = set()
        for at, run in runs:
            if at in said:
                ks = run if at in deferred else [k for a, k in hide if at <= a < at + len(run)]
                must.update(said[at] & values_of(ks))
        for unbounded in (False, True):
            says: set[Entry] = set()
            desc = f"{plural(len(hide), 'line')} here and between the lines below: " + "; ".join(
                template_parts(by_cid, says, unbounded)
            )
            # It names every name (a word without digits) the deferred markers name: it says
            # each value anew, within budgets over more values than each of them had.
            if not unbounded and not names <= _names(desc):
                return False
            must = {
                key
                for key in must
                if not (key in says or (key[0] == "=" and value_key(key[1]) in says))
            }
            if must and not unbounded:
                must = relied_on(must, {k for _, k in hide})
            if not must:
                break
        else:
            return False
        spans = [
            (base + lines[k].start, base + (lines[k + 1].start if k + 1 < n else len(text)))
            for _, k in hide
        ]
        # What the marker stands for: the loose lines and the deferred runs' own markers.
        material = "".join(
            text[a - base : b - base]
            for (at, _), (a, b) in zip(hide, spans, strict=True)
            if at not in deferred
        ) + "".join(_marker(_TID.sub(_provisional_tid, d), "o0") for d in joined)
        # A template no marker named yet adds its line to the table the marker leans on.
        marks = omitter.omissions[checkpoint:]
        named_ids = {
            int(k) for d in chain((o.description for o in marks), joined) for k in _TID.findall(d)
        }
        table = [
            f"T{int(k) + 1} {counts[listed[int(k)]]}× {templates[listed[int(k)]][:300]}"
            for k in dict.fromkeys(_TID.findall(desc))
            if int(k) not in named_ids
        ]
        if not omitter.pays(material, " ".join([_TID.sub(_provisional_tid, desc), *table])):
            return False
        first = hide[0][0]
        out[first] = omitter.mark("lines", spans, len(hide), desc)
        gone = {at for at, _ in hide} - {first}
        # Where each line of ``out`` moves to once the hidden ones are out of it.
        moved = list(accumulate((at in gone for at in range(len(out))), initial=0))
        out = [line for at, line in enumerate(out) if at not in gone]
        gone.add(first)
        shown_at = [(at - moved[at], k, c) for at, k, c in shown_at if at not in gone]
        plain = [(at - moved[at], k) for at, k in plain if at not in gone]
        return True

    def mark_deferred() -> None:
        """Each deferred run behind its own marker, asked again whether it pays: its id is
        known only now, and may have more digits than the one ``pays`` counted when the run
        was deferred (markers were made since). A run whose marker no longer pays is shown
        as it is."""
        for at, (spans, run, desc) in deferred.items():
            material = "".join(text[a - base : b - base] for a, b in spans)
            if omitter.pays(material, _TID.sub(_provisional_tid, desc)):
                out[at] = omitter.mark("lines", spans, len(run), desc)
            else:
                out[at] = "\n".join(text[lines[k].start : lines[k].end] for k in run)

    if not tabled:
        mark_deferred()
    elif not (len(loose) > 1 and deferred and merge(loose)):
        # Each deferred run behind its own marker; the loose lines behind one if that pays.
        mark_deferred()
        shown_runs = [(at, run) for at, run in loose if at not in deferred]
        if len(shown_runs) > 1:
            merge(shown_runs)
    if plain and _DITTO not in text:
        before = len(out)
        _ditto(out, plain, shown_at, lines, text, omitter, base)
        plain = [(at + len(out) - before, k) for at, k in plain]  # past its marker
    if plain:
        _elide_digests(out, plain, lines, text, omitter, base)
    if tabled_out is not None and any(
        _TID_OPEN in o.description for o in omitter.omissions[checkpoint:]
    ):
        tabled_out.append(True)
    out = _name_templates(out, omitter, checkpoint, listed, n, counts, templates, text, base)
    result = "\n".join(out)
    if text.endswith("\n"):
        result += "\n"
    return result


class _Named(set[tuple[str, str | int | float | bool | None]]):
    """The values named in an output so far (keys as :func:`describe_run`'s ``named`` has
    them): a program's path named (``bin/test_array``, ``../run-dumper``: its last part
    without an extension) names the program too (``test_array``): cmake links
    ``bin/test_array``, then says ``Built target test_array``. (A file's name, ``a.c.o``,
    is no program: ``dir/a.c.o`` elsewhere is another file.)"""

    def add(self, key: tuple[str, str | int | float | bool | None]) -> None:
        super().add(key)
        value = key[1]
        if key[0] == "=" and isinstance(value, str) and "/" in value:
            tail = value[value.rfind("/") + 1 :]
            if tail and "." not in tail and not tail.isupper():
                super().add(("=", tail))

    def update(self, *keys: Iterable[tuple[str, str | int | float | bool | None]]) -> None:
        for some in keys:
            for key in some:
                self.add(key)


# A log up to this long is also made without its template table (see compress_logs).
_PLAIN_TRY_CHARS = 48_000
# Runs of at most this many lines may share one marker with the loose lines (see above).
_MERGE_LINES = 3
# A budget no marker's values reach (a merged marker naming every value, see above).
_UNBOUNDED = 1 << 30
# The words of a marker that are no value: a merged marker need not repeat them.
_MARKER_WORDS = _names(
    "trace lines line templates repeats repeat of shown more named above rare with paths under"
)
# Written for words a shown line repeats at the same place from the log line shown above it.
_DITTO = "\u2033"
# A repeated run of words is written ″ from this many characters on.
_MIN_DITTO_CHARS = 10
_WORD_SPAN = re.compile(r"\S+")


def _ditto(
    out: list[str],
    plain: list[tuple[int, int]],
    shown_at: list[tuple[int, int, int]],
    lines: list[_Line],
    text: str,
    omitter: Omitter,
    base: int,
) -> None:
    """Runs of words a shown line repeats at the same place (word by word) from the log line
    shown above it (a line head such as ``[pid] date`` or ``[TRC] 127.0.0.1:54514 - cid:5 -``,
    a compiler's command line) written ″ in ``out``, with one marker at the top holding their
    spans. ``plain``: the lines that may be so written (not the first or last lines, nor an
    error line or its trace, which stay whole); ``shown_at``: every shown line and how many of
    its characters show. A word shown only as ″ is shown in a line above, so nothing is lost
    from view."""
    eligible = dict(plain)
    edits: list[tuple[int, list[tuple[int, int]]]] = []  # out index -> runs (line offsets)
    timed = 0  # lines with a time's head written ″
    above: list[str] = []  # the words of the line shown above
    for at, k, chars in shown_at:
        ln = lines[k]
        full = text[ln.start : ln.start + chars] if chars else ln.shown
        words = full.split()
        if above and eligible.get(at) == k:
            same = list(map(_eq, words, above))
            at_same = list(compress(range(len(same)), same))
            runs: list[tuple[int, int]] = []
            # Words repeated, with a space after each, can make a run worth writing ″.
            if sum(map(len, compress(words, same))) + len(at_same) > _MIN_DITTO_CHARS:
                spans = [m.span() for m in islice(_WORD_SPAN.finditer(full), at_same[-1] + 1)]
                first = prev = at_same[0]
                for p in [*at_same[1:], -1]:
                    if p != prev + 1:  # a run of repeated words ends at prev
                        if spans[prev][1] - spans[first][0] >= _MIN_DITTO_CHARS:
                            runs.append((spans[first][0], spans[prev][1]))
                        first = p
                    prev = p
            heads = _clock_heads(words, above, same, full)
            if heads:
                runs = sorted(runs + heads)
                timed += 1
            if runs:
                edits.append((at, runs))
        above = words
    if not edits:
        return
    spans = [
        (base + lines[eligible[at]].start + a, base + lines[eligible[at]].start + b)
        for at, runs in edits
        for a, b in runs
    ]
    count = len(spans)
    desc = (
        f"{plural(count, 'run')} of words repeating the log line shown above at the same place,"
        f" each written {_DITTO}"
    )
    if timed:
        desc += f" (of a time, its head: {_DITTO}25.664 after 18:23:25.430)"
    material = "".join(text[s - base : e - base] for s, e in spans)
    # What stands for the material: the marker and a ″ per run.
    if not omitter.pays(material, desc + f" {_DITTO}" * count):
        return
    for at, runs in edits:
        line = out[at]
        for a, b in reversed(runs):
            line = line[:a] + _DITTO + line[b:]
        out[at] = line
    out.insert(0, omitter.mark("repeated words", spans, count, desc))


# A content hash: 48+ lowercase hex digits mixing digits and letters (a sha256 digest, a
# PyPI or pip wheel cache directory named by one), after "=" or "/" (with the short hex
# directory levels before it: ``packages/b2/90/45c7…15d/``, ``wheels/c7/a5/d9/f6f5…db6``).
# Not a git commit's 40 digits: an id a reader may look up.
_DIGEST = re.compile(
    r"(?<=[=/])(?:[0-9a-f]{2}/)*(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{48,}(?![0-9A-Za-z])"
)


# A cache entry named by its content hash, ending a slot's value: pip's wheel cache directory
# ``/root/.cache/pip/wheels/f1/1e/2a/cac4…`` (short hex levels, then the hash), go's build
# cache file ``/root/.cache/go-build/2e/2edf…-d``. Not a hash before a file's name (a PyPI
# URL's ``packages/b2/90/45c7…/pkg-1.0.tar.gz``: markers name the file, see
# transforms/_rarity.py) nor a URL's ``#sha256=`` (it tells its file's versions apart).
_CACHE_ENTRY = re.compile(
    r"(?<=/)(?:[0-9a-f]{2}/)*(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{48,}(?=(?:-\w+)?/?$)"
)
# Values shorter than this hold no _CACHE_ENTRY ("/" and 48 hex digits).
_CACHE_ENTRY_CHARS = 49


def _undigest(value: str) -> str:
    """A slot's value with the hash naming a cache entry written "…", as a line shown has it
    (see :func:`_elide_digests`): markers name pip's wheel cache directory
    ``/root/.cache/pip/wheels/…``, not cut within its hash (``…/f1/1e/2a/cac4…``), and two
    such directories are one value: a hash is an id, named by no reader."""
    if len(value) < _CACHE_ENTRY_CHARS or "/" not in value:
        return value
    return _CACHE_ENTRY.sub("…", value)


def _elide_digests(
    out: list[str],
    plain: list[tuple[int, int]],
    lines: list[_Line],
    text: str,
    omitter: Omitter,
    base: int,
) -> None:
    """Content hashes (``_DIGEST``) in the lines ``plain`` shows (not the first or last lines,
    nor an error line or its trace) written "…", one marker at the top holding them, where
    that pays: a wheel's ``sha256=`` and cache directory, a download URL's hash directories
    say nothing a reader reads (markers name such paths with "…" too)."""
    edits: list[tuple[int, list[tuple[int, int]]]] = []  # out index -> spans in out[at]
    spans: list[tuple[int, int]] = []
    for at, k in plain:
        shown = out[at]
        if "/" not in shown and "=" not in shown:
            continue
        found = [m.span() for m in _DIGEST.finditer(shown)]
        if not found:
            continue
        ln = lines[k]
        original = text[ln.start : ln.end]
        kept: list[tuple[int, int]] = []
        for a, b in found:
            at_original = original.find(shown[a:b])
            if at_original >= 0:
                kept.append((a, b))
                start = base + ln.start + at_original
                spans.append((start, start + b - a))
        if kept:
            edits.append((at, kept))
    if not spans:
        return
    count = len(spans)
    hashes = "content hash" if count == 1 else "content hashes"
    desc = f"{count} {hashes} in lines shown, each written …"
    material = "".join(text[s - base : e - base] for s, e in spans)
    if not omitter.pays(material, desc + " …" * count):
        return
    for at, found in edits:
        line = out[at]
        for a, b in reversed(found):
            line = line[:a] + "…" + line[b:]
        out[at] = line
    out.insert(0, omitter.mark("content hashes", spans, count, desc))


# A time, date or counter: digits and their separators (``18:23:25.664``, ``2026/12/02``).
_CLOCK = re.compile(r"\d[\d:./-]{6,}\d")
# A time's head written ″ from this many characters on.
_MIN_HEAD_CHARS = 6
# Words of a line's head a time is looked for in (``[pid] date time``, ``date time UTC``).
_HEAD_WORDS = 4


def _clock_heads(
    words: list[str], above: list[str], same: list[bool], full: str
) -> list[tuple[int, int]]:
    """The heads (line offsets) of the times in the first words of ``words`` that the time
    at the same place in the line above begins with, up to a separator (``18:23:`` of
    ``18:23:25.664`` under ``18:23:24.102``): what a reader reads off the line above. A
    server log's lines differ in their time's last digits only."""
    heads: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] | None = None
    for p, (word, prior) in enumerate(islice(zip(words, above, strict=False), _HEAD_WORDS)):
        if same[p] or not _CLOCK.fullmatch(word) or not _CLOCK.fullmatch(prior):
            continue
        size = common_prefix(word, prior)
        while size and word[size - 1].isdigit():
            size -= 1  # back to a separator: "25.664" stays whole, not "5.664"
        if size >= _MIN_HEAD_CHARS:
            if spans is None:
                spans = [m.span() for m in _WORD_SPAN.finditer(full)]
            heads.append((spans[p][0], spans[p][0] + size))
    return heads


# A slot's token that is a number as it stands (a status code, a count, a duration in a
# field of its own): ``-12``, ``503``, ``0.25``; not a version (``1.2.3``) nor an address.
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _numbers_in(
    tokens: list[list[str]], lines: list[int], pos: list[int], skips: list[int]
) -> dict[str, int | float]:
    """The slot tokens of ``lines`` that are numbers, each with its number: a slot of
    numbers is a field of numbers (transforms/README.md): a rare status code among common
    ones is rare (categorical), many distinct durations a range."""
    out: dict[str, int | float] = {}
    for k in lines:
        toks, skip = tokens[k], skips[k]
        for p in pos:
            if p + skip < len(toks):
                t = toks[p + skip]
                if t[0] in "-0123456789" and t not in out and _NUMBER.fullmatch(t):
                    out[t] = _number(t)
    return out


def _number(t: str) -> int | float:
    """``t`` (a :data:`_NUMBER`) as a number shown as it was written (``007``, ``0.10``)."""
    if "." not in t and (t == "0" or t.lstrip("-")[:1] != "0") and t != "-0":
        return int(t)
    return WrittenNumber(t)


# A word opening with a number (``9%``, ``513K``, ``(2.36-9)``): a measurement.
_MEASURED = re.compile(r"[(\[]?[-+~]?\d")


def _categorical_words(
    units: list[dict[str, str | int | float | bool | None]],
    columns: dict[str, list[str | int | float | bool | None]] | None,
) -> frozenset[str]:
    """The words of a template's slots with few distinct values (2 to 24, at most half as
    many as its lines: regions, hosts, levels) that differ from another of their slot only in
    their digits: there each is a value of its own (``eu-west-9`` among ``eu-west-1`` is
    rare), not their shape (``worker-17``, ``worker-18``…, all distinct, stay one value).
    Measurements (a word opening with a digit: ``9%``, ``513K``) keep their shape."""
    out: set[str] = set()
    n = len(units)
    for vs in (columns or columns_of(units)).values():
        words = {v for v in vs if type(v) is str and not _MEASURED.match(v)}
        if 2 <= len(words) <= 24 and len(words) * 2 <= n:
            shapes = Counter(map(_shape, words))
            out.update(w for w in words if shapes[_shape(w)] > 1)
    return frozenset(out)


def _exact_key(
    exact: frozenset[str], v: str | int | float | bool | None
) -> tuple[str, str | int | float | bool | None]:
    """:func:`value_key`, but a word of ``exact`` (see :func:`_categorical_words`) as it is."""
    if type(v) is str and v in exact:
        return ("str", v)
    return value_key(v)


def _slot_value(tok: str) -> str:
    """A slot's token as a value: a word ending a sentence ("package libfoo:amd64.") or
    quoted ("adding 'pkg/mod.py'") is the same value as elsewhere ("Setting up libfoo:amd64
    (…)", "copying pkg/mod.py -> …"): named once."""
    if tok[-1] in ".,;":
        tok = _unpunct(tok)
    if tok[0] in _QUOTES:
        tok = _unquote(tok)
    return tok


def _keep_examples(members: dict[int, list[int]], keep: bytearray) -> None:
    """Keeps every template's first line (its example) and every line of a rare template,
    wherever it is (also inside the trace of an error line that is not kept); ``members``:
    each template's lines. Template by template, not line by line."""
    for ks in members.values():
        if len(ks) <= RARE_COUNT:
            for k in ks:
                keep[k] = 1
        else:
            keep[ks[0]] = 1


def _slot_units(
    pos: list[int],
    lines: list[int],
    tokens: list[list[str]],
    skips: list[int],
    names: list[str] | None = None,
) -> tuple[
    list[dict[str, str | int | float | bool | None]],
    dict[str, list[str | int | float | bool | None]] | None,
]:
    """Per line (indices ``lines``), its template's slot values, named ``names`` (the k-th
    ``<*>`` of the printed template is ``*k``; by default ``*1``, ``*2``… in order) at
    ``pos`` (their places after the line's masked head); a line too short for a slot (a
    blank line in a one-word template) has none there. With them each slot's values line
    by line when every line has every slot, else None."""
    if names is None:
        names = [f"*{m + 1}" for m in range(len(pos))]
    rows = [(tokens[k], skips[k]) for k in lines]
    numbers = _numbers_in(tokens, lines, pos, skips)
    if pos and all(len(toks) - skip > pos[-1] for toks, skip in rows):
        # Every line has every slot (the usual case): slot by slot, then zipped into units.
        columns: list[list[str | int | float | bool | None]] = []
        for p in pos:
            column = [toks[p + skip] for toks, skip in rows]
            values: list[str | int | float | bool | None] = [
                numbers[t]
                if t in numbers
                else _slot_value(t)
                if t[-1] in ".,;" or t[0] in _QUOTES
                else t
                for t in column
            ]
            if max(map(len, column), default=0) >= _CACHE_ENTRY_CHARS:
                values = [_undigest(v) if isinstance(v, str) else v for v in values]
            columns.append(values)
        by_name: dict[str, list[str | int | float | bool | None]] = dict(
            zip(names, columns, strict=True)
        )
        # A dict display per unit for one or two slots (most templates): a few times faster
        # than dict(zip(...)), the same dicts.
        if len(columns) == 1:
            (name,) = names
            return [{name: value} for value in columns[0]], by_name
        if len(columns) == 2:
            first, second = names
            return [{first: a, second: b} for a, b in zip(*columns, strict=True)], by_name
        rows_units = [dict(zip(names, vs, strict=True)) for vs in zip(*columns, strict=True)]
        return rows_units, by_name
    units: list[dict[str, str | int | float | bool | None]] = []
    for toks, skip in rows:
        n_toks = len(toks) - skip
        units.append(
            {
                name: numbers[t] if (t := toks[p + skip]) in numbers else _undigest(_slot_value(t))
                for name, p in zip(names, pos, strict=True)
                if p < n_toks
            }
        )
    return units, None


# A template's slot values (see _compress_logs's ``population``): their population, each
# line's index in it, each slot's values line by line (None unless every line has every slot).
_Slots = tuple[Population, dict[int, int], dict[str, list[str | int | float | bool | None]] | None]


# A template's id in markers until the ids are known (``_name_templates``): private-use
# characters, which no marker or log line of ours writes.
_TID_OPEN = "\ue000"
_TID_CLOSE = "\ue001"
_TID = re.compile(f"{_TID_OPEN}(\\d+){_TID_CLOSE}")


def _provisional_tid(m: re.Match[str]) -> str:
    return f"T{int(m.group(1)) + 1}"


def _quoted_tid(quoted: dict[int, str], m: re.Match[str]) -> str:
    """A template's placeholder as ``quoted`` has it, else by its provisional number."""
    return quoted.get(int(m.group(1))) or _provisional_tid(m)


def _name_templates(
    body: list[str],
    omitter: Omitter,
    checkpoint: int,
    listed: list[int],
    n: int,
    counts: Counter[int],
    templates: dict[int, str],
    text: str = "",
    base: int = 0,
) -> list[str]:
    """``body`` with the templates its markers name numbered T1, T2… (most lines first),
    after a table of them; the markers recorded since ``checkpoint`` renamed alike.

    A template one marker alone names is written in that marker, quoted
    (``"[ <*>%] Building CXX object <*>"×6 (*2: …)``), where the marker still pays: it needs
    no line in the table (a small build log's one run of compile steps needed the table and
    its legend, which cost more than the run saved). With no template left to number, there
    is no table and no legend."""
    marks = omitter.omissions
    named_in: dict[int, list[int]] = {}  # template -> the markers naming it
    for at in range(checkpoint, len(marks)):
        for k in dict.fromkeys(_TID.findall(marks[at].description)):
            named_in.setdefault(int(k), []).append(at)
    if not named_in:
        return body
    inline: dict[int, str] = {}
    if text:
        alone = {
            k: f'"{templates[listed[k]]}"'
            for k, ats in named_in.items()
            if len(ats) == 1 and len(templates[listed[k]]) <= _INLINE_TEMPLATE_CHARS
        }
        for at in sorted({named_in[k][0] for k in alone}):
            o = marks[at]
            mine = {k: alone[k] for k in map(int, _TID.findall(o.description)) if k in alone}
            desc = _TID.sub(partial(_quoted_tid, mine), o.description)
            if _clean(desc) != desc:
                continue  # an unpaired bracket in a template: numbered in the table
            # (``pays`` counts the marker with the next id, at least as long as its own.)
            if omitter.pays("".join(text[a - base : b - base] for a, b in o.spans), desc):
                inline.update(mine)
        # The templates left, quoted in every marker naming them, where that counts fewer
        # tokens than the table and its legend (a short log whose few numbered templates
        # several markers name: setuptools' ``running <*>``) and every marker still pays.
        rest = {k: f'"{templates[listed[k]]}"' for k in named_in if k not in inline}
        if rest and all(len(q) <= _INLINE_TEMPLATE_CHARS + 2 for q in rest.values()):
            ats = sorted({at for k in rest for at in named_in[k]})
            numbered = {k: f"T{m + 1}" for m, k in enumerate(sorted(rest))}
            table = [_legend(n, len(counts))]
            table += [
                f"{numbered[k]} {counts[listed[k]]}× {templates[listed[k]][:300]}" for k in rest
            ]
            quoted = {**inline, **rest}
            more = 0
            descs: dict[int, str] = {}
            for at in ats:
                d = marks[at].description
                descs[at] = _TID.sub(partial(_quoted_tid, quoted), d)
                more += raw_count(descs[at]) - raw_count(
                    _TID.sub(partial(_quoted_tid, {**inline, **numbered}), d)
                )
            if (
                more < raw_count("\n".join([*table, "---"]))
                and all(_clean(d) == d for d in descs.values())
                and all(
                    omitter.pays(
                        "".join(text[a - base : b - base] for a, b in marks[at].spans), descs[at]
                    )
                    for at in ats
                )
            ):
                inline.update(rest)
    named = sorted(k for k in named_in if k not in inline)
    final: dict[int, str] = {k: f"T{m + 1}" for m, k in enumerate(named)}
    final.update(inline)

    def rename(line: str) -> str:
        return _TID.sub(lambda m: final.get(int(m.group(1)), m.group(0)), line)

    for at in range(checkpoint, len(marks)):
        if _TID_OPEN in marks[at].description:
            marks[at] = replace(marks[at], description=rename(marks[at].description))
    body = [rename(line) if _TID_OPEN in line else line for line in body]
    if not named:
        return body
    # The legend says how to read a marker (what T3×40 and *1 stand for) and that the errors
    # are in view; the keeping rules are in transforms/README.md, not repeated per output.
    out = [_legend(n, len(counts))]
    for k in named[:60]:
        cid = listed[k]
        out.append(f"{final[k]} {counts[cid]}× {templates[cid][:300]}")
    if len(named) > 60:
        out.append(f"... {len(named) - 60} more templates")
    out.append("---")
    out.extend(body)
    return out


def _legend(n: int, templates: int) -> str:
    """The legend over a log's template table: how a marker reads (what T3×40 and *1 stand
    for), and that the errors are in view."""
    return (
        f"[log: {plural(n, 'line')}, {plural(templates, 'template')}; errors/warnings kept;"
        " markers: Tn×count (*k: values of k-th <*>)]"
    )


# A template named by one marker alone and at most this long is written in it (see above).
_INLINE_TEMPLATE_CHARS = 160


# A rare slot value longer than this is shown with its line rather than named in a marker.
_RARE_VALUE_CHARS = 150
# Templates whose slot values a marker lists (the rest name only their rare values).
_MAX_TEMPLATES_NAMED = 4
_LOG_FIELD_BUDGET = 1200
# Characters of a slot's versions or sizes a marker lists: apart from the names they belong
# to, a few show their form (a template's line shows one beside its name).
_MEASURE_BUDGET = 60


def _run_part(
    cid: int,
    tid: dict[int, str],
    population: Callable[[int], _Slots],
    run: list[int],
    named: set[tuple[str, str | int | float | bool | None]],
    rare_any: dict[int, bool],
    budget: int = 0,
) -> str:
    """``T3×40 (*1: a, b +2 more)``: one template's lines in an omitted run and the values of
    its slots there, rarest first (see transforms/_rarity.py). A value found on at most
    ``RARE_COUNT`` lines of its template (or 2 % of them) is always named; ``budget`` bounds
    the others (0: a template past the first few names only those)."""
    head = f"{tid.get(cid, 'rare')}×{len(run)}"
    pop, index, by_slot = population(cid)
    always = max(RARE_COUNT, rare_limit(len(pop.units)))
    if not budget:
        if cid not in rare_any:
            rare_any[cid] = any(min(c.values()) <= always for c in pop.counts.values())
        if not rare_any[cid]:
            return head  # nothing rare to name
    at = [index[k] for k in run]
    units = [pop.units[m] for m in at]
    if not units or not units[0]:
        return head
    # Each slot's values in the run, from the template's columns (not gathered again from
    # the units), when every line has every slot.
    columns = (
        {name: [column[m] for m in at] for name, column in by_slot.items()}
        if by_slot is not None
        else None
    )
    # Values are named once per output (later markers say "+N named above"), so the budget
    # can be larger than for records: a value list is paid for once.
    values = describe_run(
        units,
        pop,
        named=named,
        field_budget=budget,
        run_budget=budget,
        always=always,
        measure_budget=_MEASURE_BUDGET,
        braces=True,
        columns=columns,
    )
    return f"{head} ({values})" if values else head


# Characters of a list field's common words a marker names (its rare words are all named).
_LIST_WORD_BUDGET = 160
# ``Key: value`` of a stanza (deb822 control data, mail and HTTP headers, apt's history).
_FIELD = re.compile(r"([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*): \S")
_CONTINUATION = re.compile(r"[ \t]\S")


def _list_fields(lines: list[_Line], tokens: list[list[str]]) -> dict[int, str]:
    """Lines (index -> field name) of stanza fields whose values are free-length lists.

    A field line is ``Name: value`` (the name capitalised, not all capitals: ``ERROR:`` is a
    level, not a field; an error or warning line is never one: it keeps its own template)
    next to another field line or a continuation line (a stanza, not a lone message). A field
    qualifies when it has at least ``RARE_COUNT + 1`` such lines whose values vary in their
    number of words (``Depends:``, ``Install:``, ``Commandline:``): template mining would give
    each length its own rare template, so every line would stay. Fields of a fixed number of
    words (``Version: 1.2``, ``Start-Date: <date> <time>``) are left to the template miner,
    whose slots name their values."""
    n = len(lines)
    is_field: list[str | None] = [None] * n
    for k, ln in enumerate(lines):
        s = ln.shown
        if s[:1].isupper() and ": " in s and not ln.severe:
            m = _FIELD.match(s)
            if m and not m.group(1).isupper():
                is_field[k] = m.group(1)
    by_name: dict[str, list[int]] = {}
    for k, name in enumerate(is_field):
        if name is None:
            continue
        prev = k > 0 and (is_field[k - 1] is not None or _CONTINUATION.match(lines[k - 1].shown))
        nxt = k + 1 < n and (is_field[k + 1] is not None or _CONTINUATION.match(lines[k + 1].shown))
        if prev or nxt:
            by_name.setdefault(name, []).append(k)
    out: dict[int, str] = {}
    for name, ks in by_name.items():
        if len(ks) > RARE_COUNT and len({len(tokens[k]) for k in ks}) > 1:
            out.update(dict.fromkeys(ks, name))
    return out


# A list line keeps this many items; it is one from this many items on.
_LIST_HEAD_ITEMS = 2
_LIST_MIN_ITEMS = 5
_LIST_SEP = re.compile(r"[(),]")
_NAME_ITEM = re.compile(r"\s*[A-Za-z][\w.+:-]*")


def _list_cut(line: str) -> int:
    """Where a list line (``Depends: a (>= 1), b, c, …``: comma-separated items outside
    brackets, at least ``_LIST_MIN_ITEMS``) is cut after its first items; 0 if not a list."""
    if line.count(",") < _LIST_MIN_ITEMS - 1:
        return 0
    depth = 0
    cuts: list[int] = []
    for m in _LIST_SEP.finditer(line):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            cuts.append(m.end())
    if len(cuts) + 1 < _LIST_MIN_ITEMS:
        return 0
    # Items are names ("libc6 (>= 2.34)", "pkg:amd64"), not measurements ("2.3ms").
    named = sum(1 for c in cuts if _NAME_ITEM.match(line, c))
    if named < 0.8 * len(cuts):
        return 0
    return cuts[_LIST_HEAD_ITEMS - 1]


def _unpunct(tok: str) -> str:
    return tok[:-1] if len(tok) > 2 and tok[-1] in ".,;" and tok[-2] not in ".,;" else tok


# Opening quote -> its closing quote.
_QUOTES = {"'": "'", '"': '"', "`": "`", "‘": "’", "“": "”"}


def _unquote(tok: str) -> str:
    """``'pkg/mod.py'`` -> ``pkg/mod.py``: a token quoted whole (and not only quotes)."""
    if len(tok) > 2 and tok[-1] == _QUOTES[tok[0]] and tok[1] not in _QUOTES:
        return tok[1:-1]
    return tok


# A word in a data dump: a name, key or path (punctuation and quotes around it dropped).
_WORD = re.compile(r"[/~]?[A-Za-z][\w.:/+@~-]*[A-Za-z0-9_+]")
_TAIL_BUDGET = 160


def _tail_words(
    line: str,
    cut: int,
    freq: dict[str, int],
    named: set[tuple[str, str | int | float | bool | None]],
) -> str:
    """The words of a line's tail from ``cut`` on (the token cut through included) a reader may
    look for: every one whose token is rare
    in the log (at most ``RARE_COUNT`` times), then others while they fit a small budget; each
    once per output (``named``), ids left out."""
    return _value_words(
        [line[line.rfind(" ", 0, cut) + 1 :]], freq, named, _TAIL_BUDGET, braces=True
    )


# A token that is a version ("2.34)," "(1:7.0.0~alpha~)," "3.6.1+dfsg-1"): a measurement (see
# the contract), not a name; "389-ds-base" and "7zip", with no version separator, are names.
MEASURE_TOKEN = re.compile(r"[(\[<>=~]*\d[\w.:~+-]*[.:~+][\w.:~+-]*[)\],;]*")


@lru_cache(maxsize=1 << 16)
def _token_words(tok: str) -> tuple[str, ...]:
    """The words of a token a marker may name: none in a version; ids left out."""
    if MEASURE_TOKEN.fullmatch(tok):
        return ()
    return tuple(w for m in _WORD.finditer(tok) if not ID_LIKE.search(w := m.group()))


# Brackets, quotes and separators around a list item ("(libfoo", "<a@b.org>", "GPL-2+,").
_ITEM_EDGES = "()[]{}<>,;\"'"


@lru_cache(maxsize=1 << 16)
def _token_items(tok: str) -> tuple[str, ...]:
    """A list value's token as a marker names it: the item whole (``src/foo/*.c``,
    ``perl:any``, ``GPL-2+``), its brackets and separators dropped; none for a version or an
    operator (``(>=``, ``|``); a long token (a payload) by its words."""
    if MEASURE_TOKEN.fullmatch(tok):
        return ()
    item = tok.strip(_ITEM_EDGES)
    if len(item) > 80:
        return _token_words(tok)
    if not any(c.isalpha() for c in item) or ID_LIKE.search(item):
        return ()
    return (item,)


def _value_words(
    texts: list[str],
    freq: dict[str, int],
    named: set[tuple[str, str | int | float | bool | None]],
    budget: int,
    split: Callable[[str], tuple[str, ...]] = _token_words,
    braces: bool = False,
) -> str:
    """The words of ``texts`` a reader may look for: every one whose token is rare in the log
    (at most ``RARE_COUNT`` times), then others while they fit ``budget`` characters; each once
    per output (``named``); ids and measurements (versions, sizes) left out. With ``braces``,
    paths sharing a directory or an ending are listed with it said once (``brace_values``:
    ``/usr/lib/go-1.19/src/runtime/{alg, cgo}.go``; a name, a word without digits, is never
    cut)."""
    rare: list[str] = []
    other: list[str] = []
    seen: set[str] = set()
    for tok in (t for text in texts for t in text.split()):
        for w in split(tok):
            if w in seen:
                continue
            seen.add(w)
            if ("=", w) in named:  # this very word (not one of its shape) named above
                continue
            (rare if freq.get(tok, 0) <= RARE_COUNT else other).append(w)
    shown = list(rare)
    used = 0
    for w in other:
        if used + len(w) + 2 > budget:
            break
        shown.append(w)
        used += len(w) + 2
    named.update(("=", w) for w in shown)
    more = len(other) - (len(shown) - len(rare))
    # Paths sharing a directory (a compiler command line's source files) say it once.
    listed = brace_values(shown) if braces and len(shown) >= 3 else shown
    return ", ".join([*listed, f"+{more} more"] if more else listed)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _continues(line: str, indent: int) -> bool:
    """Whether ``line`` continues the trace or message of an error line indented ``indent``:
    a trace line by its form, or any line indented deeper. A line at the error line's own
    indent is the next message, not its continuation (in a build tool's log every line of a
    step is indented alike: one warning must not take the hundreds of lines after it)."""
    if _TRACE_FORM.match(line):
        return True
    return _indent(line) > indent and not line.isspace()


def _lone_messages(lines: list[_Line], severe_at: list[int] | None = None) -> set[int]:
    """Templates of error/warning lines that mostly stand alone: more than ``RARE_COUNT``
    lines, fewer than half of them followed by a line indented deeper (trace forms aside).
    The indented lines after the few others belong to the step the message interrupted, not
    to it (pip -v: ``WARNING: Location '…/sphinx/' is ignored…`` at the margin, then the
    ``  Link requires a different Python …`` lines of the ``Collecting`` step above it):
    they are lines of their own templates, shown or named in markers as any line is.
    ``severe_at``: the error/warning lines' indices, when the caller has them."""
    total: Counter[int] = Counter()
    followed: Counter[int] = Counter()
    n = len(lines)
    for i in severe_at if severe_at is not None else [k for k, ln in enumerate(lines) if ln.severe]:
        cid = lines[i].cid
        total[cid] += 1
        if i + 1 < n:
            after = lines[i + 1].shown
            if not _TRACE_FORM.match(after) and _continues(after, _indent(lines[i].shown)):
                followed[cid] += 1
    return {cid for cid, c in total.items() if c > RARE_COUNT and 2 * followed[cid] < c}


def _trace_end(lines: list[_Line], i: int, form_only: bool = False) -> int:
    """Past the last line of the trace of error line ``i``: the lines after it that continue
    it (:func:`_continues`; with ``form_only``, trace lines by their form only: see
    :func:`_lone_messages`), and blank lines followed by such a line."""
    indent = _indent(lines[i].shown)
    n = len(lines)
    j = i + 1
    while j < n:
        shown = lines[j].shown
        if shown.strip():
            if not (
                _TRACE_FORM.match(shown) if form_only else _continues(shown, indent)
            ) and not _go_frame(lines, j):
                break
        elif j + 1 >= n or not (
            _TRACE_FORM.match(lines[j + 1].shown)
            if form_only
            else _continues(lines[j + 1].shown, indent)
        ):
            break
        j += 1
    return j


# A Go frame's second line: its file and line (``\t/usr/lib/go/src/net/http/server.go:1850
# +0xbf``), under the call (``net/http.(*conn).serve.func1()``, ``created by main.main``).
_GO_FILE_LINE = re.compile(r"\t\S+\.go:\d+(?: \+0x[0-9a-f]+)?$")


def _go_frame(lines: list[_Line], j: int) -> bool:
    """Whether line ``j`` is a line of a Go frame (a goroutine's stack, as a panic or a
    recovered panic logged by net/http writes it): a file:line line, or the call above one."""
    shown = lines[j].shown
    if shown.startswith("\t"):
        return _GO_FILE_LINE.match(shown) is not None
    return (
        (shown.endswith(")") or shown.startswith("created by "))
        and j + 1 < len(lines)
        and _GO_FILE_LINE.match(lines[j + 1].shown) is not None
    )


# After a step's start line, the rest of the line that ends it (``- done``, ``- found``,
# ``- Success``, ``... ok``): the start says nothing the end line does not.
_STEP_END = re.compile(r"\s+(?:-|\.\.\.|:)\s+\S")


def _fold_what(count: int) -> str:
    return f"{plural(count, 'line')}: X before each X - done"


def _caret_what(count: int, forms: str = "| ^~~") -> str:
    return f"{plural(count, 'line')}: compiler carets ({forms}) under source lines"


def _repeat_what(count: int) -> str:
    return f"{plural(count, 'line')} of compiler diagnostics repeating lines shown above"


# A compiler's caret line under a quoted source line (gcc, clang: ``      |     ^~~~~``): it
# points at the column the diagnostic's ``file.c:765:30:`` already names.
_CARET = re.compile(r"\s*\|\s*[~^][~^ ]*")
# javac's caret line (``            ^``): one caret, indented to the column, under the source
# line it quotes (javac's diagnostic names the line, the caret the column).
_JAVAC_CARET = re.compile(r"\s+\^\s*")
# A compiler's warning, which opens a record (its source line, caret, details):
# ``src/api.c:77:88: warning: …``, ``src/Foo.java:12: warning: [rawtypes] …``. (An error's
# record keeps every line: javac's ``symbol:`` and ``location:`` say what failed.)
_DIAGNOSTIC = re.compile(r"\S*?\w\.\w+:\d+(?::\d+)?: (?:warning|note):")


def _folds(
    lines: list[_Line],
    keep: bytearray,
    cut: bytearray,
    text: str,
    omitter: Omitter,
    blocks: dict[int, int] | None = None,
    repeat: bytearray | None = None,
) -> tuple[dict[int, list[int]], dict[int, str]]:
    """Lines that say nothing the lines beside them do not, each kind behind one marker for
    the whole log (where its first line was), when that pays: line index -> all of the
    group's lines at its first, [] at the others; and each group's description.

    * A line that opens a step the next line closes (cmake's ``-- Check size of int`` before
      ``-- Check size of int - done``): its text is the start of the next one's, which is
      shown or in a marker as the start would be (a start kept alone stays).
    * A compiler's caret line (``      |     ^~~~~``, javac's ``        ^`` under the source
      line it quotes), also inside a warning's block.
    * A progress bar drawn to its end (pip's ``━━━━ 876.3/876.3 kB 49.1 MB/s eta 0:00:00``
      under each download): the marker names the words of the bars' lines.
    * A line of a compiler warning's record (``blocks``: kept error line -> past its
      trace; a record opens with ``file:line: warning:``) whose text a line shown above has:
      the source line of a second warning at the same place, javac's ``where T is a
      type-variable:`` details under each warning of a kind.
    * make leaving a directory and entering it again at once (``make[1]: Leaving directory
      'X'`` right above ``make[1]: Entering directory 'X'``): make stays where it was.
    * gcc's ``In file included from x.c:4:`` over a record every line of which repeats lines
      shown (``repeat``): a header's warning again for each file including it. The marker
      names the warnings (file:line:col) and the including files.

    Error and warning lines, the middles of long traces and the first and last lines stay."""
    n = len(lines)
    starts: list[int] = []
    carets: list[int] = []
    bars: list[int] = []
    javac = False
    for k in range(EDGE_LINES, n - EDGE_LINES):
        ln = lines[k]
        if ln.severe or cut[k]:
            continue
        shown = ln.shown
        if "/" in shown and (m := _DONE_BAR.match(shown)) and m.group(1) == m.group(2):
            bars.append(k)
            continue
        if (
            ("|" in shown and _CARET.fullmatch(shown))
            or (
                "^" in shown
                and _JAVAC_CARET.fullmatch(shown)
                and not _JAVAC_CARET.fullmatch(lines[k - 1].shown)
            )
        ) and text[ln.start : ln.end] == shown:
            carets.append(k)
            javac = javac or "|" not in shown
            continue
        if cut[k + 1] or (keep[k] and not keep[k + 1]):
            continue
        end = lines[k + 1].shown
        if (
            len(end) > len(shown) > 0
            and end.startswith(shown)
            and shown.strip()
            and _STEP_END.match(end, len(shown))
            and text[ln.start : ln.end] == shown
        ):
            starts.append(k)
    # make leaving a directory and entering it again at once, both shown: it stays where it
    # was.
    # (A line leaving a directory holds _LEAVING: the text is searched for it once, each line
    # only if it is there.)
    reentered = [
        m
        for k in (range(EDGE_LINES, n - EDGE_LINES - 1) if _LEAVING in text else ())
        if _LEAVING in lines[k].shown
        and (a := _MAKE_DIR.fullmatch(lines[k].shown))
        and (b := _MAKE_DIR.fullmatch(lines[k + 1].shown))
        and a.group(2) == "Leaving"
        and b.group(2) == "Entering"
        and a.group(1, 3) == b.group(1, 3)
        # Lines a run's marker counts by template stay in it (repeats are only counted).
        and all(keep[m] or (repeat is not None and repeat[m]) for m in (k, k + 1))
        and text[lines[k].start : lines[k + 1].end] == lines[k].shown + "\n" + lines[k + 1].shown
        for m in (k, k + 1)
    ]
    included, included_what = _included_repeats(lines, cut, text, repeat, set(carets))
    if included:
        carets = [k for k in carets if k not in included]
    repeats = _record_repeats(
        lines, keep, cut, text, blocks or {}, set(starts) | set(carets) | set(included)
    )
    # The words of the bars' lines (units: ``kB``, ``MB/s``, ``eta``), each once.
    bar_words = ", ".join(
        dict.fromkeys(
            w for k in bars for w in lines[k].shown.split()[1:] if any(c.isalpha() for c in w)
        )
    )
    forms = (
        "| ^~~"
        if not javac
        else "^"
        if all("|" not in lines[k].shown for k in carets)
        else "| ^~~, ^"
    )
    out: dict[int, list[int]] = {}
    what: dict[int, str] = {}
    for group, describe in (
        (starts, _fold_what),
        (bars, lambda count: f"{plural(count, 'line')}: progress bars at their end ({bar_words})"),
        (carets, lambda count: _caret_what(count, forms)),
        (repeats, _repeat_what),
        (
            reentered,
            lambda count: f"{plural(count, 'line')}: make re-entering a directory",
        ),
        (included, lambda count: f"{plural(count, 'line')}: {included_what}"),
    ):
        if group and omitter.pays("\n".join(lines[k].shown for k in group), describe(len(group))):
            out.update((k, []) for k in group[1:])
            out[group[0]] = group
            what[group[0]] = describe(len(group))
    return out, what


# A progress bar drawn to its end: its bar, then how much of how much, the two the same
# (pip's ``━━━━━━━━━━━━ 876.3/876.3 kB 49.1 MB/s eta 0:00:00``): the download the line above
# names is done, at some speed.
_DONE_BAR = re.compile(r"\s*[━█=#]{8,}\s+(\d[\d.,]*)/(\d[\d.,]*)\s")
# make's ``make[1]: Leaving directory '/src/lib'`` (or Entering).
_MAKE_DIR = re.compile(r"(\S*make\S*\[\d+\]): (Entering|Leaving) directory (.+)")
# What every line of it leaving a directory holds.
_LEAVING = "]: Leaving directory "
# gcc's include chain over a diagnostic: ``In file included from a.h:3,`` then
# ``                 from b.c:1:``.
_INCLUDED = re.compile(r"In file included from (\S+:\d+)[:,]")
_INCLUDED_MORE = re.compile(r"\s+from (\S+:\d+)[:,]")
_WHERE = re.compile(r"(\S*?\w\.\w+:\d+(?::\d+)?): (?:warning|error|note):")


def _warning_records(lines: list[_Line], blocks: dict[int, int]) -> bytearray:
    """1 for the lines of compiler warnings' records (after the warning line)."""
    inside = bytearray(len(lines))
    for i, j in blocks.items():
        if _DIAGNOSTIC.match(lines[i].shown):
            inside[i + 1 : j] = b"\x01" * (j - i - 1)
    return inside


def _included_repeats(
    lines: list[_Line], cut: bytearray, text: str, repeat: bytearray | None, folded: set[int]
) -> tuple[list[int], str]:
    """gcc's ``In file included from x.c:4:`` chains each over lines all repeating lines
    shown (or folded carets): the chains' and records' lines, and what a marker says of them
    (the warnings repeated, by file:line:col, and the including files)."""
    # (Each chain's line opens with ``In file included from ``: a log without it has none.)
    if repeat is None or "In file included from " not in text or not any(repeat):
        return [], ""
    n = len(lines)
    out: list[int] = []
    where: list[str] = []
    froms: list[str] = []
    # Only a line opening with the chain's words can open one (found at C speed).
    opening = map(str.startswith, [ln.shown for ln in lines], _repeat("In file included from "))
    k = EDGE_LINES
    for h in compress(range(n), opening):
        if h < k:
            continue
        if h >= n - EDGE_LINES:
            break
        k = h
        m = _INCLUDED.match(lines[k].shown)
        if m is None or cut[k] or text[lines[k].start : lines[k].end] != lines[k].shown:
            k += 1
            continue
        chain = [m.group(1)]
        j = k + 1
        while j < n and (more := _INCLUDED_MORE.match(lines[j].shown)):
            chain.append(more.group(1))
            j += 1
        stop = j
        while stop < n - EDGE_LINES and (repeat[stop] or stop in folded) and not cut[stop]:
            stop += 1
        body = range(j, stop)
        # The record is whole: it holds a diagnostic, no diagnostic of it follows, and the
        # edge (the log's last lines stay) does not cut it.
        if (
            not any(_WHERE.match(lines[b].shown) for b in body)
            or (stop < n and (repeat[stop] or stop in folded))
            or (stop < n and _WHERE.match(lines[stop].shown))
        ):
            k = max(j, k + 1)
            continue
        out.extend(range(k, stop))
        froms.append(" from ".join(chain))
        for b in body:
            w = _WHERE.match(lines[b].shown)
            if w and w.group(1) not in where:
                where.append(w.group(1))
        k = stop
    if not out:
        return [], ""
    what = "a repeat of lines shown" if not where else f"repeats of {', '.join(where)}"
    return out, f"{what}, in files included from {', '.join(froms)}"


def _record_repeats(
    lines: list[_Line],
    keep: bytearray,
    cut: bytearray,
    text: str,
    blocks: dict[int, int],
    folded: set[int],
) -> list[int]:
    """Lines of compiler warnings' records (see :func:`_folds`) whose text a line kept
    above (not folded, shown whole) has: every word of them is in view there. The
    warning lines themselves stay, and so does every line of an error's record."""
    inside = _warning_records(lines, blocks)
    if not any(inside):
        return []
    n = len(lines)
    seen: set[str] = set()
    out: list[int] = []
    for k in compress(range(n), keep):  # (the kept lines)
        if k in folded or cut[k]:
            continue
        ln = lines[k]
        shown = ln.shown
        whole = len(shown) <= MAX_LINE_CHARS and not _list_cut(shown)
        if (
            inside[k]
            and whole
            and not ln.severe
            and EDGE_LINES <= k < n - EDGE_LINES
            and shown in seen
            and shown.strip()
            and text[ln.start : ln.end] == shown
        ):
            out.append(k)
        elif whole:
            seen.add(shown)
    return out


def _drop_repeats(
    lines: list[_Line],
    keep: bytearray,
    blocks: dict[int, int],
    moved: dict[int, str] | None = None,
) -> bytearray:
    """Lines that repeat the text of a line shown (1 in the result), which stay out.

    A kept line whose text a kept line above already shows says nothing new (pip runs
    ``egg_info`` three times; a build warns the same twice): it is no longer kept, and so is
    an error line with its trace when the whole block repeats one shown above (a block whose
    trace differs stays whole). The first and last lines stay, and blank lines are left as
    they are. A marker counts the lines dropped so as repeats (their values are in view).

    With ``moved``, so is a line that repeats a line shown above but for a directory put
    before one of its paths (:func:`_relocated`): ``moved`` gets its index -> that
    directory, which the marker names (setuptools' ``writing
    /tmp/pip-modern-metadata-34lup2t5/six.egg-info/PKG-INFO`` after ``writing
    six.egg-info/PKG-INFO``)."""
    n = len(lines)
    dropped = bytearray(n)
    shown: set[str] = set()
    shown_blocks: set[tuple[str, ...]] = set()
    k = 0
    while k < n:
        j = blocks.get(k, k + 1)
        if not keep[k]:
            k += 1
            continue
        text = lines[k].shown
        if j > k + 1:  # an error line and its trace
            block = tuple(ln.shown for ln in lines[k:j])
            if block in shown_blocks:
                for m in range(max(k, EDGE_LINES), min(j, n - EDGE_LINES)):
                    if keep[m]:
                        keep[m] = 0
                        dropped[m] = 1
            else:
                shown_blocks.add(block)
                shown.update(lines[m].shown for m in range(k, j) if keep[m])
            k = j
            continue
        if text in shown and text.strip() and EDGE_LINES <= k < n - EDGE_LINES:
            keep[k] = 0
            dropped[k] = 1
        elif (
            moved is not None
            and "/" in text
            and EDGE_LINES <= k < n - EDGE_LINES
            and not lines[k].severe
            and (where := _relocated(text, shown))
        ):
            keep[k] = 0
            dropped[k] = 1
            moved[k] = where
        else:
            shown.add(text)
        k += 1
    return dropped


def _collapse_block(
    text: str, lines: list[_Line], i: int, j: int, omitter: Omitter, base: int
) -> tuple[list[str], int]:
    """Lines i..j-1 (an error line and its trace) as the trace compressor shows them
    (:func:`transforms._trace.collapse_library_frames`): runs of library frames behind its
    markers, the error lines, ``Caused by:`` lines and own frames as they are; and how many
    frames went behind markers."""
    spans = [(lines[k].start, lines[k].end) for k in range(i, j)]
    return collapse_library_frames(text, spans, omitter, base)


def _trace_blocks(
    text: str, lines: list[_Line], blocks: dict[int, int], omitter: Omitter, base: int
) -> dict[int, int]:
    """The blocks (error line -> past the end of its trace) whose trace has library frames
    the trace compressor collapses (markers that pay), shorter so than the block the log
    shows (at most MAX_TRACE_LINES lines of it): error line -> past the lines collapsed
    (the log's last lines stay out of it: they are shown as they are)."""
    out: dict[int, int] = {}
    n = len(lines)
    for i, j in blocks.items():
        j = min(j, n - EDGE_LINES)
        if j - i < 4 or any(
            text[lines[k].start : lines[k].end] != lines[k].shown for k in range(i, j)
        ):
            continue
        checkpoint = omitter.checkpoint()
        shown, frames = _collapse_block(text, lines, i, j, omitter, base)
        omitter.rollback(checkpoint)
        if not frames:
            continue
        whole = text[lines[i].start : lines[j - 1].end]
        if j - i > MAX_TRACE_LINES:
            a = lines[i + _TRACE_HEAD].start
            b = lines[j - (MAX_TRACE_LINES - _TRACE_HEAD) - 1].end
            whole = whole[: a - lines[i].start] + whole[b - lines[i].start :]
        if raw_count("\n".join(shown)) < raw_count(whole):
            out[i] = j
    return out


# A path token's directory and the rest of the path: ``/tmp/x-34lup2t5/`` + ``pkg/PKG-INFO``
# (quoted or not, opening a line's word).
_ABS_PATH = re.compile(r"(?<!\S)['\"]?(/[^\s'\"]*/)(?=[^\s/'\"])")


def _relocated(text: str, shown: set[str]) -> str:
    """The directory (holding a digit: a temporary or versioned directory, no name a reader
    looks for) put before a path of ``text`` that is otherwise a line in ``shown``, or ""."""
    for m in _ABS_PATH.finditer(text):
        head, at = m.group(1), m.start(1)
        if not any(c.isdigit() for c in head):
            continue
        # Each directory level of the path's head, the longest first.
        cut = len(head)
        while cut > 1:
            if text[:at] + text[at + cut :] in shown:
                return head[:cut]
            cut = head.rfind("/", 0, cut - 1) + 1
    return ""


def _keep_block(keep: bytearray, i: int, j: int, trace_cut: list[tuple[int, int]]) -> None:
    """Keep lines i..j-1 (an error line and its trace), eliding the middle of long traces."""
    for k in range(i, j):
        keep[k] = 1
    if j - i > MAX_TRACE_LINES:
        trace_cut.append((i + _TRACE_HEAD, j - (MAX_TRACE_LINES - _TRACE_HEAD) - 1))
