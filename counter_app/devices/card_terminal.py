"""The card terminal behind a small interface a real device can fill, and its simulator.

A real terminal (a bank's POS on a serial port or over the LAN) implements `CardTerminal`:
`charge` blocks until the cardholder has paid, declined, or the terminal gave up.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Protocol


class CardDeclined(Exception):
    """The card or the bank said no; nothing was charged."""


class CardTimeout(Exception):
    """The terminal gave no answer in time; nothing was charged (the terminal reverses)."""


@dataclass(frozen=True)
class CardApproval:
    reference: str  # the terminal's trace/auth number, printed on the receipt
    card_masked: str


class CardTerminal(Protocol):
    name: str

    def charge(self, amount_fen: int, payment_id: str, timeout_s: float = 60.0) -> CardApproval: ...


class SimulatedCardTerminal:
    """Ships with the app for training and tests: `mode` is approve, decline or timeout."""

    MODES = ("approve", "decline", "timeout")

    def __init__(self, mode: str = "approve", delay_s: float = 0.2) -> None:
        if mode not in self.MODES:
            raise ValueError(f"card simulator mode must be one of {self.MODES}")
        self.mode = mode
        self.delay_s = delay_s
        self.name = f"simulator ({mode})"

    def charge(self, amount_fen: int, payment_id: str, timeout_s: float = 60.0) -> CardApproval:
        time.sleep(min(self.delay_s, timeout_s))
        if self.mode == "decline":
            raise CardDeclined("declined by the issuing bank (simulated)")
        if self.mode == "timeout":
            raise CardTimeout("the terminal did not answer (simulated)")
        auth = hashlib.sha256(payment_id.encode()).hexdigest()[:6].upper()
        return CardApproval(reference=f"AUTH {auth}", card_masked="6222 **** **** 0188")


def make_terminal(setting: str) -> CardTerminal:
    """`simulator` / `simulator:decline` / `simulator:timeout` (real drivers plug in here)."""
    kind, _, mode = setting.partition(":")
    if kind == "simulator":
        return SimulatedCardTerminal(mode or "approve")
    raise ValueError(f"unknown card terminal {setting!r}")
