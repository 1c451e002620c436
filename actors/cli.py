"""The ``ctxbus`` command line.

Every command that talks to the bus takes ``-s/--servers URL[,URL...]`` (default
``$CTXBUS_SERVERS``, then ``$NATS_URL``, then ``nats://127.0.0.1:4222``); the commands that
read or write entries take ``-n/--namespace`` (the services serve every namespace and
``compress`` uses no bus, so they refuse both flags rather than ignore them). Every command
takes ``--json`` (its output, and its errors, as JSON objects on stdout), ``--log-level`` and
``--log-format``. Exit codes: 0 done, 1 no such entry, 2 failed (an error object or line
says why), 130 interrupted. ``up`` and ``demo`` start an embedded
nats-server when no server is given. ``keeper``, ``worker`` and ``up`` take ``--replicas N``
(default ``$CTXBUS_REPLICAS``, then 1): the copies of the job stream and the entry bucket
on a NATS cluster.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, NoReturn

import structlog

from actors import __version__
from actors.logs import LOG_FORMATS, configure_logging
from actors.processes import spawn_worker_processes, stop_processes
from bus import (
    DEFAULT_MODEL,
    AsyncSharedContext,
    ConnectOptions,
    CtxbusError,
    EmbeddedServer,
    NotConnected,
    ValidationError,
    local,
)
from bus.connection import SERVERS_ENV
from bus.jobs import MAX_REPLICAS, QueueSettings, check_replicas
from bus.messages import ContextEntry
from bus.options import redact_urls

__all__ = [
    "CONNECT_HINT",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "REPLICAS_ENV",
    "NotFound",
    "build_parser",
    "connect_options",
    "default_data_dir",
    "main",
]

#: Default of ``--replicas`` (keeper, worker, up) when the flag is not given.
REPLICAS_ENV = "CTXBUS_REPLICAS"

MIB = 1024 * 1024

Command = Callable[[argparse.Namespace], Coroutine[Any, Any, int]]


#: Exit codes (README "Exit codes").
EXIT_OK, EXIT_NOT_FOUND, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 130
#: The next step printed with a connection failure.
CONNECT_HINT = "start one with `ctxbus up`, or point -s/--servers at a running one"


class NotFound(Exception):
    """The key names no live entry (get, delete): exit code 1, not an error of the bus."""


class _Parser(argparse.ArgumentParser):
    #: Set by main() when the command line asks for JSON, so usage errors are JSON too.
    json_errors = False

    def error(self, message: str) -> NoReturn:
        if _Parser.json_errors:
            _print_error({"code": 400, "name": "usage", "message": message})
            sys.exit(EXIT_FAILED)
        super().error(message)


def _bus_options() -> _Parser:
    bus = _Parser(add_help=False)
    bus.add_argument(
        "-s",
        "--servers",
        "--server",
        dest="servers",
        default=None,
        help=(
            f"NATS server URL(s), comma-separated (default: ${SERVERS_ENV}, $NATS_URL, the "
            "nats context, a local `ctxbus up`, nats://127.0.0.1:4222)"
        ),
    )
    auth = bus.add_argument_group(
        "authentication",
        "secrets come from files or the environment ($CTXBUS_PASSWORD, $CTXBUS_TOKEN, "
        "or nats's $NATS_*), never from the command line",
    )
    auth.add_argument("--context", default=None, help="a nats CLI context, by name")
    auth.add_argument("--creds", default=None, metavar="FILE", help="JWT credentials file")
    auth.add_argument("--nkey", default=None, metavar="FILE", help="nkey seed file")
    auth.add_argument("--user", default=None, help="user name (password: --password-file)")
    auth.add_argument("--password-file", default=None, metavar="FILE")
    auth.add_argument("--token-file", default=None, metavar="FILE")
    auth.add_argument("--tls-ca", default=None, metavar="FILE", help="CA to verify the server")
    auth.add_argument("--tls-cert", default=None, metavar="FILE", help="client certificate")
    auth.add_argument("--tls-key", default=None, metavar="FILE", help="client certificate key")
    auth.add_argument(
        "--tls-hostname",
        default=None,
        metavar="NAME",
        help="name the server certificate must carry (default: $CTXBUS_TLS_HOSTNAME, else "
        "the host dialled)",
    )
    auth.add_argument(
        "--inbox-prefix",
        default=None,
        metavar="PREFIX",
        help="replies come to PREFIX.<id> (when permissions grant each user its own inboxes; "
        "an --nkey user's is derived from its key)",
    )
    return bus


def _namespace_option() -> _Parser:
    ns = _Parser(add_help=False)
    ns.add_argument("-n", "--namespace", default="default", help="context namespace")
    return ns


def _output_options() -> _Parser:
    out = _Parser(add_help=False)
    out.add_argument(
        "--json", action="store_true", help="output and errors as JSON objects on stdout"
    )
    out.add_argument(
        "--log-level", default=None, help="debug, info, warning (default: $CTXBUS_LOG_LEVEL)"
    )
    out.add_argument(
        "--log-format",
        choices=LOG_FORMATS,
        default=None,
        help="stderr log lines as console text or JSON (default: $CTXBUS_LOG_FORMAT, console)",
    )
    return out


def _queue_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ack-wait", type=float, default=3.0, help="seconds before an unacked job is redelivered"
    )
    parser.add_argument(
        "--max-deliver", type=int, default=3, help="deliveries before a job fails for good"
    )


def _progress_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show transfer progress of large texts on stderr (default: when it is a terminal)",
    )


class ProgressLine:
    """``progress(done, total)`` that redraws one stderr line, at most every 1 %."""

    def __init__(self, label: str, stream: Any = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self._shown = -1
        self.calls = 0

    def __call__(self, done: int, total: int) -> None:
        self.calls += 1
        percent = 100 * done // total if total else 100
        if percent == self._shown:
            return
        self._shown = percent
        end = "\n" if done >= total else ""
        self.stream.write(
            f"\r{self.label}: {done / MIB:.1f} / {total / MIB:.1f} MiB ({percent}%){end}"
        )
        self.stream.flush()


def _progress(args: argparse.Namespace, label: str) -> ProgressLine | None:
    wanted = args.progress if args.progress is not None else sys.stderr.isatty()
    return ProgressLine(label) if wanted else None


def _replicas_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--replicas",
        type=int,
        default=None,
        choices=range(1, MAX_REPLICAS + 1),
        metavar="N",
        help=(
            "copies of the job stream and the entry bucket on a NATS cluster, 1 to "
            f"{MAX_REPLICAS} (default: ${REPLICAS_ENV} or 1; a single server allows only 1)"
        ),
    )


def _metrics_option(parser: argparse.ArgumentParser, also: str = "") -> None:
    parser.add_argument(
        "--metrics-port",
        type=int,
        default=None,
        metavar="PORT",
        help="serve Prometheus metrics on http://0.0.0.0:PORT/metrics (0: a free port)" + also,
    )


def _replicas(args: argparse.Namespace) -> int:
    """``--replicas``, else ``$CTXBUS_REPLICAS``, else 1."""
    if args.replicas is not None:
        return int(args.replicas)
    value = os.environ.get(REPLICAS_ENV, "").strip()
    if not value:
        return 1
    try:
        return check_replicas(int(value))
    except ValueError:  # not a number, or out of range (ValidationError is a ValueError)
        raise ValidationError(
            f"${REPLICAS_ENV} must be 1 to {MAX_REPLICAS}, got {value!r}"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    out, bus, ns = _output_options(), _bus_options(), _namespace_option()
    service = [out, bus]  # serve every namespace: -n is refused
    client = [out, bus, ns]
    parser = _Parser(
        prog="ctxbus", description="Shared, compressed context for LLM agents over NATS."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    up = sub.add_parser("up", parents=service, help="embedded server + keeper + N workers")
    up.add_argument("--workers", type=int, default=2)
    up.add_argument("--port", type=int, default=4222, help="port for the embedded server")
    up.add_argument(
        "--monitoring",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the embedded server's HTTP monitoring (/healthz, /varz, /jsz) on a free "
        "loopback port; unauthenticated: any local user can read it (default: on)",
    )
    storage = up.add_mutually_exclusive_group()
    storage.add_argument(
        "--data-dir",
        default=None,
        help=f"JetStream dir of the embedded server (default: {default_data_dir()})",
    )
    storage.add_argument(
        "--memory",
        action="store_true",
        help="keep nothing: a temporary JetStream dir, removed on exit",
    )
    up.add_argument(
        "--insecure",
        action="store_true",
        help="no authentication (default: every part connects with its role's credentials, "
        "generated in the data dir)",
    )
    _queue_options(up)
    _replicas_option(up)
    _metrics_option(up, "; the keeper there, worker i on PORT+i")
    up.set_defaults(run=cmd_up, default_level="info")

    keeper = sub.add_parser(
        "keeper",
        parents=service,
        help="run a ContextKeeper (a second one on the same bus stands by and takes over)",
    )
    keeper.add_argument("--name", default="keeper")
    keeper.add_argument(
        "--memory-only", action="store_true", help="do not persist entries in JetStream"
    )
    keeper.add_argument(
        "--limits",
        default=os.environ.get("CTXBUS_LIMITS") or None,
        metavar="FILE",
        help="the admin's namespace limits (default $CTXBUS_LIMITS; `ctxbus auth limits`; "
        "re-read when it changes): "
        "they replace each put's own max_entries and bound its ttl",
    )
    _replicas_option(keeper)
    _metrics_option(keeper)
    keeper.set_defaults(run=cmd_keeper, default_level="info")

    worker = sub.add_parser("worker", parents=service, help="run a CompressionWorker")
    worker.add_argument("--name", default=None)
    worker.add_argument("--batch", type=int, default=8, help="jobs fetched per pull")
    worker.add_argument(
        "--job-delay", type=float, default=0.0, help="extra seconds per job (demos, chaos tests)"
    )
    _queue_options(worker)
    _replicas_option(worker)
    _metrics_option(worker)
    worker.set_defaults(run=cmd_worker, default_level="info")

    put = sub.add_parser("put", parents=client, help="store a file (or stdin) under KEY")
    put.add_argument("key")
    put.add_argument("file", nargs="?", default="-", help="file to read, or - for stdin")
    put.add_argument("--agent", default=None)
    put.add_argument("--ttl", type=float, default=3600.0)
    put.add_argument("--max-entries", type=int, default=100)
    put.add_argument("--model", default=DEFAULT_MODEL, help="model the tokens are counted for")
    put.add_argument("--content-type", default=None)
    put.add_argument("--timeout", type=float, default=60.0)
    put.add_argument(
        "--if-revision",
        type=int,
        default=None,
        metavar="R",
        help="store only if KEY is at revision R (0: only if absent); else exit with an error",
    )
    _progress_option(put)
    put.set_defaults(run=cmd_put)

    get = sub.add_parser("get", parents=client, help="print an entry (compressed by default)")
    get.add_argument("key")
    mode = get.add_mutually_exclusive_group()
    mode.add_argument("--full", action="store_true", help="the exact original")
    mode.add_argument("--entry", action="store_true", help="the whole entry with metadata")
    mode.add_argument("--omitted", metavar="ID", help="just one omitted part, by marker id")
    mode.add_argument(
        "--max-tokens",
        type=int,
        metavar="N",
        help="the most faithful form within N tokens of --model (level reported on stderr)",
    )
    get.add_argument(
        "--query",
        metavar="TEXT",
        help="put back the omitted parts that match TEXT (within --max-tokens if given)",
    )
    get.add_argument(
        "--model", default=None, help="the reader's model for --max-tokens (default: Claude)"
    )
    _progress_option(get)
    get.set_defaults(run=cmd_get)

    keys = sub.add_parser("keys", parents=client, help="list live keys")
    keys.set_defaults(run=cmd_keys)

    stats = sub.add_parser("stats", parents=client, help="namespace statistics")
    stats.set_defaults(run=cmd_stats)

    watch = sub.add_parser("watch", parents=client, help="print change events")
    watch.add_argument("key", nargs="?", default=None)
    watch.add_argument("--count", type=int, default=None, help="exit after N events")
    watch.add_argument(
        "--from-revision",
        type=int,
        default=None,
        metavar="R",
        help="first replay every event after revision R (from the event history)",
    )
    watch.set_defaults(run=cmd_watch)

    delete = sub.add_parser("delete", parents=client, help="delete KEY")
    delete.add_argument("key")
    delete.set_defaults(run=cmd_delete)

    clear = sub.add_parser("clear", parents=client, help="delete every entry of the namespace")
    clear.set_defaults(run=cmd_clear)

    comp = sub.add_parser("compress", parents=[out], help="compress a file locally (no bus)")
    comp.add_argument("file")
    comp.add_argument("--model", default=DEFAULT_MODEL, help="model the tokens are counted for")
    comp.add_argument("--content-type", default=None)
    comp.set_defaults(run=cmd_compress)

    agent = sub.add_parser("agent", parents=service, help="run an LLM agent for a role")
    agent.add_argument(
        "--role", required=True, help="the role it serves (ctxbus.task.<namespace>.<role>)"
    )
    agent.add_argument(
        "--namespaces",
        default=None,
        metavar="NS[,NS...]",
        help="namespaces whose tasks it takes (default: all; credentials of an agent "
        "limited to some namespaces need them listed)",
    )
    agent.add_argument(
        "--backend",
        choices=["anthropic", "gemini", "offline"],
        default="offline",
        help="model backend; anthropic/gemini fall back to offline when no API key is set",
    )
    agent.add_argument("--model", default=None, help="model id (default: the backend's)")
    agent.add_argument("--name", default=None, help="agent name (default: <role>-<backend>)")
    agent.add_argument("--base-url", default=None, help="API base URL (proxies, tests)")
    agent.add_argument("--max-tokens", type=int, default=1024, help="answer length limit")
    agent.add_argument("--timeout", type=float, default=60.0, help="seconds per model call")
    agent.add_argument("--retries", type=int, default=3, help="retries on 429/5xx")
    agent.add_argument("--backoff", type=float, default=0.5, help="first retry delay (s)")
    agent.add_argument("--concurrency", type=int, default=4, help="tasks at once")
    _metrics_option(agent)
    agent.set_defaults(run=cmd_agent, default_level="info")

    task = sub.add_parser("task", parents=client, help="send a task to an agent role, wait")
    task.add_argument("role")
    task.add_argument("instruction")
    task.add_argument("--input", action="append", default=[], metavar="KEY", help="compressed")
    task.add_argument(
        "--full-input", action="append", default=[], metavar="KEY", help="the exact original"
    )
    task.add_argument(
        "--query-input",
        action="append",
        default=[],
        metavar="KEY",
        help="compressed, with the parts that match the instruction put back",
    )
    task.add_argument("--output", required=True, metavar="KEY", help="key for the answer")
    task.add_argument("--max-tokens", type=int, default=None)
    task.add_argument("--timeout", type=float, default=300.0)
    task.set_defaults(run=cmd_task)

    demo = sub.add_parser("demo", parents=client, help="agents sharing context end to end")
    demo.add_argument("--workers", type=int, default=2)
    demo.add_argument(
        "--offline", action="store_true", help="offline agents even when API keys are set"
    )
    demo.add_argument(
        "--insecure",
        action="store_true",
        help="its own server without authentication (default: each part has its role's "
        "credentials)",
    )
    demo.set_defaults(run=cmd_demo)

    from actors.auth_cli import add_auth_parser

    add_auth_parser(sub, [out])

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _Parser.json_errors = "--json" in argv
    args = build_parser().parse_args(argv)
    configure_logging(
        args.log_level
        or os.environ.get("CTXBUS_LOG_LEVEL")
        or getattr(args, "default_level", "warning"),
        args.log_format,
    )
    run: Command = args.run
    try:
        return asyncio.run(run(args))
    except NotFound as exc:
        return _fail(args, EXIT_NOT_FOUND, 404, "not_found", str(exc))
    except NotConnected as exc:
        return _fail(args, EXIT_FAILED, exc.code, exc.name, exc.message, hint=CONNECT_HINT)
    except CtxbusError as exc:
        return _fail(args, EXIT_FAILED, exc.code, exc.name, exc.message)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        return _fail(args, EXIT_FAILED, 400, "file", str(exc))


def _fail(
    args: argparse.Namespace, exit_code: int, code: int, name: str, message: str, hint: str = ""
) -> int:
    """Report a failure: one line on stderr, or with --json an error object on stdout."""
    if args.json:
        error: dict[str, Any] = {"code": code, "name": name, "message": message}
        if hint:
            error["hint"] = hint
        _print_error(error)
    else:
        print(f"ctxbus: {name}: {message}" + (f"; {hint}" if hint else ""), file=sys.stderr)
    return exit_code


def _print_error(error: dict[str, Any]) -> None:
    print(json.dumps({"error": error}), flush=True)


def _print_json_line(data: Any) -> None:
    """One compact JSON object per line (announcements of long-running commands)."""
    print(json.dumps(data, ensure_ascii=False), flush=True)


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False), flush=True)


# -- helpers ------------------------------------------------------------------------


def connect_options(args: argparse.Namespace, role: str = "agent") -> ConnectOptions:
    """The connection options of a command's flags (``role``: which credentials of a
    local ``ctxbus up`` to fall back on)."""
    return ConnectOptions.from_args(
        servers=args.servers,
        user=args.user,
        password_file=args.password_file,
        token_file=args.token_file,
        creds=args.creds,
        nkey=args.nkey,
        tls_ca=args.tls_ca,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        context=args.context,
        role=role,
    ).replace(inbox_prefix=args.inbox_prefix, tls_hostname=args.tls_hostname)


def _client(args: argparse.Namespace, **options: Any) -> AsyncSharedContext:
    # The CLI talks to a bus that runs (`ctxbus up`); only library clients embed one.
    return AsyncSharedContext(connect_options(args), args.namespace, embedded=False, **options)


def _entry_dict(entry: ContextEntry, with_texts: bool = True) -> dict[str, Any]:
    data = entry.to_wire()
    data["savings_percent"] = entry.savings_percent
    if not with_texts:
        data.pop("original")
        data.pop("compressed")
    return data


def _read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8")


def default_data_dir() -> Path:
    """Where ``ctxbus up`` keeps its JetStream data: in the user data dir, where the local
    stack keeps it (one store: the data dir lock keeps the two from running on it at once)."""
    return local.default_data_dir() / "nats"


# -- services -----------------------------------------------------------------------


async def cmd_keeper(args: argparse.Namespace) -> int:
    from actors.base import run_until_signalled
    from actors.keeper import ContextKeeper

    keeper = ContextKeeper(
        args.name,
        servers=connect_options(args, "keeper"),
        settings=QueueSettings(replicas=_replicas(args)),
        persist=not args.memory_only,
        limits=args.limits,
    )
    keeper.metrics_port = args.metrics_port
    await run_until_signalled(keeper)
    # Replaced by a standby (this one was stalled or cut off): say so in the exit code.
    return EXIT_FAILED if keeper.lost_lease else EXIT_OK


async def cmd_worker(args: argparse.Namespace) -> int:
    from actors.base import run_until_signalled
    from actors.worker import CompressionWorker

    settings = QueueSettings(
        ack_wait=args.ack_wait, max_deliver=args.max_deliver, replicas=_replicas(args)
    )
    worker = CompressionWorker(
        args.name,
        servers=connect_options(args, "worker"),
        settings=settings,
        batch=args.batch,
        job_delay=args.job_delay,
    )
    worker.metrics_port = args.metrics_port
    await run_until_signalled(worker)
    return EXIT_OK


async def cmd_agent(args: argparse.Namespace) -> int:
    from actors.agent import AgentActor
    from actors.backends import make_backend
    from actors.base import run_until_signalled

    backend = make_backend(
        args.backend,
        args.model,
        base_url=args.base_url,
        max_tokens=args.max_tokens,
        timeout=args.timeout,
        max_retries=args.retries,
        backoff=args.backoff,
    )
    agent = AgentActor(
        args.role,
        backend,
        name=args.name,
        servers=connect_options(args),
        max_concurrency=args.concurrency,
        namespaces=[n.strip() for n in args.namespaces.split(",")] if args.namespaces else None,
    )
    agent.metrics_port = args.metrics_port

    def announce() -> None:
        if args.json:
            _print_json_line(
                {
                    "agent": agent.name,
                    "role": args.role,
                    "backend": backend.kind,
                    "model": backend.model,
                    "offline": backend.offline,
                    "describe": backend.describe(),
                }
            )
        else:
            print(f"ctxbus agent {agent.name}: role {args.role}, {backend.describe()}", flush=True)

    await run_until_signalled(agent, on_started=announce)
    return EXIT_OK


async def cmd_up(args: argparse.Namespace) -> int:
    from actors.base import run_until_signalled
    from actors.keeper import ContextKeeper
    from actors.secure import (
        auth_dict,
        auth_lines,
        insecure_line,
        record_server,
        role_options,
        secure_server,
    )
    from bus.auth import AuthDirectory
    from bus.local import unregister_server

    server: EmbeddedServer | None = None
    options = connect_options(args, "keeper")
    replicas = _replicas(args)
    if args.servers is None and replicas > 1:
        raise ValidationError(
            f"--replicas {replicas} needs a NATS cluster; the embedded server is a single "
            "node: give --servers, or use --replicas 1"
        )
    if args.servers is not None and args.insecure:
        raise ValidationError(
            "--insecure is for the embedded server; a server given with --servers has its "
            "own configuration"
        )
    data_dir: Path | None = None
    auth: AuthDirectory | None = None
    record: Path | None = None
    worker_options = options.replace(role="worker")
    if args.servers is None:
        if not args.memory:
            data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
        server = EmbeddedServer(port=args.port, data_dir=data_dir, monitoring=args.monitoring)
        # Credentials live next to the data (with --memory: in the temporary dir, gone
        # on exit); an existing auth directory is kept, with its principals and limits.
        auth = secure_server(server, insecure=args.insecure)
        # A busy port or a data dir in use raises here, before anything else starts.
        server.start()
        record = record_server(server, auth, "up")
        options = role_options(options, server.url, auth, "keeper")
        worker_options = role_options(worker_options, server.url, auth, "worker")
    options = options.resolved()
    workers: list[subprocess.Popen[bytes]] = []
    try:
        keeper = ContextKeeper(
            servers=options,
            settings=QueueSettings(replicas=replicas),
            limits=auth.limits_file if auth else None,
        )
        keeper.metrics_port = args.metrics_port
        extra = [
            "--ack-wait",
            str(args.ack_wait),
            "--max-deliver",
            str(args.max_deliver),
            "--replicas",
            str(replicas),
        ]
        workers = spawn_worker_processes(
            worker_options,
            args.workers,
            extra,
            args.log_level or "info",
            metrics_port=args.metrics_port,
        )
        url = redact_urls(options.server_list())

        def announce() -> None:
            if args.json:
                _print_json_line(
                    {
                        "servers": url,
                        "workers": args.workers,
                        "embedded": server is not None,
                        "data_dir": str(data_dir) if data_dir else None,
                        "auth": auth_dict(auth),
                        "insecure": server is not None and auth is None,
                        "metrics": _metrics_urls(keeper, args),
                        "monitoring": server.monitor_url if server is not None else None,
                    }
                )
                return
            workers_text = _plural(args.workers, "worker", "workers")
            print(f"ctxbus up: {url} (keeper + {workers_text})", flush=True)
            if server is not None:
                kept = f"data in {data_dir}" if data_dir else "in memory: nothing is kept on exit"
                print(f"  {kept}", flush=True)
                lines = auth_lines(auth) if auth else [insecure_line(url)]
                print("\n".join(f"  {line}" for line in lines), flush=True)
            print(f"  export {SERVERS_ENV}={url}", flush=True)
            if server is not None and server.monitor_url:
                print(f"  nats-server monitoring: {server.monitor_url}", flush=True)
            metrics = _metrics_urls(keeper, args)
            if metrics:
                print(f"  metrics: {', '.join(metrics)}", flush=True)

        if server is not None and auth is None:
            structlog.get_logger("ctxbus.up").warning(insecure_line(url))
        await run_until_signalled(keeper, on_started=announce)
    finally:
        stop_processes(workers)
        if server is not None:
            server.stop()
        if record is not None:
            unregister_server(record)
    return EXIT_OK


def _metrics_urls(keeper: Any, args: argparse.Namespace) -> list[str]:
    """The metrics endpoints ``up`` started: the keeper's, then each worker's."""
    port = keeper.metrics.port
    if port is None:
        return []
    base = args.metrics_port
    ports = [port] + [base + i if base else 0 for i in range(1, args.workers + 1)]
    return [f"http://127.0.0.1:{p}/metrics" if p else "a free port (see its log)" for p in ports]


# -- client commands ----------------------------------------------------------------


async def cmd_put(args: argparse.Namespace) -> int:
    content = _read_input(args.file)
    async with _client(args, ttl=args.ttl, max_entries=args.max_entries, model=args.model) as ctx:
        entry = await ctx.put(
            args.key,
            content,
            args.agent,
            content_type=args.content_type,
            timeout=args.timeout,
            progress=_progress(args, f"uploading {args.key}"),
            if_revision=args.if_revision,
        )
    if args.json:
        _print_json(_entry_dict(entry, with_texts=False))
    else:
        print(
            f"{entry.key}@{entry.revision}: {entry.original_tokens} -> "
            f"{entry.compressed_tokens} tokens "
            f"({entry.savings_percent}% saved; {entry.content_type}; "
            f"{', '.join(entry.transforms) or 'unchanged'})"
        )
    return EXIT_OK


async def cmd_get(args: argparse.Namespace) -> int:
    if args.max_tokens is not None or args.query:
        return await _get_fitted(args)
    missing = f"no entry {args.key!r} in namespace {args.namespace!r}"
    async with _client(args) as ctx:
        if args.entry or args.json:
            entry = await ctx.get_entry(args.key, progress=_progress(args, f"reading {args.key}"))
            if entry is None:
                raise NotFound(missing)
            if args.json and args.entry:
                _print_json(_entry_dict(entry, with_texts=True))
            elif args.json and args.omitted:
                text = await ctx.get_omitted(args.key, args.omitted)
                if text is None:
                    raise NotFound(missing)
                _print_json({"key": entry.key, "omitted": args.omitted, "text": text})
            elif args.json:
                text = entry.original if args.full else entry.compressed
                _print_json({"key": entry.key, "full": args.full, "text": text})
            else:
                _print_json(_entry_dict(entry, with_texts=False))
                print("--- compressed ---")
                print(entry.compressed)
            return EXIT_OK
        if args.omitted:
            text = await ctx.get_omitted(args.key, args.omitted)
        else:
            text = await ctx.get(
                args.key, full=args.full, progress=_progress(args, f"reading {args.key}")
            )
    if text is None:
        raise NotFound(missing)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


async def _get_fitted(args: argparse.Namespace) -> int:
    async with _client(args) as ctx:
        fitted = await ctx.get_fitted(args.key, args.max_tokens, model=args.model, query=args.query)
    if fitted is None:
        raise NotFound(f"no entry {args.key!r} in namespace {args.namespace!r}")
    if args.json:
        data = fitted.to_wire()
        data["key"] = args.key
        _print_json(data)
        return EXIT_OK
    approx = "" if fitted.exact else "~"
    print(
        f"ctxbus: {args.key}: {fitted.level}, {approx}{fitted.tokens} of {approx}"
        f"{fitted.original_tokens} tokens ({fitted.model})",
        file=sys.stderr,
    )
    text = fitted.text or ""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


async def cmd_keys(args: argparse.Namespace) -> int:
    async with _client(args) as ctx:
        keys = await ctx.keys()
    if args.json:
        print(json.dumps(keys, ensure_ascii=False))
    elif keys:
        print("\n".join(keys))
    return EXIT_OK


async def cmd_stats(args: argparse.Namespace) -> int:
    async with _client(args) as ctx:
        stats = await ctx.stats()
    if args.json:
        _print_json(dataclasses.asdict(stats))
    else:
        for name, value in dataclasses.asdict(stats).items():
            print(f"{name:24} {value}")
    return EXIT_OK


async def cmd_watch(args: argparse.Namespace) -> int:
    seen = 0
    async with (
        _client(args) as ctx,
        ctx.watch(args.key, from_revision=args.from_revision) as events,
    ):
        print("watching", args.key or f"namespace {args.namespace}", file=sys.stderr, flush=True)
        async for event in events:
            print(json.dumps(event.to_wire()), flush=True)
            seen += 1
            if args.count is not None and seen >= args.count:
                break
    return EXIT_OK


async def cmd_delete(args: argparse.Namespace) -> int:
    async with _client(args) as ctx:
        deleted = await ctx.delete(args.key)
    if not deleted:
        raise NotFound(f"no entry {args.key!r} in namespace {args.namespace!r}")
    if args.json:
        _print_json({"key": args.key, "namespace": args.namespace, "deleted": True})
    else:
        print(f"deleted {args.key}")
    return EXIT_OK


async def cmd_clear(args: argparse.Namespace) -> int:
    async with _client(args) as ctx:
        count = await ctx.clear()
    if args.json:
        _print_json({"namespace": args.namespace, "cleared": count})
    else:
        print(f"cleared {_plural(count, 'entry', 'entries')}")
    return EXIT_OK


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


async def cmd_task(args: argparse.Namespace) -> int:
    from bus import TaskInput

    inputs = [TaskInput(key) for key in args.input]
    inputs += [TaskInput(key, full=True) for key in args.full_input]
    inputs += [TaskInput(key, query=True) for key in args.query_input]
    options = {"max_tokens": args.max_tokens} if args.max_tokens else {}
    async with _client(args) as ctx:
        done = await ctx.run_task(
            args.role,
            args.instruction,
            inputs,
            args.output,
            options=options,
            timeout=args.timeout,
            check=False,
        )
        answer = await ctx.get(args.output) if done.ok else None
    if args.json:
        _print_json(done.to_wire())
    elif done.ok:
        offline = " (offline backend)" if done.offline else ""
        print(
            f"{done.agent}{offline}: {done.input_tokens} tokens in, {done.output_tokens} out, "
            f"{done.seconds:.2f}s; answer stored under {done.output_key!r}"
        )
        if answer is not None:
            print(answer)
    if not done.ok:
        if not args.json:  # with --json the TaskDone above carries the error
            print(f"ctxbus: {done.error_name}: {done.error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


async def cmd_compress(args: argparse.Namespace) -> int:
    import transforms

    text = _read_input(args.file)
    started = time.perf_counter()
    result = transforms.compress(text, model=args.model, content_type=args.content_type)
    seconds = time.perf_counter() - started
    if args.json:
        data = {
            f.name: getattr(result, f.name)
            for f in dataclasses.fields(result)
            if f.name != "original"
        }
        data["omitted"] = [dataclasses.asdict(o) for o in result.omitted]
        data["savings_percent"] = result.savings_percent
        data["seconds"] = round(seconds, 6)
        _print_json(data)
    else:
        sys.stdout.write(
            result.compressed if result.compressed.endswith("\n") else result.compressed + "\n"
        )
        print(
            f"# {result.original_tokens} -> {result.compressed_tokens} tokens "
            f"({result.savings_percent}% saved, {result.content_type}, {seconds:.3f}s)",
            file=sys.stderr,
        )
    return EXIT_OK


async def cmd_demo(args: argparse.Namespace) -> int:
    from actors.demo import run_demo

    return await run_demo(
        args.servers,
        workers=args.workers,
        namespace=args.namespace,
        offline=args.offline,
        json_output=args.json,
        insecure=args.insecure,
    )
