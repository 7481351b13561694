"""The Fidélité tab: scan + Entrée opens the card, a purchase from the keyboard, the list."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from rcdesk.core.loyalty import add_months
from rcdesk.models.customers import Customer
from rcdesk.models.loyalty import LoyaltyCard
from rcdesk.services.customers.search import phone_search_forms
from rcdesk.services.loyalty.cards import issue_card
from rcdesk.services.loyalty.counter import record_purchase
from rcdesk.ui.context import AppContext
from rcdesk.ui.loyalty import LoyaltyTab


def test_scan_enter_then_purchase(qtbot, sqlite_database):
    cid = Customer.insert(first_name="Marc", last_name="Delattre", phone="+33612480917",
                          status="client", sort_name="delattre marc", consent=True).execute()
    today = date.today()
    # a 12-month card that expired two weeks ago: in its 30-day grace period today (TP1)
    number = issue_card(cid, add_months(today - timedelta(days=14), -12))
    card = LoyaltyCard.get(LoyaltyCard.number == number)
    assert 0 < (today - card.expires_on).days < 30  # (month ends: 13 to 16 days)
    record_purchase(card.id, 34000, card.expires_on - timedelta(days=100))
    tab = LoyaltyTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    counter = tab.counter
    qtbot.keyClicks(counter.lookup_edit, number)  # what a scanner types
    qtbot.keyClick(counter.lookup_edit, Qt.Key.Key_Return)
    assert "Marc Delattre" in counter.title.text()
    assert counter.sentence.text().startswith("« Vous avez 340 points")
    assert tab.focusWidget() is counter.amount
    qtbot.keyClicks(counter.amount, "12,50")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    assert counter.result.text().startswith("12 points gagnés.")
    assert "Vous avez 352 points" in counter.sentence.text()
    # a typo in the number: said, nothing opened
    counter.lookup_edit.setText(number[:-1] + str((int(number[-1]) + 1) % 10))
    qtbot.keyClick(counter.lookup_edit, Qt.Key.Key_Return)
    assert "chiffre de contrôle faux" in counter.error.text()
    assert counter.error.isVisible()
    # a customer without card found by name: Entrée issues one
    Customer.insert(first_name="Léa", last_name="Roy", phone="+33611223344", status="client",
                    sort_name="roy lea", search_phones=phone_search_forms("+33611223344")
                    ).execute()
    counter.lookup_edit.setText("Roy")
    qtbot.keyClick(counter.lookup_edit, Qt.Key.Key_Return)
    assert counter.hits.count() == 1 and "pas de carte" in counter.hits.item(0).text()
    qtbot.keyClick(counter.hits, Qt.Key.Key_Return)
    assert "Léa Roy" in counter.title.text()
    assert counter.result.text().startswith("Carte 29")
    counter.lookup_edit.setText("Personne Inconnue")
    qtbot.keyClick(counter.lookup_edit, Qt.Key.Key_Return)
    assert "Aucune carte ni aucun client" in counter.error.text()
    tab.pages.setCurrentWidget(tab.reminders)
    model = tab.reminders.table.model()
    assert model.rowCount() == 1
    texts = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    expired, until = (card.expires_on.strftime("%d/%m/%Y"),
                      (card.expires_on + timedelta(days=30)).strftime("%d/%m/%Y"))
    assert texts == [
        until, number, "Marc Delattre", "oui",
        f"carte expirée le {expired}, renouvelable jusqu'au {until} sans perdre ses points"
        " ; 352 points : de quoi obtenir 3 bon(s) de 10,00\u00a0€"]
    assert model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole) == texts[4]
    assert "1 carte(s) à relancer, dont 1 client(s)" in tab.reminders.summary.text()


def test_profitability_page_shows_the_table_and_the_chart(qtbot, sqlite_database):
    from rcdesk.models.customers import Purchase

    cid = Customer.insert(first_name="Marc", last_name="Delattre", status="client",
                          sort_name="delattre marc").execute()
    other = Customer.insert(first_name="Léa", last_name="Roy", status="client",
                            sort_name="roy lea").execute()
    # the page opens on the last 12 months to today: the card and purchases fall inside them
    bought = date.today() - timedelta(days=30)
    issue_card(cid, bought - timedelta(days=30))
    Purchase.insert(customer=cid, date=bought, amount_cents=30000).execute()
    Purchase.insert(customer=other, date=bought, amount_cents=10000).execute()
    tab = LoyaltyTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentWidget(tab.profitability)
    view = tab.profitability
    assert view.table.item(2, 0).text() == "CA supplémentaire"
    assert view.table.item(2, 1).text() == "200,00\u00a0€"
    assert [b[1] for b in view.chart.bars][0] == 20000


def test_programme_page_saves_a_version_from_its_date(qtbot, sqlite_database):
    from rcdesk.services.loyalty.programme import programme_at
    from rcdesk.ui.forms import to_qdate

    tab = LoyaltyTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    view = tab.programme
    assert view.tiers_edit.text() == "Bronze:0:0; Argent:500:3; Or:1500:5"
    view.spins["grace_days"].setValue(45)
    view.tiers_edit.setText("Membre:0:0; VIP:300:4,5")
    view.valid_from.setDate(to_qdate(date(2026, 6, 1)))
    view.save()
    assert view.error.text() == ""
    p = programme_at(date(2026, 6, 1))
    assert p.grace_days == 45 and [t.name for t in p.tiers] == ["Membre", "VIP"]
    assert p.tiers[1].discount_pct == 4.5
    assert programme_at(date(2026, 5, 31)).grace_days == 30
    view.tiers_edit.setText("VIP:300")
    view.save()
    assert "Palier illisible" in view.error.text() and not view.error.isHidden()


def test_card_screen_shows_the_ledger_history_and_all_of_it(qtbot, sqlite_database):
    from rcdesk.services.loyalty.counter import redeem
    from rcdesk.services.loyalty.ledger import adjust, opening_balance
    from rcdesk.ui.loyalty.counter import LedgerDialog

    cid = Customer.insert(first_name="Marc", last_name="Delattre", phone="+33612480917",
                          status="client", sort_name="delattre marc").execute()
    card = LoyaltyCard.get(LoyaltyCard.number == issue_card(cid, date(2026, 1, 5)))
    opening_balance(card.id, 120, date(2026, 1, 5), "carte papier")
    for day in range(1, 10):
        record_purchase(card.id, 1000 * day, date(2026, 2, day), reference=f"T-{day}")
    redeem(card.id, date(2026, 2, 20))
    adjust(card.id, -5, "geste annulé", date(2026, 2, 21))
    tab = LoyaltyTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    tab.show()
    counter = tab.counter
    counter.open_card(card.id)
    history = counter.history
    assert history.rowCount() == 8  # the last eight of twelve
    assert [history.item(0, c).text() for c in range(5)][:4] == [
        "21/02/2026", "Ajustement", "-5", "geste annulé"]
    assert [history.item(1, c).text() for c in range(3)] == ["20/02/2026", "Bon émis", "-100"]
    assert [history.item(2, c).text() for c in range(4)] == ["09/02/2026", "Achat", "+90",
                                                             "achat T-9"]
    assert counter.history_label.text() == "8 dernière(s) opération(s) sur 12."
    assert counter.history_button.isEnabled()
    dialog = LedgerDialog(card.id, counter.title.text(), counter)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 12 == model.total()
    assert model.data(model.index(11, 1)) == "Solde d'ouverture"
    assert model.data(model.index(11, 2)) == "+120"
    dialog.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # by points, in SQL
    assert [model.data(model.index(r, 2)) for r in (0, 11)] == ["+120", "-100"]
    counter.open_card(LoyaltyCard.get(LoyaltyCard.number == issue_card(
        Customer.insert(first_name="Léa", last_name="Roy", status="client",
                        sort_name="roy lea").execute(), date(2026, 3, 1))).id)
    assert counter.history.rowCount() == 0
    assert counter.history_label.text() == "Aucune opération."
    assert not counter.history_button.isEnabled()
