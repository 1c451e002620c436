from __future__ import annotations

import html
import re

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from transforms import detect_content_type
from transforms._ansi import without_escapes

_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.DOTALL)


def _plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def test_sphinx_page_keeps_every_heading() -> None:
    page = read("idle-help.html")
    assert detect_content_type(page) == "html"
    r = compress(page)
    assert r.transforms == ("html_markdown",) and r.savings_percent > 60
    headings = [(int(m.group(1)), _plain(m.group(2)).rstrip("¶")) for m in _HEADING.finditer(page)]
    assert len(headings) > 30
    lines = set(r.compressed.splitlines())
    for level, title in headings:
        assert f"{'#' * level} {title}" in lines, title
    # No markup left, scripts and styles named in one marker with their exact source.
    assert "<div" not in r.compressed and "<script" not in r.compressed
    (markup,) = [o for o in r.omitted if o.kind == "markup"]
    assert "script" in markup.description and "style" in markup.description
    assert all(page[s:e].startswith(("<script", "<style", "<nav", "<!--")) for s, e in markup.spans)


def test_omitted_sentences_point_at_their_html() -> None:
    page = read("idle-help.html")
    r = compress(page)
    prose = [o for o in r.omitted if "sentence" in o.description]
    assert prose
    for o in prose:
        assert _plain(omitted_text(r, o.id)), o


def test_code_blocks_and_inline_code() -> None:
    body = "".join(
        f"<h2>Section {i}</h2><p>Call <code>client.fetch_{i}()</code> to read it. "
        f"It returns a <code>Result</code> object that holds the rows.</p>"
        f"<pre>result = client.fetch_{i}(timeout=3)\nprint(result.rows)</pre>"
        for i in range(30)
    )
    page = f"<!DOCTYPE html><html><head><title>API</title></head><body>{body}</body></html>"
    r = compress(page)
    assert "Title: API" in r.compressed
    for i in range(30):
        assert f"## Section {i}" in r.compressed
        assert f"client.fetch_{i}" in r.compressed
    assert "```\nresult = client.fetch_0(timeout=3)" in r.compressed


def test_page_that_is_mostly_script() -> None:
    script = "<script>" + "var x = function(a){return a+1};" * 3000 + "</script>"
    page = f"<html><head>{script}</head><body><p>Loading the app, please wait.</p></body></html>"
    r = compress(page)
    assert r.content_type == "html" and r.savings_percent > 95
    assert "Loading the app, please wait." in r.compressed
    assert "1 script element" in r.compressed


def test_html_without_text_falls_back() -> None:
    page = "<html><body>" + "<div><span></span></div>" * 500 + "</body></html>"
    r = compress(page)
    assert r.transforms[0].startswith("fallback:html:")


def test_terms_and_titles_keep_the_words_the_page_shows() -> None:
    # A C reference: terms holding inline code, two terms sharing one definition, a heading
    # with a line break between two prototypes. The page shows "FLAG_3 (value 3)", not
    # "`FLAG_3` (value 3)", and the heading's two prototypes on one line.
    entries = "".join(
        f"<dt><code>FLAG_{i}</code>  (value {i}, backend {i})</dt>\n"
        f"<dt>int flag_{i}_get (loop *)</dt>\n"
        f"<dd><p>When this flag is set the loop uses backend {i}. It is slower than the "
        f"others on most systems, but it works everywhere. Use it when nothing else "
        f"works, or when a test needs it.</p></dd>\n"
        for i in range(25)
    )
    heads = "".join(
        f"<h3><tt>obj = new_{i}(ct)<br>\nobj = ctype_{i}(init)</tt></h3>"
        f"<p>Creates the object {i}. The memory is owned by the collector.</p>"
        for i in range(10)
    )
    page = f"<!DOCTYPE html><html><body><h2>Flags</h2><dl>{entries}</dl>{heads}</body></html>"
    out = compress(page).compressed
    lines = set(out.splitlines())
    for i in range(25):
        assert f"FLAG_{i} (value {i}, backend {i}); int flag_{i}_get (loop *)" in lines, i
    for i in range(10):
        assert f"### obj = new_{i}(ct) obj = ctype_{i}(init)" in lines, i


