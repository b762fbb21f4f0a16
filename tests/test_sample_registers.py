"""The sample registers are current and import cleanly: the seeded exports hold exactly the seeded register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.services.importing import plan_import, read_input
from ropa_desktop.services.seeding import seed_register

SAMPLES = Path(__file__).resolve().parents[1] / "sample_registers"
SEEDED_ON = date(2026, 11, 22)  # the seeded samples' fiche dates (make_samples.SEED_EXPORT_TIME)


@pytest.mark.parametrize("name", ["seeded-register.json", "seeded-register.xlsx"])
def test_seeded_samples_match_the_seeded_register(name: str) -> None:
    incoming = read_input(SAMPLES / name)
    plan = plan_import(seed_register(SEEDED_ON), incoming)
    assert not len(plan), f"{name} is stale: run python sample_registers/make_samples.py\n" + "\n".join(
        plan.describe("en")[:10])


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.*") if p.suffix in (".json", ".xlsx", ".ods")))
def test_every_sample_is_importable(name: str) -> None:
    incoming = read_input(SAMPLES / name)
    assert sum(len(o.activities) for o in incoming.register.organizations) > 0
