"""`rcdesk stats --json`: one object whose keys each area fills (documented in the README)."""

from __future__ import annotations

from rcdesk.core.periods import Period
from rcdesk.db import schema_version
from rcdesk.models.base import database_proxy
from rcdesk.services.areas import AREAS
from rcdesk.services.indicators import area_stats, snapshot


def collect_stats(period: Period) -> dict:
    result: dict = {
        "period": {
            "from": period.start.isoformat() if period.start else None,
            "to": period.end.isoformat() if period.end else None,
        },
        "schema_version": schema_version(database_proxy.obj),
    }
    with snapshot():
        for area in AREAS:
            result.update(area_stats(area, period))  # cached until a write changes them
    return result