def test_xhtml_page_with_xml_declaration_and_licence_comment_is_html() -> None:
    # A long style sheet first: the head alone is not "mostly tags"; the declaration, the
    # comment and then the doctype say what it is.
    css = "".join(
        f"div.c{i} {{ margin: {i}px; padding: 0 {i}em; color: #{i:06x}; }}\n" for i in range(200)
    )
    body = "".join(f"<h2>Function {i}</h2><p>Calls the handler number {i}.</p>" for i in range(40))
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        "<!--\n  Copyright the authors.\n  Licensed under the MIT license.\n-->\n"
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"\n'
        '  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ref</title><style>{css}</style>'
        f"</head><body>{body}</body></html>"
    )
    assert detect_content_type(page) == "html"
    assert detect_content_type("\ufeff" + page) == "html"
    out = compress(page).compressed
    assert all(f"## Function {i}" in out for i in range(40))


def test_table_of_contents_left_out_behind_one_marker() -> None:
    toc = "".join(
        f'<li><a href="#s{i}">Section {i}</a><ul><li><a href="#s{i}a">Part {i}a</a></li></ul></li>'
        for i in range(30)
    )
    others = "".join(f'<li><a href="page{i}.html">Page {i}</a></li>' for i in range(8))
    body = "".join(
        f'<h2 id="s{i}">Section {i}</h2><h3 id="s{i}a">Part {i}a</h3>'
        f"<p>The function <code>run_{i}()</code> starts job {i} and returns its handle.</p>"
        for i in range(30)
    )
    page = (
        "<!DOCTYPE html><html><head><title>Ref</title></head><body>"
        f"<h2>Contents</h2>\n<ul class='toc'>{toc}</ul>\n<p>See also:</p><ul>{others}</ul>"
        f"{body}</body></html>"
    )
    r = compress(page)
    (toc_omission,) = [o for o in r.omitted if o.kind == "contents"]
    assert toc_omission.count == 60 and "table of contents" in toc_omission.description
    (span,) = toc_omission.spans
    assert page[span[0] : span[1]] == f"<ul class='toc'>{toc}</ul>"
    assert r.compressed.count("Section 3") == 1 and "## Section 3" in r.compressed
    # Links to other pages are not a table of contents of this one.
    assert "- Page 7" in r.compressed


def test_contents_list_opening_with_an_empty_link() -> None:
    # An icon link without text first: still a table of contents, and no error.
    toc = '<li><a href="#top"><img src="up.png"></a></li>' + "".join(
        f'<li><a href="#s{i}">Section {i}</a></li>' for i in range(20)
    )
    body = "".join(
        f'<h2 id="s{i}">Section {i}</h2><p>Job {i} runs every night and mails a report.</p>'
        for i in range(20)
    )
    page = f"<!DOCTYPE html><html><body><ul>{toc}</ul>{body}</body></html>"
    r = compress(page)
    assert [o.count for o in r.omitted if o.kind == "contents"] == [21]
    assert all(f"## Section {i}" in r.compressed for i in range(20))


def _page_with(block: str) -> str:
    body = "".join(
        f"<h2>Function {i}</h2><p>The call <code>job_{i}()</code> starts job {i} and "
        f"returns a handle that the caller closes when the job is done.</p>"
        for i in range(20)
    )
    return (
        "<!DOCTYPE html><html><head><title>Jobs</title></head><body>"
        f"<h1>Jobs</h1>\n{block}\n<div id='main'>{body}</div></body></html>"
    )


_MENU = "".join(f'<li><a href="page{i}.html">Page {i} of the manual</a></li>' for i in range(12))


def test_div_nav_menu_left_out_behind_a_marker() -> None:
    # A site menu written as <div id="nav"> (LuaJIT's pages), not <nav>.
    menu = f'<div id="nav">\n<ul>{_MENU}</ul>\n</div>'
    page = _page_with(menu)
    r = compress(page)
    (nav,) = [o for o in r.omitted if o.kind == "navigation"]
    assert nav.count == 12 and "12 links" in nav.description and 'id="nav"' in nav.description
    (span,) = nav.spans
    assert page[span[0] : span[1]] == menu
    assert "Page 3 of the manual" not in r.compressed
    assert all(f"## Function {i}" in r.compressed for i in range(20))


def test_navigation_by_role_class_part_and_breadcrumbs() -> None:
    for opening, closing in (
        ('<div role="navigation">', "</div>"),
        ('<aside class="left sidebar-wrapper">', "</aside>"),
        ('<ul class="site_menu">', "</ul>"),
        ('<div class="breadcrumbs">', "</div>"),
    ):
        inner = _MENU if opening.startswith("<ul") else f"<ul>{_MENU}</ul>"
        block = f"{opening}{inner}{closing}"
        page = _page_with(block)
        r = compress(page)
        (nav,) = [o for o in r.omitted if o.kind == "navigation"]
        assert [page[s:e] for s, e in nav.spans] == [block], opening


