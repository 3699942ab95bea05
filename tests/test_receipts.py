"""Receipts, void slips and shift reports, checked by reading the PDF back."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pypdf
import pypdfium2 as pdfium
import pytest

from counter_app.domain.masking import mask_id_number, mask_mobile
from counter_app.domain.money import to_chinese_capital
from counter_app.receipts import (
    ReceiptData,
    ReceiptLine,
    ShiftReportData,
    check_code,
    qr_payload,
    receipt_pdf,
    shift_report_pdf,
)
from counter_app.receipts.check import verify_check_code
from counter_app.receipts.common import receipt_qr_payload
from counter_app.receipts.flow import QrCode
from counter_app.receipts.pdf import draw_receipt_pdf

FULL_ID = "440106199003071234"
FULL_MSISDN = "18612345678"
PAID_AT = datetime(2026, 10, 8, 2, 31, 5, tzinfo=UTC)  # 10:31:05 in Beijing
LAYOUTS = ["roll80", "a5"]


@pytest.fixture
def receipt() -> ReceiptData:
    return ReceiptData(
        receipt_no="GZ0101-C03-000123",
        hall_code="GZ0101",
        hall_name="广州天河营业厅",
        counter_id="C03",
        clerk_staff_no="E10234",
        clerk_name="李晓梅",
        paid_at=PAID_AT,
        customer_name="王建国",
        customer_id_masked=mask_id_number(FULL_ID),
        msisdn_masked=mask_mobile(FULL_MSISDN),
        kind="bill",
        lines=(ReceiptLine("2026-08 账单", 61450), ReceiptLine("2026-09 账单", 62000)),
        amount_fen=123450,
        method="cash",
        tendered_fen=130000,
        change_fen=6550,
    )


@pytest.fixture
def shift() -> ShiftReportData:
    return ShiftReportData(
        shift_id="GZ0101-C03-20261008-1",
        hall_code="GZ0101",
        hall_name="广州天河营业厅",
        counter_id="C03",
        clerk_staff_no="E10234",
        clerk_name="李晓梅",
        opened_at=datetime(2026, 10, 8, 0, 30, tzinfo=UTC),
        closed_at=datetime(2026, 10, 8, 9, 0, tzinfo=UTC),
        opening_float_fen=50000,
        totals_by_method={"cash": 245000, "card": 120000, "qr": 98050},
        totals_by_kind={"bill": 300000, "topup": 143050, "order_fee": 20000},
        counts_by_method={"cash": 12, "card": 3, "qr": 9},
        payment_count=24,
        void_count=1,
        void_total_fen=123450,
        cash_in_fen=245000,
        cash_out_fen=123450,
        expected_cash_fen=171550,
        counted_cash_fen=171500,
        variance_fen=-50,
        counted_by_denomination={10000: 15, 5000: 2, 2000: 4, 1000: 2, 500: 2, 100: 4, 50: 2},
        note="短款5角，原因待查。",
        approved_by="S2001",
    )


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def squashed(text: str) -> str:
    """Text without whitespace, so checks do not depend on how extraction spaces words."""
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------------------- receipts


@pytest.mark.parametrize("layout", LAYOUTS)
def test_receipt_shows_what_was_paid(receipt: ReceiptData, layout: str) -> None:
    pdf = receipt_pdf(receipt, layout)
    text = pdf_text(pdf)
    flat = squashed(text)
    assert receipt.receipt_no in text
    assert "440106********1234" in text
    assert "186****5678" in text
    assert "壹仟贰佰叁拾肆元伍角整" in flat
    assert "¥1,234.50" in text
    assert "¥1,300.00" in text and "¥65.50" in text  # tendered and change
    assert "找零" in text and "Change" in text
    assert "现金" in text
    assert "2026-10-08 10:31:05" in text  # local time, not UTC
    assert "E10234" in text and "李晓梅" in text and "广州天河营业厅" in text
    assert "¥614.50" in text and "2026-09 账单" in text
    assert check_code(receipt.receipt_no, receipt.amount_fen, receipt.paid_at) in text
    assert "收据号" in text and "Receipt No." in text
    assert "REPRINT" not in text and "VOID" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_full_personal_numbers_on_paper(receipt: ReceiptData, layout: str) -> None:
    pdf = receipt_pdf(receipt, layout)
    for secret in (FULL_ID, FULL_MSISDN):
        assert secret not in squashed(pdf_text(pdf))
        assert secret.encode() not in pdf
    with pytest.raises(ValueError, match="masked"):
        replace(receipt, customer_id_masked=FULL_ID)
    with pytest.raises(ValueError, match="masked"):
        replace(receipt, msisdn_masked=FULL_MSISDN)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_reprint_is_marked(receipt: ReceiptData, layout: str) -> None:
    text = pdf_text(receipt_pdf(replace(receipt, reprint=2), layout))
    assert "重打" in text and "REPRINT 2" in text
    assert receipt.receipt_no in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_void_slip(receipt: ReceiptData, layout: str) -> None:
    slip = replace(
        receipt,
        receipt_no="GZ0101-C03-000131",
        void_of=receipt.receipt_no,
        approved_by="S2001",
        tendered_fen=None,
        change_fen=None,
    )
    text = pdf_text(receipt_pdf(slip, layout))
    assert "作废" in text and "VOID" in text
    assert receipt.receipt_no in text and "GZ0101-C03-000131" in text
    assert "S2001" in text and "Approved by" in text
    assert "壹仟贰佰叁拾肆元伍角整" in squashed(text)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_card_payment_shows_reference(receipt: ReceiptData, layout: str) -> None:
    card = replace(
        receipt,
        method="card",
        tendered_fen=None,
        change_fen=None,
        card_ref="622848******1234 / 083921",
    )
    text = pdf_text(receipt_pdf(card, layout))
    assert "银行卡" in text and "622848******1234 / 083921" in text
    assert "找零" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_font_is_embedded_and_the_only_one(receipt: ReceiptData, layout: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(receipt_pdf(replace(receipt, reprint=1), layout)))
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert len(fonts) >= 1
        for ref in fonts.values():
            font = ref.get_object()
            # reportlab names the embedded subset after the font's own PostScript name
            # (WenQuanYi Micro Hei); "WQYMicroHei" is only its registration handle.
            assert "WenQuanYiMicroHei" in font["/BaseFont"]
            assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"])  # a subset
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_metadata(receipt: ReceiptData, layout: str) -> None:
    meta = pypdf.PdfReader(io.BytesIO(receipt_pdf(receipt, layout))).metadata
    assert meta is not None
    assert receipt.receipt_no in meta.title
    assert "GZ0101" in meta.subject and "¥1,234.50" in meta.subject


def test_roll_is_80mm_wide_and_fits_its_content(receipt: ReceiptData) -> None:
    short = pypdf.PdfReader(io.BytesIO(receipt_pdf(receipt, "roll80"))).pages[0]
    many = replace(
        receipt, lines=tuple(ReceiptLine(f"账单 {i}", 100) for i in range(30)), amount_fen=3000
    )
    tall = pypdf.PdfReader(io.BytesIO(receipt_pdf(many, "roll80"))).pages[0]
    assert float(short.mediabox.width) == pytest.approx(226.77, abs=0.1)
    assert float(tall.mediabox.width) == pytest.approx(226.77, abs=0.1)
    assert float(tall.mediabox.height) > float(short.mediabox.height) + 200


def test_long_a5_receipt_continues_on_numbered_pages(receipt: ReceiptData) -> None:
    lines = tuple(
        ReceiptLine(f"{2020 + i // 12}-{i % 12 + 1:02d} 账单", 1000 + i) for i in range(60)
    )
    many = replace(receipt, lines=lines, amount_fen=sum(x.amount_fen for x in lines), reprint=1)
    reader = pypdf.PdfReader(io.BytesIO(receipt_pdf(many, "a5")))
    assert len(reader.pages) > 1
    pages = [page.extract_text() for page in reader.pages]
    assert all(f"{n + 1}/{len(pages)}" in text for n, text in enumerate(pages))
    assert all("REPRINT 1" in text for text in pages)  # every page carries the mark
    everything = "\n".join(pages)
    assert all(f"¥{(1000 + i) / 100:.2f}" in everything for i in range(60))
    assert to_chinese_capital(many.amount_fen) in squashed(everything)


def test_unknown_layout(receipt: ReceiptData) -> None:
    with pytest.raises(ValueError, match="layout"):
        receipt_pdf(receipt, "letter")


def test_receipt_data_is_validated(receipt: ReceiptData) -> None:
    with pytest.raises(ValueError, match="aware"):
        replace(receipt, paid_at=datetime(2026, 10, 8, 10, 31))
    with pytest.raises(ValueError, match="kind"):
        replace(receipt, kind="gift")
    with pytest.raises(ValueError, match="method"):
        replace(receipt, method="cheque")
    with pytest.raises(ValueError, match="receipt_no"):
        replace(receipt, receipt_no="A|B")
    with pytest.raises(TypeError):
        replace(receipt, amount_fen=12.5)


# --------------------------------------------------------------------- check and QR


def test_check_code() -> None:
    code = check_code("GZ0101-C03-000123", 123450, PAID_AT)
    assert re.fullmatch(r"[0-9A-F]{8}", code)
    # The same instant in another zone is the same receipt.
    beijing = PAID_AT.astimezone(timezone(timedelta(hours=8)))
    assert check_code("GZ0101-C03-000123", 123450, beijing) == code
    assert check_code("GZ0101-C03-000123", 123451, PAID_AT) != code
    assert check_code("GZ0101-C03-000124", 123450, PAID_AT) != code
    assert verify_check_code(code.lower(), "GZ0101-C03-000123", 123450, PAID_AT)
    assert qr_payload("GZ0101-C03-000123", 123450, code) == f"GZ0101-C03-000123|123450|{code}"


def _qr_modules_on_page(
    pdf: bytes, page_index: int, x: float, y: float, size: float, count: int, border: int
) -> list[list[bool]]:
    """Read the QR modules back from the rendered page: sample each module's centre."""
    document = pdfium.PdfDocument(pdf)
    page = document[page_index]
    scale = 8.0
    page_height = page.get_height()
    bitmap = page.render(scale=scale, grayscale=True)
    pixels, stride = bytes(bitmap.buffer), bitmap.stride
    box = size / (count + 2 * border)
    grid = []
    for r in range(-border, count + border):
        row = []
        for c in range(-border, count + border):
            px = int((x + (border + c + 0.5) * box) * scale)
            py = int((page_height - (y + size) + (border + r + 0.5) * box) * scale)
            row.append(pixels[py * stride + px] < 128)
        grid.append(row)
    bitmap.close()
    page.close()
    document.close()
    return grid


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_code_carries_the_payload(receipt: ReceiptData, layout: str) -> None:
    pdf, drawn = draw_receipt_pdf(receipt, layout)
    check = check_code(receipt.receipt_no, receipt.amount_fen, receipt.paid_at)
    payload = receipt_qr_payload(receipt)
    assert payload == f"{receipt.receipt_no}|{receipt.amount_fen}|{check}"
    assert drawn.qr is not None
    page_index, x, y, size = drawn.qr
    expected = QrCode(payload, size).modules()  # reportlab's encoding of that payload
    border = QrCode.border
    seen = _qr_modules_on_page(pdf, page_index, x, y, size, len(expected), border)
    quiet = [*seen[:border], *seen[-border:], *(row[:border] + row[-border:] for row in seen)]
    assert not any(any(row) for row in quiet)
    assert [row[border:-border] for row in seen[border:-border]] == expected


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_code_decodes(receipt: ReceiptData, layout: str) -> None:
    """A real decoder, where one is installed (none is a project dependency)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    pdf, drawn = draw_receipt_pdf(receipt, layout)
    assert drawn.qr is not None
    image = pdfium.PdfDocument(pdf)[drawn.qr[0]].render(scale=4).to_pil()
    assert isinstance(image, Image.Image)
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [receipt_qr_payload(receipt)]


# -------------------------------------------------------------------------- shift report


@pytest.mark.parametrize("layout", ["a5", "roll80"])
def test_shift_report(shift: ShiftReportData, layout: str) -> None:
    pdf = shift_report_pdf(shift, layout)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    if layout == "a5":
        assert len(reader.pages) == 1
    text = pdf_text(pdf)
    for expected in (
        "交班报表",
        "SHIFT REPORT",
        shift.shift_id,
        "E10234",
        "李晓梅",
        "¥2,450.00",
        "¥1,200.00",
        "¥980.50",
        "¥4,630.50",  # by method, total
        "¥3,000.00",
        "¥1,430.50",
        "¥200.00",  # by kind
        "¥500.00",
        "¥1,715.50",
        "¥1,715.00",  # float, expected, counted
        "短款",
        "-¥0.50",  # variance
        "¥1,500.00",
        "¥100.00",  # denominations
        "短款5角，原因待查。",
        "S2001",
        "Approved by",
        "2026-10-08 08:30:00",
        "2026-10-08 17:00:00",
    ):
        assert expected in text, expected
    assert reader.metadata is not None and shift.shift_id in reader.metadata.title


def test_shift_report_without_approval_says_so(shift: ShiftReportData) -> None:
    text = pdf_text(shift_report_pdf(replace(shift, approved_by=None)))
    assert "未审批" in text and "NOT APPROVED" in text


def test_shift_report_checks_its_sums(shift: ShiftReportData) -> None:
    with pytest.raises(ValueError, match="variance"):
        replace(shift, variance_fen=0)
    with pytest.raises(ValueError, match="denominations"):
        replace(shift, counted_by_denomination={10000: 1})
    over = replace(
        shift,
        counted_cash_fen=171600,
        variance_fen=50,
        counted_by_denomination={**shift.counted_by_denomination, 50: 4},
    )
    assert "长款" in pdf_text(shift_report_pdf(over))
