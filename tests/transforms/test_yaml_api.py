"""API descriptions in YAML (OpenAPI, Swagger, CRDs): detected as ``api``, every key line and
non-documentation value kept verbatim, long documentation cut to its first sentence and long
examples cut whole behind a marker standing for the exact source text, still YAML, never
inflated; YAML this reader cannot follow is returned unchanged with the reason."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from tests.transforms._check import compress, omitted_text
from transforms import MARKER_RE, detect_content_type

CORPUS = Path(__file__).parents[2] / "bench" / "corpus" / "api"
FILES = sorted(p.name for p in CORPUS.glob("*.yaml"))

LONG = (
    "Returns the pets the caller may see. The list is paged; pass the cursor of the last "
    "page to get the next one, and a limit to bound its size. Pets deleted since the "
    "cursor was issued are left out, and so are those of other tenants."
)

SPEC = f"""\
openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets/{{petId}}:
    get:
      operationId: showPetById
      summary: Info for a specific pet
      description: |
        {LONG[:80]}
        {LONG[81:]}

        A second paragraph, which goes with the rest.
      parameters:
        - name: petId
          in: path
          required: true
          description: {LONG}
          schema:
            type: string
      responses:
        '200':
          description: "{LONG}"
          x-long-description: >-
            {LONG}
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id:
          type: integer
          format: int64
        description:
          type: string
          example: {LONG[:150].replace("may see", "may view")}
        tag:
          type: string
          enum:
            - dog
            - cat
"""

CRD = """\
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
    - name: v1
      served: true
      schema:
        openAPIV3Schema:
          description: |-
            Widget is a thing that does something useful for the cluster, and this line is
            long enough to be cut. It goes on about what a widget is and what it is not, and
            about the fields below, which a reader can look up one by one.
          properties:
            spec:
              type: object
              properties:
                size:
                  type: integer
