"""Processing a complaint in its file: only allowed moves, qualification, answer, closure."""

from __future__ import annotations

from datetime import date

from rcdesk.models.complaints import Complaint, ComplaintEvent
from rcdesk.services import complaints as cs
from rcdesk.ui.complaints.detail import ComplaintDetailDialog
from rcdesk.ui.complaints.dialogs import CloseDialog


def _complaint():
    return cs.register_complaint(cs.ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", channel="comptoir",
        product="Lave-linge", description="Fuite d'eau"))


def _category(name="Livraison"):
    return next(cid for cid, n in cs.list_categories() if n == name)


def test_only_allowed_moves_are_offered(qtbot, context):
    saved = _complaint()
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    # Reçue -> Qualifiée, En attente du client, Non recevable; never straight to closure
    assert set(dialog.move_buttons) == {"Qualifiée", "En attente du client", "Non recevable"}
    assert "Clôturée" not in dialog.move_buttons
    assert "Réponse envoyée" not in dialog.move_buttons
    assert "Reçue" in dialog.header.text()


def test_qualify_answer_and_close_walk_through_the_workflow(qtbot, context, monkeypatch):
    saved = _complaint()
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    form = dialog.qualification
    form.category.setCurrentIndex(form.category.findData(_category()))
    form.type.setCurrentIndex(form.type.findData("faute du vendeur"))
    form.founded.setCurrentIndex(form.founded.findData(True))
    form.entity.setText("SAV")
    form.save()
    assert dialog.detail.status == "Qualifiée"
    assert dialog.detail.entity == "SAV"
    assert "Réponse envoyée" in dialog.move_buttons
    assert "Clôturée" not in dialog.move_buttons

    answer = dialog.answer
    answer.answer_text.setPlainText("Technicien envoyé, joint remplacé.")
    answer.compensation.setCurrentIndex(answer.compensation.findData("geste commercial"))
    answer.cost.setText("-5")
    answer.save()
    assert not answer.error.isHidden()
    assert "négatif" in answer.error.text()
    assert answer.answer_text.toPlainText() == "Technicien envoyé, joint remplacé."
    answer.cost.setText("25,50")
    answer.save()
    assert answer.error.isHidden()
    assert dialog.detail.status == "Réponse envoyée"
    assert dialog.detail.cost_cents == 2550
    assert set(dialog.move_buttons) >= {"Clôturée"}

    closing = CloseDialog(saved.id, saved.number, dialog.detail.answer_date, dialog)
    qtbot.addWidget(closing)
    closing.resatisfied.setCurrentIndex(closing.resatisfied.findData("oui"))
    closing.accept()
    assert closing.result() == closing.DialogCode.Accepted
    dialog.reload()
    assert dialog.detail.status == "Clôturée"
    assert set(dialog.move_buttons) == {"reopen"}
    row = Complaint.get_by_id(saved.id)
    assert (row.resatisfied, row.answer_date) == ("oui", date.today())
    whats = [e.what for e in ComplaintEvent.select().where(ComplaintEvent.complaint == saved.id)]
    assert any(w.startswith("Qualification") for w in whats)
    assert dialog.timeline.topLevelItemCount() == len(whats)


def test_closure_without_answer_is_refused_with_a_message(qtbot, context):
    saved = _complaint()
    cs.qualify(saved.id, cs.Qualification(category_id=_category(), type="bonne foi"))
    closing = CloseDialog(saved.id, saved.number, None, None)
    qtbot.addWidget(closing)
    closing.accept()  # no answer date typed
    assert "date de réponse est obligatoire" in closing.error.text()
    closing.answer_date.setText(date.today().strftime("%d/%m/%Y"))
    closing.accept()  # a date, but no answer recorded: the service refuses
    assert "répondez au client avant de clôturer" in closing.error.text()
    assert closing.answer_date.text() == date.today().strftime("%d/%m/%Y")
    assert Complaint.get_by_id(saved.id).status == "Qualifiée"


def test_rejection_needs_a_reason_and_reopening_offers_the_file_again(qtbot, context,
                                                                      monkeypatch):
    from rcdesk.ui.complaints import detail as detail_module

    saved = _complaint()
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    reasons = iter(["", "Hors garantie depuis 2 ans"])
    messages = []

    class FakeComment:
        def __init__(self, title, prompt, action, parent=None):
            self.action = action

        def exec(self):
            for reason in reasons:
                try:
                    self.action(reason)
                    return detail_module.QDialog.DialogCode.Accepted
                except Exception as exc:  # noqa: BLE001 - the dialog shows it and stays
                    messages.append(str(exc))
            return detail_module.QDialog.DialogCode.Rejected

    monkeypatch.setattr(detail_module, "CommentDialog", FakeComment)
    assert dialog.request_move("Non recevable")
    assert messages and "non recevable" in messages[0]
    assert dialog.detail.status == "Non recevable"
    assert set(dialog.move_buttons) == {"reopen"}
    reasons = iter(["Nouvelle pièce fournie"])
    assert dialog.request_reopen()
    assert dialog.detail.status == "En traitement"


