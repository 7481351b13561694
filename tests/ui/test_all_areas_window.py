"""The main window with every area merged: Ctrl+1…Ctrl+n reach every tab, and a customer's
file carries the pages of every area that keeps something about him."""

from PySide6.QtCore import Qt

from rcdesk.models.complaints import Complaint
from rcdesk.models.loyalty import LoyaltyCard
from rcdesk.models.surveys import SurveyResponse
from rcdesk.services.area_types import DemoOptions
from rcdesk.services.demo import make_demo
from rcdesk.ui.customers.detail import CustomerDetailDialog
from rcdesk.ui.main_window import TABS, MainWindow


def test_every_tab_has_its_ctrl_digit(qtbot, tmp_path):
    window = MainWindow(str(tmp_path / "shop.db"), operator="sophie")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.tabs.count() == len(TABS) == 6
    for index in reversed(range(window.tabs.count())):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == index
        title = window.tabs.tabText(index)
        assert window.tabs.tabToolTip(index) == f"{title} (Ctrl+{index + 1})"


def test_customer_file_has_a_page_from_every_area(qtbot, tmp_path):
    from rcdesk.db import open_database

    path = tmp_path / "demo.db"
    open_database(path)
    make_demo(DemoOptions(customers=80))
    window = MainWindow(str(path), operator="sophie.martin")
    qtbot.addWidget(window)
    cards = LoyaltyCard.select(LoyaltyCard.customer)
    answered = SurveyResponse.select(SurveyResponse.customer).where(
        SurveyResponse.customer.is_null(False))
    customer = (Complaint.select(Complaint.customer)
                .where(Complaint.customer.in_(cards) & Complaint.customer.in_(answered))
                .limit(1).scalar())
    assert customer is not None  # the demo has a customer in every area
    dialog = CustomerDetailDialog(window.context, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    bar = dialog.tabs.tabBar()  # every page's title in view at once: no scroll arrows
    assert bar.sizeHint().width() <= bar.width() and dialog.width() <= 1366
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    for expected in ("Contacts", "Historique", "Réclamations", "Satisfaction", "Fidélité"):
        assert any(t.startswith(expected) for t in titles), (expected, titles)
    loyalty = dialog.tabs.widget(next(i for i, t in enumerate(titles) if t == "Fidélité"))
    card = LoyaltyCard.get(LoyaltyCard.customer == customer)
    top = loyalty.tree.topLevelItem(0)
    assert top.text(0) == f"Carte {card.number}" and top.text(2) == str(card.balance)
    assert top.childCount() > 0 and top.child(0).text(2)[0] in "+-"
    assert "point" in loyalty.summary.text()