"""


SUMMARY = "      summary: Info for a specific pet\n"


def _cut_lines(text: str) -> set[str]:
    return {ln for ln in text.splitlines() if MARKER_RE.search(ln)}


def test_openapi_and_crd_yaml_are_api_other_yaml_is_not() -> None:
    assert detect_content_type(SPEC) == "api"
    assert detect_content_type(CRD) == "api"
    for head in ("swagger: '2.0'", "asyncapi: 2.6.0"):
        assert detect_content_type(SPEC.replace("openapi: 3.0.3", head)) == "api"
    # A CRD without a schema, a workflow, a compose file: configuration, unchanged.
    no_schema = CRD.split("      schema:")[0]
    workflow = "\n".join(
        ["name: ci", "on: [push]", "jobs:", "  test:", "    runs-on: ubuntu-latest", "    steps:"]
        + [f"      - run: make check-{i}" for i in range(10)]
    )
    prose = "openapi: 3 is what we chose.\nIt describes the API.\n" + "More words here.\n" * 8
    for text in (no_schema, workflow, prose):
        assert detect_content_type(text) != "api"
        r = compress(text)
        assert r.compressed == text


def test_every_key_line_kept_and_long_docs_cut_restorably() -> None:
    r = compress(SPEC)
    assert r.content_type == "api"
    assert r.transforms == ("api_yaml_docs",)
    out = r.compressed.splitlines()
    # Every line that is no documentation value is kept, in order, at its indentation.
    kept = [
        ln
        for ln in SPEC.splitlines()
        if ln.strip() and not any(w in ln for w in ("may see", "tenants", "second paragraph"))
    ]
    assert [ln for ln in out if ln in kept] == kept
    # Five documentation values cut: the block scalar, the plain, the quoted, the x- one
    # and (not) the property named "description", which is a name.
    docs = [o for o in r.omitted if o.kind == "documentation"]
    assert len(docs) == 4
    assert "        description:" in out and "          type: string" in out
    # A cut block scalar stays one: its header, then one line at its content's indentation.
    head = out.index("      description: |")
    assert out[head + 1].startswith("        Returns the pets the caller may see. [omitted ")
    assert out[head + 2] == "      parameters:"
    # get_omitted serves the exact source text of each value.
    texts = {omitted_text(r, o.id) for o in docs}
    assert (
        f"{LONG[:80]}\n        {LONG[81:]}\n\n        A second paragraph, which goes with the rest."
        in texts
    )
    assert LONG in texts and f'"{LONG}"' in texts
    for line in _cut_lines(r.compressed):
        assert "Returns the pets the caller may see." in line


def test_crd_description_cut_structure_kept() -> None:
    r = compress(CRD)
    assert r.content_type == "api" and r.transforms == ("api_yaml_docs",)
    out = r.compressed.splitlines()
    for line in (
        "    kind: Widget",
        "    - name: v1",
        "                size:",
        "  group: example.com",
    ):
        assert line in out
    (o,) = r.omitted
    assert omitted_text(r, o.id).startswith("Widget is a thing")
    assert omitted_text(r, o.id).endswith("one by one.")
    assert out[out.index("          description: |-") + 1].startswith("            Widget is")


@pytest.mark.parametrize("name", FILES)
def test_corpus_yaml_keeps_every_operation_path_and_type(name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert detect_content_type(text) == "api"
    r = compress(text)
    assert r.content_type == "api"
    assert r.transforms[0] in ("api_yaml_docs", "unchanged:api")
    # (A repeated mapping's key line ends in its anchor or alias.)
    # (A mapping of one reference is written on its key's line: `key: ^Name`.)
    out = {re.sub(r" [&*][a-z]+\d+$| \^[\w./-]+$", "", ln) for ln in r.compressed.splitlines()}
    lines = text.splitlines()
    names = [ln for ln in lines if re.match(r"\s+operationId:", ln)]
    names += [ln for ln in lines if re.match(r"  /\S*:\s*$", ln)]  # paths
    names += [ln for ln in lines if re.match(r"    kind: \S+$|  - name: v\d", ln)]  # CRDs
    section = ""
    for ln in lines:  # type names: under components/schemas or definitions
        if re.match(r"(?:definitions|  schemas):\s*$", ln):
            section = ln
        elif ln.strip() and len(ln) - len(ln.lstrip()) <= len(section) - len(section.lstrip()):
            section = ""
        elif section and re.match(" " * (len(section) - len(section.lstrip()) + 2) + r"\S+:", ln):
            names.append(ln)
    assert names
    # (A quoted value that reads the same plain is written plain: `operationId: "X"`.)
    unquoted = re.compile(r"""(: |- )(["'])([^"'\\]*)\2$""")
    for n in names:
        assert n in out or unquoted.sub(r"\1\3", n) in out, n
    for o in r.omitted:
        assert o.kind in ("documentation", "example", "refs")
        if len(o.spans) == 1:
            assert omitted_text(r, o.id) in text
        else:  # (the one-line examples' marker: each span a whole `example:` line)
            assert o.kind == "example"
            for s, e in o.spans:
                assert text[s:e].strip().startswith(("example:", "x-example:"))
                assert text[s - 1] == "\n" and text[e - 1] == "\n"


def test_no_inflation_short_docs_unchanged() -> None:
    text = SPEC.replace(LONG, "Short.").replace(LONG[:80], "Short.").replace(LONG[81:], "")
    r = compress(text)
    assert r.content_type == "api"
    assert r.compressed == text and r.omitted == ()
    # Just over the length limit, where the rest does not pay for a marker: shown whole.
    near = (
        "Returns "
        + "the pets " * 5
        + "that the caller may see, with every one of their tags."
        + (" " + "x" * 55 + ".")
    )
    assert len(near) > 160
    r = compress(SPEC.replace(LONG, near))
    assert near in r.compressed


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("    get:\n", "    get:\n\tx: 1\n"),  # a tab in the indentation
        ("      summary: Info for a specific pet\n", "      summary: Info\n   stray text\n"),
    ],
)
def test_malformed_yaml_unchanged_with_reason(bad: str, reason: str) -> None:
    text = SPEC.replace(bad, reason)
    r = compress(text)
    assert r.content_type == "api"
    assert r.compressed == text and r.omitted == ()
    assert r.transforms[0].startswith("fallback:api:")
    assert r.transforms[1:] == ("unchanged:config",)


def test_yaml_hint_and_openapi_hint_on_yaml() -> None:
    for hint in ("yaml", "application/openapi"):
        r = compress(SPEC, content_type=hint)
        assert r.content_type == "api" and r.transforms == ("api_yaml_docs",)


def test_value_on_the_line_after_its_key() -> None:
    text = SPEC.replace(
        f"          description: {LONG}\n", f"          description:\n            {LONG}\n"
    )
    r = compress(text)
    assert f"          description: {LONG[:36]} [omitted " in r.compressed
    assert any(omitted_text(r, o.id) == LONG for o in r.omitted)


