"""What the customer import does beyond one customer per row: a row whose parent is another
row (Odoo parent_id, « Related Company », SuiteCRM « Account Name », Dolibarr sp.fk_soc)
becomes a contact person of that company; a value that cannot be made valid is kept in the
notes (keep_invalid) instead of costing the row; the reasons of the rejects grouped for the
summary a person reads."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rcdesk.core.errors import ValidationError
from rcdesk.core.text import fold
from rcdesk.models.customers import Customer
from rcdesk.services.customers.contacts import (
    CONTACT_LABELS,
    ContactData,
    contact_names,
    validate_contact,
)
from rcdesk.services.customers.records import CustomerData, validate_customer
from rcdesk.services.customers.search import sort_key

_REFERENCE = re.compile(r"(/\.?id|:id|external ?id|/ID)\s*$", re.IGNORECASE)
_DEFAULTS = {"kind": "particulier", "status": "prospect", "birth_date": None,
             "consent_date": None, "segments": [], "consent": False, "external_id": None}


def is_reference_header(header: str) -> bool:
    """« parent_id/id », « parent_id:id », « Related Company/External ID »: the column holds
    the parent's identifier, not its name (an unknown one cannot be created from it)."""
    return bool(_REFERENCE.search(header or ""))


@dataclass(frozen=True)
class ImportProblem:
    """A group of rows with the same problem: what the summary shows, most frequent first.
    field and raw are set for an unknown value of a vocabulary field (the user maps it)."""

    reason: str
    count: int
    lines: tuple[int, ...]
    field: str | None = None
    raw: str | None = None


_NUMBERS = re.compile(r"(ligne|n°|lignes?) \d+")


def group_problems(rejects: list[tuple[int, str, list]], unknown: dict[int, tuple[str, str]],
                   limit: int = 30) -> tuple[ImportProblem, ...]:
    """The rejects' reasons grouped (« ligne 12 » and the like made alike), with their count
    and first lines; an unknown value grouped by field and value."""
    counts: Counter = Counter()
    lines: dict[tuple, list[int]] = {}
    texts: dict[tuple, str] = {}
    for line, reason, _cells in rejects:
        if line in unknown:
            group = ("value", *unknown[line])
        else:
            group = ("reason", _NUMBERS.sub(lambda m: f"{m.group(1)} …", reason))
        counts[group] += 1
        lines.setdefault(group, []).append(line)
        texts.setdefault(group, reason if group[0] == "value" else group[1])
    result = []
    for group, count in counts.most_common(limit):
        field, raw = (group[1], group[2]) if group[0] == "value" else (None, None)
        result.append(ImportProblem(texts[group], count, tuple(sorted(lines[group])[:10]),
                                    field, raw))
    return tuple(result)


def keep_invalid(data: CustomerData, country: str, labels: dict[str, str],
                 columns: dict[str, str], kept: list[tuple[str, str]]) -> CustomerData:
    """The row validated, each value that cannot be made valid blanked and kept (field, raw)
    in kept and in the notes with its column name; ValidationError only for a row with no
    identity (no name, company, e-mail or phone)."""
    for _ in range(len(labels) + 2):
        try:
            return validate_customer(data, country)
        except ValidationError as exc:
            field = exc.field
            value = getattr(data, field, None)
            if field == "company_name" and not data.company_name:
                if data.first_name or data.last_name:
                    data.kind = "particulier"
                    continue
                raise
            if field == "last_name" and not (data.first_name or data.last_name):
                if data.company_name:
                    data.kind = "professionnel"
                    continue
                identity = data.email or data.phone or data.phone2 or data.email2
                if not identity:
                    raise ValidationError("last_name", "aucune identité (ni nom, ni raison "
                                                       "sociale, ni e-mail, ni téléphone)") from None
                data.last_name = identity
                continue
            if value in (None, "", [], False) or field not in labels:
                raise
            raw = ", ".join(value) if isinstance(value, list) else str(value)
            kept.append((field, raw))
            data.notes = add_note(data.notes, note_line(field, raw, labels, columns))
            setattr(data, field, _DEFAULTS.get(field, ""))
    return validate_customer(data, country)


def note_line(field: str, raw: str, labels: dict[str, str], columns: dict[str, str]) -> str:
    column = columns.get(field)
    where = f" (colonne « {column} »)" if column and column != labels.get(field) else ""
    return f"{labels.get(field, field)}{where}, valeur non reconnue à l'import : {raw}"


def add_note(notes: str, line: str) -> str:
    return f"{notes}\n{line}" if notes else line


