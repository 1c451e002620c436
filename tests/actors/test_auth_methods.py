"""Every way NATS authenticates connects a keeper, a worker, an agent and clients.

For each method a real nats-server is configured with the roles of :mod:`bus.auth`
(except token auth, which knows no users): user/password, token, nkey, a JWT ``.creds``
file under an operator and account generated here (signed with ``nkeys``), and mutual
TLS with certificates generated here (``cryptography``; users mapped from the client
certificate's subject). The actors and an in-process client run one put, get and agent
task; a ``ctxbus`` process reads the entry back with the method's command line flags;
wrong credentials are :class:`AuthenticationFailed`. No secret appears in any output.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nkeys
import pytest

from actors.agent import AgentActor
from actors.backends import make_backend
from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, AuthenticationFailed, ConnectOptions, EmbeddedServer, connect
from bus.auth import AuthDirectory, permissions_for
from bus.options import inbox_prefix_for
from tests.conftest import FAST_QUEUE, run_ctxbus
from tests.tls_certs import issue

pytestmark = pytest.mark.anyio

NAMESPACE = "tenant"
ROLES = {"keeper": (), "worker": (), "agent": (NAMESPACE,)}
TEXT = "the quarterly figure is 42; the launch moves to March\n" * 30


@dataclass
class Method:
    """A server configuration and, per role, how to connect."""

    config: str
    options: Callable[[str, str], ConnectOptions]  # (url, role) -> options
    cli_flags: list[str]  # for the agent role
    wrong: Callable[[str], ConnectOptions]
    secrets: list[str] = field(default_factory=list)
    tls: bool = False


def _secret(tag: str) -> str:
    return f"{tag}-{base64.b32encode(hashlib.sha256(tag.encode()).digest()).decode()[:24]}"


# -- user/password, token, nkey -------------------------------------------------------


def _userpass(folder: Path) -> Method:
    passwords = {role: _secret(f"pw-{role}") for role in ROLES}
    users = [
        {
            "user": role,
            "password": passwords[role],
            "permissions": permissions_for(role, ns, f"_INBOX_{role}"),
        }
        for role, ns in ROLES.items()
    ]
    (folder / "agent.password").write_text(passwords["agent"] + "\n")

    def options(url: str, role: str) -> ConnectOptions:
        return ConnectOptions(
            url,
            user=role,
            password=passwords[role],
            inbox_prefix=f"_INBOX_{role}",
            discover=False,
        )

    return Method(
        f"authorization {{ users = {json.dumps(users)} }}",
        options,
        [
            "--user",
            "agent",
            "--password-file",
            str(folder / "agent.password"),
            "--inbox-prefix",
            "_INBOX_agent",
        ],
        lambda url: ConnectOptions(url, user="agent", password="nope", discover=False),
        list(passwords.values()),
    )


def _token(folder: Path) -> Method:
    token = _secret("token")
    (folder / "token").write_text(token + "\n")
    return Method(
        f"authorization {{ token: {json.dumps(token)} }}",
        lambda url, _role: ConnectOptions(url, token=token, discover=False),
        ["--token-file", str(folder / "token")],
        lambda url: ConnectOptions(url, token="not-" + token[:5], discover=False),
        [token],
    )


def _nkey(folder: Path) -> Method:
    auth = AuthDirectory.init(folder / "auth", agents={"agent": [NAMESPACE]})
    seeds = [p.read_text().strip() for p in auth.path.glob("*.nk")]
    stranger = AuthDirectory.init(folder / "stranger")
    return Method(
        auth.include_line(folder / "nats"),
        lambda url, role: ConnectOptions(url, nkey=str(auth.seed_file(role)), discover=False),
        ["--nkey", str(auth.seed_file("agent"))],
        lambda url: ConnectOptions(url, nkey=str(stranger.seed_file("agent")), discover=False),
        seeds,
    )


# -- JWT: operator, account, users ------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _jwt(claims: dict[str, Any], subject: str, issuer: Any) -> str:
    """A NATS JWT (v2, ed25519-nkey) for ``subject`` signed by the key pair ``issuer``."""
    body = {
        "iat": int(time.time()),
        "iss": issuer.public_key.decode(),
        "sub": subject,
        "name": claims.pop("name", subject[:8]),
        **claims,
    }
    body["jti"] = base64.b32encode(
        hashlib.sha256(json.dumps(body, sort_keys=True).encode()).digest()
    ).decode()
    signing_input = _b64(json.dumps({"typ": "JWT", "alg": "ed25519-nkey"}).encode())
    signing_input += "." + _b64(json.dumps(body).encode())
    return signing_input + "." + _b64(issuer.sign(signing_input.encode()))


def _key(prefix: int) -> Any:
    import secrets

    return nkeys.from_seed(bytearray(nkeys.encode_seed(secrets.token_bytes(32), prefix)))


_UNLIMITED = {
    k: -1
    for k in (
        "subs", "data", "payload", "imports", "exports", "conn", "leaf", "mem_storage",
        "disk_storage", "streams", "consumer", "max_ack_pending", "mem_max_stream_bytes",
        "disk_max_stream_bytes",
    )
}  # fmt: skip


def _creds_file(path: Path, user_jwt: str, seed: bytes) -> None:
    path.write_text(
        "-----BEGIN NATS USER JWT-----\n"
        f"{user_jwt}\n"
        "------END NATS USER JWT------\n\n"
        "************************* IMPORTANT *************************\n"
        "NKEY Seed printed below can be used to sign and prove identity.\n\n"
        "-----BEGIN USER NKEY SEED-----\n"
        f"{seed.decode()}\n"
        "------END USER NKEY SEED------\n"
    )
    path.chmod(0o600)


def _creds(folder: Path) -> Method:
    operator = _key(nkeys.PREFIX_BYTE_OPERATOR)
    op_pk = operator.public_key.decode()
    operator_jwt = _jwt({"nats": {"type": "operator", "version": 2}}, op_pk, operator)
    accounts: dict[str, str] = {}
    account_keys = {}
    for name in ("SYS", "CTXBUS", "OTHER"):
        account = _key(nkeys.PREFIX_BYTE_ACCOUNT)
        pk = account.public_key.decode()
        limits = {**_UNLIMITED, "wildcards": True}
        if name == "SYS":
            limits = {k: v for k, v in limits.items() if "storage" not in k}
            limits.update(mem_storage=0, disk_storage=0)
        claims = {
            "name": name,
            "nats": {"limits": limits, "default_permissions": {"pub": {}, "sub": {}}},
        }
        claims["nats"].update(type="account", version=2)
        accounts[pk] = _jwt(claims, pk, operator)
        account_keys[name] = account
    secrets: list[str] = []

    def user(account: str, role: str, namespaces: tuple[str, ...]) -> tuple[Path, str]:
        key = _key(nkeys.PREFIX_BYTE_USER)
        pk = key.public_key.decode()
        inbox = inbox_prefix_for(pk)
        perms = permissions_for(role, namespaces, inbox)
        nats_claims = {
            "pub": perms["publish"],
            "sub": perms["subscribe"],
            "subs": -1,
            "data": -1,
            "payload": -1,
            "type": "user",
            "version": 2,
        }
        if perms.get("allow_responses"):
            nats_claims["resp"] = {"max": 1, "ttl": 0}
        token = _jwt({"name": role, "nats": nats_claims}, pk, account_keys[account])
        path = folder / f"{account}-{role}.creds"
        _creds_file(path, token, key.seed)
        secrets.append(key.seed.decode())
        return path, inbox

    files = {role: user("CTXBUS", role, ns) for role, ns in ROLES.items()}
    # A user of an account this server was never told about.
    intruder_account = _key(nkeys.PREFIX_BYTE_ACCOUNT)
    account_keys["INTRUDER"] = intruder_account
    intruder, _ = user("INTRUDER", "agent", (NAMESPACE,))
    config = (
        f"operator: {json.dumps(operator_jwt)}\n"
        f"system_account: {json.dumps(account_keys['SYS'].public_key.decode())}\n"
        "resolver: MEMORY\n"
        f"resolver_preload: {json.dumps(accounts)}\n"
    )
    return Method(
        config,
        lambda url, role: ConnectOptions(
            url, creds=str(files[role][0]), inbox_prefix=files[role][1], discover=False
        ),
        ["--creds", str(files["agent"][0]), "--inbox-prefix", files["agent"][1]],
        lambda url: ConnectOptions(url, creds=str(intruder), discover=False),
        secrets,
    )


# -- mutual TLS ---------------------------------------------------------------------


def _tls(folder: Path) -> Method:
    ca = issue(folder, "ca", "ctxbus test CA", ca=True)
    server = issue(folder, "server", "nats", ca, ips=("127.0.0.1",))
    clients = {role: issue(folder, role, role, ca) for role in ROLES}
    rogue = issue(folder, "rogue", "agent", issue(folder, "rogue-ca", "rogue CA", ca=True))
    users = [
        {"user": f"CN={role}", "permissions": permissions_for(role, ns, f"_INBOX_{role}")}
        for role, ns in ROLES.items()
    ]
    config = (
        f"tls {{ cert_file: {json.dumps(str(server.cert_file))}, key_file: "
        f"{json.dumps(str(server.key_file))}, ca_file: {json.dumps(str(ca.cert_file))}, "
        "verify_and_map: true, timeout: 3 }\n"
        f"authorization {{ users = {json.dumps(users)} }}\n"
    )
    secrets = [p.read_text().splitlines()[1] for p in folder.glob("*.key")]

    def options(url: str, role: str) -> ConnectOptions:
        return ConnectOptions(
            url,
            tls_ca=str(ca.cert_file),
            tls_cert=str(clients[role].cert_file),
            tls_key=str(clients[role].key_file),
            inbox_prefix=f"_INBOX_{role}",
            discover=False,
        )

    agent = clients["agent"]
    return Method(
        config,
        options,
        [
            "--tls-ca",
            str(ca.cert_file),
            "--tls-cert",
            str(agent.cert_file),
            "--tls-key",
            str(agent.key_file),
            "--inbox-prefix",
            "_INBOX_agent",
        ],
        lambda url: ConnectOptions(
            url,
            tls_ca=str(ca.cert_file),
            tls_cert=str(rogue.cert_file),
            tls_key=str(rogue.key_file),
            discover=False,
        ),
        secrets,
        tls=True,
    )


METHODS = {
    "user-password": _userpass,
    "token": _token,
    "nkey": _nkey,
    "creds-jwt": _creds,
    "mutual-tls": _tls,
}


@pytest.fixture(params=list(METHODS))
def method(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Method, str]]:
    built = METHODS[request.param](tmp_path)
    with EmbeddedServer(data_dir=tmp_path / "nats", config=built.config) as server:
        yield built, server.url


async def test_each_auth_method_connects_every_part(
    method: tuple[Method, str], capsys: pytest.CaptureFixture[str]
) -> None:
    how, url = method
    keeper = ContextKeeper(servers=how.options(url, "keeper"), settings=FAST_QUEUE)
    worker = CompressionWorker(servers=how.options(url, "worker"), settings=FAST_QUEUE)
    agent = AgentActor(
        "analyst",
        make_backend("offline", None),
        servers=how.options(url, "agent"),
        namespaces=[NAMESPACE],
    )
    started = []
    try:
        for actor in (keeper, worker, agent):
            await actor.start()
            started.append(actor)
        async with AsyncSharedContext(how.options(url, "agent"), NAMESPACE) as ctx:
            entry = await ctx.put("report", TEXT, agent="tester")
            assert entry.original == TEXT
            assert await ctx.get("report", full=True) == TEXT
            done = await ctx.run_task("analyst", "summarise", ["report"], "summary")
            assert done.ok and await ctx.get("summary")
        # The command line, with this method's flags (secrets from files only); in a
        # thread, as the actors serve on this event loop.
        got = await asyncio.to_thread(
            run_ctxbus, "get", "report", "--full", "-n", NAMESPACE, "-s", url, *how.cli_flags
        )
        assert got.returncode == 0, got.stderr
        assert got.stdout == TEXT
        with pytest.raises(AuthenticationFailed) as refused:
            await connect(how.wrong(url))
    finally:
        for actor in reversed(started):
            await actor.stop()
    output = capsys.readouterr()
    printed = output.out + output.err + got.stderr + str(refused.value)
    for secret in how.secrets:
        assert secret not in printed
