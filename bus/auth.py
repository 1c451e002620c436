"""Roles and tenancy, enforced by NATS itself: users, permissions and credential files.

``ctxbus auth init DIR`` (and ``ctxbus up`` / ``ctxbus demo`` on their own) write, in DIR:

``nats-auth.conf``
    the ``authorization { users = [...] }`` block of the nats-server configuration: one
    nkey user per principal, with publish/subscribe allow-lists and ``allow_responses``;
``<name>.nk``
    each principal's nkey seed (mode 0600): its credentials file;
``principals.json``
    who is who (name, role, namespaces, public key), to add principals later;
``limits.json``
    the namespace limits the keeper applies (see :class:`NamespaceLimits`), set by the
    admin only.

Roles (``P`` is ``ctxbus``; every user subscribes only to its own inboxes,
``_INBOX_<public key>.>``, so nobody sees another client's replies):

keeper
    serves ``P.req.*.*`` (queue group), reads completed jobs (``P.done``), publishes jobs
    into the job stream and change events (``P.evt.>``), and is the only one that may use
    the entry bucket, the lease bucket and the job stream's JetStream API (but it takes no
    jobs); reads, writes and purges every namespace's object store of large texts.
worker
    takes jobs (the job consumer's API and acks only), publishes completed jobs
    (``P.done``; may not read them), reads and writes every namespace's object store.
agent (for one or more namespaces)
    requests ``P.req.<ns>.*``, watches ``P.evt.<ns>.*``, sends and serves agent tasks of
    those namespaces (``P.task.<ns>.*``), and uses the object store buckets of large texts
    of those namespaces (``ctxbus_blobs_<ns>``), and resumes watches of those namespaces
    from the event history through consumers filtered on their event subjects (the
    filtered create subject, ``$JS.API.CONSUMER.CREATE.CTXBUS_EVENTS.*.P.evt.<ns>.*``);
    nothing else: it cannot answer the keeper's
    subjects, read jobs or results, touch the entry bucket or the job stream, or reach
    another namespace's large texts. (See docs/architecture.md, "Roles and permissions",
    for why the object store is one bucket per namespace.)
admin
    everything (operations, limits).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bus._errors import ValidationError
from bus.options import inbox_prefix_for
from bus.subjects import (
    DONE_SUBJECT,
    ENTRIES_BUCKET,
    EVENTS_STREAM,
    JOBS_CONSUMER,
    JOBS_STREAM,
    KEEPER_LEASE_BUCKET,
    KEEPER_PING,
    PREFIX,
    blobs_bucket,
    validate_namespace,
)

__all__ = [
    "AUTH_CONFIG",
    "LIMITS_FILE",
    "PRINCIPALS_FILE",
    "ROLES",
    "AuthDirectory",
    "NamespaceLimits",
    "Principal",
    "default_auth_dir",
    "dump_limits",
    "load_limits",
    "new_seed",
    "permissions_for",
    "render_config",
]

ROLES = ("keeper", "worker", "agent", "admin")
AUTH_CONFIG = "nats-auth.conf"
PRINCIPALS_FILE = "principals.json"
LIMITS_FILE = "limits.json"
_NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")

_ENTRIES_STREAM = f"KV_{ENTRIES_BUCKET}"
#: The active keeper's lease (bus/lease.py): keepers only.
_LEASE_STREAM = f"KV_{KEEPER_LEASE_BUCKET}"
#: Every actor is a nats.micro service: it answers $SRV.PING/INFO/STATS (all, by service
#: name, by id).
_SERVICE = [f"$SRV.{verb}{tail}" for verb in ("PING", "INFO", "STATS") for tail in ("", ".>")]


def _blob_access(buckets: Sequence[str], *, purge: bool = False) -> list[str]:
    """Publish permissions to create, upload to and read from the object store buckets of
    large texts, one per namespace (``buckets``: bucket names, or ``"*"`` for all);
    ``purge``: delete objects and raise replicas too, the keeper's job."""
    api = "$JS.API"
    allow = [f"{api}.INFO"]
    for bucket in buckets:
        stream = "*" if bucket == "*" else f"OBJ_{bucket}"
        allow += [
            f"$O.{bucket}.>",
            f"{api}.STREAM.INFO.{stream}",
            f"{api}.STREAM.CREATE.{stream}",
            f"{api}.STREAM.MSG.GET.{stream}",
            f"{api}.DIRECT.GET.{stream}",
            f"{api}.DIRECT.GET.{stream}.>",
            f"{api}.CONSUMER.CREATE.{stream}",
            f"{api}.CONSUMER.CREATE.{stream}.>",
            f"{api}.CONSUMER.MSG.NEXT.{stream}.>",
            f"{api}.CONSUMER.DELETE.{stream}.>",
            f"{api}.CONSUMER.INFO.{stream}.>",
            f"$JS.FC.{stream}.>",
            f"$JS.ACK.{stream}.>",
        ]
        if purge:
            allow += [f"{api}.STREAM.UPDATE.{stream}", f"{api}.STREAM.PURGE.{stream}"]
    return allow


