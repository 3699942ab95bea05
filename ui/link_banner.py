"""The banner across the window while the counter is offline or catching up: how many
entries wait, since when, the last error, and what cannot be done until the link is back.
The status bar keeps the short form."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from counter_app import storage
from counter_app.changes import Changes
from counter_app.storage import Backlog, Cache
from ui.messages import describe
from ui.tasks import TaskRunner

OFFLINE_STYLE = "background: #b00020; color: white; font-weight: bold; padding: 6px;"
CATCHING_UP_STYLE = "background: #b26a00; color: white; font-weight: bold; padding: 6px;"


class LinkBanner(QLabel):
    def __init__(self, cache: Cache, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkBanner")
        self.setWordWrap(True)
        self.cache, self.runner = cache, runner
        self.online = True
        self.backlog = Backlog(0, 0, None)
        self.last_error = ""
        self.hide()
        runner.changed.connect(self._changed)
        self._ticker = QTimer(self)  # the oldest entry's age moves on
        self._ticker.setInterval(5000)
        self._ticker.timeout.connect(self._show)

    # -- what the sync says -------------------------------------------------------------
    def set_online(self, online: bool) -> None:
        self.online = online
        if online:
            self.last_error = ""
        self.refresh()

    def sync_failed(self, kind: str, exc: BaseException) -> None:
        if kind == "offline":
            self.last_error = describe(exc)
            self._show()

    def outbox_counts(self, _waiting: int, _refused: int) -> None:
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.outbox or changes.everything:
            self.refresh()

    def refresh(self) -> None:
        self.runner.run(partial(storage.backlog, self.cache), self._read)

    def _read(self, backlog: Backlog) -> None:
        self.backlog = backlog
        self._show()

    # -- what the clerk reads -----------------------------------------------------------
    def _age(self) -> str:
        if not self.backlog.oldest_at:
            return ""
        then = datetime.fromisoformat(self.backlog.oldest_at)
        then = then if then.tzinfo else then.replace(tzinfo=UTC)
        minutes = max(int((datetime.now(UTC) - then).total_seconds() // 60), 0)
        return self.tr("the oldest for {n} min").format(n=minutes)

    def _show(self) -> None:
        waiting = self.backlog.waiting
        if self.online and not waiting:
            self.hide()
            self._ticker.stop()
            return
        parts = []
        if waiting:
            parts.append(self.tr("{n} entries waiting to be sent").format(n=waiting))
            if self._age():
                parts.append(self._age())
        if self.online:
            head = self.tr("Catching up with the province")
            self.setStyleSheet(CATCHING_UP_STYLE)
        else:
            head = self.tr("OFFLINE — the province cannot be reached")
            self.setStyleSheet(OFFLINE_STYLE)
            if self.last_error:
                error = self.last_error.rstrip("。. ")  # the parts are joined with " · "
                parts.append(self.tr("last error: {error}").format(error=error))
            parts.append(
                self.tr(
                    "Cash payments (a large top-up needs a supervisor), suspend/resume, add-ons "
                    "and new lines from the hall's stock go on and are sent later; card and QR "
                    "payments, registration and the other orders wait for the link."
                )
            )
        self.setText(head + (": " + " · ".join(parts) if parts else ""))
        self.show()
        self._ticker.start()
