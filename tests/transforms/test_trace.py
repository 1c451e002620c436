from __future__ import annotations

import re
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from transforms import _trace, detect_content_type
from transforms._ansi import CODES_SHOWN

CASES = {
    # file: (own frames that must stay, the exception line, the package a marker must name)
    "py-trace.txt": (
        ['File "<string>", line 4, in load_config'],
        "yaml.parser.ParserError: while parsing a flow sequence",
        "yaml",
    ),
    "java-trace.txt": (
        ["at Inventory.parseQty(Inventory.java:5)", "at Inventory.load(Inventory.java:7)"],
        'Caused by: java.lang.NumberFormatException: For input string: "x3"',
        "java.util",
    ),
    "go-panic.txt": (
        # (its argument values behind the marker of Go values: "Total(…)")
        ["example.com/shop/cart.(*Cart).Total(", "/home/dev/shop/main.go:31"],
        "panic: runtime error: invalid memory address or nil pointer dereference",
        "net/http",
    ),
    "node-trace.txt": (
        ["at readConfig ([eval]:3:46)", "at start ([eval]:4:26)"],
        "Error: ENOENT: no such file or directory, open '/etc/nope.json'",
        "node internals",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_own_frames_kept_library_frames_collapsed(name: str) -> None:
    text = read(name)
    own, exception, package = CASES[name]
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    assert r.transforms == ("stack_frames",)
    for frame in own:
        assert frame in r.compressed, frame
    assert exception in r.compressed.splitlines()
    assert any(package in o.description for o in r.omitted), [o.description for o in r.omitted]
    for o in r.omitted:
        if o.kind == "values":  # (Go's argument values and pc offsets, the frames shown)
            assert o.description.startswith("argument values and pc offsets of Go frames")
            continue
        assert o.kind == "frames" and re.match(r"\d+ library frames?: ", o.description)
        # The omitted text is whole frames of library code only.
        assert not any(f in omitted_text(r, o.id) for f in own)


def test_one_line_recursion_is_written_once_with_its_count() -> None:
    # A StackOverflowError's one frame, 1023 times: the line once with its count (lossless,
    # no marker), tighter than any marker for the repeats.
    head = [
        'Exception in thread "main" java.lang.StackOverflowError',
        "\tat java.base/java.util.HashMap.getOrDefault(HashMap.java:1139)",
    ]
    tail = ["\tat Deep.main(Deep.java:11)"]
    text = "\n".join([*head, *["\tat Deep.depth(Deep.java:6)"] * 1023, *tail]) + "\n"
    r = compress(text)
    assert r.compressed == "\n".join([*head, "\tat Deep.depth(Deep.java:6) ×1023", *tail]) + "\n"
    assert r.omitted == ()


def test_a_repeated_line_already_ending_in_a_count_keeps_a_marker() -> None:
    # "… ×2 ×40" would be ambiguous: the repeats go behind a marker instead.
    frames = [f"\tat app.Job.step{k}(Job.java:{k})" for k in range(3)]
    text = "\n".join(["java.lang.IllegalStateException: stuck", *frames])
    text += "\n" + "\n".join(["\tretried ×2"] * 40) + "\n"
    r = compress(text, content_type="stacktrace")
    (o,) = r.omitted
    assert o.description == "39 repeats of the line above"
    assert omitted_text(r, o.id) == "\n".join(["\tretried ×2"] * 39)
    assert r.compressed.count("retried ×2") == 1


_LINE_POOL = [
    "Traceback (most recent call last):",
    '  File "/usr/lib/python3.11/json/decoder.py", line 337, in decode',
    "    obj, end = self.raw_decode(s, idx=_w(s, 0).end())",
    "    ^^^^^^^^^",
    "tests/test_x.py:12: in test_load",
    "\tat java.base/java.util.HashMap.get(HashMap.java:556)",
    "\tat Main.main(Main.java:10)",
    "\t... 9 more",
    "    at readConfig (/srv/app/config.js:3:46)",
    "    at node:internal/main/run_main_module:28:49",
    "main.(*Cart).Total(0x0)",
    "\t/home/dev/shop/main.go:31 +0x1d",
    "net/http.(*conn).serve(0xc000)",
    "\t/usr/local/go/src/net/http/server.go:2009 +0x5f4",
    "   3:     0x55f21c3afd1a - std::rt::lang_start",
    "             at /rustc/abc/library/std/src/rt.rs:20:5",
    "  12: main::run",
    "ValueError: bad value (see f())",
    "goroutine 1 [running]:",
    "INFO starting 3 workers",
    "",
    "   ",
    "E   assert 1 == 2",
    "ran 12 tests in 0.3s (ok)",
]


@given(st.lists(st.sampled_from(_LINE_POOL), max_size=40))
@settings(max_examples=300, deadline=None)
def test_frame_prefilter_finds_the_frames_trying_every_pattern_finds(lines: list[str]) -> None:
    # _may_be_frame skips lines no frame pattern can match: the same frames as trying all.
    def key(frames: list[Any]) -> list[tuple[int, int, bool, str]]:
        return [(f.first, f.last, f.library, f.package) for f in frames]

    quick = key(_trace.frame_lines(lines))
    with patch.object(_trace, "_may_be_frame", lambda line: True):
        assert key(_trace.frame_lines(lines)) == quick


def test_goroutines_stopped_at_one_place_are_one_marker_naming_them() -> None:
    """A Go goroutine dump (GOTRACEBACK=all): 16 workers wait at the same line. One stays, the
    others go behind a marker naming their ids and the one they are like; the panic, the
    crashing goroutine and every distinct place a goroutine stopped stay."""
    text = read("go-goroutines.txt")
    assert detect_content_type(text) == "stacktrace"  # ("created by" frames count)
    r = compress(text)
    assert r.savings_percent >= 60, r.savings_percent
    out = r.compressed.splitlines()
    (o,) = [o for o in r.omitted if o.kind == "goroutines"]
    assert o.count == 14
    assert "14 like goroutine 18 (chan receive): 19-26, 28-33" in o.description
    assert set(re.findall(r"goroutine \d+", omitted_text(r, o.id))) == {
        f"goroutine {k}" for k in [*range(19, 27), *range(28, 34)]
    }
    for kept in (
        "panic: runtime error: index out of range [1] with length 1",
        "goroutine 27 [running]:",
        "example.com/pool/internal/parse.Fields(…)",
        "\t/tmp/h_go/pool/internal/parse/parse.go:17",
        "goroutine 18 [chan receive]:",
        "\t/tmp/h_go/pool/main.go:19",
        "goroutine 34 [select]:",
        "main.ticker(…)",
        "main.main()",
    ):
        assert kept in out, kept


def test_go_frames_shown_leave_their_argument_values_and_pc_offsets_behind_one_marker() -> None:
    """Argument words (``0xc000080120``, ``{0x4c7ed1, 0x5}``) and pc offsets (``+0x1df``) say
    little to a reader: the frames shown are written ``f(…)`` and ``file.go:N``, one marker
    holds every value left out (its spans, in order), Go's own ``(...)`` stays as it is."""
    text = read("go-goroutines.txt")
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "values"]
    said = [r.original[s:e] for s, e in o.spans]
    assert "{0x4c7ed1, 0x5}, {0x4c85a4?, 0x0?}" in said  # parse.Fields's arguments
    assert " +0x1df" in said and "0xc000080120" in said
    assert "+0x" not in r.compressed
    lines = [
        "goroutine 1 [running]:",
        "main.f(...)",
        "\t/x/main.go:3",
        "main.main()",
        "\t/x/main.go:9",
    ]
    assert "main.f(...)" in compress("\n".join(lines) + "\n", content_type="stacktrace").compressed


def test_go_standard_library_frames_are_library_frames_wherever_goroot_is() -> None:
    """Debian's GOROOT is /usr/lib/go-1.19: `regexp`, `sync` frames there are the standard
    library's (import path without a dot, file under src/<path>/); package main's and a
    module's (example.com/…) are the program's own."""
    lines = [
        "fatal error: all goroutines are asleep - deadlock!",
        "",
        "goroutine 1 [semacquire]:",
        "sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)",
        "\t/usr/lib/go-1.19/src/runtime/sema.go:77 +0x25",
        "sync.(*Mutex).lockSlow(0xc000014270)",
        "\t/usr/lib/go-1.19/src/sync/mutex.go:171 +0x165",
        "sync.(*Mutex).Lock(...)",
        "\t/usr/lib/go-1.19/src/sync/mutex.go:90",
        "regexp.MustCompile({0x4c8192, 0x7})",
        "\t/usr/lib/go-1.19/src/regexp/regexp.go:319 +0xbb",
        "example.com/pool/internal/parse.Fields({0x4c7cff, 0x3})",
        "\t/tmp/pool/internal/parse/parse.go:10 +0x49",
        "main.main()",
        "\t/tmp/pool/main.go:53 +0x24e",
    ]
    frames = _trace.frame_lines(lines)
    assert [f.library for f in frames] == [True, True, True, True, False, False]
    # A module named without a dot ("module pool") is the program's own, not the library's.
    own = ["pool/internal/parse.Fields({0x1, 0x2})", "\t/tmp/pool/internal/parse/parse.go:10"]
    assert [f.library for f in _trace.frame_lines(own)] == [False]
    r = compress("\n".join(lines) + "\n", content_type="stacktrace")
    (o,) = [o for o in r.omitted if o.kind == "frames"]
    # (regexp.MustCompile, which the program's own frame called, stays: entry_frames)
    assert o.count == 3 and "sync×2" in o.description and "regexp" not in o.description
    assert "regexp.MustCompile({0x4c8192, 0x7})" in r.compressed.splitlines()


def test_two_go_library_frames_are_collapsed_where_that_pays() -> None:
    """A Go frame is two lines: two library frames (a goroutine waiting in sync) are four
    lines, worth a marker."""
    lines = ["fatal error: all goroutines are asleep - deadlock!", ""]
    lines += [
        "goroutine 1 [semacquire]:",
        "runtime.gopark(0x0?, 0x0?, 0x0?)",
        "\t/usr/lib/go-1.19/src/runtime/proc.go:363 +0xd6",
        "sync.runtime_Semacquire(0xc000074410?)",
        "\t/usr/lib/go-1.19/src/runtime/sema.go:62 +0x25",
        "sync.(*WaitGroup).Wait(0x4b89b8?)",
        "\t/usr/lib/go-1.19/src/sync/waitgroup.go:139 +0x52",
        "main.main()",
        "\t/tmp/h_go/dead/main.go:43 +0x466",
    ]
    r = compress("\n".join(lines) + "\n", content_type="stacktrace")
    (o,) = [o for o in r.omitted if o.kind == "frames"]
    assert o.count == 2 and "runtime" in o.description and "WaitGroup" not in o.description
    assert "main.main()" in r.compressed and "\t/tmp/h_go/dead/main.go:43" in r.compressed
    # (the frame main called stays: entry_frames)
    assert "sync.(*WaitGroup).Wait(0x4b89b8?)" in r.compressed.splitlines()


def test_python_chain_keeps_own_frames_once_and_its_carets_behind_one_marker() -> None:
    """A chained Python 3.11 traceback: the caret lines under source lines go behind one marker
    at the end; a frame an earlier traceback of the chain showed is named in a marker, not
    shown again; two standard-library frames (four lines with their source) are collapsed;
    every exception line and every distinct own frame stays."""
    text = read("py-chained-trace.txt")
    r = compress(text)
    out = r.compressed.splitlines()
    assert not any(set(ln.strip()) <= set("^~") and ln.strip() for ln in out)
    (carets,) = [o for o in r.omitted if o.kind == "carets"]
    assert all(set(r.original[s:e].strip()) <= set("^~") for s, e in carets.spans)
    assert any(
        "2 frames shown above: app.py:9 settings, loader.py:23 merge_layers" in o.description
        for o in r.omitted
    )
    assert any("2 library frames: python stdlib×2" in o.description for o in r.omitted)
    for ln in text.splitlines():
        if re.match(r"^\S.*(?:Error|ConfigError): ", ln):
            assert ln in out, ln
    own = {ln.strip() for ln in text.splitlines() if ln.strip().startswith('File "/tmp/h_pyapp/')}
    assert own <= {ln.strip() for ln in out}  # (each distinct own frame, once)


def test_go_created_by_frames_repeating_one_shown_go_behind_one_marker() -> None:
    """Goroutines started by one `go` statement but stopped in different places: each keeps
    its state and its own frames; the `created by` frame it shares with a goroutine shown
    above goes behind one marker at the end (its spans)."""
    text = read("go-stages.txt")
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "created"]
    assert o.count == 4
    assert all(r.original[s:e].startswith("created by main.main") for s, e in o.spans)
    out = r.compressed.splitlines()
    assert out.count("created by main.main") == 1
    for state in ("chan send", "semacquire", "select", "sleep", "chan receive"):
        assert any(ln.startswith("goroutine ") and f"[{state}]" in ln for ln in out), state
    for line in (17, 18, 20, 24, 31):
        assert f"\t/tmp/h_go/stages/main.go:{line}" in out


