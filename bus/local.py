"""The embedded default: one local stack per user and data directory, shared by processes.

``SharedContext()`` with no server given (none in ``$CTXBUS_SERVERS`` or ``$NATS_URL``)
starts or joins a local stack, the way ``dask.distributed.Client()`` starts a
LocalCluster. The stack is one detached process (``python -m actors.local``) running an
embedded nats-server, a keeper and one worker, with its JetStream data (and so the
persisted entries) in the data directory.

Coordination lives in a per-user runtime directory (mode 0700), one folder per data
directory (named by a hash of its path):

``lock``
    held (``flock``) while a client starts or joins the stack and while the stack decides
    to stop, so a client never joins a stack that is going away;
``state.json``
    written by the stack once it serves: its URL, its pid and the nats-server's pid;
``clients/``
    one file per client, ``flock``-ed for the client's lifetime. The OS drops the lock when
    the process ends however it ends, so the stack counts live clients by trying each
    lock; when none has been held for a grace period it removes the state and stops.
``stack.log``
    the stack's log.

Off with ``embedded=False`` or ``$CTXBUS_NO_EMBEDDED=1``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import platformdirs
import structlog

from bus._errors import NotConnected

__all__ = [
    "DATA_DIR_ENV",
    "GRACE_ENV",
    "NO_EMBEDDED_ENV",
    "RUNTIME_DIR_ENV",
    "ClientLease",
    "StackLock",
    "StackPaths",
    "StackState",
    "default_data_dir",
    "embedded_wanted",
    "join_local_stack",
    "live_clients",
    "local_servers",
    "process_alive",
    "read_state",
    "register_server",
    "remove_state",
    "runtime_dir",
    "stack_grace",
    "stack_paths",
    "unregister_server",
    "write_state",
]

NO_EMBEDDED_ENV = "CTXBUS_NO_EMBEDDED"
DATA_DIR_ENV = "CTXBUS_DATA_DIR"
RUNTIME_DIR_ENV = "CTXBUS_RUNTIME_DIR"
#: Seconds the stack waits with no client before it stops (a script run again soon
#: after reuses it instead of paying for a new start).
GRACE_ENV = "CTXBUS_EMBEDDED_GRACE"
DEFAULT_GRACE = 5.0

log = structlog.get_logger("ctxbus.local")


def embedded_wanted(servers: object, embedded: bool) -> bool:
    """Whether a client with these settings uses the local stack."""
    if servers is not None or not embedded:
        return False
    if os.environ.get(NO_EMBEDDED_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        return False
    return not (os.environ.get("CTXBUS_SERVERS") or os.environ.get("NATS_URL"))


def stack_grace() -> float:
    try:
        return max(0.0, float(os.environ.get(GRACE_ENV, DEFAULT_GRACE)))
    except ValueError:
        return DEFAULT_GRACE


def default_data_dir() -> Path:
    """``$CTXBUS_DATA_DIR``, else the platform's user data dir (``platformdirs``; on Linux
    ``$XDG_DATA_HOME/ctxbus``, else ``~/.local/share/ctxbus``). ``ctxbus up`` uses it too."""
    given = os.environ.get(DATA_DIR_ENV)
    if given:
        return Path(given).expanduser()
    return Path(platformdirs.user_data_dir("ctxbus", appauthor=False))


def runtime_dir() -> Path:
    """A directory only this user can use: ``$CTXBUS_RUNTIME_DIR``, ``$XDG_RUNTIME_DIR/ctxbus``
    or ``<tmp>/ctxbus-<uid>``; refused if another user owns it or others may write to it."""
    given = os.environ.get(RUNTIME_DIR_ENV)
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if given:
        path = Path(given)
    elif xdg:
        path = Path(xdg) / "ctxbus"
    else:
        path = Path(tempfile.gettempdir()) / f"ctxbus-{os.getuid()}"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = path.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        raise NotConnected(
            f"runtime directory {path} is not private to this user (owner uid {info.st_uid}, "
            f"mode {info.st_mode & 0o777:o}); set ${RUNTIME_DIR_ENV} to a directory of your own"
        )
    return path


@dataclass(frozen=True)
class StackPaths:
    data_dir: Path
    root: Path

    @property
    def lock(self) -> Path:
        return self.root / "lock"

    @property
    def state(self) -> Path:
        return self.root / "state.json"

    @property
    def clients(self) -> Path:
        return self.root / "clients"

    @property
    def log(self) -> Path:
        return self.root / "stack.log"


def stack_paths(data_dir: str | Path | None = None) -> StackPaths:
    data = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
    data = data.resolve()
    digest = hashlib.sha256(str(data).encode()).hexdigest()[:12]
    root = runtime_dir() / f"stack-{digest}"
    (root / "clients").mkdir(mode=0o700, parents=True, exist_ok=True)
    return StackPaths(data, root)


@dataclass(frozen=True)
class StackState:
    url: str
    pid: int
    server_pid: int
    data_dir: str
    started_at: float
    #: The auth directory whose credentials its clients use (None: auth off).
    auth_dir: str | None = None


def read_state(paths: StackPaths) -> StackState | None:
    try:
        raw = json.loads(paths.state.read_text())
        return StackState(**raw)
    except (OSError, ValueError, TypeError):
        return None


def write_state(paths: StackPaths, state: StackState) -> None:
    tmp = paths.state.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(state)))
    tmp.replace(paths.state)  # atomic: readers see the old file or the whole new one


def remove_state(paths: StackPaths, pid: int | None = None) -> None:
    """Remove the state file (only if it names ``pid``, when given)."""
    state = read_state(paths)
    if pid is None or (state is not None and state.pid == pid):
        paths.state.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """True if ``pid`` runs and is not a zombie (an unreaped exited process)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no procfs: trust kill(0)
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _port_open(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 4222), 1.0):
            return True
    except OSError:
        return False


