"""Test configuration: offscreen Qt, no test touches the real home, GUI tests marked automatically."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.postgres.pg_server import PostgresServer, find_bindir

# Set before any Qt import: GUI tests run without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


# Fixtures that bring up a QApplication (pytest-qt's and those of tests/gui/conftest.py).
QT_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester", "qtlog", "english", "window"})
GUI_TESTS = REPO / "tests" / "gui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if QT_FIXTURES & set(getattr(item, "fixturenames", ())) or GUI_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.gui)


def _qt_application_exists() -> bool:
    core = sys.modules.get("PySide6.QtCore")
    return core is not None and core.QCoreApplication.instance() is not None


@pytest.fixture(autouse=True)
def _gui_marker_is_honest(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that brings up a QApplication without the ``gui`` marker fails: ``-m "not gui"`` must be Qt-free."""
    before = _qt_application_exists()
    yield
    if not before and _qt_application_exists() and request.node.get_closest_marker("gui") is None:
        pytest.fail("this test created a QApplication: use the qtbot or qapp fixture so it is marked gui")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every per-user path points into a temporary directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(home / "data"))
    monkeypatch.setenv("ROPA_DESKTOP_CONFIG", str(home / "config"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


# --- a real PostgreSQL server (team register) ------------------------------------------------------------

def _unavailable(reason: str) -> None:
    """Skip where PostgreSQL is absent; on CI (which installs it) its absence is a failure, never a silent skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: CI must install Debian's postgresql package (.ci/run does)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One server for the whole session, from Debian's ``postgresql`` package, on a socket in a temporary dir."""
    bindir = find_bindir()
    if bindir is None:
        _unavailable("PostgreSQL server binaries not found (Debian package postgresql, /usr/lib/postgresql/*/bin)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install -e '.[test]')")
    assert bindir is not None
    server = PostgresServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


_DATABASES = itertools.count()


@pytest.fixture
def pg_empty_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A new, empty database (no tables) for one test, dropped afterwards."""
    name = f"empty_{next(_DATABASES)}"
    postgres_server.sql(f"CREATE DATABASE {name} TEMPLATE template0")
    yield postgres_server.url(name)
    postgres_server.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def _pg_template(postgres_server: PostgresServer) -> str:
    """A database holding an empty register at the current schema, copied for each test (cheaper than migrating)."""
    from ropa_desktop.storage.repository import RegisterStore

    postgres_server.sql("CREATE DATABASE ropa_template TEMPLATE template0")
    RegisterStore.open(postgres_server.url("ropa_template"), create=True).close()
    return "ropa_template"


@pytest.fixture
def pg_url(postgres_server: PostgresServer, _pg_template: str) -> Iterator[str]:
    """A new database holding an empty register (no organisation) for one test, dropped afterwards."""
    name = f"register_{next(_DATABASES)}"
    postgres_server.sql(f"CREATE DATABASE {name} TEMPLATE {_pg_template}")
    yield postgres_server.url(name)
    postgres_server.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
