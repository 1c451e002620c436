"""Content detection: JSON/NDJSON, code by language, logs, config, markdown/prose, mixed.

Detection only looks at a bounded sample (first 400 lines plus a few from the end), so it
costs the same on 1 KB and on 10 MB. Misdetection is made harmless where it matters: code
is recognised by its statements, not by its first lines (a licence header is still code).
"""

from __future__ import annotations

import ast
import itertools
import json
import re
from collections import Counter

from transforms._api import is_api
from transforms._entries import is_changelog
from transforms._html import html_document, is_html
from transforms._json import is_json_stream
from transforms._notebook import is_notebook
from transforms._search import is_search_output
from transforms._table import sniff_delimiter
from transforms._testout import is_test_output
from transforms._trace import is_stack_trace
from transforms._yaml_api import is_yaml_api

__all__ = ["LANGUAGES", "detect", "normalize_content_type"]

LANGUAGES = ("python", "javascript", "typescript", "go", "rust", "java", "c", "cpp")

_ALIASES = {
    "py": "python",
    "python3": "python",
    "js": "javascript",
    "jsx": "javascript",
    "node": "javascript",
    "mjs": "javascript",
    "ts": "typescript",
    "tsx": "typescript",
    "golang": "go",
    "rs": "rust",
    "jsonl": "ndjson",
    "json-lines": "ndjson",
    "logs": "log",
    "text": "prose",
    "txt": "prose",
    "plain": "prose",
    "md": "markdown",
    "rst": "markdown",
    "h": "c",
    "c++": "cpp",
    "cc": "cpp",
    "cxx": "cpp",
    "hpp": "cpp",
    "hh": "cpp",
    "tsv": "csv",
    "tab-separated-values": "csv",
    "comma-separated-values": "csv",
    "patch": "diff",
    "git-diff": "diff",
    "octet-stream": "binary",
    "grep": "search",
    "ripgrep": "search",
    "rg": "search",
    "traceback": "stacktrace",
    "pytest": "test_output",
    "htm": "html",
    "ipynb": "notebook",
    "ipynb+json": "notebook",
    "jupyter": "notebook",
    "xhtml": "html",
    "xhtml+xml": "html",
    "tests": "test_output",
    "test-output": "test_output",
    "stack": "stacktrace",
    "openapi": "api",
    "swagger": "api",
    "vnd.oai.openapi+json": "api",
    "openapi+json": "api",
    "schema+json": "api",
    "json-schema": "api",
    "yaml": "config",
    "yml": "config",
    "toml": "config",
    "ini": "config",
    "dockerfile": "config",
    "makefile": "config",
    "shellscript": "config",
    "sh": "config",
    "bash": "config",
}
_KNOWN = {
    "json",
    "ndjson",
    "log",
    "prose",
    "markdown",
    "mixed",
    "code",
    "csv",
    "diff",
    "search",
    "stacktrace",
    "test_output",
    "html",
    "notebook",
    "binary",
    "api",
    "config",
    *LANGUAGES,
}


def normalize_content_type(content_type: str) -> str | None:
    """Map a caller's content type hint to ours; None if unknown (then we detect)."""
    ct = content_type.strip().lower()
    ct = ct.removeprefix("code/").removeprefix("code:").removeprefix("text/")
    ct = ct.removeprefix("application/").removeprefix("x-")
    ct = _ALIASES.get(ct, ct)
    return ct if ct in _KNOWN else None


# --- code ---------------------------------------------------------------------------------

