import filecmp

from ropa_desktop.services.report.fonts import FAMILY, REGULAR, fonts_dir, register_fonts
from ropa_desktop.services.report.text import MARKER, TextFilter, Wrapper, markup
from tests.paths import REPO


def test_package_fonts_are_a_copy_of_resources_fonts() -> None:
    source = REPO / "resources" / "fonts"
    packaged = REPO / "ropa_desktop" / "resources" / "fonts"
    assert fonts_dir().resolve() == packaged.resolve()
    names = sorted(p.name for p in source.iterdir())
    assert names == sorted(p.name for p in packaged.iterdir())
    assert {f"{face}.ttf" for face in FAMILY} | {"LICENSE"} <= set(names)
    _, mismatch, errors = filecmp.cmpfiles(source, packaged, names, shallow=False)
    assert mismatch == [] and errors == [], "run: cp resources/fonts/* ropa_desktop/resources/fonts/"


def test_filter_keeps_what_the_font_prints_and_marks_the_rest() -> None:
    clean = TextFilter(register_fonts())
    text = "é œ ’ € « » Łódź Ελλάδα Москва"
    assert clean(text, "here") == text
    assert clean("a\tb\x00c", "here") == "a b c"
    assert clean("中文 ok", "EN-03 › Name") == f"{MARKER}{MARKER} ok"
    assert clean("中", "elsewhere") == MARKER
    assert [(m.char, m.codepoint, m.where) for m in clean.missing] == [
        ("中", "U+4E2D", "EN-03 › Name"), ("文", "U+6587", "EN-03 › Name"), ("中", "U+4E2D", "elsewhere")]


def test_markup_is_escaped_for_paragraphs() -> None:
    expected = '&lt;b&gt;R&amp;D&lt;/b&gt;<br/>&lt;img src="/etc/passwd"/&gt;'
    assert markup('<b>R&D</b>\n<img src="/etc/passwd"/>') == expected


def test_wrapper_breaks_long_words_and_urls_within_the_width() -> None:
    register_fonts()
    wrap = Wrapper(REGULAR, 8)
    url = "https://example.org/" + "segment/" * 30 + "end"
    lines = wrap.lines(f"voir {url} puis la suite", 120)
    assert all(wrap.width(line) <= 120 for line in lines)
    assert "".join("".join(lines).split()) == "".join(f"voir {url} puis la suite".split())
    assert all(line.endswith("/") for line in lines[1:-2])  # cut after a separator when one is near
    assert wrap.lines("a\n\nb", 100) == ["a", "", "b"]
    assert wrap.lines("", 100) == [""]
