"""The programme's versions: the one in force at a date, and a change from a date on.

A change applies from its date; what the ledger already holds never changes (its rows carry
the points and expiry computed when they were written)."""

from __future__ import annotations

from datetime import date

from rcdesk.core.errors import ServiceError
from rcdesk.core.loyalty import Programme, check_programme
from rcdesk.models.base import write_transaction
from rcdesk.models.loyalty import LoyaltyProgramme
from rcdesk.services.settings import current_operator

DEFAULT = Programme()


def programme_at(day: date) -> Programme:
    """The version in force on day (the built-in terms before any saved version)."""
    row = (LoyaltyProgramme.select().where(LoyaltyProgramme.valid_from <= day)
           .order_by(LoyaltyProgramme.valid_from.desc()).first())
    return Programme.from_row(row) if row else DEFAULT


def programme_versions() -> list[Programme]:
    return [Programme.from_row(r) for r in
            LoyaltyProgramme.select().order_by(LoyaltyProgramme.valid_from)]


def save_programme(programme: Programme, valid_from: date) -> Programme:
    """Record programme as the terms from valid_from on (a version of the same date is
    replaced). Raises ServiceError with the French reason for terms that cannot work."""
    programme = programme.with_changes(valid_from=valid_from)
    try:
        check_programme(programme)
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc
    values = dict(points_per_unit=programme.points_per_unit, rounding=programme.rounding,
                  threshold_points=programme.threshold_points,
                  voucher_value_cents=programme.voucher_value_cents,
                  voucher_days=programme.voucher_days, card_months=programme.card_months,
                  card_price_cents=programme.card_price_cents, warn_days=programme.warn_days,
                  grace_days=programme.grace_days, points_months=programme.points_months,
                  tiers=programme.tiers_json(), rebates=programme.rebates_json(),
                  referrer_points=programme.referrer_points,
                  newcomer_points=programme.newcomer_points, created_by=current_operator())
    with write_transaction(LoyaltyProgramme):
        updated = LoyaltyProgramme.update(**values).where(
            LoyaltyProgramme.valid_from == valid_from).execute()
        if not updated:
            LoyaltyProgramme.insert(valid_from=valid_from, **values).execute()
    return programme
