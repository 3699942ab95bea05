"""Sync issues (Ctrl+Shift+I): what waits for the province, what it refused, what it took.

A waiting entry can be sent now (F5). A refused one stays until a supervisor resolves it:
sent again (Alt+G) or set aside (Alt+A), with a note; neither happens without approval.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import sync_issues
from counter_app.approvals import Approval
from counter_app.domain.kinds import ApprovalAction
from counter_app.session import CounterSession
from counter_app.storage import Cache
from counter_app.sync_issues import SyncIssue
from ui.approval_dialog import ApprovalDialog, ask_on_the_spot
from ui.messages import describe, local_time, money, outbox_kind
from ui.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.widgets import error_label, table_view


class SyncIssuesDialog(QDialog):
    def __init__(
        self,
        cache: Cache,
        runner: TaskRunner,
        parent: QWidget | None = None,
        session: CounterSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache, self.runner, self.session = cache, runner, session
        self.setObjectName("syncIssuesDialog")
        self.setWindowTitle(self.tr("Sync issues"))
        states = {
            "pending": self.tr("waiting"),
            "rejected": self.tr("refused"),
            "accepted": self.tr("taken"),
            "resolved": self.tr("resolved"),
        }
        self.model = RowsModel(
            [
                (self.tr("When"), lambda i: local_time(i.created_at, "%Y-%m-%d %H:%M:%S")),
                (self.tr("What"), lambda i: outbox_kind(i.kind)),
                (self.tr("Customer"), lambda i: i.customer),
                (self.tr("Receipt / order"), lambda i: i.receipt_no),
                (self.tr("Amount"), lambda i: "" if i.amount_fen is None else money(i.amount_fen)),
                (self.tr("State"), lambda i: states.get(i.state, i.state)),
                (self.tr("Why"), self._why),
            ],
            self,
            align_right=(4,),
        )
        self.table = table_view("syncIssues", self.model)
        self.which = sync_issues.REFUSED
        self.views = QButtonGroup(self)
        row = QHBoxLayout()
        for name, text in (
            (sync_issues.WAITING, self.tr("&Waiting")),
            (sync_issues.REFUSED, self.tr("&Refused")),
            (sync_issues.SENT, self.tr("&Sent")),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"show_{name}")
            button.setChecked(name == self.which)
            button.toggled.connect(partial(self._show, name))
            self.views.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("resolveNote")
        self.note.setPlaceholderText(self.tr("why (for the audit)"))
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note)
        self.retry = QPushButton(self.tr("Retry n&ow (F5)"))
        self.retry.setObjectName("retryNow")
        self.retry.clicked.connect(self.retry_now)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.retry_now)
        self.resend = QPushButton(self.tr("Send a&gain…"))
        self.resend.setObjectName("resendEntry")
        self.resend.clicked.connect(lambda: self.resolve("resend"))
        self.set_aside = QPushButton(self.tr("Set &aside…"))
        self.set_aside.setObjectName("setAsideEntry")
        self.set_aside.clicked.connect(lambda: self.resolve("set_aside"))
        actions = QHBoxLayout()
        for w in (note_label, self.note, self.retry, self.resend, self.set_aside):
            actions.addWidget(w)
        self.error = error_label("syncIssuesError")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        self.resize(980, 420)
        self.approval_dialog: ApprovalDialog | None = None
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.reload()

    def _why(self, issue: SyncIssue) -> str:
        if issue.needs_attention:
            return self.tr("Needs attention (still being tried): {why}").format(why=issue.reason)
        return issue.reason

    def _show(self, which: str, checked: bool) -> None:
        if checked:
            self.which = which
            self.reload()

    def reload(self) -> None:
        hints = {
            sync_issues.WAITING: self.tr(
                "Waiting for the province; each goes as soon as it can. Those that need "
                "attention are ones the province keeps failing on: tell support."
            ),
            sync_issues.REFUSED: self.tr(
                "Refused by the province and not booked there. A supervisor sends each again "
                "or sets it aside (give the money back), with a note."
            ),
            sync_issues.SENT: self.tr("The latest actions the province took, or resolved here."),
        }
        self.hint.setText(hints[self.which])
        self.runner.run(partial(sync_issues.listing, self.cache, self.which), self._loaded)

    def _loaded(self, issues: list[SyncIssue]) -> None:
        self.model.set_rows(issues)
        if issues:
            self.table.selectRow(0)
            self.table.setFocus()
        self._enable()

    def _selected(self) -> SyncIssue | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        issue = self._selected()
        refused = issue is not None and issue.state == "rejected"
        self.retry.setEnabled(issue is not None and issue.state == "pending")
        for b in (self.resend, self.set_aside):
            b.setEnabled(refused and self.session is not None)

    def retry_now(self) -> None:
        issue = self._selected()
        if issue is None or issue.state != "pending":
            return
        self.runner.write(
            partial(sync_issues.retry_now, self.cache, issue.entry_id),
            lambda _c: self.reload(),
        )

    def resolve(self, how: str) -> None:
        issue, sess = self._selected(), self.session
        if issue is None or issue.state != "rejected" or sess is None:
            return
        if not self.note.text().strip():
            self._failed_text(self.tr("Say why in a note."))
            self.note.setFocus()
            return
        what = (
            self.tr("Send {what} {no} to the province again.")
            if how == "resend"
            else self.tr("Set {what} {no} aside: it will not be booked; give the money back.")
        ).format(what=outbox_kind(issue.kind), no=issue.receipt_no)
        self.approval_dialog = ask_on_the_spot(
            self,
            sess,
            self.runner,
            ApprovalAction.RESOLVE,
            issue.entry_id,
            what,
            partial(self._approved, issue, how),
        )

    def _approved(self, issue: SyncIssue, how: str, approval: Approval) -> None:
        if self.session is None:
            return
        self.runner.write(
            partial(
                sync_issues.resolve, self.session, issue.entry_id, how, self.note.text(), approval
            ),
            lambda _how: self._resolved(),
            lambda exc: self._failed_text(describe(exc)),
        )

    def _resolved(self) -> None:
        self.note.clear()
        self.error.hide()
        self.reload()

    def _failed_text(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
