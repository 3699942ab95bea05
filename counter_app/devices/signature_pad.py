"""The customer's signature on a service form, behind a small interface a real pad fills.

The on-screen pad (ui.signature_pad) ships: the customer signs on the counter's screen or a
pen tablet mirrored to it. A real pad (a USB signature tablet) implements `SignaturePad`
in a worker: `capture` blocks until the customer has signed or declined.
"""

from __future__ import annotations

from typing import Protocol

SCREEN = "screen"


class SignaturePad(Protocol):
    name: str

    def capture(self, prompt: str, timeout_s: float = 120.0) -> bytes | None:
        """The signature as PNG bytes, or None when the customer signs on paper instead."""
        ...
