"""Changelogs: every entry's version header, date and signer kept; every bug, CVE and issue id
kept; repeated signatures, addresses and header fields named once in a marker at the top."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transforms._check import compress, omitted_text
from transforms._detect import detect
from transforms._entries import entry_line
from transforms._omit import Omitter
from transforms._prose import compress_prose

ITEMS = [
    "New upstream release.",
    "Update Standards-Version to 4.6.{k}, no changes needed.",
    "Backport upstream fix for CVE-2023-{cve}: a crafted archive could overflow the header "
    "buffer when the name field is longer than the block size (Closes: #{bug}).",
    "Drop the transitional dummy package that nothing depends on any more.",
    "Refresh the patches so they apply cleanly again without fuzz.",
    "Switch the watch file to the release tarballs signed by the upstream maintainers.",
    "Mark the documentation package Multi-Arch: foreign.",
    "Install the examples into the documentation directory instead of the binary package.",
    "Remove the obsolete maintainer scripts that handled upgrades from oldstable.",
    "Fix a typo in the long description reported by the spelling checker (Closes: #{bug2}).",
]
SIGNERS = [
    ("Jane Maintainer", "jane@example.org"),
    ("Jane Maintainer", "jane@example.org"),
    ("Jane Maintainer", "jane@example.org"),
    ("Bob Uploader", "bob@example.net"),
]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def debian_changelog(entries: int = 30) -> str:
    out = []
    for n in range(entries):
        version = f"2.{entries - n}.{n % 3}-{n % 4 + 1}"
        urgency = "high" if n % 7 == 3 else "medium"
        out.append(f"frobnicate ({version}) unstable; urgency={urgency}\n\n")
        for k in range(n % 4 + 2):
            item = ITEMS[(n * 3 + k) % len(ITEMS)].format(
                k=n, cve=40000 + n * 7 + k, bug=1010000 + n * 13 + k, bug2=990000 + n
            )
            out.append(f"  * {item}\n")
        name, mail = SIGNERS[n % len(SIGNERS)]
        stamp = f"{DAYS[n % 7]}, {n % 27 + 1:02d} Mar {2023 - n // 6} {n % 24:02d}:{n:02d}:07"
        out.append(f"\n -- {name} <{mail}>  {stamp} +0100\n\n")
    return "".join(out)


def gnu_changelog(entries: int = 30) -> str:
    out = []
    for n in range(entries):
        name, mail = SIGNERS[n % len(SIGNERS)]
        out.append(f"2022-{n % 12 + 1:02d}-{n % 28 + 1:02d}  {name}  <{mail}>\n\n")
        for k in range(n % 3 + 1):
            item = ITEMS[(n * 5 + k) % len(ITEMS)].format(
                k=n, cve=50000 + n, bug=1020000 + n * 3 + k, bug2=980000 + n
            )
            out.append(f"\t* src/frob{n}.c (frob_{k}): {item}\n")
        out.append("\n")
    return "".join(out)


def test_debian_changelog_is_prose_not_a_log() -> None:
    assert detect(debian_changelog()) in ("prose", "markdown")


def test_every_version_header_date_and_id_of_a_debian_changelog_is_kept() -> None:
    text = debian_changelog()
    r = compress(text)
    out = r.compressed
    assert r.savings_percent >= 20
    for header in re.findall(r"^frobnicate \(\S+\) unstable", text, re.M):
        assert re.search(rf"^{re.escape(header)}\b", out, re.M), header
    # (The weekday, which the date implies, is named in the marker at the top.)
    for stamp in re.findall(r"\d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0100", text):
        assert stamp in out, stamp
    for ident in re.findall(r"CVE-\d{4}-\d+|#\d+|\d+\.\d+\.\d+-\d+", text):
        assert ident in out, ident
    # The less frequent urgency is shown where it stands; the usual one is named at the top.
    assert out.count("; urgency=high") == text.count("; urgency=high") > 0
    assert "urgency=medium from" in out and "; urgency=medium" not in out


def test_signatures_are_named_once_and_every_entry_keeps_its_signer() -> None:
    text = debian_changelog()
    r = compress(text)
    out = r.compressed
    (o,) = [o for o in r.omitted if o.kind == "entries"]
    assert "Jane Maintainer <jane@example.org>" in o.description
    assert "Bob Uploader <bob@example.net>" in o.description
    # Bob's entries still name him (only the address went); Jane's are the unnamed ones.
    bobs = len(re.findall(r"^ -- Bob Uploader ", text, re.M))
    assert len(re.findall(r"^ -- Bob Uploader +\d\d \w{3} ", out, re.M)) == bobs
    trailers = len(re.findall(r"^ -- ", text, re.M))
    assert len(re.findall(r"^ -- \d\d \w{3} ", out, re.M)) == trailers - bobs
    assert "@example" not in out.replace(o.description, "")
    dropped = omitted_text(r, o.id)
    assert dropped.count("<jane@example.org>") == trailers - bobs
    assert dropped.count("<bob@example.net>") == bobs


def test_gnu_changelog_keeps_dates_ids_and_names() -> None:
    text = gnu_changelog()
    r = compress(text)
    out = r.compressed
    for date in re.findall(r"^\d{4}-\d\d-\d\d", text, re.M):
        assert re.search(rf"^{date}\b", out, re.M), date
    for ident in re.findall(r"CVE-\d{4}-\d+|#\d+", text):
        assert ident in out, ident
    assert "Bob Uploader" in out and r.savings_percent >= 25


FILLER = [
    "Refresh the {w} patches so they apply cleanly again without any fuzz at all.",
    "Install the {w} examples into the documentation directory instead of the binary.",
    "Remove the obsolete {w} maintainer scripts that handled upgrades from oldstable.",
]
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"]


def test_items_dropped_from_one_list_share_one_marker() -> None:
    # Items without a number between items with one: each entry's dropped items are apart,
    # but one marker (where the first stood) stands for all of them.
    entries = []
    for n, w in enumerate(WORDS):
        items = []
        for k, filler in enumerate(FILLER):
            items.append(f"  * {filler.format(w=w)}\n")
            items.append(
                f"  * Fix the {w} parser crash on empty input (Closes: #{n * 10 + k}0001).\n"
            )
        entries.append(
            f"frobnicate (1.{n}-1) unstable; urgency=low\n\n{''.join(items)}\n"
            f" -- A B <a@b.org>  Mon, 0{n + 1} Jan 2024 10:00:0{n} +0000\n\n"
        )
    text = "".join(entries)
    r = compress(text)
    out = r.compressed
    for bug in re.findall(r"#\d+", text):
        assert bug in out
    marked = [o for o in r.omitted if o.kind == "sentences"]
    assert marked
    for o in marked:
        dropped = omitted_text(r, o.id)
        # Whole items, bullets and all, from a single entry's list.
        assert dropped.lstrip().startswith("* ") and " -- " not in dropped
        assert o.description == f"{o.count} items of this list"
        assert o.count == dropped.count("* ") == len(o.spans) == len(FILLER)
    # One marker per entry at most.
    for entry in out.split(" -- ")[:-1]:
        assert entry.count("[omitted") <= 1 + entry.count("entry header")


NEWS_ITEMS = [
    "Exit status {n} is now used when the input ends early, which matches what the other"
    " tools in the collection do when they are given a truncated archive and asked to keep"
    " going regardless of the damage.",
    "Timestamps before {n} AD are printed in full, so that archaeologists who store their"
    " survey notes in archives can finally list them without having the years wrapped"
    " around into a confusing and misleading modern century.",
    "Sparse files of more than {n} holes are copied without allocating their holes on the"
    " destination, because many file systems used in practice report such holes"
    " inconsistently and the old behaviour wasted a great deal of disk space.",
    "Reading from a pipe closed after {n} bytes no longer hangs, since the reader now"
    " notices the end of the stream right away instead of waiting for more data that"
    " could never arrive on any system we have heard about.",
]


def news(entries: int = 24) -> str:
    """GNU-style NEWS: release headings, then items whose number comes early in a long
    sentence, each closed by a bracketed trailer line."""
    out = ["GNU frob NEWS\n\n"]
    for n in range(entries):
        out.append(
            f"* Noteworthy changes in release 1.{entries - n} (2021-{n % 12 + 1:02d}-09)\n\n"
        )
        for k in range(n % 3 + 1):
            item = NEWS_ITEMS[(n + k) % len(NEWS_ITEMS)].format(n=100 * n + k)
            out.append(f"  {item}\n  [bug introduced in frob-0.{n + 1}.{k}]\n\n")
    return "".join(out)


def test_long_sentences_lose_tails_not_their_numbers() -> None:
    text = news()
    r = compress(text, content_type="markdown")
    out = r.compressed
    for number in re.findall(r"(?<![\w.])\d+(?:[.,:/-]\d+)*(?!\w)", text):
        assert number in out, number
    tails = [o for o in r.omitted if re.fullmatch(r"\d+ words", o.description)]
    assert tails
    for o in tails:
        tail = omitted_text(r, o.id)
        assert not re.search(r"\d", tail) and tail.rstrip().endswith(".")
        assert len(tail.split()) == int(o.description.split()[0])
    for trailer in re.findall(r"\[bug introduced in frob-[\d.]+\]", text):
        assert trailer in out


def test_entry_lines() -> None:
    assert entry_line("make-dfsg (4.3-4.1) unstable; urgency=medium\n")
    assert entry_line(" -- Jane Doe <jane@example.org>  Tue, 07 Oct 2025 14:22:08 +0200\n")
    assert entry_line("2022-09-02  Jim Meyering  <meyering@fb.com>\n")
    assert entry_line("2022-10-30 Jess Thrysoee\n")
    assert not entry_line("2022-10-30 the release went out without a hitch\n")
    assert not entry_line("See the manual (section 3) for details; it explains=all.\n")


SUBJECTS = [
    "Fix a crash when the display name is empty",
    "build: require autoconf 2.70",
    "Handle -Wshorten-64-to-32 warnings from clang",
    "Update README for gitlab migration",
    "man page: describe the new -n option",
]
BODIES = [
    "The old code read past the end of the buffer. Nobody noticed it for years because"
    " the buffer was always larger than it needed to be on the systems we tested.",
    "This matches what the other libraries in the collection already do, and it lets"
    " distributions drop the local patch they have been carrying around since then.",
    "See issue #{n} for the discussion that led to this change and the alternatives we"
    " considered before settling on the approach taken here.",
]


def git_log(commits: int = 30) -> str:
    out = []
    for n in range(commits):
        name, mail = SIGNERS[n % len(SIGNERS)]
        digest = f"{n * 7919 + 12345:08x}" * 5
        out.append(
            f"commit {digest}\nAuthor: {name} <{mail}>\n"
            f"Date:   Mon Mar {n % 28 + 1} 1{n % 10}:0{n % 10}:00 2021 -0800\n\n"
            f"    {SUBJECTS[n % len(SUBJECTS)]}\n    \n"
            f"    {BODIES[n % len(BODIES)].format(n=100 + n)}\n    \n"
            f"    Signed-off-by: {name} <{mail}>\n\n"
        )
    return "".join(out)


def test_git_log_keeps_every_commit_date_and_subject() -> None:
    text = git_log()
    assert detect(text) in ("prose", "markdown")
    r = compress(text)
    out = r.compressed
    assert r.savings_percent >= 30
    for digest in re.findall(r"^commit ([0-9a-f]{40})", text, re.M):
        assert f"commit {digest[:12]}\n" in out  # git's short form
    for line in re.findall(r"^Date: .*$", text, re.M):
        assert re.sub(r"(?<=Date:   )\w{3} ", "", line) in out
    for subject in SUBJECTS:
        assert f"    {subject}\n" in out
    for ref in re.findall(r"#\d+", text):
        assert ref in out
    (o,) = [o for o in r.omitted if o.kind == "entries"]
    assert "commit hashes (12 shown)" in o.description and "the weekday of 30" in o.description
    assert "Jane Maintainer <jane@example.org>" in o.description
    # Bob's commits still name him.
    assert out.count("Author: Bob Uploader\n") == text.count("Author: Bob Uploader <")


@settings(max_examples=25, deadline=None)
@given(
    entries=st.integers(min_value=3, max_value=40),
    seed=st.integers(min_value=0, max_value=10_000),
    signers=st.integers(min_value=1, max_value=4),
)
def test_any_debian_changelog_keeps_every_header_date_and_id(
    entries: int, seed: int, signers: int
) -> None:
    rnd = random.Random(seed)
    out = []
    for n in range(entries):
        out.append(f"pkg-{seed} ({n}.{rnd.randint(0, 99)}-{n % 3 + 1}) unstable; urgency=low\n\n")
        for _ in range(rnd.randint(1, 6)):
            item = rnd.choice(ITEMS).format(
                k=rnd.randint(0, 9),
                cve=rnd.randint(1000, 99999),
                bug=rnd.randint(10**5, 10**7),
                bug2=rnd.randint(10**5, 10**7),
            )
            out.append(f"  * {item}\n")
        name, mail = SIGNERS[rnd.randrange(signers)]
        out.append(
            f"\n -- {name} <{mail}>  {rnd.choice(DAYS)}, {rnd.randint(10, 28)} Jan "
            f"{rnd.randint(1995, 2025)} {rnd.randint(10, 23)}:{rnd.randint(10, 59)}:00 +0000\n\n"
        )
    text = "".join(out)
    r = compress(text)
    kept = r.compressed
    for header in re.findall(r"^pkg-\d+ \(\S+\) unstable", text, re.M):
        assert header in kept
    for stamp in re.findall(r"\d\d \w{3} \d{4} \d\d:\d\d:00 \+0000", text):
        assert stamp in kept
    for ident in re.findall(r"CVE-\d{4}-\d+|#\d+", text):
        assert ident in kept


def test_fenced_code_keeps_its_addresses() -> None:
    code = "```\n" + "Author: Jane Maintainer <jane@example.org>\n" * 3 + "```\n"
    om = Omitter()
    out = compress_prose(debian_changelog(12) + "\n" + code, om)
    assert out is not None and out.endswith(code)
    assert any("Jane Maintainer <jane@example.org>" in o.description for o in om.omissions)


def test_release_notes_write_a_shared_url_prefix_once() -> None:
    items = [
        f"* {rnd_item} by @dev{n % 5} in https://github.com/acme/frob/pull/{1000 + n}\n"
        for n, rnd_item in enumerate(
            [s.format(k=1, cve=2, bug=3, bug2=4).rstrip(".") for s in ITEMS] * 4
        )
    ]
    text = "# Version History\n\n" + "".join(
        f"## v1.{k}.0\n" + "".join(items[k * 8 : k * 8 + 8]) + "\n" for k in range(5)
    )
    r = compress(text)
    out = r.compressed
    for n in range(len(items)):
        assert f"…/{1000 + n}\n" in out or f"/pull/{1000 + n}\n" in out
    (o,) = [o for o in r.omitted if o.kind == "links" and "URL prefix" in o.description]
    assert "https://github.com/acme/frob/pull/, each written …/" in o.description
    assert omitted_text(r, o.id) == "https://github.com/acme/frob/pull/" * o.count


def test_release_notes_whose_items_open_alike_are_prose() -> None:
    # Apache "changes" release notes: every item opens "o LANG-NNNN:" as output lines open
    # alike, but each ends a sentence.
    items = [
        f"o LANG-{1500 + n}: {ITEMS[n % len(ITEMS)].format(k=n, cve=n, bug=n, bug2=n)}"
        f" Thanks to {SIGNERS[n % len(SIGNERS)][0]}."
        for n in range(40)
    ]
    text = "Apache Frob 3.12.0 release notes\n\nNew features:\n" + "\n".join(items) + "\n"
    assert detect(text) in ("prose", "markdown")
    r = compress(text)
    for n in range(40):
        assert f"LANG-{1500 + n}" in r.compressed
