"""One customer: validation, create, read, update, duplicates, delete and GDPR anonymisation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from peewee import IntegrityError

from rcdesk.core.dates import MIN_DATE, validate_date_range
from rcdesk.core.errors import ServiceError, StaleRecordError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.base import for_update, utcnow, write_transaction
from rcdesk.models.customers import (
    KINDS,
    STATUSES,
    Customer,
    CustomerEvent,
    Interaction,
    Purchase,
)
from rcdesk.services.area_types import DeleteImpact, PersonalData
from rcdesk.services.customers.search import (
    display_name,
    phone_search_forms,
    sort_key,
)
from rcdesk.services.settings import (
    format_phone,
    normalise_email,
    normalise_legal_id,
    normalise_phone,
)
from rcdesk.services.versions import changes, save_version

MAX_CHARS = 255  # CharField columns (VARCHAR(255) on PostgreSQL)
MAX_TEXT = {"address": 1000, "notes": 20000}
MULTILINE = ("address", "notes")  # every other text field is one line
# Postal codes by country: (rule, what the message asks). Others are accepted as written.
_FIVE = (re.compile(r"^\d{5}$"), "comporter 5 chiffres")
_FOUR = (re.compile(r"^\d{4}$"), "comporter 4 chiffres")
POSTAL_CODE = {
    "FR": _FIVE, "MA": _FIVE, "ES": _FIVE, "DE": _FIVE, "IT": _FIVE, "DZ": _FIVE, "TN": _FOUR,
    "SN": _FIVE, "MC": _FIVE, "BE": _FOUR, "CH": _FOUR, "LU": _FOUR, "AT": _FOUR,
    "PT": (re.compile(r"^\d{4}-?\d{3}$"), "avoir la forme 1000-001"),
    "NL": (re.compile(r"^\d{4} ?[A-Z]{2}$"), "avoir la forme 1012 AB"),
    "CA": (re.compile(r"^[A-Z]\d[A-Z] ?\d[A-Z]\d$"), "avoir la forme H2X 1Y4"),
    "US": (re.compile(r"^\d{5}(-\d{4})?$"), "comporter 5 chiffres (ou 5+4 : 53703-1234)"),
    "GB": (re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$"), "avoir la forme SW1A 1AA"),
}
_KEEPS_SPACE = frozenset(("CA", "GB", "NL"))
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
    version: int | None = None  # what was read; a save from an older one is refused


EDITABLE = [f.name for f in fields(CustomerData)
            if f.name not in ("id", "referred_by_id", "version")]

# What a stale save's message calls each field (the form's labels).
FIELD_LABELS = {
    "kind": "Type", "status": "Statut", "civility": "Civilité", "first_name": "Prénom",
    "last_name": "Nom", "company_name": "Raison sociale", "legal_id": "SIRET / ICE",
    "birth_date": "Date de naissance", "email": "E-mail", "email2": "E-mail 2",
    "phone": "Téléphone", "phone2": "Téléphone 2", "address": "Adresse",
    "postal_code": "Code postal", "city": "Ville", "region": "Région", "country": "Pays",
    "segments": "Segments", "source": "Source d'acquisition",
    "preferred_channel": "Canal préféré", "consent": "Consentement marketing",
    "consent_date": "Date du consentement", "consent_how": "Recueilli comment",
    "referred_by_id": "Parrain", "external_id": "Identifiant externe", "notes": "Notes",
}
_TEXT_FIELDS = [n for n in EDITABLE
                if n not in ("birth_date", "consent_date", "consent", "segments")]
_TEXT_LIMITS = [(n, MAX_TEXT.get(n, MAX_CHARS)) for n in _TEXT_FIELDS]
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
    if type(value) is not str:
        value = str(value)
    # printable: no control character nor bidi override (all unprintable), nothing to clean
    text = (value if value.isprintable() else clean_text(value, multiline=name in MULTILINE)
            ).strip()
    if len(text) > limit:
        raise ValidationError(name, f"Ce champ dépasse {limit} caractères ({len(text)}).")
    return text


def validate_customer(data: CustomerData, country: str | None = None) -> CustomerData:
    """The customer normalised (E.164 phones, e-mails, legal id); ValidationError(field, msg) else.

    Phones are read with the company's country (or country) as default region."""
    region_default = country or _company_country()
    given = vars(data)
    clean = validated_values({name: given[name] for name in EDITABLE}, region_default)
    referred = data.referred_by_id
    if referred is not None:
        if referred == data.id or not Customer.select().where(Customer.id == referred).exists():
            raise ValidationError("referred_by_id", "Le parrain choisi n'existe pas.")
    return CustomerData(**clean, referred_by_id=referred, id=data.id, version=data.version)