def _deny_streams(streams: Sequence[str], *, keep: Sequence[str] = ()) -> list[str]:
    """What :func:`_blob_access` for every bucket (``*`` stream tokens) would also allow on
    ``streams``, denied again (deny wins over allow), except the subjects in ``keep``."""
    api = "$JS.API"
    deny = []
    for stream in streams:
        for op in (
            "STREAM.INFO",
            "STREAM.CREATE",
            "STREAM.MSG.GET",
            "DIRECT.GET",
            "CONSUMER.CREATE",
            "CONSUMER.INFO",
        ):
            deny += [f"{api}.{op}.{stream}", f"{api}.{op}.{stream}.>"]
        deny += [
            f"{api}.CONSUMER.MSG.NEXT.{stream}.>",
            f"{api}.CONSUMER.DELETE.{stream}.>",
            f"$JS.FC.{stream}.>",
            f"$JS.ACK.{stream}.>",
        ]
    return [d for d in deny if not any(k.startswith(d.removesuffix(">")) for k in keep)]


def new_seed() -> tuple[str, str]:
    """A fresh nkey user: ``(seed, public key)``."""
    import nkeys

    seed = nkeys.encode_seed(secrets.token_bytes(32), nkeys.PREFIX_BYTE_USER)
    key_pair = nkeys.from_seed(bytearray(seed))
    try:
        return seed.decode(), key_pair.public_key.decode()
    finally:
        key_pair.wipe()


def _namespace_token(namespace: str) -> str:
    return "*" if namespace == "*" else validate_namespace(namespace)


