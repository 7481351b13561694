"""Organisations a self-assessment is about: the user's own company, and a consultant's clients."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from rcdesk.models.assessment import Assessment, Organisation
from rcdesk.services.errors import ServiceError, ValidationError
from rcdesk.services.settings import get_company

OWN_FALLBACK_NAME = "Mon entreprise"
MAX_NAME = 200


@dataclass(frozen=True)
class OrganisationInfo:
    id: int
    name: str  # the own company's name follows the company profile
    is_own: bool
    assessments: int = 0


def _own_name() -> str:
    return get_company().name.strip() or OWN_FALLBACK_NAME


def _info(row: Organisation, count: int = 0, own_name: str | None = None) -> OrganisationInfo:
    name = (own_name or _own_name()) if row.is_own else row.name
    return OrganisationInfo(row.id, name, bool(row.is_own), count)


def own_organisation() -> OrganisationInfo:
    """The user's own company (created on first use; its name is the company profile's)."""
    row = Organisation.get_or_none(Organisation.is_own == True)  # noqa: E712 - peewee expression
    if row is None:
        row = Organisation.create(name=_own_name(), is_own=True)
    return _info(row)


def get_organisation(organisation_id: int) -> OrganisationInfo:
    row = Organisation.get_or_none(Organisation.id == organisation_id)
    if row is None:
        raise ValidationError("organisation", f"L'organisation n° {organisation_id} n'existe pas.")
    return _info(row)


def list_organisations() -> list[OrganisationInfo]:
    """The own company first, then the client organisations by name, with assessment counts."""
    own_organisation()
    counts = dict(Assessment.select(Assessment.organisation, fn.COUNT(Assessment.id))
                  .group_by(Assessment.organisation).tuples())
    own_name = _own_name()
    rows = [_info(row, counts.get(row.id, 0), own_name) for row in Organisation.select()]
    return sorted(rows, key=lambda org: (not org.is_own, org.name.casefold()))


def _find(name: str) -> OrganisationInfo | None:
    wanted = name.strip().casefold()
    for org in list_organisations():
        if org.name.casefold() == wanted:
            return org
    return None


def create_organisation(name: str) -> OrganisationInfo:
    """A client organisation; its name must be new (case ignored) and not the own company's."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", "Le nom de l'organisation est obligatoire.")
    if len(name) > MAX_NAME:
        raise ValidationError("name", f"Le nom de l'organisation dépasse {MAX_NAME} caractères.")
    existing = _find(name)
    if existing is not None:
        raise ValidationError("name", f"L'organisation « {existing.name} » existe déjà.")
    row = Organisation.create(name=name, is_own=False)
    return _info(row)


def rename_organisation(organisation_id: int, name: str) -> OrganisationInfo:
    org = get_organisation(organisation_id)
    if org.is_own:
        raise ServiceError("Le nom de votre entreprise se modifie dans le profil de l'entreprise.")
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", "Le nom de l'organisation est obligatoire.")
    existing = _find(name)
    if existing is not None and existing.id != organisation_id:
        raise ValidationError("name", f"L'organisation « {existing.name} » existe déjà.")
    Organisation.update(name=name).where(Organisation.id == organisation_id).execute()
    return get_organisation(organisation_id)


def resolve_organisation(name: str | None) -> tuple[OrganisationInfo, bool]:
    """The organisation a command line names (None: own company), created when new.

    Returns (organisation, created)."""
    if not (name or "").strip():
        return own_organisation(), False
    found = _find(name)
    if found is not None:
        return found, False
    return create_organisation(name), True
