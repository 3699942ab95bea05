"""Counter → Unlock a staff number… (Ctrl+Shift+K, supervisors): lifts the lock the province
puts on a staff number after too many wrong passwords."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app import staff_admin
from counter_app.session import CounterSession
from ui.messages import describe
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog, error_label


class StaffUnlockDialog(WorkingDialog):
    def __init__(
        self, sess: CounterSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staffUnlockDialog")
        self.setWindowTitle(self.tr("Unlock a staff number"))
        self.sess, self.runner = sess, runner
        self.staff_no = QLineEdit()
        self.staff_no.setObjectName("unlockStaffNo")
        self.staff_no.setPlaceholderText("H001-C02")
        self.result_label = QLabel()
        self.result_label.setObjectName("unlockResult")
        self.result_label.setWordWrap(True)
        self.error = error_label("unlockError")
        form = QFormLayout()
        form.addRow(self.tr("&Staff number"), self.staff_no)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.unlock_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.unlock_button.setText(self.tr("&Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "A staff number is locked after too many wrong passwords. Unlock it once you "
                "know the person at the counter is its owner."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.staff_no.returnPressed.connect(self.submit)
        self.staff_no.setFocus()

    def submit(self) -> None:
        if self.working:
            return
        self.error.hide()
        self.result_label.clear()
        self.set_working(True)
        self.unlock_button.setEnabled(False)
        staff_no = self.staff_no.text().strip().upper()
        self.runner.run(
            partial(staff_admin.unlock, self.sess, staff_no),
            partial(self._done, staff_no),
            self._failed,
            pool="net",
        )

    def _done(self, staff_no: str, was_locked: bool) -> None:
        self.set_working(False)
        self.unlock_button.setEnabled(True)
        text = (
            self.tr("{no} is unlocked: its owner can sign in again.")
            if was_locked
            else self.tr("{no} was not locked.")
        )
        self.result_label.setText(text.format(no=staff_no))
        self.staff_no.selectAll()
        self.staff_no.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.set_working(False)
        self.unlock_button.setEnabled(True)
        self.error.setText(describe(exc))
        self.error.show()
        self.staff_no.selectAll()
        self.staff_no.setFocus()
