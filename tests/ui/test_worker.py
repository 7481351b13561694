"""The shared background worker: results, French errors and Annuler reach the GUI thread."""

import threading

from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from rcdesk.core.errors import ServiceError
from rcdesk.ui.worker import ServiceWorker, run_report


def test_service_worker_reports_progress_then_result(qtbot):
    def count(n, *, progress, cancelled):
        for i in range(1, n + 1):
            progress(i, n)
        return n * 10

    worker = ServiceWorker(count, 3)
    seen = []
    worker.signals.sig_progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(worker.signals.sig_done, timeout=10000) as signal:
        worker.start()
    assert signal.args == [30]
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_run_report_shows_a_refusal_in_french(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def refuse(*, path):
        raise ServiceError(f"Impossible d'écrire {path}.")

    failures, results = [], []
    worker = run_report(parent, "Rédaction…", refuse, results.append, failures.append,
                        path="x.pdf")
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    assert failures == ["Impossible d'écrire x.pdf."]
    assert results == []
    assert worker.finished.is_set()


def test_run_report_annuler_drops_the_result(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()

    def slow(*, path):
        release.wait(10)
        return path

    results = []
    worker = run_report(parent, "Rédaction…", slow, results.append, lambda _m: None,
                        path="x.pdf")
    busy = parent.findChild(QProgressDialog)
    cancel = [b for b in busy.findChildren(QPushButton) if b.text() == "Annuler"]
    cancel[0].click()
    with qtbot.waitSignal(worker.signals.sig_done, timeout=10000):
        release.set()
    assert worker.is_cancelled()
    assert results == []


def test_an_unexpected_error_is_logged_without_its_message(qtbot, caplog):
    personal = " ".join(("Hélène", "helene@exemple.fr"))

    def crash(*, progress, cancelled):
        raise KeyError(personal)  # a message quoting a customer, as peewee's often do

    worker = ServiceWorker(crash)
    with caplog.at_level("ERROR", logger="rcdesk"):
        with qtbot.waitSignal(worker.signals.sig_failed, timeout=10000) as signal:
            worker.start()
    assert signal.args[0].startswith("KeyError")  # the user still sees what happened
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "builtins.KeyError" in logged and "in crash" in logged
    assert "Hélène" not in logged and "helene@" not in logged
