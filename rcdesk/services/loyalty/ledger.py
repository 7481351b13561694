"""The points ledger: rows appended, never edited; the card's stored balance moves with them.

Every row has a unique source key ("purchase:12", "voucher:981234567890", "opening:7"...): the
same purchase, import line or voucher never counts twice, the database refuses it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from peewee import JOIN, IntegrityError, fn

from rcdesk.core.errors import ServiceError
from rcdesk.core.loyalty import Lot, add_months, remaining_lots
from rcdesk.core.text import clean_text
from rcdesk.models.base import database_proxy, write_transaction
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.settings import current_operator

KIND_LABELS = {
    "earn": "Achat", "return": "Retour", "redeem": "Bon émis", "expire": "Points expirés",
    "adjust": "Ajustement", "transfer": "Transfert", "opening": "Solde d'ouverture",
    "referral": "Parrainage", "correction": "Correction", "grace": "Délai de grâce dépassé",
}
MAX_POINTS = 10_000_000


def append(card_id: int, kind: str, points: int, on: date, source_key: str, *,
           expires_on: date | None = None, amount_cents: int = 0, discount_cents: int = 0,
           reason: str = "", purchase: int | None = None, voucher: int | None = None,
           corrects: int | None = None, update_balance: bool = True) -> int:
    """Append one row and move the card's balance, in the caller's transaction (required).

    A source key already in the ledger is refused with ServiceError (nothing written)."""
    if not database_proxy.obj.in_transaction():
        raise RuntimeError("ledger rows are written inside a write transaction")
    if LoyaltyLedger.select().where(LoyaltyLedger.source_key == source_key).exists():
        raise ServiceError("Cette opération est déjà enregistrée dans le relevé de points "
                           f"({source_key}) : elle ne compte pas deux fois.")
    try:
        with database_proxy.atomic():  # a savepoint: a concurrent duplicate stays refusable
            row_id = LoyaltyLedger.insert(
                card=card_id, on=on, kind=kind, points=points, expires_on=expires_on,
                amount_cents=amount_cents, discount_cents=discount_cents, reason=reason,
                operator=current_operator(), source_key=source_key, purchase=purchase,
                voucher=voucher, corrects=corrects).execute()
    except IntegrityError as exc:
        raise ServiceError("Cette opération vient d'être enregistrée sur un autre poste "
                           f"({source_key}) : elle ne compte pas deux fois.") from exc
    if update_balance and points:
        LoyaltyCard.update(balance=LoyaltyCard.balance + points).where(
            LoyaltyCard.id == card_id).execute()
    refresh_next_expiry([card_id])
    return row_id


REFRESH_CHUNK = 500


def refresh_next_expiry(card_ids) -> None:
    """Store on each card its first points left to expire (oldest first), from its ledger;
    in the caller's transaction. Every writer of ledger rows calls it for the cards it
    touched."""
    ids = sorted(set(card_ids))
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start:start + REFRESH_CHUNK]
        credits: dict[int, list[Lot]] = {cid: [] for cid in chunk}
        debits = dict.fromkeys(chunk, 0)
        for card_id, points, expires in (LoyaltyLedger.select(
                LoyaltyLedger.card, LoyaltyLedger.points, LoyaltyLedger.expires_on)
                .where(LoyaltyLedger.card.in_(chunk)).tuples()):
            if points > 0:
                credits[card_id].append(Lot(points, expires))
            else:
                debits[card_id] -= points
        values = []
        for card_id in chunk:
            first = next((lot for lot in remaining_lots(credits[card_id], debits[card_id])
                          if lot.expires_on), None)
            values.append((first.expires_on if first else None, first.points if first else 0,
                           card_id))
        db = database_proxy.obj
        ph = "?" if db.param == "?" else "%s"
        db.cursor().executemany(
            f'UPDATE "loyalty_card" SET "next_expiry_on" = {ph}, "next_expiry_points" = {ph} '
            f'WHERE "id" = {ph}', values)


def credits_and_debits(card_id: int) -> tuple[list[Lot], int]:
    """The card's credits (points and expiry) and the sum of its debits, from the ledger."""
    credits, debited = [], 0
    for points, expires in (LoyaltyLedger.select(LoyaltyLedger.points, LoyaltyLedger.expires_on)
                            .where(LoyaltyLedger.card == card_id).tuples()):
        if points > 0:
            credits.append(Lot(points, expires))
        else:
            debited -= points
    return credits, debited


def card_lots(card_id: int) -> list[Lot]:
    """What remains of each credit, soonest expiry first (oldest-first consumption)."""
    credits, debited = credits_and_debits(card_id)
    return remaining_lots(credits, debited)


def ledger_sum(card_id: int) -> int:
    return (LoyaltyLedger.select(fn.COALESCE(fn.SUM(LoyaltyLedger.points), 0))
            .where(LoyaltyLedger.card == card_id).scalar())


def ledger_rows(card_id: int, limit: int = 200) -> list[LoyaltyLedger]:
    return list(LoyaltyLedger.select().where(LoyaltyLedger.card == card_id)
                .order_by(LoyaltyLedger.on.desc(), LoyaltyLedger.id.desc()).limit(limit))


