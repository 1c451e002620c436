"""Appending to an entry without compressing it again (cross-entry dedupe, keeper side).

A put that is an earlier entry's text plus lines appended after it (a log that grew) is
stored as the base's compressed text followed by the compression of the appended part
alone: only the new part goes to a worker. Omissions of the new part are renumbered after
the base's and their spans moved past the base's text, so every marker still names its
part of the whole original. Token counts are the sums of the two parts' (a join may differ
from a count of the whole by a token). After ``MAX_APPENDS`` appends in a row the whole
text is compressed again, so a long chain of small parts (each carrying its own header)
does not keep growing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from bus.messages import ContextEntry, JobResult, OmissionInfo, PutRequest
from transforms import MARKER_RE

__all__ = ["APPENDED", "MAX_APPENDS", "append_result", "appendable", "sha256_text"]

#: Named in an entry's transforms once per append it is made of.
APPENDED = "appended"
MAX_APPENDS = 4
_ID_NUMBER = re.compile(r"o(\d+)")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def appendable(base: ContextEntry, req: PutRequest, new_part: str) -> bool:
    """Whether ``req`` (made whole) is ``base``'s text plus whole lines after it, compressed
    for the same model and kind, with room left in the chain."""
    return (
        bool(new_part)
        and req.keep_tail == 0
        and req.content.startswith(base.original)
        and len(req.content) == len(base.original) + len(new_part)
        and base.original.endswith("\n")
        and base.model == req.model
        and req.content_type in (None, base.content_type)
        and base.transforms.count(APPENDED) < MAX_APPENDS
    )


def _last_id(omitted: list[OmissionInfo]) -> int:
    numbers = [int(m.group(1)) for o in omitted if (m := _ID_NUMBER.fullmatch(o.id))]
    return max(numbers, default=0)


def append_result(base: ContextEntry, part: JobResult) -> JobResult:
    """The result for base + part, from the base entry and the part's own result."""
    shift = _last_id(base.omitted)
    offset = len(base.original)

    def renumber(match: re.Match[str]) -> str:
        number = int(match.group(2)[1:]) + shift
        return f"[omitted {match.group(1)}; id=o{number}]"

    part_text = MARKER_RE.sub(renumber, part.compressed) if shift else part.compressed
    joiner = "" if not base.compressed or base.compressed.endswith("\n") else "\n"
    moved = [
        OmissionInfo(
            id=f"o{int(o.id[1:]) + shift}" if _ID_NUMBER.fullmatch(o.id) else o.id,
            kind=o.kind,
            spans=[[s + offset, e + offset] for s, e in o.spans],
            count=o.count,
            description=o.description,
        )
        for o in part.omitted
    ]
    families = {
        family: [
            a + b for a, b in zip(counts, part.tokens_by_family.get(family, [0, 0]), strict=False)
        ]
        for family, counts in base.tokens_by_family.items()
    }
    transforms = [*base.transforms]
    transforms += [t for t in part.transforms if t not in transforms]
    transforms.append(APPENDED)
    return dataclasses.replace(
        part,
        compressed=base.compressed + joiner + part_text,
        original_tokens=base.original_tokens + part.original_tokens,
        compressed_tokens=base.compressed_tokens + part.compressed_tokens,
        transforms=transforms,
        content_type=base.content_type,
        token_counts_exact=base.token_counts_exact and part.token_counts_exact,
        omitted=[*base.omitted, *moved],
        tokens_by_family=families,
    )
