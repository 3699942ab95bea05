import datetime
import pickle

import pytest
from stdnum import luhn
from stdnum.cn import ric

from counter_app.domain.validators import (
    ValidationError,
    validate_amount_fen,
    validate_iccid,
    validate_mobile,
    validate_name,
    validate_resident_id,
)


def make_id(first17: str) -> str:
    """Append the correct GB 11643 check digit (calc_check_digit ignores the last char)."""
    return first17 + ric.calc_check_digit(first17 + "0")


def wrong_check_digit(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def make_iccid(body: str) -> str:
    return body + luhn.calc_check_digit(body)


def assert_error(exc_info: pytest.ExceptionInfo[ValidationError], field: str, code: str) -> None:
    err = exc_info.value
    assert err.field == field
    assert err.code == code
    assert str(err) == err.message
    assert err.to_problem_error() == {"field": field, "message": err.message}


BEIJING = make_id("11010519491231002")
SHENZHEN = make_id("44030519900307123")


# --- ValidationError -------------------------------------------------------------------


def test_message_is_fixed_and_free_of_values() -> None:
    with pytest.raises(ValidationError) as first:
        validate_resident_id("1234")
    with pytest.raises(ValidationError) as second:
        validate_resident_id("12345678901234567890")
    assert first.value.message == second.value.message
    assert first.value.message == "The resident ID number must have 18 characters."


def test_validation_error_is_value_error_and_pickles() -> None:
    err = ValidationError("mobile", "length", "The mobile number must have 11 digits.")
    assert isinstance(err, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.field, copy.code, copy.message) == (err.field, err.code, err.message)


def test_custom_field_name_is_reported() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id("123", field="guarantor_id")
    assert_error(exc_info, "guarantor_id", "length")


# --- resident ID -----------------------------------------------------------------------


@pytest.mark.parametrize("number", [BEIJING, SHENZHEN])
def test_valid_resident_ids(number: str) -> None:
    assert validate_resident_id(number) == number


def test_resident_id_whitespace_removed() -> None:
    spaced = f"  {BEIJING[:6]} {BEIJING[6:14]} {BEIJING[14:]}\n"
    assert validate_resident_id(spaced) == BEIJING


def test_resident_id_full_width_digits_accepted() -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in SHENZHEN)
    assert validate_resident_id(full_width) == SHENZHEN


def test_lower_case_x_normalised() -> None:
    # Find a sequence number whose check digit is X.
    number = next(
        n for n in (make_id(f"110105198001010{i:02d}") for i in range(100)) if n.endswith("X")
    )
    assert validate_resident_id(number.lower()) == number


def test_wrong_check_digit() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(wrong_check_digit(BEIJING))
    assert_error(exc_info, "id_number", "checksum")


def test_impossible_birth_date() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(make_id("11010519990230123"))
    assert_error(exc_info, "id_number", "birth_date")


def test_future_birth_date() -> None:
    future = datetime.date.today() + datetime.timedelta(days=400)
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(make_id(f"110105{future:%Y%m%d}123"))
    assert_error(exc_info, "id_number", "birth_date")


def test_birth_date_before_1900() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(make_id("11010518991231123"))
    assert_error(exc_info, "id_number", "birth_date")


