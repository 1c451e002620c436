from __future__ import annotations

import re

import tree_sitter
import tree_sitter_cpp

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from transforms import detect_content_type

CPP_CLASS = """#include <memory>
#include <string>
#include <vector>

namespace store {

class Cache final : public Base {
 public:
  explicit Cache(std::size_t capacity) : capacity_(capacity) {
    entries_.reserve(capacity);
    hits_ = 0;
  }
  ~Cache() override = default;

  std::shared_ptr<Entry> lookup(const std::string& key) const {
    for (const auto& e : entries_) {
      if (e->key == key) {
        return e;
      }
    }
    return nullptr;
  }

 private:
  std::size_t capacity_;
  std::vector<std::shared_ptr<Entry>> entries_;
  mutable int hits_;
};

template <typename T>
T clamp_to(T value, T lo, T hi) {
  if (value < lo) {
    return lo;
  }
  return value > hi ? hi : value;
}

}  // namespace store
"""


def _function_names(src: str) -> list[str]:
    """Names of functions defined at column 0 in GNU style (name on its own line)."""
    return re.findall(r"^([A-Za-z_]\w*)\(", src, re.MULTILINE)


def test_c_source_is_c_with_every_function_name() -> None:
    src = read("pngtest.c")
    assert detect_content_type(src) == "c"
    r = compress(src)
    # Macro-heavy lines the C grammar cannot place stay verbatim, and the result says so.
    assert r.transforms[-1] == "tree_sitter_skeleton:c" and r.savings_percent > 65
    assert all(t.startswith("partial:c:unparsed lines") for t in r.transforms[:-1])
    names = _function_names(src)
    assert len(names) > 20
    for name in names:
        assert f"\n{name}(" in r.compressed, name
    body = [o for o in r.omitted if o.kind == "body"]
    assert body and all(omitted_text(r, o.id).count("\n") >= o.count for o in body)


def test_cpp_source_keeps_classes_methods_and_templates() -> None:
    for src in (read("generate_umath_validation_data.cpp"), CPP_CLASS * 3):
        assert detect_content_type(src) == "cpp"
        r = compress(src)
        assert r.transforms == ("tree_sitter_skeleton:cpp",)
        tree = tree_sitter.Parser(tree_sitter.Language(tree_sitter_cpp.language())).parse(
            r.compressed.encode()
        )
        assert not tree.root_node.has_error, "the skeleton still parses"
    for kept in (
        "class Cache final : public Base",
        "lookup(const std::string& key) const",
        "T clamp_to(T value, T lo, T hi)",
        "std::size_t capacity_;",
        "~Cache()",
    ):
        assert kept in r.compressed, kept
    assert "return nullptr" not in r.compressed


def test_macro_wrapped_prototypes_and_labelled_bodies() -> None:
    # K&R-compatible prototypes (zlib's ``ZEXTERN int ZEXPORT deflate OF((…));``) are
    # declarations the grammar cannot place: every name stays. A label at the margin inside
    # a body (``out:``) belongs to the body, which is shortened with it.
    protos = "".join(
        f"ZEXTERN int ZEXPORT stream_op{i} OF((z_streamp strm, int flush{i}));\n" for i in range(4)
    )
    bodies = "".join(
        f"int guarded_call{i}(struct handle *h)\n{{\n  int result = 0;\n"
        f"  if(enter_guard(&h->guard, h, {i}, &result)) {{\n"
        f"    result = perform_transfer(h, {i});\n    goto out;\n  }}\n"
        f"out:\n  LEAVE_GUARD(&h->guard);\n  return result;\n}}\n\n"
        for i in range(6)
    )
    src = f"#include <stdio.h>\n\n{protos}\n{bodies}"
    r = compress(src, content_type="c")
    assert r.transforms[-1] == "tree_sitter_skeleton:c"
    for i in range(4):
        assert f"stream_op{i} OF((z_streamp strm, int flush{i}));" in r.compressed
    for i in range(6):
        assert f"int guarded_call{i}(struct handle *h)" in r.compressed
    assert "LEAVE_GUARD" not in r.compressed and "out:" not in r.compressed


def test_a_macro_alone_on_its_line_does_not_swallow_the_enum_and_class_below() -> None:
    # fmt's FMT_BEGIN_NAMESPACE / FMT_BEGIN_EXPORT (glib's G_BEGIN_DECLS, …) expand to
    # `namespace fmt {`: read as the start of a declaration, they took the enum and the class
    # after them into an error region, kept verbatim with their comments and bodies.
    members = "".join(
        f"  shade_{i} = 0x{i * 4099:06X},{' ' * (12 - len(str(i)))}// rgb({i}, {i * 3 % 256}, 7)\n"
        for i in range(20)
    )
    src = (
        '#include "format.h"\n\nLIB_BEGIN_NAMESPACE\nLIB_BEGIN_EXPORT\n\n'
        f"enum class color : uint32_t {{\n{members}  last = 0\n}};\n\n"
        "class text_style {\n public:\n  auto has_emphasis() const noexcept -> bool {\n"
        "    auto bits = style_ >> 54;\n    return bits != 0;\n  }\n\n private:\n"
        "  uint64_t style_ = 0;\n};\n\nLIB_END_EXPORT\nLIB_END_NAMESPACE\n"
    )
    r = compress(src, content_type="cpp")
    out = r.compressed
    assert r.transforms == ("tree_sitter_skeleton:cpp",)  # nothing left unplaced
    for i in range(20):
        assert f"  shade_{i} = 0x{i * 4099:06X},\n" in out
    assert "// rgb(" not in out
    (o,) = [o for o in r.omitted if "20 end-of-line comments" in o.description]
    assert omitted_text(r, o.id).count("// rgb(") == 20
    assert "enum class color : uint32_t { /* [omitted 20 end-of-line comments; id=" in out
    assert "auto has_emphasis() const noexcept -> bool { /* [omitted 2 lines;" in out
    assert "LIB_BEGIN_NAMESPACE\nLIB_BEGIN_EXPORT\n" in out and "LIB_END_NAMESPACE\n" in out


