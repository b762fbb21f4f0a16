from __future__ import annotations

from PySide6.QtCore import Qt

from ropa_desktop.domain.model import Purpose
from ropa_desktop.gui.activity_list import ActivityFilterProxy, ActivityTableModel
from ropa_desktop.gui.form.sublist_model import SubListModel
from ropa_desktop.gui.row_selection import ID_ROLE
from ropa_desktop.services.activity_index import summarize
from ropa_desktop.services.synthetic import synthetic_register


def _model() -> ActivityTableModel:
    model = ActivityTableModel()
    model.set_summaries(summarize(a) for a in synthetic_register(20).organizations[0].activities)
    return model


def test_activity_model_passes_the_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(_model())


def test_filter_proxy_passes_the_model_tester_and_filters_by_id(qtmodeltester) -> None:
    model = _model()
    proxy = ActivityFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    keep = {s.id for s in model.summaries()[:3]}
    proxy.set_accepted(keep)
    assert proxy.rowCount() == 3
    assert {proxy.index(r, 0).data(ID_ROLE) for r in range(3)} == keep
    qtmodeltester.check(proxy)


def test_sorting_happens_in_the_source_model(qtmodeltester) -> None:
    model = _model()
    proxy = ActivityFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(1)  # name
    names = [proxy.index(r, 1).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)
    qtmodeltester.check(model)


def test_sublist_model_passes_the_model_tester(qtmodeltester, english) -> None:
    model = SubListModel("purpose", Purpose)
    model.set_items(
        [Purpose("Pay salaries", True, "legal_obligation"), Purpose("Unknown code", False, "xyz")]
    )
    qtmodeltester.check(model)
    assert model.index(0, model.column_of("legal_basis")).data() == "Legal obligation (Art. 6(1)(c))"
    assert model.index(1, model.column_of("legal_basis")).data() == "xyz"  # unknown codes shown as they are


def test_sublist_edit_asks_for_a_new_list_without_touching_its_own() -> None:
    model = SubListModel("purpose", Purpose)
    model.set_items([Purpose("Pay salaries", True, "legal_obligation")])
    requested: list[list[Purpose]] = []
    model.editRequested.connect(requested.append)
    assert model.setData(model.index(0, model.column_of("legal_basis")), "contract")
    assert requested[0][0].legal_basis == "contract"
    assert model.items()[0].legal_basis == "legal_obligation"


def test_transfer_country_shows_its_adequacy_status(english) -> None:
    from ropa_desktop.domain.model import Transfer

    model = SubListModel("transfer", Transfer)
    model.set_items(
        [Transfer("Zendesk", "US", "scc"), Transfer("Offshore", "IN", ""), Transfer("x", "ZZ", "")]
    )
    column = model.column_of("country")
    assert model.index(0, column).data() == "United States — adequate (DPF only)"
    assert model.index(1, column).data() == "India — no adequacy"
    assert model.index(2, column).data() == "ZZ"  # an unknown code is shown as it is
    assert "Data Privacy Framework" in model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)


def test_unfiltered_insert_and_remove_show_each_row_once(qtmodeltester) -> None:
    model = ActivityTableModel()
    model.set_summaries([])
    first, second = (summarize(a) for a in synthetic_register(2).organizations[0].activities)
    model.insert_summary(0, first)
    model.insert_summary(1, second)
    assert model.rowCount() == 2 and [s.id for s in model.summaries()] == [first.id, second.id]
    qtmodeltester.check(model)
    model.remove_summary(first.id)
    assert model.rowCount() == 1 and model.index(0, 0).data(ID_ROLE) == second.id
