"""`rcdesk stats --json`: one object whose keys each area fills (documented in the README)."""

from __future__ import annotations

from importlib import import_module

from rcdesk.core.periods import Period
from rcdesk.db import schema_version
from rcdesk.models.base import database_proxy

# Each module has stats(period: Period) -> dict, merged under its own keys.
PROVIDERS = (
    "rcdesk.services.customers",
    "rcdesk.services.complaints",
    "rcdesk.services.assessment",
    "rcdesk.services.charter",
)


def collect_stats(period: Period) -> dict:
    result: dict = {
        "period": {
            "from": period.start.isoformat() if period.start else None,
            "to": period.end.isoformat() if period.end else None,
        },
        "schema_version": schema_version(database_proxy.obj),
    }
    for name in PROVIDERS:
        result.update(import_module(name).stats(period))
    return result
