"""Contact persons of a customer (a company's manager, buyer, accountant): list, add, edit,
delete. The import adds them from the rows whose parent is another row; the customer's file
shows and edits them; they go with their customer (delete cascades, GDPR erasure deletes
them)."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import clean_text, fold
from rcdesk.models.base import write_transaction
from rcdesk.models.customers import Customer, CustomerContact
from rcdesk.services.settings import normalise_email, normalise_phone

MAX_CHARS = 255
MAX_NOTES = 5000


@dataclass
class ContactData:
    """A contact person as plain values; id is None until stored."""

    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    id: int | None = None
    customer_id: int | None = None


CONTACT_LABELS = {"name": "Nom du contact", "role": "Fonction", "email": "E-mail",
                  "phone": "Téléphone", "notes": "Notes"}


def _line(name: str, value: str, limit: int = MAX_CHARS) -> str:
    text = clean_text(str(value or ""), multiline=name == "notes").strip()
    if len(text) > limit:
        raise ValidationError(name, f"Ce champ dépasse {limit} caractères ({len(text)}).")
    return text


def validate_contact(data: ContactData, country: str) -> ContactData:
    """The contact normalised (E.164 phone, e-mail); ValidationError(field, message) else.
    country: the customer's, read for a phone written without its international prefix."""
    name = _line("name", data.name)
    if not name:
        raise ValidationError("name", "Le nom du contact est obligatoire.")
    email = _line("email", data.email)
    if email:
        try:
            email = normalise_email(email)
        except ValidationError as exc:
            raise ValidationError("email", exc.message) from None
    phone = _line("phone", data.phone)
    if phone:
        try:
            phone = normalise_phone(phone, country)
        except ValidationError as exc:
            raise ValidationError("phone", exc.message) from None
    return ContactData(name=name, role=_line("role", data.role), email=email, phone=phone,
                       notes=_line("notes", data.notes, MAX_NOTES), id=data.id,
                       customer_id=data.customer_id)


def _customer(customer_id: int) -> Customer:
    row = Customer.get_or_none(Customer.id == customer_id)
    if row is None:
        raise ServiceError(f"Le client n° {customer_id} n'existe pas (ou plus).")
    if row.anonymised_at is not None:
        raise ServiceError("Ce client a été anonymisé (RGPD) : ses contacts ne peuvent plus être "
                           "modifiés.")
    return row


def list_contacts(customer_id: int) -> list[ContactData]:
    """The customer's contact persons in their order."""
    return [ContactData(name=r.name, role=r.role, email=r.email, phone=r.phone, notes=r.notes,
                        id=r.id, customer_id=customer_id)
            for r in CustomerContact.select().where(CustomerContact.customer == customer_id)
            .order_by(CustomerContact.position, CustomerContact.id)]


def contact_values(data: ContactData, customer_id: int, position: int) -> dict:
    """The column values of a validated contact (bulk writes of the import)."""
    return {"customer": customer_id, "name": data.name, "role": data.role, "email": data.email,
            "phone": data.phone, "notes": data.notes, "position": position}


def next_positions(customer_ids) -> dict[int, int]:
    """customer id -> the position after its last contact (1 for a customer without any)."""
    ids = list(customer_ids)
    found = dict(CustomerContact.select(CustomerContact.customer,
                                        fn.MAX(CustomerContact.position))
                 .where(CustomerContact.customer.in_(ids))
                 .group_by(CustomerContact.customer).tuples()) if ids else {}
    return {cid: (found.get(cid) or 0) + 1 for cid in ids}


def contact_names(customer_ids) -> dict[int, set[str]]:
    """customer id -> the folded names of its contacts (an import does not add one twice)."""
    result: dict[int, set[str]] = {}
    ids = list(customer_ids)
    for start in range(0, len(ids), 500):
        for cid, name in (CustomerContact.select(CustomerContact.customer, CustomerContact.name)
                          .where(CustomerContact.customer.in_(ids[start:start + 500])).tuples()):
            result.setdefault(cid, set()).add(fold(name))
    return result


def add_contact(customer_id: int, data: ContactData) -> int:
    """Store a new contact person at the end of the customer's list; its id."""
    with write_transaction():
        row = _customer(customer_id)
        clean = validate_contact(data, row.country or "FR")
        position = next_positions([customer_id])[customer_id]
        return CustomerContact.insert(**contact_values(clean, customer_id, position)).execute()


def update_contact(contact_id: int, data: ContactData) -> None:
    with write_transaction():
        contact = CustomerContact.get_or_none(CustomerContact.id == contact_id)
        if contact is None:
            raise ServiceError("Ce contact n'existe pas (ou plus).")
        row = _customer(contact.customer_id)
        clean = validate_contact(data, row.country or "FR")
        CustomerContact.update(name=clean.name, role=clean.role, email=clean.email,
                               phone=clean.phone, notes=clean.notes).where(
            CustomerContact.id == contact_id).execute()


def delete_contact(contact_id: int) -> None:
    with write_transaction():
        if not CustomerContact.delete().where(CustomerContact.id == contact_id).execute():
            raise ServiceError("Ce contact n'existe pas (ou plus).")


def erase_contacts(customer_ids: list[int]) -> int:
    """GDPR erasure of customers: their contact persons go (people's data, nothing to keep)."""
    return CustomerContact.delete().where(CustomerContact.customer.in_(customer_ids)).execute()


def export_contacts(customer_id: int) -> list[dict]:
    """The contacts as the GDPR access export shows them."""
    return [{"nom": c.name, "fonction": c.role, "e-mail": c.email, "téléphone": c.phone,
             "notes": c.notes} for c in list_contacts(customer_id)]
