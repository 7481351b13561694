"""Import customers from CSV/XLSX: column mapping, every row checked, rejects beside the source."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.customers import Customer
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers.bulk import bulk_customer_writes
from rcdesk.services.customers.duplicates import (
    CREATE,
    SKIP,
    DuplicateIndex,
    ProbableDuplicate,
)
from rcdesk.services.customers.records import (
    CustomerData,
    customer_values,
    get_customer,
    status_dates,
    validate_customer,
)
from rcdesk.services.customers.referrals import Referrals
from rcdesk.services.tabular import (  # noqa: F401 - re-exported for the dialog
    Cancelled,
    FileFormat,
    cell_text,
    checked_rows,
    detect_format,
    header_key,
    ignored_columns,
    parse_amount_cents,
    parse_bool_cell,
    parse_date_cell,
    parse_datetime_cell,
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
    "consent_how": "Recueil du consentement", "notes": "Notes", "created_at": "Créé le",
    "last_contact": "Dernier contact", "client_since": "Client depuis",
    "lost_at": "Ancien client depuis", "referrer": "Parrain",
}
# Headers recognised but not imported, with the reason shown beside them.
NOT_IMPORTED = {header_key("N°"): "numéro attribué par rcdesk, non importé"}
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
    "created_at": "creele datecreation datedecreation createdat creation",
    "last_contact": "derniercontact datederniercontact lastcontact",
    "client_since": "clientdepuis clientsince",
    "lost_at": "ancienclientdepuis perdule",
    "referrer": "parrain parrainepar referrer referredby",
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
    ignored: tuple[str, ...] = ()  # columns no field reads, named for the user
    probable: tuple = ()  # ProbableDuplicate rows rejected for review (duplicates.py)
    skipped: int = 0  # probable duplicates left out by decision

    def summary(self) -> str:
        return f"{self.imported} importés, {self.updated} mis à jour, {self.rejected} rejetés"


_key = header_key


def guess_mapping(headers: list[str], kind: str = "customers") -> dict[str, int]:
    """field -> column index from the usual French and English headers, and from the import's
    own labels (those of the export: an exported file imports back whole)."""
    aliases = _ALIASES if kind == "customers" else _PURCHASE_ALIASES
    labels = CUSTOMER_FIELDS if kind == "customers" else PURCHASE_FIELDS
    lookup = {_key(label): name for name, label in labels.items()}
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


def read_mapped(path: Path, fmt: FileFormat | None, mapping, fields: dict):
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


_CONVERTED = frozenset(("birth_date", "consent_date", "consent", "kind", "status", "civility",
                        "country", "segments", "postal_code", "phone", "phone2", "created_at",
                        "last_contact", "client_since", "lost_at", "referrer"))
# Not fields of CustomerData: kept beside it for the new row or the update.
_STAMPS = ("created_at", "last_contact", "client_since", "lost_at", "referrer")


def _customer_from_cells(cells: list, mapping: dict[str, int], country: str,
                         stamps: dict | None = None) -> CustomerData:
    """The row as CustomerData; its creation and last-contact dates go to stamps."""
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
            elif name in ("client_since", "lost_at", "referrer"):  # beside the customer
                if stamps is not None:
                    stamps[name] = text if name == "referrer" else parse_date_cell(raw)
            elif name in _STAMPS:
                stamp = parse_datetime_cell(raw)
                if stamp is not None and stamp > datetime.now() + timedelta(days=1):
                    raise ValueError("Date dans le futur.")
                if stamps is not None:
                    stamps[name] = stamp
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
                # "," as the export joins them, "|" as some tills do; a "/" stays inside a name
                data.segments = [s for s in re.split(r"[,|]", text) if s.strip()]
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


def reject_reason(fields: dict, exc: ValidationError) -> str:
    label = fields.get(exc.field) or CUSTOMER_FIELDS.get(exc.field, exc.field)
    return f"{label} : {exc.message}" if label else exc.message


def import_customers(path: str | Path, mapping: dict[str, int] | None = None,
                     fmt: FileFormat | None = None, *, update: bool = False,
                     dry_run: bool = False, progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None,
                     duplicates: dict[int, object] | None = None,
                     only_lines: set[int] | None = None) -> ImportResult:
    """Check every row; write the good ones in one transaction, the bad ones to a rejects CSV.

    An existing customer (same external id, else same e-mail) is updated when update is set,
    rejected otherwise. Two rows of the file naming the same customer (external id or e-mail)
    or the same stored customer: the second is rejected, naming the first's line. Cancelling
    leaves the database as it was. Safe off the GUI thread when the thread has its own
    connection.

    A probable duplicate (duplicates.py: the form's rule) of a stored customer or an earlier
    row is rejected naming it, unless duplicates[line] decides: SKIP, CREATE, or the stored
    customer's id (the row merged into it). only_lines: these lines only (the review step
    re-runs the lines it decided)."""
    from rcdesk.services.settings import get_company

    path = Path(path)
    fmt, headers, body, mapping = read_mapped(path, fmt, mapping, CUSTOMER_FIELDS)
    if not ({"last_name", "first_name", "company_name"} & mapping.keys()):
        raise ServiceError("Associez au moins une colonne au nom, au prénom ou à la raison "
                           "sociale.")
    ignored = ignored_columns(headers, mapping, body, NOT_IMPORTED)
    country = get_company().country or "FR"
    by_external = dict(Customer.select(Customer.external_id, Customer.id)
                       .where(Customer.external_id.is_null(False)).tuples())
    external_of = {cid: ext for ext, cid in by_external.items()}
    by_email = {}
    for email, cid in (Customer.select(fn.LOWER(Customer.email), Customer.id)
                       .where(Customer.email != "").order_by(Customer.id.desc()).tuples()):
        by_email[email] = cid
    if only_lines is not None:
        body = [row for row in body if row[0] in only_lines]
    total = len(body)
    new_rows: list[tuple] = []  # tuples in NEW_COLUMNS order: 100,000 dicts would weigh 200 MB
    updates: list[tuple[int, dict, dict]] = []
    rejects: list[tuple[int, str, list]] = []
    seen_rows = {hash(tuple(headers)): 1}  # hash of a row's cells -> its first line
    seen_external: dict[str, int] = {}
    seen_email: dict[str, int] = {}
    seen_existing: dict[int, int] = {}
    index = DuplicateIndex(country).load_stored()
    number_at = next((i for i, h in enumerate(headers) if _key(h) in NOT_IMPORTED), None)
    decisions = duplicates or {}
    probable: list[ProbableDuplicate] = []
    referrals = Referrals(by_external)
    skipped = 0
    stop = cancelled or (lambda: False)
    width = len(headers)
    try:
        for line, cells in checked_rows(body, width, fmt, rejects, stop, progress):
            signature = hash(tuple(cell_text(c) for c in cells))
            if signature in seen_rows:
                first = seen_rows[signature]
                reason = ("en-tête répété (fichiers mis bout à bout ?)" if first == 1
                          else f"ligne identique à la ligne {first}")
                rejects.append((line, reason, cells))
                continue
            seen_rows[signature] = line
            stamps: dict = {}
            try:
                data = validate_customer(_customer_from_cells(cells, mapping, country, stamps),
                                         country)
            except ValidationError as exc:
                rejects.append((line, reject_reason(CUSTOMER_FIELDS, exc), cells))
                continue
            email = data.email.lower()
            if data.external_id and data.external_id in seen_external:
                rejects.append((line, "même identifiant externe qu'à la ligne "
                                      f"{seen_external[data.external_id]}", cells))
                continue
            if email and email in seen_email:
                rejects.append((line, f"même e-mail qu'à la ligne {seen_email[email]}", cells))
                continue
            existing = (by_external.get(data.external_id) if data.external_id else None)
            if existing is None and email:
                existing = by_email.get(email)
                other = external_of.get(existing) if existing is not None else None
                if other and data.external_id and other != data.external_id:
                    rejects.append((line, f"e-mail déjà celui du client n° {existing}, "
                                          f"d'identifiant externe « {other} »", cells))
                    continue
            merge = False
            number = (cell_text(cells[number_at]) if number_at is not None
                      and number_at < len(cells) else "")
            if existing is None:
                keys = index.row_keys(data)
                hit = index.check(line, data, keys, number)
                decision = decisions.get(line)
                if hit is not None and decision == SKIP:
                    skipped += 1
                    continue
                if hit is not None and decision != CREATE:
                    if isinstance(decision, int) and not isinstance(decision, bool):
                        existing, merge = decision, True
                    else:
                        probable.append(hit)
                        rejects.append((line, hit.reject_reason(), cells))
                        continue
                if existing is None:
                    index.add_row(line, data, keys, number)
            if existing is not None and existing in seen_existing:
                rejects.append((line, f"même client (n° {existing}) qu'à la ligne "
                                      f"{seen_existing[existing]}", cells))
                continue
            if data.external_id:
                seen_external[data.external_id] = line
            if email:
                seen_email[email] = line
            if existing is not None and not (update or merge):
                reason = (f"client déjà présent (n° {existing}) : importez avec la mise à jour "
                          "pour le modifier")
                rejects.append((line, reason, cells))
                continue
            if existing is None:
                referrals.add_new(len(new_rows), number, stamps.get("referrer"), data.external_id)
                new_rows.append(_new_row(data, stamps))
                continue
            seen_existing[existing] = line
            try:
                merged = _merge(existing, data, mapping, cells, country)
            except ValidationError as exc:
                rejects.append((line, reject_reason(CUSTOMER_FIELDS, exc), cells))
                continue
            referrals.add_stored(existing, stamps.get("referrer"))
            updates.append((existing, customer_values(merged), stamps))
    except Cancelled:
        return ImportResult(0, 0, 0, None, total, cancelled=True, dry_run=dry_run)
    if progress:
        progress(total, total)
    referrals.resolve(new_rows, updates, NEW_COLUMNS.index("notes"))
    if not dry_run and (new_rows or updates):
        try:
            _write_customers(new_rows, updates, stop, referrals)
        except Cancelled:
            return ImportResult(0, 0, 0, None, total, cancelled=True)
        remember_mapping(headers, mapping, "customers")
    rejects_path = write_rejects(path, headers, rejects) if rejects else None
    return ImportResult(len(new_rows), len(updates), len(rejects), rejects_path, total,
                        dry_run=dry_run, ignored=ignored, probable=tuple(probable),
                        skipped=skipped)


def _merge(customer_id: int, data: CustomerData, mapping: dict[str, int], cells: list,
           country: str) -> CustomerData:
    """The stored customer with the file's non-empty mapped cells laid over it."""
    base = get_customer(customer_id)
    for name, index in mapping.items():
        if name in _STAMPS:
            continue
        if index < len(cells) and cell_text(cells[index]):
            setattr(base, name, getattr(data, name))
    return validate_customer(base, country)


