"""docs/protocol.md stays true: every message (tag, field, type, default), every error code,
every subject and every keeper operation in the code is stated there, and nothing else."""

from __future__ import annotations

import dataclasses
import inspect
import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest

from actors.keeper import OP_FRAMES
from bus import _errors, blobs, messages, subjects

DOC = Path(__file__).resolve().parent.parent / "docs" / "protocol.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def render_type(hint: Any) -> str:
    """A type as the doc's tables write it."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        rendered = " or ".join(render_type(a) for a in options)
        return rendered + " or nil" if type(None) in typing.get_args(hint) else rendered
    if origin is list:
        return f"[{render_type(typing.get_args(hint)[0])}]"
    if origin is dict:
        key, value = typing.get_args(hint)
        return f"{{{render_type(key)}: {render_type(value)}}}"
    if hint is Any:
        return "any"
    return str(hint.__name__)


def render_default(f: dataclasses.Field[Any]) -> str:
    if f.default is not dataclasses.MISSING:
        value = f.default
        if value is None:
            return "nil"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str):
            return f'"{value}"'
        return repr(value)
    if f.default_factory is not dataclasses.MISSING:
        made = f.default_factory()
        if isinstance(made, list | dict):
            return "[]" if isinstance(made, list) else "{}"
        return "a new one"  # generated per message (a request id)
    return "required"


def section_rows(doc: str, heading: str) -> list[list[str]]:
    """The table rows (cells) of the first table after ``heading``, header excluded."""
    start = doc.index(heading)
    lines = doc[start:].splitlines()[1:]
    rows: list[list[str]] = []
    in_table = False
    for line in lines:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            in_table = True
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif in_table:
            break
    assert len(rows) >= 2, f"no table under {heading!r}"
    return rows[2:]  # header and separator


MESSAGES = sorted(messages.Message._registry.values(), key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", MESSAGES, ids=lambda c: c.__name__)
def test_every_message_is_documented_field_by_field(doc: str, cls: type[Any]) -> None:
    heading = f"#### {cls.__name__} (`{cls.TAG}`)"
    assert heading in doc, f"docs/protocol.md lacks a section {heading!r}"
    hints = typing.get_type_hints(cls)
    expected = [
        [f"`{f.name}`", render_type(hints[f.name]), render_default(f)]
        for f in dataclasses.fields(cls)
    ]
    found = [row[:3] for row in section_rows(doc, heading)]
    assert found == expected, f"{cls.__name__}: the table disagrees with bus/messages.py"
    for row in section_rows(doc, heading):
        assert len(row) == 4 and row[3], f"{cls.__name__}: {row[0]} has no meaning"


def test_the_doc_lists_no_message_the_code_lacks(doc: str) -> None:
    documented = set(re.findall(r"^#### (\w+) \(`(\w+)`\)$", doc, flags=re.MULTILINE))
    assert documented == {(c.__name__, c.TAG) for c in MESSAGES}


def test_schema_version_and_error_headers(doc: str) -> None:
    assert f"schema version {messages.SCHEMA_VERSION}" in doc.lower()
    assert f'{{"v": {messages.SCHEMA_VERSION}, "t":' in doc
    assert f"{messages.ERROR_CODE_HEADER}: " in doc
    assert f"{messages.ERROR_HEADER}: " in doc


def _error_classes() -> list[type[_errors.CtxbusError]]:
    return [
        cls
        for _name, cls in inspect.getmembers(_errors, inspect.isclass)
        if issubclass(cls, _errors.CtxbusError) and cls is not _errors.CtxbusError
    ]


def test_every_error_code_is_documented(doc: str) -> None:
    rows = {row[2].strip("`"): row for row in section_rows(doc, "## 2. Errors")}
    classes = {cls.__name__: cls for cls in _error_classes()}
    assert set(rows) == set(classes), "error table and bus/_errors.py list other classes"
    for name, cls in classes.items():
        code, wire_name = rows[name][0], rows[name][1]
        assert (code, wire_name) == (str(cls.code), f"`{cls.name}`"), name
    # Every name a client can be sent is one the code maps back to its class.
    for cls in classes.values():
        assert type(_errors.error_for_code(cls.code, f"{cls.name}: x")) is cls or (
            cls.name in {"transport"}  # TransportError is never sent; it maps to a service error
        )


def test_every_subject_and_name_is_documented(doc: str) -> None:
    for name in subjects.__all__:
        assert f"`{name}`" in doc or f"`{name}(" in doc, f"{name} is not in docs/protocol.md"
        value = getattr(subjects, name)
        if isinstance(value, str):
            assert f"`{value}" in doc, f"{name} = {value!r} is not in docs/protocol.md"
    # The subject builders give what the doc's table says.
    assert subjects.request_subject("ns", "get") == "ctxbus.req.ns.get"
    assert subjects.event_subject("ns", "research") == "ctxbus.evt.ns.cmVzZWFyY2g"
    assert "`research` → `cmVzZWFyY2g`" in doc
    assert subjects.events_wildcard("ns") == "ctxbus.evt.ns.*"
    assert subjects.job_subject("ns") == "ctxbus.job.ns"
    assert subjects.task_subject("ns", "r") == "ctxbus.task.ns.r"
    assert subjects.agent_ping_subject("ns", "r") == "ctxbus.agent.ping.ns.r"
    assert subjects.task_done_subject("ns", "t") == "ctxbus.taskdone.ns.t"
    for pattern in (
        "ctxbus.req.<ns>.<op>",
        "ctxbus.evt.<ns>.<key-token>",
        "ctxbus.job.<ns>",
        "ctxbus.task.<ns>.<role>",
        "ctxbus.agent.ping.<ns>.<role>",
        "ctxbus.taskdone.<ns>.<task_id>",
    ):
        assert f"`{pattern}`" in doc


def test_every_keeper_operation_is_documented(doc: str) -> None:
    assert set(OP_FRAMES) == set(subjects.OPS)
    rows = {row[0].strip("`"): row for row in section_rows(doc, "## 4. Keeper operations")}
    assert set(rows) == set(subjects.OPS)
    by_tag = messages.Message._registry
    for op, (request, reply) in OP_FRAMES.items():
        assert rows[op][1] == f"`{by_tag[request].__name__}` (`{request}`)", op
        assert rows[op][2] == f"`{by_tag[reply].__name__}` (`{reply}`)", op


def test_large_text_limits_are_the_code_s(doc: str) -> None:
    assert f"min({blobs.INLINE_MAX_BYTES}, (max_payload - 65536) // 2)" in doc
    assert blobs.inline_limit(8 * 1024 * 1024) == blobs.INLINE_MAX_BYTES
    assert blobs.inline_limit(1024 * 1024) == blobs.INLINE_MAX_BYTES
    assert blobs.inline_limit(300 * 1024) == (300 * 1024 - 65536) // 2
    assert f"`{blobs.BLOBS_STREAM}`" in doc
    assert blobs.chunk_size(8 * 1024 * 1024) == blobs.MAX_CHUNK == 1024 * 1024
