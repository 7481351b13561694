"""Dates outside 1900-2100 are refused with a French message wherever a date enters rcdesk:
typed text, the command line and every service that stores a date (both engines)."""

from datetime import date, datetime

import pytest

from rcdesk.cli import main
from rcdesk.core.dates import MAX_DATE, MIN_DATE
from rcdesk.core.errors import ValidationError
from rcdesk.core.formatting import parse_user_date
from rcdesk.models.actions import QualityAction
from rcdesk.models.assessment import Assessment
from rcdesk.models.charter import CommitmentReading
from rcdesk.models.complaints import Complaint
from rcdesk.models.customers import Customer, Interaction, Purchase

YEAR_1, YEAR_9999 = date(1, 1, 1), date(9999, 12, 31)
OUT = "Date hors limites"


@pytest.mark.parametrize("text", ["01/01/0001", "0001-01-01", "31/12/9999", "9999-12-31",
                                  "31/12/1899", "01/01/2101", "1.1.0001"])
def test_typed_dates_outside_1900_2100_are_refused_in_french(text):
    with pytest.raises(ValueError, match=f"{OUT} : .* du 01/01/1900 au 31/12/2100"):
        parse_user_date(text)


def test_typed_dates_at_the_bounds_are_accepted():
    assert parse_user_date("01/01/1900") == MIN_DATE
    assert parse_user_date("2100-12-31") == MAX_DATE


@pytest.mark.parametrize("argv", [
    ["stats", "--json", "--from", "01/01/0001", "--to", "31/12/0001"],
    ["stats", "--json", "--from", "31/12/9999"],
    ["report", "complaints", "--from", "0001-01-01", "--to", "0001-12-31", "-o", "r.pdf"],
    ["report", "complaints", "--to", "9999-12-31", "-o", "r.pdf"],
])
def test_command_line_periods_outside_the_range_exit_2(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    from rcdesk.db import close_database, open_database

    open_database(tmp_path / "x.db")  # reading commands refuse a missing file: make one
    close_database()
    status = main(["--db", str(tmp_path / "x.db"), *argv])
    err = capsys.readouterr().err
    assert status == 2
    assert OUT in err and "Traceback" not in err
    assert not (tmp_path / "r.pdf").exists()


@pytest.fixture
def customer(database):
    from rcdesk.services.customers import CustomerData, create_customer
    from rcdesk.services.settings import CompanyProfile, save_company

    save_company(CompanyProfile(name="Maison Test", country="FR", currency="EUR",
                                complaint_deadline_days=5))
    return create_customer(CustomerData(first_name="Hélène", last_name="Dupont"))


def _refused(field: str, call, *args, message: str = OUT, **kwargs) -> None:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    assert info.value.field == field
    assert message in info.value.message


@pytest.mark.parametrize("day", [YEAR_1, YEAR_9999, date(1899, 12, 31)])
def test_customer_dates(customer, day):
    from rcdesk.services.customers import CustomerData, create_customer, validate_customer

    _refused("birth_date", validate_customer, CustomerData(last_name="X", birth_date=day),
             message="après 1900")  # the birth date's own, narrower rule
    _refused("consent_date", create_customer, CustomerData(last_name="X", consent_date=day))
    assert Customer.select().count() == 1


@pytest.mark.parametrize("day", [YEAR_1, YEAR_9999])
def test_purchase_and_interaction_dates(customer, day):
    from rcdesk.services.customers import InteractionData, add_interaction, add_purchase

    _refused("date", add_purchase, customer, day, 1000)
    _refused("follow_up", add_interaction, customer,
             InteractionData(channel="téléphone", subject="Appel", follow_up=day))
    _refused("at", add_interaction, customer,
             InteractionData(at=datetime.combine(day, datetime.min.time()),
                             channel="téléphone", subject="Appel"))
    assert Purchase.select().count() == Interaction.select().count() == 0


@pytest.mark.parametrize("day", [YEAR_1, YEAR_9999])
def test_complaint_received_date(customer, day):
    from rcdesk.services.complaints import ComplaintInput, register_complaint

    data = ComplaintInput(customer_id=customer, description="Théière fêlée")
    _refused("received_on", register_complaint, data, received_on=day)
    _refused("received_on", register_complaint, data,
             received_at=datetime.combine(day, datetime.min.time()))
    assert Complaint.select().count() == 0


@pytest.mark.parametrize("field", ["planned_date", "check_date", "progress_date",
                                   "effect_date"])
def test_action_dates(customer, field):
    from rcdesk.services.actions import ActionInput, create_action

    for day in (YEAR_1, YEAR_9999):
        values = {field: day, "effect_result": "C" if field == "effect_date" else ""}
        _refused(field, create_action, ActionInput(origin="audit", nc="NC", action="Former",
                                                   pilot="Karim", **values))
    assert QualityAction.select().count() == 0


@pytest.mark.parametrize("day", [YEAR_1, YEAR_9999, "01/01/0001", "31/12/9999"])
def test_charter_review_and_reading_dates(database, day):
    from rcdesk.services.charter.commitments import (
        CommitmentInput,
        ReadingInput,
        add_commitment,
        add_reading,
    )

    _refused("review_date", add_commitment, CommitmentInput("Nous répondons sous 48 h.",
                                                            review_date=day))
    commitment = add_commitment(CommitmentInput("Accueil souriant", target="90", unit="%"))
    _refused("period_start", add_reading, commitment.id,
             ReadingInput(day, date(2026, 1, 31), "95"))
    _refused("period_end", add_reading, commitment.id,
             ReadingInput(date(2026, 1, 1), day, "95"))
    assert CommitmentReading.select().count() == 0


@pytest.mark.parametrize("day", [YEAR_1, date(1899, 12, 31), "01/01/0001"])
def test_assessment_date(database, day):
    from rcdesk.services.assessment import AssessmentInput, save_assessment

    _refused("date", save_assessment, AssessmentInput(scores=[5] * 8, date=day))
    assert Assessment.select().count() == 0
