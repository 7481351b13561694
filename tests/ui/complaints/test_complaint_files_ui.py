"""Attachments and the category list, from a complaint's file."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from rcdesk.services import complaints as cs
from rcdesk.ui.complaints import dialogs as dialogs_module
from rcdesk.ui.complaints.detail import ComplaintDetailDialog
from rcdesk.ui.complaints.dialogs import CategoriesDialog


def _complaint():
    return cs.register_complaint(cs.ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", description="Carton écrasé"))


def test_attachment_is_copied_listed_and_opened(qtbot, context, tmp_path, no_desktop_viewer):
    saved = _complaint()
    photo = tmp_path / "photo-carton.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 2048)
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    dialog.add_attachment(str(photo))
    assert dialog.attachments.count() == 1
    assert dialog.attachments.item(0).text().startswith("photo-carton.jpg")
    dialog.open_attachment(dialog.attachments.item(0))
    opened = no_desktop_viewer[-1]
    assert opened != str(photo)  # the copy in the data dir, not the user's file
    assert open(opened, "rb").read() == photo.read_bytes()
    assert any("photo-carton.jpg" in e.what or "photo-carton.jpg" in e.comment
               for e in cs.get_complaint(saved.id).timeline)


def test_missing_attachment_file_is_refused_in_french(qtbot, context, tmp_path, monkeypatch):
    from rcdesk.ui.complaints import detail as detail_module

    shown = []
    monkeypatch.setattr(detail_module, "show_error", lambda parent, exc: shown.append(str(exc)))
    dialog = ComplaintDetailDialog(_complaint().id, context)
    qtbot.addWidget(dialog)
    dialog.add_attachment(str(tmp_path / "absent.pdf"))
    assert shown and "introuvable" in shown[0]
    assert dialog.attachments.count() == 0


def test_category_in_use_cannot_be_deleted_but_a_new_one_can(qtbot, context, monkeypatch):
    saved = _complaint()
    livraison = next(cid for cid, name in cs.list_categories() if name == "Livraison")
    cs.qualify(saved.id, cs.Qualification(category_id=livraison, type="bonne foi"))
    shown = []
    monkeypatch.setattr(dialogs_module, "show_error", lambda parent, exc: shown.append(str(exc)))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = CategoriesDialog()
    qtbot.addWidget(dialog)
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(names.index("Livraison"))
    dialog.delete()
    assert shown and "utilisée par 1 réclamation" in shown[0]
    assert "Livraison" in [name for _, name in cs.list_categories()]

    dialog.name.setText("Emballage")
    dialog.add()
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "Emballage" in names
    dialog.list.setCurrentRow(names.index("Emballage"))
    dialog.delete()
    assert "Emballage" not in [name for _, name in cs.list_categories()]
    assert dialog.changed


def test_intake_correction_is_saved_and_named_in_the_timeline(qtbot, context):
    from rcdesk.ui.complaints.edit import EditIntakeDialog

    saved = _complaint()
    detail = cs.get_complaint(saved.id)
    dialog = EditIntakeDialog(detail)
    qtbot.addWidget(dialog)
    dialog.product.setText("Service 12 pièces")
    dialog.description.setPlainText("")
    dialog.accept()
    assert "description" in dialog.error.text().lower()
    assert dialog.product.text() == "Service 12 pièces"
    dialog.description.setPlainText("Carton écrasé, deux assiettes cassées")
    dialog.accept()
    after = cs.get_complaint(saved.id)
    assert after.product == "Service 12 pièces"
    assert after.description == "Carton écrasé, deux assiettes cassées"
    assert any("produit" in e.what for e in after.timeline)


def test_ctrl_return_in_the_description_saves_the_intake_correction(qtbot, context):
    from PySide6.QtCore import Qt

    from rcdesk.ui.complaints.edit import EditIntakeDialog

    saved = _complaint()
    dialog = EditIntakeDialog(cs.get_complaint(saved.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.description.setPlainText("Carton écrasé, une assiette cassée")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert cs.get_complaint(saved.id).description == "Carton écrasé, une assiette cassée"


def test_reception_day_is_corrected_from_the_keyboard_and_the_due_date_follows(qtbot, context):
    from datetime import date

    from PySide6.QtCore import Qt

    from rcdesk.ui.complaints.edit import EditIntakeDialog

    saved = cs.register_complaint(cs.ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", channel="courrier",
        description="Facture erronée"), received_on=date(2026, 7, 13))  # keyed Monday
    assert saved.due_date == date(2026, 7, 21)
    dialog = EditIntakeDialog(cs.get_complaint(saved.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.received_on.date().toString("dd/MM/yyyy") == "13/07/2026"
    dialog.received_on.setFocus()
    dialog.received_on.setCurrentSection(dialog.received_on.Section.DaySection)
    for _ in range(3):  # the letter came on Friday 10/07
        qtbot.keyClick(dialog.received_on, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.received_on, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    after = cs.get_complaint(saved.id)
    assert (after.received_on, after.due_date) == (date(2026, 7, 10), date(2026, 7, 20))
    assert after.timeline[-1].what == ("Modification : date de réception (10/07/2026), "
                                       "réponse due le 20/07/2026")


def test_detail_header_gives_the_day_it_arrived_not_the_day_it_was_keyed(qtbot, context):
    from datetime import date, datetime, time, timedelta

    import holidays

    from rcdesk.ui.complaints.common import local_datetime_text

    # a letter received on a Friday three weeks ago and keyed on the Monday after: its 5
    # working days (French public holidays skipped) ran from the Friday, and are over today
    today = date.today()
    friday = today - timedelta(days=(today.weekday() - 4) % 7 + 21)
    keyed = datetime.combine(friday + timedelta(days=3), time(8, 15))
    public = holidays.country_holidays("FR", years=range(friday.year, today.year + 1))
    due, left = friday, 5
    while left:
        due += timedelta(days=1)
        left -= due.weekday() < 5 and due not in public
    assert friday + timedelta(days=7) <= due < today
    saved = cs.register_complaint(cs.ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", channel="courrier",
        description="Facture erronée"), received_at=keyed, received_on=friday)
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    assert (f"reçue le {friday:%d/%m/%Y} (saisie le {local_datetime_text(keyed)})"
            in dialog.header.text())
    assert f"échéance <span style='color:#b00020'><b>{due:%d/%m/%Y} — en retard</b></span>" \
        in dialog.header.text()


def test_a_walk_in_complaint_is_attached_to_a_customer_file_and_moves_its_last_contact(
        qtbot, context, monkeypatch):
    from datetime import date, datetime

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from rcdesk.models.customers import Customer
    from rcdesk.services.customers import CustomerData, create_customer
    from rcdesk.ui.complaints.edit import EditIntakeDialog

    karima = create_customer(CustomerData(first_name="Karima", last_name="BENALI",
                                          phone="06 12 34 56 78", status="client"))
    saved = cs.register_complaint(cs.ComplaintInput(
        walk_in_name="Karima Benali", walk_in_contact="06 12 34 56 78", description="Rayure"),
        received_at=datetime(2026, 11, 20, 10, 0), received_on=date(2026, 11, 20))
    dialog = EditIntakeDialog(cs.get_complaint(saved.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.who.text() == "Karima Benali"
    asked = []
    monkeypatch.setattr(dialog, "pick_customer",
                        lambda: asked.append(1) or (karima, "Karima BENALI"))
    dialog.product.setFocus()
    qtbot.keyClick(dialog.product, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == [1])
    assert dialog.who.text() == "Karima BENALI"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.product, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    after = cs.get_complaint(saved.id)
    assert (after.customer_id, after.customer_name, after.walk_in_name, after.walk_in_contact) \
        == (karima, "Karima BENALI", "", "")
    assert "client" in after.timeline[-1].what
    assert Customer.get_by_id(karima).last_contact == datetime(2026, 11, 20, 10, 0)
