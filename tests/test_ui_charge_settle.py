"""A card charge left open by a crash is put to the clerk at start and settled by keyboard
(issue 10, point 4): the terminal asked (F5), the payment booked with its reference (Alt+B),
its receipt printed with the number the charge was journaled with; or closed as not taken."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from counter_app import charges
from counter_app.devices.card_terminal import SimulatedCardTerminal
from counter_app.payments import PaymentRequest
from counter_app.session import CounterSession
from local_cache import outbox
from tests.test_ui_clerk import active
from tests.test_ui_payments import receipt_text
from ui.charge_settle_dialog import ChargeSettleDialog
from ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier


def left_open(sess: CounterSession, charged: bool) -> charges.Intent:
    """A charge journaled, the terminal charged (or not), the counter gone before it knew."""
    with sess.cache.read() as conn:
        line, account, customer = conn.exec_driver_sql(
            "SELECT id, account_id, customer_id FROM subscription WHERE status = 'active' LIMIT 1"
        ).one()
    req = PaymentRequest("topup", customer, account, 3000, "card", line)
    shift = conn_shift(sess)
    intent = charges.begin(sess, req, str(uuid.uuid4()), shift)
    if charged:
        terminal = SimulatedCardTerminal("approve", 0, sess.data_dir / "card-simulator.json")
        terminal.charge(3000, intent.payment_id)
    return intent


def conn_shift(sess: CounterSession) -> str:
    from counter_app.payments import current_shift

    shift = current_shift(sess)
    assert shift is not None
    return str(shift["id"])


def settle_dialog(qtbot: QtBot, window: MainWindow) -> ChargeSettleDialog:
    active(qtbot, window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(window.dialog, ChargeSettleDialog), timeout=10_000)
    dialog = window.dialog
    assert isinstance(dialog, ChargeSettleDialog)
    return dialog


def test_a_charge_the_terminal_took_is_booked_by_keyboard(qtbot: QtBot, clerk: MainWindow) -> None:
    sess = clerk.session
    assert sess is not None
    intent = left_open(sess, charged=True)
    dialog = settle_dialog(qtbot, clerk)
    assert intent.receipt_no in dialog.findChild(QLabel).text()
    qtbot.keyClick(dialog, Qt.Key.Key_F5)  # ask the terminal
    answer = dialog.findChild(QLabel, "terminalAnswer")
    qtbot.waitUntil(lambda: "charged this card" in answer.text(), timeout=10_000)
    assert dialog.findChild(QLineEdit, "reference").text().startswith("AUTH ")
    with qtbot.waitSignal(clerk.counter.receipt_printed, timeout=20_000) as printed:
        qtbot.keyClick(dialog, Qt.Key.Key_B, ALT)
    assert printed.args[0] == intent.receipt_no
    text = receipt_text(clerk.counter.printer.last_file)
    assert intent.receipt_no in text and "¥30.00" in text
    assert charges.open_intents(sess) == []
    paid = [e for e in outbox.entries(sess.cache, ("pending", "accepted")) if e.kind == "payment"]
    assert [e.body["receipt_no"] for e in paid] == [intent.receipt_no]


def test_a_charge_the_terminal_never_took_is_closed_and_nothing_booked(
    qtbot: QtBot, clerk: MainWindow
) -> None:
    sess = clerk.session
    assert sess is not None
    left_open(sess, charged=False)
    dialog = settle_dialog(qtbot, clerk)
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    answer = dialog.findChild(QLabel, "terminalAnswer")
    qtbot.waitUntil(lambda: "no charge for this payment" in answer.text(), timeout=10_000)
    qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: not charges.open_intents(sess), timeout=10_000)
    assert not [
        e for e in outbox.entries(sess.cache, ("pending", "accepted")) if e.kind == "payment"
    ]


def test_an_open_charge_is_put_to_the_clerk_at_the_next_sign_in(
    qtbot: QtBot, counter, sqlite_province
) -> None:  # type: ignore[no-untyped-def]
    from tests.test_ui_counter import sign_in
    from tests.test_ui_payments import open_shift

    window = sign_in(qtbot, counter, sqlite_province)
    open_shift(qtbot, window)
    assert window.session is not None
    intent = left_open(window.session, charged=True)
    counter.confirm_sign_out()  # as if the counter had stopped: the charge stays open
    again = sign_in(qtbot, counter, sqlite_province)
    qtbot.waitUntil(lambda: isinstance(again.dialog, ChargeSettleDialog), timeout=10_000)
    assert intent.receipt_no in again.dialog.findChild(QLabel).text()


def test_a_qr_payment_left_open_is_asked_again_with_f5(qtbot: QtBot, clerk: MainWindow) -> None:
    sess = clerk.session
    assert sess is not None
    with sess.cache.read() as conn:
        line, account, customer = conn.exec_driver_sql(
            "SELECT id, account_id, customer_id FROM subscription WHERE status = 'active' LIMIT 1"
        ).one()
    req = PaymentRequest("topup", customer, account, 2500, "qr", line, qr_code="101234567890123456")
    shift = conn_shift(sess)
    intent = charges.begin(sess, req, str(uuid.uuid4()), shift)
    body = {  # as it went to the province before the counter stopped
        "id": intent.payment_id,
        "receipt_no": intent.receipt_no,
        "kind": "topup",
        "account_id": account,
        "subscription_id": line,
        "amount_fen": 2500,
        "method": "qr",
        "tendered_fen": None,
        "card_ref": None,
        "qr_code": "101234567890123456",
        "bill_ids": None,
        "created_at": intent.created_at,
        "shift_id": shift,
    }
    intent = charges.keep_body(sess, intent, body)
    dialog = settle_dialog(qtbot, clerk)
    assert not dialog.findChild(QLineEdit, "reference").isVisible()  # nothing to type
    with qtbot.waitSignal(clerk.counter.receipt_printed, timeout=20_000) as printed:
        qtbot.keyClick(dialog, Qt.Key.Key_F5)  # ask the province again, same request
    assert printed.args[0] == intent.receipt_no
    assert charges.open_intents(sess) == []
