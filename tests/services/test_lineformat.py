from __future__ import annotations

from datetime import date

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ropa_desktop.domain.model import DataCategory, Duration, Purpose, RetentionRule, Source, SubProcessor
from ropa_desktop.domain.vocabularies import DATA_CATEGORIES, FINAL_FATES, LEGAL_BASES, RETENTION_PHASES
from ropa_desktop.services import lineformat as lf

# Any text, with the separators and escapes of the format in good measure (control characters are the
# cell writer's business, not the line format's).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(["|", "\\", ":", ";", " ", "\n", "\r"]),
    max_size=25,
)


def codes(vocab) -> st.SearchStrategy[str]:  # type: ignore[no-untyped-def]
    # Known codes, or unknown ones that cannot be mistaken for a label: free text after "x-" could spell a
    # label's words ("x-INTERET VITAL" is read as vital interests, as a person typing it would mean).
    unknown = st.text(alphabet="0123456789abcdef_", min_size=1, max_size=12).map(lambda t: f"x-{t}")
    return st.sampled_from(["", *vocab.codes()]) | unknown


purposes = st.builds(Purpose, TEXT, st.booleans(), codes(LEGAL_BASES), TEXT)
rules = st.builds(
    RetentionRule,
    TEXT,
    st.lists(codes(DATA_CATEGORIES).filter(bool), max_size=3),
    st.none() | st.builds(Duration, st.integers(0, 999), st.sampled_from(["days", "months", "years"])),
    TEXT,
    TEXT,
    TEXT,
    codes(RETENTION_PHASES),
    codes(FINAL_FATES),
)
categories = st.builds(DataCategory, codes(DATA_CATEGORIES), TEXT, st.booleans())
sources = st.builds(Source, TEXT, TEXT, TEXT)


def _round_trip(scope: str, items: list[object], lang: str) -> list[object]:
    text = lf.format_items(scope, items, lang)
    problems = lf.Problems()
    back = lf.parse_items(scope, text, problems, "test")
    assert not [p for p in problems.items if p[0] != "unknown_value"]
    return back


@settings(max_examples=300, deadline=None)
@given(items=st.lists(purposes, max_size=4), lang=st.sampled_from(["fr", "en"]))
def test_purposes_round_trip(items: list[Purpose], lang: str) -> None:
    assume(all(lf.format_item("purpose", p, lang).strip() for p in items))
    assert _round_trip("purpose", items, lang) == items


@settings(max_examples=300, deadline=None)
@given(items=st.lists(rules, max_size=3), lang=st.sampled_from(["fr", "en"]))
def test_retention_rules_round_trip(items: list[RetentionRule], lang: str) -> None:
    assume(all(lf.format_item("retention", r, lang).strip() for r in items))
    assert _round_trip("retention", items, lang) == items


@settings(max_examples=200, deadline=None)
@given(items=st.lists(categories, max_size=3), other=st.lists(sources, max_size=3))
def test_categories_and_sources_round_trip(items: list[DataCategory], other: list[Source]) -> None:
    assume(all(lf.format_item("data_category", c, "fr").strip() for c in items))
    assume(all(lf.format_item("source", s, "fr").strip() for s in other))
    assert _round_trip("data_category", items, "fr") == items
    assert _round_trip("source", other, "fr") == other


def test_a_hand_typed_line_is_read_generously() -> None:
    problems = lf.Problems()
    item = lf.parse_item("purpose", "Paie|base légale:  Obligation légale| comment: x", problems, "here")
    # an unknown part is reported and kept in the text, never dropped
    assert (item.description, item.legal_basis) == ("Paie | comment: x", "legal_obligation")
    assert problems.items == [("unknown_segment", {"value": "comment: x", "where": "here"})]


def test_a_sub_processor_line_keeps_its_authorisation_date() -> None:
    item = SubProcessor("Cloud Inc", "US", "hosting", "specific", date(2025, 3, 1), "DPA annex 3", "C-4")
    for lang in ("fr", "en"):
        line = lf.format_item("sub_processor", item, lang)
        assert "2025-03-01" in line
        problems = lf.Problems()
        assert lf.parse_item("sub_processor", line, problems, "here") == item and problems.items == []
    problems = lf.Problems()
    typed = lf.parse_item("sub_processor", "Cloud Inc | Date de l'autorisation: 01/03/2025", problems, "here")
    assert typed.authorised_on == date(2025, 3, 1)
    wrong = lf.parse_item("sub_processor", "Cloud Inc | Authorised on: soon", problems, "B7")
    assert wrong.authorised_on is None and problems.items == [("bad_date", {"value": "soon", "where": "B7"})]
