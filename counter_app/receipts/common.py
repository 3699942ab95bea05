"""What both receipt layouts print, worded once: labels, local time, QR payload, marks."""

from __future__ import annotations

from datetime import datetime

from counter_app.domain import hall_time
from counter_app.domain.money import format_yuan, to_chinese_capital
from counter_app.receipts.check import check_code, qr_payload
from counter_app.receipts.data import ReceiptData

METHOD_LABELS = {"cash": "现金 Cash", "card": "银行卡 Card", "qr": "扫码 QR pay"}
KIND_LABELS = {
    "bill": "账单缴费 Bill payment",
    "topup": "充值 Top-up",
    "order_fee": "业务费用 Order fee",
    "refund": "退款 Refund",
}
TITLE = "缴费收据 PAYMENT RECEIPT"
VOID_TITLE = "作废凭证 VOID SLIP"
REFUND_TITLE = "退款凭证 REFUND SLIP"


def local_time(moment: datetime, zone_name: str = hall_time.DEFAULT_ZONE) -> str:
    """On the hall's clock (the zone the province gave at sign-in)."""
    return hall_time.local(moment, zone_name).strftime("%Y-%m-%d %H:%M:%S")


def receipt_check(data: ReceiptData) -> str:
    return check_code(data.receipt_no, data.amount_fen, data.paid_at)


def receipt_qr_payload(data: ReceiptData) -> str:
    return qr_payload(data.receipt_no, data.amount_fen, receipt_check(data))


def title(data: ReceiptData) -> str:
    if data.is_void_slip:
        return VOID_TITLE
    return REFUND_TITLE if data.kind == "refund" else TITLE


def marks(data: ReceiptData) -> list[str]:
    """The banners a receipt carries, most important first."""
    out = []
    if data.is_void_slip:
        out.append(f"作废 / VOID\n原收据 Voids {data.void_of}")
    if data.voided:
        out.append("已作废 / VOIDED")
    if data.reprint:
        out.append(f"重打 / REPRINT {data.reprint}")
    if data.offline:
        out.append("离线临时收据 / PROVISIONAL\n待省级确认 Taken offline: confirmed when synced")
    return out


def header_fields(data: ReceiptData) -> list[tuple[str, str]]:
    return [
        ("收据号 Receipt No.", data.receipt_no),
        ("时间 Time", local_time(data.paid_at, data.time_zone)),
        ("营业员 Clerk", f"{data.clerk_staff_no} {data.clerk_name}".strip()),
    ]


def customer_fields(data: ReceiptData) -> list[tuple[str, str]]:
    return [
        ("客户 Customer", data.customer_name),
        ("证件号码 ID No.", data.customer_id_masked),
        ("服务号码 Number", data.msisdn_masked),
    ]


def total_label(data: ReceiptData) -> str:
    return "冲正金额 Reversed" if data.is_void_slip else "合计 Total"


def capital_text(data: ReceiptData) -> str:
    return to_chinese_capital(data.amount_fen)


def payment_fields(data: ReceiptData) -> list[tuple[str, str]]:
    """Method, then cash tendered/change or the card reference; a void slip's refund
    and approval instead of tender."""
    if data.is_void_slip:
        rows = [
            ("作废收据 Voids receipt", data.void_of or ""),
            ("退款方式 Refund via", METHOD_LABELS[data.method]),
            ("批准人 Approved by", data.approved_by or "—"),
        ]
        if data.method == "card" and data.card_ref:
            rows.append(("卡号/授权码 Card ref.", data.card_ref))
        return rows
    rows = [("付款方式 Method", METHOD_LABELS[data.method])]
    if data.method == "cash":
        if data.tendered_fen is not None:
            rows.append(("实收 Tendered", format_yuan(data.tendered_fen)))
        if data.change_fen is not None:
            rows.append(("找零 Change", format_yuan(data.change_fen)))
    elif data.method == "card" and data.card_ref:
        rows.append(("卡号/授权码 Card ref.", data.card_ref))
    elif data.method == "qr" and data.card_ref:
        rows.append(("交易号 Transaction", data.card_ref))
    if data.owed_after_fen:
        rows.append(("尚欠 Still owed", format_yuan(data.owed_after_fen)))
    if data.balance_after_fen is not None:
        mark = " (暂估 provisional)" if data.provisional else ""
        rows.append(("充值后余额 New balance", format_yuan(data.balance_after_fen) + mark))
    return rows


def pdf_title(data: ReceiptData) -> str:
    head = "作废凭证 Void slip" if data.is_void_slip else "收据 Receipt"
    return f"{head} {data.receipt_no}"


def pdf_subject(data: ReceiptData) -> str:
    what = KIND_LABELS[data.kind]
    return f"{data.hall_name} {data.hall_code} · {what} · {format_yuan(data.amount_fen)}"
