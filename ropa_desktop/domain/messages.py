"""Messages people read: a stable code and parameters, worded in French or English only when shown.

Every table of the application's own (non-Qt) messages is made with ``message_table``, so one test reads every
message of every table in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import ClassVar

# code -> (French, English), "{param}" placeholders; "{count:one|other}" words a count (see ``plural``).
Messages = Mapping[str, tuple[str, str]]

TABLES: dict[str, Messages] = {}  # every table, by the name it was registered under


def message_table(name: str, messages: Messages) -> Messages:
    """Register a table (French first, then English) and hand it back."""
    if name in TABLES and TABLES[name] is not messages:
        raise ValueError(f"message table {name!r} registered twice")
    TABLES[name] = messages
    return messages


def is_one(count: object, lang: str) -> bool:
    """Whether ``count`` takes the singular: 0 and 1 in French ("0 activité"), 1 alone in English."""
    try:
        n = int(str(count))
    except ValueError:
        return False
    return n in (0, 1) if lang == "fr" else n == 1


def plural(count: object, lang: str, one: str, other: str) -> str:
    """``one`` or ``other``, as ``count`` asks in ``lang``."""
    return one if is_one(count, lang) else other


_COUNTED = re.compile(r"\{(\w+):([^{}|]*)\|([^{}]*)\}")  # "{count:activity|activities}"


def _worded(text: str, lang: str, params: Mapping[str, object]) -> str:
    """``text`` with each "{count:one|other}" replaced by the word ``count`` takes (its number is "{count}")."""
    return _COUNTED.sub(lambda m: plural(params[m[1]], lang, m[2], m[3]).replace("{", "{{").replace("}", "}}"), text)


def translate(messages: Messages, code: str, lang: str, **params: object) -> str:
    """The message ``code`` of a table in ``lang`` ("fr", anything else is English), parameters filled in."""
    fr, en = messages[code]
    shown = {name: value.message(lang) if isinstance(value, TranslatedError) else value
             for name, value in params.items()}
    return fill(fr if lang == "fr" else en, lang, shown)


def fill(template: str, lang: str, params: Mapping[str, object]) -> str:
    """A message's text in ``lang`` with its parameters: a count's words first, then the plain format."""
    if "|" in template:
        template = _worded(template, lang, params)
    return template.format(**params)


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
