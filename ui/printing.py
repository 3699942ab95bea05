"""Printing receipts and reports: a thin layer from PDF bytes to a Qt printer.

The PDF made by ``counter_app.receipts`` is the one artefact. To print it, each page is
rasterised with pdfium (``pypdfium2``) and drawn with a QPainter, 1:1 on a paper size set
from the PDF page itself, so an 80 mm roll receipt comes out 80 mm wide on any driver.
Saving a copy writes the PDF bytes unchanged: a "print to PDF file" that rasterised would
lose the searchable text and the embedded font.

Rendering choices:

* **Full page, no margins.** The PDF carries its own margins (4 mm on the roll, 12 mm on
  A5), so the printer's page layout is set to the PDF page with zero margins and
  ``fullPage``; the image fills the page rect, keeping its aspect ratio.
* **Resolution.** Pages are rasterised at the printer's resolution, capped at
  :data:`MAX_DPI` (a high-resolution QPrinter reports 1200 dpi, which for A5 would be a
  ~100 MB bitmap; receipt printers are 203 dpi, office lasers 600).
* **Greyscale by default.** Receipts are black on white with grey shading; an 8-bit
  greyscale bitmap is a quarter of the memory. ``color=True`` keeps colour.

Printing does I/O (to the spooler or a file): call :func:`print_pdf` from a worker when
printing to a real device, or accept the short block for a single receipt.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app.storage import tighten, write_private

MAX_DPI = 600
PT_PER_MM = 72 / 25.4


def printer_names() -> list[str]:
    """The names of the printers the system offers."""
    return list(QPrinterInfo.availablePrinterNames())


def make_printer(name: str | None = None) -> QPrinter:
    """The named printer if it exists, else the default printer; with no printer at all,
    a PDF-file printer (the caller sets its ``outputFileName``, e.g. from a file dialog)."""
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo()
    if info.isNull():
        info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        return printer
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def _set_page(printer: QPrinter, width_pt: float, height_pt: float) -> None:
    """Make the printer's paper exactly the PDF page (in mm), with no margins.

    Left alone when it already is, and when a job in progress cannot change paper (a
    preview, or a native non-PDF engine between pages): the page is then fitted instead.
    """
    current = printer.pageLayout().fullRect(QPageLayout.Unit.Point)
    if (
        printer.fullPage()
        and abs(current.width() - width_pt) < 1
        and abs(current.height() - height_pt) < 1
    ):
        return
    engine = printer.paintEngine()
    if printer.paintingActive() and (engine is None or engine.type() != QPaintEngine.Type.Pdf):
        return
    landscape = width_pt > height_pt
    short, long_ = sorted((width_pt / PT_PER_MM, height_pt / PT_PER_MM))
    size = QPageSize(
        QSizeF(short, long_),
        QPageSize.Unit.Millimeter,
        "Counter page",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    )


def _page_image(page: pdfium.PdfPage, dpi: float, color: bool) -> QImage:
    bitmap = page.render(
        scale=dpi / 72,
        grayscale=not color,
        prefer_bgrx=color,
        optimize_mode="print",
        may_draw_forms=False,
    )
    try:
        fmt = QImage.Format.Format_RGB32 if color else QImage.Format.Format_Grayscale8
        # BGRx bytes are Format_RGB32 on little-endian machines (all we ship for).
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt)
        return image.copy()  # own the pixels: the bitmap's buffer is freed below
    finally:
        bitmap.close()


def print_pdf(pdf: bytes, printer: QPrinter, *, color: bool = False) -> None:
    """Print every page of ``pdf`` on ``printer``, each on paper the size of the page.

    Raises RuntimeError when the printer cannot start (e.g. a PDF-file printer without an
    output file name).
    """
    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    try:
        if len(document) == 0:
            raise ValueError("the PDF has no pages")
        for index in range(len(document)):
            page = document[index]
            try:
                width_pt, height_pt = page.get_size()
                _set_page(printer, width_pt, height_pt)  # must precede begin()/newPage()
                if index == 0:
                    if not painter.begin(printer):
                        raise RuntimeError("the printer could not start printing")
                elif not printer.newPage():
                    raise RuntimeError("the printer could not start a new page")
                dpi = min(printer.resolution(), MAX_DPI)
                image = _page_image(page, dpi, color)
            finally:
                page.close()
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(
                QRectF(target.x(), target.y(), image.width() * scale, image.height() * scale), image
            )
    finally:
        if painter.isActive():
            painter.end()
        document.close()
        if printer.outputFileName():  # a PDF file Qt wrote, under the umask: a receipt
            tighten(Path(printer.outputFileName()))


def save_pdf_copy(pdf: bytes, path: Path) -> Path:
    """Write the PDF bytes exactly as made (text and fonts intact); returns the path.

    Written to a temporary file beside the target and renamed, so a failed write never
    leaves half a receipt behind; readable by the user only (it names a customer).
    """
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    return write_private(Path(path), pdf)


def pdf_images(pdf: bytes, dpi: float = 110) -> list[QImage]:
    """Every page of ``pdf`` as an image, to look at on screen (any thread)."""
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            try:
                images.append(_page_image(page, dpi, color=True))
            finally:
                page.close()
        return images
    finally:
        document.close()
