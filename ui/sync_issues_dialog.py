"""Sync issues: what the province refused, for a person to act on (never dropped)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from counter_app import sync_issues
from counter_app.storage import Cache
from counter_app.sync_issues import SyncIssue
from ui.messages import local_time, money
from ui.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.widgets import table_view


class SyncIssuesDialog(QDialog):
    def __init__(self, cache: Cache, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIssuesDialog")
        self.setWindowTitle(self.tr("Sync issues"))
        kinds = {
            "payment": self.tr("payment"),
            "void": self.tr("void"),
            "shift_open": self.tr("open shift"),
            "shift_close": self.tr("close shift"),
        }
        self.model = RowsModel(
            [
                (self.tr("When"), lambda i: local_time(i.created_at, "%Y-%m-%d %H:%M:%S")),
                (self.tr("What"), lambda i: kinds.get(i.kind, i.kind)),
                (self.tr("Receipt"), lambda i: i.receipt_no),
                (self.tr("Amount"), lambda i: "" if i.amount_fen is None else money(i.amount_fen)),
                (
                    self.tr("Why"),
                    lambda i: (
                        self.tr("Needs attention (still being tried): {why}").format(why=i.reason)
                        if i.needs_attention
                        else i.reason
                    ),
                ),
            ],
            self,
            align_right=(3,),
        )
        table = table_view("syncIssues", self.model)
        hint = QLabel(
            self.tr(
                "These actions were refused by the province and were not booked "
                "there. Settle each with the customer or your supervisor. Those that need "
                "attention are still being sent: the province fails on them; tell support."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(table)
        self.resize(820, 360)
        runner.run(partial(sync_issues.refused, cache), self._loaded)

    def _loaded(self, issues: list[SyncIssue]) -> None:
        self.model.set_rows(issues)