# Per language: line patterns that are strong evidence (weight 1 per matching line). The
# leading whitespace is possessive (every alternative opens with a non-space or with .*):
# a line that matches nothing is not retried from inside its indentation (10x faster).
_CODE_PATTERNS: dict[str, re.Pattern[str]] = {
    "python": re.compile(
        r"^\s*+(?:(?:async\s+)?def\s+\w+\s*\(.*|class\s+\w+.*:\s*$|from\s+[\w.]+\s+import\s|import\s+[\w.]+(?:\s+as\s+\w+)?\s*$"
        r"|@\w[\w.]*(?:\(.*\))?\s*$|if\s+__name__\s*==|elif\s.*:\s*$|(?:try|else|finally):\s*$"
        r"|except\b.*:\s*$|(?:if|while)\s.+:\s*$|self\.\w+\s*=|with\s.+:\s*$"
        r"|for\s+\w+(?:,\s*\w+)*\s+in\s.+:\s*$)"
    ),
    "javascript": re.compile(
        r"^\s*+(?:(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*\w*\s*\(|(?:const|let|var)\s+[\w{}\[\],\s]+=|module\.exports\b"
        r"|exports\.\w+\s*=|(?:export\s+)?class\s+\w+(?:\s+extends\s+[\w.]+)?\s*\{|import\s+.+\s+from\s+['\"]|"
        r"require\(['\"]|\}\);?\s*$|(?!.*\$\w+:[a-z])"  # (not a Rust macro's arm: see rust)
        r".*=>\s*\{?\s*$|'use strict'|\"use strict\")"
    ),
    "typescript": re.compile(
        r"^\s*+(?:(?:export\s+)?(?:declare\s+)?(?:(?:interface|enum|namespace|module)\s+\w+"
        r"|type\s+\w+\s*(?:<.*>)?\s*=)"  # (Go's "type X []Frame" has no "=")
        r"|(?:public|private|protected|readonly)\s+\w+\s*[:(?]|.*\)\s*:\s*[\w<>\[\]|. ]+\s*\{\s*$"
        r"|(?:const|let|var)\s+\w+\s*:\s*[\w<>\[\]|. ]+\s*=|import\s+type\s"
        r"|.*\bas\s+(?:const|string|number|any)\b"
        r"|\w+\??\s*:\s*(?:string|number|boolean|any|unknown|void|never)\b)"
    ),
    "go": re.compile(
        r"^\s*+(?:package\s+\w+\s*$|func\s+(?:\([^)]*\)\s*)?\w+\s*\(|import\s+(?:\(|\")|type\s+\w+(?:\[[^\]]*\])?\s+[\w\[*]"
        r"|\w+(?:,\s*\w+)*\s*:=|if\s+err\s*!=\s*nil|defer\s|go\s+func|var\s+\w+\s+[\w*\[\]]+)"
    ),
    "rust": re.compile(
        r"^\s*+(?:(?:pub(?:\([\w:]+\))?\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+\w+"
        r"|use\s+[\w:{}, *]+;\s*$|impl\b|(?:pub\s+)?struct\s+\w+"
        r"|(?:pub\s+)?enum\s+\w+|(?:pub\s+)?trait\s+\w+|let\s+(?:mut\s+)?\w+|#!?\[[\w:]+|mod\s+\w+|match\s.+\{\s*$"
        r"|(?:pub\s+)?(?:const|static)\s+[A-Z_]+\s*:|macro_rules!"
        # A macro's arm, "(atom $stack:tt …) => {": fragment specifiers (a file of
        # macro_rules was JavaScript, read by its arms' "=> {")
        r"|.*\$\w+:(?:tt|ident|expr|ty|pat|pat_param|path|literal|block|item|meta|vis|lifetime"
        r"|stmt)\b)"
    ),
    "java": re.compile(
        r"^\s*+(?:package\s+[\w.]+;\s*$|import\s+(?:static\s+)?[\w.*]+;\s*$"
        r"|(?:(?:public|private|protected|static|final|abstract|synchronized)\s+)+"
        r"[\w<>\[\],.? ]+\s+\w+\s*[(;=]"
        r"|(?:public\s+|abstract\s+|final\s+)*(?:class|interface|enum|record)\s+\w+.*\{"
        r"|@Override\b|@\w+(?:\(.*\))?\s*$|throw\s+new\s+\w+|System\.out\.)"
    ),
    "c": re.compile(
        r"^\s*+(?:#\s*(?:include\s*[<\"]|define\s+\w|ifn?def\s+\w|endif\b|pragma\s|undef\s"
        r"|(?:el)?if\s+(?:defined|!|\d|[A-Z_(])|else\b|error\s+\")"
        r"|typedef\s|(?:struct|union|enum)\s+\w+\s*\{"
        r"|\w+\s*\((?:void|(?:const\s+)?\w+(?:\s+|\s*\*+\s*)\w+(?:\[\])?(?:,.*)?)\)\s*$"
        r"|(?:static|extern)\s+(?:inline\s+)?\w+(?:\s*\*+)?\s*$"
        r"|\w+\([\w\s*]+\)\s+\**\w+\s*\(|\w+\s+\*+\w+\s*[;=,)\[]"
        r"|(?:(?:static|extern|inline|const|unsigned|signed|volatile|register)\s+)*"
        r"(?:void|int|char|long|short|float|double|bool|size_t|ssize_t|u?int\d+_t|\w+_t"
        r"|struct\s+\w+|enum\s+\w+)\s*\**\s*\w+\s*(?:\(|\[|=|;)"
        r"|goto\s+\w+;)"
    ),
    "cpp": re.compile(
        r"^\s*+(?:namespace\s+[\w:]+\s*\{?|template\s*<|using\s+namespace\s|using\s+\w+\s*="
        r"|(?:class|struct)\s+\w+(?:\s+final)?\s*:\s*(?:public|private|protected)\s"
        r"|(?:public|private|protected):\s*$|#\s*include\s*<(?:iostream|vector|string|memory|map"
        r"|unordered_map|algorithm|utility|functional|optional|cstdint|cstdio|cstdlib)>)"
    ),
}

