"""The fast decoder reads a valid document exactly as the checked reader does, and leaves every other to it."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from ropa_desktop.domain import model as m
from ropa_desktop.services import json_format as jf
from ropa_desktop.services.json_fast import fast_register
from tests.builders import recognisable_organization, tricky_register


def _document() -> dict[str, Any]:
    register = tricky_register()
    register.organizations.append(recognisable_organization())
    return json.loads(jf.dumps(register))


def _activity(doc: dict[str, Any]) -> dict[str, Any]:
    return next(a for o in doc["organizations"] for a in o["activities"] if a["retention"] and a["recipients"])


def _set(path: Callable[[dict[str, Any]], dict[str, Any]], key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        path(doc)[key] = value

    return edit


def _slow(text: str) -> m.Register | str:
    try:
        return jf.document_to_register(jf._parse(text))
    except jf.DocumentError as exc:
        return exc.message("en")


def _read(text: str) -> m.Register | str:
    try:
        return jf.loads(text)
    except jf.DocumentError as exc:
        return exc.message("en")


# Documents the fast decoder reads itself: the result must be the checked reader's.
FAST = {
    "as exported": lambda doc: None,
    "link by name only": lambda doc: _activity(doc)["recipients"].append(
        {"recipient_id": "new-one", "name": "Brand new recipient"}),
    "link by another case of a name": lambda doc: _activity(doc)["recipients"].append(
        {"name": doc["organizations"][0]["recipients"][0]["name"].upper(), "details": "x"}),
    "offset date-time": _set(_activity, "updated", "2025-03-04T10:30:00+02:00"),
    "date-time without a zone": _set(_activity, "updated", "2025-03-04T10:30:00"),
    "compact date (Python's reading)": _set(_activity, "created", "20240115"),
    "missing optional keys": lambda doc: [_activity(doc).pop(k) for k in ("dpia", "notes", "created")],
    "a sensitive category made sensitive": lambda doc: _activity(doc)["data_categories"].append(
        {"category": "health", "sensitive": False}),
}

# Documents it must leave to the checked reader, which accepts some and refuses others with its own message.
SLOW = {
    "unknown key": _set(_activity, "colour", "blue"),
    "unknown top-level key": lambda doc: doc.update(extra={"a": [[[1]]]}),
    "int for a flag": _set(lambda d: _activity(d)["dpia"], "done", 1),
    "flag for a number": lambda doc: _activity(doc)["retention"][0].update(duration={"value": True, "unit": "years"}),
    "float for a number": lambda doc: _activity(doc)["retention"][0].update(duration={"value": 1.0, "unit": "years"}),
    "huge number": lambda doc: _activity(doc)["retention"][0].update(duration={"value": 10**11, "unit": "years"}),
    "null text": _set(_activity, "name", None),
    "number for text": _set(_activity, "name", 5),
    "date out of range": _set(_activity, "created", "1800-01-15"),
    "date-time out of range in UTC": _set(_activity, "updated", "2999-12-31T23:30:00-05:00"),
    "not a date": _set(_activity, "next_review", "soon"),
    "retention start read as a date": lambda doc: _activity(doc)["retention"][0].update(start="1066-10-14"),
    "export time out of range": lambda doc: doc.update(exported_at="0999-01-01"),
    "lone surrogate": _set(_activity, "name", "\ud800"),
    "long text": _set(_activity, "notes", "x" * 2_000_001),
    "link without id or name": lambda doc: _activity(doc)["recipients"].append({"details": "who?"}),
    "link with an unknown key": lambda doc: _activity(doc)["recipients"].append({"name": "A", "url": "b"}),
    "duplicate id": lambda doc: doc["organizations"][0]["activities"].append(
        copy.deepcopy(doc["organizations"][0]["activities"][0])),
    "empty id": _set(_activity, "id", ""),
    "version 0": lambda doc: doc.update(version=0),
    "newer version": lambda doc: doc.update(version=3),
    "another format": lambda doc: doc.update(format="something else"),
    "organisations not a list": lambda doc: doc.update(organizations={}),
    "activity not an object": lambda doc: doc["organizations"][0]["activities"].append([]),
}


def _text(edit: Callable[[dict[str, Any]], Any]) -> str:
    doc = _document()
    edit(doc)
    return json.dumps(doc, ensure_ascii=False)


@pytest.mark.parametrize("name", list(FAST))
def test_a_valid_document_reads_fast_and_alike(name: str) -> None:
    text = _text(FAST[name])
    fast = fast_register(text, jf.FORMAT, jf.VERSION)
    assert fast is not None
    assert fast[0] == _slow(text)
    assert jf.loads(text) == _slow(text)


@pytest.mark.parametrize("name", list(SLOW))
def test_anything_else_is_left_to_the_checked_reader(name: str) -> None:
    text = _text(SLOW[name])
    if name not in ("duplicate id", "empty id"):  # those are the caller's check, on the decoded register
        assert fast_register(text, jf.FORMAT, jf.VERSION) is None
    assert _read(text) == _slow(text)


def test_the_file_reader_takes_the_fast_path_and_keeps_the_export_time(tmp_path: Any) -> None:
    path = tmp_path / "r.json"

    def edit(doc: dict[str, Any]) -> None:
        doc.update(exported_at="2026-01-02T03:04:05Z")
        FAST["link by name only"](doc)

    path.write_text("\ufeff" + _text(edit), "utf-8")
    register, when = jf.read_file_dated(path)
    assert register == _slow(path.read_text("utf-8-sig"))
    assert when is not None and when.isoformat() == "2026-01-02T03:04:05+00:00"


def test_the_file_reader_leaves_bytes_that_are_not_utf8_to_the_checked_reader(tmp_path: Any) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(_text(lambda doc: None).replace('"name"', '"na\udcffme"', 1).encode("utf-8", "surrogateescape"))
    with pytest.raises(jf.DocumentError) as caught:
        jf.read_file_dated(path)
    assert caught.value.message("en") == "$: not UTF-8 text"
