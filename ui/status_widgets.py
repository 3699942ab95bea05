"""The status bar's shift and outbox lines: each follows the announced changes by itself."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from counter_app import storage
from counter_app.changes import Changes, ShiftState
from counter_app.domain.money import format_yuan
from counter_app.session import CounterSession
from counter_app.shifts import shift_state
from counter_app.storage import Cache
from ui.messages import local_time
from ui.tasks import TaskRunner


class ShiftStatus(QLabel):
    """The clerk's shift: open since when, and the cash the drawer should hold."""

    def __init__(
        self, session: CounterSession | None, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("No shift"), parent)
        self.setObjectName("shiftStatus")
        self.session = session
        self.runner = runner
        self.state: ShiftState | None = None  # None: no open shift
        self.known = False  # read from the cache since the last change
        self._asked = 0  # the newest read: an older answer is dropped
        runner.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.opened is not None or changes.closed:
            self._show(changes.opened)  # known now; the figures follow the read below
        if changes.shift or changes.everything:
            self.refresh()

    def refresh(self) -> None:
        if self.session is not None:
            self._asked += 1
            self.runner.run(partial(shift_state, self.session), partial(self._read, self._asked))

    def _read(self, asked: int, state: ShiftState | None) -> None:
        if asked == self._asked:  # reads run in parallel: only the newest counts
            self._show(state)

    def _show(self, state: ShiftState | None) -> None:
        self.state, self.known = state, True
        if state is None:
            self.setText(self.tr("No shift — Ctrl+Shift+O opens one"))
            self.setStyleSheet("color: #b26a00;")
        else:
            self.setText(
                self.tr("Shift open since {time} · cash {cash}").format(
                    time=local_time(state.opened_at, "%H:%M"), cash=format_yuan(state.cash_fen)
                )
            )
            self.setStyleSheet("")


class OutboxStatus(QLabel):
    """Entries waiting for the province and entries it refused, as of the latest change or
    push (the sync thread tells its counts after each push)."""

    counts = Signal(int, int)  # waiting, refused

    def __init__(self, cache: Cache, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxStatus")
        self.cache = cache
        self.runner = runner
        self.waiting = self.refused = 0
        runner.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.outbox:
            # A bound method: dropped by the runner if this label is gone by the answer.
            self.runner.run(partial(storage.outbox_counts, self.cache), self._counted)

    def _counted(self, counts: tuple[int, int]) -> None:
        self.show_counts(*counts)

    def show_counts(self, waiting: int, refused: int) -> None:
        self.waiting, self.refused = waiting, refused
        parts = []
        if waiting:
            parts.append(self.tr("{n} waiting to send").format(n=waiting))
        if refused:
            parts.append(self.tr("{n} refused — see Sync issues").format(n=refused))
        self.setText(" · ".join(parts))
        self.setStyleSheet("color: #b00020;" if refused else "")
        self.counts.emit(waiting, refused)
