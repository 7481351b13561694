"""The counter's intake form, driven by the keyboard alone."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from rcdesk.core.workdays import add_working_days
from rcdesk.models.complaints import Complaint
from rcdesk.services import complaints as complaints_service
from rcdesk.services import customers as customers_service
from rcdesk.ui.complaints.intake import IntakeDialog


def _customer(last_name="Dupont", first_name="Hélène", phone="06 12 34 56 78"):
    return customers_service.create_customer(customers_service.CustomerData(
        first_name=first_name, last_name=last_name, phone=phone, status="client"))


def test_intake_by_keyboard_only_gives_first_number_of_the_year_and_due_date(qtbot, context):
    customer_id = _customer()
    _customer(last_name="Durand", first_name="Paul", phone="06 98 76 54 32")
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.search.edit

    qtbot.keyClicks(dialog.search.edit, "helene")
    qtbot.waitUntil(lambda: dialog.search.hits.count() == 1)  # searched after a pause
    qtbot.keyClick(dialog.search.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search.edit, Qt.Key.Key_Return)
    assert dialog.search.customer_id == customer_id
    # picked: straight on to the product, the channel and the date keep their defaults
    assert dialog.focusWidget() is dialog.product
    assert dialog.channel.currentData() == "comptoir"
    qtbot.keyClick(dialog.product, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.received_on
    qtbot.keyClick(dialog.received_on, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.channel
    qtbot.keyClicks(dialog.channel, "t")  # first letter jumps to « téléphone »
    assert dialog.channel.currentData() == "téléphone"
    qtbot.keyClick(dialog.channel, Qt.Key.Key_Return)  # Entrée: the next field
    assert dialog.focusWidget() is dialog.received_on
    qtbot.keyClick(dialog.received_on, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.product
    qtbot.keyClicks(dialog.focusWidget(), "Lave-linge LX200")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.place
    qtbot.keyClicks(dialog.focusWidget(), "Magasin de Lille")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert Complaint.select().count() == 0  # Entrée never saves
    assert dialog.focusWidget() is dialog.description
    qtbot.keyClicks(dialog.description, "Fuite d eau a la premiere utilisation")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.expectation
    qtbot.keyClicks(dialog.expectation, "Echange")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.expectation, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)

    year = date.today().year
    row = Complaint.get()
    assert row.number == f"REC-{year}-0001"
    assert row.customer_id == customer_id
    assert (row.channel, row.product, row.place) == ("téléphone", "Lave-linge LX200",
                                                     "Magasin de Lille")
    assert row.description == "Fuite d eau a la premiere utilisation"
    assert row.expectation == "Echange"
    assert row.due_date == add_working_days(row.received_on, 5, "FR")
    text = dialog.receipt.done_label.text()
    assert f"REC-{year}-0001" in text
    assert row.due_date.strftime("%d/%m/%Y") in text
    assert dialog.pages.currentIndex() == 1


def test_walk_in_complainant_typed_once_then_saved_with_ctrl_enter(qtbot, context):
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.walk_in_name.isHidden() and dialog.walk_in_contact.isHidden()
    qtbot.keyClicks(dialog.search.edit, "Jean Martin")
    qtbot.keyClick(dialog.search.edit, Qt.Key.Key_Return)  # nobody of that name: said in red
    assert "Aucun client ne correspond" in dialog.error.text()
    qtbot.keyClick(dialog.search.edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.walk_in
    qtbot.keyClick(dialog.walk_in, Qt.Key.Key_Space)
    # the name moved from the search box to the complainant's, shown once; the error went
    assert dialog.search.edit.text() == ""
    assert dialog.walk_in_name.text() == "Jean Martin"
    assert dialog.error.isHidden()
    assert dialog.form.labelForField(dialog.walk_in_name).text() == "No&m du réclamant :"
    assert dialog.form.labelForField(dialog.walk_in_contact).text() == "C&ontact :"
    assert dialog.focusWidget() is dialog.walk_in_contact  # the name is there already
    qtbot.keyClicks(dialog.walk_in_contact, "jean.martin@example.org")
    qtbot.keyClick(dialog.walk_in_contact, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.product
    dialog.place.setText("Agence Nord")
    dialog.description.setPlainText("Accueil désagréable")
    dialog.expectation.setPlainText("Des excuses")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    row = Complaint.get()
    assert row.customer_id is None
    assert (row.walk_in_name, row.walk_in_contact) == ("Jean Martin", "jean.martin@example.org")
    assert row.channel == "comptoir"
    dialog.start_again()
    assert dialog.place.text() == "Agence Nord"
    assert dialog.description.toPlainText() == ""
    again = IntakeDialog(context)
    qtbot.addWidget(again)
    assert again.place.text() == "Agence Nord"


def test_tab_never_stops_on_the_create_customer_button(qtbot, context):
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.walk_in.setChecked(True)
    seen = []
    for _ in range(12):
        seen.append(dialog.focusWidget())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.new_customer not in seen
    assert dialog.walk_in_name in seen and dialog.received_on in seen


def test_an_empty_expectation_is_pointed_out_once_before_saving(qtbot, context):
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.walk_in.setChecked(True)
    dialog.walk_in_name.setText("Jean Martin")
    dialog.walk_in_contact.setText("06 11 22 33 44")
    dialog.description.setPlainText("Colis abîmé")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert Complaint.select().count() == 0
    assert "Qu'attend le client" in dialog.error.text()
    assert dialog.focusWidget() is dialog.expectation
    qtbot.keyClick(dialog.expectation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert Complaint.get().expectation == ""


def test_channel_starts_on_this_pcs_channel_never_on_the_last_one_used(qtbot, context):
    first = IntakeDialog(context)
    qtbot.addWidget(first)
    assert first.channel.currentData() == "comptoir"
    first.channel.setCurrentIndex(first.channel.findData("téléphone"))
    first.walk_in.setChecked(True)
    first.walk_in_name.setText("Jean Martin")
    first.walk_in_contact.setText("06 11 22 33 44")
    first.description.setPlainText("Appel sans suite")
    first.expectation.setPlainText("Un rappel")
    first.save()
    assert Complaint.get().channel == "téléphone"
    first.start_again()
    assert first.channel.currentData() == "comptoir"
    second = IntakeDialog(context)
    qtbot.addWidget(second)
    assert second.channel.currentData() == "comptoir"
    # the phone desk's PC: its channel made this PC's own
    second.channel.setCurrentIndex(second.channel.findData("téléphone"))
    second.make_channel_default()
    third = IntakeDialog(context)
    qtbot.addWidget(third)
    assert third.channel.currentData() == "téléphone"


def test_a_letter_received_friday_and_keyed_monday_is_due_from_friday(qtbot, context):
    from datetime import timedelta

    from rcdesk.ui.forms import to_qdate

    today = date.today()
    friday = today - timedelta(days=(today.weekday() - 4) % 7 or 7)
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.channel.setCurrentIndex(dialog.channel.findData("courrier"))
    dialog.received_on.setDate(to_qdate(friday))
    dialog.walk_in.setChecked(True)
    dialog.walk_in_name.setText("Jean Martin")
    dialog.walk_in_contact.setText("06 11 22 33 44")
    dialog.description.setPlainText("Facture erronée")
    dialog.expectation.setPlainText("Un avoir")
    dialog.save()
    row = Complaint.get()
    assert row.received_on == friday
    assert row.received_at.date() >= today - timedelta(days=1)  # keyed now (UTC)
    assert row.due_date == add_working_days(friday, 5, "FR")
    assert friday.strftime("%d/%m/%Y") in dialog.receipt.done_label.text()
    assert dialog.received_on.maximumDate() == to_qdate(today)  # no future day to pick


def test_intake_refusal_keeps_what_was_typed(qtbot, context):
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.walk_in.setChecked(True)
    dialog.walk_in_name.setText("Jean Martin")
    dialog.walk_in_contact.setText("06 11 22 33 44")
    dialog.product.setText("Box internet")
    dialog.expectation.setPlainText("Un technicien")
    dialog.save()  # no description
    assert dialog.error.isVisible()
    assert "description" in dialog.error.text().lower()
    assert dialog.product.text() == "Box internet"
    assert dialog.pages.currentIndex() == 0
    assert Complaint.select().count() == 0


def test_escape_asks_before_dropping_typed_text(qtbot, context, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search.edit, "quelqu un")
    qtbot.keyClick(dialog.search.edit, Qt.Key.Key_Escape)
    assert len(asked) == 1
    assert dialog.isVisible()
    assert dialog.search.edit.text() == "quelqu un"


def test_customer_created_on_the_spot_is_picked(qtbot, context, monkeypatch):
    from rcdesk.ui.complaints.customer_picker import QuickCustomerDialog

    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search.edit, "Nadia Benali")
    quick = QuickCustomerDialog(dialog.search.edit.text(), dialog)
    qtbot.addWidget(quick)
    assert (quick.first_name.text(), quick.last_name.text()) == ("Nadia", "Benali")
    quick.accept()
    assert not quick.error.isHidden()  # neither phone nor e-mail yet
    assert "téléphone ou un e-mail" in quick.error.text()
    quick.email.setText("nadia.benali@example.org")
    quick.accept()
    assert quick.customer_id is not None
    dialog.search.set_customer(quick.customer_id, quick.display)
    assert dialog.search.customer_id == quick.customer_id
    assert customers_service.get_customer(quick.customer_id).email == "nadia.benali@example.org"
    assert complaints_service.CHANNELS[0] == "comptoir"


def test_surname_typed_first_in_capitals_is_the_surname(qtbot, context):
    from rcdesk.ui.complaints.customer_picker import QuickCustomerDialog

    quick = QuickCustomerDialog("BENALI Karima")
    qtbot.addWidget(quick)
    assert (quick.first_name.text(), quick.last_name.text()) == ("Karima", "BENALI")


def test_customer_hits_show_phone_and_town_whole(qtbot, context):
    _customer(last_name="Martin", first_name="Jean", phone="06 11 11 11 11")
    customers_service.create_customer(customers_service.CustomerData(
        first_name="Jean", last_name="Martin", phone="06 22 22 22 22", city="Roubaix",
        email="jean.martin.de.roubaix.tres.long@exemple-de-domaine-long.fr", status="client"))
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search.edit, "martin")
    dialog.search.refresh()
    texts = [dialog.search.hits.item(i).text() for i in range(dialog.search.hits.count())]
    assert any("06 22 22 22 22 · Roubaix" in t for t in texts)
    assert any("06 11 11 11 11" in t for t in texts)
    hits = dialog.search.hits
    assert hits.wordWrap() and hits.textElideMode() == Qt.TextElideMode.ElideNone
    # the longest hit's phone and town fit the list's width: on its second line, first
    width = hits.viewport().width()
    metrics = hits.fontMetrics()
    assert metrics.horizontalAdvance("    06 22 22 22 22 · Roubaix") < width


def test_quick_customer_with_a_known_phone_offers_the_existing_record(qtbot, context,
                                                                      monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from rcdesk.ui.complaints.customer_picker import QuickCustomerDialog

    existing = _customer()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.setProperty("seen", True))
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.defaultButton())
    quick = QuickCustomerDialog("06 12 34 56 78")
    qtbot.addWidget(quick)
    assert quick.phone.text() == "06 12 34 56 78"
    quick.last_name.setText("Dupond")
    quick.accept()
    assert quick.customer_id == existing
    assert quick.display == "Hélène Dupont"
    assert customers_service.count_customers(customers_service.CustomerQuery()) == 1


def test_enter_on_an_unknown_name_explains_instead_of_saving(qtbot, context):
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search.edit, "Inconnu")
    qtbot.keyClick(dialog.search.edit, Qt.Key.Key_Return)
    assert "Aucun client ne correspond" in dialog.error.text()
    assert dialog.pages.currentIndex() == 0
    assert Complaint.select().count() == 0
