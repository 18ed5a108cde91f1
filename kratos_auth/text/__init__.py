"""Kratos's stable IDs and wording: error IDs (strings) and UI message IDs (numbers)."""

from kratos_auth.text.errors import ErrorId, reason
from kratos_auth.text.messages import MessageId, ui_text

__all__ = ["ErrorId", "MessageId", "reason", "ui_text"]