def permissions_for(role: str, namespaces: Sequence[str], inbox: str) -> dict[str, Any]:
    """The nats-server ``permissions`` of a principal (``inbox``: its inbox prefix)."""
    own_inbox = f"{inbox}.>"
    if role == "admin":
        return {"publish": {"allow": [">"]}, "subscribe": {"allow": [">"]}}
    if role == "keeper":
        api = "$JS.API"
        return {
            "publish": {
                "allow": [
                    f"{PREFIX}.evt.>",
                    f"{PREFIX}.job.>",
                    KEEPER_PING,
                    # `ctxbus stats` as a readiness probe run with the keeper's credentials.
                    f"{PREFIX}.req.*.stats",
                    f"{api}.INFO",
                    *(
                        f"{api}.STREAM.{op}.{stream}"
                        for op in ("INFO", "CREATE", "UPDATE")
                        for stream in (JOBS_STREAM, _ENTRIES_STREAM, _LEASE_STREAM, EVENTS_STREAM)
                    ),
                    # Delete markers of older keepers are purged at start (bus.store).
                    f"{api}.STREAM.PURGE.{_ENTRIES_STREAM}",
                    f"{api}.STREAM.MSG.GET.{_ENTRIES_STREAM}",
                    f"{api}.DIRECT.GET.{_ENTRIES_STREAM}",
                    f"{api}.DIRECT.GET.{_ENTRIES_STREAM}.>",
                    f"{api}.CONSUMER.INFO.{JOBS_STREAM}.{JOBS_CONSUMER}",
                    f"{api}.CONSUMER.*.{_ENTRIES_STREAM}",
                    f"{api}.CONSUMER.*.{_ENTRIES_STREAM}.>",
                    f"$KV.{ENTRIES_BUCKET}.>",
                    f"$JS.FC.{_ENTRIES_STREAM}.>",
                    f"$JS.ACK.{_ENTRIES_STREAM}.>",
                    f"{api}.STREAM.MSG.GET.{_LEASE_STREAM}",
                    f"{api}.DIRECT.GET.{_LEASE_STREAM}",
                    f"{api}.DIRECT.GET.{_LEASE_STREAM}.>",
                    f"$KV.{KEEPER_LEASE_BUCKET}.>",
                    # Every namespace's bucket of large texts (it cleans them up), and
                    # their names (orphans are looked for in each).
                    *_blob_access(["*"], purge=True),
                    f"{api}.STREAM.NAMES",
                    f"{api}.STREAM.LIST",
                ],
                # Only workers take jobs: not through the wildcards above either.
                "deny": [
                    f"{api}.CONSUMER.CREATE.{JOBS_STREAM}",
                    f"{api}.CONSUMER.CREATE.{JOBS_STREAM}.>",
                    f"{api}.CONSUMER.MSG.NEXT.{JOBS_STREAM}.>",
                    f"{api}.CONSUMER.DELETE.{JOBS_STREAM}.>",
                    f"$JS.ACK.{JOBS_STREAM}.>",
                ],
            },
            "subscribe": {
                "allow": [f"{PREFIX}.req.*.*", DONE_SUBJECT, KEEPER_PING, own_inbox, *_SERVICE]
            },
            "allow_responses": True,
        }
    if role == "worker":
        api = "$JS.API"
        return {
            "publish": {
                "allow": [
                    DONE_SUBJECT,
                    f"{api}.INFO",
                    f"{api}.STREAM.INFO.{JOBS_STREAM}",
                    f"{api}.STREAM.CREATE.{JOBS_STREAM}",
                    f"{api}.CONSUMER.CREATE.{JOBS_STREAM}",
                    f"{api}.CONSUMER.CREATE.{JOBS_STREAM}.>",
                    f"{api}.CONSUMER.DURABLE.CREATE.{JOBS_STREAM}.{JOBS_CONSUMER}",
                    f"{api}.CONSUMER.INFO.{JOBS_STREAM}.{JOBS_CONSUMER}",
                    f"{api}.CONSUMER.MSG.NEXT.{JOBS_STREAM}.{JOBS_CONSUMER}",
                    f"$JS.ACK.{JOBS_STREAM}.{JOBS_CONSUMER}.>",
                    # Every namespace's bucket: it reads the large texts of jobs and
                    # writes large compressed texts where the job's namespace reads.
                    *_blob_access(["*"]),
                ],
                # ... but none of the keeper's streams through those wildcards.
                "deny": _deny_streams([_ENTRIES_STREAM, _LEASE_STREAM]),
            },
            "subscribe": {"allow": [own_inbox, *_SERVICE]},
            # Answers nats.micro's $SRV.PING/INFO/STATS.
            "allow_responses": True,
        }
    if role == "agent":
        api = "$JS.API"
        tokens = [_namespace_token(ns) for ns in namespaces] or ["*"]
        # Reading the job consumer's counts (are workers pulling?) reveals no content.
        consumer_info = f"$JS.API.CONSUMER.INFO.{JOBS_STREAM}.{JOBS_CONSUMER}"
        # Large texts: only the buckets of its namespaces (a shared bucket could not be
        # protected: a literal "*" token in a subject passes allow-lists).
        buckets = ["*" if ns == "*" else blobs_bucket(ns) for ns in tokens]
        publish = [KEEPER_PING, consumer_info, *_blob_access(buckets)]
        deny: list[str] = []
        if "*" in buckets:  # every bucket, and so wildcards: not the other streams
            deny = _deny_streams(
                [JOBS_STREAM, _ENTRIES_STREAM, _LEASE_STREAM], keep=[consumer_info]
            )
        subscribe = [own_inbox, *_SERVICE]
        for ns in tokens:
            publish += [
                f"{PREFIX}.req.{ns}.*",
                f"{PREFIX}.task.{ns}.*",
                f"{PREFIX}.agent.ping.{ns}.*",
                f"{PREFIX}.taskdone.{ns}.*",
            ]
            # A watch resuming from a revision: an ordered consumer on the event history,
            # created only through the filtered create subject naming this namespace's
            # events (the server refuses a request whose filter differs from the
            # subject's); it delivers to the agent's own inbox, and flow control goes back
            # as a response (allow_responses). No unfiltered create, no stream info or
            # read by sequence: those would show every namespace's events.
            publish.append(f"{api}.CONSUMER.CREATE.{EVENTS_STREAM}.*.{PREFIX}.evt.{ns}.*")
            subscribe += [
                f"{PREFIX}.evt.{ns}.*",
                f"{PREFIX}.task.{ns}.*",
                f"{PREFIX}.agent.ping.{ns}.*",
                f"{PREFIX}.taskdone.{ns}.*",
            ]
        return {
            "publish": {"allow": publish, **({"deny": deny} if deny else {})},
            "subscribe": {"allow": subscribe},
            "allow_responses": True,
        }
    raise ValidationError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")


