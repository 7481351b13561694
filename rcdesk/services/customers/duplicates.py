"""Probable duplicates at import: the form's rule (records.duplicate_reason) applied to each row
against the stored customers and the file's earlier rows, by blocks, never all pairs.

Candidates come from four indexes built once: phone (E.164), e-mail, postal code and bare name
(customers with no postal code, e-mail or phone). Within a postal code the names are matched by
rapidfuzz's extractOne (C loop, cut-off at the rule's similarity), then the rule decides.

A probable duplicate is not imported blindly: the import rejects it naming the customer (or the
line) it may be, unless a decision was given for its line: SKIP, CREATE, or the stored
customer's id to merge the row into."""

from __future__ import annotations

from dataclasses import dataclass

from rcdesk.models.base import database_proxy
from rcdesk.models.customers import Customer
from rcdesk.services.customers.records import (
    NAME_SIMILARITY,
    CustomerData,
    DuplicateKeys,
    duplicate_reason,
)
from rcdesk.services.customers.search import display_name, sort_key

SKIP, CREATE = "skip", "create"  # decisions besides a customer id (merge into it)


@dataclass(frozen=True)
class ProbableDuplicate:
    line: int  # the row of the file
    row_name: str
    reason: str  # "même téléphone"…
    customer_id: int | None = None  # the stored customer it may be
    customer_name: str = ""
    other_line: int | None = None  # or the earlier row of the file

    def reject_reason(self) -> str:
        if self.customer_id is not None:
            return (f"doublon probable du client n° {self.customer_id} « {self.customer_name} » "
                    f"({self.reason}) : vérifiez, puis fusionnez, ignorez ou créez")
        return f"doublon probable de la ligne {self.other_line} ({self.reason})"


def _sorted_words(name: str) -> str:
    """The name as rapidfuzz's token_sort_ratio compares it: its words sorted."""
    return " ".join(sorted(name.split()))


def row_keys(data: CustomerData, name: str | None = None) -> DuplicateKeys:
    """Keys of a validated row: its e-mails and phones are normalised already (E.164), so
    they are not parsed again (100,000 rows). Pure: the import's workers make them. name:
    the row's sort key when already made."""
    return DuplicateKeys(name if name is not None else
                         sort_key(data.first_name, data.last_name, data.company_name, data.kind),
                         (data.postal_code or "").replace(" ", ""),
                         frozenset(e.lower() for e in (data.email, data.email2) if e),
                         frozenset(p for p in (data.phone, data.phone2) if p),
                         data.external_id or "")