def test_nav_div_holding_mostly_prose_is_kept() -> None:
    # A misnamed div: its few links are a small part of its words, so it is content.
    prose = (
        "<p>Each worker takes one job from the queue, runs it to the end and reports its exit "
        "status; see <a href='queue.html'>the queue</a> and <a href='status.html'>status "
        "codes</a>. A job that fails three times is parked until an operator looks at it.</p>"
    )
    block = f'<div class="nav">{prose}</div>'
    page = _page_with(block)
    r = compress(page)
    assert not [o for o in r.omitted if o.kind == "navigation"]
    # Its sentences are the document rules' to keep or drop, one by one.
    start = page.index(block)
    for o in r.omitted:
        if any(s < start + len(block) and e > start for s, e in o.spans):
            assert o.kind == "sentences", o


def test_link_share_decides() -> None:
    # 60 words of link text (12 links) beside 30 words of plain text: 67 %, kept; beside 20
    # words: 75 %, navigation.
    words = [f"word{i}" for i in range(30)]
    for plain, dropped in ((words, False), (words[:20], True)):
        page = _page_with(f'<div class="nav"><p>{" ".join(plain)}</p><ul>{_MENU}</ul></div>')
        r = compress(page)
        assert bool([o for o in r.omitted if o.kind == "navigation"]) is dropped, len(plain)
        assert ("Page 3 of the manual" in r.compressed) is not dropped


def test_nav_div_holding_a_heading_is_kept() -> None:
    # A heading is part of the page's outline: the block stays even when it is all links.
    page = _page_with(f'<div class="sidebar"><h3>See also</h3><ul>{_MENU}</ul></div>')
    r = compress(page)
    assert not [o for o in r.omitted if o.kind == "navigation"]
    assert "### See also" in r.compressed


def test_names_merely_containing_nav_words_do_not_match() -> None:
    # "canvas" holds "nav", "menubar-content" "menu", "tocs" "toc": none names navigation.
    for opening in ('<div class="canvas">', '<div id="menubar-content">', '<div class="tocs">'):
        page = _page_with(f"{opening}<ul>{_MENU}</ul></div>")
        r = compress(page)
        assert not [o for o in r.omitted if o.kind == "navigation"], opening
        assert "Page 3 of the manual" in r.compressed, opening


def test_no_marker_stands_over_only_escape_codes() -> None:
    # Text with terminal codes and stray tags, forced to HTML (found by a fuzz probe): the
    # first sentence's words were not located in the source, so the sentence mapped onto the
    # escape codes before it alone. A marker there would hide words no span names: the
    # sentence stays inline.
    text = "\n".join(
        [
            "\x1b[2K" * 6,
            "<br>",
            "Was the and the a a it.",
            "</b>",
            *["Shows shows later and the it said on again!"] * 2,
            "<b>",
            "\x1b[1;32mWas value and value that a the the read?\x1b[1;32m",
            "\x1b[1;32m\x1b[1;32m",
            *["\x1b[1;32mShows said read the said and later on value server and that.\x1b[1;32m"]
            * 2,
            "\x1b[31mSaid value it was the on server the said.\x1b[1;32m",
            "\x1b[2KLater read it that it that later that?\x1b[0m",
            "The shows read server later value said read that!",
            "Read it the a the and the shows later later later again said.",
            "Again was later later shows the.",
        ]
    )
    r = compress(text, content_type="html")
    for o in r.omitted:
        assert any(without_escapes(text[s:e]).strip() for s, e in o.spans), o
    hidden = "".join(omitted_text(r, o.id) for o in r.omitted)
    assert "Was the and the a a it." in r.compressed + hidden


_FILLER = (
    "The context keeps its buffers between calls, so the caller should reuse it for many "
    "frames. Memory is released only when the context is freed by the caller. "
    "This makes the workload friendlier for the system allocator over a long run. "
    "Threads should each hold a context of their own for parallel work. "
)


