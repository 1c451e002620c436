"""JSON and NDJSON: arrays of records rendered compactly, anomalies kept verbatim.

Output shape for an array of records (``$`` is the document root)::

    $.items: 500 records, 7 fields; constant in all: {"region":"eu-1","ok":true}
    columns: ["id","user","status","ms"]
    [1,"ann","done",12]
    [omitted 97 records #2-#98 (status: done×97; ms 3..88); id=o1]
    [99,"bob","error",15]
    ...

Rows are JSON arrays aligned with ``columns``; a record whose field set differs from the
columns is shown as a whole compact JSON object. Every record shown is the source record
exactly: ``{**constant, **dict(zip(columns, row))}`` (or the object itself). Kept records are
the first, the last, and every anomaly: rare field sets, rare categorical values, error-like
records and numeric outliers (median ± 6·MAD). Arrays small enough are shown in full
(lossless), with only the constant fields factored out. A long string most records hold in
a column (not all: then it is constant) may be said once after ``columns:``
(``usual values, written # in rows: {"source":"registry+…"}``); a row's bare ``#`` cell is
that value (no value is ever written so: a string ``#`` is written ``"#"``).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain, compress, pairwise, repeat, starmap
from operator import add, attrgetter, sub
from typing import Any

from transforms._omit import Omitter, consecutive_runs, plural
from transforms._rarity import (
    _CONTAINER,
    _JOINABLE,
    _NUMBER_TYPES,
    _NUMERIC,
    BLOB_ID,
    ID_LIKE,
    RARE_CHARS,
    VALUE_CHARS,
    Population,
    Scalar,
    WrittenNumber,
    _is_number,
    category_limit,
    describe_run,
    flatten,
    indexed_columns,
    list_columns,
    rare_limit,
    render_value,
    spread_names,
    value_key,
)
from transforms.tokens import raw_count

__all__ = [
    "MISSING",
    "USUAL",
    "USUAL_CELL",
    "Node",
    "cell",
    "compress_json",
    "compress_ndjson",
    "parse_row",
    "render_records",
]

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# Containers at depth <= this are walked with positions; deeper values are parsed whole.
_MAX_DEPTH = 4
# An array shown in full if its compact form is at most this many characters.
_LOSSLESS_CHARS = 1600
# ... and a list of scalars at most this many tokens (versions: 125 of them are 1,548 chars
# but 876 tokens, a digit or dot each).
_LOSSLESS_TOKENS = _LOSSLESS_CHARS // 4
# Minimum array length worth sampling.
_MIN_RECORDS = 8
# ... or, when their rows are longer than this, this many.
_MIN_SAMPLED, _FEW_RECORDS_CHARS = 4, 8000
# Rows of a table shown for holding a rare categorical value, at most (the rest are named).
_TABLE_RARE_ROWS = 12
_TABLE_OUTLIERS = 3
# Markers of table rows: smaller budgets for the values they list (rare values are named
# whatever the budget: ``always``).
_TABLE_FIELD_BUDGET, _TABLE_RUN_BUDGET = 100, 400
# Characters a record marker lists per field and in all (past them only the rare values, every
# category's values and the one-off texts): markers were two fifths of the JSON output, most
# of it common values a reader does not look for (a lockfile's homepages and funding URLs).
_FIELD_BUDGET, _RUN_BUDGET = 200, 500
# A table cell naming an error counts only up to this length (a status, not a sentence).
_TABLE_STATUS_CHARS = 24
# Nested strings name an error only up to this length (a licence, a status; not prose).
_NESTED_STATUS_CHARS = 80
# A position in a text (a diagnostic's line or column, a row, an offset): where, not how
# much; a far one is no anomaly (the markers give the range).
_POSITION_FIELD = re.compile(
    r"(?:^|[^a-z])(?:line|lineno|column|col|row|offset|pos|position)(?:no|_no|_number)?$",
    re.IGNORECASE,
)
# Levels of nested objects spread into dotted columns.
_STRUCT_LEVELS = 2
# The column holding each record's key, when the records are an object's members.
_KEY_COLUMN = "(key)"
# A key is named in a marker whole up to this length (a deep node_modules path); ids are kept.
_KEY_CHARS = 400
# The column of a pooled section of nested records holding each one's row (index or key).
_IN_COLUMN = "(in)"
# A numeric field with more distinct values than this is a measurement, not a category.
_NUMERIC_CATEGORIES = 8
# Share of a record array's characters its sample rows (shown for a rare value or as a
# category's first record) may take.
_SAMPLE_SHARE = 0.05
_SPACE = re.compile(r"\s")
# Records of more field sets than this have optional fields: a rare set is no anomaly.
_FEW_SHAPES = 4
# error|exception|fail|fatal|panic|timeout|timed out|traceback|denied|refused|invalid|critical
# |unavailable|abort|warn, in any case, as a word: after a character that is no lowercase
# letter or digit, or opening a hump of camel case (``ValueError``), and followed by no
# lowercase letter past a suffix (``errors``, ``failed``, ``warning``). So a package named
# ``thiserror`` or ``exceptiongroup`` names no error; ``LLVM-exception``, ``ECONNREFUSED``
# and ``trigger_error`` do. Written to open with a character class (the first letters; a
# lookbehind then says which one it was), which lets the regex engine skip to candidate
# characters: about twice as fast (it runs on every short string of every record).
_ERRORISH = re.compile(
    r"(?i:[acdefiprtuw])(?:(?<![a-z0-9].)|(?<=[A-Z]))"
    r"(?i:(?<=e)(?:rror|xception)|(?<=f)(?:ail|atal)|(?<=p)anic"
    r"|(?<=t)(?:imeout|imed out|raceback)|(?<=d)enied|(?<=r)efused|(?<=i)nvalid|(?<=c)ritical"
    r"|(?<=u)navailable|(?<=a)bort|(?<=w)arn)(?i:s|ed|ing|ings|ure|ures|ked)?(?![a-z])"
)
# The scalars a categorical column holds (see _anomalies).
_SCALAR_TYPES = frozenset((str, bool, type(None)))
# The types of values json and a table's cells give.
_JSON_TYPES = frozenset((str, bool, type(None), int, float, dict, list))
_STATUS_KEYS = {"status", "status_code", "statuscode", "code", "http_status"}
_LEVEL_KEYS = {"level", "severity", "levelname", "loglevel"}
_BAD_LEVELS = {"warn", "warning", "error", "err", "fatal", "critical", "alert", "emergency"}
_ERROR_KEYS = {"error", "errors", "exception", "err", "failure", "traceback", "stack", "stacktrace"}


# One encoder for every compact dump (json.dumps with options builds a new one each call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dump(value: Any) -> str:
    # Ints, null and booleans (most cells that are not bare strings) as the encoder writes
    # them, without running it (it builds its C encoder anew for every value).
    if type(value) is int:
        return repr(value)
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is WrittenNumber:  # (a table's "429.10": as it was written)
        return value.text
    return _ENCODER.encode(value)


@dataclass(slots=True)
class Node:
    """A JSON value with its span in the source text; children only for walked containers."""

    value: Any
    start: int
    end: int
    items: list[Node] | None = None  # array elements
    members: list[tuple[str, Node]] | None = field(default=None)  # object members
    key_starts: list[int] | None = None  # where each member's key starts


def _parse(text: str, idx: int, depth: int) -> Node:
    ch = text[idx] if idx < len(text) else ""
    if depth > _MAX_DEPTH or ch not in "[{":
        value, end = _DECODER.raw_decode(text, idx)
        return Node(value, idx, end)
    start = idx
    idx += 1
    if ch == "[":
        items: list[Node] = []
        idx = _WS.match(text, idx).end()  # type: ignore[union-attr]
        if text[idx] == "]":
            return Node([], start, idx + 1, items=items)
        while True:
            # Elements are decoded whole (C speed); _expand() walks one when needed.
            node = _parse(text, idx, _MAX_DEPTH + 1)
            items.append(node)
            idx = _WS.match(text, node.end).end()  # type: ignore[union-attr]
            if text[idx] == ",":
                idx = _WS.match(text, idx + 1).end()  # type: ignore[union-attr]
                continue
            if text[idx] == "]":
                return Node([n.value for n in items], start, idx + 1, items=items)
            raise ValueError(f"bad JSON array at {idx}")
    members: list[tuple[str, Node]] = []
    key_starts: list[int] = []
    idx = _WS.match(text, idx).end()  # type: ignore[union-attr]
    if text[idx] == "}":
        return Node({}, start, idx + 1, members=members, key_starts=key_starts)
    while True:
        key_starts.append(idx)
        key, idx = _DECODER.raw_decode(text, idx)
        if not isinstance(key, str):
            raise ValueError("bad JSON key")
        idx = _WS.match(text, idx).end()  # type: ignore[union-attr]
        if text[idx] != ":":
            raise ValueError(f"bad JSON object at {idx}")
        idx = _WS.match(text, idx + 1).end()  # type: ignore[union-attr]
        # Values are decoded whole (C speed), as array elements are; _expand() walks one when
        # needed (a map of thousands of records is not walked member by member).
        node = _parse(text, idx, _MAX_DEPTH + 1)
        members.append((key, node))
        idx = _WS.match(text, node.end).end()  # type: ignore[union-attr]
        if text[idx] == ",":
            idx = _WS.match(text, idx + 1).end()  # type: ignore[union-attr]
            continue
        if text[idx] == "}":
            value = dict((k, n.value) for k, n in members)
            return Node(value, start, idx + 1, members=members, key_starts=key_starts)
        raise ValueError(f"bad JSON object at {idx}")


def _expand(text: str, node: Node) -> Node:
    """``node`` with its children located, if it is a container decoded whole."""
    if node.items is None and node.members is None and isinstance(node.value, _CONTAINER):
        return _parse(text, node.start, 1)
    return node


def _nested_errorish(value: Any, longest: int, depth: int = 0) -> bool:
    """A string naming an error inside nested records or lists (a component's licences, a
    diagnostic's fix), a few levels down. A nested field naming a thing (a target ``panic``,
    ``tests/panic.rs``) names no error, as at the top level (``_errorish``)."""
    # (Loops, not any() over generators: every nested value of every record is looked at.)
    if depth > 3:
        return False
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str):
                if len(v) < longest and _names_error(v) and not _names_thing(k):
                    return True
            elif (
                isinstance(v, _CONTAINER)
                and not _names_thing(k)
                and _nested_errorish(v, longest, depth + 1)
            ):
                return True
        return False
    if isinstance(value, list):
        for v in value:
            if isinstance(v, str):
                if len(v) < longest and _names_error(v):
                    return True
            elif isinstance(v, _CONTAINER) and _nested_errorish(v, longest, depth + 1):
                return True
    return False


def _error_rows(
    records: list[dict[str, Any]], longest: int = 2000, columns: _Columns | None = None
) -> set[int]:
    """The error-like records while they are the exception (at most max(20, n/4)): when most
    are (a linter's report, every diagnostic of severity "error"), they are a group of their
    own, none an anomaly, and their rows are sampled like any other (templates, digests).
    ``columns``: the records' :func:`~transforms._rarity.indexed_columns`, if known."""
    if columns is None:
        errs = {i for i, r in enumerate(records) if _errorish(r, longest)}
    else:
        # A record is error-like when one of its cells is, and a cell's verdict is its
        # field's and its value's alone: each distinct value of a column tested once (a
        # table's rows repeat their values).
        errs = set()
        for k, (idx, vs) in columns.items():
            types = set(map(type, vs))
            if not types.isdisjoint(_CONTAINER):
                errs.update(i for i, v in zip(idx, vs, strict=True) if _errorish({k: v}, longest))
                continue
            # (1, 1.0 and True are one value to a set: by type and value where types mix)
            one_type = len(types) == 1
            typed = vs if one_type else zip(map(type, vs), vs, strict=True)
            bad = {tv for tv in set(typed) if _errorish({k: tv if one_type else tv[1]}, longest)}
            if bad:
                typed = vs if one_type else zip(map(type, vs), vs, strict=True)
                errs.update(i for i, tv in zip(idx, typed, strict=True) if tv in bad)
    return errs if len(errs) <= max(20, len(records) // 4) else set()


# Each field's record indices and values, in first-seen field order (``indexed_columns``).
_Columns = dict[str, tuple[Sequence[int], list[Any]]]


def _errorish(rec: dict[str, Any], longest: int = 2000) -> bool:
    """An error-like record: an error field set, a bad status or level, or a string (up to
    ``longest`` chars) naming an error."""
    for k, v in rec.items():
        error_key, status_key, level_key, ok_key = _key_roles(k)
        if error_key and v not in (None, "", [], {}, False, 0):
            return True
        if isinstance(v, str) and len(v) < longest and not _names_thing(k) and _names_error(v):
            return True
        if isinstance(v, _CONTAINER) and _nested_errorish(v, min(longest, _NESTED_STATUS_CHARS)):
            return True
        if status_key and _is_number(v) and 400 <= v < 600:
            return True
        if level_key and isinstance(v, str) and v.lower() in _BAD_LEVELS:
            return True
        if ok_key and v is False:
            return True
    return False


@lru_cache(maxsize=1 << 14)
def _names_error(value: str) -> bool:
    """``_ERRORISH`` found in ``value`` (records repeat their values: a status, an author, a
    table's dates; each is searched once)."""
    return _ERRORISH.search(value) is not None


# Fields naming a thing (a test target ``io_panic``, a file ``errors.rs``): an error word in
# them names what the thing is about, not a failure.
_NAME_KEYS = {"name", "id", "path", "file", "filename", "module", "package", "src_path"}


@lru_cache(maxsize=4096)
def _names_thing(key: str) -> bool:
    low = key.lower()
    return low in _NAME_KEYS or low.endswith(("_path", "_name", "_file"))


@lru_cache(maxsize=4096)
def _key_roles(key: str) -> tuple[bool, bool, bool, bool]:
    """Whether a field named ``key`` holds an error, a status, a level, an ok flag (records
    repeat their keys: worked out once per key)."""
    low = key.lower()
    return low in _ERROR_KEYS, low in _STATUS_KEYS, low in _LEVEL_KEYS, low in ("ok", "success")


# A quoted name inside a message ("Call to untyped function "get" in typed context"): the
# message's template is the value a marker counts, as the digits of a number are.
_QUOTED = re.compile(r'"[^"\n]{1,80}"|`[^`\n]{1,80}`|\'[\w.:/<>\[\]-]{1,60}\'')


@lru_cache(maxsize=1 << 16)
def _template(shape: str) -> str:
    return _QUOTED.sub(lambda m: f"{m.group(0)[0]}…{m.group(0)[0]}", shape)


def _message_key(k: tuple[str, Scalar]) -> tuple[str, Scalar]:
    """A :func:`value_key` with quoted names in a text (a value with spaces) masked too."""
    if k[0] == "str" and " " in str(k[1]):
        return ("str", _template(str(k[1])))
    return k


def _few_values(n: int) -> int:
    """Distinct values a field of ``n`` records may have and still be a category whose every
    value gets a record shown (its first, and every rare one); a wider categorical field's
    values are named in the markers of the runs that hide them (see ``_categorical``)."""
    return max(6, math.isqrt(n))


# A field naming the records: its values mostly distinct, single words of this median size.
_NAME_CHARS = 60


def _name_field(population: Population, columns: list[str]) -> str | None:
    """The first column naming each record (``name``): strings in nine records in ten, nine
    in ten of them distinct, short words (no spaces), neither URLs nor ids (hashes,
    timestamps, versions)."""
    n = len(population.units)
    for c in columns:
        # (How many units hold the column, from its counts, before its values are gathered.)
        counts = population.counts.get(c)
        if counts is None or sum(counts.values()) * 10 < 9 * n:
            continue
        values = [u[c] for u in population.units if c in u]
        if not all(isinstance(v, str) for v in values):
            continue
        if len(set(values)) * 10 < 9 * len(values):
            continue
        sample: list[str] = values[:: max(1, len(values) // 64)]  # type: ignore[assignment]
        if sorted(map(len, sample))[len(sample) // 2] > _NAME_CHARS:
            continue
        if any(" " in v or "://" in v or ID_LIKE.search(v) or v[:1].isdigit() for v in sample):
            continue
        return c
    return None


_VERSION = re.compile(r"v?\d+(?:\.\d+)+(?:[-+.]?[0-9A-Za-z.+-]*)?")


def _version_fields(population: Population, columns: list[str]) -> list[str]:
    """Columns of version strings (``1.2.0``, ``v5.3.2``, ``2.0.0-rc.1``) in nine records
    in ten."""
    n = len(population.units)
    out = []
    for c in columns:
        values = [u[c] for u in population.units if c in u]
        if len(values) * 10 < 9 * n:
            continue
        if all(isinstance(v, str) and _VERSION.fullmatch(v) for v in values):
            out.append(c)
    return out


def _categorical(population: Population, combos: bool = True) -> set[str]:
    """Fields of repeating, non-numeric values (at most ``max(24, 2·√n)`` of them): every one
    of their values is named by the markers that hide it. ``combos=False``: not a field of a
    list of records whose values are words (``funding.*.url``, ``a|b|c``): a combination of
    items is no category; rare ones are named (``describe_run(always=…)``), the rest within
    the budgets."""
    n = len(population.units)
    most = category_limit(n)
    # Distinct values as they are, not as templates (a message naming a function each time
    # is not a category, though its template is): collected in one pass over the units'
    # items, for the fields whose templates may be categories.
    exact: dict[str, set[Scalar]] = {}
    for name, c in population.counts.items():
        if len(c) > most or len(c) * 2 >= n or not any(k[0] == "str" for k in c):
            continue
        if not combos and ".*." in name and not any(_SPACE.search(str(k[1])) for k in c):
            continue
        exact[name] = set()
    if exact:
        for u in population.units:
            for name, v in u.items():
                if name in exact:
                    exact[name].add(v)
    return {name for name, vs in exact.items() if 2 <= len(vs) <= most and len(vs) * 2 < n}


def _anomalies(
    records: list[dict[str, Any]],
    population: Population | None = None,
    sizes: list[int] | None = None,
    table: bool = False,
    nested: Collection[str] = (),
    listed: Collection[str] = (),
    errors: set[int] | None = None,
    columns: _Columns | None = None,
) -> tuple[set[int], dict[int, str]]:
    """Indices of records worth keeping verbatim, with the reason for each. ``table``: rows
    of a table (CSV), whose rare categorical values are named in the markers past a bound
    of rows shown, and whose columns' values are named there too (no row per value).
    ``listed``: fields every marker lists whole (the records' name and version) and map
    columns (their entries, ``suggest.x``, included): a rare value of theirs is named, its
    record not shown for it. ``errors``: the error-like records (``_error_rows``), if known;
    ``columns``: the records' :func:`~transforms._rarity.indexed_columns`, if known."""
    n = len(records)
    why: dict[int, str] = {}
    # Records shown for a rare value, at most (in a small population every one-off value is
    # "rare": a quarter of the records at most, the markers name the rest).
    rare_bound = min(max(24, n // 25), max(4, n // 4))
    # Rows shown as samples (for a rare value, a category's first record) take at most a
    # share of the rows' characters: a package of a lockfile, 1,500 chars, is no sample worth
    # its cost in a population of 18, where every one-off value is "rare"; the markers name
    # the values of the rest (a few tokens each). A text (a message, a hint: a value with
    # spaces) found more than once, which a marker may list by its template or cut, is shown
    # whatever the share (a one-off text is named as it is: ``describe_run(texts=…)``).
    room = sum(sizes) * _SAMPLE_SHARE if sizes and not table else math.inf

    def repeated_text(name: str, value: Any) -> bool:
        if not (isinstance(value, str) and _SPACE.search(value)):
            return False
        counts = population.counts.get(name) if population is not None else None
        return not counts or counts[value_key(value)] > 1

    def sample(i: int, what: str, name: str, value: Any) -> None:
        """Show record ``i`` for its ``value`` of field ``name`` (reason ``what name``)."""
        nonlocal room
        if i in why:
            return
        if sizes and not table and not repeated_text(name, value):
            if sizes[i] > room:
                return
            room -= sizes[i]
        why[i] = f"{what} {name}"

    if population is not None and listed:
        unlisted = {
            k: c
            for k, c in population.counts.items()
            if k not in listed and k.split(".", 1)[0] not in listed
        }
        population = Population(population.units, unlisted, population.key)
    if population is not None:
        # The retention contract (transforms/_rarity.py): a record holding a value rare for
        # its field (nested fields included) is shown, up to a bound; past it, the markers
        # of the runs that hide them name rare values first. A record much bigger than the
        # typical one costs more than naming its rare value in a marker: it is not shown.
        big = 2 * sorted(sizes)[len(sizes) // 2] + 200 if sizes else None
        if table:
            # Rows of a table: the rarest values' rows first, a bounded number of them.
            found = {
                i: name
                for i, name in population.rare_units().items()
                if not ID_LIKE.search(str(population.units[i][name]))
            }
            order = sorted(
                found,
                key=lambda i: population.counts[found[i]][value_key(population.units[i][found[i]])],
            )
            rare = {i: found[i] for i in sorted(order[:_TABLE_RARE_ROWS])}
        else:
            # Categories are fields of few values (a numeric one: fewer still, else they are
            # measurements: columns, sizes); the values of wider ones are named in markers.
            rare = population.rare_units(
                max_units=rare_bound,
                max_distinct=_few_values(n),
                max_distinct_numbers=_NUMERIC_CATEGORIES,
            )
        for i, name in rare.items():
            if ".*." in name and "|" in str(population.units[i][name]):
                continue  # a rare combination of list items ("docs|vcs"): named in markers
            if big is None or sizes is None or sizes[i] <= big:
                sample(i, "rare", name, population.units[i][name])
    if columns is None:
        columns = indexed_columns(records)
    # (A table's rows holding every column, as most do, are of one field set: none is rare.)
    if not (table and all(len(idx) == n for idx, _ in columns.values())):
        for i in _odd_field_sets(records, nested):
            why.setdefault(i, "rare field set")
    # Error-like records are anomalies while they are a minority; when they are a large
    # share they are a group of their own and are sampled like any other group.
    # In a table, a word like "fix error" inside a free-text cell (a commit subject, a
    # description) does not make the row an error: only short cells (a status, a result).
    if errors is None:
        errors = _error_rows(records, _TABLE_STATUS_CHARS if table else 2000, columns)
    for i in sorted(errors):
        why.setdefault(i, "error-like")
    for key, (idx, vals) in columns.items():
        # (values tested one by one only in a column of several kinds)
        types = set(map(type, vals))
        if types <= _SCALAR_TYPES:
            s_idx, values = idx, vals
        elif types.isdisjoint(_SCALAR_TYPES):
            s_idx, values = [], []
        else:
            scalar = (
                list(map(_SCALAR_TYPES.__contains__, map(type, vals)))
                if types <= _JSON_TYPES  # (exact types: isinstance says the same)
                else [isinstance(v, str | bool) or v is None for v in vals]
            )
            s_idx, values = list(compress(idx, scalar)), list(compress(vals, scalar))
        if len(values) >= max(8, len(vals) // 2) and key not in listed:
            # Values by type and value (1, 1.0 and True are one dict key) where types mix.
            one_type = len(types if values is vals else set(map(type, values))) == 1
            typed = values if one_type else list(zip(map(type, values), values, strict=True))
            counts = Counter(typed)
            # Categorical: few distinct values, most of them repeated. Every value is shown
            # at least once (its first record); rare values in every record that has them.
            wide = not table and len(counts) > _few_values(n)  # named in markers instead
            most = category_limit(n)
            if 1 < len(counts) <= most and len(counts) * 2 < n and not wide:
                limit = max(1, n // 50)
                if table:
                    # A table's rows of rare values, in order, up to its bound of rows.
                    rare_values = {tv for tv, c in counts.items() if c <= limit}
                    if rare_values and len(why) < _TABLE_RARE_ROWS:
                        for i, v, tv in zip(s_idx, values, typed, strict=True):
                            if tv in rare_values:
                                if len(why) >= _TABLE_RARE_ROWS:
                                    break
                                sample(i, "rare", key, v)
                else:
                    # A field naming a thing (a diagnostic's file) says where, not what kind:
                    # its first records show nothing the markers, which name every file, do
                    # not, and each one cut the runs, whose markers then listed the same codes
                    # again.
                    where = _names_thing(key)
                    first: set[Any] = set()
                    for i, v, tv in zip(s_idx, values, typed, strict=True):
                        if counts[tv] <= limit:
                            if i in why or len(why) < rare_bound:
                                sample(i, "rare", key, v)
                        elif tv not in first and key not in nested and not where:
                            sample(i, "first", key, v)
                        first.add(tv)
            elif 1 < len(counts) <= most and len(counts) * 2 < n:
                # A wide category's values are named in markers, but one too long for a
                # marker (a list of authors) would be cut there: its first record is shown.
                seen: set[str] = set()
                for i, v in zip(s_idx, values, strict=True):
                    if isinstance(v, str) and len(v) > RARE_CHARS and v not in seen:
                        seen.add(v)
                        why.setdefault(i, f"long {key}")
        if not any(issubclass(t, _NUMERIC) for t in types):
            continue
        tally = population.counts.get(key) if table and population is not None else None
        for i in _outliers(key, idx, vals, types, n, table, tally):
            why.setdefault(i, f"outlier {key}")
    return set(why), why


def _outliers(
    key: str,
    idx: Sequence[int],
    vals: list[Any],
    types: set[type],
    n: int,
    table: bool,
    tally: Counter[tuple[str, Scalar]] | None = None,
) -> list[int]:
    """The indices of the far values of column ``key`` (``idx``: the records holding it,
    ``vals``: their values, of ``types``; ``n`` records), in the order ``_anomalies`` shows
    them: beyond median ± 6·MAD (in a table, the farthest few), or the few that differ
    where nearly all are the median. ``tally``: the column's counts (a population's, by
    :func:`~transforms._rarity.value_key`), if known, for a table's column of numbers."""
    out: list[int] = []
    xs: list[float] | None = None
    xs_in: list[float] | None = None
    n_idx: Sequence[int] = idx
    pairs: list[tuple[float, int]] = []
    if tally is not None and types <= _NUMBER_TYPES and tally.total() == len(vals):
        # A table's column of numbers: its distinct values (counted in the population)
        # sorted and repeated, not each cell converted and sorted; cells are looked at
        # again only for the values found far.
        pairs = [(float(v), m) for (_, v), m in tally.items()]  # type: ignore[arg-type]
        if not all(math.isfinite(x) for x, _ in pairs):
            pairs = [(x, m) for x, m in pairs if math.isfinite(x)]
        pairs.sort()
        xs = list(chain.from_iterable(starmap(repeat, pairs)))
    elif types <= _NUMBER_TYPES:
        # (exact types: no bool; a float of each, finite ones only, as _is_number says)
        xs_in = list(map(float, vals))
        if not all(map(math.isfinite, xs_in)):
            finite = list(map(math.isfinite, xs_in))
            n_idx, xs_in = list(compress(idx, finite)), list(compress(xs_in, finite))
    elif types <= _JSON_TYPES:
        # (exact types: a number is an int or a float, bools apart; finite ones only)
        number = list(map(_NUMBER_TYPES.__contains__, map(type, vals)))
        n_idx, xs_in = list(compress(idx, number)), list(map(float, compress(vals, number)))
        if not all(map(math.isfinite, xs_in)):
            finite = list(map(math.isfinite, xs_in))
            n_idx, xs_in = list(compress(n_idx, finite)), list(compress(xs_in, finite))
    else:
        nums = [(i, float(v)) for i, v in zip(idx, vals, strict=True) if _is_number(v)]
        n_idx, xs_in = [i for i, _ in nums], [x for _, x in nums]
    many = len(xs) if xs_in is None else len(xs_in)  # type: ignore[arg-type]
    if many >= 8 and not (not table and _POSITION_FIELD.search(key)):
        if xs is None:
            xs = sorted(xs_in)  # type: ignore[arg-type]
        med = xs[len(xs) // 2]
        mad = _deviation(xs, med, len(xs) // 2)
        if mad > 0:
            far = []
            if _deviation(xs, med, len(xs) - 1) > 6 * 1.4826 * mad:
                # (none is far unless the farthest is)
                # Candidates picked at C speed: beyond the bound, and in a table (which
                # shows the farthest few) at least as far as the third farthest value.
                bound = (
                    _deviation(xs, med, len(xs) - _TABLE_OUTLIERS)
                    if table and len(xs) >= _TABLE_OUTLIERS
                    else 0.0
                )
                far_enough = bound.__le__ if bound > 6 * 1.4826 * mad else (6 * 1.4826 * mad).__lt__
                if xs_in is None:
                    # (the far distinct values first; then the cells holding them)
                    distant = {
                        x
                        for x, _ in pairs
                        if far_enough(abs(x - med)) and abs(x - med) > 6 * 1.4826 * mad
                    }
                    if distant:
                        cells = list(map(float, vals))
                        picked = map(distant.__contains__, cells)
                        far = [
                            (abs(x - med), i)
                            for i, x in compress(zip(idx, cells, strict=True), picked)
                        ]
                else:
                    picked = map(far_enough, map(abs, map(sub, xs_in, repeat(med))))
                    far = [
                        (abs(x - med), i)
                        for i, x in compress(zip(n_idx, xs_in, strict=True), picked)
                        if abs(x - med) > 6 * 1.4826 * mad
                    ]
            if table:
                # A table's column range is in its head and each marker gives its run's
                # range: the most extreme few rows are shown, not every heavy-tail row.
                far = sorted(far, reverse=True)[:_TABLE_OUTLIERS]
            out.extend(i for _, i in far)
        # (how many differ from the median, counted in the sorted values first)
        elif len(xs) - (bisect_right(xs, med) - bisect_left(xs, med)) <= max(1, n // 50):
            if xs_in is None:
                n_idx, xs_in = idx, list(map(float, vals))
            for i, x in zip(n_idx, xs_in, strict=True):
                if x != med and math.isfinite(x):
                    out.append(i)
    return out


def _odd_field_sets(records: list[dict[str, Any]], nested: Collection[str]) -> list[int]:
    """The records of a rare field set (a dotted column counting as the field it was spread
    from, see ``_anomalies``), or lacking a field nearly all have where optional fields
    combine freely."""
    n = len(records)
    field_sets = (
        [tuple(dict.fromkeys(k.split(".", 1)[0] if k in nested else k for k in r)) for r in records]
        if nested
        else list(map(tuple, records))
    )
    shapes = Counter(field_sets)
    rare_shape = max(1, n // 20)
    rare_sets = {shape for shape, c in shapes.items() if c <= rare_shape}
    odd_shape = [i for i, shape in enumerate(field_sets) if shape in rare_sets] if rare_sets else []
    if len(odd_shape) > max(24, n // 25) or len(shapes) > _FEW_SHAPES:
        # Optional fields in many combinations (a lockfile's packages: dev, peer, engines,
        # bin...): a rare combination is no anomaly. A record lacking a field nearly all
        # have is; the first record holding each field is shown anyway (see the caller).
        held: Counter[str] = Counter()
        for shape in field_sets:
            held.update(shape)
        usual = {k for k, c in held.items() if c >= 0.95 * n}
        odd_shape = [i for i, shape in enumerate(field_sets) if not usual.issubset(shape)]
        odd_shape = odd_shape if len(odd_shape) <= rare_shape else []
    return odd_shape if len(shapes) > 1 else []


def _deviation(xs: Sequence[float], med: float, k: int) -> float:
    """The ``k``-th smallest (from 0) of ``abs(x - med)`` over ``xs`` (sorted, ``med`` one
    of them), found without computing, let alone sorting, them all: below ``med`` the
    deviations grow as ``xs`` falls, from ``med`` on as it rises, two sorted runs. Of the
    ``k + 1`` smallest deviations, ``t`` come from the run below: the least ``t`` whose next
    one below is no smaller than the ``k - t``-th above, found by halving."""
    split = bisect_left(xs, med)

    def below(i: int) -> float:  # the i-th smallest deviation of the values below med
        return abs(xs[split - 1 - i] - med)

    def above(j: int) -> float:  # the j-th smallest of the values from med on
        return abs(xs[split + j] - med)

    lo, hi = max(0, k + 1 - (len(xs) - split)), min(k + 1, split)
    while lo < hi:
        t = (lo + hi) // 2
        if above(k - t) <= below(t):
            hi = t
        else:
            lo = t + 1
    taken = [below(lo - 1)] if lo > 0 else []
    if k - lo >= 0:
        taken.append(above(k - lo))
    return max(taken)


_BARE = re.compile(r"[^\s\",\[\]{}#][^\",\n\r\t]*")
_LITERAL = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")
# Digests and ids this long in a sample row are cut to their first chars.
_DIGEST_CHARS, _DIGEST_HEAD = 40, 12
# A row holding a run of digest characters as long as a digest (cheap test before _digests_cut).
_HAS_DIGEST = re.compile(r"[A-Za-z0-9+/_:=-]{40}")
_HEXID = re.compile(r"[0-9a-fA-F]{32,}")
# Strings longer than this inside a shown (sampled) record are cut, the rest marked; not a
# one-off text the record is shown for, up to the second length (a payload longer is cut).
_LONG_STRING = 240
# How deep records are read for rare values (``flatten``'s usual depth, 2, for the markers).
_DEEP = 6
_SPACED = re.compile(r"\s").search
_WHOLE_TEXT_CHARS = 1000
# An array of strings said to be an object's keys has at least this many; objects are looked
# for this deep (through objects only).
_KEYS_REF_ITEMS = 8
_MAX_KEYS_DEPTH = 8
_STRING_HEAD = 48
# Characters of rows of records nested in a first or last record shown whole, at most.
_WHOLE_NESTED_CHARS = 4000


# A column's usual value (see ``_usual_values``): its head line and its cell in rows, which
# no value is written as (a bare cell never starts with ``#``).
_USUAL_HEAD = "usual values, written # in rows: "
USUAL_CELL = "#"
_USUAL_CHARS = 16
_MIN_USUAL_ROWS = 4
_MAX_USUAL = 64
# Rows hold a private-use character per usual column until the rows shown are known (none
# is used where the document holds one).
_STAND_IN = 0xE000
_STAND_INS = re.compile("[\ue000-\uf8ff]")


def _under(name: str, fields: Collection[str]) -> bool:
    """Whether field ``name`` (``flatten``'s dotted name) is one of ``fields`` or inside one:
    a column's name may hold a dot itself (``spec.securityContext``, spread from ``spec``)."""
    at = name.find(".")
    while at >= 0:
        if name[:at] in fields:
            return True
        at = name.find(".", at + 1)
    return name in fields


def cell(value: Any) -> str:
    """One value in a row: bare when unambiguous, JSON otherwise."""
    if (
        isinstance(value, str)
        and _BARE.fullmatch(value)
        and not _LITERAL.fullmatch(value)
        and value == value.strip()
    ):
        return value
    return _dump(value)


def parse_row(line: str) -> list[Any]:
    """Inverse of the row rendering (used by tests and consumers): cells, MISSING for empty."""
    out: list[Any] = []
    idx = 0
    n = len(line)
    while True:
        if idx < n and line[idx] in '"[{':
            value, idx = _DECODER.raw_decode(line, idx)
            out.append(value)
        else:
            end = line.find(",", idx)
            end = n if end < 0 else end
            raw = line[idx:end]
            if raw == "":
                out.append(MISSING)
            elif raw == USUAL_CELL:
                out.append(USUAL)
            elif _LITERAL.fullmatch(raw):
                out.append(json.loads(raw))
            else:
                out.append(raw)
            idx = end
        if idx >= n:
            return out
        if line[idx] != ",":
            raise ValueError(f"bad row at {idx}: {line!r}")
        idx += 1
        if idx == n:
            out.append(MISSING)
            return out


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _Usual:
    """A row's cell written ``#``: the column's usual value (said after ``columns:``)."""

    def __repr__(self) -> str:
        return "USUAL"


USUAL: Any = _Usual()


def _digests_cut(text: str, node: Node, omitter: Omitter, base: int) -> Any:
    """The value of ``node`` with each digest or id string of ``_DIGEST_CHARS`` or more (a
    hash, an integrity checksum) cut to its first chars and a marker."""
    node = _expand(text, node)
    v = node.value
    if isinstance(v, str):
        if len(v) >= _DIGEST_CHARS and (_HEXID.search(v) or BLOB_ID.fullmatch(v)):
            head = v[:_DIGEST_HEAD]
            desc = f"{len(v) - len(head)} more chars of a digest"
            if omitter.pays(v[len(head) :], desc):
                span = [(base + node.start, base + node.end)]
                return head + "… " + omitter.mark("string", span, len(v), desc)
        return v
    if node.items is not None:
        return [_digests_cut(text, it, omitter, base) for it in node.items]
    if node.members is not None:
        return {k: _digests_cut(text, m, omitter, base) for k, m in node.members}
    return v


# A map (a package's requirements: name -> version range) in a sample row is named by its
# keys behind a marker when its JSON is longer than this.
_SAMPLE_MAP_CHARS = 160


def _sample_map(text: str, node: Node, omitter: Omitter, base: int) -> Any:
    """The value of a map column in a sample row: whole when short, else a marker naming
    every key (names: a package's requirements), the values as ranges (``_RANGE``) or
    by shape."""
    node = _expand(text, node)
    value = node.value
    dumped = _dump(value)
    if len(dumped) <= _SAMPLE_MAP_CHARS or node.members is None:
        return _digests_cut(text, node, omitter, base)
    keys = list(value)
    vals = list(value.values())
    desc = f"{plural(len(keys), 'member')}: {', '.join(render_value(k, RARE_CHARS) for k in keys)}"
    if all(isinstance(v, str) and _RANGE.match(v) for v in vals):
        desc += " (version ranges)"
    elif all(isinstance(v, str | int | float | bool) or v is None for v in vals):
        desc += f" (values: {_scalars_summary(vals, vals, budget=120)})"
    if not omitter.pays(dumped, desc):
        return _digests_cut(text, node, omitter, base)
    return omitter.mark("members", [(base + node.start, base + node.end)], len(keys), desc)


def _string_head(v: str) -> str:
    """The head of a long string kept before its marker: its first words (up to
    ``_STRING_HEAD`` chars, cut after a word unless that leaves less than half)."""
    head = v[:_STRING_HEAD]
    cut = head.rfind(" ")
    if v[_STRING_HEAD : _STRING_HEAD + 1] not in ("", " ") and cut > _STRING_HEAD // 2:
        head = head[:cut]
    return head.rstrip(" ,;:(")


def _shown(text: str, node: Node, omitter: Omitter, base: int) -> Any:
    """The value of ``node`` with very long strings cut and marked (for sampled rows)."""
    node = _expand(text, node)
    v = node.value
    if isinstance(v, str):
        if len(v) > _LONG_STRING:
            head = _string_head(v)
            marker = omitter.mark(
                "string",
                [(base + node.start, base + node.end)],
                len(v),
                f"{len(v) - len(head)} more chars",
            )
            return head + "… " + marker
        return v
    if node.items is not None:
        return [_shown(text, it, omitter, base) for it in node.items]
    if node.members is not None:
        return {k: _shown(text, m, omitter, base) for k, m in node.members}
    return v


def _render_records(
    text: str,
    path: str,
    node: Node,
    records: list[dict[str, Any]],
    omitter: Omitter,
    base: int,
    also_keep: Iterable[int] = (),
    head_lines: Iterable[str] = (),
    table: bool = False,
    walker: _Walker | None = None,
    map_values: list[Node] | None = None,
    table_columns: _Columns | None = None,
    grouped: bool = False,
    in_once: bool = False,
) -> str:
    """``records`` (the values of ``node.items``) as ``columns:`` and rows; ``also_keep`` names
    records shown whatever the anomaly rules say (other kinds' own must-keeps), ``head_lines``
    follow the ``columns:`` line (a table's column ranges), ``table`` (CSV rows) bounds the
    rows shown for rare values (see :func:`_anomalies`). With a ``walker`` (a JSON document),
    a long row's big nested arrays get sections of their own, as in the document's skeleton
    (nested records as rows, not objects repeating every key). ``map_values``: the records
    are an object's members (each with its key in column ``(key)``), ``node.items`` spans
    the members (key included) and these are their value nodes. ``table_columns``: a
    table's :func:`~transforms._rarity.indexed_columns`, when its reader has them.
    ``grouped``: the records are several arrays' back to back, each record's key in column
    ``(in)`` and each array's first and last in ``also_keep``: a marker hides records of one
    array, and says what is rare in that array. ``in_once``: records of several arrays each
    with its array's key (or index) in column ``(in)``, each array's first record in
    ``also_keep``: only that row writes the key (``_IN_HEAD``)."""
    assert node.items is not None
    n = len(records)
    # Small objects of the same fields in every record (a location, a stats block) become
    # dotted columns ("stats64.rx.bytes"): their keys are said once, in the columns line.
    nested: list[dict[str, list[str]]] = []
    if not table and not any(not k or "." in k for r in records for k in r):
        for _ in range(_STRUCT_LEVELS):
            struct = _struct_columns(records)
            if not struct:
                break
            nested.append(struct)
            records = [_dotted(r, struct) for r in records]
    # Lists of records that repeat records of this run (a class's ``methods`` in a radon
    # report: the run's own method records): each written ``<#3-#10 #12>``, by number.
    copies = {} if table or walker is None or n < 3 else _copied_columns(records)
    if copies:
        records = [
            {
                c: v if (ref := copies[c][k] if c in copies else None) is None else ref
                for c, v in r.items()
            }
            for k, r in enumerate(records)
        ]
    # Each field's record indices and values (a table's from its reader), gathered once.
    by_column = table_columns or indexed_columns(records)
    # Constant fields: same value in every record.
    first = records[0]
    constant: dict[str, Any] = {}
    for k, v in first.items():
        if isinstance(v, _CONTAINER):
            dv = _dump(v)
            same = all(k in r and _dump(r[k]) == dv for r in records)
        else:
            t = type(v)
            same = all(k in r and type(r[k]) is t and r[k] == v for r in records)
        if same:
            constant[k] = v
    columns = [k for k in by_column if k not in constant]
    # Columns built from others in every record (a lockfile's dist.reference, the same hash
    # as source.reference; a URL holding the name): their template said once.
    derived = {} if table or n < _MIN_RECORDS else _derived_columns(records, columns)
    if derived:
        columns = [c for c in columns if c not in derived]
    # A long string most records hold in a column (a dependency's crates.io source, null in
    # path dependencies): said once after ``columns:``, rows holding it write ``#`` (no
    # value is ever written so: a bare cell never starts with ``#``).
    # Rows hold a stand-in (a private-use character per column) until the rows shown are
    # known: ``finish`` keeps the columns whose ``#`` cells save more than their head costs.
    usual = (
        {}
        if table
        or n < _MIN_RECORDS
        or (
            walker.holds_stand_ins
            if walker is not None
            else not text.isascii() and bool(_STAND_INS.search(text))
        )
        else _usual_values(records, columns)
    )
    stand_in = {c: chr(_STAND_IN + i) for i, c in enumerate(usual)}
    # A string most records build from their other columns (an SBOM's purl
    # ``pkg:cargo/{name}@{version}``, a rule's docs URL ending in its name): its template said
    # once, rows it fits write ``#``. The first and last rows (and those shown whole: records
    # nested in them) write every value as it is, an example of each template.
    templates = (
        {}
        if table or n < _MIN_RECORDS or walker is None or walker.whole > 0 or walker.holds_stand_ins
        else _usual_templates(records, [c for c in columns if c not in usual], columns)
    )
    opening = {c: chr(_STAND_IN + len(usual) + i) for i, c in enumerate(templates)}
    # A row's (in) cell saying the row above's key (``in_once``): wrapped until ``finish``,
    # which leaves it empty when that saves more than the head line costs.
    in_mark = (
        chr(_STAND_IN + len(usual) + len(templates))
        if in_once and walker is not None and not walker.holds_stand_ins
        else ""
    )
    # Rows writing every value as it is (error-like rows join once they are known), and
    # values written as they are: those rare for their field (never only implied).
    as_is = {0, n - 1, *also_keep}
    rare_cells = {c: _rare_strings(records, c) for c in templates}
    # Each column's place in a row: a record fills the cells of its own fields, the others
    # stay empty (records holding few of many columns are not walked column by column).
    place = {c: p for p, c in enumerate(columns)}

    def row(values: dict[str, Any], k: int = -1) -> str:
        def one(c: str) -> str:
            v = values[c]
            if in_mark and c == _IN_COLUMN and k > 0 and records[k - 1].get(c) == v:
                return f"{in_mark}{cell(v)}{_CLOSING}"  # (the row above's: see _IN_HEAD)
            if c in usual and v == usual[c]:
                return stand_in[c]
            if (
                c in opening
                and k not in as_is
                and v not in rare_cells[c]
                and v == _fill(templates[c], values)
            ):
                return f"{opening[c]}{cell(v)}{_CLOSING}"
            return cell(v)

        cells = [""] * len(columns)
        for c in values:
            p = place.get(c)
            if p is not None:
                cells[p] = one(c)
        return ",".join(cells)

    def finish(lines: list[str]) -> str:
        """The output, each usual column's stand-ins written ``#`` (its value or template said
        once, after the head) when that counts fewer tokens than its cells written out."""
        body = "\n".join(lines[len(head) :])
        said_in: list[str] = []
        if in_mark and in_mark in body:
            in_span = re.compile(f"{in_mark}([^{_CLOSING}]*){_CLOSING}")
            elided = sum(map(raw_count, in_span.findall(body)))
            said_in = [_IN_HEAD] if elided > raw_count(_IN_HEAD) else []
            body = in_span.sub("" if said_in else r"\1", body)
        if not usual and not templates:
            return "\n".join([*head, *said_in, body] if len(lines) > len(head) else head)
        gain = {
            c: body.count(stand_in[c]) * (raw_count(cell(v)) - 1) - raw_count(_dump({c: v}))
            for c, v in usual.items()
        }
        said = {c: v for c, v in usual.items() if gain[c] > 0}
        if sum(gain[c] for c in said) <= raw_count(_USUAL_HEAD):
            said = {}
        for c, v in usual.items():
            body = body.replace(stand_in[c], USUAL_CELL if c in said else cell(v))
        extra = [*said_in, *([f"{_USUAL_HEAD}{_dump(said)}"] if said else [])]
        if templates:
            spans = {c: re.compile(f"{o}([^{_CLOSING}]*){_CLOSING}") for c, o in opening.items()}
            t_gain = {
                c: sum(raw_count(m) - 1 for m in spans[c].findall(body)) - raw_count(_dump({c: t}))
                for c, t in templates.items()
            }
            t_said = {c: t for c, t in templates.items() if t_gain[c] > 0}
            if sum(t_gain[c] for c in t_said) <= raw_count(_TEMPLATE_HEAD):
                t_said = {}
            for c in templates:
                body = spans[c].sub(USUAL_CELL if c in t_said else r"\1", body)
            if t_said:
                extra.append(f"{_TEMPLATE_HEAD}{_dump(t_said)}")
        return "\n".join([*head, *extra, body] if len(lines) > len(head) else [*head, *extra])

    samples: set[int] = set()  # rows shown as examples: their digests are cut (see below)
    errors: list[set[int]] = []

    def error_rows() -> set[int]:
        """The error-like records (``_error_rows``), found once."""
        if not errors:
            errs = _error_rows(records, columns=by_column)
            # (A list repeating error-like records makes its record error-like, as the
            # records themselves would have.)
            for refs in copies.values() if errs else ():
                errs.update(k for k, ref in enumerate(refs) if errs.intersection(_referenced(ref)))
            errors.append(errs)
        return errors[0]

    pooled: dict[str, str] = {}  # column -> reference to the section pooling its records

    def nested_records(k: int, c: str) -> bool:
        v = records[k].get(c)
        return isinstance(v, list) and bool(v) and all(isinstance(x, dict) and x for x in v)

    def pool(shown_rows: list[int]) -> None:
        """Records nested in a column of several shown rows (an interface's addresses) as
        one section, ``path[*].column``, each record's row in a first column ``(in)`` (its
        index, or its key): the fields are said once, not once per row. Only when that is
        shorter than the rows' lists; the nested records of the first and last rows are all
        shown."""
        if walker is None or table:
            return
        errorish = error_rows()
        by_col: dict[str, list[int]] = {}
        for k in shown_rows:
            for c in records[k]:
                # (A constant column's records are said once, in the head: not pooled again,
                # as every clean file's `usedDeprecatedRules` in an eslint report were.)
                if c != _KEY_COLUMN and c not in constant and nested_records(k, c):
                    by_col.setdefault(c, []).append(k)
        for c, ks in by_col.items():
            if len(ks) < 2 or any(_IN_COLUMN in x for k in ks for x in records[k][c]):
                continue
            items: list[Node] = []
            recs: list[dict[str, Any]] = []
            ends: list[int] = []
            members: list[Node] = []
            for k in ks:
                src = node.items[k] if map_values is None else map_values[k]  # type: ignore[index]
                got = dict(_expand(text, src).members or []).get(c)
                if got is None:
                    break  # a column spread from a nested object ("location.lines")
                members.append(_expand(text, got))
            if len(members) < len(ks):
                continue
            for k, member in zip(ks, members, strict=True):
                assert member.items is not None
                ref = k if map_values is None else records[k][_KEY_COLUMN]
                # The first, last and error-like rows' nested records are all shown (those
                # rows are shown whole); of the other rows' lists, the first and last record.
                at = range(len(items), len(items) + len(member.items))
                whole = k in (0, n - 1) or k in errorish
                ends.extend(at if whole else (at[0], at[-1]))
                for it in member.items:
                    items.append(it)
                    recs.append({_IN_COLUMN: ref, **it.value})
            sub = _path(f"{path}[*]", c)
            mark, slot = omitter.checkpoint(), len(walker.sections)
            walker.sections.append("")
            pooled_node = Node([it.value for it in items], node.start, node.end, items=items)
            walker.sections[slot] = _render_records(
                text,
                sub,
                pooled_node,
                recs,
                omitter,
                base,
                also_keep=ends,
                walker=walker,
                in_once=True,
            )
            # Tokens, not characters: a pooled row of addresses is denser than its JSON.
            pooled_text = "\n".join([*walker.sections[slot:], f"<99 in {sub}>" * len(ks)])
            inline = "\n".join(_dump(records[k][c]) for k in ks)
            if raw_count(pooled_text) < raw_count(inline):
                pooled[c] = f"<{sub}>"
            else:
                omitter.rollback(mark)
                del walker.sections[slot:]

    def pooled_row(k: int) -> bool:
        return any(nested_records(k, c) for c in pooled)

    def lifted(k: int) -> str:
        """Record ``k``'s row with long strings cut and (with a walker) big arrays moved to
        sections of their own; in a sample row (shown for a rare value, a field or a
        category's first record) digests and ids too, which say nothing there: the first and
        last rows and error-like ones show them whole."""
        if walker is None:
            shown = _shown(text, node.items[k], omitter, base)  # type: ignore[index]
        else:
            src = node.items[k] if map_values is None else map_values[k]  # type: ignore[index]
            rec = _expand(text, src)
            assert rec.members is not None
            at = _path(path, k if map_values is None else records[k][_KEY_COLUMN])
            ends = k in (0, n - 1)
            walker.whole += ends
            walker.rows += 1
            shown = {
                # The row's count of records in the pooled section: <36 in $[*].deps>
                key: f"<{len(records[k][key])} in {pooled[key][1:]}"
                if key in pooled and nested_records(k, key)
                else records[k][key]
                if key in copies
                else walker.skeleton(member, _path(at, key))
                for key, member in rec.members
            }
            walker.whole -= ends
            walker.rows -= 1
            if k in samples:
                for key, member in rec.members:
                    if key in maps and isinstance(member.value, dict):
                        shown[key] = _sample_map(text, member, omitter, base)
                    elif shown[key] is member.value:
                        shown[key] = _digests_cut(text, member, omitter, base)
            if map_values is not None:
                shown = {_KEY_COLUMN: records[k][_KEY_COLUMN], **shown}
            elif _IN_COLUMN in records[k] and _IN_COLUMN not in shown:
                # A pooled record's row (its source object has no such member).
                shown = {_IN_COLUMN: records[k][_IN_COLUMN], **shown}
        for struct in nested:
            shown = _dotted(shown, struct)
        return row({c: v for c, v in shown.items() if c not in constant}, k)

    fields = len(columns) + len(constant) + len(derived)
    by_key = "" if map_values is None else " by key"
    head = [f"{path}: {plural(n, 'record')}{by_key}, {plural(fields, 'field')}"]
    if constant:
        head[0] += f"; constant in all: {_dump(constant)}"
    if columns:
        head.append(f"columns: {','.join(cell(c) for c in columns)}")
        if derived:
            head.append(f"derived in all: {_dump(derived)}")
        if copies:
            head.append(f"{_COPIES_HEAD}{','.join(cell(c) for c in copies)}")
        head.extend(head_lines)
    if not columns:
        # Every field is constant: the records are identical and the head says it all.
        return head[0].replace("constant in all", "all identical")
    items = node.items
    if table:
        # A table's rows are rendered only when shown (sizes from the source lines, which
        # the rows render as nearly char for char).
        sizes = list(map(sub, map(attrgetter("end"), items), map(attrgetter("start"), items)))
        if sum(sizes) + n <= _LOSSLESS_CHARS or n < _MIN_RECORDS:
            return "\n".join(head + [row(r) for r in records])
        rows: list[str] = []
    else:
        rows = [row(r, k) for k, r in enumerate(records)]
        sizes = [len(x) for x in rows]
        chars = sum(x + 1 for x in sizes)
        # Records nested in a first or last record, which is shown whole, are all shown
        # while they are few (a package's own nested dependencies in a v1 lockfile).
        whole = walker is not None and walker.whole > 0 and chars <= _WHOLE_NESTED_CHARS
        # A few records are shown whole, unless they are big (a workspace's 7 packages of
        # 3,000 chars each: sampled like more records, the markers naming the rest).
        few = n < _MIN_RECORDS and (n < _MIN_SAMPLED or chars <= _FEW_RECORDS_CHARS)
        if chars <= _LOSSLESS_CHARS or few or whole:
            if templates:
                as_is.update(error_rows())
                rows = [row(r, k) for k, r in enumerate(records)]
            if walker is None:
                return finish(head + rows)
            pool(list(range(n)))
            return finish(
                head
                + [
                    lifted(k) if len(x) > _LONG_STRING or pooled_row(k) else x
                    for k, x in enumerate(rows)
                ]
            )
    # Varying fields (nested ones as "a.b"), for rarity and for what markers say they hide.
    # A column of objects keyed by names (a package's dependencies: name -> version) is a
    # map, not a record: its keys are each a field of one record or a few. Its version
    # ranges are left to shown rows; names (a package's binaries' paths) are named.
    maps = set() if table else _map_columns(records, columns)
    # (A keyed object's keys are the records' ids, all distinct: markers name every one.)
    hidden = constant if map_values is None else {**constant, _KEY_COLUMN: None}
    # A table whose every row holds every column: a run's columns are slices of these.
    row_columns: dict[str, list[Any]] | None = None
    deep_fields: set[str] = set()
    if table and "" not in by_column:
        # A table's cells are strings and numbers, which flatten keeps as they are: its
        # units are its rows without the constant columns, counted column by column.
        units = records
        if hidden:
            # (a constant column is in every row: copies without it, in the same order)
            units = list(map(dict.copy, records))
            for k in hidden:
                for u in units:
                    del u[k]
        unit_columns = {k: vs for k, (_, vs) in by_column.items() if k not in hidden}
        population = Population.of(units, columns=unit_columns)
        if all(len(idx) == n for idx, _ in by_column.values()):
            row_columns = unit_columns
    else:
        # Fields below flatten's usual depth (a pod's ``spec.containers.*.env.LEVEL``) are in
        # the population, so a rare value there is rare (its record shown, or named), but in
        # the markers only where rare (they describe the usual depth's fields, as before).
        units = [
            flatten(
                {k: v for k, v in r.items() if k not in hidden} if hidden else r,
                depth=_DEEP,
                deep=deep_fields,
            )
            for r in records
        ]
        if copies:
            # (A list of records of the run is said by its records: markers count them.)
            for u in units:
                for c in copies:
                    if isinstance(u.get(c), str):
                        u[c] = _COPIES_CELL
    if maps:
        # (each field's head looked up once, not once per unit)
        mapped = {k for k in set().union(*units) if k.split(".", 1)[0] in maps}
        units = [
            {
                k: v
                for k, v in u.items()
                if not (k in mapped and isinstance(v, str) and _RANGE.match(v))
            }
            for u in units
        ]
    if not table or "" in by_column:
        population = Population.of(units)
    dotted = {f"{c}.{k}" for struct in nested for c, ks in struct.items() for k in ks}
    named_fields: Collection[str] = () if table else _categorical(population, combos=False)
    listed: list[str] = []
    if not table and map_values is None:
        # The records' name (a package's, a target's) is what a reader looks for: every
        # marker lists those it hides, whatever the budgets (keyed maps list their keys).
        # So is its version (a version is no measurement there: ``v1.13.3`` is the one
        # package not on ``v5.3.#``).
        name_field = _name_field(population, columns)
        if name_field is not None:
            listed = [name_field, *_version_fields(population, columns)]
            named_fields = {*named_fields, *listed}
        # A map column's entries are named in the markers (a package's ``suggest``, whose
        # keys are data): a rare one shows no record.
        listed.extend(maps)
    keep, _ = _anomalies(
        records,
        population,
        sizes,
        table=table,
        nested=dotted,
        listed=listed,
        errors=None if table else error_rows(),
        columns=by_column,
    )
    # Markers count a message's template (its quoted names masked) as one value; which
    # records are shown is decided on the values as they are (above).
    described = population if table else population.remapped(_message_key)
    # A run's place is its first position field's range (a diagnostic's line); the others
    # (column, end line, end column) say little more in a marker.
    marker_fields: list[str] | None = None
    if not table:
        positions = [name for name in population.counts if _POSITION_FIELD.search(name)]
        if len(positions) > 1:
            # The start line (or row) before any column or end position.
            best = min(
                positions,
                key=lambda f: ("end" in f.lower(), re.search("line|row", f, re.I) is None),
            )
            marker_fields = [f for f in population.counts if f == best or f not in positions]
    keep.update((0, n - 1))
    keep.update(also_keep)
    if copies:
        # The records a first or last row's lists repeat are shown (that row is whole; so
        # are the first and last rows of each array pooled here).
        whole_rows = {0, n - 1, *also_keep}
        for refs in copies.values():
            for w in whole_rows:
                keep.update(_referenced(refs[w]))
    if not table:
        # A one-off text is named as it is in the marker hiding it (``describe_run(texts=…)``),
        # unless too long for a marker: then its record is shown.
        for name, counts in described.counts.items():
            once = population.one_off_texts(name) if len(counts) * 2 <= counts.total() else None
            if once:
                for i, u in enumerate(units):
                    v = u.get(name)
                    if (
                        isinstance(v, str)
                        and len(v) > RARE_CHARS // 2
                        and value_key(v) in once
                        and len(render_value(v, 2 * len(v) + 2)) > RARE_CHARS
                    ):
                        keep.add(i)
                        if walker is not None and len(v) <= _WHOLE_TEXT_CHARS:
                            walker.whole_texts.add(v)
    marker_units = described.units
    # Lists of scalars (a repository's topics): markers name their items, not combinations.
    list_cols = {} if table else list_columns(records, {*hidden, *maps})
    list_counts = {
        k: Counter(x for items in col if items is not None for x in (dict.fromkeys(items) or [()]))
        for k, col in list_cols.items()
    }
    if templates:
        # A value a template gives is left out of the markers (the head says it), unless
        # it is rare for its field (named whatever the budgets: the contract).
        rare_of = {c: described.rare_keys(c) for c in templates}
        marker_units = [
            {
                f: v
                for f, v in u.items()
                if f not in templates
                or v != _fill(templates[f], r)
                or described.key(v) in rare_of[f]
            }
            for u, r in zip(described.units, records, strict=True)
        ]
    if deep_fields:
        # (values without spaces: codes, names, categories; not a deep text, such as the
        # code a diagnostic's fix inserts)
        # A deep field few records hold is rare with all its values in an object whose other
        # members most records hold (a key one container's ``env`` has; not a map's, whose
        # keys are each a few records' own: composer's ``autoload.psr-4`` names), or in an
        # object few records have there (a ``securityContext``; not an entry of a map such
        # as npm's ``dependencies``).
        few = rare_limit(len(described.units))
        held = {f: described.counts[f].total() for f in deep_fields if f in described.counts}
        # (per object path, per member: whether most records' objects hold that member)
        members: dict[str, dict[str, bool]] = {}
        for f, m in held.items():
            obj = f
            while "." in obj:
                obj, _, member = obj.rpartition(".")
                got = members.setdefault(obj, {})
                got[member] = got.get(member, False) or m > few

        def mostly_held(obj: str) -> bool:
            got = members.get(obj)
            return got is not None and sum(got.values()) * 2 >= len(got)

        lone = {f for f, m in held.items() if m <= few}
        # (the records holding each object all of whose fields are lone)
        deep_holders: dict[str, set[int]] = {}
        if lone:
            for i, du in enumerate(described.units):
                for f in lone.intersection(du):
                    deep_holders.setdefault(f.rpartition(".")[0], set()).add(i)
        deep_rare: dict[str, Collection[tuple[str, Any]]] = {}
        for f in deep_fields:
            rare: Collection[tuple[str, Any]] = described.rare_keys(f)
            if f in lone:
                parent = f.rpartition(".")[0]
                if mostly_held(parent) or (
                    "." in parent
                    and not any(members[parent].values())
                    and len(deep_holders[parent]) <= few
                    and mostly_held(parent.rpartition(".")[0])
                ):
                    rare = described.counts[f].keys()
            deep_rare[f] = {k for k in rare if not _SPACED(str(k[1]))}
        marker_units = [
            {f: v for f, v in u.items() if f not in deep_rare or described.key(v) in deep_rare[f]}
            for u in marker_units
        ]

    # Every field seen with a value in some record shown: the first record holding each field
    # not held by one shown already. (One example per field *set* grows with every optional
    # field; a field set rare enough to stand out is an anomaly above.)
    # (A dotted column counts as the field it was spread from.)
    def fields_of(r: dict[str, Any]) -> set[str]:
        return {k.split(".", 1)[0] if k in dotted else k for k in r}

    covered: set[str] = set()
    for i in keep:
        covered.update(fields_of(records[i]))
    # An optional field (in at most a quarter of the records) whose every value a marker
    # says whole (a scalar, a small object or list of them: a lockfile's `optional`, `peer`,
    # `funding.url`) needs no record shown for it: every marker lists it, past the budgets.
    # (Holders counted from the columns gathered above; values looked at only for such fields.)
    holders: Counter[str] = Counter()
    for k, (idx, _) in by_column.items():
        holders[k.split(".", 1)[0] if k in dotted else k] += len(idx)
    said = {f: True for f, c in holders.items() if c * 4 <= n and f not in covered}
    if said:
        for r in records:
            for k, v in r.items():
                f = k.split(".", 1)[0] if k in dotted else k
                if said.get(f):
                    said[f] = _said_in_marker(v)
    listed_optional = {f for f, ok in said.items() if ok}
    # So is a column spread from a small object (``spec.securityContext`` of ``spec``) that
    # few records' objects hold: named past the budgets, or its first record shown.
    for k, (idx, vals) in by_column.items() if dotted else ():
        if k in dotted and len(idx) * 4 <= n:
            if all(map(_said_in_marker, vals)):
                listed_optional.add(k)
            elif keep.isdisjoint(idx):
                keep.add(idx[0])
    # (Records all holding every field, as a table's rows: each holds the fields of the first
    # record, which is kept, so none is looked at.)
    one_field_set = all(len(idx) == n for idx, _ in by_column.values())
    for i, r in enumerate(() if one_field_set else records):
        # (a record whose keys are all covered is: no dotted key is ever in ``covered``)
        if not covered.issuperset(r) and not covered.issuperset(fields_of(r) - listed_optional):
            covered.update(fields_of(r))
            keep.add(i)
    if listed_optional and not table:
        named_fields = {
            *named_fields,
            *(name for name in population.counts if _under(name, listed_optional)),
        }
    out = list(head)

    if not table:
        samples.update(keep - error_rows())
        samples.difference_update((0, n - 1, *also_keep))

    pool(sorted(keep))
    # Error-like rows write every value as it is: rendered again (with a template only).
    redo = keep - samples - as_is if templates else set()
    as_is.update(redo)

    def show(k: int) -> None:
        rendered = rows[k] if rows and k not in redo else row(records[k], k)
        # A sample row's digests are cut however short the row (a package's integrity).
        sample = k in samples and walker is not None and _HAS_DIGEST.search(rendered)
        long = len(rendered) > _LONG_STRING or sample or pooled_row(k)
        out.append(lifted(k) if long else rendered)

    groups: dict[int, tuple[Population, Population, int, Collection[str]]] = {}

    def group_of(i: int) -> tuple[int, int]:
        """The records of the array record ``i`` is of (its key in ``(in)``): [g0, g1)."""
        where = records[i].get(_IN_COLUMN)
        g0, g1 = i, i + 1
        while g0 > 0 and records[g0 - 1].get(_IN_COLUMN) == where:
            g0 -= 1
        while g1 < n and records[g1].get(_IN_COLUMN) == where:
            g1 += 1
        return g0, g1

    def group_population(g0: int, g1: int) -> tuple[Population, Population, int, Collection[str]]:
        """Records [g0, g1)'s populations (as ``described``, as ``population``), count
        and named fields (categorical in that array too)."""
        if g0 not in groups:
            pop = Population.of(units[g0:g1])
            named = {*named_fields, *_categorical(pop, combos=False)}
            groups[g0] = (pop.remapped(_message_key), pop, g1 - g0, named)
        return groups[g0]

    kept = sorted(keep)
    i = 0
    while i < n:
        if i in keep:
            show(i)
            i += 1
            continue
        # The run ends at the next record kept (found in the sorted ones, not record by record).
        at = bisect_right(kept, i)
        j = min(kept[at], n) if at < len(kept) else n
        # What the omission holds is its spans' text, back to back (as get_omitted gives it).
        run_starts = list(map(attrgetter("start"), node.items[i:j]))
        run_ends = list(map(attrgetter("end"), node.items[i:j]))
        source = "".join(map(text.__getitem__, map(slice, run_starts, run_ends)))
        run_pop, run_texts, run_n, run_named = described, population, n, named_fields
        if grouped:
            g0, g1 = group_of(i)
            if j <= g1:
                run_pop, run_texts, run_n, run_named = group_population(g0, g1)
        summary = describe_run(
            marker_units[i:j],
            run_pop,
            always=rare_limit(run_n),
            always_repeating=True,
            always_fields=run_named,
            compact=not table,
            fields=marker_fields,
            field_budget=_TABLE_FIELD_BUDGET if table else _FIELD_BUDGET,
            run_budget=_TABLE_RUN_BUDGET if table else _RUN_BUDGET,
            texts=None if table else run_texts,
            columns=None if row_columns is None else {k: vs[i:j] for k, vs in row_columns.items()},
            lists={
                k: (list_counts[k], [x for x in col[i:j] if x is not None])
                for k, col in list_cols.items()
            },
        )
        spans = list(
            zip(map(add, repeat(base), run_starts), map(add, repeat(base), run_ends), strict=True)
        )
        desc = f"{plural(j - i, 'record')} #{i + 1}" + (f"-#{j}" if j - i > 1 else "")
        if map_values is not None:
            keys = ", ".join(render_value(r[_KEY_COLUMN], _KEY_CHARS) for r in records[i:j])
            summary = f"{_KEY_COLUMN}: {keys}" + (f"; {summary}" if summary else "")
        if summary:
            desc += f" ({summary})"
        rendered = "\n".join(rows[i:j]) if rows else source
        if in_mark:
            # (rows shown say the row above's key in no cell, most likely: counted so)
            rendered = re.sub(f"{in_mark}[^{_CLOSING}]*{_CLOSING}", "", rendered)
        if omitter.pays(rendered, desc) and omitter.pays(source, desc):
            out.append(omitter.mark("records", spans, j - i, desc))
        else:
            for m in range(i, j):  # the rows are shorter than their marker: shown
                show(m)
        i = j
    return finish(out)


_NATURAL = re.compile(r"(\d+)")


def _natural(v: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key reading the digit runs of ``v`` as numbers (``1.10.0`` after ``1.9.2``;
    ISO timestamps in time order)."""
    return tuple(
        (0, int(part), "") if k % 2 else (1, 0, part) for k, part in enumerate(_NATURAL.split(v))
    )


_DIGIT_RUN = re.compile(r"\d+")
# A short hex id standing alone, digits and letters mixed (a commit in "1.2.0-alpha.2935e14d").
_HEX_ID = re.compile(
    r"(?<![0-9A-Za-z])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}(?![0-9A-Za-z])"
)


def _shape_key(v: Any) -> tuple[str, Any]:
    """A scalar's shape in a summary: its digit runs masked, wherever they stand (a version
    ``#.#.#``, a timestamp ``#-#-#T#:#:#.#+#:#``)."""
    if _is_number(v):
        return ("number", None)
    if isinstance(v, str):
        # (A hex id, such as a pre-release's commit "12.1.1-alpha.2935e14d", is a number.)
        return ("str", _DIGIT_RUN.sub("#", _HEX_ID.sub("0", v)))
    return ("other", _dump(v))


def _scalars_summary(hidden: list[Any], everything: list[Any], budget: int = 360) -> str:
    """What a run of scalars (list items, a map's keys or values) holds, by shape (digits
    and hex ids masked), rarest shape first: a shape of at most 3 values lists them; one of
    more says its count and range in natural order (``#.#.#×235 1.0.6..4.21.2``;
    timestamps first..last; numbers ``numbers×40 3..88``). Rare shapes (in at most 2 % of
    ``everything``) and the run's main shape are listed past the budget; the others are cut
    with ``+N more shapes``."""
    counts = Counter(_shape_key(v) for v in everything)
    limit = rare_limit(len(everything))
    groups: dict[tuple[str, Any], list[Any]] = {}
    for v in hidden:
        groups.setdefault(_shape_key(v), []).append(v)
    parts: list[str] = []
    used = cut = 0
    bulk = max(groups, key=lambda k: len(groups[k])) if groups else None
    for k in sorted(groups, key=lambda k: counts[k]):  # (stable: first seen among equals)
        vals = groups[k]
        rare = counts[k] <= limit or k == bulk  # (the run's main shape is always said)
        distinct = Counter(_dump(v) for v in vals)
        if len(distinct) <= 3:
            text = ", ".join(
                render_value(json.loads(d), RARE_CHARS) + (f"×{c}" if c > 1 else "")
                for d, c in distinct.items()
            )
        elif k[0] == "number":
            text = f"numbers×{len(vals)} {_dump(min(vals))}..{_dump(max(vals))}"
        else:
            strs = [v for v in vals if isinstance(v, str)]
            lo, hi = min(strs, key=_natural), max(strs, key=_natural)
            shape = render_value(k[1]) if k[0] == "str" else k[0]
            text = f"{shape}×{len(vals)} {render_value(lo)}..{render_value(hi)}"
        if parts and used + len(text) + 2 > budget and not rare:
            cut += 1
            continue
        parts.append(text)
        used += len(text) + 2
    if cut:
        parts.append(f"+{cut} more shapes")
    return ", ".join(parts)


# Entries of a long map of scalars shown at its head and tail; entries whose key is a word
# among versions or dates (``created``, ``modified``) shown too, at most this many.
_MAP_HEAD, _MAP_TAIL, _MAP_ODD_KEYS = 8, 4, 12


def _is_scalar_map(node: Node) -> bool:
    """An object of many members whose values are all scalars, keyed by numbers, versions or
    dates (nine keys in ten hold a digit: a registry's version -> publication time), too
    long to show whole. (Maps keyed by names, a manifest's dependencies or scripts, are
    shown whole.)"""
    members = node.members
    return (
        members is not None
        and len(members) > 24
        and all(not isinstance(m.value, _CONTAINER) for _, m in members)
        and sum(1 for k, _ in members if _DIGIT_RUN.search(k)) * 10 >= 9 * len(members)
        and len(_dump(node.value)) > _LOSSLESS_CHARS
    )


def _render_scalar_map(path: str, node: Node, omitter: Omitter, base: int) -> str:
    """A long object of scalar members: its first and last members, members whose key is of
    a rare kind, and markers naming the keys and values they hide (shapes, ranges)."""
    assert node.members is not None and node.key_starts is not None
    members = node.members
    n = len(members)
    keys = [k for k, _ in members]
    values = [m.value for _, m in members]
    keep = set(range(min(_MAP_HEAD, n))) | set(range(max(0, n - _MAP_TAIL), n))
    # Among keys that are numbers, versions or dates, the keys that are words (``created``,
    # ``modified``) are shown.
    words = [i for i, k in enumerate(keys) if not _DIGIT_RUN.search(k)]
    keep.update(words[:_MAP_ODD_KEYS])
    out: list[str] = []
    i = 0
    while i < n:
        if i in keep:
            out.append(f"{_dump(keys[i])}:{_dump(values[i])}")
            i += 1
            continue
        j = i
        while j < n and j not in keep:
            j += 1
        spans = [(base + node.key_starts[m], base + members[m][1].end) for m in range(i, j)]
        desc = (
            f"{plural(j - i, 'member')} #{i + 1}"
            + (f"-#{j}" if j - i > 1 else "")
            + f" (keys: {_scalars_summary(keys[i:j], keys)}"
            + f"; values: {_scalars_summary(values[i:j], values)})"
        )
        source = ",".join(f"{_dump(keys[m])}:{_dump(values[m])}" for m in range(i, j))
        if omitter.pays(source, desc):
            out.append(omitter.mark("members", spans, j - i, desc))
        else:
            out.extend(f"{_dump(keys[m])}:{_dump(values[m])}" for m in range(i, j))
        i = j
    return f"{path}: object of {plural(n, 'member')}: {{{', '.join(out)}}}"


def _render_scalars(path: str, node: Node, omitter: Omitter, base: int, whole: bool = False) -> str:
    """A long array of scalars or mixed values: head, tail and a marker; whole if short, or
    (``whole``: in a first or last record, shown whole) while it fits
    ``_WHOLE_NESTED_CHARS`` (a package's 45 requirements)."""
    assert node.items is not None
    n = len(node.items)
    vals = node.value
    dumped = _dump(vals)
    size = len(dumped)
    if (
        n <= 24
        or (size <= _LOSSLESS_CHARS and raw_count(dumped) <= _LOSSLESS_TOKENS)
        or (whole and size <= _WHOLE_NESTED_CHARS)
    ):
        return f"{path}: {dumped}"
    nums = [v for v in vals if _is_number(v)]
    if len(nums) == n:
        stats = f"; numbers {_dump(min(nums))}..{_dump(max(nums))}"
    elif all(isinstance(v, str) for v in vals) and len({_shape_key(v) for v in vals}) * 4 <= n:
        # Values of a few shapes (versions, dates): what the marker hides by shape, rarest
        # first, a common shape's range.
        stats = f" (item: {_scalars_summary(vals[8:-4], vals)})"
    else:
        # What the marker hides, by value (rarest first, within the budget: the contract).
        scalars = [{"item": v} for v in vals if v is None or isinstance(v, _JOINABLE)]
        hidden = [{"item": v} for v in vals[8:-4] if v is None or isinstance(v, _JOINABLE)]
        summary = describe_run(hidden, Population.of(scalars)) if hidden else ""
        stats = f" ({summary})" if summary else ""
    spans = [(base + it.start, base + it.end) for it in node.items[8:-4]]
    desc = f"{plural(n - 12, 'item')} #9-#{n - 4}{stats}"
    if not omitter.pays(_dump(vals[8:-4])[1:-1], desc):
        return f"{path}: {_dump(vals)}"
    marker = omitter.mark("items", spans, n - 12, desc)
    head = ",".join(_dump(v) for v in vals[:8])
    tail = ",".join(_dump(v) for v in vals[-4:])
    return f"{path}: array of {n}: [{head}, {marker}, {tail}]"


# A path's array indices (``values[3].Deps``), for lists of one field in several records.
_INDEX = re.compile(r"\[\d+\]")
# A list may be said as one of the last this many of its field's lists, with some names
# more or fewer.
_LIKE_BASES = 16


def _sorted_names(vals: list[Any]) -> bool:
    """Whether ``vals`` are distinct non-empty strings in sorted order."""
    return all(isinstance(v, str) and v for v in vals) and all(a < b for a, b in pairwise(vals))


def _sorted_names_cut(node: Node, omitter: Omitter, base: int) -> list[Any] | None:
    """A long list of distinct names in sorted order, outside records (``go list -json``'s
    ``Deps``, a package's files): its first and last names and a marker for the names
    between, which the order bounds; None if the list is not such a list or the marker
    does not pay. (A list of names is shown whole up to ``_LOSSLESS_CHARS`` otherwise: a
    package's 71 dependencies were 276 of its 689 tokens.)"""
    assert node.items is not None
    vals = node.value
    n = len(vals)
    if n <= 24 or not _sorted_names(vals) or len({_shape_key(v) for v in vals}) * 4 <= n:
        return None  # (values of a few shapes, versions or dates: their shapes and ranges)
    desc = f"{plural(n - 2, 'item')} #2-#{n - 1}, in sorted order"
    # The names between, spread through them within a marker's field budget (a reader
    # asking whether a package depends on one often needs no more).
    named, more = spread_names(vals[1:-1], _FIELD_BUDGET)
    listed = f"{desc}: " + ", ".join(named) + (f", +{more} more" if more else "")
    material = _dump(vals[1:-1])[1:-1]
    if omitter.pays(material, listed):
        desc = listed
    elif not omitter.pays(material, desc):
        return None
    spans = [(base + it.start, base + it.end) for it in node.items[1:-1]]
    return [vals[0], omitter.mark("items", spans, n - 2, desc), vals[-1]]


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if re.fullmatch(r"[A-Za-z_]\w*", key):
        return f"{parent}.{key}"
    return f"{parent}[{_dump(key)}]"


def _derived_columns(records: list[dict[str, Any]], columns: list[str]) -> dict[str, str]:
    """Columns of strings (of 3+ chars) equal in every record to an earlier column, itself
    not derived (a lockfile's ``dist.reference``, the hash of ``source.reference``): column
    -> ``"{that column}"``. (URLs holding a name are left as they are: a row shows them.)"""
    out: dict[str, str] = {}
    sources: list[str] = []
    first = records[0]
    for c in columns:
        v = first.get(c)
        same = None
        if isinstance(v, str) and len(v) >= 3 and "{" not in v:
            same = next((s for s in sources if first.get(s) == v), None)
        if same is not None and all(c in r and r.get(same) == r[c] for r in records):
            out[c] = "{" + same + "}"
        else:
            sources.append(c)
    return out


def _usual_values(records: list[dict[str, Any]], columns: list[str]) -> dict[str, Any]:
    """Columns whose most common value is a string of ``_USUAL_CHARS`` or more, or a list of
    strings (a target's ``["test"]``, a package's ``["MIT"]``: several tokens a cell), held by
    more than half of the records (not all: a column of one value in every record is
    constant) -> that value."""
    out: dict[str, Any] = {}
    n = len(records)
    # Each column's candidate values, in record order, from one pass over the records'
    # items (records hold few of many columns: a get per column and record cost 10 times
    # more). Lists keyed by their JSON, apart from strings.
    held_by: dict[str, list[tuple[bool, str]]] = {}
    for r in records:
        for c, v in r.items():
            if isinstance(v, str):
                if len(v) >= _USUAL_CHARS:
                    held_by.setdefault(c, []).append((False, v))
            elif type(v) is list and v and all(isinstance(x, str) for x in v):
                held_by.setdefault(c, []).append((True, _dump(v)))
    for c in columns:
        if c in (_KEY_COLUMN, _IN_COLUMN) or c not in held_by:
            continue
        counts = Counter(held_by[c])
        if counts:
            (is_list, v), held = counts.most_common(1)[0]
            if held * 2 > n and held >= _MIN_USUAL_ROWS and len(out) < _MAX_USUAL:
                out[c] = json.loads(v) if is_list else v
    return out


# Templates (``_usual_templates``): their head line, and the end of a templated cell's span
# in a row until ``finish`` (its start is the column's stand-in).
_TEMPLATE_HEAD = "derived, written # in rows: "
_CLOSING = "\uf8ff"
_TEMPLATE_SAMPLE = 64
# A template's field reference: ``{name}``.
_FIELD_REF = re.compile(r"\{([^{}]+)\}")


def _fill(template: str, rec: dict[str, Any]) -> str | None:
    """``template`` with each ``{field}`` replaced by ``rec``'s string there (None if one is
    not a string)."""
    parts = _FIELD_REF.split(template)
    for k in range(1, len(parts), 2):
        v = rec.get(parts[k])
        if not isinstance(v, str):
            return None
        parts[k] = v
    return "".join(parts)


def _template_of(v: str, rec: dict[str, Any], column: str, sources: Collection[str]) -> str | None:
    """``v`` (``rec``'s value in ``column``) with the values of ``rec``'s ``sources`` columns
    it holds (strings of 3+ chars, the longest first) replaced by ``{that column}``; None if
    it holds none."""
    found = sorted(
        (
            (k, w)
            for k, w in rec.items()
            if k != column
            and k in sources
            and isinstance(w, str)
            and len(w) >= 3
            and w in v
            and "{" not in k
            and "}" not in k
        ),
        key=lambda kw: -len(kw[1]),
    )
    if not found:
        return None
    # Literal pieces and references; a reference is never searched again.
    pieces: list[tuple[bool, str]] = [(False, v)]
    for k, w in found:
        nxt: list[tuple[bool, str]] = []
        for is_ref, text in pieces:
            if is_ref or w not in text:
                nxt.append((is_ref, text))
                continue
            for m, part in enumerate(text.split(w)):
                if m:
                    nxt.append((True, k))
                if part:
                    nxt.append((False, part))
        pieces = nxt
    if not any(is_ref for is_ref, _ in pieces):
        return None
    return "".join("{" + text + "}" if is_ref else text for is_ref, text in pieces)


def _usual_templates(
    records: list[dict[str, Any]], columns: list[str], sources: Collection[str]
) -> dict[str, str]:
    """Of ``columns``, those whose strings (of ``_USUAL_CHARS`` or more) are, in more than
    half of the records, one template over the record's other columns among ``sources`` (an
    SBOM's purl ``pkg:cargo/{name}@{version}``, a diagnostic's docs URL
    ``https://…/rules/{name}``) -> that template (a template's column is no source of
    another). Found on a sample of the records, checked on all."""
    n = len(records)
    sample = records[:: max(1, n // _TEMPLATE_SAMPLE)]
    out: dict[str, str] = {}
    used: set[str] = set()  # the sources of the templates found (none is a template)
    for c in columns:
        if c in (_KEY_COLUMN, _IN_COLUMN) or c in used or "{" in c or "}" in c:
            continue
        found: Counter[str] = Counter()
        free = {k for k in sources if k not in out}
        for r in sample:
            v = r.get(c)
            if isinstance(v, str) and len(v) >= _USUAL_CHARS and "{" not in v and "}" not in v:
                t = _template_of(v, r, c, free)
                if t is not None:
                    found[t] += 1
        if not found:
            continue
        t, held = found.most_common(1)[0]
        if held * 2 <= len(sample):
            continue
        held = sum(1 for r in records if r.get(c) == _fill(t, r))
        if held * 2 > n and held >= _MIN_USUAL_ROWS:
            out[c] = t
            used.update(_FIELD_REF.findall(t))
    return out


# Records of several arrays (``_Walker.list_map``): each array's first record is shown, its
# row alone says the array's key.
_IN_HEAD = "(in) written on each array's first row; an empty (in) is the row above's"
# Lists of records repeating records of their run (``_copied_columns``): head line, cells.
_COPIES_HEAD = "lists of these records, written <#k> (record k) in rows: "
_COPIES_CELL = "<#k…>"  # (how markers count them)
_REF_RUN = re.compile(r"#(\d+)(?:-#(\d+))?")


def _reference(nums: list[int]) -> str:
    """``<#3-#10 #12>``: records 3 to 10 and 12 (1-based), in the order given."""
    runs = consecutive_runs(nums)
    return "<" + " ".join(f"#{a + 1}" + (f"-#{b + 1}" if b > a else "") for a, b in runs) + ">"


def _referenced(ref: str | None) -> list[int]:
    """The 0-based record indices a :func:`_reference` names."""
    if ref is None:
        return []
    out: list[int] = []
    for m in _REF_RUN.finditer(ref):
        a = int(m.group(1))
        out.extend(range(a - 1, int(m.group(2) or a)))
    return out


def _copied_columns(records: list[dict[str, Any]]) -> dict[str, list[str | None]]:
    """Columns holding lists in every record that has them, whose non-empty lists are of
    records each equal (as JSON) to another record of ``records``: column -> each record's
    reference to those (:func:`_reference`), None where its list is empty."""
    holders: dict[str, list[int]] = {}
    for k, r in enumerate(records):
        for c, v in r.items():
            if type(v) is list and v and type(v[0]) is dict:
                holders.setdefault(c, []).append(k)
    if not holders:
        return {}

    # (Records pooled from several arrays, each under its key in column ``(in)``: a list
    # repeats records of its own array.)
    def shape(r: dict[str, Any]) -> tuple[str, ...]:
        return tuple(k for k in r if k != _IN_COLUMN)

    by_shape: dict[tuple[str, ...], list[int]] = {}
    for i, r in enumerate(records):
        by_shape.setdefault(shape(r), []).append(i)
    # Each shape's records by their JSON (and key), dumped only once a list holds that shape.
    index: dict[tuple[Any, str], int] = {}
    indexed: set[tuple[str, ...]] = set()
    out: dict[str, list[str | None]] = {}
    for c, ks in holders.items():
        if any(c in r and type(r[c]) is not list for r in records):
            continue
        refs: list[str | None] = [None] * len(records)
        for k in ks:
            nums: list[int] = []
            where = records[k].get(_IN_COLUMN)
            for x in records[k][c]:
                if type(x) is not dict or (keys := tuple(x)) not in by_shape:
                    break
                if keys not in indexed:
                    indexed.add(keys)
                    for i in by_shape[keys]:
                        r = records[i]
                        at = r.get(_IN_COLUMN)
                        if _IN_COLUMN in r:
                            r = {f: v for f, v in r.items() if f != _IN_COLUMN}
                        index.setdefault((at, _dump(r)), i)
                i = index.get((where, _dump(x)), k)
                if i == k:
                    break
                nums.append(i)
            else:
                refs[k] = _reference(nums)
                continue
            break
        else:
            out[c] = refs
    return out


def _rare_strings(records: list[dict[str, Any]], column: str) -> set[str]:
    """The strings of ``column`` rare for it (``Population.rare_keys``: by shape, in a field
    whose values repeat)."""
    values = [v for r in records if isinstance(v := r.get(column), str)]
    counts = Counter(map(value_key, values))
    if len(counts) < 2 or len(counts) * 2 > len(records):
        return set()
    limit = rare_limit(len(records))
    return {v for v in values if counts[value_key(v)] <= limit}


def _said_in_marker(v: Any) -> bool:
    """Whether a marker hiding a record says this value of it whole (``flatten``): a
    scalar, a short list of scalars, a small object of those."""
    if isinstance(v, dict):
        return len(v) <= 4 and all(
            not isinstance(x, dict) and _said_in_marker(x) for x in v.values()
        )
    if isinstance(v, list):
        return (
            all(isinstance(x, _JOINABLE) for x in v) and len("|".join(map(str, v))) <= VALUE_CHARS
        )
    return not isinstance(v, str) or len(v) <= VALUE_CHARS


def _struct_columns(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Fields whose every value is a small object (at most 300 chars of JSON), of mostly the
    same fields (at most 24 in all, each object holding at least half of them), with no
    dotted name clashing with another field: field -> the objects' fields."""
    names = dict.fromkeys(chain.from_iterable(records))  # (first-seen order)
    out: dict[str, list[str]] = {}
    for c in names:
        subkeys: dict[str, None] = {}
        objects = total = 0
        for r in records:
            if c not in r:
                continue
            v = r[c]
            if not isinstance(v, dict) or not v or not _small_object(v):
                break
            subkeys.update(dict.fromkeys(v))
            objects += 1
            total += len(v)
        else:
            if (
                objects >= 2
                and len(subkeys) <= 24
                and 2 * total >= objects * len(subkeys)
                and all(k and "." not in k for k in subkeys)  # dotted names stay unambiguous
                and not any(f"{c}.{k}" in names for k in subkeys)
            ):
                out[c] = list(subkeys)
    return out


def _small_object(v: dict[str, Any], limit: int = 300) -> bool:
    """Whether ``v`` dumps to at most about ``limit`` chars (numbers and literals counted at
    their longest; nested containers dumped), without dumping a flat one."""
    size = 2
    for k, x in v.items():
        size += len(k) + 4
        if isinstance(x, str):
            size += len(x) + 2
        elif isinstance(x, _CONTAINER):
            size += len(_dump(x))
        else:
            size += 24  # a number, true, false or null
        if size > limit:
            return False
    return True


def _dotted(rec: dict[str, Any], struct: dict[str, list[str]]) -> dict[str, Any]:
    """``rec`` with the objects of ``struct`` fields spread into ``field.key`` fields."""
    out: dict[str, Any] = {}
    for k, v in rec.items():
        if k in struct and isinstance(v, dict):
            for sk, sv in v.items():
                out[f"{k}.{sk}"] = sv
        else:
            out[k] = v
    return out


# A version or a version range (``^1.2``, ``>=0.6.0``, ``~2``, ``*``, ``1.x || 2``).
_RANGE = re.compile(r"[\^~<>=!]*\s*v?(?:\d|\*|x\b)")


def _map_columns(records: list[dict[str, Any]], columns: list[str]) -> set[str]:
    """Columns whose objects are maps: more distinct keys over all records than three times
    an object's keys on average (and more than 8), so a key is data, not a field name."""
    # One pass over the records' values (most are not objects), not one per column.
    keys: dict[str, set[str]] = {}
    sizes: dict[str, list[int]] = {}
    for r in records:
        for c, v in r.items():
            if type(v) is dict:
                got = keys.get(c)
                if got is None:
                    keys[c], sizes[c] = set(v), [len(v)]
                else:
                    got.update(v)
                    sizes[c].append(len(v))
    return {
        c
        for c, ks in keys.items()
        if c in columns and len(ks) > max(8, 3 * sum(sizes[c]) / len(sizes[c]))
    }


def _is_record_map(node: Node) -> bool:
    """An object whose members are records of one kind (at least ``_MIN_RECORDS``, nine in
    ten sharing a field, not many more fields in all than each has, optional ones included):
    a map from names to records."""
    members = node.members
    if not members or len(members) < _MIN_RECORDS:
        return False
    if not all(
        isinstance(m.value, dict) and m.value and _KEY_COLUMN not in m.value for _, m in members
    ):
        return False
    counts: Counter[str] = Counter()
    total = 0
    for _, m in members:
        counts.update(m.value.keys())
        total += len(m.value)
    shared = counts.most_common(1)[0][1] * 10 >= 9 * len(members)
    return shared and len(counts) <= max(12, 4 * total / len(members))


def _is_list_map(node: Node) -> bool:
    """An object whose members are arrays of records of one kind (a code-metrics report's
    functions by file path): at least two members, each an array of records or empty, at
    least ``_MIN_RECORDS`` records in all, nine in ten sharing a field and not many more
    fields in all than each has."""
    members = node.members
    if not members or len(members) < 2:
        return False
    counts: Counter[str] = Counter()
    n = total = 0
    for _, m in members:
        v = m.value
        if type(v) is not list:
            return False
        for r in v:
            if type(r) is not dict or not r or _IN_COLUMN in r:
                return False
            counts.update(r.keys())
            total += len(r)
        n += len(v)
    if n < _MIN_RECORDS:
        return False
    shared = counts.most_common(1)[0][1] * 10 >= 9 * n
    return shared and len(counts) <= max(12, 4 * total / n)


def _is_records(node: Node) -> bool:
    return (
        node.items is not None
        and len(node.items) >= 2
        and all(isinstance(v, dict) and v for v in node.value)
    )


class _Walker:
    def __init__(self, text: str, omitter: Omitter, base: int, root: Any = None) -> None:
        self.text = text
        self.omitter = omitter
        self.base = base
        self.sections: list[str] = []
        self.root = root
        self._keys: dict[tuple[str, ...], str] | None = None
        self.whole = 0  # > 0 while inside a first or last record (see _render_records)
        self.rows = 0  # > 0 while inside a record shown (a row, or a few records inline)
        # One-off texts too long for a marker, whose records are shown for them: whole.
        self.whole_texts: set[str] = set()
        # Lists of sorted names shown whole, by field (their paths' indices as []).
        self.lists: dict[str, list[tuple[str, frozenset[str]]]] = {}

    @cached_property
    def holds_stand_ins(self) -> bool:
        """Whether the document holds a private-use character (then rows get no ``#``
        cells): searched once, not once per record array."""
        return not self.text.isascii() and _STAND_INS.search(self.text) is not None

    def _section(self, node: Node, path: str) -> str:
        """Records ``node`` rendered as a section of their own (before those of their rows'
        big arrays); returns the section."""
        slot = len(self.sections)
        self.sections.append("")
        self.sections[slot] = _render_records(
            self.text, path, node, node.value, self.omitter, self.base, walker=self
        )
        return "\n".join(self.sections[slot:])

    def same_keys(self, items: list[Any]) -> str | None:
        """The path of an object of the skeleton (reached through objects only, so always
        shown with its keys) whose keys are exactly ``items``, in order; None if none is."""
        if len(items) < _KEYS_REF_ITEMS or not all(isinstance(v, str) for v in items):
            return None
        if self._keys is None:
            self._keys = {}
            if isinstance(self.root, dict):
                self._collect_keys(self.root, "$", 0)
        return self._keys.get(tuple(items))

    def _collect_keys(self, obj: dict[str, Any], path: str, depth: int) -> None:
        assert self._keys is not None
        if len(obj) >= _KEYS_REF_ITEMS:
            self._keys.setdefault(tuple(obj), path)
        if depth < _MAX_KEYS_DEPTH:
            for k, v in obj.items():
                if isinstance(v, dict):
                    self._collect_keys(v, _path(path, k), depth + 1)

    def remember(self, path: str, vals: list[Any]) -> None:
        """A list of distinct names in sorted order shown whole in a section, for later
        lists of the same field to be said as it with some names more or fewer."""
        if _sorted_names(vals):
            self.lists.setdefault(_INDEX.sub("[]", path), []).append((path, frozenset(vals)))

    def like_earlier(self, path: str, vals: list[Any]) -> str | None:
        """``values[5].Deps: like values[3].Deps, with [...], without [...]`` if the list of
        distinct sorted names ``vals`` differs from one shown earlier for the same field
        (``go list -json``'s Deps, record after record) in at most a quarter of its names;
        else None. (The names are in sorted order: the two lists say them all, in order.)"""
        earlier = self.lists.get(_INDEX.sub("[]", path))
        if not earlier or not _sorted_names(vals):
            return None
        names = frozenset(vals)
        best = min(earlier[-_LIKE_BASES:], key=lambda e: len(e[1] ^ names))
        if len(best[1] ^ names) * 4 > len(vals):
            return None
        plus, minus = sorted(names - best[1]), sorted(best[1] - names)
        return (
            f"{path}: like {best[0]}"
            + (f", with {_dump(plus)}" if plus else "")
            + (f", without {_dump(minus)}" if minus else "")
        )

    def record_map(self, node: Node, path: str) -> str:
        """An object of records keyed by a name or path (a lockfile's packages): rows as for
        an array, the key in a column of its own."""
        assert node.members is not None and node.key_starts is not None
        values = [m for _, m in node.members]
        spans = zip(node.key_starts, values, strict=True)
        members = [Node(None, ks, m.end) for ks, m in spans]
        entries = Node(node.value, node.start, node.end, items=members)
        records = [{_KEY_COLUMN: k, **m.value} for k, m in node.members]
        return _render_records(
            self.text,
            path,
            entries,
            records,
            self.omitter,
            self.base,
            walker=self,
            map_values=values,
        )

    def list_map(self, node: Node, path: str) -> dict[str, Any]:
        """An object of arrays of records keyed by a name or path (a code-metrics report's
        functions by file): their records as one section, ``path[*][*]``, each record's key
        in a first column ``(in)``, the first and last record of each array shown; the
        object's members say their arrays' counts: ``<8 in $[*][*]>``."""
        assert node.members is not None
        sub = f"{path}[*][*]"
        items: list[Node] = []
        recs: list[dict[str, Any]] = []
        ends: list[int] = []
        skel: dict[str, Any] = {}
        for key, member in node.members:
            member = _expand(self.text, member)
            assert member.items is not None
            if not member.items:
                skel[key] = []
                continue
            ends.extend((len(items), len(items) + len(member.items) - 1))
            skel[key] = f"<{len(member.items)} in {sub}>"
            for it in member.items:
                items.append(it)
                recs.append({_IN_COLUMN: key, **it.value})
        slot = len(self.sections)
        self.sections.append("")
        whole = Node([it.value for it in items], node.start, node.end, items=items)
        self.sections[slot] = _render_records(
            self.text,
            sub,
            whole,
            recs,
            self.omitter,
            self.base,
            also_keep=ends,
            walker=self,
            grouped=True,
            in_once=True,
        )
        return skel

    def skeleton(self, node: Node, path: str) -> Any:
        """The document with big arrays replaced by references to their own sections, and
        strings over ``_LONG_STRING`` chars cut to their head and a marker; outside records,
        digests too (a package's integrity and shasum: ids saying nothing to a reader, as in
        sample rows; records shown whole show them whole)."""
        if isinstance(node.value, str):
            if len(node.value) > _LONG_STRING and node.value not in self.whole_texts:
                return _shown(self.text, node, self.omitter, self.base)
            if not self.rows and len(node.value) >= _DIGEST_CHARS:
                return _digests_cut(self.text, node, self.omitter, self.base)
        if node.items is None and node.members is None:
            if not isinstance(node.value, _CONTAINER):
                return node.value
            dumped = _dump(node.value)
            if len(dumped) <= 300 and (self.rows or not _HAS_DIGEST.search(dumped)):
                return node.value
            node = _expand(self.text, node)
        if node.items is not None:
            if len(_dump(node.value)) <= 300:
                return node.value
            keys_of = self.same_keys(node.value)
            if keys_of is not None:
                # The array lists an object's keys (npm's bundleDependencies and the
                # dependencies; a schema's required properties): said, not repeated.
                return f"<the keys of {keys_of}>"
            if _is_records(node):
                if len(node.items) < _MIN_RECORDS:
                    # A few records: as a section of rows, or inline as objects if that is
                    # shorter (the section's head and reference cost more than the keys).
                    mark, slot = self.omitter.checkpoint(), len(self.sections)
                    section = self._section(node, path)
                    self.omitter.rollback(mark)
                    del self.sections[slot:]
                    self.rows += 1
                    inline = [self.skeleton(it, _path(path, i)) for i, it in enumerate(node.items)]
                    self.rows -= 1
                    if len(_dump(inline)) <= len(section) + len(path) + 16:
                        return inline
                    self.omitter.rollback(mark)
                    del self.sections[slot:]
                self._section(node, path)
                return f"<{path}: see below>"
            if len(node.items) > 24 and not self.rows and not self.whole:
                cut = _sorted_names_cut(node, self.omitter, self.base)
                if cut is not None:
                    return cut
            if len(node.items) > 24:
                like = self.like_earlier(path, node.value)
                if like is None:
                    like = _render_scalars(path, node, self.omitter, self.base, self.whole > 0)
                    if like == f"{path}: {_dump(node.value)}":
                        self.remember(path, node.value)
                self.sections.append(like)
                return f"<{path}: see below>"
            return [self.skeleton(it, _path(path, i)) for i, it in enumerate(node.items)]
        if node.members is not None:
            if _is_scalar_map(node):
                self.sections.append(_render_scalar_map(path, node, self.omitter, self.base))
                return f"<{path}: see below>"
            if _is_list_map(node) and len(_dump(node.value)) > 300:
                return self.list_map(node, path)
            if _is_record_map(node) and len(_dump(node.value)) > 300:
                slot = len(self.sections)
                self.sections.append("")
                self.sections[slot] = self.record_map(node, path)
                return f"<{path}: see below>"
            return {k: self.skeleton(v, _path(path, k)) for k, v in node.members}
        return node.value


#: The record renderer, for other record-like kinds (CSV rows, ...).
render_records = _render_records


def compress_json(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """Compact rendering of a JSON document, or None if it does not parse."""
    start = _WS.match(text).end()  # type: ignore[union-attr]
    try:
        node = _parse(text, start, 0)
    except (ValueError, IndexError, RecursionError):
        return None
    if text[node.end :].strip():
        return None
    walker = _Walker(text, omitter, base, node.value)
    if _is_records(node):
        rendered = _render_records(text, "$", node, node.value, omitter, base, walker=walker)
        return "\n".join([rendered, *walker.sections])
    if _is_record_map(node):
        rendered = walker.record_map(node, "$")
        return "\n".join([rendered, *walker.sections])
    skel = walker.skeleton(node, "$")
    if not walker.sections:
        return _dump(skel)
    if skel == "<$: see below>":
        return "\n".join(walker.sections)  # the document is one section (an object of records)
    return "\n".join([f"$ = {_dump(skel)}", *walker.sections])


_BLANKS = re.compile(r"\s*")


def _values(text: str, where: list[int]) -> Iterator[tuple[Any, int, int]]:
    """Each JSON value of ``text`` with its span, one after another, apart only by
    whitespace; ``where[0]`` is left where reading stopped."""
    pos = _BLANKS.match(text).end()  # type: ignore[union-attr]
    while pos < len(text):
        where[0] = pos
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except (ValueError, RecursionError):
            return
        yield value, pos, end
        pos = _BLANKS.match(text, end).end()  # type: ignore[union-attr]
    where[0] = pos


def json_values(text: str) -> tuple[list[Node], int]:
    """The JSON values of ``text`` one after another, apart only by whitespace: NDJSON, or
    values pretty-printed one after another (``jq .`` over several inputs, ``jq '.[]'``,
    ``go list -json``); and where reading stopped: ``len(text)`` when every value was read,
    else the start of the first one that does not parse. One pass, linear."""
    where = [0]
    items = [Node(value, start, end) for value, start, end in _values(text, where)]
    return items, where[0]


def value_cut(text: str, stop: int) -> bool:
    """Whether what follows ``stop`` is one object or array cut short (a truncated output):
    it opens there and every line after its first is indented deeper than that first one
    (or blank), so no other value opens after it. Compact NDJSON: its last line."""
    if text[stop : stop + 1] not in ("{", "["):
        return False
    indent = stop - (text.rfind("\n", 0, stop) + 1)
    deeper = re.compile(rf"[ \t]{{{indent + 1}}}|[ \t\r]*(?:\n|\Z)")
    nl = text.find("\n", stop)
    while nl >= 0:
        if not deeper.match(text, nl + 1):
            return False
        nl = text.find("\n", nl + 1)
    return True


def is_json_stream(text: str) -> bool:
    """Two or more JSON objects or arrays one after another (:func:`json_values`), every one
    read whole, but for a last one cut short (:func:`value_cut`)."""
    where, count = [0], 0
    for value, _, _ in _values(text, where):  # (values not kept: no garbage to collect)
        if not isinstance(value, _CONTAINER):
            return False
        count += 1
    return count >= 2 and (where[0] == len(text) or value_cut(text, where[0]))


def compress_ndjson(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """NDJSON, or JSON values pretty-printed one after another: each value an item; objects
    are treated as one array of records (``lines``, or ``values`` when a value spans lines).
    None unless every value reads whole."""
    items, stop = json_values(text)
    if not items or stop < len(text):
        return None
    path = "values" if any(text.find("\n", n.start, n.end) >= 0 for n in items) else "lines"
    node = Node([n.value for n in items], 0, len(text), items=items)
    if _is_records(node):
        walker = _Walker(text, omitter, base)
        rendered = _render_records(text, path, node, node.value, omitter, base, walker=walker)
        return "\n".join([rendered, *walker.sections])
    return _render_scalars(path, node, omitter, base)
