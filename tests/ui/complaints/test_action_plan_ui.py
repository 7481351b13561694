"""The PAQ view: an action created from selected complaints, edited, overdue in red."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from rcdesk.models.actions import ActionComplaint, QualityAction
from rcdesk.services import actions as actions_service
from rcdesk.services import complaints as cs
from rcdesk.ui.complaints.action_form import ActionDialog
from rcdesk.ui.complaints.actions import COLUMNS, ActionPlanView
from rcdesk.ui.complaints.common import LATE_FG
from rcdesk.ui.complaints.tab import ComplaintsTab


def _complaint(product):
    return cs.register_complaint(cs.ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", product=product,
        description="Verre fêlé à la livraison"))


def test_action_from_selected_complaints_links_back_to_them(qtbot, context):
    first, second = _complaint("Verres à vin"), _complaint("Carafe")
    tab = ComplaintsTab(context)
    qtbot.addWidget(tab)
    tab.register.table.selectAll()
    assert sorted(tab.register.selected_ids()) == sorted([first.id, second.id])
    tab.action_from_selection()
    dialog = tab.action_plan.findChild(ActionDialog)
    assert dialog is not None
    assert first.number in dialog.nc.toPlainText()  # the NC starts from the complaints
    dialog.causes["méthode"].setChecked(True)
    dialog.action.setPlainText("Double carton pour la verrerie")
    dialog.pilot.setText("Responsable logistique")
    dialog.planned_date.setText("31/12/2099")
    dialog.accept()
    assert dialog.error.isHidden(), dialog.error.text()
    action = QualityAction.get()
    assert (action.origin, action.pilot) == ("réclamation", "Responsable logistique")
    assert action.planned_date == date(2099, 12, 31)
    linked = {link.complaint_id for link in ActionComplaint.select()}
    assert linked == {first.id, second.id}
    model = tab.action_plan.model
    model.refresh()
    assert model.rowCount() == 1
    numbers_col = [k for k, _ in COLUMNS].index("complaints")
    assert model.data(model.index(0, numbers_col)).split("\n") == sorted(
        [first.number, second.number])


def test_overdue_action_is_red_and_a_bad_date_keeps_the_form(qtbot, context):
    action_id = actions_service.create_action(actions_service.ActionInput(
        origin="audit", nc="Affichage des prix absent", action="Poser les étiquettes",
        pilot="Chef de rayon", planned_date=date.today() - timedelta(days=2), progress_pct=50))
    view = ActionPlanView(context)
    qtbot.addWidget(view)
    view.refresh()
    assert view.model.data(view.model.index(0, 0)) == "audit"
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == LATE_FG
    dialog = ActionDialog(action_id, (), view)
    qtbot.addWidget(dialog)
    assert dialog.pilot.text() == "Chef de rayon"
    dialog.progress_pct.setValue(100)
    dialog.planned_date.setText("31/02/2026")
    dialog.accept()
    assert not dialog.error.isHidden()
    assert "Date invalide" in dialog.error.text()
    assert dialog.progress_pct.value() == 100
    dialog.planned_date.setText(date.today().strftime("%d/%m/%Y"))
    dialog.accept()
    assert dialog.error.isHidden()
    view.refresh()
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert QualityAction.get_by_id(action_id).progress_pct == 100


def test_paq_pdf_export_lists_the_actions(qtbot, context, tmp_path, monkeypatch,
                                          no_desktop_viewer):
    from pypdf import PdfReader

    from rcdesk.ui.complaints import actions as actions_module

    actions_service.create_action(actions_service.ActionInput(
        origin="audit", nc="Affichage des prix absent", action="Poser les étiquettes",
        pilot="Chef de rayon", planned_date=date(2099, 1, 15)))
    target = tmp_path / "paq.pdf"
    monkeypatch.setattr(actions_module, "ask_pdf_path", lambda *a: str(target))
    view = ActionPlanView(context)
    qtbot.addWidget(view)
    view.export_pdf()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(target)).pages).split())
    assert "Poser les étiquettes" in text
    assert "Chef de rayon" in text
    assert no_desktop_viewer == [str(target)]


def test_action_created_from_a_complaint_file_shows_in_that_file(qtbot, context):
    saved = _complaint("Verres à vin")
    tab = ComplaintsTab(context)
    qtbot.addWidget(tab)
    detail = tab.open_complaint(saved.id)
    assert detail.actions_list.count() == 0
    detail.create_action_requested.emit([saved.id])
    form = tab.action_plan.findChild(ActionDialog)
    form.action.setPlainText("Contrôle des cartons au départ")
    form.pilot.setText("Magasinier")
    form.accept()
    assert form.error.isHidden(), form.error.text()
    assert detail.actions_list.count() == 1
    assert "Contrôle des cartons au départ" in detail.actions_list.item(0).text()
    assert tab.action_plan.model.rowCount() == 1


def test_action_form_names_linked_complaints_by_number_and_explains_its_jargon(qtbot, context,
                                                                                tmp_path):
    import os

    from rcdesk.ui.complaints.action_form import FIVE_M_HELP, NC_HELP

    for _ in range(4):  # last year's: ids 1-4, so ids and this year's numbers part ways
        cs.register_complaint(cs.ComplaintInput(walk_in_name="X", walk_in_contact="x@y.fr",
                                                description="x"),
                              received_on=date(date.today().year - 1, 3, 2))
    first, second = _complaint("Verres à vin"), _complaint("Carafe")
    assert (first.id, second.id) == (5, 6)
    create = ActionDialog(complaint_ids=[first.id, second.id])
    qtbot.addWidget(create)
    assert create.linked.text() == "REC-{0}-0001, REC-{0}-0002".format(date.today().year)
    assert create.nc.toolTip() == NC_HELP and "main d'œuvre (les personnes)" in FIVE_M_HELP
    action_id = actions_service.create_action(actions_service.ActionInput(
        nc="Verres cassés", causes_5m=["matériel"], action="Calage", pilot="Julie"),
        [second.id])
    edit = ActionDialog(action_id=action_id)
    qtbot.addWidget(edit)
    assert edit.linked.text() == second.number
    assert ActionPlanView.__name__  # the list's header explains NC and 5M in tooltips
    from rcdesk.ui.complaints.actions import ActionTableModel

    model = ActionTableModel()
    nc_column = [key for key, _ in COLUMNS].index("nc")
    assert model.headerData(nc_column, Qt.Orientation.Horizontal) == "Non-conformité constatée"
    assert model.headerData(nc_column, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole) == NC_HELP
    if os.environ.get("RCDESK_SHOTS"):
        create.show()
        qtbot.waitExposed(create)
        create.grab().save(os.path.join(os.environ["RCDESK_SHOTS"], "action-form.png"))
