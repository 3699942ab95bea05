"""Service orders through the window, by keyboard: a new line from number choice to the
printed, signed service form; a transfer approved through the hall's queue with a clerk's
and a supervisor's window side by side."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter_app.credentials import Credentials
from counter_app.settings import AppPaths, Settings
from counter_app.sync.push import push
from local_cache.db import Cache
from province_api.embedded import EmbeddedServer
from province_api.models import Account, ProductOrder, Subscription
from tests.test_payments_flow import server
from tests.test_ui_counter import sign_in
from tests.test_ui_payments import open_shift, receipt_text, show_customer
from ui.app import CounterApp
from ui.main_window import MainWindow
from ui.orders.flow import OrderDialog
from ui.orders.history_dialog import OrderHistoryDialog
from ui.orders.queue_dialog import ApprovalQueueDialog
from ui.payment_dialog import PaymentDialog
from ui.registration_dialog import RegistrationDialog
from ui.signature_pad import SignatureDialog


def key(qtbot: QtBot, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as on the counter's keyboard."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, k, mod)


def type_here(qtbot: QtBot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def sign(qtbot: QtBot, pad: SignatureDialog) -> None:
    """The customer signs on the pad (the one step that is not the clerk's keyboard)."""
    canvas = pad.canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, 120))
    for x in range(40, 400, 20):
        qtbot.mouseMove(canvas, QPoint(x, 120 + (x // 20 % 3) * 15))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(400, 130))


def a_customer_for_a_new_line(counter: CounterApp) -> tuple[str, str, str]:
    with counter.cache.read() as conn:
        customer = conn.exec_driver_sql(
            "SELECT c.id FROM customer c WHERE c.customer_type = 'individual' "
            "AND c.birth_date < '2000-01-01' AND NOT EXISTS (SELECT 1 FROM account a JOIN bill b "
            "ON b.account_id = a.id WHERE a.customer_id = c.id AND b.status != 'paid') "
            "AND (SELECT count(*) FROM subscription s WHERE s.customer_id = c.id) BETWEEN 1 AND 3 "
            "LIMIT 1"
        ).scalar_one()
        msisdn = conn.exec_driver_sql(
            "SELECT msisdn FROM number WHERE status = 'available' AND level = 'normal' "
            "ORDER BY msisdn DESC LIMIT 1"
        ).scalar_one()
        iccid = conn.exec_driver_sql(
            "SELECT iccid FROM sim WHERE status = 'available' LIMIT 1"
        ).scalar_one()
    return customer, msisdn, iccid


def step(qtbot: QtBot, dialog: OrderDialog, index: int) -> None:
    """Wait for the flow to reach `index`, saying what it showed if it did not."""
    error = dialog.findChild(QLabel, "orderError")
    qtbot.waitUntil(
        lambda: dialog.stack.currentIndex() == index or error.isVisible(), timeout=10_000
    )
    assert dialog.stack.currentIndex() == index, error.text()


def order_dialog(qtbot: QtBot, window: MainWindow) -> OrderDialog:
    qtbot.waitUntil(lambda: isinstance(window.dialog, OrderDialog), timeout=10_000)
    dialog = window.dialog
    assert isinstance(dialog, OrderDialog)
    return dialog


def test_a_new_line_by_keyboard_from_number_to_signed_form(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    open_shift(qtbot, window)
    customer, msisdn, iccid = a_customer_for_a_new_line(counter)
    show_customer(qtbot, window, customer)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # 开户
    dialog = order_dialog(qtbot, window)
    numbers = dialog.findChild(QListWidget, "freeNumbers")
    qtbot.waitUntil(lambda: focus_is(dialog.findChild(QLineEdit, "numberEndsWith")))
    type_here(qtbot, msisdn[-4:])  # the customer wants this ending
    qtbot.waitUntil(
        lambda: (
            numbers.count() >= 1
            and numbers.currentItem() is not None
            and numbers.currentItem().data(Qt.ItemDataRole.UserRole).endswith(msisdn[-4:])
        ),
        timeout=10_000,
    )
    chosen = numbers.currentItem().data(Qt.ItemDataRole.UserRole)
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &SIM card
    assert QApplication.focusWidget() is dialog.findChild(QLineEdit, "newIccid")
    type_here(qtbot, iccid)
    key(qtbot, Qt.Key.Key_Return)  # Next: the number is held, the order priced and checked
    step(qtbot, dialog, 1)
    assert dialog.held == chosen
    changes = dialog.findChild(QLabel, "orderChanges").text()
    assert chosen in changes and iccid in changes
    assert dialog.findChild(QLabel, "orderTotal").text() == "¥60.00"
    assert dialog.findChild(QLabel, "orderApproval").text() == ""  # no supervisor needed
    key(qtbot, Qt.Key.Key_Return)  # Confirm
    qtbot.waitUntil(lambda: dialog.findChild(PaymentDialog) is not None, timeout=10_000)
    pay = dialog.findChild(PaymentDialog)
    assert pay.findChild(QLineEdit, "amount").text() == "60.00"
    assert pay.findChild(QLineEdit, "amount").isReadOnly()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pay.findChild(QLineEdit, "tendered"))
    type_here(qtbot, "100")
    with qtbot.waitSignal(window.counter.printer.printed, timeout=20_000) as printed:
        key(qtbot, Qt.Key.Key_Return)  # Pay
    assert pay.paid is not None and pay.paid.payment["change_fen"] == 4000
    receipt = receipt_text(window.counter.printer.folder / f"{printed.args[0]}.pdf")
    assert dialog.order_no in receipt and "60.00" in receipt
    qtbot.waitUntil(lambda: dialog.findChild(SignatureDialog) is not None, timeout=10_000)
    pad = dialog.findChild(SignatureDialog)
    key(qtbot, Qt.Key.Key_Return)  # nothing signed yet: not taken
    assert pad.isVisible() and pad.signature is None
    sign(qtbot, pad)
    with qtbot.waitSignal(window.counter.printer.printed, timeout=20_000) as printed:
        qtbot.keyClick(pad, Qt.Key.Key_Return)
    form: Path = window.counter.printer.last_file
    assert form.name == f"{dialog.order_no}.pdf"
    pages = PdfReader(form).pages
    text = "\n".join(p.extract_text() for p in pages)
    assert dialog.order_no in text and "业务受理单" in text
    assert "60.00" in text and chosen in text
    with counter.cache.read() as conn:
        id_number = conn.exec_driver_sql(
            "SELECT id_number FROM customer WHERE id = ?", (customer,)
        ).scalar_one()
    assert id_number not in text and id_number[-4:] in text  # masked
    assert len(pages[0].images) == 1  # the signature
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # The fees reach the province with the next push; the order runs there.
    push(window.session.make_api(), counter.cache, force=True)
    with server(sqlite_province) as s:
        row = s.get(ProductOrder, dialog.order_id)
        assert row is not None and row.state == "completed"
        line = s.get(Subscription, row.subscription_id)
        assert line is not None and line.msisdn == chosen and line.customer_id == customer
        account = s.get(Account, line.account_id)  # a new prepaid account, numbered as all are
        assert account is not None and account.kind == "prepaid"
        assert len(account.account_no) == 10 and account.account_no.isdigit()
    # The form again from the customer's history: Ctrl+Shift+H, Enter.
    activate(qtbot, window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(window.dialog, OrderHistoryDialog), timeout=5000)
    history = window.dialog
    rows = history.findChild(QListWidget, "orderHistory")
    qtbot.waitUntil(lambda: rows.count() >= 1 and focus_is(rows), timeout=5000)
    assert dialog.order_no in rows.item(0).text()
    with qtbot.waitSignal(window.counter.printer.printed, timeout=20_000):
        key(qtbot, Qt.Key.Key_Return)
    again = window.counter.printer.last_file
    assert again.name == f"{dialog.order_no}-reprint1.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(again).pages)
    assert "REPRINT 1" in text and len(PdfReader(again).pages[0].images) == 1


def two_customers_for_a_transfer(counter: CounterApp) -> tuple[str, str, str, str]:
    """A's line with nothing unpaid, and B (who may take one more line) with B's ID."""
    with counter.cache.read() as conn:
        owner, line = conn.exec_driver_sql(
            "SELECT s.customer_id, s.id FROM subscription s WHERE s.status = 'active' "
            "AND NOT EXISTS (SELECT 1 FROM bill b WHERE b.account_id = s.account_id "
            "AND b.status != 'paid') LIMIT 1"
        ).one()
        to, to_id_number = conn.exec_driver_sql(
            "SELECT c.id, c.id_number FROM customer c WHERE c.id != ? "
            "AND c.customer_type = 'individual' AND NOT EXISTS (SELECT 1 FROM account a JOIN "
            "bill b ON b.account_id = a.id WHERE a.customer_id = c.id AND b.status != 'paid' "
            "AND b.due_date < date('now')) "
            "AND (SELECT count(*) FROM subscription s WHERE s.customer_id = c.id) < 3 LIMIT 1",
            (owner,),
        ).one()
    return owner, line, to, to_id_number


def test_a_transfer_approved_through_the_queue_with_two_windows(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    clerk = sign_in(qtbot, counter, sqlite_province)
    open_shift(qtbot, clerk)
    paths = AppPaths.under(tmp_path / "supervisor")
    other = CounterApp(
        paths, Settings(page_size=150, language="en"), Credentials(), Cache(paths.cache_file)
    )
    try:
        boss = sign_in(qtbot, other, sqlite_province, "H001-S01", "C08")
        owner, line, to, to_id_number = two_customers_for_a_transfer(counter)
        show_customer(qtbot, clerk, owner)
        activate(qtbot, clerk)
        qtbot.keyClick(clerk, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)  # 过户
        dialog = order_dialog(qtbot, clerk)
        qtbot.waitUntil(lambda: focus_is(dialog.findChild(QComboBox, "orderLine")))
        lines = dialog.findChild(QComboBox, "orderLine")
        while lines.currentData() != line:
            key(qtbot, Qt.Key.Key_Down)
        key(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # New &owner
        type_here(qtbot, to_id_number)
        owners = dialog.findChild(QListWidget, "newOwners")
        qtbot.waitUntil(lambda: owners.count() >= 1, timeout=10_000)
        assert owners.currentItem().data(Qt.ItemDataRole.UserRole) == to
        key(qtbot, Qt.Key.Key_Return)
        step(qtbot, dialog, 1)
        assert "supervisor" in dialog.findChild(QLabel, "orderApproval").text()
        key(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # to the approval &queue
        step(qtbot, dialog, 2)
        qtbot.waitUntil(lambda: (dialog.answer or {}).get("state") == "pendingApproval")

        # The supervisor, on another counter: the count in the status bar, then the queue.
        boss.orders.count_queue()
        qtbot.waitUntil(lambda: boss.orders.queue_label.text() == "Queue: 1", timeout=10_000)
        activate(qtbot, boss)
        qtbot.keyClick(
            boss,
            Qt.Key.Key_A,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(lambda: isinstance(boss.dialog, ApprovalQueueDialog), timeout=5000)
        queue = boss.dialog
        details = queue.findChild(QLabel, "queueDetails")
        qtbot.waitUntil(lambda: dialog.order_no in details.text(), timeout=10_000)
        assert "New owner" in details.text() and "过户手续费" in details.text()
        qtbot.keyClick(queue, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # approve
        qtbot.waitUntil(
            lambda: "approved" in queue.findChild(QLabel, "queueMessage").text(),
            timeout=10_000,
        )

        # The clerk's screen moves on by itself: the fees, then the signature.
        qtbot.waitUntil(lambda: dialog.findChild(PaymentDialog) is not None, timeout=5000)
        pay = dialog.findChild(PaymentDialog)
        qtbot.waitUntil(lambda: focus_is(pay.findChild(QLineEdit, "tendered")))
        with qtbot.waitSignal(clerk.counter.printer.printed, timeout=20_000):
            key(qtbot, Qt.Key.Key_Return)  # the exact cash
        qtbot.waitUntil(lambda: dialog.findChild(SignatureDialog) is not None, timeout=10_000)
        pad = dialog.findChild(SignatureDialog)
        sign(qtbot, pad)
        with qtbot.waitSignal(clerk.counter.printer.printed, timeout=20_000):
            qtbot.keyClick(pad, Qt.Key.Key_Return)
        push(clerk.session.make_api(), counter.cache, force=True)
        with server(sqlite_province) as s:
            row = s.get(ProductOrder, dialog.order_id)
            assert row is not None and row.state == "completed" and row.approved_by
            moved = s.get(Subscription, line)
            assert moved is not None and moved.customer_id == to
    finally:
        other.shutdown()


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """The clerk turns to this window (its keys are its own only while it is active)."""
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def focus_is(widget: QWidget | None) -> bool:
    return widget is not None and QApplication.focusWidget() is widget


def mnemonics(dialog: QWidget) -> list[str]:
    """The Alt letters of what is on screen in `dialog`: labels with a buddy, and buttons."""
    out = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        if not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        text = widget.text().replace("&&", "")
        if "&" in text:
            out.append(text[text.index("&") + 1].lower())
    return out


def test_no_two_fields_of_an_order_share_an_alt_key(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    """Alt+letter jumps to one field: two with the same letter would make the clerk cycle."""
    window = sign_in(qtbot, counter, sqlite_province)
    customer, _, _ = a_customer_for_a_new_line(counter)
    show_customer(qtbot, window, customer)
    for n in range(1, 10):
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + n), Qt.KeyboardModifier.ControlModifier)
        dialog = order_dialog(qtbot, window)
        qtbot.waitUntil(dialog.isVisible)
        letters = mnemonics(dialog)
        assert len(letters) == len(set(letters)), (dialog.order_type, sorted(letters))
        dialog.reject()
        qtbot.waitUntil(lambda: window.dialog is None or not window.dialog.isVisible())
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, RegistrationDialog), timeout=5000)
    registration = window.dialog
    qtbot.waitUntil(registration.isVisible)
    for enterprise in (False, True):
        registration.enterprise.setChecked(enterprise)
        letters = mnemonics(registration)
        assert len(letters) == len(set(letters)), (enterprise, sorted(letters))