class DuplicateIndex:
    """The stored customers' keys by block, plus the rows of this import as they are accepted."""

    def __init__(self, country: str):
        self.country = country
        self.keys: dict[object, DuplicateKeys] = {}  # customer id, or ("line", n) for a row
        self.names: dict[object, str] = {}
        self.by_phone: dict[str, object] = {}
        self.by_email: dict[str, object] = {}
        self.by_postal: dict[tuple[str, bool], tuple[list[str], list[object]]] = {}
        self.by_bare_name: dict[str, object] = {}
        self.numbers: dict[object, str] = {}  # row -> the file's own number (an export's N°)

    def load_stored(self) -> DuplicateIndex:
        """Every stored customer's keys, read raw (no peewee row conversion: 100,000 rows);
        names are made for the hits only."""
        query = (Customer.select(
            Customer.id, Customer.postal_code, Customer.email, Customer.email2, Customer.phone,
            Customer.phone2, Customer.sort_name, Customer.external_id)
            .where(Customer.anonymised_at.is_null()).order_by(Customer.id))
        sql, params = query.sql()
        cursor = database_proxy.obj.execute_sql(sql, params)
        while True:
            rows = cursor.fetchmany(5000)
            if not rows:
                break
            for cid, postal, email, email2, phone, phone2, name, external in rows:
                emails = frozenset((email.lower(), email2.lower()) if email2 else
                                   (email.lower(),)) if email else (
                    frozenset((email2.lower(),)) if email2 else frozenset())
                phones = frozenset(p for p in (phone, phone2) if p) if (phone or phone2) \
                    else frozenset()
                self._add(cid, DuplicateKeys(name, postal or "", emails, phones,
                                             external or ""), None)
        return self

    def _name(self, key) -> str:
        name = self.names.get(key)
        if name is None:
            row = Customer.select(Customer.first_name, Customer.last_name,
                                  Customer.company_name, Customer.kind).where(
                Customer.id == key).tuples().get()
            name = self.names[key] = display_name(*row)
        return name

    def _add(self, key, keys: DuplicateKeys, name: str | None) -> None:
        self.keys[key] = keys
        if name is not None:
            self.names[key] = name
        for phone in keys.phones:
            self.by_phone.setdefault(phone, key)
        for email in keys.emails:
            self.by_email.setdefault(email, key)
        if keys.name and keys.postal:
            # apart by whether an external id numbers them: two numbered ones never match
            block = (keys.postal, bool(keys.external_id))
            names, owners = self.by_postal.setdefault(block, ([], []))
            names.append(_sorted_words(keys.name))
            owners.append(key)
        elif keys.name and not (keys.emails or keys.phones):
            self.by_bare_name.setdefault(keys.name, key)

    def row_keys(self, data: CustomerData) -> DuplicateKeys:
        return row_keys(data)

    def _candidates(self, keys: DuplicateKeys) -> list:
        found = []
        for email in keys.emails:
            if email in self.by_email:
                found.append(self.by_email[email])
        for phone in keys.phones:
            if phone in self.by_phone:
                found.append(self.by_phone[phone])
        blocks = ((keys.postal, False),) if keys.external_id else \
            ((keys.postal, False), (keys.postal, True))
        for block in blocks if keys.name and keys.postal else ():
            names, owners = self.by_postal.get(block, ((), ()))
            if len(names) <= 8:
                found.extend(owners)
                continue
            from rapidfuzz import fuzz, process

            # token_sort_ratio is ratio on the words sorted: the block's are sorted once
            for _name, _score, index in process.extract(
                    _sorted_words(keys.name), names, scorer=fuzz.ratio,
                    score_cutoff=NAME_SIMILARITY, limit=10):
                found.append(owners[index])
        if keys.name and not keys.postal and keys.name in self.by_bare_name:
            found.append(self.by_bare_name[keys.name])
        return list(dict.fromkeys(found))

    def check(self, line: int, data: CustomerData, keys: DuplicateKeys | None = None,
              number: str = "") -> ProbableDuplicate | None:
        """The first stored customer, else earlier row, the rule calls this row's duplicate.
        number: the row's own number in its file (an rcdesk export's N°): two rows the file
        numbers differently are two records of its source, never duplicates of each other."""
        keys = keys or self.row_keys(data)
        hits = []
        for key in self._candidates(keys):
            other = self.numbers.get(key, "")
            if number and other and number != other:
                continue
            reason = duplicate_reason(keys, self.keys[key])
            if reason:
                hits.append((isinstance(key, tuple), key, reason))
        if not hits:
            return None
        _, key, reason = min(hits, key=lambda h: (h[0], h[1] if not h[0] else h[1][1]))
        row_name = display_name(data.first_name, data.last_name, data.company_name, data.kind)
        if isinstance(key, tuple):
            return ProbableDuplicate(line, row_name, reason, other_line=key[1])
        return ProbableDuplicate(line, row_name, reason, key, self._name(key))

    def add_row(self, line: int, data: CustomerData, keys: DuplicateKeys | None = None,
                number: str = "") -> None:
        """A row that will be created: later rows are compared with it too."""
        if number:
            self.numbers[("line", line)] = number
        self._add(("line", line), keys or self.row_keys(data), None)  # a hit names its line
