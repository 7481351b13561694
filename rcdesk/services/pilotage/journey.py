"""The customer journey (parcours client): the company's steps in order, their points of
contact (human or not, the channel for each customer type, moments of truth), and the map of a
period: contacts and complaints (irritants) per step, the weakest step standing out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_number
from rcdesk.core.periods import Period
from rcdesk.core.text import clean_text
from rcdesk.models.base import write_transaction
from rcdesk.models.complaints import Complaint
from rcdesk.models.customers import Interaction
from rcdesk.models.pilotage import ContactPoint, JourneyStep
from rcdesk.models.surveys import SurveyQuestion
from rcdesk.services.complaints import journey as complaint_steps
from rcdesk.services.customers import journey_steps as interaction_steps
from rcdesk.services.surveys import journey as criterion_steps

DEFAULT_STEPS = ("découverte", "information", "devis", "commande", "livraison", "utilisation",
                 "SAV", "fidélisation")
HUMAN_CONTACTS = ("accueil", "vendeur", "livreur", "téléphone")
OTHER_CONTACTS = ("e-mail", "site web", "SMS", "publicité", "réseaux sociaux")
TOP_CATEGORIES = 3


@dataclass(frozen=True)
class Contact:
    id: int
    step_id: int
    name: str
    human: bool
    channel_particulier: str
    channel_professionnel: str
    moment_of_truth: bool


@dataclass(frozen=True)
class Step:
    id: int
    name: str
    position: int
    description: str
    contacts: tuple[Contact, ...] = ()

    @property
    def moment_of_truth(self) -> bool:
        return any(c.moment_of_truth for c in self.contacts)


@dataclass
class ContactInput:
    name: str
    human: bool = True
    channel_particulier: str = ""
    channel_professionnel: str = ""
    moment_of_truth: bool = False


@dataclass(frozen=True)
class StepMap:
    step: Step
    contacts: int  # interactions recorded at this step in the period
    complaints: int
    top_categories: list[tuple[str, int]] = field(default_factory=list)
    irritant_pct: float | None = None  # complaints per 100 contacts (None without contacts)
    weakest: bool = False
    # mean satisfaction of the survey criteria attached to the step (% of their scale) over
    # the period's answers, and how many answers; None without any
    satisfaction: float | None = None
    satisfaction_answers: int = 0
    least_satisfying: bool = False  # the lowest satisfaction of the steps that have one

    @property
    def satisfaction_text(self) -> str:
        """"62 % (24 réponses)"; "—" without answers to its criteria."""
        if self.satisfaction is None:
            return "—"
        return (f"{format_number(round(self.satisfaction), 0)}\u00a0% "
                f"({format_number(self.satisfaction_answers, 0)} réponse"
                f"{'s' if self.satisfaction_answers > 1 else ''})")


@dataclass(frozen=True)
class JourneyMap:
    period: Period
    steps: list[StepMap]
    unassigned_contacts: int  # interactions without a step of the journey
    unassigned_complaints: int


def _name(value: str, what: str = "Le nom de l'étape") -> str:
    text = " ".join(clean_text(value or "", multiline=False).split())
    if not text:
        raise ValidationError("name", f"{what} est obligatoire.")
    if len(text) > 100:
        raise ValidationError("name", f"{what} dépasse 100 caractères.")
    return text


def list_steps() -> list[Step]:
    contacts: dict[int, list[Contact]] = {}
    for c in ContactPoint.select().order_by(ContactPoint.position, ContactPoint.id):
        contacts.setdefault(c.step_id, []).append(Contact(
            c.id, c.step_id, c.name, c.human, c.channel_particulier, c.channel_professionnel,
            c.moment_of_truth))
    return [Step(s.id, s.name, s.position, s.description, tuple(contacts.get(s.id, ())))
            for s in JourneyStep.select().order_by(JourneyStep.position, JourneyStep.id)]


def step_names() -> list[str]:
    return [s.name for s in list_steps()]


def offered_step_names() -> list[str]:
    """The steps the complaint and interaction forms offer: the company's journey as edited
    in Pilotage ▸ Parcours client, or the default journey while none is set."""
    return step_names() or list(DEFAULT_STEPS)


def _get(step_id: int) -> JourneyStep:
    row = JourneyStep.get_or_none(JourneyStep.id == step_id)
    if row is None:
        raise ServiceError("Cette étape du parcours n'existe plus.")
    return row


def _check_unique(name: str, step_id: int | None = None) -> None:
    for row in JourneyStep.select(JourneyStep.id, JourneyStep.name):
        if row.name.casefold() == name.casefold() and row.id != step_id:
            raise ValidationError("name", f"L'étape « {row.name} » existe déjà.")


def add_step(name: str, description: str = "") -> Step:
    """Append a step at the end of the journey."""
    name = _name(name)
    with write_transaction(JourneyStep):
        _check_unique(name)
        last = JourneyStep.select(JourneyStep.position).order_by(
            JourneyStep.position.desc()).limit(1).scalar()
        row = JourneyStep.create(name=name, position=(last + 1) if last is not None else 0,
                                 description=clean_text(description or "").strip())
    return next(s for s in list_steps() if s.id == row.id)


def rename_step(step_id: int, name: str, description: str | None = None) -> Step:
    """Rename a step; the interactions, complaints and survey criteria that carry it follow
    (one transaction)."""
    name = _name(name)
    with write_transaction(JourneyStep, Interaction, Complaint, SurveyQuestion):
        row = _get(step_id)
        _check_unique(name, step_id)
        if row.name != name:
            interaction_steps.rename_interaction_step(row.name, name)
            complaint_steps.rename_journey_step(row.name, name)
            criterion_steps.rename_journey_step(row.name, name)
        values = {"name": name}
        if description is not None:
            values["description"] = clean_text(description).strip()
        JourneyStep.update(**values).where(JourneyStep.id == step_id).execute()
    return next(s for s in list_steps() if s.id == step_id)


def step_usage(name: str) -> tuple[int, int, int]:
    """(interactions, complaints, survey criteria) carrying the step."""
    return (interaction_steps.step_usage(name), complaint_steps.step_usage(name),
            criterion_steps.step_usage(name))


def delete_step(step_id: int) -> None:
    """Remove a step and its contact points; refused while interactions or complaints use it."""
    with write_transaction(JourneyStep):
        row = _get(step_id)
        contacts, complaints, criteria = step_usage(row.name)
        if contacts or complaints or criteria:
            raise ServiceError(
                f"L'étape « {row.name} » est utilisée par {contacts} contact(s), "
                f"{complaints} réclamation(s) et {criteria} critère(s) d'enquête : "
                "renommez-la ou rattachez-les à une autre étape avant de la supprimer.")
        ContactPoint.delete().where(ContactPoint.step == step_id).execute()
        JourneyStep.delete().where(JourneyStep.id == step_id).execute()
        for position, sid in enumerate(s.id for s in list_steps()):
            JourneyStep.update(position=position).where(JourneyStep.id == sid).execute()


def move_step(step_id: int, offset: int) -> list[Step]:
    """Move a step earlier (-1) or later (+1) in the journey."""
    with write_transaction(JourneyStep):
        ids = [s.id for s in list_steps()]
        if step_id not in ids:
            raise ServiceError("Cette étape du parcours n'existe plus.")
        index = ids.index(step_id)
        ids.insert(max(0, min(len(ids) - 1, index + offset)), ids.pop(index))
        for position, sid in enumerate(ids):
            JourneyStep.update(position=position).where(JourneyStep.id == sid).execute()
    return list_steps()


def _contact_values(data: ContactInput) -> dict:
    values = {"name": _name(data.name, "Le point de contact"), "human": bool(data.human),
              "moment_of_truth": bool(data.moment_of_truth)}
    for key in ("channel_particulier", "channel_professionnel"):
        text = " ".join(clean_text(getattr(data, key) or "", multiline=False).split())
        if len(text) > 100:
            raise ValidationError(key, "Le canal dépasse 100 caractères.")
        values[key] = text
    return values


def add_contact(step_id: int, data: ContactInput) -> Contact:
    values = _contact_values(data)
    with write_transaction(ContactPoint):
        _get(step_id)
        count = ContactPoint.select().where(ContactPoint.step == step_id).count()
        row = ContactPoint.create(step=step_id, position=count, **values)
    return Contact(row.id, step_id, row.name, row.human, row.channel_particulier,
                   row.channel_professionnel, row.moment_of_truth)


def update_contact(contact_id: int, data: ContactInput) -> None:
    values = _contact_values(data)
    with write_transaction(ContactPoint):
        if not ContactPoint.update(**values).where(ContactPoint.id == contact_id).execute():
            raise ServiceError("Ce point de contact n'existe plus.")


def delete_contact(contact_id: int) -> None:
    with write_transaction(ContactPoint):
        ContactPoint.delete().where(ContactPoint.id == contact_id).execute()


def assign_complaint_step(complaint_id: int, step: str) -> None:
    """Attach a complaint to a step of the journey ("" detaches it)."""
    name = (step or "").strip()
    if name and name not in step_names():
        raise ValidationError("journey_step", f"Étape du parcours inconnue : « {name} » "
                                              f"(étapes : {', '.join(step_names())}).")
    complaint_steps.set_journey_step(complaint_id, name)


def assign_criterion_step(questionnaire_id: int, number: int, step: str) -> str:
    """Attach a survey criterion (its number in the questionnaire) to a step of the journey
    ("" detaches it); returns the criterion's label."""
    name = (step or "").strip()
    if name and name not in step_names():
        raise ValidationError("journey_step", f"Étape du parcours inconnue : « {name} » "
                                              f"(étapes : {', '.join(step_names())}).")
    with write_transaction(SurveyQuestion):
        return criterion_steps.set_criterion_step(questionnaire_id, number, name)


