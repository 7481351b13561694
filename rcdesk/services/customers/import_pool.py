"""The rows of a big import checked in a process pool sized to the cores, in file order.

The check of one row (read, normalise, validate: phonenumbers and email-validator are most
of an import's time) needs nothing but the row and the import's settings, so it runs in
worker processes; everything that depends on the earlier rows or on the database (repeated
rows, duplicates, existing customers, the writes in one transaction) stays in the caller,
which receives the outcomes in the order of the file. The outcomes are those of the
in-process check by construction: the same function runs on the same rows.

The pool is started with 'spawn' on every system (the window's worker thread must not fork
a process holding Qt's threads, and Windows has nothing else): the check and its state's
builder are module-level functions, pickled by name, and the state is rebuilt in each worker
from plain arguments (the vocabulary's readers are closures). Nothing here relies on the
caller's `__main__`: the console script and `python -m rcdesk.cli` guard theirs. A small file
(under POOL_MIN_ROWS) is checked in-process, where a pool would cost more than it saves; a
pool that cannot start or breaks falls back to the in-process check for the remaining rows.
Memory stays bounded: at most WINDOW chunks per worker are in flight."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

POOL_MIN_ROWS = 2000  # under this, starting the workers costs more than they save
CHUNK_ROWS = 1000  # rows sent to a worker at once
WINDOW = 3  # chunks in flight per worker

_state = None
_check: Callable | None = None


def pool_size(rows: int, workers: int | None = None) -> int:
    """Processes to check rows with: workers when given (1: in-process), else the cores for a
    file of POOL_MIN_ROWS rows or more, else 1."""
    if workers is not None:
        return max(1, int(workers))
    cores = os.cpu_count() or 1
    return cores if cores > 1 and rows >= POOL_MIN_ROWS else 1


def _start_worker(check: Callable, build: Callable, args: tuple) -> None:
    global _state, _check
    _check = check
    _state = build(*args)


def _check_chunk(rows: list[tuple[int, list]]) -> list:
    return [_check(_state, line, cells) for line, cells in rows]


class RowChecks:
    """(line, cells, outcome) of each row of rows, in order, outcome = check(state, line,
    cells) with state = build(*args). The rows are read ahead by up to WINDOW chunks per
    worker."""

    def __init__(self, rows: Iterable[tuple[int, list]], check: Callable, build: Callable,
                 args: tuple, workers: int):
        self.rows = iter(rows)
        self.check, self.build, self.args = check, build, args
        self.workers = workers
        self._local = None
        self._pool: ProcessPoolExecutor | None = None
        self._queue: deque = deque()

    def local_state(self):
        if self._local is None:
            self._local = self.build(*self.args)
        return self._local

    def start(self) -> RowChecks:
        """Start the workers and send them the first chunks (they start while the caller
        loads what it needs from the database)."""
        if self.workers > 1 and self._pool is None:
            try:
                self._pool = ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker, initargs=(self.check, self.build, self.args))
                for _ in range(self.workers * WINDOW):
                    if not self._submit():
                        break
            except (OSError, RuntimeError, BrokenProcessPool):
                self._close()
            except BaseException:  # Cancelled while reading ahead
                self._close()
                raise
        return self

    def _submit(self) -> bool:
        chunk = []
        for row in self.rows:
            chunk.append(row)
            if len(chunk) == CHUNK_ROWS:
                break
        if not chunk:
            return False
        future = None
        if self._pool is not None:
            try:
                future = self._pool.submit(_check_chunk, [(line, cells) for line, cells in chunk])
            except (OSError, RuntimeError, BrokenProcessPool):
                self._close()
        self._queue.append((chunk, future))
        return True

    def close(self) -> None:
        """Stop the workers (the rows not yet given are not checked)."""
        self._close()

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def __iter__(self) -> Iterator[tuple[int, list, object]]:
        self.start()
        try:
            if self._pool is None and not self._queue:
                state = self.local_state()
                for line, cells in self.rows:
                    yield line, cells, self.check(state, line, cells)
                return
            while self._queue or self._submit():
                chunk, future = self._queue.popleft()
                outcomes = None
                if future is not None:
                    try:
                        outcomes = future.result()
                    except (BrokenProcessPool, CancelledError):  # the rest is checked here
                        self._close()
                if outcomes is None:
                    state = self.local_state()
                    outcomes = [self.check(state, line, cells) for line, cells in chunk]
                self._submit()
                for (line, cells), outcome in zip(chunk, outcomes):
                    yield line, cells, outcome
            if self._pool is not None:  # every chunk is back: the workers end at once
                self._pool.shutdown(wait=True)
                self._pool = None
        finally:
            self._close()
