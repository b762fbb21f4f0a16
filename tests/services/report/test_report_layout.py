import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from ropa_desktop.services.report.cover import heading
from ropa_desktop.services.report.document import CONTENT_W, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H
from ropa_desktop.services.report.flow import MAX_ROW_LINES, TextBlock, grid
from ropa_desktop.services.report.fonts import register_fonts
from ropa_desktop.services.report.layout import Frame, lay_out


def test_a_heading_never_stays_alone_at_the_foot_of_a_page() -> None:
    register_fonts()
    table = grid([["a", "b"]] * 30, [100, 300], header=["H1", "H2"], caption=heading("Section", size=10))
    _, height = table.wrap(400, 10_000)
    caption_and_header = height - sum(table.heights)
    # Room for the caption and the header row but not one data row: the whole table moves on.
    assert table.split(400, caption_and_header + 1) == []
    first, rest = table.split(400, caption_and_header + table.heights[0] * 2 + 1)
    assert len(first.rows) == 2 and first.caption is not None
    assert rest.caption is None and rest.header == first.header  # header repeated, caption not


def test_a_cell_taller_than_a_page_continues_on_extra_rows() -> None:
    register_fonts()
    table = grid([["label", "\n".join(f"line {i}" for i in range(3 * MAX_ROW_LINES + 5))]], [100, 300])
    assert len(table.rows) == 4
    assert max(table.heights) < 500


def _laid_out(flowables: list[Flowable]) -> list[str]:
    """The text of each page once ``lay_out`` placed ``flowables`` on A4 pages (a real PDF, read back)."""
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=A4)
    frame = Frame(canv, MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                  on_page=lambda c: None, on_page_end=lambda c: None)
    lay_out(frame, flowables)
    canv.save()
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]


def test_a_heading_kept_with_what_follows_moves_to_the_next_page_with_it() -> None:
    register_fonts()
    room = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    # Leaves room for the heading but not for the table's header and first row under it.
    leading = 9.0 * 1.25
    short = TextBlock("\n".join(f"filler {i}" for i in range(int((room - 30) // leading))))
    pages = _laid_out([short, heading("Kept heading", size=10),
                       grid([["a", "b"]] * 3, [100, 300], header=["H1", "H2"])])
    assert len(pages) == 2
    assert "Kept heading" not in pages[0] and pages[1].startswith("Kept heading H1 H2")


def test_page_breaks_leave_no_blank_page_and_long_tables_repeat_their_header() -> None:
    register_fonts()
    table = grid([[f"row {i}", "value"] for i in range(150)], [100, 300], header=["H1", "H2"])
    pages = _laid_out([PageBreak(), heading("Start"), table, PageBreak(), PageBreak(), heading("End")])
    assert pages[0].startswith("Start H1 H2 row 0")
    assert all(page.startswith("H1 H2") for page in pages[1:-1]) and len(pages) >= 3
    assert pages[-1] == "End"
    assert all(f"row {i} " in " ".join(pages) + " " for i in range(150))
