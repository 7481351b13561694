"""Lists the Clients tab offers in its combo boxes (values stored as the services expect)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from rcdesk.services import customers as customers_service
from rcdesk.services.customers.vocabulary import country_choices


def N_(text: str) -> str:
    """Marks a label translated where it is shown (defined before translation is loaded)."""
    return text


def tr(text: str) -> str:
    return QCoreApplication.translate("customers", text)


KINDS = tuple(customers_service.KINDS)
STATUSES = tuple(customers_service.STATUSES)
CIVILITIES = tuple(customers_service.CIVILITIES)
CHANNELS = tuple(customers_service.CHANNELS)
DIRECTIONS = tuple(customers_service.DIRECTIONS)
STEPS = tuple(customers_service.STEPS)
# France and Morocco first (the shops rcdesk is made for), then every country by its French
# name (babel's list: a customer moving in from Belgium or Canada keeps its country).
COUNTRIES = (("FR", N_("France")), ("MA", N_("Maroc")),
             *((code, name) for code, name in country_choices() if code not in ("FR", "MA")))

# Labels of CustomerData attributes, used by the form and the import mapping table.
FIELD_LABELS = {
    "kind": N_("Type"),
    "status": N_("Statut"),
    "civility": N_("Civilité"),
    "first_name": N_("Prénom"),
    "last_name": N_("Nom"),
    "company_name": N_("Raison sociale"),
    "legal_id": N_("SIRET / ICE"),
    "birth_date": N_("Date de naissance"),
    "email": N_("E-mail"),
    "email2": N_("E-mail 2"),
    "phone": N_("Téléphone"),
    "phone2": N_("Téléphone 2"),
    "address": N_("Adresse"),
    "postal_code": N_("Code postal"),
    "city": N_("Ville"),
    "region": N_("Région"),
    "country": N_("Pays"),
    "segments": N_("Segments"),
    "source": N_("Source d'acquisition"),
    "preferred_channel": N_("Canal préféré"),
    "consent": N_("Consentement marketing"),
    "consent_date": N_("Date du consentement"),
    "consent_how": N_("Recueilli comment"),
    "referred_by_id": N_("Parrain"),
    "external_id": N_("Identifiant externe"),
    "notes": N_("Notes"),
    # purchases import
    "customer": N_("Client (id externe, e-mail, carte)"),
    "customer_ref": N_("Client (id externe, e-mail, carte)"),
    "date": N_("Date"),
    "amount": N_("Montant"),
    "amount_cents": N_("Montant"),
    "channel": N_("Canal"),
    "reference": N_("Référence"),
}


def field_label(name: str) -> str:
    return tr(FIELD_LABELS.get(name, name.replace("_", " ").capitalize()))