@pytest.mark.parametrize(
    ("line", "with_"),
    [
        # A quoted value, then a comment holding an apostrophe (the old reader counted it
        # as a third quote and gave the whole file up).
        (SUMMARY, "      summary: 'Pet status' # don't change\n"),
        (SUMMARY, '      summary: "Pet \\" # x" # it\'s\n'),
        # '' inside single quotes is a quote; the value goes on to the next line.
        (SUMMARY, "      summary: 'the pet''s\n        info' # don't\n"),
        # A comment after a key whose children follow, after a path, after a plain value.
        ("      properties:\n", "      properties: # the fields ('id' first)\n"),
        ("  /pets/{petId}:\n", "  /pets/{petId}:   # one pet\n"),
        ("          format: int64\n", "          format: int64 # it's 'big'\n"),
        # "#" inside a key is no comment.
        ("        tag:\n", "        tag#x:\n"),
    ],
)
def test_comments_and_quotes_read_as_yaml_does(line: str, with_: str) -> None:
    text = SPEC.replace(line, with_)
    assert text != SPEC
    r = compress(text)
    assert r.transforms == ("api_yaml_docs",)
    assert with_ in r.compressed
    assert len([o for o in r.omitted if o.kind == "documentation"]) == 4


def test_quoted_documentation_escapes_and_trailing_comment() -> None:
    # A long single-quoted value with '' and a long double-quoted one with \" are cut (their
    # marker stands for the whole quoted value); a long one with a comment after it is kept.
    single = LONG.replace("the caller", "the caller''s tenant")
    double = LONG.replace("the caller", 'the \\"caller\\" # not a comment')
    text = SPEC.replace(f'"{LONG}"', f"'{single}'").replace(
        f"          description: {LONG}\n", f'          description: "{double}"\n'
    )
    r = compress(text)
    texts = {omitted_text(r, o.id) for o in r.omitted}
    assert f"'{single}'" in texts and f'"{double}"' in texts
    out = r.compressed
    assert "          description: \"Returns the pets the caller's tenant may see. [omitted " in out
    assert '          description: "Returns the pets the \\"caller\\" # not a comment may' in out
    kept = f"          description: '{single}' # it's long\n"
    r = compress(text.replace(f"          description: '{single}'\n", kept))
    assert r.transforms == ("api_yaml_docs",) and kept in r.compressed


@pytest.mark.parametrize(
    "bad",
    [
        "      summary: 'Info for a pet'# no blank before the comment\n",
        "      summary: 'Info for a pet' 'and more'\n",
        "      summary: 'Info for a pet\n",
    ],
)
def test_text_after_or_unclosed_quote_unchanged_with_reason(bad: str) -> None:
    text = SPEC.replace(SUMMARY, bad)
    r = compress(text)
    assert r.compressed == text
    assert r.transforms[0].startswith("fallback:api:")


FIELDS = [f"field{i}: value number {i} of the example record" for i in range(8)]
EXAMPLE = "\n".join(FIELDS)
PROPS = "\n".join(f.replace(": ", ":\n  description: ") for f in FIELDS)
TAGS = "\n".join(f"- [tag-{i}, other-tag-{i}, third-tag-{i}, last-tag-{i}]" for i in range(5))
FLOW = "{" + ", ".join(FIELDS) + "}"
EXAMPLES = f"""\
openapi: 3.0.3
info:
  title: Examples
  version: 1.0.0
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: OK
          content:
            application/json:
              example:
{textwrap.indent(EXAMPLE, "                ")}
              examples:
                first:
                  summary: The first thing
                  value:
{textwrap.indent(EXAMPLE, "                    ")}
                second:
                  $ref: '#/components/examples/Second'
        '404':
          description: Missing
          examples:
            application/json:
{textwrap.indent(EXAMPLE, "              ")}
components:
  schemas:
    Thing:
      type: object
      properties:
        example:
          type: object
          properties:
{textwrap.indent(PROPS, "            ")}
        tags:
          type: array
          examples:
{textwrap.indent(TAGS, "            ")}
          example: [short]
  examples:
    Second:
      summary: The second thing
      value: {FLOW}
"""


