"""The flat sheets (Register, Organisations, Recipients): columns from the field table, rows <-> domain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from ...domain import value_text
from ...domain.fields import FieldSpec, Kind, field_spec, fields_of
from ...domain.model import Activity, Contact, Organization, Purpose, Recipient, new_id
from .. import lineformat as lf
from ..blank_answers import means_none, means_nothing
from ..retention_text import rules_from_text
from .messages import bilingual

ID = "ropa:id"
ORG_ID = "ropa:organization_id"
DIGEST = "ropa:digest"  # the Register row's cell digests (row_digest.py)
SEP = " – "  # parent label – child label


@dataclass(frozen=True)
class Column:
    """One column of a flat sheet: a key (``name``, ``dpia.required``, ``purposes``...) and its field spec."""

    key: str
    spec: FieldSpec | None = None
    parent: FieldSpec | None = None
    hidden: bool = False

    def header(self, lang: str) -> str:
        if self.key == "_id":
            return ID
        if self.key == "_organization_id":
            return ORG_ID
        if self.key == "_digest":
            return DIGEST
        assert self.spec is not None
        if self.parent is not None:
            return f"{self.parent.label(lang)}{SEP}{self.spec.label(lang)}"
        return self.spec.label(lang)

    @property
    def kind(self) -> Kind:
        return self.spec.kind if self.spec else Kind.TEXT

    @property
    def width(self) -> int:
        if self.hidden:
            return 12
        if self.spec is not None and self.spec.key in _NARROW:
            return _NARROW[self.spec.key]
        if self.kind in (Kind.LIST, Kind.LONG_TEXT):
            return 50
        if self.kind in (Kind.BOOL, Kind.DATE, Kind.DATETIME):
            return 14
        return 24


# Short values in narrower columns: more of the sheet on each printed page.
_NARROW = {"reference": 12, "postal_code": 11, "country": 13, "phone": 16, "status": 13, "role": 18,
           "designation_number": 14, "legal_form": 16, "registration_number": 16, "city": 16}

_ORG_NAME = field_spec("organization", "name")
_BLANK_ORG = Organization()


def _activity_columns() -> tuple[Column, ...]:
    cols = [
        Column("_organization_id", hidden=True),
        Column("_id", hidden=True),
        Column("organization", _ORG_NAME),
    ]
    for spec in fields_of("activity"):
        if spec.is_object:
            cols += [Column(f"{spec.key}.{sub.key}", sub, spec) for sub in fields_of(spec.item)]
        else:
            cols.append(Column(spec.key, spec))
    return tuple(cols)


def _organization_columns() -> tuple[Column, ...]:
    cols = [Column("_id", hidden=True)]
    for spec in fields_of("organization"):
        if spec.is_object:
            cols += [Column(f"{spec.key}.{sub.key}", sub, spec) for sub in fields_of(spec.item)]
        else:
            cols.append(Column(spec.key, spec))
    cols.append(Column("sources", field_spec("activity", "sources")))
    # The general description of the security measures (Art. 30(2)(d)), for the processor's register.
    cols.append(Column("security_measures", field_spec("organization", "security_measures")))
    return tuple(cols)


def _recipient_columns() -> tuple[Column, ...]:
    return (
        Column("_organization_id", hidden=True),
        Column("_id", hidden=True),
        Column("organization", _ORG_NAME),
        *(Column(s.key, s) for s in fields_of("recipient")),  # a statement's lists: one item per line
    )


ACTIVITY_COLUMNS = _activity_columns()
ACTIVITY_BY_KEY = {c.key: c for c in ACTIVITY_COLUMNS}
_ACTIVITY_BY_KEY = ACTIVITY_BY_KEY
_HEADERS = {c.key: bilingual(c.header("fr"), c.header("en")) for c in ACTIVITY_COLUMNS}
ORGANIZATION_COLUMNS = _organization_columns()
_ORG_LISTS = {"sources": "source", "security_measures": "security_measure"}  # list columns -> item scope
RECIPIENT_COLUMNS = _recipient_columns()

def header_index(columns: tuple[Column, ...]) -> dict[str, str]:
    """Folded header text (FR, EN, key) -> column key."""
    index: dict[str, str] = {}
    for col in columns:
        index[lf.fold(col.key)] = col.key
        if col.key.startswith("_"):
            index[lf.fold(col.header("en"))] = col.key
            continue
        for lang in ("fr", "en"):
            index[lf.fold(col.header(lang))] = col.key
    return index


def column_choices(lang: str) -> list[tuple[str, str]]:
    """(key, header) of every activity column a plain table's header can be mapped to."""
    return [(c.key, c.header(lang)) for c in ACTIVITY_COLUMNS]


