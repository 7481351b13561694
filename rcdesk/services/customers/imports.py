"""Import customers from CSV/XLSX: column mapping, every row checked, rejects beside the source."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import itemgetter
from pathlib import Path

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import fold
from rcdesk.models.base import database_proxy, utcnow, write_transaction
from rcdesk.models.customers import Customer, CustomerContact
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers.bulk import bulk_customer_writes
from rcdesk.services.customers.columns import EXTRA_FIELDS, KNOWN_UNUSED, column_key
from rcdesk.services.customers.columns import fallbacks as column_fallbacks
from rcdesk.services.customers.columns import guess as guess_columns
from rcdesk.services.customers.contacts import ContactData, contact_values, next_positions
from rcdesk.services.customers.duplicates import (
    CREATE,
    SKIP,
    DuplicateIndex,
    ProbableDuplicate,
    row_keys,
)
from rcdesk.services.customers.import_pool import RowChecks, pool_size
from rcdesk.services.customers.import_rows import (
    Parents,
    add_note,
    checked_contact,
    contact_from_row,
    group_problems,
    is_reference_header,
    known_contact_names,
    note_line,
)
from rcdesk.services.customers.import_rows import keep_invalid as keep_invalid_values
from rcdesk.services.customers.records import (
    EDITABLE,
    CustomerData,
    column_values,
    customer_values,
    get_customer,
    status_dates,
    validate_customer,
    validated_values,
)
from rcdesk.services.customers.referrals import Referrals
from rcdesk.services.customers.search import display_name
from rcdesk.services.customers.vocabulary import (
    VOCABULARY_FIELDS,
    UnknownValue,
    Vocabulary,
    phone_text,
    postal_code_text,
    segment_list,
)
from rcdesk.services.tabular import (  # noqa: F401 - re-exported for the dialog
    Cancelled,
    FileFormat,
    cell_text,
    checked_rows,
    detect_format,
    header_key,
    ignored_columns,
    parse_amount_cents,
    parse_date_cell,
    parse_datetime_cell,
    read_preview,
    read_table,
    write_rejects,
)
from rcdesk.services.tabular.date_order import day_first_text, slashed_order

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
# What a column of a customer file may be mapped to: the customer's fields, then what other
# tools' rows carry (their parent company, the contact's role, a second address line, active).
MAPPING_FIELDS = {**CUSTOMER_FIELDS, **EXTRA_FIELDS}
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
from rcdesk.services.customers.vocabulary import (  # noqa: E402,F401 - re-exported
    CIVILITY_WORDS,
    KIND_WORDS,
    STATUS_WORDS,
)


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
    contacts: int = 0  # rows stored as contact persons of a professional customer
    companies: int = 0  # professional customers created from a parent name (« Account Name »)
    warned: int = 0  # rows imported with a value kept in the notes (keep_invalid)
    warnings_path: Path | None = None
    problems: tuple = ()  # ImportProblem, the most frequent first
    rejected_lines: tuple[int, ...] = ()
    probable: tuple = ()  # ProbableDuplicate rows rejected for review (duplicates.py)
    skipped: int = 0  # probable duplicates left out by decision
    month_first: tuple[str, ...] = ()  # date columns read month first (US exports), by header

    def summary(self) -> str:
        text = f"{self.imported} importés, {self.updated} mis à jour, {self.rejected} rejetés"
        if self.contacts:
            text += f", {self.contacts} contact(s) rattaché(s) à leur société"
        if self.companies:
            text += f" (dont {self.companies} société(s) créée(s) d'après leur nom)"
        if self.warned:
            text += f", {self.warned} importé(s) avec une valeur gardée dans les notes"
        if self.month_first:
            names = ", ".join(f"« {h} »" for h in self.month_first)
            text += f" ; dates lues mois/jour/année (format américain) : {names}"
        return text


_key = header_key


def guess_mapping(headers: list[str], kind: str = "customers") -> dict[str, int]:
    """field -> column index from the usual French and English headers, the import's own
    labels (those of the export: an exported file imports back whole) and, for customers, the
    column names of Odoo, Dolibarr, SuiteCRM, Google Contacts and Outlook (columns.py)."""
    aliases = _ALIASES if kind == "customers" else _PURCHASE_ALIASES
    labels = MAPPING_FIELDS if kind == "customers" else PURCHASE_FIELDS
    lookup = {_key(label): name for name, label in labels.items()}
    for name, words in aliases.items():
        for word in words.split():
            lookup.setdefault(_key(word), name)
    if kind == "customers":
        return guess_columns(headers, lookup)
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
    """The last mapping used (by header name) when this file has every column it named (the
    same layout: a mapping made for an Outlook file does not leak into a SuiteCRM one whose
    "Title" means something else), else the guess."""
    from rcdesk.services.settings import get_setting

    saved = get_setting(f"import_mapping_{kind}", {}) or {}
    mapping = guess_mapping(headers, kind)
    fields = MAPPING_FIELDS if kind == "customers" else PURCHASE_FIELDS
    saved = {name: header for name, header in saved.items() if name in fields}
    positions = {str(h).strip(): i for i, h in enumerate(headers)}
    if not all(header in positions for header in saved.values()):
        return mapping
    for name, header in saved.items():
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
        mapping = remembered_mapping(headers, "customers" if fields is MAPPING_FIELDS
                                     else "purchases")
    for name, index in mapping.items():
        if name not in fields:
            raise ServiceError(f"Champ d'import inconnu : « {name} ».")
        if not 0 <= index < len(headers):
            raise ServiceError(f"La colonne choisie pour « {fields[name]} » n'existe pas.")
    return fmt, headers, body, mapping


# the date columns of a customer file (read day first unless their values say month first)
_DATE_FIELDS = ("birth_date", "consent_date", "created_at", "last_contact", "client_since",
                "lost_at")


def _day_first_dates(headers: list[str], body: list, mapping: dict[str, int]
                     ) -> tuple[list, tuple[str, ...]]:
    """The body with the dates of month-first columns (a US Outlook or Google export:
    « Birthday » 3/15/1980) rewritten day first, and those columns' headers. Decided per
    column over the whole file (tabular.date_order), before any row is read."""
    swapped = [i for name in _DATE_FIELDS if (i := mapping.get(name)) is not None
               and slashed_order(cells[i] for _line, cells in body if i < len(cells)) == "mdy"]
    if not swapped:
        return body, ()
    rewritten = []
    for line, cells in body:
        cells = list(cells)
        for i in swapped:
            if i < len(cells):
                cells[i] = day_first_text(cells[i])
        rewritten.append((line, cells))
    return rewritten, tuple(headers[i] for i in swapped if i < len(headers))


_CONVERTED = frozenset(("birth_date", "consent_date", "consent", "kind", "status", "civility",
                        "country", "segments", "postal_code", "phone", "phone2", "created_at",
                        "last_contact", "active", "parent", "role", "address2", "client_since",
                        "lost_at", "referrer", "vat"))
# Not fields of CustomerData: kept beside it for the new row or the update.
_STAMPS = ("created_at", "last_contact", "client_since", "lost_at", "referrer")
_EXTRA = frozenset(EXTRA_FIELDS)
_YEARLESS = re.compile(r"--(\d\d)-(\d\d)")
_EMPTY_DATES = frozenset(("0/0/00", "00/00/0000", "0000-00-00", "0"))  # Outlook, MySQL


def _customer_from_cells(cells: list, mapping: dict[str, int], country: str,
                         stamps: dict | None = None, vocab: Vocabulary | None = None,
                         extra: dict | None = None,
                         kept: list | None = None, whole_name: bool = False,
                         fallback: dict[str, list[int]] | None = None,
                         texts: list[str] | None = None) -> CustomerData:
    """The row as CustomerData; its creation and last-contact dates go to stamps, the values
    of the fields that are not the customer's (parent, role, address2, active) and the notes
    to add to extra. With kept (keep_invalid), a value that cannot be read is listed there as
    (field, raw) instead of rejecting the row. whole_name: the name column is Odoo's « name »,
    a company's name on a company's row. fallback: field -> other columns read when its own
    is empty (columns.fallbacks). texts: the cells' cell_text when already made."""
    data = CustomerData()
    vocab = vocab or Vocabulary([], {})
    extra = extra if extra is not None else {}
    if fallback:
        cells = _with_fallbacks(cells, mapping, fallback, extra)
        texts = None
    width = len(cells)
    kind_given = False
    postal = None
    for name, i in mapping.items():
        if i < width:
            raw = cells[i]
            text = texts[i] if texts is not None else cell_text(raw)
        else:
            raw = text = ""
        if vocab.values and name not in VOCABULARY_FIELDS:
            found, value = vocab.mapped(name, text)
            if found:
                raw = text = str(value)
        if name not in _CONVERTED:
            setattr(data, name, text)
            continue
        try:
            if name in ("birth_date", "consent_date"):
                day = _YEARLESS.fullmatch(text)
                if day:  # Google's birthday without its year: not a birth date, kept
                    extra.setdefault("notes", []).append(
                        f"Anniversaire (sans année) : {day.group(2)}/{day.group(1)}")
                    continue
                setattr(data, name, None if text in _EMPTY_DATES else parse_date_cell(raw))
            elif name in ("client_since", "lost_at", "referrer"):  # beside the customer
                if stamps is not None:
                    stamps[name] = text if name == "referrer" else (
                        None if text in _EMPTY_DATES else parse_date_cell(raw))
            elif name in _STAMPS:
                stamp = None if text in _EMPTY_DATES else parse_datetime_cell(raw)
                if stamp is not None and stamp > datetime.now() + timedelta(days=1):
                    raise ValueError("Date dans le futur.")
                if stamps is not None:
                    stamps[name] = stamp
            elif name in _EXTRA:
                if name == "active":
                    if text:
                        extra[name] = vocab.read(name, text)
                elif text:
                    extra[name] = text
            elif name == "consent":
                data.consent = vocab.read(name, text)
            elif name == "kind":
                if text:
                    data.kind = vocab.read(name, text)
                    kind_given = True
            elif name == "status":
                data.status = vocab.read(name, text) if text else "prospect"
            elif name == "civility":
                data.civility = vocab.read(name, text) if text else ""
            elif name == "country":
                data.country = vocab.read(name, text) if text else ""
            elif name == "segments":
                data.segments = segment_list(text)
            elif name == "postal_code":
                postal = (text, isinstance(raw, (int, float)))
            else:  # phone, phone2
                text, others = phone_text(text)
                if others:
                    extra.setdefault("notes", []).append(f"Autres numéros : {others}")
                setattr(data, name, text if not isinstance(raw, (int, float)) else "0" + text
                        if len(text) == 9 and country in ("FR", "MA") else text)
        except (ValueError, ValidationError) as exc:
            if kept is None:
                if isinstance(exc, ValidationError):
                    raise
                raise ValidationError(name, str(exc)) from None
            kept.append((name, text))
    if postal is not None:
        data.postal_code = postal_code_text(postal[0], postal[1], data.country or country)
    if extra.get("vat"):  # no field of its own: kept, with its name, in the notes
        extra.setdefault("notes", []).append(f"N° de TVA : {extra['vat']}")
    if extra.get("address2"):
        data.address = f"{data.address}\n{extra['address2']}" if data.address \
            else extra["address2"]
    if not kind_given and data.company_name and not (data.first_name or data.last_name):
        data.kind = "professionnel"
    if whole_name and data.kind == "professionnel" and not data.company_name \
            and data.last_name and not data.first_name:
        data.company_name, data.last_name = data.last_name, ""  # Odoo's one "name" column
    elif data.kind == "particulier" and kind_given and data.company_name \
            and not (data.first_name or data.last_name):
        data.last_name, data.company_name = data.company_name, ""  # Dolibarr's TE_PRIVATE
    if extra.get("active") is False:
        if data.status == "client":
            data.status = "ancien client"
        else:
            extra.setdefault("notes", []).append("Inactif (archivé) dans le fichier d'origine")
    return data


