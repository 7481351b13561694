"""Run one service call off the GUI thread; progress, result and error come back by signal."""

from __future__ import annotations

import logging
import threading
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from rcdesk.models.base import database_proxy
from rcdesk.services.errors import ServiceError, ValidationError

log = logging.getLogger("rcdesk")


class WorkerSignals(QObject):
    """Queued to the GUI thread: widgets connect here and are only touched there."""

    sig_progress = Signal(int, int)  # done, total
    sig_done = Signal(object)
    sig_failed = Signal(str)


class ServiceWorker(QRunnable):
    """Calls fn(*args, progress=..., cancelled=..., **kwargs) in a pool thread.

    The stop flag is a threading.Event so the service can poll it between rows; the
    service, not this worker, decides what "cancelled" leaves behind (its transaction)."""

    def __init__(self, fn, *args, with_progress: bool = True, **kwargs):
        super().__init__()
        # autoDelete stays on: the pool owns the runnable, so closing the widget that started
        # it never frees it mid-run. Afterwards only Python attributes are touched (cancel()).
        self.signals = WorkerSignals()
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
        if self._with_progress:
            kwargs["progress"] = lambda done, total: self.signals.sig_progress.emit(done, total)
            kwargs["cancelled"] = self._stop.is_set
        try:
            result = self._fn(*self._args, **kwargs)
        except (ServiceError, ValidationError) as exc:
            self.signals.sig_failed.emit(str(exc))
        except Exception as exc:  # reported to the user, the window keeps running
            log.error("tâche de fond en échec\n%s", traceback.format_exc())
            self.signals.sig_failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.sig_done.emit(result)
        finally:
            # peewee keeps one connection per thread: release this pool thread's one.
            db = database_proxy.obj
            if db is not None and not db.is_closed():
                db.close()

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(self)
