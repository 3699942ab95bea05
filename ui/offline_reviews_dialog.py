"""Counter → Offline approvals to review… (Ctrl+Shift+R, supervisors): what supervisors
approved while the link was down, as the province found it, for the hall manager to look
at. A refused one is a proof the province did not accept: someone may have tried to forge
a supervisor's approval."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import offline_reviews
from counter_app.offline_reviews import OfflineApproval
from counter_app.session import CounterSession
from ui.messages import describe, local_time, money
from ui.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.widgets import error_label, table_view


class OfflineReviewsDialog(QDialog):
    def __init__(
        self, sess: CounterSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.sess, self.runner = sess, runner
        self.setObjectName("offlineReviewsDialog")
        self.setWindowTitle(self.tr("Offline approvals to review"))
        actions = {
            "void": self.tr("void"),
            "offline_topup": self.tr("offline top-up"),
            "shift_variance": self.tr("drawer variance"),
            "pending_close": self.tr("close pending upload"),
            "order": self.tr("service order"),
            "resolve": self.tr("sync issue"),
        }
        outcomes = {"accepted": self.tr("accepted"), "refused": self.tr("REFUSED")}
        self.model = RowsModel(
            [
                (self.tr("Received"), lambda r: local_time(r.received_at)),
                (self.tr("Asked at the counter"), lambda r: local_time(r.asked_at)),
                (self.tr("Supervisor"), lambda r: r.supervisor_staff_no),
                (self.tr("Counter"), lambda r: r.counter_id),
                (self.tr("What"), lambda r: actions.get(r.action, r.action)),
                (self.tr("Amount"), lambda r: "" if r.amount_fen is None else money(r.amount_fen)),
                (self.tr("Province"), lambda r: outcomes.get(r.outcome, r.outcome)),
                (self.tr("Note"), lambda r: r.review_note),
            ],
            self,
            align_right=(5,),
        )
        self.table = table_view("offlineReviews", self.model)
        self.show_reviewed = QCheckBox(self.tr("Show &reviewed ones"))
        self.show_reviewed.setObjectName("showReviewed")
        self.show_reviewed.toggled.connect(lambda _on: self.reload())
        self.hint = QLabel(
            self.tr(
                "Approvals given while the province was unreachable. REFUSED: the province did "
                "not accept the supervisor's proof; find out who asked for it. Another "
                "supervisor than the one who approved marks each reviewed."
            )
        )
        self.hint.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("reviewNote")
        self.note.setMaxLength(offline_reviews.MAX_NOTE)
        self.note.setPlaceholderText(self.tr("what you found (for the audit)"))
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note)
        self.mark = QPushButton(self.tr("&Mark reviewed"))
        self.mark.setObjectName("markReviewed")
        self.mark.clicked.connect(self.mark_reviewed)
        self.note.returnPressed.connect(self.mark_reviewed)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload)
        row = QHBoxLayout()
        for w in (note_label, self.note, self.mark):
            row.addWidget(w)
        self.error = error_label("offlineReviewsError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.show_reviewed)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.resize(980, 420)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.reload()

    def reload(self) -> None:
        self.error.hide()
        self.runner.run(
            partial(offline_reviews.listing, self.sess, self.show_reviewed.isChecked()),
            self._loaded,
            self._failed,
            pool="net",
        )

    def _loaded(self, rows: list[OfflineApproval]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.table.setFocus()
        self._enable()

    def _selected(self) -> OfflineApproval | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        row = self._selected()
        self.mark.setEnabled(row is not None and row.reviewed_at is None)

    def mark_reviewed(self) -> None:
        row = self._selected()
        if row is None or row.reviewed_at is not None or not self.mark.isEnabled():
            return
        self.mark.setEnabled(False)
        self.runner.run(
            partial(offline_reviews.mark_reviewed, self.sess, row.id, self.note.text()),
            self._marked,
            self._failed,
            pool="net",
        )

    def _marked(self, _row: OfflineApproval) -> None:
        self.note.clear()
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(describe(exc))
        self.error.show()
        self._enable()
