"""A busy counter's hands: Esc, Enter and sign-out at awkward moments lose nothing."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

import ui.payment_dialog as payment_dialog
from province_api.embedded import EmbeddedServer
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_ui_counter import sign_in
from tests.test_ui_payments import open_shift, show_customer
from ui.app import CounterApp
from ui.payment_dialog import PaymentDialog
from ui.tasks import TaskRunner


def slow_payment(monkeypatch: pytest.MonkeyPatch, gate: threading.Event) -> None:
    """The province (or a card terminal) takes its time until `gate` opens."""
    real = payment_dialog.payments.take_at_counter

    def take(sess, req, *args):  # type: ignore[no-untyped-def]
        gate.wait(20)
        return real(sess, req, *args)

    monkeypatch.setattr(payment_dialog.payments, "take_at_counter", take)


def paying(qtbot: QtBot, counter: CounterApp, province: EmbeddedServer) -> PaymentDialog:
    window = sign_in(qtbot, counter, province)
    open_shift(qtbot, window)
    with counter.cache.read() as conn:
        customer_id = conn.exec_driver_sql(
            "SELECT a.customer_id FROM account a JOIN bill b ON b.account_id = a.id "
            "WHERE b.status != 'paid' LIMIT 1"
        ).scalar_one()
    show_customer(qtbot, window, customer_id)
    window.counter.pay_bills_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "tendered"), "9999")
    return dialog


def test_esc_and_other_dialogs_wait_for_a_payment_under_way(
    qtbot: QtBot,
    counter: CounterApp,
    sqlite_province: EmbeddedServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    slow_payment(monkeypatch, gate)
    dialog = paying(qtbot, counter, sqlite_province)
    window = counter.window
    assert window is not None
    QTest.keyClick(dialog.findChild(QLineEdit, "tendered"), Qt.Key.Key_Return)
    assert not dialog.pay_button.isEnabled()  # under way
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.reject()
    assert dialog.isVisible()  # neither Esc nor Cancel walks away from it
    window.counter.top_up_action.trigger()  # nor does F3 replace it
    assert window.dialog is dialog
    with qtbot.waitSignal(window.counter.receipt_printed, timeout=20_000):
        gate.set()
    assert dialog.paid is not None and not dialog.isVisible()


def test_enter_in_a_count_goes_to_the_next_denomination(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.shift_dialogs as shift_dialogs

    opened: list[dict] = []
    monkeypatch.setattr(
        shift_dialogs.shifts, "open_shift", lambda _s, counts: opened.append(counts) or {}
    )
    runner = TaskRunner()
    dialog = shift_dialogs.OpenShiftDialog(None, runner)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.open()
    spins = list(dialog.grid.spins.values())
    spins[0].setFocus()
    spins[0].lineEdit().selectAll()
    qtbot.keyClicks(spins[0], "2")
    QTest.keyClick(spins[0], Qt.Key.Key_Return)
    assert spins[1].hasFocus() or not dialog.isActiveWindow()
    assert opened == []  # not opened with the rest of the float uncounted
    runner.shutdown()


def test_enter_in_the_supervisor_password_approves_the_close(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    from ui.shift_dialogs import CloseShiftDialog

    window = sign_in(qtbot, counter, sqlite_province)
    open_shift(qtbot, window)
    window.counter.close_shift_action.trigger()
    closing = window.dialog
    assert isinstance(closing, CloseShiftDialog)
    qtbot.waitUntil(lambda: closing.figures is not None, timeout=10_000)
    qtbot.keyClicks(closing.note, "counted twice")  # the drawer is empty: ¥250 short
    error = closing.findChild(QLabel, "shiftError")

    def enter_until_asked() -> bool:
        if closing.ok_button.isEnabled() and not closing.supervisor_box.isVisible():
            QTest.keyClick(closing.note, Qt.Key.Key_Return)
        return closing.supervisor_box.isVisible() and not closing.working

    qtbot.waitUntil(enter_until_asked, timeout=15_000)  # the shift's own push comes first
    assert "supervisor" in error.text()
    qtbot.keyClicks(closing.supervisor_staff_no, "H001-S01")
    qtbot.keyClicks(closing.supervisor_password, SUPERVISOR_PASSWORD)
    with qtbot.waitSignal(closing.accepted, timeout=20_000):
        QTest.keyClick(closing.supervisor_password, Qt.Key.Key_Return)
    assert closing.report is not None and closing.report.approved_by == "H001-S01"


def test_sign_out_does_not_wait_for_a_slow_province(qtbot: QtBot) -> None:
    """stop() returns while a request is still out; the thread then closes its client."""
    from ui.sync_controller import SyncController

    answer, closed = threading.Event(), threading.Event()

    class Api:
        def health(self) -> None:
            answer.wait(20)  # a province slow to answer

        def close(self) -> None:
            closed.set()

    class Engine:
        api = Api()

    sync = SyncController(lambda: Engine(), 30)  # type: ignore[arg-type, return-value]
    sync._run_ping.emit()
    qtbot.wait(100)
    assert sync.stop() is False  # returned at once, the request still out
    with qtbot.waitSignal(sync.finished_thread, timeout=20_000):
        answer.set()
    assert closed.is_set()


def test_late_answers_after_sign_out_reach_nobody(
    qtbot: QtBot,
    counter: CounterApp,
    sqlite_province: EmbeddedServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.search_panel as search_panel

    window = sign_in(qtbot, counter, sqlite_province)
    gate = threading.Event()
    real = search_panel.search_customers
    monkeypatch.setattr(
        search_panel, "search_customers", lambda cache, text: (gate.wait(10), real(cache, text))[1]
    )
    window.search.box.setText("138")
    window.search.search_now()  # still running when the clerk signs out
    counter.confirm_sign_out()
    qtbot.wait(100)  # the window is deleted
    with qtbot.captureExceptions() as errors:
        gate.set()
        qtbot.waitUntil(lambda: not counter.runner.busy, timeout=10_000)
        counter.runner.unhandled.emit(RuntimeError("a worker failed"))
        qtbot.wait(100)
    assert not errors, errors[0][1]
