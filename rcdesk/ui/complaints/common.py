"""Small shared pieces of the Réclamations tab: French error display, amounts, colours.

What every tab shares (error lines, date fields, shortcuts) is in rcdesk.ui.forms."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.money import parse_money

# Late and nearly-late complaints (the service's due state decides which is which).
LATE_FG = QColor("#b00020")
LATE_BG = QColor("#fde2e4")
SOON_FG = QColor("#a05a00")
SOON_BG = QColor("#fff1d6")

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


def tr(text: str) -> str:
    return QCoreApplication.translate("complaints", text)


def error_text(exc: BaseException) -> str:
    """The French message a service gave, whichever error class carries it."""
    if isinstance(exc, ValidationError):
        return exc.message
    return str(exc)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """A refused operation in a message box; the form behind keeps what was typed."""
    QMessageBox.warning(parent, title or tr("Opération refusée"), error_text(exc))


SERVICE_ERRORS = (ValidationError, ServiceError)


def parse_amount_cents(text: str) -> int:
    """"12,50", "1 234,5", "12.50 €" -> cents. Raises ValueError (French) when unreadable."""
    return parse_money(text)


def parse_count(text: str) -> int | None:
    """An optional whole number typed by the user ("" -> None)."""
    cleaned = (text or "").replace("\u00a0", "").replace(" ", "").strip()
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise ValueError(tr("Nombre entier attendu : « %1 ».").replace("%1", text))
    return int(cleaned)


def amount_text(cents: int | None) -> str:
    if cents is None:
        return ""
    return FRENCH.toString(cents / 100, "f", 2)


def local_datetime_text(value: datetime | None) -> str:
    """A naive UTC timestamp (as stored) shown in the user's local time: 24/11/2026 14:05."""
    if value is None:
        return ""
    local = value.replace(tzinfo=timezone.utc).astimezone()
    return local.strftime("%d/%m/%Y %H:%M")


def received_text(received_on, received_at: datetime) -> str:
    """When a complaint arrived, as screens show it: the keying time when it arrived that day
    (« 24/11/2026 14:05 »), else the day it arrived and when it was keyed (« 27/11/2026
    (saisie le 30/11/2026 08:15) »: its delay counts from the 27th)."""
    keyed = local_datetime_text(received_at)
    if received_on is not None and received_on.strftime("%d/%m/%Y") != keyed[:10]:
        return tr("%1 (saisie le %2)").replace("%1", received_on.strftime("%d/%m/%Y")) \
            .replace("%2", keyed)
    return keyed


def ask_pdf_path(parent, suggested: str) -> str:
    """Where to save a PDF; "" when the user cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, tr("Enregistrer le PDF"), suggested,
                                          tr("Documents PDF (*.pdf)"))
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path
