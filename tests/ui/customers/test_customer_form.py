"""Adding and editing a customer through the form: errors by the field, duplicates, saving."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rcdesk.services import customers
from rcdesk.ui.customers.form import CustomerFormDialog


def save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def form(qtbot, context, customer_id=None) -> CustomerFormDialog:
    dialog = CustomerFormDialog(context, customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_invalid_email_is_shown_beside_the_field_and_the_text_is_kept(qtbot, context):
    dialog = form(qtbot, context)
    qtbot.keyClicks(dialog.fields["last_name"], "Dupont")
    qtbot.keyClicks(dialog.fields["email"], "dupont@@exemple")
    qtbot.keyClicks(dialog.fields["phone"], "06 12 34 56 78")
    save(dialog)
    assert dialog.isVisible()
    assert "Adresse e-mail invalide" in dialog.error_text("email")
    assert dialog.error_text("last_name") == ""
    assert dialog.fields["email"].text() == "dupont@@exemple"
    assert dialog.fields["last_name"].text() == "Dupont"
    assert dialog.fields["phone"].text() == "06 12 34 56 78"
    assert dialog.focusWidget() is dialog.fields["email"]
    assert customers.count_customers(customers.CustomerQuery()) == 0


def test_unreadable_birth_date_and_bad_postal_code_get_their_own_message(qtbot, context):
    dialog = form(qtbot, context)
    qtbot.keyClicks(dialog.fields["last_name"], "Dupont")
    qtbot.keyClicks(dialog.fields["birth_date"], "31/02/1980")
    save(dialog)
    assert "Date invalide" in dialog.error_text("birth_date")
    dialog.fields["birth_date"].setText("12/03/1980")
    qtbot.keyClicks(dialog.fields["postal_code"], "750")
    save(dialog)
    assert dialog.error_text("birth_date") == ""
    assert dialog.error_text("postal_code") == "Le code postal doit comporter 5 chiffres."
    assert dialog.fields["postal_code"].text() == "750"


def test_professional_without_company_name_is_refused_by_that_field(qtbot, context):
    dialog = form(qtbot, context)
    dialog.fields["kind"].setCurrentIndex(dialog.fields["kind"].findData("professionnel"))
    qtbot.keyClicks(dialog.fields["last_name"], "Leroy")
    save(dialog)
    assert "raison sociale" in dialog.error_text("company_name")
    assert dialog.fields["company_name"].isEnabled()


def test_creating_a_customer_through_the_dialog_lands_in_the_database(qtbot, context):
    dialog = form(qtbot, context)
    dialog.fields["first_name"].insert("Hélène")  # QTest types ASCII only
    dialog.fields["last_name"].insert("Lefèvre")
    qtbot.keyClicks(dialog.fields["email"], "helene.lefevre@exemple.fr")
    qtbot.keyClicks(dialog.fields["phone"], "06.12.34.56.78")
    qtbot.keyClicks(dialog.fields["postal_code"], "69003")
    qtbot.keyClicks(dialog.fields["city"], "Lyon")
    qtbot.keyClicks(dialog.fields["segments"], "VIP, Newsletter")
    qtbot.keyClicks(dialog.fields["birth_date"], "05/06/1975")
    dialog.fields["consent"].setChecked(True)
    with qtbot.waitSignal(context.data_changed) as signal:
        save(dialog)
    assert signal.args == ["customers"]
    assert not dialog.isVisible()
    stored = customers.get_customer(dialog.saved_id)
    assert (stored.first_name, stored.last_name) == ("Hélène", "Lefèvre")
    assert stored.phone == "+33612345678"
    assert stored.postal_code == "69003"
    assert stored.segments == ["VIP", "Newsletter"]
    assert stored.birth_date.isoformat() == "1975-06-05"
    assert stored.consent is True


def test_enter_in_a_field_saves_the_form(qtbot, context):
    dialog = form(qtbot, context)
    qtbot.keyClicks(dialog.fields["last_name"], "Garnier")
    qtbot.keyClick(dialog.fields["last_name"], Qt.Key.Key_Return)
    assert dialog.saved_id is not None
    assert customers.get_customer(dialog.saved_id).last_name == "Garnier"


def test_editing_shows_the_stored_values_and_saves_changes(qtbot, context, add_customer):
    cid = add_customer(first_name="Paul", last_name="Morel", phone="0698765432",
                       segments=["VIP"])
    dialog = form(qtbot, context, cid)
    assert dialog.fields["phone"].text() == "06 98 76 54 32"
    assert dialog.fields["segments"].text() == "VIP"
    dialog.fields["city"].setText("Brest")
    save(dialog)
    assert customers.get_customer(cid).city == "Brest"


def test_duplicate_warning_offers_to_open_the_existing_record(qtbot, context, add_customer,
                                                              answer_modal):
    existing = add_customer(first_name="Anne", last_name="Roux", email="anne.roux@exemple.fr")
    dialog = form(qtbot, context)
    qtbot.keyClicks(dialog.fields["last_name"], "Roux-Martin")
    qtbot.keyClicks(dialog.fields["email"], "Anne.Roux@exemple.fr")
    answer = answer_modal("Ouvrir la fiche existante")
    save(dialog)
    assert answer.clicked and answer.title == "Doublon possible"
    assert "Créer quand même" in answer.buttons
    assert dialog.existing_id == existing
    assert dialog.saved_id is None
    assert customers.count_customers(customers.CustomerQuery()) == 1


def test_duplicate_warning_can_create_anyway_or_go_back(qtbot, context, add_customer,
                                                        answer_modal):
    add_customer(first_name="Anne", last_name="Roux", phone="0611223344")
    dialog = form(qtbot, context)
    qtbot.keyClicks(dialog.fields["last_name"], "Roux")
    qtbot.keyClicks(dialog.fields["first_name"], "Annie")
    qtbot.keyClicks(dialog.fields["phone"], "+33 6 11 22 33 44")
    answer_modal("Revenir au formulaire")
    save(dialog)
    assert dialog.isVisible() and dialog.fields["first_name"].text() == "Annie"
    assert customers.count_customers(customers.CustomerQuery()) == 1
    answer_modal("Créer quand même")
    save(dialog)
    assert dialog.saved_id is not None
    assert customers.count_customers(customers.CustomerQuery()) == 2


def _changed_on_another_counter(cid) -> None:
    """PC 2: opens the same customer, changes the phone and saves."""
    other = customers.get_customer(cid)
    other.phone = "06 22 33 44 55"
    customers.update_customer(cid, other)


STALE = ("Ce client a été modifié sur un autre poste depuis que vous l'avez ouvert : "
         "Téléphone (06 11 22 33 44 → 06 22 33 44 55). Rechargez la fiche, ou enregistrez "
         "quand même pour remplacer ces changements.")


def test_a_save_over_another_counters_change_asks_and_can_reload(qtbot, context, add_customer,
                                                                 answer_modal):
    cid = add_customer(first_name="Paul", last_name="Morel", phone="06 11 22 33 44")
    dialog = form(qtbot, context, cid)  # PC 1 opens the customer
    _changed_on_another_counter(cid)
    dialog.fields["city"].setText("Brest")
    answer = answer_modal("Recharger")
    save(dialog)
    assert answer.clicked and answer.text == STALE
    assert sorted(answer.buttons) == ["Annuler", "Enregistrer quand même", "Recharger"]
    assert dialog.isVisible()  # the stored customer is in the form, PC 2's phone with it
    assert dialog.fields["phone"].text() == "06 22 33 44 55"
    assert dialog.fields["city"].text() == ""
    stored = customers.get_customer(cid)
    assert (stored.phone, stored.city, stored.version) == ("+33622334455", "", 2)
    dialog.fields["city"].setText("Brest")
    save(dialog)  # saved over the version it reloaded: no question
    assert not dialog.isVisible()
    stored = customers.get_customer(cid)
    assert (stored.phone, stored.city, stored.version) == ("+33622334455", "Brest", 3)


def test_a_save_over_another_counters_change_can_overwrite_knowingly_or_cancel(
        qtbot, context, add_customer, answer_modal):
    cid = add_customer(first_name="Paul", last_name="Morel", phone="06 11 22 33 44")
    dialog = form(qtbot, context, cid)
    _changed_on_another_counter(cid)
    dialog.fields["city"].setText("Brest")
    answer_modal("Annuler")
    save(dialog)
    assert dialog.isVisible() and dialog.fields["city"].text() == "Brest"
    assert customers.get_customer(cid).city == ""
    answer = answer_modal("Enregistrer quand même")
    save(dialog)
    assert answer.clicked and answer.text == STALE
    assert not dialog.isVisible() and dialog.saved_id == cid
    stored = customers.get_customer(cid)  # PC 1's form as typed, PC 2's phone replaced
    assert (stored.phone, stored.city, stored.version) == ("+33611223344", "Brest", 3)
