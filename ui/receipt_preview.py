"""A receipt on screen as it was printed: a look, not a print. Printing from here is a
real reprint (counted and marked 重打 / REPRINT n), asked for with Ctrl+P."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class ReceiptPreviewDialog(QDialog):
    reprint_requested = Signal(str)  # payment id

    def __init__(
        self,
        images: list[QImage],
        title: str,
        payment_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreviewDialog")
        self.setWindowTitle(title)
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        for n, image in enumerate(images):
            page = QLabel()
            page.setObjectName(f"previewPage{n}")
            page.setPixmap(QPixmap.fromImage(image))
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            page.setStyleSheet("background: white; border: 1px solid #999;")
            pages_layout.addWidget(page)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.page_count = len(images)
        if payment_id is not None:
            reprint = buttons.addButton(
                self.tr("&Reprint (Ctrl+P)"), QDialogButtonBox.ButtonRole.ActionRole
            )
            reprint.setObjectName("previewReprintButton")
            reprint.setShortcut(QKeySequence.StandardKey.Print)
            reprint.setAutoDefault(False)
            reprint.clicked.connect(lambda: self._reprint(payment_id))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        width = max((image.width() for image in images), default=300)
        self.resize(min(width + 60, 900), 700)

    def _reprint(self, payment_id: str) -> None:
        self.reprint_requested.emit(payment_id)
        self.accept()