@dataclass(frozen=True)
class Principal:
    """One user of the bus: a name, a role, its namespaces (agents) and its nkey."""

    name: str
    role: str
    public_key: str
    namespaces: tuple[str, ...] = ()

    @property
    def inbox_prefix(self) -> str:
        return inbox_prefix_for(self.public_key)

    def permissions(self) -> dict[str, Any]:
        return permissions_for(self.role, self.namespaces, self.inbox_prefix)


def _conf_value(value: Any) -> str:
    """nats-server configuration syntax (a JSON superset) for a value."""
    return json.dumps(value)


def render_config(principals: Iterable[Principal]) -> str:
    """The ``authorization`` block for ``principals`` (nats-server configuration)."""
    users = []
    for p in principals:
        users.append(
            f"    # {p.name} ({p.role}"
            + (f" of {', '.join(p.namespaces)}" if p.namespaces else "")
            + ")\n"
            + f"    {{nkey: {_conf_value(p.public_key)}, "
            + f"permissions: {_conf_value(p.permissions())}}}"
        )
    return "authorization {\n  users = [\n" + "\n".join(users) + "\n  ]\n}\n"


@dataclass(frozen=True)
class NamespaceLimits:
    """What the admin allows in a namespace; a put cannot ask for more.

    ``max_entries``: the namespace's size; a put's own ``max_entries`` is ignored, so one
    client cannot evict the others' entries by declaring 1. ``min_ttl``/``max_ttl``: a
    put's ttl is clamped into these seconds (``max_ttl`` also bounds puts without one).
    """

    max_entries: int | None = 1000
    min_ttl: float | None = None
    max_ttl: float | None = None

    def __post_init__(self) -> None:
        if self.max_entries is not None and (
            not isinstance(self.max_entries, int) or self.max_entries < 1
        ):
            raise ValidationError(f"max_entries must be an int >= 1, got {self.max_entries!r}")
        for name in ("min_ttl", "max_ttl"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int | float) or value <= 0):
                raise ValidationError(f"{name} must be > 0 seconds, got {value!r}")
        if self.min_ttl and self.max_ttl and self.min_ttl > self.max_ttl:
            raise ValidationError("min_ttl must not exceed max_ttl")

    def ttl(self, asked: float | None) -> float | None:
        """The ttl a put gets when it asks for ``asked`` (None: no expiry asked)."""
        ttl = asked
        if ttl is None:
            return self.max_ttl
        if self.min_ttl is not None:
            ttl = max(ttl, self.min_ttl)
        if self.max_ttl is not None:
            ttl = min(ttl, self.max_ttl)
        return ttl


