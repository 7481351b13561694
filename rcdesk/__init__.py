"""rcdesk: la relation client hors ligne pour les petites entreprises."""

__version__ = "0.1.0"
APP_NAME = "rcdesk"
