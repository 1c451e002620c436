"""Stack traces (Python, Java/JVM, Go, JavaScript/Node, Rust): the caller's own frames kept,
library frames collapsed.

A frame is one or two lines: Python ``File "…", line N, in f`` (pytest's ``path.py:N: in f``)
with its source and caret lines; Java ``at pkg.Cls.m(File.java:12)``; Go ``pkg.f(…)`` with its
``/path/file.go:12 +0x1d`` line; Node ``at f (/path/file.js:1:2)``; Rust ``N: path::f`` with its
``at src/x.rs:1:2`` line. A frame is a *library* frame when its file or function belongs to the
runtime or to installed packages (``site-packages``, the Python standard library,
``java.*``/``jdk.*``/``sun.*``, ``node_modules``, ``node:internal``, Go's ``runtime/`` and
module cache, Rust's ``core::`` / ``std::`` / ``/rustc/``). Kept: every line that is not a frame
(the exception line, ``Caused by:``, ``panic:``, ``goroutine N [running]:``, messages), every
own frame, and the library frame own code called (which API call failed: the one right above an
own frame, or above the JVM's ``... N more`` standing for own frames; in Python, right below an
own frame that shows no source line, as the source line shows the call); a run of library frames
becomes one marker naming how many frames of which packages it hides. A run of two or fewer
library frames stays (a marker would cost as much). Recursion: a line repeated 4+ times in a row
is written once with its count (``at Deep.depth(Deep.java:6) ×1023``: lossless, no marker), a
block of up to 8 lines repeated keeps one cycle, the repeats behind one marker. Node frames an
earlier error showed, and 4+ lines in a row (no frame, no error line) repeating lines shown
above (Node's dumps of an error's properties), go behind a marker. Terminal colour codes are
read past; the codes of the lines shown go behind one marker at the end where that pays.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from transforms._ansi import CODES_SHOWN, add_code_spans, without_escapes
from transforms._omit import Omitter, name_counts, number_runs, plural

__all__ = [
    "CARETS",
    "PYTEST_FRAME",
    "collapse_library_frames",
    "compress_trace",
    "entry_frames",
    "frame_lines",
    "is_stack_trace",
    "leading_space",
]

_PY_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line \d+(?:, in (?P<func>\S+))?')
_JAVA_FRAME = re.compile(r"^\s*at (?P<func>[\w$.<>/]+)(?P<space> ?)\((?P<file>[^)]*)\)\s*$")
# Maven writes a space before a frame's parenthesis ("at org.apache.maven.cli.MavenCli.main
# (MavenCli.java:196)"): a JVM frame then, as a Node frame reads the same but names no
# "File.java:N" (its file is a path with a line and column).
_JVM_FILE = re.compile(
    r"^(?:[\w$-]+\.(?:java|kt|kts|scala|groovy|clj|cljc)(?::\d+)?|Native Method|Unknown Source)$"
)
# (A function may be an accessor or a constructor: "at get error [as error] (…)", "at new
# ZodError (…)"; an anonymous one in an ES module: "at async file:///x.mjs:14:16". A trailing
# "{" opens the error's own properties, util.inspect's dump of them.)
_JS_FRAME = re.compile(
    r"^\s*at (?:(?P<func>(?:async |new |get |set )?[^\s(]+(?: \[as [^\]]+\])?)"
    r" \((?P<file>[^)]*)\)|(?:async )?(?P<file2>\S+:\d+:\d+))\s*\{?\s*$"
)
_GO_FUNC = re.compile(r"^(?P<func>[\w./*()-]+(?:\.[\w*()$-]+)+)\((?:[^()]*)\)$")
# The frame that started a goroutine ("created by main.main", "… in goroutine 1").
_GO_CREATED = re.compile(r"^created by (?P<func>[\w./*()$-]+?)(?: in goroutine \d+)?\s*$")
_GO_FILE = re.compile(r"^\t(?P<file>\S+\.(?:go|s)):\d+(?: \+0x[0-9a-f]+)?$")
# "  3: main::f" or, with RUST_BACKTRACE=full, "  3:     0x55f21c3afd1a - main::f".
_RUST_FRAME = re.compile(r"^\s+\d+:\s+(?:0x[0-9a-f]+ - )?(?P<func>\S.*)$")
# Symbol hashes of full backtraces ("std[e28293b1aa0f68bd]::", "::h8da7fa642d137fc6").
_RUST_HASH = re.compile(r"\[[0-9a-f]{8,}\]")
_RUST_AT = re.compile(r"^\s+at (?P<file>\S+):\d+(?::\d+)?$")
# pytest's long traceback: "path/to/file.py:346: in loads" closes each frame's listing.
PYTEST_FRAME = re.compile(r"^(?P<file>\S+\.py):\d+: in (?P<func>\S+)\s*$")
_JAVA_MORE = re.compile(r"^\s*\.\.\. \d+ (?:more|common frames omitted)\s*$")

_LIB_FILE = re.compile(
    r"site-packages|dist-packages|/lib/python\d|<frozen |\.pyenv/versions/|/usr/lib/python"
    r"|node_modules|^node:|\(node:|node:internal|^internal/|^<anonymous>$|^native$|^index \d+$"
    r"|^\[eval\]-wrapper:"  # (node -e runs the script in a wrapper of its own)
    r"|/usr/local/go/src/|/go/pkg/mod/|/goroot/|/rustc/|/\.cargo/registry/|/\.rustup/"
)
_LIB_FUNC = re.compile(
    r"^(?:java\.|javax\.|jdk\.|sun\.|com\.sun\.|kotlin\.|kotlinx\.|scala\.|org\.junit\."
    r"|org\.apache\.|org\.springframework\.|io\.netty\.|reactor\.|org\.gradle\."
    r"|org\.codehaus\.|org\.eclipse\."  # (Maven's launcher, plexus, and resolver, aether)
    r"|runtime\.|testing\.|net/http\.|reflect\.|sync\."
    r"|core::|std::|alloc::|__rustc::|test::|<core::|<alloc::|<std::|<fn\("
    r"|_start$|<unknown>$)"
)


@dataclass(slots=True)
class _Frame:
    first: int  # line index of its first line
    last: int  # line index of its last line
    library: bool
    package: str  # what a marker names: top-level package or runtime
    go: bool = False  # a Go frame (its call, then its file line)
    rust: bool = False  # a Rust frame ("N: path::f", its "at file:N:M" line if any)
    py: bool = False  # a Python frame of a function (File "…", line N, in f; its source lines)
    js: bool = False  # a Node frame ("at f (file:1:2)")
    pytest: bool = False  # pytest's "path.py:12: in f" with its source lines below it
    # Listed oldest call first (Python's and pytest's frames: the callee below its caller);
    # the others (Java, Node, Go, Rust) list the newest first, the caller below.
    oldest_first: bool = False
    elided: int = 0  # the JVM's "... N more": N, the frames it stands for
    bare: bool = False  # a symbol without a source location (Rust's: libc's, the C main shim)


_PACKAGE_DIRS = (
    r"site-packages/([\w.-]+)",
    r"dist-packages/([\w.-]+)",
    r"node_modules/(@?[\w.-]+)",
)


def _package(file: str, func: str) -> str:
    """A short name for where a library frame lives (for the marker)."""
    for pat in _PACKAGE_DIRS:
        m = re.search(pat, file)
        if m:
            return m.group(1)
    if "/lib/python" in file or "<frozen" in file:
        return "python stdlib"
    if file.startswith(("node:", "internal/", "[eval]-wrapper:")) or "node:internal" in file:
        return "node internals"
    if file in ("<anonymous>", "native") or file.startswith("index "):
        return "js builtins"  # ("at Array.map (<anonymous>)", "at async Promise.all (index 0)")
    if "/go/src/" in file:
        return file.split("/go/src/", 1)[1].rsplit("/", 1)[0]  # the Go package: "net/http"
    if func.startswith(("runtime.", "testing.")):
        return func.split(".", 1)[0]
    if func:
        m = re.match(r"<?([A-Za-z_][\w]*(?:[.:]{1,2}[A-Za-z_]\w*)?)", func)
        if m:
            return m.group(1)
    return file.rsplit("/", 1)[-1] or "library"


def _may_be_frame(line: str) -> bool:
    """Whether ``line`` can open a frame (or be the JVM's ``... N more``): what every frame
    pattern needs, checked without a regex (most lines of a log or test run are no frame, and
    each would otherwise be tried against all seven patterns)."""
    body = line.lstrip()
    return (
        body.startswith(('File "', "at ", "... "))  # Python, Java/Node, the JVM's elision
        or ".py:" in line  # pytest's "path.py:12: in f"
        or (line.endswith(")") and not line[:1].isspace())  # Go's "pkg.f(...)", unindented
        or line.startswith("created by ")  # Go: the frame that started a goroutine
        or (body[:1].isdigit() and len(body) < len(line))  # Rust's "  3: path::f"
    )


def frame_lines(lines: list[str]) -> list[_Frame]:
    """The frames among ``lines`` (each line without its line break), in order."""
    frames: list[_Frame] = []
    n = len(lines)
    i = 0
    while i < n:
        ln = lines[i]
        if not _may_be_frame(ln):
            i += 1
            continue
        m = _PY_FRAME.match(ln)
        if m:
            indent = len(ln) - len(ln.lstrip())
            j = i + 1
            # The source line and caret lines are indented deeper than "File".
            while j < n and lines[j].strip() and len(lines[j]) - len(lines[j].lstrip()) > indent:
                if _PY_FRAME.match(lines[j]):
                    break
                j += 1
            file, func = m.group("file"), m.group("func") or ""
            lib = bool(_LIB_FILE.search(file))
            frames.append(
                _Frame(i, j - 1, lib, _package(file, func), py=bool(func), oldest_first=True)
            )
            i = j
            continue
        m = PYTEST_FRAME.match(ln)
        if m:
            # Its source line (and caret line) below it, indented: the call it made.
            j = i + 1
            while j < n and lines[j][:1].isspace() and lines[j].strip():
                if _PY_FRAME.match(lines[j]):
                    break
                j += 1
            file, func = m.group("file"), m.group("func")
            lib = bool(_LIB_FILE.search(file))
            pkg = _package(file, func)
            frames.append(_Frame(i, j - 1, lib, pkg, pytest=True, oldest_first=True))
            i = j
            continue
        m = _JAVA_FRAME.match(ln)
        if (
            m
            and ("." in m.group("func") or "/" in m.group("func"))
            and (_JVM_FILE.match(m.group("file")) if m.group("space") else not _JS_FRAME.match(ln))
        ):
            func, file = m.group("func"), m.group("file")
            func = func.rsplit("/", 1)[-1]  # "java.base/java.lang.Integer.parseInt": the module
            lib = bool(_LIB_FUNC.match(func))
            frames.append(_Frame(i, i, lib, _package(file, func) if not lib else _java_pkg(func)))
            i += 1
            continue
        m = _JS_FRAME.match(ln)
        if m:
            file = m.group("file") or m.group("file2") or ""
            func = m.group("func") or ""
            lib = bool(_LIB_FILE.search(file))
            frames.append(_Frame(i, i, lib, _package(file, func), js=True))
            i += 1
            continue
        m = _GO_FUNC.match(ln) or _GO_CREATED.match(ln)
        if m and i + 1 < n:
            f = _GO_FILE.match(lines[i + 1])
            if f:
                func, file = m.group("func"), f.group("file")
                lib = bool(_LIB_FILE.search(file) or _LIB_FUNC.match(func) or _go_std(func, file))
                frames.append(_Frame(i, i + 1, lib, _package(file, func), go=True))
                i += 2
                continue
        m = _RUST_FRAME.match(ln)
        if m:
            func = m.group("func")
            j = i + 1
            file = ""
            if j < n:
                at = _RUST_AT.match(lines[j])
                if at:
                    file = at.group("file")
                    j += 1
            func = _RUST_HASH.sub("", func)
            lib = bool(
                _LIB_FUNC.match(func)
                or _LIB_FUNC.match(func.lstrip("<"))
                or (file and _LIB_FILE.search(file))
                or (not file and func == "main")  # (the C main rustc writes, lang_start's caller)
            )
            pkg = _rust_pkg(func) if lib else _package(file, func)
            frames.append(_Frame(i, j - 1, lib, pkg, rust=True, bare=not file))
            i = j
            continue
        if _JAVA_MORE.match(ln):
            elided = int(ln.split()[1])
            frames.append(_Frame(i, i, True, "(elided by the JVM)", elided=elided))
        i += 1
    return frames


def entry_frames(frames: list[_Frame]) -> set[int]:
    """The library frames that the caller's own code called (indices into ``frames``): which
    API call failed. Where the newest call is listed first (Java, Node, Go, Rust), a library
    frame right above an own frame, or right above the JVM's ``... N more`` where the N frames
    it stands for (the last N of the trace before it, which a ``Caused by:`` shares) hold an
    own frame: the library call the cause was raised in. Where the oldest is first (Python),
    a library frame right below an own frame."""
    out: set[int] = set()
    if not frames:
        return out
    # Per run of frames one right after another (a trace of a chain, a goroutine): how far
    # from the end of the whole trace it stands for (its frames, then those its "... N more"
    # shares with the run before) its last own frame is, 1 for the last frame; None: no own
    # frame.
    own_depth: int | None = None
    start = 0
    for k in range(len(frames) + 1):
        if k < len(frames) and (k == start or frames[k].first == frames[k - 1].last + 1):
            continue
        run = frames[start:k]
        shared = run[-1].elided
        depth: int | None = None
        if shared and own_depth is not None and own_depth <= shared:
            depth = own_depth
        else:
            real = [f for f in run if not f.elided]
            for x in range(len(real) - 1, -1, -1):
                if not real[x].library:
                    depth = len(real) - x + shared
                    break
        for a in range(start, k - 1):
            f, g = frames[a], frames[a + 1]
            if f.oldest_first and g.oldest_first:
                # (Where the own frame shows its source line, that line shows the call.)
                if g.library and not f.library and f.last == f.first:
                    out.add(a + 1)
                continue
            if f.oldest_first or g.oldest_first or not f.library or f.elided:
                continue
            # (A symbol without a source location is no evidence of own code.)
            own_below = not (g.library or g.bare)
            if own_below or (g.elided and own_depth is not None and own_depth <= g.elided):
                out.add(a)
        own_depth = depth
        start = k
    return out


def _go_std(func: str, file: str) -> bool:
    """A function of Go's standard library: its import path's first element has no dot
    (``regexp.MustCompile``, ``net/http.(*conn).serve``; not ``main.f``, not
    ``example.com/x.f``) and its file lies under a ``src/<import path>/`` (GOROOT's)."""
    head, _, tail = func.rpartition("/")
    pkg = tail.split(".", 1)[0]
    path = f"{head}/{pkg}" if head else pkg
    if "." in path.split("/", 1)[0] or path == "main":
        return False
    return f"/src/{path}/" in file


def _java_pkg(func: str) -> str:
    parts = func.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 else parts[0]


def _rust_pkg(func: str) -> str:
    if func.startswith(("__libc_", "_start")):
        return "libc"
    if func == "main":
        return "rust runtime"  # (the C main rustc writes)
    # ("<I as alloc::vec::…>::collect_in_place": a type parameter's trait, alloc's)
    m = re.match(r"<?(?:fn\(\) -> )?(?:[A-Z]\w{0,2} as )?([A-Za-z_]\w*)", func)
    return m.group(1) if m else "rust runtime"


# Python's exception group (3.11+): its tracebacks drawn right of a "|" gutter, one more per
# level of nesting ("  | ", "    | "), each sub-exception under a "+-+---- 1 ----" rule.
_GROUP_HEAD = "Exception Group Traceback (most recent call last):"
_GUTTER = re.compile(r"^(?:[ ]*\|(?= |$))+ ?")


def ungutter(lines: list[str]) -> list[str]:
    """``lines`` without the gutter of a Python exception group's tracebacks ("  |   File …"
    reads "  File …"); as they are if no line opens one."""
    if not any(_GROUP_HEAD in ln for ln in lines):
        return lines
    return [_GUTTER.sub("", ln) if "|" in ln else ln for ln in lines]


def is_stack_trace(lines: list[str]) -> bool:
    """Several frames, and half or more of the sampled lines belong to frames; or, with what
    the error itself prints around its frames (:func:`_error_lines`: a message of many lines,
    util.inspect's dump of its properties, Node's header and footer), most of them do."""
    nonblank = sum(1 for ln in lines if ln.strip())
    if nonblank < 4:
        return False
    lines = ungutter(lines)
    frames = frame_lines(lines)
    if len(frames) < 3:
        return False
    in_frames = {k for f in frames for k in range(f.first, f.last + 1)}
    if len(in_frames) >= 0.5 * nonblank:
        return True
    covered = in_frames | _error_lines(lines, frames)
    return sum(1 for k in covered if lines[k].strip()) >= _ERROR_SHARE * nonblank


# How much of a text the frames and what its errors print around them must cover.
_ERROR_SHARE = 0.8
# An exception's head line, its message going on down to the first frame: "ZodError: [",
# "Error [ValidationError]: …", "[cause]: Error: …", "[AggregateError: All promises were
# rejected] {", "Caused by: x.Y: …".
_ERROR_HEAD = re.compile(
    r"^\s*(?:\[\w+\]: |Caused by: |Uncaught )?\[?(?:[\w$]+\.)*\w*(?:Error|Exception)\b"
    r"(?: \[\w+\])?[:\]]"
)
# Node's header over an uncaught error (where it was thrown: "file.js:22", the source line, a
# caret line) and its footer ("Node.js v20.11.1").
_NODE_WHERE = re.compile(r"^\S+:\d+\s*$")
_NODE_CARET = re.compile(r"^\s*\^+\s*$")
_NODE_FOOTER = re.compile(r"^Node\.js v\d+[\d.]*\s*$")
# What opens the next traceback of a Python chain.
_CHAINED = re.compile(
    r"^(?:Traceback \(most recent call last\):|During handling of the above exception"
    r"|The above exception was the direct cause)"
)


# What a JVM thread dump prints around its frames: a thread's state and monitors (and, with
# jstack -l, its "Locked ownable synchronizers:"), the dump's head line, and its deadlock
# report ('"teller-12":', "waiting to lock monitor 0x…", 'which is held by "teller-13"'); a
# thread's header is _JTHREAD.
_JVM_DUMP_LINE = re.compile(
    r'^(?:"[^"]*":\s*$|\s+java\.lang\.Thread\.State: |\s+- (?:locked|waiting on|waiting to '
    r"(?:re-)?lock|parking to wait for|eliminated) <|\s+waiting to lock monitor 0x"
    r"|\s+Locked ownable synchronizers:|\s+- None\s*$|\s+- <0x[0-9a-f]+> \(a "  # (jstack -l)
    r'|\s+which is held by "|Full thread dump |Found one Java-level deadlock:'
    r"|Found \d+ deadlocks?\.)"
)


def _error_lines(lines: list[str], frames: list[_Frame]) -> set[int]:
    """Lines that errors print around their frames: a message from its head line down to the
    first frame (a JSON array, an object dump); util.inspect's dump of an error's properties
    (``{`` after its last frame or its head, down to the brace that closes it: codes, causes,
    nested errors of an AggregateError); Node's header and footer; a JVM thread dump's lines
    around its frames (thread headers and states, monitors, its deadlock report)."""
    out: set[int] = set()
    starts = {f.first for f in frames}
    ends = {f.last for f in frames}
    n = len(lines)
    for i, ln in enumerate(lines):
        if (
            _NODE_FOOTER.match(ln)
            or _JVM_DUMP_LINE.match(ln)
            or (ln[:1] == '"' and _JTHREAD.match(ln))
        ):
            out.add(i)
        elif i + 2 < n and _NODE_WHERE.match(ln) and _NODE_CARET.match(lines[i + 2]):
            out.update((i, i + 1, i + 2))
        elif _ERROR_HEAD.match(ln):
            j = i + 1
            if i - 1 in ends:
                # Python's exception line closes its traceback: its message goes on below
                # (pydantic's errors, jsonschema's schema and instance), blank lines and all,
                # up to the next traceback of a chain.
                while j < n and j not in starts and not _CHAINED.match(lines[j]):
                    j += 1
                out.update(range(i, j))
                continue
            while j < n and j not in starts and lines[j].strip():
                j += 1
            if j in starts:
                out.update(range(i, j))
        if ln.rstrip().endswith("{") and (i in starts or _ERROR_HEAD.match(ln)):
            depth = 0
            for j in range(i, n):
                body = lines[j]
                depth += body.count("{") + body.count("[") - body.count("}") - body.count("]")
                out.add(j)
                if depth <= 0:
                    break
    return out


def _spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        out.append((pos, end))
        pos = end + 1
    return out


@dataclass(slots=True)
class _Elisions:
    """What the frames shown leave out, as spans (start, end, start, end, …; None: nothing of
    that kind is left out): Go argument values and pc offsets, Python caret lines, the
    terminal colour codes of every line shown."""

    values: list[int] | None = None
    carets: list[int] | None = None
    created: list[int] | None = None  # Go "created by" frames the same as one shown above
    rust: list[int] | None = None  # Rust library frames' addresses, hashes, rustc commits
    jvm: list[int] | None = None  # JVM thread headers' thread pointers and stack addresses
    derived: list[int] | None = None  # lines the line above each gives (_derived_lines)
    heads: dict[str, int] = field(default_factory=dict)  # (their text but the last word)
    props: list[int] | None = None  # dump lines whose string an error line above says
    prop_keys: Counter[str] = field(default_factory=Counter)  # (their keys)
    escapes: list[int] | None = None
    seen: set[str] = field(default_factory=set)  # ("created by" frames shown)


# Python 3.11+'s caret line under a frame's source line ("          ~~~^^^^^^^^^^^").
CARETS = re.compile(r"^\s+[~^][~^ ]*$")


def _shown(
    f: _Frame,
    lines: list[str],
    plain: list[str],
    spans: list[tuple[int, int]],
    base: int,
    el: _Elisions | None,
) -> list[str]:
    """A frame's lines as shown: with what ``el`` asks for left out (``plain``: the lines
    without terminal colour codes, which are read; ``lines`` are shown)."""
    if el is not None and f.go and el.created is not None and lines[f.first].startswith("created"):
        key = f"{lines[f.first]} {_GO_PC.sub('', lines[f.first + 1]).strip()}"
        if key in el.seen:
            el.created += [base + spans[f.first][0], base + spans[f.last][1]]
            return []
        el.seen.add(key)
    if el is not None and f.go and el.values is not None:
        return _go_values(lines, f.first, spans, base, el.values)
    if el is not None and f.rust and f.library and el.rust is not None:
        # (an own frame is shown as it is: its address and hash are how a reader finds it)
        return [_rust_bare(k, lines, spans, base, el.rust) for k in range(f.first, f.last + 1)]
    if el is not None and (f.py or f.pytest) and el.carets is not None:
        out: list[str] = []
        for k in range(f.first, f.last + 1):
            if k > f.first and CARETS.match(plain[k]):
                el.carets += [base + spans[k][0], base + spans[k][1]]
            else:
                out.append(_bare(k, lines, plain, spans, base, el))
        return out
    return [_bare(k, lines, plain, spans, base, el) for k in range(f.first, f.last + 1)]


def _bare(
    k: int,
    lines: list[str],
    plain: list[str],
    spans: list[tuple[int, int]],
    base: int,
    el: _Elisions | None,
) -> str:
    """Line ``k`` as shown: without its terminal colour codes where ``el`` leaves them out
    (their spans added to it, one per run of codes), else as it was."""
    if el is None or el.escapes is None or plain[k] is lines[k]:
        return lines[k]
    add_code_spans(lines[k], base + spans[k][0], el.escapes)
    return plain[k]


def _go_values(
    lines: list[str], first: int, spans: list[tuple[int, int]], base: int, elided: list[int]
) -> list[str]:
    """A Go frame's two lines (at ``first``) with its argument values written ``(…)`` and its pc
    offset left out; the spans left out are added to ``elided`` (start, end, start, end, …)."""
    call, at = lines[first], lines[first + 1]
    m = _GO_ARGS.search(call)
    if m and m.group(1) not in ("", "..."):
        s = spans[first][0] + m.start(1)
        elided += [base + s, base + s + len(m.group(1))]
        call = call[: m.start(1)] + "…" + call[m.end(1) :]
    m = _GO_PC.search(at)
    if m:
        s = spans[first + 1][0] + m.start()
        elided += [base + s, base + s + len(m.group(0))]
        at = at[: m.start()]
    return [call, at]


# What a Rust library frame shown leaves out: the address of a full backtrace's frame
# ("0x55f2… - "), its symbol's hash ("::h8da7fa642d137fc6"), the rustc commit in a standard
# library path ("/rustc/59807616e1fa…/library/…", written "…").
_RUST_VALUES = re.compile(
    r"(?<=\d:)\s+(0x[0-9a-f]+ - )|(::h[0-9a-f]{16})$|/rustc/([0-9a-f]{7,40})/"
)


def _rust_bare(
    k: int, lines: list[str], spans: list[tuple[int, int]], base: int, elided: list[int]
) -> str:
    """Line ``k`` of a Rust library frame without its address and symbol hash, its rustc commit
    written ``…``; the spans left out are added to ``elided``."""
    line = lines[k]
    out: list[str] = []
    at = 0
    for m in _RUST_VALUES.finditer(line):
        g = next(x for x in (1, 2, 3) if m.group(x))
        s, e = m.span(g)
        out.append(line[at:s])
        if g == 3:
            out.append("…")
        at = e
        elided += [base + spans[k][0] + s, base + spans[k][0] + e]
    out.append(line[at:])
    return "".join(out)


# A Go frame's argument values (its call's last parenthesised list), its pc offset.
_GO_ARGS = re.compile(r"\(([^()]*)\)$")
_GO_PC = re.compile(r" \+0x[0-9a-f]+$")


def collapse_library_frames(
    text: str,
    spans: list[tuple[int, int]],
    omitter: Omitter,
    base: int,
    elided: _Elisions | None = None,
) -> tuple[list[str], int]:
    """Every line of ``text`` (``spans`` are its lines) with runs of library frames replaced by
    markers; and how many frames were collapsed. With ``elided``: the frames shown leave out
    what it asks for (Go argument values and pc offsets, Python caret lines, colour codes;
    :func:`_shown`, :func:`_bare`)."""
    lines = [text[s:e] for s, e in spans]
    # Frames are found without terminal colour codes (FORCE_COLOR=1 node, Python 3.13); lines
    # are shown as they were, or without the codes where ``elided`` leaves them out.
    plain = [without_escapes(ln) for ln in lines] if "\x1b" in text else lines
    # (Python's exception group: its tracebacks read past the "|" gutter drawn left of them;
    # lines are shown with it, markers written after it)
    gutters: list[str] | None = None
    if plain is lines and _GROUP_HEAD in text:
        plain = ungutter(lines)
        gutters = [ln[: len(ln) - len(p)] for ln, p in zip(lines, plain, strict=True)]

    def lead(k: int) -> str:
        """What a marker standing for line ``k`` opens with: its gutter and indent."""
        return (gutters[k] if gutters else "") + leading_space(plain[k])

    frames = frame_lines(plain)
    entry = entry_frames(frames)
    out: list[str] = []
    collapsed = 0
    # Node and Python frames shown, as they read (_shown_key)
    shown: set[tuple[str, ...]] = set()
    in_frames = {x for f in frames for x in range(f.first, f.last + 1)}
    verbatim: dict[str, list[int]] = {}  # other lines shown as they are: text -> line indices
    shown_at: set[int] = set()  # (their indices)
    heads: list[str] = []  # error lines shown (their messages)
    derived: dict[int, str] = {}
    if elided is not None and elided.derived is not None:
        derived = _derived_lines(plain, in_frames)

    def marker(
        kind: str, first: int, last: int, count: int, desc: str, props: bool = True
    ) -> str | None:
        """Lines ``first``…``last`` as one marker line, indented as the first (None where it
        does not pay). With ``props``, a brace ending the last line opens the error's
        properties (util.inspect): it stays, after the marker, so the dump below still reads
        as one."""
        s, e = spans[first][0], spans[last][1]
        opens = _OPENS_PROPS.search(lines[last]) if props else None
        if opens:
            e -= len(opens.group(0))
        if not omitter.pays(text[s:e], desc):
            return None
        mark = omitter.mark(kind, [(base + s, base + e)], count, desc)
        return lead(first) + mark + (opens.group(0) if opens else "")

    i = 0
    k = 0
    while i < len(lines):
        rep = _repeats(lines, i)
        if rep is not None and rep[0] == 1 and not _COUNTED.search(lines[i]):
            # One line over and over (a recursion's frame): written once with its count,
            # which says all the repeats said (nothing is omitted, so no marker is needed).
            out.append(f"{_bare(i, lines, plain, spans, base, elided)} ×{rep[1]}")
            collapsed += rep[1] - 1
            i += rep[1]
            while k < len(frames) and frames[k].first < i:
                k += 1
            continue
        if rep is not None:
            # Recursion: the same frames over and over. One cycle stays, the repeats go.
            period, times = rep
            s, e = spans[i + period][0], spans[i + period * times - 1][1]
            above = "the line" if period == 1 else f"the {period} lines"
            desc = f"{plural(times - 1, 'repeat')} of {above} above"
            if omitter.pays(text[s:e], desc):
                out.extend(
                    _bare(x, lines, plain, spans, base, elided) for x in range(i, i + period)
                )
                indent = lead(i)
                out.append(indent + omitter.mark("frames", [(base + s, base + e)], times - 1, desc))
                collapsed += times - 1
                i += period * times
                while k < len(frames) and frames[k].first < i:
                    k += 1
                continue
        if k < len(frames) and frames[k].first == i and (frames[k].js or frames[k].py):
            # Frames an earlier error showed: Node's (the errors of an AggregateError, a
            # [cause], a validation error's inner errors: thrown along one path), Python's
            # (the outer frames of "During handling of the above exception"). One marker
            # naming them (Node's library frames or not; Python's library frames are never
            # remembered as shown: see below).
            j = _shown_run(frames, k, plain, shown)
            if j - k >= (_MIN_SHOWN_JS if frames[k].js else 1):
                run = frames[k:j]
                named = ", ".join(_frame_name(f, plain) for f in run)
                desc = f"{plural(len(run), 'frame')} shown above: {named}"
                line = marker("frames", i, run[-1].last, len(run), desc, frames[k].js)
                if line is not None:
                    out.append(line)
                    collapsed += len(run)
                    i = run[-1].last + 1
                    k = j
                    continue
        if k < len(frames) and frames[k].first == i and frames[k].library and k not in entry:
            j = k
            while (
                j < len(frames)
                and frames[j].library
                and j not in entry
                and (j == k or frames[j].first == frames[j - 1].last + 1)
            ):
                j += 1
            run = frames[k:j]
            first, last = run[0].first, run[-1].last
            # (two frames of 4+ lines: Go's, Python's with their source lines)
            if len(run) > 2 or (len(run) == 2 and run[-1].last - run[0].first >= 3):
                pkgs = Counter(f.package for f in run)
                desc = f"{plural(len(run), 'library frame')}: {name_counts(pkgs, 4)}"
                line = marker("frames", first, last, len(run), desc)
                if line is not None:
                    out.append(line)
                    collapsed += len(run)
                    i = last + 1
                    k = j
                    continue
            for f in run:
                if f.js:
                    shown.add(_shown_key(f, plain))
                out.extend(_shown(f, lines, plain, spans, base, elided))
            i = last + 1
            k = j
            continue
        if k < len(frames) and frames[k].first == i:
            # An own frame, or the library frame own code called (entry_frames): shown.
            f = frames[k]
            if f.js or (f.py and not f.library):
                shown.add(_shown_key(f, plain))
            out.extend(_shown(f, lines, plain, spans, base, elided))
            i = f.last + 1
            k += 1
            continue
        if i in derived and elided is not None and elided.derived is not None:
            # (a line its neighbour above gives: pydantic's "For further information visit
            # https://errors.pydantic.dev/2.14/v/int_parsing" under "[type=int_parsing, …]")
            elided.derived += [base + spans[i][0], base + spans[i][1]]
            elided.heads.setdefault(derived[i], 0)
            elided.heads[derived[i]] += 1
            i += 1
            continue
        if elided is not None and elided.props is not None and "'" in plain[i]:
            key = _repeated_prop(plain[i], heads)
            if key is not None:
                # (util.inspect's dump of a validation error: each detail's message, which
                # the error's own line above says: joi's "message: '…'", yup's "errors: […]")
                elided.props += [base + spans[i][0], base + spans[i][1]]
                elided.prop_keys[key] += 1
                i += 1
                continue
        same = _same_as_shown(plain, i, in_frames, verbatim, shown_at)
        if same:
            # The same lines as above (util.inspect's dump of each inner error repeating
            # the same options): one marker saying so.
            desc = f"{same} lines, the same as above from {plain[i].strip()[:40]}"
            line = marker("lines", i, i + same - 1, same, desc, props=False)
            if line is not None:
                out.append(line)
                i += same
                continue
        verbatim.setdefault(plain[i].strip(), []).append(i)
        shown_at.add(i)
        if _ERROR_HEAD.match(plain[i]):
            heads.append(plain[i])
        if elided is not None and elided.jvm is not None and lines[i].startswith('"'):
            out.append(_jvm_header(i, lines, spans, base, elided.jvm))
        else:
            out.append(_bare(i, lines, plain, spans, base, elided))
        i += 1
    return out, collapsed


# What a JVM thread header shown leaves out: the thread's pointer ("tid=0x00007fdff0017ea0")
# and its stack's address ("[0x00007fdff451e000]"), each written "…".
_JVM_VALUES = re.compile(r" tid=0x([0-9a-f]+) .*?\[0x([0-9a-f]+)\]\s*$| tid=0x([0-9a-f]+) ")


# A line of util.inspect's dump holding one string: a property ("message: '…',"), a list
# of one ("errors: [ '…' ],"), an item of a list ("'…',").
_PROP_STRING = re.compile(
    r"^\s*(?:(?P<key>[\w$]+): )?(?P<list>\[ )?'(?P<text>(?:[^'\\]|\\.){20,})'(?(list) \])"
    r",?\s*$"
)


def _repeated_prop(line: str, heads: list[str]) -> str | None:
    """The key of ``line`` (util.inspect's dump) if it holds one string of 20+ characters
    that an error line of ``heads`` says ("[item]" for a list's item); else None."""
    m = _PROP_STRING.match(line)
    if not m:
        return None
    said = m.group("text").replace("\\'", "'")
    if not any(said in h for h in heads):
        return None
    return m.group("key") or "[item]"


# A line's last word (after a space or a "/"): what _derived_lines looks for above it.
_LAST_WORD = re.compile(r"[\w.-]{3,}$")
# Lines of one text but for the last word, each word the line above shows, from this many.
_MIN_DERIVED = 3


def _derived_lines(lines: list[str], in_frames: set[int]) -> dict[int, str]:
    """Lines (no frame, no error line) that read the same but for their last word, which the
    line above each shows as a word (pydantic's "For further information visit
    https://errors.pydantic.dev/2.14/v/int_parsing" under "… [type=int_parsing, …]"), at
    least _MIN_DERIVED of one text: their indices, each with that text (the line but its
    last word)."""
    groups: dict[str, list[int]] = {}
    for k in range(1, len(lines)):
        ln = lines[k].rstrip()
        m = _LAST_WORD.search(ln) if ln[-1:].isalnum() or ln[-1:] == "_" else None
        if not m or k in in_frames or k - 1 in in_frames or _ERROR_HEAD.match(ln):
            continue
        word = m.group(0)
        above = lines[k - 1]
        if word in above and re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w.-])", above):
            groups.setdefault(ln[: m.start()], []).append(k)
    return {k: head for head, ks in groups.items() if len(ks) >= _MIN_DERIVED for k in ks}