def load_limits(path: str | Path) -> dict[str, NamespaceLimits]:
    """A limits file: ``{"default": {...}, "namespaces": {"ns": {...}}}``; ``"*"`` is the
    default for namespaces not listed."""
    try:
        data = json.loads(Path(path).read_text())
    except OSError as exc:
        raise ValidationError(f"cannot read the limits file {path}: {exc.strerror}") from None
    except ValueError:
        raise ValidationError(f"the limits file {path} is not valid JSON") from None
    if not isinstance(data, dict):
        raise ValidationError(f"the limits file {path} must hold a JSON object")
    out: dict[str, NamespaceLimits] = {}
    fields = {f.name for f in dataclasses.fields(NamespaceLimits)}

    def build(where: str, value: object) -> NamespaceLimits:
        if not isinstance(value, dict) or set(value) - fields:
            raise ValidationError(
                f"{path}: {where} must be an object with {', '.join(sorted(fields))}"
            )
        return NamespaceLimits(**value)

    if "default" in data:
        out["*"] = build("default", data["default"])
    namespaces = data.get("namespaces", {})
    if not isinstance(namespaces, dict):
        raise ValidationError(f"{path}: namespaces must be an object")
    for ns, value in namespaces.items():
        out[validate_namespace(ns)] = build(f"namespace {ns!r}", value)
    return out


def dump_limits(limits: Mapping[str, NamespaceLimits]) -> str:
    data: dict[str, Any] = {"namespaces": {}}
    for ns, value in sorted(limits.items()):
        if ns == "*":
            data["default"] = dataclasses.asdict(value)
        else:
            data["namespaces"][ns] = dataclasses.asdict(value)
    return json.dumps(data, indent=2) + "\n"


def default_auth_dir() -> Path:
    """Where ``ctxbus up``, the local stack and ``ctxbus auth`` keep the auth files by
    default: ``<data dir>/nats/auth`` (next to the local server's JetStream store)."""
    from bus.options import ctxbus_home

    return ctxbus_home() / "auth"


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (created that way: never readable meanwhile)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


