"""Opening a cash shift with a counted float, and closing it with a counted drawer."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import approvals, shifts
from counter_app.approvals import Approval
from counter_app.domain.money import format_yuan
from counter_app.domain.validators import ValidationError
from counter_app.payments import PaymentRefused, current_shift
from counter_app.receipts.data import ShiftReportData
from counter_app.session import CounterSession
from counter_app.shifts import ApprovalNeeded, ShiftFigures, ShiftNotSettled
from ui.denomination_grid import DenominationGrid
from ui.messages import describe, outbox_kind
from ui.payment_dialog import LARGE
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog, busy_bar, error_label


class OpenShiftDialog(WorkingDialog):
    def __init__(
        self, sess: CounterSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openShiftDialog")
        self.setWindowTitle(self.tr("Open shift"))
        self.sess = sess
        self.runner = runner
        self.shift: dict | None = None
        self.grid = DenominationGrid()
        self.error = error_label("shiftError")
        self.busy = busy_bar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Open shift"))
        self.ok_button.setObjectName("openShiftButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Count the opening float in the drawer:")))
        layout.addWidget(self.grid)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.grid.changed.connect(lambda _total: self.error.hide())
        self.grid.focus_first()

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.error.hide()
        self._set_busy(True)
        self.runner.write(
            partial(shifts.open_shift, self.sess, self.grid.counts()), self._opened, self._failed
        )

    def _set_busy(self, busy: bool) -> None:
        self.set_working(busy)
        self.ok_button.setEnabled(not busy)
        self.busy.setVisible(busy)

    def _opened(self, shift: dict) -> None:
        self._set_busy(False)
        self.shift = shift
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(describe(exc))
        self.error.show()


def _figures_of_current(sess: CounterSession) -> ShiftFigures:
    shift = current_shift(sess)
    if shift is None:
        raise PaymentRefused("There is no open shift to close.")
    return shifts.figures(sess, shift["id"])


class CloseShiftDialog(WorkingDialog):
    """Closing: counted against expected; a large variance needs a note and a supervisor."""

    def __init__(
        self, sess: CounterSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeShiftDialog")
        self.setWindowTitle(self.tr("Close shift"))
        self.sess = sess
        self.runner = runner
        self.figures: ShiftFigures | None = None
        self.approval: Approval | None = None
        self.pending: Approval | None = None  # a supervisor let it close pending upload
        self.approving = "shift_variance"  # or "pending_close": what the box approves now
        self.report: ShiftReportData | None = None

        self.expected = QLabel(self.tr("Loading…"))
        self.expected.setObjectName("expectedCash")
        self.grid = DenominationGrid()
        self.grid.changed.connect(self._recount)
        self.counted = QLabel()
        self.counted.setObjectName("countedCash")
        self.variance = QLabel("—")
        self.variance.setObjectName("variance")
        self.variance.setStyleSheet(LARGE)
        self.note = QLineEdit()
        self.note.setObjectName("varianceNote")
        self.note.setPlaceholderText(
            self.tr("Why the drawer differs (needed above ¥{limit})").format(
                limit=sess.policy.current.variance_approval_fen // 100
            )
        )
        figures_form = QFormLayout()
        figures_form.addRow(self.tr("Expected cash"), self.expected)
        figures_form.addRow(self.tr("Counted"), self.counted)
        figures_form.addRow(self.tr("Variance"), self.variance)
        figures_form.addRow(self.tr("&Note"), self.note)

        self.error = error_label("shiftError")
        self.waiting = QListWidget()
        self.waiting.setObjectName("waitingList")
        self.waiting.setMaximumHeight(120)
        self.waiting.hide()

        self.supervisor_box = QGroupBox(self.tr("Supervisor approval"))
        self.supervisor_box.setObjectName("supervisorBox")
        self.supervisor_staff_no = QLineEdit()
        self.supervisor_staff_no.setObjectName("supervisorStaffNo")
        self.supervisor_password = QLineEdit()
        self.supervisor_password.setObjectName("supervisorPassword")
        self.supervisor_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.approve_button = QPushButton(self.tr("&Approve and close"))
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setAutoDefault(False)
        self.approve_button.clicked.connect(self.approve)
        # Enter in the supervisor's fields approves (not the dialog's Close shift button).
        self.supervisor_password.returnPressed.connect(self.approve)
        self.supervisor_staff_no.returnPressed.connect(self.supervisor_password.setFocus)
        sup_form = QFormLayout(self.supervisor_box)
        sup_form.addRow(self.tr("Supervisor staff number"), self.supervisor_staff_no)
        sup_form.addRow(self.tr("Supervisor password"), self.supervisor_password)
        sup_form.addRow(self.approve_button)
        self.supervisor_box.hide()

        self.busy = busy_bar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Close shift"))
        self.ok_button.setObjectName("closeShiftButton")
        self.ok_button.setEnabled(False)  # until the figures are in
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Count the drawer:")))
        layout.addWidget(self.grid)
        layout.addLayout(figures_form)
        layout.addWidget(self.error)
        layout.addWidget(self.waiting)
        layout.addWidget(self.supervisor_box)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.note.textEdited.connect(lambda _text: self.error.hide())
        self._recount(self.grid.total_fen())
        self.grid.focus_first()
        self.setMinimumWidth(max(self.sizeHint().width(), 520))
        self.variance.setMinimumWidth(self.variance.fontMetrics().horizontalAdvance("+¥99,999.99"))
        self.busy.show()
        runner.run(partial(_figures_of_current, sess), self._figures_loaded, self._failed)

    # -- figures -------------------------------------------------------------------------
    def _figures_loaded(self, fig: ShiftFigures) -> None:
        self.busy.hide()
        self.figures = fig
        self.expected.setText(format_yuan(fig.expected_cash_fen))
        self.ok_button.setEnabled(True)
        self._recount(self.grid.total_fen())

    def variance_fen(self) -> int | None:
        if self.figures is None:
            return None
        return self.grid.total_fen() - self.figures.expected_cash_fen

    def _recount(self, total: int) -> None:
        self.counted.setText(format_yuan(total))
        variance = self.variance_fen()
        if variance is None:
            self.variance.setText("—")
            return
        self.variance.setText(
            format_yuan(variance) if variance <= 0 else "+" + format_yuan(variance)
        )
        big = abs(variance) > self.sess.policy.current.variance_approval_fen
        color = "#1b7f3b" if variance == 0 else ("#b00020" if big else "#b26a00")
        self.variance.setStyleSheet(f"{LARGE} color: {color};")

    # -- closing -------------------------------------------------------------------------
    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.error.hide()
        self.waiting.hide()
        self._set_busy(True)
        self.runner.write(
            partial(
                shifts.close_shift,
                self.sess,
                self.grid.counts(),
                self.note.text(),
                self.approval,
                self.pending,
            ),
            self._closed,
            self._failed,
        )

    def approve(self) -> None:
        if self.figures is None or not self.approve_button.isEnabled():
            return
        self.error.hide()
        self._set_busy(True)
        self.runner.run(
            partial(
                approvals.obtain,
                self.sess,
                self.supervisor_staff_no.text(),
                self.supervisor_password.text(),
                self.approving,
                self.figures.shift["id"],
                self.variance_fen() if self.approving == "shift_variance" else None,
            ),
            self._approved,
            self._failed,
            pool="net",
        )

    def _approved(self, approval: Approval) -> None:
        if self.approving == "pending_close":
            self.pending = approval
        else:
            self.approval = approval
        self.supervisor_password.clear()
        self._set_busy(False)
        self.submit()

    def _set_busy(self, busy: bool) -> None:
        self.set_working(busy)
        self.ok_button.setEnabled(not busy and self.figures is not None)
        self.approve_button.setEnabled(not busy)
        self.busy.setVisible(busy)

    def _closed(self, report: ShiftReportData) -> None:
        self._set_busy(False)
        self.report = report
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(describe(exc))
        self.error.show()
        if isinstance(exc, ShiftNotSettled):
            self.waiting.clear()
            for entry in exc.waiting:
                amount = entry.get("amount_fen")
                self.waiting.addItem(
                    self.tr("{kind} {receipt} {amount} — not yet at the province")
                    .format(
                        kind=outbox_kind(entry.get("kind") or ""),
                        receipt=entry.get("receipt_no") or "",
                        amount=format_yuan(amount) if isinstance(amount, int) else "",
                    )
                    .strip()
                )
            self.waiting.show()
            if self.sess.link.online and not any(e.get("stuck") for e in exc.waiting):
                return  # they go within moments: close again then
            # The outage outlasts the shift, or the province keeps failing on an entry: a
            # supervisor may let it close pending upload.
            self._ask_supervisor(
                "pending_close",
                self.tr("Close pending upload (supervisor, with a note)"),
                self.tr("Approve and close pending &upload"),
            )
        elif isinstance(exc, ApprovalNeeded):
            self.approval = None
            self._ask_supervisor(
                "shift_variance", self.tr("Supervisor approval"), self.tr("&Approve and close")
            )
        elif isinstance(exc, ValidationError) and exc.field == "note":
            self.note.setFocus()

    def _ask_supervisor(self, action: str, title: str, button: str) -> None:
        self.approving = action
        self.supervisor_box.setTitle(title)
        self.approve_button.setText(button)
        self.supervisor_box.show()
        # From here Enter approves: the supervisor's button becomes the default.
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(False)
        self.approve_button.setDefault(True)
        self.supervisor_staff_no.setFocus()
