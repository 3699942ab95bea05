"""Run work off the GUI thread and get the answer back on it.

Screens call `TaskRunner.run(fn, on_done, on_error, pool=...)`; they never make threads.
`read` work (searches, views) runs in parallel, `write` work one at a time (SQLite has one
writer), `net` work (calls to the province) in its own pool so a slow link never holds up a
search, and `print` work (PDFs, printers) in its own so a slow printer never holds up a
payment or a void. Only plain data should cross: dataclasses, dicts, exceptions.

Use cases that change things go through `write`: on the single writer, and what they
changed (counter_app.changes) is announced on `changed` before the caller hears back, so
every view showing it follows by itself.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from counter_app.changes import Changed, Changes

log = logging.getLogger(__name__)
Callback = Callable[[Any], None]


class _Relay(QObject):
    """Lives in the GUI thread; its slots run there when the worker emits."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, runner: TaskRunner, on_done: Callback | None, on_error: Callback | None):
        super().__init__()
        self._runner = runner
        self._on_done = on_done
        self._on_error = on_error
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        self._runner._forget(self)
        if _alive(self._on_done):
            self._on_done(result)  # type: ignore[misc]

    @Slot(object)
    def _deliver_error(self, exc: object) -> None:
        self._runner._forget(self)
        if _alive(self._on_error):
            self._on_error(exc)  # type: ignore[misc]
        elif self._on_error is None:
            self._runner.unhandled.emit(exc)


def _alive(callback: Callback | None) -> bool:
    """False when the callback belongs to a Qt object that has been deleted meanwhile."""
    if callback is None:
        return False
    while isinstance(callback, functools.partial):  # partial(widget.method, …)
        callback = callback.func
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the GUI thread, which shows it
            log.debug("task failed", exc_info=exc)
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class TaskRunner(QObject):
    unhandled = Signal(object)  # an error no caller handled: the window shows it
    changed = Signal(object)  # counter_app.changes.Changes: what a write (or a sync) changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pools = {
            "read": QThreadPool(self),
            "write": QThreadPool(self),
            "net": QThreadPool(self),
            "print": QThreadPool(self),
        }
        self.pools["read"].setMaxThreadCount(3)
        self.pools["write"].setMaxThreadCount(1)
        self.pools["net"].setMaxThreadCount(2)
        self.pools["print"].setMaxThreadCount(1)
        self._pending: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        pool: str = "read",
    ) -> None:
        relay = _Relay(self, on_done, on_error)
        self._pending.add(relay)
        self.pools[pool].start(_Task(fn, relay))

    def write(
        self,
        fn: Callable[[], Any],
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        pool: str = "write",
    ) -> None:
        """A use case that writes: run on the single writer; a `Changed` answer is announced
        and its value handed on, an answer with a `changes` field announced and handed on.
        (A payment runs in `net`: it waits on a card terminal or the QR gateway, which must
        not hold up every other write; its own writes are short transactions.)"""
        self.run(fn, partial(self._written, on_done), on_error, pool=pool)

    def _written(self, on_done: Callback | None, result: Any) -> None:
        if isinstance(result, Changed):
            changes, result = result.changes, result.value
        else:
            changes = getattr(result, "changes", None)
        if isinstance(changes, Changes) and changes:
            self.changed.emit(changes)
        if _alive(on_done):
            on_done(result)  # type: ignore[misc]

    def announce(self, changes: Changes) -> None:
        """What changed outside a write of ours (the sync thread booked or pulled)."""
        if changes:
            self.changed.emit(changes)

    def _forget(self, relay: _Relay) -> None:
        self._pending.discard(relay)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        for pool in self.pools.values():
            pool.clear()
            pool.waitForDone(timeout_ms)
