"""The counter as a clerk uses it: real widgets (offscreen) against the real server."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from counter_app.settings import load
from province_api.embedded import EmbeddedServer, free_port
from tests.support.memory_keyring import MemoryKeyring
from tests.support.servers import password_of
from tests.support.typing import type_text
from ui.app import CounterApp
from ui.main_window import MainWindow

SYNC_TIMEOUT = 60_000


def fill_login(
    qtbot: QtBot,
    app: CounterApp,
    url: str,
    staff: str = "H001-C01",
    password: str | None = None,
    counter: str = "C07",
) -> None:
    password = password_of(staff) if password is None else password
    dialog = app.show_login()  # closed by the app's shutdown (it asks a clerk first)
    for name, value in (
        ("serverUrl", url),
        ("hallCode", "H001"),
        ("counterId", counter),
        ("staffNo", staff),
        ("password", password),
    ):
        edit = dialog.findChild(QLineEdit, name)
        edit.clear()
        qtbot.keyClicks(edit, value)
    qtbot.mouseClick(dialog.findChild(QPushButton, "signInButton"), Qt.MouseButton.LeftButton)


def sign_in(
    qtbot: QtBot,
    app: CounterApp,
    server: EmbeddedServer,
    staff: str = "H001-C01",
    counter: str = "C07",
) -> MainWindow:
    with qtbot.waitSignal(app.window_ready, timeout=20_000) as ready:
        fill_login(qtbot, app, server.url, staff, counter=counter)
    window: MainWindow = ready.args[0]
    assert app.sync is not None
    qtbot.waitUntil(
        lambda: app.sync is not None and app.sync.last_result is not None, timeout=SYNC_TIMEOUT
    )
    return window


def test_sign_in_bootstraps_with_progress(
    qtbot: QtBot,
    counter: CounterApp,
    sqlite_province: EmbeddedServer,
    memory_keyring: MemoryKeyring,
) -> None:
    percents: list[int] = []
    counter.window_ready.connect(
        lambda w: counter.sync.progress.connect(lambda p: percents.append(p.percent))
    )
    window = sign_in(qtbot, counter, sqlite_province)
    assert len(percents) > 2 and percents[-1] == 100
    # The token, and what an offline sign-in is checked against: both in the keyring only.
    assert sorted(k[1] for k in memory_keyring.store) == [
        "offline:" + sqlite_province.url + ":H001-C01",
        "token:" + sqlite_province.url + ":H001-C01",
    ]
    saved = load(counter.paths)
    assert (saved.server_url, saved.hall_code, saved.counter_id, saved.last_staff_no) == (
        sqlite_province.url,
        "H001",
        "C07",
        "H001-C01",
    )
    assert "token" not in counter.paths.settings_file.read_text()
    status = window.findChild(QLabel, "connectionStatus")
    qtbot.waitUntil(lambda: "Online" in status.text())
    qtbot.waitUntil(lambda: "Synced" in window.findChild(QLabel, "syncAge").text())
    assert not window.findChild(QProgressBar, "syncProgress").isVisible()
    assert window.findChild(QLineEdit, "searchBox").hasFocus() or not window.isActiveWindow()


def test_wrong_password_says_so_and_stores_nothing(
    qtbot: QtBot,
    counter: CounterApp,
    sqlite_province: EmbeddedServer,
    memory_keyring: MemoryKeyring,
) -> None:
    fill_login(qtbot, counter, sqlite_province.url, password="nope")
    error = counter.login.findChild(QLabel, "loginError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "password is wrong" in error.text()
    assert memory_keyring.store == {}
    assert not counter.paths.settings_file.exists()
    assert counter.window is None


def test_a_counter_too_old_for_the_province_is_told_so_at_sign_in(
    qtbot: QtBot,
    counter: CounterApp,
    sqlite_province: EmbeddedServer,
    memory_keyring: MemoryKeyring,
) -> None:
    from counter_app import __version__

    sqlite_province.app.state.min_client_version = "9.0.0"
    fill_login(qtbot, counter, sqlite_province.url)
    error = counter.login.findChild(QLabel, "loginError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert f"This counter runs Counter {__version__}" in error.text()
    assert "9.0.0 or newer" in error.text() and "entries waiting on it are kept" in error.text()
    assert memory_keyring.store == {} and counter.window is None


def test_unreachable_server_says_so(qtbot: QtBot, counter: CounterApp) -> None:
    fill_login(qtbot, counter, f"http://127.0.0.1:{free_port()}")
    error = counter.login.findChild(QLabel, "loginError")
    qtbot.waitUntil(error.isVisible, timeout=20_000)
    assert "Cannot reach" in error.text()
    assert counter.login.findChild(QLineEdit, "serverUrl").isVisible()


def test_empty_field_is_named(qtbot: QtBot, counter: CounterApp) -> None:
    fill_login(qtbot, counter, "http://127.0.0.1:1", staff="")
    error = counter.login.findChild(QLabel, "loginError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "staff number" in error.text().lower()


def search(qtbot: QtBot, window: MainWindow, text: str) -> list:
    box = window.findChild(QLineEdit, "searchBox")
    box.clear()
    with qtbot.waitSignal(window.search.searched, timeout=10_000) as got:
        type_text(qtbot, box, text)
    return list(got.args[0].hits)


def test_search_and_open_the_360_view(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    with counter.cache.read() as conn:
        cid, name, id_number, msisdn = conn.exec_driver_sql(
            "SELECT c.id, c.name, c.id_number, s.msisdn FROM customer c JOIN subscription s "
            "ON s.customer_id = c.id WHERE length(c.name) = 3 LIMIT 1"
        ).one()
        lines = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT msisdn FROM subscription WHERE customer_id = ?", (cid,)
            )
        }

    hits = search(qtbot, window, msisdn[:5])  # a phone prefix
    assert cid in [h.customer_id for h in hits]
    table = window.findChild(QTableView, "searchResults")
    assert table.model().rowCount() == len(hits)
    shown_phones = [table.model().index(r, 2).data() for r in range(table.model().rowCount())]
    assert all("****" in p for p in shown_phones)

    hits = search(qtbot, window, name[1:])  # a two-character given name
    assert cid in [h.customer_id for h in hits]

    hits = search(qtbot, window, id_number[-4:])  # the ID's last four
    assert cid in [h.customer_id for h in hits]
    assert id_number not in [
        table.model().index(r, 1).data() for r in range(table.model().rowCount())
    ]

    hits = search(qtbot, window, msisdn)
    with qtbot.waitSignal(window.customer_shown, timeout=10_000) as shown:
        qtbot.keyClick(window.findChild(QLineEdit, "searchBox"), Qt.Key.Key_Return)
    view = shown.args[0]
    assert view.customer_id == cid
    subs = window.findChild(QTableView, "subscriptionsTable").model()
    assert {subs.index(r, 0).data() for r in range(subs.rowCount())} == lines
    assert window.findChild(QLabel, "customerName").text() == name
    id_label = window.findChild(QLabel, "customerIdNumber")
    assert "*" in id_label.text()

    qtbot.mouseClick(window.findChild(QPushButton, "showIdButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: id_label.text() == id_number, timeout=10_000)
    from counter_app.customers import audit_trail

    trail = audit_trail(counter.cache, cid)
    assert trail[-1]["action"] == "reveal_id_number"
    assert trail[-1]["staff_id"] == counter.signed.staff_id
    qtbot.mouseClick(window.findChild(QPushButton, "showIdButton"), Qt.MouseButton.LeftButton)
    assert "*" in id_label.text()


def test_double_click_opens_and_f5_syncs(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    hits = search(qtbot, window, "张")
    assert hits
    table = window.findChild(QTableView, "searchResults")
    rect = table.visualRect(table.model().index(0, 0))
    with qtbot.waitSignal(window.customer_shown, timeout=10_000) as shown:
        # A real double-click is a press-release then a double-click event.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown.args[0].customer_id == hits[0].customer_id
    with qtbot.waitSignal(counter.sync.synced, timeout=SYNC_TIMEOUT) as synced:
        window.sync_action.trigger()
    assert synced.args[0].rows == 0
    assert window.sync_action.shortcut().toString() == "F5"
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_outage_shows_offline_and_recovery_catches_up(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    status = window.findChild(QLabel, "connectionStatus")
    qtbot.waitUntil(lambda: "Online" in status.text())
    sqlite_province.stop()
    with qtbot.waitSignal(counter.sync.failed, timeout=SYNC_TIMEOUT):
        window.sync_action.trigger()
    assert "Offline" in status.text()
    hits = search(qtbot, window, "张")  # the cache still answers
    assert hits
    sqlite_province.start()
    with qtbot.waitSignal(counter.sync.synced, timeout=SYNC_TIMEOUT):
        pass  # the ping notices the link is back and syncs by itself
    qtbot.waitUntil(lambda: "Online" in status.text())


def test_ctrl_f_brings_the_cursor_back_to_the_search_box(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    window = sign_in(qtbot, counter, sqlite_province)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    box = window.findChild(QLineEdit, "searchBox")
    table = window.findChild(QTableView, "searchResults")
    search(qtbot, window, "张")
    qtbot.keyClick(box, Qt.Key.Key_Down)  # into the results
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(box.hasFocus)
    assert box.selectedText() == "张"
