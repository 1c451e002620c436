"""Tool output whose lines hold tokens of code is output (a log), not code or a document;
scripts and configuration files are config (kept whole), not documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.transforms._check import compress
from tests.transforms._data import read
from transforms import detect_content_type


@pytest.mark.parametrize(
    "name",
    [
        # pip -v: dependency chains "(from jedi>=0.18.2->ipython->jupyter-console)".
        "pip-install-v-chains.txt",
        # g++ diagnostics naming "std::vector<…>::push_back(" and quoting source lines.
        "gxx-errors.txt",
        # go build -x: a shell trace whose "# import config" line repeats (not a heading).
        "go-build-x.txt",
    ],
)
def test_tool_output_holding_tokens_of_code_is_a_log(name: str) -> None:
    assert detect_content_type(read(name)) == "log"


# A slice of a C function body: its evidence is statements using "->" and NULL.
C_BODY_SLICE = """\
    if (patch->child == NULL)
    {
        return;
    }
    while (patch_child != NULL)
    {
        current->next = patch_child->next;
        patch_child->prev = current;
        free(patch_child->string);
        patch_child = patch_child->next;
    }
    if ((object == NULL) || (target == NULL))
    {
        return NULL;
    }
    target->child = object->child;
    object->child = NULL;
"""


def test_c_statements_using_arrows_and_null_are_still_c() -> None:
    assert detect_content_type(C_BODY_SLICE) == "c"


def test_repeated_comment_lines_do_not_make_headings_but_distinct_ones_do() -> None:
    body = "".join(f"step {i}: copy a{i} to b{i}\n" for i in range(30))
    repeated = "".join(f"# import config\nstep {i}: copy a{i} to b{i}\n" for i in range(30))
    assert detect_content_type(repeated) == detect_content_type(body) == "log"
    doc = "".join(f"# Section {w}\n\nSome words about {w} here.\n\n" for w in "abcde")
    assert detect_content_type(doc) == "markdown"


@pytest.mark.parametrize(
    "name",
    [
        # Shell functions under "# comment" lines: a document to Markdown, whose sentence
        # selection dropped whole functions.
        "git-subtree-functions.sh",
        # Makefile rules and recipes: dropped as sentences the same way.
        "git-subtree.Makefile",
        "pyenv-test.Dockerfile",
        "sysctl.conf",
    ],
)
def test_scripts_and_configuration_files_are_config_and_kept_whole(name: str) -> None:
    text = read(name)
    assert detect_content_type(text) == "config"
    r = compress(text)
    assert r.compressed == text
    assert r.transforms == ("unchanged:config",)


def test_a_configuration_hint_keeps_the_text_whole() -> None:
    text = read("git-subtree.Makefile")
    for hint in ("makefile", "text/x-shellscript", "application/yaml", "toml"):
        r = compress(text, content_type=hint)
        assert (r.content_type, r.compressed) == ("config", text)


def test_a_configuration_file_keeps_its_trailing_blanks() -> None:
    # "FLAGS = -O2 " holds its blank; a Makefile's value is what stands after "=".
    text = read("git-subtree.Makefile").replace("\n", "   \n\n\n\n", 12)
    r = compress(text)
    assert (r.content_type, r.compressed) == ("config", text)


def _diagnostics(n: int) -> list[str]:
    return [
        json.dumps(
            {
                "file": f"pkg/mod{i % 7}.py",
                "line": 10 + i,
                "code": "no-untyped-def" if i % 5 else "arg-type",
                "message": f"Function is missing a type annotation for argument {i % 3}",
            }
        )
        for i in range(n)
    ]


def test_ndjson_cut_inside_its_last_line_is_records_and_the_cut_line() -> None:
    # A truncated tool output: every line JSON but the last (was: returned unchanged, no
    # reason; a short one was not even NDJSON).
    for n in (12, 200):
        text = "\n".join(_diagnostics(n))[:-25]
        r = compress(text)
        assert r.content_type == "ndjson"
        assert r.transforms == ("partial:ndjson:last line cut", "ndjson_records")
        assert r.compressed.endswith(text.splitlines()[-1])
        assert r.compressed_tokens < 0.8 * r.original_tokens


def test_ndjson_with_a_line_that_is_not_json_goes_to_the_log_compressor() -> None:
    lines = _diagnostics(300)
    text = "\n".join([*lines[:150], "mypy: error: cache file is corrupt", *lines[150:]]) + "\n"
    r = compress(text)
    assert r.transforms[:2] == ("fallback:ndjson:unparsable", "log_templates")
    assert "cache file is corrupt" in r.compressed


def test_git_log_stat_keeps_every_file_a_commit_touched() -> None:
    # A changelog (prose) whose diffstat rows were dropped as sentences.
    text = read("git-log-stat.txt")
    r = compress(text)
    assert r.content_type == "prose" and r.compressed_tokens < 0.9 * r.original_tokens
    stat = [ln for ln in text.splitlines() if " | " in ln or " changed, " in ln]
    assert len(stat) > 80
    assert [ln for ln in stat if ln not in r.compressed] == []


def test_go_functions_full_of_return_lines_are_go_not_python() -> None:
    # Debian golang-1.19 strings/reader.go: Python's patterns counted its "return" lines.
    text = (Path(__file__).parents[2] / "bench/corpus/go/go-strings-reader.go").read_text()
    assert detect_content_type(text) == "go"


# Slices of code with little evidence of their own language (a method, a few statements):
# "return" lines corroborate the language that has some.
JAVA_SLICE = """\
    public <U> Optional<U> map(Function<? super T, ? extends U> mapper) {
        Objects.requireNonNull(mapper);
        if (isEmpty()) {
            return empty();
        } else {
            return Optional.ofNullable(mapper.apply(value));
        }
    }
