"""The printing layer: PDF bytes onto a QPrinter (here a PDF-file printer), and copies."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from counter_app.receipts import ReceiptData, ReceiptLine, receipt_pdf
from ui.printing import make_printer, pdf_images, print_pdf, printer_names, save_pdf_copy
from ui.receipt_preview import ReceiptPreviewDialog


@pytest.fixture
def receipt() -> ReceiptData:
    return ReceiptData(
        receipt_no="GZ0101-C03-000123",
        hall_code="GZ0101",
        hall_name="广州天河营业厅",
        counter_id="C03",
        clerk_staff_no="E10234",
        clerk_name="李晓梅",
        paid_at=datetime(2026, 10, 8, 2, 31, 5, tzinfo=UTC),
        customer_name="王建国",
        customer_id_masked="440106********1234",
        msisdn_masked="186****5678",
        kind="topup",
        lines=(ReceiptLine("充值", 5000),),
        amount_fen=5000,
        method="cash",
        tendered_fen=10000,
        change_fen=5000,
    )


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_roll_receipt_prints_80mm_wide(qtbot, tmp_path: Path, receipt: ReceiptData) -> None:
    out = tmp_path / "printed.pdf"
    source = receipt_pdf(receipt, "roll80")
    print_pdf(source, pdf_printer(out))
    assert out.exists()
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    expected = pypdf.PdfReader(io.BytesIO(source)).pages[0].mediabox
    assert float(box.width) == pytest.approx(226.8, abs=2)
    assert float(box.height) == pytest.approx(float(expected.height), abs=2)


def test_a5_receipt_prints_a5(qtbot, tmp_path: Path, receipt: ReceiptData) -> None:
    out = tmp_path / "printed-a5.pdf"
    print_pdf(receipt_pdf(receipt, "a5"), pdf_printer(out))
    page = pypdf.PdfReader(out).pages[0]
    assert float(page.mediabox.width) == pytest.approx(419.5, abs=2)
    assert float(page.mediabox.height) == pytest.approx(595.3, abs=2)


def test_printer_that_cannot_start_raises(qtbot, receipt: ReceiptData) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # but no output file
    with pytest.raises(RuntimeError):
        print_pdf(receipt_pdf(receipt), printer)


def test_save_pdf_copy_keeps_text(tmp_path: Path, receipt: ReceiptData) -> None:
    source = receipt_pdf(receipt)
    path = save_pdf_copy(source, tmp_path / "copy.pdf")
    assert path.read_bytes() == source
    assert receipt.receipt_no in pypdf.PdfReader(path).pages[0].extract_text()
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(ValueError):
        save_pdf_copy(b"not a pdf", tmp_path / "bad.pdf")


def test_make_printer(qtbot) -> None:
    assert isinstance(printer_names(), list)
    printer = make_printer("no such printer anywhere")
    assert isinstance(printer, QPrinter)
    if not printer_names():
        assert printer.outputFormat() == QPrinter.OutputFormat.PdfFormat


def test_preview_shows_every_page_and_prints_nothing(qtbot, receipt: ReceiptData) -> None:
    lines = tuple(ReceiptLine(f"账单 {i}", 100) for i in range(60))
    long_receipt = replace(receipt, lines=lines, amount_fen=6000)
    source = receipt_pdf(long_receipt, "a5")
    pages = len(pypdf.PdfReader(io.BytesIO(source)).pages)
    assert pages > 1
    images = pdf_images(source)
    assert len(images) == pages and all(not image.isNull() for image in images)
    dialog = ReceiptPreviewDialog(images, "preview", payment_id="p-1")
    qtbot.addWidget(dialog)
    assert dialog.page_count == pages
    with qtbot.waitSignal(dialog.reprint_requested) as asked:
        dialog.findChild(QPushButton, "previewReprintButton").click()
    assert asked.args == ["p-1"]  # printing from a preview is asked of the reprint path