# Tokens that may sit anywhere in a line of C or C++ ("p->next", "NULL", "std::"), each set
# with substrings one of which such a line holds (tested first: ten times cheaper than the
# pattern on long lines). Tool output holds them too: pip's "(from a>=1.0->b)", a JVM's
# "2M->0M", a compiler's diagnostics naming "std::vector<int>" and quoting source lines
# ("  12 |   p->x = 1;"). So they are evidence only in a statement that is not a quote
# (_is_statement); elsewhere they corroborate, counting at most as often as the lines that
# are evidence.
_LOOSE_PATTERNS: dict[str, tuple[tuple[str, ...], re.Pattern[str]]] = {
    "c": (("->", "NULL"), re.compile(r"->\w|\bNULL\b")),
    "cpp": (
        ("::", "nullptr", "constexpr", "noexcept", "override"),
        re.compile(r"\bstd::|\w::~?\w+\s*\(|\b(?:nullptr|constexpr|noexcept|override)\b"),
    ),
}
_TRAILING_COMMENT = re.compile(r"\s*(?://.*|/\*.*\*/\s*|#.*)?$")
_CONTROL_STATEMENT = re.compile(r"\s*+(?:\}\s*)?(?:else\s+)?(?:if|while|for|switch|return)\b")
_QUOTED_SOURCE = re.compile(r"\s*+\d+ +\| ")


def _without_trailing_comment(line: str) -> str:
    """``line`` without its trailing comment and blanks (``_TRAILING_COMMENT``). The regex is
    tried at every place: only where a comment can open; elsewhere all it can match is the
    line's trailing blanks."""
    if "//" in line or "/*" in line or "#" in line:
        return _TRAILING_COMMENT.sub("", line)
    return line.rstrip()


def _loose_match(lang: str, line: str) -> bool:
    cues, pat = _LOOSE_PATTERNS[lang]
    return any(cue in line for cue in cues) and pat.search(line) is not None


def _is_statement(line: str) -> bool:
    """A line of code ending like a statement or a block's opening, a one-line block ("{ f(x);
    }") or a macro's line ("… \\"), and not a compiler's quote of source."""
    if _QUOTED_SOURCE.match(line):
        return False
    if _CONTROL_STATEMENT.match(line):
        return True
    if "//" in line or "/*" in line or "#" in line:
        line = _TRAILING_COMMENT.sub("", line)  # (a regex tried at every place: only if needed)
    return line.rstrip("} \t").endswith((";", "{", "\\"))


# Comment lines carry no evidence; C preprocessor lines open with "#" but are code.
_COMMENT_LINE = re.compile(
    r"^\s*+(?:#(?!\s*(?:include|define|ifn?def|endif|pragma|undef)\b"
    r"|\s*(?:el)?if\s+(?:defined|!|\d|[A-Z_(])|\s*else\b|\s*error\s+\")"
    r"|//|/\*|\*|\*/|--|<!--)"
)


def _code_lines(lines: list[str]) -> list[str]:
    """Non-blank lines that are not comments, block comments' inner lines included (a licence
    block without leading asterisks is not code, nor is it evidence against code)."""
    out: list[str] = []
    in_block = False
    for line in lines:
        if in_block:
            if "*/" in line:
                in_block = False
            continue
        if not line.strip() or _COMMENT_LINE.match(line):
            if "/*" in line and "*/" not in line[line.index("/*") :]:
                in_block = True
            continue
        out.append(line)
    return out


# A "return" statement opens lines in every language here: for Python (whose other patterns
# are its own) it only corroborates, as the tokens above do (Go functions, their blocks
# closed by "}" lines that are not evidence either way, read as Python); for whichever
# language wins it counts towards the share of code-like lines.
_RETURN = re.compile(r"\s*+return\b")


def _code_scores(lines: list[str]) -> tuple[dict[str, float], int]:
    """Per language, its evidence; and the number of "return" lines."""
    scores = dict.fromkeys(LANGUAGES, 0.0)
    loose = dict.fromkeys(_LOOSE_PATTERNS, 0)
    returns = 0
    for line in lines:
        if "return" in line and _RETURN.match(line):
            returns += 1
        for lang, pat in _CODE_PATTERNS.items():
            if pat.match(line):
                scores[lang] += 1
            elif lang in loose and _loose_match(lang, line):
                if _is_statement(line):
                    scores[lang] += 1
                else:
                    loose[lang] += 1
    for lang, n in loose.items():
        scores[lang] += min(n, scores[lang])
    scores["python"] += min(returns, scores["python"])
    # TypeScript is JavaScript plus types: only its own evidence decides between them.
    scores["typescript"] += scores["javascript"] * 0.5 if scores["typescript"] >= 3 else 0
    return scores, returns


_RST_DIRECTIVE = re.compile(r"\.\. [\w:-]+::")
_TRIPLE = re.compile(r'"""|\'\'\'')


def _outside_triple_quotes(lines: list[str]) -> int:
    """Lines outside triple-quoted strings, under whichever reading (the text starting
    outside a string or inside one) leaves fewer: a slice may start inside a docstring."""
    counts = [0, 0]
    inside = [False, True]
    for ln in lines:
        flips = len(_TRIPLE.findall(ln))
        for k in (0, 1):
            if not inside[k] and not flips:
                counts[k] += 1
            if flips % 2:
                inside[k] = not inside[k]
    return min(counts)


_GO_PACKAGE = re.compile(r"package\s+\w+\s*$")

