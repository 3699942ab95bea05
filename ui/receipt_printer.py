"""Receipts to paper: the PDF is made and kept in a worker, then printed there too
(QPainter may paint on a QPrinter outside the GUI thread); a preview on request, drawn
from the receipt's data without writing or counting anything."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from counter_app.receipt_files import save_receipt, save_shift_report
from counter_app.receipts.data import ReceiptData, ShiftReportData
from counter_app.receipts.pdf import receipt_pdf
from counter_app.settings import Settings
from ui.printing import make_printer, pdf_images, print_pdf
from ui.receipt_preview import ReceiptPreviewDialog
from ui.tasks import TaskRunner


class ReceiptPrinter(QObject):
    printed = Signal(str, str)  # what (receipt no. or report), where (printer or file)
    failed = Signal(object)
    reprint_requested = Signal(str)  # payment id, from a preview
    preview_shown = Signal(object)  # ReceiptPreviewDialog

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
        self.runner.run(partial(self._receipt, data), self._done, self.failed.emit, pool="print")

    def print_form(self, path: Path, pdf: bytes) -> None:
        """A service form already kept as `path`: to the printer, if there is one."""
        self.runner.run(
            lambda: (path.stem, self._to_device(pdf, path), path),
            self._done,
            self.failed.emit,
            pool="print",
        )

    def print_shift_report(self, report: ShiftReportData) -> None:
        self.runner.run(partial(self._report, report), self._done, self.failed.emit, pool="print")

    def preview_receipt(
        self, data: ReceiptData, parent: QWidget, payment_id: str | None = None
    ) -> None:
        """The receipt drawn and rasterised in a worker (no file written, no print counted);
        only the window is built here. With `payment_id`, Ctrl+P there asks for a reprint."""
        self._preview_parent = parent
        self.runner.run(
            partial(self._for_preview, data),
            partial(self._show_preview, data, payment_id),
            self.failed.emit,
        )

    def _for_preview(self, data: ReceiptData) -> list[QImage]:
        return pdf_images(receipt_pdf(data, self.settings.receipt_layout))

    def _show_preview(
        self, data: ReceiptData, payment_id: str | None, images: list[QImage]
    ) -> None:
        dialog = ReceiptPreviewDialog(
            images,
            self.tr("Receipt {no} as printed").format(no=data.receipt_no),
            payment_id,
            self._preview_parent,
        )
        dialog.reprint_requested.connect(self.reprint_requested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.preview_shown.emit(dialog)

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