def _node_uncaught(message: list[str], frames: list[str], props: list[str]) -> str:
    """stderr of Node 20 over an uncaught error: where it was thrown, the error, its frames,
    util.inspect's dump of its properties (if any), the footer."""
    last = frames[-1] + (" {" if props else "")
    return "\n".join(
        [
            "/srv/app/src/plugins/manifest.js:41",
            "    throw new Error(JSON.stringify(validate.errors, null, 2));",
            "    ^",
            "",
            *message,
            *frames[:-1],
            last,
            *props,
            "",
            "Node.js v20.11.1",
            "",
        ]
    )


_NODE_INTERNALS = [
    "    at Module._compile (node:internal/modules/cjs/loader:1256:14)",
    "    at Module._extensions..js (node:internal/modules/cjs/loader:1310:10)",
    "    at Module.load (node:internal/modules/cjs/loader:1119:32)",
    "    at Module._load (node:internal/modules/cjs/loader:960:12)",
    "    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:86:12)",
]


def test_node_error_whose_message_is_a_json_array_is_a_trace() -> None:
    # The message (JSON.stringify of validation errors) is most of the text: the frames alone
    # are a fifth of it, so it was read as prose or configuration and nothing was collapsed.
    message = ["Error: ["]
    for path, keyword in [("/name", "pattern"), ("/port", "type"), ("", "required")]:
        message += [
            "  {",
            f'    "instancePath": "{path}",',
            f'    "schemaPath": "#/properties{path}/{keyword}",',
            f'    "keyword": "{keyword}",',
            '    "params": {',
            f'      "{keyword}": "x"',
            "    },",
            f'    "message": "must match {keyword}"',
            "  },",
        ]
    message[-1] = "  }"
    message.append("]")
    own = [
        "    at readManifest (/srv/app/src/plugins/manifest.js:41:11)",
        "    at loadPlugins (/srv/app/src/plugins/index.js:12:30)",
        "    at Object.<anonymous> (/srv/app/src/main.js:9:17)",
    ]
    text = _node_uncaught(message, own + _NODE_INTERNALS, [])
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    for line in [*message, *own, "Node.js v20.11.1", "/srv/app/src/plugins/manifest.js:41"]:
        assert line in r.compressed.splitlines()
    (o,) = r.omitted
    assert "5 library frames: node internals" in o.description
    assert omitted_text(r, o.id) == "\n".join(_NODE_INTERNALS)


