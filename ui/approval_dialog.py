"""A supervisor approves on the clerk's screen: staff number and password, checked by the
province (or, offline, against the supervisor's offline verifier)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app import approvals
from counter_app.approvals import Approval
from counter_app.session import CounterSession
from ui.messages import describe
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog


class ApprovalDialog(WorkingDialog):
    def __init__(
        self,
        sess: CounterSession,
        runner: TaskRunner,
        action: str,
        target_id: str,
        what: str,
        parent: QWidget | None = None,
        amount_fen: int | None = None,
    ) -> None:
        """`amount_fen`: the money approved, where there is some (offline, capped)."""
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Supervisor approval"))
        self.sess, self.runner = sess, runner
        self.action, self.target_id, self.amount_fen = action, target_id, amount_fen
        self.approval: Approval | None = None
        self.staff_no = QLineEdit()
        self.staff_no.setObjectName("supervisorStaffNo")
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("approvalError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Supervisor staff number"), self.staff_no)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Approve"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("approveButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(what)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.staff_no.setFocus()

    def submit(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.set_working(True)
        self.runner.run(
            partial(
                approvals.obtain,
                self.sess,
                self.staff_no.text(),
                self.password.text(),
                self.action,
                self.target_id,
                self.amount_fen,
            ),
            self._approved,
            self._refused,
            pool="net",
        )

    def _approved(self, approval: Approval) -> None:
        self.set_working(False)
        self.approval = approval
        self.password.clear()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.set_working(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        text = describe(exc)
        self.error.setText(text)
        self.error.show()
        self.password.clear()
        self.password.setFocus()


def ask_on_the_spot(
    parent: QWidget,
    sess: CounterSession,
    runner: TaskRunner,
    action: str,
    target_id: str,
    what: str,
    then: Callable[[Approval], None],
    amount_fen: int | None = None,
) -> ApprovalDialog:
    """A supervisor approves over `parent`; `then` gets the approval. The keys come back to
    `parent` afterwards, even where no window manager hands the activation back."""
    dialog = ApprovalDialog(sess, runner, action, target_id, what, parent, amount_fen)
    dialog.accepted.connect(lambda: then(dialog.approval) if dialog.approval else None)
    dialog.finished.connect(lambda _r: parent.activateWindow())
    dialog.open()
    return dialog
