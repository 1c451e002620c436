"""The retention contract's shared part: rare values and what a marker says it hides.

Every compressor that omits a run of *similar units* (JSON/CSV records, log lines of one
template, rows, list items, search hits of one file, passing test lines) describes the run
with :func:`describe_run`, so a reader learns from the marker alone what it hides:

* how many units (the caller's head, e.g. ``40 records #2-#41``);
* for every field/slot that varies in the run: numbers as ``min..max``, other values as the
  distinct values, **rarest first** (rarity counted over the whole population of similar units,
  not only the run), each with ``×count`` when it repeats in the run, cut at a bounded budget
  with ``+N more``;
* fields are ordered rarest value first, so a value rare for its field is the first thing
  named, whatever the field order in the records;
* the omission id (the :class:`~transforms._omit.Omitter` adds it).

A value is *rare* (:func:`rare_limit`) when it occurs in at most 2 % of the population's units
(at least once). Callers either show every unit holding a rare value or, where that would not
compress, rely on the marker naming it. :class:`Population` counts values per field; use
:meth:`Population.rare_units` to find the units to show and :func:`describe_run` for markers.

Usage (records; CSV rows and log slots work the same with string fields)::

    pop = Population.of([flatten(r) for r in records])
    keep |= pop.rare_units(max_units=50)        # show units carrying rare values (bounded)
    desc = f"{plural(j - i, 'record')} #{i + 1}-#{j}"
    summary = describe_run(pop.units[i:j], pop)
    if summary:
        desc += f" ({summary})"
    marker = omitter.mark("records", spans, j - i, desc)

Structure helpers (:func:`heading_line`) are shared by the prose and document compressors.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain, islice, pairwise, repeat
from operator import itemgetter
from typing import TypeVar, cast

from transforms.tokens import raw_count

__all__ = [
    "BLOB_ID",
    "FIELD_BUDGET",
    "ID_LIKE",
    "RARE_CHARS",
    "RUN_BUDGET",
    "VALUE_CHARS",
    "Population",
    "category_limit",
    "columns_of",
    "common_prefix",
    "describe_run",
    "flatten",
    "heading_line",
    "indexed_columns",
    "rare_limit",
    "render_value",
    "value_key",
]

#: A value longer than this is cut (with "…") in a marker.
VALUE_CHARS = 48
#: A value always listed (rare, see ``describe_run(always=…)``) is cut only past this.
RARE_CHARS = 160
#: Characters of values listed per field in one marker (then ``+N more``).
FIELD_BUDGET = 320
#: Characters of values listed per marker over all fields (then ``+N more fields``).
RUN_BUDGET = 900
#: Share of a population's units a value may occur in and still be rare.
RARE_SHARE = 0.02

Scalar = str | int | float | bool | None
# Rank of fields without a list of values (ranges, constants): after every listed field.
_LAST = 1 << 62
# Numeric fields summarised as ranges per marker (they come after the listed fields).
_MAX_RANGES = 3
# Characters of a free-text field's values listed in a ``compact`` marker.
_TEXT_BUDGET = 100
# A field of measurements (``measure_budget``) with at most this many values in a run lists
# them all (once per output where ``named``): a sample only for more.
_MEASURES_LISTED = 12
# A field constant in a run is named (``name=value``) if its value is this short.
_CONSTANT_CHARS = 32
# Off-type values (a string among a field's numbers, a number or null among its strings)
# named per marker in fields the run budget cuts (then ``+N more off-type``).
_OFF_TYPE_LISTED = 3
# Share of a field's values that its dominant type must hold for the others to be off-type.
_DOMINANT_SHARE = 0.9
# The type class of a value key (``value_key``'s type names; an empty string on its own).
_CLASSES = {"int": "number", "float": "number", "bool": "bool", "NoneType": "null"}


def category_limit(n: int) -> int:
    """Distinct values (out of ``n`` similar units) up to which a field is categorical."""
    return max(24, 2 * math.isqrt(n))


def rare_limit(n: int) -> int:
    """Occurrences (out of ``n`` similar units) up to which a value counts as rare."""
    return max(1, int(n * RARE_SHARE))


# Types tested per value in hot loops (here and in transforms/_json.py): constants, not
# ``dict | list`` built at every test; a tuple for isinstance, a frozenset for a set of
# exact types (``types <= _NUMBER_TYPES``: no bool).
_NUMERIC = (int, float)


class WrittenNumber(float):
    """A number whose text is not how Python prints it (a table cell ``429.10``, ``25.340``,
    ``1.5e3``): a number for ranges and outliers, shown as it was written."""

    __slots__ = ("text",)
    text: str

    def __new__(cls, text: str) -> WrittenNumber:
        self = super().__new__(cls, text)
        self.text = text
        return self

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


_NUMBER_TYPES = frozenset((*_NUMERIC, WrittenNumber))
_CONTAINER = (dict, list)
_JOINABLE = (str, int, float)


def _is_number(v: object) -> bool:
    return isinstance(v, _NUMERIC) and not isinstance(v, bool) and math.isfinite(v)


# A string a marker shows bare (no quotes): nothing a listing separates on, no line break.
_BARE = re.compile(r"[^\s,;\"×][^,;×\n]*")


def render_value(v: object, limit: int = VALUE_CHARS) -> str:
    """A value as a marker shows it: bare when unambiguous, JSON-quoted otherwise, cut at
    ``VALUE_CHARS``. (The Omitter escapes an unbalanced bracket: markers stay parseable.)"""
    if isinstance(v, str):
        s = v if v and _BARE.fullmatch(v) and v == v.strip() else None
        if s is None:
            s = json.dumps(v, ensure_ascii=False)
    elif type(v) is WrittenNumber:
        s = v.text
    else:
        s = json.dumps(v, ensure_ascii=False)
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return s


def flatten(
    value: object,
    prefix: str = "",
    depth: int = 2,
    deep: set[str] | None = None,
    usual: int = 2,
    past: bool = False,
) -> dict[str, Scalar]:
    """Scalar leaves of a record as ``{"a.b": v}``, down to ``depth`` levels. A short list of
    scalars is one value (``a|b|c``); other deeper containers are left
    out (they are shown, or counted in a marker's record count, never summarised).
    ``deep``: given, the fields a flatten to depth ``usual`` would have left out are added to
    it (read deeper for rare values only)."""
    out: dict[str, Scalar] = {}
    if isinstance(value, dict):
        if depth > 0:
            past = past or usual <= 0
            for k, v in value.items():
                key = f"{prefix}.{k}" if prefix else str(k)
                if isinstance(v, _CONTAINER):
                    if isinstance(v, list) and all(map(isinstance, v, repeat(_JOINABLE))):
                        # (a list of scalars, the most common container: joined here, as below)
                        text = "|".join(map(str, v))
                        if len(text) <= VALUE_CHARS:
                            out[key or "$"] = text
                            if past and deep is not None:
                                deep.add(key or "$")
                    elif depth > 1 or not isinstance(v, dict):  # (one level down: no leaves)
                        if deep is None:
                            out.update(flatten(v, key, depth - 1))
                        else:
                            below = past or not (usual > 1 or not isinstance(v, dict))
                            out.update(flatten(v, key, depth - 1, deep, usual - 1, below))
                else:  # a scalar leaf, set here (records are mostly scalars: no call each)
                    out[key or "$"] = v
                    if past and deep is not None:
                        deep.add(key or "$")
    elif isinstance(value, list):
        if all(isinstance(v, _JOINABLE) for v in value):
            text = "|".join(map(str, value))
            if len(text) <= VALUE_CHARS:
                out[prefix or "$"] = text
                if past and deep is not None:
                    deep.add(prefix or "$")
        elif all(isinstance(v, dict) for v in value):
            # A short list of small records (an SBOM component's licenses, hashes, links):
            # each field's values joined, so a rare one (a licence exception) counts as rare.
            joined: dict[str, list[str]] = {}
            for item in value:
                for k, v in flatten(item, f"{prefix}.*", depth, deep, usual, past).items():
                    if v is not None:
                        joined.setdefault(k, []).append(str(v))
            for k, vs in joined.items():
                text = "|".join(vs)
                if len(text) <= RARE_CHARS:
                    out[k] = text
    else:
        out[prefix or "$"] = value  # type: ignore[assignment]
        if past and deep is not None:
            deep.add(prefix or "$")
    return out


def list_columns(
    records: Sequence[Mapping[str, object]], skip: Collection[str] = ()
) -> dict[str, list[tuple[Scalar, ...] | None]]:
    """Fields (named as :func:`flatten` names them, down to its depth) whose every value is a
    list of scalars, but for those in ``skip`` (top-level names): per record, its list's
    items (None where the record lacks the field). For ``describe_run(lists=…)``."""
    out: dict[str, list[tuple[Scalar, ...] | None]] = {}
    mixed: set[str] = set()
    for i, record in enumerate(records):
        stack: list[tuple[str, Mapping[str, object], int]] = [("", record, 2)]
        while stack:
            prefix, obj, depth = stack.pop()
            for k, v in obj.items():
                key = f"{prefix}.{k}" if prefix else str(k)
                if not prefix and key in skip:
                    continue
                if isinstance(v, list):
                    if key in mixed:
                        continue
                    if not all(isinstance(x, _JOINABLE) for x in v):
                        mixed.add(key)
                        continue
                    col = out.get(key)
                    if col is None:
                        col = out[key] = [None] * len(records)
                    col[i] = tuple(v)
                elif isinstance(v, dict):
                    if depth > 1:
                        stack.append((key, v, depth - 1))
                    else:
                        mixed.add(key)
                elif v is not None:  # (null: as if absent)
                    mixed.add(key)
    return {k: col for k, col in out.items() if k not in mixed}


def spread_names(names: Sequence[str], budget: int) -> tuple[list[str], int]:
    """Names of a sorted list of distinct names (``go list -json``'s ``Deps``) a marker
    hiding them lists within ``budget`` characters (each ``, ``-separated), spread evenly
    through the list (rarest first says nothing among names each found once; spread, they
    bound where each unnamed one stands), in its order; with how many are left unnamed
    (``+N more``). All of them when they fit."""
    m = len(names)

    def pick(k: int) -> list[str]:
        return [names[(2 * i + 1) * m // (2 * k)] for i in range(k)] if k else []

    def size(chosen: list[str]) -> int:
        return sum(len(x) + 2 for x in chosen)

    if size(list(names)) <= budget:
        return list(names), 0
    lo, hi = 0, m - 1  # the largest k whose pick fits (a pick's size grows with k, nearly)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if size(pick(mid)) <= budget:
            lo = mid
        else:
            hi = mid - 1
    chosen = pick(lo)
    return chosen, m - len(chosen)


# Ids (hashes, uuids, long numbers): each is one-off by nature and says little in a marker.
ID_LIKE = re.compile(
    r"[0-9a-fA-F]{12,}|[0-9a-f]{8}-[0-9a-f]{4}|\d{6,}"
    # a short hex id or hash ("r-c1cff22d", "8f2c1ad"): 7+ hex digits mixing digits and
    # letters, standing alone (words made of a-f letters only, "facade", are not ids)
    r"|(?<![0-9A-Za-z])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}(?![0-9A-Za-z])"
    r"|(?:\d{4}|#)-(?:\d{2}|#)-\d{2}[T ][\d#]"  # a timestamp (or its shape): a measurement
    # a random token in base 62 (a NATS inbox's nuid "pU8dg2kAQEDWX2zcgZ9Ox9", a request id):
    # 16+ letters and digits standing alone, with a digit and either 3+ runs of digits after
    # letters, 2+ capitals and 2+ small letters, or 4+ capitals after a small letter and two
    # pairs of capitals (no CamelCase name: "Base64EncodedString2", "getHTTP2ServerConfig").
    # About 4 in 5 random 22-character tokens; 2 of 12,700 such names of Python packages.
    r"|(?<![0-9A-Za-z])(?=[0-9A-Za-z]{16})(?:(?=(?:[0-9A-Za-z]*?[A-Za-z]\d){3})"
    r"(?=[0-9a-z]*[A-Z][0-9a-z]*[A-Z])(?=[0-9A-Z]*[a-z][0-9A-Z]*[a-z])"
    r"|(?=[0-9A-Za-z]*\d)(?=(?:[0-9A-Za-z]*?[a-z][A-Z]){4})(?=(?:[0-9A-Za-z]*?[A-Z][A-Z][a-z0-9]){2}))"
    r"[0-9A-Za-z]{16,}"
)

# A digest or key in base64 ("sha512-PYAthTa2m2VK…=="): an id, not a name.
BLOB_ID = re.compile(
    r"(?:[a-z]+\d*[-:])?(?=[^\s]*\d)(?=[^\s]*[a-z])(?=[^\s]*[A-Z])[A-Za-z0-9+/_-]{32,}={0,2}"
)

# A value opening with a digit (a version "1.2-3", a size "4.2K", "(2.36-9)"): a measurement.
_MEASURE = re.compile(r"[(\[]?[-+~]?\d")

# Items of a list joined into one value by :func:`flatten` (``a|b c``).
_JOINED = re.compile(r"\S\|\S")

# Numbers standing alone (not the digits of a name such as libssl3 or amd64).
_DIGITS = re.compile(r"(?<![A-Za-z\d])\d+(?![A-Za-z\d])")


def value_key(v: Scalar) -> tuple[str, Scalar]:
    """What makes two values the same value: type and value; strings by their shape, numbers
    masked ("Line too long (98 > 88)" and "(94 > 88)" are one message), so numbers inside text
    neither make every value rare nor flood a marker. Digits inside a name (``libssl3``,
    ``amd64``) are part of it."""
    if isinstance(v, str):
        return ("str", _shape(v))
    # (a number written "0.10" is the float 0.1)
    return ("float" if type(v) is WrittenNumber else type(v).__name__, v)


_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1 << 16)
def _kind(key: tuple[str, Scalar]) -> str:
    if key[0] != "str":
        return key[0]
    return _LETTERS.sub("a", str(key[1]))


@lru_cache(maxsize=1 << 16)
def _shape(v: str) -> str:
    return _DIGITS.sub("#", v)


_V = TypeVar("_V")


def indexed_columns(
    units: Sequence[Mapping[str, _V]],
) -> dict[str, tuple[Sequence[int], list[_V]]]:
    """Each field's (indices of the units holding it, their values in unit order), fields in
    first-seen order: gathered field by field when every unit holds every field (a table's
    rows, records of one shape), else in one pass over the units' items (units holding few
    of many fields: a lookup per field and unit would cost more)."""
    held = dict.fromkeys(chain.from_iterable(units))
    if set(map(len, units)) <= {len(held)}:
        every = range(len(units))
        return {k: (every, list(map(itemgetter(k), units))) for k in held}
    out: dict[str, tuple[list[int], list[_V]]] = {k: ([], []) for k in held}
    for i, u in enumerate(units):
        for k, v in u.items():
            idx, vs = out[k]
            idx.append(i)
            vs.append(v)
    return dict(out)


def columns_of(units: Sequence[Mapping[str, _V]]) -> dict[str, list[_V]]:
    """Each field's values, unit by unit (of the units holding it), fields in first-seen
    order (:func:`indexed_columns` without the indices)."""
    return {k: vs for k, (_, vs) in indexed_columns(units).items()}


@dataclass(slots=True)
class Population:
    """All units of one shape (an array's records, one log template's lines, a table's rows)
    with the count of every value per field, over the whole population."""

    units: list[Mapping[str, Scalar]]
    counts: dict[str, Counter[tuple[str, Scalar]]] = field(default_factory=dict)
    #: What makes two values the same value (default :func:`value_key`).
    key: Callable[[Scalar], tuple[str, Scalar]] = value_key
    _kinds: dict[str, Counter[str]] = field(default_factory=dict)

    _rare: dict[str, frozenset[tuple[str, Scalar]]] = field(default_factory=dict)
    _once: dict[str, frozenset[tuple[str, Scalar]]] = field(default_factory=dict)
    _dominant: dict[str, tuple[str, int] | None] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        units: Iterable[Mapping[str, Scalar]],
        key: Callable[[Scalar], tuple[str, Scalar]] | None = None,
        columns: Mapping[str, list[Scalar]] | None = None,
    ) -> Population:
        """Count the values of ``units``; ``key`` (default :func:`value_key`) says which are
        the same value. ``columns``: :func:`columns_of` ``units`` when the caller has it (each
        field's values in unit order, of the units holding the field; fields in first-seen
        order): not gathered again. A field whose list is empty there is left out."""
        pop = cls(list(units)) if key is None else cls(list(units), key=key)
        values: Mapping[str, list[Scalar]]
        if columns is not None:
            values = {k: vs for k, vs in columns.items() if vs}
        else:
            values = columns_of(pop.units)
        key = pop.key
        for k, vs in values.items():
            types = set(map(type, vs))
            if len(types) == 1 and type(vs[0]) is not str and key is value_key:
                # One type, no strings: a value's key is its type's name and itself (each
                # distinct value keyed once, in first-seen order).
                name = type(vs[0]).__name__
                pop.counts[k] = Counter({(name, v): m for v, m in Counter(vs).items()})
            elif len(types) > 1 and key is value_key:
                # Several types: each distinct (type, value) keyed once, in first-seen order
                # (a Counter of the values would merge 1, 1.0 and True).
                mixed: Counter[tuple[str, Scalar]] = Counter()
                for (_, v), m in Counter(zip(map(type, vs), vs, strict=True)).items():
                    mixed[value_key(v)] += m
                pop.counts[k] = mixed
            elif len(types) == 1 and type(vs[0]) is str:
                # Strings only: each distinct value keyed once (Counter would merge 1, 1.0
                # and True, so not for other types); keys in the same first-seen order.
                c: Counter[tuple[str, Scalar]] = Counter()
                for v, m in Counter(vs).items():
                    c[key(v)] += m
                pop.counts[k] = c
            else:
                pop.counts[k] = Counter(map(key, vs))
        return pop

    def remapped(self, fn: Callable[[tuple[str, Scalar]], tuple[str, Scalar]]) -> Population:
        """The same units with values the same when ``fn`` of their keys are (a coarser
        :attr:`key`): counts merged from this population's, units not looked at again."""
        base = self.key

        def key(v: Scalar) -> tuple[str, Scalar]:
            return fn(base(v))

        pop = Population(self.units, key=key)
        for name, c in self.counts.items():
            merged: Counter[tuple[str, Scalar]] = Counter()
            for k, m in c.items():
                merged[fn(k)] += m
            pop.counts[name] = merged
        return pop

    def rare_keys(self, name: str) -> frozenset[tuple[str, Scalar]]:
        """The value keys of field ``name`` that occur in at most :func:`rare_limit` units, in
        a field whose values repeat (a field of all-distinct values, ids or line numbers, has
        no rare value; measurements with many values neither) (cached)."""
        got = self._rare.get(name)
        if got is None:
            c = self.counts.get(name)
            n = len(self.units)
            if not c or len(c) < 2 or len(c) * 2 > n:
                got = frozenset()
            else:
                limit = rare_limit(n)
                many = len(c) > 24
                got = frozenset(
                    k
                    for k, m in c.items()
                    if m <= limit and not (many and _is_number(k[1]) and k[0] != "str")
                )
            self._rare[name] = got
        return got

    def one_off_texts(self, name: str) -> frozenset[tuple[str, Scalar]]:
        """The value keys of field ``name`` that are texts (strings with a space: a message;
        not a list's items joined, ``dev|static analysis``) found in one unit (cached)."""
        got = self._once.get(name)
        if got is None:
            c = self.counts.get(name)
            got = frozenset(
                k
                for k, m in (c.items() if c else ())
                if m == 1 and k[0] == "str" and " " in k[1] and not _JOINED.search(k[1])  # type: ignore[operator, arg-type]
            )
            self._once[name] = got
        return got

    def dominant_class(self, name: str) -> tuple[str, int] | None:
        """:func:`_dominant_class` of field ``name``'s counts (cached: each of a population's
        runs looks at it)."""
        if name not in self._dominant:
            self._dominant[name] = _dominant_class(self.counts[name])
        return self._dominant[name]

    def kind_counts(self, name: str) -> Counter[str]:
        """How many distinct values of field ``name`` have each kind (type, or for strings
        their letter/digit pattern): in a field of distinct values (ids, names) a value of
        another kind (a string among numbers, ``ERR-7`` among words) is the rare one."""
        if name not in self._kinds:
            c = self.counts.get(name)
            self._kinds[name] = Counter(_kind(k) for k in c) if c else Counter()
        return self._kinds[name]

    def rare_units(
        self,
        max_units: int | None = None,
        max_distinct: int | None = None,
        max_distinct_numbers: int = 24,
    ) -> dict[int, str]:
        """Units (index -> field) holding a value rare for a categorical field (see
        :meth:`rare_keys`), the first unit of each rare value; at most ``max_units`` (None: all).
        ``max_distinct`` (default ``max(24, 2·√n)``) and ``max_distinct_numbers`` bound the
        distinct values of a field (of a numeric one) that counts as categorical.
        Rare values past the bound, and those of fields with many distinct values, are left to
        the markers, which name them first."""
        out: dict[int, str] = {}
        rare: dict[str, set[tuple[str, Scalar]]] = {}
        n = len(self.units)
        limit = rare_limit(n)
        most = category_limit(n) if max_distinct is None else max_distinct
        for name, c in self.counts.items():
            # Values repeat among the units holding the field (an optional field held by a
            # few records, each value once: a package's ``bin``, its ``suggest`` entries, is
            # no category; the markers name its values).
            if 2 <= len(c) <= most and len(c) * 2 <= min(n, c.total()):
                keys = {
                    k
                    for k, m in c.items()
                    if m <= limit and (k[0] == "str" or len(c) <= max_distinct_numbers)
                }
                if keys:
                    rare[name] = keys
        if not rare:
            return out
        units = self.units
        order = tuple(units[0]) if units else ()
        if self.key is value_key and set(map(tuple, units)) == {order}:
            # Every unit holds the same fields in the same order (a table's rows): the first
            # unit of each rare value found column by column, each distinct (type, value) once
            # (its first index: the reversed pairs' last write), then taken in unit order.
            firsts: list[tuple[int, int, str]] = []
            for name, keys in rare.items():
                col = list(map(itemgetter(name), units))
                typed = list(zip(map(type, col), col, strict=True))
                first_of: dict[tuple[str, Scalar], int] = {}
                at = dict(zip(reversed(typed), range(len(typed) - 1, -1, -1), strict=True))
                for (_, v), i in at.items():
                    k = value_key(v)
                    if k in keys and i < first_of.get(k, len(typed)):
                        first_of[k] = i
                at_field = order.index(name)
                firsts.extend((i, at_field, name) for i in first_of.values())
            for i, _, name in sorted(firsts):
                if max_units is not None and len(out) >= max_units:
                    return out
                out.setdefault(i, name)
            return out
        seen: set[tuple[str, tuple[str, Scalar]]] = set()
        for i, u in enumerate(self.units):
            for name, v in u.items():
                wanted = rare.get(name)
                if wanted is None:
                    continue
                k = self.key(v)
                if k not in wanted or (name, k) in seen:
                    continue
                seen.add((name, k))
                if max_units is not None and len(out) >= max_units:
                    return out
                out.setdefault(i, name)
        return out


def _type_class(key: tuple[str, Scalar]) -> str | None:
    """A value key's type class (number, string, bool, null); "" for an empty string, an
    empty cell: missing data, of no type (a country's blank ITU code among codes is no
    off-type value; JSON's null, written as such, is); None for a key not of
    :func:`value_key` (a log template's)."""
    if key[0] == "str":
        return "string" if key[1] else ""
    return _CLASSES.get(key[0])


def _dominant_class(counts: Counter[tuple[str, Scalar]]) -> tuple[str, int] | None:
    """The dominant type class of a field counted ``counts`` and how many values hold it, or
    None where no value can be off-type (a key not of :func:`value_key`, one class only, or
    mixed types). Empty cells (missing data) count towards no class."""
    by_class: Counter[str] = Counter()
    for k, m in counts.items():
        c = _type_class(k)
        if c is None:
            return None
        if c:
            by_class[c] += m
    if len(by_class) < 2:
        return None
    ((top, most),) = by_class.most_common(1)
    if most < _DOMINANT_SHARE * by_class.total():
        return None
    return top, most


def _off_type(
    counts: Counter[tuple[str, Scalar]],
    keys: Iterable[tuple[str, Scalar]],
    n: int,
    dominant: tuple[str, int] | None,
) -> set[tuple[str, Scalar]]:
    """Those of ``keys`` whose type class differs from the dominant one of a field counted
    ``counts`` (over ``n`` units), and rare (:func:`rare_limit`): a non-numeric CIK in a column
    of numbers, a number or null among names. A field of mixed types has none. Empty cells
    (missing data) are none. ``dominant``: :func:`_dominant_class` of ``counts`` (a
    population's is counted once per field, not once per run: :meth:`Population.dominant_class`)."""
    if dominant is None:
        return set()
    top, most = dominant
    limit = rare_limit(n)
    off = {k for k in keys if _type_class(k) not in (top, "") and counts[k] <= limit}
    if off and top == "string":
        # Abbreviated hashes (a git log's) of digits only read as numbers: not off-type.
        hexes = sum(m for k, m in counts.items() if k[0] == "str" and _HEX.fullmatch(str(k[1])))
        if 2 * hexes > most:
            off = {k for k in off if _type_class(k) != "number"}
    return off


_HEX = re.compile(r"[0-9a-fA-F#]{6,}")


def _guaranteed(v: Scalar, count: int, always: int, words_only: bool) -> bool:
    """Whether a value found ``count`` times is listed past every budget (``describe_run``)."""
    if count > always or not isinstance(v, str) or not _nameable(v):
        return False  # numbers, versions and sizes (ranges or shapes), ids
    return not (words_only and (" " in v or "\n" in v))


def _measures(values: Iterable[Scalar]) -> bool:
    """Whether most of ``values`` (strings) are measurements (versions, sizes) or ids (a
    request's random inbox, a hash): apart from the names beside them, a sample says
    enough."""
    strings = [v for v in values if isinstance(v, str)]
    return bool(strings) and 2 * sum(1 for v in strings if not _nameable(v)) > len(strings)


@lru_cache(maxsize=1 << 16)
def _nameable(text: str) -> bool:
    """Not a measurement (a version, a size) nor an id: a value a marker names."""
    return not (_MEASURE.match(text) or ID_LIKE.search(text))


def _one_off_key(
    once: Collection[tuple[str, Scalar]],
    fine: Callable[[Scalar], tuple[str, Scalar]],
    coarse: Callable[[Scalar], tuple[str, Scalar]],
    v: Scalar,
) -> tuple[str, Scalar]:
    """``v``'s key: its ``fine`` one if that is in ``once`` (a one-off text), else its
    ``coarse`` one (a message's template)."""
    k = fine(v)
    return k if k in once else coarse(v)


def _exact(v: Scalar) -> tuple[str, Scalar]:
    """The key of one exact value in a ``named`` set (shapes are ``value_key``'s)."""
    return ("=", v)


@dataclass(slots=True)
class _Values:
    """One field's values in a run, by shape, for :func:`describe_run`."""

    exacts: dict[tuple[str, Scalar], dict[Scalar, int]]
    originals: dict[tuple[str, Scalar], Scalar]
    run_counts: Counter[tuple[str, Scalar]]
    guar: dict[tuple[str, Scalar], bool]
    named: set[tuple[str, Scalar]] | None
    forced: bool = False  # every value listed (always_fields): shapes cut only past RARE_CHARS
    strip: str = ""  # a prefix all the run's values share, said once (``compact``)
    hashes: bool = False  # content-addressed directories said as "…" (``braces``)
    journal: list[tuple[str, Scalar]] | None = None  # what ``mark_named`` added to ``named``

    def fresh(self, k: tuple[str, Scalar]) -> list[tuple[Scalar, int]]:
        """The exact values of shape ``k`` not named above, with their counts in the run."""
        named = self.named
        if named is None:
            return list(self.exacts[k].items())
        return [(x, c) for x, c in self.exacts[k].items() if ("=", x) not in named]  # _exact

    def is_named(self, k: tuple[str, Scalar]) -> bool:
        named = self.named
        if named is None:
            return False
        if self.guar[k]:  # every exact value of the shape named above (none of it fresh)
            return all(("=", x) in named for x in self.exacts[k])  # (_exact)
        return k in named

    def listing(self, k: tuple[str, Scalar], counted: bool = True) -> str:
        """The values of shape ``k`` as a marker lists them (``×n`` when ``counted``)."""
        if not self.guar[k]:
            n = self.run_counts[k] if counted else 1
            limit = RARE_CHARS if self.forced else VALUE_CHARS
            shown = self.originals[k]
            if self.strip and isinstance(shown, str) and shown.startswith(self.strip):
                shown = "…" + shown[len(self.strip) :]
            elif self.hashes and isinstance(shown, str) and "/" in shown:
                # The file after a store's hash directories is what a reader looks for:
                # named whole, the hash left to the omitted text.
                elided = _HASH_DIRS.sub("…", shown)
                if elided != shown:
                    shown, limit = elided, RARE_CHARS
            return render_value(shown, limit) + (f"×{n}" if n > 1 else "")
        return ", ".join(
            render_value(x, RARE_CHARS) + (f"×{c}" if c > 1 and counted else "")
            for x, c in self.fresh(k)
        )

    def mark_named(self, k: tuple[str, Scalar]) -> None:
        named = self.named
        if named is not None:
            self._add(named, k)
            if self.guar[k]:
                journal = self.journal
                for x in self.exacts[k]:
                    e = ("=", x)  # (_exact, and _add inlined: a call less per value)
                    if e not in named:
                        named.add(e)
                        if journal is not None:
                            journal.append(e)
                    # ``pkg@https://…/pkg-1.0.tgz`` (npm's cache line) names the reference
                    # after its "@" too: a later fetch of that very URL is named above.
                    if isinstance(x, str) and "@" in x:
                        tail = _at_tail(x)
                        if tail:
                            self._add(named, ("@", tail))

    def _add(self, named: set[tuple[str, Scalar]], k: tuple[str, Scalar]) -> None:
        if k not in named:
            named.add(k)
            if self.journal is not None:
                self.journal.append(k)


# A part of a run's description: the field's values, the shapes it names and those of them
# off-type (all that a part cut to its off-type values names).
_Marks = tuple[_Values | None, list[tuple[str, Scalar]], list[tuple[str, Scalar]]]

# What a run without ``braces`` (or nothing named above) derives: nothing (never added to).
_NO_DERIVED: Counter[str] = Counter()


def describe_run(
    units: Sequence[Mapping[str, Scalar]],
    population: Population | None = None,
    *,
    fields: Sequence[str] | None = None,
    field_budget: int = FIELD_BUDGET,
    run_budget: int = RUN_BUDGET,
    named: set[tuple[str, Scalar]] | None = None,
    always: int = 0,
    always_repeating: bool = False,
    always_fields: Collection[str] = (),
    compact: bool = False,
    measure_budget: int | None = None,
    braces: bool = False,
    texts: Population | None = None,
    columns: Mapping[str, list[Scalar]] | None = None,
    lists: Mapping[str, ListField] | None = None,
) -> str:
    """What a run of similar units holds, for its marker: per varying field, numbers as a
    range (at most three fields) and other values rarest first (``name: a, b×3, +2 more``);
    strings differing only in their digits count as one value, shown with ``#`` for digits.
    A field the same in every unit of the run is named as ``name=value`` when short.
    ``population`` counts rarity (default: the run itself); ``fields`` restricts and orders
    the fields looked at (default: all, in first-seen order). ``named``, if given, holds the
    values earlier markers of the same output listed (in any field): those are not listed
    again (counted as ``+N named above``), and this call adds the ones it lists.

    ``always``: a value found in at most this many units of the population (in any field,
    also where most values are distinct: a one-off package or subject) is listed whatever the
    budgets, and a field listing one is never cut (``+N more fields`` counts only the others);
    ids (hex runs, long digit runs) excepted, which the budgets bound as before.
    ``always_repeating`` narrows that to fields whose values repeat (at most half as many
    distinct values as units) and to values without spaces: codes, names, categories.
    ``always_fields``: fields every value of which is listed so (the caller's categorical
    fields, whose values it does not show otherwise), with spaces, versions and all.
    ``compact``: fields of ids (hashes, uuids) and fields derived from another one (each
    value holds that field's value: a URL or reference built from a name) are only counted
    (``+N more fields``), unless in ``always_fields``; free text (values with spaces, a
    message) gets a small budget (a sample, then ``+N more``).
    ``measure_budget``: the characters listed of a field whose values in the run are many
    and mostly measurements (versions, sizes: strings opening with a digit) or ids (``ID_LIKE``):
    apart from the names they measure a sample says enough (then ``+N more``).
    ``braces``: values without spaces (log slots) sharing a prefix or suffix are listed with
    it said once (:func:`brace_values`).
    ``texts``: the units' population by a finer key (``population``'s counting a message's
    template as one value, this one every message): a text (a value with spaces) found in one
    unit of it, in a field whose values repeat in ``population``, is listed as it is, whatever
    the budgets (with ``always``), never only as its template (``Class cannot subclass "…"``
    names no class).
    ``columns``: :func:`columns_of` ``units``, when the caller has it (not gathered again).
    ``lists``: fields whose values are lists of scalars (a repository's ``topics``), each
    with the number of units of the population holding each item (an empty list counted
    under ``()``) and the run's lists: described by their distinct items
    (``topics[*]: quantum, python×20, +12 more``, see :func:`_list_part`), not by the
    combinations a unit's field (``flatten``'s ``a|b``) holds, which are left out."""
    if not units:
        return ""
    pop = population or Population.of(units)
    indexed = None  # (gathered once for both, when compact needs the indices)
    if columns is None:
        if compact:
            indexed = indexed_columns(units)
            columns = {k: vs for k, (_, vs) in indexed.items()}
        else:
            columns = columns_of(units)
    # The fields in first-seen order.
    names = list(fields if fields is not None else columns)
    if lists:
        names = [name for name in names if name not in lists]
    skipped = 0
    rare_only: set[str] = set()  # derived fields kept for their rare values: only those
    if compact:
        kept = _not_redundant(
            units, names, pop, always_fields, always, always_repeating, rare_only, indexed
        )
        skipped = len(names) - len(kept)
        names = kept
    list_parts: list[tuple[int, int, str, bool]] = []
    if lists:
        for name, (counts_, run_lists) in lists.items():
            if compact and name not in always_fields:
                # A list of ids (a lockfile's hashes): only counted, as a field of ids.
                sample = list(islice(chain.from_iterable(run_lists), _ID_SAMPLE))
                if sample and all(isinstance(x, str) and _is_id(x) for x in sample):
                    skipped += 1
                    continue
            part = _list_part(
                name,
                counts_,
                run_lists,
                len(pop.units),
                always=always,
                words_only=always_repeating,
                forced=name in always_fields,
                budget=field_budget,
                compact=compact,
            )
            if part is not None:
                list_parts.append((part[0], len(names), part[1], part[2]))
                names.append(name)
    # A part's values are named above (``named``) once written: a first pass marks them as it
    # goes (a later field's directory of values named above sees them); if the run budget then
    # cut a field that named some, its marks are undone and a second pass cuts the same
    # fields, marking none of theirs (their off-type values once said).
    journal: list[Shape] | None = [] if named is not None else None
    cut_fields: frozenset[str] | None = None
    while True:
        # (rank, order, text): fields holding a rare value first, then by their rarest value.
        # (then: a field's off-type values, ``name: v, +N more``, said if the field is cut; the
        # last: the values the part names, and those of them off-type)
        parts: list[tuple[int, int, str, bool, tuple[list[str], int], _Marks]] = []
        no_off: tuple[list[str], int] = ([], 0)
        no_marks: _Marks = (None, [], [])
        parts.extend((*part, no_off, no_marks) for part in list_parts)
        ranges = 0
        for order, name in enumerate(names):
            if lists and name in lists:
                continue
            vals = columns.get(name)
            if not vals:
                continue
            types = set(map(type, vals))
            if (
                all(map(math.isfinite, vals))  # type: ignore[arg-type]  # (exact types: no bool)
                if types <= _NUMBER_TYPES
                else str not in types and all(map(_is_number, vals))
            ):
                lo, hi = min(vals), max(vals)  # type: ignore[type-var]
                if lo != hi and ranges < _MAX_RANGES:
                    ranges += 1
                    text = f"{name} {render_value(lo)}..{render_value(hi)}"
                    parts.append((_LAST, order, text, False, no_off, no_marks))
                continue
            shapes = None
            counts = pop.counts.get(name)
            if not counts:
                shapes = _shapes(vals, types, pop.key)
                counts = shapes[0]
            field_always = always
            if always_repeating and len(counts) * 2 > len(pop.units):
                field_always = 0
            elif always_repeating and field_always:
                # A value is rare for its field only below the field's typical count: in a key
                # column where every value occurs twice (long-format data), none stands out.
                # (A field of mostly one-off values, authors of a log, keeps them all rare.)
                typical = sorted(counts.values())[len(counts) // 2]
                if typical >= 2:
                    field_always = min(field_always, typical - 1)
            # (Texts of a field whose values, templates of texts, repeat among the units holding
            # it: not an optional field whose few holders each say something else.)
            once = (
                texts.one_off_texts(name)
                if texts is not None and field_always and len(counts) * 2 <= counts.total()
                else None
            )
            alone: Collection[Shape] = ()
            if once:
                # A one-off text is a value of its own (its key in ``texts``), not its template's.
                coarse = pop.key
                shapes = _shapes(vals, types, partial(_one_off_key, once, texts.key, coarse))  # type: ignore[union-attr]
                alone = once.intersection(shapes[0])
                if alone:
                    counts = Counter(counts)
                    for k in alone:
                        template = coarse(next(iter(shapes[3][k])))
                        if template != k:
                            counts[k] = 1
                            counts[template] -= 1
            run_counts, firsts, originals, exacts = shapes or _shapes(vals, types, pop.key)
            # A value listed past every budget is listed as it is, never as its shape
            # (libpython3.11-dev and libpython3.9-dev are two packages), and counts as named
            # above only where that very value was: _exact keys in ``named``.
            forced = name in always_fields
            if forced:
                # Each value as it is (a category has few values): a shape says none of them
                # (versions of a small lockfile: "#.#.#"; a message's template naming no module).
                guar = dict.fromkeys(run_counts, True)
            else:
                # (A value found more than ``field_always`` times is not guaranteed: told
                # without a call of _guaranteed, most of a log slot's values.)
                guar = {
                    k: k in alone
                    or (
                        (seen := counts[k]) <= field_always
                        and _guaranteed(next(iter(exacts[k])), seen, field_always, always_repeating)
                    )
                    for k in run_counts
                }

            values = _Values(
                exacts, originals, run_counts, guar, named, forced, hashes=braces, journal=journal
            )
            # (a field the first pass cut: its values marked only where written)
            held = cut_fields is not None and name in cut_fields
            label = name
            if compact and not forced and len(run_counts) > 1:
                prefix, every = _shared_prefix(vals)
                if prefix:
                    values.strip = prefix
                    label = (
                        f"{name} ({'all' if every else 'most'} {render_value(prefix, RARE_CHARS)}…)"
                    )

            has_rare = bool(alone) or not pop.rare_keys(name).isdisjoint(run_counts)
            if len(run_counts) == 1 and not has_rare:
                # The same in the whole run: named when short (a long one is shown elsewhere),
                # or when rare (``always``), once per output.
                (only,) = run_counts
                must = guar[only] or forced
                if values.is_named(only) or (compact and only == ("NoneType", None)):
                    continue  # (a field null in the whole run says nothing in a compact marker)
                if compact and not must and len(values.exacts[only]) > 1:
                    continue  # nor does a shape several values share ("version=#.#.#")
                text = values.listing(only, counted=False)
                if len(text) <= _CONSTANT_CHARS or must:
                    sep = ": " if must and len(values.fresh(only)) > 1 else "="
                    marks: _Marks = (values, [only], [])
                    parts.append((_LAST - 1, order, f"{name}{sep}{text}", must, no_off, marks))
                    if not held:
                        values.mark_named(only)
                continue
            kinds = pop.kind_counts(name) if name in pop.counts else Counter(map(_kind, run_counts))
            # Values named above are only counted: left out before the others are ranked.
            above = 0
            fresh: Iterable[tuple[str, Scalar]] = run_counts
            if named is not None:
                fresh = [k for k in run_counts if not values.is_named(k)]
                above = len(run_counts) - len(fresh)
            ranked = sorted(fresh, key=lambda k: (counts[k], kinds[_kind(k)], firsts[k]))
            shown: list[str] = []
            used = 0
            guaranteed = False
            budget = field_budget
            if compact and not forced and any(isinstance(v, str) and " " in v for v in vals):
                budget = min(field_budget, _TEXT_BUDGET)  # free text: a sample, not a listing
            if (
                measure_budget is not None
                and not forced
                and len(run_counts) > _MEASURES_LISTED
                and _measures(next(iter(same)) for same in exacts.values())
            ):
                budget = min(budget, measure_budget)
            if name in rare_only:
                # Derived from a field listed beside it: only its one-off values, each as it is.
                ranked = [k for k in ranked if guar[k] and counts[k] == 1]
            # A log slot's values that are a directory followed by a value named above (a build
            # copying ``pkg/x.py`` to ``build/lib.linux-x86_64-cpython-311/pkg/x.py``): that
            # directory said once, the rest counted as named above.
            derived = Counter[str]() if braces and named else _NO_DERIVED
            listed: list[tuple[str, Scalar]] = []  # (the values this part says)
            if braces and named:
                kept_keys: list[tuple[str, Scalar]] = []
                for k in ranked:
                    if forced:
                        kept_keys.append(k)
                        continue
                    if not guar[k]:
                        # (a version or an id in it: listed within budgets, unless its package
                        # is named above)
                        fresh_values = values.fresh(k)
                        archives = [_named_archive(x, named) for x, _ in fresh_values]
                        if fresh_values and all(archives):
                            derived.update(archives)
                            listed.append(k)
                            if not held:
                                values.mark_named(k)
                            continue
                    else:
                        fresh_values = values.fresh(k)
                        if fresh_values and all(("@", x) in named for x, _ in fresh_values):
                            # Each the reference of a ``name@reference`` named above.
                            above += 1
                            listed.append(k)
                            if not held:
                                values.mark_named(k)
                            continue
                        # Each value's directory or archive form (a string with a "/" or
                        # a ".deb" has one, if any), up to the first that has none.
                        prefixes: list[str] = []
                        for x, _ in fresh_values:
                            p = (
                                _named_tail(x, named) or _named_archive(x, named)
                                if isinstance(x, str) and ("/" in x or x.endswith(".deb"))
                                else ""
                            )
                            if not p:
                                break
                            prefixes.append(p)
                        if fresh_values and len(prefixes) == len(fresh_values):
                            derived.update(prefixes)
                            listed.append(k)
                            if not held:
                                values.mark_named(k)
                            continue
                    kept_keys.append(k)
                ranked = kept_keys
            off = (
                _off_type(
                    counts,
                    ranked,
                    len(pop.units),
                    pop.dominant_class(name)
                    if counts is pop.counts.get(name)
                    else _dominant_class(counts),
                )
                if len(ranked) > 1
                else set()
            )
            if off:
                # Off-type values first, whatever the budget (a later cut names them alone).
                # (at most a few: the others are ranked as any value)
                off = set([k for k in ranked if k in off][:_OFF_TYPE_LISTED])
                ranked = [k for k in ranked if k in off] + [k for k in ranked if k not in off]
            off_shown: list[str] = []
            off_listed: list[tuple[str, Scalar]] = []
            for k in ranked:
                rare_value = guar[k] or forced
                if k in off:
                    text = values.listing(k)
                    shown.append(text)
                    listed.append(k)
                    off_shown.append(text)
                    off_listed.append(k)
                    used += len(text) + 2
                    continue
                if shown and not rare_value and used + 2 > budget:
                    continue  # past the budget whatever its text: not rendered
                text = values.listing(k)
                if shown and used + len(text) + 2 > budget:
                    # Past the budget only the guaranteed rare values go on (one with spaces or an
                    # id among them is skipped, not the end: the ones after it are still listed).
                    if not rare_value:
                        continue
                    guaranteed = True
                elif rare_value:
                    guaranteed = True
                shown.append(text)
                listed.append(k)
                used += len(text) + 2
            rest = len(ranked) - len(shown)
            if braces:
                shown = brace_values([v for text in shown for v in text.split(", ")])
            if not held:
                for k in listed:
                    values.mark_named(k)
            if rest:
                shown.append(f"+{rest} more")
            shown.extend(f"{prefix} + {c} named above" for prefix, c in derived.items())
            if above:
                shown.append(f"+{above} named above")
            if not ranked and not derived:
                continue
            rank = 0 if has_rare or not ranked else counts[ranked[0]] + 1
            off_part = (off_shown, len(ranked) - len(off_shown) + above) if off_shown else no_off
            marks = (values, listed, off_listed)
            parts.append(
                (rank, order, f"{label}: " + ", ".join(shown), guaranteed, off_part, marks)
            )
        parts.sort()
        out: list[str] = []
        used = 0
        cut = 0
        off_left = _OFF_TYPE_LISTED
        off_more = 0
        undo: set[str] = set()  # fields cut after marking values they did not write
        for _, order, text, must, (off_texts, others), (values_, said, off_said) in parts:
            if (
                names[order] in cut_fields
                if cut_fields is not None
                else out and used + len(text) + 2 > run_budget and not must
            ):
                if len(said) > (len(off_said) if off_texts and len(off_texts) <= off_left else 0):
                    undo.add(names[order])
                if off_texts and len(off_texts) <= off_left:
                    # Cut, but a value of another type than the field's is never hidden.
                    off_left -= len(off_texts)
                    if cut_fields is not None and values_ is not None:
                        for k in off_said:
                            values_.mark_named(k)
                    label = names[order]
                    out.append(
                        f"{label}: "
                        + ", ".join(off_texts)
                        + (f", +{others} more" if others else "")
                    )
                    continue
                off_more += len(off_texts)
                cut += 1
                continue
            out.append(text)
            used += len(text) + 2
        cut += skipped
        if cut and out:
            out.append(f"+{cut} more fields")
        if off_more:
            out.append(f"+{off_more} more off-type")
        if cut_fields is None and undo and journal:
            assert named is not None
            named.difference_update(journal)
            cut_fields = frozenset(undo)
            continue
        return "; ".join(out)


Shape = tuple[str, Scalar]

# A list field of records (``describe_run(lists=…)``): how many units of the population hold
# each item (an empty list counted under ``()``), and the run's lists (of the units holding
# the field).
ListField = tuple[Counter[Scalar | tuple[()]], Sequence[Sequence[Scalar]]]


def _list_part(
    name: str,
    counts: Counter[Scalar | tuple[()]],
    run_lists: Sequence[Sequence[Scalar]],
    n: int,
    *,
    always: int,
    words_only: bool,
    forced: bool,
    budget: int,
    compact: bool = False,
) -> tuple[int, str, bool] | None:
    """A list field's part of a run's description (rank, text, must): its distinct items,
    rarest first (by the units of the population holding them), ``×n`` for the units of the
    run holding one, ``[]`` for empty lists; all of them within ``budget``, then ``+N more``.
    An item held by at most ``always`` units (in a field whose items repeat: at most half as
    many distinct items as holders, as :func:`describe_run`'s ``always_repeating``), a name
    rather than an id or measurement, is listed past the budget; ``forced`` (a categorical
    field's): every item is, while the field has few items (a category's, at most
    :func:`category_limit`: a field whose short lists are few combinations may hold long
    ones of many items). ``compact``: items with spaces (requirements, classifiers) get a
    small budget, as free text in :func:`describe_run`, and a prefix all or most items share
    (an SBOM's ``dependsOn`` refs) is said once, as a field's (:func:`_shared_prefix`)."""
    run: Counter[Scalar | tuple[()]] = Counter()
    for items in run_lists:
        if items:
            run.update(list(dict.fromkeys(items)))
        else:
            run[()] += 1
    if not run:
        return None
    repeats = 2 * len(counts) <= counts.total()
    forced = forced and len(counts) <= category_limit(n)
    label = name
    strip = ""
    if compact and not forced:
        if any(isinstance(x, str) and " " in x for x in run):
            budget = min(budget, _TEXT_BUDGET)
        if len(run) > 1 and () not in run:
            strip, every = _shared_prefix(list(run))  # type: ignore[arg-type]
            if strip:
                label = f"{name} ({'all' if every else 'most'} {render_value(strip, RARE_CHARS)}…)"
    ranked = sorted(run, key=counts.__getitem__)  # (stable: first-seen order among equals)
    shown: list[str] = []
    used = 0
    must = False
    rare = False
    limit = rare_limit(n)
    for item in ranked:
        c = counts[item]
        rare = rare or (repeats and c <= limit)
        guaranteed = forced or (
            repeats and item != () and _guaranteed(item, c, always, words_only)  # type: ignore[arg-type]
        )
        shown_item = item
        if strip and isinstance(item, str) and item.startswith(strip):
            shown_item = "…" + item[len(strip) :]
        chars = RARE_CHARS if guaranteed else VALUE_CHARS
        text = "[]" if item == () else render_value(shown_item, chars)  # type: ignore[arg-type]
        if run[item] > 1:
            text += f"×{run[item]}"
        if shown and used + len(text) + 2 > budget and not guaranteed:
            continue
        must = must or guaranteed
        shown.append(text)
        used += len(text) + 2
    rest = len(ranked) - len(shown)
    if rest:
        shown.append(f"+{rest} more")
    rank = 0 if rare else counts[ranked[0]] + 1
    return rank, f"{label}[*]: " + ", ".join(shown), must


def _shapes(
    vals: Sequence[Scalar], types: Collection[type], key: Callable[[Scalar], Shape]
) -> tuple[Counter[Shape], dict[Shape, int], dict[Shape, Scalar], dict[Shape, dict[Scalar, int]]]:
    """The shapes (``key``) of one field's values in a run: how many values each has, their
    order of first appearance (ranks: only the order is used), the value shown for each (the
    value, or the shape where a shape has several string values) and each shape's exact
    values with their counts. ``types``: the types of ``vals``."""
    # Each distinct value keyed once, counted at C speed, in first-seen order: strings by
    # value, other types by type and value (a Counter of values would merge 1, 1.0 and True).
    run_counts: Counter[Shape] = Counter()
    firsts: dict[Shape, int] = {}
    originals: dict[Shape, Scalar] = {}
    exacts: dict[Shape, dict[Scalar, int]] = {}
    if key is value_key and len(types) == 1 and str in types:
        # Strings by value_key (a log slot's values): ``("str", _shape(v))`` without a call
        # of value_key per value (the same keys, in the same order).
        for v, c in Counter(vals).items():
            k: Shape = ("str", _shape(v))  # type: ignore[arg-type]
            if k not in firsts:
                firsts[k] = len(firsts)
                originals[k] = v
                exacts[k] = {v: c}
                run_counts[k] = c
            else:
                exacts[k][v] = c  # (each distinct value once: not there yet)
                run_counts[k] += c
                originals[k] = k[1]  # several values of one shape: shown as the shape
        return run_counts, firsts, originals, exacts
    distinct: Iterable[tuple[Scalar, int]] = (
        Counter(vals).items()
        if len(types) == 1 and str in types
        else ((v, c) for (_, v), c in Counter(zip(map(type, vals), vals, strict=True)).items())
    )
    for v, c in distinct:
        k = key(v)
        if k not in firsts:
            firsts[k] = len(firsts)
            originals[k] = v
            exacts[k] = {v: c}
            run_counts[k] = c
        else:
            same = exacts[k]
            same[v] = same.get(v, 0) + c
            run_counts[k] += c
            if isinstance(v, str):
                originals[k] = k[1]  # several values of one shape: shown as the shape
    return run_counts, firsts, originals, exacts


# Values of a field looked at to call it a field of ids.
_ID_SAMPLE = 64
# Separators a shared prefix is cut back to (a path, a URL, a package reference).
_PREFIX_ENDS = "/#:@.-_ "


# The directories of a content-addressed store in a path or URL, before a file's name:
# short hex levels, then a hash holding a digit (PyPI's ``packages/73/f7/b1884c…5d1916a/``,
# a pip wheel cache's ``c7/a5/d9/f6f5…db6/``).
_HASH_DIRS = re.compile(
    r"(?<=/)(?:[0-9a-f]{2,4}/)*(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{16,}(?=/[^/\s]*[A-Za-z])"
)


def _shared_prefix(vals: Sequence[Scalar]) -> tuple[str, bool]:
    """The prefix every value (all strings, some too long for a marker) starts with, or else
    most of them, values without spaces (an SBOM's refs, all crates.io's but the project's
    own path), cut back to a separator, if it is long (16+ chars); with whether
    all share it. ("", False) if none is."""
    if not all(isinstance(v, str) for v in vals):
        return "", False
    texts: list[str] = vals  # type: ignore[assignment]
    if max(map(len, texts)) <= VALUE_CHARS:
        return "", False
    # The values sharing their first 16 chars with most others; the prefix all of those
    # share is that of the smallest and the largest (character by character).
    groups = Counter(v[:16] for v in texts if len(v) >= 16)
    if not groups:
        return "", False
    head, held = groups.most_common(1)[0]
    group = [v for v in texts if v.startswith(head)]
    # (Most, not all: only of values without spaces; a text's words say more than its tail.)
    if held < len(texts) and (held * 2 <= len(texts) or held < 2 or any(" " in v for v in group)):
        return "", False
    lo, hi = min(group), max(group)
    prefix = lo[: common_prefix(lo, hi)]
    end = max(prefix.rfind(c) for c in _PREFIX_ENDS) + 1
    return (prefix[:end], held == len(texts)) if end >= 16 else ("", False)


@lru_cache(maxsize=1 << 16)
def _is_id(text: str) -> bool:
    """An id (``ID_LIKE``: a hash, a uuid, a long number) or a digest (``BLOB_ID``); a field's
    values repeat from run to run: each is looked at once."""
    return bool(ID_LIKE.search(text) or BLOB_ID.fullmatch(text))


def _not_redundant(
    units: Sequence[Mapping[str, Scalar]],
    names: list[str],
    pop: Population,
    always_fields: Collection[str],
    always: int,
    always_repeating: bool,
    rare_only: set[str],
    columns: Mapping[str, tuple[Sequence[int], list[Scalar]]] | None = None,
) -> list[str]:
    """``names`` less the fields whose values in ``units`` are all ids, or all contain the
    value of another (varying, not itself redundant) field of the same unit, unless one of
    them is a value listed whatever the budgets (``always``: rare): then the field is added
    to ``rare_only`` (only such values are listed). ``columns``: :func:`indexed_columns`
    ``units``, when the caller has it."""
    # Fields whose every value is a string, with those values (unit index, value).
    if columns is None:
        columns = indexed_columns(units)
    strings: dict[str, list[tuple[int, str]]] = {}
    for n in names:
        got = columns.get(n)
        if got is not None and all(map(isinstance, got[1], repeat(str))):
            strings[n] = list(zip(got[0], cast(list[str], got[1]), strict=True))
    drop: set[str] = set()
    by_unit = {name: dict(vals) for name, vals in strings.items()}
    for name, vals in strings.items():
        if name in always_fields:
            continue
        # Ids: judged on the first values (a field of ids has ids throughout).
        if all(_is_id(v) for _, v in vals[:_ID_SAMPLE]):
            drop.add(name)
            continue
        first, first_value = vals[0]
        for other in strings:
            if other == name or other in drop or len(pop.counts.get(other) or ()) < 2:
                continue
            theirs = by_unit[other]
            o = theirs.get(first)
            if o is None or len(o) < 3 or o == first_value or o not in first_value:
                continue  # (the first unit settles most pairs: no look at the others)
            if all(
                (o := theirs.get(i)) is not None and len(o) >= 3 and o != v and o in v
                for i, v in vals
            ):
                counts = pop.counts.get(name)
                rare = (
                    counts is not None
                    and not (always_repeating and len(counts) * 2 > len(pop.units))
                    and any(
                        _guaranteed(v, counts[pop.key(v)], always, always_repeating)
                        for _, v in vals
                    )
                )
                (rare_only if rare else drop).add(name)
                break
    return [n for n in names if n not in drop]


# --- structure -------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_UNDERLINE = re.compile(r"^ {0,3}([=\-~^\"'`#*+<>:_.])\1{2,}\s*$")
# "0. Definitions.", "1.2 Scope", "Section 3. Terms", "IV. REMEDIES": a short numbered title.
_NUMBERED_TITLE = re.compile(
    r"^ {0,3}(?:(?:Section|SECTION|Article|ARTICLE|Part|PART|Chapter|CHAPTER)\s+)?"
    r"(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5}|[A-Z])[.)]?\s+"
    r"[A-Z][^\n.!?:;]{0,70}[.:]?\s*$"
)
# "TERMS AND CONDITIONS", "NO WARRANTY": an all-caps line of at most 10 words.
_CAPS_TITLE = re.compile(r"^ {0,3}[A-Z][A-Z0-9'&,/() -]{2,78}[A-Z0-9):.]\s*$")


def heading_line(line: str, next_line: str = "", prev_blank: bool = True) -> bool:
    """Whether ``line`` is a section heading: Markdown ``#``, setext/RST (underlined by
    ``next_line``), a numbered section title (``0. Definitions.``, ``1.2 Scope``) or an
    all-caps title (``TERMS AND CONDITIONS``) standing on its own line after a blank."""
    if _MD_HEADING.match(line):
        return True
    stripped = line.strip()
    if not stripped:
        return False
    if next_line and _UNDERLINE.match(next_line) and not _UNDERLINE.match(line):
        return len(next_line.strip()) >= min(3, len(stripped))
    if not prev_blank:
        return False
    if _NUMBERED_TITLE.match(line) and len(stripped.split()) <= 10:
        return True
    return bool(
        _CAPS_TITLE.match(line)
        and 1 <= len(stripped.split()) <= 10
        and sum(c.isalpha() for c in stripped) >= 3
    )


# --- compact value lists ---------------------------------------------------------------------

# Values grouped are paths: a shared prefix is a directory (it ends with "/"), a shared suffix
# starts at one of these (a wheel's ``-py3-none-any.whl``, an object file's ``.c.o``).
_AFFIX_SEPS = "/"
_SUFFIX_SEP = re.compile(r"[/\-._]")
# Shortest prefix / suffix said once for a group of values (shorter ones save nothing).
_MIN_PREFIX = 6
_MIN_SUFFIX = 4
# Characters of a listed value that is not grouped: a shape, counted or cut ("×3", "…"),
# or already a listing.
_UNBRACED = " ×…{},"
_UNBRACED_SET = frozenset(_UNBRACED)
# Endings one group of values is split by (``_amd64.deb``, then ``_all.deb``…).
_MAX_ENDINGS = 4
# Most values one group holds (bounds the work of cutting groups: n × this).
_MAX_GROUP = 64


def common_prefix(a: str, b: str) -> int:
    """Length of the prefix ``a`` and ``b`` share."""
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def _cut_prefix(a: str, b: str) -> int:
    """Length of the prefix ``a`` and ``b`` share, cut back to just after a separator."""
    size = common_prefix(a, b)
    while size and a[size - 1] not in _AFFIX_SEPS:
        size -= 1
    return size


# A name in a value (``tree-sitter-c`` in ``tree-sitter-c==0.24.2``, a path without digits):
# a word a reader looks for, which a shared prefix or suffix never cuts. A word holding a
# digit (a version, ``lib.linux-x86_64-cpython-311``, a build dir) may be cut.
_NAME_WORD = re.compile(r"[A-Za-z][\w.:/+-]*")


_ASCII_DIGIT = re.compile(r"[0-9]")


def _has_digit(word: str) -> bool:
    """``any(c.isdigit() for c in word)``; for ASCII (most words) a regex search."""
    if word.isascii():
        return _ASCII_DIGIT.search(word) is not None
    return any(c.isdigit() for c in word)


@lru_cache(maxsize=1 << 14)
def _names(text: str) -> frozenset[str]:
    words = (m.group().rstrip(".:") for m in _NAME_WORD.finditer(text))
    return frozenset(w for w in words if not _has_digit(w))


def _braced(items: list[str], depth: int = 0) -> str:
    """``pre{a, b, c}suf`` for values that all start with ``pre``: a suffix shared by
    several of them is said once too (those without it form a group of their own). The
    plain list where that cuts a name or does not count fewer tokens."""
    size = min(map(len, items)) - 1  # every value keeps a part of its own
    while size > 0 and items[0][size - 1] not in _AFFIX_SEPS:
        size -= 1
    for it in items[1:]:
        size = min(size, _cut_prefix(items[0], it))
    prefix = items[0][:size]
    rests = [it[size:] for it in items]
    # The suffix, starting at a separator, whose saying once saves the most characters.
    ends: Counter[str] = Counter()
    for r in rests:
        for m in _SUFFIX_SEP.finditer(r, 1, len(r) - _MIN_SUFFIX + 1):
            k = m.start()
            if r[k] == "." and (r[k - 1].isdigit() or r[k + 1].isdigit()):
                continue  # inside a version: "1.0" is one value
            ends[r[k:]] += 1
    best, best_gain = "", 0
    for suffix, count in ends.items():
        gain = (count - 1) * len(suffix)
        if count >= 2 and gain > best_gain:
            best, best_gain = suffix, gain
    plain = ", ".join(items)
    names = frozenset().union(*map(_names, items))
    forms: list[str] = []
    if best:
        with_s = [r[: -len(best)] for r in rests if len(r) > len(best) and r.endswith(best)]
        without = [r for r in rests if not (len(r) > len(best) and r.endswith(best))]
        groups = [f"{prefix}{{{', '.join(with_s)}}}{best}"]
        if len(without) > 2 and depth < _MAX_ENDINGS:
            # The others may share another ending (``_all.deb`` beside ``_amd64.deb``).
            groups.append(_braced([prefix + r for r in without], depth + 1))
        elif len(without) > 1:
            groups.append(f"{prefix}{{{', '.join(without)}}}")
        elif without:
            groups.append(prefix + without[0])
        forms.append(", ".join(groups))
    if prefix:
        forms.append(f"{prefix}{{{', '.join(rests)}}}")
    plain_count = 0
    for form in forms:
        if names <= _names(form):
            plain_count = plain_count or raw_count(plain)
            if raw_count(form) < plain_count:
                return form
    return plain


def _braceable(value: str) -> bool:
    """A value a listing may group: not a shape, counted or cut; hash directories said as
    "…" (``…/sphinx-9.1.0.tar.gz``) do not make it one."""
    return _UNBRACED_SET.isdisjoint(value.replace("…/", "/"))


def _cuttable(value: str) -> bool:
    """Whether ``value`` has a directory a prefix may end with without cutting a name: a
    "/" outside every word without digits (``build/lib.linux-x86_64-cpython-311/x.py``;
    not ``pytz/zoneinfo/Asia/Aden``, one name)."""
    inside = bytearray(len(value))
    for m in _NAME_WORD.finditer(value):
        word = m.group().rstrip(".:")
        if not _has_digit(word):
            inside[m.start() : m.start() + len(word) - 1] = b"\x01" * (len(word) - 1)
    at = value.find("/", _MIN_PREFIX - 1)
    while at >= 0:
        if not inside[at]:
            return True
        at = value.find("/", at + 1)
    return False


def _at_split(value: str) -> tuple[str, str, str]:
    """``value.partition("@")`` past an npm scope's leading "@" (``@nodelib/fs.stat@https:…``:
    the name is ``@nodelib/fs.stat``)."""
    if value[:1] == "@" and "/" in value:
        name, at, ref = value[1:].partition("@")
        return "@" + name, at, ref
    return value.partition("@")


def _at_tail(value: str) -> str:
    """The reference after the "@" of ``name@reference`` (``accepts@https://…/accepts-2.0.0.tgz``:
    a package and where it comes from), when it is a path or URL (holds a "/") and the name
    is one word (an npm scope's ``@eslint/js@https://…/js-8.57.1.tgz`` too); else ""."""
    name, _, tail = _at_split(value)
    if not name or "/" not in tail or len(tail) < _MIN_PREFIX or " " in value:
        return ""
    if "@" in tail and not (name[0] == "@" and tail.count("@") == 1 and name in tail):
        return ""  # (but a scoped package's URL, which holds its name: ``…/@eslint/js/-/…``)
    return tail


def _named_tail(value: Scalar, named: set[tuple[str, Scalar]]) -> str:
    """The directory ``value`` starts with when the rest of it is a value in ``named`` and no
    name runs through that cut (``build/lib.linux-x86_64-cpython-311/`` before
    ``pkg/x.py``, a word with digits; never ``build/lib/`` of ``build/lib/pkg/x.py``, one
    name a reader looks for as it is); else ""."""
    if not isinstance(value, str) or "/" not in value or " " in value:
        return ""
    inside = None  # where names run: looked at only once a cut ends in a value named above
    at = value.find("/", _MIN_PREFIX - 1)
    while at >= 0:
        if ("=", value[at + 1 :]) in named:
            if inside is None:
                inside = bytearray(len(value))
                for m in _NAME_WORD.finditer(value):
                    word = m.group().rstrip(".:")
                    if not _has_digit(word):
                        inside[m.start() : m.start() + len(word)] = b"\x01" * len(word)
            if not inside[at]:
                return value[: at + 1]
        at = value.find("/", at + 1)
    return ""


# A Debian archive as dpkg names it when it unpacks one (``Preparing to unpack
# .../012-libfoo2_1.4-2+b1_amd64.deb ...``): a directory, apt's ordinal, the package, its
# version (``%3a`` for an epoch's colon) and its architecture.
_DEB_ARCHIVE = re.compile(
    r"(?P<dir>\S*/)?(?:(?P<ordinal>\d+)-)?(?P<package>[a-z0-9][a-z0-9+.-]+)_(?P<version>[^_/\s]+)"
    r"_(?P<arch>[a-z0-9-]+)\.deb"
)


def _named_archive(value: Scalar, named: set[tuple[str, Scalar]]) -> str:
    """``.../<n>_<v>_amd64.deb`` when ``value`` is a Debian archive (``_DEB_ARCHIVE``) of a
    package named above (as ``libfoo2`` or ``libfoo2:amd64``): the rest of it, apt's ordinal
    and the version, are measurements (listed within budgets only, as a package's versions
    are) when the version holds no name (a word without digits); the directory and the
    architecture are said in the form; else ""."""
    if not isinstance(value, str) or not value.endswith(".deb"):
        return ""
    m = _DEB_ARCHIVE.fullmatch(value)
    if m is None or _names(m.group("version")):
        return ""  # (a name in the version, ``1.13.4~dfsg+~1.11.4-3``: listed as it is)
    package, arch = m.group("package"), m.group("arch")
    candidates = [package]
    if m.group("ordinal"):  # or a package whose name opens with digits ("389-ds-base")
        candidates.append(f"{m.group('ordinal')}-{package}")
    for name in candidates:
        if ("=", name) in named or ("=", f"{name}:{arch}") in named:
            return f"{m.group('dir') or ''}<n>_<v>_{arch}.deb"
    return ""


def brace_values(items: list[str]) -> list[str]:
    """:func:`_brace_paths`, then names qualified alike said with their qualifier once
    (:func:`_qualifier_braced`: ``{libfoo2, libbar1}:amd64``)."""
    if len(items) < 3:
        # Each grouping needs 3 values (``_MIN_OWN_NAMED``, ``_MIN_QUALIFIED``, a directory's
        # or an ending's): fewer are listed as they are (most of a log's markers' listings).
        return list(items)
    return _qualifier_braced(_brace_paths(items))


# A package name qualified by its architecture (``libssl3:amd64``, dpkg's and apt's multiarch
# names): no directory, no brace, no space.
_QUALIFIED = re.compile(r"[^\s/{},:×…]+(:[a-z][a-z0-9-]*)")
# Fewest names of one qualifier said with it once.
_MIN_QUALIFIED = 3


def _qualifier_braced(items: list[str]) -> list[str]:
    """``items`` with the names sharing a qualifier (``:amd64``; 3+ of them) listed as
    ``{libfoo2, libbar1}:amd64`` where the first was, when that counts fewer tokens and cuts
    no name (a word without digits: ``foo:all`` is one name, listed as it is); the rest as
    they are, in their order."""
    by_qualifier: dict[str, list[str]] = {}
    for it in items:
        if ":" in it:
            m = _QUALIFIED.fullmatch(it)
            if m is not None:
                by_qualifier.setdefault(m.group(1), []).append(it)
    groups: dict[str, str] = {}  # first item of a group -> the group's listing
    grouped: set[str] = set()
    for qualifier, group in by_qualifier.items():
        if len(group) < _MIN_QUALIFIED:
            continue
        form = "{" + ", ".join(it[: -len(qualifier)] for it in group) + "}" + qualifier
        if not frozenset().union(*map(_names, group)) <= _names(form):
            continue
        if raw_count(form) < raw_count(", ".join(group)):
            groups[group[0]] = form
            grouped.update(group)
    if not groups:
        return items
    return [groups.get(it, it) for it in items if it not in grouped or it in groups]


def _brace_paths(items: list[str]) -> list[str]:
    """A marker's listing of one field with the directories and endings its paths share said
    once, shell-brace style: ``./wheels/{jinja2-3.1.6, idna-3.20}-py3-none-any.whl``, where
    that counts fewer tokens. Every name in them stays whole (a word without digits: a
    package, a source file, a target a reader looks for as it is; ``_NAME_WORD``), so a
    value that is one name is never grouped; nor are values without spaces shown by their
    shape, counted (``×3``) or cut (``…``)."""
    items, own = _own_named(items)
    eligible = {it: None for it in items if "/" in it and _braceable(it) and _cuttable(it)}
    if len(eligible) < 3:
        return _suffix_braced(items) + own
    out = [it for it in items if it not in eligible]
    # Values of one directory are neighbours once sorted. The groups are cut where that
    # lists the fewest characters (a directory is said once per group): a few values of
    # another subdirectory do not cost the many of one theirs.
    ordered = sorted(eligible)
    n = len(ordered)
    shared = [_cut_prefix(a, b) for a, b in pairwise(ordered)]
    sizes = [len(it) + 2 for it in ordered]
    best = [0] + [1 << 62] * n  # best[j]: the chars of ordered[:j] listed in groups
    start_of = [0] * (n + 1)
    for j in range(1, n + 1):
        total = 0
        prefix = 1 << 62
        for i in range(j - 1, max(-1, j - 1 - _MAX_GROUP), -1):
            total += sizes[i]
            if i < j - 1 and shared[i] < prefix:
                prefix = shared[i]
                if prefix < _MIN_PREFIX:
                    break  # no cheaper than these values one by one, which is tried
            cost = total if i == j - 1 else total - (j - i - 1) * prefix
            if best[i] + cost < best[j]:
                best[j], start_of[j] = best[i] + cost, i
    groups: list[list[str]] = []
    j = n
    while j:
        groups.append(ordered[start_of[j] : j])
        j = start_of[j]
    groups.reverse()
    # Each group lists its values in the order the run has them (the order of a build's
    # steps), the groups by their first value.
    at = {it: k for k, it in enumerate(eligible)}
    for group in groups:
        group.sort(key=at.__getitem__)
    groups.sort(key=lambda group: at[group[0]])
    braced = [_braced(group) if len(group) > 1 else group[0] for group in groups]
    return braced + _suffix_braced(out) + own


# Fewest values of one form a listing says by that form.
_MIN_OWN_NAMED = 3


def _own_named(items: list[str]) -> tuple[list[str], list[str]]:
    """``items`` less the ``name@reference`` values whose reference repeats the name before a
    version (npm's ``accepts@https://registry.npmjs.org/accepts/-/accepts-2.0.0.tgz``),
    and those values said by their one form, then each name and version (a listing's last
    item: the list runs to the field's end): ``<n>@https://registry.npmjs.org/<n>/-/<n>-<v>.tgz
    for accepts 2.0.0, etag 1.8.1``, where that counts fewer tokens (the largest group of one
    form; every value is that form with its name and version put back)."""
    by_form: dict[str, list[tuple[str, str, str]]] = {}
    for it in items:
        name, at, ref = _at_split(it)
        if at and len(name) > 1 and name in ref and _braceable(it) and "<" not in it:
            marked = ref.replace(name, "\0")
            if name[0] == "@":
                # A scoped package's tarball is named by the name's last part
                # (``…/@eslint/js/-/js-8.57.1.tgz``): ``<n>`` in the form, the scope in ``<s>``.
                base = name.partition("/")[2]
                cut = marked.rfind("\0") + 1
                marked = marked[:cut] + marked[cut:].replace(base, "\1")
            cut = max(marked.rfind("\0"), marked.rfind("\1")) + 1
            by_form.setdefault(marked[:cut], []).append((it, name, marked[cut:]))
    grouped: set[str] = set()
    listings: list[str] = []
    # Each form of at least a few values (the unscoped packages' and the scoped ones'), the
    # largest first.
    for head, group in sorted(by_form.items(), key=lambda kv: -len(kv[1])):
        if len(group) < _MIN_OWN_NAMED:
            break
        listing = _own_listing(head, group)
        if listing:
            listings.append(listing)
            grouped.update(it for it, _, _ in group)
    if not listings:
        return items, []
    return [it for it in items if it not in grouped], listings


def _own_listing(head: str, group: list[tuple[str, str, str]]) -> str:
    """The values of ``group`` (value, name, the reference's rest after ``head``) said by
    their one form, then each name and version, where that counts fewer tokens; else ""."""
    tails = [tail for _, _, tail in group]
    pre = _head_before_digit(tails)
    suf = _head_before_digit([t[::-1] for t in tails])
    if any(len(t) <= pre + suf for t in tails):
        return ""  # a value with no version of its own
    scoped = "\1" in head
    form = (
        ("<s>/<n>@" if scoped else "<n>@")
        + head.replace("\0", "<s>/<n>" if scoped else "<n>").replace("\1", "<n>")
        + tails[0][:pre]
        + "<v>"
        + tails[0][len(tails[0]) - suf :]
    )
    listing = f"{form} for " + ", ".join(
        f"{name} {tail[pre : len(tail) - suf]}" for _, name, tail in group
    )
    plain = ", ".join(it for it, _, _ in group)
    if raw_count(listing) >= raw_count(plain):
        return ""
    return listing


def _head_before_digit(texts: Sequence[str]) -> int:
    """Length of the prefix all ``texts`` share, up to its first digit (a version's start)."""
    lo, hi = min(texts), max(texts)  # (what all share, the least and the greatest share)
    size = common_prefix(lo, hi)
    return next((k for k, c in enumerate(lo[:size]) if c.isdigit()), size)


def _suffix_braced(items: list[str]) -> list[str]:
    """``items`` with the paths of one short directory (``.../``, apt's archive files) that
    share an ending listed as ``.../{a_1.0, b_2.1}_amd64.deb`` where that counts fewer
    tokens and cuts no name (:func:`_braced`); the rest as they are, in their order."""
    by_dir: dict[str, list[str]] = {}
    for it in items:
        if "/" in it and _braceable(it):
            by_dir.setdefault(it[: it.index("/") + 1], []).append(it)
    groups = {d: group for d, group in by_dir.items() if len(group) >= 3}
    if not groups:
        return items
    out: list[str] = []
    for it in items:
        group = groups.get(it[: it.find("/") + 1]) if "/" in it else None
        if group is None or it not in group:
            out.append(it)
        elif it == group[0]:
            out.append(_braced(group))
    return out