# --- domain -> cells ------------------------------------------------------------------------------------


def scalar_cell(spec: FieldSpec, value: Any, lang: str) -> Any:
    """A simple field's cell value: text, a date, or None."""
    kind = spec.kind
    if kind in (Kind.CODE, Kind.COUNTRY, Kind.BOOL):
        return value_text.text(spec, value, lang)
    if kind is Kind.CODES:  # the DPIA questionnaire's lists of criteria
        return value_text.codes_text(spec.vocab, value, lang, "; ") or None
    if kind is Kind.DATE:
        return value
    if kind is Kind.DATETIME:
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None
    return value


_LABELS_KEPT = 1000  # per column: a vocabulary, or the countries; an unknown code typed by hand is rare


def _scalar_writer(spec: FieldSpec, lang: str) -> Callable[[Any], Any]:
    """``scalar_cell`` for one field, its kind decided once rather than per cell."""
    kind = spec.kind
    if kind in (Kind.CODE, Kind.COUNTRY, Kind.BOOL):  # few distinct values: each one's label looked up once
        labels: dict[Any, Any] = {}

        def label(value: Any) -> Any:
            try:
                found = labels.get(value, labels)
            except TypeError:  # an unhashable value, from a hand-built register: looked up as it always was
                return scalar_cell(spec, value, lang)
            if found is labels:
                found = scalar_cell(spec, value, lang)
                if len(labels) < _LABELS_KEPT:
                    labels[value] = found
            return found

        return label
    if kind in (Kind.CODES, Kind.DATETIME):
        return lambda value: scalar_cell(spec, value, lang)
    return _same  # text, a number, a date: the cell is the value


def _same(value: Any) -> Any:
    return value


_RECIPIENTS = lf.ITEM_SCOPES["recipients"][0]
RowWriter = Callable[[Activity, Organization, "lf.ItemsWriter"], list[Any]]


@cache
def _row_writer(lang: str) -> RowWriter:
    """One activity's Register row as one list display, written out once per language from ``ACTIVITY_COLUMNS``.

    An export builds 10,000 such rows: a loop over the columns deciding each one's kind per activity took a third
    of the time. ``recipients`` writes the recipients' column (names resolved per organisation).
    """
    env: dict[str, Any] = {}
    cells: list[str] = []
    for n, col in enumerate(ACTIVITY_COLUMNS):
        if col.key in ("_id", "_organization_id", "organization"):
            cells.append({"_id": "a.id", "_organization_id": "org.id", "organization": "org.name"}[col.key])
            continue
        assert col.spec is not None
        if col.kind is Kind.LIST and col.parent is None:
            env[f"w{n}"] = lf.items_writer(lf.ITEM_SCOPES[col.key][0], lang)
            cells.append(f"recipients(a.{col.key})" if col.key == "recipients" else f"w{n}(a.{col.key}, None)")
            continue
        env[f"w{n}"] = write = _scalar_writer(col.spec, lang)
        value = f"a.{col.key}" if col.parent is None else f"a.{col.parent.key}.{col.spec.key}"
        cells.append(value if write is _same else f"w{n}({value})")
    source = "def row(a, org, recipients):\n    return [" + ", ".join(cells) + "]"
    exec(compile(source, f"<register row {lang}>", "exec"), env)  # our own text, from the field table
    row: RowWriter = env["row"]
    return row


def activity_row(activity: Activity, org: Organization, lang: str, names: dict[str, str] | None = None,
                 counts: dict[str, int] | None = None) -> list[Any]:
    """The Register sheet's row of ``activity`` (``names``, ``counts``: ``recipient_names(org)``, once per org)."""
    if names is None or counts is None:
        names, counts = recipient_names(org)

    def recipient_extra(link: Any) -> dict[str, str]:
        name = names.get(link.recipient_id, "")
        return {"id": link.recipient_id} if not name or counts.get(name.casefold(), 0) > 1 else {}

    def recipients(links: list[Any], _names: Any = None) -> str:
        return lf.format_items(_RECIPIENTS, links, lang, lambda i: names.get(i, ""), recipient_extra)

    return _row_writer(lang)(activity, org, recipients)


