"""Receipts, void slips and shift reports as PDF (reportlab only, no Qt).

``receipt_pdf(data, "roll80" | "a5")`` and ``shift_report_pdf(report, "a5" | "roll80")``
return PDF bytes; ``ui/printing.py`` prints or saves them.
"""

from counter_app.receipts.check import check_code, qr_payload
from counter_app.receipts.data import ReceiptData, ReceiptLine, ShiftReportData
from counter_app.receipts.pdf import receipt_pdf, shift_report_pdf

__all__ = [
    "ReceiptData",
    "ReceiptLine",
    "ShiftReportData",
    "check_code",
    "qr_payload",
    "receipt_pdf",
    "shift_report_pdf",
]