def test_long_examples_behind_markers_names_and_media_types_kept() -> None:
    r = compress(EXAMPLES)
    assert r.content_type == "api" and r.transforms == ("api_yaml_docs",)
    out = r.compressed.splitlines()
    ex = {o.id: o for o in r.omitted if o.kind == "example"}
    assert len(ex) == 5 and len(r.omitted) == 5
    # Each marker stands for the exact source text of the value and names what it hides.
    by_line = {ln.split(": [omitted ")[0]: ln for ln in out if "[omitted " in ln}
    assert set(by_line) == {
        "              example",
        "                  value",
        "            application/json",
        "          examples",
        "      value",
    }
    assert "example of 8 lines (field0, field1, field2 +5 keys)" in by_line["              example"]
    assert "example value of 8 lines" in by_line["                  value"]
    assert "application/json example of 8 lines" in by_line["            application/json"]
    assert "examples of 5 lines (5 items)" in by_line["          examples"]
    for o in ex.values():
        assert omitted_text(r, o.id) in EXAMPLES
        assert omitted_text(r, o.id).startswith(("field0", "- [tag-0", "{field0"))
    # Names of examples, their summaries and $refs, media types, a short example, and a
    # property named "example" (a name, not an example) stay.
    for kept in (
        "                first:",
        "                  summary: The first thing",
        "                  $ref: '#/components/examples/Second'",
        "    Second:",
        "        example:",
        "              description: value number 7 of the example record",
        "          example: [short]",
    ):
        assert kept in out, kept


ERRORS = """\
        '404':
          description: Not found
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Error'
        '500':
          description: Server error
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Error'
"""
REPEATS = f"""\
openapi: 3.0.3
info:
  title: Repeats
  version: 1.0.0
paths:
  /a:
    get:
      operationId: getA
      responses:
{ERRORS}  /b:
    get:
      operationId: getB
      responses:
{ERRORS}    put:
      operationId: putB
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                id:
                  type: string
                  format: uuid
      responses:
        '200':
          description: OK
          content:
            application/json:
              example:
                id: 3be6453c-03eb-4357-ae5a-984a0e574a54
              examples:
                one:
                  value:
                    id: 3be6453c-03eb-4357-ae5a-984a0e574a54
components:
  schemas:
    Error:
      type: object
      properties:
        id:
          type: string
          format: uuid
    Id:
      type: string
    OtherId:
      type: string
"""


def _expand_aliases(text: str) -> str:
    """``key: *aN`` lines replaced by the lines under ``key: &aN``, re-indented (anchors
    dropped), until none is left."""
    for _ in range(8):
        text, before = _expand_once(text), text
        if text == before:
            break
    return text


def _expand_once(text: str) -> str:
    lines = text.splitlines(keepends=True)
    anchored: dict[str, tuple[int, list[str]]] = {}
    for i, ln in enumerate(lines):
        m = re.fullmatch(r"( *)(.*): &(a\d+)\n", ln)
        if m:
            col = len(m.group(1))
            body = []
            for nxt in lines[i + 1 :]:
                if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= col:
                    break
                body.append(nxt)
            anchored[m.group(3)] = (col, body)
    out = []
    for ln in lines:
        m = re.fullmatch(r"( *)(.*): ([&*])(a\d+)\n", ln)
        if m is None:
            out.append(ln)
            continue
        out.append(f"{m.group(1)}{m.group(2)}:\n")
        if m.group(3) == "*":
            col, body = anchored[m.group(4)]
            shift = len(m.group(1)) - col
            out.extend(" " * shift + b if shift >= 0 else b[-shift:] for b in body)
    return "".join(out)


def test_repeated_mappings_shown_once_as_yaml_aliases() -> None:
    r = compress(REPEATS)
    assert r.content_type == "api" and r.transforms == ("api_yaml_docs",)
    assert r.omitted == ()  # (an alias hides nothing: the anchored lines are shown)
    out = r.compressed.splitlines()
    # /b's responses are /a's: an alias (the outer repeat first); inside the anchored one,
    # the second content block is the first's; the Error schema is the request's schema,
    # at another indentation: an alias of the earlier (its name stays).
    assert "      responses: &a1" in out
    assert out[out.index("      operationId: getB") + 1] == "      responses: *a1"
    assert "          content: &a2" in out and "          content: *a2" in out
    assert "            schema: &a3" in out and "    Error: *a3" in out
    # Inside examples (which may be cut whole) nothing is anchored; a short repeat
    # ("type: string") is no alias.
    assert "              example:" in out and "                  value:" in out
    assert "    OtherId:" in out and "    Id:" in out
    # Expanding the aliases gives the original back.
    assert _expand_aliases(r.compressed) == REPEATS
    # A text with anchors of its own: another name; a repeat across documents: none.
    own = REPEATS.replace("    OtherId:\n      type: string\n", "    OtherId: &a1 [x]\n")
    out = compress(own).compressed
    assert "      responses: &r1" in out and "      responses: *r1" in out
    split = REPEATS.replace("  /b:\n", "---\npaths:\n  /b:\n")
    assert "responses: *" not in compress(split).compressed