def _jvm_header(
    k: int, lines: list[str], spans: list[tuple[int, int]], base: int, elided: list[int]
) -> str:
    """Line ``k`` (a JVM thread's header, else as it is) with its thread pointer and stack
    address written ``…``; the spans left out are added to ``elided``."""
    line = lines[k]
    if not _JTHREAD.match(line):
        return line
    m = _JVM_VALUES.search(line)
    if not m:
        return line
    out: list[str] = []
    at = 0
    for g in (1, 2, 3):
        if m.group(g):
            s, e = m.span(g)
            out.append(line[at:s] + "…")
            at = e
            elided += [base + spans[k][0] + s, base + spans[k][0] + e]
    out.append(line[at:])
    return "".join(out)


# Node frames shown above are named in a marker from this many in a row (Python's from one).
_MIN_SHOWN_JS = 2


def _shown_key(f: _Frame, plain: list[str]) -> tuple[str, ...]:
    """A Node or Python frame as it reads (``plain``: the lines without colour codes): a Node
    frame's line (its indent and a trailing " {" aside), a Python frame's lines without
    caret lines; each led by which it is."""
    if f.js:
        return ("js", _js_key(plain[f.first]))
    return ("py", *_py_key(f, plain))


def _shown_run(frames: list[_Frame], k: int, plain: list[str], shown: set[tuple[str, ...]]) -> int:
    """The end of the run of frames from ``k`` on, one after another, of the kind of frame
    ``k`` (Node or Python), that were ``shown`` above."""
    js = frames[k].js
    j = k
    while (
        j < len(frames)
        and (frames[j].js if js else frames[j].py)
        and _shown_key(frames[j], plain) in shown
        and (j == k or frames[j].first == frames[j - 1].last + 1)
    ):
        j += 1
    return j


