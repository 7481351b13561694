"""The Clients tab: search as you type, keyboard, delete and anonymise, purge list, figures."""

import json
import warnings
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.core.periods import last_12_months
from rcdesk.models.base import database_proxy
from rcdesk.services import customers
from rcdesk.ui.customers import operations
from rcdesk.ui.customers.tab import CustomersTab, count_text


def make_tab(qtbot, context) -> CustomersTab:
    tab = CustomersTab(context)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def activate(widget) -> None:
    """Shortcuts need an active window; the offscreen platform never activates one itself."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(widget)


def shown_names(tab) -> list[str]:
    return [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]


def test_tab_lists_the_file_sorted_by_name_with_its_count(qtbot, context, add_customer):
    add_customer(last_name="Durand")
    add_customer(last_name="Arnaud")
    tab = make_tab(qtbot, context)
    assert shown_names(tab) == ["Arnaud", "Durand"]
    assert tab.count_label.text() == "2 clients"
    assert count_text(1) == "1 client" and count_text(2000) == "2\u202f000 clients"


def test_typing_in_the_search_box_filters_after_a_pause(qtbot, context, add_customer):
    add_customer(first_name="Hélène", last_name="Lefèvre")
    add_customer(first_name="Paul", last_name="Morel")
    tab = make_tab(qtbot, context)
    qtbot.keyClicks(tab.search, "hele")
    assert tab.model.rowCount() == 2  # debounced: nothing ran yet
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert shown_names(tab) == ["Hélène Lefèvre"]
    assert tab.count_label.text() == "1 client"


def test_filters_combine_with_the_search(qtbot, context, add_customer):
    add_customer(last_name="Pro", kind="professionnel", company_name="Atelier Bleu",
                 legal_id="73282932000074", city="Lyon")
    add_customer(last_name="Perso", city="Lyon", consent=True)
    tab = make_tab(qtbot, context)
    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData("professionnel"))
    assert shown_names(tab) == ["Atelier Bleu"]
    tab.clear_filters()
    tab.consent_filter.setCurrentIndex(tab.consent_filter.findData(True))
    assert shown_names(tab) == ["Perso"]


def test_ctrl_f_focuses_search_and_ctrl_n_opens_the_new_customer_form(qtbot, context,
                                                                     answer_modal):
    tab = make_tab(qtbot, context)
    activate(tab)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    answer = answer_modal("Annuler")
    qtbot.keyClick(tab.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert answer.title == "Nouveau client" and answer.clicked


def test_enter_opens_the_selected_customer(qtbot, context, add_customer, answer_modal):
    add_customer(first_name="Anne", last_name="Roux")
    tab = make_tab(qtbot, context)
    activate(tab)
    tab.table.setFocus()
    tab.table.selectRow(0)
    answer = answer_modal("Fermer")
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert answer.title == "Fiche client — Anne Roux"


def test_new_customer_duplicate_opens_the_existing_record(qtbot, context, add_customer,
                                                          answer_modal):
    add_customer(first_name="Anne", last_name="Roux", email="anne.roux@exemple.fr")
    tab = make_tab(qtbot, context)

    def type_customer(form):
        form.fields["last_name"].setText("Roux")
        form.fields["email"].setText("ANNE.ROUX@exemple.fr")
        answer_modal("Ouvrir la fiche existante")  # the duplicate warning, next
        detail = answer_modal("Fermer")  # then the existing record's view
        answers.append(detail)

    answers = []
    form = answer_modal("Enregistrer", fill=type_customer)
    tab.new_customer()
    assert form.title == "Nouveau client"
    assert answers[0].title == "Fiche client — Anne Roux"
    assert customers.count_customers(customers.CustomerQuery()) == 1


def test_delete_asks_with_what_goes_along_then_deletes(qtbot, context, add_customer,
                                                       answer_modal):
    cid = add_customer(first_name="Anne", last_name="Roux")
    customers.add_purchase(cid, date(2025, 3, 2), 4990)
    customers.add_purchase(cid, date(2025, 4, 2), 1500)
    customers.add_interaction(cid, customers.InteractionData(channel="téléphone",
                                                             subject="Devis"))
    tab = make_tab(qtbot, context)
    tab.table.selectRow(0)
    answer = answer_modal("Annuler")
    tab.delete_selected()
    assert "Supprimer définitivement « Anne Roux »" in answer.text
    assert "2 achat(s), 1 interaction(s)" in answer.text
    assert customers.count_customers(customers.CustomerQuery()) == 1
    answer = answer_modal("Supprimer")
    tab.delete_selected()
    assert answer.clicked
    assert customers.count_customers(customers.CustomerQuery()) == 0
    assert tab.model.rowCount() == 0 and tab.count_label.text() == "0 client"


def test_anonymise_keeps_purchases_without_the_name(qtbot, context, add_customer,
                                                    answer_modal):
    cid = add_customer(first_name="Anne", last_name="Roux", email="anne@exemple.fr")
    customers.add_purchase(cid, date(2025, 3, 2), 4990)
    tab = make_tab(qtbot, context)
    tab.table.selectRow(0)
    answer_modal("Anonymiser")
    tab.anonymise_selected()
    data = customers.get_customer(cid)
    assert (data.last_name, data.email) == ("", "")
    assert [p.amount_cents for p in customers.list_purchases(cid)] == [4990]
    assert shown_names(tab) == ["Client anonymisé"]


def test_purge_list_anonymises_old_prospects_in_bulk(qtbot, context, add_customer,
                                                     answer_modal):
    old = add_customer(last_name="Ancien", status="prospect")
    recent = add_customer(last_name="Recent", status="prospect")
    waiting = add_customer(last_name="Attend", status="prospect")
    four_years_ago = datetime.now() - timedelta(days=4 * 365)
    from rcdesk.models.customers import Customer  # test set-up only: backdate records
    from rcdesk.services import complaints as cs

    cs.register_complaint(cs.ComplaintInput(customer_id=waiting, description="Sans réponse"),
                          received_on=date.today() - timedelta(days=4 * 365))
    Customer.update(created_at=four_years_ago, last_contact=four_years_ago).where(
        Customer.id.in_([old, waiting])).execute()
    tab = make_tab(qtbot, context)
    tab.pages.setCurrentIndex(3)
    panel = tab._purge
    assert panel.model.rowCount() == 1  # not "Attend": its complaint is still open
    assert panel.model.text(0, 0) == "Ancien"
    assert panel.checked_ids() == []  # nothing ticked before the user chooses
    panel.select_all.click()
    assert panel.checked_ids() == [old]
    answer = answer_modal("Anonymiser")
    panel.anonymise_checked()
    assert "Anonymiser 1 fiche(s)" in answer.text
    assert customers.get_customer(old).last_name == ""
    assert customers.get_customer(recent).last_name == "Recent"
    assert panel.model.rowCount() == 0


def test_figures_panel_shows_retention_and_basket_for_the_period(qtbot, context, add_customer):
    cid = add_customer(last_name="Roux")
    customers.add_purchase(cid, date.today() - timedelta(days=10), 3000)
    customers.add_purchase(cid, date.today() - timedelta(days=5), 5000)
    tab = make_tab(qtbot, context)
    with qtbot.waitSignal(tab.pages.currentChanged):
        tab.pages.setCurrentIndex(1)
    panel = tab._figures
    qtbot.waitUntil(lambda: panel.figures is not None, timeout=10000)
    assert panel.values["count"].text() == "1"
    assert panel.values["client"].text() == "1"
    assert panel.values["revenue"].text() == "80,00\u00a0€"
    assert panel.values["basket"].text() == "40,00\u00a0€"
    assert panel.values["purchases"].text() == "2"
    assert panel.top.item(0, 0).text() == "Roux"
    expected = customers.customer_figures(panel.period())
    assert expected.revenue_cents == 8000
    assert panel.period() == last_12_months(date.today())  # the preset shown first


def test_export_list_writes_the_filtered_customers_to_csv(qtbot, context, add_customer,
                                                          tmp_path, message_boxes):
    add_customer(last_name="Roux", city="Lyon")
    add_customer(last_name="=HYPERLINK()", city="Brest")
    tab = make_tab(qtbot, context)
    tab.place_filter.setText("Brest")
    tab.apply_query()
    target = tmp_path / "liste.csv"
    from rcdesk.ui.customers.export import export_list

    # The worker may finish before a waitSignal could connect: wait for its message instead
    # (the message's slot is connected before the worker starts).
    export_list(parent=tab, query=tab.model.query(), total=1, path=str(target))
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10000)
    text = target.read_text(encoding="utf-8-sig")
    assert "Roux" not in text
    assert "'=HYPERLINK()" in text
    assert message_boxes[-1][0] == "information"
    assert "1 fiche(s) exportée(s)" in message_boxes[-1][1]


def test_gdpr_export_writes_json_and_pdf(qtbot, context, add_customer, tmp_path, message_boxes):
    cid = add_customer(first_name="Anne", last_name="Roux", email="anne@exemple.fr")
    customers.add_purchase(cid, date(2025, 3, 2), 4990)
    written = operations.export_customer_data(parent=None, customer_id=cid,
                                              path=str(tmp_path / "anne.json"))
    payload = json.loads(written.read_text(encoding="utf-8"))
    assert payload["customer"]["email"] == "anne@exemple.fr"
    assert payload["purchases"][0]["amount_cents"] == 4990
    pdf = operations.export_customer_data(parent=None, customer_id=cid,
                                          path=str(tmp_path / "anne.pdf"))
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "anne@exemple.fr" in text
    assert [kind for kind, _text in message_boxes] == ["information", "information"]


def test_database_is_unchanged_by_opening_the_tab(qtbot, context, add_customer):
    add_customer(last_name="Roux")
    before = database_proxy.obj.execute_sql("SELECT count(*) FROM customer").fetchone()
    make_tab(qtbot, context)
    assert database_proxy.obj.execute_sql("SELECT count(*) FROM customer").fetchone() == before


def test_column_widths_and_sort_come_back_next_time(qtbot, context, add_customer):
    add_customer(last_name="Arnaud", city="Nantes")
    add_customer(last_name="Bernard", city="Angers")
    tab = make_tab(qtbot, context)
    city = tab.model.column_of("city")
    tab.table.horizontalHeader().resizeSection(city, 240)
    tab.table.sortByColumn(city, Qt.SortOrder.AscendingOrder)
    tab.hide()
    again = make_tab(qtbot, context)
    assert again.table.horizontalHeader().sectionSize(city) == 240
    assert again.model.query().sort == "city"
    assert shown_names(again) == ["Bernard", "Arnaud"]


def test_follow_ups_list_what_is_due_and_marking_one_done_removes_it(qtbot, context,
                                                                     add_customer, answer_modal):
    cid = add_customer(first_name="Anne", last_name="Roux")
    today = date.today()
    customers.add_interaction(cid, customers.InteractionData(
        at=datetime.combine(today - timedelta(days=5), datetime.min.time()),
        channel="téléphone", subject="Rappeler pour le devis", follow_up=today - timedelta(days=1)))
    customers.add_interaction(cid, customers.InteractionData(
        channel="e-mail", subject="Plus tard", follow_up=today + timedelta(days=10)))
    tab = make_tab(qtbot, context)
    tab.pages.setCurrentIndex(2)
    panel = tab._follow_ups
    assert panel.model.rowCount() == 1
    assert panel.model.text(0, 1) == "Anne Roux"
    assert panel.model.text(0, 2) == "Rappeler pour le devis"
    assert panel.count.text() == "1 relance(s) à faire"
    panel.table.selectRow(0)
    answer = answer_modal("Fermer")
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # Enter opens the customer's file
    assert answer.title == "Fiche client — Anne Roux"
    panel.mark_done()
    assert panel.model.rowCount() == 0
    assert customers.due_follow_ups(today) == []
