"""XLSX export: the CNIL layout (list + fiches), the flat Register for counsel, lists, dropdowns, hidden ids.

``export_xlsx(register, path, *, lang="fr", organization_id=None, fiches=None, progress=None, cancel=None) ->
ExportReport``. Fiche sheets (one per activity) are written when ``fiches`` is True, or by default when the
export holds at most ``FICHE_LIMIT`` activities; the Register sheet is always complete. The workbook is built
in write-only mode and published atomically: on error or cancel the previous file is left untouched. An
``OSError`` while writing becomes ``SpreadsheetError("write_failed")``; cancelling raises ``Cancelled``. In a
single-threaded process (the command line) a forked child shares a large Register's rows (``halves``).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

from ... import __version__
from ...domain.fields import Kind, field_spec, fields_of
from ...domain.model import Organization, Register
from .. import lineformat as lf
from ..atomic import write_bytes_atomic
from ..errors import Cancelled
from . import flat, halves, processor_sheets, row_digest, zipped
from .cells import CellFactory, page_setup, pages_across, row_height
from .cnil_export import write_fiche, write_list_sheet
from .cnil_processor import write_processor_sheet
from .dropdowns import Lists
from .fastrows import FastRows, Meta, splice
from .fingerprint import fingerprint
from .layout import (
    DIGEST,
    DIGEST_LIST,
    DIGEST_PROCESSOR,
    DIGEST_RECIPIENT,
    DIGEST_SHEET,
    DIGEST_SOURCES,
    FORMAT,
    LIST_COLUMNS,
    META_SHEET,
    STAMP,
    VERSION,
    list_header,
    list_values,
    sheet_name,
    unique_sheet_name,
)
from .messages import Notice, SpreadsheetError
from .zipped import Piece

FICHE_LIMIT = 500
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass
class ExportReport:
    """What the export had to change or leave out, as translatable notices."""

    warnings: list[Notice] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


def export_xlsx(
    register: Register,
    path: Path,
    *,
    lang: str = "fr",
    organization_id: str | None = None,
    fiches: bool | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    stamp: str = "",
) -> ExportReport:
    """Write ``register`` (or one organisation of it) to ``path`` as an XLSX workbook.

    ``stamp``: the stored register's ids and versions as exported (``storage.ids``), kept in the metadata sheet
    with every sheet's fingerprint: a re-import of the workbook unedited into the register unchanged says so
    without loading the register (``unchanged``).
    """
    orgs = [o for o in register.organizations if organization_id is None or o.id == organization_id]
    total = sum(len(o.activities) for o in orgs)
    with_fiches = total <= FICHE_LIMIT if fiches is None else fiches
    report = ExportReport()
    if not with_fiches and fiches is None:
        report.warnings.append(Notice("fiches_skipped", {"count": str(total), "limit": str(FICHE_LIMIT)}))
    wb = Workbook(write_only=True)
    appended = _record_rows(wb)
    cells = CellFactory(wb, report.warnings)
    taken: set[str] = set()
    names = {
        key: unique_sheet_name(sheet_name(key, lang), taken, key)
        for key in ("register", "organizations", "recipients", "lists", "sources")
    }
    lists = Lists(names["lists"], lang)
    steps = total * (2 if with_fiches else 1)
    done = 0

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if done % 100 == 0 or done == steps:
            if cancel is not None and cancel():
                raise Cancelled()
            if progress is not None:
                progress(done, steps)

    stop: Callable[[], None] = lambda: None  # noqa: E731 - until the Register's child, if any, is started
    try:
        fast: list[tuple[Any, FastRows]] = []
        digests: dict[str, str] = {}  # activity id -> its fiche's fingerprint; digest.* keys: other sheets'
        # With a forked child for the Register's rows, the lists' rows are written meanwhile (their notices put
        # back in their place at the end); the key keeps its place in the metadata sheet.
        later: list[tuple[int, FastRows, Callable[[], str], str]] = []
        for org in orgs:
            name = unique_sheet_name(sheet_name("list", lang), taken, "list")
            ws, rows, fill = write_list_sheet(wb, org, lang, cells, name)
            key = f"{DIGEST_LIST}{org.id}"
            if halves.can_fork(total):
                rows.cells, digests[key] = CellFactory.sharing(cells, []), ""
                later.append((len(cells.warnings), rows, fill, key))
            else:
                digests[key] = fill()
            fast.append((ws, rows))
            names[f"list.{org.id}"] = name
        if with_fiches:
            for org in orgs:
                for activity in org.activities:
                    name = unique_sheet_name(activity.reference or activity.name, taken, "fiche")
                    digests[activity.id] = write_fiche(wb, activity, org, lang, cells, lists, name)
                    names[f"fiche.{activity.id}"] = name  # a re-import knows each fiche's activity
                    tick()
        for org in orgs:
            if processor_sheets.has_processor_side(org):  # the CNIL template has no processor's record: added
                name = unique_sheet_name(sheet_name("cnil_processor", lang), taken, "processor")
                digests[f"{DIGEST_PROCESSOR}{org.id}"] = write_processor_sheet(wb, org, lang, cells, name)
                names[f"cnil_processor.{org.id}"] = name
        register_ws, register_rows, join, stop = _write_register(wb, orgs, lang, cells, lists, names["register"], tick)
        fast.append((register_ws, register_rows))
        for _, _, fill, key in later:
            digests[key] = fill()
        _write_organizations(wb, orgs, lang, cells, names["organizations"])
        digests |= _write_recipients(wb, orgs, lang, cells, lists, names["recipients"])
        digests[DIGEST_SOURCES], sources = _write_sources(wb, orgs, lang, cells, names["sources"])
        fast.append(sources)
        if any(processor_sheets.has_processor_side(o) for o in orgs):  # the processor's register (Art. 30(2))
            for key, scope in processor_sheets.SCOPES.items():
                names[key] = unique_sheet_name(sheet_name(key, lang), taken, key)
                records = appended.setdefault(names[key], [])  # its header row, then its records
                fast.append(_write_records(wb, orgs, scope, lang, cells, lists, names[key], records))
        _write_lists(wb, lang, cells, names["lists"])
        for key in ("organizations", "recipients", "lists", *processor_sheets.SCOPES):
            if key in names:  # the other sheets have their own fingerprints (fiches, lists, sources, processor)
                digests[f"{DIGEST_SHEET}{key}"] = fingerprint(appended[names[key]])
        if stamp:
            digests[STAMP] = stamp
        meta = _write_meta(wb, lang, cells, names, digests)
        report.sheets = [ws.title for ws in wb.worksheets]
        if cancel is not None and cancel():
            raise Cancelled()
        buffer = io.BytesIO()
        wb.save(buffer)  # the sheets' frames: their rows go in when spliced, the Register's once all are built
        join()  # the Register's rows, from the child that built them meanwhile and from here
        for at, rows, _, _ in reversed(later):  # each list's notices in its place, before the Register's
            cells.warnings[at:at] = rows.cells.warnings
        data = splice(buffer.getvalue(), {ws.path.lstrip("/"): rows for ws, rows in fast}, meta)
        write_bytes_atomic(Path(path), data)
    except OSError as exc:
        stop()
        _discard(wb)
        reason = exc.strerror or type(exc).__name__
        raise SpreadsheetError("write_failed", {"name": Path(path).name, "reason": reason}) from exc
    except BaseException:
        stop()
        _discard(wb)
        raise
    if progress is not None:
        progress(steps, steps)
    return report


def _discard(wb: Workbook) -> None:
    """Close the write-only sheets of an abandoned workbook and remove their temporary files."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        with contextlib.suppress(Exception):
            if ws._writer is not None:
                ws._writer.cleanup()


