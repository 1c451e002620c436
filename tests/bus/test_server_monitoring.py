"""The embedded nats-server serves its HTTP monitoring on a free loopback port."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from bus import EmbeddedServer


def _get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200
        data: dict[str, object] = json.loads(response.read())
        return data


def test_embedded_server_serves_healthz_and_varz(tmp_path: Path) -> None:
    with EmbeddedServer(data_dir=tmp_path / "nats") as server:
        assert server.monitor_port and server.monitor_port != server.port
        assert server.monitor_url == f"http://127.0.0.1:{server.monitor_port}"
        assert _get_json(f"{server.monitor_url}/healthz") == {"status": "ok"}
        varz = _get_json(f"{server.monitor_url}/varz")
        assert varz["port"] == server.port
        assert varz["max_payload"] == server.max_payload
        assert "streams" in _get_json(f"{server.monitor_url}/jsz")  # JetStream is on


def test_monitoring_can_be_turned_off(tmp_path: Path) -> None:
    with EmbeddedServer(data_dir=tmp_path / "nats", monitoring=False) as server:
        assert server.monitor_port is None and server.monitor_url is None
        assert "http:" not in (tmp_path / "nats" / "nats.conf").read_text()
