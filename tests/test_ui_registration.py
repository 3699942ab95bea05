"""Registering a customer by keyboard from the ID card reader, then editing the contact
details when another clerk changed them a moment before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from counter_app import registration
from province_api.embedded import EmbeddedServer
from province_api.models import Customer
from tests.test_orders_flow import signed_in
from tests.test_payments_flow import server
from tests.test_ui_counter import sign_in
from tests.test_ui_orders import focus_is, key, type_here
from ui.app import CounterApp
from ui.contact_dialog import ContactDialog
from ui.registration_dialog import RegistrationDialog


def test_register_from_the_reader_then_edit_over_a_change_made_meanwhile(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, RegistrationDialog), timeout=5000)
    dialog = window.dialog
    name = dialog.findChild(QLineEdit, "reg_name")
    qtbot.waitUntil(lambda: focus_is(name))
    key(qtbot, Qt.Key.Key_Return)  # nothing typed: refused, naming the field
    error = dialog.findChild(QLabel, "registrationError")
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert "phone" in error.text().lower() or "mobile" in error.text().lower()
    key(qtbot, Qt.Key.Key_F9)  # the ID card on the reader
    phone = dialog.findChild(QLineEdit, "reg_contact_phone")
    qtbot.waitUntil(lambda: name.text() != "" and focus_is(phone), timeout=5000)
    id_number = dialog.findChild(QLineEdit, "reg_id_number").text()
    assert "born" in dialog.findChild(QLabel, "regFromId").text()
    type_here(qtbot, "13912345678")
    with qtbot.waitSignal(window.customer_shown, timeout=10_000):
        key(qtbot, Qt.Key.Key_Return)
    view = window.shown_customer()
    assert view is not None and view.name == name.text()
    with server(sqlite_province) as s:
        row = s.get(Customer, view.customer_id)
        assert row is not None and row.id_number == id_number and row.photo

    # Another clerk changes the phone; this one edits on the version it saw.
    assert window.session is not None
    other = signed_in(window.session, sqlite_province.url, "H001-C02", "C02")
    registration.edit_contact(other, view.customer_id, view.version, "13700001111", "别处 1号")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ContactDialog), timeout=5000)
    contact = window.dialog
    qtbot.waitUntil(lambda: focus_is(contact.findChild(QLineEdit, "contactPhone")))
    type_here(qtbot, "13600002222")
    key(qtbot, Qt.Key.Key_Return)
    conflict = contact.findChild(QLabel, "contactConflict")
    qtbot.waitUntil(conflict.isVisible, timeout=10_000)
    assert "137****1111" in conflict.text() and "136****2222" in conflict.text()
    with qtbot.waitSignal(contact.saved, timeout=10_000):
        key(qtbot, Qt.Key.Key_Return)  # Save mine
    with server(sqlite_province) as s:
        row = s.get(Customer, view.customer_id)
        assert row is not None and row.contact_phone == "13600002222" and row.version == 3