@dataclass
class AuthDirectory:
    """The auth files of one bus (see the module doc)."""

    path: Path
    principals: dict[str, Principal] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> AuthDirectory:
        folder = Path(path)
        try:
            data = json.loads((folder / PRINCIPALS_FILE).read_text())
        except OSError:
            raise ValidationError(
                f"no ctxbus auth in {folder}: run `ctxbus auth init {folder}` first"
            ) from None
        principals = {
            p["name"]: Principal(p["name"], p["role"], p["public_key"], tuple(p["namespaces"]))
            for p in data["principals"]
        }
        return cls(folder, principals)

    @classmethod
    def exists(cls, path: str | Path) -> bool:
        return (Path(path) / PRINCIPALS_FILE).is_file()

    @classmethod
    def init(
        cls,
        path: str | Path,
        *,
        agents: Mapping[str, Sequence[str]] | None = None,
        limits: NamespaceLimits | None = None,
    ) -> AuthDirectory:
        """A new auth directory with a keeper, a worker, an admin and ``agents``
        (name -> namespaces; default one agent ``agent`` for every namespace)."""
        folder = Path(path)
        if cls.exists(folder):
            raise ValidationError(f"{folder} already holds ctxbus auth; add principals instead")
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        auth = cls(folder)
        for role in ("keeper", "worker", "admin"):
            auth._add(role, role, ())
        for name, namespaces in (agents if agents is not None else {"agent": ["*"]}).items():
            auth._add(name, "agent", tuple(namespaces))
        _write_private(folder / LIMITS_FILE, dump_limits({"*": limits or NamespaceLimits()}))
        auth.save()
        return auth

    def _add(self, name: str, role: str, namespaces: tuple[str, ...]) -> Principal:
        if not _NAME_RE.fullmatch(name):
            raise ValidationError(f"principal names match [A-Za-z0-9_-]{{1,64}}, got {name!r}")
        if name in self.principals:
            raise ValidationError(f"{name!r} already exists in {self.path}")
        if role == "agent":
            if not namespaces:
                raise ValidationError("an agent needs at least one --namespace (or '*')")
            for ns in namespaces:
                _namespace_token(ns)
        seed, public_key = new_seed()
        _write_private(self.seed_file(name), seed + "\n")
        principal = Principal(name, role, public_key, namespaces)
        self.principals[name] = principal
        return principal

    @classmethod
    def ensure(cls, path: str | Path) -> tuple[AuthDirectory, bool]:
        """The auth directory at ``path``, created with the default principals if it holds
        none yet; and whether it was created now."""
        if cls.exists(path):
            return cls.load(path), False
        return cls.init(path), True

    def add_agent(self, name: str, namespaces: Sequence[str]) -> Principal:
        principal = self._add(name, "agent", tuple(namespaces))
        self.save()
        return principal

    def add(self, name: str, role: str, namespaces: Sequence[str] = ()) -> Principal:
        """A new principal of any role (a second keeper for a standby, more workers...)."""
        if role not in ROLES:
            raise ValidationError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        if role != "agent" and namespaces:
            raise ValidationError("only agents have namespaces")
        principal = self._add(name, role, tuple(namespaces))
        self.save()
        return principal

    def remove(self, name: str) -> Principal:
        """Drop a principal: its credentials file goes and the server refuses it once the
        configuration is reloaded."""
        principal = self._get(name)
        del self.principals[name]
        self.seed_file(name).unlink(missing_ok=True)
        self.save()
        return principal

    def rotate(self, name: str) -> Principal:
        """A new nkey for ``name`` (same role and namespaces): the old seed stops working
        once the server reloads the configuration."""
        old = self._get(name)
        seed, public_key = new_seed()
        _write_private(self.seed_file(name), seed + "\n")
        principal = dataclasses.replace(old, public_key=public_key)
        self.principals[name] = principal
        self.save()
        return principal

    def _get(self, name: str) -> Principal:
        try:
            return self.principals[name]
        except KeyError:
            raise ValidationError(f"no principal {name!r} in {self.path}") from None

    def limits(self) -> dict[str, NamespaceLimits]:
        """The namespace limits (``"*"``: namespaces not listed); none if no file."""
        if not self.limits_file.is_file():
            return {}
        return load_limits(self.limits_file)

    def set_limits(self, namespace: str, limits: NamespaceLimits | None) -> None:
        """Set (or with None remove) the limits of ``namespace`` (``"*"``: the default).
        A running keeper reads the file again on its next sweep."""
        current = self.limits()
        key = "*" if namespace == "*" else validate_namespace(namespace)
        if limits is None:
            current.pop(key, None)
        else:
            current[key] = limits
        _write_private(self.limits_file, dump_limits(current))

    def seed_file(self, name: str) -> Path:
        return self.path / f"{name}.nk"

    @property
    def config_file(self) -> Path:
        return self.path / AUTH_CONFIG

    @property
    def limits_file(self) -> Path:
        return self.path / LIMITS_FILE

    def credentials(self) -> dict[str, str]:
        """role or name -> seed file: the first principal of each role, and every name."""
        out: dict[str, str] = {}
        for p in self.principals.values():
            out.setdefault(p.role, str(self.seed_file(p.name)))
            out[p.name] = str(self.seed_file(p.name))
        return out

    def save(self) -> None:
        data = {
            "principals": [
                {
                    "name": p.name,
                    "role": p.role,
                    "public_key": p.public_key,
                    "namespaces": list(p.namespaces),
                }
                for p in self.principals.values()
            ]
        }
        _write_private(self.path / PRINCIPALS_FILE, json.dumps(data, indent=2) + "\n")
        _write_private(self.config_file, render_config(self.principals.values()))

    def include_line(self, config_dir: str | Path) -> str:
        """The line that pulls these users into a nats-server configuration kept in
        ``config_dir`` (nats-server resolves includes relative to it)."""
        relative = os.path.relpath(self.config_file.resolve(), Path(config_dir).resolve())
        return f"include {json.dumps(relative)}\n"
