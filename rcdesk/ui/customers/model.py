"""The customer file as a paged table model: French cell texts, numbers right-aligned."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from rcdesk.core.formatting import format_date, format_money, format_number
from rcdesk.services import customers as customers_service
from rcdesk.services.settings import format_phone
from rcdesk.ui.paged_model import ID_ROLE, LEFT, RIGHT, PagedTableModel

__all__ = ["ID_ROLE", "CustomerTableModel"]


@lru_cache(maxsize=4096)
def _day_text(day: date) -> str:
    """Dates repeat across a customer file: each is formatted by babel once."""
    return format_date(day)


class CustomerTableModel(PagedTableModel):
    """Rows of the customer file, paged from the service's list_customers query."""

    TOOLTIP_CHARS = 30

    def __init__(self, service=customers_service, currency: str = "EUR", parent=None, *,
                 country: str = "FR"):
        super().__init__(service.LIST_COLUMNS,
                         lambda query, offset, limit: service.list_customers(query, offset, limit),
                         lambda query: service.count_customers(query),
                         service.CustomerQuery(), parent)
        self._currency = currency
        self._country = country  # the company's: its numbers national, others international

    def customer_id(self, row: int) -> int | None:
        return self.row_id(row)

    def display_text(self, key: str, value) -> str:
        """A cell as French users read it: dates dd/mm/yyyy, money, national phone numbers."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.tr("Oui") if value else self.tr("Non")
        if isinstance(value, datetime):
            return _day_text(value.date())
        if isinstance(value, date):
            return _day_text(value)
        if key.endswith("_cents") and isinstance(value, int):
            return format_money(value, self._currency)
        if isinstance(value, (int, float)):
            return format_number(value, 0 if isinstance(value, int) else 1)
        if key == "segments" and isinstance(value, str):
            return ", ".join(tag for tag in value.split(",") if tag)
        if key.startswith("phone") and isinstance(value, str) and value.startswith("+") \
                and " " not in value:  # stored E.164 (the list's rows come formatted)
            return format_phone(value, self._country)
        return str(value)

    def column_alignment(self, column: int) -> int:
        """Amounts and counts on the right (by their key, else by the first row's value)."""
        key = self.column_key(column)
        if key.endswith(("_cents", "_count", "count")) or key in ("revenue", "purchases"):
            return RIGHT
        if self.rowCount():
            value = self.row_values(0)[column + 1]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return RIGHT
        return LEFT
