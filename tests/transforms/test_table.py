from __future__ import annotations

import csv
import io
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from transforms import _table, detect_content_type
from transforms._json import _ERRORISH


def test_real_csv_with_short_rows_is_a_table() -> None:
    text = read("ubuntu.csv")
    assert detect_content_type(text) == "csv"
    r = compress(text)
    # 44 releases, every codename distinct: each must stay readable (shown or named in a
    # marker), so little or nothing is saved, and nothing is lost.
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows[1:]:
        assert row[1] in r.compressed, row


def test_real_numeric_csv() -> None:
    text = read("umath-log10.csv")
    assert detect_content_type(text) == "csv"
    r = compress(text)
    assert r.transforms == ("table_records",) and r.savings_percent > 80
    rows = list(csv.reader(io.StringIO(text)))
    # dtype and ulperrortol are the same in every row: said once; the others are columns.
    assert "columns: input,output" in r.compressed
    assert '"dtype":"np.float32"' in r.compressed and '"ulperrortol":4' in r.compressed
    assert f"{len(rows) - 1} records" in r.compressed
    # First and last rows are shown; every omitted run is whole source lines.
    assert ",".join(rows[1][1:3]) in r.compressed and ",".join(rows[-1][1:3]) in r.compressed
    lines = set(text.splitlines())
    for o in r.omitted:
        assert o.kind == "records" and len(o.spans) == o.count
        assert all(text[s:e] in lines for s, e in o.spans)


def _metrics(n: int, seed: int = 7) -> tuple[str, int, int]:
    """A metrics export: one latency spike (row ``hot``), one rare region (row ``rare``)."""
    rnd = random.Random(seed)
    hot = rnd.randrange(10, n - 10)
    rare = rnd.randrange(10, n - 10)
    out = ["ts,host,region,status,latency_ms,bytes"]
    for i in range(n):
        region = "eu-west-1" if i != rare else "ap-south-2"
        latency = 41 + rnd.randrange(9) if i != hot else 9731
        out.append(
            f"2024-05-01T10:{i // 60 % 60:02d}:{i % 60:02d}Z,web-{i % 4},{region},ok,"
            f"{latency},{rnd.randrange(1000, 2000)}"
        )
    return "\n".join(out) + "\n", hot, rare


def test_numeric_extremes_and_rare_values_are_shown() -> None:
    text, _, _ = _metrics(3000)
    assert detect_content_type(text) == "csv"
    r = compress(text)
    assert r.savings_percent > 85
    assert "9731" in r.compressed, "maximum of latency_ms"
    assert "ap-south-2" in r.compressed, "rare region"
    byte_rows = [ln.split(",") for ln in text.splitlines()[1:]]
    lo = min(int(row[5]) for row in byte_rows)
    hi = max(int(row[5]) for row in byte_rows)
    # Every numeric column's extremes are named once, in the head (not a row each).
    assert f"bytes {lo}..{hi}" in r.compressed.splitlines()[2]
    assert "latency_ms 41..9731" in r.compressed.splitlines()[2]
    # Constant columns are said once, with the others' names.
    assert '"status":"ok"' in r.compressed


def test_tsv_and_semicolons() -> None:
    text, _, _ = _metrics(400, seed=3)
    tsv = text.replace(",", "\t")
    r = compress(tsv)
    assert r.content_type == "csv" and r.transforms == ("table_records",)
    assert r.compressed.startswith("tsv: 400 records")
    assert "ap-south-2" in r.compressed
    r = compress(text.replace(",", ";"))
    assert r.content_type == "csv" and "ap-south-2" in r.compressed


def _series(n: int, header: str = "Date,Price", delim: str = ",") -> str:
    rnd = random.Random(5)
    rows = [header]
    for i in range(n):
        price = round(20 + rnd.random() * 10, rnd.choice((0, 2)))
        if i == n // 3:
            price = 145.31
        rows.append(f"{1986 + i // 336}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}{delim}{price:g}")
    return "\n".join(rows) + "\n"


