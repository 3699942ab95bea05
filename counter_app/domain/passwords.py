"""Password hashes and the offline verifier, shared by the server and the counter.

The server keeps a scrypt hash for sign-in (guesses at it are throttled there). It also
hands each hall an *offline verifier*, so that a counter can check a password while the
link is down. Every counter of the hall holds every verifier, so a clerk can take them
home and guess at leisure: a verifier therefore costs a memory-hard hash a guess (argon2id,
256 MiB and about 0.7 s on a counter's two cores), and a supervisor's password must be one
that no list of common passwords holds (`province_api.password_rules`).

The same argon2id output gives the *approval key*, which only the province keeps: an
offline approval is an HMAC with it over what was approved. A counter makes it from the
typed password when the verifier says the password is right; it never stores it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
VERIFIER_SCHEME = "argon2id"


@dataclass(frozen=True)
class Cost:
    """argon2id's parameters: memory in KiB, passes, lanes."""

    memory_kib: int
    passes: int
    lanes: int = 1


# One guess at least 0.5 s on this kind of machine (bench/password_cost.py measures it).
# Verifiers cheaper than this are refused when checked, not only never made.
FULL_COST = Cost(memory_kib=256 * 1024, passes=2)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(
        password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(got, _unb64(digest))


def _stretch(password: str, salt: bytes, cost: Cost) -> bytes:
    return hash_secret_raw(
        password.encode(),
        salt,
        time_cost=cost.passes,
        memory_cost=cost.memory_kib,
        parallelism=cost.lanes,
        hash_len=32,
        type=Type.ID,
    )


def _tag(stretched: bytes, purpose: bytes) -> bytes:
    return hmac.new(stretched, purpose, hashlib.sha256).digest()


@dataclass(frozen=True)
class OfflineSecrets:
    verifier: str  # served to the hall's counters
    salt: str  # served too (a counter knows offline approvals work for this person)
    approval_key: str  # kept by the province only


def make_offline_secrets(password: str, cost: Cost = FULL_COST) -> OfflineSecrets:
    salt = os.urandom(16)
    stretched = _stretch(password, salt, cost)
    verifier = (
        f"{VERIFIER_SCHEME}$m={cost.memory_kib},t={cost.passes},p={cost.lanes}"
        f"${_b64(salt)}${_b64(_tag(stretched, b'verify'))}"
    )
    return OfflineSecrets(verifier, _b64(salt), _tag(stretched, b"approve").hex())


def make_offline_verifier(password: str) -> str:
    return make_offline_secrets(password).verifier


def _parse(verifier: str) -> tuple[Cost, bytes, bytes] | None:
    try:
        scheme, params, salt, digest = verifier.split("$")
        values = dict(part.split("=") for part in params.split(","))
        cost = Cost(int(values["m"]), int(values["t"]), int(values["p"]))
        raw_salt, raw_digest = _unb64(salt), _unb64(digest)
    except (ValueError, KeyError):
        return None
    if scheme != VERIFIER_SCHEME or cost.memory_kib < FULL_COST.memory_kib or cost.lanes > 8:
        return None  # an old PBKDF2 verifier, or one someone made cheap
    if cost.memory_kib > 4 * FULL_COST.memory_kib or cost.passes > 10 or len(raw_salt) < 16:
        return None  # more than a counter can afford: not one the province made
    return cost, raw_salt, raw_digest


def unlock_approval_key(password: str, verifier: str) -> str | None:
    """The approval key when `password` is right for `verifier`, else None (one hash)."""
    parsed = _parse(verifier)
    if parsed is None:
        return None
    cost, salt, digest = parsed
    stretched = _stretch(password, salt, cost)
    if not hmac.compare_digest(_tag(stretched, b"verify"), digest):
        return None
    return _tag(stretched, b"approve").hex()


def check_offline_verifier(password: str, verifier: str) -> bool:
    return unlock_approval_key(password, verifier) is not None


def verifier_is_current(verifier: str) -> bool:
    """Made with today's scheme and at least today's cost (else remade at the next
    sign-in, when the province has the password in hand)."""
    parsed = _parse(verifier)
    if parsed is None:
        return False
    return parsed[0].passes >= FULL_COST.passes


def approval_proof(key_hex: str, action: str, target_id: str) -> str:
    """Proof that whoever typed the password approved this action on this thing."""
    message = f"{action}|{target_id}".encode()
    return hmac.new(bytes.fromhex(key_hex), message, hashlib.sha256).hexdigest()


def check_approval_proof(key_hex: str, action: str, target_id: str, proof: str) -> bool:
    return hmac.compare_digest(approval_proof(key_hex, action, target_id), proof or "")
