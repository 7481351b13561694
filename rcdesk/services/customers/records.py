"""One customer: validation, create, read, update, duplicates, delete and GDPR anonymisation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from peewee import IntegrityError

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.base import database_proxy, utcnow
from rcdesk.models.customers import KINDS, STATUSES, Customer, Interaction
from rcdesk.services.complaints.gdpr import anonymise_complaints
from rcdesk.services.customers.search import (
    display_name,
    phone_search_forms,
    sort_key,
)
from rcdesk.services.settings import normalise_email, normalise_legal_id, normalise_phone

MAX_CHARS = 255  # CharField columns (VARCHAR(255) on PostgreSQL)
MAX_TEXT = {"address": 1000, "notes": 20000}
POSTAL_CODE = {"FR": re.compile(r"^\d{5}$"), "MA": re.compile(r"^\d{5}$")}
CIVILITIES = ("", "M.", "Mme", "Mlle")


@dataclass
class CustomerData:
    """Every editable field of a customer as plain values; id is None until stored."""

    kind: str = "particulier"
    status: str = "prospect"
    civility: str = ""
    first_name: str = ""
    last_name: str = ""
    company_name: str = ""
    legal_id: str = ""
    birth_date: date | None = None
    email: str = ""
    email2: str = ""
    phone: str = ""
    phone2: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    region: str = ""
    country: str = ""  # "" = the company's country
    segments: list[str] = field(default_factory=list)
    source: str = ""
    preferred_channel: str = ""
    consent: bool = False
    consent_date: date | None = None
    consent_how: str = ""
    referred_by_id: int | None = None
    external_id: str | None = None
    notes: str = ""
    id: int | None = None


EDITABLE = [f.name for f in fields(CustomerData) if f.name not in ("id", "referred_by_id")]
_TEXT_FIELDS = [n for n in EDITABLE
                if n not in ("birth_date", "consent_date", "consent", "segments")]
_COUNTRY = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class DuplicateHit:
    customer_id: int
    name: str
    reason: str


def _company_country() -> str:
    from rcdesk.services.settings import get_company

    return get_company().country or "FR"


def _text(name: str, value, limit: int = MAX_CHARS) -> str:
    """Control characters and bidi overrides removed (they break XLSX exports and terminals);
    line breaks kept only in the address and the notes."""
    if not value:  # most fields of an imported row are empty: keep this path short
        return ""
    text = clean_text(str(value), multiline=name in MAX_TEXT).strip()
    if len(text) > limit:
        raise ValidationError(name, f"Ce champ dépasse {limit} caractères ({len(text)}).")
    return text


def validate_customer(data: CustomerData, country: str | None = None) -> CustomerData:
    """The customer normalised (E.164 phones, e-mails, legal id); ValidationError(field, msg) else.

    Phones are read with the company's country (or country) as default region."""
    region_default = country or _company_country()
    clean = {name: getattr(data, name) for name in EDITABLE}
    for name in _TEXT_FIELDS:
        clean[name] = _text(name, clean[name], MAX_TEXT.get(name, MAX_CHARS))
    if clean["kind"] not in KINDS:
        raise ValidationError("kind",
                              "Le type doit être « particulier » ou « professionnel ».")
    if clean["status"] not in STATUSES:
        raise ValidationError("status", "Le statut doit être prospect, client ou ancien client.")
    if clean["civility"] not in CIVILITIES:
        raise ValidationError("civility", "Civilité inconnue (M., Mme ou Mlle).")
    cust_country = (clean["country"] or region_default).upper()
    if not _COUNTRY.fullmatch(cust_country):
        raise ValidationError("country",
                              "Le pays s'écrit en code à deux lettres (FR, MA, BE…).")
    clean["country"] = cust_country
    if clean["kind"] == "professionnel":
        if not clean["company_name"]:
            raise ValidationError("company_name", "La raison sociale est obligatoire pour un "
                                  "professionnel.")
        if cust_country in ("FR", "MA"):
            clean["legal_id"] = normalise_legal_id(clean["legal_id"], cust_country)
    elif not (clean["last_name"] or clean["first_name"]):
        raise ValidationError("last_name", "Le nom est obligatoire.")
    for name in ("email", "email2"):
        if clean[name]:
            try:
                clean[name] = normalise_email(clean[name])
            except ValidationError as exc:
                raise ValidationError(name, exc.message) from None
    for name in ("phone", "phone2"):
        if clean[name]:
            try:
                clean[name] = normalise_phone(clean[name], cust_country)
            except ValidationError as exc:
                raise ValidationError(name, exc.message) from None
    if clean["postal_code"]:
        clean["postal_code"] = clean["postal_code"].replace(" ", "")
        rule = POSTAL_CODE.get(cust_country)
        if rule and not rule.match(clean["postal_code"]):
            raise ValidationError("postal_code", "Le code postal doit comporter 5 chiffres.")
    for name in ("birth_date", "consent_date"):
        value = clean[name]
        if value is not None and not isinstance(value, date):
            raise ValidationError(name, "Date invalide (attendu JJ/MM/AAAA).")
        if isinstance(value, datetime):
            clean[name] = value.date()
    if clean["birth_date"] and not date(1900, 1, 1) <= clean["birth_date"] <= date.today():
        raise ValidationError("birth_date",
                              "La date de naissance doit être passée (après 1900).")
    segments = data.segments
    if isinstance(segments, str):
        segments = segments.split(",")
    tags = list(dict.fromkeys(s.strip() for s in (segments or []) if s and s.strip()))
    if len(",".join(tags)) > MAX_CHARS:
        raise ValidationError("segments", "Trop de segments (255 caractères au plus).")
    clean["segments"] = tags
    clean["consent"] = bool(data.consent)
    clean["external_id"] = clean["external_id"] or None
    referred = data.referred_by_id
    if referred is not None:
        if referred == data.id or not Customer.select().where(Customer.id == referred).exists():
            raise ValidationError("referred_by_id", "Le parrain choisi n'existe pas.")
    return CustomerData(**clean, referred_by_id=referred, id=data.id)


