"""The banner follows a real cut of the link (issue 10, point 2): a fault-injecting proxy
between the counter and the province cuts it, and mends it."""

from __future__ import annotations

from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from province_api.embedded import EmbeddedServer
from tests.support.fault_proxy import FaultProxy
from tests.test_ui_counter import sign_in
from ui.app import CounterApp


@dataclass
class Through:
    url: str  # what the counter is told the province's address is


def test_the_banner_comes_when_the_proxy_cuts_the_link_and_goes_when_it_is_back(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        window = sign_in(qtbot, counter, Through(proxy.url))  # type: ignore[arg-type]
        assert not window.banner.isVisible()
        proxy.cut = True
        window.sync.sync_now()
        qtbot.waitUntil(window.banner.isVisible, timeout=20_000)
        assert "OFFLINE" in window.banner.text() and "card and QR" in window.banner.text()
        assert window.session is not None and not window.session.link.online
        proxy.cut = False
        window.sync.sync_now()
        qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=20_000)
        assert window.session.link.online
