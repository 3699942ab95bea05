"""A shift closed while the province is unreachable (issue 10, point 6): refused while its
payments wait, saying which; a supervisor lets it close pending upload with a note; the
report says so; the province reconciles it when the entries arrive, the close last."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter_app import payments
from counter_app.domain.money import format_yuan
from counter_app.payments import PaymentRequest
from counter_app.sync.push import push
from province_api.embedded import EmbeddedServer
from province_api.models import Shift
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_payments_flow import a_line, server
from tests.test_ui_clerk import active
from tests.test_ui_payments import receipt_text
from ui.main_window import MainWindow
from ui.shift_dialogs import CloseShiftDialog

ALT = Qt.KeyboardModifier.AltModifier


def test_a_shift_closed_pending_upload_during_an_outage(
    qtbot: QtBot, clerk: MainWindow, sqlite_province: EmbeddedServer
) -> None:
    sess = clerk.session
    assert sess is not None
    sqlite_province.stop()
    line, account, customer = a_line(sess)
    req = PaymentRequest("topup", customer, account, 5000, "cash", line, 5000)
    receipt = payments.take_payment(sess, req).payment["receipt_no"]
    clerk.push_now()
    qtbot.waitUntil(lambda: not sess.link.online, timeout=20_000)  # the outage, as found

    active(qtbot, clerk)
    qtbot.keyClick(
        clerk, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: isinstance(clerk.dialog, CloseShiftDialog), timeout=5000)
    closing = clerk.dialog
    assert isinstance(closing, CloseShiftDialog)
    active(qtbot, closing)  # type: ignore[arg-type]
    expected = 25000 + 5000
    label = closing.findChild(QLabel, "expectedCash")
    qtbot.waitUntil(lambda: label.text() == format_yuan(expected), timeout=10_000)
    closing.findChild(QSpinBox, "count_10000").setValue(3)  # ¥300: the drawer is right
    qtbot.keyClick(closing, Qt.Key.Key_C, ALT)  # Close shift: refused, saying which
    error = closing.findChild(QLabel, "shiftError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    waiting = closing.findChild(QListWidget, "waitingList")
    assert any(receipt in waiting.item(i).text() for i in range(waiting.count()))
    assert closing.supervisor_box.isVisible() and "pending upload" in closing.supervisor_box.title()

    qtbot.keyClicks(closing.findChild(QLineEdit, "supervisorStaffNo"), "H001-S01")
    qtbot.keyClicks(closing.findChild(QLineEdit, "supervisorPassword"), SUPERVISOR_PASSWORD)
    qtbot.keyClick(closing.findChild(QLineEdit, "supervisorPassword"), Qt.Key.Key_Return)
    # Approved offline, but a note is needed: said, and the keys go to the note.
    qtbot.waitUntil(lambda: "note" in error.text(), timeout=10_000)
    note = closing.findChild(QLineEdit, "varianceNote")
    assert closing.focusWidget() is note
    qtbot.keyClicks(note, "province down since noon")
    with qtbot.waitSignal(clerk.counter.receipt_printed, timeout=20_000):
        qtbot.keyClick(closing, Qt.Key.Key_C, ALT)
    assert closing.report is not None and closing.report.pending_upload == 1
    text = receipt_text(clerk.counter.printer.last_file)
    assert "PENDING UPLOAD" in text and "H001-S01" in text

    sqlite_province.start()  # the payment goes first, then the close: reconciled
    push(sess.make_api(), sess.cache, force=True)
    with server(sqlite_province) as s:
        shift = s.scalars(select(Shift).where(Shift.id == closing.report.shift_id)).one()
        assert shift.status == "closed" and shift.expected_fen == expected
        assert shift.variance_fen == 0 and "province down" in (shift.note or "")


def test_the_province_reconciles_a_pending_close_when_an_entry_was_refused(
    sess, sqlite_province: EmbeddedServer
) -> None:  # type: ignore[no-untyped-def]

    from counter_app import approvals, shifts
    from tests.test_fault_proxy import line_status, lines_of_distinct_customers
    from tests.test_payments_flow import FLOAT

    shifts.open_shift(sess, FLOAT)
    (l1, a1, c1), (l2, a2, c2) = lines_of_distinct_customers(sess, 2)
    for line, account, customer in ((l1, a1, c1), (l2, a2, c2)):
        payments.take_payment(
            sess, PaymentRequest("topup", customer, account, 1000, "cash", line, 1000)
        )
    shift_id = payments.current_shift(sess)["id"]  # type: ignore[index]
    line_status(sqlite_province, l2, "cancelled")  # meanwhile, at the province
    pending = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "pending_close", shift_id)
    counted = {10000: 2, 1000: 7, 100: 10, 50: 4}  # ¥262 float + ¥20 taken
    report = shifts.close_shift(sess, counted, "outage", None, pending).value
    assert report.pending_upload == 3  # the shift's opening and two payments
    push(sess.make_api(), sess.cache, force=True)
    with server(sqlite_province) as s:
        shift = s.get(Shift, shift_id)
        assert shift is not None and shift.status == "closed"
        assert "counter expected ¥282.00, the province ¥272.00" in (shift.note or "")


def test_the_next_shift_waits_for_the_close_of_the_one_before(
    sess, sqlite_province: EmbeddedServer
) -> None:  # type: ignore[no-untyped-def]
    from counter_app import approvals, shifts
    from counter_app.api_client import ApiClient
    from local_cache import outbox
    from tests.support.fault_proxy import FaultProxy
    from tests.test_payments_flow import FLOAT

    shifts.open_shift(sess, FLOAT)
    line, account, customer = a_line(sess)
    req = PaymentRequest("topup", customer, account, 1000, "cash", line, 1000)
    receipt = payments.take_payment(sess, req).payment["receipt_no"]
    first = payments.current_shift(sess)["id"]  # type: ignore[index]
    pending = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "pending_close", first)
    shifts.close_shift(sess, {10000: 2, 1000: 7, 100: 10, 50: 4}, "outage", None, pending)
    shifts.open_shift(sess, FLOAT)  # the next clerk's day starts before the link returns
    kinds = [e.kind for e in outbox.entries(sess.cache)]
    # (the supervisor's letting it close pending upload is audited: no lane, goes at once)
    assert kinds == ["shift_open", "payment", "shift_close", "audit", "shift_open"]
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        proxy.poison = lambda body: receipt.encode() in body  # the payment fails, for now
        api = ApiClient(proxy.url, sess.make_api().token)
        push(api, sess.cache, force=True)
        waiting = [e.kind for e in outbox.entries(sess.cache)]
        assert waiting == ["payment", "shift_close", "shift_open"]  # the next one waits too
        proxy.poison = lambda _body: False
        result = push(api, sess.cache, force=True)
    assert result.rejected == 0 and result.waiting == 0  # in that order, all taken
