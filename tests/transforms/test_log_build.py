"""Build output: compiler diagnostics as records (diagnostic line, quoted source, caret,
details). Every diagnostic line stays; carets and detail lines repeating lines shown above
go behind one marker each."""

from __future__ import annotations

import re

from tests.transforms._check import compress, omitted_text
from transforms import detect_content_type

_RAW = (
    "  missing type arguments for generic class List<E>",
    "  where E is a type-variable:",
    "    E extends Object declared in interface List",
)


def _javac_log() -> tuple[str, list[str]]:
    """``javac -Xlint:all`` output: [rawtypes] warnings, each with its source line, caret
    and the same three detail lines, then the count."""
    fields = [
        ("Parser", 44, "    private List requiredOptions;", 12),
        ("Parser", 90, "    protected List getRequiredOptions() {", 14),
        ("MissingOptionException", 43, "    private List missingOptions;", 12),
        ("MissingOptionException", 51, "    public MissingOptionException(final List m) {", 40),
        ("MissingOptionException", 72, "    public List getMissingOptions() {", 11),
        ("DefaultParser", 227, "    protected List expectedOpts;", 14),
        ("HelpFormatter", 301, "    private List optionGroups;", 12),
        ("OptionBuilder", 88, "    private static List argNames;", 19),
    ]
    lines: list[str] = []
    warnings: list[str] = []
    for cls, at, source, column in fields:
        warning = (
            f"src/main/java/org/apache/commons/cli/{cls}.java:{at}: warning: [rawtypes]"
            " found raw type: List"
        )
        warnings.append(warning)
        lines += [warning, source, " " * column + "^", *_RAW]
    lines.append(f"{len(fields)} warnings")
    return "\n".join(lines) + "\n", warnings


def test_javac_output_is_a_log_not_java_source() -> None:
    text, _ = _javac_log()
    assert detect_content_type(text) == "log"


def test_javac_warnings_stay_carets_and_repeated_details_go_behind_markers() -> None:
    text, warnings = _javac_log()
    lines = text.splitlines()
    r = compress(text)
    out = r.compressed
    assert r.content_type == "log"
    assert r.compressed_tokens < 0.8 * r.original_tokens
    for warning in warnings:
        assert warning in out
    # Every source line (the names it holds) and the summary stay.
    for line in lines:
        if line.startswith("    ") and "extends" not in line:
            assert line in out
    assert out.rstrip().endswith("8 warnings")
    # The details are shown once, with the first warning.
    for detail in _RAW:
        assert detail in out
    (repeats,) = [o for o in r.omitted if "repeating lines shown above" in o.description]
    hidden = omitted_text(r, repeats.id).splitlines()
    assert hidden and set(hidden) <= set(_RAW)
    carets = [o for o in r.omitted if "compiler carets" in o.description]
    for o in carets:
        assert all(set(line.strip()) == {"^"} for line in omitted_text(r, o.id).splitlines())


def test_gcc_second_warning_at_one_source_line_keeps_both_diagnostics() -> None:
    """Two warnings at one source line (lz4hc.c:954, columns 33 and 36), and a header's
    warning once per file including it: every diagnostic line stays, a source line shown
    above is not shown again, and the header's repeats go behind one marker naming the
    including files and the warning (file:line:col)."""
    source = "  954 |                     matchLength += LZ4_count(ip+matchLength, p, lim);"
    head = "  465 |                 strncpy(*bufStart + *pos, path, *bufEnd - *pos);"
    lines = [
        "make[1]: Entering directory '/tmp/lz4/lib'",
        "compiling static library",
        "lz4hc.c: In function ‘LZ4HC_InsertAndGetWiderMatch’:",
    ]
    diagnostics = [
        "lz4hc.c:954:33: warning: conversion to ‘unsigned int’ from ‘int’ may change the"
        " sign of the result [-Wsign-conversion]",
        "lz4hc.c:954:36: warning: conversion to ‘int’ from ‘unsigned int’ may change the"
        " sign of the result [-Wsign-conversion]",
    ]
    lines += [diagnostics[0], source, "      |                                 ^~"]
    lines += [diagnostics[1], source, "      |                                    ^~~~~~~~~"]
    for unit in ("bench.c:39", "lz4cli.c:46", "lz4io.c:50", "util.c:28"):
        lines += [
            f"In file included from {unit}:",
            "util.h: In function ‘UTIL_prepareFileList’:",
            "util.h:465:57: warning: conversion to ‘size_t’ from ‘long int’ may change the"
            " sign of the result [-Wsign-conversion]",
            head,
            "      |                                                 ~~~~~~~~^~~~~~~~~~~~",
        ]
    lines += ["make[1]: Leaving directory '/tmp/lz4/lib'", "lz4 build completed", "done"]
    text = "\n".join(lines) + "\n"
    r = compress(text, content_type="log")
    out = r.compressed
    for line in diagnostics:
        assert line in out
    assert "util.h:465:57: warning:" in out
    for unit in ("bench.c:39", "lz4cli.c:46", "lz4io.c:50", "util.c:28"):
        assert unit in out or any(unit in o.description for o in r.omitted)
    assert out.count(source) == 1 and out.count(head) == 1
    assert "In file included from bench.c:39:" in out
    hidden = "".join(omitted_text(r, o.id) for o in r.omitted)
    assert hidden.count(source) == 1 and hidden.count(head) == 3
    (again,) = [o for o in r.omitted if "included from" in o.description]
    assert "util.h:465:57" in again.description and "bench.c:39" not in again.description


