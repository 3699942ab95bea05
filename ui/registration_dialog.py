"""Registering a customer (实名制): an individual from the ID card reader (F9) or typed, or an
enterprise on its credit code with its contact person (F9 reads the contact's card).
Every field is checked as the province will check it; a refusal names the field and puts
the cursor in it."""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import registration
from counter_app.devices.id_reader import IdCard
from counter_app.domain.validators import ValidationError
from counter_app.session import CounterSession
from ui.messages import describe
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog, busy_bar, error_label


class RegistrationDialog(WorkingDialog):
    registered = Signal(str)  # the new customer's id

    def __init__(
        self, sess: CounterSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registrationDialog")
        self.setWindowTitle(self.tr("Register a customer"))
        self.sess, self.runner = sess, runner
        self.customer_id = str(uuid.uuid4())  # one registration, however often Save is pressed
        self.photo: str | None = None
        layout = QVBoxLayout(self)
        kinds = QHBoxLayout()
        self.individual = QRadioButton(self.tr("&Individual (resident ID)"))
        self.individual.setObjectName("kindIndividual")
        self.enterprise = QRadioButton(self.tr("&Enterprise (credit code)"))
        self.enterprise.setObjectName("kindEnterprise")
        self.individual.setChecked(True)
        kinds.addWidget(self.individual)
        kinds.addWidget(self.enterprise)
        layout.addLayout(kinds)
        self.form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for name, label in (
            ("name", self.tr("&Name")),
            ("id_number", self.tr("I&D number")),
            ("contact_name", self.tr("Con&tact person")),
            ("contact_id_number", self.tr("Contact person's ID nu&mber")),
            ("contact_phone", self.tr("Contact &phone")),
            ("address", self.tr("&Address")),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"reg_{name}")
            edit.textEdited.connect(lambda _t: self.error.hide())
            text = QLabel(label)
            text.setBuddy(edit)
            self.form.addRow(text, edit)
            self.edits[name], self.labels[name] = edit, text
        self.from_id = QLabel()
        self.from_id.setObjectName("regFromId")
        self.form.addRow(self.tr("From the ID"), self.from_id)
        self.edits["id_number"].textChanged.connect(self._read_id)
        layout.addLayout(self.form)
        self.reader_note = QLabel(self.tr("F9 reads the ID card on the reader."))
        self.reader_note.setObjectName("readerNote")
        layout.addWidget(self.reader_note)
        self.error = error_label("registrationError")
        layout.addWidget(self.error)
        self.busy = busy_bar()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox()
        self.save = self.buttons.addButton(
            self.tr("&Register"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save.setObjectName("registerButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.save.setDefault(True)
        QShortcut(QKeySequence("F9"), self).activated.connect(self.read_card)
        self.enterprise.toggled.connect(lambda _on: self._kind_changed())
        self._kind_changed()
        self.setMinimumWidth(560)

    def _kind_changed(self) -> None:
        enterprise = self.enterprise.isChecked()
        self.labels["name"].setText(self.tr("Enterprise &name") if enterprise else self.tr("&Name"))
        self.labels["id_number"].setText(
            self.tr("Credit co&de") if enterprise else self.tr("I&D number")
        )
        for name in ("contact_name", "contact_id_number"):
            self.edits[name].setVisible(enterprise)
            self.labels[name].setVisible(enterprise)
        self.from_id.setVisible(not enterprise)
        self.form.labelForField(self.from_id).setVisible(not enterprise)
        self.error.hide()
        self.edits["name"].setFocus()

    def _read_id(self, text: str) -> None:
        """What the ID number says, shown as it is typed (or read)."""
        if self.enterprise.isChecked():
            return
        number = text.strip().upper()
        if len(number) == 18 and number[:17].isdigit():
            born = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
            gender = self.tr("male") if int(number[16]) % 2 else self.tr("female")
            self.from_id.setText(self.tr("{gender}, born {born}").format(gender=gender, born=born))
        else:
            self.from_id.setText("")

    def read_card(self) -> None:
        self.reader_note.setText(self.tr("Reading the ID card…"))
        self.runner.run(partial(registration.read_card, self.sess), self._card, self._no_card)

    def _card(self, card: IdCard) -> None:
        if self.enterprise.isChecked():  # the contact person's card
            self.edits["contact_name"].setText(card.name)
            self.edits["contact_id_number"].setText(card.id_number)
        else:
            self.edits["name"].setText(card.name)
            self.edits["id_number"].setText(card.id_number)
            self.edits["address"].setText(card.address)
            self.photo = card.photo
        self.reader_note.setText(self.tr("Read from the ID card: {name}.").format(name=card.name))
        self.edits["contact_phone"].setFocus()

    def _no_card(self, exc: BaseException) -> None:
        self.reader_note.setText(describe(exc))

    def raw(self) -> dict[str, object]:
        kind = "enterprise" if self.enterprise.isChecked() else "individual"
        out: dict[str, object] = {"id": self.customer_id, "customer_type": kind}
        for name, edit in self.edits.items():
            if kind == "enterprise" or name not in ("contact_name", "contact_id_number"):
                out[name] = edit.text()
        if kind == "individual":
            out["photo"] = self.photo
        return out

    def submit(self) -> None:
        if self.working:
            return
        self.error.hide()
        self.set_working(True)
        self.busy.show()
        self.save.setEnabled(False)
        self.runner.write(
            partial(registration.register, self.sess, self.raw()),
            self._done,
            self._refused,
            pool="net",
        )

    def _done(self, customer_id: str) -> None:
        self.set_working(False)
        self.busy.hide()
        self.registered.emit(customer_id)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.set_working(False)
        self.busy.hide()
        self.save.setEnabled(True)
        self.error.setText(describe(exc))
        self.error.show()
        field = getattr(exc, "field", None)
        if field is None and getattr(exc, "errors", None):
            field = exc.errors[0].get("field")  # type: ignore[attr-defined]
        if isinstance(exc, ValidationError) or field:
            target = self.edits.get(str(field))
            if target is not None:
                target.setFocus()
                target.selectAll()
