"""A queue at the counter: customers served back to back by phone number, keys only, each
receipt read back from its PDF; and the training switch that rehearses an outage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from counter_app import training
from counter_app.domain.masking import mask_mobile
from counter_app.domain.money import format_yuan
from local_cache import outbox
from province_api.embedded import EmbeddedServer
from tests.test_ui_clerk import (
    enter,
    focused,
    keys_into_focus,
    owing_customer,
    prepaid_lines,
    press_for_dialog,
    type_search,
)
from tests.test_ui_payments import receipt_text
from ui.app import CounterApp
from ui.main_window import MainWindow


def paid(qtbot: QtBot, window: MainWindow) -> tuple[str, str]:
    """Enter on the payment dialog; the receipt's number and its text, read back."""
    with qtbot.waitSignal(window.counter.receipt_printed, timeout=20_000) as printed:
        enter(qtbot)
    return printed.args[0], receipt_text(window.counter.printer.last_file)


def test_five_customers_back_to_back_by_phone_number(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    lines = prepaid_lines(counter)
    distinct = list({line.customer_id: line for line in lines}.values())
    one, three, four, five = distinct[0], distinct[1], distinct[2], distinct[3]
    _, two_number, owed = owing_customer(counter)
    receipts: list[str] = []

    # 1. A top-up of ¥50, exact cash: 11 digits, F3, 5, 0, Enter (15 keys).
    type_search(qtbot, clerk, one.msisdn)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
    keys_into_focus(qtbot, "50")
    no, text = paid(qtbot, clerk)
    receipts.append(no)
    assert mask_mobile(one.msisdn) in text and format_yuan(5000) in text
    assert "New balance" in text

    # 2. The bills of the next customer in cash, with change.
    tendered = (owed // 10000 + 1) * 10000
    type_search(qtbot, clerk, two_number)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F2)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_F6)
    keys_into_focus(qtbot, str(tendered // 100))
    no, text = paid(qtbot, clerk)
    receipts.append(no)
    assert mask_mobile(two_number) in text and format_yuan(owed) in text
    assert format_yuan(tendered - owed) in text  # the change
    assert "Still owed" not in text

    # 3. A card that is declined, then cash.
    counter.settings.card_terminal = "simulator:decline"
    type_search(qtbot, clerk, three.msisdn)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
    keys_into_focus(qtbot, "30")
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_F7)
    enter(qtbot)
    error = dialog.findChild(QLabel, "paymentError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "declined" in error.text()
    counter.settings.card_terminal = "simulator"
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_F6)
    keys_into_focus(qtbot, "100")
    no, text = paid(qtbot, clerk)
    receipts.append(no)
    assert mask_mobile(three.msisdn) in text and format_yuan(7000) in text  # change of ¥100

    # 4. A QR payment.
    type_search(qtbot, clerk, four.msisdn)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
    keys_into_focus(qtbot, "100")
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_F8)
    keys_into_focus(qtbot, "101234567890123456")
    no, text = paid(qtbot, clerk)
    receipts.append(no)
    assert mask_mobile(four.msisdn) in text and format_yuan(10000) in text and "QR" in text

    # 5. A top-up of ¥20 from a ¥50 note.
    type_search(qtbot, clerk, five.msisdn)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
    keys_into_focus(qtbot, "20")
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_F6)
    keys_into_focus(qtbot, "50")
    no, text = paid(qtbot, clerk)
    receipts.append(no)
    assert mask_mobile(five.msisdn) in text and format_yuan(3000) in text

    sequence = [int(no.rsplit("-", 1)[1]) for no in receipts]
    assert sequence == list(range(sequence[0], sequence[0] + 5))  # no gaps
    assert dialog is not None