def _new_row(data: CustomerData, stamps: dict) -> tuple:
    values = customer_values(data)
    values.update(status_dates(data.status, None, None, None))
    values.update(kept_status_dates(data.status, stamps))
    values["last_contact"] = stamps.get("last_contact")
    return (*(values[name] for name in NEW_COLUMNS[:-1]), stamps.get("created_at"))


NEW_COLUMNS = [*customer_values(CustomerData()).keys(), "client_since", "lost_at",
               "last_contact", "created_at"]


def kept_status_dates(status: str, stamps: dict) -> dict:
    """The file's « Client depuis » / « Ancien client depuis » where the status has them (an
    export keeps the dates retention is measured on)."""
    kept = {}
    if stamps.get("client_since") and status in ("client", "ancien client"):
        kept["client_since"] = stamps["client_since"]
    if stamps.get("lost_at") and status == "ancien client":
        kept["lost_at"] = stamps["lost_at"]
    return kept


def _write_customers(new_rows: list[tuple], updates: list[tuple[int, dict, dict]], stop,
                     referrals: Referrals | None = None) -> None:
    """New customers are created now unless the file dates them; an update keeps the earlier
    creation and the later last contact. Referrers are linked once every row exists."""
    now = utcnow()
    with write_transaction(Customer), bulk_customer_writes():
        first_new = (Customer.select(fn.MAX(Customer.id)).scalar() or 0) if referrals else 0
        for start in range(0, len(new_rows), CHUNK):
            if stop():
                raise Cancelled
            insert_rows(Customer, NEW_COLUMNS,
                        [(*row[:-1], row[-1] or now) for row in new_rows[start:start + CHUNK]])
        for start in range(0, len(updates), CHUNK):
            if stop():
                raise Cancelled
            chunk = updates[start:start + CHUNK]
            old = {cid: rest for cid, *rest in Customer.select(
                Customer.id, Customer.status, Customer.client_since, Customer.lost_at,
                Customer.created_at, Customer.last_contact)
                .where(Customer.id.in_([c for c, _, _ in chunk])).tuples()}
            for cid, values, stamps in chunk:
                status, since, lost, created, contact = old[cid]
                values.update(status_dates(values["status"], status, since, lost))
                values.update(kept_status_dates(values["status"], stamps))
                if stamps.get("created_at") and stamps["created_at"] < created:
                    values["created_at"] = stamps["created_at"]
                if stamps.get("last_contact") and (contact is None
                                                   or stamps["last_contact"] > contact):
                    values["last_contact"] = stamps["last_contact"]
                # a form opened before the import then saved is refused, not silently reverting it
                Customer.update(**values, version=Customer.version + 1).where(
                    Customer.id == cid).execute()
        if referrals:
            referrals.write(first_new, len(new_rows))
        if stop():
            raise Cancelled
