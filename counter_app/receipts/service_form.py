"""The service form (业务受理单 / 免填单) of an order, on A4: what the customer asked for,
pre-filled, with the fees, the plan's terms and the customer's signature, as PDF bytes.

Laid out with reportlab's platypus (the form grows with the order); the receipt font is
embedded, so the Chinese reads on any viewer and the text can be read back.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from counter_app.domain.hall_time import DEFAULT_ZONE
from counter_app.domain.money import format_yuan
from counter_app.receipts.common import local_time
from counter_app.receipts.fonts import register_fonts

TITLE = "业务受理单 SERVICE ORDER FORM"
TYPE_LABELS = {
    "new_line": "开户 New line",
    "change_plan": "改套餐 Plan change",
    "addons": "增值业务 Add-ons",
    "suspend": "报停 Suspension",
    "resume": "复机 Resumption",
    "sim_replace": "补换卡 SIM replacement",
    "transfer": "过户 Ownership transfer",
    "cancel": "销户 Line cancellation",
    "reverse": "返销 Order reversal",
}
# The domain's summary labels (counter_app.domain.orders), bilingual on paper.
CHANGE_LABELS = {
    "Number": "号码 Number",
    "New number": "新号码 New number",
    "SIM card": "SIM卡 SIM card",
    "New SIM": "新卡 New SIM",
    "Old SIM (deactivated)": "旧卡(停用) Old SIM (deactivated)",
    "Plan": "套餐 Plan",
    "Plan now": "现套餐 Plan now",
    "New plan": "新套餐 New plan",
    "Takes effect": "生效 Takes effect",
    "Add-ons": "增值业务 Add-ons",
    "Add": "新增 Add",
    "Remove": "取消 Remove",
    "Line status": "号码状态 Line status",
    "New owner": "新机主 New owner",
    "Number (cancelled)": "销户号码 Number (cancelled)",
    "Balance refunded in cash": "退还余额(现金) Balance refunded in cash",
    "Order reversed": "返销业务 Order reversed",
}


@dataclass(frozen=True)
class FormFee:
    name: str
    amount_fen: int
    waived_fen: int = 0
    waiver_reason: str = ""


@dataclass(frozen=True)
class ServiceFormData:
    order_no: str
    order_type: str
    hall_code: str
    hall_name: str
    counter_id: str
    clerk_staff_no: str
    clerk_name: str
    taken_at: datetime
    customer_name: str
    customer_id_masked: str
    msisdn_masked: str
    changes: tuple[tuple[str, str], ...]
    fees: tuple[FormFee, ...] = ()
    deposit_fen: int = 0
    terms: tuple[str, ...] = ()
    approved_by: str | None = None
    signature_png: bytes | None = None
    reprint: int = 0
    time_zone: str = DEFAULT_ZONE

    @property
    def total_fen(self) -> int:
        return sum(f.amount_fen - f.waived_fen for f in self.fees) + self.deposit_fen


def _styles(font: str) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13)
    title = ParagraphStyle("title", parent=body, fontSize=15, leading=20, alignment=1)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=colors.grey)
    return body, title, small


def _grid(rows: list[list[object]], widths: list[float], head: bool = False) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]
    if head:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)))
    table.setStyle(TableStyle(style))
    return table


def service_form_pdf(data: ServiceFormData) -> bytes:
    font = register_fonts()
    body, title, small = _styles(font)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{TITLE} {data.order_no}",
        subject=f"{data.hall_name} {data.hall_code} · 柜台 {data.counter_id}",
        author="Counter",
        creator="Counter",
    )
    width = A4[0] - 36 * mm
    story: list[object] = [p(TITLE, title)]
    if data.reprint:
        story.append(p(f"重打 / REPRINT {data.reprint}", title))
    story += [
        Spacer(1, 4 * mm),
        _grid(
            [
                [
                    p("受理单号 Order No."),
                    p(data.order_no),
                    p("业务 Order"),
                    p(TYPE_LABELS.get(data.order_type, data.order_type)),
                ],
                [
                    p("时间 Time"),
                    p(local_time(data.taken_at, data.time_zone)),
                    p("营业厅 Hall"),
                    p(f"{data.hall_name} · 柜台 {data.counter_id}"),
                ],
                [
                    p("客户 Customer"),
                    p(data.customer_name),
                    p("证件 ID"),
                    p(data.customer_id_masked),
                ],
                [
                    p("号码 Number"),
                    p(data.msisdn_masked),
                    p("营业员 Clerk"),
                    p(f"{data.clerk_staff_no} {data.clerk_name}".strip()),
                ],
            ],
            # the order number's column fits the longest one on one line (it is copied by hand)
            [0.17 * width, 0.37 * width, 0.15 * width, 0.31 * width],
        ),
        Spacer(1, 4 * mm),
        p("受理内容 What changes"),
        _grid(
            [[p(CHANGE_LABELS.get(k, k)), p(v)] for k, v in data.changes] or [[p("—"), p("")]],
            [0.35 * width, 0.65 * width],
        ),
        Spacer(1, 4 * mm),
        p("费用 Fees"),
    ]
    fee_rows: list[list[object]] = [
        [p("项目 Item"), p("金额 Amount"), p("减免 Waived"), p("应收 Due")]
    ]
    for f in data.fees:
        waived = format_yuan(f.waived_fen) if f.waived_fen else "—"
        if f.waiver_reason:
            waived += f" ({f.waiver_reason})"
        fee_rows.append(
            [
                p(f.name),
                p(format_yuan(f.amount_fen)),
                p(waived),
                p(format_yuan(f.amount_fen - f.waived_fen)),
            ]
        )
    if data.deposit_fen:
        fee_rows.append(
            [
                p("预存话费 Pre-deposit"),
                p(format_yuan(data.deposit_fen)),
                p("—"),
                p(format_yuan(data.deposit_fen)),
            ]
        )
    fee_rows.append([p("合计 Total"), p(""), p(""), p(format_yuan(data.total_fen))])
    story.append(_grid(fee_rows, [0.4 * width, 0.18 * width, 0.24 * width, 0.18 * width], True))
    if data.approved_by:
        story += [Spacer(1, 2 * mm), p(f"审批 Approved by: {data.approved_by}")]
    if data.terms:
        story += [Spacer(1, 4 * mm), p("条款 Terms")]
        story += [p(f"· {t}", small) for t in data.terms]
    story += [Spacer(1, 6 * mm), p("客户签名 Customer's signature")]
    if data.signature_png:
        story.append(
            Image(
                io.BytesIO(data.signature_png),
                width=70 * mm,
                height=28 * mm,
                kind="proportional",
                hAlign="LEFT",
            )
        )
    else:
        story.append(Spacer(1, 24 * mm))
    story.append(p("本人已确认以上业务内容。I confirm the order above.", small))
    doc.build(story)
    return buffer.getvalue()
