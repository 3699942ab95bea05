"""Money at the counter: integer fen (分) everywhere, formatted only at the edge.

Nothing here touches a float. Amounts are ``int`` numbers of fen; ``bool`` is refused
even though it is an ``int`` subclass, because ``True`` fen is always a bug.

Chinese capitals (大写金额)
--------------------------
:func:`to_chinese_capital` follows the People's Bank of China rules for writing amounts on
payment documents (《支付结算办法》附件 "正确填写票据和结算凭证的基本规定"). Where the
rules leave a choice, Counter takes the form that is hardest to alter and always the same:

* **壹拾 everywhere.** A 拾 is always preceded by its digit, at the start of an amount
  too: ¥10.00 → 壹拾元整, ¥15.00 → 壹拾伍元整, ¥105,000.00 → 壹拾万伍仟元整,
  ¥10,010.00 → 壹万零壹拾元整. (The rules allow a bare 拾 at the start for 10–19;
  a bare 拾 invites a digit written in front of it.)
* **One 零 per run of zeros** in the middle of the 元 part, across 万 and 亿 too:
  ¥1,004.00 → 壹仟零肆元整, ¥1,010,101.00 → 壹佰零壹万零壹佰零壹元整,
  ¥100,050,000.00 → 壹亿零伍万元整. Zeros at the end of a 万 or 亿 group are carried by
  the unit and get no 零: ¥1,000,000.00 → 壹佰万元整.
* **零 after 元** whenever there is something in front of 元 and either
  - the 元 digit is 0 and 角 is not (the rules allow writing it or leaving it out; we
    always write it): ¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分, ¥200,000,000.30 →
    贰亿元零叁角整; or
  - 角 is 0 and 分 is not (the rules require it): ¥100.05 → 壹佰元零伍分.
  There is never more than one 零 in a row.
* **Less than one 元** starts at the first non-zero unit: ¥0.05 → 伍分, ¥0.50 → 伍角整.
  Zero is 零元整.
* **整** follows 元 when there is no 角 or 分, and follows 角 when there is no 分; an amount
  ending in 分 gets no 整. So every result ends in 整 or 分.
* Negative amounts get a leading 负 (¥-12.30 → 负壹拾贰元叁角整).

The largest amount is :data:`MAX_FEN` (¥9,999,999,999,999.99); beyond it is ValueError.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

MAX_FEN = 999_999_999_999_999
"""¥9,999,999,999,999.99: the largest amount (either sign) money functions accept."""

DENOMINATIONS_FEN: tuple[int, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
"""Cash denominations counted at a till: ¥100, 50, 20, 10, 5, 1, 0.5, 0.1."""

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("仟", "佰", "拾", "")  # for the four digits of one group, highest first


class ShortTender(ValueError):
    """The customer handed over less than the amount due."""

    def __init__(self, amount_fen: int, tendered_fen: int) -> None:
        self.amount_fen = amount_fen
        self.tendered_fen = tendered_fen
        self.missing_fen = amount_fen - tendered_fen
        super().__init__(amount_fen, tendered_fen)

    def __str__(self) -> str:
        return f"tendered amount is short by {format_yuan(self.missing_fen)}"


def _check_fen(value: object, name: str = "amount_fen") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int number of fen, not {type(value).__name__}")
    if abs(value) > MAX_FEN:
        raise ValueError(f"{name} is beyond {format_yuan(MAX_FEN)}")
    return value


def _check_non_negative(value: object, name: str) -> int:
    amount = _check_fen(value, name)
    if amount < 0:
        raise ValueError(f"{name} must not be negative")
    return amount


# ---------------------------------------------------------------------------- capitals


def _group_capital(n: int) -> str:
    """1..9999 in capitals with one 零 per inner run of zeros and none at the end."""
    text = []
    pending_zero = False
    for digit, unit in zip(f"{n:04d}", _SMALL_UNITS, strict=True):
        if digit == "0":
            pending_zero = bool(text)
            continue
        if pending_zero:
            text.append("零")
            pending_zero = False
        text.append(_DIGITS[int(digit)] + unit)
    return "".join(text)


def _integer_capital(n: int) -> str:
    """A positive whole number of 元 in capitals (亿 recurses, so 万亿 works)."""
    if n >= 100_000_000:
        high, low = divmod(n, 100_000_000)
        text = _integer_capital(high) + "亿"
        if low:
            text += ("零" if low < 10_000_000 else "") + _integer_capital(low)
        return text
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        text = _group_capital(high) + "万"
        if low:
            text += ("零" if low < 1_000 else "") + _group_capital(low)
        return text
    return _group_capital(n)


def to_chinese_capital(amount_fen: int) -> str:
    """The amount in Chinese capitals, as written on payment documents (see module doc).

    >>> to_chinese_capital(123450)
    '壹仟贰佰叁拾肆元伍角整'
    >>> to_chinese_capital(168032)
    '壹仟陆佰捌拾元零叁角贰分'
    """
    amount = _check_fen(amount_fen)
    if amount == 0:
        return "零元整"
    sign = "负" if amount < 0 else ""
    yuan, rest = divmod(abs(amount), 100)
    jiao, fen = divmod(rest, 10)

    text = ""
    if yuan:
        text = _integer_capital(yuan) + "元"
        if (yuan % 10 == 0 and jiao) or (jiao == 0 and fen):
            text += "零"
    if jiao:
        text += _DIGITS[jiao] + "角"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return sign + text


# ------------------------------------------------------------------------- figures


def format_yuan(amount_fen: int) -> str:
    """123450 → '¥1,234.50'; -123450 → '-¥1,234.50'."""
    amount = _check_fen(amount_fen)
    yuan, fen = divmod(abs(amount), 100)
    return f"{'-' if amount < 0 else ''}¥{yuan:,}.{fen:02d}"


_PLAIN = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)


def parse_yuan(text: str) -> int:
    """Fen from what a clerk typed: '12', '12.3', '12.30', '¥1,234.50', ' 0.5 '.

    Full-width digits, '￥' and '，' are accepted (NFKC). Raises ValueError with a fixed
    English sentence naming the problem: empty, negative, letters or other characters,
    misplaced thousands separators, more than two decimals, or beyond :data:`MAX_FEN`.
    """
    if not isinstance(text, str):
        raise TypeError(f"amount text must be str, not {type(text).__name__}")
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        raise ValueError("The amount is empty.")
    if value.startswith("-") or value.startswith("−"):
        raise ValueError("The amount must not be negative.")
    if value[0] == "¥":
        value = value[1:].strip()
        if value.startswith("-"):
            raise ValueError("The amount must not be negative.")
    if not value:
        raise ValueError("The amount is empty.")
    if any(ch.isalpha() for ch in value):
        raise ValueError("The amount must contain only digits and one decimal point.")
    if not (_PLAIN.fullmatch(value) or _GROUPED.fullmatch(value)):
        if "," in value:
            raise ValueError("The amount has misplaced thousands separators.")
        raise ValueError("The amount must contain only digits and one decimal point.")
    whole, _, decimals = value.replace(",", "").partition(".")
    if len(decimals) > 2:
        raise ValueError("The amount has more than two decimal places.")
    fen = int(whole) * 100 + int(decimals.ljust(2, "0"))
    if fen > MAX_FEN:
        raise ValueError("The amount is too large.")
    return fen


# ---------------------------------------------------------------------------- cash


def count_total(counts: Mapping[int, int]) -> int:
    """Total fen of a till count {denomination_fen: number of notes or coins}."""
    total = 0
    for denomination, count in counts.items():
        if (
            isinstance(denomination, bool)
            or not isinstance(denomination, int)
            or denomination not in DENOMINATIONS_FEN
        ):
            raise ValueError(f"{denomination!r} fen is not a cash denomination")
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"the count of {format_yuan(denomination)} must be an int")
        if count < 0:
            raise ValueError(f"the count of {format_yuan(denomination)} must not be negative")
        total += denomination * count
    return _check_fen(total, "total")


def change_due(amount_fen: int, tendered_fen: int) -> int:
    """The change to hand back; :class:`ShortTender` when tendered < amount."""
    amount = _check_non_negative(amount_fen, "amount_fen")
    tendered = _check_non_negative(tendered_fen, "tendered_fen")
    if tendered < amount:
        raise ShortTender(amount, tendered)
    return tendered - amount


def allocate_oldest_first(
    amount_fen: int, owed: Sequence[tuple[str, int]]
) -> tuple[list[tuple[str, int]], int]:
    """Spread a payment over bills, oldest first.

    ``owed`` is ``(bill_id, owed_fen)`` oldest first. Returns the ``(bill_id, applied_fen)``
    allocations (only bills that receive something, in the same order) and what is left
    over, which is more than 0 only when the payment exceeds everything owed. A partial
    payment lands on the oldest bills and leaves the newest one partly open.
    """
    remaining = _check_non_negative(amount_fen, "amount_fen")
    bills = [
        (bill_id, _check_non_negative(fen, f"owed_fen of bill {bill_id}")) for bill_id, fen in owed
    ]
    allocations: list[tuple[str, int]] = []
    for bill_id, due in bills:
        applied = min(due, remaining)
        if applied:
            allocations.append((bill_id, applied))
            remaining -= applied
    return allocations, remaining