def test_two_column_date_first_series_is_a_table_with_its_extremes() -> None:
    # Two columns, the first a date: a table (it used to read as log lines opening with a
    # date, and the log compressor keeps no column's maximum).
    text = _series(2000)
    assert detect_content_type(text) == "csv"
    r = compress(text)
    assert r.content_type == "csv" and r.transforms == ("table_records",)
    assert "145.31" in r.compressed, "maximum of Price"
    assert detect_content_type(_series(300, "Date;Close price", ";")) == "csv"
    assert detect_content_type(_series(300, "date\tprice", "\t")) == "csv"


def test_two_comma_fields_without_a_header_of_names_are_not_a_table() -> None:
    # No header line: timestamped log lines with one comma stay a log.
    rnd = random.Random(2)
    log = "".join(
        f"2024-01-02 10:{i // 60 % 60:02d}:{i % 60:02d},{rnd.randrange(1000):03d} INFO "
        f"worker-{i % 3} took {rnd.randrange(90)} ms\n"
        for i in range(200)
    )
    assert detect_content_type(log) == "log"
    # A first line that is a date, not names: no header.
    assert detect_content_type(_series(300).split("\n", 1)[1]) != "csv"
    assert detect_content_type("2024-01-01,price\n" + _series(300).split("\n", 1)[1]) != "csv"
    # Names over rows with no number or date in them: prose-like, not a table.
    words = "".join(f"first {i}th thing, then the next\n" for i in range(50))
    assert detect_content_type("Start,End\n" + words) != "csv"


def test_quoted_cells_with_line_breaks_keep_exact_spans() -> None:
    rows = ["id,name,note"]
    for i in range(300):
        note = f'"multi\nline, {i}"' if i % 50 == 7 else "plain"
        rows.append(f"{i},item-{i},{note}")
    text = "\n".join(rows) + "\n"
    r = compress(text, content_type="csv")
    assert r.transforms == ("table_records",)
    assert r.omitted
    for o in r.omitted:
        got = [row for s, e in o.spans for row in csv.reader(io.StringIO(text[s:e]))]
        assert len(got) == o.count and all(len(g) == 3 for g in got)


def test_ragged_csv_falls_back_and_says_why() -> None:
    rnd = random.Random(1)
    lines = [",".join(f"v{k}" for k in range(rnd.randrange(1, 9))) for _ in range(200)]
    text = "\n".join(lines) + "\n"
    r = compress(text, content_type="csv")
    assert r.transforms[0] == "fallback:csv:ragged"


def test_headerless_log_table_names_one_off_authors_and_is_not_errors() -> None:
    rnd = random.Random(5)
    authors = ["alice", "bob", "carol", "dave"]
    rows = []
    for i in range(1500):
        who = authors[i % 4] if i not in (400, 901) else ("zed-once", "yan-once")[i > 500]
        subject = rnd.choice(
            [
                "Fix error in the parser of nested lists",
                "Add docs for the cache options",
                "Refactor the main loop of the runner",
                "Bump deps to the latest minor versions",
            ]
        )
        rows.append(
            f"{rnd.getrandbits(36):09x}\t{who}\t2026-0{1 + i % 9}-1{i % 10}\t{subject} #{i}"
        )
    text = "\n".join(rows) + "\n"
    r = compress(text)
    lines = r.compressed.splitlines()
    assert lines[1].startswith("columns: c1,c2,c3,c4")  # the first row is a record
    assert lines[2] == rows[0].replace("\t", ",")
    for once in ("zed-once", "yan-once"):
        assert once in r.compressed
    # "Fix error" subjects are not error records: a handful of rows, not a quarter of them.
    assert sum(1 for ln in lines if "\t" in ln or ln.count(",") >= 3) < 40
    assert r.savings_percent > 90