# JSX (React's markup inside JavaScript/TypeScript): a component's tag ("<Controller",
# not a generic's "Option<PathBuf>"), a tag with an attribute whose value is an expression
# ("onSubmit={…}", "{...register('x')}"; not a template's "{{ x }}"), React's attribute
# names for HTML's class and for, markup shown on a condition ("{error && <p>"), a "<>".
_JSX_TELL = re.compile(
    r"(?<![\w.])</?[A-Z][a-z]\w*[\s/>.]|<[A-Za-z][\w.-]*\s[^<>]*?(?:=\{(?!\{)|\{\.\.\.)"
    r"|\s(?:className|htmlFor)=|&&\s*<[A-Za-z]|^\s*+</?>"
)
# A line of JSX markup: a tag, a tag's end, an attribute, a child expression's end.
_MARKUP_LINE = re.compile(r"\s*+(?:</?[A-Za-z>]|/?>|[\w-]+=[\"'{]|\{\.\.\.|\)+\}|\{/\*)")


# TypeScript in JSX code: a generic call ("useForm<FormValues>("), a cast ("as
# HTMLInputElement)"), a typed parameter ("(state: boolean)"), a non-null assertion. In JSX
# text the TSX grammar reads JavaScript as well, so one such line is enough (the JavaScript
# grammar stumbles on each).
_TSX_TELL = re.compile(
    r"\w<[^<>()=]*>\(|\)\s+as\s+[\w.]+|[\w'\")\]]\s+as\s+[A-Z][\w.]*(?:<[^>]*>)?\s*[;),}\]]"
    r"|\(\w+\??:\s*[\w.<>\[\]|]+[,)]|[\w)\]]!(?:;|\.\w)"
)


def _is_jsx(lines: list[str]) -> bool:
    """Two or more lines hold a JSX tell."""
    # (Substrings one of which a tell holds: tested first, much cheaper than the pattern.)
    cued = (ln for ln in lines if "<" in ln or "className=" in ln or "htmlFor=" in ln)
    return sum(1 for ln in cued if _JSX_TELL.search(ln)) >= 2


def code_language(text: str, lines: list[str] | None = None) -> str | None:
    """The language ``text`` is written in, or None if it is not mostly code."""
    if lines is None:
        lines = _sample_lines(text)
    code = _code_lines(lines)
    # Entries of an initializer, enum or argument list (a line ending in ",") are data inside
    # code: a long colour table or lookup array is not evidence against code.
    meaningful = [
        ln for ln in code if ln.strip() != "}" and not _without_trailing_comment(ln).endswith(",")
    ]
    jsx = _is_jsx(code)
    if jsx:
        # A component's markup is JavaScript's own (React): no evidence against code.
        meaningful = [ln for ln in meaningful if not _MARKUP_LINE.match(ln)]
    if not meaningful:
        return None
    if _GO_PACKAGE.match(code[0]):
        # A Go file opens with its package clause, however few statements follow (a file of
        # constant tables: "const (" and a thousand "SYS_READ = 0" lines).
        return "go"
    scores, returns = _code_scores(code)
    lang = max(LANGUAGES, key=lambda k: scores[k])
    best = scores[lang]
    # Code has many statement-like lines; prose and logs have few.
    evidence = best + (0 if lang == "python" else min(returns, best))
    if evidence < 2:
        return None
    if evidence / len(meaningful) < 0.12:
        # Docstrings are not evidence against Python (a slice may start inside one).
        # (An RST document with Python examples, its ".. directive::" lines at the margin,
        # is not a slice of code.)
        rst = sum(1 for ln in lines if _RST_DIRECTIVE.match(ln))
        outside = _outside_triple_quotes(meaningful) if lang == "python" and rst < 2 else 0
        if not outside or best / outside < 0.12:
            return None
    if lang == "javascript" and (
        scores["typescript"] >= max(3.0, 0.25 * best)
        or (jsx and (scores["typescript"] or any(_TSX_TELL.search(ln) for ln in code)))
    ):
        lang = "typescript"
    if lang in ("c", "java") and scores["cpp"] >= max(2.0, 0.15 * best):
        lang = "cpp"
    elif lang == "java" and scores["c"] >= best and scores["c"] > 0:
        lang = "c"
    if lang == "python":
        # Indentation + colons is the Python tell; braces/semicolons say otherwise.
        braces = sum(1 for ln in meaningful if ln.rstrip().endswith(("{", ";")))
        if braces > 0.3 * len(meaningful):
            others = {k: v for k, v in scores.items() if k != "python"}
            alt = max(others, key=lambda k: others[k])
            lang = alt if others[alt] >= 2 else lang
    return lang


def _jsx_source(text: str, lines: list[str]) -> bool:
    """JavaScript/TypeScript with JSX (React components): tag-dense, yet code."""
    return _is_jsx(lines) and code_language(text, lines) in ("javascript", "typescript")


# --- logs ---------------------------------------------------------------------------------