def recipient_names(org: Organization) -> tuple[dict[str, str], dict[str, int]]:
    """Recipient id -> name, and how many recipients share each folded name (a shared name writes its id)."""
    names = {r.id: r.name for r in org.recipients}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    return names, counts


def organization_row(org: Organization, lang: str) -> list[Any]:
    row: list[Any] = []
    for col in ORGANIZATION_COLUMNS:
        assert col.key == "_id" or col.spec is not None
        if col.key == "_id":
            row.append(org.id)
        elif col.key in ("sources", "security_measures"):
            row.append(lf.format_items(_ORG_LISTS[col.key], getattr(org, col.key), lang))
        elif col.parent is not None and col.spec is not None:
            row.append(scalar_cell(col.spec, getattr(getattr(org, col.parent.key), col.spec.key), lang))
        elif col.spec is not None:
            row.append(scalar_cell(col.spec, getattr(org, col.key), lang))
    return row


def recipient_row(recipient: Recipient, org: Organization, lang: str) -> list[Any]:
    row: list[Any] = [org.id, recipient.id, org.name]
    for col in RECIPIENT_COLUMNS[3:]:
        if col.spec is None:
            continue
        value = getattr(recipient, col.key)
        if col.spec.is_list and col.spec.item:  # a processor statement's sub-processors and transfers: one per line
            row.append(lf.format_items(col.spec.item, value, lang) or None)
        else:
            row.append(scalar_cell(col.spec, value, lang))
    return row


# --- cells -> domain ------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """Any cell value as the text a person typed: 12.0 -> "12", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != datetime.min.time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_date(value: Any, problems: lf.Problems, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value).strip()
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        problems.add("bad_date", value=text, where=where)
        return None


