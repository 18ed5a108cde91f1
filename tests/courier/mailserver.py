"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), with STARTTLS or implicit TLS
using a certificate authority the tests create, optional AUTH, and stop/start on one port."""

from __future__ import annotations

import email
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.db.pki import Authority, write_server_files

CODE = re.compile(r"\b(\d{6})\b")
URL = re.compile(r"https?://[^\s<>\"]+")


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    ehlo: str
    message: EmailMessage
    tls: bool
    login: str | None

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, subtype: str) -> str:
        found = self.message.get_body(preferencelist=(subtype,))
        return found.get_content() if found is not None else ""

    @property
    def text(self) -> str:
        return self.part("plain")

    @property
    def html(self) -> str:
        return self.part("html")

    def code(self) -> str:
        match = CODE.search(self.text)
        assert match, f"no six-digit code in: {self.text!r}"
        return match.group(1)

    def links(self) -> list[str]:
        return URL.findall(self.text)


class _Handler:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content, policy=default_policy)
        auth = session.auth_data
        login = auth.login.decode() if auth is not None and hasattr(auth, "login") else None
        self.server.received.append(
            Received(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                ehlo=session.host_name,
                message=parsed,  # type: ignore[arg-type]
                tls=session.ssl is not None
                or server.transport.get_extra_info("ssl_object") is not None,
                login=login,
            )
        )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class MailServer:
    """``mode``: ``starttls`` (offered and required), ``implicit`` (TLS from the first byte)
    or ``plain`` (no TLS offered). ``credentials`` turns AUTH on (only over TLS)."""

    directory: Path
    mode: str = "starttls"
    credentials: tuple[str, str] | None = None
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "mail.example.test")
    port: int = field(default_factory=_free_port)
    received: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.authority = Authority.create("Courier Test CA")
        self.files = write_server_files(self.directory, self.authority, list(self.hosts))
        self.controller: Controller | None = None

    @property
    def ca_file(self) -> str:
        return str(self.files["ca"])

    def _server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(self.files["cert"]), str(self.files["key"]))
        return context

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert self.credentials is not None
        ok = (data.login.decode(), data.password.decode()) == self.credentials
        return AuthResult(success=ok, handled=False, auth_data=data if ok else None)

    def start(self) -> MailServer:
        kwargs: dict[str, Any] = {"hostname": "127.0.0.1", "port": self.port}
        if self.mode == "implicit":
            kwargs["ssl_context"] = self._server_context()
        elif self.mode == "starttls":
            kwargs["tls_context"] = self._server_context()
            kwargs["require_starttls"] = True
        if self.credentials:
            kwargs["authenticator"] = self._authenticate
            kwargs["auth_require_tls"] = True
        self.controller = Controller(_Handler(self), **kwargs)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def uri(self, scheme: str = "smtp", userinfo: str = "", **query: str) -> str:
        auth = f"{userinfo}@" if userinfo else ""
        params = "&".join(f"{k}={v}" for k, v in query.items())
        return f"{scheme}://{auth}127.0.0.1:{self.port}/" + (f"?{params}" if params else "")

    def to(self, recipient: str) -> list[Received]:
        return [r for r in self.received if recipient in r.rcpt_tos]

    def last_to(self, recipient: str, timeout: float = 5.0) -> Received:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(recipient)
            if found:
                return found[-1]
            time.sleep(0.02)
        raise AssertionError(f"no mail to {recipient}")
