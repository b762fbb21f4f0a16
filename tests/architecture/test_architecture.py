"""The layering, lint and type rules hold: checked by the tools themselves, in the test run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from tests.paths import REPO

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the package with its test extra")
    return str(found)


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)


def test_import_contracts_hold() -> None:
    result = run(tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_is_clean() -> None:
    result = run(tool("ruff"), "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.timeout(300)  # a cold mypy cache on a busy two-core machine, sharing it with the other test worker
def test_mypy_is_clean() -> None:
    result = run(tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_layers_import_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import ropa_desktop\n"
        "for pkg in ('domain', 'storage', 'services'):\n"
        "    base = importlib.import_module(f'ropa_desktop.{pkg}')\n"
        "    for info in pkgutil.walk_packages(base.__path__, base.__name__ + '.'):\n"
        "        if '.migrations' not in info.name:\n"
        "            importlib.import_module(info.name)\n"
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules), 'Qt imported by the core'\n"
        "print('ok')\n"
    )
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def import_cycles(graph: object) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan's strongly connected sets)."""
    modules = sorted(graph.modules)  # type: ignore[attr-defined]
    known = set(modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module) & known:  # type: ignore[attr-defined]
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return cycles


def test_import_cycles_are_found() -> None:
    class Graph:
        modules = frozenset({"a", "b", "c", "d"})
        edges: typing.ClassVar = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

        def find_modules_directly_imported_by(self, module: str) -> set[str]:
            return self.edges.get(module, set())

    assert import_cycles(Graph()) == [["a", "b", "c"]]


def test_no_module_imports_itself_through_others() -> None:
    """Imports for type checking count too: a circle there is a design knot all the same."""
    import grimp

    graph = grimp.build_graph("ropa_desktop", exclude_type_checking_imports=False)
    assert import_cycles(graph) == []


@pytest.mark.slow
def test_coverage_follows_the_command_line_into_its_child_process(tmp_path: Path) -> None:
    """The CLI tests run ``python -m ropa_desktop`` in a child: its lines must count in the coverage report."""
    script = tmp_path / "child.py"
    script.write_text("import subprocess, sys\n"
                      "subprocess.run([sys.executable, '-m', 'ropa_desktop', '--version'], check=True)\n")
    data = tmp_path / ".coverage"
    env = {**os.environ, "COVERAGE_FILE": str(data)}
    rc = str(REPO / "pyproject.toml")
    for command in (["run", f"--rcfile={rc}", str(script)], ["combine", f"--rcfile={rc}"],
                    ["json", f"--rcfile={rc}", "-o", str(tmp_path / "cov.json")]):
        result = subprocess.run([sys.executable, "-m", "coverage", *command], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "cov.json").read_text("utf-8"))
    app = next(v for k, v in report["files"].items() if k.replace("\\", "/").endswith("ropa_desktop/app.py"))
    assert app["summary"]["covered_lines"] > 10, "the child process was not measured"
