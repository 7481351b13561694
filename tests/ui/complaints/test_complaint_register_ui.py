"""The register's table model: SQL paging, filters, late colours, opening a row."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt

from rcdesk.models.complaints import Complaint
from rcdesk.services import complaints as cs
from rcdesk.ui.complaints.common import LATE_FG, SOON_FG
from rcdesk.ui.complaints.register import ComplaintTableModel, RegisterView


def _complaint(channel="comptoir", product="Lave-linge", name="Jean Martin", **kw):
    return cs.register_complaint(cs.ComplaintInput(
        walk_in_name=name, walk_in_contact="06 11 22 33 44", channel=channel, product=product,
        description=kw.pop("description", "Panne"), **kw))


def test_model_pages_by_batch_until_the_count(qtbot, context, monkeypatch):
    monkeypatch.setattr(ComplaintTableModel, "BATCH", 5)
    for _ in range(12):
        _complaint()
    model = ComplaintTableModel()
    model.set_query(cs.ComplaintQuery())
    assert model.total() == 12
    assert model.rowCount() == 5
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 10
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 12
    assert not model.canFetchMore(QModelIndex())
    year = date.today().year
    # newest first: the last saved is REC-<year>-0012
    assert model.data(model.index(0, 0)) == f"REC-{year}-0012"
    assert model.data(model.index(11, 0)) == f"REC-{year}-0001"


def test_filters_by_channel_text_status_and_late(qtbot, context):
    _complaint(channel="téléphone", product="Box internet")
    _complaint(channel="courrier", product="Lave-linge")
    late = _complaint(channel="courrier", product="Réfrigérateur", name="Paul Durand")
    Complaint.update(due_date=date.today() - timedelta(days=3)).where(
        Complaint.id == late.id).execute()
    view = RegisterView()
    qtbot.addWidget(view)
    assert view.model.total() == 3

    view.channel.setCurrentIndex(view.channel.findData("courrier"))
    assert view.model.total() == 2
    view.text.setText("durand")
    view.apply_filters()
    assert view.model.total() == 1
    assert view.model.complaint_id(0) == late.id
    view.text.clear()
    view.channel.setCurrentIndex(0)
    view.late.setChecked(True)
    assert view.model.total() == 1
    # the late row stands out in red, with the service's label
    state_col = [k for k, _ in view.model.columns].index("due_state")
    assert view.model.data(view.model.index(0, state_col)) == "En retard"
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == LATE_FG
    view.late.setChecked(False)
    view.status.setCurrentIndex(view.status.findData("Clôturée"))
    assert view.model.total() == 0
    assert view.count_label.text() == "0 réclamation(s)"


def test_nearly_late_row_is_orange_and_period_filter_bounds_received_date(qtbot, context):
    soon = _complaint()
    Complaint.update(due_date=date.today()).where(Complaint.id == soon.id).execute()
    old = cs.register_complaint(
        cs.ComplaintInput(walk_in_name="Ancien", walk_in_contact="x@example.org",
                          description="Vieux dossier"),
        received_at=datetime(2024, 3, 4, 9, 0))
    view = RegisterView()
    qtbot.addWidget(view)
    row = view.model.row_of(soon.id)
    assert view.model.state(row) == "soon"
    assert view.model.data(view.model.index(row, 0), Qt.ItemDataRole.ForegroundRole) == SOON_FG
    view.set_period(date(2024, 1, 1), date(2024, 12, 31))
    assert view.model.total() == 1
    assert view.model.complaint_id(0) == old.id
    assert view.model.data(view.model.index(0, 0)) == "REC-2024-0001"


def test_enter_on_a_row_asks_to_open_it(qtbot, context):
    first = _complaint()
    view = RegisterView()
    qtbot.addWidget(view)
    view.show()
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    with qtbot.waitSignal(view.open_requested) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [first.id]


def test_filters_by_customer_and_category(qtbot, context, monkeypatch):
    from rcdesk.services import customers as customers_service
    from rcdesk.ui.complaints import customer_picker

    customer_id = customers_service.create_customer(customers_service.CustomerData(
        first_name="Noémie", last_name="Boulay", email="noemie@example.org"))
    mine = cs.register_complaint(cs.ComplaintInput(customer_id=customer_id,
                                                   description="Nappe tachée"))
    other = _complaint()
    livraison = next(cid for cid, name in cs.list_categories() if name == "Livraison")
    cs.qualify(other.id, cs.Qualification(category_id=livraison, type="bonne foi"))
    view = RegisterView()
    qtbot.addWidget(view)

    class Picked:
        def __init__(self, parent=None):
            self.customer_id, self.display = customer_id, "Noémie Boulay"

        def exec(self):
            return 1

    monkeypatch.setattr(customer_picker, "CustomerPickDialog", Picked)
    view.choose_customer()
    assert view.model.total() == 1
    assert view.model.complaint_id(0) == mine.id
    assert view.customer_label.text() == "Client : Noémie Boulay"
    view.customer_clear.click()
    assert view.model.total() == 2
    view.category.setCurrentIndex(view.category.findData(livraison))
    assert view.model.total() == 1
    assert view.model.complaint_id(0) == other.id


def test_double_click_opens_a_row_once(qtbot, context):
    first = _complaint()
    view = RegisterView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    opened = []
    view.open_requested.connect(opened.append)
    rect = view.table.visualRect(view.model.index(0, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [first.id]