ASYNC = """\
asyncapi: 2.4.0
info:
  title: Webhooks
  version: 1.0.0
channels:
  Account:
    subscribe:
      message:
        oneOf:
          - x-event-type: "Account/Create"
            externalDocs:
              description: Webhook docs
              url: "https://developer.example.com/docs/develop/webhooks"
            payload:
              $ref: "#/components/schemas/changeEvent"
            summary: Subscribe only to the message events that mention your app
          - x-event-type: "Account/Update"
            externalDocs:
              description: Webhook docs
              url: "https://developer.example.com/docs/develop/webhooks"
            payload:
              $ref: "#/components/schemas/changeEvent"
            summary: Subscribe only to the message events that mention your app
          - x-event-type: "Account/Delete"
            externalDocs:
              description: Webhook docs
              url: "https://developer.example.com/docs/develop/webhooks"
            payload:
              $ref: "#/components/schemas/changeEvent"
            summary: Subscribe only to the message events that mention your app
components:
  schemas:
    userData:
      type: object
      properties:
        organizationId:
          type: string
          example: '1234'
        organizationRef:
          type: string
          example: https://example.com/t/myorg
        userStoreId:
          type: int
          example: 7
        organizationName:
          type: string
          example: myorg
        userName:
          type: string
          example: john@example.com
        userStoreName:
          type: string
          example: DEFAULT
    loginData:
      type: object
      properties:
        organizationId:
          type: string
          example: '1234'
        organizationRef:
          type: string
          example: https://example.com/t/myorg
        userStoreId:
          type: int
          example: 7
        organizationName:
          type: string
          example: myorg
        userName:
          type: string
          example: jane@example.com
        userStoreName:
          type: string
          example: DEFAULT
        serviceProvider:
          type: string
          example: My Account
    changeEvent:
      type: object
      properties:
        userName:
          type: string
          example: john@example.com
        userStoreName:
          type: string
          example: DEFAULT
"""


def test_near_repeats_are_yaml_merge_keys() -> None:
    r = compress(ASYNC)
    # (its one-line examples behind one marker: test_one_line_examples_behind_one_marker)
    assert r.content_type == "api" and [o.kind for o in r.omitted] == ["example"]
    examples = omitted_text(r, r.omitted[0].id)
    out = r.compressed.splitlines()
    # The list items differ in one field: the first is anchored (its dash on a line of its
    # own), the others merge it and write only that field (which wins over the merged one).
    assert out[out.index("        oneOf:") + 1 :][:3] == [
        "          - &m1",
        "            x-event-type: Account/Create",  # (its quotes went: the same string)
        "            externalDocs:",
    ]
    # (its anchors of repeats went: their aliases were in the items merging it)
    assert "&a1" not in r.compressed
    for event in ("Update", "Delete"):
        at = out.index(f"            x-event-type: Account/{event}")
        assert out[at - 1] == "          - <<: *m1"
        assert out[at + 1].startswith(("          - ", "components:"))
    # loginData's properties are userData's and one more (userName's example differs:
    # written, so it wins, its line behind the examples' marker): the merge key and what
    # differs.
    at = out.index("    loginData:")
    assert out[at : at + 7] == [
        "    loginData:",
        "      type: object",
        "      properties:",
        "        <<: *m2",
        "        userName:",
        "          type: string",
        "        serviceProvider:",
    ]
    assert "          example: jane@example.com\n" in examples
    assert "      properties: &m2" in out
    # changeEvent's properties lack organizationName: merging userData's would add it.
    at = out.index("    changeEvent:")
    assert "<<:" not in "\n".join(out[at:])
    # Every type, property and event name is still in the text.
    for name in ("userData", "loginData", "changeEvent", "serviceProvider", "Account/Delete"):
        assert name in r.compressed


def test_repeated_scalars_are_yaml_aliases() -> None:
    r = compress(ASYNC)
    out = r.compressed.splitlines()
    # The summary, said on one line of the anchored item only once (the other items merge
    # it); a long value on two lines: an anchor on the first, an alias on the second.
    assert sum("Subscribe only to the message events" in ln for ln in out) == 1
    text = ASYNC.replace(
        "  loginData:",
        "  otherData:\n      summary: Subscribe only to the "
        "message events that mention your app\n  loginData:",
    )
    text = text.replace("    otherData:", "    otherData:")
    r = compress(text)
    out = r.compressed.splitlines()
    anchored = [ln for ln in out if "Subscribe only" in ln]
    assert anchored == [
        "            summary: &s1 Subscribe only to the message events that mention your app"
    ]
    assert "      summary: *s1" in out
    # Short values ("type: string", "example: DEFAULT") are never aliases (the one-line
    # examples are behind one marker, as they are).
    assert "          type: string" in out and not any("example: *" in ln for ln in out)
    (ex,) = [o for o in r.omitted if o.kind == "example"]
    assert "          example: DEFAULT\n" in omitted_text(r, ex.id)


