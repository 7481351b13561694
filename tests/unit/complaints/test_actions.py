"""Quality action plan: actions from complaints, 5M, overdue state, validation."""

from datetime import date, timedelta

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.models.actions import ActionComplaint, QualityAction
from rcdesk.services.actions import (
    ActionInput,
    actions_for_complaint,
    create_action,
    get_action,
    is_overdue,
    list_actions,
    update_action,
)
from rcdesk.services.complaints import ComplaintInput, get_complaint, register_complaint

TODAY = date.today()


def _complaint(customer):
    return register_complaint(ComplaintInput(customer_id=customer, description="Carton abîmé"))


def test_is_overdue_rule():
    today = date(2026, 11, 24)
    assert is_overdue(date(2026, 11, 20), 50, None, "", today)
    assert not is_overdue(date(2026, 11, 20), 100, None, "", today)
    assert not is_overdue(date(2026, 11, 30), 0, None, "", today)
    assert is_overdue(None, 100, date(2026, 11, 1), "", today)
    assert not is_overdue(None, 100, date(2026, 11, 1), "C", today)
    assert not is_overdue(None, 0, None, "", today)


def test_action_from_two_complaints_links_back(customer):
    a, b = _complaint(customer), _complaint(customer)
    aid = create_action(ActionInput(
        nc="Cartons écrasés à la livraison", causes_5m=["matériel", "méthode"],
        cause_analysis="Calage insuffisant", action="Nouveau calage carton",
        planned_date=TODAY + timedelta(days=10), documents="PRO-LIV-03", pilot="Julie Moreau",
        actors="Entrepôt", check_how="Contrôle de 20 colis", check_date=TODAY + timedelta(days=40),
        progress_pct=30), complaint_ids=[b.id, a.id, a.id])
    row = get_action(aid)
    assert row.complaint_numbers == [a.number, b.number]
    assert row.causes_5m == ["méthode", "matériel"]  # in the 5M order
    assert (row.progress_pct, row.progress_date, row.overdue) == (30, TODAY, False)
    assert [r.id for r in actions_for_complaint(a.id)] == [aid]
    assert get_complaint(a.id).timeline[-1].what.startswith(f"Action du plan qualité n° {aid}")


def test_overdue_actions_stand_out(customer):
    c = _complaint(customer)
    late = create_action(ActionInput(nc="NC", action="Former l'équipe", pilot="Karim",
                                     planned_date=TODAY - timedelta(days=3), progress_pct=60),
                         [c.id])
    create_action(ActionInput(origin="audit", nc="NC2", action="Affichage", pilot="Sophie",
                              planned_date=TODAY + timedelta(days=3)))
    assert [r.id for r in list_actions(only_overdue=True)] == [late]
    assert len(list_actions()) == 2
    update_action(late, ActionInput(nc="NC", action="Former l'équipe", pilot="Karim",
                                    planned_date=TODAY - timedelta(days=3), progress_pct=100,
                                    effect_date=TODAY, effect_result="C"))
    assert list_actions(only_overdue=True) == []
    assert get_action(late).complaint_numbers == [c.number]


@pytest.mark.parametrize("changes, field", [
    (dict(origin="rumeur"), "origin"),
    (dict(nc=""), "nc"),
    (dict(pilot=" "), "pilot"),
    (dict(progress_pct=120), "progress_pct"),
    (dict(progress_pct="50"), "progress_pct"),
    (dict(causes_5m=["météo"]), "causes_5m"),
    (dict(effect_result="OK"), "effect_result"),
    (dict(effect_result="C"), "effect_date"),
])
def test_bad_action_refused_and_nothing_written(customer, changes, field):
    c = _complaint(customer)
    values = dict(nc="NC", action="Action", pilot="Karim")
    values.update(changes)
    with pytest.raises(ValidationError) as err:
        create_action(ActionInput(**values), [c.id])
    assert err.value.field == field
    assert QualityAction.select().count() == 0
    assert ActionComplaint.select().count() == 0


def test_unknown_complaint_and_missing_link_refused(customer):
    with pytest.raises(ValidationError) as err:
        create_action(ActionInput(nc="NC", action="A", pilot="P"), [999])
    assert "Réclamation inconnue" in err.value.message
    with pytest.raises(ValidationError) as err:
        create_action(ActionInput(nc="NC", action="A", pilot="P"))
    assert err.value.field == "complaint_ids"
    assert QualityAction.select().count() == 0
