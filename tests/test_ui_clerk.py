"""The money screens as a clerk uses them: typed with keys (F-keys, Tab, Enter), two
customers, a customer with several lines, refused attempts; receipts read back."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter_app.domain.money import format_yuan
from province_api.embedded import EmbeddedServer
from tests.test_ui_counter import sign_in
from tests.test_ui_payments import open_shift, receipt_text
from ui.app import CounterApp
from ui.main_window import MainWindow
from ui.payment_dialog import PaymentDialog
from ui.shift_dialogs import OpenShiftDialog


@dataclass(frozen=True)
class Line:
    customer_id: str
    name: str
    msisdn: str
    subscription_id: str


def prepaid_lines(counter: CounterApp, several: bool = False) -> list[Line]:
    """Active prepaid lines; with `several`, only customers that have two or more."""
    having = "HAVING count(*) >= 2" if several else ""
    with counter.cache.read() as conn:
        customers = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT s.customer_id FROM subscription s JOIN account a ON a.id = s.account_id "
                "WHERE s.status = 'active' AND a.kind = 'prepaid' "
                f"GROUP BY s.customer_id {having} ORDER BY s.customer_id LIMIT 5"
            )
        ]
        rows = conn.exec_driver_sql(
            "SELECT s.customer_id, c.name, s.msisdn, s.id FROM subscription s "
            "JOIN customer c ON c.id = s.customer_id JOIN account a ON a.id = s.account_id "
            f"WHERE s.status = 'active' AND a.kind = 'prepaid' AND s.customer_id IN "
            f"({','.join('?' * len(customers))}) ORDER BY s.customer_id, s.msisdn",
            tuple(customers),
        ).all()
    return [Line(*r) for r in rows]


def owing_customer(counter: CounterApp) -> tuple[str, str, int]:
    """A customer with two or more unpaid bills on one account: (id, number, owed)."""
    with counter.cache.read() as conn:
        customer_id, account_id, owed = conn.exec_driver_sql(
            "SELECT a.customer_id, a.id, sum(b.amount_fen - b.paid_fen) FROM bill b "
            "JOIN account a ON a.id = b.account_id WHERE b.status != 'paid' "
            "GROUP BY a.id HAVING count(*) >= 2 ORDER BY a.id LIMIT 1"
        ).one()
        msisdn = conn.exec_driver_sql(
            "SELECT msisdn FROM subscription WHERE account_id = ? ORDER BY msisdn DESC LIMIT 1",
            (account_id,),
        ).scalar_one()
    return customer_id, msisdn, int(owed)


def active(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def type_search(qtbot: QtBot, window: MainWindow, text: str) -> QLineEdit:
    active(qtbot, window)  # offscreen, a closed dialog does not hand the focus back
    box = window.findChild(QLineEdit, "searchBox")
    qtbot.keyClick(box, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)
    return box


def press_for_dialog(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> PaymentDialog:
    qtbot.keyClick(focused(qtbot), key)
    qtbot.waitUntil(lambda: isinstance(window.dialog, PaymentDialog), timeout=10_000)
    dialog = window.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def focused(qtbot: QtBot) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def keys_into_focus(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(qtbot), text)


def enter(qtbot: QtBot) -> None:
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Return)


def test_f3_tops_up_the_number_typed_last_not_the_customer_shown(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    a, b = (
        (lines := prepaid_lines(counter))[0],
        next(line for line in lines if line.customer_id != lines[0].customer_id),
    )
    type_search(qtbot, clerk, a.msisdn)
    with qtbot.waitSignal(clerk.customer_shown, timeout=10_000):
        enter(qtbot)
    assert clerk.customer.view is not None and clerk.customer.view.customer_id == a.customer_id
    box = clerk.search.box
    assert box.hasFocus() and box.selectedText() == a.msisdn  # the next number replaces it
    qtbot.keyClicks(box, b.msisdn)  # the next customer, A still on the right
    assert box.text() == b.msisdn
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
    assert dialog.view.customer_id == b.customer_id
    assert dialog.findChild(QLabel, "paymentCustomer").text() == b.name
    assert dialog.findChild(QLabel, "paymentNumber").text() == b.msisdn


def test_f3_preselects_the_line_searched_among_several(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    lines = prepaid_lines(counter, several=True)
    second = [line for line in lines if line.customer_id == lines[0].customer_id][-1]
    type_search(qtbot, clerk, second.msisdn)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
    number = dialog.findChild(QComboBox, "topupNumber")
    assert number.count() >= 2
    assert number.currentData()[0] == second.subscription_id
    assert dialog.findChild(QLabel, "paymentNumber").text() == second.msisdn
    assert dialog.findChild(QLineEdit, "amount").hasFocus()


def test_f2_and_f3_refuse_at_once_without_a_shift(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    active(qtbot, window)
    label = window.findChild(QLabel, "shiftStatus")
    qtbot.waitUntil(lambda: window.counter.shift_known, timeout=10_000)
    assert "No shift" in label.text()
    type_search(qtbot, window, prepaid_lines(counter)[0].msisdn)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_F3)
    assert window.dialog is None
    assert "No shift is open" in window.statusBar().currentMessage()
    open_shift(qtbot, window)
    qtbot.waitUntil(lambda: "Shift open since" in label.text(), timeout=10_000)
    assert "¥250.00" in label.text()


def test_a_count_field_takes_what_is_typed_and_the_total_follows(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    active(qtbot, window)
    qtbot.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(window.dialog, OpenShiftDialog), timeout=5000)
    dialog = window.dialog
    assert isinstance(dialog, OpenShiftDialog)
    first = dialog.findChild(QSpinBox, "count_10000")
    qtbot.waitUntil(first.hasFocus)
    total = dialog.findChild(QLabel, "denominationTotal")
    keys_into_focus(qtbot, "2")  # the first field: 2, not 20
    assert first.value() == 2 and total.text() == "¥200.00"
    enter(qtbot)
    keys_into_focus(qtbot, "3")
    assert dialog.findChild(QSpinBox, "count_5000").value() == 3
    assert total.text() == "¥350.00"  # as typed, before leaving the field
    keys_into_focus(qtbot, "x.5")  # whole numbers only
    assert dialog.findChild(QSpinBox, "count_5000").value() == 35
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Backtab)
    keys_into_focus(qtbot, "1")  # back in a field: its content is selected again
    assert dialog.findChild(QSpinBox, "count_5000").value() == 1
    dialog.reject()


def test_f6_f7_f8_move_to_the_method_field_and_a_part_payment_is_confirmed(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    customer_id, msisdn, owed = owing_customer(counter)
    type_search(qtbot, clerk, msisdn)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F2)
    amount = dialog.findChild(QLineEdit, "amount")
    tendered = dialog.findChild(QLineEdit, "tendered")
    assert dialog.view.customer_id == customer_id
    assert amount.text() == f"{owed / 100:.2f}" and amount.hasFocus()
    qtbot.keyClick(amount, Qt.Key.Key_F8)
    assert dialog.findChild(QLineEdit, "qrCode").hasFocus()
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_F6)
    assert tendered.hasFocus()
    qtbot.keyClick(tendered, Qt.Key.Key_F6)  # cash already chosen: still to the tendered
    assert tendered.hasFocus()
    qtbot.keyClicks(tendered, "100")
    assert amount.text() == f"{owed / 100:.2f}"  # the amount to pay is untouched

    part = dialog.findChild(QLabel, "partPayment")
    amount.setFocus()
    amount.selectAll()
    qtbot.keyClicks(amount, "60")
    assert part.isVisible()
    assert f"{format_yuan(6000)} of {format_yuan(owed)}" in part.text()
    enter(qtbot)  # the first Enter says what it is; nothing is taken
    error = dialog.findChild(QLabel, "paymentError")
    assert error.isVisible() and "Press Pay again" in error.text()
    assert dialog.isVisible() and dialog.paid is None
    with qtbot.waitSignal(clerk.counter.receipt_printed, timeout=20_000):
        enter(qtbot)
    assert dialog.paid is not None and dialog.paid.payment["amount_fen"] == 6000
    text = receipt_text(clerk.counter.printer.last_file)
    assert "Still owed" in text and format_yuan(owed - 6000) in text
    assert format_yuan(4000) in text  # the change from ¥100


def test_a_refused_qr_code_leaves_no_gap_in_the_receipt_numbers(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    line = prepaid_lines(counter)[0]
    numbers = []
    for code in ("101234567890120000", None):  # declined, then cash
        type_search(qtbot, clerk, line.msisdn)
        dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F3)
        keys_into_focus(qtbot, "20")
        if code:
            qtbot.keyClick(focused(qtbot), Qt.Key.Key_F8)
            keys_into_focus(qtbot, code)
            enter(qtbot)
            error = dialog.findChild(QLabel, "paymentError")
            qtbot.waitUntil(error.isVisible, timeout=20_000)
            assert "declined" in error.text()
            qtbot.keyClick(focused(qtbot), Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda d=dialog: not d.isVisible())
            continue
        with qtbot.waitSignal(clerk.counter.receipt_printed, timeout=20_000) as printed:
            enter(qtbot)
        numbers.append(printed.args[0])
    with counter.cache.read() as conn:
        used = [r[0] for r in conn.exec_driver_sql("SELECT receipt_no FROM payment")]
    assert used == numbers and numbers[0].endswith("-000001")


def test_the_status_of_a_part_payment_agrees_everywhere(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    _customer_id, msisdn, _owed = owing_customer(counter)
    type_search(qtbot, clerk, msisdn)
    dialog = press_for_dialog(qtbot, clerk, Qt.Key.Key_F2)
    keys_into_focus(qtbot, "10")
    enter(qtbot)
    with qtbot.waitSignal(clerk.counter.receipt_printed, timeout=20_000):
        enter(qtbot)
    assert dialog.paid is not None
    history = clerk.customer.payments
    qtbot.waitUntil(lambda: history.rowCount() > 0, timeout=10_000)
    clerk.counter.shift_payments_action.trigger()
    listing = clerk.dialog
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(  # both follow the province's answer
        lambda: history.index(0, 5).data() == listing.model.index(0, 7).data() == "accepted",
        timeout=15_000,
    )
    in_view = history.index(0, 5).data()
    assert "paid" not in in_view
    row = listing.model.row(0)
    assert listing.model.index(0, 2).data() == dialog.view.name
    assert listing.model.index(0, 3).data() == msisdn[:3] + "****" + msisdn[-4:]
    assert row["amount_fen"] == 1000
    assert "1 payments, ¥10.00" in listing.findChild(QLabel, "shiftTotals").text()


def test_the_360_view_shows_six_lines_and_six_bills_without_scrolling_sideways(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    lines = prepaid_lines(counter, several=True)
    with qtbot.waitSignal(clerk.customer_shown, timeout=10_000):
        clerk.open_customer(lines[0].customer_id)
    clerk.resize(1280, 800)
    # The steady state: online and nothing waiting (on a loaded machine a pull can time out
    # once, and the offline banner takes the lines this test counts until the next one).
    qtbot.waitUntil(lambda: not clerk.banner.isVisible(), timeout=60_000)
    for name in ("subscriptionsTable", "billsTable"):
        table = clerk.findChild(QTableView, name)
        if not table.isVisible():
            clerk.customer.tabs.setCurrentIndex(0)

        def rows_fit(table: QTableView = table) -> int:
            return table.viewport().height() // max(table.verticalHeader().defaultSectionSize(), 1)

        # (laid out after the resize: on a loaded machine that can take longer than 50 ms)
        try:
            qtbot.waitUntil(lambda: rows_fit() >= 6, timeout=5000)
        except Exception:
            shown = [w.text() for w in clerk.findChildren(QLabel) if w.isVisible() and w.text()]
            raise AssertionError((name, rows_fit(), shown[:3])) from None
        assert table.horizontalScrollBar().maximum() == 0, name


def test_tab_leaves_the_results_and_the_selection_follows_the_customer(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    lines = prepaid_lines(counter)
    box = type_search(qtbot, clerk, lines[0].msisdn[:3])
    table = clerk.findChild(QTableView, "searchResults")
    qtbot.waitUntil(lambda: table.model().rowCount() >= 2, timeout=10_000)
    assert not table.selectionModel().hasSelection()  # nobody shown yet: nothing selected
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(table.hasFocus)
    with qtbot.waitSignal(clerk.customer_shown, timeout=10_000) as first:
        pass  # the first row is chosen, and shown on the right
    qtbot.keyClick(table, Qt.Key.Key_Down)
    with qtbot.waitSignal(clerk.customer_shown, timeout=10_000) as second:
        pass
    assert second.args[0].customer_id == table.model().hit(1).customer_id
    assert first.args[0].customer_id != second.args[0].customer_id
    assert table.selectionModel().selectedRows()[0].row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()  # Tab left the table instead of walking its cells
    type_search(qtbot, clerk, "zzzz")  # a search that does not find the customer shown
    qtbot.waitUntil(lambda: table.model().rowCount() == 0, timeout=10_000)
    assert not table.selectionModel().hasSelection()


def test_search_says_when_it_shows_only_the_first_matches(
    qtbot: QtBot, counter: CounterApp, clerk: MainWindow
) -> None:
    clerk.search.page_size = 5
    type_search(qtbot, clerk, "13")
    qtbot.keyClicks(clerk.search.box, "8")
    hint = clerk.findChild(QLabel, "searchHint")
    qtbot.waitUntil(lambda: "type more" in hint.text() and " of " in hint.text(), timeout=10_000)
    qtbot.waitUntil(lambda: "more to" in hint.text() and "5 of more" not in hint.text())
    total = int(hint.text().split(" of ")[1].split(" ")[0].replace(",", "").rstrip("+"))
    assert total > 5


def test_quitting_with_an_open_shift_asks_first(
    qtbot: QtBot, clerk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    active(qtbot, clerk)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked and "shift is still open" in asked[0]
    assert clerk.isVisible()


def test_sign_in_reads_down_the_form_enter_signs_in_and_quitting_asks(
    qtbot: QtBot,
    counter: CounterApp,
    sqlite_province: EmbeddedServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No,
    )
    dialog = counter.show_login()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    order = []
    widget = QApplication.focusWidget()
    for _ in range(8):
        order.append(widget.objectName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
    assert order[:6] == ["serverUrl", "hallCode", "counterId", "caBundle", "staffNo", "password"]
    assert order[6] == "signInButton"
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()  # Esc asked, and No kept the dialog
    for name, value in (
        ("serverUrl", sqlite_province.url),
        ("hallCode", "H001"),
        ("counterId", "C09"),
        ("staffNo", "H001-C01"),
    ):
        edit = dialog.findChild(QLineEdit, name)
        edit.setFocus()
        qtbot.keyClicks(edit, value)
    setup = dialog.findChild(QPushButton, "setupToggle")
    setup.setFocus()  # even from the settings button, Enter signs in
    dialog.findChild(QLineEdit, "password").setText("demo")
    with qtbot.waitSignal(counter.window_ready, timeout=20_000):
        qtbot.keyClick(setup, Qt.Key.Key_Return)
