"""Password hashes and the offline verifier, shared by the server and the counter.

The server keeps a scrypt hash for sign-in. It also hands each hall an *offline verifier*
(PBKDF2-SHA256 with its own salt) so that a counter can check a password while the link is
down, without ever holding the server's hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
PBKDF2_ITERATIONS = 120_000


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


def make_offline_verifier(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return f"pbkdf2_sha256${PBKDF2_ITERATIONS}${_b64(salt)}${_b64(digest)}"


def check_offline_verifier(password: str, verifier: str) -> bool:
    try:
        scheme, iterations, salt, digest = verifier.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    got = hashlib.pbkdf2_hmac("sha256", password.encode(), _unb64(salt), int(iterations))
    return hmac.compare_digest(got, _unb64(digest))


def new_salt() -> str:
    return _b64(os.urandom(16))


def approval_key(password: str, salt: str) -> str:
    """The key a supervisor's offline approvals are signed with. The province keeps it; a
    counter can only make it from the typed password (the cache holds just the salt)."""
    return hashlib.pbkdf2_hmac("sha256", password.encode(), _unb64(salt), PBKDF2_ITERATIONS).hex()


def approval_proof(key_hex: str, action: str, target_id: str) -> str:
    """Proof that whoever typed the password approved this action on this thing."""
    message = f"{action}|{target_id}".encode()
    return hmac.new(bytes.fromhex(key_hex), message, hashlib.sha256).hexdigest()


def check_approval_proof(key_hex: str, action: str, target_id: str, proof: str) -> bool:
    return hmac.compare_digest(approval_proof(key_hex, action, target_id), proof or "")