def validated_values(clean: dict, region_default: str) -> dict:
    """validate_customer's rule on the editable fields as a dict (EDITABLE's names), made
    valid in place and returned; an import checks its rows through it without building a
    CustomerData per row."""
    for name, limit in _TEXT_LIMITS:  # most of an imported row's fields are empty: tested here
        value = clean[name]
        clean[name] = _text(name, value, limit) if value else ""
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
        code = clean["postal_code"].upper() if cust_country in _KEEPS_SPACE \
            else clean["postal_code"].replace(" ", "")
        clean["postal_code"] = code
        rule = POSTAL_CODE.get(cust_country)
        if rule and not rule[0].match(code):
            where = "" if cust_country in ("FR", "MA") else f" ({cust_country})"
            raise ValidationError("postal_code", f"Le code postal{where} doit {rule[1]}.")
    for name in ("birth_date", "consent_date"):
        value = clean[name]
        if value is not None and not isinstance(value, date):
            raise ValidationError(name, "Date invalide (attendu JJ/MM/AAAA).")
        if isinstance(value, datetime):
            clean[name] = value.date()
    # A birth date has a narrower rule than the range of every date (core.dates).
    if clean["birth_date"] and not MIN_DATE <= clean["birth_date"] <= date.today():
        raise ValidationError("birth_date",
                              "La date de naissance doit être passée (après 1900).")
    validate_date_range(clean["consent_date"], "consent_date")
    segments = clean["segments"]
    if segments:
        if isinstance(segments, str):
            segments = segments.split(",")
        tags = [clean_text(str(s), multiline=False).strip() for s in segments if s]
        tags = list(dict.fromkeys(t for t in tags if t))
        if len(",".join(tags)) > MAX_CHARS:
            raise ValidationError("segments", "Trop de segments (255 caractères au plus).")
        clean["segments"] = tags
    else:
        clean["segments"] = []
    clean["consent"] = bool(clean["consent"])
    clean["external_id"] = clean["external_id"] or None
    return clean


def customer_values(data: CustomerData) -> dict:
    """The column values of a validated customer, derived columns included (bulk writes)."""
    given = vars(data)
    return column_values({name: given[name] for name in EDITABLE}, data.referred_by_id)


def column_values(values: dict, referred_by_id: int | None = None) -> dict:
    """customer_values of a validated customer given as validated_values' dict: the derived
    columns added in place (the segments joined, the sort name, the phones' search forms)."""
    values["segments"] = ",".join(values["segments"])
    values["referred_by"] = referred_by_id
    values["sort_name"] = sort_key(values["first_name"], values["last_name"],
                                   values["company_name"], values["kind"])
    phone, phone2 = values["phone"], values["phone2"]
    values["search_phones"] = phone_search_forms(phone, phone2) if phone or phone2 else ""
    return values


def status_dates(status: str, old_status: str | None, client_since, lost_at,
                 today: date | None = None) -> dict:
    """client_since / lost_at after a status change: they date retention and attrition."""
    if status == "client":
        return {"client_since": client_since or today or date.today(), "lost_at": None}
    if status == "ancien client":
        today = today or date.today()
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
    values = customer_values(clean)
    values.update(status_dates(clean.status, None, None, None))
    try:
        with write_transaction():
            _check_external_id(clean.external_id, None)
            return Customer.insert(**values).execute()
    except IntegrityError as exc:
        raise ServiceError(f"Le client n'a pas pu être enregistré : {exc}") from exc


def _get_row(customer_id: int, *, lock: bool = False) -> Customer:
    query = Customer.select().where(Customer.id == customer_id)
    row = (for_update(query) if lock else query).get_or_none()
    if row is None:
        raise ServiceError(f"Le client n° {customer_id} n'existe pas (ou plus).")
    return row


def update_customer(customer_id: int, data: CustomerData, *, overwrite: bool = False,
                    original: CustomerData | None = None) -> None:
    """Save the form over the stored customer, if it is still at data.version (None: not
    checked). Otherwise StaleRecordError listing what changed since original (the customer as
    the form loaded it; without it, what differs from data) and carrying the stored customer;
    overwrite=True saves over it knowingly."""
    data.id = customer_id
    with write_transaction():
        row = _get_row(customer_id, lock=True)
        if row.anonymised_at is not None:
            raise ServiceError("Ce client a été anonymisé (RGPD) : sa fiche ne peut plus être "
                               "modifiée.")
        clean = validate_customer(data)
        _check_external_id(clean.external_id, customer_id)
        values = customer_values(clean)
        values.update(status_dates(clean.status, row.status, row.client_since, row.lost_at))
        if not save_version(Customer, customer_id, data.version, values, overwrite=overwrite):
            current = row_to_data(row)
            raise StaleRecordError("Ce client", changes(
                FIELD_LABELS, original or clean, current, show=_SHOW), current)


