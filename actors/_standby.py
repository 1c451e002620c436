"""Which keeper serves: the lease in the KV bucket ``ctxbus_keeper`` (bus/lease.py).

Any number of keepers may run on one bus; one holds the lease and serves, the others
stand by. The decision to take over is made from two signals:

- the readiness ping (``ctxbus.keeper.ping``, answered only by a serving keeper): "no
  responders" while the lease says its holder serves means the server has no
  subscription of it left, which is what a dead keeper (SIGKILL, a crash, a lost host: its
  connection is closed) looks like within milliseconds. It must last
  :data:`~bus.connection.NO_RESPONDERS_GRACE` (the server says it for a moment after a
  new responder subscribed). A holder still restoring (``serving`` false in the lease)
  answers no ping yet: it is taken over only when its revision goes stale;
- the lease's revision: a holder renews it every ``renew_every`` seconds, so a revision
  that stays the same for ``lease_ttl`` while the ping goes unanswered (times out) means
  the holder is stalled (stopped, swapping) although its connection lives.

The take-over is a compare-and-set on the revision the standby just read, so of two
standbys one wins, and a holder that renewed meanwhile keeps its lease. A holder whose
renewal finds another revision has lost the lease and steps down (its process exits);
a renewal that fails for other reasons (JetStream has no leader for a moment) is retried:
JetStream down stops a take-over too. Before it applies a change, a holder whose last
renewal is older than ``renew_every`` renews first (a keeper that was stalled finds out
it was replaced before it writes).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from typing import Any, Literal

import nats.errors
from nats.aio.client import Client as NATS
from nats.js.kv import KeyValue

from bus.connection import NO_RESPONDERS_GRACE
from bus.lease import claim, new_lease, read_lease, release, renew
from bus.subjects import KEEPER_PING

__all__ = ["Leadership"]

Answer = Literal["yes", "none", "silent"]


class Leadership:
    """One keeper's side of the lease."""

    def __init__(
        self,
        nc: NATS,
        kv: KeyValue,
        name: str,
        instance: str,
        log: Any,
        *,
        lease_ttl: float = 2.0,
        renew_every: float = 0.5,
        poll_every: float = 0.05,
    ) -> None:
        self.nc = nc
        self.kv = kv
        self.log = log
        self.lease = new_lease(name, instance)
        self.lease_ttl = lease_ttl
        self.renew_every = renew_every
        self.poll_every = poll_every
        #: Our revision of the lease record while we hold it.
        self.revision: int | None = None
        self._renewed = 0.0
        #: Set when another keeper took the lease from us.
        self.lost = asyncio.Event()
        self._renewing = asyncio.Lock()

    @property
    def held(self) -> bool:
        return self.revision is not None and not self.lost.is_set()

    async def _claim(self, last: int | None) -> bool:
        revision = await claim(self.kv, self.lease, last)
        if revision is None:
            return False
        self.revision = revision
        self._renewed = time.monotonic()
        return True

    async def _ping(self) -> Answer:
        try:
            await self.nc.request(KEEPER_PING, b"", timeout=0.5)
        except nats.errors.NoRespondersError:
            return "none"
        except nats.errors.TimeoutError:
            return "silent"
        return "yes"

    async def claim_at_start(self) -> bool:
        """Take the lease if nobody holds it or its holder is gone; False: stand by."""
        lease, revision = await read_lease(self.kv)
        if revision is None:
            return await self._claim(None)
        if lease is None or not lease.serving or await self._ping() != "none":
            # Held by a keeper that serves, or is still starting: the standby loop decides.
            return False
        # Nobody serves, or a new holder whose subscription is not visible yet: ask again.
        await asyncio.sleep(NO_RESPONDERS_GRACE)
        if await self._ping() != "none":
            return False
        _lease, revision = await read_lease(self.kv)
        return await self._claim(revision)

    async def wait_for_turn(self, stopped: asyncio.Event) -> str | None:
        """Stand by until the lease is ours (returns the previous holder's name, "" if
        none) or ``stopped`` is set (None)."""
        observed: int | None = None
        observed_at = time.monotonic()
        silent_since: float | None = None
        while not stopped.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopped.wait(), self.poll_every)
                return None
            try:
                lease, revision = await read_lease(self.kv)
                previous = lease.holder if lease is not None else ""
                if revision is None:
                    if await self._claim(None):
                        return previous
                    continue
                now = time.monotonic()
                if revision != observed:
                    observed, observed_at = revision, now
                answer = await self._ping()
                now = time.monotonic()
                if answer == "yes":
                    silent_since = None
                    continue
                serving = lease is not None and lease.serving
                if answer == "none" and serving:
                    silent_since = now if silent_since is None else silent_since
                    if now - silent_since < NO_RESPONDERS_GRACE:
                        continue
                elif now - observed_at < self.lease_ttl:
                    # The holder's ping timed out (or it is still starting), but it renews:
                    # busy, not gone.
                    continue
                if await self._claim(revision):
                    return previous
                silent_since = None
            except Exception as exc:  # JetStream or the connection recovering: try again
                self.log.warning("standby check failed", error=repr(exc))
        return None

    async def now_serving(self) -> None:
        """Say in the lease that we serve (and answer the readiness ping)."""
        self.lease = dataclasses.replace(self.lease, serving=True)
        await self.confirm()

    async def hold(self, stopped: asyncio.Event) -> None:
        """Renew the lease every ``renew_every`` seconds until ``stopped`` or lost."""
        while not stopped.is_set() and not self.lost.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopped.wait(), self.renew_every)
                return
            await self.confirm()

    async def confirm(self, max_age: float = 0.0) -> bool:
        """Renew now unless done within ``max_age`` seconds; False if the lease is lost, or
        could not be renewed for ``lease_ttl`` (a standby may have taken it)."""
        if self.lost.is_set() or self.revision is None:
            return False
        if max_age and time.monotonic() - self._renewed < max_age:
            return True
        async with self._renewing:
            if max_age and time.monotonic() - self._renewed < max_age:
                return not self.lost.is_set()
            try:
                revision = await renew(self.kv, self.lease, self.revision)
            except Exception as exc:  # JetStream busy or recovering: keep serving, retry
                self.log.warning("lease not renewed", error=repr(exc))
                # Unconfirmed for longer than a standby waits for a stalled holder: it may
                # serve now, so this keeper must not write until a renewal succeeds.
                return time.monotonic() - self._renewed < self.lease_ttl
            if revision is None:
                holder = None
                with contextlib.suppress(Exception):  # only for the log: it may not answer
                    holder, _revision = await read_lease(self.kv)
                self.log.error(
                    "another keeper took the lease: stepping down",
                    by=holder.holder if holder is not None else "",
                )
                self.lost.set()
                return False
            self.revision = revision
            self._renewed = time.monotonic()
            return True

    async def wait_renewed(self, timeout: float) -> bool:
        """After :meth:`confirm` said False: True once a renewal succeeds (the renewal loop
        retries every ``renew_every``: JetStream had no leader for the lease bucket, an
        election of a few seconds), False if the lease is lost or ``timeout`` passes."""
        since = self._renewed
        deadline = time.monotonic() + timeout
        while not self.lost.is_set() and time.monotonic() < deadline:
            if self._renewed > since:
                return True
            await asyncio.sleep(self.poll_every)
        return False

    async def release(self) -> None:
        if self.revision is not None and not self.lost.is_set():
            await release(self.kv, self.revision)
        self.revision = None
