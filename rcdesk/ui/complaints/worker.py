"""Run a long read (a big PDF report) off the GUI thread; the result comes back by signal."""

from __future__ import annotations

import logging
import threading
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog
from shiboken6 import isValid

from rcdesk.models.base import database_proxy
from rcdesk.services.errors import ServiceError, ValidationError

log = logging.getLogger("rcdesk")


class WorkerSignals(QObject):
    """Queued to the GUI thread: only slots there touch widgets."""

    sig_done = Signal(object)
    sig_failed = Signal(str)


class ReportWorker(QRunnable):
    """Calls fn(**kwargs) in a pool thread with the thread's own database connection.

    peewee keeps one connection per thread: the worker closes its own at the end so a
    SQLite file is not left with a stray reader."""

    def __init__(self, fn, **kwargs):
        super().__init__()
        self.setAutoDelete(False)  # the widget keeps it until a signal arrives
        self.signals = WorkerSignals()
        self._fn = fn
        self._kwargs = kwargs
        self.cancelled = threading.Event()

    def run(self) -> None:
        try:
            result = self._fn(**self._kwargs)
        except (ServiceError, ValidationError) as exc:
            self.signals.sig_failed.emit(str(getattr(exc, "message", exc)))
        except Exception as exc:  # shown to the user; the window keeps running
            log.error("rapport en échec\n%s", traceback.format_exc())
            self.signals.sig_failed.emit(f"{type(exc).__name__} : {exc}")
        else:
            self.signals.sig_done.emit(result)
        finally:
            db = database_proxy.obj
            if db is not None and not db.is_closed():
                db.close()


def run_report(parent, label: str, fn, on_done, on_failed, **kwargs) -> ReportWorker:
    """Start fn(**kwargs) with a busy dialog; Annuler drops the result (the file is left
    unopened) since a PDF being drawn cannot be interrupted half-way."""
    worker = ReportWorker(fn, **kwargs)
    dialog = QProgressDialog(label, parent.tr("Annuler"), 0, 0, parent)
    dialog.setWindowTitle(parent.tr("Rapport PDF"))
    dialog.setMinimumDuration(400)
    dialog.canceled.connect(worker.cancelled.set)

    def done(result):
        if not isValid(parent):  # the view was closed while the PDF was being drawn
            return
        dialog.reset()
        if not worker.cancelled.is_set():
            on_done(result)
        parent._workers.discard(worker)

    def failed(message):
        if not isValid(parent):
            return
        dialog.reset()
        on_failed(message)
        parent._workers.discard(worker)

    worker.signals.sig_done.connect(done)
    worker.signals.sig_failed.connect(failed)
    if not hasattr(parent, "_workers"):
        parent._workers = set()
    parent._workers.add(worker)
    QThreadPool.globalInstance().start(worker)
    return worker
