"""Transient JetStream placement errors are retried; a lasting one is raised."""

from __future__ import annotations

import pytest
from nats.js.errors import APIError, BadRequestError

from bus.jobs import _retry_placement

pytestmark = pytest.mark.anyio


def _no_peers() -> APIError:
    return APIError(code=500, err_code=10005, description="no suitable peers for placement")


async def test_placement_error_is_retried_until_the_cluster_forms() -> None:
    calls = 0

    async def create() -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise _no_peers()
        if calls == 2:
            raise APIError(code=503, description="peer offline")
        return "created"

    assert await _retry_placement(create, "job stream", timeout=5.0) == "created"
    assert calls == 3


async def test_lasting_placement_error_is_raised() -> None:
    async def create() -> None:
        raise _no_peers()

    with pytest.raises(APIError) as info:
        await _retry_placement(create, "job stream", timeout=0.3)
    assert info.value.err_code == 10005


async def test_other_errors_are_not_retried() -> None:
    calls = 0

    async def create() -> None:
        nonlocal calls
        calls += 1
        raise BadRequestError(code=400, err_code=10058, description="name in use")

    with pytest.raises(BadRequestError):
        await _retry_placement(create, "job stream", timeout=5.0)
    assert calls == 1
