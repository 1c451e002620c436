"""``ctxbus auth ...``: the users, roles and namespace limits of a bus (see :mod:`bus.auth`).

Every command works on one auth directory (``--dir``, default the one ``ctxbus up`` and
the local stack use, ``<data dir>/nats/auth``) and prints paths, never a secret: each
principal's credentials are an nkey seed in its own file (mode 0600). A change that
alters who may connect (add, remove, rotate) has the local nats-servers that use the
directory (``ctxbus up``, the local stack) reload their configuration; a server started
some other way needs ``nats-server --signal reload``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
from pathlib import Path
from typing import Any

from bus import ValidationError
from bus.auth import ROLES, AuthDirectory, NamespaceLimits, Principal, default_auth_dir
from bus.local import local_servers

__all__ = ["add_auth_parser", "reload_servers"]


def _dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        default=None,
        metavar="DIR",
        help=f"the auth directory (default: {default_auth_dir()})",
    )


def _namespaces(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--namespace",
        "-n",
        dest="namespaces",
        action="append",
        default=[],
        required=required,
        metavar="NS",
        help="a namespace it may use (repeat for several; '*' for all)",
    )


def _limit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-entries", type=int, default=None, metavar="N")
    parser.add_argument("--min-ttl", type=float, default=None, metavar="SECONDS")
    parser.add_argument("--max-ttl", type=float, default=None, metavar="SECONDS")


def add_auth_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """The ``auth`` command and its subcommands, on the CLI's subparsers ``sub``."""
    auth = sub.add_parser(
        "auth", parents=parents, help="users, roles and namespace limits (nats-server config)"
    )
    commands = auth.add_subparsers(dest="auth_command", required=True, metavar="SUBCOMMAND")

    init = commands.add_parser(
        "init",
        parents=parents,
        help="write a server configuration and one credentials file per role",
    )
    _dir_option(init)
    init.add_argument(
        "--agent",
        action="append",
        default=[],
        metavar="NAME=NS[,NS...]",
        help="agents to create (default: one agent 'agent' for every namespace)",
    )
    _limit_options(init)
    init.set_defaults(run=cmd_auth_init)

    add_agent = commands.add_parser(
        "add-agent", parents=parents, help="add an agent limited to some namespaces"
    )
    add_agent.add_argument("name")
    _namespaces(add_agent, required=True)
    _dir_option(add_agent)
    add_agent.set_defaults(run=cmd_auth_add, role="agent")

    add = commands.add_parser(
        "add", parents=parents, help="add a principal of any role (a second keeper, ...)"
    )
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    _namespaces(add, required=False)
    _dir_option(add)
    add.set_defaults(run=cmd_auth_add)

    rotate = commands.add_parser(
        "rotate", parents=parents, help="a new key for a principal (the old one stops working)"
    )
    rotate.add_argument("name")
    _dir_option(rotate)
    rotate.set_defaults(run=cmd_auth_rotate)

    remove = commands.add_parser("remove", parents=parents, help="remove a principal")
    remove.add_argument("name")
    _dir_option(remove)
    remove.set_defaults(run=cmd_auth_remove)

    show = commands.add_parser("show", parents=parents, help="principals, roles and files")
    _dir_option(show)
    show.set_defaults(run=cmd_auth_show)

    limits = commands.add_parser(
        "limits",
        parents=parents,
        help="show or set namespace limits (max entries, ttl bounds) the keeper applies",
    )
    limits.add_argument(
        "--namespace",
        "-n",
        default=None,
        metavar="NS",
        help="the namespace to set ('*': every namespace not listed)",
    )
    _limit_options(limits)
    limits.add_argument(
        "--no-max-entries", action="store_true", help="no entry limit for the namespace"
    )
    limits.add_argument("--unset", action="store_true", help="remove the namespace's limits")
    _dir_option(limits)
    limits.set_defaults(run=cmd_auth_limits)


def _folder(args: argparse.Namespace) -> Path:
    return (Path(args.dir).expanduser() if args.dir else default_auth_dir()).absolute()


def reload_servers(folder: Path) -> list[int]:
    """SIGHUP the running local nats-servers that use the auth directory ``folder``."""
    wanted = str(folder.resolve())
    reloaded = []
    for record in local_servers():
        if record.get("auth_dir") == wanted:
            pid = int(str(record["server_pid"]))
            try:
                os.kill(pid, signal.SIGHUP)
            except ProcessLookupError:
                continue
            reloaded.append(pid)
    return reloaded


def _principal_dict(auth: AuthDirectory, p: Principal) -> dict[str, Any]:
    return {
        "name": p.name,
        "role": p.role,
        "namespaces": list(p.namespaces),
        "public_key": p.public_key,
        "credentials": str(auth.seed_file(p.name)),
    }


def _emit(args: argparse.Namespace, data: dict[str, Any], lines: list[str]) -> None:
    if args.json:
        print(json.dumps(data, indent=2), flush=True)
    else:
        print("\n".join(lines), flush=True)


def _applied(
    args: argparse.Namespace, folder: Path, data: dict[str, Any], lines: list[str]
) -> None:
    pids = reload_servers(folder)
    data["reloaded_servers"] = pids
    if pids:
        lines.append(f"reloaded the local nats-server (pid {', '.join(map(str, pids))})")
    else:
        lines.append(
            "a nats-server using this configuration applies it after a reload "
            "(nats-server --signal reload=PID, or kill -HUP PID)"
        )
    _emit(args, data, lines)


