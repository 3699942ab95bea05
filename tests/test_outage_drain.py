"""A long outage (issue 10): 2,000 actions across 200 customers taken while the province is
down, then the link back: all drained, in order per customer, none twice, and the window
answers a search while it drains."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter_app import payments
from counter_app.payments import PaymentRequest
from local_cache import outbox
from province_api.embedded import EmbeddedServer
from province_api.models import Payment
from tests.test_fault_proxy import lines_of_distinct_customers
from tests.test_payments_flow import server
from ui.main_window import MainWindow

CUSTOMERS, EACH = 200, 10


def test_two_thousand_actions_drain_in_order_with_the_window_answering(
    qtbot: QtBot, clerk: MainWindow, sqlite_province: EmbeddedServer
) -> None:
    sess = clerk.session
    assert sess is not None
    lines = lines_of_distinct_customers(sess, CUSTOMERS)
    sqlite_province.stop()
    sess.link.set(False)
    made: dict[str, list[str]] = defaultdict(list)  # customer -> receipts, in order
    for i in range(CUSTOMERS * EACH):
        line, account, customer = lines[i % CUSTOMERS]
        req = PaymentRequest("topup", customer, account, 100 + i, "cash", line, 100 + i)
        made[customer].append(payments.take_payment(sess, req).payment["receipt_no"])
    assert outbox.count(sess.cache) == CUSTOMERS * EACH

    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(outbox.count(sess.cache)))
    timer.start(100)
    sqlite_province.start()
    clerk.push_now()
    qtbot.waitUntil(lambda: 0 < outbox.count(sess.cache) < CUSTOMERS * EACH, timeout=30_000)
    clerk.search.box.setText("张")  # the clerk looks someone up while it drains
    qtbot.waitUntil(lambda: clerk.search.model.rowCount() > 0, timeout=10_000)
    assert outbox.count(sess.cache) > 0  # answered before the queue was through
    qtbot.waitUntil(lambda: outbox.count(sess.cache) == 0, timeout=240_000)
    timer.stop()
    assert len([t for t in ticks if t > 0]) >= 3  # the window's own timer kept running

    with server(sqlite_province) as s:
        rows = s.execute(
            select(Payment.customer_id, Payment.receipt_no).order_by(Payment.booked_at)
        ).all()
    assert len(rows) == CUSTOMERS * EACH == len({r.receipt_no for r in rows})  # none twice
    booked: dict[str, list[str]] = defaultdict(list)
    for customer, receipt in rows:
        booked[customer].append(receipt)
    assert booked == made  # each customer's in the order they were taken
