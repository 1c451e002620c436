"""Structure a reader needs, whatever the kind: section titles of plain-text documents,
definition terms and headings of HTML pages, the caller's frames of a full Rust backtrace;
and the detection that sends each text to the compressor that keeps them."""

from __future__ import annotations

import random
import re

from tests.transforms._check import compress
from tests.transforms._data import read
from transforms import detect_content_type

_TEXT = (
    "the licensee may convey covered works under these terms provided that each copy "
    "carries a notice and the source is offered for a fee no greater than the cost of "
    "physically performing this conveying of source in the same place"
)
_WORDS = _TEXT.split(" ")


def _paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choices(_WORDS, k=rng.randint(12, 24))
        out.append(" ".join(words).capitalize() + ".")
    text = " ".join(out)
    # Wrapped at 72 columns, as licences are.
    lines, line = [], ""
    for w in text.split():
        if len(line) + len(w) + 1 > 72:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join("  " + ln for ln in lines)


def test_numbered_and_all_caps_section_titles_of_plain_text_are_kept() -> None:
    rng = random.Random(7)
    titles = [
        "0. Definitions.",
        "1. Source Code.",
        "2. Basic Permissions.",
        "10. Automatic Licensing of Downstream Recipients.",
        "12. No Surrender of Others' Freedom.",
        "2.1. Grants",
        "TERMS AND CONDITIONS",
        "END OF TERMS AND CONDITIONS",
    ]
    parts = ["                    EXAMPLE PUBLIC LICENSE", ""]
    for t in titles:
        parts += [f"  {t}", "", _paragraph(rng, 6), "", _paragraph(rng, 5), ""]
    text = "\n".join(parts)
    assert detect_content_type(text) in ("prose", "markdown")
    r = compress(text)
    assert r.savings_percent > 20
    lines = {ln.strip() for ln in r.compressed.splitlines()}
    for t in titles:
        assert t in lines, t


def test_towncrier_changelog_is_a_document_not_a_log() -> None:
    rng = random.Random(3)
    parts = ["=========", "Changelog", "=========", ""]
    issue = 1200
    for minor in range(9, 0, -1):
        head = f"proj 1.{minor}.0 (2024-0{minor}-1{minor})"
        parts += [head, "=" * len(head), "", "Bug Fixes", "---------", ""]
        for _ in range(5):
            issue -= rng.randint(1, 9)
            url = f"https://github.com/example/proj/issues/{issue}"
            words = " ".join(rng.choices(_WORDS, k=14))
            parts += [f"- `#{issue} <{url}>`_: Fix {words}.", "", ""]
    text = "\n".join(parts)
    assert detect_content_type(text) == "markdown"
    r = compress(text)
    for minor in range(9, 0, -1):
        assert f"proj 1.{minor}.0 (2024-0{minor}-1{minor})" in r.compressed


def test_header_with_a_long_enum_table_is_code() -> None:
    rng = random.Random(5)
    colours = "".join(
        f"  colour_{k} = 0x{rng.randrange(1 << 24):06X},  // rgb({k},{k * 2 % 256},{k % 7})\n"
        for k in range(140)
    )
    text = (
        "#ifndef COLOR_H_\n#define COLOR_H_\n\n#include <cstdint>\n#include <string>\n\n"
        "namespace fmt {\n\nenum class color : uint32_t {\n"
        + colours
        + "};\n\nstruct text_style {\n  constexpr text_style() noexcept = default;\n"
        "  constexpr auto has_foreground() const noexcept -> bool { return set_fg; }\n"
        "  bool set_fg = false;\n};\n\n"
        "constexpr auto fg(color c) noexcept -> text_style { return text_style(); }\n"
        "constexpr auto bg(color c) noexcept -> text_style { return text_style(); }\n\n"
        "}  // namespace fmt\n#endif  // COLOR_H_\n"
    )
    assert detect_content_type(text) == "cpp"


def test_full_rust_backtrace_keeps_own_frames() -> None:
    text = read("rust-panic-full.txt")
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    assert r.transforms == ("stack_frames",)
    assert r.savings_percent > 60
    for own in ("main::parse_port::", "main::load::{{closure}}", "main::main::", "main.rs:2:50"):
        assert own in r.compressed, own
    assert "thread 'main' (23174) panicked at main.rs:2:50:" in r.compressed
    described = " ".join(o.description for o in r.omitted)
    assert "std" in described and "core" in described


_PYDOC = """<!DOCTYPE html>
<html><head><title>Python: module shlex</title></head><body>
<table><tr><td><h1>shlex</h1></td></tr></table>
<p>A lexical analyzer class for simple shell-like syntaxes.</p>
<dl>
{members}
</dl>
</body></html>
"""


