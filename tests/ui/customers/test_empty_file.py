"""An empty customer file says how to start: create, import, or open the demonstration."""

from __future__ import annotations

from rcdesk.services.settings import get_company
from rcdesk.ui.customers.tab import CustomersTab
from rcdesk.ui.main_window import MainWindow


def _tab(qtbot, context, monkeypatch) -> tuple[CustomersTab, list]:
    calls = []
    monkeypatch.setattr(CustomersTab, "new_customer", lambda self: calls.append("create"))
    monkeypatch.setattr(CustomersTab, "import_customers", lambda self: calls.append("import"))
    tab = CustomersTab(context)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab, calls


def test_empty_file_offers_create_import_and_demo(qtbot, context, monkeypatch):
    tab, calls = _tab(qtbot, context, monkeypatch)
    assert tab.list_stack.currentWidget() is tab.empty_panel
    panel = tab.empty_panel
    assert "Le fichier client est vide" in panel.findChild(type(tab.count_label)).text()
    panel.create_button.click()
    panel.import_button.click()
    with qtbot.waitSignal(context.demo_requested):
        panel.demo_button.click()
    assert calls == ["create", "import"]


def test_a_search_without_hits_keeps_the_table_and_a_customer_brings_it_back(
        qtbot, context, monkeypatch, add_customer):
    tab, _calls = _tab(qtbot, context, monkeypatch)
    add_customer(last_name="Roux")
    context.data_changed.emit("customers")
    assert tab.list_stack.currentWidget() is tab.table
    tab.search.setText("personne")
    tab.apply_query()
    assert tab.model.total() == 0
    assert tab.list_stack.currentWidget() is tab.table  # a search found nothing: not « empty »


def test_demo_opens_a_separate_demonstration_base(qtbot, tmp_path, monkeypatch,
                                                  isolated_data_dir):
    monkeypatch.setattr(MainWindow, "DEMO_CUSTOMERS", 20)
    window = MainWindow(str(tmp_path / "vide.db"), operator="caisse1")
    qtbot.addWidget(window)
    tab = window.tab("customers")
    assert tab.list_stack.currentWidget() is tab.empty_panel
    tab.empty_panel.demo_button.click()
    assert window.target == str(isolated_data_dir / "demonstration.db")
    assert get_company().name == "Maison Lambert — Arts de la table"
    shown = window.tab("customers")
    assert shown.model.total() == 20
    assert shown.list_stack.currentWidget() is shown.table
    assert (tmp_path / "vide.db").exists()  # the base in use is left as it was