# A log line starts with a timestamp, a level, a bracketed source or a syslog header.
_LOG_LINE = re.compile(
    r"^\s*(?:"
    r"\[?\d{4}[-/]\d{2}[-/]\d{2}[T _]\d{1,2}:\d{2}"  # ISO-ish date time
    r"|\[?\d{1,2}[-/ ](?:\d{2}|[A-Z][a-z]{2})[-/ ]\d{2,4}[ :T]\d{1,2}:\d{2}"  # 01/Jan/2024:10:00
    r"|[A-Z][a-z]{2}\s+\d{1,2}\s\d{2}:\d{2}:\d{2}"  # syslog "Jan  3 10:00:00"
    r"|(?:[A-Z][a-z]{2},?\s+)?[A-Z][a-z]{2}\s+\d{1,2},?\s+\d{4}"  # "Mon Jan 3 2024"
    r"|\[?\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\]?\s"  # time only
    r"|\[?\d{10}(?:\.\d+)?\]?\s"  # epoch seconds
    r"|[IWEF]\d{4}\s\d{2}:\d{2}"  # glog
    r"|\[\d+\]\s"  # nats-server "[1234] "
    r"|\[\d+(?:\.\d+)?(?:s|ms|ns)\]\["  # JVM unified logging "[0.003s][info][gc]"
    r"|\[?(?:TRACE|DEBUG|DBG|INFO|INF|NOTICE|WARN|WARNING|WRN|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|FINE|PANIC)\]?[\s:|]"
    r"|(?:\d{1,3}\.){3}\d{1,3}\s.*\[\d"  # access log
    r"|\w+(?:\[\d+\])?:\s+(?:\[|\w+=)"  # "sshd[123]: " / "proc: key=value"
    r"|time=\S+\s+level="  # logfmt
    r"|\S{1,40}\s\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"  # "prog 2024-01-02 10:00"
    r")"
)
_LEVEL = re.compile(r"\b(?:TRACE|DEBUG|INFO|WARN(?:ING)?|ERROR|FATAL|CRITICAL)\b")


def _log_lines(lines: list[str], share: float) -> bool:
    """At least ``share`` of the non-blank lines open like log lines."""
    nonblank = [ln for ln in lines if ln.strip()]
    return sum(1 for ln in nonblank if _LOG_LINE.match(ln)) >= share * max(1, len(nonblank))


def _is_logs(lines: list[str]) -> bool:
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 4:
        return False
    hits = sum(1 for ln in nonblank if _LOG_LINE.match(ln))
    if hits >= 0.5 * len(nonblank):
        return True
    # Logs without a recognised prefix still carry levels on most lines.
    levels = sum(1 for ln in nonblank if _LEVEL.search(ln))
    return levels >= 0.6 * len(nonblank)


# A compiler's diagnostic line: ``src/api.c:77:88: warning: …``, ``Foo.java:12: error: …``.
_DIAGNOSTIC = re.compile(r"\S*?\w\.\w+:\d+(?::\d+)?: (?:fatal error|error|warning|note):")


# gcc's context of a diagnostic, at a line's start: a template instantiation's chain
# (``src/tree.h:24:7:   required from here``, ``…:   required from 'T f() [with …]'``) and the
# function or instantiation it is in (``src/a.c: In function 'main':``). Grep never opens a
# line so: its ``path:line:`` comes first (a match quoting such a line is no context line).
_GCC_CONTEXT = re.compile(
    r"(?:[A-Za-z]:)?[^\s:]+:(?:\d+:\d+:   (?:recursively )?required (?:from|by)\b"
    r"| In (?:instantiation of|substitution of|(?:static )?(?:member )?function|constructor"
    r"|destructor|lambda function)\b| At global scope:)"
)


def _compiler_output(lines: list[str]) -> bool:
    """A compiler's output (``javac -Xlint``, ``gcc -Wall``): diagnostic lines and gcc's
    context lines (at least 3, a tenth of the lines) between the source lines they quote,
    which read as code."""
    nonblank = [ln for ln in lines if ln.strip()]
    hits = sum(1 for ln in nonblank if _DIAGNOSTIC.match(ln) or _GCC_CONTEXT.match(ln))
    return hits >= 3 and hits >= 0.1 * len(nonblank)


_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]+\d{1,2}:\d{2}")


def _timestamped(lines: list[str]) -> bool:
    """Record-style logs ("Start-Date: 2024-01-02 10:00"): timestamps on many lines."""
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 8:
        return False
    return sum(1 for ln in nonblank if _TIMESTAMP.search(ln[:80])) >= 0.3 * len(nonblank)


_FIELD_LINE = re.compile(r"([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*):(?:\s|$)")


def _is_stanzas(lines: list[str]) -> bool:
    """Records of ``Field: value`` lines (and indented continuations) in blank-line separated
    stanzas: dpkg's status file, apt's solver dumps, deb822 indexes. The log compressor reads
    them (one template per field); as prose, sentence selection would drop whole fields."""
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 12:
        return False
    names: Counter[str] = Counter()
    continued = 0
    for ln in nonblank:
        m = _FIELD_LINE.match(ln)
        if m:
            names[m.group(1)] += 1
        elif ln[:1] in " \t":
            continued += 1
    fields = sum(names.values())
    stanzas = sum(
        1
        for i, ln in enumerate(lines)
        if _FIELD_LINE.match(ln) and (i == 0 or not lines[i - 1].strip())
    )
    return (
        fields >= 0.4 * len(nonblank)
        and fields + continued >= 0.85 * len(nonblank)
        and stanzas >= 3
        and sum(1 for c in names.values() if c >= 3) >= 3
    )


