"""``ctxbus auth``: a server configuration and private credential files, secrets never printed."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from bus import (
    AsyncSharedContext,
    AuthenticationFailed,
    ConnectOptions,
    EmbeddedServer,
    PermissionDenied,
    connect,
)
from bus._poll import poll_until
from bus.auth import AuthDirectory
from tests.conftest import run_ctxbus


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _seeds(folder: Path) -> list[str]:
    return [p.read_text().strip() for p in folder.glob("*.nk")]


def test_init_add_rotate_limits_print_paths_never_secrets(tmp_path: Path) -> None:
    folder = tmp_path / "auth"
    init = run_ctxbus("auth", "init", "--dir", str(folder), "--agent", "alice=alice", "--json")
    assert init.returncode == 0, init.stderr
    data = json.loads(init.stdout)
    names = {p["name"]: p for p in data["principals"]}
    assert {n: p["role"] for n, p in names.items()} == {
        "keeper": "keeper",
        "worker": "worker",
        "admin": "admin",
        "alice": "agent",
    }
    assert names["alice"]["namespaces"] == ["alice"]
    assert _mode(folder) == 0o700
    for path in folder.iterdir():
        assert _mode(path) == 0o600, path
    for p in names.values():
        assert Path(p["credentials"]).read_text().startswith("SU")  # an nkey user seed

    added = run_ctxbus("auth", "add-agent", "bob", "-n", "b1", "-n", "b2", "--dir", str(folder))
    assert added.returncode == 0, added.stderr
    assert str(folder / "bob.nk") in added.stdout
    old_seed = (folder / "bob.nk").read_text()
    rotated = run_ctxbus("auth", "rotate", "bob", "--dir", str(folder), "--json")
    assert rotated.returncode == 0, rotated.stderr
    assert (folder / "bob.nk").read_text() != old_seed
    assert AuthDirectory.load(folder).principals["bob"].namespaces == ("b1", "b2")

    limits = run_ctxbus(
        "auth", "limits", "-n", "alice", "--max-entries", "5", "--max-ttl", "60",
        "--dir", str(folder), "--json",
    )  # fmt: skip
    assert limits.returncode == 0, limits.stderr
    assert json.loads(limits.stdout)["limits"]["alice"] == {
        "max_entries": 5,
        "min_ttl": None,
        "max_ttl": 60.0,
    }
    show = run_ctxbus("auth", "show", "--dir", str(folder))
    assert show.returncode == 0 and "bob" in show.stdout and "alice" in show.stdout
    again = run_ctxbus("auth", "init", "--dir", str(folder))
    assert again.returncode == 2 and "already holds ctxbus auth" in again.stderr
    bad = run_ctxbus("auth", "add-agent", "eve", "-n", "no spaces", "--dir", str(folder))
    assert bad.returncode == 2
    removed = run_ctxbus("auth", "remove", "bob", "--dir", str(folder))
    assert removed.returncode == 0 and not (folder / "bob.nk").exists()

    printed = "".join(
        r.stdout + r.stderr for r in (init, added, rotated, limits, show, again, bad, removed)
    )
    for seed in [*_seeds(folder), old_seed.strip()]:
        assert seed not in printed
        assert seed[2:20] not in printed


@pytest.mark.anyio
async def test_the_generated_configuration_is_what_nats_server_enforces(tmp_path: Path) -> None:
    auth = AuthDirectory.init(tmp_path / "auth", agents={"alice": ["alice"]})
    with EmbeddedServer(
        data_dir=tmp_path / "nats", config=auth.include_line(tmp_path / "nats")
    ) as server:
        alice = ConnectOptions(server.url, nkey=str(auth.seed_file("alice")), discover=False)
        async with AsyncSharedContext(alice, "bob", timeout=5) as ctx:
            with pytest.raises(PermissionDenied):
                await ctx.keys()
        # A principal added later counts once the server reloads its configuration.
        auth.add_agent("bob", ["bob"])
        server.reload()
        bob = ConnectOptions(server.url, nkey=str(auth.seed_file("bob")), discover=False)

        async def bob_in() -> bool | None:
            try:
                await (await connect(bob)).close()
            except AuthenticationFailed:
                return None
            return True

        assert await poll_until(bob_in, 10), "bob never accepted after the reload"
