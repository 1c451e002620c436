"""How to reach and authenticate to NATS: one :class:`ConnectOptions` for every part.

Clients, the keeper, workers, agents and every CLI command take the same options:
server URLs, user/password or token, a JWT ``.creds`` file, an nkey seed file, mutual TLS
(CA, certificate, key), a per-client inbox prefix, and a nats CLI context by name.

Where each setting comes from, first match wins:

- servers: the explicit option, then the url of an explicitly named ``context``, then
  ``$CTXBUS_SERVERS``, then ``$NATS_URL``, then the selected nats CLI context
  (``$NATS_CONTEXT`` or ``~/.config/nats/context.txt``), then a running local server
  (``ctxbus up`` or the local stack) of this data directory (``<data dir>/nats``; data
  dir ``$CTXBUS_DATA_DIR`` or ``~/.local/share/ctxbus``), then ``nats://127.0.0.1:4222``.
- credentials: the explicit options, then ``$CTXBUS_*`` (``CTXBUS_USER``,
  ``CTXBUS_PASSWORD``, ``CTXBUS_TOKEN``, ``CTXBUS_CREDS``, ``CTXBUS_NKEY``,
  ``CTXBUS_TLS_CA``/``_CERT``/``_KEY``), then the nats CLI's ``$NATS_*`` (``NATS_USER``,
  ``NATS_PASSWORD``, ``NATS_TOKEN``, ``NATS_CREDS``, ``NATS_NKEY``, ``NATS_CA``,
  ``NATS_CERT``, ``NATS_KEY``), then the context, then the credentials of a local server
  this user runs at exactly those URLs (``ctxbus up``, ``ctxbus demo`` and the local stack
  record theirs in the private runtime directory, see :func:`bus.local.register_server`):
  they are never sent to another server.

Secrets (passwords, tokens) are never put in a ``repr``, a log line or an error: URLs are
shown through :func:`redact_url`, and files or environment variables carry secrets
between processes, never the command line.
"""

from __future__ import annotations

import dataclasses
import json
import os
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bus._errors import NotConnected, ValidationError

__all__ = [
    "CREDENTIAL_ENV",
    "DEFAULT_SERVERS",
    "SERVERS_ENV",
    "ConnectOptions",
    "connect_options",
    "ctxbus_home",
    "inbox_prefix_for",
    "local_server_for",
    "local_stack",
    "nats_context",
    "nkey_inbox_prefix",
    "nkey_public_key",
    "redact_url",
    "redact_urls",
]

SERVERS_ENV = "CTXBUS_SERVERS"
DEFAULT_SERVERS = "nats://127.0.0.1:4222"

#: option -> (ctxbus variable, nats CLI variable)
_ENV = {
    "user": ("CTXBUS_USER", "NATS_USER"),
    "password": ("CTXBUS_PASSWORD", "NATS_PASSWORD"),
    "token": ("CTXBUS_TOKEN", "NATS_TOKEN"),
    "creds": ("CTXBUS_CREDS", "NATS_CREDS"),
    "nkey": ("CTXBUS_NKEY", "NATS_NKEY"),
    "tls_ca": ("CTXBUS_TLS_CA", "NATS_CA"),
    "tls_cert": ("CTXBUS_TLS_CERT", "NATS_CERT"),
    "tls_key": ("CTXBUS_TLS_KEY", "NATS_KEY"),
}
#: option -> field of a nats CLI context file
_CONTEXT_FIELDS = {
    "user": "user",
    "password": "password",
    "token": "token",
    "creds": "creds",
    "nkey": "nkey",
    "tls_ca": "ca",
    "tls_cert": "cert",
    "tls_key": "key",
    "inbox_prefix": "inbox_prefix",
}
#: Every variable that can carry a server or credentials to a ctxbus process.
CREDENTIAL_ENV = (
    SERVERS_ENV,
    "CTXBUS_INBOX_PREFIX",
    "CTXBUS_TLS_HOSTNAME",
    *(name for pair in _ENV.values() for name in pair),
)
_CREDENTIALS = ("user", "password", "token", "creds", "nkey", "tls_cert", "tls_key")


def redact_url(url: str) -> str:
    """``url`` without its password or token: ``nats://user:***@host:4222``."""
    try:
        parts = urlsplit(url if "://" in url else f"nats://{url}")
    except ValueError:
        return "<unparsable url>"
    if "@" not in parts.netloc:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user, sep, _secret = userinfo.partition(":")
    shown = f"{user}:***" if sep else "***"
    return urlunsplit(parts._replace(netloc=f"{shown}@{host}"))