# _ERRORISH opens with a character class (it runs on every short cell of every row); its
# plain form, which it must match exactly:
_ERRORISH_PLAIN = re.compile(
    r"(?:(?<![a-z0-9])|(?=[A-Z]))"
    r"(?i:error|exception|fail|fatal|panic|timeout|timed out|denied|refused|invalid|critical"
    r"|traceback|unavailable|abort|warn)(?i:s|ed|ing|ings|ure|ures|ked)?(?![a-z])"
)


@given(
    st.lists(
        st.sampled_from(
            ["ERROR", "Exception", "fail", "FATAL", "panic", "timeout", "timed", " out", "Denied",
             "refused", "inValid", "critical", "traceback", "unavailable", "abort", "warn", "e",
             "rr", "or", "x", "ſ", "K", "ı", "İ", " ", "-", "1", "_", "\n", "this", "Value", "s",
             "ed", "ings", "group", "HTTP"]
        ),
        max_size=10,
    ).map("".join)
)  # fmt: skip
@settings(max_examples=500, deadline=None)
def test_errorish_matches_its_plain_form(text: str) -> None:
    assert [m.span() for m in _ERRORISH.finditer(text)] == [
        m.span() for m in _ERRORISH_PLAIN.finditer(text)
    ]


def _commented_table(rows: int, header: str, trailer: str = "") -> tuple[str, list[str]]:
    """A tzdata-style table: a "#" preamble whose last line names the columns, rows whose
    last column is optional (most rows have it: the table's width is the named one)."""
    rnd = random.Random(7)
    body = []
    for i in range(rows):
        cells = [f"C{i % 40:02d}", f"+{rnd.randrange(10**8):08d}", f"Region/City_{i}"]
        if i % 3:
            cells.append(f"note {i}")
        body.append("\t".join(cells))
    preamble = [
        "# Example zone table",
        "#",
        "# Columns are separated by a single tab.",
        "#",
        header,
    ]
    return "\n".join(preamble + body) + "\n" + trailer, body


def test_comment_preamble_is_kept_and_names_the_columns() -> None:
    text, body = _commented_table(300, "#codes\tcoordinates\tTZ\tcomments", "#\n# EOF\n")
    assert detect_content_type(text) == "csv"
    r = compress(text)
    assert r.transforms == ("table_records",) and r.savings_percent > 70
    # Comment lines stay as they are, before and after the rows.
    assert r.compressed.startswith("# Example zone table\n#\n# Columns are separated")
    assert "#codes\tcoordinates\tTZ\tcomments\n" in r.compressed
    assert r.compressed.endswith("#\n# EOF\n")
    assert "columns: codes,coordinates,TZ,comments" in r.compressed
    # Every omission is whole source rows, never a comment line.
    rows = set(body)
    for o in r.omitted:
        assert "#" not in omitted_text(r, o.id)
        assert all(r.original[s:e] in rows for s, e in o.spans)


def test_aligned_column_names_with_empty_cells() -> None:
    # zone.tab aligns its names with extra tabs ("#code<TAB>coordinates<TAB>TZ<TAB><TAB>…").
    text, _ = _commented_table(200, "#code\tcoordinates\tTZ\t\t\tcomments")
    r = compress(text)
    assert r.transforms == ("table_records",)
    assert "columns: code,coordinates,TZ,comments" in r.compressed


def test_hash_lines_alone_are_not_a_table() -> None:
    text = "\n".join(f"# note {i}, with, commas, in it" for i in range(50)) + "\n"
    assert detect_content_type(text) != "csv"


