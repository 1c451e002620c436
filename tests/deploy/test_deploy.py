"""deploy/: the NATS config, the compose file and the Kubernetes manifests.

Checked against the code (stream and consumer names, CLI flags, sizes, stop timeouts) and
against a real 3-node nats-server cluster started on loopback from deploy/nats/nats.conf,
with a keeper and a worker run with the compose file's own commands: the job stream and the
entry bucket get a replica on every node, and a put still works with one node gone.

No YAML library is a dependency, so the manifests keep to a small YAML subset that
``load_yaml`` below reads (block mappings and sequences, JSON flow lists, ``|`` blocks).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import nats.errors
import pytest

from actors.base import Actor
from actors.cli import build_parser
from bus import SharedContext, connect
from bus.jobs import ensure_stream
from bus.server import find_nats_server, free_port
from bus.store import ENTRIES_STREAM
from bus.subjects import JOBS_CONSUMER, JOBS_STREAM, blobs_bucket
from tests.nats_cluster import loopback_conf

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
NATS_CONF = DEPLOY / "nats" / "nats.conf"
K8S = DEPLOY / "k8s"
MIB = 1024 * 1024
#: A ctxbus entry reply carries original + compressed: 8 MiB frames (docs/architecture.md).
REQUIRED_MAX_PAYLOAD = 8 * MIB


# -- a reader for the YAML subset the manifests use -------------------------------------

_KEY_RE = re.compile(
    r'(?:"(?P<quoted>[^"\\]*)"|(?P<plain>[^\s#\'"\[\]{},:-][^:]*?|-[^\s:][^:]*?))'
    r"\s*:(?:\s+|$)"
)


def _strip_comment(text: str) -> str:
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i].rstrip()
    return text.rstrip()


def _scalar(text: str) -> Any:
    if text[0] in '"[{':
        return json.loads(text)  # flow collections are written as JSON
    if text[0] == "'":
        if len(text) < 2 or not text.endswith("'"):
            raise ValueError(f"unterminated string {text!r}")
        return text[1:-1].replace("''", "'")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return {"true": True, "false": False, "null": None, "~": None}.get(text, text)


class _YamlReader:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.i = 0

    def peek(self) -> tuple[int, str] | None:
        while self.i < len(self.lines):
            raw = self.lines[self.i]
            body = raw.lstrip(" ")
            if body.startswith("\t"):
                raise ValueError(f"line {self.i + 1}: tab indentation")
            if body and not body.startswith("#"):
                return len(raw) - len(body), _strip_comment(body)
            self.i += 1
        return None

    def document(self) -> Any:
        first = self.peek()
        if first is None:
            return None
        node = self.node(first[0])
        rest = self.peek()
        if rest is not None:
            raise ValueError(f"line {self.i + 1}: unexpected {rest[1]!r}")
        return node

    def node(self, indent: int) -> Any:
        head = self.peek()
        assert head is not None and head[0] == indent
        if head[1] == "-" or head[1].startswith("- "):
            return self.sequence(indent)
        return self.mapping(indent)

    def sequence(self, indent: int) -> list[Any]:
        items: list[Any] = []
        while (head := self.peek()) and head[0] == indent and head[1][:2] in ("-", "- "):
            rest = head[1][1:].lstrip()
            if not rest:
                self.i += 1
                nxt = self.peek()
                items.append(self.node(nxt[0]) if nxt and nxt[0] > indent else None)
            elif _KEY_RE.match(rest):  # "- key: value" starts a mapping at the item's column
                column = indent + len(head[1]) - len(rest)
                self.lines[self.i] = " " * column + rest
                items.append(self.mapping(column))
            else:
                self.i += 1
                items.append(_scalar(rest))
        return items

    def mapping(self, indent: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while (head := self.peek()) and head[0] == indent:
            match = _KEY_RE.match(head[1])
            if not match:
                break
            key = match["quoted"] if match["quoted"] is not None else match["plain"]
            if key in result:
                raise ValueError(f"line {self.i + 1}: duplicate key {key!r}")
            rest = head[1][match.end() :].strip()
            self.i += 1
            if rest in ("|", "|-"):
                result[key] = self.block(indent, keep_newline=rest == "|")
            elif rest:
                result[key] = _scalar(rest)
            else:
                nxt = self.peek()
                if nxt and (nxt[0] > indent or (nxt[0] == indent and nxt[1][:2] in ("-", "- "))):
                    result[key] = self.node(nxt[0])
                else:
                    result[key] = None
        head = self.peek()
        if head is not None and head[0] > indent:
            raise ValueError(f"line {self.i + 1}: cannot read {head[1]!r}")
        return result

    def block(self, indent: int, keep_newline: bool) -> str:
        lines: list[str] = []
        while self.i < len(self.lines):
            raw = self.lines[self.i]
            if raw.strip() and len(raw) - len(raw.lstrip(" ")) <= indent:
                break
            lines.append(raw)
            self.i += 1
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return ""
        cut = min(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
        text = "\n".join(line[cut:] for line in lines)
        return text + "\n" if keep_newline else text


def load_yaml(text: str) -> list[Any]:
    """Every document of ``text``, in the subset of YAML that deploy/ uses."""
    chunks = re.split(r"^---[ \t]*$", text, flags=re.MULTILINE)
    docs = [_YamlReader(chunk).document() for chunk in chunks]
    return [doc for doc in docs if doc is not None]


def load_yaml_file(path: Path) -> list[Any]:
    return load_yaml(path.read_text(encoding="utf-8"))


# -- a reader for nats-server config files --------------------------------------------


def read_conf(text: str) -> dict[str, Any]:
    """Flat ``{"block.key": value}`` of a nats-server config (lists for ``[...]``)."""
    settings: dict[str, Any] = {}
    path: list[str] = []
    in_list: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if in_list is not None:
            if line == "]":
                in_list = None
            else:
                in_list.extend(item.strip() for item in line.split(",") if item.strip())
            continue
        if line == "}":
            path.pop()
        elif match := re.fullmatch(r"include\s+(.+)", line):
            settings[".".join([*path, "include"])] = match[1].strip().strip("\"'")
        elif match := re.fullmatch(r"(\w+)\s*[:=]?\s*\{", line):
            path.append(match[1])
        elif match := re.fullmatch(r"(\w+)\s*[:=]\s*\[", line):
            in_list = settings[".".join([*path, match[1]])] = []
        elif match := re.fullmatch(r"(\w+)\s*[:=]\s*(.+)", line):
            settings[".".join([*path, match[1]])] = match[2].strip().strip("\"'")
        else:
            raise ValueError(f"cannot read nats config line {raw!r}")
    assert not path and in_list is None, "unbalanced nats config"
    return settings


def nats_size(value: str) -> int:
    """A nats-server size: ``8MB`` is 8 MiB (``KB``/``MB``/``GB`` are binary, ``K``/``M``/``G``
    decimal). The live cluster test checks this reading against what the server reports."""
    match = re.fullmatch(r"(\d+)\s*([KMGT]?)(I?B?)", value.upper())
    assert match, f"not a size: {value!r}"
    power = " KMGT".index(match[2] or " ")
    base = 1024 if match[3] else 1000
    return int(match[1]) * int(base**power)


def k8s_quantity(value: str) -> int:
    match = re.fullmatch(r"(\d+)(Ki|Mi|Gi|Ti)", value)
    assert match, f"not a binary quantity: {value!r}"
    return int(match[1]) * int(1024 ** (["Ki", "Mi", "Gi", "Ti"].index(match[2]) + 1))


def conf_variables(text: str) -> set[str]:
    body = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    return set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))


def nats_check(conf: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_nats_server(), "-t", "-c", str(conf)],
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


# -- the files, parsed ----------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    (doc,) = load_yaml_file(DEPLOY / "compose.yaml")
    assert isinstance(doc, dict)
    return doc


@pytest.fixture(scope="module")
def k8s() -> dict[tuple[str, str], dict[str, Any]]:
    """Every resource listed in the kustomization, by (kind, name)."""
    (kustomization,) = load_yaml_file(K8S / "kustomization.yaml")
    resources: dict[tuple[str, str], dict[str, Any]] = {}
    for name in kustomization["resources"]:
        for doc in load_yaml_file(K8S / name):
            key = (doc["kind"], doc["metadata"]["name"])
            assert key not in resources, f"{key} defined twice"
            resources[key] = doc
    return resources


@pytest.fixture(scope="module")
def kustomization() -> dict[str, Any]:
    (doc,) = load_yaml_file(K8S / "kustomization.yaml")
    return dict(doc)


def nats_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: svc
        for name, svc in compose["services"].items()
        if str(svc.get("image", "")).startswith("nats:")
    }


def ctxbus_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: svc for name, svc in compose["services"].items() if "build" in svc}


def k8s_conf_text(k8s: dict[tuple[str, str], dict[str, Any]]) -> str:
    sts = k8s[("StatefulSet", "nats")]
    (volume,) = [v for v in sts["spec"]["template"]["spec"]["volumes"] if "configMap" in v]
    config_map = k8s[("ConfigMap", volume["configMap"]["name"])]
    (text,) = config_map["data"].values()
    return str(text)


#: Where the pods mount what (the paths the conf and the env name).
SECRETS_ROOT = "/etc/"


def k8s_secrets(root: Path) -> dict[str, Path]:
    """The Secrets deploy/README.md tells the admin to create, made the documented way
    (``ctxbus auth init``; a CA and a server certificate), laid out under ``root`` as the
    pods mount them: ``root/etc/...``. Returns the auth directory and the CA file."""
    from bus.auth import AuthDirectory
    from tests.tls_certs import issue

    auth = AuthDirectory.init(root / "auth", agents={"research": ["research"]})
    mounted = root / "etc"
    (mounted / "nats-auth").mkdir(parents=True)
    (mounted / "nats-auth" / "nats-auth.conf").write_text(auth.config_file.read_text())
    tls = mounted / "nats-tls"
    ca = issue(root / "ca", "ca", "ctxbus CA", ca=True)
    server = issue(
        root / "ca",
        "server",
        "nats",
        ca,
        dns=("nats", "nats.ctxbus.svc", "nats.ctxbus.svc.cluster.local"),
    )
    tls.mkdir(parents=True)
    (tls / "tls.crt").write_bytes(server.cert_file.read_bytes())
    (tls / "tls.key").write_bytes(server.key_file.read_bytes())
    (tls / "ca.crt").write_bytes(ca.cert_file.read_bytes())
    for role in ("keeper", "worker"):
        creds = root / role / "etc" / "ctxbus"
        (creds / "creds").mkdir(parents=True)
        (creds / "creds" / f"{role}.nk").write_text(auth.seed_file(role).read_text())
        (creds / "tls").mkdir()
        (creds / "tls" / "ca.crt").write_bytes(ca.cert_file.read_bytes())
        (creds / "limits").mkdir()
        (creds / "limits" / "limits.json").write_text((K8S / "limits.json").read_text())
    return {"auth": auth.path, "ca": ca.cert_file}


def k8s_conf_with_secrets(k8s: dict[tuple[str, str], dict[str, Any]], root: Path) -> Path:
    """The k8s nats.conf at ``root/etc/nats/nats.conf`` (where the pod mounts it) with the
    Secrets in place under ``root/etc``; absolute paths moved under ``root``."""
    if not (root / "etc" / "nats-auth").exists():
        k8s_secrets(root)
    conf = root / "etc" / "nats" / "nats.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text(k8s_conf_text(k8s).replace('"/etc/', f'"{root}/etc/'))
    return conf


def containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return list(doc["spec"]["template"]["spec"]["containers"])


def env_of(container: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container.get("env", [])}


def parse_ctxbus(argv: list[str], where: str) -> Any:
    """Parse ``argv`` with the real CLI parser: unknown commands or flags fail the test."""
    try:
        return build_parser().parse_args(argv)
    except SystemExit:
        pytest.fail(f"{where}: `ctxbus {' '.join(argv)}` is not a valid ctxbus command line")


def ctxbus_command_lines(
    compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> list[tuple[str, list[str]]]:
    """Every ctxbus command line in compose.yaml and the manifests, without "ctxbus"."""
    found: list[tuple[str, list[str]]] = []
    for name, svc in ctxbus_services(compose).items():
        found.append((f"compose {name}", list(svc["command"])))
        if "healthcheck" in svc:
            test = list(svc["healthcheck"]["test"])
            assert test[:2] == ["CMD", "ctxbus"], f"compose {name}: healthcheck {test}"
            found.append((f"compose {name} healthcheck", test[2:]))
    for (kind, name), doc in k8s.items():
        if kind != "Deployment":
            continue
        for c in containers(doc):
            assert "command" not in c, f"{name}: the image's entrypoint is ctxbus; use args"
            found.append((f"k8s {name}", list(c["args"])))
            for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                if probe in c:
                    command = list(c[probe]["exec"]["command"])
                    assert command[0] == "ctxbus", f"k8s {name} {probe}: {command}"
                    found.append((f"k8s {name} {probe}", command[1:]))
    return found


# -- the YAML reader itself -----------------------------------------------------------


def test_yaml_reader_reads_the_subset() -> None:
    text = """\
