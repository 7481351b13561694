"""A customer's file: purchases and interactions added from it, referrer picked by search."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from rcdesk.services import customers
from rcdesk.ui.context import AppContext
from rcdesk.ui.customers.detail import CustomerDetailDialog
from rcdesk.ui.customers.entries import InteractionDialog, PurchaseDialog
from rcdesk.ui.customers.form import CustomerFormDialog


def test_purchase_typed_in_french_lands_in_cents_and_a_bad_amount_is_explained(qtbot, context,
                                                                               add_customer):
    cid = add_customer(last_name="Roux")
    dialog = PurchaseDialog(cid)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.amount, "douze")
    dialog.accept()
    assert "Montant invalide" in dialog.error.text()
    assert customers.list_purchases(cid) == []
    dialog.amount.setText("1 249,90")
    dialog.reference.setText("T42")
    dialog.accept()
    assert [(p.amount_cents, p.reference, p.date) for p in customers.list_purchases(cid)] == [
        (124990, "T42", date.today())]
    assert customers.get_customer(cid).status == "client"  # a prospect who buys


def test_interaction_needs_a_subject_then_records_the_follow_up(qtbot, context, add_customer):
    cid = add_customer(last_name="Roux")
    dialog = InteractionDialog(cid)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.error.text() == "L'objet du contact est obligatoire."
    qtbot.keyClicks(dialog.subject, "Demande de devis")
    follow = date.today() + timedelta(days=3)
    dialog.follow_up.setText(follow.strftime("%d/%m/%Y"))
    dialog.accept()
    rows = customers.list_interactions(cid)
    assert [(r.subject, r.follow_up, r.direction) for r in rows] == [
        ("Demande de devis", follow, "entrant")]
    assert customers.due_follow_ups(follow)[0].customer_id == cid


def test_detail_shows_identity_purchases_and_interactions(qtbot, context, add_customer):
    cid = add_customer(first_name="Anne", last_name="Roux", email="anne@exemple.fr",
                       phone="0611223344")
    customers.add_purchase(cid, date(2025, 3, 2), 4990, reference="T1")
    customers.add_interaction(cid, customers.InteractionData(channel="téléphone",
                                                             subject="Devis"))
    dialog = CustomerDetailDialog(context, cid)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Fiche client — Anne Roux"
    assert dialog.purchase_rows.rowCount() == 1
    assert dialog.purchase_rows.text(0, 0) == "02/03/2025"
    assert dialog.purchase_rows.text(0, 1) == "49,90\u00a0€"
    assert dialog.interaction_rows.text(0, 4) == "Devis"
    contact = dialog.contact
    values = {contact.itemAt(r, contact.ItemRole.LabelRole).widget().text():
              contact.itemAt(r, contact.ItemRole.FieldRole).widget().text()
              for r in range(contact.rowCount())}
    assert values["Téléphone :"] == "06 11 22 33 44"
    assert values["E-mail :"] == "anne@exemple.fr"
    qtbot.waitUntil(lambda: "segment RFM" in dialog.summary.text())
    assert "1 achat(s)" in dialog.summary.text()


def test_referrer_is_found_by_typing_and_saved(qtbot, context, add_customer):
    godmother = add_customer(first_name="Hélène", last_name="Lefèvre")
    dialog = CustomerFormDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["last_name"].setText("Garnier")
    picker = dialog.fields["referred_by_id"]
    qtbot.keyClicks(picker, "helene")
    qtbot.waitUntil(lambda: picker.completer().model().rowCount() == 1)
    choice = picker.completer().model().index(0, 0).data()
    picker.completer().activated.emit(choice)
    assert picker.text() == "Hélène Lefèvre"
    qtbot.keyClick(dialog.fields["last_name"], Qt.Key.Key_Return)
    assert customers.get_customer(dialog.saved_id).referred_by_id == godmother


def test_another_area_can_add_a_page_to_the_customer_file(qtbot, sqlite_database, add_customer):
    from PySide6.QtWidgets import QLabel

    cid = add_customer(last_name="Roux")
    seen = []

    def complaints_page(ctx, customer_id, parent):
        seen.append(customer_id)
        return "Réclamations", QLabel("2 réclamations")

    context = AppContext(sqlite_database.target, customer_pages=[complaints_page])
    dialog = CustomerDetailDialog(context, cid)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Identité", "Coordonnées", "Marketing", "Contacts", "Achats",
                      "Interactions", "Réclamations"]
    assert seen == [cid]


def test_contact_persons_are_added_edited_and_removed_in_the_file(qtbot, context, add_customer,
                                                                  monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from rcdesk.services.customers.contacts import list_contacts
    from rcdesk.ui.customers.contacts import ContactDialog

    cid = add_customer(kind="professionnel", company_name="Café Lumière", last_name="")
    dialog = CustomerDetailDialog(context, cid)
    qtbot.addWidget(dialog)
    page = dialog.contacts_page
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Contacts"
    form = ContactDialog(cid)
    qtbot.addWidget(form)
    form.save()
    assert form.error.text() == "Le nom du contact est obligatoire."
    qtbot.keyClicks(form.name, "Inge Claes")
    form.role.setText("Gérante")  # keyClicks types ASCII only
    qtbot.keyClicks(form.phone, "06 12 34 56 78")
    form.save()
    assert form.result() == 1  # accepted
    page.reload()
    page.changed.emit()
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Contacts (1)"
    assert page.rows.text(0, 3) == "06 12 34 56 78"
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    page.table.setCurrentIndex(page.rows.index(0, 0))
    page.remove()
    assert list_contacts(cid) == []
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Contacts"