def _frame_name(f: _Frame, plain: list[str]) -> str:
    """How a marker names a Node or Python frame (:func:`_js_name`, :func:`_py_name`)."""
    return _js_name(plain[f.first]) if f.js else _py_name(plain[f.first])


def leading_space(line: str) -> str:
    """The whitespace ``line`` starts with (a marker standing for it is indented as it)."""
    m = _INDENT.match(line)
    return m.group(0) if m else ""


_INDENT = re.compile(r"\s*")


# Lines repeating lines shown above are left out from this many in a row.
_MIN_SAME = 4


def _same_as_shown(
    lines: list[str],
    i: int,
    in_frames: set[int],
    verbatim: dict[str, list[int]],
    shown_at: set[int],
) -> int:
    """How many lines from ``i`` on repeat, text for text (indent aside), lines shown above as
    they are, one after another (``verbatim``: their indices by text, ``shown_at``: all of
    them); 0 if fewer than _MIN_SAME. Frames, blank lines and error lines are never taken."""
    best = 0
    for p in verbatim.get(lines[i].strip(), ())[-4:]:
        n = 0
        while (
            i + n < len(lines)
            and p + n < i
            and i + n not in in_frames
            and lines[i + n].strip()
            and lines[p + n].strip() == lines[i + n].strip()
            and p + n in shown_at
            and not _ERROR_HEAD.match(lines[i + n])
        ):
            n += 1
        best = max(best, n)
    return best if best >= _MIN_SAME else 0


