"""rcdesk.log: one file handler, on the current data folder; errors logged without messages."""

import logging

from rcdesk.logs import log, log_unexpected, setup_logging


def file_handlers():
    return [h for h in log.handlers if isinstance(h, logging.FileHandler)]


def test_the_log_follows_the_data_folder(tmp_path, monkeypatch):
    first = tmp_path / "a"
    second = tmp_path / "b"
    monkeypatch.setenv("RCDESK_DATA_DIR", str(first))
    assert setup_logging() == first / "rcdesk.log"
    monkeypatch.setenv("RCDESK_DATA_DIR", str(second))
    assert setup_logging() == second / "rcdesk.log"
    assert setup_logging() == second / "rcdesk.log"
    [handler] = file_handlers()
    assert handler.baseFilename == str(second / "rcdesk.log")


def test_an_error_is_logged_with_its_causes_but_no_message(tmp_path, monkeypatch):
    monkeypatch.setenv("RCDESK_DATA_DIR", str(tmp_path))
    secret = "".join(("helene", "@exemple.fr"))
    try:
        try:
            {}[secret]
        except KeyError as exc:
            raise ValueError(secret) from exc
    except ValueError as exc:
        path = log_unexpected(exc, "essai")
    for handler in file_handlers():
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "essai : erreur inattendue" in text
    assert "builtins.ValueError" in text and "causée par : builtins.KeyError" in text
    assert "helene" not in text
