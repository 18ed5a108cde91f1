"""Encrypted model fields (placeholder until the cipher package lands).

``EncryptedTextField`` and ``EncryptedJSONField`` store ciphertext bound to their table,
column and row; reading decrypts with any configured key, saving re-encrypts with the first.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class EncryptedTextField(models.TextField):
    """Text encrypted at rest."""


class EncryptedJSONField(models.TextField):
    """JSON encrypted at rest."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