def test_node_error_properties_dump_stays_after_the_marker_of_its_library_frames() -> None:
    # An error with util.inspect's dump of its properties (a code, nested errors): the dump
    # is most of the text; the brace after the last frame opens it and stays with the marker.
    message = ["ValidationError: 2 errors occurred"]
    lib = [
        f"    at {f} (/srv/app/node_modules/yup/index.js:{n}:7)"
        for f, n in [("createError", 352), ("handleResult", 371), ("validate", 394)]
    ]
    lib += ["    at /srv/app/node_modules/yup/index.js:810:12"]
    props = [
        "  value: { username: 'Jo', age: 12.5 },",
        "  path: undefined,",
        "  errors: [",
        "    'username must be at least 3 characters',",
        "    'age must be an integer'",
        "  ],",
        "  inner: [",
        "    [ValidationError: username must be at least 3 characters] {",
        "      value: 'Jo',",
        "      path: 'username',",
        "      type: 'min',",
        "      params: { value: 'Jo', originalValue: 'Jo', path: 'username', min: 3 }",
        "    },",
        "    [ValidationError: age must be an integer] {",
        "      value: 12.5,",
        "      path: 'age',",
        "      type: 'integer',",
        "      params: { value: 12.5, originalValue: 12.5, path: 'age' }",
        "    }",
        "  ],",
        "  [Symbol(Symbol.toStringTag)]: 'Error'",
        "}",
    ]
    text = _node_uncaught(message, lib, props)
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    lines = r.compressed.splitlines()
    (o,) = r.omitted
    assert lines[lines.index(message[0]) + 1].endswith("yup×4; id=o1] {")
    assert omitted_text(r, o.id) == "\n".join(lib)  # (the brace is not in it)
    for line in props:
        assert line in lines


def test_node_frame_forms_of_accessors_constructors_modules_and_builtins() -> None:
    lines = [
        "TypeError: fetch failed",
        "    at get message [as message] (/srv/app/node_modules/ajv/dist/core.js:10:5)",
        "    at new ValidationError (/srv/app/node_modules/ajv/dist/runtime.js:7:9)",
        "    at async file:///srv/app/src/mirror.mjs:18:15 {",
        "    at Array.map (<anonymous>)",
        "    at async Promise.any (index 0)",
    ]
    frames = _trace.frame_lines(lines)
    assert [f.first for f in frames] == [1, 2, 3, 4, 5]
    assert [f.library for f in frames] == [True, True, False, True, True]
    assert frames[3].package == frames[4].package == "js builtins"


def test_node_frames_an_earlier_error_showed_go_behind_one_marker_naming_them() -> None:
    # An AggregateError of fetches thrown along one path: each error after the first repeats
    # the first's frames, library or not (two library frames alone would stay).
    def error(k: int) -> list[str]:
        return [
            "    TypeError: fetch failed",
            "        at node:internal/deps/undici/undici:13502:13",
            "        at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
            "        at async pull (file:///srv/sync/src/pull.mjs:9:15)",
            f"        at async Promise.any (index {k})",
            "        at async file:///srv/sync/src/main.mjs:18:15 {",
            f"      [cause]: Error: connect ECONNREFUSED 127.0.0.1:900{k}",
            "          at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {",
            "        errno: -111,",
            "        code: 'ECONNREFUSED',",
            f"        port: 900{k}",
            "      }",
            "    },",
        ]

    body = [ln for k in range(3) for ln in error(k)]
    text = "\n".join(
        [
            "node:internal/modules/run_main:129",
            "    triggerUncaughtException(",
            "    ^",
            "",
            "[AggregateError: All promises were rejected] {",
            "  [errors]: [",
            *body,
            "  ]",
            "}",
            "",
            "Node.js v20.11.1",
        ]
    )
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    lines = r.compressed.splitlines()
    assert [o.description for o in r.omitted] == [
        "3 frames shown above: undici:13502, process.processTicksAndRejections, pull"
    ] * 2
    for o in r.omitted:
        assert omitted_text(r, o.id) == "\n".join(error(0)[1:4])
    for k in range(3):  # every error line, every frame that differs
        for line in (error(k)[0], error(k)[4], error(k)[6]):
            assert line in lines


