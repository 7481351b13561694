"""Probable duplicates at import: the form's rule (records.duplicate_reason) applied to each row
against the stored customers and the file's earlier rows, by blocks, never all pairs.

Candidates come from four indexes built once: phone (E.164), e-mail, postal code and bare name
(customers with no postal code, e-mail or phone). Within a postal code the names are matched by
rapidfuzz (C loop, cut-off at the rule's similarity), then the rule decides.

Memory stays small (100,000 stored customers and as many rows): the indexes hold compact
keys (a phone as an int, an e-mail by its hash, owners as ints: a stored customer by its id,
a row of the file by minus its line); a stored customer's full keys are read from the base
only when it is a candidate, a row's are kept as one tuple. A hash that collides only adds a
candidate, which the rule then judges on the real keys.

A probable duplicate is not imported blindly: the import rejects it naming the customer (or the
line) it may be, unless a decision was given for its line: SKIP, CREATE, or the stored
customer's id to merge the row into."""

from __future__ import annotations

import functools
from collections.abc import Callable
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
    """The name as rapidfuzz's token_sort_ratio compares it: its words sorted (the name itself,
    not a copy, when they already are)."""
    words = name.split()
    joined = " ".join(sorted(words))
    return name if joined == name else joined


def _phone_key(phone: str):
    """A phone as the index keeps it: an E.164 number as an int (28 bytes, not 60), any other
    text as it is. Two different numbers never give the same key."""
    digits = phone[1:]
    if phone[:1] == "+" and digits.isascii() and digits.isdigit() and digits[:1] != "0":
        return int(digits)
    return phone


@functools.cache
def _rapidfuzz():
    """rapidfuzz's scorers, imported once on first use (not at start-up)."""
    from rapidfuzz import fuzz, process

    return fuzz, process


def _lower(email: str) -> str:
    return email if email.islower() else email.lower()


# A row's keys as the index keeps them: (name, postal, e-mails, phones, external id), the
# e-mails lower-cased and both as tuples; made into DuplicateKeys for the rule only.
RowKeys = tuple


def row_keys(data: CustomerData | dict, name: str | None = None) -> RowKeys:
    """Keys of a validated row (a CustomerData, or its values by field name): its e-mails
    and phones are normalised already (E.164), so they are not parsed again (100,000 rows).
    Pure: the import's workers make them. name: the row's sort key when already made."""
    given = data if isinstance(data, dict) else vars(data)
    email, email2, phone, phone2 = (given["email"], given["email2"], given["phone"],
                                    given["phone2"])
    emails = (tuple(dict.fromkeys(_lower(e) for e in (email, email2) if e))
              if email2 else (_lower(email),) if email else ())
    phones = (tuple(dict.fromkeys(p for p in (phone, phone2) if p))
              if phone2 else (phone,) if phone else ())
    return (name if name is not None else
            sort_key(given["first_name"], given["last_name"], given["company_name"],
                     given["kind"]),
            (given["postal_code"] or "").replace(" ", ""), emails, phones,
            given["external_id"] or "")


def _full(keys: RowKeys | DuplicateKeys) -> DuplicateKeys:
    if isinstance(keys, DuplicateKeys):
        return keys
    name, postal, emails, phones, external = keys
    return DuplicateKeys(name, postal, frozenset(emails), frozenset(phones), external)


def _add_to(index: dict, key, owner: int) -> None:
    """index[key] is one owner, or the list of them when several share the key."""
    found = index.get(key)
    if found is None:
        index[key] = owner
    elif isinstance(found, list):
        found.append(owner)
    elif found != owner:
        index[key] = [found, owner]


def _owners(index: dict, key) -> list[int]:
    found = index.get(key)
    if found is None:
        return []
    return found if isinstance(found, list) else [found]