@pytest.mark.parametrize("region", ["000000", "999999"])
def test_unknown_region(region: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(make_id(f"{region}19900101123"))
    assert_error(exc_info, "id_number", "region")


def test_region_that_did_not_exist_in_birth_year() -> None:
    # Shenzhen Nanshan district (440305) was created in 1990.
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(make_id("44030519491231002"))
    assert_error(exc_info, "id_number", "region")


def test_fifteen_digit_legacy_id_refused() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id("110105491231002")
    assert_error(exc_info, "id_number", "legacy")
    assert exc_info.value.message == "15-digit IDs are no longer valid; ask for the 18-digit ID."


@pytest.mark.parametrize("text", ["1101051949123100", BEIJING + "1", "1"])
def test_resident_id_wrong_length(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(text)
    assert_error(exc_info, "id_number", "length")


@pytest.mark.parametrize("text", ["11010519491231A021", "X10105194912310021", "11010519491231002Y"])
def test_resident_id_letters_inside(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(text)
    assert_error(exc_info, "id_number", "format")


@pytest.mark.parametrize("text", ["", "   "])
def test_resident_id_required(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_resident_id(text)
    assert_error(exc_info, "id_number", "required")


# --- mobile ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13800138000", "13800138000"),
        ("19912345678", "19912345678"),
        ("+86 138 0013 8000", "13800138000"),
        ("+8613800138000", "13800138000"),
        ("0086-138-0013-8000", "13800138000"),
        ("8613800138000", "13800138000"),
        (" 138-0013-8000 ", "13800138000"),
    ],
)
def test_valid_mobiles(text: str, expected: str) -> None:
    assert validate_mobile(text) == expected


@pytest.mark.parametrize(
    "text", ["12012345678", "10012345678", "11012345678", "01012345678", "86138001380"]
)
def test_mobile_unallocated_prefix(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_mobile(text)
    assert_error(exc_info, "mobile", "prefix")


@pytest.mark.parametrize("text", ["1380013800", "138001380001", "+86 1380013800", "861380013800"])
def test_mobile_wrong_length(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_mobile(text)
    assert_error(exc_info, "mobile", "length")


@pytest.mark.parametrize("text", ["1380013800a", "138O0138000", "+1 202 555 0100", "(138)00138000"])
def test_mobile_non_digits(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_mobile(text)
    assert_error(exc_info, "mobile", "format")


def test_mobile_required() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_mobile("  ")
    assert_error(exc_info, "mobile", "required")


# --- ICCID -----------------------------------------------------------------------------

ICCID_20 = make_iccid("8986001234567890123")
ICCID_19 = make_iccid("898600123456789012")


@pytest.mark.parametrize("number", [ICCID_19, ICCID_20])
def test_valid_iccids(number: str) -> None:
    assert validate_iccid(number) == number


def test_iccid_spaces_removed() -> None:
    spaced = " ".join(ICCID_20[i : i + 4] for i in range(0, 20, 4))
    assert validate_iccid(spaced) == ICCID_20


def test_iccid_bad_luhn() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_iccid(wrong_check_digit(ICCID_20))
    assert_error(exc_info, "iccid", "checksum")


def test_iccid_wrong_prefix() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_iccid(make_iccid("8886001234567890123"))
    assert_error(exc_info, "iccid", "prefix")


@pytest.mark.parametrize(
    "text", [make_iccid("89860012345678901"), make_iccid("89860012345678901234")]
)
def test_iccid_wrong_length(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_iccid(text)
    assert_error(exc_info, "iccid", "length")


def test_iccid_non_digits() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_iccid("8986-0012-3456-7890-1234")
    assert_error(exc_info, "iccid", "format")


def test_iccid_required() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_iccid("")
    assert_error(exc_info, "iccid", "required")


# --- name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张伟", "张伟"),
        ("  王  ", "王"),
        ("阿卜杜拉·艾买提", "阿卜杜拉·艾买提"),
        ("John  Smith", "John Smith"),
        ("Mary-Jane O. Watson", "Mary-Jane O. Watson"),
        ("José Müller", "José Müller"),
        ("李" * 50, "李" * 50),
    ],
)
def test_valid_names(text: str, expected: str) -> None:
    assert validate_name(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_name_required(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_name(text)
    assert_error(exc_info, "name", "required")


def test_name_too_long() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_name("李" * 51)
    assert_error(exc_info, "name", "length")


@pytest.mark.parametrize(
    "text", ["张伟2", "张\x00伟", "张\t伟", "Smith!", "·", "--", "张×伟", "김철수", "@"]
)
def test_name_bad_characters(text: str) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_name(text, field="holder_name")
    assert_error(exc_info, "holder_name", "format")


# --- amount ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 5000, 10_000_000_00])
def test_valid_amounts(value: int) -> None:
    assert validate_amount_fen(value) == value


@pytest.mark.parametrize("value", [True, False, 10.0, "100", 1.5])
def test_amount_wrong_type(value: object) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_amount_fen(value)
    assert_error(exc_info, "amount_fen", "format")


def test_amount_required() -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_amount_fen(None)
    assert_error(exc_info, "amount_fen", "required")


@pytest.mark.parametrize("value", [0, -1, 10_000_000_01])
def test_amount_out_of_range(value: int) -> None:
    with pytest.raises(ValidationError) as exc_info:
        validate_amount_fen(value)
    assert_error(exc_info, "amount_fen", "range")


def test_amount_custom_range() -> None:
    assert validate_amount_fen(0, minimum=0, maximum=100) == 0
    with pytest.raises(ValidationError) as exc_info:
        validate_amount_fen(101, "refund_fen", minimum=0, maximum=100)
    assert_error(exc_info, "refund_fen", "range")
