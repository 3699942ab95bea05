"""Receipt on A5 portrait (148 × 210 mm), for office printers.

A form: hall header, title, the receipt and customer facts in two columns, a boxed table of
what was paid with the total, the amount in capitals in its own frame (人民币大写), payment
details beside the QR code, and signature lines. A receipt with many lines continues on
further pages, numbered at the foot.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.domain.money import format_yuan
from counter_app.receipts import common
from counter_app.receipts.data import ReceiptData
from counter_app.receipts.flow import (
    Banner,
    Block,
    Boxed,
    Columns,
    Drawn,
    KeyValue,
    QrCode,
    Row,
    Rule,
    Spacer,
    Text,
    render_pages,
)
from counter_app.receipts.text import GREY

PAGE_WIDTH, PAGE_HEIGHT = A5
MARGINS = (12 * mm, 12 * mm, 10 * mm, 12 * mm)  # top, right, bottom, left
BODY = 8.5
TABLE = [1.6, 6.4, 3]  # 序号 / 项目 / 金额 column weights


def blocks(data: ReceiptData) -> list[Block]:
    out: list[Block] = [
        Text(data.hall_name, 15, "center", bold=True),
        Text(
            f"营业厅编码 Hall code {data.hall_code} · 柜台 Counter {data.counter_id}",
            BODY,
            "center",
        ),
        Spacer(4),
        Text(common.title(data), 13, "center", bold=True),
        Text(common.KIND_LABELS[data.kind], BODY, "center"),
        Spacer(4),
    ]
    for mark in common.marks(data):
        out += [Banner(mark, 15, pad=4), Spacer(4)]
    out.append(Rule(thickness=1))
    out.append(
        Columns(
            [
                (1, [KeyValue(k, v, BODY) for k, v in common.header_fields(data)]),
                (1, [KeyValue(k, v, BODY) for k, v in common.customer_fields(data)]),
            ],
            gap=14,
        )
    )
    out.append(Spacer(6))

    heading = Row(
        [
            ("序号 No.", TABLE[0], "center"),
            ("项目 Item", TABLE[1], "left"),
            ("金额 Amount", TABLE[2], "right"),
        ],
        BODY,
        bold=True,
        shade=GREY,
        box=True,
    )
    heading.keep_with_next = True
    out.append(heading)
    for number, line in enumerate(data.lines, start=1):
        out.append(
            Row(
                [
                    (str(number), TABLE[0], "center"),
                    (line.description, TABLE[1], "left"),
                    (format_yuan(line.amount_fen), TABLE[2], "right"),
                ],
                BODY,
                box=True,
            )
        )
    out.append(
        Row(
            [
                ("", TABLE[0], "center"),
                (common.total_label(data), TABLE[1], "left"),
                (format_yuan(data.amount_fen), TABLE[2], "right"),
            ],
            11,
            bold=True,
            box=True,
            pad=3.5,
        )
    )
    out.append(Spacer(6))
    out.append(
        Boxed(
            [
                Text("人民币（大写） Amount in words", 7.5),
                Text(common.capital_text(data), 12, bold=True),
            ],
            pad=5,
        )
    )
    out.append(Spacer(8))

    payment: list[Block] = [KeyValue(k, v, BODY) for k, v in common.payment_fields(data)]
    payment += [
        Spacer(8),
        KeyValue("校验码 Check code", common.receipt_check(data), BODY, value_size=11, bold=True),
    ]
    qr: list[Block] = [
        QrCode(common.receipt_qr_payload(data), 30 * mm),
        Text("收据二维码 Receipt QR", 6.5, "center"),
    ]
    out.append(Columns([(3, payment), (2, qr)], gap=16))
    out.append(Spacer(16))
    second = "值班经理签字 Supervisor" if data.is_void_slip else "客户签字 Customer"
    out.append(
        Row(
            [
                ("营业员签字 Clerk: ________________", 1, "left"),
                (f"{second}: ________________", 1, "right"),
            ],
            BODY,
            pad=0,
        )
    )
    return out


def draw_receipt(canvas: Canvas, data: ReceiptData) -> Drawn:
    """Draw the receipt on one or more finished A5 pages of ``canvas``."""
    return render_pages(
        canvas,
        blocks(data),
        page_width=PAGE_WIDTH,
        page_height=PAGE_HEIGHT,
        margins=MARGINS,
        footer=footer(data),
    )


def footer(data: ReceiptData) -> str:
    """The foot of every page; it repeats the marks, so a continuation page carries them."""
    parts = ["请妥善保管 Please keep this receipt", data.receipt_no]
    if data.is_void_slip:
        parts.append(f"作废 VOID {data.void_of}")
    if data.voided:
        parts.append("已作废 VOIDED")
    if data.reprint:
        parts.append(f"重打 REPRINT {data.reprint}")
    return " · ".join(parts)