# --- contacts of a company ---------------------------------------------------------------

_CONTACT_OWN = frozenset(("civility", "first_name", "last_name", "email", "phone", "notes",
                          "kind", "status", "external_id", "company_name", "country"))


def contact_from_row(data: CustomerData, role: str, extra_notes: list[str],
                     labels: dict[str, str], mapped: set[str]) -> ContactData:
    """A row read as a person of a company: name (with civility), role, the first e-mail and
    phone; every other value it carries goes to the contact's notes (nothing dropped)."""
    name = " ".join(p for p in (data.civility, data.first_name, data.last_name) if p)
    notes = [data.notes] if data.notes else []
    phones = [p for p in (data.phone, data.phone2) if p]
    emails = [e for e in (data.email, data.email2) if e]
    if len(phones) > 1:
        notes.append(f"Autre téléphone : {phones[1]}")
    if len(emails) > 1:
        notes.append(f"Autre e-mail : {emails[1]}")
    for field in sorted(mapped - _CONTACT_OWN - {"phone2", "email2"}):
        value = getattr(data, field, None)
        if value in (None, "", [], False):
            continue
        if isinstance(value, list):
            value = ", ".join(value)
        elif hasattr(value, "strftime"):
            value = value.strftime("%d/%m/%Y")
        elif value is True:
            value = "oui"
        notes.append(f"{labels.get(field, field)} : {value}")
    notes.extend(extra_notes)
    return ContactData(name=name or (emails[0] if emails else phones[0] if phones else ""),
                       role=role, email=emails[0] if emails else "",
                       phone=phones[0] if phones else "", notes="\n".join(notes))


def checked_contact(contact: ContactData, country: str, keep: bool,
                    kept: list[tuple[str, str]]) -> ContactData:
    """validate_contact; with keep, an e-mail or phone that cannot be made valid goes to the
    contact's notes instead."""
    for _ in range(3):
        try:
            return validate_contact(contact, country)
        except ValidationError as exc:
            value = getattr(contact, exc.field, "")
            if not keep or exc.field not in ("email", "phone", "role") or not value:
                raise
            kept.append((exc.field, value))
            label = CONTACT_LABELS.get(exc.field, exc.field)
            contact.notes = add_note(contact.notes,
                                     f"{label}, valeur non reconnue à l'import : {value}")
            setattr(contact, exc.field, "")
    return validate_contact(contact, country)


class Parents:
    """Finds the customer a contact row belongs to: a row of the file (by its external id or
    its company name), else a stored customer (external id, or a professional's company
    name); an unknown name becomes a new professional customer (SuiteCRM's accounts are in
    another file), an unknown identifier is a reject."""

    def __init__(self) -> None:
        self.by_external: dict[str, int] = {}  # external id -> index in new_rows
        self.by_name: dict[str, int] = {}  # folded company name -> index in new_rows
        self.existing_named: dict[str, int] = {}
        self.rejected: dict[str, int] = {}  # a rejected row's id or name -> its line

    def add_row(self, index: int, data: CustomerData) -> None:
        if data.external_id:
            self.by_external.setdefault(data.external_id, index)
        if data.company_name:
            self.by_name.setdefault(fold(data.company_name), index)

    def add_rejected(self, line: int, texts: list[str]) -> None:
        for text in texts:
            if text:
                self.rejected.setdefault(fold(text), line)

    def load_existing(self, refs: set[str]) -> None:
        """The stored professionals named like one of refs (case and accents ignored)."""
        keys = list({sort_key("", "", ref, "professionnel") for ref in refs if ref})
        for start in range(0, len(keys), 500):
            for cid, company in (Customer.select(Customer.id, Customer.company_name)
                                 .where(Customer.sort_name.in_(keys[start:start + 500])
                                        & (Customer.kind == "professionnel")
                                        & Customer.anonymised_at.is_null())
                                 .order_by(Customer.id).tuples()):
                self.existing_named.setdefault(fold(company), cid)

    def find(self, ref: str, by_external_db: dict[str, int]) -> tuple[str, int] | None:
        """("new", index) or ("db", customer id), or None."""
        if ref in self.by_external:
            return "new", self.by_external[ref]
        if ref in by_external_db:
            return "db", by_external_db[ref]
        folded = fold(ref)
        if folded in self.by_name:
            return "new", self.by_name[folded]
        if folded in self.existing_named:
            return "db", self.existing_named[folded]
        return None


def known_contact_names(db_ids) -> dict[int, set[str]]:
    return contact_names(db_ids)
