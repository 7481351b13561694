"""Purchases and interactions corrected and deleted, the history of it, refunds (avoirs)."""

from datetime import date, datetime, timedelta

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.periods import Period
from rcdesk.models.customers import Customer, CustomerEvent
from rcdesk.services.complaints import ComplaintInput, complaint_indicators, register_complaint
from rcdesk.services.complaints.rules import complaint_rate
from rcdesk.services.customers import (
    CustomerData,
    InteractionData,
    add_interaction,
    add_purchase,
    create_customer,
    customer_figures,
    customer_history,
    delete_purchase,
    get_customer,
    is_refund,
    list_interactions,
    list_purchases,
    update_purchase,
)
from rcdesk.services.last_contact import delete_interaction, update_interaction
from rcdesk.services.settings import (
    CompanyProfile,
    ensure_operator,
    save_company,
    set_current_operator,
)


@pytest.fixture
def helene(database):
    save_company(CompanyProfile(name="Maison Lambert", country="FR", currency="EUR"))
    ensure_operator("sophie.m", "Sophie Martin")
    set_current_operator("sophie.m")
    return create_customer(CustomerData(first_name="Hélène", last_name="Dupont"))


def test_purchase_corrected_with_who_and_when_in_the_history(helene):
    pid = add_purchase(helene, date(2026, 1, 5), 1250, "comptoir", "T-001")
    before = datetime.utcnow().replace(microsecond=0)
    update_purchase(pid, date(2026, 1, 5), 2150, "comptoir", "T-001")
    assert [(p.amount_cents, p.reference) for p in list_purchases(helene)] == [(2150, "T-001")]
    [line] = customer_history(helene)
    assert line.who == "Sophie Martin"  # the name, never the login
    assert line.what == "Achat du 05/01/2026 (12,50\u00a0€) corrigé : montant 12,50\u00a0€ → " \
                        "21,50\u00a0€"
    assert before - timedelta(seconds=1) <= line.at <= datetime.utcnow()


def test_purchase_correction_is_validated_before_anything_is_written(helene):
    pid = add_purchase(helene, date(2026, 1, 5), 1250)
    with pytest.raises(ValidationError):
        update_purchase(pid, date.today() + timedelta(days=3), 1250)
    assert [p.date for p in list_purchases(helene)] == [date(2026, 1, 5)]
    assert customer_history(helene) == []


def test_purchase_deleted_leaves_a_line_and_unknown_ids_are_refused(helene):
    pid = add_purchase(helene, date(2026, 1, 5), 4990, reference="T-002")
    delete_purchase(pid)
    assert list_purchases(helene) == []
    assert customer_history(helene)[0].what == \
        "Achat du 05/01/2026 (49,90\u00a0€) supprimé (référence « T-002 »)"
    with pytest.raises(ServiceError, match="n'existe pas"):
        delete_purchase(pid)
    with pytest.raises(ServiceError, match="n'existe pas"):
        update_purchase(pid, date(2026, 1, 5), 1)


def test_interaction_corrected_and_deleted_moves_last_contact(helene):
    first = add_interaction(helene, InteractionData(
        at=datetime(2025, 3, 1, 10, 0), channel="téléphone", subject="Devis"))
    typo = add_interaction(helene, InteractionData(
        at=datetime(2027 - 1, 1, 20, 9, 0), channel="e-mail", subject="Relance"))
    assert Customer.get_by_id(helene).last_contact == datetime(2026, 1, 20, 9, 0)
    update_interaction(typo, InteractionData(at=datetime(2025, 1, 20, 9, 0), channel="e-mail",
                                             subject="Relance", step="information"))
    assert Customer.get_by_id(helene).last_contact == datetime(2025, 3, 1, 10, 0)
    assert [i.step for i in list_interactions(helene)] == ["", "information"]
    delete_interaction(first)
    assert Customer.get_by_id(helene).last_contact == datetime(2025, 1, 20, 9, 0)
    whats = [line.what for line in customer_history(helene)]
    assert "Interaction du 01/03/2025 (téléphone) supprimée" in whats
    assert "Interaction du 20/01/2026 (e-mail) corrigée (date → 20/01/2025)" in whats


def test_history_goes_with_a_gdpr_erasure(helene):
    from rcdesk.services.gdpr import anonymise_customer

    update_purchase(add_purchase(helene, date(2026, 1, 5), 100), date(2026, 1, 5), 200)
    anonymise_customer(helene)
    assert CustomerEvent.select().where(CustomerEvent.customer == helene).count() == 0