def _py_key(f: _Frame, lines: list[str]) -> tuple[str, ...]:
    """A Python frame as it reads (``lines`` without colour codes): its lines without caret
    lines."""
    return tuple(
        lines[k].strip()
        for k in range(f.first, f.last + 1)
        if k == f.first or not CARETS.match(lines[k])
    )


def _py_name(line: str) -> str:
    """ "File "/x/app.py", line 9, in settings" as "app.py:9 settings"."""
    m = re.match(r'\s*File "([^"]+)", line (\d+), in (\S+)', line)
    return f"{m.group(1).rsplit('/', 1)[-1]}:{m.group(2)} {m.group(3)}" if m else line.strip()


def _js_key(line: str) -> str:
    """A Node frame as it reads (its indent and a trailing " {" aside)."""
    return _OPENS_PROPS.sub("", line).strip()


def _js_name(line: str) -> str:
    """ "at async fetchIndex (file:///x/a.mjs:9:15)" as "fetchIndex", "at node:internal/x:9:1"
    as "x:9"."""
    m = _JS_FRAME.match(line)
    func = (m.group("func") or "") if m else ""
    if func:
        return func.split(" [as ", 1)[0].rsplit(" ", 1)[-1]
    file = (m.group("file2") or "") if m else line.strip()
    return ":".join(file.rsplit("/", 1)[-1].split(":")[:2])