def test_a_macro_used_like_a_keyword_does_not_break_the_declarations() -> None:
    # `FMT_CONSTEXPR inline auto fg(…)`, `static FMT_CONSTEXPR void to_esc(…)`: the grammar
    # reads the macro as a type and errs; the functions after it were kept whole.
    funcs = "".join(
        f"LIB_CONSTEXPR inline auto style_{i}(color_type c) noexcept -> text_style {{\n"
        f"  auto value = c.value_ << {i};\n  return text_style(value | {i});\n}}\n\n"
        for i in range(6)
    )
    src = (
        "#define LIB_CONSTEXPR constexpr\n\n"
        f"{funcs}struct escape {{\n"
        "  static LIB_CONSTEXPR void to_esc(uint8_t c, char* out) noexcept {\n"
        "    out[0] = static_cast<char>('0' + c / 100);\n    out[1] = ';';\n  }\n};\n"
    )
    r = compress(src, content_type="cpp")
    out = r.compressed
    assert r.transforms == ("tree_sitter_skeleton:cpp",)  # nothing left unplaced
    # Their bodies of two lines end the signatures (one marker on a line of its own above
    # the first, not between the macro and the declaration it opens).
    assert "\n/* [omitted 6 short bodies (functions ending in ;); id=o1] */\nLIB_CONSTEXPR" in out
    for i in range(6):
        assert f"LIB_CONSTEXPR inline auto style_{i}(color_type c) noexcept -> text_style;" in out
    assert "static LIB_CONSTEXPR void to_esc(uint8_t c, char* out) noexcept {" in out
    assert "#define LIB_CONSTEXPR constexpr\n" in out


def test_an_upper_case_type_before_a_name_is_read_as_a_type() -> None:
    # DWORD_PTR, UINT_PTR: typedef'd types of upper-case words, as return types (on the line
    # of the name, or alone above it, GNU style) and in declarations. Parsed as blanks (as a
    # keyword-like macro would be), the functions were lost to errors and nothing was cut.
    for style in (
        "DWORD_PTR lookup_{i}(HANDLE h, int key)\n",
        "DWORD_PTR\nlookup_{i}(HANDLE h, int key)\n",
        "static UINT_PTR lookup_{i}(HANDLE h, int key)\n",
    ):
        src = "#include <windows.h>\n\n" + "".join(
            style.format(i=i) + "{\n    DWORD_PTR v = table_get(h, key + 1);\n"
            f"    if (v == 0)\n        return fallback(h, {i});\n    v = v + 1;\n    v = v * 2;\n"
            "    return v;\n}\n\n"
            for i in range(5)
        )
        r = compress(src, content_type="c")
        assert r.transforms == ("tree_sitter_skeleton:c",), style
        assert r.compressed.count("{ /* [omitted 6 lines;") == 5


# Exim's style (and pcre2's): a function's statements at column 0, macros as statement
# prefixes, conditional directives inside statements.
_COLUMN_0 = """static BOOL
send_{i}(int n)
{{
if(n < 0)
  return TRUE;

if(
#ifndef DISABLE_TLS
   is_tls
   ? tls_write(ctx, buf, n, FALSE)
   :
#endif
     send(sock, buf, n, 0) > 0
  )
{{
  count += n;
  return TRUE;
}}

HDEBUG(D_transport|D_acl) debug_printf("send failed: %s\\n", strerror(errno));
DEBUG(D_any)
  debug_printf("n=%d\\n", n);
return FALSE;
}}


static void PRINTF_FUNCTION(2,3)
respond_{i}(int fd, const char * format, ...)
{{
va_list ap;
va_start(ap, format);
vdprintf(fd, format, ap);
va_end(ap);
}}

"""


