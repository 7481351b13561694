"""Complaint vocabulary and pure rules: statuses, allowed moves, due state, rates."""

from __future__ import annotations

from datetime import date

from rcdesk.core.workdays import working_days_between

CHANNELS = ("comptoir", "téléphone", "courrier", "e-mail", "fax", "site web", "réseaux sociaux")

RECEIVED = "Reçue"
QUALIFIED = "Qualifiée"
IN_PROGRESS = "En traitement"
WAITING = "En attente du client"
ANSWERED = "Réponse envoyée"
CLOSED = "Clôturée"
REJECTED = "Non recevable"
STATUSES = (RECEIVED, QUALIFIED, IN_PROGRESS, WAITING, ANSWERED, CLOSED, REJECTED)

# Moves the workflow allows (reopening a closed or rejected complaint is reopen(), not move()).
ALLOWED_MOVES: dict[str, set[str]] = {
    RECEIVED: {QUALIFIED, WAITING, REJECTED},
    QUALIFIED: {IN_PROGRESS, ANSWERED, WAITING, REJECTED},
    IN_PROGRESS: {ANSWERED, WAITING, REJECTED},
    WAITING: {RECEIVED, QUALIFIED, IN_PROGRESS},
    ANSWERED: {CLOSED, IN_PROGRESS, WAITING},
    CLOSED: set(),
    REJECTED: set(),
}
REOPEN_TO = IN_PROGRESS
FINAL_STATUSES = (CLOSED, REJECTED)
# Statuses where the deadline still runs or is paused: the complaint awaits our answer.
OPEN_STATUSES = (RECEIVED, QUALIFIED, IN_PROGRESS, WAITING)

TYPES = ("bonne foi", "mauvaise foi", "faute du vendeur", "à déterminer")
SEVERITIES = ("faible", "moyenne", "élevée", "critique")
COMPENSATIONS = ("aucune", "remboursement partiel", "échange", "prestation complémentaire",
                 "réduction", "geste commercial")
RESATISFACTION = ("oui", "non", "sans réponse")

# A complaint is "soon" late when its due date is at most this many working days away.
SOON_WORKING_DAYS = 1

LATE, SOON, OK = "late", "soon", "ok"


def due_state(status: str, due_date: date | None, paused_on: date | None, today: date,
              country: str) -> str:
    """"late", "soon" or "ok": the one rule of lateness.

    Only open complaints can be late: due date passed (or already passed when the clock was
    paused). Answered, closed or rejected complaints are "ok"."""
    if status not in OPEN_STATUSES or due_date is None:
        return OK
    reference = paused_on or today
    if due_date < reference:
        return LATE
    if paused_on is None and working_days_between(today, due_date, country) <= SOON_WORKING_DAYS:
        return SOON
    return OK


def granted_days(received_on: date, due_date: date, country: str) -> int:
    """The answer delay a complaint was given, in working days from its receipt to its stored
    due date (working days spent waiting for the customer included: see waited_days).

    Read from the complaint's own dates, never from today's company setting, which may have
    changed since: received Friday 20/11/2026, due Friday 27/11/2026 -> 5."""
    return max(0, working_days_between(received_on, due_date, country))


def answer_working_days(received_on: date, answer_date: date, waited_days: int,
                        country: str) -> int:
    """The answer delay of an answered complaint in working days: from its receipt to its
    answer, less the working days spent waiting for the customer (never below 0). Stored in
    complaint.answer_working_days so that a period's mean is one SQL aggregate (see
    services/complaints/delays.py)."""
    return max(0, working_days_between(received_on, answer_date, country) - waited_days)


def complaint_rate(complaints: int, transactions: int | None) -> float | None:
    """Complaints / transactions × 100 (M303: 10 complaints for 500 transactions -> 2.0);
    None without transactions.

    Transactions are sales: a refund (« avoir », a purchase with a negative amount) is not a
    transaction and is not counted (purchase_figures counts with customers.sales_count)."""
    if not transactions:
        return None
    return complaints * 100 / transactions


def loss_rate(cost: int, revenue: int | None) -> float | None:
    """Cost of complaints / revenue × 100 (5 000 / 200 000 -> 2.5); None without revenue."""
    if not revenue:
        return None
    return cost * 100 / revenue


def format_number_label(year: int, sequence: int) -> str:
    """REC-2026-0007 (four digits at least; the 10 000th of a year reads REC-2026-10000)."""
    return f"REC-{year}-{sequence:04d}"