def _limits_of(args: argparse.Namespace, base: NamespaceLimits | None = None) -> NamespaceLimits:
    base = base or NamespaceLimits()
    return NamespaceLimits(
        max_entries=(
            None
            if getattr(args, "no_max_entries", False)
            else args.max_entries
            if args.max_entries is not None
            else base.max_entries
        ),
        min_ttl=args.min_ttl if args.min_ttl is not None else base.min_ttl,
        max_ttl=args.max_ttl if args.max_ttl is not None else base.max_ttl,
    )


async def cmd_auth_init(args: argparse.Namespace) -> int:
    folder = _folder(args)
    agents: dict[str, list[str]] | None = None
    if args.agent:
        agents = {}
        for spec in args.agent:
            name, sep, namespaces = spec.partition("=")
            if not sep or not name or not namespaces:
                raise ValidationError(f"--agent takes NAME=NS[,NS...], got {spec!r}")
            agents[name] = [ns.strip() for ns in namespaces.split(",") if ns.strip()]
    auth = AuthDirectory.init(folder, agents=agents, limits=_limits_of(args))
    data = {
        "dir": str(auth.path),
        "config": str(auth.config_file),
        "limits": str(auth.limits_file),
        "include": auth.include_line(auth.path).strip(),
        "principals": [_principal_dict(auth, p) for p in auth.principals.values()],
    }
    lines = [
        f"ctxbus auth: wrote {auth.path} (files readable by you only)",
        f"  server configuration: {auth.config_file}",
        f"    (add `include {json.dumps(str(auth.config_file))}` to your nats-server.conf)",
        f"  namespace limits (read by the keeper: ctxbus keeper --limits): {auth.limits_file}",
        "  credentials (nkey seeds; give one with --nkey FILE or $CTXBUS_NKEY):",
    ]
    lines += [_principal_line(auth, p) for p in auth.principals.values()]
    _emit(args, data, lines)
    return 0


def _principal_line(auth: AuthDirectory, p: Principal) -> str:
    of = f" of {', '.join(p.namespaces)}" if p.namespaces else ""
    return f"    {p.name:12} {p.role}{of}: {auth.seed_file(p.name)}"


async def cmd_auth_add(args: argparse.Namespace) -> int:
    folder = _folder(args)
    auth = AuthDirectory.load(folder)
    principal = auth.add(args.name, args.role, args.namespaces)
    lines = [f"added {_principal_line(auth, principal).strip()}"]
    _applied(args, folder, _principal_dict(auth, principal), lines)
    return 0


async def cmd_auth_rotate(args: argparse.Namespace) -> int:
    folder = _folder(args)
    auth = AuthDirectory.load(folder)
    principal = auth.rotate(args.name)
    lines = [f"new key for {_principal_line(auth, principal).strip()}"]
    _applied(args, folder, _principal_dict(auth, principal), lines)
    return 0


async def cmd_auth_remove(args: argparse.Namespace) -> int:
    folder = _folder(args)
    auth = AuthDirectory.load(folder)
    principal = auth.remove(args.name)
    lines = [f"removed {principal.name} ({principal.role})"]
    _applied(args, folder, {"removed": principal.name}, lines)
    return 0


async def cmd_auth_show(args: argparse.Namespace) -> int:
    auth = AuthDirectory.load(_folder(args))
    limits = auth.limits()
    data = {
        "dir": str(auth.path),
        "config": str(auth.config_file),
        "limits_file": str(auth.limits_file),
        "principals": [_principal_dict(auth, p) for p in auth.principals.values()],
        "limits": {ns: _limit_dict(v) for ns, v in sorted(limits.items())},
    }
    lines = [f"{auth.path} (server configuration {auth.config_file})"]
    lines += [_principal_line(auth, p) for p in auth.principals.values()]
    lines += _limit_lines(limits)
    _emit(args, data, lines)
    return 0


def _limit_dict(limits: NamespaceLimits) -> dict[str, Any]:
    return {
        "max_entries": limits.max_entries,
        "min_ttl": limits.min_ttl,
        "max_ttl": limits.max_ttl,
    }


def _limit_lines(limits: dict[str, NamespaceLimits]) -> list[str]:
    if not limits:
        return ["no namespace limits: each put's own max_entries and ttl apply"]
    lines = ["namespace limits:"]
    for ns, value in sorted(limits.items()):
        shown = ", ".join(f"{k} {v}" for k, v in _limit_dict(value).items() if v is not None)
        lines.append(f"    {'(default)' if ns == '*' else ns:12} {shown or 'none'}")
    return lines


async def cmd_auth_limits(args: argparse.Namespace) -> int:
    folder = _folder(args)
    auth = AuthDirectory.load(folder)
    changing = (
        args.unset
        or args.no_max_entries
        or any(v is not None for v in (args.max_entries, args.min_ttl, args.max_ttl))
    )
    if changing:
        if args.namespace is None:
            raise ValidationError("give --namespace NS (or '*' for the default) to set limits")
        current = auth.limits()
        key = args.namespace
        auth.set_limits(key, None if args.unset else _limits_of(args, current.get(key)))
    limits = auth.limits()
    data = {
        "limits_file": str(auth.limits_file),
        "limits": {ns: _limit_dict(v) for ns, v in sorted(limits.items())},
    }
    lines = [str(auth.limits_file), *_limit_lines(limits)]
    if changing:
        lines.append("a running keeper with --limits on this file applies it within a second")
    _emit(args, data, lines)
    return 0
