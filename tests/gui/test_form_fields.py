"""The activity form shows every field of the field table, each with its label, and writes it back."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from ropa_desktop.domain.field_paths import resolve
from ropa_desktop.domain.fields import fields_of
from ropa_desktop.gui.form.date_field import DateField


def _table_paths() -> set[str]:
    paths = set()
    for spec in fields_of("activity"):
        if spec.is_object:
            paths |= {f"{spec.key}.{sub.key}" for sub in fields_of(spec.item)}
        else:
            paths.add(spec.key)
    return paths


def test_every_activity_field_of_the_table_has_its_editor(window) -> None:
    form = window.form
    assert set(form.bindings) | set(form.sublists) == _table_paths()
    for path, binding in form.bindings.items():
        assert binding.widget.objectName(), path
        if binding.label is not None:
            assert isinstance(binding.label, QLabel)


def test_every_text_field_typed_in_the_form_is_saved(window, qtbot) -> None:
    form = window.form
    org_id = window.org_id
    target = window.session.organization(org_id).activities[0]
    window.list.select(target.id)
    typed = {}
    for path, binding in form.bindings.items():
        widget = binding.widget
        if isinstance(widget, QLineEdit | QPlainTextEdit) and not isinstance(widget, DateField):
            widget.setFocus()
            text = f"Zq{path.replace('.', '').replace('_', '')}"
            widget.selectAll()  # typing replaces what was there
            qtbot.keyClicks(widget, text)
            form.flush()
            typed[path] = text
    saved = window.session.activity(org_id, target.id)
    for path, text in typed.items():
        assert resolve(saved, path) == text, path
