"""Receipts and shift reports as PDF bytes (reportlab; the font embedded as a subset).

The PDF is the one artefact: the printing layer (``ui/printing.py``) rasterises it for a
printer, and "save as PDF" writes these exact bytes so text and fonts stay searchable.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from counter_app.receipts import common, layout_a5, layout_roll80
from counter_app.receipts.data import ReceiptData, ShiftReportData
from counter_app.receipts.flow import Drawn
from counter_app.receipts.fonts import FONT_NAME, register_fonts
from counter_app.receipts.shift_report import LAYOUTS as SHIFT_LAYOUTS
from counter_app.receipts.shift_report import draw_shift_report

RECEIPT_LAYOUTS = {"roll80": layout_roll80.draw_receipt, "a5": layout_a5.draw_receipt}
AUTHOR = "Counter"


def _canvas(buffer: io.BytesIO, title: str, subject: str) -> Canvas:
    register_fonts()
    canvas = Canvas(buffer, pageCompression=1, initialFontName=FONT_NAME, initialFontSize=8)
    canvas.setTitle(title)
    canvas.setSubject(subject)
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    return canvas


def draw_receipt_pdf(data: ReceiptData, layout: str = "roll80") -> tuple[bytes, Drawn]:
    """The receipt PDF and what was drawn where (tests use the QR position)."""
    try:
        draw = RECEIPT_LAYOUTS[layout]
    except KeyError:
        raise ValueError(
            f"unknown receipt layout {layout!r}; use one of {sorted(RECEIPT_LAYOUTS)}"
        ) from None
    buffer = io.BytesIO()
    canvas = _canvas(buffer, common.pdf_title(data), common.pdf_subject(data))
    drawn = draw(canvas, data)
    canvas.save()
    return buffer.getvalue(), drawn


def receipt_pdf(data: ReceiptData, layout: str = "roll80") -> bytes:
    """The receipt as PDF bytes; ``layout`` is "roll80" (80 mm roll) or "a5"."""
    return draw_receipt_pdf(data, layout)[0]


def shift_report_pdf(report: ShiftReportData, layout: str = "a5") -> bytes:
    """The shift report as PDF bytes; ``layout`` is "a5" or "roll80"."""
    if layout not in SHIFT_LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; use one of {sorted(SHIFT_LAYOUTS)}")
    buffer = io.BytesIO()
    canvas = _canvas(
        buffer,
        f"交班报表 Shift report {report.shift_id}",
        f"{report.hall_name} {report.hall_code} · 柜台 {report.counter_id} · "
        f"{report.clerk_staff_no} {report.clerk_name}",
    )
    draw_shift_report(canvas, report, layout)
    canvas.save()
    return buffer.getvalue()
