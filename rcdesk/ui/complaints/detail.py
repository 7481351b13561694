"""One complaint's file: the allowed moves, qualification, answer, attachments, timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date, format_money, format_number
from rcdesk.ui.complaints import letters
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import (
    LATE_FG,
    SERVICE_ERRORS,
    SOON_FG,
    ask_pdf_path,
    local_datetime_text,
    received_text,
    show_error,
)
from rcdesk.ui.complaints.dialogs import CloseDialog, CommentDialog
from rcdesk.ui.complaints.history import CustomerHistoryPanel
from rcdesk.ui.complaints.processing import AnswerForm, QualificationForm
from rcdesk.ui.forms import action_button

# Moves that need more than a click: their own form or dialog.
MOVE_LABELS = {
    "Qualifiée": "Qualifier…",
    "En traitement": "Mettre en traitement",
    "En attente du client": "En attente du client…",
    "Réponse envoyée": "Répondre…",
    "Clôturée": "Clôturer…",
    "Non recevable": "Non recevable…",
    "Reçue": "Reprendre (Reçue)",
}


class ComplaintDetailDialog(QDialog):
    """Traitement d'une réclamation. Only the moves ALLOWED_MOVES gives are offered as buttons;
    every change goes through a service and reloads the file from it (timeline included)."""

    changed = Signal(int)
    create_action_requested = Signal(list)

    def __init__(self, complaint_id: int, context=None, parent=None):
        super().__init__(parent)
        self.complaint_id = complaint_id
        self.context = context
        self.detail = None
        self.setMinimumSize(980, 640)
        self.header = QLabel(self)
        self.header.setObjectName("detailHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.moves_box = QHBoxLayout()
        self.move_buttons: dict[str, QPushButton] = {}

        self.tabs = QTabWidget(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("intakeSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setContentsMargins(10, 8, 10, 8)
        self.qualification = QualificationForm(self)
        self.qualification.saved.connect(self._after_change)
        self.qualification.reload_requested.connect(self._after_change)
        self.answer = AnswerForm(self)
        self.answer.saved.connect(self._after_change)
        self.answer.reload_requested.connect(self._after_change)
        self.answer.letter_requested.connect(self.save_answer_letter)
        self.tabs.addTab(self._build_summary_page(), self.tr("&Réclamation"))
        self.tabs.addTab(self.qualification, self.tr("&Qualification"))
        self.tabs.addTab(self.answer, self.tr("Ré&ponse"))
        self.tabs.addTab(self._build_attachments(), self.tr("Pièces &jointes"))
        self.timeline = QTreeWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setHeaderLabels([self.tr("Quand"), self.tr("Qui"), self.tr("Quoi"),
                                       self.tr("Commentaire")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setColumnWidth(0, 120)
        self.timeline.setColumnWidth(2, 300)
        self.tabs.addTab(self.timeline, self.tr("&Chronologie"))
        self.actions_list = QListWidget(self)
        self.actions_list.setObjectName("linkedActions")
        self.actions_list.itemActivated.connect(self.edit_linked_action)
        self.tabs.addTab(self.actions_list, self.tr("Actions P&AQ"))

        self.history = CustomerHistoryPanel(self)
        splitter = QSplitter(self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        note = action_button(self.tr("&Note…"), self.add_note, self)
        self.ack_button = action_button(self.tr("&Accusé de réception…"),
                                        self.save_acknowledgement, self)
        self.ack_button.setToolTip(self.tr(
            "Réimprime l'accusé de réception daté du jour de la réception, ou un duplicata "
            "daté d'aujourd'hui ; il promet l'échéance enregistrée sur la réclamation."))
        paq = action_button(self.tr("Créer une action PAQ…"),
                            lambda: self.create_action_requested.emit([self.complaint_id]), self)
        close = action_button(self.tr("&Fermer"), self.accept, self)
        bottom = QHBoxLayout()
        bottom.addWidget(note)
        bottom.addWidget(self.ack_button)
        bottom.addWidget(paq)
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self.moves_box)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.reload()
        if context is not None:
            context.data_changed.connect(self._area_changed)

    def _area_changed(self, area: str) -> None:
        if area == "actions":
            self._fill_actions()

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        d = self.detail = ops.get_complaint(complaint_id=self.complaint_id)
        self.setWindowTitle(self.tr("Réclamation %1").replace("%1", d.number))
        state = d.due_state
        colour = LATE_FG.name() if state == "late" else SOON_FG.name() if state == "soon" else ""
        due = format_date(d.due_date)
        if state == "late":
            due = self.tr("<span style='color:%1'><b>%2 — en retard</b></span>") \
                .replace("%1", colour).replace("%2", due)
        elif state == "soon":
            due = self.tr("<span style='color:%1'><b>%2 — bientôt dû</b></span>") \
                .replace("%1", colour).replace("%2", due)
        if d.paused_on is not None:
            due += self.tr(" · délai suspendu depuis le %1").replace("%1",
                                                                    format_date(d.paused_on))
        self.header.setText(self.tr(
            "<h2>%1 — %2</h2><p>Client : <b>%3</b> · reçue le %4 · échéance %5</p>")
            .replace("%1", d.number).replace("%2", d.status)
            .replace("%4", received_text(d.received_on, d.received_at)).replace("%5", due)
            .replace("%3", _escape(d.customer_name or d.walk_in_name or "—")))
        self._fill_summary(d)
        self.edit_button.setEnabled(d.status not in ops.complaints().FINAL_STATUSES)
        self._build_moves(d)
        self.qualification.load(d)
        self.answer.load(d)
        self._fill_timeline(d)
        self._fill_attachments()
        self._fill_actions()
        self.history.load(d.customer_id, exclude_id=d.id)

    def _fill_summary(self, d) -> None:
        rows = [(self.tr("Contact"), d.walk_in_contact)] if d.customer_id is None else []
        rows += [(self.tr("Canal"), d.channel), (self.tr("Produit / service"), d.product),
                 (self.tr("Lieu"), d.place), (self.tr("Description"), d.description),
                 (self.tr("Attente du client"), d.expectation)]
        if d.category:
            rows.append((self.tr("Catégorie"), d.category))
        if d.answer_text:
            rows.append((self.tr("Réponse"), d.answer_text))
            rows.append((self.tr("Compensation"), f"{d.compensation} — "
                         f"{format_money(d.cost_cents, self._currency())}"))
        if d.resatisfied:
            rows.append((self.tr("Client re-satisfait"), d.resatisfied))
        html = "".join(f"<p><b>{label} :</b> {_escape(value) or '—'}</p>" for label, value in rows)
        self.summary.setText(html)

    def _build_summary_page(self) -> QWidget:
        page = QWidget(self)
        self.edit_button = action_button(self.tr("&Modifier…"), self.edit_intake, page,
                                         name="editIntake")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary, 1)
        layout.addLayout(row)
        return page

    def edit_intake(self) -> None:
        from rcdesk.ui.complaints.edit import EditIntakeDialog

        if EditIntakeDialog(self.detail, self).exec() == QDialog.DialogCode.Accepted:
            self._after_change()

    def _currency(self) -> str:
        return self.context.company().currency if self.context is not None else "EUR"

    def _build_moves(self, d) -> None:
        while self.moves_box.count():
            item = self.moves_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.move_buttons = {}
        label = QLabel(self.tr("Étape suivante :"), self)
        self.moves_box.addWidget(label)
        status_order = list(ops.complaints().STATUSES)
        for status in sorted(d.allowed_moves, key=status_order.index):
            button = action_button(self.tr(MOVE_LABELS.get(status, status)),
                                   lambda _=False, s=status: self.request_move(s), self,
                                   name=f"move:{status}")
            self.moves_box.addWidget(button)
            self.move_buttons[status] = button
        if d.status in ops.complaints().FINAL_STATUSES:
            button = action_button(self.tr("Rouvr&ir…"), self.request_reopen, self, name="reopen")
            self.moves_box.addWidget(button)
            self.move_buttons["reopen"] = button
        if not self.move_buttons:
            label.setText(self.tr("Aucune étape possible."))
        self.moves_box.addStretch(1)

    def _fill_timeline(self, d) -> None:
        self.timeline.clear()
        for event in d.timeline:
            item = QTreeWidgetItem([local_datetime_text(event.at), event.who,
                                    event.what, event.comment])
            item.setToolTip(2, event.what)
            item.setToolTip(3, event.comment)
            self.timeline.addTopLevelItem(item)
        self.timeline.scrollToBottom()

    def _fill_actions(self) -> None:
        self.actions_list.clear()
        try:
            linked = ops.actions_for_complaint(complaint_id=self.complaint_id)
        except SERVICE_ERRORS:
            linked = []
        for action in linked:
            text = action.action or action.nc  # ActionRow
            item = QListWidgetItem(self.tr("n° %1 — %2 (%3 %, pilote : %4)")
                                   .replace("%1", str(action.id)).replace("%2", text)
                                   .replace("%3", str(action.progress_pct))
                                   .replace("%4", action.pilot))
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            if action.overdue:
                item.setForeground(LATE_FG)
            self.actions_list.addItem(item)

    def edit_linked_action(self, item) -> None:
        from rcdesk.ui.complaints.action_form import ActionDialog

        action_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if action_id is None:
            return
        if ActionDialog(action_id, (), self).exec() == QDialog.DialogCode.Accepted:
            self._fill_actions()
            if self.context is not None:
                self.context.data_changed.emit("actions")

    # --- attachments ----------------------------------------------------------------------

    def _build_attachments(self) -> QWidget:
        page = QWidget(self)
        self.attachments = QListWidget(page)
        self.attachments.setObjectName("attachments")
        self.attachments.itemActivated.connect(self.open_attachment)
        add = action_button(self.tr("&Ajouter un fichier…"), self.add_attachment, page)
        open_button = action_button(self.tr("&Ouvrir"),
                                    lambda: self.open_attachment(self.attachments.currentItem()),
                                    page)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.attachments, 1)
        layout.addLayout(buttons)
        return page

    def _fill_attachments(self) -> None:
        self.attachments.clear()
        for row in ops.list_attachments(complaint_id=self.complaint_id):
            size = format_number(max(1, round(row.size / 1024)), 0)
            item = QListWidgetItem(self.tr("%1  (%2 Ko, ajouté le %3 par %4)")
                                   .replace("%2", size).replace("%3", format_date(row.added_at))
                                   .replace("%4", row.who).replace("%1", row.filename))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.attachments.addItem(item)

    def add_attachment(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Joindre un fichier"), "",
                                                  self.tr("Tous les fichiers (*)"))
        if not path:
            return
        try:
            ops.add_attachment(complaint_id=self.complaint_id, path=path)
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return
        self._after_change()

    def open_attachment(self, item) -> None:
        if item is None:
            return
        try:
            ops.open_attachment(attachment_id=item.data(Qt.ItemDataRole.UserRole))
        except SERVICE_ERRORS as exc:
            show_error(self, exc)

    # --- actions --------------------------------------------------------------------------

    def request_move(self, status: str) -> bool:
        """Run the move to status with the form it needs; True when the complaint moved."""
        d = self.detail
        if status == "Clôturée":
            dialog = CloseDialog(d.id, d.number, d.answer_date, self)
            done = dialog.exec() == QDialog.DialogCode.Accepted
        elif status == "Réponse envoyée":
            self.tabs.setCurrentWidget(self.answer)
            self.answer.focus()
            return False
        elif status == "Qualifiée" and d.category_id is None:
            self.tabs.setCurrentWidget(self.qualification)
            self.qualification.focus()
            return False
        elif status in ("Non recevable", "En attente du client"):
            prompt = self.tr("Pourquoi la réclamation est-elle non recevable ?") \
                if status == "Non recevable" else \
                self.tr("Qu'attend-on du client ? (le délai de réponse est suspendu)")
            dialog = CommentDialog(status, prompt, lambda text: ops.move(
                complaint_id=d.id, status=status, comment=text), self)
            done = dialog.exec() == QDialog.DialogCode.Accepted
        else:
            try:
                ops.move(complaint_id=d.id, status=status)
                done = True
            except SERVICE_ERRORS as exc:
                show_error(self, exc)
                done = False
        if done:
            self._after_change()
        return done

    def request_reopen(self) -> bool:
        dialog = CommentDialog(self.tr("Rouvrir"), self.tr("Motif de la réouverture :"),
                               lambda text: ops.reopen(complaint_id=self.complaint_id,
                                                       comment=text), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change()
            return True
        return False

    def add_note(self) -> None:
        dialog = CommentDialog(self.tr("Note"), self.tr("Note pour la chronologie (appel, "
                                                        "information donnée au client…) :"),
                               lambda text: ops.add_comment(complaint_id=self.complaint_id,
                                                            comment=text), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change()

    def ask_duplicate(self) -> bool | None:
        return letters.ask_duplicate(self, self.detail)

    def save_acknowledgement(self) -> None:
        """The acknowledgement again: original (dated the day of receipt) or duplicate."""
        letters.save_acknowledgement(self, self.detail, self.ask_duplicate())

    def save_answer_letter(self) -> None:
        path = ask_pdf_path(self, f"reponse-{self.detail.number}.pdf")
        if not path:
            return
        try:
            ops.write_answer_letter(complaint_id=self.complaint_id, path=path)
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return
        ops.open_file(path)

    def _after_change(self) -> None:
        self.reload()
        if self.context is not None:
            self.context.data_changed.emit("complaints")
        self.changed.emit(self.complaint_id)


def _escape(text: str) -> str:
    return (str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))

