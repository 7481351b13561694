"""Import customers from CSV/XLSX: column mapping, every row checked, rejects beside the source."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import fold
from rcdesk.models.base import database_proxy, utcnow
from rcdesk.models.customers import Customer
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers.bulk import bulk_customer_writes
from rcdesk.services.customers.records import (
    CustomerData,
    customer_values,
    get_customer,
    status_dates,
    validate_customer,
)
from rcdesk.services.tabular import (  # noqa: F401 - re-exported for the dialog
    FileFormat,
    cell_text,
    detect_format,
    parse_amount_cents,
    parse_bool_cell,
    parse_date_cell,
    read_preview,
    read_table,
    write_rejects,
)

CHUNK = 2000

# Import fields and the French label shown in the mapping dialog and in reject reasons.
CUSTOMER_FIELDS = {
    "external_id": "Identifiant externe", "kind": "Type", "status": "Statut",
    "civility": "Civilité", "last_name": "Nom", "first_name": "Prénom",
    "company_name": "Raison sociale", "legal_id": "SIRET / ICE", "birth_date": "Date de naissance",
    "email": "E-mail", "email2": "E-mail 2", "phone": "Téléphone", "phone2": "Téléphone 2",
    "address": "Adresse", "postal_code": "Code postal", "city": "Ville", "region": "Région",
    "country": "Pays", "segments": "Segments", "source": "Source", "preferred_channel":
    "Canal préféré", "consent": "Consentement", "consent_date": "Date du consentement",
    "consent_how": "Recueil du consentement", "notes": "Notes",
}
PURCHASE_FIELDS = {
    "external_id": "Identifiant client", "email": "E-mail du client", "card_number": "N° de carte",
    "date": "Date", "amount": "Montant", "channel": "Canal", "reference": "Référence",
}
_ALIASES = {
    "last_name": "nom nomdefamille lastname surname name nomclient",
    "first_name": "prenom firstname givenname",
    "company_name": "raisonsociale societe entreprise company companyname organisation",
    "legal_id": "siret ice siren legalid identifiantlegal",
    "civility": "civilite titre title civility genre",
    "email": "email courriel mail adressemail adresseemail emailaddress e-mail emailclient",
    "email2": "email2 courriel2 mail2 emailsecondaire",
    "phone": "telephone tel portable mobile phone telmobile gsm telephoneportable numero",
    "phone2": "telephone2 tel2 telfixe fixe phone2 telephonefixe",
    "address": "adresse address rue adressepostale",
    "postal_code": "codepostal cp zip zipcode postalcode postcode",
    "city": "ville city commune localite",
    "region": "region state province",
    "country": "pays country",
    "birth_date": "datedenaissance naissance birthdate dateofbirth dob datenaissance",
    "kind": "type typeclient kind categorie typedeclient",
    "status": "statut status etat",
    "segments": "segments segment tags etiquettes",
    "source": "source origine canaldacquisition acquisition",
    "preferred_channel": "canalprefere preferredchannel canal",
    "consent": "consentement optin consent accordmarketing optinmarketing",
    "consent_date": "dateconsentement consentdate datedeconsentement dateoptin",
    "consent_how": "recueilconsentement consentementrecueilli modeconsentement",
    "external_id": "identifiantexterne idexterne externalid id code codeclient numeroclient "
                   "refclient customerid numclient identifiant idclient",
    "notes": "notes note commentaire commentaires remarques observations",
}
_PURCHASE_ALIASES = {
    "external_id": _ALIASES["external_id"] + " client",
    "email": _ALIASES["email"],
    "card_number": "carte numerocarte cartefidelite cardnumber ncarte nodecarte numcarte",
    "date": "date dateachat datedachat datevente purchasedate jour",
    "amount": "montant montantttc total amount prix totalttc ca",
    "channel": "canal channel magasin boutique pointdevente",
    "reference": "reference ref numeroticket ticket facture numerofacture nticket",
}
KIND_WORDS = {"particulier": "particulier", "part": "particulier", "b2c": "particulier",
              "personne": "particulier", "professionnel": "professionnel", "pro": "professionnel",
              "b2b": "professionnel", "entreprise": "professionnel", "societe": "professionnel"}
STATUS_WORDS = {"prospect": "prospect", "client": "client", "actif": "client",
                "ancienclient": "ancien client", "ancien": "ancien client",
                "perdu": "ancien client", "inactif": "ancien client"}
CIVILITY_WORDS = {"m": "M.", "mr": "M.", "monsieur": "M.", "mme": "Mme", "madame": "Mme",
                  "mlle": "Mlle", "mademoiselle": "Mlle", "": ""}
COUNTRY_WORDS = {"france": "FR", "maroc": "MA", "morocco": "MA", "belgique": "BE",
                 "belgium": "BE", "suisse": "CH", "switzerland": "CH", "luxembourg": "LU",
                 "espagne": "ES", "spain": "ES", "italie": "IT", "italy": "IT",
                 "allemagne": "DE", "germany": "DE", "royaumeuni": "GB", "portugal": "PT",
                 "algerie": "DZ", "tunisie": "TN", "senegal": "SN", "canada": "CA"}
# Card number -> customer id resolvers registered by the loyalty area.
CARD_LOOKUPS: list[Callable[[str], int | None]] = []


@dataclass(frozen=True)
class ImportResult:
    imported: int
    updated: int
    rejected: int
    rejects_path: Path | None
    total: int = 0
    cancelled: bool = False
    dry_run: bool = False

    def summary(self) -> str:
        return f"{self.imported} importés, {self.updated} mis à jour, {self.rejected} rejetés"


class _Cancelled(Exception):
    pass


def _key(header) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(str(header)))


def guess_mapping(headers: list[str], kind: str = "customers") -> dict[str, int]:
    """field -> column index from the usual French and English headers."""
    aliases = _ALIASES if kind == "customers" else _PURCHASE_ALIASES
    lookup = {}
    for name, words in aliases.items():
        for word in words.split():
            lookup.setdefault(_key(word), name)
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = lookup.get(_key(header))
        if name and name not in mapping:
            mapping[name] = index
    for index, header in enumerate(headers):  # "Tél. portable", "Nom du client": by prefix
        key = _key(header)
        if index in mapping.values() or key in lookup:
            continue
        prefixes = [w for w in lookup if len(w) >= 3 and key.startswith(w)]
        if prefixes:
            name = lookup[max(prefixes, key=len)]
            if name not in mapping:
                mapping[name] = index
    return mapping


def remembered_mapping(headers: list[str], kind: str = "customers") -> dict[str, int]:
    """The last mapping used (by header name) where the headers match, else the guess."""
    from rcdesk.services.settings import get_setting

    saved = get_setting(f"import_mapping_{kind}", {}) or {}
    mapping = guess_mapping(headers, kind)
    positions = {str(h).strip(): i for i, h in enumerate(headers)}
    for name, header in saved.items():
        if header in positions:
            mapping = {k: v for k, v in mapping.items() if v != positions[header]}
            mapping[name] = positions[header]
    return mapping


def remember_mapping(headers: list[str], mapping: dict[str, int], kind: str = "customers") -> None:
    from rcdesk.services.settings import set_setting

    set_setting(f"import_mapping_{kind}",
                {name: str(headers[i]).strip() for name, i in mapping.items() if i < len(headers)})


def _read(path: Path, fmt: FileFormat | None, mapping, fields: dict):
    fmt, headers, body = read_table(path, fmt)
    if mapping is None:
        mapping = remembered_mapping(headers, "customers" if fields is CUSTOMER_FIELDS
                                     else "purchases")
    for name, index in mapping.items():
        if name not in fields:
            raise ServiceError(f"Champ d'import inconnu : « {name} ».")
        if not 0 <= index < len(headers):
            raise ServiceError(f"La colonne choisie pour « {fields[name]} » n'existe pas.")
    return fmt, headers, body, mapping


def _checked_rows(body: list, width: int, fmt: FileFormat, rejects: list, stop, progress):
    """(line, cells) of each row shaped like the header; a misshapen row goes to rejects.
    Reports progress and raises _Cancelled when stop() says so, every 500 rows."""
    total = len(body)
    for done, (line, cells) in enumerate(body, start=1):
        if done % 500 == 0:
            if stop():
                raise _Cancelled
            if progress:
                progress(done, total)
        problem = _shape_problem(cells, width, fmt)
        if problem:
            rejects.append((line, problem, cells))
            continue
        yield line, cells


def _shape_problem(cells: list, width: int, fmt: FileFormat) -> str | None:
    """A CSV row with more or fewer columns than the header (a spreadsheet row simply ends
    at its last filled cell)."""
    if len(cells) > width and any(cell_text(c) for c in cells[width:]):
        return f"{len(cells)} colonnes au lieu de {width} (séparateur dans une valeur ?)"
    if len(cells) < width and fmt.kind == "csv":
        return f"{len(cells)} colonnes au lieu de {width}"
    return None


_CONVERTED = frozenset(("birth_date", "consent_date", "consent", "kind", "status", "civility",
                        "country", "segments", "postal_code", "phone", "phone2"))


def _customer_from_cells(cells: list, mapping: dict[str, int], country: str) -> CustomerData:
    data = CustomerData()
    width = len(cells)
    for name, i in mapping.items():
        raw = cells[i] if i < width else ""
        text = cell_text(raw)
        if name not in _CONVERTED:
            setattr(data, name, text)
            continue
        try:
            if name in ("birth_date", "consent_date"):
                setattr(data, name, parse_date_cell(raw))
            elif name == "consent":
                data.consent = parse_bool_cell(raw)
            elif name == "kind":
                data.kind = KIND_WORDS.get(_key(text), text) if text else "particulier"
            elif name == "status":
                data.status = STATUS_WORDS.get(_key(text), text) if text else "prospect"
            elif name == "civility":
                data.civility = CIVILITY_WORDS.get(_key(text), text)
            elif name == "country":
                data.country = COUNTRY_WORDS.get(_key(text), text.upper())
            elif name == "segments":
                data.segments = [s for s in re.split(r"[,|/]", text) if s.strip()]
            elif name == "postal_code" and isinstance(raw, (int, float)) and len(text) == 4:
                data.postal_code = text.zfill(5)  # a spreadsheet dropped the leading zero
            elif name == "phone" or name == "phone2":
                setattr(data, name, text if not isinstance(raw, (int, float)) else "0" + text
                        if len(text) == 9 and country in ("FR", "MA") else text)
            else:
                setattr(data, name, text)
        except ValueError as exc:
            raise ValidationError(name, str(exc)) from None
    if "kind" not in mapping and data.company_name and not (data.first_name or data.last_name):
        data.kind = "professionnel"
    return data


def _reason(fields: dict, exc: ValidationError) -> str:
    label = fields.get(exc.field) or CUSTOMER_FIELDS.get(exc.field, exc.field)
    return f"{label} : {exc.message}" if label else exc.message


def import_customers(path: str | Path, mapping: dict[str, int] | None = None,
                     fmt: FileFormat | None = None, *, update: bool = False,
                     dry_run: bool = False, progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Check every row; write the good ones in one transaction, the bad ones to a rejects CSV.

    An existing customer (same external id, else same e-mail) is updated when update is set,
    rejected otherwise. Cancelling leaves the database as it was. Safe off the GUI thread
    when the thread has its own connection."""
    from rcdesk.services.settings import get_company

    path = Path(path)
    fmt, headers, body, mapping = _read(path, fmt, mapping, CUSTOMER_FIELDS)
    if not ({"last_name", "first_name", "company_name"} & mapping.keys()):
        raise ServiceError("Associez au moins une colonne au nom, au prénom ou à la raison "
                           "sociale.")
    country = get_company().country or "FR"
    by_external = dict(Customer.select(Customer.external_id, Customer.id)
                       .where(Customer.external_id.is_null(False)).tuples())
    by_email = {}
    for email, cid in (Customer.select(fn.LOWER(Customer.email), Customer.id)
                       .where(Customer.email != "").order_by(Customer.id.desc()).tuples()):
        by_email[email] = cid
    total = len(body)
    new_rows: list[tuple] = []  # tuples in NEW_COLUMNS order: 100,000 dicts would weigh 200 MB
    updates: list[tuple[int, dict]] = []
    rejects: list[tuple[int, str, list]] = []
    seen_rows = {hash(tuple(headers)): 1}  # hash of a row's cells -> its first line
    seen_keys: dict[str, int] = {}
    stop = cancelled or (lambda: False)
    width = len(headers)
    try:
        for line, cells in _checked_rows(body, width, fmt, rejects, stop, progress):
            signature = hash(tuple(cell_text(c) for c in cells))
            if signature in seen_rows:
                first = seen_rows[signature]
                reason = ("en-tête répété (fichiers mis bout à bout ?)" if first == 1
                          else f"ligne identique à la ligne {first}")
                rejects.append((line, reason, cells))
                continue
            seen_rows[signature] = line
            try:
                data = validate_customer(_customer_from_cells(cells, mapping, country), country)
            except ValidationError as exc:
                rejects.append((line, _reason(CUSTOMER_FIELDS, exc), cells))
                continue
            key = f"x:{data.external_id}" if data.external_id else (
                f"e:{data.email.lower()}" if data.email else None)
            if key and key in seen_keys:
                what = "identifiant externe" if key[0] == "x" else "e-mail"
                rejects.append((line, f"même {what} qu'à la ligne {seen_keys[key]}", cells))
                continue
            if key:
                seen_keys[key] = line
            existing = (by_external.get(data.external_id) if data.external_id else None)
            if existing is None and data.email:
                existing = by_email.get(data.email.lower())
            if existing is not None and not update:
                reason = (f"client déjà présent (n° {existing}) : importez avec la mise à jour "
                          "pour le modifier")
                rejects.append((line, reason, cells))
                continue
            if existing is None:
                new_rows.append(_new_row(data))
                continue
            try:
                merged = _merge(existing, data, mapping, cells, country)
            except ValidationError as exc:
                rejects.append((line, _reason(CUSTOMER_FIELDS, exc), cells))
                continue
            updates.append((existing, customer_values(merged)))
    except _Cancelled:
        return ImportResult(0, 0, 0, None, total, cancelled=True, dry_run=dry_run)
    if progress:
        progress(total, total)
    if not dry_run and (new_rows or updates):
        try:
            _write_customers(new_rows, updates, stop)
        except _Cancelled:
            return ImportResult(0, 0, 0, None, total, cancelled=True)
        remember_mapping(headers, mapping, "customers")
    rejects_path = write_rejects(path, headers, rejects) if rejects else None
    return ImportResult(len(new_rows), len(updates), len(rejects), rejects_path, total,
                        dry_run=dry_run)


