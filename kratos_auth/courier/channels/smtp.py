"""Email over SMTP, configured like Kratos (``courier.smtp.*``).

``connection_uri``:

* ``smtp://user:pass@host:587/`` - STARTTLS is mandatory: a server that does not offer it
  is an error (the message stays queued). ``?disable_starttls=true`` allows cleartext.
* ``smtps://user:pass@host:465/`` - implicit TLS (``?legacy_ssl=true`` on ``smtp://`` too).
* ``?skip_ssl_verify=true`` accepts any certificate (tests, self-signed relays only);
  ``?server_name=mail.example.com`` is the name the certificate is checked against (SNI)
  when it differs from the host connected to.

Certificates are checked against the system's trust store (``SSL_CERT_FILE`` /
``SSL_CERT_DIR`` apply); ``client_cert_path``/``client_key_path`` add a client certificate.
Credentials are only sent over TLS (or to a loopback host), as Go's ``net/smtp`` requires.
``from_address``, ``from_name``, ``headers`` (extra headers, e.g. for SES) and
``local_name`` (the EHLO name) are used as Kratos uses them.
"""

from __future__ import annotations

import ipaddress
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from kratos_auth.conf import config
from kratos_auth.courier.channels.base import DeliveryError

TIMEOUT = 30.0
DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
_TRUE = {"1", "t", "true", "yes", "on"}


@dataclass(frozen=True, repr=False)
class SmtpSettings:
    host: str
    port: int
    implicit_tls: bool
    starttls: bool
    verify: bool
    server_name: str
    username: str = ""
    password: str = field(default="", repr=False)
    from_address: str = "no-reply@ory.kratos.sh"
    from_name: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    local_name: str = "localhost"
    client_cert: str = ""
    client_key: str = ""

    def __repr__(self) -> str:  # never the password
        return f"<SmtpSettings {self.host}:{self.port} tls={self.implicit_tls or self.starttls}>"

    @classmethod
    def parse(cls, uri: str, section: Any = None) -> SmtpSettings:
        """Settings from a ``connection_uri`` and the rest of ``courier.smtp``."""
        parts = urlsplit(uri or "")
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or not parts.hostname:
            raise DeliveryError("courier.smtp.connection_uri is not a smtp:// or smtps:// URI")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}

        def flag(key: str) -> bool:
            return query.get(key, "").strip().lower() in _TRUE

        implicit = scheme == "smtps" or flag("legacy_ssl")
        try:
            port = parts.port or DEFAULT_PORTS["smtps" if implicit else "smtp"]
        except ValueError as err:
            raise DeliveryError("courier.smtp.connection_uri has an invalid port") from err
        headers = _option(section, "headers", {}) or {}
        return cls(
            host=parts.hostname,
            port=port,
            implicit_tls=implicit,
            starttls=not implicit and not flag("disable_starttls"),
            verify=not flag("skip_ssl_verify"),
            server_name=query.get("server_name") or parts.hostname,
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            from_address=str(_option(section, "from_address", "no-reply@ory.kratos.sh")),
            from_name=str(_option(section, "from_name", "")),
            headers=tuple((str(k), str(v)) for k, v in dict(headers).items()),
            local_name=str(_option(section, "local_name", "localhost")),
            client_cert=str(_option(section, "client_cert_path", "")),
            client_key=str(_option(section, "client_key_path", "")),
        )

    @classmethod
    def from_config(cls) -> SmtpSettings:
        section = config.courier.smtp
        return cls.parse(str(section.connection_uri or ""), section)

    def tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        if not self.verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        if self.client_cert:
            try:
                context.load_cert_chain(self.client_cert, self.client_key or None)
            except (OSError, ssl.SSLError) as err:
                raise DeliveryError("cannot load courier.smtp client certificate") from err
        return context


def _option(section: Any, key: str, default: Any) -> Any:
    value = section.get(key) if section is not None else None
    return default if value in (None, "") else value


class _Smtp(smtplib.SMTP):
    server_name = ""