def _referrer_text(customer_id: int | None) -> str:
    if customer_id is None:
        return "aucun"
    row = Customer.get_or_none(Customer.id == customer_id)
    return display_name(row.first_name, row.last_name, row.company_name, row.kind) \
        if row is not None else f"client n° {customer_id}"


_SHOW = {"phone": lambda v: format_phone(v or "") or "vide",
         "phone2": lambda v: format_phone(v or "") or "vide",
         "referred_by_id": _referrer_text}


def row_to_data(row: Customer) -> CustomerData:
    values = {name: getattr(row, name) for name in EDITABLE}
    values["segments"] = [s for s in (row.segments or "").split(",") if s]
    return CustomerData(**values, referred_by_id=row.referred_by_id, id=row.id,
                        version=row.version)


def get_customer(customer_id: int) -> CustomerData:
    return row_to_data(_get_row(customer_id))


def customer_name(customer_id: int) -> str:
    row = _get_row(customer_id)
    return display_name(row.first_name, row.last_name, row.company_name, row.kind)


NAME_SIMILARITY = 85  # rapidfuzz token_sort_ratio from which two names are "close"


@dataclass(frozen=True)
class DuplicateKeys:
    """What tells two customers may be one: normalised e-mails and phones, sort name, postal
    code. Built the same way for the form, the stored customers and an imported row."""

    name: str
    postal: str
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    external_id: str = ""  # a till's or ERP's number: two different ones are two customers


def duplicate_keys(first_name: str, last_name: str, company_name: str, kind: str,
                   postal_code: str, emails, phones, country: str = "FR",
                   external_id: str | None = None) -> DuplicateKeys:
    """Keys of a customer; e-mails and phones normalised leniently (as typed when invalid)."""
    mails, numbers = set(), set()
    for value in emails:
        if value and value.strip():
            try:
                mails.add(normalise_email(value).lower())
            except ValidationError:
                mails.add(value.strip().lower())
    for value in phones:
        if value and value.strip():
            if value.startswith("+") and value[1:].isdigit():
                numbers.add(value)  # stored E.164: no parsing (100,000 stored customers)
                continue
            try:
                numbers.add(normalise_phone(value, country))
            except ValidationError:
                pass
    return DuplicateKeys(sort_key(first_name, last_name, company_name, kind),
                         (postal_code or "").replace(" ", ""), frozenset(mails),
                         frozenset(numbers), external_id or "")


def duplicate_reason(new: DuplicateKeys, other: DuplicateKeys) -> str | None:
    """THE duplicate rule (form, import): why other may be the same customer as new, or None.
    Same e-mail, same phone, a close name (rapidfuzz, accents ignored) in the same postal code
    unless their e-mails or their phones differ (two namesakes of a street each with their
    own), or the very same name where neither has a postal code, an e-mail or a phone. Two
    customers whose source numbers them differently (external ids) are never duplicates."""
    if new.external_id and other.external_id and new.external_id != other.external_id:
        return None
    if new.emails & other.emails:
        return "même e-mail"
    if new.phones & other.phones:
        return "même téléphone"
    if not (new.name and other.name):
        return None
    differ = ((new.emails and other.emails) or (new.phones and other.phones))
    if new.postal and new.postal == other.postal and not differ:
        from rapidfuzz import fuzz

        if new.name == other.name or fuzz.token_sort_ratio(new.name, other.name) \
                >= NAME_SIMILARITY:
            return "nom proche dans le même code postal"
    if (new.name == other.name and not (new.postal or other.postal)
            and not (new.emails or new.phones or other.emails or other.phones)):
        return "même nom, sans adresse ni coordonnées"
    return None


