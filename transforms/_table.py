"""CSV and TSV tables: rows become records and go through the JSON record machinery.

The delimiter is found on a sample (the one that splits most lines into the same number of
fields). A first row of non-numeric cells, two or more named and at most half unnamed, is
the header (an unnamed column, such as R's row names' ``""``, is called ``c<k>``; a name
twice gets a ``_``); otherwise the columns are named ``c1`` … ``cN``. Cells that read as
numbers become numbers, so numeric outliers and column ranges are found; one written
otherwise than Python prints it (``315.70``, ``25.340``) is a number shown as written
(:class:`~transforms._rarity.WrittenNumber`); every other cell stays the string it was. The
rows are then rendered by :func:`transforms._json.render_records` (rare rows, first/last,
error-like rows, rare categorical values and numeric outliers kept; omitted runs summarised
per column in their markers), with the rows holding the minimum and the maximum of every
numeric column kept as well. Every omission's spans are the exact source lines of the rows
it hides.

A table whose rows mostly disagree on their field count (ragged) is not a table: the caller
falls back to another compressor and says so.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, repeat
from operator import itemgetter, sub
from typing import Any, overload

from transforms._json import Node, cell, render_records
from transforms._omit import Omitter
from transforms._rarity import WrittenNumber, indexed_columns

__all__ = ["RaggedTable", "compress_table", "sniff_delimiter"]

_DELIMITERS = (",", "\t", ";", "|")
_INT = re.compile(r"-?(?:0|[1-9]\d{0,17})")
_FLOAT = re.compile(r"-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
# A number however Python prints it: a fraction, no leading zero ("0.10", "25.340",
# "1.50e3"; not "007" nor "02134": codes; not "391324e13": a commit).
_WRITTEN = re.compile(r"-?(?:0|[1-9]\d*)\.\d+(?:[eE][-+]?\d+)?")
# Rows whose field count is the table's own must be at least this share of all rows.
_MIN_REGULAR = 0.8
# A row longer than this gets its cells located, so long cells can be cut in shown rows.
_CELL_SPANS_FROM = 120


class RaggedTable(ValueError):
    """The rows do not agree on a field count: not a table."""


def _split_sample(lines: list[str], delim: str) -> list[int]:
    # Markdown tables ("| a | b |") are prose with a table in it, not a data file.
    if delim == "|" and sum(1 for ln in lines if ln.lstrip().startswith("|")) > len(lines) // 2:
        return []
    try:
        return [len(row) for row in csv.reader(lines, delimiter=delim)]
    except csv.Error:
        return []


_COMMENT = re.compile(r"[ \t]*#")


def _preamble_lines(lines: list[str]) -> int:
    """How many leading lines are comments (``# …``) or blank: the preamble of a data file
    (.tab/.tsv files document their columns there), not rows."""
    k = 0
    while k < len(lines) and (not lines[k].strip() or _COMMENT.match(lines[k])):
        k += 1
    return k


# A column name: a letter, then at most five words of no more than 40 characters.
_NAME = re.compile(r"(?=.*[A-Za-z_])[\w .()%/+*#$-]{1,40}")
_DATE_CELL = re.compile(r"\d{4}-\d{2}(?:-\d{2}(?:[T ][\d:.+Z-]*)?)?")


def _typed(cell: str) -> bool:
    """A number or an ISO date (or month, or date and time)."""
    return isinstance(_value(cell), int | float) or bool(_DATE_CELL.fullmatch(cell))


def _narrow_table(lines: list[str], delim: str) -> bool:
    """A comma (or semicolon) split into two fields is common in prose and logs; it is a table
    when the first line names both columns (names, not numbers or dates) and one column holds
    numbers or dates in nearly every following row."""
    try:
        rows = list(csv.reader(lines, delimiter=delim))
    except csv.Error:
        return False
    if len(rows) < 4 or len(rows[0]) != 2:
        return False
    names = [c.strip() for c in rows[0]]
    if not all(_NAME.fullmatch(c) and len(c.split()) <= 5 and not _typed(c) for c in names):
        return False
    body = [r for r in rows[1:] if len(r) == 2]
    if len(body) < 0.9 * (len(rows) - 1):
        return False
    return any(sum(1 for r in body if _typed(r[k].strip())) >= 0.9 * len(body) for k in (0, 1))


def sniff_delimiter(lines: list[str]) -> str | None:
    """The delimiter that cuts (nearly) every sampled line into the same 2+ fields, or None.
    A leading comment preamble is not sampled (see :func:`_preamble_lines`); its last line
    may name the columns (then rows may leave trailing ones out)."""
    skip = _preamble_lines(lines)
    named = next((ln for ln in reversed(lines[:skip]) if ln.strip()), "")
    lines = [ln for ln in lines[skip:] if ln.strip()]
    if len(lines) < 4:
        return None
    best: tuple[float, str] | None = None
    for delim in _DELIMITERS:
        if not any(delim in ln for ln in lines[:5]):
            continue
        widths = _split_sample(lines, delim)
        if not widths:
            continue
        # A comma per line is common in prose: a comma table needs 3+ columns. Rows may
        # leave trailing cells out (fewer fields than the header), never add any.
        least = 3 if delim in ",;" else 2
        head = max(widths[0], sum(1 for c in named.split(delim) if c.strip()))
        width, count = Counter(widths).most_common(1)[0]
        if width == head == 2 and delim in ",;" and _narrow_table(lines, delim):
            # Two named columns over dated or numbered rows: a time series ("Date,Price",
            # "1986-01-02,25.56"), which would otherwise read as log lines opening with a date.
            least = 2
        fit = sum(1 for w in widths if least <= w <= head)
        if width < least or head < least:
            continue
        share = max(count, fit) / len(widths)
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, delim)
    return best[1] if best else None


@functools.lru_cache(maxsize=65536)
def _value(raw: str) -> Any:
    """The cell as a number where it reads as one exactly, else the string (cells repeat:
    cached)."""
    if raw and raw[0] in "-.0123456789" and len(raw) < 40:
        if _INT.fullmatch(raw):
            return int(raw)
        if _FLOAT.fullmatch(raw):
            x = float(raw)
            if repr(x) == raw:
                return x
            # A fixed number of decimals ("315.70"), an exponent: a number all the same,
            # shown as written (so a column's range and outliers count it).
            if _WRITTEN.fullmatch(raw) and math.isfinite(x):
                return WrittenNumber(raw)
    return raw


def _is_header(cells: list[str]) -> bool:
    """Column names: no cell reads as a number, two or more named, at most half unnamed (a
    pandas index column's ``,a,b``, a trailing delimiter's empty last cell; repeated names
    are told apart by the caller)."""
    named = sum(1 for c in cells if c.strip())
    return (
        named >= 2
        and named * 2 >= len(cells)
        and not any(isinstance(_value(c.strip()), int | float) for c in cells)
    )


_SHAPES = (
    re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+Z-]*)?"),  # a date
    re.compile(r"[0-9a-f]{7,40}"),  # a commit or object id
    re.compile(r"\d+(?:\.\d+)+"),  # a version
)


def _data_row(first: list[str], rows: Sequence[tuple[list[str], int, int]]) -> bool:
    """A first row that has a column's own shape (a date, an id, a version) where nearly
    every other row has it too is data, not a header (a table without one)."""
    if len(rows) < 5:
        return False
    for k, cell_ in enumerate(first):
        col = [cells[k].strip() for cells, _, _ in rows if k < len(cells)]
        for shape in _SHAPES:
            if shape.fullmatch(cell_.strip()) and sum(
                1 for c in col if shape.fullmatch(c)
            ) >= 0.9 * len(col):
                return True
    return False


def _rows(text: str, delim: str) -> list[tuple[list[str], int, int]]:
    """(cells, start, end) per non-blank row; end excludes the line break."""
    out: list[tuple[list[str], int, int]] = []
    lines = text.splitlines(keepends=True)
    starts = [0, *accumulate(map(len, lines))]
    if '"' not in text:
        bodies = map(str.rstrip, lines, repeat("\r\n"))
        return [
            (body.split(delim), pos, pos + len(body))
            for body, pos in zip(bodies, starts, strict=False)
            if body and not body.isspace()
        ]
    # Quoted cells may hold line breaks: csv reads the lines, its line_num says how many
    # it took so far.
    reader = csv.reader(lines, delimiter=delim)
    first = 0
    for row in reader:
        consumed = reader.line_num
        if "".join(row).strip():  # (a row of blank cells is none)
            end = starts[consumed - 1] + len(lines[consumed - 1].rstrip("\r\n"))
            out.append((row, starts[first], end))
        first = consumed
    return out


class _EvenRows(Sequence[tuple[list[str], int, int]]):
    """The rows of a table whose every line is a row of the same ``width`` cells (no quoted
    cell, no blank line): ``(cells, start, end)`` as :func:`_rows` gives them, made only when
    asked for; the cells are kept back to back (``flat``, row ``k``'s from ``(first + k) *
    width``), so a column is a slice, not a transposition of 62 K row lists."""

    def __init__(
        self, flat: list[str], width: int, starts: list[int], ends: list[int], first: int = 0
    ) -> None:
        self.flat, self.width, self.first = flat, width, first
        self.starts, self.ends = starts, ends  # (of the rows from ``first`` on)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, k: int) -> tuple[list[str], int, int]: ...

    @overload
    def __getitem__(self, k: slice) -> list[tuple[list[str], int, int]]: ...

    def __getitem__(
        self, k: int | slice
    ) -> tuple[list[str], int, int] | list[tuple[list[str], int, int]]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        at = (self.first + k) * self.width
        return self.flat[at : at + self.width], self.starts[k], self.ends[k]

    def without_first(self) -> _EvenRows:
        return _EvenRows(self.flat, self.width, self.starts[1:], self.ends[1:], self.first + 1)

    def columns(self) -> list[list[str]]:
        """Each column's cells, row by row."""
        w, at = self.width, self.first * self.width
        return [self.flat[at + c :: w] for c in range(w)]


def _even_rows(text: str, delim: str) -> _EvenRows | None:
    """The rows of ``text`` (see :class:`_EvenRows`) when every line is a row of the same
    number of cells, two or more: no quote, no carriage return, no line break but ``\n``
    (``splitlines`` would cut there too), no blank line. None otherwise (see :func:`_rows`)."""
    if '"' in text or "\r" in text:
        return None
    lines = text.splitlines(keepends=True)
    if text.count("\n") != len(lines) - (not text.endswith("\n")):
        return None  # another line break (\v, \x1c, \u2028, …) splits a line
    counts = set(map(str.count, lines, repeat(delim)))
    if len(counts) != 1 or 0 in counts:
        return None
    # (A line holding a delimiter is no blank line, unless the delimiter is a tab.)
    if delim == "\t" and any(map(str.isspace, lines)):
        return None
    width = counts.pop() + 1
    flat = text.removesuffix("\n").replace("\n", delim).split(delim)
    starts = [0, *accumulate(map(len, lines))]
    ends = [end - 1 for end in starts[1:]]  # (each line's "\n" left out)
    if not text.endswith("\n"):
        ends[-1] += 1
    del starts[-1]
    return _EvenRows(flat, width, starts, ends)


def compress_table(
    text: str,
    omitter: Omitter,
    base: int = 0,
    delim: str | None = None,
    named: list[str] | None = None,
) -> str:
    """The table as records (see the module docstring). Raises :class:`RaggedTable` if the
    rows do not agree on a field count, ``csv.Error`` if the text does not parse. ``named``:
    column names found outside the rows (a preamble's last comment line), used when they
    fit the table's width and the first row is no header (in a tab-separated file, also
    over a first row that could be one)."""
    if delim is None:
        delim = sniff_delimiter(text[:40000].splitlines()[:200])
        if delim is None:
            raise RaggedTable("no delimiter splits the lines evenly")
    last_line = text[text.rfind("\n", 0, len(text) - 1) + 1 :]
    if named is None and (_COMMENT.match(text) or _COMMENT.match(last_line)):
        # Comment lines before and after the rows stay as they are; the preamble's last line
        # names the columns when it has as many cells as the rows ("#code<TAB>name",
        # tzdata's and VCF's convention).
        head = text[:200000].splitlines(keepends=True)
        preamble = head[: _preamble_lines(head)]
        cut = sum(len(ln) for ln in preamble)
        tail = text[-20000:].splitlines(keepends=True)[::-1]
        end = len(text) - sum(len(ln) for ln in tail[: _preamble_lines(tail)])
        if cut < end:
            comments = [ln.rstrip("\r\n") for ln in preamble if ln.strip()]
            # (Empty cells in it align the names, as in tzdata's zone.tab.)
            last = comments[-1].lstrip(" \t#").split(delim) if comments else []
            named = [c for c in last if c.strip()]
            body = compress_table(text[cut:end], omitter, base + cut, delim, named)
            return text[:cut] + body + ("\n" if end < len(text) else "") + text[end:]
    even = _even_rows(text, delim)
    rows: Sequence[tuple[list[str], int, int]] = _rows(text, delim) if even is None else even
    if len(rows) < 3:
        raise RaggedTable("fewer than 3 rows")
    widths = (
        Counter(map(len, map(itemgetter(0), rows)))
        if even is None
        else Counter({even.width: len(even)})
    )
    width, regular = widths.most_common(1)[0]
    header = [c.strip() for c in rows[0][0]]
    if len(header) >= width:
        # Rows that leave trailing cells out are regular too (spreadsheet exports).
        width = len(header)
        regular = sum(c for w, c in widths.items() if 2 <= w <= width)
    named = [c.strip() for c in named] if named else None
    if named and len(named) >= width and _is_header(named):
        # Rows may leave the last named columns out (tzdata's optional comments).
        width = len(named)
        regular = sum(c for w, c in widths.items() if 2 <= w <= width)
    if width < 2 or regular < _MIN_REGULAR * len(rows):
        raise RaggedTable(f"{len(rows) - regular} of {len(rows)} rows are ragged")
    # (A header may leave out the name of a last column its rows all have: a trailing
    # delimiter on every row but the header's.)
    first_is_header = (
        _is_header(header)
        and width - 1 <= len(header) <= width
        and not _data_row(header, rows[1:200])
    )
    # A comment naming the columns wins over a first row that could be a header only in a
    # tab-separated file (tzdata's); a comma in a prose comment is no column name.
    if (
        named
        and len(named) == width
        and _is_header(named)
        and (delim == "\t" or not first_is_header)
    ):
        names = named
    elif first_is_header:
        rows = rows[1:] if even is None else (even := even.without_first())
        names = [h or f"c{k + 1}" for k, h in enumerate(header + [""] * (width - len(header)))]
    else:
        names = [f"c{k + 1}" for k in range(width)]
    seen: set[str] = set()
    for k, name in enumerate(names):
        while name in seen:
            name += "_"
        names[k] = name
        seen.add(name)

    by_column: Mapping[str, Sequence[Any]]
    distinct: dict[str, list[Any]] | None = None
    # Each row's number of cells.
    lengths: Iterable[int]
    if even is not None and len(names) == even.width:
        lengths = repeat(even.width, len(even))
        raw_columns: Iterable[Sequence[str]] | None = even.columns()
    else:
        cells = list(map(itemgetter(0), rows))
        lengths = list(map(len, cells))
        raw_columns = zip(*cells, strict=True) if set(lengths) == {len(names)} else None
    if raw_columns is not None:
        # Every row has every column: read column by column, each distinct cell once.
        columns = []
        # Each column's distinct values, in the order the column first has them.
        firsts: dict[str, list[Any]] = {}
        for name, raw in zip(names, raw_columns, strict=True):
            read = {c: _value(c) for c in dict.fromkeys(raw)}
            columns.append(list(map(read.__getitem__, raw)))
            firsts[name] = list(read.values())
        distinct = firsts
        records: list[dict[str, Any]] = list(
            map(dict, map(zip, repeat(names), zip(*columns, strict=True)))
        )
        by_column = dict(zip(names, columns, strict=True))
        every = range(len(records))
        known: dict[str, tuple[Sequence[int], list[Any]]] = {
            name: (every, col) for name, col in zip(names, columns, strict=True)
        }
    else:
        # A row longer than the names: its extra cells named c<N>; a shorter one: its first
        # columns.
        records = [
            dict(zip(_keys(names, len(row)), map(_value, row), strict=False)) for row in cells
        ]
        known = indexed_columns(records)
        by_column = {key: known[key][1] for key in names if key in known}
    if even is not None:
        starts, ends = even.starts, even.ends
        widest = least = even.width
    else:
        starts, ends = list(map(itemgetter(1), rows)), list(map(itemgetter(2), rows))
        widest, least = max(lengths), min(lengths)  # type: ignore[type-var]
    items = list(map(Node, records, starts, ends))
    # A row is written with an empty cell for each one the widest row has past it: a short
    # row can be written long (and read again for its long strings) too.
    if max(map(sub, ends, starts)) + widest - least > _CELL_SPANS_FROM:
        for k, (start, end, length) in enumerate(zip(starts, ends, lengths, strict=True)):
            if end - start + widest - length > _CELL_SPANS_FROM:
                keys = _keys(names, length)
                items[k].members = _cell_nodes(text, start, end, delim, keys, records[k])
                if items[k].members is None:
                    # (Its long strings could not be cut: a quote read past the row's end.)
                    raise RaggedTable("a long row's cells cannot be located")
    node = Node(records, 0, len(text), items=items)
    path = "tsv" if delim == "\t" else "csv"
    ranges = _ranges(by_column, len(records), distinct)
    head = [f"ranges: {', '.join(ranges)}"] if ranges else []
    return render_records(
        text, path, node, records, omitter, base, head_lines=head, table=True, table_columns=known
    )


def _keys(names: list[str], width: int) -> list[str]:
    """The keys of a row of ``width`` cells: ``names``, and c<N> past them."""
    return names if width <= len(names) else names + [f"c{k + 1}" for k in range(len(names), width)]


def _cell_nodes(
    text: str, start: int, end: int, delim: str, keys: list[str], rec: dict[str, Any]
) -> list[tuple[str, Node]] | None:
    """Each cell's value with its span (a quoted cell's span includes its quotes); None if
    the row does not split into as many cells as it has values."""
    out: list[tuple[str, Node]] = []
    pos = start
    for key in keys:
        if pos > end:
            break
        if text.startswith('"', pos):
            q = pos + 1
            while True:  # the closing quote ("" inside a quoted cell is an escaped quote)
                q = text.find('"', q, end)
                if q < 0 or not text.startswith('""', q):
                    break
                q += 2
            if q < 0:
                return None
            cell_end = q + 1
        else:
            cell_end = text.find(delim, pos, end)
            cell_end = end if cell_end < 0 else cell_end
        out.append((key, Node(rec[key], pos, cell_end)))
        pos = cell_end + 1
    return out if len(out) == len(rec) else None


def _ranges(
    columns: Mapping[str, Sequence[Any]],
    rows: int,
    distinct: Mapping[str, list[Any]] | None = None,
) -> list[str]:
    """``column min..max`` (cells as written) of every numeric column (``columns``: each
    named column's values, row by row, of ``rows`` rows): the per-column extremes, stated
    once instead of keeping the rows that hold them. ``distinct``: each column's distinct
    values in the order it first has them, if known (a column without strings is looked at
    through them: its least and greatest are the same values, a tie such as 1 and 1.0
    going to the first in the column, as min and max over it give)."""
    out: list[str] = []
    for key, col in columns.items():
        # (a cell's value is a string, an int or a float: see _value)
        few = distinct.get(key) if distinct is not None else None
        if few is not None and str not in set(map(type, few)):
            if len(col) >= 0.5 * rows and (lo := min(few)) != (hi := max(few)):
                out.append(f"{cell(key)} {cell(lo)}..{cell(hi)}")
            continue
        nums = col if str not in set(map(type, col)) else [v for v in col if type(v) is not str]
        if nums and len(nums) >= 0.5 * rows and (lo := min(nums)) != (hi := max(nums)):
            out.append(f"{cell(key)} {cell(lo)}..{cell(hi)}")
    return out
