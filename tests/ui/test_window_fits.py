"""Every tab and the main dialogs fit a 1366×768 screen, on the demonstration base.

The window's minimum size is the largest of its pages' (QStackedWidget): it is measured after
each tab and each page inside a tab (Clients ▸ Chiffres, Réclamations ▸ Indicateurs…) was
shown, and the window of 1366×728 (768 less a title bar) must not have grown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget

from rcdesk.models.complaints import Complaint
from rcdesk.models.customers import Customer
from rcdesk.services.area_types import DemoOptions
from rcdesk.services.demo import make_demo
from rcdesk.services.settings import get_company

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768
TITLE_BAR = 40  # the window manager's title bar (and a margin): what the window itself gets
AVAILABLE = (SCREEN_WIDTH, SCREEN_HEIGHT - TITLE_BAR)


def _fits(size) -> bool:
    return size.width() <= AVAILABLE[0] and size.height() <= AVAILABLE[1]


def _pump(qtbot) -> None:
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(10)


@pytest.fixture
def demo_window(qtbot, tmp_path):
    from rcdesk.db import open_database
    from rcdesk.ui.main_window import MainWindow

    path = tmp_path / "demo.db"
    open_database(path)
    make_demo(DemoOptions(customers=80))
    window = MainWindow(str(path), operator="sophie.martin")
    qtbot.addWidget(window)
    window.resize(*AVAILABLE)
    window.show()
    _pump(qtbot)
    return window


def test_every_tab_and_page_fits_1366x768(qtbot, demo_window):
    window = demo_window
    too_big = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _pump(qtbot)
        content = window.tabs.widget(index).content
        pages = [("", None, 0)] + [(t.tabText(j), t, j) for t in content.findChildren(QTabWidget)
                                   for j in range(t.count())]
        for title, tabs, page in pages:
            if tabs is not None:
                tabs.setCurrentIndex(page)
                _pump(qtbot)
            where = " ▸ ".join(p for p in (window.tabs.tabText(index), title) if p)
            hint = window.minimumSizeHint()
            if not _fits(hint) or window.size().toTuple() != AVAILABLE:
                too_big.append((where, hint.toTuple(), window.size().toTuple()))
    assert too_big == []
    # the pages that grew the window once were really built and shown
    customers = window.tab("customers")
    assert customers.pages.tabText(1) == "Chiffres" and customers._figures is not None


def test_the_main_dialogs_fit_1366x768(qtbot, demo_window):
    from rcdesk.ui.complaints.detail import ComplaintDetailDialog
    from rcdesk.ui.complaints.intake import IntakeDialog
    from rcdesk.ui.customers.detail import CustomerDetailDialog
    from rcdesk.ui.customers.form import CustomerFormDialog
    from rcdesk.ui.first_run import FirstRunDialog
    from rcdesk.ui.settings_dialog import CompanySettingsDialog

    window = demo_window
    context = window.context
    customer_id = Customer.select(Customer.id).order_by(Customer.id).scalar()
    complaint_id = Complaint.select(Complaint.id).order_by(Complaint.id).scalar()
    intake = IntakeDialog(context, window)
    intake.walk_in.setChecked(True)  # its rows shown
    dialogs = {
        "Nouvelle réclamation": intake,
        "Premier réglage": FirstRunDialog(get_company(), window),
        "Paramètres de l'entreprise": CompanySettingsDialog(get_company(), window),
        "Réclamation": ComplaintDetailDialog(complaint_id, context, window),
        "Fiche client": CustomerDetailDialog(context, customer_id, window),
        "Nouveau client": CustomerFormDialog(context, None, window),
    }
    too_big = []
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        _pump(qtbot)
        for what, size in (("minimum", dialog.minimumSizeHint()), ("shown", dialog.size())):
            if not _fits(size):
                too_big.append((name, what, size.toTuple()))
    intake.search.edit.setText("a")
    intake.search.refresh()  # the hit list open too
    _pump(qtbot)
    if not _fits(intake.minimumSizeHint()):
        too_big.append(("Nouvelle réclamation", "hits", intake.minimumSizeHint().toTuple()))
    assert too_big == []
