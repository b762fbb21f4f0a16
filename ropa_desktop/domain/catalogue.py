"""An organisation's recipient catalogue indexed by id and by folded name, for look-ups in one pass."""

from __future__ import annotations

from collections.abc import Callable

from .model import Organization, Recipient


class RecipientCatalogue:
    """The recipients of ``org`` by id and by ``fold(name)``, built once (``org.recipient`` scans a list)."""

    def __init__(self, org: Organization, fold: Callable[[str], str] = str.casefold) -> None:
        self.org = org
        self.fold = fold
        self.by_id = {r.id: r for r in org.recipients}
        self.by_name: dict[str, Recipient] = {}
        for r in org.recipients:
            self.by_name.setdefault(fold(r.name), r)

    def get(self, recipient_id: str) -> Recipient | None:
        return self.by_id.get(recipient_id)

    def named(self, name: str) -> Recipient | None:
        return self.by_name.get(self.fold(name))

    def find(self, rec: Recipient) -> Recipient | None:
        """The entry ``rec`` is (same id), else one of the same name."""
        return self.by_id.get(rec.id) or self.named(rec.name)

    def add(self, rec: Recipient) -> None:
        """Append ``rec`` to the organisation's catalogue and index it."""
        self.org.recipients.append(rec)
        self.by_id.setdefault(rec.id, rec)
        self.by_name.setdefault(self.fold(rec.name), rec)