def customer_values(data: CustomerData) -> dict:
    """The column values of a validated customer, derived columns included (bulk writes)."""
    values = {name: getattr(data, name) for name in EDITABLE}
    values["segments"] = ",".join(data.segments)
    values["referred_by"] = data.referred_by_id
    values["sort_name"] = sort_key(data.first_name, data.last_name, data.company_name, data.kind)
    values["search_phones"] = phone_search_forms(data.phone, data.phone2)
    return values


def status_dates(status: str, old_status: str | None, client_since, lost_at,
                 today: date | None = None) -> dict:
    """client_since / lost_at after a status change: they date retention and attrition."""
    today = today or date.today()
    if status == "client":
        return {"client_since": client_since or today, "lost_at": None}
    if status == "ancien client":
        return {"client_since": client_since or today,
                "lost_at": lost_at if old_status == "ancien client" and lost_at else today}
    return {"client_since": None if old_status in (None, "prospect") else client_since,
            "lost_at": None}


def _check_external_id(external_id: str | None, exclude_id: int | None) -> None:
    if not external_id:
        return
    query = Customer.select().where(Customer.external_id == external_id)
    if exclude_id is not None:
        query = query.where(Customer.id != exclude_id)
    if query.exists():
        raise ValidationError("external_id", f"L'identifiant externe « {external_id} » est "
                              "déjà attribué à un autre client.")


def create_customer(data: CustomerData) -> int:
    clean = validate_customer(data)
    _check_external_id(clean.external_id, None)
    values = customer_values(clean)
    values.update(status_dates(clean.status, None, None, None))
    try:
        with database_proxy.atomic():
            return Customer.insert(**values).execute()
    except IntegrityError as exc:
        raise ServiceError(f"Le client n'a pas pu être enregistré : {exc}") from exc


def _get_row(customer_id: int) -> Customer:
    row = Customer.get_or_none(Customer.id == customer_id)
    if row is None:
        raise ServiceError(f"Le client n° {customer_id} n'existe pas (ou plus).")
    return row


def update_customer(customer_id: int, data: CustomerData) -> None:
    row = _get_row(customer_id)
    if row.anonymised_at is not None:
        raise ServiceError("Ce client a été anonymisé (RGPD) : sa fiche ne peut plus être "
                           "modifiée.")
    data.id = customer_id
    clean = validate_customer(data)
    _check_external_id(clean.external_id, customer_id)
    values = customer_values(clean)
    values.update(status_dates(clean.status, row.status, row.client_since, row.lost_at))
    with database_proxy.atomic():
        Customer.update(**values).where(Customer.id == customer_id).execute()


def row_to_data(row: Customer) -> CustomerData:
    values = {name: getattr(row, name) for name in EDITABLE}
    values["segments"] = [s for s in (row.segments or "").split(",") if s]
    return CustomerData(**values, referred_by_id=row.referred_by_id, id=row.id)


def get_customer(customer_id: int) -> CustomerData:
    return row_to_data(_get_row(customer_id))


def customer_name(customer_id: int) -> str:
    row = _get_row(customer_id)
    return display_name(row.first_name, row.last_name, row.company_name, row.kind)


