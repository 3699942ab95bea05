"""Offline at the counter, by keyboard (issue 10, point 3): the link goes (the banner says
so), a card is refused with its reason, a top-up above the offline limit asks a supervisor
on the spot, and its receipt says it is provisional."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from province_api.embedded import EmbeddedServer
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_payments_flow import a_line
from tests.test_ui_clerk import active
from tests.test_ui_payments import receipt_text, show_customer
from ui.main_window import MainWindow
from ui.payment_dialog import PaymentDialog


def test_offline_a_card_is_refused_and_a_large_top_up_is_approved_on_the_spot(
    qtbot: QtBot, clerk: MainWindow, sqlite_province: EmbeddedServer
) -> None:
    sess = clerk.session
    assert sess is not None
    sqlite_province.stop()
    clerk.push_now()
    qtbot.waitUntil(lambda: not sess.link.online, timeout=20_000)  # the sync thread found it
    qtbot.waitUntil(clerk.banner.isVisible, timeout=5000)
    _line, _account, customer = a_line(sess)
    show_customer(qtbot, clerk, customer)
    active(qtbot, clerk)
    qtbot.keyClick(clerk, Qt.Key.Key_F3)  # top up
    qtbot.waitUntil(lambda: isinstance(clerk.dialog, PaymentDialog), timeout=5000)
    dialog = clerk.dialog
    assert isinstance(dialog, PaymentDialog)
    active(qtbot, dialog)  # type: ignore[arg-type]
    amount = dialog.findChild(QLineEdit, "amount")
    amount.selectAll()
    qtbot.keyClicks(amount, "300")
    qtbot.keyClick(dialog, Qt.Key.Key_F7)  # card
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    error = dialog.findChild(QLabel, "paymentError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "need the link" in error.text() and "cash" in error.text().lower()

    qtbot.keyClick(dialog, Qt.Key.Key_F6)  # cash: ¥300 is above the offline limit
    tendered = dialog.findChild(QLineEdit, "tendered")
    tendered.setFocus()
    qtbot.keyClicks(tendered, "300")
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.approval_dialog is not None, timeout=10_000)
    approval = dialog.approval_dialog
    assert approval is not None
    qtbot.keyClicks(approval.findChild(QLineEdit, "supervisorStaffNo"), "H001-S01")
    qtbot.keyClicks(approval.findChild(QLineEdit, "supervisorPassword"), SUPERVISOR_PASSWORD)
    with qtbot.waitSignal(clerk.counter.receipt_printed, timeout=20_000):
        qtbot.keyClick(approval.findChild(QLineEdit, "supervisorPassword"), Qt.Key.Key_Return)
    assert dialog.paid is not None and dialog.paid.payment["amount_fen"] == 30_000
    text = receipt_text(clerk.counter.printer.last_file)
    assert "PROVISIONAL" in text and "¥300.00" in text