def _minified_js(text: str) -> str | None:
    """Minified JavaScript: few, very long lines full of JS punctuation and keywords."""
    head = text[:20000]
    if head.count("\n") > 40 or len(head) < 2000:
        return None
    hits = len(re.findall(r"\bfunction\b|=>|\bconst\b|\blet\b|\bvar\b|\breturn\b", head))
    return "javascript" if hits >= 20 and head.count(";") >= 20 else None


_LEAD = re.compile(r"^\W*(\w+)\W+(\w+)")
# Everything but brackets and quotes (a line's skeleton is what is left: the separators
# inside names and versions vary line to line, the brackets around them do not).
_PUNCT = re.compile(r"[^()\[\]{}<>\"']+")


_SENTENCE_END = re.compile(r"(?:[a-z)\]]\.|[!?])\s*$")
# A line head of a build tool's step: "-- " before a capitalised word (cmake), a bracketed
# percentage or step count ("[ 40%] ", "[3/10] ": make under cmake, ninja).
_TOOL_HEAD = re.compile(r"(-- )[A-Z]|\[\s*\d{1,3}%\] |\[\d+/\d+\] ")
# A token naming a thing with a version, a path or a requirement operator in it.
_NAMED_THING = re.compile(r"\w[-_.]\d|[/=<>@]")


