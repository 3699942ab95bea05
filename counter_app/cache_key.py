"""The key that encrypts this counter's cache and journal (SQLCipher: local_cache.cipher).

32 random bytes, made at the first start and kept in the OS keyring only, under a fixed name
for the data folder: never in the settings, a file or a log. Where no keyring works, a key
made now would live in memory and be gone at the next start, and with it the journal (what
waits to be sent): so none is made. The counter refuses to open its cache and says so, and
the administrator chooses: set up a keyring, or accept an unencrypted cache on this
computer with the setting `cache_encryption` = "off".
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from pathlib import Path

from counter_app.credentials import Credentials, KeyringUnavailable
from local_cache.cipher import KEY_BYTES

log = logging.getLogger(__name__)

SETTING = "cache_encryption"  # the field of counter_app.settings.Settings
KEYRING = "keyring"  # the default: encrypted, the key in the keyring
OFF = "off"  # the administrator accepted an unencrypted cache on this computer


class NoKeyringForCache(Exception):
    """No keyring can keep the cache's key, and the administrator has not chosen "off"."""

    def __init__(self, why: str) -> None:
        super().__init__(f"no keyring can keep the cache's key ({why}); set {SETTING} to {OFF!r}")
        self.why = why


class CacheEncryptedButOff(Exception):
    """`cache_encryption` is "off", but the cache in the data folder is encrypted."""


def key_name(data_dir: Path) -> str:
    """The keyring entry of the cache in `data_dir` (one key per data folder)."""
    folder = str(Path(data_dir).resolve())
    return "cache-key:" + hashlib.sha256(folder.encode("utf-8")).hexdigest()[:16]


def cache_key(creds: Credentials, data_dir: Path, choice: str = KEYRING) -> bytes | None:
    """The cache's key from the keyring, made there at the first start; None when the
    administrator chose "off". Raises NoKeyringForCache when no keyring can keep it. Reads
    the keyring: call off the GUI thread (at start, before any window)."""
    if choice == OFF:
        return None
    if choice != KEYRING:
        log.warning("%s=%r is not known; the cache is encrypted (%r)", SETTING, choice, KEYRING)
    name = key_name(data_dir)
    try:
        text = creds.stored(name)
        if text is None:
            made = secrets.token_hex(KEY_BYTES)
            creds.store(name, made)
            text = creds.stored(name)  # what the keyring really kept
            if text != made:
                raise NoKeyringForCache("the keyring did not keep the key")
            log.info("a new cache key was made in the keyring (%s)", creds.backend_name)
    except KeyringUnavailable as exc:
        raise NoKeyringForCache(str(exc)) from exc
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:  # not one of ours: never replaced (it may be a person's doing)
        raise NoKeyringForCache(f"the keyring's entry {name} is not a cache key")
    return key
