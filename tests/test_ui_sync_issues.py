"""Sync issues (issue 10, point 2) by keyboard: a payment the province refused stays listed
until a supervisor resolves it, here sent again once its cause is mended; a waiting entry is
sent now with F5."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from counter_app import payments
from counter_app.payments import PaymentRequest
from local_cache import outbox
from province_api.embedded import EmbeddedServer
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_crash_journal import booked
from tests.test_fault_proxy import line_status
from tests.test_payments_flow import a_line
from tests.test_ui_clerk import active
from ui.main_window import MainWindow
from ui.sync_issues_dialog import SyncIssuesDialog

ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_a_refused_payment_is_kept_until_a_supervisor_sends_it_again(
    qtbot: QtBot, clerk: MainWindow, sqlite_province: EmbeddedServer
) -> None:
    sess = clerk.session
    assert sess is not None
    sqlite_province.stop()
    line, account, customer = a_line(sess)
    req = PaymentRequest("topup", customer, account, 1200, "cash", line, 2000)
    receipt = payments.take_payment(sess, req).payment["receipt_no"]
    line_status(sqlite_province, line, "cancelled")  # meanwhile, at the province
    sqlite_province.start()
    clerk.push_now()
    qtbot.waitUntil(lambda: outbox.count(sess.cache, "rejected") == 1, timeout=20_000)

    active(qtbot, clerk)
    qtbot.keyClick(clerk, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(clerk.dialog, SyncIssuesDialog), timeout=5000)
    dialog = clerk.dialog
    assert isinstance(dialog, SyncIssuesDialog)
    active(qtbot, dialog)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert dialog.model.index(0, 3).data() == receipt
    assert "cancelled" in dialog.model.index(0, 6).data()
    assert "*" in dialog.model.index(0, 2).data()  # the customer's name, masked
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.keyClick(dialog, Qt.Key.Key_G, ALT)  # no note yet: said, nothing done
    qtbot.waitUntil(dialog.error.isVisible, timeout=5000)  # (a mnemonic clicks a moment later)
    assert dialog.approval_dialog is None
    qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
    qtbot.keyClicks(dialog.focusWidget(), "line reopened by the hall")
    line_status(sqlite_province, line, "active")
    qtbot.keyClick(dialog, Qt.Key.Key_G, ALT)
    qtbot.waitUntil(lambda: dialog.approval_dialog is not None, timeout=5000)
    approval = dialog.approval_dialog
    assert approval is not None
    qtbot.keyClicks(approval.findChild(QLineEdit, "supervisorStaffNo"), "H001-S01")
    qtbot.keyClicks(approval.findChild(QLineEdit, "supervisorPassword"), SUPERVISOR_PASSWORD)
    qtbot.keyClick(approval.findChild(QLineEdit, "supervisorPassword"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
    qtbot.waitUntil(
        lambda: [p.receipt_no for p in booked(sqlite_province)] == [receipt], timeout=20_000
    )
    qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)  # what was sent: the refused one, resolved
    qtbot.waitUntil(
        lambda: any(
            dialog.model.index(r, 5).data() == "resolved" for r in range(dialog.model.rowCount())
        ),
        timeout=5000,
    )


def test_a_waiting_entry_is_sent_now_with_f5(
    qtbot: QtBot, clerk: MainWindow, sqlite_province: EmbeddedServer
) -> None:
    sess = clerk.session
    assert sess is not None
    sqlite_province.stop()
    line, account, customer = a_line(sess)
    req = PaymentRequest("topup", customer, account, 1300, "cash", line, 2000)
    payments.take_payment(sess, req)
    clerk.push_now()  # offline: it earns a back-off
    qtbot.waitUntil(
        lambda: all(e.next_attempt_at for e in outbox.entries(sess.cache)), timeout=10_000
    )
    clerk.sync.stop(wait_ms=5000)  # nothing sends it by itself now: only F5 can
    sqlite_province.start()
    active(qtbot, clerk)
    qtbot.keyClick(clerk, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(clerk.dialog, SyncIssuesDialog), timeout=5000)
    dialog = clerk.dialog
    assert isinstance(dialog, SyncIssuesDialog)
    active(qtbot, dialog)  # type: ignore[arg-type]
    qtbot.keyClick(dialog, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=5000)
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: not [e for e in outbox.entries(sess.cache) if e.next_attempt_at], timeout=10_000
    )


def test_sent_again_an_entry_still_follows_what_it_depended_on_and_not_into_a_closed_shift(
    sess, sqlite_province: EmbeddedServer
) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from counter_app import approvals, shifts, sync_issues
    from counter_app.sync.push import push
    from tests.test_payments_flow import FLOAT

    shifts.open_shift(sess, FLOAT)
    push(sess.make_api(), sess.cache, force=True)
    line, account, customer = a_line(sess)
    paid = payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 1200, "cash", line, 2000)
    )
    ok = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", paid.payment["id"])
    payments.void_payment(sess, paid.payment["id"], "wrong number", ok)
    line_status(sqlite_province, line, "cancelled")
    push(sess.make_api(), sess.cache, force=True)  # the payment refused, so its void too
    refused = {e.kind: e for e in outbox.entries(sess.cache, ("rejected",))}
    assert set(refused) == {"payment", "void"}
    line_status(sqlite_province, line, "active")
    for kind in ("payment", "void"):
        approval = approvals.obtain(
            sess, "H001-S01", SUPERVISOR_PASSWORD, "resolve", refused[kind].id
        )
        sync_issues.resolve(sess, refused[kind].id, "resend", "line reopened", approval)
    again = {e.kind: e for e in outbox.entries(sess.cache)}
    assert again["void"].depends_on == again["payment"].id  # the void still follows it
    result = push(sess.make_api(), sess.cache, force=True)
    assert result.rejected == 0 and result.waiting == 0

    # Into a shift already closed, sending again is refused at the counter, saying what to do.
    line_status(sqlite_province, line, "cancelled")
    payments.take_payment(sess, PaymentRequest("topup", customer, account, 700, "cash", line, 700))
    push(sess.make_api(), sess.cache, force=True)
    [late] = outbox.entries(sess.cache, ("rejected",))
    counted = {10000: 2, 1000: 5, 100: 10, 50: 4}  # the float; the refused ¥7 is not counted
    shifts.close_shift(sess, counted, "")
    approval = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "resolve", late.id)
    with pytest.raises(sync_issues.ShiftClosed):
        sync_issues.resolve(sess, late.id, "resend", "try again", approval)
