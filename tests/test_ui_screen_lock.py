"""The idle screen lock: a clerk with a customer open walks away, the screen locks by itself
and nothing of the customer can be read; the clerk's (or a supervisor's) password brings it
all back; five wrong passwords sign the clerk out. The lock's core, without Qt, too."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter_app import screen_lock
from counter_app.credentials import Credentials
from counter_app.screen_lock import ScreenLock, SignedOutForGuessing, UnlockRefused
from counter_app.session import CounterSession
from local_cache import journal
from tests.support import servers
from tests.test_ui_clerk import Line, active, focused, prepaid_lines, press_for_dialog
from ui.app import CounterApp
from ui.main_window import MainWindow
from ui.screen_lock import IdleWatcher, ScreenLocker

CLERK_PASSWORD = servers.PASSWORD
SUPERVISOR_PASSWORD = getattr(servers, "SUPERVISOR_PASSWORD", servers.PASSWORD)
CHECK_MS = 15_000  # a password check (a slow hash) on a busy machine


def visible_text() -> str:
    """Everything a person could read on the screen now, from every visible widget."""
    parts: list[str] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        parts.append(widget.windowTitle() if widget.isWindow() else "")
        if isinstance(widget, QLabel | QAbstractButton) or (
            isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Normal
        ):
            parts.append(widget.text())
        elif isinstance(widget, QTabBar):
            parts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    parts.append(str(model.index(row, column).data() or ""))
    return "\n".join(parts)


def locker(window: MainWindow) -> ScreenLocker:
    assert window.screen_lock is not None
    return window.screen_lock


def idle_after(window: MainWindow, ms: int) -> IdleWatcher:
    """The policy's minutes made `ms` for this test, counted from now."""
    watcher = locker(window).watcher
    watcher.idle_ms = lambda: ms
    watcher.resume()
    return watcher


def with_customer(qtbot: QtBot, counter: CounterApp, window: MainWindow) -> Line:
    line = prepaid_lines(counter)[0]
    with qtbot.waitSignal(window.customer_shown, timeout=10_000):
        window.open_customer(line.customer_id)
    return line


def secrets_of(window: MainWindow, line: Line) -> list[str]:
    view = window.shown_customer()
    assert view is not None
    return [line.name, view.id_masked, line.msisdn]


def unlock_with(qtbot: QtBot, window: MainWindow, password: str, staff_no: str = "") -> None:
    screen = locker(window).screen
    assert focused(qtbot) is screen.password
    if staff_no:
        qtbot.keyClick(screen.password, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        assert focused(qtbot) is screen.staff_no  # Alt+S: the supervisor's staff number
        qtbot.keyClicks(screen.staff_no, staff_no)
        qtbot.keyClick(screen.staff_no, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
        assert focused(qtbot) is screen.password
    qtbot.keyClicks(screen.password, password)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)


def audit(counter: CounterApp, action: str) -> list[dict[str, object]]:
    with counter.cache.read() as conn:
        return journal.audit_log(conn, action)


def test_idle_locks_hides_the_customer_and_the_clerks_password_brings_them_back(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    line = with_customer(qtbot, counter, clerk)
    secrets = secrets_of(clerk, line)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)  # a top-up naming the customer
    shown = visible_text()
    assert all(secret in shown for secret in secrets), secrets
    lock = locker(clerk)

    idle_after(clerk, 300)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)  # by itself, nobody pressed anything
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    hidden = visible_text()
    assert not [secret for secret in secrets if secret in hidden], hidden
    assert lock.screen.isVisible() and lock.screen.geometry() == clerk.rect()
    assert "H001-C01" in lock.screen.who.text() and clerk.signed.name in lock.screen.who.text()
    assert lock.screen.since.text().startswith("Locked since ")
    assert focused(qtbot) is lock.screen.password
    # The window's keys do nothing meanwhile: no search box, no new dialog.
    qtbot.keyClick(lock.screen.password, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(lock.screen.password, Qt.Key.Key_F2)
    assert focused(qtbot) is lock.screen.password and clerk.dialog is dialog
    assert not dialog.isVisible()

    unlock_with(qtbot, clerk, "not-the-password")
    error = lock.screen.error
    qtbot.waitUntil(error.isVisible, timeout=CHECK_MS)
    assert "The password is wrong." in error.text()
    assert "Tries left before you are signed out: 4." in error.text()
    assert lock.locked and not dialog.isVisible()
    assert not [secret for secret in secrets if secret in visible_text()]
    assert lock.screen.password.text() == "" and focused(qtbot) is lock.screen.password

    unlock_with(qtbot, clerk, CLERK_PASSWORD)
    qtbot.waitUntil(lambda: not lock.locked, timeout=CHECK_MS)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)  # the top-up as it was left
    assert not lock.screen.isVisible()
    back = visible_text()
    assert all(secret in back for secret in secrets), secrets
    assert clerk.shown_customer() is not None
    locked = audit(counter, "screen_locked")
    assert [row["detail"]["why"] for row in locked] == ["idle"]  # type: ignore[index]
    assert locked[0]["staff_id"] == clerk.signed.staff_id
    refused = audit(counter, "screen_unlock_refused")
    assert [row["detail"]["staff_no"] for row in refused] == ["H001-C01"]  # type: ignore[index]
    unlocked = audit(counter, "screen_unlocked")
    assert len(unlocked) == 1
    assert unlocked[0]["detail"] == {  # type: ignore[comparison-overlap]
        "by": "H001-C01",
        "supervisor": False,
        "wrong_tries": 1,
        "locked_at": lock.locked_at,
    }
    dialog.reject()