class _SmtpTls(smtplib.SMTP_SSL):
    """Implicit TLS that checks the certificate against ``server_name`` (SNI too)."""

    server_name = ""

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        raw = socket.create_connection((host, port), timeout, self.source_address)
        return self.context.wrap_socket(raw, server_hostname=self.server_name or host)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def reason_of(err: BaseException) -> str:
    """A storable description of a failure: the error type and an SMTP code, nothing else."""
    if isinstance(err, DeliveryError):
        return err.reason
    if isinstance(err, smtplib.SMTPResponseException):
        return f"{type(err).__name__}: SMTP {err.smtp_code}"
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _ in err.recipients.values()})
        return f"SMTPRecipientsRefused: SMTP {','.join(codes)}"
    if isinstance(err, ssl.SSLCertVerificationError):
        return f"SSLCertVerificationError: {err.verify_message}"
    if isinstance(err, OSError) and err.strerror:
        return f"{type(err).__name__}: {err.strerror}"
    return type(err).__name__


class SmtpChannel:
    """Kratos's SMTP delivery; keeps one connection open for a batch."""

    id = "smtp"

    def __init__(self, settings: SmtpSettings | None = None) -> None:
        self._settings = settings
        self._connection: smtplib.SMTP | None = None

    @property
    def settings(self) -> SmtpSettings:
        if self._settings is None:
            self._settings = SmtpSettings.from_config()
        return self._settings

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = s.tls_context() if (s.implicit_tls or s.starttls) else None
        if s.implicit_tls:
            connection: smtplib.SMTP = _SmtpTls(
                local_hostname=s.local_name, timeout=TIMEOUT, context=context
            )
        else:
            connection = _Smtp(local_hostname=s.local_name, timeout=TIMEOUT)
        connection.server_name = s.server_name  # type: ignore[attr-defined]
        try:
            connection.connect(s.host, s.port)
            connection.ehlo()
            if s.starttls:
                if not connection.has_extn("starttls"):
                    raise DeliveryError("the SMTP server does not offer STARTTLS (required)")
                connection._host = s.server_name  # the name STARTTLS checks (SNI)
                connection.starttls(context=context)
                connection.ehlo()
            if s.username:
                if not (s.implicit_tls or s.starttls or _loopback(s.host)):
                    raise DeliveryError("refusing to send SMTP credentials without TLS")
                connection.login(s.username, s.password)
        except Exception:
            _quietly_close(connection)
            raise
        return connection

    def build(self, message: Any) -> EmailMessage:
        """The MIME message for a stored courier message."""
        s = self.settings
        mail = EmailMessage()
        try:
            mail["Subject"] = message.subject
            mail["From"] = (
                formataddr((s.from_name, s.from_address)) if s.from_name else (s.from_address)
            )
            mail["To"] = message.recipient
            mail["Date"] = formatdate(usegmt=True)
            mail["Message-ID"] = make_msgid(domain=s.from_address.rpartition("@")[2] or None)
            for name, value in s.headers:
                mail[name] = value
        except (ValueError, TypeError) as err:
            raise DeliveryError("a message header is invalid (CR/LF or bad address)") from err
        mail.set_content(message.body or "")
        if message.html_body:
            mail.add_alternative(message.html_body, subtype="html")
        return mail

    def send(self, message: Any) -> None:
        mail = self.build(message)
        for attempt in (1, 2):
            try:
                if self._connection is None:
                    self._connection = self._connect()
                self._connection.send_message(
                    mail, from_addr=self.settings.from_address, to_addrs=[message.recipient]
                )
                return
            except smtplib.SMTPServerDisconnected as err:
                self.close()
                if attempt == 2:  # a kept-alive connection may have timed out: retry once
                    raise DeliveryError(reason_of(err)) from err
            except (smtplib.SMTPException, OSError, DeliveryError) as err:
                self.close()
                raise DeliveryError(reason_of(err)) from err

    def close(self) -> None:
        if self._connection is not None:
            _quietly_close(self._connection)
            self._connection = None


def _quietly_close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        try:
            connection.close()
        except OSError:
            pass
