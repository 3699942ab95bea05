"""Signing in while the province cannot be reached (issue 10, point 1): only someone who
signed in online on this counter before, against the verifier the province gave then (kept
in the keyring, never the password); checked again by the province when the link returns."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from counter_app import auth
from counter_app.credentials import Credentials
from province_api.embedded import EmbeddedServer
from province_api.models import Staff
from tests.test_payments_flow import server
from tests.test_ui_counter import fill_login, sign_in
from ui.app import CounterApp
from ui.main_window import MainWindow


def test_offline_sign_in_right_wrong_never_seen_and_disabled_meanwhile(
    sqlite_province: EmbeddedServer,
) -> None:
    url = sqlite_province.url
    creds = Credentials()
    online = auth.sign_in(creds, url, "H001", "C01", "H001-C01", "demo")
    assert not online.offline
    kept = creds.get(auth.offline_key(url, "H001-C01"))
    assert kept is not None and "demo" not in kept  # a slow salted hash, not the password

    sqlite_province.stop()
    signed = auth.sign_in(creds, url, "H001", "C01", "h001-c01", "demo")
    assert signed.offline and signed.staff_id == online.staff_id and signed.name == online.name
    with pytest.raises(auth.SignInRefused) as wrong:
        auth.sign_in(creds, url, "H001", "C01", "H001-C01", "guess")
    assert str(wrong.value) == auth.WRONG_OFFLINE
    with pytest.raises(auth.SignInRefused) as stranger:  # never signed in on this counter
        auth.sign_in(creds, url, "H001", "C01", "H001-C02", "demo")
    assert str(stranger.value) == auth.NEVER_HERE
    with pytest.raises(auth.SignInRefused):  # another counter id: not this counter's
        auth.sign_in(creds, url, "H001", "C09", "H001-C01", "demo")

    # The link is back: the province checks the person again and gives a token.
    sqlite_province.start()
    creds.delete(online.token_key)
    again = auth.revalidate(creds, signed)
    assert not again.offline and creds.get(again.token_key)

    # Disabled while the link was down: signed out when it returns.
    sqlite_province.stop()
    signed = auth.sign_in(creds, url, "H001", "C01", "H001-C01", "demo")
    with server(sqlite_province) as s:
        s.execute(update(Staff).where(Staff.staff_no == "H001-C01").values(active=False))
        s.commit()
    sqlite_province.start()
    with pytest.raises(auth.SignInRefused) as gone:
        auth.revalidate(creds, signed)
    assert str(gone.value) == auth.NO_LONGER


def test_the_app_opens_on_its_cache_with_the_province_down_and_is_confirmed_later(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    first = sign_in(qtbot, counter, sqlite_province)
    assert "offline" not in first.who_label.text()
    counter.confirm_sign_out()
    sqlite_province.stop()
    with qtbot.waitSignal(counter.window_ready, timeout=20_000) as ready:
        fill_login(qtbot, counter, sqlite_province.url)
    window: MainWindow = ready.args[0]
    assert window.signed.offline and "signed in offline" in window.who_label.text()
    window.search.box.setText("张")  # the cache answers, the province is not needed
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10_000)
    sqlite_province.start()
    qtbot.waitUntil(lambda: not window.signed.offline, timeout=20_000)
    assert "offline" not in window.who_label.text()
