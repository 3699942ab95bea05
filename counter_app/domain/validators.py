"""Validation of the values a clerk types at the counter.

Every failure raises :class:`ValidationError` whose ``message`` is a fixed English
sentence chosen by (kind of value, code). No values are interpolated, so the UI can
use the message as a Qt translation key.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberType
from stdnum import luhn
from stdnum.cn import ric
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)


class ValidationError(ValueError):
    def __init__(self, field: str, code: str, message: str) -> None:
        # All three go to args so the exception survives pickling (e.g. across processes).
        super().__init__(field, code, message)
        self.field = field
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message

    def to_problem_error(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


_ID_MESSAGES = {
    "required": "Enter the resident ID number.",
    "legacy": "15-digit IDs are no longer valid; ask for the 18-digit ID.",
    "length": "The resident ID number must have 18 characters.",
    "format": "The resident ID number must be 17 digits followed by a digit or X.",
    "checksum": "The resident ID number's check digit is wrong; check for a typing error.",
    "birth_date": "The birth date in the resident ID number is not possible.",
    "region": "The region code in the resident ID number is not known.",
}

_MOBILE_MESSAGES = {
    "required": "Enter the mobile number.",
    "format": "The mobile number may contain only digits, spaces, dashes and a leading +86.",
    "length": "The mobile number must have 11 digits.",
    "prefix": "The mobile number does not start with a Chinese mobile prefix.",
}

_ICCID_MESSAGES = {
    "required": "Enter the SIM card ICCID.",
    "format": "The ICCID may contain only digits.",
    "length": "The ICCID must have 19 or 20 digits.",
    "prefix": "The ICCID must start with 89.",
    "checksum": "The ICCID's check digit is wrong; check for a typing error.",
}

_NAME_MESSAGES = {
    "required": "Enter the name.",
    "length": "The name must have at most 50 characters.",
    "format": (
        "The name may contain only Chinese characters, Latin letters, spaces, "
        "the middle dot, full stops and hyphens."
    ),
}

_AMOUNT_MESSAGES = {
    "required": "Enter the amount.",
    "format": "The amount must be a whole number of fen.",
    "range": "The amount is outside the allowed range.",
}


def _fail(messages: dict[str, str], field: str, code: str) -> ValidationError:
    return ValidationError(field, code, messages[code])


def _compact(text: str) -> str:
    """Drop all whitespace; NFKC turns full-width digits/letters from Chinese IMEs into ASCII."""
    return "".join(unicodedata.normalize("NFKC", text).split())


_ID_PATTERN = re.compile(r"[0-9]{17}[0-9X]")
_DIGITS = re.compile(r"[0-9]+")


def validate_resident_id(text: str, field: str = "id_number") -> str:
    number = _compact(text)
    if number.endswith("x"):
        number = number[:-1] + "X"
    if not number:
        raise _fail(_ID_MESSAGES, field, "required")
    if len(number) == 15 and _DIGITS.fullmatch(number):
        raise _fail(_ID_MESSAGES, field, "legacy")
    if len(number) != 18:
        raise _fail(_ID_MESSAGES, field, "length")
    if not _ID_PATTERN.fullmatch(number):
        raise _fail(_ID_MESSAGES, field, "format")
    try:
        ric.validate(number)
    except InvalidLength:
        raise _fail(_ID_MESSAGES, field, "length") from None
    except InvalidFormat:
        raise _fail(_ID_MESSAGES, field, "format") from None
    except InvalidChecksum:
        raise _fail(_ID_MESSAGES, field, "checksum") from None
    except InvalidComponent:
        pass  # date or region; told apart below
    try:
        birth = ric.get_birth_date(number)
    except InvalidComponent:
        raise _fail(_ID_MESSAGES, field, "birth_date") from None
    if birth.year < 1900 or birth > datetime.date.today():
        raise _fail(_ID_MESSAGES, field, "birth_date")
    try:
        # Also refuses region codes that did not exist in the birth year.
        ric.get_birth_place(number)
    except InvalidComponent:
        raise _fail(_ID_MESSAGES, field, "region") from None
    return number


_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def validate_mobile(text: str, field: str = "mobile") -> str:
    number = _compact(text).replace("-", "")
    if not number:
        raise _fail(_MOBILE_MESSAGES, field, "required")
    if number.startswith("+86"):
        number = number[3:]
    elif number.startswith("0086"):
        number = number[4:]
    elif number.startswith("86") and len(number) == 13:
        number = number[2:]
    if not _DIGITS.fullmatch(number):
        raise _fail(_MOBILE_MESSAGES, field, "format")
    if len(number) != 11:
        raise _fail(_MOBILE_MESSAGES, field, "length")
    # An 11-digit number starting 0 can be a valid fixed line (010 + 8 digits): refuse it too.
    parsed = phonenumbers.parse(number, "CN")
    if not (
        number.startswith("1")
        and phonenumbers.is_valid_number(parsed)
        and phonenumbers.number_type(parsed) in _MOBILE_TYPES
    ):
        raise _fail(_MOBILE_MESSAGES, field, "prefix")
    return number


def validate_iccid(text: str, field: str = "iccid") -> str:
    number = _compact(text)
    if not number:
        raise _fail(_ICCID_MESSAGES, field, "required")
    if not _DIGITS.fullmatch(number):
        raise _fail(_ICCID_MESSAGES, field, "format")
    if len(number) not in (19, 20):
        raise _fail(_ICCID_MESSAGES, field, "length")
    if not number.startswith("89"):
        raise _fail(_ICCID_MESSAGES, field, "prefix")
    if not luhn.is_valid(number):
        raise _fail(_ICCID_MESSAGES, field, "checksum")
    return number


# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B-H.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Latin-1 Supplement and Latin Extended-A/B letters, skipping the signs × and ÷.
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_NAME_PATTERN = re.compile(rf"[{_CJK}{_LATIN} ·.\-]+")
_NAME_LETTER = re.compile(rf"[{_CJK}{_LATIN}]")


def validate_name(text: str, field: str = "name") -> str:
    """Accept Chinese and Latin names, including minority names joined with "·"."""
    name = text.strip()
    if not name:
        raise _fail(_NAME_MESSAGES, field, "required")
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise _fail(_NAME_MESSAGES, field, "format")
    name = " ".join(name.split())
    if len(name) > 50:
        raise _fail(_NAME_MESSAGES, field, "length")
    if not _NAME_PATTERN.fullmatch(name) or not _NAME_LETTER.search(name):
        raise _fail(_NAME_MESSAGES, field, "format")
    return name


def validate_amount_fen(
    value: object,
    field: str = "amount_fen",
    *,
    minimum: int = 1,
    maximum: int = 10_000_000_00,
) -> int:
    if value is None:
        raise _fail(_AMOUNT_MESSAGES, field, "required")
    # bool is an int subclass; True must not pass as 1 fen.
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fail(_AMOUNT_MESSAGES, field, "format")
    if not minimum <= value <= maximum:
        raise _fail(_AMOUNT_MESSAGES, field, "range")
    return value
