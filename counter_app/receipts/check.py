"""The check code printed on every receipt and carried in its QR code.

``check_code`` is the first 8 hex digits (upper case) of an HMAC-SHA256 over the receipt
number, the amount in fen and the payment time (UTC, to the second). Anyone holding the
key can tell a genuine receipt from an edited one; a customer cannot forge one by hand.

For now the key is a constant built into the app, so it only guards against casual
edits. The security pass will move it to the OS keyring, issued per province (and
rotatable, with a key id in the payload); callers only use :func:`check_code` and
:func:`qr_payload`, so that change stays inside this module.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

_APP_KEY = b"counter-receipt-check/v1"  # placeholder until the security pass (see above)


def _message(receipt_no: str, amount_fen: int, paid_at: datetime) -> bytes:
    if paid_at.utcoffset() is None:
        raise ValueError("paid_at must be timezone-aware")
    when = paid_at.astimezone(UTC).replace(microsecond=0).isoformat()
    return f"{receipt_no}|{amount_fen}|{when}".encode()


def check_code(receipt_no: str, amount_fen: int, paid_at: datetime) -> str:
    """8 upper-case hex characters, e.g. '3FA2C01B'."""
    digest = hmac.new(_APP_KEY, _message(receipt_no, amount_fen, paid_at), hashlib.sha256)
    return digest.hexdigest()[:8].upper()


def verify_check_code(code: str, receipt_no: str, amount_fen: int, paid_at: datetime) -> bool:
    return hmac.compare_digest(code.strip().upper(), check_code(receipt_no, amount_fen, paid_at))


def qr_payload(receipt_no: str, amount_fen: int, check: str) -> str:
    """What the receipt's QR code carries: ``receipt_no|amount_fen|check``."""
    return f"{receipt_no}|{amount_fen}|{check}"
