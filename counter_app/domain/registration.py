"""Real-name registration (实名制): what a new customer must be, checked at the counter and
again by the province, each refusal naming its field.

An individual is registered on the resident ID (name, gender and birth date as the ID says,
address, contact number, photo); an enterprise on its unified social credit code, with a
contact person and their resident ID.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

from counter_app.domain.validators import (
    ValidationError,
    validate_mobile,
    validate_name,
    validate_resident_id,
)

KINDS = ("individual", "enterprise")
MAX_PHOTO_CHARS = 200_000  # base64 of a card photo (~30 KB as read) with room to spare
MAX_ENTERPRISE_NAME = 100
MAX_ADDRESS = 200


@dataclass(frozen=True)
class Registration:
    id: str
    customer_type: str
    name: str
    id_number: str
    contact_phone: str
    address: str
    gender: str | None = None  # M / F, as the ID number says (individuals)
    birth_date: str | None = None  # ISO date, as the ID number says (individuals)
    contact_name: str | None = None  # enterprises: the person who comes for it
    contact_id_number: str | None = None
    photo: str | None = None  # base64 JPEG/PNG from the ID card reader

    @property
    def id_type(self) -> str:
        return "resident_id" if self.customer_type == "individual" else "credit_code"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _text(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    return value.strip() if isinstance(value, str) else ""


def validate_credit_code(text: str, field: str = "id_number") -> str:
    code = "".join(text.split()).upper()
    if not code:
        raise ValidationError(field, "required", "Enter the unified social credit code.")
    try:
        return str(uscc.validate(code))
    except InvalidLength:
        raise ValidationError(
            field, "length", "The unified social credit code must have 18 characters."
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            field,
            "checksum",
            "The credit code's check character is wrong; check for a typing error.",
        ) from None
    except (InvalidFormat, ValueError):
        raise ValidationError(
            field, "format", "The unified social credit code has characters it cannot have."
        ) from None


def _address(raw: dict[str, Any]) -> str:
    address = _text(raw, "address")
    if not address:
        raise ValidationError("address", "required", "Enter the address.")
    if len(address) > MAX_ADDRESS:
        raise ValidationError("address", "length", "The address must have at most 200 characters.")
    return address


def _photo(raw: dict[str, Any]) -> str | None:
    photo = raw.get("photo")
    if photo in (None, ""):
        return None
    if not isinstance(photo, str) or len(photo) > MAX_PHOTO_CHARS:
        raise ValidationError("photo", "length", "The photo is too large; read the card again.")
    try:
        base64.b64decode(photo, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(
            "photo", "format", "The photo is not readable; read the card again."
        ) from None
    return photo


def check(raw: dict[str, Any]) -> Registration:
    """The registration, cleaned; ValidationError names the first field that is wrong."""
    kind = _text(raw, "customer_type") or "individual"
    if kind not in KINDS:
        raise ValidationError("customer_type", "format", "Choose individual or enterprise.")
    phone = validate_mobile(_text(raw, "contact_phone"), "contact_phone")
    if kind == "enterprise":
        name = _text(raw, "name")
        if not name:
            raise ValidationError("name", "required", "Enter the enterprise's name.")
        if len(name) > MAX_ENTERPRISE_NAME:
            raise ValidationError(
                "name", "length", "The enterprise's name must have at most 100 characters."
            )
        return Registration(
            id=_text(raw, "id"),
            customer_type=kind,
            name=name,
            id_number=validate_credit_code(_text(raw, "id_number")),
            contact_phone=phone,
            address=_address(raw),
            contact_name=validate_name(_text(raw, "contact_name"), "contact_name"),
            contact_id_number=validate_resident_id(
                _text(raw, "contact_id_number"), "contact_id_number"
            ),
        )
    number = validate_resident_id(_text(raw, "id_number"))
    born = ric.get_birth_date(number)
    gender = "M" if int(number[16]) % 2 else "F"
    if _text(raw, "gender") and _text(raw, "gender").upper() != gender:
        raise ValidationError("gender", "mismatch", "The gender is not the one the ID number says.")
    birth = _text(raw, "birth_date")
    if birth:
        try:
            given = date.fromisoformat(birth)
        except ValueError:
            raise ValidationError(
                "birth_date", "format", "Enter the birth date as YYYY-MM-DD."
            ) from None
        if given != born:
            raise ValidationError(
                "birth_date", "mismatch", "The birth date is not the one the ID number says."
            )
    return Registration(
        id=_text(raw, "id"),
        customer_type=kind,
        name=validate_name(_text(raw, "name")),
        id_number=number,
        contact_phone=phone,
        address=_address(raw),
        gender=gender,
        birth_date=born.isoformat(),
        photo=_photo(raw),
    )