def parse_datetime(value: Any, problems: lf.Problems, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    text = cell_text(value).strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        day = parse_date(text, problems, where)
        return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def scalar_value(spec: FieldSpec, value: Any, problems: lf.Problems, where: str) -> Any:
    kind = spec.kind
    if kind is Kind.DATE:
        return parse_date(value, problems, where)
    if kind is Kind.DATETIME:
        return parse_datetime(value, problems, where)
    text = cell_text(value)
    if kind is Kind.CODE and spec.vocab is not None:
        return lf.code_from_text(text, spec.vocab, problems, where)
    if kind is Kind.CODES and spec.vocab is not None:
        return [lf.code_from_text(p.strip(), spec.vocab, problems, where) for p in text.split(";") if p.strip()]
    if kind is Kind.COUNTRY:
        return lf.country_from_text(text, problems, where)
    if kind is Kind.BOOL:
        if means_nothing(text) and lf.fold(text) != "x":  # "x" is a tick; "Non concerné" no answer
            problems.add("no_answer", value=text.strip(), where=where)
            return None
        return lf.bool_from_text(text, problems, where)
    return text


@dataclass
class RowContext:
    """What a row needs to resolve recipients: the organisation whose catalogue it uses."""

    org: Organization
    problems: lf.Problems
    # Folded name -> the first recipient of that name, and how many recipients it was built from: one context
    # serves every row of an organisation without scanning its catalogue per recipient named.
    _names: dict[str, Recipient] = field(default_factory=dict, repr=False)
    _indexed: int = 0

    def recipient_id(self, name: str, hint: str) -> str:
        if hint and self.org.recipient(hint):
            return hint
        recipients = self.org.recipients
        if self._indexed != len(recipients):
            self._names.clear()
            for r in recipients:
                self._names.setdefault(r.name.strip().casefold(), r)
            self._indexed = len(recipients)
        folded = name.strip().casefold()
        found = self._names.get(folded)
        if found is None:
            found = Recipient(id=hint or new_id(), name=name.strip())
            recipients.append(found)
            self._names[folded] = found
            self._indexed += 1
        return found.id


# The columns a row's values are read from (the organisation's name and the ids are read by the caller).
_READ_COLUMNS = {c.key: (c, c.spec) for c in ACTIVITY_COLUMNS if c.spec is not None and c.key != "organization"}


def activity_from_row(
    values: dict[str, Any], ctx: RowContext, where: str, columns: dict[str, str] | None = None, row: int | str = 0
) -> Activity:
    """An activity from a row keyed by column key (missing keys keep the model's defaults).

    ``columns``: column key -> "Registre!Z", so that warnings name the cell ("Registre!Z3" for ``row`` 3; a
    label/answer sheet gives each key's whole cell and ``row`` "").
    """
    activity = Activity()
    ident = cell_text(values.get("_id")).strip()
    if ident:
        activity.id = ident
    problems = ctx.problems
    for key, value in values.items():
        if value is None or value == "":
            continue
        found = _READ_COLUMNS.get(key)
        if found is None:
            continue
        col, spec = found
        at = f"{columns[key]}{row}, {_HEADERS[key]}" if columns and key in columns else f"{where}, {_HEADERS[key]}"
        if col.parent is not None:
            parsed = scalar_value(spec, value, problems, at)  # None stays None for yes/no/unknown
            setattr(getattr(activity, col.parent.key), spec.key, parsed)
        elif key == "retention":  # "3 ans" typed by counsel is a duration, not what the rule applies to
            activity.retention = rules_from_text(cell_text(value), "", problems, at, bare="applies_to")
        elif col.kind is Kind.LIST:
            scope, text = lf.ITEM_SCOPES[key][0], cell_text(value)
            # "Aucun", "Néant", "None", "-" alone: there is none (as in the CNIL template), not one named so.
            items = [] if means_none(text) else lf.parse_items(
                scope, text, problems, at, ctx.recipient_id if key == "recipients" else None
            )
            setattr(activity, key, items)
        else:
            parsed = scalar_value(spec, value, problems, at)
            if col.kind in (Kind.DATE, Kind.DATETIME) or parsed is not None:
                setattr(activity, key, parsed)
    return finish_activity(activity, values, problems, columns, where, row)


def finish_activity(activity: Activity, values: dict[str, Any], problems: lf.Problems,
                    columns: dict[str, str] | None, where: str, row: int | str) -> Activity:
    """A row's activity completed: the legal basis (a part of the main purpose), the role and status defaults."""
    if "legal_basis" in values:
        at = f"{columns['legal_basis']}{row}" if columns and "legal_basis" in columns else where  # its cell
        _apply_legal_basis(activity, cell_text(values["legal_basis"]), problems, at)
    if "role" in values and not activity.role:
        activity.role = "controller"
    if "status" in values and not activity.status:
        activity.status = "draft"
    return activity


def _apply_legal_basis(activity: Activity, text: str, problems: lf.Problems, where: str) -> None:
    from ...domain.vocabularies import LEGAL_BASES

    code = lf.code_from_text(text, LEGAL_BASES, problems, where)
    if not code:
        return
    main = activity.main_purpose()
    if main is None:
        main = Purpose(main=True)
        activity.purposes.append(main)
    main.legal_basis = code


def organization_from_row(values: dict[str, Any], problems: lf.Problems, where: str) -> Organization:
    org = Organization()
    ident = cell_text(values.get("_id")).strip()
    if ident:
        org.id = ident
    by_key = {c.key: c for c in ORGANIZATION_COLUMNS}
    for key, value in values.items():
        col = by_key.get(key)
        if col is None or col.spec is None:
            continue
        at = f"{where}, {bilingual(col.header('fr'), col.header('en'))}"
        if key in _ORG_LISTS:
            setattr(org, key, lf.parse_items(_ORG_LISTS[key], cell_text(value), problems, at))
        elif col.parent is not None:
            contact: Contact = getattr(org, col.parent.key)
            setattr(contact, col.spec.key, scalar_value(col.spec, value, problems, at))
        else:
            parsed = scalar_value(col.spec, value, problems, at)
            # A yes/no that may be unanswered (the Art. 37(1) questions) keeps "unknown"; the others are yes or no.
            nullable = getattr(_BLANK_ORG, key) is None
            setattr(org, key, bool(parsed) if col.kind is Kind.BOOL and not nullable else parsed)
    return org


def recipient_from_row(values: dict[str, Any], problems: lf.Problems, where: str) -> Recipient:
    recipient = Recipient()
    ident = cell_text(values.get("_id")).strip()
    if ident:
        recipient.id = ident
    for col in RECIPIENT_COLUMNS[3:]:
        if col.key in values and col.spec is not None:
            at = f"{where}, {col.key}"
            if col.spec.is_list and col.spec.item:
                setattr(recipient, col.key, lf.parse_items(col.spec.item, cell_text(values[col.key]), problems, at))
            else:
                setattr(recipient, col.key, scalar_value(col.spec, values[col.key], problems, at))
    return recipient