# What ends a Node frame line that util.inspect's dump of the error's properties follows.
_OPENS_PROPS = re.compile(r" \{\s*$")
# A line already ending in a count (" ×12"): another count after it would be ambiguous.
_COUNTED = re.compile(r" ×\d+$")
# Recursion cycles looked for: up to this many lines, repeated at least _MIN_REPEATS times.
_MAX_PERIOD = 8
_MIN_REPEATS = 4


def _repeats(lines: list[str], i: int) -> tuple[int, int] | None:
    """(period, times): lines ``i…`` are a block of ``period`` non-blank lines repeated
    ``times`` times in a row (a recursion's frames), or None."""
    if not lines[i].strip() or i + _MIN_REPEATS > len(lines):
        return None
    for period in range(1, _MAX_PERIOD + 1):
        block = lines[i : i + period]
        if len(block) < period:
            break
        times = 1
        while lines[i + period * times : i + period * (times + 1)] == block:
            times += 1
        if times >= _MIN_REPEATS:
            return period, times
    return None


# A Go goroutine dump: each goroutine's header, then its frames down to a blank line.
_GOROUTINE = re.compile(r"^goroutine (\d+) \[([^\]]*)\]:\s*$")
# What differs between goroutines stopped at the same place: argument values, pc offsets.
_GO_VALUES = re.compile(r"\([^()]*\)$|\s\+0x[0-9a-f]+$", re.M)


