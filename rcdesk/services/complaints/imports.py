"""Import a complaint register kept in a spreadsheet (CSV/XLSX): every row checked, good rows
numbered and written in one transaction, bad rows to a rejects CSV beside the source.

Strict and idempotent like the customer import: a complaint already in the register (same
customer, date of receipt and description) is skipped and counted, never duplicated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.core.workdays import add_working_days
from rcdesk.models.base import utcnow
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.models.customers import Customer
from rcdesk.services.complaints.rules import (
    ANSWERED,
    CLOSED,
    QUALIFIED,
    RECEIVED,
    STATUSES,
)
from rcdesk.services.complaints.workflow import MAX_TEXT, check_cost
from rcdesk.services.customers import touch_last_contacts
from rcdesk.services.settings import current_operator, get_company
from rcdesk.services.tabular import (
    FileFormat,
    cell_text,
    checked_rows,
    header_key,
    ignored_columns,
    parse_amount_cents,
    parse_date_cell,
    read_table,
    write_rejects,
)

FIELDS = {
    "received": "Date de réception", "email": "E-mail du client",
    "external_id": "Identifiant client", "name": "Nom du client", "channel": "Canal",
    "category": "Catégorie", "product": "Produit / service", "place": "Lieu",
    "description": "Description", "status": "Statut", "answer_date": "Date de réponse",
    "cost": "Coût de la compensation",
}
_ALIASES = {
    "received": "date datereception datedereception recu recue reception receivedate received",
    "email": "email mail courriel emailclient e-mail",
    "external_id": "identifiant identifiantclient idclient externalid codeclient numeroclient",
    "name": "client nom nomclient name customer reclamant",
    "channel": "canal channel moyen",
    "category": "categorie category motif type typologie",
    "product": "produit service produitservice product",
    "place": "lieu magasin boutique place site",
    "description": "description objet detail details reclamation texte",
    "status": "statut etat status",
    "answer_date": "datereponse datedereponse reponse answerdate repondule",
    "cost": "cout coutcompensation montant compensation cost geste",
}
_CHANNEL_WORDS = {
    "comptoir": "comptoir", "magasin": "comptoir", "faceaface": "comptoir", "accueil": "comptoir",
    "telephone": "téléphone", "tel": "téléphone", "phone": "téléphone", "courrier": "courrier",
    "lettre": "courrier", "email": "e-mail", "mail": "e-mail", "courriel": "e-mail",
    "fax": "fax", "siteweb": "site web", "web": "site web", "internet": "site web",
    "reseauxsociaux": "réseaux sociaux", "facebook": "réseaux sociaux",
}


# Longest text of each field: the intake form's limits, and the category's column.
LIMITS = {"description": MAX_TEXT, "product": 200, "place": 200, "category": 100}


@dataclass(frozen=True)
class ComplaintImportResult:
    imported: int
    rejected: int
    rejects_path: Path | None
    total: int
    new_categories: tuple[str, ...] = ()
    dry_run: bool = False
    already: int = 0  # complaints of the file found in the register: skipped
    ignored: tuple[str, ...] = ()  # columns no field reads

    def summary(self) -> str:
        text = f"{self.imported} réclamation(s) importée(s)"
        if self.already:
            text += f", {self.already} déjà présente(s)"
        text += f", {self.rejected} rejetée(s)"
        if self.new_categories:
            text += f" ; catégories créées : {', '.join(self.new_categories)}"
        return text


_key = header_key


def _short(text: str) -> str:
    """A cell quoted in a reason: a 30,000-character cell is not copied whole."""
    return text if len(text) <= 60 else text[:60] + "…"


def guess_mapping(headers: list[str]) -> dict[str, int]:
    lookup = {}
    for name, words in _ALIASES.items():
        for word in words.split():
            lookup.setdefault(_key(word), name)
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = lookup.get(_key(header))
        if name and name not in mapping:
            mapping[name] = index
    return mapping


class _Reject(Exception):
    pass


class _Lookup:
    """Customers and categories known before the import, read once."""

    def __init__(self):
        self.by_email = {e: i for e, i in Customer.select(fn.LOWER(Customer.email), Customer.id)
                         .where(Customer.email != "").tuples()}
        self.by_external = dict(Customer.select(Customer.external_id, Customer.id)
                                .where(Customer.external_id.is_null(False)).tuples())
        from rcdesk.services.complaints.rows import customer_display

        self.by_name: dict[str, list[int]] = {}
        for cid, first, last, company, kind in Customer.select(
                Customer.id, Customer.first_name, Customer.last_name, Customer.company_name,
                Customer.kind).tuples():
            for form in {customer_display(first, last, company, kind), f"{last} {first}",
                         company}:
                if form.strip():
                    self.by_name.setdefault(_key(form), []).append(cid)
        self.categories = {_key(n): (i, n) for i, n in ComplaintCategory.select(
            ComplaintCategory.id, ComplaintCategory.name).tuples()}

    def customer(self, values: dict) -> int:
        email, external, name = values.get("email"), values.get("external_id"), values.get("name")
        if external:
            if external in self.by_external:
                return self.by_external[external]
            raise _Reject(f"client inconnu (identifiant « {_short(external)} »)")
        if email:
            if email.lower() in self.by_email:
                return self.by_email[email.lower()]
            raise _Reject(f"client inconnu (e-mail « {_short(email)} »)")
        if name:
            found = sorted(set(self.by_name.get(_key(name), [])))
            if len(found) == 1:
                return found[0]
            if found:
                raise _Reject(f"plusieurs clients s'appellent « {_short(name)} » : donnez l'e-mail "
                              "ou l'identifiant")
            raise _Reject(f"client inconnu (« {_short(name)} »)")
        raise _Reject("client manquant (e-mail, identifiant ou nom)")


def _row(cells: list, mapping: dict[str, int], lookup: _Lookup, today: date) -> dict:
    raw = {name: cells[i] if i < len(cells) else "" for name, i in mapping.items()}
    values = {name: clean_text(cell_text(v), multiline=name == "description").strip()
              for name, v in raw.items()}
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            raise _Reject(f"{FIELDS[name]} : dépasse {limit} caractères "
                          f"({len(values[name])})")
    try:
        received = parse_date_cell(raw.get("received"))
        answer = parse_date_cell(raw.get("answer_date")) if values.get("answer_date") else None
        cost = check_cost(parse_amount_cents(raw["cost"])) if values.get("cost") else 0
    except ValueError as exc:
        raise _Reject(str(exc)) from None
    except ValidationError as exc:
        if "négatif" in exc.message:
            raise _Reject("coût négatif") from None
        raise _Reject(f"{FIELDS['cost']} : {exc.message}") from None
    if received is None:
        raise _Reject("date de réception manquante")
    if received > today:
        raise _Reject("date de réception dans le futur")
    if answer is not None and answer < received:
        raise _Reject("réponse datée avant la réception")
    if answer is not None and answer > today:
        raise _Reject("date de réponse dans le futur")
    channel_text = values.get("channel", "")
    channel = _CHANNEL_WORDS.get(_key(channel_text)) if channel_text else "comptoir"
    if channel is None:
        raise _Reject(f"canal inconnu « {_short(channel_text)} »")
    description = values.get("description", "")
    if not description:
        raise _Reject("description manquante")
    status_text = values.get("status", "")
    statuses = {_key(s): s for s in STATUSES}
    if status_text:
        status = statuses.get(_key(status_text)) or {"close": CLOSED, "cloture": CLOSED,
                                                     "traitee": CLOSED, "nouvelle": RECEIVED,
                                                     "ouverte": RECEIVED}.get(_key(status_text))
        if status is None:
            raise _Reject(f"statut inconnu « {_short(status_text)} »")
    else:
        status = CLOSED if answer else RECEIVED
    if status in (ANSWERED, CLOSED) and answer is None:
        raise _Reject(f"statut « {status} » sans date de réponse")
    category = values.get("category", "")
    if status == QUALIFIED and not category:
        raise _Reject("statut « Qualifiée » sans catégorie")
    return dict(received=received, customer=lookup.customer(values), channel=channel,
                category=category, product=values.get("product", ""),
                place=values.get("place", ""), description=description,
                status=status, answer=answer, cost=cost)


def import_complaints(path: str | Path, mapping: dict[str, int] | None = None,
                      fmt: FileFormat | None = None, *, dry_run: bool = False
                      ) -> ComplaintImportResult:
    """Numbers are taken from each year's counter in receipt order; unknown categories are
    created; a refused row (misshapen, unknown customer, answer before receipt, negative cost,
    text too long, date outside 1900-2100...) goes to <file>_rejets.csv with its reason, and
    so does a second row for the same complaint. A complaint already registered (same
    customer, date of receipt and description) is skipped and counted as already there. The
    source file is only read."""
    path = Path(path)
    fmt, headers, body = read_table(path, fmt, "réclamation")
    mapping = guess_mapping(headers) if mapping is None else mapping
    missing = [FIELDS[f] for f in ("received", "description") if f not in mapping]
    if missing or not {"email", "external_id", "name"} & mapping.keys():
        missing += [] if {"email", "external_id", "name"} & mapping.keys() else \
            ["client (e-mail, identifiant ou nom)"]
        raise ServiceError("Colonnes introuvables dans l'en-tête : " + ", ".join(missing) + ".")
    ignored = ignored_columns(headers, mapping, body)
    lookup = _Lookup()
    today = date.today()
    good, rejects = [], []
    seen: dict[tuple, int] = {}
    for line, cells in checked_rows(body, len(headers), fmt, rejects):
        try:
            row = _row(cells, mapping, lookup, today)
        except _Reject as exc:
            rejects.append((line, str(exc), cells))
            continue
        key = _identity(row)
        if key in seen:
            rejects.append((line, f"même réclamation qu'à la ligne {seen[key]} (même client, "
                                  "date et description)", cells))
            continue
        seen[key] = line
        good.append((line, row))
    registered = _registered({row["customer"] for _, row in good})
    fresh = [(line, row) for line, row in good if _identity(row) not in registered]
    already = len(good) - len(fresh)
    new_categories = sorted({r["category"] for _, r in fresh if r["category"]
                             and _key(r["category"]) not in lookup.categories})
    if fresh and not dry_run:
        _write(fresh, lookup, new_categories, path.name)
    rejects_path = write_rejects(path, headers, rejects) if rejects else None
    return ComplaintImportResult(len(fresh), len(rejects), rejects_path, len(body),
                                 tuple(new_categories), dry_run, already, ignored)


def _identity(row: dict) -> tuple:
    """What makes two rows the same complaint: customer, day of receipt, description."""
    return row["customer"], row["received"], row["description"]


def _registered(customer_ids: set[int]) -> set[tuple]:
    """The (customer, day, description) of the complaints these customers already have."""
    found: set[tuple] = set()
    ids = sorted(customer_ids)
    for start in range(0, len(ids), 500):
        found.update(Complaint.select(Complaint.customer, Complaint.received_on,
                                      Complaint.description)
                     .where(Complaint.customer.in_(ids[start:start + 500])).tuples())
    return found


def _write(good: list[tuple[int, dict]], lookup: _Lookup, new_categories: list[str],
           source: str) -> None:
    from rcdesk.services.complaints.workflow import reserve_numbers, write_transaction

    company = get_company()
    who = current_operator()
    now = utcnow()
    good.sort(key=lambda item: (item[1]["received"], item[0]))
    with write_transaction():
        position = ComplaintCategory.select(fn.MAX(ComplaintCategory.position)).scalar() or 0
        for name in new_categories:
            position += 1
            cat = ComplaintCategory.create(name=name, position=position)
            lookup.categories[_key(name)] = (cat.id, name)
        per_year: dict[int, int] = {}
        for _, r in good:
            per_year[r["received"].year] = per_year.get(r["received"].year, 0) + 1
        numbers_of = {year: iter(reserve_numbers(year, count))
                      for year, count in sorted(per_year.items())}
        for start in range(0, len(good), 500):
            chunk = good[start:start + 500]
            rows, numbers = [], []
            for line, r in chunk:
                number = next(numbers_of[r["received"].year])
                numbers.append((number, line))
                category = lookup.categories[_key(r["category"])][0] if r["category"] else None
                rows.append(dict(
                    number=number, received_at=datetime.combine(r["received"], time(9, 0)),
                    received_on=r["received"],
                    due_date=add_working_days(r["received"], company.complaint_deadline_days,
                                              company.country),
                    customer=r["customer"], channel=r["channel"], product=r["product"],
                    place=r["place"], description=r["description"], status=r["status"],
                    category=category, answer_date=r["answer"], cost_cents=r["cost"],
                    compensation="geste commercial" if r["cost"] else "aucune",
                    answer_text="(réponse importée)" if r["answer"] else "",
                    closed_at=now if r["status"] == CLOSED else None, updated_at=now))
            Complaint.insert_many(rows).execute()
            _touch_customers(chunk)
            ids = dict(Complaint.select(Complaint.number, Complaint.id).where(
                Complaint.number.in_([n for n, _ in numbers])).tuples())
            ComplaintEvent.insert_many([dict(
                complaint=ids[n], at=now, who=who,
                what=f"Importée du registre « {source} » (ligne {line})", comment="")
                for n, line in numbers]).execute()


def _touch_customers(chunk) -> None:
    """« Dernier contact » of each customer moved forward to its latest complaint of chunk:
    received (09:00 that day, the time the complaint is stored with) or answered (the answer's
    day, as an answer keyed in the complaint's file counts): one UPDATE per 200 customers."""
    latest: dict[int, datetime] = {}
    for _, r in chunk:
        if r["customer"] is not None:
            at = datetime.combine(r["received"], time(9, 0))
            if r["answer"] is not None:
                at = max(at, datetime.combine(r["answer"], time(0, 0)))
            latest[r["customer"]] = max(at, latest.get(r["customer"], at))
    touch_last_contacts(latest)
