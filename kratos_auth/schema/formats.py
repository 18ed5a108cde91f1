"""Format checks used on traits, matching what Kratos's validator accepts.

Python's ``jsonschema`` only checks that an ``email`` contains ``@``; Kratos's validator
(``ory/jsonschema``) requires at most 254 characters, a local part of at most 64 characters
that parses as an RFC 5322 address, and a domain that is a valid host name or an IP literal.
``tel`` (Kratos: a number libphonenumber accepts) is checked here as an international
E.164 number after separators are removed. ``noformat`` always passes (Kratos's escape hatch
for verification addresses without a format).
"""

from __future__ import annotations

import functools
import ipaddress
import re

from jsonschema import FormatChecker

from kratos_auth.schema.normalize import normalize_phone

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]"
_DOT_ATOM = re.compile(rf"^{_ATEXT}+(\.{_ATEXT}+)*$")
_QUOTED = re.compile(r'^"([\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$')
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9\-]{0,61}[A-Za-z0-9])?$")
_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")


def is_hostname(value: str) -> bool:
    """RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens."""
    value = value[:-1] if value.endswith(".") else value
    if not value or len(value) > 253:
        return False
    return all(_LABEL.match(label) for label in value.split("."))


def is_email(value: object) -> bool:
    """True for an address Kratos would accept as ``format: email`` (non-strings pass)."""
    return _is_email(value) if isinstance(value, str) else True


@functools.lru_cache(maxsize=256)  # one address is checked several times per identity
def _is_email(value: str) -> bool:
    if len(value) > 254 or "@" not in value:
        return False
    local, _, domain = value.rpartition("@")
    if not local or len(local) > 64:
        return False
    if not (_DOT_ATOM.match(local) or _QUOTED.match(local)):
        return False
    if domain.startswith("[") and domain.endswith("]"):
        literal = domain[1:-1]
        literal = literal[5:] if literal.lower().startswith("ipv6:") else literal
        try:
            ipaddress.ip_address(literal)
        except ValueError:
            return False
        return True
    return is_hostname(domain)


def is_tel(value: object) -> bool:
    """True for an international phone number such as ``+49 170 1234567`` (non-strings pass)."""
    if not isinstance(value, str):
        return True
    return bool(_E164.match(normalize_phone(value)))


def format_checker(base: FormatChecker) -> FormatChecker:
    """A copy of ``base`` (a draft's checker) with Kratos's email, tel and noformat."""
    checker = FormatChecker(formats=())
    checker.checkers = dict(base.checkers)
    checker.checks("email")(is_email)
    checker.checks("idn-email")(is_email)
    checker.checks("tel")(is_tel)
    checker.checks("noformat")(lambda value: True)
    return checker
