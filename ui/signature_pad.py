"""The on-screen signature pad: the customer signs with the mouse, a pen or a finger.

Enter takes the signature, Delete clears it, Esc leaves it to be signed on paper.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt
from PySide6.QtGui import QImage, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QPen, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

PAD_SIZE = (640, 220)


class SignatureCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureCanvas")
        self.setFixedSize(*PAD_SIZE)
        self.image = QImage(*PAD_SIZE, QImage.Format.Format_RGB32)
        self.strokes = 0
        self._last: QPoint | None = None
        self.clear()

    def clear(self) -> None:
        self.image.fill(Qt.GlobalColor.white)
        self.strokes = 0
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last = event.position().toPoint()
        self.strokes += 1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is None:
            return
        here = event.position().toPoint()
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(
            QPen(Qt.GlobalColor.black, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        )
        painter.drawLine(self._last, here)
        painter.end()
        self._last = here
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._last = None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        painter.setPen(QPen(Qt.GlobalColor.lightGray, 1, Qt.PenStyle.DashLine))
        painter.drawLine(20, PAD_SIZE[1] - 40, PAD_SIZE[0] - 20, PAD_SIZE[1] - 40)
        painter.end()

    def png(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())


class SignatureDialog(QDialog):
    """`signature` holds the PNG once the customer has signed and Enter was pressed."""

    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureDialog")
        self.setWindowTitle(self.tr("Customer's signature"))
        self.signature: bytes | None = None
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.canvas = SignatureCanvas()
        layout.addWidget(self.canvas)
        self.hint = QLabel(
            self.tr("Enter: take the signature · Delete: clear · Esc: sign on paper instead")
        )
        self.hint.setObjectName("signatureHint")
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox()
        self.take = buttons.addButton(
            self.tr("&Take signature"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.take.setObjectName("takeSignature")
        paper = buttons.addButton(self.tr("Sign on &paper"), QDialogButtonBox.ButtonRole.RejectRole)
        paper.setObjectName("signOnPaper")
        buttons.accepted.connect(self._take)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.take.setDefault(True)
        for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            QShortcut(QKeySequence(key), self).activated.connect(self.canvas.clear)

    def _take(self) -> None:
        if self.canvas.strokes == 0:
            self.hint.setText(self.tr("Nothing is signed yet: the customer signs in the box."))
            return
        self.signature = self.canvas.png()
        self.accept()
