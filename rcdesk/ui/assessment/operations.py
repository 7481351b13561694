"""One function per user action of the self-assessment: ask, call one service, say what happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.services import assessment as service
from rcdesk.services.assessment import orgs as orgs


def tr(text: str) -> str:
    return QCoreApplication.translate("assessment", text)


def new_organisation(*, parent: QWidget) -> service.OrganisationInfo | None:
    """Asks the name until it is accepted (or cancelled); the dialog keeps what was typed."""
    name = ""
    message = tr("Nom de l'organisation cliente à évaluer :")
    while True:
        name, ok = QInputDialog.getText(parent, tr("Nouvelle organisation"), message,
                                        QLineEdit.EchoMode.Normal, name)
        if not ok:
            return None
        try:
            return service.create_organisation(name)
        except ValidationError as exc:
            message = exc.message + "\n\n" + tr("Nom de l'organisation cliente à évaluer :")


def rename_organisation(*, parent: QWidget,
                        organisation_id: int) -> orgs.OrganisationInfo | None:
    """The rename dialog for a client organisation (the own company: why not, instead);
    the renamed organisation, or None when refused or cancelled."""
    from rcdesk.ui.assessment.rename_dialog import RenameOrganisationDialog

    try:
        org = orgs.ensure_renamable(organisation_id)
    except (ServiceError, ValidationError) as exc:
        QMessageBox.information(parent, tr("Renommer l'organisation"), str(exc))
        return None
    dialog = RenameOrganisationDialog(org, parent)
    try:
        dialog.exec()
        return dialog.renamed
    finally:
        dialog.deleteLater()


def delete_organisation(*, parent: QWidget, organisation_id: int) -> tuple[str, int] | None:
    """Asks to confirm, saying how many assessments go with the organisation, then deletes it
    all at once; (name, assessments deleted), or None when refused or cancelled."""
    title = tr("Supprimer l'organisation")
    try:
        org = orgs.ensure_deletable(organisation_id)
    except (ServiceError, ValidationError) as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    if org.assessments:
        text = QCoreApplication.translate(
            "assessment", "Supprimer l'organisation « %1 » et ses %n évaluation(s) ?\n\n"
            "Leurs notes, commentaires, recommandations et SWOT seront effacés "
            "définitivement. Les diagnostics PDF déjà enregistrés restent sur le disque.",
            None, org.assessments)
    else:
        text = tr("Supprimer l'organisation « %1 » ? Elle n'a aucune évaluation.")
    answer = QMessageBox.question(parent, title, text.replace("%1", org.name),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        deleted = orgs.delete_organisation(org.id, confirmed_assessments=org.assessments)
    except (ServiceError, ValidationError) as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    return org.name, deleted


def delete_assessment(*, parent: QWidget, assessment_id: int, label: str) -> bool:
    answer = QMessageBox.question(
        parent, tr("Supprimer l'évaluation"),
        tr("Supprimer définitivement l'évaluation du %1 ?").replace("%1", label),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        service.delete_assessment(assessment_id)
    except ServiceError as exc:
        QMessageBox.warning(parent, tr("Supprimer l'évaluation"), str(exc))
        return False
    return True


def export_diagnosis(*, parent: QWidget, assessment_id: int, suggested: str,
                     path: str | None = None) -> Path | None:
    """Asks where to write the PDF (unless path is given), then builds it; None if cancelled."""
    from rcdesk.reports.maturity import build_maturity_report

    if path is None:
        path, _ = QFileDialog.getSaveFileName(parent, tr("Diagnostic PDF"), suggested,
                                              tr("Documents PDF (*.pdf)"))
        if not path:
            return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    try:
        build_maturity_report(assessment_id, target, overwrite=True)  # the dialog asked
    except (ServiceError, OSError) as exc:
        QMessageBox.warning(parent, tr("Diagnostic PDF"),
                            tr("Le diagnostic n'a pas pu être enregistré : %1").replace(
                                "%1", str(exc)))
        return None
    return target


def ask_save_changes(*, parent: QWidget) -> str:
    """"save", "discard" or "cancel" for an assessment with unsaved changes."""
    answer = QMessageBox.question(
        parent, tr("Évaluation modifiée"),
        tr("L'évaluation affichée a des modifications non enregistrées. Les enregistrer ?"),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")


def ask_abandon(*, parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent, tr("Annuler les modifications"),
        tr("Abandonner les modifications non enregistrées ?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
