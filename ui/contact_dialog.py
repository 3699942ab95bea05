"""Editing a customer's contact number and address. If someone changed the customer
meanwhile, the province refuses the edit (409): both versions are shown and the clerk
keeps theirs or saves this one over it."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import registration
from counter_app.customers import CustomerView
from counter_app.domain.masking import mask_mobile
from counter_app.registration import StaleEdit
from counter_app.session import CounterSession
from ui.messages import describe
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog, error_label


class ContactDialog(WorkingDialog):
    saved = Signal(object)  # the customer as the province has it now

    def __init__(
        self,
        sess: CounterSession,
        runner: TaskRunner,
        view: CustomerView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("Contact details — {name}").format(name=view.name))
        self.sess, self.runner, self.view = sess, runner, view
        self.version = view.version
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.phone = QLineEdit()
        self.phone.setObjectName("contactPhone")
        self.phone.setPlaceholderText(
            self.tr("now {phone}: type the new number").format(phone=view.contact_phone_masked)
        )
        self.address = QLineEdit(view.address)
        self.address.setObjectName("contactAddress")
        for label, edit in (
            (self.tr("Contact &phone"), self.phone),
            (self.tr("&Address"), self.address),
        ):
            text = QLabel(label)
            text.setBuddy(edit)
            form.addRow(text, edit)
        layout.addLayout(form)
        self.conflict = QLabel()
        self.conflict.setObjectName("contactConflict")
        self.conflict.setWordWrap(True)
        self.conflict.setStyleSheet("color: #b26a00; font-weight: bold;")
        self.conflict.hide()
        layout.addWidget(self.conflict)
        self.error = error_label("contactError")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.save = self.buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("contactSave")
        self.take_theirs: QPushButton = self.buttons.addButton(
            self.tr("&Take theirs"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.take_theirs.setObjectName("contactTakeTheirs")
        self.take_theirs.hide()
        self.take_theirs.clicked.connect(self.accept)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.save.setDefault(True)
        self.phone.setFocus()

    def submit(self) -> None:
        if self.working:
            return
        self.error.hide()
        self.set_working(True)
        self.save.setEnabled(False)
        self.runner.write(
            partial(
                registration.edit_contact,
                self.sess,
                self.view.customer_id,
                self.version,
                self.phone.text(),
                self.address.text(),
            ),
            self._saved,
            self._refused,
            pool="net",
        )

    def _saved(self, customer: dict[str, Any]) -> None:
        self.set_working(False)
        self.saved.emit(customer)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.set_working(False)
        self.save.setEnabled(True)
        if isinstance(exc, StaleEdit):
            theirs = exc.theirs
            self.version = int(theirs["version"])  # Save again puts this one over theirs
            self.conflict.setText(
                self.tr(
                    "Someone changed this customer meanwhile.\n"
                    "Theirs: {their_phone} · {their_address}\n"
                    "Yours: {my_phone} · {my_address}\n"
                    "Save keeps yours; Take theirs keeps what is there now."
                ).format(
                    their_phone=mask_mobile(str(theirs.get("contact_phone") or "")),
                    their_address=theirs.get("address") or "—",
                    my_phone=mask_mobile(exc.mine["contact_phone"]),
                    my_address=exc.mine["address"],
                )
            )
            self.conflict.show()
            self.take_theirs.show()
            self.save.setText(self.tr("&Save mine"))
            self.save.setFocus()
            return
        self.error.setText(describe(exc))
        self.error.show()
        field = getattr(exc, "field", "")
        target = {"contact_phone": self.phone, "address": self.address}.get(field)
        if target is not None:
            target.setFocus()
            target.selectAll()