"""
GO_SLICE = """\
	if name == "unknown" {
		return []byte(name), nil
	}
	return []byte(fmt.Sprintf("%s %s:%d", name, f.file(), f.line())), nil
}

type StackTrace []Frame
"""


@pytest.mark.parametrize(("text", "kind"), [(JAVA_SLICE, "java"), (GO_SLICE, "go")])
def test_a_slice_of_code_is_its_language(text: str, kind: str) -> None:
    assert detect_content_type(text) == kind


def test_a_go_file_of_constant_tables_is_go() -> None:
    # As Go 1.19's zsysnum_linux_amd64.go: its package clause, then constants only.
    names = ["READ", "WRITE", "OPEN", "CLOSE", "STAT", "FSTAT", "LSTAT", "POLL", "LSEEK", "MMAP"]
    body = "".join(f"\tSYS_{n}{k} = {10 * k + i}\n" for k in range(4) for i, n in enumerate(names))
    text = f"// mksysnum_linux.pl -Ilinux/usr/include\n\npackage syscall\n\nconst (\n{body})\n"
    assert detect_content_type(text) == "go"


def test_cpp_one_line_bodies_and_macro_lines_are_cpp_evidence() -> None:
    # As libstdc++'s pb_ds *_imp.hpp files: qualified calls in one-line bodies.
    methods = "".join(
        f"PB_DS_CLASS_T_DEC\ninline void\nPB_DS_CLASS_C_DEC::\n{m}(size_type size)\n"
        f"{{ mask_based_base::{m}(size); }}\n\n"
        for m in ("swap", "notify_resized", "range_hash", "resize", "clear")
    )
    assert detect_content_type(methods) == "cpp"


# As a schema catalog module or charset_normalizer's constant.py: imports and a helper, then
# one big literal table of settings, whose "key": value lines read as a configuration file.
_CATALOG_ROWS = "".join(
    f'    "{name}": {{\n        "url": _url("{name}", "main", "schema.json"),\n'
    f'        "hook_config": {{\n            "name": "Validate {name}",\n'
    f'            "types": "yaml",\n        }},\n    }},\n'
    for name in [f"service-{i}" for i in range(30)]
)
CATALOG_MODULE = (
    "from __future__ import annotations\n\nimport typing as t\n\n\n"
    "def _url(repo: str, ref: str, path: str) -> str:\n"
    '    return f"https://raw.githubusercontent.com/{repo}/{ref}/{path}"\n\n\n'
    f"SCHEMA_CATALOG: dict[str, dict[str, t.Any]] = {{\n{_CATALOG_ROWS}}}\n"
)


def test_a_module_of_data_tables_is_python_not_config() -> None:
    # Was "log" or "config" (returned unchanged): 90 % of its lines are "key": value settings.
    assert detect_content_type(CATALOG_MODULE) == "python"
    out = compress(CATALOG_MODULE)
    assert "def _url(repo: str, ref: str, path: str) -> str:" in out.compressed
    assert "SCHEMA_CATALOG" in out.compressed


@pytest.mark.parametrize(
    "text",
    [
        # Config and logs that hold a Python-looking line stay what they were.
        "[tool.ruff]\nline-length = 100\n"
        + "".join(f"opt{i} = {i}\n" for i in range(10))
        + "import = 'x'\n",
        "".join(f"2026-12-02 10:00:{i:02d} INFO worker {i} import started\n" for i in range(30))
        + "import os\n",
    ],
)
def test_python_looking_lines_in_config_or_logs_do_not_make_python(text: str) -> None:
    assert detect_content_type(text) != "python"


def test_a_short_install_log_of_steps_naming_packages_is_a_log() -> None:
    # pip -v of a package and 10 dependencies (48 lines): a warning, a Collecting, a
    # Downloading and a progress line per package. Lines share their first word before a
    # name with a version or operator, as a tool's steps do; prose's second words are words.
    lines = ["Using pip 23.2.1 from /v/lib/python3.11/site-packages/pip (python 3.11)"]
    for k, p in enumerate(["cfgv", "identify", "nodeenv", "pyyaml", "virtualenv", "distlib"]):
        lines.append(f"WARNING: Location 'file:///opt/idx/{p}/' is ignored: not a directory.")
        lines.append(f"Collecting {p}>=1.{k} (from pre-commit)")
        lines.append(f"  Downloading {p}-1.{k}.3-py3-none-any.whl ({k + 10} kB)")
        lines.append(f"     {'━' * 38} {k + 10}.2/{k + 10}.2 kB {k + 40}.5 MB/s eta 0:00:00")
    lines.append("Successfully installed cfgv-1.0.3 distlib-1.5.3 identify-1.1.3")
    assert detect_content_type("\n".join(lines) + "\n") == "log"
    # Prose whose lines open alike stays prose.
    prose = [f"The {w} of the project is described in its own section below." for w in "ab" * 12]
    assert detect_content_type("\n".join(prose) + "\n") != "log"


def test_a_short_cmake_build_is_a_log() -> None:
    # cmake's "-- " messages and make's "[ NN%]" steps open the lines of a small C++ library's
    # build (28 lines): the steps of a tool, though their opening words differ.
    lines = ["-- The CXX compiler identification is GNU 12.2.0"]
    lines += ["-- Detecting CXX compiler ABI info", "-- Detecting CXX compiler ABI info - done"]
    lines += ["-- Check for working CXX compiler: /usr/bin/c++ - skipped"]
    lines += ["-- Detecting CXX compile features", "-- Detecting CXX compile features - done"]
    lines += ["-- Build demo: 1.13.0", "-- Performing Test HAVE_PTHREAD"]
    lines += ["-- Performing Test HAVE_PTHREAD - Success", "-- Found Threads: TRUE  "]
    lines += ["-- Build type: Release", "-- Generating example(s)", "-- Generating install"]
    lines += ["-- Configuring done", "-- Generating done"]
    lines += ["-- Build files have been written to: /tmp/demo/build"]
    srcs = ["stdout_sinks", "demo", "color_sinks", "file_sinks", "async", "cfg", "format"]
    for k, src in enumerate(srcs):
        lines.append(f"[ {10 * (k + 1)}%] Building CXX object CMakeFiles/demo.dir/src/{src}.cpp.o")
    lines += ["[ 80%] Linking CXX static library libdemo.a", "[ 80%] Built target demo"]
    lines += ["[ 90%] Building CXX object example/CMakeFiles/example.dir/example.cpp.o"]
    lines += ["[100%] Linking CXX executable example", "[100%] Built target example"]
    assert detect_content_type("\n".join(lines) + "\n") == "log"


def test_a_short_pip_verbose_excerpt_is_a_log() -> None:
    # Ten lines of `pip install -v` (bench/corpus/log/pip-install-v-jupyter-console.log's):
    # under the 20 lines repeated openings were looked for from, it read as prose.
    excerpt = """\
