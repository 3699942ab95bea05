"""Receipts to paper: the PDF is made and kept in a worker, then printed there too
(QPainter may paint on a QPrinter outside the GUI thread); a preview on request."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from counter_app.receipt_files import save_receipt, save_shift_report
from counter_app.receipts.data import ReceiptData, ShiftReportData
from counter_app.settings import Settings
from ui.printing import make_printer, preview, print_pdf
from ui.tasks import TaskRunner


class ReceiptPrinter(QObject):
    printed = Signal(str, str)  # what (receipt no. or report), where (printer or file)
    failed = Signal(object)

    def __init__(
        self, settings: Settings, folder: Path, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.folder = folder
        self.runner = runner
        self.last_file: Path | None = None
        self._preview_parent: QWidget | None = None

    def print_receipt(self, data: ReceiptData) -> None:
        self.runner.run(partial(self._receipt, data), self._done, self.failed.emit, pool="write")

    def print_shift_report(self, report: ShiftReportData) -> None:
        self.runner.run(partial(self._report, report), self._done, self.failed.emit, pool="write")

    def preview_receipt(self, data: ReceiptData, parent: QWidget) -> None:
        """The PDF is made, and the printer looked up (the spooler may be slow), in a
        worker; only the preview window is built here."""
        self._preview_parent = parent
        self.runner.run(
            partial(self._for_preview, data),
            self._show_preview,
            self.failed.emit,
            pool="write",
        )

    def _for_preview(self, data: ReceiptData) -> tuple[bytes, QPrinter]:
        _path, pdf = save_receipt(data, self.folder, self.settings.receipt_layout)
        return pdf, make_printer(self.settings.printer_name or None)

    def _show_preview(self, made: tuple[bytes, QPrinter]) -> None:
        pdf, printer = made
        preview(pdf, printer, self._preview_parent).open()

    def _receipt(self, data: ReceiptData) -> tuple[str, str, Path]:
        path, pdf = save_receipt(data, self.folder, self.settings.receipt_layout)
        return data.receipt_no, self._to_device(pdf, path), path

    def _report(self, report: ShiftReportData) -> tuple[str, str, Path]:
        path, pdf = save_shift_report(report, self.folder)
        return path.stem, self._to_device(pdf, path), path

    def _to_device(self, pdf: bytes, path: Path) -> str:
        """The printer named in settings, if there is one; the PDF file is always kept."""
        if not self.settings.printer_name:
            return str(path)
        printer = make_printer(self.settings.printer_name)
        if not printer.outputFileName() and printer.printerName():
            print_pdf(pdf, printer)
            return printer.printerName()
        return str(path)

    def _done(self, result: tuple[str, str, Path]) -> None:
        what, where, path = result
        self.last_file = path
        self.printed.emit(what, where)
