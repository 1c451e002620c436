"""ConnectOptions: where settings come from, secrets kept out of messages, typed auth errors."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from bus import (
    AsyncSharedContext,
    AuthenticationFailed,
    ConnectOptions,
    EmbeddedServer,
    NotConnected,
    PermissionDenied,
    connect,
)
from bus.connection import publish_checked, request_checked, subscribe_checked
from bus.local import register_server, unregister_server
from bus.options import redact_url

pytestmark = pytest.mark.anyio

SECRET = "s3cr3t-Pa55word-xyz"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in (
        "CTXBUS_SERVERS",
        "NATS_URL",
        "NATS_CONTEXT",
        "CTXBUS_USER",
        "CTXBUS_PASSWORD",
        "CTXBUS_TOKEN",
        "CTXBUS_CREDS",
        "CTXBUS_NKEY",
        "NATS_USER",
        "NATS_PASSWORD",
        "NATS_TOKEN",
        "NATS_CREDS",
        "NATS_NKEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("CTXBUS_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def _context(tmp_path: Path, name: str, data: dict[str, str], select: bool = False) -> None:
    folder = tmp_path / "config" / "nats" / "context"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(data))
    if select:
        (tmp_path / "config" / "nats" / "context.txt").write_text(name)


def test_redact_url() -> None:
    assert redact_url(f"nats://bob:{SECRET}@h:4222") == "nats://bob:***@h:4222"
    assert redact_url("nats://tok3n@h:4222") == "nats://***@h:4222"
    assert redact_url("nats://h:4222") == "nats://h:4222"
    options = ConnectOptions(servers=f"nats://bob:{SECRET}@h:1", password=SECRET, token=SECRET)
    assert SECRET not in repr(options)
    assert SECRET not in options.describe()


def test_servers_order(monkeypatch: pytest.MonkeyPatch, clean_env: Path) -> None:
    tmp_path = clean_env
    assert ConnectOptions().resolved().server_list() == ["nats://127.0.0.1:4222"]
    home = tmp_path / "data" / "nats"
    home.mkdir(parents=True)
    # A local server of this data dir (ours: its pids are alive) is found by discovery.
    monkeypatch.setenv("CTXBUS_RUNTIME_DIR", str(tmp_path / "run"))
    seed = tmp_path / "agent.nk"
    record = register_server(
        "nats://127.0.0.1:7",
        server_pid=os.getpid(),
        data_dir=home,
        auth_dir=None,
        credentials={"agent": str(seed)},
        kind="up",
    )
    found = ConnectOptions().resolved()
    assert (found.server_list(), found.nkey) == (["nats://127.0.0.1:7"], str(seed))
    # ... and its credentials go with its URL given explicitly, never to another server.
    assert ConnectOptions("nats://localhost:7").resolved().nkey == str(seed)
    assert ConnectOptions("nats://127.0.0.1:8").resolved().nkey is None
    unregister_server(record)
    assert ConnectOptions().resolved().server_list() == ["nats://127.0.0.1:4222"]
    register_server(
        "nats://127.0.0.1:7",
        server_pid=os.getpid(),
        data_dir=home,
        auth_dir=None,
        credentials=None,
        kind="up",
    )
    assert ConnectOptions().resolved().server_list() == ["nats://127.0.0.1:7"]
    _context(tmp_path, "sel", {"url": "nats://selected:1"}, select=True)
    assert ConnectOptions().resolved().server_list() == ["nats://selected:1"]
    monkeypatch.setenv("NATS_URL", "nats://natsurl:2")
    assert ConnectOptions().resolved().server_list() == ["nats://natsurl:2"]
    monkeypatch.setenv("CTXBUS_SERVERS", "nats://a:3,nats://b:4")
    assert ConnectOptions().resolved().server_list() == ["nats://a:3", "nats://b:4"]
    _context(tmp_path, "named", {"url": "nats://named:5", "user": "u", "password": "p"})
    named = ConnectOptions(context="named").resolved()
    assert named.server_list() == ["nats://named:5"]
    assert (named.user, named.password) == ("u", "p")
    assert ConnectOptions("nats://explicit:6").resolved().server_list() == ["nats://explicit:6"]


def test_unknown_context_is_a_clear_error() -> None:
    from bus import ValidationError

    with pytest.raises(ValidationError, match="nats context 'nope' not found"):
        ConnectOptions(context="nope").resolved()


def test_credentials_order(monkeypatch: pytest.MonkeyPatch, clean_env: Path) -> None:
    _context(clean_env, "sel", {"url": "nats://x:1", "token": "from-context"}, select=True)
    assert ConnectOptions().resolved().token == "from-context"
    monkeypatch.setenv("NATS_TOKEN", "from-nats-env")
    assert ConnectOptions().resolved().token == "from-nats-env"
    monkeypatch.setenv("CTXBUS_TOKEN", "from-ctxbus-env")
    assert ConnectOptions().resolved().token == "from-ctxbus-env"
    explicit = ConnectOptions(user="u", password="p").resolved()
    assert (explicit.user, explicit.password, explicit.token) == ("u", "p", None)


PERMISSIONS = f"""
authorization {{
  users = [
    {{user: alice, password: "{SECRET}",
      permissions: {{publish: {{allow: ["allowed.>", "_INBOX.>"]}},
                     subscribe: {{allow: ["allowed.>", "_INBOX.>"]}}}}}}
  ]
}}
"""


@pytest.fixture
def auth_server(tmp_path: Path) -> EmbeddedServer:
    with EmbeddedServer(data_dir=tmp_path / "nats", config=PERMISSIONS) as server:
        yield server


async def test_password_from_file_and_permission_denied(
    auth_server: EmbeddedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret_file = tmp_path / "password"
    secret_file.write_text(SECRET + "\n")
    options = ConnectOptions.from_args(
        servers=auth_server.url, user="alice", password_file=str(secret_file)
    )
    nc = await connect(options)
    try:
        started = time.monotonic()
        with pytest.raises(PermissionDenied) as denied:
            await request_checked(nc, "forbidden.x", b"", timeout=10)
        assert time.monotonic() - started < 5  # not the request timeout
        assert (denied.value.operation, denied.value.subject) == ("publish", "forbidden.x")
        with pytest.raises(PermissionDenied):
            await subscribe_checked(nc, "forbidden.>")
        with pytest.raises(PermissionDenied):
            await publish_checked(nc, "forbidden.y", b"x")
        # The connection survives every refusal, and allowed things still work.
        sub = await subscribe_checked(nc, "allowed.x")
        await publish_checked(nc, "allowed.x", b"ok")
        assert (await sub.next_msg(timeout=5)).data == b"ok"
        assert nc.is_connected
        # The client API raises the typed error too: nobody may talk to the keeper here.
        async with AsyncSharedContext(options, timeout=10) as ctx:
            with pytest.raises(PermissionDenied):
                await ctx.get("k")
            with pytest.raises(PermissionDenied):
                async with ctx.watch():
                    pass
    finally:
        await nc.close()
    assert SECRET not in capsys.readouterr().err


async def test_wrong_password_is_authentication_failed(auth_server: EmbeddedServer) -> None:
    with pytest.raises(AuthenticationFailed) as failed:
        await connect(ConnectOptions(auth_server.url, user="alice", password="wrong-" + SECRET))
    assert SECRET not in str(failed.value)
    url = auth_server.url.replace("nats://", f"nats://alice:bad{SECRET}@")
    with pytest.raises(AuthenticationFailed) as failed:
        await connect(url)
    assert SECRET not in str(failed.value)
    assert isinstance(failed.value, NotConnected)
    # The right password inside the URL works, and the URL is never shown with it.
    good = await connect(auth_server.url.replace("nats://", f"nats://alice:{SECRET}@"))
    await good.close()


async def test_unreachable_url_with_password_is_redacted() -> None:
    from bus.server import free_port

    url = f"nats://bob:{SECRET}@127.0.0.1:{free_port()}"
    with pytest.raises(NotConnected) as failed:
        await connect(url, connect_timeout=0.5)
    assert SECRET not in str(failed.value)
    assert "bob:***@" in str(failed.value)
