"""Referrers at import: the « Parrain » column names the referrer by its number in the same
file (an export's N°) or by an external id (of a row of the file or a stored customer). Links
are resolved once every row is read and written once every row exists (a referrer may come
after its godchild); a referrer found nowhere is kept in the row's notes, never dropped."""

from __future__ import annotations

from peewee import SqliteDatabase

from rcdesk.core.errors import ServiceError
from rcdesk.models.base import database_proxy
from rcdesk.models.customers import Customer

NEW, STORED = "new", "stored"


class Referrals:
    def __init__(self, by_external: dict[str, int]):
        self.by_external = by_external  # stored external id -> customer id
        self.names: dict[str, tuple[str, int]] = {}  # file N° or external id -> target
        self.wanted: list[tuple[tuple[str, int], str]] = []  # (target, referrer text)
        self.links: list[tuple[tuple[str, int], tuple[str, int]]] = []  # resolved

    def add_new(self, index: int, number: str, referrer: str | None,
                external_id: str | None) -> None:
        """The index-th new row of the import, with its N° in the file and its referrer."""
        for name in (number, external_id):
            if name:
                self.names.setdefault(name, (NEW, index))
        if referrer:
            self.wanted.append(((NEW, index), referrer))

    def add_stored(self, customer_id: int, referrer: str | None) -> None:
        if referrer:
            self.wanted.append(((STORED, customer_id), referrer))

    def _find(self, text: str) -> tuple[str, int] | None:
        text = text.strip()
        if text.upper().startswith("N°"):
            text = text[2:].strip()
        if text in self.names:
            return self.names[text]
        if text in self.by_external:
            return (STORED, self.by_external[text])
        return None

    def resolve(self, new_rows: list[tuple], updates: list, notes_at: int) -> None:
        """Each wanted referrer found, else its text kept in the row's notes."""
        for target, text in self.wanted:
            found = self._find(text)
            if found is not None and found != target:
                self.links.append((target, found))
                continue
            note = f"Parrain « {text[:60]} » introuvable à l'import"
            kind, key = target
            if kind == NEW:
                row = new_rows[key]
                notes = row[notes_at]
                new_rows[key] = (*row[:notes_at], f"{notes}\n{note}" if notes else note,
                                 *row[notes_at + 1:])
            else:
                for _cid, values, _stamps in (u for u in updates if u[0] == key):
                    values["notes"] = f"{values['notes']}\n{note}" if values["notes"] else note

    def write(self, last_id_before: int, order: list[int]) -> None:
        """Inside the import's transaction, after its inserts: the new rows got the ids above
        last_id_before in the order they were inserted (order: their indexes; the table is
        locked for the import)."""
        if not self.links:
            return
        ids = [i for (i,) in Customer.select(Customer.id).where(Customer.id > last_id_before)
               .order_by(Customer.id).tuples()]
        if len(ids) != len(order):
            raise ServiceError("Les parrains de ce fichier n'ont pas pu être reliés (les fiches "
                               "créées ne se retrouvent pas) : rien n'a été enregistré, "
                               "relancez l'import.")
        id_of = dict(zip(order, ids))

        def real(target: tuple[str, int]) -> int:
            kind, key = target
            return id_of[key] if kind == NEW else key

        pairs = [(real(referrer), real(target)) for target, referrer in self.links]
        db = database_proxy.obj
        mark = "?" if isinstance(db, SqliteDatabase) else "%s"
        db.cursor().executemany(
            f"UPDATE customer SET referred_by_id = {mark} WHERE id = {mark}", pairs)
