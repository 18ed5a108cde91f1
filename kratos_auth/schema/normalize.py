"""How identifiers and addresses are normalised before they are stored or looked up.

Kratos lowercases every credential identifier taken from the traits
(``strings.ToLower``) and lowercases and trims e-mail addresses it stores for verification
and recovery. We do the same and more, so that visually identical values cannot belong to
two accounts:

* **identifiers** (password, webauthn, passkey, code): Unicode NFKC, surrounding
  whitespace trimmed, then Unicode case folding (``str.casefold``, a superset of
  lowercasing: ``"Straße"`` and ``"STRASSE"`` are the same identifier). Phone numbers
  used as ``code`` identifiers via ``sms`` are normalised as phone numbers instead.
* **e-mail addresses** (verification/recovery ``via: email``): NFKC, trimmed, lowercased
  (Kratos's rule; no case folding, so the stored address is still deliverable).
* **phone numbers** (``via: sms``): NFKC, trimmed, and the usual separators (spaces,
  ``-``, ``.``, ``(``, ``)``) removed; a leading ``00`` becomes ``+``.

Login and lookup code must call the same functions on user input.
"""

from __future__ import annotations

import re
import unicodedata

_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")


def normalize_identifier(value: str) -> str:
    """Normalise a credential identifier (username, e-mail, …) for storage and lookup."""
    return unicodedata.normalize("NFKC", value).strip().casefold()


def normalize_email(value: str) -> str:
    """Normalise an e-mail address the way Kratos stores verifiable/recovery addresses."""
    return unicodedata.normalize("NFKC", value).strip().lower()


def normalize_phone(value: str) -> str:
    """Normalise a phone number: separators removed, ``00`` prefix written as ``+``."""
    compact = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", value).strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    return compact


def normalize_address(value: str, via: str) -> str:
    """Normalise a verification or recovery address for its channel (``email``/``sms``)."""
    if via == "sms":
        return normalize_phone(value)
    return normalize_email(value)


def normalize_code_identifier(value: str, via: str | None) -> str:
    """Normalise an identifier of the ``code`` method (an address for its channel)."""
    if via == "sms":
        return normalize_phone(value)
    return normalize_identifier(value)