def test_html_definition_terms_and_headings_with_code_are_kept() -> None:
    rng = random.Random(11)
    names = [f"{w}_{k}(self, token, /)" for k, w in enumerate(rng.choices(_WORDS, k=40))]
    members = "\n".join(
        f"<dt><a name=x><strong>{n.split('(')[0]}</strong></a>({n.split('(')[1]}</dt>"
        f"<dd><tt>{' '.join(rng.choices(_WORDS, k=30)).capitalize()}. "
        f"{' '.join(rng.choices(_WORDS, k=25)).capitalize()}.</tt></dd>"
        for n in names
    )
    page = _PYDOC.format(members=members)
    page = page.replace(
        "<p>A lexical",
        "<h2 id='a'><a class='header' href='#a'>Appending with <code>push_str</code> or "
        "<code>push</code></a></h2>\n<p>A lexical",
    )
    r = compress(page)
    assert r.transforms == ("html_markdown",)
    assert "Appending with push_str or push" in r.compressed
    for n in names:
        assert n in r.compressed, n


def test_html_text_opening_with_a_curly_quote_is_placed_in_the_source() -> None:
    rng = random.Random(2)
    paras = []
    for k in range(30):
        body = " ".join(rng.choices(_WORDS, k=40))
        paras.append(f"<p>\u2018level-{k}\u2019 is a lint level. {body.capitalize()}.</p>")
    page = "<!DOCTYPE html><html><body><main><h1>Lint Levels</h1>" + "\n".join(paras)
    page += "</main></body></html>"
    r = compress(page)
    assert r.transforms == ("html_markdown",), r.transforms
    assert r.savings_percent > 30


def test_rst_document_with_python_examples_is_not_code() -> None:
    rng = random.Random(9)
    parts = ["Plugin guide", "============", ""]
    for k in range(12):
        parts += [f"Hook {k}", "-" * (5 + len(str(k))), ""]
        for _ in range(3):
            for _ in range(3):  # a paragraph wrapped over three lines
                parts.append(" ".join(rng.choices(_WORDS, k=12)).capitalize())
            parts += ["which the example shows.", ""]
        parts += [".. code-block:: python", ""]
        parts += [
            f"    def hook_{k}(config):",
            f'        """Called when hook {k} runs.',
            "",
            "        The config is returned as it came.",
            '        """',
            "        return config",
            "",
        ]
    text = "\n".join(parts)
    assert detect_content_type(text) == "markdown"


def test_recursion_in_a_trace_keeps_one_cycle() -> None:
    lines = ['Exception in thread "main" java.lang.StackOverflowError']
    lines.append("\tat java.base/java.util.HashMap.getOrDefault(HashMap.java:1139)")
    lines += ["\tat Walker.visit(Walker.java:12)", "\tat Walker.descend(Walker.java:20)"] * 500
    lines.append("\tat Walker.main(Walker.java:31)")
    text = "\n".join(lines) + "\n"
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    assert r.savings_percent > 95
    for frame in ("Walker.visit(Walker.java:12)", "Walker.descend", "Walker.main(Walker.java:31)"):
        assert frame in r.compressed
    assert any("499 repeats of the 2 lines above" in o.description for o in r.omitted)


def test_repeated_link_targets_go_behind_one_marker() -> None:
    rng = random.Random(13)
    parts = ["# Known bugs", ""]
    numbers = rng.sample(range(1000, 30000), 30)
    for k, num in enumerate(numbers):
        parts += [f"## Bug {k}: {' '.join(rng.choices(_WORDS, k=5))}", ""]
        parts += [" ".join(rng.choices(_WORDS, k=25)).capitalize() + ".", ""]
        parts += [f"See [curl issue {num}](https://github.com/curl/curl/issues/{num})", ""]
    parts += ["Also see [the docs](https://curl.se/docs/manual.html) for more.", ""]
    text = "\n".join(parts)
    r = compress(text)
    (links,) = [o for o in r.omitted if o.kind == "links"]
    assert links.count == 30
    assert "https://github.com/curl/curl/issues/" in links.description
    for s, e in links.spans:
        assert re.fullmatch(r"\(https://github\.com/curl/curl/issues/\d+\)", text[s:e])
    for num in numbers:
        assert f"[curl issue {num}]" in r.compressed
    assert "https://curl.se/docs/manual.html" in r.compressed  # a one-off target stays


def test_text_repeating_a_code_block_is_a_duplicate() -> None:
    rng = random.Random(21)
    parts = ["# Equations", "", " ".join(rng.choices(_WORDS, k=40)).capitalize() + ".", ""]
    for k in range(8):
        body = [
            "\\begin{equation*}",
            f"\\left( \\sum_{{k=1}}^{k + 2} a_k b_k \\right)^2 \\leq \\prod_{{j={k}}} x_j^{k}",
            "\\end{equation*}",
        ]
        parts += [f"## Identity {k}", "### Source", "```", *body, "```", "### Display", ""]
        parts += ["$" + body[0], body[1], body[2] + "$", ""]
        parts += [" ".join(rng.choices(_WORDS, k=20)).capitalize() + ".", ""]
    text = "\n".join(parts)
    r = compress(text)
    shown = r.compressed
    # Each equation is shown once (its source), its rendered copy is omitted as a duplicate.
    assert shown.count("\\leq") == 8
    for k in range(8):
        assert f"## Identity {k}" in shown