def test_ctrl_l_locks_at_once_and_a_supervisor_unlocks(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    line = with_customer(qtbot, counter, clerk)
    secrets = secrets_of(clerk, line)
    lock = locker(clerk)
    active(qtbot, clerk)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.locked
    assert not [secret for secret in secrets if secret in visible_text()]
    late = QMessageBox(QMessageBox.Icon.Information, "Counter", f"About {line.name}", parent=clerk)
    late.open()  # something opens over the window meanwhile: it waits hidden
    qtbot.waitUntil(lambda: not late.isVisible(), timeout=2000)
    assert focused(qtbot) is lock.screen.password

    unlock_with(qtbot, clerk, CLERK_PASSWORD, staff_no="H001-C02")  # a clerk, not a supervisor
    qtbot.waitUntil(lock.screen.error.isVisible, timeout=CHECK_MS)
    assert "a supervisor of this hall can unlock" in lock.screen.error.text()
    assert lock.locked

    lock.screen.staff_no.clear()
    unlock_with(qtbot, clerk, SUPERVISOR_PASSWORD, staff_no="h001-s01")
    qtbot.waitUntil(lambda: not lock.locked, timeout=CHECK_MS)
    assert all(secret in visible_text() for secret in secrets)
    assert late.isVisible()
    late.close()
    assert "(H001-S01)" in clerk.statusBar().currentMessage()  # who let whom back in
    assert [r["detail"]["why"] for r in audit(counter, "screen_locked")] == ["manual"]  # type: ignore[index]
    (unlocked,) = audit(counter, "screen_unlocked")
    assert unlocked["detail"]["by"] == "H001-S01" and unlocked["detail"]["supervisor"]  # type: ignore[index]


def test_five_wrong_passwords_sign_the_clerk_out(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    with_customer(qtbot, counter, clerk)
    lock = locker(clerk)
    lock.lock_action.trigger()
    for n in range(1, 5):
        unlock_with(qtbot, clerk, f"wrong{n}")
        qtbot.waitUntil(lambda: lock.screen.password.isEnabled(), timeout=CHECK_MS)
        assert f"Tries left before you are signed out: {5 - n}." in lock.screen.error.text()
    with qtbot.waitSignal(counter.login_shown, timeout=CHECK_MS) as login:
        unlock_with(qtbot, clerk, "wrong5")
    assert counter.window is None and counter.signed is None
    error = login.args[0].findChild(QLabel, "loginError")
    qtbot.waitUntil(error.isVisible)
    assert "Too many wrong passwords: you are signed out." in error.text()
    assert len(audit(counter, "screen_unlock_refused")) == 5
    assert len(audit(counter, "screen_lock_signed_out")) == 1


def test_a_key_press_starts_the_idle_time_again(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    lock = locker(clerk)
    watcher = idle_after(clerk, 2000)
    qtbot.wait(1200)
    assert watcher.idle_for_ms >= 1000
    box = clerk.findChild(QLineEdit, "searchBox")
    qtbot.keyClick(box, Qt.Key.Key_Z)
    assert watcher.idle_for_ms < 500
    qtbot.wait(1200)  # past the first 2 s: locked by now without the key
    assert not lock.locked
    qtbot.mouseMove(box)
    assert watcher.idle_for_ms < 500
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)


def test_the_idle_time_is_the_policys_and_0_means_never(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert clerk.session is not None
    holder = clerk.session.policy
    lock = locker(clerk)
    assert lock.watcher.idle_ms() == holder.current.idle_lock_minutes * 60_000
    monkeypatch.setattr(holder, "_policy", replace(holder.current, idle_lock_minutes=0))
    monkeypatch.setattr(IdleWatcher, "RECHECK_MS", 20)
    assert lock.watcher.idle_ms() == 0
    lock.watcher.resume()
    qtbot.wait(300)
    assert not lock.locked
    assert "Lock screen" in [
        a.text().replace("&", "") for a in clerk.menuBar().actions()[0].menu().actions()
    ]


def test_lock_messages_are_translated() -> None:
    from tests.test_i18n import translation, ts_messages

    entries = ts_messages()
    for text in screen_lock.MESSAGES:
        assert ("messages", text) in entries, text
        assert translation(entries[("messages", text)]).get("type") is None, text


# -- the core, without Qt ------------------------------------------------------------------
def test_who_may_unlock_and_the_wrong_tries(sess: CounterSession) -> None:
    lock = ScreenLock(sess, Credentials())
    lock.locked("2024-05-01T02:00:00+00:00", "idle", 5)
    own = lock.unlock("", CLERK_PASSWORD)
    assert (own.staff_no, own.supervisor) == ("H001-C01", False)
    assert lock.unlock("h001-c01", CLERK_PASSWORD).staff_no == "H001-C01"
    boss = lock.unlock(" H001-S01 ", SUPERVISOR_PASSWORD)
    assert (boss.staff_no, boss.supervisor) == ("H001-S01", True)
    with pytest.raises(UnlockRefused) as empty:
        lock.unlock("", "")
    assert (str(empty.value), empty.value.left, lock.wrong) == (screen_lock.NO_PASSWORD, None, 0)
    refusals = [
        ("", "nope", screen_lock.WRONG_OWN),
        ("H001-S01", "nope", screen_lock.WRONG_SUPERVISOR),
        ("H001-C02", CLERK_PASSWORD, screen_lock.NOT_SUPERVISOR),  # a clerk of the hall
        ("NOBODY", CLERK_PASSWORD, screen_lock.WRONG_SUPERVISOR),
    ]
    for n, (staff_no, password, message) in enumerate(refusals, start=1):
        with pytest.raises(UnlockRefused) as refused:
            lock.unlock(staff_no, password)
        assert (str(refused.value), refused.value.left) == (message, 5 - n)
    with pytest.raises(SignedOutForGuessing):
        lock.unlock("", "nope")
    with pytest.raises(SignedOutForGuessing):  # no more tries, not even the right one
        lock.unlock("", CLERK_PASSWORD)
    with sess.cache.read() as conn:
        actions = [row["action"] for row in journal.audit_log(conn)]
    assert actions == ["screen_locked"] + ["screen_unlocked"] * 3 + [
        "screen_unlock_refused"
    ] * 5 + ["screen_lock_signed_out"]


def test_the_clerks_password_is_checked_without_the_keyring_too(
    sess: CounterSession, memory_keyring: object
) -> None:
    """No verifier kept for the offline sign-in: the clerk's staff row in the cache."""
    memory_keyring.store.clear()  # type: ignore[attr-defined]
    lock = ScreenLock(sess, Credentials())
    assert lock.unlock("", CLERK_PASSWORD).staff_no == "H001-C01"
    with pytest.raises(UnlockRefused):
        lock.unlock("", "nope")


def test_nothing_is_shown_that_a_widget_hides(qtbot: QtBot) -> None:
    """The helper itself: a hidden label's text is not 'on the screen'."""
    top = QWidget()
    qtbot.addWidget(top)
    label = QLabel("王小明", top)
    top.show()
    assert "王小明" in visible_text()
    label.hide()
    assert "王小明" not in visible_text()