def _generated_manual() -> str:
    """A C library manual as a header's generator writes it: chapters of prose in <pre>,
    each declaration in bold with its description in a paragraph of the same <pre>."""
    parts = [
        "<html><head><title>lib 1.0 Manual</title></head><body><h1>lib 1.0 Manual</h1>",
        f"<h2>Introduction</h2><pre>\n  {_FILLER}\n\n  {_FILLER}\n</pre>",
    ]
    for i in range(12):
        parts.append(
            f"<h3>Chapter {i}</h3><pre></pre>"
            f"<pre><b>size_t LIB_frob{i}(LIB_CCtx* cctx, void* dst, size_t dstCapacity);\n"
            f"</b><p>  Frobs the frame number {i} into `dst`. {_FILLER}\n"
            f"  @return : the size written, or an error code (see LIB_isError()).\n</p></pre>"
        )
    # A description holding an example of code: the example stays in the fence.
    parts.append(
        "<h3>Deprecated</h3><pre><b>size_t LIB_reset(LIB_CCtx* cctx);\n</b><p>"
        " This function is DEPRECATED, and is equivalent to:\n"
        "     LIB_CCtx_reset(cctx, LIB_reset_session_only);\n"
        f"     LIB_CCtx_setParameter(cctx, LIB_c_level, 3);\n\n  {_FILLER}\n</p></pre>"
    )
    # Code and settings in <pre> stay code, however many words they hold.
    parts.append(
        "<h2>Settings</h2><pre># This sets which of the features are enabled for the build.\n"
        'features = ["fast", "small"]\n[package]\nname = "the-package"\n</pre>'
    )
    return "".join(parts) + "</body></html>\n"


def test_prose_in_pre_of_a_generated_manual_is_compressed_as_prose() -> None:
    page = _generated_manual()
    r = compress(page)
    assert r.transforms == ("html_markdown",)
    out = r.compressed
    for i in range(12):
        # Every declaration stays verbatim in a fence of its own; every heading stays.
        assert (
            f"```\nsize_t LIB_frob{i}(LIB_CCtx* cctx, void* dst, size_t dstCapacity);\n```" in out
        )
        assert f"### Chapter {i}" in out
    # The descriptions and the introduction left the fences: their repeated sentences are
    # left out behind markers pointing at the <pre> text they hide.
    assert out.count("Threads should each hold") < 6
    prose = [o for o in r.omitted if "sentence" in o.description]
    assert any("Memory is released" in omitted_text(r, o.id) for o in prose)
    assert re.search(
        r"```\nsize_t LIB_reset\(LIB_CCtx\* cctx\);\n+ This function is DEPRECATED, and is "
        r"equivalent to:\n     LIB_CCtx_reset\(cctx, LIB_reset_session_only\);\n"
        r"     LIB_CCtx_setParameter\(cctx, LIB_c_level, 3\);\n+```\n",
        out,
    )
    # No empty fence for the empty <pre>, and the settings stay fenced, verbatim.
    assert "```\n```" not in out
    assert (
        '```\n# This sets which of the features are enabled for the build.\nfeatures = ["fast", '
        '"small"]\n[package]\nname = "the-package"\n```' in out
    )


def test_inline_code_of_backticks_opens_no_fence() -> None:
    """`<code>```</code>c` at a paragraph's start (mxml's manual) is written as CommonMark
    inline code, a longer spaced backtick run: it opens no fence, so every code block after it
    is still its own fence and the prose between them is not read as code."""
    from transforms._fence import fences

    decls = [f"int mxml_call_{k}(mxml_node_t *node, const char *name);" for k in range(6)]
    prose = " ".join(f"Sentence {k} of the description says what the call does." for k in range(8))
    body = "<p><code>```</code>c block starts a fenced example in markdown.</p>" + "".join(
        f"<pre>{d}\n</pre><p>{prose}</p>" for d in decls
    )
    page = f"<html><head><title>m</title></head><body><h1>API</h1>{body}</body></html>"
    text = compress(page).compressed
    lines = text.split("\n")
    assert "```` ``` ````c block" in text
    blocks = ["\n".join(lines[f.open_line + 1 : f.close_line]) for f in fences(lines)]
    assert blocks == decls  # one fence per <pre>, nothing else fenced


def test_blank_line_runs_squeezed_as_the_regex_does() -> None:
    from transforms._html import _squeezed

    for text in ("", "a", "a\n\nb", "a\n\n\nb", "\n\n\n", "a\n\n\n\n\n\nb\n\n\nc\n", "é\n\n\n\n"):
        assert _squeezed(text) == re.sub(r"\n{3,}", "\n\n", text), repr(text)