def redact_urls(urls: Sequence[str]) -> str:
    return ", ".join(redact_url(u) for u in urls)


def ctxbus_home(home: str | Path | None = None) -> Path:
    """The local server's directory: ``home``, else ``<data dir>/nats`` (the data dir is
    ``$CTXBUS_DATA_DIR`` or the platform's, see :func:`bus.local.default_data_dir`), where
    ``ctxbus up`` and the embedded stack keep JetStream and the auth files."""
    if home is not None:
        return Path(home).expanduser()
    from bus.local import default_data_dir

    return default_data_dir() / "nats"


def local_stack(home: str | Path | None = None) -> dict[str, Any] | None:
    """The running local server (``ctxbus up``, the local stack) whose data directory is
    ``home`` (default :func:`ctxbus_home`): servers, credentials per role; None if none runs."""
    from bus.local import local_servers

    wanted = str(ctxbus_home(home).resolve())
    for record in local_servers():
        if record.get("data_dir") == wanted:
            return record
    return None


def local_server_for(servers: str | Sequence[str]) -> dict[str, Any] | None:
    """The running local server at ``servers`` (same URLs), if this user started one."""
    from bus.local import local_servers

    for record in local_servers():
        if _same_servers(servers, str(record["servers"])):
            return record
    return None


def _nats_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "nats"


