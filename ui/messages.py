"""What the clerk reads when something goes wrong, in the clerk's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.api_client import ApiError, OfflineError
from counter_app.approvals import ApprovalRefused
from counter_app.devices.card_terminal import CardDeclined, CardTimeout
from counter_app.domain import hall_time
from counter_app.domain.validators import ValidationError
from counter_app.payments import PaymentRefused

CLERK_FACING = (PaymentRefused, ApprovalRefused)

PROBLEMS = {
    "bad-credentials": "The staff number or the password is wrong.",
    "wrong-hall": "This staff member does not work in this hall.",
    "unknown-hall": "There is no hall with this code.",
    "token-expired": "Your sign-in has expired. Sign in again.",
    "no-token": "Your sign-in has expired. Sign in again.",
    "stale-version": "Someone changed this record meanwhile. Reload it and try again.",
}


def describe(exc: BaseException) -> str:
    """One sentence for the clerk; the technical detail goes to the log, not the screen."""
    if isinstance(exc, ValidationError):
        return QCoreApplication.translate("ValidationError", exc.message)
    if isinstance(exc, CLERK_FACING):
        # Fixed English sentences from the core, translated like any other UI text.
        return QCoreApplication.translate("messages", str(exc))
    if isinstance(exc, CardDeclined):
        return QCoreApplication.translate(
            "messages",
            "The card was declined. Nothing was charged; ask for another card or another method.",
        )
    if isinstance(exc, CardTimeout):
        return QCoreApplication.translate(
            "messages", "The card terminal did not answer. Nothing was charged; try again."
        )
    if isinstance(exc, OfflineError):
        return QCoreApplication.translate(
            "messages", "Cannot reach the province server. Check the address and the network."
        )
    if isinstance(exc, ApiError):
        known = PROBLEMS.get(exc.problem)
        if known:
            return QCoreApplication.translate("messages", known)
        if exc.errors:
            return "; ".join(f"{e.get('field')}: {e.get('message')}" for e in exc.errors)
        return exc.detail
    return QCoreApplication.translate("messages", "Something went wrong: {error}").format(
        error=type(exc).__name__
    )


def field_of(exc: BaseException) -> str | None:
    """The input field an error is about, so the dialog can put the cursor there."""
    if isinstance(exc, ValidationError):
        return exc.field
    if isinstance(exc, ApiError) and exc.errors:
        return exc.errors[0].get("field")
    if isinstance(exc, ApiError) and exc.problem == "bad-credentials":
        return "password"
    return None


_hall_zone = hall_time.DEFAULT_ZONE


def set_hall_zone(name: str) -> None:
    """The hall's time zone (from the province at sign-in) for every time on screen."""
    global _hall_zone
    _hall_zone = name or hall_time.DEFAULT_ZONE


def local_time(iso: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time as the hall's clock shows it (not the computer's zone)."""
    return hall_time.local_text(iso, fmt, _hall_zone)


def money(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100:,}.{fen % 100:02d}"