def test_long_format_keys_repeating_alike_are_not_each_rare() -> None:
    # Two rows per code point (Unicode's *Sources.txt): every value of a column occurs about
    # equally often (keys twice, sources 8 times, readings 11), so none is rare for its
    # column and the markers do not list them all; the key seen once is named.
    rows = []
    for i in range(400):
        rows.append(f"U+1B{i:03X}\tkSrc\ts{i % 50}")
        if i != 123:
            rows.append(f"U+1B{i:03X}\tkReading\tr{i % 37}")
    text = "code\ttag\tvalue\n" + "\n".join(rows) + "\n"
    r = compress(text)
    assert r.savings_percent > 85
    assert "U+1B07B" in r.compressed  # the key with one row
    assert r.compressed.count("U+1B") < 40


def test_comma_table_after_a_comment_preamble() -> None:
    rows = [f"{i},host-{i % 7},{i * 3 % 101},{'up' if i % 50 else 'down'}" for i in range(300)]
    text = (
        "# exported by inventory 2.1\n# 2026-12-01\nid,host,load,state\n" + "\n".join(rows) + "\n"
    )
    assert detect_content_type(text) == "csv"
    r = compress(text)
    assert r.compressed.startswith("# exported by inventory 2.1\n# 2026-12-01\n")
    assert "columns: id,host,load,state" in r.compressed
    assert "down" in r.compressed  # the rare state is shown or named


def test_prose_comment_with_commas_does_not_name_a_comma_table() -> None:
    rows = [f"{i},host-{i % 7},{i * 3 % 101},{'up' if i % 50 else 'down'}" for i in range(300)]
    text = "# inventory, all hosts, daily, v2\nid,host,load,state\n" + "\n".join(rows) + "\n"
    r = compress(text)
    assert "columns: id,host,load,state" in r.compressed


def _monthly(n: int = 300) -> tuple[str, list[list[str]]]:
    """A monthly series written with a fixed number of decimals ("315.70"), its first years'
    deviation unknown (the sentinel -9.99)."""
    rnd = random.Random(5)
    rows = []
    level = 315.0
    for i in range(n):
        level += 0.1 + rnd.uniform(-0.4, 0.4)
        sdev = "-9.99" if i < 100 else f"{rnd.uniform(0.1, 0.9):.2f}"
        rows.append([f"{1958 + i // 12}-{i % 12 + 1:02d}", f"{level:.2f}", sdev])
    rows[150][2] = "1.00"  # the deviation's maximum, written with its trailing zeros
    rows[200][1] = "450.10"  # the level's maximum
    lines = ["month,average,sdev", *(",".join(r) for r in rows)]
    return "\n".join(lines) + "\n", rows


def test_numbers_written_with_trailing_zeros_are_numbers_shown_as_written() -> None:
    # "1.00" and "450.10" do not print back as written (1.0, 450.1): read as text, they were
    # left out of their column's range, which then named a wrong extreme.
    text, rows = _monthly()
    r = compress(text)
    ranges = r.compressed.splitlines()[2]
    assert "average " + min(r[1] for r in rows[:10]) + "..450.10" in ranges
    assert "sdev -9.99..1.00" in ranges
    # Shown rows keep each cell as written, unquoted; markers give each run's range.
    assert ",".join(rows[0]) in r.compressed.splitlines()
    assert '"' not in r.compressed
    assert all(re.search(r"average \d+\.\d\d\.\.\d+\.\d\d", o.description) for o in r.omitted)


def test_codes_that_read_as_numbers_stay_text() -> None:
    # A leading zero (a postal code) or a commit's digits around an "e" are no numbers.
    assert _table._value("02134") == "02134" and _table._value("391324e13") == "391324e13"
    for raw in ("0.10", "315.70", "-9.90", "1.50e3"):
        v = _table._value(raw)
        assert isinstance(v, float) and v == float(raw) and repr(v) == raw