# comment
a: 1
b: "x # not a comment"  # a comment
c:
  - name: one
    args: ["-c", "/etc/x"]
  - two
d:
- e: {"k": 1}
  f:
f: |
  line 1
    line 2
---
g: '$G'
"""
    assert load_yaml(text) == [
        {
            "a": 1,
            "b": "x # not a comment",
            "c": [{"name": "one", "args": ["-c", "/etc/x"]}, "two"],
            "d": [{"e": {"k": 1}, "f": None}],
            "f": "line 1\n  line 2\n",
        },
        {"g": "$G"},
    ]
    with pytest.raises(ValueError):
        load_yaml("a: 1\n    b: 2\n")


# -- the NATS config ------------------------------------------------------------------


def test_nats_confs_pass_the_config_check(
    tmp_path: Path, compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> None:
    k8s_conf = k8s_conf_with_secrets(k8s, tmp_path)
    sts_env = env_of(containers(k8s[("StatefulSet", "nats")])[0])
    for conf, variables in [(NATS_CONF, None), (k8s_conf, sts_env)]:
        used = conf_variables(conf.read_text())
        if variables is not None:
            assert used <= variables.keys(), f"{conf.name}: {used - variables.keys()} unset"
        # Every compose node (and the StatefulSet pod) sets what the conf uses.
        for name, svc in nats_services(compose).items():
            if conf == NATS_CONF:
                env = {k: str(v) for k, v in svc["environment"].items()}
                assert used <= env.keys(), f"compose {name}: {used - env.keys()} unset"
        env = {name: "nats-test" for name in used}
        result = nats_check(conf, env)
        assert result.returncode == 0, f"{conf}: {result.stdout}{result.stderr}"
        if used:  # and the check really depends on them: without them it fails
            assert nats_check(conf, {}).returncode != 0


def test_nats_sizes() -> None:
    conf = read_conf(NATS_CONF.read_text())
    assert nats_size(conf["max_payload"]) >= REQUIRED_MAX_PAYLOAD
    # Room for several maximal frames per client before it counts as a slow consumer.
    assert nats_size(conf["max_pending"]) >= 8 * nats_size(conf["max_payload"])
    assert nats_size(conf["jetstream.max_file_store"]) >= 1024 * MIB
    assert conf["port"] == "4222"
    assert conf["cluster.port"] == "6222"
    assert conf["http_port"] == "8222"


def test_k8s_conf_has_the_compose_settings(k8s: dict[tuple[str, str], dict[str, Any]]) -> None:
    compose_conf = read_conf(NATS_CONF.read_text())
    k8s_conf = read_conf(k8s_conf_text(k8s))
    # Kubernetes adds authentication and TLS (deploy/README.md, "Credentials and TLS").
    differ = {"cluster.routes", "pid_file", "include"} | {
        k for k in k8s_conf if k.startswith("tls.")
    }
    assert {k: v for k, v in k8s_conf.items() if k not in differ} == {
        k: v for k, v in compose_conf.items() if k not in differ
    }


def test_compose_nats_nodes(compose: dict[str, Any]) -> None:
    conf = read_conf(NATS_CONF.read_text())
    nodes = nats_services(compose)
    assert len(nodes) == 3
    assert conf["cluster.routes"] == [f"nats://{name}:{conf['cluster.port']}" for name in nodes]
    volumes = compose.get("volumes") or {}
    for name, svc in nodes.items():
        flag, conf_path = svc["command"]
        assert flag == "-c"
        mounts = dict(m.split(":", 2)[:2] for m in svc["volumes"])
        by_target = {target: source for source, target in mounts.items()}
        assert (DEPLOY / by_target[conf_path]).resolve() == NATS_CONF
        data = by_target[conf["jetstream.store_dir"]]
        assert data in volumes, f"{name}: JetStream data should be a named volume"
        assert svc["environment"]["SERVER_NAME"] == name
        # Lame duck mode on stop, and time to finish it.
        assert svc["stop_signal"] == "SIGUSR2"
        grace = nats_size(conf["lame_duck_duration"].rstrip("s")) + nats_size(
            conf["lame_duck_grace_period"].rstrip("s")
        )
        assert int(svc["stop_grace_period"].rstrip("s")) > grace


# -- the Kubernetes manifests ---------------------------------------------------------


def test_kustomization_lists_every_manifest(kustomization: dict[str, Any]) -> None:
    manifests = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == manifests
    assert [image["name"] for image in kustomization["images"]] == ["ctxbus"]


def test_k8s_nats_cluster(k8s: dict[tuple[str, str], dict[str, Any]]) -> None:
    conf = read_conf(k8s_conf_text(k8s))
    sts = k8s[("StatefulSet", "nats")]
    spec = sts["spec"]
    headless = k8s[("Service", spec["serviceName"])]
    assert headless["spec"]["clusterIP"] == "None"
    assert headless["spec"]["publishNotReadyAddresses"] is True
    assert spec["podManagementPolicy"] == "Parallel"
    # Routes to every pod through the headless Service.
    assert conf["cluster.routes"] == [
        f"nats://{sts['metadata']['name']}-{i}.{spec['serviceName']}:{conf['cluster.port']}"
        for i in range(spec["replicas"])
    ]
    assert spec["replicas"] == 3
    (container,) = containers(sts)
    # server_name is the pod name: KEDA finds the consumer leader by it.
    assert conf["server_name"] == "$SERVER_NAME"
    assert env_of(container)["SERVER_NAME"] == {"fieldRef": {"fieldPath": "metadata.name"}}
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {
        "client": int(conf["port"]),
        "cluster": int(conf["cluster.port"]),
        "monitor": int(conf["http_port"]),
    }
    for svc in (headless, k8s[("Service", "nats")]):
        for port in svc["spec"]["ports"]:
            assert ports[port["targetPort"]] == port["port"]
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["port"] == "monitor"
    # The conf is mounted where the args point; data and the pid file have volumes.
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    flag, conf_path = container["args"]
    assert flag == "-c" and conf_path == f"{mounts['config']}/nats.conf"
    assert mounts["data"] == conf["jetstream.store_dir"]
    assert conf["pid_file"].startswith(mounts["pid"] + "/")
    assert container["lifecycle"]["preStop"]["exec"]["command"] == [
        "nats-server",
        "--signal",
        f"ldm={conf['pid_file']}",
    ]
    (claim,) = spec["volumeClaimTemplates"]
    assert claim["metadata"]["name"] == "data"
    storage = k8s_quantity(claim["spec"]["resources"]["requests"]["storage"])
    assert storage > nats_size(conf["jetstream.max_file_store"])
    lame_duck = sum(
        int(conf[k].rstrip("s")) for k in ("lame_duck_duration", "lame_duck_grace_period")
    )
    assert sts["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > lame_duck


def test_k8s_clients_use_the_client_service(k8s: dict[tuple[str, str], dict[str, Any]]) -> None:
    conf = read_conf(k8s_conf_text(k8s))
    for name in ("ctxbus-keeper", "ctxbus-worker"):
        (container,) = containers(k8s[("Deployment", name)])
        env = env_of(container)
        assert env["CTXBUS_LOG_FORMAT"] == "json"
        for url in env["CTXBUS_SERVERS"].split(","):
            match = re.fullmatch(r"nats://([a-z0-9-]+):(\d+)", url)
            assert match, url
            service = k8s[("Service", match[1])]
            assert int(match[2]) in [p["port"] for p in service["spec"]["ports"]]
            assert int(match[2]) == int(conf["port"])
        assert container["image"] == "ctxbus"


def test_a_keeper_and_a_standby(
    compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> None:
    keeper = k8s[("Deployment", "ctxbus-keeper")]
    assert keeper["spec"]["replicas"] == 2
    # A new pod stands by before an old one goes.
    assert keeper["spec"]["strategy"] == {
        "type": "RollingUpdate",
        "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0},
    }
    keepers = [
        name
        for name, svc in ctxbus_services(compose).items()
        if parse_ctxbus(list(svc["command"]), name).command == "keeper"
    ]
    assert keepers == ["keeper"]
    assert compose["services"]["keeper"]["deploy"]["replicas"] == 2
    assert not [d for (kind, _), d in k8s.items() if kind == "ScaledObject" and "keeper" in str(d)]


def test_keda_scales_workers_on_the_job_consumer(
    k8s: dict[tuple[str, str], dict[str, Any]], kustomization: dict[str, Any]
) -> None:
    worker = k8s[("Deployment", "ctxbus-worker")]
    assert "replicas" not in worker["spec"], "KEDA owns the worker replica count"
    (scaled,) = [d for (kind, _), d in k8s.items() if kind == "ScaledObject"]
    spec = scaled["spec"]
    assert spec["scaleTargetRef"]["name"] == worker["metadata"]["name"]
    # Never zero: a put with no worker pulling fails at once with NoWorker.
    assert spec["minReplicaCount"] >= 1
    assert spec["maxReplicaCount"] > spec["minReplicaCount"]
    (trigger,) = spec["triggers"]
    assert trigger["type"] == "nats-jetstream"
    meta = trigger["metadata"]
    assert meta["stream"] == JOBS_STREAM
    assert meta["consumer"] == JOBS_CONSUMER
    assert meta["account"] == "$G"
    sts = k8s[("StatefulSet", "nats")]
    conf = read_conf(k8s_conf_text(k8s))
    assert meta["natsServerMonitoringEndpoint"] == (
        f"{sts['spec']['serviceName']}.{kustomization['namespace']}.svc.cluster.local:"
        f"{conf['http_port']}"
    )
    # KEDA metadata values are strings; the threshold is one fetch batch per worker.
    (container,) = containers(worker)
    args = parse_ctxbus(list(container["args"]), "worker.yaml")
    assert meta["lagThreshold"] == str(args.batch)


def test_worker_stop_fits_in_the_grace_period(
    compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> None:
    # Actor.stop waits `timeout` for in-flight jobs, then up to `timeout` to drain.
    stop_timeout = inspect.signature(Actor.stop).parameters["timeout"].default
    needed = 2 * stop_timeout + 5
    for name in ("ctxbus-worker", "ctxbus-keeper"):
        spec = k8s[("Deployment", name)]["spec"]["template"]["spec"]
        assert spec["terminationGracePeriodSeconds"] >= needed, name
    for name in ("worker", "keeper"):
        assert int(compose["services"][name]["stop_grace_period"].rstrip("s")) >= needed, name
    assert compose["services"]["worker"]["deploy"]["replicas"] == 3


def test_every_ctxbus_command_line_parses(
    compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> None:
    lines = ctxbus_command_lines(compose, k8s)
    commands = {where: parse_ctxbus(argv, where).command for where, argv in lines}
    assert commands == {
        "compose keeper": "keeper",
        "compose keeper healthcheck": "stats",
        "compose worker": "worker",
        "k8s ctxbus-keeper": "keeper",
        "k8s ctxbus-keeper readinessProbe": "stats",
        "k8s ctxbus-worker": "worker",
    }
    # compose and Kubernetes run the same commands.
    by_where = dict(lines)
    assert by_where["compose keeper"] == by_where["k8s ctxbus-keeper"]
    assert by_where["compose worker"] == by_where["k8s ctxbus-worker"]
    assert by_where["compose keeper healthcheck"] == by_where["k8s ctxbus-keeper readinessProbe"]


def test_stream_and_bucket_replicated_on_every_nats_node(
    compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> None:
    # The keeper creates the job stream and the entry bucket, workers the job stream: both
    # ask for one replica per NATS node, so losing a node loses no entry and stops no put.
    nodes = {
        "compose": len(nats_services(compose)),
        "k8s": k8s[("StatefulSet", "nats")]["spec"]["replicas"],
    }
    for where, argv in ctxbus_command_lines(compose, k8s):
        args = parse_ctxbus(argv, where)
        if args.command in ("keeper", "worker"):
            assert args.replicas == nodes[where.split()[0]] == 3, where


def test_compose_ctxbus_services(compose: dict[str, Any]) -> None:
    conf = read_conf(NATS_CONF.read_text())
    nodes = nats_services(compose)
    for name, svc in ctxbus_services(compose).items():
        assert (DEPLOY / svc["build"]["context"]).resolve() == REPO
        assert (REPO / svc["build"]["dockerfile"]).resolve() == DEPLOY / "Dockerfile"
        env = svc["environment"]
        assert env["CTXBUS_LOG_FORMAT"] == "json"
        assert env["CTXBUS_SERVERS"].split(",") == [f"nats://{n}:{conf['port']}" for n in nodes]
        assert set(svc["depends_on"]) == set(nodes), name
        assert all(d["condition"] == "service_healthy" for d in svc["depends_on"].values())


def test_dockerfile_installs_the_package() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    instructions = [
        line.split(None, 1)
        for line in dockerfile.splitlines()
        if line.strip() and not line.startswith((" ", "#"))
    ]
    assert instructions[0] == ["FROM", "python:3.11-slim"]
    copied: set[str] = set()
    for op, rest in instructions:
        if op == "COPY":
            *sources, _dest = rest.split()
            for source in sources:
                assert (REPO / source).exists(), f"COPY {source}: not in the repository"
                copied.add(source)
    # Everything `pip install .` needs: the packages, pyproject.toml and its readme.
    packages = {
        p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    }
    assert packages | {"pyproject.toml", pyproject["project"]["readme"]} <= copied
    assert ["RUN", "pip install . && rm -rf /src"] in instructions
    assert "ctxbus" in pyproject["project"]["scripts"]
    assert ["ENTRYPOINT", '["ctxbus"]'] in instructions
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text().split()
    assert not copied & set(ignored)


# -- a real 3-node cluster from deploy/nats/nats.conf ---------------------------------


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=2) as response:
        return json.loads(response.read())


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def _wait_for(
    what: str, check: Callable[[], bool], timeout: float, diagnose: Callable[[], str]
) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n{diagnose()}")
        time.sleep(0.05)


def _stop(proc: subprocess.Popen[Any], timeout: float = 10.0) -> int:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGTERM)
        try:
            return proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(5)
            return -9
    return int(proc.returncode)


#: The blob bucket's stream of the namespace the cluster test writes to.
DEPLOYTEST_BLOBS = f"OBJ_{blobs_bucket('deploytest')}"


async def _replicas(url: str) -> dict[str, tuple[int, int, str | None]]:
    """For the job stream, its consumer, the entry bucket and the test namespace's blob
    bucket: (configured replicas, 0 for "as many as the stream"; followers that are
    current; the leader's name)."""
    nc = await connect(url)
    try:
        js = nc.jetstream()
        found: dict[str, tuple[int, int, str | None]] = {}
        for name in (JOBS_STREAM, ENTRIES_STREAM, DEPLOYTEST_BLOBS):
            stream = await js.stream_info(name)
            assert stream.cluster is not None
            found[name] = (
                stream.config.num_replicas or 0,
                sum(bool(peer.current) for peer in stream.cluster.replicas or []),
                stream.cluster.leader,
            )
        consumer = await js.consumer_info(JOBS_STREAM, JOBS_CONSUMER)
        assert consumer.cluster is not None
        found[JOBS_CONSUMER] = (
            consumer.config.num_replicas or 0,
            sum(bool(peer.current) for peer in consumer.cluster.replicas or []),
            consumer.cluster.leader,
        )
        return found
    finally:
        await nc.close()


async def _step_down(url: str, stream: str) -> None:
    """Ask ``stream``'s leader to hand over to another replica."""
    nc = await connect(url)
    try:
        await nc.request(f"$JS.API.STREAM.LEADER.STEPDOWN.{stream}", b"", timeout=5)
    finally:
        await nc.close()


async def _replicas_of_stream(url: str) -> int:
    nc = await connect(url)
    try:
        return int((await nc.jetstream().stream_info(JOBS_STREAM)).config.num_replicas or 0)
    finally:
        await nc.close()


async def _ensure_job_stream(url: str) -> None:
    """ensure_stream with the defaults (one replica), as ctxbus did before --replicas."""
    nc = await connect(url)
    try:
        await ensure_stream(nc.jetstream())
    finally:
        await nc.close()


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[Any]]]:
    procs: list[subprocess.Popen[Any]] = []
    try:
        yield procs
    finally:
        for proc in reversed(procs):
            _stop(proc, 5.0)