def test_node_property_lines_repeating_lines_shown_above_go_behind_one_marker() -> None:
    # A validation error's inner errors, each dumped with the same options: the options'
    # lines are said once; each error's own lines (its message, path, value) stay.
    spec = [
        "        spec: {",
        "          strip: false,",
        "          strict: false,",
        "          abortEarly: true,",
        "          recursive: true,",
        "          nullable: false",
        "        },",
    ]
    inner: list[str] = []
    for field, value in [("username", "'Jo'"), ("age", "12.5"), ("email", "'jo@'")]:
        inner += [
            f"    [ValidationError: {field} is invalid] {{",
            f"      value: {value},",
            f"      path: '{field}',",
            "      params: {",
            f"        value: {value},",
            f"        path: '{field}',",
            *spec,
            "      },",
            f"      errors: [ '{field} is invalid' ]",
            "    },",
        ]
    text = _node_uncaught(
        ["ValidationError: 3 errors occurred"],
        [
            f"    at {f} (/srv/app/node_modules/yup/index.js:{n}:7)"
            for f, n in [("createError", 352), ("handleResult", 371), ("validate", 394)]
        ],
        ["  inner: [", *inner, "  ]", "}"],
    )
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    lines = r.compressed.splitlines()
    same = [o for o in r.omitted if "the same as above" in o.description]
    assert len(same) == 2
    for o in same:  # (the brace closing params too)
        assert o.description == "8 lines, the same as above from spec: {"
        assert omitted_text(r, o.id).splitlines() == [*spec, "      },"]
    for field in ["username", "age", "email"]:
        assert f"    [ValidationError: {field} is invalid] {{" in lines
        assert f"        path: '{field}'," in lines
    assert lines.count("        spec: {") == 1


def test_python_traceback_whose_exception_message_runs_on_below_it_is_a_trace() -> None:
    # pydantic's ValidationError: one line per field, its message and a help link under it;
    # the frames are a third of the text.
    errors: list[str] = []
    for field, msg in [
        ("sku", "String should match pattern '^[A-Z]{3}-\\d{4}$'"),
        ("price", "Decimal input should have no more than 2 decimal places"),
        ("quantity", "Input should be greater than or equal to 0"),
        ("supplier.url", "Input should be a valid URL, relative URL without a base"),
        ("supplier.lead_days", "Input should be a valid integer"),
    ]:
        errors += [
            field,
            f"  {msg} [type=x_{field}, input_value='?', input_type=str]",
            f"    For further information visit https://errors.pydantic.dev/2.14/v/x_{field}",
        ]
    text = "\n".join(
        [
            "Traceback (most recent call last):",
            '  File "/srv/shop/inventory/load.py", line 19, in <module>',
            "    main()",
            '  File "/srv/shop/inventory/load.py", line 10, in load_items',
            "    return [Item.model_validate(row) for row in rows]",
            '  File "/srv/venv/lib/python3.11/site-packages/pydantic/main.py", line 792, in mv',
            "    return cls.__pydantic_validator__.validate_python(",
            "pydantic_core._pydantic_core.ValidationError: 5 validation errors for Item",
            *errors,
            "",
        ]
    )
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    assert r.content_type == "stacktrace"
    links = errors[2::3]
    for line in errors:  # (no sentence of it dropped as prose)
        assert (line in r.compressed.splitlines()) == (line not in links)
    # Each help link is its URL's head and the type the line above it names: the links go
    # behind one marker saying so.
    (o,) = r.omitted
    assert o.description == (
        '5 lines "For further information visit https://errors.pydantic.dev/2.14/v/<word>",'
        " each under the line naming its <word>"
    )
    assert [r.original[s:e] for s, e in o.spans] == links
    # Lines that end in a word the line above shows, but fewer than 3 of one text, stay.
    few = text
    for field in ("sku", "price", "quantity"):
        few = few.replace(f"/v/x_{field}", f"/v/x_{field}_other")
    assert compress(few).omitted == ()


def test_the_wrapper_node_runs_an_eval_script_in_is_one_of_its_internal_frames() -> None:
    # node -e: "at [eval]-wrapper:6:24" sits among node:internal frames; read as the
    # caller's own it cut their run in two, three of them shown.
    r = compress(read("node-trace.txt"))
    (o,) = r.omitted
    assert o.description == "6 library frames: node internals×6"
    assert "    at [eval]:5:1" in r.compressed.splitlines()  # (the script's own frame)
    assert "at [eval]-wrapper:6:24" in omitted_text(r, o.id)


def test_coloured_node_trace_frames_are_found_without_the_codes_and_shown_with_them() -> None:
    # FORCE_COLOR=1 (CI): node greys its internal frames and the directory of the others.
    def at(func: str, where: str, path: str) -> str:
        return f"    at {func} \x1b[90m({where}\x1b[39m{path}\x1b[90m)\x1b[39m"

    own = [
        at("loadConfig", "/srv/app/", "src/config.js:31:14"),
        at("start", "/srv/app/", "src/server.js:5:18"),
    ]
    lib = [at(f, "/srv/app/", f"node_modules/\x1b[4mjoi\x1b[24m/lib/{f}.js:9:9") for f in "abcd"]
    internals = [f"\x1b[90m{ln}\x1b[39m" for ln in _NODE_INTERNALS]
    text = _node_uncaught(
        ['Error [ValidationError]: "port" must be a number'], lib + own + internals, []
    )
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    lines = r.compressed.splitlines()
    assert [o.description for o in r.omitted] == [
        "3 library frames: joi×3",
        "5 library frames: node internals×5",
        CODES_SHOWN + ": 14 spans",
    ]
    assert lines[lines.index('Error [ValidationError]: "port" must be a number') + 1].startswith(
        "    [omitted 3 library frames"
    )
    # joi's frame the caller's own code called stays (entry_frames); with it, the codes of the
    # lines shown pay for a marker: the frames shown read without them.
    for line in [lib[-1], *own]:
        assert _CODES.sub("", line) in lines


_CODES = re.compile(r"\x1b\[[0-9;]*m")


def _facts(r: Any) -> tuple[list[str], list[tuple[str, int, str]]]:
    """What a compressed traceback keeps, colour codes aside: its lines but caret lines and
    the markers of what the frames shown leave out (caret lines: coloured, they cost enough
    more to be set aside where plain ones stay; colour codes), and its frame markers."""
    aside = ("caret lines", "terminal colour codes")
    lines = [
        ln
        for ln in _CODES.sub("", r.compressed).splitlines()
        if not (ln.strip() and set(ln.strip()) <= set("~^")) and not any(a in ln for a in aside)
    ]
    return lines, [(o.kind, o.count, o.description) for o in r.omitted if o.kind == "frames"]


