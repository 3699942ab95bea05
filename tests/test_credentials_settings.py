"""Secrets in the keyring only; settings typed, versioned and free of secrets."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from counter_app import settings as settings_mod
from counter_app.credentials import Credentials
from counter_app.settings import AppPaths, Settings
from tests.support.memory_keyring import MemoryKeyring


def test_tokens_go_to_the_keyring(memory_keyring: MemoryKeyring) -> None:
    creds = Credentials()
    assert creds.warning is None
    creds.set("token:x", "secret")
    assert memory_keyring.store[("counter", "token:x")] == "secret"
    assert creds.get("token:x") == "secret"
    creds.delete("token:x")
    assert creds.get("token:x") is None
    creds.delete("token:x")  # deleting twice is fine


def test_no_keyring_warns_and_keeps_nothing_on_disk(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    creds = Credentials()
    assert creds.warning and "memory" in creds.warning
    creds.set("token:x", "secret")
    assert creds.get("token:x") == "secret"  # for this run only
    assert Credentials().get("token:x") is None  # a restart has forgotten it


def test_a_keyring_that_breaks_later_falls_back_visibly() -> None:
    class Locked(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.KeyringLocked("locked")

    keyring.set_keyring(Locked())
    creds = Credentials()
    assert creds.warning is None
    creds.set("k", "v")
    assert creds.warning and creds.get("k") == "v"


def test_settings_round_trip_and_upgrade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = AppPaths.under(tmp_path)
    assert settings_mod.load(paths) == Settings()
    s = Settings(server_url="http://x:1", hall_code="H001", counter_id="C01")
    settings_mod.save(paths, s)
    assert settings_mod.load(paths) == s and s.configured
    assert "token" not in paths.settings_file.read_text()

    raw = json.loads(paths.settings_file.read_text())
    raw["version"] = 0
    raw["sync_seconds"] = 45
    paths.settings_file.write_text(json.dumps(raw))

    def upgrade_0(old: dict) -> dict:
        return {**old, "sync_interval_s": old.pop("sync_seconds")}

    monkeypatch.setitem(settings_mod.UPGRADES, 0, upgrade_0)
    upgraded = settings_mod.load(paths)
    assert upgraded.sync_interval_s == 45 and upgraded.version == settings_mod.SETTINGS_VERSION


def test_unreadable_settings_start_from_defaults(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("{broken")
    assert settings_mod.load(paths) == Settings()
