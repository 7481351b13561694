"""Loyalty (fidélisation): programme, cards, points ledger, vouchers, reminders, rebates."""
