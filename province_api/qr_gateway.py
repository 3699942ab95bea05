"""Stand-in for the payment gateway behind QR payments (a true external).

Payment codes are the 18-digit codes customers show in WeChat Pay (10–15…) or Alipay
(25–30…). This stand-in approves every well-formed code except those ending in 0000,
which it declines, so that a decline can be shown and tested. A province puts its real
gateway client behind `authorise`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class GatewayAnswer:
    approved: bool
    reference: str
    reason: str = ""


def valid_code(code: str) -> bool:
    return (
        len(code) == 18
        and code.isascii()
        and code.isdigit()
        and (10 <= int(code[:2]) <= 15 or 25 <= int(code[:2]) <= 30)
    )


def authorise(code: str, amount_fen: int, payment_id: str) -> GatewayAnswer:
    reference = "QR" + hashlib.sha256(f"{payment_id}:{code}".encode()).hexdigest()[:14].upper()
    if code.endswith("0000"):
        return GatewayAnswer(False, reference, "declined by the customer's wallet")
    return GatewayAnswer(True, reference)


def masked(code: str) -> str:
    return code[:4] + "*" * (len(code) - 8) + code[-4:]