class StackLock:
    """The stack's ``flock``, taken with a deadline (a blocking call: use in a thread)."""

    def __init__(self, paths: StackPaths, timeout: float) -> None:
        self._path = paths.lock
        self._timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> StackLock:
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._fd = fd
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise NotConnected(
                        f"local stack lock {self._path} still held after {self._timeout:g}s"
                    ) from None
                time.sleep(0.05)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class ClientLease:
    """One client's registration: a file in ``clients/`` locked while the client lives."""

    def __init__(self, paths: StackPaths) -> None:
        name = f"{os.getpid()}-{secrets.token_hex(4)}.lock"
        # Locked under a hidden name, then renamed: the stack never sees it unlocked.
        tmp = paths.clients / f".{name}"
        self._fd: int | None = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        self.path = paths.clients / name
        tmp.rename(self.path)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            self.path.unlink(missing_ok=True)
            os.close(fd)  # closing drops the lock

    @property
    def held(self) -> bool:
        return self._fd is not None


def live_clients(paths: StackPaths) -> int:
    """How many clients hold their lease; files of clients that are gone are removed."""
    live = 0
    for path in _client_files(paths):
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            live += 1
        else:
            path.unlink(missing_ok=True)  # its process ended without releasing
        finally:
            os.close(fd)
    return live


def _client_files(paths: StackPaths) -> Iterator[Path]:
    with contextlib.suppress(FileNotFoundError):
        for path in paths.clients.iterdir():
            if not path.name.startswith("."):
                yield path


def _reap(proc: subprocess.Popen[bytes]) -> None:
    # The stack outlives us as a rule; if it ends first, do not leave a zombie behind.
    threading.Thread(target=proc.wait, name="ctxbus-local-reaper", daemon=True).start()