def nats_context(name: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """A nats CLI context as ``(name, settings)``: ``name``, else ``$NATS_CONTEXT``, else the
    one selected in ``~/.config/nats/context.txt``; None if none is selected.

    Read from the nats CLI's own files (``~/.config/nats/context/<name>.json``). A named
    context that does not exist is an error, a selected one that vanished is ignored.
    """
    explicit = name is not None
    if name is None:
        name = os.environ.get("NATS_CONTEXT") or None
        explicit = name is not None
    if name is None:
        try:
            name = (_nats_config_dir() / "context.txt").read_text().strip() or None
        except OSError:
            return None
    if name is None:
        return None
    if "/" in name or name.startswith("."):
        raise ValidationError(f"invalid nats context name {name!r}")
    path = _nats_config_dir() / "context" / f"{name}.json"
    try:
        data = json.loads(path.read_text())
    except OSError:
        if explicit:
            raise ValidationError(f"nats context {name!r} not found ({path})") from None
        return None
    except ValueError:
        raise ValidationError(f"nats context {name!r} is not valid JSON ({path})") from None
    if not isinstance(data, dict):
        raise ValidationError(f"nats context {name!r} is not a JSON object ({path})")
    return name, data


def _read_secret_file(path: str, what: str) -> str:
    try:
        return Path(path).expanduser().read_text().strip()
    except OSError as exc:
        raise ValidationError(f"cannot read the {what} file {path}: {exc.strerror}") from None


@dataclass(frozen=True, repr=False)
class ConnectOptions:
    """Where NATS is and how to log in. Every field is optional; see the module doc for
    the order in which the environment, a nats context and a local ``ctxbus up`` fill in
    what is not given. ``password`` and ``token`` never appear in the ``repr``.
    """

    servers: str | Sequence[str] | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    #: A JWT credentials file (``.creds``: user JWT and nkey seed).
    creds: str | None = None
    #: An nkey seed file (``SU...``).
    nkey: str | None = None
    tls_ca: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    #: The name the server's certificate must carry, whatever address is dialled (a
    #: cluster's nodes are learnt by IP): ``$CTXBUS_TLS_HOSTNAME``.
    tls_hostname: str | None = None
    #: Replies come to ``<inbox_prefix>.<id>``: permissions can then grant each client its
    #: own inboxes only (``ctxbus auth init`` does).
    inbox_prefix: str | None = None
    #: A nats CLI context, by name.
    context: str | None = None
    #: The local ctxbus directory a ``ctxbus up`` writes its URL and credentials to.
    home: str | None = None
    #: Which of a local ``ctxbus up``'s credentials to use (keeper, worker, agent, admin).
    role: str = "agent"
    #: Use the environment, nats contexts and a local ``up`` for what is not given.
    discover: bool = True

    def __repr__(self) -> str:
        shown = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is None or (f.name in ("role", "discover") and value == f.default):
                continue
            if f.name in ("password", "token"):
                value = "***"
            elif f.name == "servers":
                value = redact_urls([value] if isinstance(value, str) else list(value))
            shown.append(f"{f.name}={value!r}")
        return f"ConnectOptions({', '.join(shown)})"

    # -- building --------------------------------------------------------------------

    @classmethod
    def from_args(
        cls,
        *,
        servers: str | None = None,
        user: str | None = None,
        password_file: str | None = None,
        token_file: str | None = None,
        creds: str | None = None,
        nkey: str | None = None,
        tls_ca: str | None = None,
        tls_cert: str | None = None,
        tls_key: str | None = None,
        context: str | None = None,
        home: str | None = None,
        role: str = "agent",
    ) -> ConnectOptions:
        """Options from command line values: secrets only ever come from files."""
        return cls(
            servers=servers,
            user=user,
            password=_read_secret_file(password_file, "password") if password_file else None,
            token=_read_secret_file(token_file, "token") if token_file else None,
            creds=creds,
            nkey=nkey,
            tls_ca=tls_ca,
            tls_cert=tls_cert,
            tls_key=tls_key,
            context=context,
            home=home,
            role=role,
        )

    def replace(self, **changes: Any) -> ConnectOptions:
        return dataclasses.replace(self, **changes)

    @property
    def has_credentials(self) -> bool:
        return any(getattr(self, name) for name in _CREDENTIALS)

    def resolved(self) -> ConnectOptions:
        """These options with everything not given filled in (module doc); no discovery
        runs again on the result."""
        if not self.discover:
            return self
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        explicit_context = nats_context(self.context) if self.context else None
        selected_context = explicit_context or (None if self.context else nats_context())
        context = selected_context[1] if selected_context else {}
        servers = self.servers
        if servers is None and explicit_context and context.get("url"):
            servers = str(context["url"])
        if servers is None:
            servers = os.environ.get(SERVERS_ENV) or os.environ.get("NATS_URL") or None
        if servers is None and context.get("url"):
            servers = str(context["url"])
        local = local_stack(self.home) if servers is None else None
        if servers is None:
            servers = local["servers"] if local else DEFAULT_SERVERS
        if local is None:
            local = local_server_for(servers)
        values["servers"] = servers
        if not self.has_credentials:
            from_env = {
                name: os.environ.get(ours) or os.environ.get(theirs) or None
                for name, (ours, theirs) in _ENV.items()
            }
            if any(from_env[n] for n in _CREDENTIALS):
                values.update({n: v for n, v in from_env.items() if v})
            elif any(context.get(_CONTEXT_FIELDS[n]) for n in _CREDENTIALS):
                for name in _CREDENTIALS:
                    if context.get(_CONTEXT_FIELDS[name]):
                        values[name] = str(context[_CONTEXT_FIELDS[name]])
            elif local is not None:
                # A local server's credentials go to that server only.
                values.update(_local_credentials(local, self.role))
        if not values.get("tls_ca"):
            values["tls_ca"] = (
                os.environ.get("CTXBUS_TLS_CA") or os.environ.get("NATS_CA") or context.get("ca")
            )
        if not values.get("tls_hostname"):
            values["tls_hostname"] = os.environ.get("CTXBUS_TLS_HOSTNAME") or None
        if not values.get("inbox_prefix"):
            values["inbox_prefix"] = (
                os.environ.get("CTXBUS_INBOX_PREFIX") or context.get("inbox_prefix") or None
            )
        values["discover"] = False
        values["context"] = selected_context[0] if selected_context else None
        return ConnectOptions(**values)

    def server_list(self) -> list[str]:
        servers = self.servers if self.servers is not None else DEFAULT_SERVERS
        if isinstance(servers, str):
            servers = servers.split(",")
        urls = [s.strip() for s in servers if s.strip()]
        if not urls:
            raise NotConnected("no NATS server URL given")
        return urls

    def nats_options(self) -> dict[str, Any]:
        """Keyword arguments for nats-py's ``connect`` (servers excluded)."""
        options: dict[str, Any] = {}
        if self.user:
            options["user"] = self.user
        if self.password:
            options["password"] = self.password
        if self.token:
            options["token"] = self.token
        if self.creds:
            _must_exist(self.creds, "credentials")
            options["user_credentials"] = str(Path(self.creds).expanduser())
        if self.nkey:
            _must_exist(self.nkey, "nkey seed")
            options["nkeys_seed"] = str(Path(self.nkey).expanduser())
        if self.tls_ca or self.tls_cert or self.tls_key or self._tls_urls():
            options["tls"] = self.ssl_context()
            if self.tls_hostname:
                options["tls_hostname"] = self.tls_hostname
        inbox = self.inbox_prefix or (nkey_inbox_prefix(self.nkey) if self.nkey else None)
        if inbox:
            options["inbox_prefix"] = inbox
        return options

    def _tls_urls(self) -> bool:
        return any(u.startswith("tls://") for u in self.server_list())

    def ssl_context(self) -> ssl.SSLContext:
        if bool(self.tls_cert) != bool(self.tls_key):
            raise ValidationError("mutual TLS needs both --tls-cert and --tls-key")
        try:
            context = ssl.create_default_context(
                cafile=str(Path(self.tls_ca).expanduser()) if self.tls_ca else None
            )
            if self.tls_cert and self.tls_key:
                context.load_cert_chain(
                    str(Path(self.tls_cert).expanduser()), str(Path(self.tls_key).expanduser())
                )
        except (OSError, ssl.SSLError) as exc:
            raise ValidationError(f"cannot load the TLS files: {exc}") from None
        return context

    def describe(self) -> str:
        """Where and how, for logs and messages: never a secret."""
        how = []
        if self.creds:
            how.append(f"creds {self.creds}")
        if self.nkey:
            how.append(f"nkey {self.nkey}")
        if self.user:
            how.append(f"user {self.user}")
        if self.token:
            how.append("token")
        if self.tls_cert:
            how.append(f"tls cert {self.tls_cert}")
        servers = redact_urls(self.server_list())
        return f"{servers} ({', '.join(how)})" if how else servers

    def child_env(self) -> dict[str, str]:
        """Environment variables that give a child process these options (secrets in the
        environment, never in its arguments)."""
        env = {SERVERS_ENV: ",".join(self.server_list())}
        for name, (ours, _theirs) in _ENV.items():
            value = getattr(self, name)
            if value:
                env[ours] = str(value)
        if self.inbox_prefix:
            env["CTXBUS_INBOX_PREFIX"] = self.inbox_prefix
        if self.tls_hostname:
            env["CTXBUS_TLS_HOSTNAME"] = self.tls_hostname
        return env


def connect_options(
    servers: str | Sequence[str] | ConnectOptions | None,
    options: ConnectOptions | None = None,
    auth: Mapping[str, str | None] | None = None,
) -> ConnectOptions:
    """One :class:`ConnectOptions` from a client's ``servers``, ``options`` and auth keywords."""
    if isinstance(servers, ConnectOptions):
        if options is not None:
            raise ValidationError("give the ConnectOptions once: as servers or as options")
        options, servers = servers, None
    options = options or ConnectOptions()
    if servers is not None:
        options = options.replace(servers=servers)
    if auth:
        known = {f.name for f in dataclasses.fields(ConnectOptions)} - {"discover", "servers"}
        unknown = sorted(set(auth) - known)
        if unknown:
            raise ValidationError(f"unknown connection options: {', '.join(unknown)}")
        options = options.replace(**{k: v for k, v in auth.items() if v is not None})
    return options


def nkey_public_key(seed_file: str) -> str:
    """The public key (``U...``) of an nkey seed file."""
    import nkeys

    try:
        seed = bytearray(Path(seed_file).expanduser().read_bytes().strip())
        key_pair = nkeys.from_seed(seed)
    except OSError as exc:
        raise ValidationError(
            f"cannot read the nkey seed file {seed_file}: {exc.strerror}"
        ) from None
    except Exception:
        raise ValidationError(f"{seed_file} does not hold an nkey seed") from None
    try:
        return str(key_pair.public_key.decode())
    finally:
        key_pair.wipe()


def nkey_inbox_prefix(seed_file: str) -> str:
    """The inbox prefix of an nkey user: ``_INBOX_<public key>``. ``ctxbus auth init``
    lets each user subscribe to its own inboxes only, so a client sees no other's replies."""
    return inbox_prefix_for(nkey_public_key(seed_file))


def inbox_prefix_for(public_key: str) -> str:
    return f"_INBOX_{public_key}"


def _must_exist(path: str, what: str) -> None:
    if not Path(path).expanduser().is_file():
        raise ValidationError(f"the {what} file {path} does not exist")


def _same_servers(a: str | Sequence[str], b: str) -> bool:
    def norm(servers: str | Sequence[str]) -> set[str]:
        items = servers.split(",") if isinstance(servers, str) else servers
        return {s.strip().replace("localhost", "127.0.0.1") for s in items if s.strip()}

    return norm(a) == norm(b)


def _local_credentials(local: Mapping[str, Any], role: str) -> dict[str, str]:
    credentials = local.get("credentials")
    if not isinstance(credentials, dict):
        return {}
    path = credentials.get(role) or credentials.get("agent")
    return {"nkey": str(path)} if isinstance(path, str) else {}