def _goroutines(lines: list[str]) -> list[tuple[int, int, str, str]]:
    """(first line, end, id, signature) of each goroutine block (its header to the line before
    the blank line that ends it). The signature is its state and its frames without argument
    values and pc offsets: goroutines with one signature stopped at the same place."""
    out: list[tuple[int, int, str, str]] = []
    masked = _GO_VALUES.sub("", "\n".join(lines)).split("\n")  # (one pass over the text)
    n = len(lines)
    i = 0
    while i < n:
        m = _GOROUTINE.match(lines[i]) if lines[i].startswith("goroutine ") else None
        if not m:
            i += 1
            continue
        j = i + 1
        while (
            j < n
            and lines[j].strip()
            and not (lines[j].startswith("goroutine ") and _GOROUTINE.match(lines[j]))
        ):
            j += 1
        body = "\n".join(masked[i + 1 : j])
        out.append((i, j, m.group(1), f"{m.group(2)}\n{body}"))
        i = j
    return out


def _id_ranges(ids: list[str]) -> str:
    """Goroutine ids, runs of consecutive numbers as ``19-33``."""
    return number_runs(sorted(int(x) for x in ids))


def _same_goroutines(lines: list[str]) -> list[tuple[int, int, int, str]]:
    """Goroutines stopped where an earlier one of the dump is (same state, same frames,
    argument values aside): runs of them as (first line, end line, count, description)."""
    blocks = [(i, j, gid, sig, sig.split("\n", 1)[0]) for i, j, gid, sig in _goroutines(lines)]
    return _same_blocks(lines, blocks, "goroutine", lambda g: f"goroutine {g}", _id_ranges)