REFS = """\
asyncapi: 3.0.0
info:
  title: Events
  version: 1.0.0
channels:
  root:
    address: /
    messages:
      hello:
        $ref: '#/components/messages/hello'
      goodbye:
        $ref: '#/components/messages/goodbye'
      userJoined:
        $ref: '#/components/messages/userJoined'
      userLeft:
        $ref: '#/components/messages/userLeft'
operations:
  receiveEvents:
    action: receive
    channel:
      $ref: '#/channels/root'
    messages:
      - $ref: '#/channels/root/messages/hello'
      - $ref: '#/channels/root/messages/goodbye'
      - $ref: '#/channels/root/messages/userJoined'
      - $ref: '#/channels/root/messages/userLeft'
  sendHello:
    action: send
    channel:
      $ref: '#/channels/root'
    messages:
      - $ref: '#/channels/root/messages/hello'
      - $ref: '#/channels/root/messages/goodbye'
      - $ref: '#/components/messages/userJoined'
      - $ref: '#/channels/root/messages/userLeft'
"""


def test_references_differing_in_their_last_name_are_named_by_a_marker() -> None:
    r = compress(REFS)
    out = r.compressed.splitlines()
    names = "hello, goodbye, userJoined, userLeft in order"
    # A channel's messages, each a reference ending in its key; an operation's list of
    # references with one head: one line each, every name in order.
    assert out[7].startswith("    messages: [omitted 4 entries <name> with $ref ")
    assert f"'#/components/messages/<name>', <name> one of {names}" in out[7]
    assert out[out.index("  receiveEvents:") + 4] == (
        "    messages: [omitted 4 list items, each $ref '#/channels/root/messages/<name>' "
        f"with <name> one of {names}; id=o2]"
    )
    assert [o.kind for o in r.omitted] == ["refs", "refs"]
    assert (
        omitted_text(r, "o2") == REFS[REFS.index("      - $ref") : REFS.index("  sendHello")][:-1]
    )
    # References with two heads: shown as they are.
    assert "      - $ref: '#/components/messages/userJoined'" in out
    # A mapping whose references do not end in their keys: shown as it is.
    other = REFS.replace("$ref: '#/components/messages/userLeft'", "$ref: '#/x/userGone'")
    assert "entries <name>" not in compress(other).compressed


ONE_LINE_EXAMPLES = """\
openapi: 3.1.0
info:
  title: Mail
  version: 1.0.0
paths:
  /emails/{email_id}:
    get:
      operationId: emails/get
      parameters:
        - name: email_id
          in: path
          required: true
          schema:
            type: string
          example: 4ef9a417-02e9-4d39-ad75-9611e0fcc33c
      responses:
        '200':
          description: OK
components:
  schemas:
    Email:
      type: object
      properties:
        object:
          type: string
          example: 'email'
        id:
          type: string
          example: '4ef9a417-02e9-4d39-ad75-9611e0fcc33c'
        from:
          type: string
          example: 'Acme <onboarding@resend.dev>'
        to:
          type: array
          items:
            type: string
          example: ['delivered@resend.dev']
        created_at:
          type: string
          format: date-time
          example: '2023-04-03T22:13:42.674981+00:00'
        example:
          type: string
          description: a property named example
        subject:
          type: string
          example: &s1 'Hello World'
"""


