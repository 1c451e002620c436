"""The offline backend: no model, a deterministic extractive answer from the prompt."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import anyio

from actors.backends._anthropic import DEFAULT_ANTHROPIC_MODEL
from actors.backends._interface import Backend, Completion, check_max_tokens
from transforms import MARKER_RE, count_tokens, resolve_model

__all__ = ["OfflineBackend"]

_LABEL = re.compile(
    r"^\s*(?:#+\s*)?\**(?:task|instructions?|question|goal)\**\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*%?")
_ALPHA_WORD = re.compile(r"[A-Za-z]{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])")
_ALERT = re.compile(
    r"\b(?:errors?|err|fail(?:s|ed|ure|ures|ing)?|fatal|exceptions?|traceback|panic(?:ked)?"
    r"|critical|crit|emerg(?:ency)?|alert|incidents?|outages?|deadlock(?:ed)?|time[d ]?out"
    r"|timeouts|refused|denied|unavailable|crash(?:ed|es)?|oom|killed|degraded|rollback"
    r"|rolled back|sev[0-4])\b"
    r"|\binc-?\d+\b"
    r"|(?:\"status\"|\bstatus|\bcode)\W{0,3}[45]\d\d\b"
    r"|\b5\d\d\s+(?:internal|bad gateway|service unavailable|gateway timeout)",
    re.IGNORECASE,
)
#: Summary lines the transforms write into compressed text (not facts of the context).
_ANNOTATION = re.compile(r"^\[(?:log|omitted)\b")
#: A line that is only an XML-ish tag, like the agents' ``<context key="..." ...>`` wrappers.
_TAG = re.compile(r"^<(?P<close>/)?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>$")
_KEY_ATTR = re.compile(r"""\bkey=["']([^"']*)["']""")
_WARN = re.compile(r"\bwarn(?:ing|ings)?\b", re.IGNORECASE)
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could did didn do does doesn doing don
    down during each few for from further had has have having he her here hers herself him
    himself his how i if in into is isn it its itself just let me more most my myself no nor
    not now of off on once only or other ought our ours ourselves out over own same she should
    so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was wasn we were weren what when where which while who
    whom why will with won would you your yours yourself yourselves please give list tell
    using use based each every find show summarize summarise summary describe explain write
    answer question task context input inputs following below above one two three make sure
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_MAX_UNIT_CHARS = 400
_MAX_INSTRUCTION_CHARS = 600
#: Prompts longer than this are scanned in a worker thread, off the event loop.
_THREAD_THRESHOLD = 100_000


def _norm_word(word: str) -> str:
    word = word.strip("'-_")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def _words(text: str) -> set[str]:
    return {
        w
        for w in (_norm_word(t) for t in _WORD.findall(text.lower()))
        if len(w) >= 3 and w not in _STOPWORDS
    }


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shape(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[0-9a-f]*\d[0-9a-f]*", "#", text.lower())).strip()


@dataclass(frozen=True, slots=True)
class _Unit:
    pos: int
    text: str
    #: 2 per instruction word shared, +3 if it reads as an error or incident, +1 for a
    #: warning or a number-heavy fact; 0 means "not worth quoting".
    priority: int


def _split_instruction(prompt: str) -> tuple[str, set[int]]:
    """The instruction (whitespace collapsed) and the prompt line numbers it occupies."""
    lines = prompt.splitlines()
    for i, line in enumerate(lines):
        m = _LABEL.match(line)
        if m is None:
            continue
        used = {i}
        parts = [m.group("rest").strip()] if m.group("rest").strip() else []
        j = i + 1
        while j < len(lines) and (lines[j].strip() or not parts):
            if lines[j].strip():
                parts.append(lines[j].strip())
            used.add(j)
            j += 1
        text = " ".join(parts)
        if text:
            return text, used
    paragraphs: list[tuple[str, set[int]]] = []
    current: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line.strip() and not _TAG.match(line.strip()):  # a tag line ends a paragraph
            current.append(i)
        elif current:
            paragraphs.append((" ".join(lines[k].strip() for k in current), set(current)))
            current = []
    if not paragraphs:
        return "", set()
    for text, used in (paragraphs[0], paragraphs[-1]):
        if len(text) <= _MAX_INSTRUCTION_CHARS:
            return text, used
    return _clip(paragraphs[0][0], 300), set()  # all context: keep every line as context


def _units(prompt: str, skip: set[int], wanted: set[str]) -> list[_Unit]:
    units: list[_Unit] = []
    source = ""  # the key of the <context key="..."> block we are in, quoted with each line
    for i, raw in enumerate(prompt.splitlines()):
        line = raw.strip()
        tag = _TAG.match(line)
        if tag is not None:
            if tag.group("close"):
                source = ""
            else:
                key = _KEY_ATTR.search(line)
                source = f"[{key.group(1)}] " if key else ""
            continue
        if i in skip:
            continue
        if (
            not any(c.isalnum() for c in line)
            or MARKER_RE.fullmatch(line)
            or _ANNOTATION.match(line)
        ):
            continue
        pieces = _SENTENCE_END.split(line) if len(line) > _MAX_UNIT_CHARS else [line]
        for piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            priority = 2 * len(wanted & _words(piece))
            if _ALERT.search(piece):
                priority += 3
            elif _WARN.search(piece) or (
                len(_NUMBER.findall(piece)) >= 2 and len(_ALPHA_WORD.findall(piece)) >= 4
            ):
                priority += 1
            units.append(_Unit(len(units), source + _clip(piece, _MAX_UNIT_CHARS), priority))
    return units


def _render(header: list[str], chosen: list[_Unit], total: int, left_out: int) -> str:
    lines = list(header)
    if chosen:
        lines.append(
            f"Relevant context ({len(chosen)} of {total} lines, picked by overlap with "
            "the task and for errors, incidents and figures):"
        )
        lines.extend(f"- {u.text}" for u in sorted(chosen, key=lambda u: u.pos))
        if left_out:
            lines.append(f"({left_out} more matching lines did not fit in the token budget)")
    elif left_out:
        lines.append(
            f"Relevant context: {left_out} matching lines did not fit in the token budget."
        )
    else:
        lines.append("Relevant context: nothing in the prompt matched the task.")
    return "\n".join(lines) + "\n"


def _offline_answer(header: str, prompt: str, budget: int, count_model: str) -> str:
    instruction, used = _split_instruction(prompt)
    units = _units(prompt, used, _words(instruction))

    def tokens(text: str) -> int:
        return count_tokens(text, count_model).tokens

    head = [header, f"Task: {_clip(instruction, 500)}" if instruction else "Task: (none given)"]
    spent = tokens("\n".join(head)) + 30  # + the two summary lines
    ranked = sorted((u for u in units if u.priority > 0), key=lambda u: (-u.priority, u.pos))
    chosen: list[_Unit] = []
    shapes: set[str] = set()
    left_out = 0
    for unit in ranked:
        shape = _shape(unit.text)
        if shape in shapes:
            continue  # one line stands for its repeats (log lines differing in numbers)
        cost = tokens(f"- {unit.text}\n")
        if spent + cost > budget:
            left_out += 1
            continue
        shapes.add(shape)
        chosen.append(unit)
        spent += cost
    text = _render(head, chosen, len(units), left_out)
    while chosen and tokens(text) > budget:  # per-line estimates can undercount the whole
        chosen.pop()  # the lowest-priority line goes first
        left_out += 1
        text = _render(head, chosen, len(units), left_out)
    return text


class OfflineBackend(Backend):
    """No model at all: a deterministic, extractive answer built from the prompt.

    The first line says that no model was called and why. Then comes the instruction (a line
    labelled ``Task:``/``Instruction:``/``Question:``…, else the prompt's first short
    paragraph, else its last), then the context lines that matter most, ranked by the words
    they share with the instruction and whether they read as an error or incident, a warning
    or a number-heavy fact; one line stands for all lines of the same shape (log lines that
    differ only in numbers); all within ``max_tokens`` (estimated with
    :func:`transforms.count_tokens` for ``stands_in_for``). Same input, same bytes out.
    """

    kind = "offline"
    offline = True

    def __init__(
        self,
        model: str = "offline",
        *,
        stands_in_for: str | None = None,
        reason: str = "",
        max_tokens: int = 1024,
    ) -> None:
        self.model = model
        self.stands_in_for = stands_in_for
        self.reason = reason
        self.max_tokens = check_max_tokens(max_tokens)
        self._count_model = stands_in_for or DEFAULT_ANTHROPIC_MODEL

    @property
    def counting_model(self) -> str:
        """The model it stands in for (a Claude model when it stands in for none)."""
        return self._count_model

    def describe(self) -> str:
        detail = []
        if self.stands_in_for:
            family = resolve_model(self.stands_in_for).family
            vendor = {"anthropic": "anthropic ", "google": "gemini "}.get(family, "")
            detail.append(f"stand-in for {vendor}{self.stands_in_for}")
        if self.reason:
            detail.append(self.reason)
        return f"offline ({': '.join(detail)})" if detail else "offline"

    def _header(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return f"[offline backend: no model was called{why}]"

    def answer(self, system: str, prompt: str, *, max_tokens: int | None = None) -> str:
        """The text :meth:`complete` returns, synchronously."""
        budget = self.max_tokens if max_tokens is None else check_max_tokens(max_tokens)
        return _offline_answer(self._header(), prompt, budget, self._count_model)

    async def complete(
        self, system: str, prompt: str, *, max_tokens: int | None = None
    ) -> Completion:
        started = time.perf_counter()
        if len(prompt) > _THREAD_THRESHOLD:
            text = await anyio.to_thread.run_sync(
                lambda: self.answer(system, prompt, max_tokens=max_tokens)
            )
        else:
            text = self.answer(system, prompt, max_tokens=max_tokens)
        sent = f"{system}\n\n{prompt}" if system else prompt
        return Completion(
            text=text,
            model=self.model,
            backend=self.kind,
            offline=True,
            input_tokens=count_tokens(sent, self._count_model).tokens,
            output_tokens=count_tokens(text, self._count_model).tokens,
            attempts=1,
            seconds=time.perf_counter() - started,
        )