class DuplicateIndex:
    """The stored customers' keys by block, plus the rows of this import as they are accepted.
    An owner is a stored customer's id (> 0) or minus a row's line (< 0)."""

    def __init__(self, country: str):
        self.country = country
        self.rows: dict[int, RowKeys] = {}  # line -> the keys of a row of this import
        self.stored: dict[int, DuplicateKeys] = {}  # stored candidates' keys, read once
        self.names: dict[int, str] = {}
        self.by_phone: dict[object, object] = {}  # _phone_key -> owner(s)
        self.by_email: dict[int, object] = {}  # hash of the lower-case e-mail -> owner(s)
        self.by_postal: dict[tuple[str, bool], tuple[list[str], list[int]]] = {}
        self.by_bare_name: dict[str, int] = {}
        self.numbers: dict[int, str] = {}  # owner -> the file's own number (an export's N°)
        self._last_keys: RowKeys | None = None
        self._last_lookups: tuple = ()

    def load_stored(self) -> DuplicateIndex:
        """Every stored customer's blocks, read raw (no peewee row conversion: 100,000 rows);
        their full keys and names are read for the candidates only."""
        query = (Customer.select(
            Customer.id, Customer.postal_code, Customer.email, Customer.email2, Customer.phone,
            Customer.phone2, Customer.sort_name, Customer.external_id)
            .where(Customer.anonymised_at.is_null()).order_by(Customer.id))
        sql, params = query.sql()
        cursor = database_proxy.obj.execute_sql(sql, params)
        postals: dict[str, str] = {}  # one string per postal code
        by_phone, by_email, by_postal = self.by_phone, self.by_email, self.by_postal
        while True:
            rows = cursor.fetchmany(5000)
            if not rows:
                break
            # self._index inlined (100,000 rows): the same indexes
            for cid, postal, email, email2, phone, phone2, name, external in rows:
                for value in (phone, phone2) if phone2 else (phone,):
                    if value:
                        key = _phone_key(value)
                        if key in by_phone:
                            _add_to(by_phone, key, cid)
                        else:
                            by_phone[key] = cid
                for value in (email, email2) if email2 else (email,):
                    if value:
                        key = hash(value.lower())
                        if key in by_email:
                            _add_to(by_email, key, cid)
                        else:
                            by_email[key] = cid
                if name and postal:
                    block = (postals.setdefault(postal, postal), bool(external))
                    names, owners = by_postal.get(block) or by_postal.setdefault(block,
                                                                                 ([], []))
                    names.append(_sorted_words(name))
                    owners.append(cid)
                elif name and not (email or email2 or phone or phone2):
                    self.by_bare_name.setdefault(name, cid)
        return self

    def _lookups(self, keys: RowKeys) -> tuple[list, list, str]:
        """What a row's keys are looked up by: its e-mails' hashes, its phones' _phone_key,
        its name's words sorted (with a postal code only); made once for the row's check
        and its add_row (the same keys object)."""
        if keys is self._last_keys:
            return self._last_lookups
        name, postal, emails, phones, _external = keys
        lookups = ([hash(e) for e in emails], [_phone_key(p) for p in phones],
                   _sorted_words(name) if name and postal else "")
        self._last_keys, self._last_lookups = keys, lookups
        return lookups

    def _index(self, owner: int, keys: RowKeys) -> None:
        name, postal, emails, phones, external = keys
        email_keys, phone_keys, sorted_name = self._lookups(keys)
        for key in phone_keys:
            _add_to(self.by_phone, key, owner)
        for key in email_keys:
            _add_to(self.by_email, key, owner)
        if name and postal:
            # apart by whether an external id numbers them: two numbered ones never match
            names, owners = self.by_postal.setdefault((postal, bool(external)), ([], []))
            names.append(sorted_name)
            owners.append(owner)
        elif name and not (emails or phones):
            self.by_bare_name.setdefault(name, owner)

    def _name(self, key: int) -> str:
        name = self.names.get(key)
        if name is None:
            row = Customer.select(Customer.first_name, Customer.last_name,
                                  Customer.company_name, Customer.kind).where(
                Customer.id == key).tuples().get()
            name = self.names[key] = display_name(*row)
        return name

    def _keys(self, owners: list[int]) -> dict[int, DuplicateKeys]:
        """The full keys of these owners: a row's from memory, a stored customer's from the
        base (once: kept for the rows that meet it again)."""
        missing = [o for o in owners if o > 0 and o not in self.stored]
        for start in range(0, len(missing), 500):
            for cid, postal, email, email2, phone, phone2, name, external in (
                    Customer.select(Customer.id, Customer.postal_code, Customer.email,
                                    Customer.email2, Customer.phone, Customer.phone2,
                                    Customer.sort_name, Customer.external_id)
                    .where(Customer.id.in_(missing[start:start + 500])).tuples()):
                self.stored[cid] = DuplicateKeys(
                    name, postal or "", frozenset(e.lower() for e in (email, email2) if e),
                    frozenset(p for p in (phone, phone2) if p), external or "")
        return {o: self.stored[o] if o > 0 else _full(self.rows[-o]) for o in owners}

    def row_keys(self, data: CustomerData) -> RowKeys:
        return row_keys(data)

    def _candidates(self, keys: RowKeys) -> list[int]:
        name, postal, emails, phones, external = keys
        email_keys, phone_keys, sorted_name = self._lookups(keys)
        found = []
        for key in email_keys:
            found.extend(_owners(self.by_email, key))
        for key in phone_keys:
            found.extend(_owners(self.by_phone, key))
        blocks = ((postal, False),) if external else ((postal, False), (postal, True))
        for block in blocks if name and postal else ():
            names, owners = self.by_postal.get(block, ((), ()))
            if not names:
                continue
            fuzz, process = _rapidfuzz()
            # token_sort_ratio is ratio on the words sorted: the block's are sorted once.
            # Only a close name can make a block's owner a duplicate (a shared e-mail or
            # phone is found above): the others are not read.
            for _name, _score, index in process.extract(
                    sorted_name, names, scorer=fuzz.ratio,
                    score_cutoff=NAME_SIMILARITY, limit=10):
                found.append(owners[index])
        if name and not postal and name in self.by_bare_name:
            found.append(self.by_bare_name[name])
        return list(dict.fromkeys(found)) if len(found) > 1 else found

    def check(self, line: int, data: CustomerData | None,
              keys: RowKeys | DuplicateKeys | None = None, number: str = "",
              row_name: Callable | None = None, row=None) -> ProbableDuplicate | None:
        """The first stored customer, else earlier row, the rule calls this row's duplicate.
        number: the row's own number in its file (an rcdesk export's N°): two rows the file
        numbers differently are two records of its source, never duplicates of each other.
        Without data (the import), keys are given and row_name(row) names the row."""
        keys = keys or self.row_keys(data)
        if isinstance(keys, DuplicateKeys):
            keys = (keys.name, keys.postal, tuple(keys.emails), tuple(keys.phones),
                    keys.external_id)
        candidates = [o for o in self._candidates(keys)
                      if not (number and self.numbers.get(o, number) != number)]
        if not candidates:
            return None
        keys = _full(keys)
        others = self._keys(candidates)
        hits = [o for o in candidates if duplicate_reason(keys, others[o])]
        if not hits:
            return None
        # a stored customer first (the lowest number), else the earliest line
        owner = min(hits, key=lambda o: (o < 0, abs(o)))
        reason = duplicate_reason(keys, others[owner])
        row_name = (row_name(row) if data is None else
                    display_name(data.first_name, data.last_name, data.company_name, data.kind))
        if owner < 0:
            return ProbableDuplicate(line, row_name, reason, other_line=-owner)
        return ProbableDuplicate(line, row_name, reason, owner, self._name(owner))

    def add_row(self, line: int, data: CustomerData, keys: RowKeys | None = None,
                number: str = "") -> None:
        """A row that will be created: later rows are compared with it too."""
        keys = keys or self.row_keys(data)
        if isinstance(keys, DuplicateKeys):
            keys = (keys.name, keys.postal, tuple(keys.emails), tuple(keys.phones),
                    keys.external_id)
        if number:
            self.numbers[-line] = number
        self.rows[line] = keys
        self._index(-line, keys)  # a hit names its line
