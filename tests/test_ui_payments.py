"""Taking money through the dialogs: open a shift, pay a bill in cash, close with a variance."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton, QRadioButton, QSpinBox
from pytestqt.qtbot import QtBot

from counter_app.domain.money import format_yuan, parse_yuan, to_chinese_capital
from counter_app.sync.push import push
from local_cache import outbox
from province_api.embedded import EmbeddedServer
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_ui_counter import sign_in
from ui.app import CounterApp
from ui.main_window import MainWindow
from ui.payment_dialog import PaymentDialog
from ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog

FLOAT = {10000: 2, 1000: 5}  # ¥250


def receipt_text(path: Path | None) -> str:
    """Read the printed PDF back, as a person holding the paper would."""
    assert path is not None and path.exists()
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def click(qtbot: QtBot, button: QPushButton | QRadioButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_shift(qtbot: QtBot, window: MainWindow) -> None:
    window.counter.open_shift_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, OpenShiftDialog)
    for fen, n in FLOAT.items():
        dialog.findChild(QSpinBox, f"count_{fen}").setValue(n)
    assert dialog.findChild(QLabel, "denominationTotal").text() == "¥250.00"
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        click(qtbot, dialog.findChild(QPushButton, "openShiftButton"))
    assert dialog.shift is not None and dialog.shift["opening_float_fen"] == 25000


def show_customer(qtbot: QtBot, window: MainWindow, customer_id: str) -> None:
    with qtbot.waitSignal(window.customer_shown, timeout=10_000):
        window.open_customer(customer_id)


def test_pay_a_bill_in_cash_then_close_with_a_variance(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    assert window.session is not None
    open_shift(qtbot, window)
    with counter.cache.read() as conn:
        customer_id = conn.exec_driver_sql(
            "SELECT a.customer_id FROM account a JOIN bill b ON b.account_id = a.id "
            "WHERE b.status != 'paid' LIMIT 1"
        ).scalar_one()
    show_customer(qtbot, window, customer_id)
    assert window.counter.pay_bills_action.isEnabled()
    assert window.counter.pay_bills_action.shortcut().toString() == "F2"
    window.counter.pay_bills_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, PaymentDialog)
    amount = parse_yuan(dialog.findChild(QLineEdit, "amount").text())
    assert amount > 0
    tendered = amount + 10_000
    qtbot.keyClicks(dialog.findChild(QLineEdit, "tendered"), f"{tendered / 100:.2f}")
    assert dialog.findChild(QLabel, "changeDue").text() == "¥100.00"
    sqlite_province.stop()  # the link goes down: cash is still taken, and queued
    with qtbot.waitSignal(window.counter.receipt_printed, timeout=20_000) as printed:
        click(qtbot, dialog.findChild(QPushButton, "payButton"))
    done = dialog.paid
    assert done is not None and done.payment["change_fen"] == 10_000
    with counter.cache.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT amount_fen, method, tendered_fen FROM payment WHERE id = ?",
            (done.payment["id"],),
        ).one()
    assert tuple(row) == (amount, "cash", tendered)
    message = window.statusBar().currentMessage()
    assert done.receipt.receipt_no in message and "¥100.00" in message
    assert printed.args[0] == done.receipt.receipt_no
    text = receipt_text(window.counter.printer.last_file)
    assert done.receipt.receipt_no in text and "¥100.00" in text  # the change
    assert to_chinese_capital(amount) in text
    qtbot.waitUntil(lambda: window.customer.payments.rowCount() > 0, timeout=10_000)

    window.counter.close_shift_action.trigger()
    closing = window.dialog
    assert isinstance(closing, CloseShiftDialog)
    expected = 25000 + amount
    expected_label = closing.findChild(QLabel, "expectedCash")
    qtbot.waitUntil(lambda: expected_label.text() == format_yuan(expected), timeout=10_000)
    closing.findChild(QSpinBox, "count_10000").setValue(2)  # ¥200 counted
    variance = 20000 - expected
    assert closing.findChild(QLabel, "variance").text() == format_yuan(variance)
    ok = closing.findChild(QPushButton, "closeShiftButton")
    error = closing.findChild(QLabel, "shiftError")
    waiting = closing.findChild(QListWidget, "waitingList")

    click(qtbot, ok)  # the payment has not reached the province yet
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "not accepted" in error.text()
    assert waiting.isVisible()
    assert any(done.receipt.receipt_no in waiting.item(i).text() for i in range(waiting.count()))
    sqlite_province.start()
    result = push(window.session.make_api(), counter.cache, force=True)
    assert (
        not result.offline
        and outbox.pending_for_shift(counter.cache, done.payment["shift_id"]) == []
    )

    click(qtbot, ok)  # no note yet
    qtbot.waitUntil(lambda: error.isVisible() and "note" in error.text(), timeout=10_000)
    qtbot.keyClicks(closing.findChild(QLineEdit, "varianceNote"), "short: counted twice")
    click(qtbot, ok)
    qtbot.waitUntil(lambda: "supervisor" in error.text(), timeout=10_000)
    qtbot.keyClicks(closing.findChild(QLineEdit, "supervisorStaffNo"), "H001-S01")
    qtbot.keyClicks(closing.findChild(QLineEdit, "supervisorPassword"), SUPERVISOR_PASSWORD)
    with qtbot.waitSignal(closing.accepted, timeout=20_000):
        click(qtbot, closing.findChild(QPushButton, "approveButton"))
    assert closing.report is not None
    assert closing.report.variance_fen == variance
    assert closing.report.approved_by == "H001-S01"
    with qtbot.waitSignal(window.counter.receipt_printed, timeout=20_000) as report:
        pass  # the shift report prints
    assert report.args[0].startswith("shift-")
    text = receipt_text(window.counter.printer.last_file)
    assert format_yuan(variance).lstrip("-") in text and "H001-S01" in text


@pytest.mark.parametrize("mode", ["decline"])
def test_a_declined_card_top_up_leaves_no_payment(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer, mode: str
) -> None:
    counter.settings.card_terminal = f"simulator:{mode}"
    window = sign_in(qtbot, counter, sqlite_province)
    open_shift(qtbot, window)
    with counter.cache.read() as conn:
        customer_id = conn.exec_driver_sql(
            "SELECT customer_id FROM subscription WHERE status = 'active' LIMIT 1"
        ).scalar_one()
        before = conn.exec_driver_sql("SELECT count(*) FROM payment").scalar_one()
    show_customer(qtbot, window, customer_id)
    window.counter.top_up_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, PaymentDialog)
    click(qtbot, dialog.findChild(QPushButton, "preset_5000"))
    assert dialog.findChild(QLineEdit, "amount").text() == "50.00"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_F7)  # the card shortcut
    assert dialog.findChild(QRadioButton, "methodCard").isChecked()
    assert not dialog.findChild(QLineEdit, "tendered").isVisible()
    error = dialog.findChild(QLabel, "paymentError")
    click(qtbot, dialog.findChild(QPushButton, "payButton"))
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "declined" in error.text().lower()
    assert dialog.paid is None and dialog.isVisible()
    with counter.cache.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM payment").scalar_one() == before
    everything = outbox.entries(counter.cache, ("pending", "accepted", "rejected"))
    # No payment was queued; the charge not taken is audited (the province's audit log).
    assert [e.kind for e in everything if e.kind != "audit"] == ["shift_open"]
    audited = [e.body["events"][0]["action"] for e in everything if e.kind == "audit"]
    assert "charge_cancelled" in audited  # (and maybe a look at another hall's customer)


def test_f2_from_the_search_box_then_reprint_and_void(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    from tests.test_ui_counter import search
    from ui.shift_payments_dialog import ShiftPaymentsDialog

    window = sign_in(qtbot, counter, sqlite_province)
    open_shift(qtbot, window)
    with counter.cache.read() as conn:
        msisdn, customer_id = conn.exec_driver_sql(
            "SELECT s.msisdn, s.customer_id FROM subscription s WHERE s.status = 'active' LIMIT 1"
        ).one()
    search(qtbot, window, msisdn)  # a phone number in the search box, no customer open yet
    with qtbot.waitSignal(window.customer_shown, timeout=10_000):
        window.counter.top_up_action.trigger()  # F3 straight from the search box
    qtbot.waitUntil(lambda: isinstance(window.dialog, PaymentDialog), timeout=10_000)
    dialog = window.dialog
    assert dialog.view.customer_id == customer_id
    click(qtbot, dialog.findChild(QPushButton, "preset_3000"))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "tendered"), "50")
    with qtbot.waitSignal(window.counter.receipt_printed, timeout=20_000):
        click(qtbot, dialog.findChild(QPushButton, "payButton"))
    receipt_no = dialog.paid.receipt.receipt_no

    window.counter.shift_payments_action.trigger()
    listing = window.dialog
    assert isinstance(listing, ShiftPaymentsDialog)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(window.counter.receipt_printed, timeout=20_000) as printed:
        click(qtbot, listing.findChild(QPushButton, "reprintButton"))
    assert printed.args[0] == receipt_no
    text = receipt_text(window.counter.printer.last_file)
    assert "REPRINT 1" in text and receipt_no in text

    click(qtbot, listing.findChild(QPushButton, "voidButton"))  # no reason yet
    assert "reason" in listing.message.text()
    qtbot.keyClicks(listing.findChild(QLineEdit, "voidReason"), "wrong number")
    click(qtbot, listing.findChild(QPushButton, "voidButton"))
    approval = listing.approval_dialog
    assert approval is not None
    qtbot.keyClicks(approval.findChild(QLineEdit, "supervisorStaffNo"), "H001-S01")
    qtbot.keyClicks(approval.findChild(QLineEdit, "supervisorPassword"), "nope")
    click(qtbot, approval.findChild(QPushButton, "approveButton"))
    error = approval.findChild(QLabel, "approvalError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "wrong" in error.text()
    qtbot.keyClicks(approval.findChild(QLineEdit, "supervisorPassword"), SUPERVISOR_PASSWORD)
    with qtbot.waitSignal(window.counter.receipt_printed, timeout=20_000) as slip:
        click(qtbot, approval.findChild(QPushButton, "approveButton"))
    text = receipt_text(window.counter.printer.last_file)
    assert "VOID" in text and receipt_no in text and "H001-S01" in text
    assert slip.args[0] != receipt_no
    qtbot.waitUntil(lambda: listing.model.rowCount() == 2, timeout=10_000)
    statuses = {listing.model.index(r, 7).data() for r in range(2)}
    assert "voided" in statuses


def test_devices_and_preview(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    from PySide6.QtWidgets import QComboBox, QDialogButtonBox

    from counter_app.settings import load
    from ui.shift_payments_dialog import ShiftPaymentsDialog

    window = sign_in(qtbot, counter, sqlite_province)
    window.counter.devices_action.trigger()
    devices = window.dialog
    devices.findChild(QComboBox, "receiptLayout").setCurrentIndex(1)  # A5
    devices.findChild(QComboBox, "language").setCurrentIndex(0)  # the counter's own: 中文
    devices.findChild(QComboBox, "cardTerminal").setCurrentIndex(2)  # simulator: timeout
    with qtbot.waitSignal(devices.accepted, timeout=10_000):
        devices.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    saved = load(counter.paths)
    assert (saved.receipt_layout, saved.card_terminal) == ("a5", "simulator:timeout")
    assert saved.language == "zh_CN"  # kept for the next start (unlike --language)
    assert counter.settings.receipt_layout == "a5"

    open_shift(qtbot, window)
    with counter.cache.read() as conn:
        customer_id = conn.exec_driver_sql(
            "SELECT customer_id FROM subscription WHERE status = 'active' LIMIT 1"
        ).scalar_one()
    show_customer(qtbot, window, customer_id)
    window.counter.top_up_action.trigger()
    dialog = window.dialog
    click(qtbot, dialog.findChild(QPushButton, "preset_3000"))
    dialog.findChild(QRadioButton, "methodCard").setChecked(True)
    error = dialog.findChild(QLabel, "paymentError")
    click(qtbot, dialog.findChild(QPushButton, "payButton"))
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "did not answer" in error.text()  # the terminal timed out: nothing charged
    dialog.findChild(QRadioButton, "methodCash").setChecked(True)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "tendered"), "30")
    with qtbot.waitSignal(window.counter.receipt_printed, timeout=20_000):
        click(qtbot, dialog.findChild(QPushButton, "payButton"))
    assert PdfReader(window.counter.printer.last_file).pages[0].mediabox.width > 400  # A5

    window.counter.shift_payments_action.trigger()
    listing = window.dialog
    assert isinstance(listing, ShiftPaymentsDialog)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1, timeout=10_000)
    receipts_before = sorted(p.name for p in window.counter.printer.folder.iterdir())
    with qtbot.waitSignal(window.counter.printer.preview_shown, timeout=10_000) as shown:
        click(qtbot, listing.findChild(QPushButton, "previewButton"))
    preview = shown.args[0]
    assert preview.isVisible() and preview.page_count == 1
    # A look, not a print: no file written, no print counted.
    assert sorted(p.name for p in window.counter.printer.folder.iterdir()) == receipts_before
    with counter.cache.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM receipt_print").scalar_one() == 1
    preview.reject()


def test_sign_out_asks_while_actions_wait(
    qtbot: QtBot,
    counter: CounterApp,
    sqlite_province: EmbeddedServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = sign_in(qtbot, counter, sqlite_province)
    sqlite_province.stop()  # the shift cannot reach the province
    open_shift(qtbot, window)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent, _title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    counter.sign_out()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10_000)
    assert "1 of your actions" in asked[0] and counter.window is window  # stayed
    with qtbot.waitSignal(counter.login_shown, timeout=10_000):
        counter.sign_out()
    assert counter.window is None
