"""Generated and copied files stay in step with their sources: forms, translations, resources."""

from __future__ import annotations

import filecmp
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

_spec = importlib.util.spec_from_file_location("forms_build", REPO / "forms" / "build.py")
assert _spec is not None and _spec.loader is not None
forms_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(forms_build)

TOOLS = Path(sys.executable).parent


@pytest.mark.parametrize("ui", sorted((REPO / "forms").glob("*.ui")), ids=lambda p: p.name)
def test_generated_form_is_up_to_date(ui: Path) -> None:
    generated = REPO / "ropa_desktop" / "gui" / "generated" / f"ui_{ui.stem}.py"
    assert generated.exists(), f"run python forms/build.py: {generated.name} is missing"
    fresh = forms_build.compile_form(ui).splitlines()[1:]
    current = generated.read_text(encoding="utf-8").splitlines()
    assert current[0].startswith("# generated"), "the generated header line is missing"
    assert without_banner(current[1:]) == without_banner(fresh), f"{ui.name} changed: run python forms/build.py"


def without_banner(lines: list[str]) -> list[str]:
    # uic names its own version: a Qt upgrade alone must not make every form look stale.
    return [line for line in lines if "User Interface Compiler version" not in line]


@pytest.mark.parametrize(
    "ts", sorted((REPO / "resources" / "translations").glob("*.ts")), ids=lambda p: p.name
)
def test_compiled_translation_is_up_to_date(ts: Path, tmp_path: Path) -> None:
    shipped = REPO / "ropa_desktop" / "resources" / "translations" / f"{ts.stem}.qm"
    fresh = tmp_path / shipped.name
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(ts), "-qm", str(fresh)], check=True, capture_output=True
    )
    assert shipped.read_bytes() == fresh.read_bytes(), f"run pyside6-lrelease on {ts.name}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_translation_is_finished(lang: str) -> None:
    text = (REPO / "resources" / "translations" / f"ropa_desktop_{lang}.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and "<translation/>" not in text
    assert "<numerusform></numerusform>" not in text


def test_the_english_catalogue_holds_the_plural_forms_only() -> None:
    """English is the sources' language: its catalogue words counts ("1 finding", "2 findings"), nothing else."""
    text = (REPO / "resources" / "translations" / "ropa_desktop_en.ts").read_text(encoding="utf-8")
    assert text.count("<message") == text.count('<message numerus="yes">') > 0
    forms = re.findall(r"<numerusform>(.*?)</numerusform>", text)
    assert forms and not [f for f in forms if "(s)" in f or "(ies)" in f]


def test_packaged_resources_are_copies_of_the_sources() -> None:
    source, packaged = REPO / "resources", REPO / "ropa_desktop" / "resources"
    files = [p.relative_to(source) for p in source.rglob("*") if p.is_file() and p.suffix in (".svg", ".qss")]
    assert files
    for relative in files:
        assert filecmp.cmp(source / relative, packaged / relative, shallow=False), (
            f"{relative} differs: run python resources/sync.py"
        )


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None, True and False are immortal from Python 3.12 on: "
                    "their reference counts never move, so the leak cannot be seen (nor can it abort)")
def test_bindings_do_not_leak_references_to_none_or_booleans(qtbot) -> None:
    """PySide6 must not release None/True/False it does not own.

    6.12.0 on CPython 3.11 did, until the interpreter aborted ("Fatal Python error: none_dealloc");
    pyproject pins below it, and this test fails on any release with that bug.
    """
    from PySide6.QtWidgets import QComboBox, QLabel

    label, combo = QLabel(), QComboBox()
    combo.addItem("blank", None)
    before = {name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}
    for _ in range(5_000):
        label.setText("x")
        combo.currentData()
        label.isVisible()
    after = {name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}
    for name in before:
        assert after[name] >= before[name] - 100, f"{name} lost {before[name] - after[name]} references"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_ui_string_is_in_the_translation_file(tmp_path: Path, lang: str) -> None:
    """Re-extract the sources into a copy of the .ts: nothing may come out unfinished (English: counted texts)."""
    copy = tmp_path / "check.ts"
    copy.write_bytes((REPO / "resources" / "translations" / f"ropa_desktop_{lang}.ts").read_bytes())
    sources = sorted(
        str(p) for p in (REPO / "ropa_desktop" / "gui").rglob("*.py") if "generated" not in p.parts
    )
    sources += sorted(str(p) for p in (REPO / "forms").glob("*.ui"))
    only = ["-pluralonly"] if lang == "en" else []
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *sources, *only, "-ts", str(copy)], check=True, capture_output=True
    )
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, f"new UI strings: run pyside6-lupdate and translate them ({lang})"
