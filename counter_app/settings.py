"""Typed settings of one counter, kept as JSON in the user's config folder.

Holds no secret: tokens go to the keyring (`credentials`). A settings file of an older
version is upgraded on load by the functions in `UPGRADES`.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

from local_cache import private_files

log = logging.getLogger(__name__)
APP_NAME = "counter"
SETTINGS_VERSION = 1


@dataclass
class Settings:
    server_url: str = ""
    hall_code: str = ""
    counter_id: str = ""
    last_staff_no: str = ""
    sync_interval_s: int = 30
    page_size: int = 5000
    # A first bootstrap of at least this many rows takes the province's snapshot instead of
    # the row feed (counter_app.sync.engine); -1: always the feed.
    snapshot_min_rows: int = 20_000
    language: str = "zh_CN"
    card_terminal: str = "simulator"
    id_reader: str = "simulator"  # the ID card reader: simulator | simulator:none
    printer_name: str = ""  # empty: receipts are saved as PDF files only
    receipt_layout: str = "roll80"  # roll80 | a5
    # A PEM file of the CA certificates the province's https certificate is signed by
    # (empty: the system's CAs). Set by the administrator with the province's address.
    ca_bundle: str = ""
    # The cache and its journal encrypted at rest, the key in the keyring ("keyring"), or
    # "off": the administrator accepted an unencrypted cache on this computer, which has no
    # working keyring (counter_app.cache_key). Never the key itself.
    cache_encryption: str = "keyring"
    # Top-up limits and the shift-variance threshold are the province's policy now
    # (counter_app.policy); an older settings file's values for them are ignored.
    version: int = SETTINGS_VERSION

    @property
    def configured(self) -> bool:
        return bool(self.server_url and self.hall_code and self.counter_id)


# version n -> function upgrading a dict of version n to n + 1
UPGRADES: dict[int, Any] = {}


@dataclass(frozen=True)
class AppPaths:
    """Where this counter keeps its settings and its cache; one folder in tests and demos."""

    config_dir: Path
    data_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        home = os.environ.get("COUNTER_HOME")
        if home:
            return cls.under(Path(home))
        return cls(
            Path(platformdirs.user_config_dir(APP_NAME)), Path(platformdirs.user_data_dir(APP_NAME))
        )

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        return cls(root / "config", root / "data")

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def cache_file(self) -> Path:
        return self.data_dir / "cache.db"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "counter.log"

    def make_private(self) -> None:
        """At start: both folders, and all in them, the user's alone (folders 0700, files
        0600), whatever an older Counter or a loose umask left; made if missing."""
        for folder in (self.config_dir, self.data_dir):
            private_files.private_dir(folder)
            private_files.tighten_tree(folder)


def load(paths: AppPaths) -> Settings:
    try:
        raw = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings unreadable (%s); starting from defaults", exc)
        return Settings()
    version = int(raw.get("version", 1))
    while version < SETTINGS_VERSION:
        raw = UPGRADES[version](raw)
        version += 1
    raw["version"] = SETTINGS_VERSION
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in raw.items() if k in known})


def save(paths: AppPaths, settings: Settings) -> None:
    private_files.private_dir(paths.config_dir)
    text = json.dumps(asdict(settings), indent=2, ensure_ascii=False)
    private_files.write_private(paths.settings_file, text.encode("utf-8"))
