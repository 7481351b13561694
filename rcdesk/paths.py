"""Where rcdesk keeps its files: the user data dir (platformdirs) and shipped resources."""

import os
from pathlib import Path

from platformdirs import user_data_dir

from rcdesk import APP_NAME

RESOURCES = Path(__file__).resolve().parent / "resources"
FONTS = RESOURCES / "fonts"


def data_dir() -> Path:
    """The folder holding the default database, logs and attachments; created on first use.

    RCDESK_DATA_DIR overrides it (tests and portable installs)."""
    override = os.environ.get("RCDESK_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> str:
    """The database named by RCDESK_DB, else rcdesk.db in the data dir."""
    return os.environ.get("RCDESK_DB") or str(data_dir() / "rcdesk.db")


def log_file() -> Path:
    return data_dir() / "rcdesk.log"


def attachments_dir() -> Path:
    path = data_dir() / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path