def balance_problems() -> list[str]:
    """Cards whose stored balance differs from their ledger's sum (`rcdesk check`)."""
    sums = (LoyaltyLedger.select(LoyaltyLedger.card, fn.SUM(LoyaltyLedger.points).alias("s"))
            .group_by(LoyaltyLedger.card))
    query = (LoyaltyCard.select(LoyaltyCard.number, LoyaltyCard.balance,
                                fn.COALESCE(sums.c.s, 0))
             .join(sums, on=(sums.c.card_id == LoyaltyCard.id), join_type=JOIN.LEFT_OUTER)
             .where(LoyaltyCard.balance != fn.COALESCE(sums.c.s, 0)).tuples())
    return [f"fidélité : la carte {number} affiche un solde de {stored} points, son relevé "
            f"en totalise {total}" for number, stored, total in query]


def _reason(text: str) -> str:
    reason = clean_text(text or "", multiline=False).strip()
    if not reason:
        raise ServiceError("Un motif est obligatoire : dites pourquoi le solde change.")
    if len(reason) > 500:
        raise ServiceError("Le motif dépasse 500 caractères.")
    return reason


def _points(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ServiceError("Le nombre de points doit être un entier.")
    if not value or abs(value) > MAX_POINTS:
        raise ServiceError("Le nombre de points doit être non nul et d'au plus 10 millions.")
    return value


def adjust(card_id: int, points: int, reason: str, on: date | None = None) -> int:
    """An adjustment with its reason; a credit expires like earned points. The balance never
    goes below zero through an adjustment."""
    on = on or date.today()
    reason, points = _reason(reason), _points(points)
    with write_transaction(LoyaltyLedger, LoyaltyCard):
        card = LoyaltyCard.get_or_none(LoyaltyCard.id == card_id)
        if card is None:
            raise ServiceError("Cette carte n'existe pas (ou plus).")
        if card.status == "blocked":
            raise ServiceError(f"La carte {card.number} est bloquée : {card.blocked_reason}.")
        if card.balance + points < 0:
            raise ServiceError(f"Le solde deviendrait négatif ({card.balance} points).")
        expires = add_months(on, programme_at(on).points_months) if points > 0 else None
        return append(card_id, "adjust", points, on, f"adjust:{uuid.uuid4().hex}",
                      expires_on=expires, reason=reason)


def correct(row_id: int, reason: str, on: date | None = None) -> int:
    """A correction: a new row cancelling row_id, saying which row it corrects (once)."""
    on = on or date.today()
    reason = _reason(reason)
    with write_transaction(LoyaltyLedger, LoyaltyCard):
        row = LoyaltyLedger.get_or_none(LoyaltyLedger.id == row_id)
        if row is None:
            raise ServiceError(f"La ligne n° {row_id} du relevé n'existe pas.")
        if row.kind == "correction":
            raise ServiceError("Une correction ne se corrige pas : ajoutez un ajustement.")
        return append(row.card_id, "correction", -row.points, on, f"correct:{row_id}",
                      expires_on=row.expires_on if -row.points > 0 else None,
                      reason=reason, corrects=row_id)


def opening_balance(card_id: int, points: int, on: date, reason: str = "") -> int:
    """The balance brought from a paper card or another system: one per card."""
    points = _points(points)
    if points < 0:
        raise ServiceError("Un solde d'ouverture ne peut pas être négatif.")
    with write_transaction(LoyaltyLedger, LoyaltyCard):
        card = LoyaltyCard.get_or_none(LoyaltyCard.id == card_id)
        if card is None:
            raise ServiceError("Cette carte n'existe pas (ou plus).")
        return append(card_id, "opening", points, on, f"opening:{card_id}",
                      expires_on=add_months(on, programme_at(on).points_months),
                      reason=clean_text(reason or "Reprise du solde", multiline=False))


# --- the card's history, as the card screen shows it ---------------------------------------

LEDGER_COLUMNS = (("on", "Date"), ("kind", "Opération"), ("points", "Points"),
                  ("reason", "Motif"), ("operator", "Par"))
_LEDGER_SORTS = {"on": (LoyaltyLedger.on, LoyaltyLedger.id), "kind": (LoyaltyLedger.kind,),
                 "points": (LoyaltyLedger.points,), "reason": (LoyaltyLedger.reason,),
                 "operator": (LoyaltyLedger.operator,)}


@dataclass(frozen=True)
class LedgerQuery:
    """One card's ledger, newest first unless sorted otherwise."""

    card_id: int
    sort: str = "on"
    descending: bool = True


def ledger_count(query: LedgerQuery) -> int:
    return LoyaltyLedger.select().where(LoyaltyLedger.card == query.card_id).count()


def ledger_page(query: LedgerQuery, offset: int = 0, limit: int = 10) -> list[tuple]:
    """(row id, date, operation in French, signed points, reason, operator), `limit` rows
    from `offset`: the card screen shows the last ones, « tout voir » pages through all."""
    fields = _LEDGER_SORTS.get(query.sort, _LEDGER_SORTS["on"])
    order = [f.desc() if query.descending else f.asc() for f in fields]
    if query.sort != "on":
        order += [LoyaltyLedger.on.desc(), LoyaltyLedger.id.desc()]
    rows = (LoyaltyLedger.select(LoyaltyLedger.id, LoyaltyLedger.on, LoyaltyLedger.kind,
                                 LoyaltyLedger.points, LoyaltyLedger.reason,
                                 LoyaltyLedger.operator)
            .where(LoyaltyLedger.card == query.card_id).order_by(*order)
            .offset(offset).limit(limit).tuples())
    return [(rid, on if isinstance(on, date) else date.fromisoformat(str(on)[:10]),
             KIND_LABELS.get(kind, kind), points, reason, operator)
            for rid, on, kind, points, reason, operator in rows]
