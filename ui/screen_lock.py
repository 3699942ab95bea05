"""The idle screen lock: after the policy's `idle_lock_minutes` without a key, a click, a
mouse move or the wheel (0: never), or at once with Ctrl+L, the window shows only the lock.

While locked every customer's data is out of sight: the window's own parts (search, the
360° view, the menu and status bars) and every dialog open over it are hidden, and shown
again as they were once someone unlocks; a dialog that opens meanwhile waits hidden too.
The window's shortcuts do nothing meanwhile. The clerk's own password unlocks, or a
supervisor's (Alt+S: their staff number); the check runs in a worker (counter_app.
screen_lock), and too many wrong tries sign the clerk out (`ScreenLocker.signed_out`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

import shiboken6
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.auth import SignedIn
from counter_app.screen_lock import ScreenLock, SignedOutForGuessing, Unlocked, UnlockRefused
from ui.messages import describe, local_time
from ui.tasks import TaskRunner
from ui.widgets import busy_bar, error_label

# What counts as the clerk being there. (Mouse moves reach the window itself, tracked or not.)
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)
_TRANSIENT = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)  # closed, never shown again


class IdleWatcher(QObject):
    """Says `idle` once no input has reached the application for `idle_ms()` (0: never).

    An application event filter notes the time of each input (nothing else: it sees every
    event); one single-shot timer looks again when the time could be up, and at least once a
    minute, so a new policy value (read through `idle_ms`, in memory) applies by itself."""

    idle = Signal()
    RECHECK_MS = 60_000

    def __init__(self, idle_ms: Callable[[], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_ms = idle_ms
        self._since_input = QElapsedTimer()
        self._since_input.start()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._look)
        self._paused = False
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._look()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._since_input.restart()
        return False

    @property
    def idle_for_ms(self) -> int:
        return int(self._since_input.elapsed())

    def pause(self) -> None:
        """Locked: nothing more to watch until `resume`."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        """Unlocked, or the idle time changed: counted afresh from now."""
        self._paused = False
        self._since_input.restart()
        self._look()

    def _look(self) -> None:
        if self._paused:
            return
        limit = self.idle_ms()
        if limit <= 0:  # the policy says never: look again later, it may change
            self._timer.start(self.RECHECK_MS)
            return
        left = limit - self.idle_for_ms
        if left <= 0:
            self.idle.emit()
            return
        self._timer.start(min(left, self.RECHECK_MS))


class LockScreen(QFrame):
    """What a locked window shows: who is signed in, since when it is locked, and where to
    type the password. Covers the whole window; opaque."""

    submitted = Signal(str, str)  # staff number ("": the clerk's own), password

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#lockScreen { background: #24303c; } #lockScreen QLabel { color: white; }"
        )
        self.title = QLabel(self.tr("This counter is locked"))
        self.title.setObjectName("lockTitle")
        self.title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.who = QLabel()
        self.who.setObjectName("lockWho")
        self.since = QLabel()
        self.since.setObjectName("lockSince")
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("your password, or a supervisor's"))
        self.error = error_label("lockError")
        self.error.setStyleSheet("color: #ffb4b4; font-weight: bold;")
        self.staff_no = QLineEdit()
        self.staff_no.setObjectName("lockSupervisorStaffNo")
        self.staff_no.setPlaceholderText(self.tr("empty: your own password"))
        self.busy = busy_bar()
        self.busy.setObjectName("lockBusy")
        self.unlock_button = QPushButton(self.tr("Unlock (Enter)"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self._submit)
        for edit in (self.password, self.staff_no):
            edit.returnPressed.connect(self._submit)
            edit.textEdited.connect(lambda _text: self.error.hide())
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password)
        staff_label = QLabel(self.tr("&Supervisor's staff number"))
        staff_label.setBuddy(self.staff_no)
        form = QFormLayout()
        form.addRow(password_label, self.password)
        form.addRow("", self.error)  # in the field's place, right under it
        form.addRow(staff_label, self.staff_no)
        box = QFrame()
        box.setMaximumWidth(560)
        column = QVBoxLayout(box)
        column.addWidget(self.title)
        column.addWidget(self.who)
        column.addWidget(self.since)
        column.addSpacing(16)
        column.addLayout(form)
        column.addWidget(self.busy)
        column.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)
        hint = QLabel(
            self.tr("Enter unlocks · a supervisor: Alt+S, their staff number, their password")
        )
        hint.setObjectName("lockHint")
        column.addWidget(hint)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.hide()

    def show_locked(self, signed: SignedIn, locked_at: str) -> None:
        self.who.setText(
            self.tr("Signed in: {name} ({staff_no}) · {hall} / {counter}").format(
                name=signed.name,
                staff_no=signed.staff_no,
                hall=signed.hall_code,
                counter=signed.counter_id,
            )
        )
        self.since.setText(
            self.tr("Locked since {time}").format(time=local_time(locked_at, "%Y-%m-%d %H:%M"))
        )
        self.password.clear()
        self.staff_no.clear()
        self.error.hide()
        self.set_checking(False)

    def set_checking(self, checking: bool) -> None:
        self.busy.setVisible(checking)
        for widget in (self.password, self.staff_no, self.unlock_button):
            widget.setEnabled(not checking)
        if not checking:
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def refused(self, text: str) -> None:
        self.set_checking(False)
        self.password.clear()
        self.error.setText(text)
        self.error.show()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        if self.password.isEnabled():
            self.submitted.emit(self.staff_no.text(), self.password.text())


class ScreenLocker(QObject):
    """Locks `window` when the watcher says idle or the clerk asks (`lock_action`), and
    unlocks it for whoever counter_app.screen_lock lets in."""

    locked_changed = Signal(bool)
    signed_out = Signal(str)  # too many wrong tries: sign the clerk out, telling them why

    def __init__(
        self,
        window: QMainWindow,
        runner: TaskRunner,
        core: ScreenLock,
        idle_minutes: Callable[[], int],
    ) -> None:
        super().__init__(window)
        self.window, self.runner, self.core = window, runner, core
        self.idle_minutes = idle_minutes
        self.locked = False
        self.locked_at: str | None = None
        self.screen = LockScreen(window)
        self.screen.submitted.connect(self._submit)
        self.lock_action = QAction(self.tr("&Lock screen"), window)
        self.lock_action.setObjectName("lockScreenAction")
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.lock_action.triggered.connect(partial(self.lock, "manual"))
        window.addAction(self.lock_action)
        self.watcher = IdleWatcher(lambda: max(self.idle_minutes(), 0) * 60_000, self)
        self.watcher.idle.connect(partial(self.lock, "idle"))
        self._hidden_parts: list[QWidget] = []  # the window's own, hidden while locked
        self._hidden_windows: list[QWidget] = []  # dialogs over it, in the order shown
        self._focus: QWidget | None = None
        self._checking = False
        window.installEventFilter(self)

    # -- locking -------------------------------------------------------------------------
    def lock(self, why: str = "manual") -> None:
        if self.locked:
            return
        self.locked = True
        self.locked_at = datetime.now(UTC).isoformat()
        self.watcher.pause()
        self._focus = QApplication.focusWidget()
        window = self.window
        for part in (window.centralWidget(), window.menuBar(), window.statusBar()):
            if part is not None and part.isVisible():
                part.hide()
                self._hidden_parts.append(part)
        for top in QApplication.topLevelWidgets():
            if top is not window and top.isVisible():
                self._keep_hidden(top)
        QApplication.instance().installEventFilter(self)
        signed = getattr(window, "signed", None) or self.core.sess.signed
        self.screen.show_locked(signed, self.locked_at)
        self.screen.setGeometry(window.rect())
        self.screen.show()
        self.screen.raise_()
        window.activateWindow()
        self.screen.set_checking(False)  # the cursor in the password field
        minutes = self.idle_minutes()
        self.runner.run(partial(self.core.locked, self.locked_at, why, minutes), pool="write")
        self.locked_changed.emit(True)

    def _keep_hidden(self, top: QWidget) -> None:
        """Hide a window over ours until unlocked (a menu or a tooltip: for good)."""
        if top.windowType() in _TRANSIENT:
            top.close()
            return
        top.hide()
        if top not in self._hidden_windows:
            self._hidden_windows.append(top)
            if isinstance(top, QDialog):  # finished meanwhile (its work answered): not back
                top.finished.connect(partial(self._forget_window, top))

    def _forget_window(self, top: QWidget, _result: int = 0) -> None:
        if top in self._hidden_windows:
            self._hidden_windows.remove(top)

    # -- unlocking -----------------------------------------------------------------------
    def _submit(self, staff_no: str, password: str) -> None:
        if not self.locked or self._checking:
            return
        self._checking = True
        self.screen.set_checking(True)
        # The check is a slow hash, and the audit is written: off the GUI thread, on the writer.
        self.runner.run(
            partial(self.core.unlock, staff_no, password),
            self._unlocked,
            self._refused,
            pool="write",
        )

    def _unlocked(self, who: Unlocked) -> None:
        self._checking = False
        if not self.locked:
            return
        self._release()
        self.screen.hide()
        for part in self._hidden_parts:
            if shiboken6.isValid(part):
                part.show()
        self._hidden_parts.clear()
        shown = [top for top in self._hidden_windows if shiboken6.isValid(top)]
        self._hidden_windows = []
        for top in sorted(shown, key=_depth):  # a dialog before the dialogs over it
            top.show()
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.window().raise_()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        elif shown:
            shown[-1].activateWindow()
        else:
            self.window.activateWindow()
        if who.supervisor:
            self.window.statusBar().showMessage(
                self.tr("Unlocked by {name} ({staff_no}).").format(
                    name=who.name, staff_no=who.staff_no
                ),
                30_000,
            )
        self.watcher.resume()
        self.locked_changed.emit(False)

    def _refused(self, exc: BaseException) -> None:
        self._checking = False
        if not self.locked:
            return
        text = said(exc)
        if isinstance(exc, SignedOutForGuessing):
            self._release()  # the window goes (the app signs out); nothing of it comes back
            self.screen.refused(text)
            self.screen.set_checking(True)
            self.screen.busy.hide()
            self.signed_out.emit(text)
            return
        if isinstance(exc, UnlockRefused) and exc.left is not None:
            text += " " + self.tr("Tries left before you are signed out: {n}.").format(n=exc.left)
        self.screen.refused(text)

    def _release(self) -> None:
        """Stop keeping the window's shortcuts and dialogs back."""
        self.locked = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- while locked ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.Resize and self.locked:
                self.screen.setGeometry(self.window.rect())
            elif kind == QEvent.Type.Hide and not event.spontaneous() and self.locked:
                self._release()  # closed (a sign-out): the next screens are not ours to hide
            return False
        if not self.locked:
            return False
        if kind == QEvent.Type.Shortcut:  # the window's actions wait; the lock's own keys work
            return not self._in_lock_screen(watched)
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and self._ours(watched):
            QTimer.singleShot(0, partial(self._hide_late, watched))  # after it is on screen
        return False

    def _hide_late(self, top: QWidget) -> None:
        if self.locked and shiboken6.isValid(top) and top.isVisible():
            self._keep_hidden(top)
            self.window.activateWindow()  # the keys back to the lock, even without a WM
            if self.screen.password.isEnabled():
                self.screen.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _in_lock_screen(self, obj: QObject | None) -> bool:
        while obj is not None:
            if obj is self.screen:
                return True
            obj = obj.parent()
        return False

    def _ours(self, widget: QWidget) -> bool:
        """A window opened over this one (its dialogs, theirs), not the sign-in after it."""
        if not widget.isWindow() or widget is self.window:
            return False
        obj: QObject | None = widget.parent()
        while obj is not None:
            if obj is self.window:
                return True
            obj = obj.parent()
        return False


def _depth(widget: QWidget) -> int:
    depth, parent = 0, widget.parentWidget()
    while parent is not None:
        depth, parent = depth + 1, parent.parentWidget()
    return depth


def said(exc: BaseException) -> str:
    """A refusal of the lock in the clerk's language (its sentences are the core's)."""
    if isinstance(exc, UnlockRefused):
        return QCoreApplication.translate("messages", str(exc))
    return describe(exc)
