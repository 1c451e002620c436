"""Fake Anthropic and Gemini API servers on 127.0.0.1 that record what they receive.

Each fake is a stdlib :class:`http.server.ThreadingHTTPServer` on a free loopback port, served
from a daemon thread. Point the real SDK at ``fake.url`` and it talks to the fake exactly as it
would to the vendor: same paths, same JSON shapes, same error bodies.

    with FakeAnthropic() as fake:
        fake.reply_text = "hello"                       # or a callable (body) -> str
        fake.script([fake.error(429, "slow down", headers={"retry-after": "0"})])
        ...                                             # first call gets 429, the next succeeds
        fake.requests[-1].body["model"], fake.last_prompt(), fake.last_system()

Scripted replies are consumed in order; when the script is empty each request gets the
default reply (a success unless :meth:`FakeServer.fail_always` set an error). Everything the
test thread reads or changes is guarded by one lock. ``stop()`` (or leaving the ``with``)
shuts the server down, closes its socket and joins its thread.

Success bodies are deterministic so tests can assert usage numbers:
input tokens = ``len(user text) // 4``, output tokens = number of words in the reply.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, ClassVar, Self

__all__ = [
    "FakeAnthropic",
    "FakeGemini",
    "FakeServer",
    "RecordedRequest",
    "Reply",
    "closed_port_url",
]

ReplyText = str | Callable[[dict[str, Any]], str]


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: Any  # parsed JSON, or None when the body was empty or not JSON


@dataclass(frozen=True, slots=True)
class Reply:
    """One scripted reply. ``body=None`` means "the default success body for this request"."""

    status: int = 200
    body: dict[str, Any] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Seconds to hold the reply back (for timeout tests); cut short when the server stops.
    delay: float = 0.0


ReplyLike = Reply | tuple[int, dict[str, Any] | None, Mapping[str, str]]


def _as_reply(item: ReplyLike) -> Reply:
    if isinstance(item, Reply):
        return item
    status, body, headers = item
    return Reply(status, body, dict(headers))


def closed_port_url() -> str:
    """A loopback URL on a port nothing listens on (bound once, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class FakeServer:
    """Common machinery: server thread, request log, reply script. Subclasses speak a vendor."""

    vendor: ClassVar[str] = "fake"

    def __init__(self, reply_text: ReplyText = "This is the fake model's answer.") -> None:
        self.reply_text: ReplyText = reply_text
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._script: list[Reply] = []
        self._default_error: Reply | None = None
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------

    def start(self) -> Self:
        if self._server is not None:
            return self
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        self._stopping.clear()
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-{self.vendor}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # releases delayed replies
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(5)
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("fake server not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # --- scripting and inspection (called from the test thread) ------------------------

    def script(self, replies: Iterable[ReplyLike]) -> None:
        """Queue replies (``Reply`` or ``(status, body, headers)``), consumed in order."""
        with self._lock:
            self._script.extend(_as_reply(r) for r in replies)

    def fail_always(
        self, status: int, message: str = "fake failure", headers: Mapping[str, str] | None = None
    ) -> None:
        """Answer every unscripted request with this vendor error."""
        with self._lock:
            self._default_error = _as_reply(self.error(status, message, headers=headers))

    def reset(self) -> None:
        """Forget recorded requests, the script and any :meth:`fail_always`."""
        with self._lock:
            self._requests.clear()
            self._script.clear()
            self._default_error = None

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def last_request(self) -> RecordedRequest:
        with self._lock:
            if not self._requests:
                raise AssertionError(f"fake {self.vendor} server received no request")
            return self._requests[-1]

    def last_prompt(self) -> str:
        """The user text of the last request."""
        return self.prompt_of(self.last_request().body)

    def last_system(self) -> str:
        """The system prompt of the last request ("" if none)."""
        return self.system_of(self.last_request().body)

    # --- vendor specifics ----------------------------------------------------------------

    @classmethod
    def error(
        cls, status: int, message: str = "fake failure", *, headers: Mapping[str, str] | None = None
    ) -> tuple[int, dict[str, Any], Mapping[str, str]]:
        """A scripted error reply in this vendor's error JSON shape."""
        return status, cls.error_body(status, message), dict(headers or {})

    @classmethod
    def error_body(cls, status: int, message: str) -> dict[str, Any]:
        raise NotImplementedError

    @staticmethod
    def prompt_of(body: Any) -> str:
        raise NotImplementedError

    @staticmethod
    def system_of(body: Any) -> str:
        raise NotImplementedError

    def route(self, method: str, path: str) -> str | None:
        """None if the path is one this vendor serves, else an error message for a 404."""
        raise NotImplementedError

    def success_body(self, path: str, body: Any) -> dict[str, Any]:
        raise NotImplementedError

    def reply_for(self, body: Any) -> str:
        text = self.reply_text
        return text(body if isinstance(body, dict) else {}) if callable(text) else text

    # --- request handling (server threads) ---------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("content-length") or 0)
        raw = h.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = None
        path = h.path
        record = RecordedRequest(
            method=h.command,
            path=path,
            headers={k.lower(): v for k, v in h.headers.items()},
            body=body,
        )
        with self._lock:
            self._requests.append(record)
            if self._script:
                reply: Reply | None = self._script.pop(0)
            else:
                reply = self._default_error
        not_served = self.route(h.command, path.split("?", 1)[0])
        if reply is None and not_served is not None:
            reply = _as_reply(self.error(404, not_served))
        if reply is None:
            reply = Reply()
        if reply.delay and self._stopping.wait(reply.delay):
            return  # server stopping: drop the connection
        out = reply.body
        if out is None:
            out = self.success_body(path, body) if reply.status < 400 else {}
        payload = json.dumps(out).encode()
        try:
            h.send_response(reply.status)
            h.send_header("content-type", "application/json")
            h.send_header("content-length", str(len(payload)))
            for name, value in reply.headers.items():
                h.send_header(name, value)
            h.end_headers()
            h.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)


def _words(text: str) -> int:
    return len(text.split())


class FakeAnthropic(FakeServer):
    """Anthropic Messages API: ``POST /v1/messages``."""

    vendor = "anthropic"

    _ERROR_TYPES: ClassVar[dict[int, str]] = {
        400: "invalid_request_error",
        401: "authentication_error",
        403: "permission_error",
        404: "not_found_error",
        413: "request_too_large",
        429: "rate_limit_error",
        500: "api_error",
        529: "overloaded_error",
    }

    @classmethod
    def error_body(cls, status: int, message: str) -> dict[str, Any]:
        kind = cls._ERROR_TYPES.get(status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": message}}

    @staticmethod
    def prompt_of(body: Any) -> str:
        messages = body.get("messages") if isinstance(body, dict) else None
        if not messages:
            return ""
        content = messages[-1].get("content", "")
        if isinstance(content, str):
            return content
        return "".join(b.get("text", "") for b in content if isinstance(b, dict))

    @staticmethod
    def system_of(body: Any) -> str:
        system = body.get("system", "") if isinstance(body, dict) else ""
        if isinstance(system, list):
            return "".join(b.get("text", "") for b in system if isinstance(b, dict))
        return str(system or "")

    def route(self, method: str, path: str) -> str | None:
        if method == "POST" and path == "/v1/messages":
            return None
        return f"Not found: {method} {path}"

    def success_body(self, path: str, body: Any) -> dict[str, Any]:
        text = self.reply_for(body)
        model = body.get("model", "claude-unknown") if isinstance(body, dict) else "claude-unknown"
        with self._lock:
            n = len(self._requests)
        return {
            "id": f"msg_fake_{n:04d}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {
                "input_tokens": len(self.prompt_of(body)) // 4,
                "output_tokens": _words(text),
            },
        }


_GEMINI_PATH = re.compile(r"^/(?P<version>v[0-9a-z]+)/models/(?P<model>[^/:]+):generateContent$")


class FakeGemini(FakeServer):
    """Gemini Developer API: ``POST /<api version>/models/<model>:generateContent``."""

    vendor = "gemini"

    _STATUSES: ClassVar[dict[int, str]] = {
        400: "INVALID_ARGUMENT",
        401: "UNAUTHENTICATED",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        429: "RESOURCE_EXHAUSTED",
        500: "INTERNAL",
        503: "UNAVAILABLE",
        504: "DEADLINE_EXCEEDED",
    }

    #: What ``modelVersion`` reports; None means "the model named in the path".
    model_version: str | None = None

    @classmethod
    def error_body(cls, status: int, message: str) -> dict[str, Any]:
        return {
            "error": {"code": status, "message": message, "status": cls._STATUSES.get(status, "")}
        }

    @staticmethod
    def prompt_of(body: Any) -> str:
        contents = body.get("contents") if isinstance(body, dict) else None
        if not contents:
            return ""
        parts = contents[-1].get("parts", [])
        return "".join(p.get("text", "") for p in parts if isinstance(p, dict))

    @staticmethod
    def system_of(body: Any) -> str:
        si = body.get("systemInstruction") if isinstance(body, dict) else None
        if not si:
            return ""
        return "".join(p.get("text", "") for p in si.get("parts", []) if isinstance(p, dict))

    @staticmethod
    def path_model(path: str) -> str | None:
        m = _GEMINI_PATH.match(path.split("?", 1)[0])
        return m.group("model") if m else None

    @staticmethod
    def path_version(path: str) -> str | None:
        m = _GEMINI_PATH.match(path.split("?", 1)[0])
        return m.group("version") if m else None

    def route(self, method: str, path: str) -> str | None:
        if method == "POST" and _GEMINI_PATH.match(path):
            return None
        return f"Method not found: {method} {path}"

    def success_body(self, path: str, body: Any) -> dict[str, Any]:
        text = self.reply_for(body)
        prompt_tokens = len(self.prompt_of(body)) // 4
        out_tokens = _words(text)
        return {
            "candidates": [
                {
                    "content": {"role": "model", "parts": [{"text": text}]},
                    "finishReason": "STOP",
                    "index": 0,
                }
            ],
            "usageMetadata": {
                "promptTokenCount": prompt_tokens,
                "candidatesTokenCount": out_tokens,
                "totalTokenCount": prompt_tokens + out_tokens,
            },
            "modelVersion": self.model_version or self.path_model(path) or "gemini-unknown",
            "responseId": "fake-response",
        }