def test_answer_letter_pdf_carries_the_answer(qtbot, context, tmp_path, monkeypatch,
                                              no_desktop_viewer):
    from pypdf import PdfReader

    from rcdesk.ui.complaints import detail as detail_module

    saved = _complaint()
    cs.qualify(saved.id, cs.Qualification(category_id=_category(), type="bonne foi"))
    cs.record_answer(saved.id, cs.AnswerInput(answer_text="Nous remplaçons votre lave-linge.",
                                              answer_date=date.today(), compensation="échange"))
    letter = tmp_path / "reponse.pdf"
    monkeypatch.setattr(detail_module, "ask_pdf_path", lambda *a: str(letter))
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    assert dialog.answer.letter_button.isEnabled()
    dialog.save_answer_letter()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(letter)).pages).split())
    assert saved.number in text
    assert "remplaçons votre lave-linge" in text
    assert no_desktop_viewer == [str(letter)]


def test_customer_history_beside_the_file_flags_a_repeat_complainer(qtbot, context):
    from rcdesk.services import customers as customers_service

    customer_id = customers_service.create_customer(customers_service.CustomerData(
        first_name="Noémie", last_name="Boulay", email="noemie@example.org", status="client"))
    customers_service.add_purchase(customer_id, date(2026, 1, 10), 12_990)
    saved = [cs.register_complaint(cs.ComplaintInput(
        customer_id=customer_id, description=f"Réclamation {i}")) for i in range(3)]
    dialog = ComplaintDetailDialog(saved[-1].id, context)
    qtbot.addWidget(dialog)
    history = dialog.history
    texts = [history.complaints.item(i).text() for i in range(history.complaints.count())]
    assert len(texts) == 2  # the two others, not the one open
    assert saved[0].number in " ".join(texts)
    assert not history.repeat.isHidden()
    assert history.purchases.text().startswith("1 achat(s) pour 129,90")
    with qtbot.waitSignal(history.open_requested) as blocker:
        history._open_item(history.complaints.item(len(texts) - 1))
    assert blocker.args == [saved[0].id]


def test_answer_form_waits_for_the_qualification(qtbot, context):
    saved = _complaint()
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    assert not dialog.answer.save_button.isEnabled()
    assert "Reçue" in dialog.answer.hint.text()
    cs.qualify(saved.id, cs.Qualification(category_id=_category(), type="bonne foi"))
    dialog.reload()
    assert dialog.answer.save_button.isEnabled()
    assert dialog.answer.hint.isHidden()


def test_waiting_for_the_customer_shows_the_paused_clock(qtbot, context, monkeypatch):
    from rcdesk.ui.complaints import detail as detail_module

    saved = _complaint()

    class Reason:
        def __init__(self, title, prompt, action, parent=None):
            self.action = action

        def exec(self):
            self.action("Photos du lave-linge demandées")
            return detail_module.QDialog.DialogCode.Accepted

    monkeypatch.setattr(detail_module, "CommentDialog", Reason)
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    assert dialog.request_move("En attente du client")
    assert dialog.detail.status == "En attente du client"
    assert "délai suspendu depuis le " + date.today().strftime("%d/%m/%Y") in dialog.header.text()
    assert set(dialog.move_buttons) == {"Reçue", "Qualifiée", "En traitement"}
    assert dialog.timeline.topLevelItem(dialog.timeline.topLevelItemCount() - 1).text(3) == \
        "Photos du lave-linge demandées"


def _qualified_elsewhere(complaint_id) -> None:
    """PC 2 qualifies the complaint PC 1 has open."""
    cs.qualify(complaint_id, cs.Qualification(_category("Accueil"), "bonne foi", None,
                                              entity="Magasin"))


def _answering(monkeypatch, choice):
    from rcdesk.ui import forms

    asked = []
    monkeypatch.setattr(forms, "ask_about_stale",
                        lambda parent, error: asked.append(str(error)) or choice)
    return asked


def test_qualifying_over_another_counters_qualification_reloads_the_file(
        qtbot, context, monkeypatch):
    saved = _complaint()
    dialog = ComplaintDetailDialog(saved.id, context)  # PC 1
    qtbot.addWidget(dialog)
    _qualified_elsewhere(saved.id)
    asked = _answering(monkeypatch, "reload")
    form = dialog.qualification
    form.category.setCurrentIndex(form.category.findData(_category()))
    form.type.setCurrentIndex(form.type.findData("faute du vendeur"))
    form.save()
    assert len(asked) == 1 and asked[0].startswith(
        "Cette réclamation a été modifiée sur un autre poste depuis que vous l'avez ouverte : "
        "Statut (Reçue → Qualifiée), Catégorie (aucune → Accueil), Type (vide → bonne foi), "
        "Entité en charge (vide → Magasin).")
    row = Complaint.get_by_id(saved.id)
    assert (row.category.name, row.type, row.entity, row.version) == (
        "Accueil", "bonne foi", "Magasin", 2)
    assert dialog.detail.version == 2  # the file shows what is stored now
    assert form.category.currentData() == _category("Accueil")
    assert form.entity.text() == "Magasin"


def test_qualifying_over_another_counters_qualification_can_overwrite_it(
        qtbot, context, monkeypatch):
    saved = _complaint()
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    _qualified_elsewhere(saved.id)
    _answering(monkeypatch, "overwrite")
    form = dialog.qualification
    form.category.setCurrentIndex(form.category.findData(_category()))
    form.type.setCurrentIndex(form.type.findData("faute du vendeur"))
    form.save()
    row = Complaint.get_by_id(saved.id)
    assert (row.category.name, row.type, row.entity, row.version) == (
        "Livraison", "faute du vendeur", "", 3)
    assert dialog.detail.category == "Livraison"
