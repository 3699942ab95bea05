"""Money: Chinese capitals, figures, parsing, till counts, change and bill allocation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.money import (
    DENOMINATIONS_FEN,
    MAX_FEN,
    ShortTender,
    allocate_oldest_first,
    change_due,
    count_total,
    format_yuan,
    parse_yuan,
    to_chinese_capital,
)


@pytest.mark.parametrize(
    ("fen", "expected"),
    [
        (123450, "壹仟贰佰叁拾肆元伍角整"),
        (100400, "壹仟零肆元整"),
        (1001000, "壹万零壹拾元整"),
        (1000, "壹拾元整"),  # 壹拾 at the start too
        (1500, "壹拾伍元整"),
        (5, "伍分"),
        (50, "伍角整"),
        (10005, "壹佰元零伍分"),
        (168032, "壹仟陆佰捌拾元零叁角贰分"),  # 元 digit 0 and 角 not: 零 written
        (160032, "壹仟陆佰元零叁角贰分"),
        (10000000000, "壹亿元整"),
        (0, "零元整"),
        (100000000, "壹佰万元整"),
        (10500000, "壹拾万伍仟元整"),
        (101010101, "壹佰零壹万零壹佰零壹元零壹分"),
        # The rule we chose ("元 digit 0 with something before it and 角 non-zero → 零
        # after 元") gives 零 here as well; the PBoC rules allow both forms.
        (2020, "贰拾元零贰角整"),
        (20000000030, "贰亿元零叁角整"),
        (10005000000, "壹亿零伍万元整"),
        (10000000100, "壹亿零壹元整"),
        (100010000, "壹佰万零壹佰元整"),
        (1234, "壹拾贰元叁角肆分"),
        (101, "壹元零壹分"),
        (100000000000000, "壹万亿元整"),
        (MAX_FEN, "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        (-1230, "负壹拾贰元叁角整"),
        (-5, "负伍分"),
    ],
)
def test_capitals(fen: int, expected: str) -> None:
    assert to_chinese_capital(fen) == expected


def test_capitals_limits_and_types() -> None:
    with pytest.raises(ValueError):
        to_chinese_capital(MAX_FEN + 1)
    with pytest.raises(ValueError):
        to_chinese_capital(-MAX_FEN - 1)
    for bad in (True, 1.0, "100", None):
        with pytest.raises(TypeError):
            to_chinese_capital(bad)  # type: ignore[arg-type]


amounts = st.integers(min_value=-MAX_FEN, max_value=MAX_FEN)


@given(amounts)
def test_capital_properties(fen: int) -> None:
    text = to_chinese_capital(fen)
    assert "零零" not in text
    assert text.endswith(("整", "分"))
    assert set(text) <= set("负零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
    assert text.startswith("负") == (fen < 0)
    assert not text.startswith("零") or fen == 0
    # 整 only where the rules put it: right after 元 or 角, and only at the end.
    assert text.count("整") <= 1
    if text.endswith("整"):
        assert text[-2] in "元角"
    assert ("分" in text) == (abs(fen) % 10 != 0)
    assert ("角" in text) == (abs(fen) // 10 % 10 != 0)


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (123450, "¥1,234.50"),
        (-123450, "-¥1,234.50"),
        (100000000, "¥1,000,000.00"),
    ],
)
def test_format_yuan(fen: int, text: str) -> None:
    assert format_yuan(fen) == text


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12", 1200),
        ("12.3", 1230),
        ("12.30", 1230),
        ("¥1,234.50", 123450),
        (" 0.5 ", 50),
        ("0", 0),
        ("￥１２．５", 1250),
        ("¥ 3", 300),
        ("1,234,567.89", 123456789),
    ],
)
def test_parse_yuan(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("12.345", "more than two decimal"),
        ("12a", "only digits"),
        ("abc", "only digits"),
        ("-5", "negative"),
        ("¥-5", "negative"),
        ("", "empty"),
        ("   ", "empty"),
        ("¥", "empty"),
        ("1,2345", "thousands separators"),
        ("1.2.3", "only digits"),
        ("1e3", "only digits"),
        ("99999999999999999", "too large"),
    ],
)
def test_parse_yuan_rejects(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_yuan(text)


@given(st.integers(min_value=0, max_value=MAX_FEN))
def test_parse_reads_what_format_writes(fen: int) -> None:
    assert parse_yuan(format_yuan(fen)) == fen


def test_count_total() -> None:
    assert DENOMINATIONS_FEN == (10000, 5000, 2000, 1000, 500, 100, 50, 10)
    assert count_total({10000: 3, 2000: 1, 50: 2, 10: 0}) == 32100
    assert count_total({}) == 0
    with pytest.raises(ValueError, match="denomination"):
        count_total({200: 1})
    with pytest.raises(ValueError, match="negative"):
        count_total({100: -1})
    with pytest.raises(TypeError):
        count_total({100: 1.0})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        count_total({100: True})


def test_change_due() -> None:
    assert change_due(12345, 20000) == 7655
    assert change_due(100, 100) == 0
    with pytest.raises(ShortTender) as caught:
        change_due(12345, 10000)
    assert caught.value.missing_fen == 2345
    assert isinstance(caught.value, ValueError)
    assert "¥23.45" in str(caught.value)
    with pytest.raises(ValueError):
        change_due(-1, 0)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_change_due_property(amount: int, tendered: int) -> None:
    if tendered >= amount:
        assert change_due(amount, tendered) + amount == tendered
    else:
        with pytest.raises(ShortTender) as caught:
            change_due(amount, tendered)
        assert caught.value.missing_fen == amount - tendered > 0


def test_allocate_oldest_first() -> None:
    bills = [("2026-07", 200), ("2026-08", 300), ("2026-09", 400)]
    assert allocate_oldest_first(600, bills) == (
        [("2026-07", 200), ("2026-08", 300), ("2026-09", 100)],
        0,
    )
    assert allocate_oldest_first(1000, bills) == ([*bills], 100)
    assert allocate_oldest_first(0, bills) == ([], 0)
    assert allocate_oldest_first(50, []) == ([], 50)
    with pytest.raises(ValueError):
        allocate_oldest_first(100, [("x", -1)])


@given(
    st.integers(min_value=0, max_value=10**8),
    st.lists(st.tuples(st.text(min_size=1, max_size=5), st.integers(0, 10**6)), max_size=12),
)
def test_allocation_properties(amount: int, owed: list[tuple[str, int]]) -> None:
    allocations, left = allocate_oldest_first(amount, owed)
    assert sum(applied for _, applied in allocations) + left == amount
    assert left >= 0
    assert left == max(0, amount - sum(fen for _, fen in owed))
    # Each allocation matches its bill (same order) and never exceeds what it owes.
    paying = [(bill, fen) for bill, fen in owed if fen]
    for (bill_id, applied), (owed_id, owed_fen) in zip(allocations, paying, strict=False):
        assert bill_id == owed_id
        assert 0 < applied <= owed_fen
    # Oldest first: every bill before the last one paid is paid in full.
    for (_, applied), (_, owed_fen) in zip(allocations[:-1], paying, strict=False):
        assert applied == owed_fen