def test_a_coloured_python_traceback_is_compressed_as_the_plain_one() -> None:
    """Python 3.13 with FORCE_COLOR colours a traceback's file names, line numbers, functions
    and caret lines. Frames are read without the codes, so the same chain keeps the same
    frames and lines and the same frame markers: frames shown above named as "app.py:8
    settings", the same library frames collapsed. The codes of the lines shown go behind one
    marker."""
    plain = compress(read("py313-chained-trace.txt"))
    coloured = compress(read("py313-chained-trace-color.txt"))
    assert _facts(coloured) == _facts(plain)
    frames = _facts(plain)[1]
    assert ("frames", 2, "2 frames shown above: app.py:8 settings, loader.py:22 merge_layers") in (
        frames
    )
    assert ("frames", 3, "3 library frames: python stdlib×3") in frames
    assert "\x1b" not in coloured.compressed
    (codes,) = [o for o in coloured.omitted if o.kind == "escapes"]
    assert _CODES.sub("", omitted_text(coloured, codes.id)) == ""


@pytest.mark.parametrize("color", [False, True])
def test_coloured_python_caret_lines_are_set_aside_as_plain_ones(color: bool) -> None:
    # Python 3.13's caret line, coloured: "    \x1b[31m~~~~\x1b[0m\x1b[1;31m^^^^\x1b[0m".
    def c(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    lines = ["Traceback (most recent call last):"]
    for k in range(6):
        file, line, func = c("35", f'"/srv/app/step{k}.py"'), c("35", str(k + 3)), c("35", "run")
        call, args = c("31", f"next_step_{k}"), c("1;31", "(payload, options)")
        lines += [
            f"  File {file}, line {line}, in {func}",
            f"    return {call}{args}",
            f"           {c('31', '~' * 11)}{c('1;31', '^' * 18)}",
        ]
    lines.append(f"{c('1;35', 'ValueError')}: {c('35', 'bad payload')}")
    r = compress("\n".join(lines) + "\n", content_type="stacktrace")
    out = [_CODES.sub("", ln) for ln in r.compressed.splitlines()]
    assert not any(ln.strip() and set(ln.strip()) <= set("~^") for ln in out)
    (carets,) = [o for o in r.omitted if o.kind == "carets"]
    assert carets.count == 6
    assert [ln for ln in out if ln.startswith("  File ")] == [
        f'  File "/srv/app/step{k}.py", line {k + 3}, in run' for k in range(6)
    ]


def _entry_lines(lines: list[str]) -> list[str]:
    frames = _trace.frame_lines(lines)
    return [lines[frames[k].first].strip() for k in sorted(_trace.entry_frames(frames))]


def test_the_library_frame_own_code_called_is_kept_where_a_cause_shares_its_caller() -> None:
    """Java: the library frame right above an own frame, and right above ``... N more`` where
    the N frames it stands for (the trace above's last N) hold an own frame: the API call the
    cause was raised in (trace/java-commons-io-lineiterator-truncated-gzip.txt)."""
    jdk = [
        "\tat java.base/java.util.zip.InflaterInputStream.fill(InflaterInputStream.java:244)",
        "\tat java.base/java.util.zip.InflaterInputStream.read(InflaterInputStream.java:158)",
        "\tat java.base/java.io.BufferedReader.fill(BufferedReader.java:162)",
        "\tat java.base/java.io.BufferedReader.readLine(BufferedReader.java:329)",
    ]
    lines = [
        'Exception in thread "main" java.lang.IllegalStateException: java.io.EOFException',
        "\tat org.apache.commons.io.LineIterator.hasNext(LineIterator.java:108)",
        "\tat Main.main(Main.java:16)",
        "Caused by: java.io.EOFException: Unexpected end of ZLIB input stream",
        *jdk,
        "\tat org.apache.commons.io.LineIterator.hasNext(LineIterator.java:96)",
        "\t... 1 more",
    ]
    assert _entry_lines(lines) == [
        "at org.apache.commons.io.LineIterator.hasNext(LineIterator.java:108)",
        "at org.apache.commons.io.LineIterator.hasNext(LineIterator.java:96)",
    ]
    r = compress("\n".join(lines) + "\n", content_type="stacktrace")
    (o,) = r.omitted
    assert o.description == "4 library frames: java.util×2, java.io×2"
    assert omitted_text(r, o.id) == "\n".join(jdk)
    assert lines[-2] in r.compressed.splitlines()
    # Where the frames "... N more" stands for are the library's (a thread pool's), the
    # frame above it is no call of the program's own.
    thread_pool = [
        "java.lang.RuntimeException: boom",
        "\tat org.apache.commons.io.LineIterator.hasNext(LineIterator.java:108)",
        "\tat java.base/java.lang.Thread.run(Thread.java:840)",
        "Caused by: java.io.EOFException",
        *jdk,
        "\t... 1 more",
    ]
    assert _entry_lines(thread_pool) == []


def test_the_library_frame_own_code_called_is_kept_in_node_go_and_rust() -> None:
    node = [
        "Error [ValidationError]: bad",
        "    at Object.attempt (/srv/app/node_modules/joi/lib/index.js:106:26)",
        "    at loadConfig (/srv/app/src/config.js:31:14)",
        "    at Module._compile (node:internal/modules/cjs/loader:1256:14)",
    ]
    assert _entry_lines(node) == [
        "at Object.attempt (/srv/app/node_modules/joi/lib/index.js:106:26)"
    ]
    go = [
        "goroutine 1 [running]:",
        "regexp.MustCompile({0x4c8192, 0x7})",
        "\t/usr/lib/go-1.19/src/regexp/regexp.go:319 +0xbb",
        "main.main()",
        "\t/tmp/pool/main.go:53 +0x24e",
    ]
    assert _entry_lines(go) == ["regexp.MustCompile({0x4c8192, 0x7})"]
    rust = [
        "  17:     0x55f21c3844f6 - core::result::Result<T,E>::expect::hfaa57db895efa033",
        "                               at /rustc/59807616e1fa/library/core/src/result.rs:1185:23",
        "  18:     0x55f21c38495e - main::parse_port::hcf7e3e37d892e675",
        "                               at /tmp/gather/rs/main.rs:2:50",
        "  43:     0x55f21c383337 - std::rt::lang_start::h102bec1ebfafca83",
        "                               at /rustc/59807616e1fa/library/std/src/rt.rs:205:5",
        "  44:     0x55f21c3858ce - main",
    ]
    # (a symbol without a source location, the C main rustc writes, is no own code)
    assert _entry_lines(rust) == [rust[0].strip()]


def test_python_keeps_the_library_frame_called_where_the_own_frame_shows_no_source() -> None:
    """Python lists the oldest call first: the library frame right below an own frame, kept
    where the own frame shows no source line (``python -c``); a source line shows the call."""
    lib = [
        '  File "/venv/lib/python3.11/site-packages/yaml/__init__.py", line 125, in safe_load',
        "    return load(stream, SafeLoader)",
        '  File "/venv/lib/python3.11/site-packages/yaml/__init__.py", line 81, in load',
        "    return loader.get_single_data()",
        '  File "/venv/lib/python3.11/site-packages/yaml/parser.py", line 98, in check_event',
        "    self.current_event = self.state()",
    ]
    bare = ["Traceback (most recent call last):", '  File "<string>", line 4, in load', *lib]
    assert _entry_lines(bare) == [lib[0].strip()]
    text = "\n".join([*bare, "yaml.parser.ParserError: while parsing"]) + "\n"
    r = compress(text, content_type="stacktrace")
    (o,) = r.omitted
    assert o.description == "2 library frames: yaml×2"
    assert "\n".join(lib[:2]) in r.compressed
    sourced = [
        "Traceback (most recent call last):",
        '  File "/srv/app/config.py", line 4, in load',
        "    return yaml.safe_load(text)",
        *lib,
    ]
    assert _entry_lines(sourced) == []


def test_a_pytest_frame_holds_its_source_lines_and_no_frames_have_no_entry() -> None:
    """pytest's short entry is its location line and the source (and caret) lines indented
    under it: the call it made. Its frames one after another are one run; with its source line
    shown, no library frame below an own one is kept as the call (entry_frames). And a text
    without frames (test output that has none) has no entry frames."""
    lines = [
        "tests/helpers.py:5: in load_config",
        "    return json.loads(text)",
        "           ^^^^^^^^^^^^^^^^",
        "/usr/lib/python3.11/json/__init__.py:346: in loads",
        "    return _default_decoder.decode(s)",
        "E   json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
    ]
    frames = _trace.frame_lines(lines)
    assert [(f.first, f.last, f.library) for f in frames] == [(0, 2, False), (3, 4, True)]
    assert _trace.entry_frames(frames) == set()
    assert _trace.entry_frames([]) == set()


def test_maven_frames_with_a_space_before_the_parenthesis_are_jvm_frames() -> None:
    """``mvn -e`` writes its exceptions' frames with a space before the parenthesis, and each
    ``Caused by:`` with all its frames (trace/mvn-e-offline-compile-missing-dependency.txt).
    They are JVM frames (Maven's, plexus's and aether's library code), not Node frames of own
    code: each trace's run of them is one marker; the exception lines stay."""
    maven = [
        "    at org.apache.maven.project.DefaultProjectDependenciesResolver.resolve"
        " (DefaultProjectDependenciesResolver.java:214)",
        "    at org.apache.maven.cli.MavenCli.main (MavenCli.java:196)",
        "    at jdk.internal.reflect.NativeMethodAccessorImpl.invoke0 (Native Method)",
        "    at java.lang.reflect.Method.invoke (Method.java:569)",
        "    at org.codehaus.plexus.classworlds.launcher.Launcher.main (Launcher.java:348)",
    ]
    aether = "    at org.eclipse.aether.internal.impl.Utils.checkOffline (Utils.java:123)"
    head = "org.apache.maven.lifecycle.LifecycleExecutionException: Failed to execute goal"
    cause = "Caused by: org.eclipse.aether.transfer.RepositoryOfflineException: offline"
    lines = [head, *maven, cause, aether, *maven]
    frames = _trace.frame_lines(lines)
    assert [(f.first, f.js, f.library) for f in frames] == [
        (k, False, True) for k in [*range(1, 6), *range(7, 13)]
    ]
    r = compress("\n".join(lines) + "\n", content_type="stacktrace")
    assert r.compressed.splitlines()[0] == head
    assert cause in r.compressed.splitlines()
    assert [o.description for o in r.omitted] == [
        "5 library frames: org.apache×2, jdk.internal, java.lang, org.codehaus",
        "6 library frames: org.apache×2, org.eclipse, jdk.internal, java.lang, +1 more",
    ]
    # A Node frame reads the same but for its file (a path with a line and a column); a
    # frame of the program's own code in Maven's form stays.
    node = "    at Object.<anonymous> (/srv/app/src/index.js:9:1)"
    own = "    at com.acme.ledger.Ledger.main (Ledger.java:12)"
    (f, g) = _trace.frame_lines([node, own])
    assert (f.js, g.js, g.library) == (True, False, False)


def test_rust_library_frames_shown_leave_addresses_hashes_rustc_commits_behind_a_marker() -> None:
    """A full backtrace's library frames shown without their address and symbol hash, the
    rustc commit of a standard library path written ``…`` (trace/rust-panic-backtrace-full.txt;
    own frames stay as they are); the C main rustc writes is a library frame."""
    commit = "59807616e1fa2540724bfbac14d7976d7e4a3860"
    lines = [
        "thread 'main' (23174) panicked at main.rs:2:50:",
        "bad port in config: ParseIntError { kind: InvalidDigit }",
        "stack backtrace:",
        "  17:     0x55f21c3844f6 - core::result::Result<T,E>::expect::hfaa57db895efa033",
        f"                               at /rustc/{commit}/library/core/src/result.rs:1185:23",
        "  18:     0x55f21c38495e - main::parse_port::hcf7e3e37d892e675",
        "                               at /tmp/gather/rs/main.rs:2:50",
        "  28:     0x55f21c38439d - core::iter::traits::iterator::Iterator::collect"
        "::hbc97da8685b2b546",
        f"                               at /rustc/{commit}/library/core/src/iter/traits/"
        "iterator.rs:2064:9",
        "  29:     0x55f21c3849a9 - main::load::heef7caa0321a51d6",
        "                               at /tmp/gather/rs/main.rs:3:86",
        "  43:     0x55f21c383337 - std::rt::lang_start::h102bec1ebfafca83",
        f"                               at /rustc/{commit}/library/std/src/rt.rs:205:5",
        "  44:     0x55f21c3858ce - main",
        "  47:     0x55f21c37ccf1 - _start",
        "  48:                0x0 - <unknown>",
    ]
    r = compress("\n".join(lines) + "\n", content_type="stacktrace")
    assert r.compressed.splitlines()[:-1] == [
        *lines[:3],
        "  17:     core::result::Result<T,E>::expect",
        "                               at /rustc/…/library/core/src/result.rs:1185:23",
        *lines[5:7],
        "  28:     core::iter::traits::iterator::Iterator::collect",
        "                               at /rustc/…/library/core/src/iter/traits/iterator.rs"
        ":2064:9",
        *lines[9:11],
        "  [omitted 4 library frames: std, rust runtime, libc, unknown; id=o1]",
    ]
    (o,) = [o for o in r.omitted if o.kind == "rust"]
    assert o.description.startswith("addresses and symbol hashes of Rust library frames")
    assert [r.original[s:e] for s, e in o.spans] == [
        "0x55f21c3844f6 - ",
        "::hfaa57db895efa033",
        commit,
        "0x55f21c38439d - ",
        "::hbc97da8685b2b546",
        commit,
    ]


def _thread(name: str, num: int, what: str) -> list[str]:
    head = f'"{name}" #{num} prio=5 os_prio=0 cpu=0.1{num}ms elapsed=2.42s'
    return [f"{head} tid=0x00007fdff01{num:05x} nid=0x45{num:02x} {what}  [0x00007fdf6e{num}d000]"]


def test_jvm_threads_stopped_where_one_above_is_are_one_marker_naming_them() -> None:
    """A JVM thread dump (jstack): the threads of a pool parked at one place keep the first,
    the others go behind one marker naming the one they are like and their names (a pool's
    said once with its numbers); a thread stopped elsewhere stays (its own frame a fact)."""
    parked = [
        "   java.lang.Thread.State: WAITING (parking)",
        "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)",
        "\t- parking to wait for  <0x000000069ec1ada8> (a java.util.concurrent.locks.Cond)",
        "\tat java.util.concurrent.LinkedBlockingQueue.take(java.base@17.0.15/"
        "LinkedBlockingQueue.java:435)",
        "\tat Pool.postEntry(Pool.java:9)",
        "\tat java.lang.Thread.run(java.base@17.0.15/Thread.java:840)",
    ]
    sleeping = [
        "   java.lang.Thread.State: TIMED_WAITING (sleeping)",
        "\tat java.lang.Thread.sleep(java.base@17.0.15/Native Method)",
        "\tat Pool.postEntry(Pool.java:11)",
        "\t- locked <0x000000069ec1a7f8> (a java.lang.Object)",
    ]
    lines = ["Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode, sharing):", ""]
    for n, body in [(12, parked), (13, parked), (14, parked), (16, sleeping), (17, parked)]:
        lines += [*_thread(f"poster-{n}", n, "waiting on condition"), *body, ""]
    r = compress("\n".join(lines), content_type="stacktrace")
    out = r.compressed.splitlines()
    assert [o.description for o in r.omitted if o.kind == "threads"] == [
        '2 threads stopped where one above is: 2 like "poster-12" (WAITING (parking)):'
        " poster-{13-14}",
        '1 thread stopped where one above is: 1 like "poster-12" (WAITING (parking)): poster-17',
    ]
    assert "\tat Pool.postEntry(Pool.java:11)" in out
    assert out.count("\tat Pool.postEntry(Pool.java:9)") == 1
    assert [ln for ln in out if ln.startswith('"')] == [lines[2], lines[2 + 3 * 8]]
    assert _trace._thread_names(["pool-1-thread-1", "main", "pool-1-thread-3", "x0"]) == (
        "pool-1-thread-{1, 3}, main, x0"
    )
    # The headers shown write the thread's pointer and stack address "…" (one marker at the
    # end holds them, where it pays); the JVM's list of its threads' pointers goes behind a
    # marker.
    apart = [lines[0], ""]
    for n in range(12, 18):
        apart += [
            *_thread(f"poster-{n}", n, "sleeping"),
            *sleeping[:2],
            f"\tat P.f(P.java:{n})",
            "",
        ]
    r = compress("\n".join(apart), content_type="stacktrace")
    assert r.compressed.splitlines()[2] == (
        '"poster-12" #12 prio=5 os_prio=0 cpu=0.112ms elapsed=2.42s tid=0x… nid=0x450c'
        " sleeping  [0x…]"
    )
    (o,) = [o for o in r.omitted if o.kind == "jvm"]
    assert [r.original[s:e] for s, e in o.spans][:2] == ["00007fdff010000c", "00007fdf6e12d000"]
    assert o.count == 12
    smr = [
        "Threads class SMR info:",
        "_java_thread_list=0x00007fdf58002a60, length=6, elements={",
        "0x00007fdff0017ea0, 0x00007fdff00f8390, 0x00007fdff00f9770, 0x00007fdff0101200,",
        "0x00007fdff01025b0, 0x00007fdff01039c0",
        "}",
        "",
    ]
    r = compress("\n".join([*lines[:2], *smr, *lines[2:]]), content_type="stacktrace")
    assert r.compressed.splitlines()[2:4] == [
        "Threads class SMR info:",
        "[omitted the JVM's list of its 6 threads' pointers; id=o1]",
    ]
    assert omitted_text(r, "o1") == "\n".join(smr[1:5])


def test_python_exception_group_tracebacks_are_read_past_their_gutter() -> None:
    """Python 3.11's exception group (asyncio.TaskGroup) draws its tracebacks right of a "|"
    gutter (trace/python-taskgroup-exception-group-config.txt): frames are read past it,
    shown with it, and markers are written after it."""
    stdlib = "/root/.pyenv/versions/3.11.7/lib/python3.11"
    lines = [
        "  + Exception Group Traceback (most recent call last):",
        '  |   File "/srv/app/load.py", line 33, in main',
        "  |     regions = asyncio.run(load_all(root))",
        f'  |   File "{stdlib}/asyncio/runners.py", line 190, in run',
        "  |     return runner.run(main)",
        "  |            ^^^^^^^^^^^^^^^^",
        f'  |   File "{stdlib}/asyncio/runners.py", line 118, in run',
        "  |     return self._loop.run_until_complete(task)",
        f'  |   File "{stdlib}/asyncio/base_events.py", line 653, in run_until_complete',
        "  |     return future.result()",
        '  |   File "/srv/app/load.py", line 27, in load_all',
        "  |     async with asyncio.TaskGroup() as tg:",
        f'  |   File "{stdlib}/asyncio/taskgroups.py", line 145, in __aexit__',
        "  |     raise me from None",
        "  | ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)",
        "  +-+---------------- 1 ----------------",
        "    | Traceback (most recent call last):",
        '    |   File "/srv/app/load.py", line 13, in parse',
        "    |     text = path.read_text()",
        f'    |   File "{stdlib}/pathlib.py", line 1058, in read_text',
        "    |     with self.open(mode='r', encoding=encoding, errors=errors) as f:",
        f'    |   File "{stdlib}/pathlib.py", line 1044, in open',
        "    |     return io.open(self, mode, buffering, encoding, errors, newline)",
        "    | FileNotFoundError: [Errno 2] No such file or directory: 'conf/apac.json'",
        "    +---------------- 2 ----------------",
        "    | Traceback (most recent call last):",
        '    |   File "/srv/app/load.py", line 13, in parse',
        "    |     text = path.read_text()",
        "    | PermissionError: [Errno 13] Permission denied: 'conf/eu.json'",
        "    +------------------------------------",
    ]
    text = "\n".join(lines) + "\n"
    assert detect_content_type(text) == "stacktrace"
    frames = _trace.frame_lines(_trace.ungutter(lines))
    assert [(f.first, f.library) for f in frames] == [
        (1, False),
        (3, True),
        (6, True),
        (8, True),
        (10, False),
        (12, True),
        (17, False),
        (19, True),
        (21, True),
        (26, False),
    ]
    r = compress(text)
    out = r.compressed.splitlines()
    assert out[3] == "  |   [omitted 3 library frames: python stdlib×3; id=o1]"
    assert "    |   [omitted 1 frame shown above: load.py:13 parse; id=o3]" in out
    for k in (0, 1, 2, 10, 11, 12, 13, 14, 15, 16, 17, 18, 23, 24, 25, 28, 29):
        assert lines[k] in out, lines[k]


def test_node_dump_lines_whose_string_an_error_line_above_says_go_behind_one_marker() -> None:
    """util.inspect's dump of a validation error repeats each detail's message, which the
    error's own line says (joi's ``message: '…'``; trace/node-joi-attempt-validation-error.txt):
    those lines go behind one marker at the end naming their keys; other strings stay."""
    lines = [
        'Error [ValidationError]: "server.port" must be a number. "admins[0].email" must be a'
        " valid email",
        "    at Object.attempt (/srv/app/node_modules/joi/lib/index.js:106:26)",
        "    at loadConfig (/srv/app/src/config.js:31:14)",
        "    at Object.<anonymous> (/srv/app/src/server.js:9:1) {",
        "  details: [",
        "    {",
        "      message: '\"server.port\" must be a number',",
        "      path: [ 'server', 'port' ],",
        "      type: 'number.base',",
        "      context: { label: 'server.port', value: 'eighty', key: 'port' }",
        "    },",
        "    {",
        "      message: '\"admins[0].email\" must be a valid email',",
        "      hint: 'an address such as ops@example.com',",
        "      errors: [ '\"server.port\" must be a number' ],",
        "    }",
        "  ]",
        "}",
    ]
    r = compress("\n".join(lines) + "\n", content_type="stacktrace")
    (o,) = r.omitted
    assert o.description == (
        "3 property lines whose string an error line above says (message×2, errors)"
    )
    assert [r.original[s:e] for s, e in o.spans] == [lines[6], lines[12], lines[14]]
    out = r.compressed.splitlines()
    assert [ln for ln in lines if ln not in out] == [lines[6], lines[12], lines[14]]


def test_a_jvm_thread_dump_with_few_frames_is_a_trace() -> None:
    """A thread dump whose frames are under half its lines (JVM threads without frames, a
    deadlock report; trace/jstack-deadlock-transfer-tellers.txt): its headers, states,
    monitors and deadlock report are what the dump prints around its frames."""
    lines = ["Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode, sharing):", ""]
    for n in range(1, 5):
        lines += [
            *_thread(f"teller-{n}", n, "waiting for monitor entry"),
            "   java.lang.Thread.State: BLOCKED (on object monitor)",
            f"\tat Transfer.transfer(Transfer.java:{n})",
            "\t- waiting to lock <0x000000069ec1ac60> (a Transfer$Account)",
            "\t- locked <0x000000069ec1ac18> (a Transfer$Account)",
            "",
        ]
    for n in range(5, 9):
        lines += [*_thread(f"GC Thread#{n}", n, "runnable"), ""]
    lines += [
        "Found one Java-level deadlock:",
        "=============================",
        '"teller-1":',
        "  waiting to lock monitor 0x00007f1e64066c50 (object 0x000000069ec1ac60, a Account),",
        '  which is held by "teller-2"',
        "",
        "Java stack information for the threads listed above:",
        "===================================================",
        '"teller-1":',
        *lines[4:7],
        '"teller-2":',
        *lines[10:13],
        "",
        "Found 1 deadlock.",
    ]
    text = "\n".join(lines) + "\n"
    assert detect_content_type(text) == "stacktrace"
    # The report's stacks, each the one shown above for its thread: one marker naming them.
    r = compress(text)
    (o,) = [o for o in r.omitted if o.description.startswith("2 stacks")]
    assert o.description == '2 stacks of the deadlock, as shown above: "teller-1", "teller-2"'
    assert omitted_text(r, o.id) == "\n".join(lines[-10:-2])


def test_jvm_thread_headers_of_jdk_19_and_later_are_read() -> None:
    """JDK 19+ writes the OS thread id in decimal, also after the thread's number:
    '"main" #3 [10137] … nid=10137 …' (trace/jstack-jdk25-thread-dump-executor-pool.txt)."""
    header = (
        '"poster-21" #21 [10156] prio=5 os_prio=0 cpu=0.98ms elapsed=2.42s'
        " tid=0x00007ff3040e2040 nid=10156 waiting on condition  [0x00007ff2e0ffe000]"
    )
    body = ["   java.lang.Thread.State: WAITING (parking)", "\tat Pool.postEntry(Pool.java:9)"]
    ((first, end, name, sig, state),) = _trace._jvm_threads([header, *body, ""])
    assert (first, end, name, state) == (0, 3, "poster-21", "WAITING (parking)")
    assert sig == "\n".join(["waiting on condition", *body])


def test_jstack_l_ownable_synchronizers_belong_to_their_thread() -> None:
    """jstack -l writes each thread's "Locked ownable synchronizers:" after a blank line
    (trace/jstack-l-thread-dump-executor-pool.txt): they belong to the thread's block, and
    a pool's threads each holding their own Worker are stopped at one place."""
    lines: list[str] = []
    for n in (12, 13, 14):
        lines += [
            *_thread(f"poster-{n}", n, "waiting on condition"),
            "   java.lang.Thread.State: WAITING (parking)",
            "\tat Pool.postEntry(Pool.java:9)",
            "",
            "   Locked ownable synchronizers:",
            f"\t- <0x000000069ec1b{n}8> (a java.util.concurrent.ThreadPoolExecutor$Worker)",
            "",
        ]
    blocks = _trace._jvm_threads(lines)
    assert [(i, j) for i, j, *_ in blocks] == [(0, 6), (7, 13), (14, 20)]
    assert len({sig for *_, sig, _ in blocks}) == 1
    r = compress("\n".join(["Full thread dump OpenJDK 64-Bit Server VM:", "", *lines]))
    (o,) = [o for o in r.omitted if o.kind == "threads"]
    assert o.description.endswith('2 like "poster-12" (WAITING (parking)): poster-{13-14}')
    assert r.compressed.count("Locked ownable synchronizers:") == 1
