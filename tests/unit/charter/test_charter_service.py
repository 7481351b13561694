"""Commitments, readings and last values on both engines; bad input leaves nothing half-saved."""

from datetime import date

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.periods import Period
from rcdesk.models.charter import Commitment as CommitmentRow
from rcdesk.models.charter import CommitmentReading
from rcdesk.services.charter.commitments import (
    CommitmentInput,
    ReadingInput,
    add_commitment,
    add_reading,
    charter_summary,
    charter_warnings,
    delete_commitment,
    jargon_terms,
    last_measure,
    list_commitments,
    list_readings,
    move_commitment,
    reorder_commitments,
    set_jargon_terms,
    stats,
    update_commitment,
)
from rcdesk.services.indicators import clear_cache

ANSWER = CommitmentInput("Nous répondons à toute réclamation sous 5 jours ouvrés.",
                         indicator="Réclamations répondues sous 5 jours", target="95", unit="%",
                         owner="Qualité", review_date="31/12/2027")


def test_commitment_saved_with_parsed_target_and_default_comparison(database):
    saved = add_commitment(ANSWER)
    wait = add_commitment(CommitmentInput("Attente en caisse de 5 minutes au plus.",
                                          "Attente", target="4,5", unit="minutes"))
    assert [c.position for c in list_commitments()] == [1, 2]
    assert saved.target_value == 95.0 and saved.target_unit == "%"
    assert saved.comparison == "min"  # a rate is kept above its target
    assert wait.target_value == 4.5 and wait.comparison == "max"  # a delay is kept under it
    assert saved.review_date == date(2027, 12, 31)
    assert charter_summary().commitments == 2 and charter_summary().measurable == 2


@pytest.mark.parametrize("changes, field, text", [
    ({"wording": "   "}, "wording", "obligatoire"),
    ({"target": "beaucoup"}, "target", "« beaucoup » n'est pas un nombre"),
    ({"target": "-3", "unit": "jours ouvrés"}, "target", "ne peut pas être négative"),
    ({"target": "120", "unit": "%"}, "target", "ne peut pas dépasser 100"),
    ({"target": "50", "unit": ""}, "unit", "unité"),
    ({"unit": "semaines"}, "unit", "inconnue"),
    ({"review_date": "31/02/2027"}, "review_date", "Date invalide"),
    ({"source": "chiffre_affaires"}, "source", "inconnu"),
])
def test_bad_commitment_is_refused_in_french_and_nothing_saved(database, changes, field, text):
    data = CommitmentInput(**{**ANSWER.__dict__, **changes})
    with pytest.raises(ValidationError) as info:
        add_commitment(data)
    assert info.value.field == field
    assert text in info.value.message
    assert CommitmentRow.select().count() == 0


def test_nps_target_may_be_negative_but_not_below_minus_100(database):
    nps = add_commitment(CommitmentInput("Un NPS d'au moins -10 cette année.", "NPS",
                                         target="-10", unit="points"))
    assert nps.target_value == -10.0
    with pytest.raises(ValidationError):
        update_commitment(nps.id, CommitmentInput("NPS", "NPS", target="-150", unit="points"))
    assert list_commitments()[0].target_value == -10.0


def test_update_keeps_position_and_refused_update_changes_nothing(database):
    first = add_commitment(ANSWER)
    add_commitment(CommitmentInput("Rappel sous 24 heures.", "Rappels", "24", "heures"))
    changed = update_commitment(first.id, CommitmentInput(
        "Réponse sous 3 jours ouvrés.", "Réponses", "3", "jours ouvrés"))
    assert changed.position == 1 and changed.target_value == 3.0 and changed.comparison == "max"
    with pytest.raises(ValidationError):
        update_commitment(first.id, CommitmentInput("", "x", "abc", "%"))
    assert list_commitments()[0].wording == "Réponse sous 3 jours ouvrés."


def test_reorder_move_and_delete_renumber_the_charter(database):
    ids = [add_commitment(CommitmentInput(f"Engagement {n} sous 2 jours.", "i")).id
           for n in (1, 2, 3)]
    move_commitment(ids[2], -1)
    assert [c.wording[:12] for c in list_commitments()] == [
        "Engagement 1", "Engagement 3", "Engagement 2"]
    move_commitment(ids[0], -1)  # already first: stays
    assert list_commitments()[0].id == ids[0]
    reorder_commitments([ids[1], ids[0], ids[2]])
    assert [c.id for c in list_commitments()] == [ids[1], ids[0], ids[2]]
    with pytest.raises(ServiceError):
        reorder_commitments([ids[0], ids[0], ids[1]])
    add_reading(ids[0], ReadingInput("01/10/2026", "31/10/2026", "2"))
    delete_commitment(ids[0])
    assert [(c.id, c.position) for c in list_commitments()] == [(ids[1], 1), (ids[2], 2)]
    assert CommitmentReading.select().count() == 0


def test_readings_give_the_last_value_against_the_target(database):
    wait = add_commitment(CommitmentInput("Attente de 5 minutes au plus.", "Attente", "5",
                                          "minutes"))
    assert last_measure(wait).reason == "aucun relevé" and last_measure(wait).met is None
    add_reading(wait.id, ReadingInput(date(2026, 9, 1), date(2026, 9, 30), "4,2", "visite"))
    add_reading(wait.id, ReadingInput(date(2026, 10, 1), date(2026, 10, 31), 6.5))
    measure = last_measure(wait)
    assert measure.value == 6.5 and measure.met is False
    assert measure.period.end == date(2026, 10, 31)
    assert [r.value for r in list_readings(wait.id)] == [6.5, 4.2]
    assert list_readings(wait.id)[1].note == "visite"
    from rcdesk.services.charter.commitments import measure_text

    assert measure_text(wait, measure) == "6,5\u00a0minutes (octobre 2026)"


