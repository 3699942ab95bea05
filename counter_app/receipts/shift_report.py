"""The shift report (交班报表) printed at hand-over, on A5 or on the 80 mm roll.

Totals by payment method (with counts) and by kind, voids, the cash balance (opening
float, cash in and out, expected, counted, variance), the till count by denomination,
the clerk's note, and the supervisor's approval with signature lines.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.domain.money import DENOMINATIONS_FEN, format_yuan
from counter_app.receipts.common import KIND_LABELS, METHOD_LABELS, local_time
from counter_app.receipts.data import ShiftReportData
from counter_app.receipts.flow import (
    Banner,
    Block,
    Columns,
    Drawn,
    KeyValue,
    Row,
    Rule,
    Spacer,
    Text,
    render_pages,
)
from counter_app.receipts.text import GREY

LAYOUTS = {
    # name: (page width, page height or None for a roll, margins, body size)
    "a5": (A5[0], A5[1], (12 * mm, 12 * mm, 10 * mm, 12 * mm), 8.5),
    "roll80": (80 * mm, None, (5 * mm, 4 * mm, 5 * mm, 4 * mm), 7.5),
}


def variance_text(variance_fen: int) -> str:
    if variance_fen > 0:
        return f"长款 Over +{format_yuan(variance_fen)}"
    if variance_fen < 0:
        return f"短款 Short {format_yuan(variance_fen)}"
    return f"平 Balanced {format_yuan(0)}"


def _section(title: str, body: float) -> Block:
    heading = Text(title, body + 1, bold=True)
    heading.keep_with_next = True
    return heading


def _table(
    header: list[str], rows: list[list[str]], weights: list[float], body: float, boxed: bool
) -> list[Block]:
    aligns = ["left"] + ["right"] * (len(header) - 1)
    out: list[Block] = []
    head = Row(
        list(zip(header, weights, aligns, strict=True)),
        body,
        bold=True,
        shade=GREY if boxed else None,
        box=boxed,
        pad=2 if boxed else 0.5,
    )
    head.keep_with_next = True
    out.append(head)
    for i, cells in enumerate(rows):
        row = Row(
            list(zip(cells, weights, aligns, strict=True)),
            body,
            box=boxed,
            bold=i == len(rows) - 1 and cells[0].startswith("合计"),
            pad=2 if boxed else 0.5,
        )
        out.append(row)
    return out


def _sales(report: ShiftReportData, body: float, boxed: bool) -> list[Block]:
    methods = [
        m for m in METHOD_LABELS if m in report.totals_by_method or m in report.counts_by_method
    ]
    methods += [m for m in report.totals_by_method if m not in methods]
    rows = [
        [
            METHOD_LABELS.get(m, m),
            str(report.counts_by_method.get(m, 0)),
            format_yuan(report.totals_by_method.get(m, 0)),
        ]
        for m in methods
    ]
    rows.append(
        [
            "合计 Total",
            str(report.payment_count),
            format_yuan(sum(report.totals_by_method.values())),
        ]
    )
    out = [_section("按付款方式 By method", body)]
    out += _table(["方式 Method", "笔数 No.", "金额 Amount"], rows, [4, 2, 3.2], body, boxed)
    out.append(Spacer(6))

    kinds = [k for k in KIND_LABELS if k in report.totals_by_kind]
    kinds += [k for k in report.totals_by_kind if k not in kinds]
    rows = [[KIND_LABELS.get(k, k), format_yuan(report.totals_by_kind[k])] for k in kinds]
    rows.append(["合计 Total", format_yuan(sum(report.totals_by_kind.values()))])
    out.append(_section("按业务类型 By kind", body))
    out += _table(["类型 Kind", "金额 Amount"], rows, [6, 3.2], body, boxed)
    out.append(Spacer(4))
    out.append(KeyValue("缴费笔数 Payments", str(report.payment_count), body))
    out.append(
        KeyValue(
            "作废 Voids", f"{report.void_count} 笔 · {format_yuan(report.void_total_fen)}", body
        )
    )
    return out


def _cash(report: ShiftReportData, body: float, boxed: bool) -> list[Block]:
    out: list[Block] = [
        _section("现金 Cash", body),
        KeyValue("备用金 Opening float", format_yuan(report.opening_float_fen), body),
        KeyValue("现金收入 Cash in", format_yuan(report.cash_in_fen), body),
        KeyValue("现金支出 Cash out", format_yuan(report.cash_out_fen), body),
        KeyValue("应有现金 Expected", format_yuan(report.expected_cash_fen), body, bold=True),
        KeyValue("实点现金 Counted", format_yuan(report.counted_cash_fen), body, bold=True),
        KeyValue(
            "差额 Variance",
            variance_text(report.variance_fen),
            body,
            value_size=body + 2,
            bold=True,
        ),
    ]
    if report.counted_by_denomination:
        rows = [
            [
                format_yuan(d),
                str(report.counted_by_denomination[d]),
                format_yuan(d * report.counted_by_denomination[d]),
            ]
            for d in DENOMINATIONS_FEN
            if report.counted_by_denomination.get(d)
        ]
        rows.append(
            [
                "合计 Total",
                str(sum(report.counted_by_denomination.values())),
                format_yuan(report.counted_cash_fen),
            ]
        )
        out.append(Spacer(6))
        out.append(_section("点钞 Cash count", body))
        out += _table(["面额 Note", "张/枚 Pcs", "金额 Amount"], rows, [3, 2, 3.2], body, boxed)
    return out


def blocks(report: ShiftReportData, layout: str) -> list[Block]:
    _, _, _, body = LAYOUTS[layout]
    boxed = layout == "a5"
    who = [
        KeyValue("班次 Shift", report.shift_id, body),
        KeyValue("营业员 Clerk", f"{report.clerk_staff_no} {report.clerk_name}".strip(), body),
    ]
    when = [
        KeyValue("开班 Opened", local_time(report.opened_at, report.time_zone), body),
        KeyValue("交班 Closed", local_time(report.closed_at, report.time_zone), body),
    ]
    out: list[Block] = [
        Text(report.hall_name, 14 if boxed else 11, "center", bold=True),
        Text(f"营业厅 Hall {report.hall_code} · 柜台 Counter {report.counter_id}", body, "center"),
        Spacer(3),
        Text("交班报表 SHIFT REPORT", 13 if boxed else 10, "center", bold=True),
        Spacer(3),
        Rule(thickness=1),
    ]
    if boxed:  # A5: two columns, so the whole report fits one page
        out += [
            Columns([(1, who), (1, when)], gap=14),
            Spacer(8),
            Columns([(1, _sales(report, body, boxed)), (1, _cash(report, body, boxed))], gap=14),
        ]
    else:
        out += [
            *who,
            *when,
            Spacer(6),
            *_sales(report, body, boxed),
            Spacer(6),
            *_cash(report, body, boxed),
        ]
    out.append(Spacer(6))

    if report.pending_upload:
        out.append(_section("待上传 PENDING UPLOAD", body))
        out.append(
            Text(
                f"{report.pending_upload} 笔未上传省级 / {report.pending_upload} actions had not "
                f"reached the province at closing; closed by {report.pending_approved_by or '—'}. "
                "省级收到后对账 / The province reconciles the shift when they arrive.",
                body,
            )
        )
        out.append(Spacer(6))
    if report.note:
        out.append(_section("备注 Note", body))
        out.append(Text(report.note, body))
        out.append(Spacer(6))

    out.append(Rule())
    approver = report.approved_by or report.pending_approved_by
    if approver:
        out.append(KeyValue("值班经理审批 Approved by", approver, body + 1, bold=True))
    else:
        out.append(Banner("未审批 / NOT APPROVED", body + 3))
    out.append(Spacer(18))
    sign = [
        ("营业员 Clerk: ____________", 1, "left"),
        ("值班经理 Supervisor: ____________", 1, "right"),
    ]
    if boxed:
        out.append(Row(sign, body, pad=0))
    else:
        out += [Text(sign[0][0], body), Spacer(14), Text(sign[1][0], body)]
    return out


def draw_shift_report(canvas: Canvas, report: ShiftReportData, layout: str = "a5") -> Drawn:
    """Draw the report as finished page(s) of ``canvas``; ``layout`` "a5" or "roll80"."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; use one of {sorted(LAYOUTS)}")
    width, height, margins, _ = LAYOUTS[layout]
    footer = f"交班报表 Shift report {report.shift_id}" if height else None
    return render_pages(
        canvas,
        blocks(report, layout),
        page_width=width,
        page_height=height,
        margins=margins,
        footer=footer,
    )
