"""Records: a one-off code or name is named in the marker that hides it, however many fields
the marker describes (a linter report with many fields per diagnostic)."""

from __future__ import annotations

import json
import random

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms.test_rarity import SETTINGS

_RULES = [(f"R{k:03d}", f"rule-name-{chr(97 + k % 26)}{chr(97 + k // 26)}") for k in range(60)]


@SETTINGS
@given(st.integers(min_value=200, max_value=500), st.integers(min_value=0, max_value=10**6))
def test_one_off_rule_names_survive_wide_records(n: int, seed: int) -> None:
    rng = random.Random(seed)
    common = _RULES[:30]
    rare = rng.sample(_RULES[30:], 20)
    records = []
    for i in range(n):
        code, name = rng.choice(common)
        records.append(
            {
                "cell": None,
                "code": code,
                "end_location": {"column": rng.randint(1, 90), "row": i + 3},
                "filename": f"/src/pkg/mod{rng.randint(0, 7)}.py",
                "fix": None,
                "location": {"column": rng.randint(1, 90), "row": i + 2},
                "message": f"Message for {code} at {rng.randint(1, 900)}",
                "name": name,
                "noqa_row": i + 2,
                "severity": "error",
                "url": f"https://docs.example.org/rules/{name}",
            }
        )
    for code, name in rare:
        rec = dict(records[rng.randrange(1, n - 1)])
        rec.update(code=code, name=name, url=f"https://docs.example.org/rules/{name}")
        records.insert(rng.randrange(1, n - 1), rec)
    r = compress(json.dumps(records, indent=2))
    assert r.savings_percent > 70
    for code, name in rare:
        assert code in r.compressed and name in r.compressed, (code, name)


def test_a_list_field_is_described_by_its_items() -> None:
    # `gh api /orgs/…/repos`: each repository's topics. A marker hiding repositories names
    # the topics they hold, rarest first (`quantum-computing`, on one repository of 60, past
    # the budgets), long lists too (over 48 chars of items, which flatten leaves out), never
    # only a count of fields.
    rng = random.Random(7)
    topics = [
        "python", "cli", "http", "async", "testing", "django", "flask", "orm", "json", "yaml",
        "parser", "linter", "web", "api", "database", "machine-learning", "data-science",
        "devops", "docker", "kubernetes",
    ]  # fmt: skip
    repos = [
        {
            "full_name": f"acme/project-{chr(97 + i % 26)}{i}",
            "language": rng.choice(["Python", "Go", "Rust"]),
            "topics": rng.sample(topics, rng.randint(2, 8)),
        }
        for i in range(60)
    ]
    repos[33]["topics"] = ["python", "quantum-computing"]
    r = compress(json.dumps(repos, indent=2))
    (marker,) = (o.description for o in r.omitted if "quantum" in o.description)
    assert "topics[*]: quantum-computing, " in marker, marker
    assert "more fields" not in marker, marker