@pytest.mark.parametrize("reading, field, text", [
    (ReadingInput("31/10/2026", "01/10/2026", "4"), "period_end", "précède son début"),
    (ReadingInput("01/10/2026", "31/10/2026", "quatre"), "value", "n'est pas un nombre"),
    (ReadingInput("01/10/2026", "31/10/2026", ""), "value", "obligatoire"),
    (ReadingInput("", "31/10/2026", "4"), "period_start", "obligatoire"),
    (ReadingInput("01/10/2026", "31/10/2026", "-1"), "value", "négative"),
])
def test_bad_reading_is_refused_and_nothing_saved(database, reading, field, text):
    wait = add_commitment(CommitmentInput("Attente de 5 minutes au plus.", "Attente", "5",
                                          "minutes"))
    with pytest.raises(ValidationError) as info:
        add_reading(wait.id, reading)
    assert info.value.field == field and text in info.value.message
    assert CommitmentReading.select().count() == 0


def test_computed_indicator_reads_complaints_or_says_unavailable(database, monkeypatch):
    linked = add_commitment(CommitmentInput("Réponse sous 5 jours ouvrés.", "", "95", "%",
                                            source="complaints_in_time"))
    with pytest.raises(ServiceError):
        add_reading(linked.id, ReadingInput("01/10/2026", "31/10/2026", "90"))

    from rcdesk.services.complaints.indicators import ComplaintIndicators

    missing = last_measure(linked, date(2026, 11, 24))  # no complaint answered: no value, no 0
    assert (missing.value, missing.met) == (None, None)
    assert missing.reason == "aucune réclamation répondue sur la période"
    assert missing.period == Period(date(2026, 8, 27), date(2026, 11, 24))
    monkeypatch.setattr("rcdesk.services.complaints.area.headline_indicators",
                        lambda period: ComplaintIndicators(answered_in_time_pct=96.0))
    clear_cache()
    measure = last_measure(linked, date(2026, 11, 24))
    assert measure.value == 96.0 and measure.met is True
    assert measure.period.end == date(2026, 11, 24)
    from rcdesk.services.charter.commitments import measure_text

    assert measure_text(linked, measure) == \
        "96\u00a0% (90 derniers jours : 27/08/2026 – 24/11/2026)"
    assert measure_text(linked, missing) == "aucune réclamation répondue sur la période"


def test_an_indicator_no_area_declares_is_refused(database):
    """A key no area declares (a typo, an area not installed) cannot be followed."""
    with pytest.raises(ValidationError) as info:
        add_commitment(CommitmentInput("Un score d'au moins 40.", "", "40", "points",
                                       source="score_inconnu"))
    assert (info.value.field, info.value.message) == (
        "source", "Indicateur calculé inconnu : « score_inconnu »." )
    assert CommitmentRow.select().count() == 0


def test_eleven_commitments_and_jargon_list_edited(database):
    for n in range(11):
        add_commitment(CommitmentInput(f"Livraison sous {n + 1} jours.", "Délai"))
    check = charter_warnings(date(2026, 11, 24))
    assert [w.code for w in check.charter] == ["too_many"]
    assert "livraison" not in [t.lower() for t in jargon_terms()]
    assert set_jargon_terms(["Livraison", " livraison ", "", "express"]) == ["Livraison", "express"]
    check = charter_warnings(date(2026, 11, 24))
    assert all([w.code for w in ws] == ["jargon"] for ws in check.by_commitment)
    assert stats(None) == {"charter": {"commitments": 11, "measurable": 11, "warnings": 12}}


def test_same_period_twice_is_refused(database):
    wait = add_commitment(CommitmentInput("Attente de 5 minutes au plus.", "Attente", "5",
                                          "minutes"))
    add_reading(wait.id, ReadingInput("01/10/2026", "31/10/2026", "4"))
    with pytest.raises(ValidationError) as info:
        add_reading(wait.id, ReadingInput("01/10/2026", "31/10/2026", "3"))
    assert "existe déjà" in info.value.message
    assert [r.value for r in list_readings(wait.id)] == [4.0]


def test_compliance_counts_met_periods_of_a_computed_indicator(database, monkeypatch):
    from rcdesk.core.periods import Period
    from rcdesk.services.charter.compliance import charter_compliance

    values = {9: 96.0, 10: 80.0, 11: None}

    from rcdesk.services.complaints.indicators import ComplaintIndicators

    monkeypatch.setattr(
        "rcdesk.services.complaints.area.headline_indicators",
        lambda period: ComplaintIndicators(mean_answer_working_days=values[period.start.month]))
    add_commitment(CommitmentInput("Réponse en 4 jours ouvrés en moyenne.", "", "4",
                                   source="mean_answer_days"))
    period, [item] = charter_compliance(Period(date(2026, 9, 1), date(2026, 11, 24)))
    assert item.commitment.target_unit == "jours ouvrés" and item.commitment.comparison == "max"
    assert [r.period.start.month for r in item.rows] == [9, 10, 11]
    assert [r.met for r in item.rows] == [False, False, None]
    assert item.rows[2].reason == "aucune réclamation répondue sur la période"
    values.update({9: 3.5, 10: 4.0})
    clear_cache()  # the values changed behind the registry's back (no write to the database)
    _, [item] = charter_compliance(Period(date(2026, 9, 1), date(2026, 11, 24)))
    assert (item.met, item.measured, item.rate) == (2, 2, 100.0)