def test_training_cuts_the_link_and_reconnect_catches_up(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow, sqlite_province: EmbeddedServer
) -> None:
    staff_id = clerk.signed.staff_id
    # The shift's opening has reached the province before the rehearsal starts.
    qtbot.waitUntil(lambda: outbox.count_for(counter.cache, staff_id) == 0, timeout=20_000)
    try:
        with qtbot.waitSignal(clerk.sync.online_changed, timeout=15_000) as went:
            clerk.work_offline_action.trigger()
        assert went.args == [False] and not clerk.work_offline_action.isEnabled()
        banner = clerk.banner  # across the window, not only a red dot
        qtbot.waitUntil(banner.isVisible, timeout=5000)
        assert "OFFLINE" in banner.text() and "QR payments" in banner.text()
        line = prepaid_lines(counter)[0]
        type_search(qtbot, clerk, line.msisdn)
        dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
        keys_into_focus(qtbot, "30")
        qtbot.keyClick(focused(qtbot), Qt.Key.Key_F8)  # QR needs the province
        keys_into_focus(qtbot, "101234567890123456")
        enter(qtbot)
        error = dialog.findChild(QLabel, "paymentError")
        qtbot.waitUntil(error.isVisible, timeout=10_000)
        assert "link to the province" in error.text()
        qtbot.keyClick(focused(qtbot), Qt.Key.Key_F6)
        paid(qtbot, clerk)  # cash is taken offline, and queued
        assert outbox.count_for(counter.cache, staff_id) == 1  # the cash payment, queued
        qtbot.waitUntil(lambda: "1 entries waiting" in banner.text(), timeout=5000)
        assert "the oldest for 0 min" in banner.text()
        # Tried many times during the outage: its back-off would put it an hour away.
        (entry,) = payments_queued(counter, staff_id)
        later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
        outbox.mark_retry(counter.cache, entry.id, "the province did not answer", later)
        with qtbot.waitSignal(clerk.sync.online_changed, timeout=15_000) as back:
            clerk.reconnect_action.trigger()
        assert back.args == [True]
        # Sent as soon as the link is back, not when its back-off runs out.
        qtbot.waitUntil(lambda: outbox.count_for(counter.cache, staff_id) == 0, timeout=10_000)
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)  # caught up: gone
    finally:
        training.restore_link()


def payments_queued(counter: CounterApp, staff_id: str) -> list[outbox.OutboxEntry]:
    """The clerk's queued payments (an audit event may wait beside them: a customer of
    another hall looked up, say)."""
    return [e for e in outbox.entries(counter.cache, staff_id=staff_id) if e.kind == "payment"]


def test_when_a_real_outage_ends_what_waited_goes_at_once(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow, sqlite_province: EmbeddedServer
) -> None:
    """The province goes away (stopped); a cash top-up is queued and, tried through the
    outage, earns an hour of back-off; the province comes back: it is sent within seconds."""
    staff_id = clerk.signed.staff_id
    qtbot.waitUntil(lambda: outbox.count_for(counter.cache, staff_id) == 0, timeout=20_000)
    sqlite_province.stop()
    with qtbot.waitSignal(clerk.sync.online_changed, timeout=15_000) as went:
        clerk.sync.check_link()
    assert went.args == [False]
    qtbot.waitUntil(clerk.banner.isVisible, timeout=5000)
    line = prepaid_lines(counter)[0]
    type_search(qtbot, clerk, line.msisdn)
    press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
    keys_into_focus(qtbot, "30")
    paid(qtbot, clerk)
    (entry,) = payments_queued(counter, staff_id)
    qtbot.waitUntil(  # the push after the payment has found the province away
        lambda: max(e.attempts for e in outbox.entries(counter.cache, staff_id=staff_id)) >= 1,
        timeout=10_000,
    )
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    for _ in range(12):  # tried all through a long outage: minutes of back-off earned
        outbox.mark_retry(counter.cache, entry.id, "the province did not answer", later)
    sqlite_province.start()  # the link is back; the counter notices at its next ping
    qtbot.waitUntil(lambda: outbox.count_for(counter.cache, staff_id) == 0, timeout=15_000)
    qtbot.waitUntil(lambda: not clerk.banner.isVisible(), timeout=10_000)
