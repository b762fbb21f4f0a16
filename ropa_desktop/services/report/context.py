"""What every section of the report shares: language, profile, organisation, and field values as text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ...domain import value_text
from ...domain.fields import FieldSpec, Kind, fields_of
from ...domain.model import Contact, Duration, Organization
from . import labels
from .text import TextFilter


@dataclass(slots=True)
class Ctx:
    """The report's settings and the filter that records unprintable characters."""

    lang: str
    public: bool
    org: Organization
    today: date
    clean: TextFilter

    def t(self, key: str, **params: object) -> str:
        return labels.text(key, self.lang, **params)

    def shown(self, spec: FieldSpec) -> bool:
        """Whether this profile prints the field (the public profile leaves out non-public ones)."""
        return spec.public or not self.public

    def label(self, spec: FieldSpec) -> str:
        return spec.label(self.lang)

    def user(self, value: str, where: str) -> str:
        """User text, with characters the font lacks replaced by a marker and reported."""
        return self.clean(value, where)

    def value(self, spec: FieldSpec, raw: Any, where: str) -> str:
        """A field's value as printed text ("" when empty)."""
        return self.clean(self._format(spec, raw, where), where)

    def _format(self, spec: FieldSpec, raw: Any, where: str) -> str:
        lang = self.lang
        kind = spec.kind
        if kind in (Kind.TEXT, Kind.LONG_TEXT):
            return str(raw or "")
        if kind in (Kind.CODE, Kind.CODES):
            return value_text.text(spec, raw, lang)
        if kind == Kind.COUNTRY:
            return labels.fmt_country(str(raw or ""), lang)
        if kind == Kind.BOOL:
            return labels.fmt_bool(raw, lang)
        if kind == Kind.DATETIME:
            return labels.fmt_datetime(raw if isinstance(raw, datetime) else None, lang)
        if kind == Kind.DATE:
            return labels.fmt_date(raw if isinstance(raw, date) else None, lang)
        if kind == Kind.DURATION:
            return labels.fmt_duration(raw if isinstance(raw, Duration) else None, lang)
        if kind == Kind.RECIPIENT:
            recipient = self.org.recipient(str(raw))
            return recipient.name if recipient else str(raw or "")
        if kind == Kind.CLIENT:
            client = self.org.client(str(raw))
            return client.name if client else str(raw or "")
        if kind == Kind.CONTACT:
            return self.contact(raw if isinstance(raw, Contact) else Contact(), where)
        return str(raw or "")

    def contact(self, contact: Contact, where: str) -> str:
        """A contact as "Label : value" lines, empty fields left out."""
        sep = " : " if self.lang == "fr" else ": "
        lines = []
        for spec in fields_of("contact"):
            if not self.shown(spec):
                continue
            text = self._format(spec, getattr(contact, spec.key), where)
            if text:
                lines.append(f"{self.label(spec)}{sep}{text}")
        return "\n".join(lines)

    def or_dash(self, value: str) -> str:
        return value if value.strip() else self.t("empty")