# A JVM thread dump (jstack, kill -3): each thread's header ('"poster-12" #12 prio=5 …
# nid=0x45a9 waiting on condition  [0x00007fdf6ebfd000]'), then its state line, frames and
# monitors ("- locked <0x…>") down to a blank line.
_JTHREAD = re.compile(
    r'^"(?P<name>(?:[^"\\]|\\.)*)" (?:#\d+ )?.*\bnid=(?:0x[0-9a-f]+|\d+) (?P<what>[^\[]*?)\s*'
    r"(?:\[0x[0-9a-f]+\])?\s*$"
)
_JSTATE = re.compile(r"^\s+java\.lang\.Thread\.State: (.*?)\s*$")


_OWNABLE = "Locked ownable synchronizers:"
_JVM_ADDRESS = re.compile(r"<0x[0-9a-f]+>")


def _jvm_threads(lines: list[str]) -> list[tuple[int, int, str, str, str]]:
    """(first line, end, name, signature, state) of each thread of a JVM thread dump (its
    header to the line before the blank line that ends it). The signature is what its header
    says it does ("waiting on condition") and its lines below (state, frames, monitors):
    threads with one signature stopped at the same place."""
    out: list[tuple[int, int, str, str, str]] = []
    n = len(lines)
    i = 0
    while i < n:
        m = _JTHREAD.match(lines[i]) if lines[i].startswith('"') else None
        if not m:
            i += 1
            continue
        j = i + 1
        while j < n and not lines[j].startswith('"'):
            if not lines[j].strip():
                # (jstack -l: a blank line, then the thread's "Locked ownable synchronizers:")
                if j + 1 < n and lines[j + 1].lstrip().startswith(_OWNABLE):
                    j += 1
                    continue
                break
            j += 1
        body = [ln.rstrip() for ln in lines[i + 1 : j]]
        st = _JSTATE.match(body[0]) if body else None
        state = st.group(1) if st else m.group("what")
        sig = "\n".join([m.group("what"), *body])
        if _OWNABLE in sig:
            # (the synchronizers it holds by their class, their addresses aside: each thread
            # of a pool holds its own ThreadPoolExecutor$Worker)
            head, _, owned = sig.partition(_OWNABLE)
            sig = head + _OWNABLE + _JVM_ADDRESS.sub("<…>", owned)
        out.append((i, j, m.group("name"), sig, state))
        i = j
    return out


def _thread_names(names: list[str]) -> str:
    """Thread names, those of one pool (a name and a number: "poster-13") said once with
    their numbers' runs: ``poster-{13-15, 17}``."""
    groups: dict[str, list[int]] = {}
    loose: list[str] = []
    for name in names:
        m = re.match(r"(.*\D)(\d+)$", name)
        if m and not m.group(2).startswith("0"):
            groups.setdefault(m.group(1), []).append(int(m.group(2)))
        else:
            loose.append(name)
    said = [
        f"{head}{nums[0]}" if len(nums) == 1 else f"{head}{{{number_runs(sorted(nums))}}}"
        for head, nums in groups.items()
    ]
    return ", ".join([*said, *loose])


def _same_threads(lines: list[str]) -> list[tuple[int, int, int, str]]:
    """Threads of a JVM thread dump stopped where an earlier one is (the same lines below
    their headers: state, frames, monitors): runs of them as (first line, end line, count,
    description)."""
    return _same_blocks(lines, _jvm_threads(lines), "thread", lambda t: f'"{t}"', _thread_names)


# The JVM's list of its threads' pointers over a thread dump ("Threads class SMR info:").
_JVM_LIST = re.compile(r"^_java_thread_list=0x[0-9a-f]+, length=(\d+), elements=\{\s*$")


def _jvm_thread_list(lines: list[str]) -> list[tuple[int, int, int, str]]:
    """The JVM's list of its threads' pointers (``_java_thread_list=0x…, length=20,
    elements={`` down to ``}``: the ``tid=`` of each thread's header) as (first line, end
    line, count, description)."""
    for i, ln in enumerate(lines[:50]):
        m = _JVM_LIST.match(ln) if ln.startswith("_java_thread_list=") else None
        if not m:
            continue
        for j in range(i + 1, min(len(lines), i + 400)):
            if lines[j].strip() == "}":
                n = int(m.group(1))
                return [(i, j + 1, j + 1 - i, f"the JVM's list of its {n} threads' pointers")]
            if not re.fullmatch(r"(?:0x[0-9a-f]+,?\s*)+", lines[j]):
                break
    return []


_JVM_STACKS = "Java stack information for the threads listed above:"


