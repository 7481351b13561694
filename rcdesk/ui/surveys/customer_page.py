"""The « Satisfaction » page of a customer's file: his answers, the latest first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from rcdesk.ui.surveys import operations as ops


class CustomerSatisfactionPage(QWidget):
    def __init__(self, context, customer_id: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.customer_id = customer_id
        self.summary = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("customerAnswers")
        self.tree.setHeaderLabels([self.tr("Question"), self.tr("Réponse")])
        self.tree.setColumnWidth(0, 380)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        answers = ops.results().customer_answers(self.customer_id)
        responses: dict[int, QTreeWidgetItem] = {}
        for a in answers:
            parent = responses.get(a.response_id)
            if parent is None:
                parent = QTreeWidgetItem([f"{a.answered_at:%d/%m/%Y} — {a.campaign}", ""])
                self.tree.addTopLevelItem(parent)
                responses[a.response_id] = parent
            QTreeWidgetItem(parent, [a.question, a.answer])
        self.tree.expandAll()
        nps = [a for a in answers if a.kind == "nps" and a.answer]
        if not responses:
            self.summary.setText(self.tr("Aucune réponse à une enquête de satisfaction."))
        else:
            last = (f" Dernière note de recommandation : {nps[0].answer.rstrip('.!')}."
                    if nps else "")
            self.summary.setText(self.tr("%1 réponse(s) à des enquêtes.").replace(
                "%1", str(len(responses))) + last)


def make_customer_page(context, customer_id, parent=None):
    """(title, page) for the customer's file; None for a customer not yet stored."""
    if customer_id is None:
        return None
    title = QCoreApplication.translate("CustomerSatisfactionPage", "Satisfaction")
    return title, CustomerSatisfactionPage(context, customer_id, parent)
