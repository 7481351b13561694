"""Comptoir: one lookup field (a scanner's keystrokes + Entrée, a card number, a phone or a
name), the card screen, and what the counter does with it (purchase, voucher, renew, replace,
print). Every rule is a service call; nothing here writes to the database itself."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date, format_money
from rcdesk.core.loyalty import group_digits, pct
from rcdesk.core.money import parse_money
from rcdesk.services.customers.search import quick_search
from rcdesk.services.loyalty.cards import card_view, issue_card, lookup, renew_card, replace_card
from rcdesk.services.loyalty.counter import record_purchase, redeem, use_voucher
from rcdesk.services.loyalty.ledger import LEDGER_COLUMNS, LedgerQuery, ledger_count, ledger_page
from rcdesk.ui.forms import ErrorLine, action_button, read_only_rows, shortcut
from rcdesk.ui.paged_model import RIGHT, PagedTableModel

HISTORY_ROWS = 8  # the last operations shown on the card screen; « tout voir » for the rest

CARD_ROLE = Qt.ItemDataRole.UserRole
STATUS_COLOURS = {"active": "#1b5e20", "grace": "#b26a00", "expired": "#b00020",
                  "blocked": "#b00020"}


class CounterView(QWidget):
    """The counter: Entrée in the lookup field opens the card at once."""

    changed = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.card_id: int | None = None
        self.lookup_edit = QLineEdit(self)
        self.lookup_edit.setObjectName("loyaltyLookup")
        self.lookup_edit.setPlaceholderText(self.tr(
            "Scannez la carte, ou tapez un n° de carte, un téléphone ou un nom, puis Entrée"))
        self.lookup_edit.returnPressed.connect(self.search)
        self.lookup_edit.setClearButtonEnabled(True)
        self.error = ErrorLine(self, "loyaltyError")
        self.hits = QListWidget(self)
        self.hits.setObjectName("loyaltyHits")
        self.hits.itemActivated.connect(self._hit_chosen)
        self.hits.setMaximumHeight(150)
        self.hits.hide()

        self.title = QLabel(self)
        self.title.setObjectName("cardTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.sentence = QLabel(self)
        self.sentence.setObjectName("cardSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("font-size: 15pt; font-weight: bold; color: #1F4E79;")
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(self)
        self.details.setObjectName("cardDetails")
        self.details.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("cardWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b26a00; font-weight: bold;")

        self.vouchers = read_only_rows(QTableWidget(0, 3, self))
        self.vouchers.setObjectName("cardVouchers")
        self.vouchers.setHorizontalHeaderLabels([self.tr("Bon"), self.tr("Valeur"),
                                                 self.tr("État")])
        self.lots = read_only_rows(QTableWidget(0, 2, self))
        self.lots.setObjectName("cardLots")
        self.lots.setHorizontalHeaderLabels([self.tr("Points"), self.tr("Expirent le")])
        self.history = read_only_rows(QTableWidget(0, len(LEDGER_COLUMNS), self))
        self.history.setObjectName("cardHistory")
        self.history.setHorizontalHeaderLabels([self.tr(t) for _, t in LEDGER_COLUMNS])
        self.history_label = QLabel(self)
        self.history_label.setObjectName("cardHistoryCount")
        self.history_button = action_button(self.tr("Tout voir le &relevé…"), self.show_ledger,
                                            self, "ledgerButton")
        for table in (self.vouchers, self.lots, self.history):
            table.horizontalHeader().setStretchLastSection(True)
            table.setMinimumHeight(90)

        self.amount = QLineEdit(self)
        self.amount.setObjectName("purchaseAmount")
        self.amount.setPlaceholderText(self.tr("montant (négatif : retour)"))
        self.amount.returnPressed.connect(self.purchase)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("purchaseReference")
        self.reference.setPlaceholderText(self.tr("n° de ticket (facultatif)"))
        self.reference.returnPressed.connect(self.purchase)
        self.voucher_code = QLineEdit(self)
        self.voucher_code.setObjectName("voucherCode")
        self.voucher_code.setPlaceholderText(self.tr("code du bon présenté"))
        self.voucher_code.returnPressed.connect(self.use)
        self.result = QLabel(self)
        self.result.setObjectName("counterResult")
        self.result.setWordWrap(True)
        self.buttons = [
            action_button(self.tr("Enregistrer l'&achat"), self.purchase, self, "purchaseButton"),
            action_button(self.tr("Points → &bon"), self.make_voucher, self, "redeemButton"),
            action_button(self.tr("&Utiliser le bon"), self.use, self, "useButton"),
            action_button(self.tr("Re&nouveler la carte"), self.renew, self, "renewButton"),
            action_button(self.tr("Remplacer (carte &perdue)…"), self.replace, self,
                          "replaceButton"),
            action_button(self.tr("&Imprimer la carte…"), self.print_card, self, "printButton"),
        ]
        self.issue_button = action_button(self.tr("Émettre une &carte pour ce client"),
                                          self.issue, self, "issueButton")
        self.issue_button.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Carte, téléphone ou nom :"), self))
        top.itemAt(0).widget().setBuddy(self.lookup_edit)
        top.addWidget(self.lookup_edit, 1)
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.sentence)
        left.addWidget(self.warnings)
        left.addWidget(self.details)
        tables = QHBoxLayout()
        box = QGroupBox(self.tr("Bons d'achat"), self)
        QVBoxLayout(box).addWidget(self.vouchers)
        tables.addWidget(box, 3)
        box = QGroupBox(self.tr("Points et leur expiration"), self)
        QVBoxLayout(box).addWidget(self.lots)
        tables.addWidget(box, 2)
        left.addLayout(tables, 1)
        box = QGroupBox(self.tr("Relevé des points (dernières opérations)"), self)
        history = QVBoxLayout(box)
        history.addWidget(self.history)
        under = QHBoxLayout()
        under.addWidget(self.history_label, 1)
        under.addWidget(self.history_button)
        history.addLayout(under)
        left.addWidget(box, 1)
        actions = QGroupBox(self.tr("Au comptoir"), self)
        form = QFormLayout(actions)
        form.addRow(self.tr("Achat :"), self.amount)
        form.addRow(self.tr("Ticket :"), self.reference)
        form.addRow(self.buttons[0])
        form.addRow(self.tr("Bon :"), self.voucher_code)
        form.addRow(self.buttons[2])
        for button in self.buttons[1:2] + self.buttons[3:]:
            form.addRow(button)
        form.addRow(self.result)
        actions.setMaximumWidth(360)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(actions)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.hits)
        layout.addWidget(self.issue_button)
        layout.addLayout(body, 1)
        shortcut(self, "Ctrl+L", self.focus_lookup)
        shortcut(self, "Escape", self.focus_lookup)
        self._show(None)

    # --- lookup -----------------------------------------------------------------------------

    def focus_lookup(self) -> None:
        self.lookup_edit.setFocus()
        self.lookup_edit.selectAll()

    def search(self) -> None:
        text = self.lookup_edit.text()
        self.error.clear_error()
        self.hits.clear()
        self.hits.hide()
        self.issue_button.hide()
        try:
            hits = lookup(text)
        except ServiceError as exc:
            self.error.show_error(str(exc))
            self.focus_lookup()
            return
        current = [h for h in hits if h.status != "blocked"]
        if len(hits) == 1 or (len(current) == 1 and len({h.customer for h in hits}) == 1):
            self.open_card((current or hits)[0].card_id)
            return
        if hits:
            for h in hits:
                state = self.tr(" — bloquée") if h.status == "blocked" else ""
                item = QListWidgetItem(f"{group_digits(h.number)}  {h.customer}  "
                                       f"(expire le {format_date(h.expires_on)}){state}")
                item.setData(CARD_ROLE, ("card", h.card_id))
                self.hits.addItem(item)
        else:
            for c in quick_search(text, 10) if text.strip() else []:
                item = QListWidgetItem(self.tr("%1 — %2 (pas de carte : Entrée pour en émettre "
                                               "une)").replace("%1", c.display)
                                       .replace("%2", c.contact))
                item.setData(CARD_ROLE, ("customer", c.customer_id))
                self.hits.addItem(item)
            if not self.hits.count():
                self.error.show_error(self.tr("Aucune carte ni aucun client pour « %1 ».")
                                   .replace("%1", text.strip()[:60]))
                self.focus_lookup()
                return
        self.hits.show()
        self.hits.setCurrentRow(0)
        self.hits.setFocus()

    def _hit_chosen(self, item: QListWidgetItem) -> None:
        kind, ident = item.data(CARD_ROLE)
        self.hits.hide()
        if kind == "card":
            self.open_card(ident)
        else:
            self._customer_to_issue = ident
            self.issue()

    def open_card(self, card_id: int) -> None:
        self.card_id = card_id
        self.result.clear()
        self.refresh()
        self.amount.setFocus()

    def refresh(self) -> None:
        if self.card_id is None:
            self._show(None)
            return
        self._show(card_view(self.card_id))

    def _show(self, view) -> None:
        has = view is not None
        for w in (*self.buttons, self.amount, self.reference):
            w.setEnabled(has and view.status != "blocked")
        self.buttons[2].setEnabled(True)  # a voucher is used by its code, card open or not
        if not has:
            self.title.setText(self.tr("<i>Aucune carte ouverte : scannez-la ou cherchez le "
                                       "client par son téléphone ou son nom.</i>"))
            for w in (self.sentence, self.details, self.warnings):
                w.clear()
            self.vouchers.setRowCount(0)
            self.lots.setRowCount(0)
            self.history.setRowCount(0)
            self.history_label.clear()
            self.history_button.setEnabled(False)
            return
        cur = self.context.company().currency
        colour = STATUS_COLOURS[view.status]
        self.title.setText(
            f"<span style='font-size:13pt'><b>{view.customer}</b> — carte "
            f"{group_digits(view.number)}</span> &nbsp; <span style='color:{colour}'><b>"
            f"{view.status_label}</b></span>")
        self.sentence.setText(f"« {view.sentence} »")
        lines = [self.tr("Solde : %1 points · carte valable jusqu'au %2")
                 .replace("%1", str(view.balance)).replace("%2", format_date(view.expires_on))]
        if view.tier:
            tier = self.tr("Palier %1").replace("%1", view.tier)
            if view.tier_discount_pct:
                tier += f" (remise {pct(view.tier_discount_pct)})"
            tier += self.tr(" · achats sur 12 mois : %1").replace(
                "%1", format_money(view.spend_12m_cents, cur))
            if view.next_tier:
                tier += self.tr(" · il manque %1 pour le palier %2").replace(
                    "%1", format_money(view.missing_cents, cur)).replace("%2", view.next_tier)
            lines.append(tier)
        if view.referrals:
            lines.append(self.tr("Filleuls : %1").replace("%1", ", ".join(view.referrals)))
        if view.referred_by:
            lines.append(self.tr("Parrain : %1").replace("%1", view.referred_by))
        self.details.setText("\n".join(lines))
        self.warnings.setText("\n".join(f"⚠ {w}" for w in view.warnings))
        self.vouchers.setRowCount(len(view.vouchers))
        for row, v in enumerate(view.vouchers):
            state = (self.tr("utilisé le %1").replace("%1", format_date(
                date.fromisoformat(v["used"]))) if v["used"] else
                self.tr("valable jusqu'au %1").replace("%1", format_date(
                    date.fromisoformat(v["expires_on"]))))
            for col, text in enumerate((v["code"], format_money(round(v["value"] * 100), cur),
                                        state)):
                self.vouchers.setItem(row, col, QTableWidgetItem(text))
        dated = [lot for lot in view.lots if lot.expires_on]
        self.lots.setRowCount(len(dated))
        for row, lot in enumerate(dated):
            self.lots.setItem(row, 0, QTableWidgetItem(str(lot.points)))
            self.lots.setItem(row, 1, QTableWidgetItem(format_date(lot.expires_on)))
        self.vouchers.resizeColumnsToContents()
        self._show_history()

    def _show_history(self) -> None:
        query = LedgerQuery(self.card_id)
        rows = ledger_page(query, 0, HISTORY_ROWS)
        total = ledger_count(query) if len(rows) == HISTORY_ROWS else len(rows)
        self.history.setRowCount(len(rows))
        for row, (_rid, on, kind, points, reason, operator) in enumerate(rows):
            for col, text in enumerate((format_date(on), kind, f"{points:+d}", reason,
                                        operator)):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.history.setItem(row, col, item)
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history_label.setText(
            self.tr("Aucune opération.") if not total else
            self.tr("%1 dernière(s) opération(s) sur %2.").replace("%1", str(len(rows)))
            .replace("%2", str(total)))
        self.history_button.setEnabled(total > 0)

    def show_ledger(self) -> None:
        if self.card_id is None:
            return
        LedgerDialog(self.card_id, self.title.text(), self).exec()

    # --- counter actions --------------------------------------------------------------------

    def _run(self, action, success) -> None:
        self.error.clear_error()
        try:
            result = action()
        except (ServiceError, ValidationError, ValueError) as exc:
            self.result.setText("")
            self.error.show_error(str(exc))
            return
        self.result.setText(success(result))
        self.refresh()
        self.changed.emit()
        self.context.data_changed.emit("loyalty")

    def purchase(self) -> None:
        if self.card_id is None:
            return

        def do():
            cents = parse_money(self.amount.text(), allow_negative=True)
            return record_purchase(self.card_id, cents, reference=self.reference.text())

        def said(r) -> str:
            head = (self.tr("%1 points gagnés.").replace("%1", str(r.points)) if r.points >= 0
                    else self.tr("%1 points repris (retour).").replace("%1", str(-r.points)))
            self.amount.clear()
            self.reference.clear()
            return "\n".join([head, *r.messages])

        self._run(do, said)

    def make_voucher(self) -> None:
        if self.card_id is not None:
            self._run(lambda: redeem(self.card_id), lambda v: self.tr(
                "Bon %1 de %2, valable jusqu'au %3.").replace("%1", v.code).replace(
                "%2", format_money(v.value_cents, self.context.company().currency)).replace(
                "%3", format_date(v.expires_on)))

    def use(self) -> None:
        code = self.voucher_code.text()

        def said(v) -> str:
            self.voucher_code.clear()
            return self.tr("Bon %1 utilisé : %2 à déduire.").replace("%1", v.code).replace(
                "%2", format_money(v.value_cents, self.context.company().currency))

        self._run(lambda: use_voucher(code), said)

    def renew(self) -> None:
        if self.card_id is not None:
            self._run(lambda: renew_card(self.card_id), lambda d: self.tr(
                "Carte renouvelée jusqu'au %1 (points et bons conservés).").replace(
                "%1", format_date(d)))

    def replace(self) -> None:
        if self.card_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remplacer la carte"),
            self.tr("La carte actuelle sera bloquée et son solde passera sur un nouveau "
                    "numéro. Continuer ?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            number = replace_card(self.card_id)
        except ServiceError as exc:
            self.error.show_error(str(exc))
            return
        hits = lookup(number)
        self.open_card(hits[0].card_id)
        self.result.setText(self.tr("Nouvelle carte %1 : solde et bons transférés.")
                            .replace("%1", group_digits(number)))
        self.context.data_changed.emit("loyalty")

    def issue(self) -> None:
        customer_id = getattr(self, "_customer_to_issue", None)
        if customer_id is None:
            return
        try:
            number = issue_card(customer_id)
        except ServiceError as exc:
            self.error.show_error(str(exc))
            return
        self.open_card(lookup(number)[0].card_id)
        self.result.setText(self.tr("Carte %1 émise.").replace("%1", group_digits(number)))
        self.context.data_changed.emit("loyalty")

    def print_card(self) -> None:
        if self.card_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Imprimer la carte"),
                                              "carte-fidelite.pdf", "PDF (*.pdf)")
        if not path:
            return
        from rcdesk.reports.loyalty_cards import write_cards_pdf

        try:
            write_cards_pdf([self.card_id], path, overwrite=True)
        except ServiceError as exc:
            self.error.show_error(str(exc))
            return
        self.result.setText(self.tr("Carte enregistrée : %1").replace("%1", path))


class LedgerModel(PagedTableModel):
    def display_text(self, key: str, value) -> str:
        if key == "on":
            return format_date(value)
        if key == "points":
            return f"{value:+d}"
        return "" if value is None else str(value)

    def column_alignment(self, column: int) -> int | None:
        return RIGHT if self.column_key(column) == "points" else None


class LedgerDialog(QDialog):
    """The card's whole ledger, paged as it scrolls, sortable by column; Échap closes."""

    def __init__(self, card_id: int, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Relevé des points"))
        self.model = LedgerModel([(k, self.tr(t)) for k, t in LEDGER_COLUMNS], ledger_page,
                                 ledger_count, LedgerQuery(card_id), self)
        self.view = QTableView(self)
        self.view.setObjectName("ledgerView")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.model.set_query(LedgerQuery(card_id))
        heading = QLabel(title, self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        count = QLabel(self.tr("%1 opération(s), la plus récente en premier.")
                       .replace("%1", str(self.model.total())), self)
        count.setObjectName("ledgerCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(count)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.view.resizeColumnsToContents()
        self.view.setFocus()
