import pytest

from counter_app.domain.masking import mask_iccid, mask_id_number, mask_mobile


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11010519491231002X", "110105********002X"),
        ("440305199003071234", "440305********1234"),
        ("12345678901", "123456*8901"),
        ("1234567890", "********90"),
        ("123456789", "*******89"),
        ("1234", "**34"),
        (None, ""),
        ("", ""),
    ],
)
def test_mask_id_number(value: str | None, expected: str) -> None:
    assert mask_id_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "138****5678"),
        ("13800138000", "138****8000"),
        ("12345678", "123*5678"),
        ("1234567", "*****67"),
        (None, ""),
        ("", ""),
    ],
)
def test_mask_mobile(value: str | None, expected: str) -> None:
    assert mask_mobile(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("89860012345678901234", "898600**********1234"),
        ("8986001234567890123", "898600*********0123"),
        ("123456789", "*******89"),
        (None, ""),
    ],
)
def test_mask_iccid(value: str | None, expected: str) -> None:
    assert mask_iccid(value) == expected


def test_masked_value_keeps_length() -> None:
    assert len(mask_id_number("11010519491231002X")) == 18
    assert len(mask_mobile("13800138000")) == 11
