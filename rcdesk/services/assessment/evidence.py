"""Evidence beside the self-scores, from what rcdesk holds: a hint, never a score.

Each area gives the hints it can (the Area interface's `evidence`); a theme rcdesk can document
but for which no area has given anything yet says "aucune donnée"."""

from __future__ import annotations

from datetime import date

from rcdesk.services.area_types import EvidenceHint
from rcdesk.services.areas import AREAS

NO_DATA = "aucune donnée dans rcdesk"
NOT_OWN = ("Les données de rcdesk décrivent votre propre entreprise : pas d'indice pour une "
           "organisation cliente.")
# The themes of the white paper that rcdesk's data can document, and what documents them.
EVIDENCE_SUBJECTS = {
    1: "Charte d'engagements",
    2: "Points de contact",
    4: "Enquêtes de satisfaction",
    5: "Fichier client",
    7: "Réclamations",
    8: "Cartes de fidélité",
}

__all__ = ["NOT_OWN", "EvidenceHint", "evidence_hints"]


def evidence_hints(is_own: bool = True, today: date | None = None) -> dict[int, EvidenceHint]:
    """Theme -> hint. Only the own company has data in rcdesk; a client organisation gets none."""
    if not is_own:
        return {}
    today = today or date.today()
    hints: dict[int, EvidenceHint] = {}
    for area in AREAS:
        for hint in area.evidence(today):
            hints[hint.theme] = hint
    for theme, subject in EVIDENCE_SUBJECTS.items():
        hints.setdefault(theme, EvidenceHint(theme, f"{subject} : {NO_DATA}.", False))
    return dict(sorted(hints.items()))
