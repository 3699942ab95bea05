"""Views follow what a write announces: a payment reaches the 360° view, the shift's payment
list and the status bar through the announcement alone, with nothing refreshed by hand."""

from __future__ import annotations

import threading
from functools import partial

import pytest
from pytestqt.qtbot import QtBot

from counter_app import payments
from counter_app.changes import Changes
from counter_app.payments import PaymentRequest
from province_api.embedded import EmbeddedServer
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_ui_clerk import prepaid_lines
from tests.test_ui_payments import show_customer
from ui.main_window import MainWindow
from ui.shift_payments_dialog import ShiftPaymentsDialog


def test_a_payment_reaches_every_view_by_its_announcement(
    qtbot: QtBot, clerk: MainWindow, sqlite_province: EmbeddedServer
) -> None:
    window = clerk
    assert window.session is not None
    line = prepaid_lines(window)[0]
    with window.cache.read() as conn:
        account = conn.exec_driver_sql(
            "SELECT account_id FROM subscription WHERE id = ?", (line.subscription_id,)
        ).scalar_one()
    show_customer(qtbot, window, line.customer_id)
    view = window.customer
    shown_before = view.payments.rowCount()
    shift_list = ShiftPaymentsDialog(window.session, window.runner, window)
    qtbot.addWidget(shift_list)
    qtbot.waitUntil(lambda: shift_list.totals.text() != "", timeout=10_000)
    listed_before = shift_list.model.rowCount()
    qtbot.waitUntil(lambda: "¥250.00" in window.counter.shift_label.text(), timeout=10_000)
    sqlite_province.stop()  # the entry stays waiting, for the status bar to show
    announced: list[Changes] = []
    window.runner.changed.connect(announced.append)
    request = PaymentRequest(
        "topup", line.customer_id, account, 2000, "cash", line.subscription_id, tendered_fen=2000
    )

    # Only the write helper runs: no view is told to refresh.
    window.runner.write(partial(payments.take_payment, window.session, request))

    qtbot.waitUntil(lambda: view.payments.rowCount() == shown_before + 1, timeout=10_000)
    qtbot.waitUntil(lambda: shift_list.model.rowCount() == listed_before + 1, timeout=10_000)
    qtbot.waitUntil(lambda: "¥270.00" in window.counter.shift_label.text(), timeout=10_000)
    qtbot.waitUntil(
        lambda: "1 waiting to send" in window.counter.outbox_label.text(), timeout=15_000
    )
    changes = announced[0]
    assert changes.customers == {line.customer_id} and changes.shift and changes.outbox
    sqlite_province.start()


def test_a_slow_printer_never_holds_up_a_void(
    qtbot: QtBot, clerk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Printing runs in its own worker: while the printer hangs, a void is written."""
    from counter_app import approvals
    from ui.receipt_printer import ReceiptPrinter

    session = clerk.session
    assert session is not None
    line = prepaid_lines(clerk)[0]
    with clerk.cache.read() as conn:
        account = conn.exec_driver_sql(
            "SELECT account_id FROM subscription WHERE id = ?", (line.subscription_id,)
        ).scalar_one()
    paid = payments.take_payment(
        session,
        PaymentRequest(
            "topup", line.customer_id, account, 1000, "cash", line.subscription_id, 1000
        ),
    )
    printer_free = threading.Event()
    printing = threading.Event()

    def hung_printer(self: ReceiptPrinter, pdf: bytes, path: object) -> str:
        printing.set()
        printer_free.wait(30)
        return str(path)

    monkeypatch.setattr(ReceiptPrinter, "_to_device", hung_printer)
    clerk.counter.printer.print_receipt(paid.receipt)
    qtbot.waitUntil(printing.is_set, timeout=10_000)
    approval = approvals.obtain(
        session, "H001-S01", SUPERVISOR_PASSWORD, "void", paid.payment["id"]
    )
    slips: list[object] = []
    clerk.runner.write(
        partial(payments.void_payment, session, paid.payment["id"], "wrong number", approval),
        slips.append,
    )
    try:
        qtbot.waitUntil(lambda: bool(slips), timeout=10_000)  # the printer still hangs
        assert not printer_free.is_set()
    finally:
        printer_free.set()
