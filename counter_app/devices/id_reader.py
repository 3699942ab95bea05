"""The ID card reader (二代证读卡器) behind a small interface a real reader fills, and its
simulator. A real second-generation reader (on USB, via the vendor's SDK) implements
`IdReader`: `read` blocks until a card is on the reader or the time is up."""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from stdnum.cn import ric


class NoCard(Exception):
    """No card was placed on the reader in time (or it could not be read)."""


@dataclass(frozen=True)
class IdCard:
    name: str
    gender: str  # M / F
    birth_date: str  # ISO date
    id_number: str
    address: str
    photo: str | None = None  # base64 image, as the card holds it


class IdReader(Protocol):
    name: str

    def read(self, timeout_s: float = 10.0) -> IdCard: ...


# A 1×1 PNG: the simulator's "photo" (a real card gives a 102×126 JPEG).
_PHOTO = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a2a8a5a20000000049454e44ae426082"
    )
).decode()
_SURNAMES = "王李张刘陈杨黄赵吴周"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "杰")
_REGIONS = ("330106", "110101", "310104", "440305", "510107")


def _resident_id(rng: random.Random, born: date, male: bool) -> str:
    """A valid number: a region that existed in the birth year, and its check digit."""
    while True:
        seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
        body = f"{rng.choice(_REGIONS)}{born:%Y%m%d}{seq:03d}"
        number = body + ric.calc_check_digit(body + "0")  # it skips the last character
        if ric.is_valid(number):
            return number


class SimulatedIdReader:
    """Ships for training and tests: each read is a new, valid card of an adult (`none`:
    no card is placed). `place` puts a given card on it (a customer back for a new SIM)."""

    MODES = ("card", "none")

    def __init__(self, mode: str = "card", seed: int | None = None) -> None:
        if mode not in self.MODES:
            raise ValueError(f"ID reader simulator mode must be one of {self.MODES}")
        self.mode = mode
        self.name = f"simulator ({mode})"
        self._rng = random.Random(seed)
        self._placed: IdCard | None = None

    def place(self, card: IdCard) -> None:
        self._placed = card

    def read(self, timeout_s: float = 10.0) -> IdCard:
        if self.mode == "none":
            raise NoCard("No card on the reader: place the ID card on it.")
        if self._placed is not None:
            return self._placed
        rng = self._rng
        male = rng.random() < 0.5
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 40))
        return IdCard(
            name=rng.choice(_SURNAMES) + rng.choice(_GIVEN),
            gender="M" if male else "F",
            birth_date=born.isoformat(),
            id_number=_resident_id(rng, born, male),
            address=f"浙江省杭州市西湖区文三路{rng.randrange(1, 999)}号",
            photo=_PHOTO,
        )


def make_reader(setting: str) -> IdReader:
    """`simulator` / `simulator:none` (real readers plug in here)."""
    kind, _, mode = setting.partition(":")
    if kind == "simulator":
        return SimulatedIdReader(mode or "card")
    raise ValueError(f"unknown ID card reader {setting!r}")
