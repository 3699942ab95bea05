"""How a payment's kind, method and state read on every screen: worded once, so the 360°
view and the shift's list never disagree about the same payment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def kind_label(kind: str, amount_fen: int) -> str:
    if amount_fen < 0:
        return QCoreApplication.translate("payments", "void")
    return {
        "bill": QCoreApplication.translate("payments", "bill"),
        "topup": QCoreApplication.translate("payments", "top-up"),
    }.get(kind, kind)


def method_label(method: str) -> str:
    return {
        "cash": QCoreApplication.translate("payments", "cash"),
        "card": QCoreApplication.translate("payments", "card"),
        "qr": QCoreApplication.translate("payments", "QR"),
    }.get(method, method)


def state_label(status: str, sync_state: str) -> str:
    """Where the payment stands: the province's word first, then what the counter did."""
    if sync_state == "rejected":
        return QCoreApplication.translate("payments", "refused by the province")
    if sync_state == "unsaved":
        return QCoreApplication.translate("payments", "not sent: see the supervisor")
    if sync_state == "set_aside":
        return QCoreApplication.translate("payments", "set aside (not booked)")
    if status == "voided":
        return QCoreApplication.translate("payments", "voided")
    if status == "reversal":
        return QCoreApplication.translate("payments", "void slip")
    if sync_state == "pending":
        return QCoreApplication.translate("payments", "waiting to send")
    if sync_state == "unconfirmed":
        return QCoreApplication.translate("payments", "being confirmed")
    return QCoreApplication.translate("payments", "accepted")


def payment_state(p: dict[str, Any]) -> str:
    return state_label(p.get("status") or "", p.get("sync_state") or "")