def find_duplicates(data: CustomerData, exclude_id: int | None = None) -> list[DuplicateHit]:
    """Customers that may be the same (duplicate_reason): candidates read by e-mail, phone,
    postal code or bare name, then the one rule applied to each."""
    from peewee import fn

    country = (data.country or _company_country()).upper()
    keys = duplicate_keys(data.first_name, data.last_name, data.company_name, data.kind,
                          data.postal_code, (data.email, data.email2),
                          (data.phone, data.phone2), country, data.external_id)
    columns = (Customer.id, Customer.first_name, Customer.last_name, Customer.company_name,
               Customer.kind, Customer.postal_code, Customer.email, Customer.email2,
               Customer.phone, Customer.phone2, Customer.external_id)
    where = []
    if keys.emails:
        emails = list(keys.emails)
        where.append(fn.LOWER(Customer.email).in_(emails) | fn.LOWER(Customer.email2).in_(emails))
    if keys.phones:
        phones = list(keys.phones)
        where.append(Customer.phone.in_(phones) | Customer.phone2.in_(phones))
    if keys.postal and keys.name:
        where.append(Customer.postal_code == keys.postal)
    if keys.name and not keys.postal:
        where.append((Customer.sort_name == keys.name) & (Customer.postal_code == ""))
    if not where:
        return []
    condition = where[0]
    for other in where[1:]:
        condition = condition | other
    hits = []
    for cid, first, last, company, kind, postal, *contacts, external in (
            Customer.select(*columns).where(condition & Customer.anonymised_at.is_null())
            .order_by(Customer.id).tuples()):
        if cid == exclude_id:
            continue
        reason = duplicate_reason(keys, duplicate_keys(first, last, company, kind, postal,
                                                       contacts[:2], contacts[2:], country,
                                                       external))
        if reason:
            hits.append(DuplicateHit(cid, display_name(first, last, company, kind), reason))
    order = ("même e-mail", "même téléphone")
    return sorted(hits, key=lambda h: order.index(h.reason) if h.reason in order else 2)


# --- delete and anonymise (the customers area's part; services/gdpr.py walks every area) ---

def delete_customer(customer_id: int) -> None:
    """Delete a customer with its purchases and interactions (database cascades)."""
    try:
        with write_transaction():
            _get_row(customer_id)
            Customer.delete().where(Customer.id == customer_id).execute()
    except IntegrityError as exc:
        raise ServiceError("Ce client ne peut pas être supprimé : des dossiers s'y rattachent. "
                           "Anonymisez-le plutôt.") from exc


_BLANK = dict(civility="", first_name="", last_name="", company_name="", legal_id="",
              birth_date=None, email="", email2="", phone="", phone2="", address="",
              postal_code="", notes="", external_id=None, referred_by=None, consent=False,
              consent_date=None, consent_how="", sort_name="", search_phones="")


def personal_data(customer_ids: list[int]) -> list[PersonalData]:
    """What identifies each customer (names, e-mails, phones in their usual spellings), read
    before erasure so that every area can look for it in its free texts."""
    result = []
    for (cid, first, last, company, email, email2, phone, phone2) in Customer.select(
            Customer.id, Customer.first_name, Customer.last_name, Customer.company_name,
            Customer.email, Customer.email2, Customer.phone, Customer.phone2).where(
            Customer.id.in_(list(customer_ids))).tuples():
        names = [first, last, company, f"{first} {last}", f"{last} {first}"]
        phones = [p for p in (phone, phone2) if p]
        forms = phone_search_forms(*phones).split() if phones else []
        spaced = [" ".join(f[i:i + 2] for i in range(0, len(f), 2)) for f in forms
                  if f.startswith("0") and len(f) == 10]
        result.append(PersonalData(cid, tuple(n.strip() for n in names if n.strip()),
                                   tuple(e for e in (email, email2) if e),
                                   tuple(dict.fromkeys([*phones, *forms, *spaced]))))
    return result


def not_anonymised(customer_ids: list[int]) -> list[int]:
    return [cid for (cid,) in Customer.select(Customer.id).where(
        Customer.id.in_(list(customer_ids)) & Customer.anonymised_at.is_null()).tuples()]


def erase_customer_rows(customer_ids: list[int]) -> int:
    """Blank the personal fields of these customers and their interactions' texts; unlink their
    godchildren. Purchases and statistics stay. Returns the count of customers erased now."""
    Customer.update(referred_by=None, version=Customer.version + 1).where(
        Customer.referred_by.in_(customer_ids)).execute()
    Interaction.update(subject="", outcome="").where(
        Interaction.customer.in_(customer_ids)).execute()
    CustomerEvent.delete().where(CustomerEvent.customer.in_(customer_ids)).execute()
    return Customer.update(**_BLANK, anonymised_at=utcnow(), version=Customer.version + 1).where(
        Customer.id.in_(customer_ids) & Customer.anonymised_at.is_null()).execute()


def customer_delete_impact(customer_id: int) -> DeleteImpact:
    """Rows of the customers area that go with a customer (purchases, interactions, the lines
    of its history: corrections and deletions), and godchildren kept unlinked."""
    _get_row(customer_id)
    return DeleteImpact(
        gone={"achat(s)": Purchase.select().where(Purchase.customer == customer_id).count(),
              "interaction(s)": Interaction.select().where(
                  Interaction.customer == customer_id).count(),
              "ligne(s) d'historique": CustomerEvent.select().where(
                  CustomerEvent.customer == customer_id).count()},
        kept={"filleul(s)": Customer.select().where(
            Customer.referred_by == customer_id).count()})
