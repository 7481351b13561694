"""GDPR: a customer's data for the right of access, and prospects to purge (CNIL: 3 years)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from peewee import fn

from rcdesk.core.errors import ValidationError
from rcdesk.core.periods import years_before
from rcdesk.models.customers import Customer
from rcdesk.services.customers.activity import list_interactions, list_purchases
from rcdesk.services.customers.records import get_customer
from rcdesk.services.customers.search import display_name
from rcdesk.services.settings import get_setting, set_setting

PURGE_SETTING = "purge_years"
DEFAULT_PURGE_YEARS = 3


@dataclass(frozen=True)
class PurgeCandidate:
    customer_id: int
    name: str
    last_contact: datetime  # last contact, or creation when never contacted
    city: str


def purge_years() -> int:
    return int(get_setting(PURGE_SETTING, DEFAULT_PURGE_YEARS))


def set_purge_years(years: int) -> None:
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
        raise ValidationError("purge_years", "Le délai de purge est un nombre d'années entre 1 "
                              "et 10.")
    set_setting(PURGE_SETTING, years)


def purge_candidates(years: int | None = None, today: date | None = None) -> list[PurgeCandidate]:
    """Prospects (not anonymised yet) with no contact for `years` (setting purge_years, 3)."""
    years = purge_years() if years is None else years
    today = today or date.today()
    limit = years_before(today, years)  # 29 February -> 28 February
    last = fn.COALESCE(Customer.last_contact, Customer.created_at)
    query = (Customer.select(Customer.id, Customer.first_name, Customer.last_name,
                             Customer.company_name, Customer.kind, last, Customer.city)
             .where((Customer.status == "prospect") & Customer.anonymised_at.is_null()
                    & (last < datetime.combine(limit, datetime.min.time())))
             .order_by(last, Customer.id))
    return [PurgeCandidate(cid, display_name(f, la, c, k), when, city)
            for cid, f, la, c, k, when, city in query.tuples()]


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _name_of(customer_id: int | None) -> str:
    row = Customer.get_or_none(Customer.id == customer_id) if customer_id else None
    return display_name(row.first_name, row.last_name, row.company_name, row.kind) if row else ""


def export_customer_part(customer_id: int) -> dict:
    """The customers area's part of a GDPR access export: identity (the referrer and the
    referrals by name, not by number), purchases, interactions with their journey step and
    the operator's name, and the history of corrections."""
    from rcdesk.services.customers.corrections import customer_history

    data = get_customer(customer_id)
    row = Customer.get_by_id(customer_id)
    identity = {k: _plain(v) for k, v in asdict(data).items()}
    referrer = identity.pop("referred_by_id", None)
    identity.update(created_at=_plain(row.created_at), last_contact=_plain(row.last_contact),
                    last_contact_imported=_plain(row.last_contact_imported),
                    anonymised_at=_plain(row.anonymised_at))
    identity["referred_by"] = _name_of(referrer)
    identity["referrals"] = [
        display_name(f, la, c, k) for f, la, c, k in Customer.select(
            Customer.first_name, Customer.last_name, Customer.company_name, Customer.kind)
        .where(Customer.referred_by == customer_id).order_by(Customer.sort_name).tuples()]
    return {
        "customer": identity,
        "history": [{k: _plain(v) for k, v in asdict(h).items()}
                    for h in customer_history(customer_id)],
        "purchases": [{k: _plain(v) for k, v in asdict(p).items()}
                      for p in list_purchases(customer_id)],
        "interactions": [{k: _plain(v) for k, v in asdict(i).items()}
                         for i in list_interactions(customer_id)],
    }