def test_one_line_examples_behind_one_marker() -> None:
    r = compress(ONE_LINE_EXAMPLES)
    assert r.content_type == "api" and r.transforms == ("api_yaml_docs",)
    out = r.compressed.splitlines()
    (o,) = r.omitted
    # One marker, a comment line at the top: how many, and the keys holding them.
    assert o.kind == "example" and o.count == 6 and len(o.spans) == 6
    assert out[0] == f"# [omitted {o.description}; id={o.id}]"
    assert o.description == (
        "6 one-line example values, each its `example:` line"
        " (of parameters, object, id, from, to, created_at)"
    )
    # Each span is one whole line of the original; together they are every one-line example
    # but the one holding an anchor.
    hidden = omitted_text(r, o.id)
    assert hidden == "".join(
        ln + "\n" for ln in ONE_LINE_EXAMPLES.splitlines() if re.match(r" +example: [^&]", ln)
    )
    # Every other line is kept as it was: the property named "example", the anchored example.
    assert [ln for ln in out[1:] if ln] == [
        ln for ln in ONE_LINE_EXAMPLES.splitlines() if ln + "\n" not in hidden
    ]
    # Three are too few to pay for a marker: shown.
    few = ONE_LINE_EXAMPLES.split("        to:")[0].replace("          example: 'email'\n", "")
    r = compress(few)
    assert not any(o.kind == "example" for o in r.omitted)
    assert "          example: '4ef9a417-02e9-4d39-ad75-9611e0fcc33c'" in r.compressed


def test_yaml_description_over_100_chars_keeps_its_first_sentence() -> None:
    first = "The recipient's email address, or a friendly name and its address."
    rest = "Max 50 addresses, each of them a string; send an array for several."
    text = ONE_LINE_EXAMPLES.replace(
        "          description: a property named example",
        f"          description: {first} {rest}",
    ).replace("'200':\n          description: OK", "'200':\n          description: OK, sent.")
    r = compress(text)
    (doc,) = [o for o in r.omitted if o.kind == "documentation"]
    assert len(first) + 1 + len(rest) < 160  # (the JSON outline's limit: shown whole there)
    shown = f"          description: {first} [omitted {len(first) + 1 + len(rest)} chars; "
    assert shown in r.compressed
    assert omitted_text(r, doc.id) == f"{first} {rest}"
    # A description up to 100 chars stays whole.
    assert "          description: OK, sent." in r.compressed.splitlines()


ROOT = """\
openapi: 3.0.0
info:
  title: Split
  version: 1.0.0
paths:
  /orgs:
    $ref: './resources/Orgs.yaml'
  /orgs/{orgId}:
    $ref: "./resources/Org.yaml"
  /orgs/{orgId}/members:
    $ref: './resources/OrgMembers.yaml'
  /orgs/{orgId}/projects:
    $ref: ./resources/OrgProjects.yaml
  /projects/{projectId}:
    get:
      parameters:
        - $ref: './resources/ProjectId.yaml'
        - $ref: './parameters/Page.yaml'
        - $ref: './resources/Paged.yaml'
          description: a reference beside another key stays as it is
      responses:
        '200':
          $ref: './resources/Project.yaml'  # a comment
  /teams:
    $ref: './resources/Teams.yaml'
  /teams/{teamId}/members:
    $ref: './resources/team/Members.yaml'
components:
  schemas:
    $ref: './schemas/_index.yaml'
"""


def _read_back(out: str) -> str:
    """``out`` with every ``^X`` written back as the head line says (a test's own reading)."""
    head = out.splitlines()[0]
    m = re.fullmatch(r"# \(\^X: \{\$ref: '(.*)X(.*)'\}\)", head)
    assert m, head
    lines: list[str] = []
    for ln in out.splitlines()[1:]:
        k = re.fullmatch(r"( *)(- )?(.*?)\^([\w./-]+)", ln)
        if k is None:
            lines.append(ln)
            continue
        ref = f"{m.group(1)}{k.group(4)}{m.group(2)}"
        if k.group(2):
            lines.append(f"{k.group(1)}- $ref: {ref}")
        else:
            lines += [f"{k.group(1)}{k.group(3).rstrip()}", f"{k.group(1)}  $ref: {ref}"]
    return "\n".join(lines) + "\n"


def test_mappings_of_one_reference_of_the_common_form_are_written_caret_name() -> None:
    r = compress(ROOT)
    out = r.compressed.splitlines()
    assert out[0] == "# (^X: {$ref: './resources/X.yaml'})"
    for line in (
        "  /orgs: ^Orgs",
        "  /orgs/{orgId}: ^Org",  # (whatever its quotes)
        "  /orgs/{orgId}/projects: ^OrgProjects",
        "        - ^ProjectId",
        "  /teams: ^Teams",
        "  /teams/{teamId}/members: ^team/Members",  # (a name under the head's directory)
    ):
        assert line in out
    # Another form, a reference beside another key, one with a comment: as they are.
    for line in (
        "        - $ref: './parameters/Page.yaml'",
        "        - $ref: './resources/Paged.yaml'",
        "          $ref: './resources/Project.yaml'  # a comment",
        "    $ref: './schemas/_index.yaml'",
    ):
        assert line in out
    assert r.omitted == ()  # (nothing hidden: every name is on its line)
    # Read back, it is the input (references' quotes aside).
    unquoted = re.compile(r"""\$ref: ['"]?([^'"\s]+)['"]?""")
    assert unquoted.sub(r"$ref: \1", _read_back(r.compressed)) == unquoted.sub(r"$ref: \1", ROOT)
    # Fewer than four such references, or a value reading ^Name already: as they were.
    few = ROOT.split("  /orgs/{orgId}/members:")[0]
    assert "^" not in compress(few).compressed
    caret = ROOT.replace("version: 1.0.0", "version: ^Name")
    assert compress(caret).compressed == caret