def find_duplicates(data: CustomerData, exclude_id: int | None = None) -> list[DuplicateHit]:
    """Customers that may be the same: same e-mail, same phone, or a close name (rapidfuzz,
    accents ignored) in the same postal code."""
    from rapidfuzz import fuzz

    country = (data.country or _company_country()).upper()
    emails, phones = set(), set()
    for value in (data.email, data.email2):
        if value and value.strip():
            try:
                emails.add(normalise_email(value).lower())
            except ValidationError:
                emails.add(value.strip().lower())
    for value in (data.phone, data.phone2):
        if value and value.strip():
            try:
                phones.add(normalise_phone(value, country))
            except ValidationError:
                pass
    hits: dict[int, DuplicateHit] = {}

    def add(rows, reason: str) -> None:
        for cid, first, last, company, kind in rows:
            if cid != exclude_id and cid not in hits:
                hits[cid] = DuplicateHit(cid, display_name(first, last, company, kind), reason)

    base = Customer.select(Customer.id, Customer.first_name, Customer.last_name,
                           Customer.company_name, Customer.kind)
    if emails:
        from peewee import fn

        add(base.where(fn.LOWER(Customer.email).in_(list(emails))
                       | fn.LOWER(Customer.email2).in_(list(emails))).tuples(), "même e-mail")
    if phones:
        add(base.where(Customer.phone.in_(list(phones)) | Customer.phone2.in_(list(phones)))
            .tuples(), "même téléphone")
    postal = (data.postal_code or "").replace(" ", "")
    wanted = sort_key(data.first_name, data.last_name, data.company_name, data.kind)
    if postal and wanted:
        close = []
        for row in base.where(Customer.postal_code == postal).tuples():
            other = sort_key(row[1], row[2], row[3], row[4])
            if other and fuzz.token_sort_ratio(wanted, other) >= 85:
                close.append(row)
        add(close, "nom proche dans le même code postal")
    return list(hits.values())


# --- delete and anonymise -------------------------------------------------------------------

IMPACT_LABELS = {"purchases": "achat(s)", "interactions": "interaction(s)",
                 "complaints": "réclamation(s)", "referrals": "filleul(s)"}


def _load_area_models() -> None:
    from importlib import import_module

    for name in ("complaints", "actions", "assessment", "charter"):
        try:
            import_module(f"rcdesk.models.{name}")
        except ImportError:  # pragma: no cover - an area not built yet
            pass


def delete_impact(customer_id: int) -> dict[str, int]:
    """What goes with a customer on delete: rows of every table pointing at it, by table."""
    _get_row(customer_id)
    _load_area_models()
    impact: dict[str, int] = {}
    for fk in Customer._meta.backrefs:
        model = fk.model
        key = "referrals" if model is Customer else model._meta.table_name
        if not key.endswith("s"):
            key += "s"
        count = model.select().where(fk == customer_id).count()
        impact[key] = impact.get(key, 0) + count
    return impact


def _kept_keys() -> set[str]:
    """Tables whose rows stay (their link is set to NULL) when a customer is deleted."""
    _load_area_models()
    kept = set()
    for fk in Customer._meta.backrefs:
        if (fk.on_delete or "").upper() == "SET NULL":
            key = "referrals" if fk.model is Customer else fk.model._meta.table_name
            kept.add(key if key.endswith("s") else key + "s")
    return kept


def delete_impact_text(impact: dict[str, int]) -> str:
    """"3 achat(s), 2 interaction(s) supprimé(s) ; 1 réclamation(s) conservée(s) sans client"."""
    kept = _kept_keys()
    gone = [f"{n} {IMPACT_LABELS.get(k, k)}" for k, n in impact.items() if n and k not in kept]
    stay = [f"{n} {IMPACT_LABELS.get(k, k)}" for k, n in impact.items() if n and k in kept]
    parts = []
    if gone:
        parts.append(", ".join(gone) + " supprimé(s) avec lui")
    if stay:
        parts.append(", ".join(stay) + " conservé(s) sans lien vers lui")
    return " ; ".join(parts) if parts else "rien d'autre"


def delete_customer(customer_id: int) -> None:
    """Delete a customer with its purchases and interactions (database cascades)."""
    _get_row(customer_id)
    try:
        with database_proxy.atomic():
            Customer.delete().where(Customer.id == customer_id).execute()
    except IntegrityError as exc:
        raise ServiceError("Ce client ne peut pas être supprimé : des dossiers s'y rattachent. "
                           "Anonymisez-le plutôt.") from exc


# Other areas register callables(customer_ids: list[int]) that blank their personal text.
ANONYMISE_HOOKS: list[Callable[[list[int]], None]] = [anonymise_complaints]

_BLANK = dict(civility="", first_name="", last_name="", company_name="", legal_id="",
              birth_date=None, email="", email2="", phone="", phone2="", address="",
              postal_code="", notes="", external_id=None, referred_by=None, consent=False,
              consent_date=None, consent_how="", sort_name="", search_phones="")


def anonymise_customers(customer_ids: list[int]) -> int:
    """GDPR erasure: personal data removed, purchases and statistics kept. Returns the count."""
    ids = sorted(set(int(i) for i in customer_ids))
    if not ids:
        return 0
    done = 0
    with database_proxy.atomic():
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            done += Customer.update(**_BLANK, anonymised_at=utcnow()).where(
                Customer.id.in_(chunk) & Customer.anonymised_at.is_null()).execute()
            Customer.update(referred_by=None).where(Customer.referred_by.in_(chunk)).execute()
            Interaction.update(subject="", outcome="").where(
                Interaction.customer.in_(chunk)).execute()
            for hook in ANONYMISE_HOOKS:
                hook(chunk)
    return done


def anonymise_customer(customer_id: int) -> None:
    _get_row(customer_id)
    anonymise_customers([customer_id])