def _clear_stale(paths: StackPaths, state: StackState) -> None:
    """A stack whose process is gone: stop an orphaned nats-server it left, drop its state."""
    if process_alive(state.server_pid) and "nats-server" in _cmdline(state.server_pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(state.server_pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while process_alive(state.server_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if process_alive(state.server_pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(state.server_pid, signal.SIGKILL)
    remove_state(paths)


def join_local_stack(
    data_dir: str | Path | None = None, timeout: float = 60.0
) -> tuple[str, ClientLease]:
    """The URL of this user's local stack for ``data_dir`` (started if none runs) and a
    lease that keeps it running until released. Blocking: call it in a thread."""
    paths = stack_paths(data_dir)
    with StackLock(paths, timeout):
        # Registered before anything else: a running stack counts us from now on.
        lease = ClientLease(paths)
        try:
            state = read_state(paths)
            if state is not None:
                if process_alive(state.pid) and _port_open(state.url):
                    log.info(
                        "joined local stack",
                        url=state.url,
                        pid=state.pid,
                        log=str(paths.log),
                        auth=state.auth_dir or "off",
                    )
                    return state.url, lease
                log.warning("local stack state is stale; starting afresh", pid=state.pid)
                _clear_stale(paths, state)
            return _start(paths, timeout), lease
        except BaseException:
            lease.release()
            raise


def _start(paths: StackPaths, timeout: float) -> str:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "actors.local",
        "--data-dir",
        str(paths.data_dir),
        "--grace",
        str(stack_grace()),
    ]
    with paths.log.open("ab") as log_file:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C in this terminal must not stop other users
            close_fds=True,
        )
    _reap(proc)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = read_state(paths)
        if state is not None and state.pid == proc.pid:
            log.info(
                "started local stack",
                url=state.url,
                pid=proc.pid,
                data_dir=str(paths.data_dir),
                log=str(paths.log),
                # The credentials its clients use (paths; --insecure: "off").
                auth=state.auth_dir or "off",
            )
            return state.url
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        proc.terminate()
    tail = paths.log.read_text(errors="replace")[-1500:] if paths.log.exists() else ""
    raise NotConnected(f"the local stack did not start (log {paths.log}):\n{tail}")


# -- local servers and their credentials ----------------------------------------------
#
# Every server ``ctxbus up``, ``ctxbus demo`` or the local stack runs writes a record in
# ``<runtime dir>/servers/<port>.json`` (private to the user): its URL, pids, data and
# auth directories and the credentials file of each role. A client on this machine that
# is pointed at that URL (or at nothing) finds the credentials there without flags.


def _servers_dir() -> Path:
    path = runtime_dir() / "servers"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def register_server(
    url: str,
    *,
    server_pid: int,
    data_dir: str | Path | None,
    auth_dir: str | Path | None,
    credentials: dict[str, str] | None,
    kind: str,
) -> Path:
    """Record a local server (see above); returns the record's path."""
    port = urlsplit(url).port or 4222
    record = {
        "servers": url,
        "pid": os.getpid(),
        "server_pid": server_pid,
        "data_dir": str(Path(data_dir).resolve()) if data_dir is not None else None,
        "auth_dir": str(Path(auth_dir).resolve()) if auth_dir is not None else None,
        "credentials": credentials or {},
        "kind": kind,
        "started_at": time.time(),
    }
    path = _servers_dir() / f"{port}.json"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(record, f)
    tmp.replace(path)
    return path


def unregister_server(path: Path) -> None:
    """Remove a record this process wrote (another's, written since, is kept)."""
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    if record.get("pid") == os.getpid():
        path.unlink(missing_ok=True)


def local_servers() -> list[dict[str, object]]:
    """The records of local servers still running (records of dead ones are removed)."""
    found = []
    try:
        folder = _servers_dir()
    except (OSError, NotConnected):
        return []
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text())
            alive = process_alive(int(record["server_pid"])) and process_alive(int(record["pid"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not alive:
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        if isinstance(record, dict) and isinstance(record.get("servers"), str):
            found.append(record)
    return found