def test_javac_error_records_keep_their_symbol_lines() -> None:
    """An error's record stays whole: javac's ``symbol:`` and ``location:`` lines say what
    failed, even where a record above had the same ones (only carets may go)."""
    lines: list[str] = []
    errors: list[str] = []
    for k in range(8):
        error = f"src/main/java/org/example/Shop{k}.java:{10 + k}: error: cannot find symbol"
        errors.append(error)
        lines += [
            error,
            f"        Basket basket{k} = new Basket();",
            "        ^",
            "  symbol:   class Basket",
            f"  location: class Shop{k}",
        ]
    lines.append("8 errors")
    text = "\n".join(lines) + "\n"
    r = compress(text)
    assert r.content_type == "log"
    for error in errors:
        assert error in r.compressed
    assert r.compressed.count("  symbol:   class Basket") == 8
    assert not [o for o in r.omitted if "repeating lines shown above" in o.description]


def _header_warning(unit: str, line: int = 12) -> list[str]:
    return [
        f"In file included from {unit}:",
        "lib/x.h: In function ‘x_len’:",
        f"lib/x.h:{line}:5: warning: conversion from ‘long int’ to ‘int’ may change value"
        " [-Wconversion]",
        f"   {line} |     return n - 1;",
        "      |     ^~~~~~",
    ]


