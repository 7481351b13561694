"""Fixtures of the Réclamations tab tests: an app context over the test's SQLite database."""

from __future__ import annotations

import pytest

from rcdesk.ui.complaints import operations as ops


@pytest.fixture
def context(sqlite_database, qapp):
    from rcdesk.services.settings import CompanyProfile, save_company
    from rcdesk.ui.context import AppContext

    save_company(CompanyProfile(name="Maison Test", city="Lille"))  # letters need a name
    return AppContext(sqlite_database.target)


@pytest.fixture(autouse=True)
def no_desktop_viewer(monkeypatch):
    """Documents are written but never handed to a desktop viewer during tests."""
    opened = []
    monkeypatch.setattr(ops, "open_file", lambda path: opened.append(str(path)) or True)
    return opened

