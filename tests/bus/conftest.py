"""Fixtures shared by the bus tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import nats
import pytest
from nats.js.client import JetStreamContext

from bus.server import EmbeddedServer


@pytest.fixture
async def js(nats_server: EmbeddedServer) -> AsyncIterator[JetStreamContext]:
    """A JetStream context on the test's server, closed after the test."""
    nc = await nats.connect(nats_server.url)
    try:
        yield nc.jetstream()
    finally:
        await nc.close()