def _is_repetitive_output(nonblank: list[str]) -> bool:
    """Program output (installer, build, test runner): short lines, few distinct openings.
    From 5 lines on: an excerpt (`pip install -v`'s steps, a cmake build of 17 lines) has its
    tool's repeated openings too (three lines of one opening at least, as in a long log)."""
    if len(nonblank) < _MIN_OUTPUT_LINES:
        return False
    if len(nonblank) < 20 and _is_config(nonblank):
        return False  # (a short file of settings, ``KEY_1=value1``: lines of one opening too)
    # Lines mostly short (the median: a build's compiler command lines run to 500+ chars
    # between short progress lines; prose with a paragraph per line has most lines long).
    if sorted(len(ln) for ln in nonblank)[len(nonblank) // 2] > 200:
        return False
    # Lines that end a sentence of 5+ words: items of release notes ("o LANG-1535: Add
    # StringUtils.containsAny(…). Thanks to Gary Gregory.") open alike, as output lines do,
    # but are prose; program output seldom ends a line so (at most 14 % in the log corpus).
    if sum(1 for ln in nonblank if _SENTENCE_END.search(ln) and ln.count(" ") >= 4) >= 0.4 * len(
        nonblank
    ):
        return False
    leads: dict[str, int] = {}
    # A line's opening words, and its first word with the brackets and quotes of the rest:
    # lines of one template whose second word is a name ("Inst libfoo [1.2] (1.3 Debian:12
    # [amd64])", "Conf libbar (…)") share the latter. Only a skeleton of 4+ brackets counts:
    # prose lines opening with the same word seldom share one.
    keys: list[tuple[str, str | None, str | None]] = []
    for ln in nonblank:
        m = _LEAD.match(ln)
        key = re.sub(r"\d+", "0", f"{m.group(1)} {m.group(2)}") if m else ln[:8]
        skeleton = _PUNCT.sub("", ln[m.end() :]) if m else ""
        shape = f"{m.group(1)} {skeleton}" if m and len(skeleton) >= 4 else None
        # The first word before a name with a version, path or operator in it
        # ("Collecting pyyaml>=5.1 (from x)", "Downloading pyyaml-6.0.4-cp311….whl"): a
        # tool's step naming a thing; prose's second words are words.
        words = ln.split(None, 2)
        named = (
            f"{words[0]} *"
            if len(words) > 1 and words[0].isalpha() and _NAMED_THING.search(words[1])
            else None
        )
        # A build tool's own line head: cmake's "-- Detecting …", make's "[ 40%] Building …",
        # ninja's "[3/10] …": the steps of one tool, whatever they say.
        head = _TOOL_HEAD.match(ln)
        if head:
            named = head.group(1) or "[#]"
        keys.append((key, shape, named))
        leads[key] = leads.get(key, 0) + 1
        for alt in (shape, named):
            if alt:
                leads[alt] = leads.get(alt, 0) + 1
    shared = sum(
        1
        for key, shape, named in keys
        if leads[key] >= 3
        or (shape is not None and leads[shape] >= 3)
        or (named is not None and leads[named] >= 3)
    )
    # Sentences rarely end program output lines; wrapped prose lines often do not either,
    # but their openings differ line to line.
    return shared >= 0.6 * len(nonblank)


# Lines from which a text's repeated openings can say it is program output.
_MIN_OUTPUT_LINES = 5


# A line of a shell script, Makefile, Dockerfile or INI/TOML/YAML/.conf file.
_CONFIG_LINE = re.compile(
    r"\t[^\s*]"  # a Makefile recipe (not a GNU ChangeLog's "\t* file (name): …")
    r"|\s*+(?:[#;]"  # a comment (";" in INI)
    r"|\[[^\]]{1,80}\]\s*$"  # [section], [[table]]
    r"|[\w.$(){}/-]+\s*[?:+!]?=(?!=)"  # key = value, KEY=value, VAR := value
    r"|(?:-\s+)?[\w.\"'/$()-]+::?(?:\s|$)"  # key: value, - key: value, target: prerequisites
    r"|-\s+\S+$"  # - item
    r"|[\"'{\[].*,\s*$|[\]}],?\s*$"  # items of an array or table over several lines
    r"|(?:FROM|RUN|COPY|ADD|ENV|ARG|WORKDIR|CMD|ENTRYPOINT|EXPOSE|LABEL|USER|VOLUME)\s"
    r"|(?:if|then|else|elif|for|while|until|do|case|local|export|readonly|return|set|unset"
    r"|shift|exit|eval|exec|trap|echo|printf|test|cd|die)\s"
    r"|(?:fi|done|esac|then|do|else|;;)\s*$"
    r"|-?include\s|(?:ifn?def|ifn?eq|endif|else|define|endef|override|vpath)\b|![A-Za-z]+\b"
    r"|\$\("  # Makefile: includes, conditionals; nmake's !IF
    r"|[\w-]+\s*\(\)"  # a shell function
    r"|[\w|*-]+\)\s*$"  # a case label
    r")"
)
# How a continued line or a block's edge ends.
_CONFIG_ENDS = ("\\", ";;", "&&", "||", "{")


def _is_config(nonblank: list[str]) -> bool:
    """A shell script, Makefile, Dockerfile or configuration file: lines of settings and
    commands, sentences only in comments. Sentence selection would drop its lines (a whole
    shell function, a Makefile rule) as prose; its "# comment" lines are no headings."""
    if len(nonblank) < 8:
        return False
    # Stops at the first line too many that is not of those shapes, or is a sentence (also
    # "January: the team met. …", a paragraph, not a setting).
    misses, sentences = 0.25 * len(nonblank), 0.05 * len(nonblank)
    for ln in nonblank:
        end = ln.rstrip()
        if end.lstrip()[:1] not in "#;" and _SENTENCE_END.search(end) and end.count(" ") >= 4:
            sentences -= 1
            misses -= 1
        elif not (_CONFIG_LINE.match(end) or end.endswith(_CONFIG_ENDS)):
            misses -= 1
        if misses < 0 or sentences < 0:
            return False
    return True


_UNDERLINE = re.compile(r"^ {0,3}([=\-~^\"'`#*+<>:_.])\1{2,}\s*$")


_ATX = re.compile(r"#{1,6} \S")


def _underlined_headings(lines: list[str], at_least: int = 2) -> bool:
    """Section titles, Markdown ``## Title`` or setext/RST (a text line over a line of one
    repeated punctuation character at least as long): a document's structure, which program
    output does not have. (A
    towncrier changelog's items open alike, "- `#556 <https://…>`_:", as output lines do.)"""
    # Distinct ones: a line repeated verbatim ("# import config" all through `go build -x`)
    # is a comment in program output, not a section title.
    if len({ln.rstrip() for ln in lines if _ATX.match(ln)}) >= 2 * at_least - 1:
        return True  # "## Section" headings
    found = 0
    for a, b in itertools.pairwise(lines):
        text = a.strip()
        if text and not _UNDERLINE.match(a) and _UNDERLINE.match(b) and len(b.strip()) >= len(text):
            found += 1
            if found >= at_least:
                return True
    return False


def _without_shared_tabs(lines: list[str]) -> list[str]:
    """``lines`` less the tabs every non-blank one opens with: indentation (a tab-indented
    JSON or code fragment), not an empty first column a table would have in every row."""
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank or not all(ln.startswith("\t") for ln in nonblank):
        return lines
    shared = min(len(ln) - len(ln.lstrip("\t")) for ln in nonblank)
    return [ln[shared:] if ln.strip() else ln for ln in lines]


# --- json ---------------------------------------------------------------------------------


def _json_kind(text: str, lines: list[str]) -> str | None:
    s = text.lstrip()
    if not s or s[0] not in "[{":
        return None
    try:
        json.loads(text)
        return "json"
    except RecursionError:
        return None  # nested too deep to read as JSON: text
    except ValueError as exc:
        # A first value read whole, more after it: maybe values one after another.
        more = isinstance(exc, json.JSONDecodeError) and exc.msg == "Extra data"
    if _ndjson_lines(lines):
        return "ndjson"
    # Values pretty-printed one after another (`jq .`, `go list -json`), or NDJSON whose
    # lines outrun the sample: read whole to count (a last one may be cut short).
    return "ndjson" if more and is_json_stream(text) else None


def _ndjson_lines(lines: list[str]) -> bool:
    """NDJSON: every non-blank sampled line is a JSON object or array on its own."""
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 2:
        return False
    dec = json.JSONDecoder()
    for i, ln in enumerate(nonblank[:50]):
        st = ln.strip()
        try:
            if st[0] not in "[{" or dec.raw_decode(st)[1] != len(st):
                return False
        except ValueError:
            # The text's last line, cut (a truncated output), after lines that are JSON.
            return 2 <= i == len(nonblank) - 1
    return True


# --- markdown / mixed ---------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(```+|~~~+)", re.MULTILINE)
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}\s+\S", re.MULTILINE)


