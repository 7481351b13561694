"""Printing a PDF rcdesk wrote (a letter): the print dialog, a preview, pages drawn on QPrinter.

The letter is the same PDF that « Enregistrer en PDF » saves: each page is rendered by PDFium
(pypdfium2) at the printer's resolution and drawn on the page, so what is printed is what is
saved. ask_printer and preview are the two places a real dialog opens: tests replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

MAX_DPI = 300  # enough for text; a 600 dpi printer gets the page scaled, not a 140 MB bitmap


def tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def new_printer(title: str) -> QPrinter:
    """The default printer, A4 portrait, the document named (print queues show it)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait,
                                      printer.pageLayout().margins()))
    printer.setFullPage(True)  # the PDF carries its own margins
    return printer


def ask_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    """The system's print dialog (printer, copies, pages); True when the user prints."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Imprimer"))
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def preview(parent: QWidget | None, printer: QPrinter, paint) -> None:
    """Qt's print preview of paint(printer); its print button prints on printer."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("Aperçu avant impression"))
    dialog.paintRequested.connect(paint)
    dialog.resize(900, 700)  # fits 1366×768 with the window's frame
    dialog.exec()


def paint_pdf(printer: QPrinter, path: str | Path) -> int:
    """Draw every page of the PDF at path on printer, one page each; the number of pages."""
    import pypdfium2 as pdfium  # imported here: only printing needs PDFium

    document = pdfium.PdfDocument(str(path))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise OSError(tr("L'imprimante n'a pas pu démarrer."))
        target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        dpi = min(printer.resolution(), MAX_DPI)
        for index in range(len(document)):
            if index:
                printer.newPage()
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888).copy()  # the buffer dies with bitmap
            page.close()
            fitted = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(target.topLeft(), fitted.toSizeF()), image)
        return len(document)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def print_pdf(parent: QWidget | None, path: str | Path, title: str) -> bool:
    """The print dialog on the default printer, then the PDF printed. False when cancelled."""
    printer = new_printer(title)
    if not ask_printer(parent, printer):
        return False
    paint_pdf(printer, path)
    return True


def preview_pdf(parent: QWidget | None, path: str | Path, title: str) -> None:
    """The PDF in Qt's print preview, from which it can be printed."""
    preview(parent, new_printer(title), lambda printer: paint_pdf(printer, path))
