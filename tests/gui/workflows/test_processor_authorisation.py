"""Each client's own authorisation of a sub-processor (Art. 28(2)): the client is picked in the row, as people do."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTabWidget

from ropa_desktop.domain.checks import check_processor_activity
from tests.gui.workflows.driving import button, table, type_into_editor
from tests.gui.workflows.test_processor_workflow import click_tab, edit_cell, on_disk, push, type_text


def test_the_sub_processor_row_names_the_client_whose_authorisation_it_records(
    window: Any, qtbot: Any, register_path: Path
) -> None:
    org_id = window.org_id
    click_tab(qtbot, window.modeBar, 1)
    processor = window.findChild(QTabWidget, "processorPane")
    click_tab(qtbot, processor.tabBar(), 1)
    for name in ("Acme Hospital", "Bright School"):
        push(window, "newClientButton")
        type_text(qtbot, window, "clientNameEdit", name)
    clients = {c.name: c.id for c in on_disk(register_path, org_id).clients}

    click_tab(qtbot, processor.tabBar(), 0)
    push(window, "newProcessingButton")
    type_text(qtbot, window, "processingNameEdit", "Hosting")
    links = table(window, "processingClientsTable")
    for _row in (0, 1):
        button(window, "processingClientsTableAdd").click()
        # A new row offers only the clients not linked yet: the blank entry, then the first of them.
        type_into_editor(qtbot, links, "", combo_index=1)
    subs = table(window, "processingSubProcessorsTable")
    button(window, "processingSubProcessorsTableAdd").click()
    type_into_editor(qtbot, subs, "OVH")
    edit_cell(qtbot, subs, 0, "authorisation", "", combo_index=1)
    edit_cell(qtbot, subs, 0, "client_id", "", combo_index=2)  # the blank entry first, then the clients in order
    assert subs.model().index(0, subs.model().column_of("client_id")).data() == "Bright School"

    saved = on_disk(register_path, org_id).processor_activities[0]
    assert {link.client_id for link in saved.clients} == set(clients.values())
    assert [(s.name, s.authorisation, s.client_id) for s in saved.sub_processors] == [
        ("OVH", "general", clients["Bright School"])]
    # Acme has not authorised OVH: the check run on the file read back names it.
    org = on_disk(register_path, org_id)
    found = [f.params["client"] for f in check_processor_activity(saved, org, date.today())
             if f.code == "sub_processor_client_not_authorised"]
    assert found == ["Acme Hospital"]