@pytest.mark.parametrize(
    ("header", "rows_end", "names"),
    [
        # R's write.csv: its row names' column has no name.
        ('"",y,trt', "", "c1,y,trt"),
        ("month,average,sdev,", ",", "month,average,sdev"),  # a trailing delimiter
        ("month,average,sdev", ",", "month,average,sdev"),  # ... on every row but the header
        ("month,average,average", "", "month,average,average_"),  # a name twice
    ],
)
def test_a_header_with_an_empty_or_repeated_name_names_the_columns(
    header: str, rows_end: str, names: str
) -> None:
    # Read as a record, the header hid the first row behind a marker.
    _, rows = _monthly()
    body = [",".join(r) + rows_end for r in rows]
    r = compress("\n".join([header, *body]) + "\n")
    lines = r.compressed.splitlines()
    assert lines[1] == f"columns: {names}"
    # (an empty last column is constant: said once in the head, not in the rows)
    assert ",".join(rows[0]) in lines


def test_a_short_row_padded_past_a_long_string_by_a_wide_row_is_shown() -> None:
    # One row of 300 cells: the first row, 4 cells in 20 chars, is rendered with 296 empty
    # cells after it (over _LONG_STRING) and read again for its long strings: its cells
    # need their spans although its own line is short (it raised AttributeError).
    rows = ["id,kind,size,score"] + [
        f"{i},{'abc'[i % 3]},{i * 37 % 101},{i % 7}.25" for i in range(200)
    ]
    rows[100] = ",".join(str(k) for k in range(300))
    r = compress("\n".join(rows) + "\n")
    assert r.transforms == ("table_records",)
    assert "0,a,0,0.25" in r.compressed


def test_a_long_row_whose_cells_cannot_be_located_is_no_table() -> None:
    # A quote opening a cell mid-table runs to the end of the text (csv reads it so): the
    # row is long and its cells' spans cannot be found for its long strings; it raised
    # AttributeError. Such a text is not read as a table (fallback), and compress() works.
    rows = ["day," + ",".join(f"c{j}" for j in range(20))]
    rows += [
        f"2020-01-{i:02d}," + ",".join(f"{(i * 7 + j * 13) % 97}.{j:03d}" for j in range(20))
        for i in range(1, 60)
    ]
    rows[30] = rows[30].replace(",", ',"', 2).replace(',"', ",", 1)  # the second cell opens a quote
    r = compress("\n".join(rows) + "\n")
    assert r.transforms[0] == "fallback:csv:ragged"


_CELLS = st.sampled_from(["a", "b c", "", " ", "\t", "1", "2.50", "x;y", "é", "\u2028", "\x0c"])


@settings(max_examples=120, deadline=None)
@given(
    st.integers(2, 4).flatmap(
        lambda w: st.lists(st.lists(_CELLS, min_size=w, max_size=w), min_size=1, max_size=8)
    )
    | st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=8),
    st.sampled_from([",", "\t", ";"]),
    st.sampled_from(["\n", "", "\n\n", "\r\n"]),
)
def test_even_rows_are_the_rows_read_line_by_line(
    rows: list[list[str]], delim: str, end: str
) -> None:
    # A table whose every line is a row of as many cells is read in one split: the same rows,
    # spans and columns as reading it line by line.
    text = "\n".join(delim.join(r) for r in rows) + end
    even = _table._even_rows(text, delim)
    if even is None:
        return
    expected = _table._rows(text, delim)
    assert list(even) == expected
    assert even[1:3] == expected[1:3] and even[-1] == expected[-1]
    rest = even.without_first()
    assert list(rest) == expected[1:]
    if rest:
        columns = [list(c) for c in zip(*(r[0] for r in expected[1:]), strict=True)]
        assert rest.columns() == columns


def test_even_rows_only_for_lines_of_one_width_without_quotes() -> None:
    assert _table._even_rows("a,b\n1,2\n3,4\n", ",") is not None
    for text in ('a,b\n1,"2"\n3,4\n', "a,b\n1,2,3\n", "a,b\n\n1,2\n", "a,b\r\n1,2\r\n"):
        assert _table._even_rows(text, ",") is None
    assert _table._even_rows("a\tb\n\t\n1\t2\n", "\t") is None  # (a blank row of tabs)
