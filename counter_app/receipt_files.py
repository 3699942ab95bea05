"""Every receipt, void slip and shift report is kept as a PDF file beside the cache.

The file is the record of what was handed over the counter; printing to a device renders
the same file. "Print to PDF file" is therefore always there: it is this file.
"""

from __future__ import annotations

from pathlib import Path

from counter_app.domain import hall_time
from counter_app.receipts.data import ReceiptData, ShiftReportData
from counter_app.receipts.pdf import receipt_pdf, shift_report_pdf
from local_cache.private_files import private_dir, write_private


def write_file(path: Path, pdf: bytes) -> Path:
    """Into one of the counter's own folders (receipts, forms): both the user's alone."""
    private_dir(path.parent)
    return write_private(path, pdf)


def save_receipt(data: ReceiptData, folder: Path, layout: str = "roll80") -> tuple[Path, bytes]:
    pdf = receipt_pdf(data, layout)
    suffix = f"-reprint{data.reprint}" if data.reprint else ""
    return write_file(folder / f"{data.receipt_no}{suffix}.pdf", pdf), pdf


def save_shift_report(
    report: ShiftReportData, folder: Path, layout: str = "a5"
) -> tuple[Path, bytes]:
    pdf = shift_report_pdf(report, layout)
    day = hall_time.local(report.closed_at, report.time_zone).strftime("%Y%m%d")  # hall's day
    return write_file(folder / f"shift-{day}-{report.shift_id[:8]}.pdf", pdf), pdf
