from ropa_desktop.services.report.cover import heading
from ropa_desktop.services.report.flow import MAX_ROW_LINES, grid
from ropa_desktop.services.report.fonts import register_fonts


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