def weakest(steps: list[StepMap]) -> int | None:
    """Index of the weakest step: the most complaints; ties go to the most complaints per
    contact. None when no step has a complaint."""
    scored = [(m.complaints, m.irritant_pct or 0.0, -i) for i, m in enumerate(steps)
              if m.complaints]
    if not scored:
        return None
    return -max(scored)[2]


def journey_map(period: Period) -> JourneyMap:
    """Per step of the journey: contacts and complaints of the period, their top categories."""
    contacts = interaction_steps.interaction_counts_by_step(period)
    complaints = complaint_steps.step_figures(period)
    satisfaction = criterion_steps.satisfaction_by_step(period)
    steps = list_steps()
    rows = []
    for step in steps:
        count, categories = complaints.get(step.name, (0, Counter()))
        touched = contacts.get(step.name, 0)
        top = sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_CATEGORIES]
        mean, answers = satisfaction.get(step.name, (None, 0))
        rows.append(StepMap(step, touched, count, top,
                            count * 100 / touched if touched else None,
                            satisfaction=mean, satisfaction_answers=answers))
    index = weakest(rows)
    if index is not None:
        rows[index] = StepMap(**{**rows[index].__dict__, "weakest": True})
    rated = [(m.satisfaction, i) for i, m in enumerate(rows) if m.satisfaction is not None]
    if len(rated) > 1:  # one step rated alone is not "the least satisfying"
        low = min(rated)[1]
        rows[low] = StepMap(**{**rows[low].__dict__, "least_satisfying": True})
    names = {s.name for s in steps}
    return JourneyMap(period, rows,
                      sum(n for step, n in contacts.items() if step not in names),
                      sum(n for step, (n, _) in complaints.items() if step not in names))
