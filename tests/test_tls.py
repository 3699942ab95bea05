"""The province over https: a counter that trusts the province's CA (its settings' CA file)
signs in and pulls; one that does not refuses to talk to it, and does not fall back to an
offline sign-in on an impostor's word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from counter_app import api_client, auth
from counter_app.api_client import ApiClient, UntrustedProvince
from counter_app.credentials import Credentials
from counter_app.domain.validators import ValidationError
from province_api.embedded import EmbeddedServer
from tests.support import servers
from tests.support.servers import PASSWORD


@pytest.fixture
def https_province(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[EmbeddedServer, Path]]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file, ca_file = (tmp_path / n for n in ("cert.pem", "key.pem", "ca.pem"))
    cert.private_key_and_cert_chain_pem.write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    ca.cert_pem.write_to_path(str(ca_file))
    server = EmbeddedServer(
        servers.copy_sqlite(sqlite_template, tmp_path / "province.db"),
        ssl_certfile=str(cert_file),
        ssl_keyfile=str(key_file),
    )
    server.start()
    yield server, ca_file
    server.stop()
    server.app.state.engine.dispose()
    api_client.trust("")


def test_a_counter_trusting_the_provinces_ca_signs_in_over_https(
    https_province: tuple[EmbeddedServer, Path],
) -> None:
    server, ca_file = https_province
    assert server.url.startswith("https://")
    api_client.trust(str(ca_file))
    creds = Credentials()
    signed = auth.sign_in(creds, server.url, "H001", "C01", "H001-C01", PASSWORD)
    api = ApiClient(server.url, creds.get(signed.token_key))
    try:
        assert api.counts()["counts"]
    finally:
        api.close()


def test_an_untrusted_certificate_is_refused_and_no_offline_sign_in_follows(
    https_province: tuple[EmbeddedServer, Path],
) -> None:
    server, ca_file = https_province
    creds = Credentials()
    api_client.trust(str(ca_file))
    auth.sign_in(creds, server.url, "H001", "C01", "H001-C01", PASSWORD)  # one real sign-in
    api_client.trust("")  # the system's CAs do not know the province's
    with pytest.raises(UntrustedProvince):
        auth.sign_in(creds, server.url, "H001", "C01", "H001-C01", PASSWORD)


def test_a_ca_file_that_is_not_one_is_named(tmp_path: Path) -> None:
    not_pem = tmp_path / "ca.txt"
    not_pem.write_text("hello", encoding="utf-8")
    for path in (not_pem, tmp_path / "missing.pem"):
        with pytest.raises(ValidationError) as refused:
            api_client.trust(str(path))
        assert refused.value.field == "ca_bundle"
    api_client.trust("")


def test_the_sign_in_dialog_takes_the_ca_file_and_keeps_it(
    qtbot, counter, https_province: tuple[EmbeddedServer, Path]
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

    from counter_app.settings import load

    server, ca_file = https_province
    dialog = counter.show_login()

    def fill(ca: str) -> None:
        for name, value in (
            ("serverUrl", server.url),
            ("hallCode", "H001"),
            ("counterId", "C07"),
            ("caBundle", ca),
            ("staffNo", "H001-C01"),
            ("password", PASSWORD),
        ):
            edit = dialog.findChild(QLineEdit, name)
            edit.clear()
            qtbot.keyClicks(edit, value)
        qtbot.mouseClick(dialog.findChild(QPushButton, "signInButton"), Qt.MouseButton.LeftButton)

    fill("")
    error = dialog.findChild(QLabel, "loginError")
    qtbot.waitUntil(lambda: "certificate" in error.text(), timeout=20_000)
    assert dialog.findChild(QLineEdit, "caBundle").hasFocus()
    with qtbot.waitSignal(counter.window_ready, timeout=20_000):
        fill(str(ca_file))
    assert load(counter.paths).ca_bundle == str(ca_file)