CODE_SAMPLES = """\
openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: OK
      x-codeSamples:
        - lang: JavaScript
          label: SDK
          source: |-
            import Pets from '@pets/sdk';

            const client = new Pets({
              apiKey: 'My API Key',
            });

            const pets = await client.pets.list({ limit: 10 });

            console.log(pets.data);
        - lang: 'bash'
          source: curl -s https://api.pets.example/pets -H "Authorization: Bearer $KEY"
    post:
      operationId: addPet
      x-code-samples:
        - lang: bash
          source: curl -X POST https://api.pets.example/pets
"""


def test_code_samples_are_examples_named_by_their_languages() -> None:
    r = compress(CODE_SAMPLES)
    out = r.compressed.splitlines()
    (o,) = r.omitted
    assert o.kind == "example"
    assert out[11] == (
        "      x-codeSamples: [omitted x-codeSamples of 11 lines (JavaScript SDK, bash); id=o1]"
    )
    hidden = omitted_text(r, o.id)
    assert hidden.startswith("- lang: JavaScript") and hidden.endswith('Bearer $KEY"')
    # Every other line as it was (a short list of samples is shown).
    assert out[12:] == CODE_SAMPLES.splitlines()[26:]


def test_quoted_values_reading_the_same_plain_are_written_plain() -> None:
    stay = [
        '"1.29"',
        '"true"',
        "'no'",
        '"null"',
        "'~'",
        '"-x"',
        '"#/definitions/Pet"',
        '"a: b"',
        '"a #b"',
        '"end:"',
        '" padded"',
        '"tab\\there"',
        "'it''s'",
        '"[x]"',
        '"*a"',
        '"="',
        '"2001-12-14"',
        '".inf"',
    ]
    become = ['"string"', "'Qovery API'", '"application/json"', '"List containers"', '"a,b"']
    values = stay + become
    body = "".join(f"  v{n}: {v}\n" for n, v in enumerate(values))
    items = "".join(f"    - {v}\n" for v in values)
    head = "swagger: '2.0'\ninfo:\n  title: T\n  version: '1'\n"
    text = f"{head}x-values:\n{body}x-items:\n  list:\n{items}"
    r = compress(text)
    assert r.omitted == ()  # (nothing hidden)
    out = r.compressed.splitlines()
    for n, v in enumerate(values):
        shown = v if v in stay else v[1:-1]
        assert f"  v{n}: {shown}" in out
        assert f"    - {shown}" in out
    # A few alone make no change (the output would barely be shorter).
    few = "swagger: '2.0'\ninfo:\n  title: 'T'\n  version: '1'\n"
    assert compress(few).compressed == few


EXAMPLE_REFS = """\
openapi: 3.1.0
info:
  title: Museum
  version: 1.0.0
paths:
  /hours:
    get:
      parameters:
        - $ref: '#/components/parameters/Page'
        - $ref: '#/components/parameters/Limit'
      responses:
        '200':
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Hours'
              examples:
                default_example:
                  $ref: '#/components/examples/HoursExample'
                inline_example:
                  value:
                    link:
                      $ref: '#/components/schemas/NotAReference'
        '400':
          $ref: '#/components/responses/BadRequest'
"""


def test_a_reference_to_an_example_object_is_written_caret_name_one_in_its_value_is_not() -> None:
    out = compress(EXAMPLE_REFS).compressed.splitlines()
    assert out[0] == "# (^X: {$ref: '#/components/X'})"
    assert "                default_example: ^examples/HoursExample" in out
    assert "        '400': ^responses/BadRequest" in out
    # (an example's value is data: a mapping named $ref there is shown as it is)
    assert "                    link:" in out
    assert "                      $ref: '#/components/schemas/NotAReference'" in out