WARNING: Location 'file:///opt/pypi-more/simple/nest-asyncio2/' is ignored: it is neither a file nor a directory.
Collecting nest-asyncio2>=1.7.0 (from ipykernel>=6.14->jupyter-console)
  Downloading nest_asyncio2-1.7.4-py3-none-any.whl (8.5 kB)
WARNING: Location 'file:///opt/pypi-more/simple/packaging/' is ignored: it is neither a file nor a directory.
Collecting packaging>=22 (from ipykernel>=6.14->jupyter-console)
  Downloading packaging-26.4-py3-none-any.whl (140 kB)
     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 140.0/140.0 kB 131.3 MB/s eta 0:00:00
WARNING: Location 'file:///opt/pypi-more/simple/tornado/' is ignored: it is neither a file nor a directory.
Collecting tornado>=6.5.7 (from ipykernel>=6.14->jupyter-console)
  Downloading tornado-6.6.1-cp311-abi3-manylinux1_x86_64.manylinux_2_28_x86_64.whl (534 kB)
"""  # noqa: E501
    assert detect_content_type(excerpt) == "log"
    # A short file of settings, its lines of one opening too, stays config.
    settings = "".join(f"KEY_{i}=value{i}\n" for i in range(12))
    assert detect_content_type(settings) == "config"


def test_a_tiny_cmake_make_build_is_a_log() -> None:
    # bench/corpus/log/yyjson-cmake-make-build.log (17 lines): prose before.
    text = (Path(__file__).parents[2] / "bench/corpus/log/yyjson-cmake-make-build.log").read_text()
    assert detect_content_type(text) == "log"


def test_gcc_template_instantiation_notes_are_compiler_output_not_search() -> None:
    # g++'s "path:line:col:   required from …" lines read as grep's path:line:text matches.
    chain = """\
