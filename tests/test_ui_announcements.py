"""Views follow what a write announces: a payment reaches the 360° view, the shift's payment
list and the status bar through the announcement alone, with nothing refreshed by hand."""

from __future__ import annotations

from functools import partial

from pytestqt.qtbot import QtBot

from counter_app import payments
from counter_app.changes import Changes
from counter_app.payments import PaymentRequest
from province_api.embedded import EmbeddedServer
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
