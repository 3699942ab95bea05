"""Receipt on an 80 mm thermal roll: one page 80 mm wide, as tall as its content.

Margins of 4 mm leave the 72 mm most 80 mm printers can reach. Everything is black on
white (thermal paper has one colour); reprint and void marks are reversed-out banners.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.domain.money import format_yuan
from counter_app.receipts import common
from counter_app.receipts.data import ReceiptData
from counter_app.receipts.flow import (
    Banner,
    Block,
    Drawn,
    KeyValue,
    QrCode,
    Row,
    Rule,
    Spacer,
    Text,
    render_pages,
)

PAGE_WIDTH = 80 * mm
MARGINS = (5 * mm, 4 * mm, 5 * mm, 4 * mm)  # top, right, bottom, left
BODY = 7.5


def blocks(data: ReceiptData) -> list[Block]:
    out: list[Block] = [
        Text(data.hall_name, 11, "center", bold=True),
        Text(f"营业厅 Hall {data.hall_code} · 柜台 Counter {data.counter_id}", BODY, "center"),
        Spacer(3),
        Text(common.title(data), 10, "center", bold=True),
        Text(common.KIND_LABELS[data.kind], BODY, "center"),
        Spacer(3),
    ]
    for mark in common.marks(data):
        out += [Banner(mark, 13), Spacer(3)]
    out.append(Rule())
    out += [KeyValue(k, v, BODY) for k, v in common.header_fields(data)]
    out.append(Rule(dashed=True))
    out += [KeyValue(k, v, BODY) for k, v in common.customer_fields(data)]
    out.append(Rule(dashed=True))
    out.append(Row([("项目 Item", 1, "left"), ("金额 Amount", 1, "right")], BODY, bold=True, pad=0))
    out += [KeyValue(line.description, format_yuan(line.amount_fen), BODY) for line in data.lines]
    out.append(Rule())
    out.append(
        KeyValue(
            common.total_label(data), format_yuan(data.amount_fen), 9, value_size=13, bold=True
        )
    )
    out.append(Text("大写 In words: " + common.capital_text(data), BODY, bold=True))
    out.append(Rule(dashed=True))
    out += [KeyValue(k, v, BODY) for k, v in common.payment_fields(data)]
    out.append(Spacer(6))
    out.append(QrCode(common.receipt_qr_payload(data), 26 * mm))
    out.append(Text(f"校验码 Check code: {common.receipt_check(data)}", BODY, "center", bold=True))
    if data.is_void_slip:
        out += [Spacer(14), Text("值班经理签字 Supervisor: ______________", BODY)]
    out.append(Spacer(3))
    out.append(Text("请妥善保管 Please keep this receipt", 6.5, "center"))
    return out


def draw_receipt(canvas: Canvas, data: ReceiptData) -> Drawn:
    """Draw the receipt as one finished page of ``canvas`` (sizes the page itself)."""
    return render_pages(
        canvas, blocks(data), page_width=PAGE_WIDTH, page_height=None, margins=MARGINS
    )