@dataclass(frozen=True)
class RowCheckState:
    """What checking one row needs, built once per import (and once in each worker process
    of import_pool, from plain arguments: the vocabulary's readers are closures)."""

    mapping: dict[str, int]
    country: str
    vocab: Vocabulary
    keep_invalid: bool
    fallback: dict[str, list[int]]
    columns: dict[str, str]
    whole_name: bool


def row_check_state(headers: list[str], mapping: dict[str, int], country: str,
                    values: dict[str, dict], keep_invalid: bool,
                    fallback: dict[str, list[int]]) -> RowCheckState:
    columns = {name: headers[i] for name, i in mapping.items() if i < len(headers)}
    return RowCheckState(mapping, country, Vocabulary(headers, mapping, values), keep_invalid,
                         fallback, columns, column_key(columns.get("last_name", "")) == "name")


def row_signature(texts) -> bytes:
    """What tells two rows with the same cells (repeated rows): a digest of their texts, the
    same in every process (hash() of a str is not)."""
    return hashlib.blake2b(repr(tuple(texts)).encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


def check_row(state: RowCheckState, line: int, cells: list) -> tuple:
    """The row's signature and outcome."""
    texts = [cell_text(c) for c in cells]
    return (row_signature(texts), _row_outcome(state, cells, texts))


def _row_outcome(state: RowCheckState, cells: list, texts: list[str] | None = None) -> tuple:
    """One row read, normalised and validated, on its own (no database, no other row: it runs
    in import_pool's workers). The outcome: ("reject", field, message, raw of an unknown
    value or None), ("contact", parent, ContactData, warning or None) for a contact person
    of a company, or ("customer", its row for a new customer (NEW_COLUMNS: the validated
    values, _row_data gives them back as CustomerData), stamps, warning or None, its
    duplicate keys): what costs most per row is done here, where the workers share it, and
    what comes back from a worker is plain tuples (the keys share the row's strings)."""
    mapping, country, columns = state.mapping, state.country, state.columns
    stamps: dict = {}
    extra: dict = {}
    kept: list | None = [] if state.keep_invalid else None
    try:
        raw_data = _customer_from_cells(cells, mapping, country, stamps, state.vocab, extra,
                                        kept, state.whole_name, state.fallback, texts)
        row_country = raw_data.country or country
        notes = extra.get("notes", [])
        if extra.get("parent") and raw_data.kind != "professionnel":
            contact_kept: list = []
            contact = checked_contact(
                contact_from_row(raw_data, extra.get("role", ""), [
                    *notes, *(note_line(f, r, MAPPING_FIELDS, columns)
                              for f, r in kept or ())], MAPPING_FIELDS, set(mapping)),
                row_country, state.keep_invalid, contact_kept)
            warning = (_kept_text([*(kept or []), *contact_kept], columns)
                       if kept or contact_kept else None)
            return ("contact", extra["parent"], contact, warning)
        if extra.get("role"):
            notes = [*notes, f"Fonction : {extra['role']}"]
        if extra.get("parent"):
            notes = [*notes, f"Société rattachée : {extra['parent']}"]
        for note in notes:
            raw_data.notes = add_note(raw_data.notes, note)
        if kept is not None:
            for field, raw in kept:
                raw_data.notes = add_note(raw_data.notes,
                                          note_line(field, raw, MAPPING_FIELDS, columns))
            values = customer_values(keep_invalid_values(raw_data, country, MAPPING_FIELDS,
                                                         columns, kept))
        else:
            values = _validated(raw_data, country)
    except ValidationError as exc:
        return ("reject", exc.field, exc.message,
                exc.raw if isinstance(exc, UnknownValue) else None)
    new_row = _new_row(values, stamps)
    return ("customer", new_row, stamps, _kept_text(kept, columns) if kept else None,
            row_keys(values, values["sort_name"]))


def _validated(data: CustomerData, country: str) -> dict:
    """customer_values(validate_customer(data, country)) without the CustomerData between
    (the same rule, validated_values): a row of a file has no id nor referrer of its own."""
    if data.referred_by_id is not None or data.id is not None or not country:
        return customer_values(validate_customer(data, country))
    given = vars(data)
    return column_values(validated_values({name: given[name] for name in EDITABLE}, country))


def _with_fallbacks(cells: list, mapping: dict[str, int], fallback: dict[str, list[int]],
                    extra: dict) -> list:
    """The row's cells with each empty mapped cell filled from its field's other columns;
    the phones (and e-mails) of the row as one pool: the first two in the two fields, the
    others in the notes."""
    top = max([*mapping.values(), *(i for cols in fallback.values() for i in cols)]) + 1
    cells = list(cells) + [""] * (top - len(cells))
    for first, second, what in (("phone", "phone2", "Autres numéros"),
                                ("email", "email2", "Autres e-mails")):
        if first not in fallback and second not in fallback:
            continue
        slots = [mapping[f] for f in (first, second) if f in mapping]
        pool = [*slots, *fallback.get(first, ()), *fallback.get(second, ())]
        found = [cells[i] for i in pool if cell_text(cells[i])]
        for slot in slots:
            cells[slot] = found.pop(0) if found else ""
        if found:
            extra.setdefault("notes", []).append(
                f"{what} : {' / '.join(cell_text(c) for c in found)}")
    for field, columns in fallback.items():
        if field in ("phone", "phone2", "email", "email2"):
            continue
        main = mapping[field]
        if not cell_text(cells[main]):
            for other in columns:
                if cell_text(cells[other]):
                    cells[main] = cells[other]
                    break
    return cells


def fallback_columns(headers: list[str], mapping: dict[str, int]) -> dict[str, list[int]]:
    """field -> the unmapped columns of the same kind (columns.fallbacks)."""
    lookup = {_key(label): name for name, label in MAPPING_FIELDS.items()}
    for name, words in _ALIASES.items():
        for word in words.split():
            lookup.setdefault(_key(word), name)
    return column_fallbacks(headers, mapping, lookup)


def reject_reason(fields: dict, exc: ValidationError) -> str:
    label = fields.get(exc.field) or MAPPING_FIELDS.get(exc.field, exc.field)
    return f"{label} : {exc.message}" if label else exc.message


def _values_for(headers: list[str], mapping: dict[str, int],
                values: dict[str, dict] | None) -> dict[str, dict]:
    """The value mappings of this import: those remembered for these columns (by header),
    then the ones given (field -> {raw value: ours})."""
    from rcdesk.services.settings import get_setting

    saved = get_setting("import_values_customers", {}) or {}
    result: dict[str, dict] = {}
    for field, index in mapping.items():
        if index < len(headers) and isinstance(saved.get(headers[index]), dict):
            result[field] = dict(saved[headers[index]])
    for field, chosen in (values or {}).items():
        result.setdefault(field, {}).update(chosen)
    return result


def remember_values(headers: list[str], mapping: dict[str, int],
                    values: dict[str, dict] | None) -> None:
    """Store the value mappings given, by the header of their column (as the mapping)."""
    from rcdesk.services.settings import get_setting, set_setting

    if not values:
        return
    saved = dict(get_setting("import_values_customers", {}) or {})
    for field, chosen in values.items():
        if field in mapping and mapping[field] < len(headers) and chosen:
            header = headers[mapping[field]]
            saved[header] = {**(saved.get(header) or {}), **chosen}
    set_setting("import_values_customers", saved)


def _raw(query):
    """The rows of a peewee query as the driver gives them."""
    sql, params = query.sql()
    return database_proxy.obj.execute_sql(sql, params)


class _Draining:
    """The file's rows, each let go once handed on: a row's cells are not kept beside its
    checked values (100,000 rows of cells weigh ~90 MB); a rejected row keeps its own."""

    def __init__(self, rows: list):
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        rows = self.rows
        for i in range(len(rows)):
            row, rows[i] = rows[i], None
            yield row


def import_customers(path: str | Path, mapping: dict[str, int] | None = None,
                     fmt: FileFormat | None = None, *, update: bool = False,
                     dry_run: bool = False, progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None,
                     duplicates: dict[int, object] | str | None = None,
                     values: dict[str, dict] | None = None, keep_invalid: bool = False,
                     only_lines: set[int] | None = None,
                     workers: int | None = None) -> ImportResult:
    """Check every row; write the good ones in one transaction, the bad ones to a rejects CSV.

    An existing customer (same external id, else same e-mail) is updated when update is set,
    rejected otherwise. Two rows of the file naming the same customer (external id or e-mail)
    or the same stored customer: the second is rejected, naming the first's line. A row whose
    parent is another row (or a stored customer, or a company name) is stored as a contact of
    that professional customer. values: field -> {raw value: ours} (the value-mapping step,
    remembered by column header). keep_invalid: a value that cannot be made valid is kept in
    the notes and the row listed in a warnings file beside the source; only a row without any
    identity is rejected. only_lines: re-run on these lines only (those a first run rejected).
    workers: processes checking the rows (import_pool.py; 1: in-process; None: the cores for
    a file of 2,000 rows or more); the result is the same whatever their number.
    Cancelling leaves the database as it was. Safe off the GUI thread when the thread has its
    own connection.

    A probable duplicate (duplicates.py: the form's rule) of a stored customer or an earlier
    row is rejected naming it, unless duplicates[line] decides: SKIP, CREATE, or the stored
    customer's id (the row merged into it); duplicates=SKIP or CREATE decides for all."""
    from rcdesk.services.settings import get_company

    path = Path(path)
    fmt, headers, body, mapping = read_mapped(path, fmt, mapping, MAPPING_FIELDS)
    if not ({"last_name", "first_name", "company_name"} & mapping.keys()):
        raise ServiceError("Associez au moins une colonne au nom, au prénom ou à la raison "
                           "sociale.")
    body, month_first = _day_first_dates(headers, body, mapping)
    fallback = fallback_columns(headers, mapping)
    read = {**mapping, **{f"{f}#{i}": i for f, cols in fallback.items() for i in cols}}
    known = {**NOT_IMPORTED, **{header_key(h): KNOWN_UNUSED[column_key(h)] for h in headers
                                if column_key(h) in KNOWN_UNUSED}}
    ignored = ignored_columns(headers, read, body, known)
    country = get_company().country or "FR"
    all_values = _values_for(headers, mapping, values)
    columns = {name: headers[i] for name, i in mapping.items() if i < len(headers)}
    has_parents = "parent" in mapping
    parent_is_reference = has_parents and is_reference_header(columns.get("parent", ""))
    if only_lines is not None:
        body = [row for row in body if row[0] in only_lines]
    total = len(body)
    stop = cancelled or (lambda: False)
    width = len(headers)
    shape: list[tuple[int, str, list]] = []  # rows not shaped like the header, in order
    shape_before: dict[int, int] = {}

    def shaped_rows():
        for line, cells in checked_rows(_Draining(body), width, fmt, shape, stop, progress):
            shape_before[line] = len(shape)
            yield line, cells

    checks = RowChecks(shaped_rows(), check_row, row_check_state,
                       (headers, mapping, country, all_values, keep_invalid, fallback),
                       pool_size(total, workers))
    try:
        checks.start()  # the workers check the first rows while the base is read
    except Cancelled:
        return ImportResult(0, 0, 0, None, total, cancelled=True, dry_run=dry_run)
    by_email = {}
    try:  # the workers are started: stopped if the base cannot be read
        # read raw (text and ids need no conversion): peewee's rows cost ~1 s per 100,000
        by_external = dict(_raw(Customer.select(Customer.external_id, Customer.id)
                                .where(Customer.external_id.is_null(False))))
        for email, cid in _raw(Customer.select(fn.LOWER(Customer.email), Customer.id)
                               .where(Customer.email != "").order_by(Customer.id.desc())):
            by_email[email] = cid
    except BaseException:
        checks.close()
        raise
    external_of = {cid: ext for ext, cid in by_external.items()}
    new_rows: list[tuple] = []  # tuples in NEW_COLUMNS order: 100,000 dicts would weigh 200 MB
    updates: list[tuple[int, dict, dict]] = []
    rejects: list[tuple[int, str, list]] = []
    warnings: list[tuple[int, str, list]] = []
    unknown: dict[int, tuple[str, str]] = {}  # line -> (field, raw value) of an unknown value
    pending: list[tuple[int, str, ContactData, list]] = []  # contact rows, resolved at the end
    parents = Parents()
    seen_rows = {row_signature(headers): 1}  # signature of a row's cells -> its first line
    seen_external: dict[str, int] = {}
    seen_email: dict[str, int] = {}
    seen_existing: dict[int, int] = {}
    try:
        index = DuplicateIndex(country).load_stored()
    except BaseException:
        checks.close()
        raise
    number_at = next((i for i, h in enumerate(headers) if _key(h) in NOT_IMPORTED), None)
    # one decision for every probable duplicate (the CLI's --duplicates), or one per line
    policy = duplicates if isinstance(duplicates, str) else None
    decisions = {} if policy else (duplicates or {})
    probable: list[ProbableDuplicate] = []
    referrals = Referrals(by_external)
    skipped = 0

    def reject(line: int, exc: ValidationError, cells: list, message: str | None = None) -> None:
        if message is not None:
            exc.message = message
        rejects.append((line, reject_reason(MAPPING_FIELDS, exc), cells))
        if isinstance(exc, UnknownValue):
            unknown[line] = (exc.field, exc.raw)
        if "parent" not in mapping:
            return
        texts = [cell_text(cells[mapping[f]]) for f in ("external_id", "company_name",
                                                          "last_name")
                 if f in mapping and mapping[f] < len(cells)]
        parents.add_rejected(line, texts)

    taken = 0
    try:
        for line, cells, outcome in checks:
            before = shape_before.pop(line)
            if before > taken:  # the shape rejects read ahead go back in their place
                rejects.extend(shape[taken:before])
                taken = before
            signature, outcome = outcome
            if signature in seen_rows:
                first = seen_rows[signature]
                reason = ("en-tête répété (fichiers mis bout à bout ?)" if first == 1
                          else f"ligne identique à la ligne {first}")
                rejects.append((line, reason, cells))
                continue
            seen_rows[signature] = line
            if outcome[0] == "reject":
                _, field, message, raw = outcome
                reject(line, UnknownValue(field, raw, "") if raw is not None
                       else ValidationError(field, message), cells, message)
                continue
            if outcome[0] == "contact":
                _, parent, contact, warning = outcome
                if warning:
                    warnings.append((line, warning, cells))
                pending.append((line, parent, contact, cells))
                continue
            _, new_row, stamps, warning, keys = outcome
            email, external_id = new_row[_EMAIL], new_row[_EXTERNAL_ID]
            if not email.islower():
                email = email.lower()
            if external_id and external_id in seen_external:
                rejects.append((line, "même identifiant externe qu'à la ligne "
                                      f"{seen_external[external_id]}", cells))
                continue
            if email and email in seen_email:
                rejects.append((line, f"même e-mail qu'à la ligne {seen_email[email]}", cells))
                continue
            existing = (by_external.get(external_id) if external_id else None)
            if existing is None and email:
                existing = by_email.get(email)
                other = external_of.get(existing) if existing is not None else None
                if other and external_id and other != external_id:
                    rejects.append((line, f"e-mail déjà celui du client n° {existing}, "
                                          f"d'identifiant externe « {other} »", cells))
                    continue
            merge = False
            number = (cell_text(cells[number_at]) if number_at is not None
                      and number_at < len(cells) else "")
            if existing is None:
                hit = index.check(line, None, keys, number, row_name=_row_name, row=new_row)
                decision = policy or decisions.get(line)
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
                    index.add_row(line, None, keys, number)
            if existing is not None and existing in seen_existing:
                rejects.append((line, f"même client (n° {existing}) qu'à la ligne "
                                      f"{seen_existing[existing]}", cells))
                continue
            if external_id:
                seen_external[external_id] = line
            if email:
                seen_email[email] = line
            if existing is not None and not (update or merge):
                reason = (f"client déjà présent (n° {existing}) : importez avec la mise à jour "
                          "pour le modifier")
                rejects.append((line, reason, cells))
                continue
            if warning:
                warnings.append((line, warning, cells))
            if existing is None:
                referrals.add_new(len(new_rows), number, stamps.get("referrer"), external_id)
                if has_parents:
                    parents.add_row(len(new_rows), _row_data(new_row))
                    if number:  # an export names a contact's company by its N°
                        parents.by_external.setdefault(f"N° {number}", len(new_rows))
                new_rows.append(new_row)
                continue
            seen_existing[existing] = line
            try:
                merged = _merge(existing, _row_data(new_row), mapping, cells, country)
            except ValidationError as exc:
                reject(line, exc, cells)
                continue
            referrals.add_stored(existing, stamps.get("referrer"))
            updates.append((existing, customer_values(merged), stamps))
        rejects.extend(shape[taken:])
    except Cancelled:
        return ImportResult(0, 0, 0, None, total, cancelled=True, dry_run=dry_run)
    # what only the check of the rows needed goes before the writes (bounded memory)
    index = seen_rows = seen_email = by_email = external_of = None
    contacts, companies = _resolve_contacts(pending, parents, by_external, new_rows, rejects,
                                            warnings, parent_is_reference, keep_invalid,
                                            country, columns)
    if progress:
        progress(total, total)
    referrals.resolve(new_rows, updates, NEW_COLUMNS.index("notes"))
    if not dry_run and (new_rows or updates or contacts):
        try:
            _write_customers(new_rows, updates, stop, contacts, referrals)
        except Cancelled:
            return ImportResult(0, 0, 0, None, total, cancelled=True)
        remember_mapping(headers, mapping, "customers")
        remember_values(headers, mapping, values)
    rejects_path = write_rejects(path, headers, rejects) if rejects else None
    warnings_path = (write_rejects(path, headers, warnings, suffix="avertissements",
                                   reason="Avertissement") if warnings else None)
    return ImportResult(len(new_rows) - companies, len(updates), len(rejects), rejects_path,
                        total, dry_run=dry_run, ignored=ignored, month_first=month_first,
                        contacts=len(contacts),
                        companies=companies, warned=len(warnings),
                        warnings_path=warnings_path,
                        problems=group_problems(rejects, unknown),
                        rejected_lines=tuple(sorted(line for line, _, _ in rejects)),
                        probable=tuple(probable), skipped=skipped)


def _kept_text(kept: list[tuple[str, str]], columns: dict[str, str]) -> str:
    return "; ".join(f"{MAPPING_FIELDS.get(f, f)} « {r[:60]} » gardé(e) dans les notes"
                     for f, r in kept)


def _resolve_contacts(pending, parents: Parents, by_external: dict[str, int],
                      new_rows: list[tuple], rejects: list, warnings: list,
                      reference: bool, keep: bool, country: str,
                      columns: dict[str, str]) -> tuple[list[tuple[tuple, ContactData]], int]:
    """Each contact row with its customer ("new", index) or ("db", id); a company created
    for a name found nowhere (counted in the second value). A row whose parent cannot be
    found (an identifier), was rejected, or already has this contact, is a reject."""
    parents.load_existing({ref for _, ref, _, _ in pending
                           if parents.find(ref, by_external) is None})
    created: dict[str, int] = {}
    result: list[tuple[tuple, ContactData]] = []
    seen: dict[tuple, int] = {}
    found = [(line, ref, contact, cells, parents.find(ref, by_external))
             for line, ref, contact, cells in pending]
    known = known_contact_names({t[1] for *_, t in found if t and t[0] == "db"})
    for line, ref, contact, cells, target in found:
        if target is None:
            rejected = parents.rejected.get(fold(ref))
            if rejected is not None:
                rejects.append((line, f"société rattachée « {ref} » rejetée (ligne {rejected})",
                                cells))
                continue
            if reference or ref.isdigit():  # an identifier (Dolibarr's id of the company)
                rejects.append((line, f"société rattachée « {ref} » introuvable dans le fichier "
                                      "et dans la base (importez d'abord les sociétés)", cells))
                continue
            index = created.get(fold(ref))
            if index is None:
                try:
                    company = validate_customer(CustomerData(
                        kind="professionnel", company_name=ref, country=""), country)
                except ValidationError as exc:
                    rejects.append((line, f"société rattachée « {ref[:60]} » : {exc.message}",
                                    cells))
                    continue
                index = created[fold(ref)] = len(new_rows)
                parents.add_row(index, company)
                new_rows.append(_new_row(customer_values(company), {}))
            target = ("new", index)
        name = fold(contact.name)
        if target[0] == "db" and name in known.get(target[1], ()):
            rejects.append((line, f"contact déjà enregistré pour le client n° {target[1]}",
                            cells))
            continue
        if (target, name) in seen:
            rejects.append((line, f"même contact qu'à la ligne {seen[target, name]}", cells))
            continue
        seen[target, name] = line
        result.append((target, contact))
    return result, len(created)


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


def _new_row(values: dict, stamps: dict) -> tuple:
    """A new customer's row in NEW_COLUMNS order from its customer_values (completed in
    place)."""
    status = values["status"]
    values.update(status_dates(status, None, None, None))
    if stamps:
        values.update(kept_status_dates(status, stamps))
    values["last_contact"] = values["last_contact_imported"] = stamps.get("last_contact")
    return (*_NEW_VALUES(values), stamps.get("created_at"))


def _row_data(row: tuple) -> CustomerData:
    """The validated customer a new row was made from (_new_row's values)."""
    data = CustomerData(**{name: row[i] for name, i in _EDITABLE_AT},
                        referred_by_id=row[_REFERRED_BY])
    data.segments = [tag for tag in row[_SEGMENTS].split(",") if tag]
    return data


def _row_name(row: tuple) -> str:
    return display_name(*_NAME_VALUES(row))


# the file's « Dernier contact » is kept apart too (last_contact_imported): deleting or
# re-dating an interaction later never loses it (services/last_contact.py)
NEW_COLUMNS = [*customer_values(CustomerData()).keys(), "client_since", "lost_at",
               "last_contact", "last_contact_imported", "created_at"]
_NEW_VALUES = itemgetter(*NEW_COLUMNS[:-1])  # a row's values in NEW_COLUMNS order, in C
_INSERTED = [*NEW_COLUMNS, "version"]
_EMAIL, _EXTERNAL_ID = NEW_COLUMNS.index("email"), NEW_COLUMNS.index("external_id")
_SEGMENTS, _REFERRED_BY = NEW_COLUMNS.index("segments"), NEW_COLUMNS.index("referred_by")
_EDITABLE_AT = [(name, NEW_COLUMNS.index(name)) for name in EDITABLE if name != "segments"]
_NAME_VALUES = itemgetter(*(NEW_COLUMNS.index(name) for name in ("first_name", "last_name",
                                                                 "company_name", "kind")))


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
                     contacts: list[tuple[tuple, ContactData]] = (),
                     referrals: Referrals | None = None) -> None:
    """New customers are created now unless the file dates them; an update keeps the earlier
    creation and the later last contact. A new customer that has contacts is inserted on its
    own (its id is needed), the others in bulk; the contacts go after their customers.
    Referrers are linked once every row exists."""
    now = utcnow()
    version = Customer.version.default
    parents = sorted({index for (where, index), _ in contacts if where == "new"})
    with write_transaction(Customer), bulk_customer_writes():
        first_new = (Customer.select(fn.MAX(Customer.id)).scalar() or 0) if referrals else 0
        ids = {}
        for index in parents:
            row = new_rows[index]
            ids[index] = Customer.insert(**dict(zip(NEW_COLUMNS, (*row[:-1], row[-1] or now)))
                                         ).execute()
        rows = [row for i, row in enumerate(new_rows) if i not in ids] if ids else new_rows
        for start in range(0, len(rows), CHUNK):
            if stop():
                raise Cancelled
            # the version given here: insert_rows would copy every row again to add it
            insert_rows(Customer, _INSERTED, [(*row[:-1], row[-1] or now, version)
                                              for row in rows[start:start + CHUNK]])
        if contacts:
            _write_contacts(contacts, ids)
        for start in range(0, len(updates), CHUNK):
            if stop():
                raise Cancelled
            chunk = updates[start:start + CHUNK]
            old = {cid: rest for cid, *rest in Customer.select(
                Customer.id, Customer.status, Customer.client_since, Customer.lost_at,
                Customer.created_at, Customer.last_contact, Customer.last_contact_imported)
                .where(Customer.id.in_([c for c, _, _ in chunk])).tuples()}
            for cid, values, stamps in chunk:
                status, since, lost, created, contact, imported = old[cid]
                values.update(status_dates(values["status"], status, since, lost))
                values.update(kept_status_dates(values["status"], stamps))
                if stamps.get("created_at") and stamps["created_at"] < created:
                    values["created_at"] = stamps["created_at"]
                if stamps.get("last_contact") and (contact is None
                                                   or stamps["last_contact"] > contact):
                    values["last_contact"] = stamps["last_contact"]
                if stamps.get("last_contact") and (imported is None
                                                   or stamps["last_contact"] > imported):
                    values["last_contact_imported"] = stamps["last_contact"]
                # a form opened before the import then saved is refused, not silently reverting it
                Customer.update(**values, version=Customer.version + 1).where(
                    Customer.id == cid).execute()
        if referrals:
            # the rows with contacts went first, one by one, then the others in their order
            referrals.write(first_new, [*ids, *(i for i in range(len(new_rows)) if i not in ids)])
        if stop():
            raise Cancelled


def _write_contacts(contacts: list[tuple[tuple, ContactData]], ids: dict[int, int]) -> None:
    customer_ids = [ids[index] if where == "new" else index for (where, index), _ in contacts]
    positions = next_positions(set(customer_ids))
    rows = []
    for cid, (_, contact) in zip(customer_ids, contacts):
        values = contact_values(contact, cid, positions[cid])
        positions[cid] += 1
        rows.append(tuple(values.values()))
    columns = list(contact_values(ContactData(), 0, 0))
    for start in range(0, len(rows), CHUNK):
        insert_rows(CustomerContact, columns, rows[start:start + CHUNK])
