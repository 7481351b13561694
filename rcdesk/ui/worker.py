"""Run one service call off the GUI thread; progress, result and error come back by signal.

The one worker of the UI: imports, exports, figures and PDF reports all run through it."""

from __future__ import annotations

import gc
import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.logs import outline
from rcdesk.models.base import database_proxy

log = logging.getLogger("rcdesk")

# Workers started and not yet released. A worker and its signals object are freed here, on
# the GUI thread, a while after they finished: never in the pool thread, where destroying a
# QObject of the GUI thread can crash.
_LIVE: list["ServiceWorker"] = []
RELEASE_DELAY_MS = 2000
# The cyclic garbage collector stays off while a worker runs: a collection triggered by the
# worker's allocations would destroy widgets of the GUI thread from the pool thread (seen as
# a segmentation fault in the import tests).
_gc_state = {"running": 0, "was_enabled": True}


def _pause_gc() -> None:
    if _gc_state["running"] == 0:
        _gc_state["was_enabled"] = gc.isenabled()
        gc.disable()
    _gc_state["running"] += 1


def _resume_gc() -> None:
    _gc_state["running"] = max(0, _gc_state["running"] - 1)
    if _gc_state["running"] == 0 and _gc_state["was_enabled"]:
        gc.enable()  # the next collection runs where allocation happens: the GUI thread


def _release_finished() -> None:
    _LIVE[:] = [w for w in _LIVE if not w.finished.is_set()]


class WorkerSignals(QObject):
    """Queued to the GUI thread: widgets connect here and are only touched there."""

    sig_progress = Signal(int, int)  # done, total
    sig_done = Signal(object)
    sig_failed = Signal(str)

    def __init__(self):
        super().__init__()
        self.sig_done.connect(self._ended)
        self.sig_failed.connect(self._ended)

    def _ended(self, *_args) -> None:
        """GUI thread: the collector may run again; the worker is released a bit later."""
        _resume_gc()
        QTimer.singleShot(RELEASE_DELAY_MS, _release_finished)


class ServiceWorker(QRunnable):
    """Calls fn(*args, progress=..., cancelled=..., **kwargs) in a pool thread.

    The stop flag is a threading.Event so the service can poll it between rows; the
    service, not this worker, decides what "cancelled" leaves behind (its transaction)."""

    def __init__(self, fn, *args, with_progress: bool = True, **kwargs):
        super().__init__()
        # autoDelete stays on: the pool owns the C++ runnable; _LIVE owns the Python side.
        self.signals = WorkerSignals()
        self.finished = threading.Event()
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._with_progress = with_progress
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        kwargs = dict(self._kwargs)
        signals = self.signals
        if self._with_progress:
            kwargs["progress"] = lambda done, total: signals.sig_progress.emit(done, total)
            kwargs["cancelled"] = self._stop.is_set
        try:
            result = self._fn(*self._args, **kwargs)
        except (ServiceError, ValidationError) as exc:
            signals.sig_failed.emit(str(exc))
        except Exception as exc:  # reported to the user, the window keeps running
            # type and frames only: the message may quote a customer's data
            log.error("tâche de fond en échec\n%s", outline(exc))
            signals.sig_failed.emit(f"{type(exc).__name__} : {exc}")
        else:
            signals.sig_done.emit(result)
        finally:
            # peewee keeps one connection per thread: release this pool thread's one.
            db = database_proxy.obj
            if db is not None and not db.is_closed():
                db.close()
            self.finished.set()

    def start(self, pool: QThreadPool | None = None) -> None:
        """GUI thread only."""
        _release_finished()
        _LIVE.append(self)
        _pause_gc()
        (pool or QThreadPool.globalInstance()).start(self)


def run_report(parent: QWidget, label: str, fn, on_done, on_failed, **kwargs) -> ServiceWorker:
    """Starts fn(**kwargs) with a busy dialog; GUI thread only.

    Annuler drops the result (on_done is not called) since a PDF being drawn cannot be
    interrupted half-way. on_done(result) and on_failed(message) run on the GUI thread, and
    not at all once parent was closed."""
    worker = ServiceWorker(fn, with_progress=False, **kwargs)
    dialog = QProgressDialog(label, _tr("Annuler"), 0, 0, parent)
    dialog.setWindowTitle(_tr("Rapport PDF"))
    dialog.setMinimumDuration(400)
    dialog.canceled.connect(worker.cancel)

    def done(result) -> None:
        if not isValid(parent):  # the view was closed while the PDF was being drawn
            return
        dialog.reset()
        if not worker.is_cancelled():
            on_done(result)

    def failed(message: str) -> None:
        if not isValid(parent):
            return
        dialog.reset()
        on_failed(message)

    worker.signals.sig_done.connect(done)
    worker.signals.sig_failed.connect(failed)
    worker.start()
    return worker


def _tr(text: str) -> str:
    return QCoreApplication.translate("worker", text)