/usr/include/c++/12/bits/stl_uninitialized.h:90:56:   required from 'constexpr bool std::__check_constructible() [with _ValueType = std::unique_ptr<Node>]'
/usr/include/c++/12/bits/stl_uninitialized.h:182:4:   required from '_ForwardIterator std::uninitialized_copy(_InputIterator, _InputIterator, _ForwardIterator)'
/usr/include/c++/12/bits/stl_uninitialized.h:373:37:   required from '_ForwardIterator std::__uninitialized_copy_a(_InputIterator, _InputIterator, _ForwardIterator, allocator<_Tp>&)'
/usr/include/c++/12/bits/stl_vector.h:601:31:   required from 'std::vector<_Tp, _Alloc>::vector(const std::vector<_Tp, _Alloc>&) [with _Tp = std::unique_ptr<Node>]'
src/tree.h:24:7:   required from here
/usr/include/c++/12/bits/stl_uninitialized.h:90:56: error: static assertion failed: result type must be constructible from input type
   90 |       static_assert(is_constructible<_ValueType, _Tp>::value,
      |                                                        ^~~~~
"""  # noqa: E501
    lines = chain.splitlines(keepends=True)
    assert detect_content_type("".join(lines[:5])) == "log"
    assert detect_content_type(chain) == "log"
    # grep's matches of such lines (path:line: before them) are still search results.
    grep = "".join(f"build.log:{10 + k}:{ln}" for k, ln in enumerate(lines[:5]))
    assert detect_content_type(grep) == "search"


def test_a_tab_indented_json_fragment_is_no_table() -> None:
    # Members of package.json's "dependencies", cut out with their tabs: the indentation
    # every line opens with is no empty first column of a TSV.
    fragment = """\
		"accepts": "~1.3.8",
		"array-flatten": "1.1.1",
		"body-parser": "1.20.3",
		"content-disposition": "0.5.4",
		"content-type": "~1.0.4",
		"cookie": "0.7.1",
		"cookie-signature": "1.0.6",
		"debug": "2.6.9",
"""
    assert detect_content_type(fragment) != "csv"
    assert detect_content_type(fragment) == detect_content_type(fragment.replace("\t", "  "))
    # A table whose rows open with an empty cell in some rows only is still a table.
    tsv = "".join(f"{'' if k % 3 else 'x'}\t{k}\tname{k}\t{k * 7}\n" for k in range(12))
    assert detect_content_type(tsv) == "csv"


def _jest_run(logged: int, covered: int) -> str:
    """A jest run (default reporter, ``collectCoverage``) whose first suite logs ``logged``
    lines, with a coverage table of ``covered`` source files and one failing test."""
    words = [
        "the",
        "unit",
        "table",
        "keeps",
        "each",
        "parsed",
        "value",
        "and",
        "returns",
        "the",
        "first",
        "match",
        "for",
        "it",
    ]
    console = [
        f"  console.log src/parse.test.js:{12 + i % 40}\n"
        f"    {' '.join(words[(i + k) % len(words)] for k in range(9))} -> {i * 1000}\n"
        for i in range(logged)
    ]
    suites = [f"PASS test/{name}.test.js" for name in ("format", "index", "strict", "units")]
    failure = """FAIL test/parse.test.js
  ● parse(string) › should convert w to ms

    expect(received).toBe(expected) // Object.is equality

    Expected: 1814400001
    Received: 1814400000

      27 |
      28 |   it('should convert w to ms', () => {
    > 29 |     expect(parse('3w')).toBe(1814400001);
         |                         ^
      30 |   });

      at Object.<anonymous> (test/parse.test.js:29:25)
"""
    rule = "-" * 24 + "|---------|----------|---------|---------|-------------------"
    rows = [
        f" locale/l{k:03}.js{' ' * 13}|     100 |      100 |     100 |     100 |"
        for k in range(covered)
    ]
    table = [rule, f"{'File':24}| % Stmts | % Branch | % Funcs | % Lines | Uncovered Line #s", rule]
    totals = """Test Suites: 1 failed, 5 passed, 6 total
Tests:       1 failed, 793 passed, 794 total
Snapshots:   0 total
Time:        6.52s
Ran all test suites.
"""
    return "\n".join([suites[0], *console, *suites[1:], failure, *table, *rows, rule, totals])


def test_a_jest_run_past_400_lines_is_test_output() -> None:
    # Under 40,000 characters but over 400 lines (a suite's console blocks): the totals at its
    # end were not in the sample, which was the first 400 lines only (read as prose).
    text = _jest_run(logged=150, covered=20)
    assert len(text) < 40000 and text.count("\n") > 400
    assert detect_content_type(text) == "test_output"
    assert "Tests:       1 failed, 793 passed, 794 total" in compress(text).compressed


def test_a_jest_run_whose_sample_ends_in_its_coverage_table_is_test_output() -> None:
    # Over 40,000 characters: the sample's head is the first suite's console blocks, its
    # tail the coverage table and the totals; one PASS line in all (read as prose).
    text = _jest_run(logged=600, covered=80)
    assert len(text) > 40000
    assert detect_content_type(text) == "test_output"
