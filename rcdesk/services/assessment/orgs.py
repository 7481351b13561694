"""Organisations a self-assessment is about: the user's own company, and a consultant's clients."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.db import read_only_reason
from rcdesk.models.assessment import Assessment, AssessmentScore, Organisation
from rcdesk.models.base import for_update, write_transaction
from rcdesk.services.settings import get_company

OWN_FALLBACK_NAME = "Mon entreprise"
MAX_NAME = 200
UNSAVED_OWN_ID = 0  # the own company in a read-only database that has no row for it yet


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
    """The user's own company (created on first use; its name is the company profile's).

    A database opened for reading only gets it without creating its row: id 0, which no
    assessment has (reading never writes)."""
    own = Organisation.is_own == True  # noqa: E712 - peewee expression
    row = Organisation.get_or_none(own)
    if row is None:
        if read_only_reason() is not None:
            return OrganisationInfo(UNSAVED_OWN_ID, _own_name(), True)
        with write_transaction(Organisation):  # two counters starting together: one row
            row = Organisation.get_or_none(own)
            if row is None:
                row = Organisation.create(name=_own_name(), is_own=True)
    return _info(row)


def _count(organisation_id: int) -> int:
    return Assessment.select().where(Assessment.organisation == organisation_id).count()


def get_organisation(organisation_id: int) -> OrganisationInfo:
    """The organisation with its number of assessments; ValidationError when it is gone."""
    row = Organisation.get_or_none(Organisation.id == organisation_id)
    if row is None:
        raise ValidationError("organisation", f"L'organisation n° {organisation_id} n'existe pas.")
    return _info(row, _count(row.id))


def list_organisations() -> list[OrganisationInfo]:
    """The own company first, then the client organisations by name, with assessment counts."""
    own_organisation()
    counts = dict(Assessment.select(Assessment.organisation, fn.COUNT(Assessment.id))
                  .group_by(Assessment.organisation).tuples())
    own_name = _own_name()
    rows = [_info(row, counts.get(row.id, 0), own_name) for row in Organisation.select()]
    return sorted(rows, key=lambda org: (not org.is_own, org.name.casefold()))


def _find(name: str) -> OrganisationInfo | None:
    wanted = clean_text(name, multiline=False).strip().casefold()
    for org in list_organisations():
        if org.name.casefold() == wanted:
            return org
    return None


def _checked_name(name: str, organisation_id: int | None = None) -> str:
    """The name stripped, refused (ValidationError on "name") when empty, too long, or already
    another organisation's (case ignored; the own company's name counts)."""
    name = clean_text(name, multiline=False).strip()
    if not name:
        raise ValidationError("name", "Le nom de l'organisation est obligatoire.")
    if len(name) > MAX_NAME:
        raise ValidationError("name", f"Le nom de l'organisation dépasse {MAX_NAME} caractères.")
    existing = _find(name)
    if existing is not None and existing.id != organisation_id:
        raise ValidationError("name", f"L'organisation « {existing.name} » existe déjà : "
                                      "choisissez un autre nom.")
    return name


def create_organisation(name: str) -> OrganisationInfo:
    """A client organisation; its name must be new (case ignored) and not the own company's."""
    with write_transaction(Organisation):
        row = Organisation.create(name=_checked_name(name), is_own=False)
    return _info(row)


def ensure_renamable(organisation_id: int) -> OrganisationInfo:
    """The organisation, or ServiceError when its name is not rcdesk's to change here: the own
    company's name is the company profile's."""
    org = get_organisation(organisation_id)
    if org.is_own:
        raise ServiceError(f"« {org.name} » est votre entreprise : son nom vient du profil de "
                           "l'entreprise et se modifie dans Fichier ▸ Paramètres de "
                           "l'entreprise…")
    return org


def rename_organisation(organisation_id: int, name: str) -> OrganisationInfo:
    """A client organisation under a new name: not empty, at most 200 characters, not another
    organisation's (a change of case only is accepted). The own company is refused."""
    with write_transaction(Organisation):
        ensure_renamable(organisation_id)
        name = _checked_name(name, organisation_id)
        Organisation.update(name=name).where(Organisation.id == organisation_id).execute()
    return get_organisation(organisation_id)


def ensure_deletable(organisation_id: int) -> OrganisationInfo:
    """The organisation with its assessment count, or ServiceError for the own company (the
    evidence, the charter and every default point to it: it always exists)."""
    org = get_organisation(organisation_id)
    if org.is_own:
        raise ServiceError(f"« {org.name} » est votre entreprise : elle ne peut pas être "
                           "supprimée. Seules les organisations clientes peuvent l'être ; ses "
                           "évaluations se suppriment une à une.")
    return org


def delete_organisation(organisation_id: int, confirmed_assessments: int | None = None) -> int:
    """Delete a client organisation with all its assessments (scores, comments,
    recommendations, SWOT) in one transaction; returns how many assessments went with it.

    confirmed_assessments is the count the user agreed to lose: when the organisation now has
    a different number (another counter recorded one meanwhile), ServiceError and nothing is
    deleted. The own company is refused (ensure_deletable)."""
    with write_transaction(Organisation):
        org = ensure_deletable(organisation_id)
        _lock(organisation_id)
        assessments = Assessment.select(Assessment.id).where(
            Assessment.organisation == organisation_id)
        AssessmentScore.delete().where(AssessmentScore.assessment.in_(assessments)).execute()
        deleted = Assessment.delete().where(Assessment.organisation == organisation_id).execute()
        if confirmed_assessments is not None and deleted != confirmed_assessments:
            # raising inside atomic() rolls back the deletes above
            raise ServiceError(f"L'organisation « {org.name} » compte maintenant {deleted} "
                               f"évaluation(s) au lieu de {confirmed_assessments} : rien n'a "
                               "été supprimé, vérifiez puis recommencez.")
        Organisation.delete().where(Organisation.id == organisation_id).execute()
    return deleted


def _lock(organisation_id: int) -> None:
    """Hold the organisation's row until commit. PostgreSQL: SELECT ... FOR UPDATE, so an
    assessment another counter records for it meanwhile waits, then fails its foreign key.
    SQLite has no row locks: write_transaction() holds the file's write lock from the start,
    and the count the DELETE returns is checked against the confirmed one."""
    list(for_update(Organisation.select(Organisation.id).where(
        Organisation.id == organisation_id)).tuples())


def find_organisation(name: str) -> OrganisationInfo | None:
    """The organisation with this name (case and surrounding spaces ignored), or None."""
    return _find(name) if (name or "").strip() else None


def resolve_organisation(name: str | None) -> tuple[OrganisationInfo, bool]:
    """The organisation a command line names (None: own company), created when new.

    Returns (organisation, created)."""
    if not (name or "").strip():
        return own_organisation(), False
    found = _find(name)
    if found is not None:
        return found, False
    return create_organisation(name), True
