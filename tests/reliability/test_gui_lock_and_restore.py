"""The GUI names another computer's lock holder on a button, and offers a damaged register's latest backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage import paths
from ropa_desktop.storage.backup import make_backup
from ropa_desktop.storage.lock import lock_path
from ropa_desktop.storage.repository import RegisterStore
from tests.builders import write_register


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "gui.ropa"
    write_register(path, synthetic_register(3, organizations=1))
    return path


def press(name: str, seen: list[str]):  # type: ignore[no-untyped-def]
    def exec_(box: QMessageBox) -> int:
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        box.findChild(QPushButton, name).click()
        return 0

    return exec_


@pytest.mark.parametrize(("button", "read_only"), [("breakLockButton", False), ("openReadOnlyButton", True)])
def test_a_lock_from_another_computer_is_broken_only_by_the_button_naming_it(
        qtbot, register: Path, monkeypatch: pytest.MonkeyPatch, button: str, read_only: bool) -> None:
    from ropa_desktop.gui.application import open_with_prompts

    lock_path(register).write_text(json.dumps({"host": "dpo-laptop", "pid": 77, "user": "marie",
                                               "since": "2026-11-20T08:00:00+00:00"}))
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", press(button, seen))
    window = open_with_prompts(register)
    assert window is not None
    qtbot.addWidget(window)
    assert "dpo-laptop" in seen[0]
    assert any("marie@dpo-laptop" in text and "2026-11-20" in text for text in seen[1:])
    assert window.session.store.read_only is read_only
    window.close()
    window.session.store.close()
    if read_only:  # the other computer's lock is untouched
        assert "dpo-laptop" in lock_path(register).read_text()


def test_a_damaged_register_offers_its_latest_backup(qtbot, register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ropa_desktop.gui.application import open_with_prompts

    with RegisterStore.open(register, read_only=True) as store:
        good = store.load()
    make_backup(register, paths.backup_dir())
    con = sqlite3.connect(register)
    con.execute("CREATE TRIGGER planted AFTER INSERT ON activities BEGIN DELETE FROM organizations; END")
    con.commit()
    con.close()
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    window = open_with_prompts(register)
    assert window is not None
    qtbot.addWidget(window)
    assert "trigger planted" in asked[0] and "Restore the latest backup" in asked[0]
    assert window.session.register == good
    window.close()
    window.session.store.close()
    assert len([p for p in register.parent.iterdir() if ".before-restore-" in p.name]) == 1


@pytest.mark.parametrize("yes", [False, True])
def test_a_missing_register_is_only_created_when_the_user_says_so(qtbot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch, yes: bool) -> None:
    from ropa_desktop.gui.application import open_with_prompts

    missing = tmp_path / "new folder" / "typo.ropa"
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    window = open_with_prompts(missing)
    assert len(asked) == 1 and "typo.ropa" in asked[0]
    if not yes:
        assert window is None and not missing.parent.exists()
        return
    assert window is not None
    qtbot.addWidget(window)
    assert window.session.register.organizations == []
    window.close()
    window.session.store.close()
    assert oct(missing.stat().st_mode & 0o777) == oct(0o600)
