"""The hall manager reviews, by keyboard, an approval given offline (and sees a forged one
refused); the supervisor who gave it cannot review it."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from counter_app.domain.passwords import approval_proof
from province_api.embedded import EmbeddedServer
from tests.test_security_approvals import _paid, _void, supervisor_key
from tests.test_server_api import token
from tests.test_ui_clerk import active, focused
from tests.test_ui_counter import sign_in
from ui.app import CounterApp
from ui.offline_reviews_dialog import OfflineReviewsDialog


def test_the_hall_manager_reviews_offline_approvals_by_keyboard(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    clerk = token(sqlite_province, "H001-C02", "H001")
    key = supervisor_key(sqlite_province, clerk)
    shift, good = _paid(sqlite_province, clerk, 1000)
    claim = {"method": "offline", "supervisor_staff_no": "H001-S01"}
    proof = approval_proof(key, "void", good["id"])
    assert _void(sqlite_province, clerk, shift, good, approval={**claim, "proof": proof}).ok
    forged = {**claim, "proof": approval_proof("cd" * 32, "void", str(uuid.uuid4()))}
    other = _topup_in(sqlite_province, clerk, shift)
    assert _void(sqlite_province, clerk, shift, other, approval=forged).status_code == 428

    window = sign_in(qtbot, counter, sqlite_province, "ADMIN")  # the hall manager
    active(qtbot, window)
    qtbot.keyClick(
        focused(qtbot),
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(window.counter.dialog, OfflineReviewsDialog), timeout=5000)
    dialog = window.counter.dialog
    assert isinstance(dialog, OfflineReviewsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    outcomes = sorted(dialog.model.row(i).outcome for i in range(2))
    assert outcomes == ["accepted", "refused"]
    qtbot.waitUntil(lambda: focused(qtbot) is dialog.table)
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Alt+N: the note
    qtbot.waitUntil(lambda: focused(qtbot) is dialog.note)
    qtbot.keyClicks(dialog.note, "slip checked")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)

    dialog.show_reviewed.setChecked(True)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and bool(dialog.model.row(0).review_note))
    assert dialog.model.row(0).review_note == "slip checked"
    assert not dialog.mark.isEnabled()


def _topup_in(server: EmbeddedServer, tok: str, shift: str) -> dict:
    from tests.test_server_payments import a_topup, post

    body = a_topup(server, tok, shift)
    assert post(server, tok, "/payments", body, str(uuid.uuid4())).status_code == 201
    return body


def test_a_supervisor_does_not_review_their_own_offline_approval(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    clerk = token(sqlite_province, "H001-C02", "H001")
    key = supervisor_key(sqlite_province, clerk)
    shift, paid = _paid(sqlite_province, clerk, 1000)
    approval = {
        "method": "offline",
        "supervisor_staff_no": "H001-S01",
        "proof": approval_proof(key, "void", paid["id"]),
    }
    assert _void(sqlite_province, clerk, shift, paid, approval=approval).ok
    window = sign_in(qtbot, counter, sqlite_province, "H001-S01")
    window.counter.offline_reviews_dialog()
    dialog = window.counter.dialog
    assert isinstance(dialog, OfflineReviewsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    dialog.mark_reviewed()
    error = dialog.findChild(QLabel, "offlineReviewsError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert dialog.model.row(0).reviewed_at is None