def test_column_0_bodies_with_directives_inside_statements_keep_every_function() -> None:
    # The directives inside the if's condition broke the grammar's brace pairing: the first
    # body took every function after it (Exim's verify.c lost 15 of 32 names so).
    src = "#include <stdio.h>\n\n" + "".join(_COLUMN_0.format(i=i) for i in range(4))
    r = compress(src, content_type="c")
    out = r.compressed
    assert r.transforms == ("tree_sitter_skeleton:c",)  # nothing left unplaced
    for i in range(4):
        assert f"static BOOL\nsend_{i}(int n)\n{{ /* [omitted 20 lines;" in out
        # (short bodies: one marker for the four; the macro after the return type stays)
        assert (
            f"static void PRINTF_FUNCTION(2,3)\nrespond_{i}(int fd, const char * format, ...);"
            in out
        )
    assert "/* [omitted 4 short bodies (functions ending in ;)" in out
    assert "va_start" not in out and "HDEBUG" not in out and "#ifndef" not in out
    # (what a marker hides is the body as written)
    assert "#ifndef DISABLE_TLS\n" in omitted_text(r, "o1")


def test_directives_inside_statements_in_a_namespace_keep_every_function() -> None:
    # (the same in C++: functions in a namespace are bodies too)
    funcs = "".join(
        f"bool send_{i}(int n) {{\n  if (n < 0) return true;\n  if (\n#ifndef NO_TLS\n"
        "      tls ? tls_write(n) :\n#endif\n      raw_write(n) > 0) {\n    count += n;\n"
        "    return true;\n  }\n  log(n);\n  return false;\n}\n\n"
        for i in range(4)
    )
    src = f"#include <cstdio>\n\nnamespace net {{\n\n{funcs}}}  // namespace net\n"
    r = compress(src, content_type="cpp")
    assert r.transforms == ("tree_sitter_skeleton:cpp",)
    for i in range(4):
        assert f"bool send_{i}(int n) {{ /* [omitted 11 lines;" in r.compressed


_BODY = "".join(f"    x{i} = g(x{i}, {i});\n" for i in range(8))


def test_k_and_r_definitions_keep_their_names_and_parameter_declarations() -> None:
    src = "#include <stdio.h>\n\n" + "".join(
        f"/* Add {n}. */\nstatic int\nadd_{n}(a, b)\n    int a;\n    char *b; /* the name */\n"
        f"{{\n{_BODY}    return a;\n}}\n\n"
        for n in range(3)
    )
    r = compress(src, content_type="c")
    for n in range(3):
        assert f"add_{n}(a, b)\n    int a;\n    char *b; /* the name */\n{{ /* [omitted" in (
            r.compressed
        )
    assert "x3 = g" not in r.compressed and "x3 = g(x3, 3);" in omitted_text(r, "o1")


def test_a_signature_split_by_conditional_directives_is_kept() -> None:
    src = "#include <stdio.h>\n\n" + "".join(
        f"int\n#ifdef HAVE_LONG\nsplit_{n}(int a, long b)\n#else\nsplit_{n}(int a)\n#endif\n"
        f"{{\n{_BODY}    return a;\n}}\n\n"
        for n in range(3)
    )
    r = compress(src, content_type="c")
    for n in range(3):
        # (the body is elided: the grammar reads the first branch's signature)
        assert (
            f"#ifdef HAVE_LONG\nsplit_{n}(int a, long b)\n#else\nsplit_{n}(int a)\n#endif\n"
            "{ /* [omitted 9 lines; id=o" in r.compressed
        )
    assert "x3 = g" not in r.compressed and "x3 = g(x3, 3);" in omitted_text(r, "o1")


def test_a_long_enum_list_starts_after_the_last_shown_members_block_comment() -> None:
    # The eighth member (the last shown before the long list's marker) has a block comment
    # running on over several lines: the marker's span starts after that comment, so the
    # comment's own omission and the members' do not overlap.
    members = [f"    P_param{n}={100 + n}," for n in range(40)]
    members[7] = (
        "    P_strategy=107,     /* See the strategy enum definition.\n"
        "                         * The higher the value of selected strategy, the more\n"
        "                         * complex it is, resulting in stronger compression.\n"
        '                         * Special: value 0 means "use default strategy". */\n'
    )
    src = "typedef enum {\n" + "\n".join(members) + "\n} P_parameter;\n"
    r = compress(src, content_type="c")  # (check_result: no two omissions overlap)
    assert "P_strategy=107," in r.compressed and "} P_parameter;" in r.compressed
    (listed,) = [o for o in r.omitted if o.description.startswith("28 members: ")]
    hidden = omitted_text(r, listed.id)
    assert "P_param8=108" in hidden and "strategy" not in hidden
    assert "P_param8, P_param9," in listed.description


def test_the_error_walk_stops_only_once_the_regions_are_certain_to_pass_the_limit() -> None:
    from transforms._treesitter import _error_regions, error_regions, parser

    prose = (
        b"The first and second arguments are the string to transform.\n\n"
        b"int f(int a);\n\nThe third is the output buffer, and the fourth its capacity.\n"
    )
    root = parser("c").parse(prose).root_node
    regions = error_regions(root)
    bad = sum(e - s for s, e in regions)
    assert 0 < bad < len(prose)
    # Not more than the limit: walked to the end, the same regions.
    assert _error_regions(root, bad) == regions
    assert _error_regions(root, None) == regions
    # Any unplaceable token passes a limit of 0: the walk gives up.
    assert _error_regions(root, 0) is None
