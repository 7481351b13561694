"""The category list the company edits (Produit défectueux, Livraison, Accueil...)."""

from __future__ import annotations

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.base import write_transaction
from rcdesk.models.complaints import Complaint, ComplaintCategory


def list_categories() -> list[tuple[int, str]]:
    """(id, name) in the company's order."""
    return list(ComplaintCategory.select(ComplaintCategory.id, ComplaintCategory.name)
                .order_by(ComplaintCategory.position, ComplaintCategory.name).tuples())


def _clean_name(name: str, exclude_id: int | None = None) -> str:
    value = " ".join(clean_text(name).split())
    if not value:
        raise ValidationError("name", "Le nom de la catégorie est obligatoire.")
    if len(value) > 100:
        raise ValidationError("name", "Le nom de la catégorie dépasse 100 caractères.")
    same = ComplaintCategory.select().where(fn.LOWER(ComplaintCategory.name) == value.lower())
    if exclude_id is not None:
        same = same.where(ComplaintCategory.id != exclude_id)
    if same.exists():
        raise ValidationError("name", f"La catégorie « {value} » existe déjà.")
    return value


def add_category(name: str) -> int:
    with write_transaction(ComplaintCategory):
        value = _clean_name(name)
        position = (ComplaintCategory.select(fn.MAX(ComplaintCategory.position)).scalar() or 0) + 1
        return ComplaintCategory.create(name=value, position=position).id


def rename_category(category_id: int, name: str) -> None:
    with write_transaction(ComplaintCategory):
        if not ComplaintCategory.select().where(ComplaintCategory.id == category_id).exists():
            raise ServiceError("Cette catégorie n'existe plus.")
        value = _clean_name(name, category_id)
        ComplaintCategory.update(name=value).where(ComplaintCategory.id == category_id).execute()


def category_usage(category_id: int) -> int:
    return Complaint.select().where(Complaint.category == category_id).count()


def delete_category(category_id: int) -> None:
    """Refused while a complaint uses the category (rename it instead)."""
    with write_transaction(ComplaintCategory):
        row = ComplaintCategory.get_or_none(ComplaintCategory.id == category_id)
        if row is None:
            raise ServiceError("Cette catégorie n'existe plus.")
        used = category_usage(category_id)
        if used:
            raise ServiceError(f"La catégorie « {row.name} » est utilisée par {used} "
                               "réclamation(s) : elle ne peut pas être supprimée (renommez-la "
                               "plutôt).")
        ComplaintCategory.delete().where(ComplaintCategory.id == category_id).execute()