def test_gcc_header_warning_repeated_per_including_file_is_shown_once() -> None:
    """One header's warning block again verbatim under each file including it: shown once,
    one marker names the warning (file:line:col) and the other including files; a block
    with a warning of its own stays shown with its include line."""
    lines = ["make all", "cc -c a.c", "cc -c b.c"]
    lines += _header_warning("a.c:1") + _header_warning("b.c:3") + ["cc -c c.c"]
    lines += _header_warning("c.c:2") + _header_warning("d.c:7", line=40)
    lines += ["cc -o prog a.o b.o c.o d.o", "build done", "make: leaving"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    assert "In file included from a.c:1:" in out
    assert out.count("lib/x.h:12:5: warning:") == 1
    assert "In file included from d.c:7:" in out and "lib/x.h:40:5: warning:" in out
    assert "cc -c c.c" in out
    (again,) = [o for o in r.omitted if "included from" in o.description]
    assert "lib/x.h:12:5" in again.description
    assert "b.c:3" in again.description and "c.c:2" in again.description
    assert "a.c:1" not in again.description and "d.c:7" not in again.description
    hidden = omitted_text(r, again.id)
    assert hidden.count("lib/x.h:12:5: warning:") == 2
    assert "In file included from b.c:3:" in hidden and "In file included from c.c:2:" in hidden


def test_make_leaving_and_reentering_one_directory_folds() -> None:
    """``make[1]: Leaving directory 'X'`` right before ``make[1]: Entering directory 'X'``:
    make stays where it was; both lines go behind a marker (another directory's stay)."""
    lines = ["make -C lib", "make[1]: Entering directory '/src/lib'", "cc -c a.c"]
    for k in range(3):
        lines += [
            "make[1]: Leaving directory '/src/lib'",
            "make[1]: Entering directory '/src/lib'",
            f"cc -c part{k}.c",
        ]
    lines += ["make[1]: Leaving directory '/src/lib'", "make[1]: Entering directory '/src/app'"]
    lines += ["cc -c main.c", "make[1]: Leaving directory '/src/app'", "done", "ok"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    (fold,) = [o for o in r.omitted if "re-entering" in o.description]
    assert fold.count == 6
    assert "make[1]: Entering directory '/src/app'" in r.compressed
    for k in range(3):
        assert f"cc -c part{k}.c" in r.compressed


def test_long_command_line_tail_names_its_source_files_by_directory_once() -> None:
    """``go build -x``: a compile line listing a package's source files (one directory, 40
    files) keeps its head; the marker over its tail says the directory once and names every
    file (each one-off in the log), shell-brace style."""
    names = [
        "alg",
        "atomic",
        "cgo",
        "cgocall",
        "chan",
        "checkptr",
        "complex",
        "cpuflags",
        "cpuprof",
        "cputicks",
        "debug",
        "debugcall",
        "debuglog",
        "env",
        "extern",
        "float",
        "hash",
        "heapdump",
        "iface",
        "lfstack",
        "lockrank",
        "malloc",
        "map",
        "mbarrier",
        "mbitmap",
        "mcache",
        "mcentral",
        "mem",
        "mfinal",
        "mgc",
        "mgcmark",
        "mgcpacer",
        "mheap",
        "mpagealloc",
        "mprof",
        "msize",
        "netpoll",
        "os",
        "proc",
    ]
    files = [f"{name}.go" for name in names]
    src = "/usr/lib/go-1.19/src/runtime/"
    compile_line = (
        "/usr/lib/go-1.19/pkg/tool/linux_amd64/compile -o $WORK/b008/_pkg_.a -trimpath"
        ' "$WORK/b008=>" -p runtime -std -+ -buildid AtVZHxj8/AtVZHxj8 -goversion go1.19.8'
        " -c=2 -nolocalimports -importcfg $WORK/b008/importcfg -pack "
        + " ".join(src + f for f in files)
    )
    lines = ["WORK=/tmp/go-build294829590", "mkdir -p $WORK/b008/", "cd /tmp/app"]
    lines += [compile_line]
    lines += [f"mkdir -p $WORK/b{k:03d}/" for k in range(10, 16)]
    lines += ["mv $WORK/b001/exe/a.out hello", "rm -r $WORK/b001/"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    (tail,) = [o for o in r.omitted if o.kind == "line tail"]
    assert src + "{" in tail.description
    assert tail.description.count(src) <= 2
    shown = r.compressed.split("\n")
    (head,) = [ln for ln in shown if ln.startswith("/usr/lib/go-1.19/pkg/tool/")]
    for f in files:
        stem = f.removesuffix(".go")
        assert f in head or re.search(rf"[{{ ]{stem}[,}}]", tail.description), f
    assert r.compressed_tokens < 0.6 * r.original_tokens


_CONFIGURE = [
    "-- The CXX compiler identification is GNU 12.2.0",
    "-- Detecting CXX compiler ABI info",
    "-- Detecting CXX compiler ABI info - done",
    "-- Check for working CXX compiler: /usr/bin/c++ - skipped",
    "-- Configuring done",
    "-- Generating done",
    "-- Build files have been written to: /tmp/spd/build",
]


def _building(target: str, sources: list[str], start: int, total: int) -> list[str]:
    return [
        f"[{100 * (start + k) // total:3d}%] Building CXX object"
        f" CMakeFiles/{target}.dir/src/{source}.cpp.o"
        for k, source in enumerate(sources)
    ]


def test_a_template_one_marker_names_is_quoted_there_without_a_table() -> None:
    """A small cmake build: its one run of compile steps goes behind a marker quoting the
    template (no table, no legend to pay for), naming every object file whole."""
    sources = ["stdout_sinks", "spdlog", "color_sinks", "file_sinks", "async", "cfg", "bundled"]
    lines = [*_CONFIGURE, *_building("spdlog", sources, 1, 10)]
    lines += ["[ 80%] Linking CXX static library libspdlog.a", "[ 80%] Built target spdlog"]
    lines += ["[100%] Linking CXX executable example", "[100%] Built target example"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    assert not out.startswith("[log: ") and "\nT1 " not in out
    (o,) = r.omitted
    assert o.description.startswith('6 lines: "[ <*>%] Building CXX object <*>"×6 (*2: ')
    for source in sources:
        assert f"CMakeFiles/spdlog.dir/src/{source}.cpp.o" in out
    assert r.compressed_tokens < r.original_tokens


def test_a_template_two_markers_name_is_quoted_in_both_without_a_table() -> None:
    """Two runs of one template (compile steps of two targets): quoting it in both markers
    counts fewer tokens than a table and its legend (a long log's table, whose templates
    many markers name: test_logs.py's first test)."""
    lib = ["api", "dumper", "emitter", "loader", "parser", "reader", "scanner", "writer"]
    tests = ["run_dumper", "run_emitter", "run_loader", "run_parser", "run_scanner", "reader2"]
    lines = [*_CONFIGURE, *_building("yaml", lib, 1, 20)]
    lines += ["[ 45%] Linking C static library libyaml.a", "[ 45%] Built target yaml"]
    lines += _building("tests", tests, 10, 20)
    lines += ["[100%] Linking C executable tests", "[100%] Built target tests"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    assert not out.startswith("[log: ") and "\nT1 " not in out
    runs = [o for o in r.omitted if ".cpp.o" in o.description]
    assert len(runs) == 2
    assert all(o.description.count('"[ <*>%] Building CXX object <*>"×') == 1 for o in runs)
    for source in lib + tests:
        assert f"/src/{source}.cpp.o" in out


def _sdist_log(meta: str) -> list[str]:
    """``pip install -v`` of an sdist: setuptools writes the egg-info when pip gets the build
    requirements, then again under the metadata directory ``meta``, then builds."""
    egg = [
        "  running egg_info",
        "  writing demo.egg-info/PKG-INFO",
        "  writing dependency_links to demo.egg-info/dependency_links.txt",
        "  writing top-level names to demo.egg-info/top_level.txt",
        "  reading manifest file 'demo.egg-info/SOURCES.txt'",
        "  writing manifest file 'demo.egg-info/SOURCES.txt'",
    ]
    lines = ["Using pip 23.2.1 from /venv/lib/python3.11/site-packages/pip (python 3.11)"]
    lines += ["Processing ./sdist/demo-1.0.tar.gz"]
    lines += ["  Getting requirements to build wheel: started", *egg]
    lines += ["  Getting requirements to build wheel: finished with status 'done'"]
    lines += ["  Preparing metadata (pyproject.toml): started", "  running dist_info"]
    lines += [f"  creating {meta}demo.egg-info"]
    lines += [ln.replace("demo.egg-info", meta + "demo.egg-info") for ln in egg[1:]]
    lines += [f"  creating '{meta}demo-1.0.dist-info'", "  Preparing metadata: finished"]
    for k in range(12):
        lines.append(f"  copying demo/mod{k}.py -> build/lib/demo")
    lines += ["Successfully built demo", "Installing collected packages: demo"]
    lines += ["Successfully installed demo-1.0"]
    return lines


def test_lines_repeated_under_a_temporary_directory_are_counted_as_repeats() -> None:
    # The metadata step's lines repeat the egg_info step's but for the temporary directory
    # before their paths: counted as repeats, the marker naming that directory.
    meta = "/tmp/pip-modern-metadata-34lup2t5/"
    lines = _sdist_log(meta)
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    moved = [ln for ln in lines if meta + "demo.egg-info/" in ln]
    assert len(moved) == 5 and not any(ln in out for ln in moved)
    (mark,) = [ln for ln in out.splitlines() if "with paths under" in ln]
    assert f"5 with paths under {meta})" in mark
    oid = re.search(r"id=(o\d+)", mark)
    assert oid is not None and all(ln in omitted_text(r, oid.group(1)) for ln in moved)
    # The lines they repeat, and the metadata step's own lines, are shown.
    assert "  writing demo.egg-info/PKG-INFO" in out and f"creating '{meta}demo-1.0" in out


def test_lines_under_a_named_directory_are_not_counted_as_repeats() -> None:
    # A directory without digits is a name a reader may look for: its paths stay one-off
    # paths (shown or named), not repeats of the lines above.
    meta = "/tmp/metadata/"
    lines = _sdist_log(meta)
    r = compress("\n".join(lines) + "\n", content_type="log")
    assert "with paths under" not in r.compressed
    assert f"{meta}demo.egg-info/dependency_links.txt" in r.compressed


def test_a_program_linked_is_named_above_for_its_built_target_line() -> None:
    # cmake links bin/<name>, then says "Built target <name>": the marker naming the program's
    # path names the target too (not listed again); a file's name (x.c.o, METADATA) elsewhere
    # is no program.
    from transforms._logs import _Named

    named = _Named()
    named.add(("=", "bin/alpha_test"))
    named.update([("=", "../run-dumper"), ("=", "dist/pkg-1.0.dist-info/METADATA")])
    named.add(("=", "CMakeFiles/x.dir/x.c.o"))
    assert {("=", "alpha_test"), ("=", "run-dumper")} <= named
    assert ("=", "METADATA") not in named and ("=", "x.c.o") not in named
    names = ["alpha_test", "bravo_test", "charlie_test", "delta_test", "echo_test", "golf_test"]
    lines = ["-- The C compiler identification is GNU 12.2.0", "-- Configuring done"]
    lines += ["-- Generating done", "[  2%] Building C object CMakeFiles/core.dir/src/core.c.o"]
    lines += ["[  4%] Linking C static library libcore.a", "[  4%] Built target core"]
    for k, name in enumerate(names):
        p = 10 + k * 10
        lines.append(f"[{p:3}%] Building C object CMakeFiles/{name}.dir/tests/{name}.c.o")
        lines += [f"[{p:3}%] Linking C executable bin/{name}", f"[{p:3}%] Built target {name}"]
    lines += ["[100%] Linking C executable bin/last", "[100%] Built target last", "done"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    for name in names:
        assert f"bin/{name}" in r.compressed
        assert r.compressed.count(name) == 3  # its object's path (twice), its program's
