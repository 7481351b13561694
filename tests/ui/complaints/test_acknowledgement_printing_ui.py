"""« Imprimer l'accusé »: the print dialog on the default printer, the letter drawn page by page.

No real dialog opens: printing.ask_printer and printing.preview are replaced, and the printer
prints into a PDF file, read back with pypdf."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from rcdesk.ui import printing
from rcdesk.ui.complaints.intake import IntakeDialog


def _saved_intake(qtbot, context) -> IntakeDialog:
    intake = IntakeDialog(context)
    qtbot.addWidget(intake)
    intake.walk_in.setChecked(True)
    intake.walk_in_name.setText("Karima BENALI")
    intake.walk_in_contact.setText("06 11 22 33 44")
    intake.description.setPlainText("Écran fissuré à la livraison")
    intake.expectation.setPlainText("Un échange")
    intake.save()
    assert intake.summary is not None
    return intake


def _to_file(printer: QPrinter, path) -> None:
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))


def test_print_asks_the_print_dialog_then_prints_the_letters_page(qtbot, context, tmp_path,
                                                                  monkeypatch):
    intake = _saved_intake(qtbot, context)
    out = tmp_path / "printed.pdf"
    asked = []

    def ask(parent, printer):
        asked.append((printer.docName(), printer.pageLayout().pageSize().id()))
        _to_file(printer, out)
        return True

    monkeypatch.setattr(printing, "ask_printer", ask)
    assert intake.print_acknowledgement() is True
    number = intake.summary.number
    assert asked == [(f"Accusé de réception {number}",
                      printing.QPageSize.PageSizeId.A4)]
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    # the page is the letter drawn as an image, at the printer's resolution (capped)
    images = reader.pages[0].images
    assert len(images) == 1
    assert images[0].image.width >= 2000  # A4 at 300 dpi: 2480 px wide


def test_cancelled_print_dialog_prints_nothing(qtbot, context, monkeypatch):
    intake = _saved_intake(qtbot, context)
    painted = []
    monkeypatch.setattr(printing, "ask_printer", lambda parent, printer: False)
    monkeypatch.setattr(printing, "paint_pdf", lambda *a: painted.append(a))
    assert intake.print_acknowledgement() is False
    assert painted == []


def test_preview_paints_the_letter(qtbot, context, tmp_path, monkeypatch):
    intake = _saved_intake(qtbot, context)
    out = tmp_path / "preview.pdf"
    pages = []

    def preview(parent, printer, paint):
        _to_file(printer, out)
        pages.append(paint(printer))

    monkeypatch.setattr(printing, "preview", preview)
    intake.receipt.preview_acknowledgement()
    assert pages == [1]
    assert len(PdfReader(str(out)).pages) == 1
