"""A supervisor unlocks, by keyboard, a clerk the province locked after wrong passwords;
a clerk has no such menu entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from counter_app.domain.policy import Policy
from province_api import policy
from province_api.embedded import EmbeddedServer
from tests.support.servers import PASSWORD
from tests.test_server_api import login
from tests.test_ui_clerk import active, focused
from tests.test_ui_counter import sign_in
from ui.app import CounterApp
from ui.staff_unlock_dialog import StaffUnlockDialog


def test_a_supervisor_unlocks_a_locked_clerk_by_keyboard(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    with Session(sqlite_province.app.state.engine) as db:
        policy.put(db, Policy(lockout_after_failures=1))
        db.commit()
    assert login(sqlite_province, "H001-C02", "H001", "wrong").status_code == 401
    assert login(sqlite_province, "H001-C02", "H001", PASSWORD).status_code == 429

    window = sign_in(qtbot, counter, sqlite_province, "H001-S01")
    active(qtbot, window)
    qtbot.keyClick(
        focused(qtbot),
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(window.counter.dialog, StaffUnlockDialog), timeout=5000)
    dialog = window.counter.dialog
    assert isinstance(dialog, StaffUnlockDialog)
    qtbot.waitUntil(lambda: focused(qtbot) is dialog.staff_no)
    qtbot.keyClicks(dialog.staff_no, "h001-c02")
    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Return)
    result = dialog.findChild(QLabel, "unlockResult")
    qtbot.waitUntil(lambda: "H001-C02 is unlocked" in result.text(), timeout=10_000)
    assert login(sqlite_province, "H001-C02", "H001", PASSWORD).status_code == 200

    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Return)  # again: it was not locked
    qtbot.waitUntil(lambda: "was not locked" in result.text(), timeout=10_000)


def test_a_clerk_has_no_unlock_entry(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    action = window.findChild(QAction, "unlockStaffAction")
    assert action is not None and not action.isVisible()
    window.counter.staff_unlock_dialog()
    assert not isinstance(window.counter.dialog, StaffUnlockDialog)
