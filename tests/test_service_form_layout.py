"""The service form prints an order number on one line whatever its characters: a clerk or
a customer copies it by hand (the widest hex tails, the longest counter id a sign-in takes)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pypdf
import pytest

from counter_app.receipts.service_form import ServiceFormData, service_form_pdf


@pytest.mark.parametrize(
    "order_no",
    [
        "OH001-C07-202612040506404BD7",
        "OH001-C07-20261204050640DDDD",
        "OH001-C07-20261204050640B0B0",
        "OH001-C07-2026120405064008D8",
    ],
)
def test_the_order_number_is_on_one_line(order_no: str) -> None:
    data = ServiceFormData(
        order_no=order_no,
        order_type="new_line",
        hall_code="H001",
        hall_name="杭州西湖营业厅",
        counter_id="C07",
        clerk_staff_no="H001-C01",
        clerk_name="梁鑫",
        taken_at=datetime(2026, 12, 4, 5, 6, 40, tzinfo=UTC),
        customer_name="屈岩",
        customer_id_masked="332423********8516",
        msisdn_masked="138****1040",
        changes=(("plan", "畅享套餐 39元"),),
    )
    text = pypdf.PdfReader(io.BytesIO(service_form_pdf(data))).pages[0].extract_text()
    assert order_no in text.splitlines()