def _sample_lines(text: str) -> list[str]:
    head = text[:40000].split("\n")[:400]
    if len(text) > 40000:
        head += text[-4000:].split("\n")[1:]
    return head


# --- kinds with a shape of their own --------------------------------------------------------

# Control characters other than tab, line feed, carriage return, form feed and escape.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f\ufffd]")


def _is_binary(text: str) -> bool:
    """Undecodable or binary content: NUL bytes, or many control/replacement characters."""
    head = text[:8000]
    if "\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 20)


_DIFF_LINE = re.compile(
    r"^(?:diff --git |diff -\w|--- \S|\+\+\+ \S|@@@? -\d+(?:,\d+)? \+\d+(?:,\d+)? @@@?"
    r"|index [0-9a-f]{7,}\.\.[0-9a-f]{7,}|commit [0-9a-f]{40}\b)"
)


def _is_diff(lines: list[str]) -> bool:
    heads = sum(1 for ln in lines if _DIFF_LINE.match(ln))
    hunks = sum(1 for ln in lines if ln.startswith("@@"))
    return hunks >= 1 and heads >= 3


# A top-level statement of a Python module that no log, config or prose line opens with.
_PY_STATEMENT = re.compile(
    r"^(?:from\s+\.*[\w.]*\s+import\s|import\s+[\w.]+(?:\s+as\s+\w+)?\s*$"
    r"|(?:async\s+)?def\s+\w+\s*\(|class\s+\w+\s*[(:])",
    re.MULTILINE,
)


def _python_module(text: str) -> bool:
    """A module Python's own parser reads, with a top-level import, def or class: one whose
    lines are mostly data (a catalog dict, a table of names) is thin in the evidence
    :func:`code_language` counts, and the log, config or prose rules would take it (a config
    is returned unchanged, prose loses whole statements). Only asked where those rules would
    answer, so real code pays nothing; a text that is no Python fails at its first line."""
    if not _PY_STATEMENT.search(text, 0, 200_000):
        return False
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    defining = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return any(isinstance(node, defining) for node in tree.body)


def detect(text: str, special: bool = True) -> str:
    """Content type of ``text``: json, ndjson, csv, diff, search, a language, log, config,
    markdown, mixed, prose (or binary). ``special=False`` leaves out the kinds with a shape of
    their own (binary, csv, diff, search, …): what a text is when its own compressor could not
    read it."""
    lines = _sample_lines(text)
    if special and _is_binary(text):
        return "binary"
    if special and is_notebook(text):
        return "notebook"
    kind = _json_kind(text, lines)
    if kind == "ndjson" and not special:
        # Lines judged by a sample, which the NDJSON compressor could not all read (a line
        # further on is not JSON): lines of output.
        kind = None
    if kind:
        # (A JSON document whose strings hold HTML is JSON: HTML is looked for after it.)
        return "api" if special and kind == "json" and is_api(text) else kind
    if special and is_yaml_api(text):
        return "api"
    if special and is_html(text) and (html_document(text) or not _jsx_source(text, lines)):
        return "html"
    if special:
        if _is_diff(lines):
            return "diff"
        if is_test_output(lines, text[-4000:] if len(lines) >= 400 else ""):
            return "test_output"
        if is_search_output(lines) and not (
            _compiler_output(lines) and any(map(_GCC_CONTEXT.match, lines))
        ):
            # (gcc's "path:line:col:   required from …" lines read as grep's matches)
            return "search"
        if is_stack_trace(lines) and not _log_lines(lines, 0.2):
            # (A log with traces in it stays a log: its lines, not the frames, are the units.)
            return "stacktrace"
        if sniff_delimiter(_without_shared_tabs(lines)):
            return "csv"
    fences = len(_FENCE.findall(text, 0, 200_000))
    if fences >= 2:
        return "python" if _python_module(text) else "mixed"
    if _is_logs(lines) or _compiler_output(lines):
        return "python" if _python_module(text) else "log"
    lang = code_language(text, lines) or _minified_js(text)
    if not lang and _python_module(text):
        lang = "python"
    if lang:
        return lang
    changelog = is_changelog(lines)
    nonblank = [ln for ln in lines if ln.strip()]
    if not (changelog or _underlined_headings(lines)) and (
        _is_repetitive_output(nonblank) or _timestamped(lines) or _is_stanzas(lines)
    ):
        return "log"
    if not changelog and _is_config(nonblank):
        return "config"
    if _MD_HEADING.search(text, 0, 200_000) or re.search(
        r"^(?:[-*+] |\d+\. |={3,}\s*$|-{3,}\s*$)", text[:200_000], re.MULTILINE
    ):
        return "markdown"
    return "prose"
