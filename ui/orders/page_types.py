"""Which page asks for which kind of order."""

from __future__ import annotations

from counter_app.domain.orders import OrderType
from ui.orders.owner_pages import CancelPage, ReversePage, SimReplacePage, TransferPage
from ui.orders.pages import (
    AddonsPage,
    ChangePlanPage,
    NewLinePage,
    OrderPage,
    ResumePage,
    SuspendPage,
)

PAGES: dict[OrderType, type[OrderPage]] = {
    p.type: p
    for p in (
        NewLinePage,
        ChangePlanPage,
        AddonsPage,
        SuspendPage,
        ResumePage,
        SimReplacePage,
        TransferPage,
        CancelPage,
        ReversePage,
    )
}
