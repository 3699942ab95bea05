"""This counter's devices and its own choices: the receipt printer and its paper, the card
terminal, the language of its screens."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counter_app.settings import AppPaths, Settings, save
from ui.printing import printer_names
from ui.tasks import TaskRunner


class DevicesDialog(QDialog):
    def __init__(
        self, settings: Settings, paths: AppPaths, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("devicesDialog")
        self.setWindowTitle(self.tr("Counter devices"))
        self.settings, self.paths, self.runner = settings, paths, runner
        self.printer = QComboBox()
        self.printer.setObjectName("printerName")
        self.printer.addItem(self.tr("No printer: keep PDF files only"), "")
        if settings.printer_name:
            self.printer.addItem(settings.printer_name, settings.printer_name)
            self.printer.setCurrentIndex(1)
        runner.run(printer_names, self._printers_found)  # asking the spooler may take a while
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("receiptLayout")
        self.layout_box.addItem(self.tr("80 mm roll"), "roll80")
        self.layout_box.addItem(self.tr("A5 sheet"), "a5")
        self.layout_box.setCurrentIndex(max(self.layout_box.findData(settings.receipt_layout), 0))
        self.terminal = QComboBox()
        self.terminal.setObjectName("cardTerminal")
        for value, text in (
            ("simulator", self.tr("Simulator: approves")),
            ("simulator:decline", self.tr("Simulator: declines")),
            ("simulator:timeout", self.tr("Simulator: times out")),
        ):
            self.terminal.addItem(text, value)
        self.terminal.setCurrentIndex(max(self.terminal.findData(settings.card_terminal), 0))
        self.id_reader = QComboBox()
        self.id_reader.setObjectName("idReader")
        for value, text in (
            ("simulator", self.tr("Simulator: a new card each read")),
            ("simulator:none", self.tr("Simulator: no card placed")),
        ):
            self.id_reader.addItem(text, value)
        self.id_reader.setCurrentIndex(max(self.id_reader.findData(settings.id_reader), 0))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        language_note = QLabel(self.tr("The language changes the next time Counter starts."))
        language_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Receipt printer"), self.printer)
        form.addRow(self.tr("Receipt paper"), self.layout_box)
        form.addRow(self.tr("Card terminal"), self.terminal)
        form.addRow(self.tr("ID card reader"), self.id_reader)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", language_note)
        folder = QLabel(
            self.tr("Every receipt is also kept as a PDF in {folder}").format(
                folder=paths.data_dir / "receipts"
            )
        )
        folder.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(folder)
        layout.addWidget(buttons)

    def _printers_found(self, names: list[str]) -> None:
        for name in names:
            if self.printer.findData(name) < 0:
                self.printer.addItem(name, name)

    def submit(self) -> None:
        changed = replace(
            self.settings,
            printer_name=self.printer.currentData(),
            receipt_layout=self.layout_box.currentData(),
            card_terminal=self.terminal.currentData(),
            id_reader=self.id_reader.currentData(),
            language=self.language.currentData(),
        )
        self.runner.run(
            partial(save, self.paths, changed), partial(self._saved, changed), pool="write"
        )

    def _saved(self, changed: Settings, _result: object = None) -> None:
        for name in ("printer_name", "receipt_layout", "card_terminal", "id_reader", "language"):
            setattr(self.settings, name, getattr(changed, name))
        self.accept()
