"""The Clients tab."""

from rcdesk.ui.customers.tab import CustomersTab

__all__ = ["CustomersTab"]