def _merge(customer_id: int, data: CustomerData, mapping: dict[str, int], cells: list,
           country: str) -> CustomerData:
    """The stored customer with the file's non-empty mapped cells laid over it."""
    base = get_customer(customer_id)
    for name, index in mapping.items():
        if index < len(cells) and cell_text(cells[index]):
            setattr(base, name, getattr(data, name))
    return validate_customer(base, country)


def _new_row(data: CustomerData) -> tuple:
    values = customer_values(data)
    values.update(status_dates(data.status, None, None, None))
    return tuple(values[name] for name in NEW_COLUMNS[:-1])


NEW_COLUMNS = [*customer_values(CustomerData()).keys(), "client_since", "lost_at", "created_at"]


def _write_customers(new_rows: list[tuple], updates: list[tuple[int, dict]], stop) -> None:
    now = utcnow()
    with database_proxy.atomic(), bulk_customer_writes():
        for start in range(0, len(new_rows), CHUNK):
            if stop():
                raise _Cancelled
            insert_rows(Customer, NEW_COLUMNS,
                        [(*row, now) for row in new_rows[start:start + CHUNK]])
        for start in range(0, len(updates), CHUNK):
            if stop():
                raise _Cancelled
            chunk = updates[start:start + CHUNK]
            old = {cid: (status, since, lost) for cid, status, since, lost in Customer.select(
                Customer.id, Customer.status, Customer.client_since, Customer.lost_at)
                .where(Customer.id.in_([c for c, _ in chunk])).tuples()}
            for cid, values in chunk:
                status, since, lost = old[cid]
                values.update(status_dates(values["status"], status, since, lost))
                Customer.update(**values).where(Customer.id == cid).execute()
        if stop():
            raise _Cancelled


from rcdesk.services.customers.purchases_import import import_purchases  # noqa: E402,F401