def _jvm_deadlock_stacks(lines: list[str]) -> list[tuple[int, int, int, str]]:
    """A deadlock report's stacks ('"teller-12":' and its frames and monitors, under "Java
    stack information for the threads listed above:") that the dump above shows for that
    thread, line for line: runs of them as (first line, end line, count, description)."""
    try:
        at = lines.index(_JVM_STACKS)
    except ValueError:
        return []
    shown = {name: lines[i + 1 : j] for i, j, name, _, _ in _jvm_threads(lines[:at])}
    for name, body in shown.items():  # (the state line is not repeated)
        if body and _JSTATE.match(body[0]):
            shown[name] = body[1:]
    out: list[tuple[int, int, int, str]] = []
    run: list[str] = []
    start = i = at + 1
    n = len(lines)
    while i <= n:
        m = re.match(r'^"(.*)":\s*$', lines[i]) if i < n else None
        j = i + 1
        while m and j < n and lines[j].strip() and not lines[j].startswith('"'):
            j += 1
        if m and shown.get(m.group(1)) == lines[i + 1 : j]:
            if not run:
                start = i
            run.append(m.group(1))
            i = j
            continue
        if run:
            desc = f"{plural(len(run), 'stack')} of the deadlock, as shown above: " + ", ".join(
                f'"{t}"' for t in run
            )
            out.append((start, i, len(run), desc))
            run = []
        if not (i < n and lines[i].startswith(("=", '"'))):
            break
        i += 1
    return out


def _same_blocks(
    lines: list[str],
    blocks: list[tuple[int, int, str, str, str]],
    noun: str,
    like_what: Callable[[str], str],
    labels: Callable[[list[str]], str],
) -> list[tuple[int, int, int, str]]:
    """Blocks (first line, end, label, signature, state) whose signature an earlier block has:
    runs of them (separated by blank lines only) as (first line, end line, count,
    description naming for each the block it is like and their labels)."""
    first: dict[str, tuple[str, str]] = {}  # signature -> (label, state) of its first block
    repeats: list[tuple[int, int, str, str]] = []  # (first, end, label, signature)
    for i, j, label, sig, state in blocks:
        if sig in first:
            repeats.append((i, j, label, sig))
        else:
            first[sig] = (label, state)
    out: list[tuple[int, int, int, str]] = []
    k = 0
    while k < len(repeats):
        # A run: repeats separated by blank lines only.
        m = k + 1
        while m < len(repeats) and all(
            not lines[x].strip() for x in range(repeats[m - 1][1], repeats[m][0])
        ):
            m += 1
        run = repeats[k:m]
        like: dict[str, list[str]] = {}
        for _, _, label, sig in run:
            like.setdefault(sig, []).append(label)
        said = "; ".join(
            f"{len(ids)} like {like_what(first[sig][0])} ({first[sig][1]}): {labels(ids)}"
            for sig, ids in like.items()
        )
        desc = f"{plural(len(run), noun)} stopped where one above is: {said}"
        out.append((run[0][0], run[-1][1], len(run), desc))
        k = m
    return out


def _compress_trace(
    text: str,
    spans: list[tuple[int, int]],
    omitter: Omitter,
    base: int,
    go: bool,
    elided: _Elisions | None,
) -> tuple[list[str], int]:
    runs = []
    if go:
        runs = _same_goroutines([text[s:e] for s, e in spans])
    elif "java.lang.Thread.State: " in text:
        lines = [text[s:e] for s, e in spans]
        runs = sorted(
            [*_same_threads(lines), *_jvm_thread_list(lines), *_jvm_deadlock_stacks(lines)]
        )
    out: list[str] = []
    collapsed = 0
    at = 0
    for i, j, count, desc in [*runs, (len(spans), len(spans), 0, "")]:
        if i > at:
            part, c = collapse_library_frames(text, spans[at:i], omitter, base, elided)
            out.extend(part)
            collapsed += c
            at = i
        if not count:
            break
        s, e = spans[i][0], spans[j - 1][1]
        if omitter.pays(text[s:e], desc):
            kind = "goroutines" if go else "threads"
            out.append(omitter.mark(kind, [(base + s, base + e)], count, desc))
            collapsed += count
            at = j
    return out, collapsed


# What the frames shown may leave out, behind one marker each at the end.
_ELIDED = {
    "values": "argument values and pc offsets of Go frames, written (…)",
    "carets": "caret lines (^^^, ~~~) under the source lines of frames",
    "created": "Go 'created by' frames the same as one shown above",
    "rust": "addresses and symbol hashes of Rust library frames, rustc commits (/rustc/…/)",
    "jvm": "thread pointers (tid=…) and stack addresses ([…]) of JVM thread headers",
    "derived": "each under the line naming its <word>",
    "props": "property lines whose string an error line above says",
    "escapes": CODES_SHOWN,
}


def compress_trace(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """The trace with library frame runs collapsed, goroutines stopped where an earlier one is
    and what the frames shown leave out (Go argument values, Python caret lines) behind
    markers; None if there was nothing to collapse."""
    spans = _spans(text)
    go = "\ngoroutine " in text or text.startswith("goroutine ")
    want = {
        "values": go,
        "carets": "^^" in text or "~~" in text,
        "created": go,
        "rust": "/rustc/" in text or " - " in text,
        "jvm": "java.lang.Thread.State: " in text,
        "derived": True,
        "props": "'" in text,
        "escapes": "\x1b" in text,
    }
    checkpoint = omitter.checkpoint()
    while True:
        el = _Elisions(
            values=[] if want["values"] else None,
            carets=[] if want["carets"] else None,
            created=[] if want["created"] else None,
            rust=[] if want["rust"] else None,
            jvm=[] if want["jvm"] else None,
            derived=[] if want["derived"] else None,
            props=[] if want["props"] else None,
            escapes=[] if want["escapes"] else None,
        )
        out, collapsed = _compress_trace(text, spans, omitter, base, go, el)
        retry = False
        for kind, what in _ELIDED.items():
            elided: list[int] | None = getattr(el, kind)
            if not elided:
                continue
            pairs = list(zip(elided[::2], elided[1::2], strict=True))
            desc = f"{what}: {len(pairs)} spans"
            if kind == "derived":
                heads = el.heads.items()
                said = ", ".join(
                    f'"{h.strip()}<word>"' + (f"×{n}" if len(heads) > 1 else "") for h, n in heads
                )
                desc = f"{plural(len(pairs), 'line')} {said}, {what}"
            elif kind == "props":
                desc = f"{len(pairs)} {what} ({name_counts(el.prop_keys, 4)})"
            said = "".join(text[s - base : e - base] for s, e in pairs)
            if omitter.pays(said, desc):
                out.append(omitter.mark(kind, pairs, len(pairs), desc))
                collapsed += len(pairs)
            else:
                want[kind] = False
                retry = True
        if not retry:
            break
        omitter.rollback(checkpoint)
    if not collapsed:
        return None
    result = "\n".join(out)
    return result + "\n" if text.endswith("\n") else result