def test_seed_complaint_rate_and_refunds_that_are_not_transactions(helene):
    """M303: 10 complaints for 500 transactions -> 2 %; 20 refunds (avoirs) that month change
    the revenue, not the transactions."""
    assert complaint_rate(10, 500) == 2.0
    assert is_refund(-1500) and not is_refund(0) and not is_refund(1500)
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    from rcdesk.models.customers import Purchase

    Purchase.insert_many([{"customer": helene, "date": date(2026, 3, 10), "amount_cents": 4000}
                          for _ in range(500)]).execute()
    Purchase.insert_many([{"customer": helene, "date": date(2026, 3, 12), "amount_cents": -1000}
                          for _ in range(20)]).execute()
    for _ in range(10):
        register_complaint(ComplaintInput(walk_in_name="Jean Martin", walk_in_contact="0611223344",
                                          description="x"), received_on=date(2026, 3, 2))
    ind = complaint_indicators(march)
    assert ind.transactions == 500
    assert ind.rate_pct == 2.0
    assert ind.revenue_cents == 500 * 4000 - 20 * 1000
    figures = customer_figures(march)
    assert figures.purchases_count == 500
    assert figures.revenue_cents == 1_980_000


def test_a_refund_is_entered_as_a_negative_purchase(helene):
    add_purchase(helene, date(2026, 1, 5), 4990)
    pid = add_purchase(helene, date(2026, 1, 9), -4990, reference="AV-001")
    assert [p.amount_cents for p in list_purchases(helene)] == [-4990, 4990]
    delete_purchase(pid)
    assert customer_history(helene)[0].what.startswith("Avoir du 09/01/2026 (")
    assert get_customer(helene).status == "client"


def test_complaints_move_last_contact_forward_and_never_back(helene):
    from rcdesk.services.complaints import AnswerInput, Qualification, qualify, record_answer

    Customer.update(last_contact=datetime(2026, 1, 1, 8, 0)).where(
        Customer.id == helene).execute()
    s = register_complaint(ComplaintInput(customer_id=helene, description="Tasse fêlée"),
                           received_on=date(2026, 3, 2))
    assert Customer.get_by_id(helene).last_contact == datetime(2026, 3, 2, 9, 0)
    qualify(s.id, Qualification(1, "bonne foi", True))
    record_answer(s.id, AnswerInput("Échange en magasin", date(2026, 3, 5), "échange", 0))
    assert Customer.get_by_id(helene).last_contact == datetime(2026, 3, 5, 0, 0)
    register_complaint(ComplaintInput(customer_id=helene, description="Ancienne"),
                       received_on=date(2025, 6, 1))
    assert Customer.get_by_id(helene).last_contact == datetime(2026, 3, 5, 0, 0)


def test_purge_list_skips_customers_kept_by_a_complaint(database):
    from rcdesk.services.complaints import AnswerInput, Qualification, qualify, record_answer
    from rcdesk.services.complaints import close as close_complaint
    from rcdesk.services.gdpr import purge_candidates

    save_company(CompanyProfile(name="Maison Lambert", country="FR", currency="EUR"))
    today = date(2026, 11, 29)
    long_ago = datetime(2022, 1, 10, 9, 0)
    ids = {name: create_customer(CustomerData(last_name=name, status="prospect"))
           for name in ("Silencieux", "Ouverte", "Récente", "Close")}
    open_one = register_complaint(ComplaintInput(customer_id=ids["Ouverte"], description="x"),
                                  received_on=date(2022, 1, 10))
    assert open_one
    register_complaint(ComplaintInput(customer_id=ids["Récente"], description="x"),
                       received_on=date(2025, 2, 1))
    closed = register_complaint(ComplaintInput(customer_id=ids["Close"], description="x"),
                                received_on=date(2022, 1, 10))
    qualify(closed.id, Qualification(1, "bonne foi", True))
    record_answer(closed.id, AnswerInput("Réponse", date(2022, 1, 12), "aucune", 0))
    close_complaint(closed.id, date(2022, 1, 12), "sans réponse")
    # an old file: « Dernier contact » was never kept up to date by complaints
    Customer.update(created_at=long_ago, last_contact=long_ago).execute()
    names = [c.name for c in purge_candidates(3, today=today)]
    assert sorted(names) == ["Close", "Silencieux"]
