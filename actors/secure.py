"""Secure by default: the local servers of ``ctxbus up``, ``ctxbus demo`` and the local stack
run with the roles of :mod:`bus.auth`.

Each such server includes the ``nats-auth.conf`` of an auth directory (created on first
use, in the server's data directory), its keeper and workers connect with their role's
credentials, and the server is recorded with the credentials per role in the private
runtime directory (:func:`bus.local.register_server`), so a client of the same user on
this machine connects without flags. ``--insecure`` (``$CTXBUS_INSECURE=1`` for the local
stack) runs without authentication, and says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from bus import ConnectOptions, EmbeddedServer
from bus.auth import AuthDirectory
from bus.local import register_server

__all__ = [
    "INSECURE_ENV",
    "auth_lines",
    "insecure_line",
    "insecure_wanted",
    "record_server",
    "role_options",
    "secure_server",
]

#: Set to 1 to run the local stack without authentication.
INSECURE_ENV = "CTXBUS_INSECURE"


def insecure_wanted() -> bool:
    return os.environ.get(INSECURE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def secure_server(
    server: EmbeddedServer, folder: Path | None = None, *, insecure: bool = False
) -> AuthDirectory | None:
    """Have ``server`` (not started yet) enforce the roles of the auth directory ``folder``
    (default ``<server data dir>/auth``), created if it does not exist; None if
    ``insecure``."""
    if insecure:
        return None
    auth, _created = AuthDirectory.ensure(folder or server.data_dir / "auth")
    server.config += "\n" + auth.include_line(server.data_dir)
    return auth


def role_options(
    base: ConnectOptions, url: str, auth: AuthDirectory | None, role: str
) -> ConnectOptions:
    """``base`` pointed at ``url`` with the credentials of ``role`` (none if insecure)."""
    if auth is None:
        return base.replace(servers=url, role=role)
    return base.replace(servers=url, nkey=auth.credentials()[role], role=role)


def record_server(server: EmbeddedServer, auth: AuthDirectory | None, kind: str) -> Path:
    """Record the started ``server`` for discovery by this user's clients."""
    assert server.pid is not None
    return register_server(
        server.url,
        server_pid=server.pid,
        data_dir=server.data_dir,
        auth_dir=auth.path if auth else None,
        credentials=auth.credentials() if auth else None,
        kind=kind,
    )


def insecure_line(url: str) -> str:
    return (
        f"--insecure: authentication is OFF: anyone who can reach {url} can read, change "
        "and delete every entry"
    )


def auth_lines(auth: AuthDirectory) -> list[str]:
    """What a user needs to know about the credentials (paths only, never a secret)."""
    roles = auth.credentials()
    return [
        f"auth on: server configuration {auth.config_file}",
        "  credentials (nkey seeds, readable by you only):",
        *(f"    {role:7} {roles[role]}" for role in ("keeper", "worker", "agent", "admin")),
        "  clients of this user on this machine use them by themselves; from elsewhere: "
        f"--nkey {roles['agent']}",
        "  a tenant limited to its namespaces: ctxbus auth add-agent NAME -n NS",
        f"  namespace limits: {auth.limits_file} (ctxbus auth limits)",
    ]


def auth_dict(auth: AuthDirectory | None) -> dict[str, object] | None:
    if auth is None:
        return None
    return {
        "dir": str(auth.path),
        "config": str(auth.config_file),
        "limits": str(auth.limits_file),
        "credentials": {
            role: path
            for role, path in auth.credentials().items()
            if role in ("keeper", "worker", "agent", "admin")
        },
    }