def _printed(columns: tuple[flat.Column, ...]) -> tuple[flat.Column, ...]:
    """The columns a printed page shows: the Sources (pages of excerpts) print whole on their own sheet."""
    end = len(columns) - (columns[-1].key == "_digest")  # the hidden digests after them
    return columns[: end - 1] if columns[end - 1].key == "sources" else columns[:end]


def _record_rows(wb: Workbook) -> dict[str, list[list[Any]]]:
    """Each sheet's rows as appended (cell values), by title, for the sheets' fingerprints in the metadata sheet."""
    appended: dict[str, list[list[Any]]] = {}
    create = wb.create_sheet

    def created(title: str | None = None, index: int | None = None) -> Any:
        ws = create(title, index)
        rows = appended.setdefault(ws.title, [])
        append = ws.append

        def record(row: list[Any]) -> None:
            rows.append([getattr(cell, "value", cell) for cell in row])
            append(row)

        ws.append = record
        return ws

    setattr(wb, "create_sheet", created)  # noqa: B010 - an instance's method, replaced for this export only
    return appended


def _table_sheet(
    wb: Workbook, title: str, columns: tuple[flat.Column, ...], lang: str, cells: CellFactory, freeze: str,
    fit_header: bool = False,
) -> Any:
    ws = wb.create_sheet(title)
    if fit_header:  # long labels over narrow yes/no and date columns: the header row is as tall as they need
        height = row_height([c.header(lang) for c in columns], [float(c.width) for c in columns])
        if height:
            ws.row_dimensions[1].height = height * 1.5  # bold headers wrap sooner than the estimate's body text
    for i, col in enumerate(columns, 1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = col.width
        dim.hidden = col.hidden
    ws.freeze_panes = freeze
    # 30 columns never fit one A4 width readably: several pages across, the header row on each page
    page_setup(ws, landscape=True, title_rows="1:1",
               pages_wide=pages_across([c.width for c in _printed(columns) if not c.hidden]))
    header = [cells.cell(ws, c.header(lang), style="header") for c in columns]
    height = row_height([c.header(lang) for c in columns], [float(c.width) for c in columns])
    if height:  # a wrapped header is shown whole, on screen and on every printed page
        ws.row_dimensions[1].height = height
    for cell, col in zip(header, columns, strict=True):
        if col.kind is Kind.LIST and col.key in lf.ITEM_SCOPES:  # how to type it, beside it (the Lists are hidden)
            cell.comment = Comment(column_help(col.key, lang), "ROPA Desktop", width=420, height=220)
    ws.append(header)
    return ws


def column_help(key: str, lang: str) -> str:
    """How a multi-item column is typed: its line pattern with this column's own labels, then the rules."""
    specs = fields_of(lf.ITEM_SCOPES[key][0])
    pattern = " | ".join([specs[0].label(lang)] + [f"{s.label(lang)}: …" for s in specs[1:]])
    return f"{pattern}\n\n{FORMAT_HELP['fr' if lang == 'fr' else 'en']}"


def _finish_table(ws: Any, columns: tuple[flat.Column, ...], rows: int) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(rows, 1) + 1}"
    ws.print_area = f"A1:{get_column_letter(len(_printed(columns)))}{max(rows, 1) + 1}"


