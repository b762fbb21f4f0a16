"""Errors people read: a stable code and parameters, worded in French or English only when shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar


class TranslatedError(Exception):
    """Base of every user-facing error: ``code`` is for programs, ``message(lang)`` for people."""

    MESSAGES: ClassVar[Mapping[str, tuple[str, str]]] = {}  # code -> (French, English), "{param}" placeholders

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        fr, en = self.MESSAGES[self.code]
        return (fr if lang == "fr" else en).format(**self.params)
