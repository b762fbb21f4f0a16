"""The README opens with the two commands, and CI runs exactly its test command."""

from __future__ import annotations

import re

from tests.paths import REPO


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (REPO / "README.md").read_text("utf-8"))


def test_readme_opens_with_launch_then_test_command() -> None:
    launch, test = readme_commands()[:2]
    assert launch.endswith("ropa-desktop") and "pip install" in launch
    assert "pytest" in test and "[test]" in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test = readme_commands()[1]
    ci_lines = [line.strip() for line in (REPO / ".ci" / "run").read_text("utf-8").splitlines()]
    assert test in ci_lines
