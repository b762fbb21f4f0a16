"""Messages people read: a stable code and parameters, worded in French or English only when shown.

Every table of the application's own (non-Qt) messages is made with ``message_table``, so one test reads every
message of every table in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

Messages = Mapping[str, tuple[str, str]]  # code -> (French, English), "{param}" placeholders

TABLES: dict[str, Messages] = {}  # every table, by the name it was registered under


def message_table(name: str, messages: Messages) -> Messages:
    """Register a table (French first, then English) and hand it back."""
    if name in TABLES and TABLES[name] is not messages:
        raise ValueError(f"message table {name!r} registered twice")
    TABLES[name] = messages
    return messages


def translate(messages: Messages, code: str, lang: str, **params: object) -> str:
    """The message ``code`` of a table in ``lang`` ("fr", anything else is English), parameters filled in."""
    fr, en = messages[code]
    shown = {name: value.message(lang) if isinstance(value, TranslatedError) else value
             for name, value in params.items()}
    return (fr if lang == "fr" else en).format(**shown)


class TranslatedError(Exception):
    """Base of every user-facing error: ``code`` is for programs, ``message(lang)`` for people.

    A parameter that is itself a TranslatedError is worded in the same language as the message.
    """

    MESSAGES: ClassVar[Messages] = {}

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params: dict[str, object] = {
            name: value if isinstance(value, TranslatedError) else str(value) for name, value in params.items()
        }
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return translate(self.MESSAGES, self.code, lang, **self.params)
