"""The card terminal behind a small interface a real device can fill, and its simulator.

A real terminal (a bank's POS on a serial port or over the LAN) implements `CardTerminal`:
`charge` blocks until the cardholder has paid, declined, or the terminal gave up;
`last_transaction` tells what the terminal itself last did (it keeps that through a power
cut), which is how a charge the counter stopped in the middle of is settled.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from local_cache.private_files import write_private


class CardDeclined(Exception):
    """The card or the bank said no; nothing was charged."""


class CardTimeout(Exception):
    """The terminal gave no answer in time; nothing was charged (the terminal reverses)."""


@dataclass(frozen=True)
class CardApproval:
    reference: str  # the terminal's trace/auth number, printed on the receipt
    card_masked: str


@dataclass(frozen=True)
class TerminalRecord:
    """The terminal's own record of its last transaction."""

    payment_id: str  # what the counter sent with the charge (the terminal's order number)
    amount_fen: int
    approved: bool
    reference: str = ""
    card_masked: str = ""

    def approval(self) -> CardApproval:
        return CardApproval(self.reference, self.card_masked)


class CardTerminal(Protocol):
    name: str

    def charge(self, amount_fen: int, payment_id: str, timeout_s: float = 60.0) -> CardApproval: ...

    def last_transaction(self) -> TerminalRecord | None: ...


class SimulatedCardTerminal:
    """Ships with the app for training and tests: `mode` is approve, decline or timeout, or
    hang (the card is charged, the answer never comes back: a fault test kills the counter
    then). With `state_file` its last transaction outlives the process, as a real one's."""

    MODES = ("approve", "decline", "timeout", "hang")

    def __init__(
        self, mode: str = "approve", delay_s: float = 0.2, state_file: Path | None = None
    ) -> None:
        if mode not in self.MODES:
            raise ValueError(f"card simulator mode must be one of {self.MODES}")
        self.mode = mode
        self.delay_s = delay_s
        self.state_file = state_file
        self._last: TerminalRecord | None = None
        self.name = f"simulator ({mode})"

    def charge(self, amount_fen: int, payment_id: str, timeout_s: float = 60.0) -> CardApproval:
        time.sleep(min(self.delay_s, timeout_s))
        if self.mode == "timeout":
            raise CardTimeout("the terminal did not answer (simulated)")
        if self.mode == "decline":
            self._remember(TerminalRecord(payment_id, amount_fen, approved=False))
            raise CardDeclined("declined by the issuing bank (simulated)")
        auth = hashlib.sha256(payment_id.encode()).hexdigest()[:6].upper()
        approval = CardApproval(reference=f"AUTH {auth}", card_masked="6222 **** **** 0188")
        self._remember(TerminalRecord(payment_id, amount_fen, True, *asdict(approval).values()))
        while self.mode == "hang":
            time.sleep(3600)
        return approval

    def last_transaction(self) -> TerminalRecord | None:
        if self.state_file is not None and self.state_file.exists():
            return TerminalRecord(**json.loads(self.state_file.read_text(encoding="utf-8")))
        return self._last

    def _remember(self, record: TerminalRecord) -> None:
        self._last = record
        if self.state_file is not None:
            write_private(self.state_file, json.dumps(asdict(record)).encode("utf-8"))


def make_terminal(setting: str, state_dir: Path | None = None) -> CardTerminal:
    """`simulator` / `simulator:decline` / `simulator:timeout` (real drivers plug in here);
    the simulator keeps its last transaction in `state_dir`, as a real terminal would."""
    kind, _, mode = setting.partition(":")
    if kind == "simulator":
        state = state_dir / "card-simulator.json" if state_dir is not None else None
        return SimulatedCardTerminal(mode or "approve", state_file=state)
    raise ValueError(f"unknown card terminal {setting!r}")
