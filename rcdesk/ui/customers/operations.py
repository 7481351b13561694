"""One function per user action on customers: ask, call one service, say what happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_number
from rcdesk.services import customers as customers_service


def _gdpr():
    """services.gdpr, imported when a GDPR action is taken: it walks every area, which opening
    the Clients tab does not need (start-up speed)."""
    from rcdesk.services import gdpr

    return gdpr


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("customers", text, None, n)


def _name(customer_id: int, service=customers_service) -> str:
    return service.customer_name(customer_id)


def confirm(parent: QWidget, title: str, text: str, yes: str,
            icon=QMessageBox.Icon.Warning) -> bool:
    """A question with French buttons (yes, Annuler); Escape and Enter both mean Annuler."""
    box = QMessageBox(icon, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is yes_button


def _refused(parent: QWidget, title: str, exc: Exception) -> None:
    QMessageBox.warning(parent, title, str(exc))


def _change(parent: QWidget, title: str, context, write, *args) -> tuple[bool, object]:
    """Runs one service write: refused, its message in a box; done, the file is changed."""
    try:
        result = write(*args)
    except (ServiceError, ValidationError) as exc:
        _refused(parent, title, exc)
        return False, None
    if context is not None:
        context.data_changed.emit("customers")
    return True, result


def delete_customer(*, parent: QWidget, customer_id: int, context=None,
                    service=customers_service) -> bool:
    """Asks with what goes along (delete_impact), then deletes; True when deleted."""
    title = tr("Supprimer le client")
    name = _name(customer_id, service)
    impact = _gdpr().delete_impact(customer_id)
    text = tr("Supprimer définitivement « %1 » ?").replace("%1", name)
    if any(impact.gone.values()) or any(impact.kept.values()):
        text += "\n\n" + tr("Partiront avec cette fiche : %1.").replace(
            "%1", _gdpr().delete_impact_text(impact))
    else:
        text += "\n\n" + tr("Aucun achat, interaction ni dossier n'est rattaché à cette fiche.")
    text += "\n\n" + tr("Pour garder les achats en statistiques anonymes, choisissez plutôt "
                        "« Anonymiser ».")
    if not confirm(parent, title, text, tr("Supprimer")):
        return False
    return _change(parent, title, context, service.delete_customer, customer_id)[0]


def anonymise_customer(*, parent: QWidget, customer_id: int, context=None,
                       service=customers_service) -> bool:
    """GDPR erasure after confirmation: personal data removed, purchases kept anonymous."""
    title = tr("Anonymiser le client")
    name = _name(customer_id, service)
    text = tr("Anonymiser « %1 » ?\n\nLe nom, les coordonnées, la date de naissance et les "
              "notes seront effacés. Les achats et les réclamations restent, sans nom, pour "
              "les statistiques. Cette action est définitive.").replace("%1", name)
    if not confirm(parent, title, text, tr("Anonymiser")):
        return False
    return _change(parent, title, context, _gdpr().anonymise_customer, customer_id)[0]


def anonymise_customers(*, parent: QWidget, customer_ids: list[int], context=None,
                        service=customers_service) -> int:
    """Bulk erasure of the "À purger" list after one confirmation; returns how many."""
    if not customer_ids:
        return 0
    title = tr("Anonymiser la sélection")
    text = tr("Anonymiser %1 fiche(s) ? Leurs données personnelles seront effacées "
              "définitivement ; leurs achats restent en statistiques anonymes.").replace(
        "%1", format_number(len(customer_ids), 0))
    if not confirm(parent, title, text, tr("Anonymiser")):
        return 0
    ok, done = _change(parent, title, context, _gdpr().anonymise_customers, list(customer_ids))
    return done if ok else 0


def write_customer_data(customer_id: int, path: Path, service=customers_service) -> Path:
    """The GDPR access file: JSON (UTF-8, readable) or PDF by the path's suffix; an existing
    file is replaced (the save dialog asked)."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from rcdesk.reports import customer_data

        customer_data.write_customer_data_pdf(customer_id, path, overwrite=True)
        return path
    return _gdpr().write_customer_data_json(customer_id, path, overwrite=True)


def export_customer_data(*, parent: QWidget, customer_id: int, path: str | None = None,
                         service=customers_service) -> Path | None:
    """Asks where (JSON or PDF), writes the customer's data there; None when cancelled."""
    title = tr("Exporter les données du client (RGPD)")
    if path is None:
        stem = _name(customer_id, service).replace("/", "-").replace(" ", "_")
        path, _ = QFileDialog.getSaveFileName(
            parent, title, str(Path.home() / f"donnees_{stem}.json"),
            tr("JSON (*.json);;PDF (*.pdf)"))
        if not path:
            return None
    if Path(path).suffix.lower() not in (".json", ".pdf"):
        path = str(path) + ".json"
    try:
        written = write_customer_data(customer_id, Path(path), service)
    except (ServiceError, ValidationError, OSError) as exc:
        _refused(parent, title, exc)
        return None
    QMessageBox.information(parent, title,
                            tr("Données exportées dans :\n%1").replace("%1", str(written)))
    return written


def delete_purchase(*, parent: QWidget, purchase_id: int, context=None,
                    service=customers_service) -> bool:
    """Asks, then deletes one purchase (or refund); the customer's history keeps a line."""
    title = tr("Supprimer l'achat")
    try:
        row = service.get_purchase(purchase_id)
    except ServiceError as exc:
        _refused(parent, title, exc)
        return False
    from rcdesk.core.formatting import format_date

    kind = tr("l'avoir") if service.is_refund(row.amount_cents) else tr("l'achat")
    text = tr("Supprimer %1 du %2 ?\n\nL'historique de la fiche gardera la trace de la "
              "suppression (qui, quand).").replace("%1", kind).replace(
        "%2", format_date(row.date))
    if not confirm(parent, title, text, tr("Supprimer")):
        return False
    return _change(parent, title, context, service.delete_purchase, purchase_id)[0]


def delete_interaction(*, parent: QWidget, interaction_id: int, context=None,
                       service=customers_service) -> bool:
    """Asks, then deletes one interaction; the customer's history keeps a line."""
    title = tr("Supprimer l'interaction")
    try:
        row = service.get_interaction(interaction_id)
    except ServiceError as exc:
        _refused(parent, title, exc)
        return False
    from rcdesk.core.formatting import format_date

    text = tr("Supprimer l'interaction du %1 (%2) « %3 » ?\n\nL'historique de la fiche gardera "
              "la trace de la suppression (qui, quand).").replace(
        "%1", format_date(row.at.date())).replace("%2", row.channel).replace("%3", row.subject)
    if not confirm(parent, title, text, tr("Supprimer")):
        return False
    from rcdesk.services import last_contact  # « Dernier contact » asks every area

    return _change(parent, title, context, last_contact.delete_interaction, interaction_id)[0]