def _validate(
    ws: Any, lists: Lists, columns: tuple[flat.Column, ...], key: str, vocab: str, rows: int
) -> None:
    index = next(i for i, c in enumerate(columns, 1) if c.key == key)
    letter = get_column_letter(index)
    dv = lists.validation(vocab)
    dv.add(f"{letter}2:{letter}{max(rows, 1) + 1}")
    ws.data_validations.append(dv)


def _write_register(
    wb: Workbook,
    orgs: list[Organization],
    lang: str,
    cells: CellFactory,
    lists: Lists,
    title: str,
    tick: Callable[..., None],
) -> tuple[Any, FastRows, Callable[[], None], Callable[[], None]]:
    """The Register sheet; its rows are complete once ``join`` (the third) has run; the fourth stops its child."""
    columns = (*flat.ACTIVITY_COLUMNS, row_digest.COLUMN)
    ws = _table_sheet(wb, title, columns, lang, cells, "F2")
    ws.print_title_cols = "D:E"  # reference and name on every page across
    headers = [c.header("en") for c in columns]
    # Row heights fit the printed columns; a Sources cell (thousands of characters) would make every row a page.
    widths = [float(c.width) if c in _printed(columns) else 1e9 for c in columns]
    rows = FastRows(wb, cells, len(columns))
    todo = [(a, org, names) for org in orgs for names in [flat.recipient_names(org)] for a in org.activities]

    def build(part: list[Any], into: FastRows, each: Callable[[], None]) -> None:
        for activity, org, (names, counts) in part:
            row = flat.activity_row(activity, org, lang, names, counts)
            row.append(row_digest.of_row(row))
            into.add(row, activity.reference or activity.name, headers, widths)
            each()

    # A forked child takes chunks of rows at once; this process writes the other sheets, then takes the rest.
    size = halves.chunk_size(len(todo))
    count = len(todo)

    def chunk(number: int, each: Callable[[], None]) -> tuple[Piece, list[Notice]]:  # its XML, deflated; notices
        start = number * size
        part = FastRows(wb, CellFactory.sharing(cells, []), len(columns), first_row=start + 2)
        build(todo[start:start + size], part, each)
        xml = "".join(part.parts).encode("utf-8")
        return (xml, zipped.deflate(xml)), part.cells.warnings

    chunks = -(-count // size)
    shared = halves.Shared(chunks, lambda number: chunk(number, lambda: None)) if halves.can_fork(count) else None
    if shared is None:
        build(todo, rows, tick)
    at = len(cells.warnings)  # the rows' notices go here, in the order of the rows

    def join() -> None:
        if shared is None:
            return
        mine: dict[int, tuple[Piece, list[Notice]]] = {}
        try:
            while (number := shared.take()) is not None:
                mine[number] = chunk(number, tick)
            theirs = shared.results() or {}
        finally:
            shared.discard()
        notices: list[Notice] = []
        for number in range(chunks):  # the child's, or built here if it failed
            piece, noted = mine.get(number) or theirs.get(number) or chunk(number, lambda: None)
            rows.encoded.append(piece)
            notices += noted
        rows.row = count + 1
        cells.warnings[at:at] = notices
        tick(count - sum(min(size, count - n * size) for n in mine))

    _finish_table(ws, columns, count)
    for key in ("status", "role"):
        _validate(ws, lists, columns, key, key, count)
    return ws, rows, join, shared.discard if shared is not None else lambda: None


def _write_organizations(
    wb: Workbook, orgs: list[Organization], lang: str, cells: CellFactory, title: str
) -> None:
    columns = flat.ORGANIZATION_COLUMNS
    ws = _table_sheet(wb, title, columns, lang, cells, "C2")
    for org in orgs:
        ws.append([cells.cell(ws, v, org.name) for v in flat.organization_row(org, lang)])
    _finish_table(ws, columns, len(orgs))


def _write_recipients(
    wb: Workbook, orgs: list[Organization], lang: str, cells: CellFactory, lists: Lists, title: str
) -> dict[str, str]:
    """The Recipients sheet; each row's cell digests (the metadata sheet's): a re-import tells counsel's edits."""
    columns = flat.RECIPIENT_COLUMNS
    ws = _table_sheet(wb, title, columns, lang, cells, "E2")
    rows = 0
    digests: dict[str, str] = {}
    for org in orgs:
        for recipient in org.recipients:
            row = flat.recipient_row(recipient, org, lang)
            ws.append([cells.cell(ws, v, recipient.name) for v in row])
            digests[f"{DIGEST_RECIPIENT}{recipient.id}"] = row_digest.of_cells(row)
            rows += 1
    _finish_table(ws, columns, rows)
    _validate(ws, lists, columns, "type", "recipient_type", rows)
    _validate(ws, lists, columns, "country", "country", rows)
    return digests


def _write_sources(
    wb: Workbook, orgs: list[Organization], lang: str, cells: CellFactory, title: str
) -> tuple[str, tuple[Any, FastRows]]:
    """Every source on its own row, wrapped whole: what the Sources columns hold, printable without clipping."""
    ws = wb.create_sheet(title)
    specs = [field_spec("organization", "name"), field_spec("activity", "reference"), field_spec("activity", "name"),
             *(field_spec("source", key) for key in ("field", "document", "section", "excerpt"))]
    widths = [12.0, 9.0, 18.0, 16.0, 28.0, 22.0, 56.0]
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    page_setup(ws, landscape=True, title_rows="1:1")
    header = [spec.label(lang) for spec in specs]
    values: list[list[Any]] = [header]
    ws.row_dimensions[1].height = row_height(list(header), widths)
    ws.append([cells.cell(ws, text, style="header") for text in header])
    rows = FastRows(wb, cells, len(widths))  # thousands of rows: openpyxl's own writer took most of the export
    details = [""] * len(widths)  # a notice names the row's activity (or organisation) only, as it always did
    for org in orgs:
        owners = [(org.sources, "", "")] + [(a.sources, a.reference, a.name) for a in org.activities]
        for sources, reference, name in owners:
            for source in sources:
                row = [org.name, reference, name, source.field, source.document, source.section]
                for piece in _pieces(source.excerpt) or [""]:
                    rows.add([*row, piece], reference or org.name, details, widths)
                    values.append([*row, piece])
    return fingerprint(values), (ws, rows)


SOURCE_PIECE = 1500  # characters of an excerpt per row: a row's highest height (409 pt) holds them whole


def _pieces(text: str) -> list[str]:
    """A long excerpt cut at spaces into rows that each print whole."""
    out: list[str] = []
    while len(text) > SOURCE_PIECE:
        cut = text.rfind(" ", SOURCE_PIECE // 2, SOURCE_PIECE) + 1 or SOURCE_PIECE
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text] if text else out


def _write_records(
    wb: Workbook, orgs: list[Organization], scope: str, lang: str, cells: CellFactory, lists: Lists, title: str,
    values: list[list[Any]],
) -> tuple[Any, FastRows]:
    """Clients, or processing carried out for them: one row per record, sub-lists one item per line.

    Each record's values are added to ``values`` (the sheet's fingerprint).
    """
    columns = processor_sheets.COLUMNS[scope]
    ws = _table_sheet(wb, title, columns, lang, cells, "E2", fit_header=True)
    # The client's name, or the processing's reference and name, on every page across.
    ws.print_title_cols = "D:E" if scope == "processor_activity" else "D:D"
    headers = [c.header("en") for c in columns]
    widths = [float(c.width) for c in columns]
    rows = FastRows(wb, cells, len(columns))  # row heights fit the sub-lists' lines
    for org in orgs:
        for item in processor_sheets.records(org, scope):
            where = getattr(item, "reference", "") or item.name
            row = processor_sheets.row(scope, item, org, lang)
            values.append(row)  # the sheet's fingerprint (a text the writer had to clean: no fast path)
            rows.add(row, where, headers, widths)
    count = rows.row - 1
    _finish_table(ws, columns, count)
    if scope == "processor_activity":
        _validate(ws, lists, columns, "status", "status", count)
    else:
        _validate(ws, lists, columns, "country", "country", count)
    return ws, rows


FORMAT_HELP = {
    "fr": (
        "Cellules à plusieurs éléments (Registre) : un élément par ligne, « texte | Libellé: valeur | ... ». "
        "Dans une valeur, écrire \\| pour |, \\n pour un retour à la ligne, \\\\ pour \\ et, "
        "dans une liste de catégories, \\; pour ;. Les colonnes masquées ropa:id permettent de "
        "reconnaître chaque ligne au réimport : ne les modifiez pas."
    ),
    "en": (
        "Cells holding several items (Register): one item per line, 'text | Label: value | ...'. Inside a "
        "value write \\| for |, \\n for a line break, \\\\ for \\ and, in a list of categories, \\; for ;. "
        "The hidden ropa:id columns let a re-import recognise every row: do not change them."
    ),
}


def _write_lists(wb: Workbook, lang: str, cells: CellFactory, title: str) -> None:
    ws = wb.create_sheet(title)
    ws.sheet_state = "hidden"  # the dropdowns' source: not for reading, not printed
    page_setup(ws, landscape=True, pages_wide=3, title_rows="1:1")
    columns = [list_values(name, lang) for name, _ in LIST_COLUMNS]
    for i in range(len(columns) + 1):
        ws.column_dimensions[get_column_letter(i + 1)].width = 30 if i < len(columns) else 80
    ws.append(
        [cells.cell(ws, list_header(n, lang), style="header") for n, _ in LIST_COLUMNS]
        + [cells.cell(ws, FORMAT_HELP["fr" if lang == "fr" else "en"])]
    )
    for row in range(max(len(c) for c in columns)):
        ws.append([cells.cell(ws, c[row] if row < len(c) else None) for c in columns])


def _write_meta(
    wb: Workbook, lang: str, cells: CellFactory, names: dict[str, str], digests: dict[str, str]
) -> Meta:
    """The hidden metadata sheet's rows; ``splice`` adds the last one, the digest of every other part."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    rows: list[tuple[str, Any]] = [
        ("format", FORMAT),
        ("version", VERSION),
        ("lang", lang),
        ("generator", f"ROPA Desktop {__version__}"),
        ("exported_at", datetime.now(UTC).isoformat()),
    ]
    rows += [(f"sheet.{key}", value) for key, value in names.items()]
    rows += [(key if key.startswith(("digest.", STAMP)) else f"{DIGEST}{key}", value)
             for key, value in digests.items()]
    fast = FastRows(wb, cells, 2, first_row=1)  # inline strings: the sheet's part holds its own text
    wide = [1e9, 1e9]  # no row heights: the sheet is not for reading
    for key, value in rows:
        fast.add([key, value], META_SHEET, ["", ""], wide)
    return Meta(ws, fast, [(key, str(value)) for key, value in rows])
