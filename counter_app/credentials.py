"""Secrets (sign-in tokens) in the OS keyring, behind a small interface.

When no keyring works the secret is kept in memory for this run only and `warning` says so,
for the UI to show: never a silent plaintext file. Call these off the GUI thread; a locked
keyring can block.
"""

from __future__ import annotations

import contextlib
import logging
import threading

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)
SERVICE = "counter"
# Backends that would write the secret in plaintext or cannot store at all.
_REFUSED = ("PlaintextKeyring", "fail.Keyring", "null.Keyring", "EncryptedKeyring")


class KeyringUnavailable(Exception):
    """No keyring keeps the secret (none works here, or it refused or could not be read)."""


class Credentials:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._memory: dict[str, str] = {}
        self._held: dict[str, str] = {}  # this process's memory only, never written anywhere
        self._lock = threading.Lock()
        self.warning: str | None = None
        backend = keyring.get_keyring()
        if _refused(backend):
            self.warning = (
                f"No usable keyring ({self.backend_name}); the sign-in is kept in memory "
                "only and must be repeated after a restart."
            )

    @property
    def backend_name(self) -> str:
        backend = keyring.get_keyring()
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def set(self, key: str, secret: str) -> None:
        with self._lock:
            if self.warning is None:
                try:
                    keyring.set_password(self.service, key, secret)
                    self._memory.pop(key, None)
                    return
                except keyring.errors.KeyringError as exc:
                    self.warning = (
                        f"The keyring refused to store the sign-in ({type(exc).__name__}); "
                        "it is kept in memory only."
                    )
                    log.warning("keyring unavailable: %s", type(exc).__name__)
            self._memory[key] = secret

    def get(self, key: str) -> str | None:
        with self._lock:
            if key in self._memory:
                return self._memory[key]
            if self.warning is not None:
                return None
            try:
                return keyring.get_password(self.service, key)
            except keyring.errors.KeyringError:
                return None

    def stored(self, key: str) -> str | None:
        """The secret as the keyring holds it (None: it holds none), never one kept in
        memory. Raises KeyringUnavailable when there is no usable keyring or it cannot be
        read (a locked one), so that "cannot tell" is never taken for "none yet"."""
        with self._lock:
            if self.warning is not None:
                raise KeyringUnavailable(self.warning)
            try:
                return keyring.get_password(self.service, key)
            except keyring.errors.KeyringError as exc:
                raise KeyringUnavailable(type(exc).__name__) from exc

    def store(self, key: str, secret: str) -> None:
        """Into the keyring, or KeyringUnavailable: never kept in memory instead (a secret
        that must outlive this run, such as the cache's key)."""
        with self._lock:
            if self.warning is not None:
                raise KeyringUnavailable(self.warning)
            try:
                keyring.set_password(self.service, key, secret)
            except keyring.errors.KeyringError as exc:
                raise KeyringUnavailable(type(exc).__name__) from exc

    def hold(self, key: str, secret: str) -> None:
        """Keep `secret` in this process's memory only (an offline sign-in's password, until
        the province has seen it again)."""
        with self._lock:
            self._held[key] = secret

    def take(self, key: str) -> str | None:
        """The held secret, forgotten as it is handed over."""
        with self._lock:
            return self._held.pop(key, None)

    def delete(self, key: str) -> None:
        with self._lock:
            self._memory.pop(key, None)
            if self.warning is not None:
                return
            with contextlib.suppress(keyring.errors.KeyringError):
                keyring.delete_password(self.service, key)


def _refused(backend: KeyringBackend) -> bool:
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if any(part in name for part in _REFUSED):
        return True
    try:
        return float(backend.priority) <= 0  # type: ignore[arg-type]
    except Exception:  # a backend whose priority cannot be read is not one to trust
        return True
