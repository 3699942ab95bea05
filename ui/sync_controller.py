"""The sync engine in its own thread, a timer that runs it, and the online/offline state."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from counter_app.api_client import ApiError, AuthExpired, OfflineError
from counter_app.sync.engine import Cancelled, Progress, SyncEngine, SyncResult
from counter_app.sync.push import push

log = logging.getLogger(__name__)
PING_INTERVAL_MS = 5_000


class _SyncWorker(QObject):
    """Lives in the sync thread: every slot here runs there."""

    progress = Signal(object)  # Progress
    synced = Signal(object)  # SyncResult
    failed = Signal(str, object)  # kind: offline | auth | error, the exception
    reachable = Signal(bool)
    outbox = Signal(int, int)  # waiting to send, refused by the province
    settled = Signal(object)  # Changes: what the province's answers to this push changed

    def __init__(
        self, make_engine: Callable[[], SyncEngine], stop: threading.Event, staff_id: str | None
    ) -> None:
        super().__init__()
        self._make_engine = make_engine
        self._staff_id = staff_id
        self._engine: SyncEngine | None = None
        self._stop = stop

    def _get_engine(self) -> SyncEngine:
        if self._engine is None:
            self._engine = self._make_engine()
        return self._engine

    def _push(self, force: bool) -> bool:
        """Send the outbox first: what the clerk did goes before what the province says.
        False when the province could not be reached."""
        engine = self._get_engine()
        result = push(engine.api, engine.cache, force=force, staff_id=self._staff_id)
        self.outbox.emit(result.waiting, result.refused_total)
        if result.accepted or result.rejected:
            self.settled.emit(result.changes)
        return not result.offline

    @Slot(bool)
    def push_only(self, force: bool) -> None:
        if self._stop.is_set():
            return
        try:
            self.reachable.emit(self._push(force))
        except AuthExpired as exc:
            self.failed.emit("auth", exc)
        except Exception as exc:
            log.exception("push failed")
            self.failed.emit("error", exc)

    @Slot()
    def sync(self) -> None:
        if self._stop.is_set():
            return
        try:
            self._push(force=False)  # whatever it did, the pull runs: an entry the
            # province fails on never stops this counter from learning what changed
            result = self._get_engine().pull(self.progress.emit, self._stop.is_set)
        except Cancelled:
            return
        except OfflineError as exc:
            self.reachable.emit(False)
            self.failed.emit("offline", exc)
            return
        except AuthExpired as exc:
            self.reachable.emit(True)
            self.failed.emit("auth", exc)
            return
        except ApiError as exc:
            self.reachable.emit(True)
            self.failed.emit("error", exc)
            return
        except Exception as exc:
            log.exception("sync failed")
            self.failed.emit("error", exc)
            return
        self.reachable.emit(True)
        self.synced.emit(result)

    @Slot()
    def ping(self) -> None:
        if self._stop.is_set():
            return
        try:
            self._get_engine().api.health()
        except OfflineError:
            self.reachable.emit(False)
        except Exception:
            log.exception("health check failed")
            self.reachable.emit(False)
        else:
            self.reachable.emit(True)

    @Slot()
    def close(self) -> None:
        """In the ending thread (its loop has stopped): the client closed there, then the
        worker handed to the GUI thread, where it is freed with the controller. Destroyed
        in its own thread, this Python-made QObject calls back into Python while Qt holds
        its connection lock: a GUI thread connecting a signal at that moment deadlocks."""
        if self._engine is not None:
            self._engine.api.close()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())


class SyncController(QObject):
    """GUI-side handle: `sync_now()`, and signals the window listens to."""

    started = Signal()
    progress = Signal(object)
    synced = Signal(object)
    failed = Signal(str, object)
    online_changed = Signal(bool)
    outbox_changed = Signal(int, int)  # waiting, refused
    entries_settled = Signal(object)  # Changes: the province answered entries
    finished_thread = Signal()
    _run_sync = Signal()
    _run_push = Signal(bool)
    _run_ping = Signal()

    def __init__(
        self,
        make_engine: Callable[[], SyncEngine],
        interval_s: int = 30,
        parent: QObject | None = None,
        staff_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread = QThread(self)  # owned by the controller: deleted only after it ends
        self._thread.setObjectName("sync")
        self._worker = _SyncWorker(make_engine, self._stop, staff_id)
        self._worker.moveToThread(self._thread)
        self._run_sync.connect(self._worker.sync)
        self._run_push.connect(self._worker.push_only)
        self._worker.outbox.connect(self.outbox_changed)
        self._worker.settled.connect(self.entries_settled)
        self._run_ping.connect(self._worker.ping)
        self._worker.progress.connect(self.progress)
        self._worker.synced.connect(self._on_synced)
        self._worker.failed.connect(self._on_failed)
        self._worker.reachable.connect(self._on_reachable)
        self.busy = False
        self.online: bool | None = None
        self.last_result: SyncResult | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(interval_s, 1) * 1000)
        self._timer.timeout.connect(self.sync_now)
        self._ping_timer = QTimer(self)
        self._ping_timer.setInterval(PING_INTERVAL_MS)
        self._ping_timer.timeout.connect(self._ping)
        # When the thread's loop ends: close the worker's client in that thread and hand
        # the worker back to the GUI thread (a queued close() would never run once the
        # loop has stopped; see _SyncWorker.close for why it is not deleted there).
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self.finished_thread)
        self._thread.start()

    def start(self) -> None:
        """Sync at once, then on the timer; ping the province between syncs."""
        self._timer.start()
        self._ping_timer.start()
        self.sync_now()

    def set_interval(self, seconds: int) -> None:
        self._timer.setInterval(max(seconds, 1) * 1000)

    @Slot()
    def sync_now(self) -> bool:
        if self.busy or self._stop.is_set():
            return False
        self.busy = True
        self.started.emit()
        self._run_sync.emit()
        return True

    def push_now(self, force: bool = True) -> None:
        """Send the outbox now (after a payment), without waiting for the timer."""
        if not self._stop.is_set():
            self._run_push.emit(force)

    def _ping(self) -> None:
        if not self.busy and not self._stop.is_set():
            self._run_ping.emit()

    def check_link(self) -> None:
        """Ask the province at once whether it answers (after the training switch)."""
        self._ping()

    def _on_synced(self, result: SyncResult) -> None:
        self.busy = False
        self.last_result = result
        self.synced.emit(result)

    def _on_failed(self, kind: str, exc: Exception) -> None:
        self.busy = False
        self.failed.emit(kind, exc)

    def _on_reachable(self, reachable: bool) -> None:
        was = self.online
        self.online = reachable
        if was != reachable:
            self.online_changed.emit(reachable)
            if reachable and was is False:
                # The link is back: send at once, whatever back-off the entries had earned
                # during the outage, then catch up with the province.
                self.push_now(True)
                self.sync_now()

    def stop(self, wait_ms: int = 0) -> bool:
        """Cancel a running pull at its next page and let the thread end.

        Without `wait_ms` this returns at once (signing out must not freeze the window on a
        slow request); the thread then closes its client and goes away by itself. At exit
        the app waits, and learns whether the thread is done."""
        self._stop.set()
        self._timer.stop()
        self._ping_timer.stop()
        self._thread.quit()
        return self._thread.wait(wait_ms) if wait_ms else self._thread.isFinished()


__all__ = ["Progress", "SyncController", "SyncResult"]
