"""One reply inbox per connection, where every copy of a request is answered.

nats-py's ``request()`` forgets a request when its timeout passes, so a reply that arrives
after the client sent the request again (to a keeper that took over, or because its own
wait ran out) would be dropped. Here a call keeps one future for all its copies: each copy
gets its own reply subject (a token under the connection's inbox), every token of the call
resolves the same future, and the future lives until the call ends. "No responders" (the
server's 503 status on the reply subject) counts only for the copy sent last.
"""

from __future__ import annotations

import asyncio
import contextlib

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription

__all__ = ["ReplyMux", "is_no_responders"]

_STATUS = "Status"
_NO_RESPONDERS = "503"


def is_no_responders(msg: Msg) -> bool:
    headers = msg.headers
    return bool(headers) and headers.get(_STATUS) == _NO_RESPONDERS  # type: ignore[union-attr]


class Call:
    """One logical request: its copies' tokens and the reply the first answer brings."""

    __slots__ = ("future", "last", "reply", "tokens")

    def __init__(self) -> None:
        #: Resolved (with None) when a reply arrives or the wait's timer fires.
        self.future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.last = ""
        self.reply: Msg | None = None
        self.tokens: list[str] = []

    async def wait(self, timeout: float) -> Msg | None:
        """The reply, or None if none came within ``timeout`` seconds."""
        if self.reply is None and timeout > 0:
            loop = asyncio.get_running_loop()
            if self.future.done():
                self.future = loop.create_future()
            future = self.future
            timer = loop.call_later(timeout, _wake, future)
            try:
                await future
            finally:
                timer.cancel()
        return self.reply

    def again(self) -> None:
        """Forget a "no responders" before the next copy."""
        self.reply = None


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class ReplyMux:
    """The wildcard reply subscription of one connection and the calls waiting on it."""

    def __init__(self, nc: NATS) -> None:
        self.nc = nc
        self._prefix = f"{nc.new_inbox()}."
        self._calls: dict[str, Call] = {}
        self._sub: Subscription | None = None
        self._counter = 0

    async def start(self) -> ReplyMux:
        self._sub = await self.nc.subscribe(f"{self._prefix}*", cb=self._on_reply)
        return self

    async def stop(self) -> None:
        sub, self._sub = self._sub, None
        if sub is not None:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()

    def open(self) -> Call:
        return Call()

    def reply_subject(self, call: Call) -> str:
        """A new reply subject for the next copy of ``call`` (which it resolves too)."""
        self._counter += 1
        token = f"{self._counter:x}"
        call.tokens.append(token)
        call.last = token
        self._calls[token] = call
        return self._prefix + token

    def close(self, call: Call) -> None:
        for token in call.tokens:
            self._calls.pop(token, None)
        call.tokens.clear()

    async def _on_reply(self, msg: Msg) -> None:
        token = msg.subject[len(self._prefix) :]
        call = self._calls.get(token)
        if call is None:
            return
        if is_no_responders(msg):
            if token != call.last or call.reply is not None:
                return  # an older copy's "no responders": a later copy is under way
        elif call.reply is not None and not is_no_responders(call.reply):
            return  # answered already (a reply to another copy)
        call.reply = msg
        _wake(call.future)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"ReplyMux({self._prefix}*, {len(self._calls)} waiting)"
