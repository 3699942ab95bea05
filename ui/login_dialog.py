"""Sign-in: staff number and password; on first run also the server, hall and counter."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import api_client, auth
from counter_app.api_client import OfflineError, UntrustedProvince
from counter_app.auth import SignedIn
from counter_app.credentials import Credentials
from counter_app.settings import AppPaths, Settings, save
from ui.messages import describe, field_of
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog


class LoginDialog(WorkingDialog):
    signed_in = Signal(object)  # SignedIn

    def __init__(
        self,
        settings: Settings,
        paths: AppPaths,
        creds: Credentials,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Counter — sign in"))
        self.settings = settings
        self.paths = paths
        self.creds = creds
        self.runner = runner
        self.result_value: SignedIn | None = None

        self.server_url = self._line("serverUrl", settings.server_url, "http://cms.example:8700")
        self.hall_code = self._line("hallCode", settings.hall_code, "H001")
        self.counter_id = self._line("counterId", settings.counter_id, "C01")
        self.ca_bundle = self._line(
            "caBundle", settings.ca_bundle, self.tr("empty: the system's certificates")
        )
        self.staff_no = self._line("staffNo", settings.last_staff_no, "H001-C01")
        self.password = self._line("password", "", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.setup_box = QGroupBox(self.tr("This counter"))
        self.setup_box.setObjectName("setupBox")
        setup = QFormLayout(self.setup_box)
        setup.addRow(self.tr("Province server"), self.server_url)
        setup.addRow(self.tr("Hall code"), self.hall_code)
        setup.addRow(self.tr("Counter id"), self.counter_id)
        setup.addRow(self.tr("CA file (https)"), self.ca_bundle)
        self.setup_box.setVisible(not settings.configured)

        staff = QFormLayout()
        staff.addRow(self.tr("Staff number"), self.staff_no)
        staff.addRow(self.tr("Password"), self.password)

        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()

        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setObjectName("signInButton")
        self.setup_toggle = QPushButton(self.tr("Counter settings…"))
        self.setup_toggle.setObjectName("setupToggle")
        self.setup_toggle.setCheckable(True)
        self.setup_toggle.setChecked(not settings.configured)
        self.setup_toggle.setAutoDefault(False)  # Enter signs in, wherever the cursor is
        self.setup_toggle.toggled.connect(self._show_setup)
        self.buttons.addButton(self.setup_toggle, QDialogButtonBox.ButtonRole.ResetRole)
        self.quit_button = self.buttons.addButton(
            self.tr("&Quit Counter…"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.setObjectName("quitButton")
        self.quit_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Sign in to the counter"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.setup_box)
        layout.addLayout(staff)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        for edit in self.fields:
            edit.textEdited.connect(lambda _text: self.error.hide())  # its cause is being fixed
        self.sign_in_button.setDefault(True)  # once in the dialog, or the dialog forgets it
        self.setMinimumWidth(460)
        # Tab goes down the form as it reads, then to the buttons.
        order = [*self.fields, self.sign_in_button, self.setup_toggle, self.quit_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        (self.password if settings.last_staff_no else self.staff_no).setFocus()
        if not settings.configured:
            self.server_url.setFocus()

    @property
    def fields(self) -> tuple[QLineEdit, ...]:
        """The form's fields, in the order they read."""
        return (
            self.server_url,
            self.hall_code,
            self.counter_id,
            self.ca_bundle,
            self.staff_no,
            self.password,
        )

    def _show_setup(self, shown: bool) -> None:
        self.setup_box.setVisible(shown)
        if shown:
            self.server_url.setFocus()
            self.server_url.selectAll()

    ask_before_closing = True  # off when the app, not the clerk, closes the dialog

    def reject(self) -> None:
        """Esc, Quit or the window's close button: closing sign-in ends Counter, so it
        asks first."""
        if self.working:
            return
        if not self.ask_before_closing:
            super().reject()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Quit Counter"),
            self.tr("Quit Counter? No one is signed in at this counter then."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.working or self.ask_before_closing:
            event.ignore()
            if not self.working:
                self.reject()
            return
        super().closeEvent(event)

    def _line(self, name: str, value: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def submit(self) -> None:
        if not self.sign_in_button.isEnabled():
            return
        self._set_busy(True)
        self.error.hide()
        args = (
            self.server_url.text(),
            self.hall_code.text(),
            self.counter_id.text(),
            self.staff_no.text(),
            self.password.text(),
        )
        settings = replace(self.settings, ca_bundle=self.ca_bundle.text().strip())
        self.runner.run(
            partial(_sign_in_and_remember, self.creds, self.paths, settings, *args),
            self._done,
            self._failed,
            pool="net",
        )

    def _set_busy(self, busy: bool) -> None:
        self.set_working(busy)
        self.sign_in_button.setEnabled(not busy)
        self.busy.setVisible(busy)
        for edit in self.fields:
            edit.setReadOnly(busy)

    def _done(self, answer: tuple[SignedIn, Settings]) -> None:
        signed, remembered = answer
        for name in ("server_url", "hall_code", "counter_id", "last_staff_no", "ca_bundle"):
            setattr(self.settings, name, getattr(remembered, name))
        self.result_value = signed
        self.password.clear()
        self._set_busy(False)
        self.signed_in.emit(signed)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(describe(exc))
        self.error.show()
        target = {
            "server_url": self.server_url,
            "hall_code": self.hall_code,
            "counter_id": self.counter_id,
            "ca_bundle": self.ca_bundle,
            "staff_no": self.staff_no,
            "password": self.password,
        }.get(field_of(exc) or "")
        if isinstance(exc, UntrustedProvince):
            target = self.ca_bundle
        elif isinstance(exc, OfflineError) or (
            isinstance(exc, auth.SignInRefused) and str(exc) == auth.NEVER_HERE
        ):
            target = self.server_url
        if target in (self.server_url, self.hall_code, self.counter_id, self.ca_bundle):
            self.setup_toggle.setChecked(True)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            target.selectAll()


def _sign_in_and_remember(
    creds: Credentials, paths: AppPaths, settings: Settings, *args: str
) -> tuple[SignedIn, Settings]:
    """Runs in a worker: the sign-in, then the counter's settings, saved only on success."""
    api_client.trust(settings.ca_bundle)
    signed = auth.sign_in(creds, *args)
    remembered = replace(
        settings,
        server_url=signed.server_url,
        hall_code=signed.hall_code,
        counter_id=signed.counter_id,
        last_staff_no=signed.staff_no,
    )
    save(paths, remembered)
    return signed, remembered