@pytest.mark.timeout(60)
def test_cluster_from_the_deploy_conf(
    tmp_path: Path,
    compose: dict[str, Any],
    k8s: dict[tuple[str, str], dict[str, Any]],
    processes: list[subprocess.Popen[Any]],
) -> None:
    conf_text = NATS_CONF.read_text()
    conf = read_conf(conf_text)
    nodes = nats_services(compose)
    ports = {name: (free_port(), free_port(), free_port()) for name in nodes}
    routes = {name: p[1] for name, p in ports.items()}
    logs: dict[str, Path] = {}
    node_procs: dict[str, subprocess.Popen[Any]] = {}
    for name, (client, cluster, monitor) in ports.items():
        path = tmp_path / f"{name}.conf"
        path.write_text(
            loopback_conf(conf_text, name, routes, client, cluster, monitor, tmp_path / name)
        )
        logs[name] = tmp_path / f"{name}.log"
        env = {**os.environ, **{k: str(v) for k, v in nodes[name]["environment"].items()}}
        with logs[name].open("wb") as log:
            node_procs[name] = subprocess.Popen(
                [find_nats_server(), "-c", str(path)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            processes.append(node_procs[name])
    mon = {name: f"http://127.0.0.1:{p[2]}" for name, p in ports.items()}
    url = {name: f"nats://127.0.0.1:{p[0]}" for name, p in ports.items()}

    def diagnose() -> str:
        return "\n".join(
            f"--- {n}\n{p.read_text(errors='replace')[-1500:]}" for n, p in logs.items()
        )

    def routed() -> bool:
        for name in nodes:
            try:
                remotes = {r.get("remote_name") for r in _get_json(f"{mon[name]}/routez")["routes"]}
            except OSError:
                return False
            if remotes != set(nodes) - {name}:
                return False
        return True

    def meta_leader() -> bool:
        try:
            meta = _get_json(f"{mon[next(iter(nodes))]}/jsz").get("meta_cluster", {})
        except OSError:
            return False
        return meta.get("cluster_size") == 3 and bool(meta.get("leader"))

    def healthy() -> bool:
        return all(_status(f"{mon[name]}/healthz") == 200 for name in nodes)

    _wait_for("routes between all three nodes", routed, 15, diagnose)
    _wait_for("a JetStream meta leader", meta_leader, 15, diagnose)
    _wait_for("/healthz on all three nodes", healthy, 15, diagnose)

    # What the servers made of the conf: sizes as the code and this test read them.
    for name in nodes:
        varz = _get_json(f"{mon[name]}/varz")
        assert varz["server_name"] == name
        assert varz["max_payload"] == nats_size(conf["max_payload"]) >= REQUIRED_MAX_PAYLOAD
        assert varz["max_pending"] == nats_size(conf["max_pending"])
        js = varz["jetstream"]["config"]
        assert js["max_storage"] == nats_size(conf["jetstream.max_file_store"])
        assert js["max_memory"] == nats_size(conf["jetstream.max_memory_store"])
        # KEDA finds the consumer leader through the advertised client URLs.
        assert varz["connect_urls"]
    # Every health path the StatefulSet probes answers on a formed cluster.
    (nats_container,) = containers(k8s[("StatefulSet", "nats")])
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        path = nats_container[probe]["httpGet"]["path"]
        for name in nodes:
            assert _status(f"{mon[name]}{path}") == 200, f"{probe} {path} on {name}"

    # The keeper and a worker with the compose file's commands, each on another node, so
    # every put crosses routes; the client talks to the third node.
    first, second, third = nodes
    services = compose["services"]
    base_env = {**os.environ, **{k: str(v) for k, v in services["keeper"]["environment"].items()}}

    def ctxbus(argv: list[str], node: str, **kwargs: Any) -> subprocess.Popen[Any]:
        env = {**base_env, "CTXBUS_SERVERS": url[node]}
        if "--metrics-port" in argv:  # one host here, not a pod each: any free port
            argv = list(argv)
            argv[argv.index("--metrics-port") + 1] = "0"
        return subprocess.Popen(
            [sys.executable, "-m", "actors", *argv], env=env, stdin=subprocess.DEVNULL, **kwargs
        )

    (keeper_container,) = containers(k8s[("Deployment", "ctxbus-keeper")])
    probe_argv = list(keeper_container["readinessProbe"]["exec"]["command"])[1:]

    def probe_ok() -> bool:
        proc = ctxbus(probe_argv, third, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return proc.wait(15) == 0

    assert not probe_ok(), "the keeper probe passes without a keeper"
    # A bus set up before --replicas existed: the job stream has one replica. The keeper and
    # the worker scale it up in place; the entry bucket the keeper creates afresh.
    asyncio.run(_ensure_job_stream(url[third]))
    assert asyncio.run(_replicas_of_stream(url[third])) == 1
    # Logs go to files (a pipe nobody reads could fill up and block the process).
    with (
        (tmp_path / "keeper.log").open("wb") as k_log,
        (tmp_path / "worker.log").open("wb") as w_log,
    ):
        keeper = ctxbus(list(services["keeper"]["command"]), first, stderr=k_log)
        worker = ctxbus(list(services["worker"]["command"]), second, stderr=w_log)
    processes += [keeper, worker]

    def not_dead() -> str:
        out = [diagnose()]
        for name, proc in (("keeper", keeper), ("worker", worker)):
            tail = (tmp_path / f"{name}.log").read_text(errors="replace")[-2000:]
            out.append(f"--- {name} (exit code {proc.poll()})\n{tail}")
        return "\n".join(out)

    _wait_for("the keeper probe to pass", probe_ok, 20, not_dead)

    # The consumer the KEDA trigger names, found the way KEDA finds it: on the node that
    # leads it, in /jsz?acc=$G&consumers=true&config=true, with the worker waiting on it.
    (scaled,) = [d for (kind, _), d in k8s.items() if kind == "ScaledObject"]
    trigger = scaled["spec"]["triggers"][0]["metadata"]

    def keda_sees_consumer() -> bool:
        for name in nodes:
            jsz = _get_json(f"{mon[name]}/jsz?acc={trigger['account']}&consumers=true&config=true")
            for account in jsz.get("account_details", []):
                if account["name"] != trigger["account"]:
                    continue
                for stream in account.get("stream_detail", []):
                    if stream["name"] != trigger["stream"]:
                        continue
                    for consumer in stream.get("consumer_detail", []):
                        if (
                            consumer["name"] == trigger["consumer"]
                            and consumer.get("cluster", {}).get("leader") == name  # none: electing
                            and consumer["num_waiting"] >= 1
                        ):
                            return True
        return False

    _wait_for("the job consumer with a waiting worker", keda_sees_consumer, 15, not_dead)

    # A 3 MiB put: the entry reply (original + compressed) needs the 8 MiB max_payload on
    # every node it crosses.
    line = "2026-01-01T00:00:00Z INFO request {} served in {} ms by node {}\n"
    content = "".join(line.format(i, i % 97, i % 3) for i in range(48_000))
    assert len(content) > 3 * MIB
    with SharedContext(servers=url[third], namespace="deploytest", put_timeout=30) as ctx:
        entry = ctx.put("big", content, agent="test")
        assert entry.original_tokens > entry.compressed_tokens
        assert ctx.get("big", full=True) == content

    # --replicas 3 (compose and k8s): the stream, its consumer and the bucket have a leader
    # and two current followers, one on each node.
    replicas: dict[str, tuple[int, int, str | None]] = {}

    def replicated() -> bool:
        replicas.update(asyncio.run(_replicas(url[third])))
        return all(followers == 2 and leader for _, followers, leader in replicas.values())

    _wait_for("three current replicas of everything", replicated, 15, lambda: str(replicas))
    assert replicas[JOBS_STREAM][0] == replicas[ENTRIES_STREAM][0] == 3
    # The namespace's blob bucket was made by the client (one replica); the keeper raised it.
    assert replicas[DEPLOYTEST_BLOBS][0] == 3
    assert replicas[JOBS_CONSUMER][0] == 0  # as many as its stream
    # A process that asks for one replica (the default) never shrinks them.
    asyncio.run(_ensure_job_stream(url[third]))
    assert asyncio.run(_replicas_of_stream(url[third])) == 3

    # The node leading the JetStream meta group, the job stream and the blob bucket dies
    # (SIGKILL: no lame-duck hand-over). While the others elect new leaders the keeper
    # retries, so the put still succeeds, and the large text is read once its bucket has a
    # leader again (its API requests time out meanwhile).
    gone = str(_get_json(f"{mon[first]}/jsz")["meta_cluster"]["leader"])

    def all_led_by_gone() -> bool:
        try:
            replicas.update(asyncio.run(_replicas(url[third])))
            led = True
            for stream in (JOBS_STREAM, DEPLOYTEST_BLOBS):
                _, followers, leader = replicas[stream]
                if leader == gone and followers == 2:
                    continue
                led = False
                if leader not in (None, gone):  # None: electing
                    asyncio.run(_step_down(url[third], stream))
            return led
        except nats.errors.TimeoutError:  # a stream mid-election does not answer: look again
            return False

    _wait_for(f"{gone} to lead the streams", all_led_by_gone, 30, lambda: str(replicas))
    node_procs[gone].kill()
    node_procs[gone].wait(5)
    survivor = next(name for name in nodes if name != gone)
    with SharedContext(servers=url[survivor], namespace="deploytest", put_timeout=30) as ctx:
        assert ctx.put("after", "one node down\n" * 100, agent="test").key == "after"
        assert ctx.get("big", full=True) == content

    # Both stop cleanly on SIGTERM within the grace period the manifests give them.
    stop_timeout = inspect.signature(Actor.stop).parameters["timeout"].default
    for name, proc in (("keeper", keeper), ("worker", worker)):
        assert _stop(proc, 2 * stop_timeout + 5) == 0, f"{name} did not stop cleanly"


# -- credentials from Secrets, TLS between clients and servers (Kubernetes) -------------


def _mounts(doc: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """volume name -> (mount path, volume source) of a pod's single container."""
    (container,) = containers(doc)
    volumes = {v["name"]: v for v in doc["spec"]["template"]["spec"]["volumes"]}
    # (a StatefulSet's claim templates are no volumes here)
    return {
        m["name"]: (m["mountPath"], volumes.get(m["name"], {})) for m in container["volumeMounts"]
    }


def test_k8s_credentials_and_tls_come_from_secrets(
    k8s: dict[tuple[str, str], dict[str, Any]], kustomization: dict[str, Any]
) -> None:
    from bus.auth import AUTH_CONFIG, load_limits

    conf = read_conf(k8s_conf_text(k8s))
    nats_mounts = _mounts(k8s[("StatefulSet", "nats")])
    config_dir = nats_mounts["config"][0]
    # The users come from the Secret holding what `ctxbus auth init` writes.
    auth_path, auth_volume = nats_mounts["auth"]
    assert os.path.normpath(os.path.join(config_dir, conf["include"])) == (
        f"{auth_path}/{AUTH_CONFIG}"
    )
    assert auth_volume["secret"]["secretName"] == "ctxbus-nats-auth"
    tls_path, tls_volume = nats_mounts["tls"]
    assert tls_volume["secret"]["secretName"] == "ctxbus-nats-tls"
    assert {conf[f"tls.{k}"] for k in ("cert_file", "key_file", "ca_file")} == {
        f"{tls_path}/{name}" for name in ("tls.crt", "tls.key", "ca.crt")
    }
    for role in ("keeper", "worker"):
        doc = k8s[("Deployment", f"ctxbus-{role}")]
        env = env_of(containers(doc)[0])
        mounts = _mounts(doc)
        creds_path, creds_volume = mounts["creds"]
        # The role's own seed, as `ctxbus auth init` names it, from its own Secret,
        # readable by the pod's group only.
        assert env["CTXBUS_NKEY"] == f"{creds_path}/{role}.nk"
        assert creds_volume["secret"]["secretName"] == f"ctxbus-{role}"
        assert doc["spec"]["template"]["spec"]["securityContext"]["fsGroup"] == 10001
        ca_path, ca_volume = mounts["ca"]
        assert env["CTXBUS_TLS_CA"] == f"{ca_path}/ca.crt"
        assert ca_volume["secret"]["secretName"] == "ctxbus-ca"  # no server key in it
        assert env["CTXBUS_TLS_HOSTNAME"] == "nats"  # the client Service's name
        # Secrets travel in files, never in the environment or the command line.
        assert not {"CTXBUS_PASSWORD", "CTXBUS_TOKEN", "NATS_PASSWORD"} & env.keys()
    keeper = k8s[("Deployment", "ctxbus-keeper")]
    limits_path, limits_volume = _mounts(keeper)["limits"]
    assert env_of(containers(keeper)[0])["CTXBUS_LIMITS"] == f"{limits_path}/limits.json"
    (generator,) = kustomization["configMapGenerator"]
    assert limits_volume["configMap"]["name"] == generator["name"]
    assert generator["files"] == ["limits.json"]
    assert generator["options"]["disableNameSuffixHash"] is True
    assert load_limits(K8S / "limits.json")["*"].max_entries == 1000


@pytest.mark.timeout(60)
def test_k8s_auth_and_tls_on_a_real_server(
    tmp_path: Path,
    k8s: dict[tuple[str, str], dict[str, Any]],
    processes: list[subprocess.Popen[Any]],
) -> None:
    """One node from the k8s conf (its cluster block left out) with the Secrets made the
    documented way; keeper and worker with the Deployments' own args and environment
    (only --replicas 1 on one node, and the mount paths moved under tmp)."""
    from bus import AsyncSharedContext, AuthenticationFailed, ConnectOptions, NotConnected

    made = k8s_secrets(tmp_path)
    conf_path = k8s_conf_with_secrets(k8s, tmp_path)
    text = conf_path.read_text()
    text = re.sub(r"^\s*cluster \{.*?^\s*\}\n", "", text, flags=re.MULTILINE | re.DOTALL)
    port, monitor = free_port(), free_port()
    for pattern, replacement in [
        (r"^port: 4222$", f"listen: 127.0.0.1:{port}"),
        (r"^http_port: 8222$", f"http: 127.0.0.1:{monitor}"),
        (r"^pid_file: .*$", f"pid_file: {json.dumps(str(tmp_path / 'nats.pid'))}"),
        (r"^(\s+)store_dir: /data$", rf"\g<1>store_dir: {json.dumps(str(tmp_path / 'js'))}"),
    ]:
        text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
        assert count == 1, pattern
    conf_path.write_text(text)
    log = tmp_path / "nats.log"
    with log.open("wb") as out:
        processes.append(
            subprocess.Popen(
                [find_nats_server(), "-c", str(conf_path)],
                env={**os.environ, "SERVER_NAME": "nats-0"},
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        )
    _wait_for(
        "the node",
        lambda: _status(f"http://127.0.0.1:{monitor}/healthz") == 200,
        15,
        lambda: log.read_text(errors="replace")[-2000:],
    )
    url = f"nats://127.0.0.1:{port}"

    def pod_env(role: str) -> dict[str, str]:
        (container,) = containers(k8s[("Deployment", f"ctxbus-{role}")])
        env = {k: str(v) for k, v in env_of(container).items()}
        env = {k: v.replace("/etc/", f"{tmp_path}/{role}/etc/", 1) for k, v in env.items()}
        return {**os.environ, **env, "CTXBUS_SERVERS": url}

    def pod_args(role: str) -> list[str]:
        (container,) = containers(k8s[("Deployment", f"ctxbus-{role}")])
        args = [str(a) for a in container["args"]]
        # One server (one replica) and one host (any free metrics port) here.
        local = {"--replicas": "1", "--metrics-port": "0"}
        return [local.get(args[i - 1], a) if i else a for i, a in enumerate(args)]

    logs = {role: (tmp_path / f"{role}.log").open("wb") for role in ("keeper", "worker")}
    for role, out in logs.items():
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "actors", *pod_args(role)],
                env=pod_env(role),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        )
    (keeper_container,) = containers(k8s[("Deployment", "ctxbus-keeper")])
    probe = list(keeper_container["readinessProbe"]["exec"]["command"])[1:]

    def ready() -> bool:
        done = subprocess.run(
            [sys.executable, "-m", "actors", *probe],
            env=pod_env("keeper"),
            capture_output=True,
            timeout=15,
        )
        return done.returncode == 0

    def diagnose() -> str:
        return "\n".join(
            f"--- {n}\n{(tmp_path / f'{n}.log').read_text(errors='replace')[-1500:]}"
            for n in ("keeper", "worker", "nats")
        )

    _wait_for("the keeper's readiness probe, with the keeper's credentials", ready, 30, diagnose)

    ca = str(made["ca"])
    agent = ConnectOptions(
        url,
        nkey=str(made["auth"] / "research.nk"),
        tls_ca=ca,
        tls_hostname="nats",
        discover=False,
    )

    async def use() -> None:
        async with AsyncSharedContext(agent, "research", max_entries=1, put_timeout=30) as ctx:
            await ctx.put("a", "first finding\n" * 50)
            await ctx.put("b", "second finding\n" * 50)
            assert await ctx.get("a", full=True) == "first finding\n" * 50
            # The admin's limits (limits.json) apply, not the put's max_entries=1.
            assert sorted(await ctx.keys()) == ["a", "b"]
        anonymous = ConnectOptions(url, tls_ca=ca, tls_hostname="nats", discover=False)
        with pytest.raises(AuthenticationFailed):
            await asyncio.wait_for(connect(anonymous), 10)
        # Without the CA the server's certificate is not trusted: no connection at all.
        untrusting = ConnectOptions(url, nkey=agent.nkey, tls_hostname="nats", discover=False)
        with pytest.raises(NotConnected):
            await asyncio.wait_for(connect(untrusting, connect_timeout=0.5), 10)

    asyncio.run(use())
    for out in logs.values():
        out.close()
    seeds = [p.read_text().strip() for p in made["auth"].glob("*.nk")]
    text = diagnose()
    assert not [s for s in seeds if s in text]


def test_keeper_and_workers_serve_metrics_where_prometheus_looks(
    compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> None:
    for name in ("ctxbus-keeper", "ctxbus-worker"):
        deployment = k8s[("Deployment", name)]
        (container,) = containers(deployment)
        args = parse_ctxbus(list(container["args"]), name)
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true"
        assert annotations["prometheus.io/port"] == str(args.metrics_port)
        assert annotations["prometheus.io/path"] == "/metrics"
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert ports["metrics"] == args.metrics_port
    for name in ("keeper", "worker"):
        args = parse_ctxbus(list(compose["services"][name]["command"]), name)
        assert args.metrics_port == 9100
