"""Evidence beside the self-scores, from what rcdesk holds: a hint, never a score.

Each area is read only when it exists (charter, complaints, surveys, loyalty arrive in their
own issues), so a missing area reads as "aucune donnée" instead of failing."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module

from rcdesk.core.formatting import format_number, format_percent

NO_DATA = "aucune donnée dans rcdesk"
NOT_OWN = ("Les données de rcdesk décrivent votre propre entreprise : pas d'indice pour une "
           "organisation cliente.")


@dataclass(frozen=True)
class EvidenceHint:
    theme: int
    text: str  # one French sentence shown beside the score
    has_data: bool


def _module(name: str):
    """The module if that area exists in this installation, else None."""
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except (ImportError, ValueError):
        return None
    return import_module(name)


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{format_number(count, 0)} {singular if count < 2 else plural}"


# --- one function per theme --------------------------------------------------------------


def charter_hint() -> EvidenceHint:
    """Theme 1: the charter's commitments, and how many are measurable (a target figure)."""
    charter = _module("rcdesk.services.charter")
    summary = getattr(charter, "charter_summary", None) if charter else None
    if summary is not None:  # the charter area's own rule of "measurable"
        data = summary()
        count, measurable = int(data.commitments), int(data.measurable)
    else:
        models = _module("rcdesk.models.charter")
        commitment = getattr(models, "Commitment", None) if models else None
        target = getattr(commitment, "target_value", None)
        if commitment is None or target is None:
            return EvidenceHint(1, f"Charte d'engagements : {NO_DATA}.", False)
        count = commitment.select().count()
        measurable = commitment.select().where(target.is_null(False)).count()
    if not count:
        return EvidenceHint(1, "Charte d'engagements : aucun engagement enregistré.", False)
    return EvidenceHint(1, f"Charte d'engagements : {_plural(count, 'engagement', 'engagements')}"
                           f", dont {format_number(measurable, 0)} mesurable"
                           f"{'s' if measurable > 1 else ''}.", True)


def contact_points_hint() -> EvidenceHint:
    """Theme 2: the channels seen in the recorded interactions (points of contact)."""
    from rcdesk.models.customers import Interaction

    channels = [name for (name,) in Interaction.select(Interaction.channel)
                .where(Interaction.channel != "").distinct().order_by(Interaction.channel).tuples()]
    if not channels:
        return EvidenceHint(2, f"Points de contact : {NO_DATA} (aucune interaction avec un "
                               "canal).", False)
    return EvidenceHint(2, f"Points de contact : {_plural(len(channels), 'canal', 'canaux')} "
                           f"dans les interactions ({', '.join(channels)}).", True)


def survey_hint() -> EvidenceHint:
    """Theme 4: survey answers of the last 12 months and the last NPS (when surveys exist)."""
    surveys = _module("rcdesk.services.surveys")
    summary = getattr(surveys, "evidence_summary", None) if surveys else None
    if summary is None:
        return EvidenceHint(4, f"Enquêtes de satisfaction : {NO_DATA}.", False)
    data = summary()
    answers, nps = int(data.get("answers_12_months", 0)), data.get("last_nps")
    text = f"Enquêtes : {_plural(answers, 'réponse', 'réponses')} sur les 12 derniers mois"
    if nps is not None:
        text += f", dernier NPS {format_number(nps, 0)}"
    return EvidenceHint(4, text + ".", bool(answers))


def customer_file_hint() -> EvidenceHint:
    """Theme 5: customers whose record is complete (identity, e-mail or phone, full address)."""
    from rcdesk.models.customers import Customer

    alive = Customer.select().where(Customer.anonymised_at.is_null())
    total = alive.count()
    if not total:
        return EvidenceHint(5, f"Fichier client : {NO_DATA} (aucun client).", False)
    complete = alive.where(
        ((Customer.last_name != "") | (Customer.company_name != ""))
        & ((Customer.email != "") | (Customer.phone != ""))
        & (Customer.address != "") & (Customer.postal_code != "") & (Customer.city != "")).count()
    share = format_percent(100.0 * complete / total, 0)
    return EvidenceHint(5, f"Fichier client : {format_number(complete, 0)} fiche(s) complète(s) "
                           f"sur {format_number(total, 0)} ({share}).", True)


def complaints_hint(today: date | None = None) -> EvidenceHint:
    """Theme 7: complaints recorded, and those of the last 12 months."""
    models = _module("rcdesk.models.complaints")
    complaint = getattr(models, "Complaint", None) if models else None
    if complaint is None:
        return EvidenceHint(7, f"Réclamations : {NO_DATA}.", False)
    total = complaint.select().count()
    if not total:
        return EvidenceHint(7, "Réclamations : aucune réclamation enregistrée.", False)
    text = f"Réclamations : {_plural(total, 'enregistrée', 'enregistrées')}"
    received = getattr(complaint, "received_on", None)
    if received is not None:
        since = (today or date.today()) - timedelta(days=365)
        recent = complaint.select().where(received >= since).count()
        text += f", dont {format_number(recent, 0)} sur les 12 derniers mois"
    return EvidenceHint(7, text + ".", True)


def loyalty_hint() -> EvidenceHint:
    """Theme 8: active loyalty cards (when the loyalty area exists)."""
    loyalty = _module("rcdesk.services.loyalty")
    summary = getattr(loyalty, "evidence_summary", None) if loyalty else None
    if summary is None:
        return EvidenceHint(8, f"Cartes de fidélité : {NO_DATA}.", False)
    cards = int(summary().get("active_cards", 0))
    return EvidenceHint(8, f"Cartes de fidélité : {_plural(cards, 'carte active', 'cartes actives')}.",
                        bool(cards))


HINTS = (charter_hint, contact_points_hint, survey_hint, customer_file_hint, complaints_hint,
         loyalty_hint)


def evidence_hints(is_own: bool = True) -> dict[int, EvidenceHint]:
    """Theme -> hint. Only the own company has data in rcdesk; a client organisation gets none."""
    if not is_own:
        return {}
    hints = {}
    for function in HINTS:
        hint = function()
        hints[hint.theme] = hint
    return hints
