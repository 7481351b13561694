"""The organisation selector of the diagnosis page, with its actions: new, rename, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from rcdesk.services.assessment import orgs as orgs

IS_OWN_ROLE = Qt.ItemDataRole.UserRole + 1


class OrganisationBar(QWidget):
    """Label, combo box and three buttons. The same three actions sit on the combo box: its
    context menu, and F2 (rename) / Suppr (delete) / Ctrl+Maj+N (new) while it has the focus.
    The page connects the actions; this widget only shows the organisations."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("organisation")
        # a long client name must not widen the whole tab: the list shows it in full
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        label = QLabel(self.tr("&Organisation :"))
        label.setBuddy(self.combo)

        self.new_action = self._action(self.tr("Nouvelle organisation…"), "newOrganisation",
                                       QKeySequence("Ctrl+Shift+N"),
                                       self.tr("Ajouter une organisation cliente à évaluer"))
        self.rename_action = self._action(self.tr("Renommer l'organisation…"),
                                          "renameOrganisation", QKeySequence(Qt.Key.Key_F2),
                                          self.tr("Renommer l'organisation choisie"))
        self.delete_action = self._action(self.tr("Supprimer l'organisation…"),
                                          "deleteOrganisation",
                                          QKeySequence(QKeySequence.StandardKey.Delete),
                                          self.tr("Supprimer l'organisation choisie et ses "
                                                  "évaluations"))
        self.combo.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.new_button = self._button(self.tr("Nouvelle…"), self.new_action)
        self.rename_button = self._button(self.tr("Renommer…"), self.rename_action)
        self.delete_button = self._button(self.tr("Supprimer…"), self.delete_action)
        self.delete_button.setObjectName("deleteOrganisationButton")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (label, self.combo, self.new_button, self.rename_button,
                       self.delete_button):
            layout.addWidget(widget, 1 if widget is self.combo else 0)
        layout.addStretch(0)
        # free room in the row goes to the name, up to a readable width
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setMaximumWidth(520)
        QWidget.setTabOrder(self.combo, self.new_button)
        QWidget.setTabOrder(self.new_button, self.rename_button)
        QWidget.setTabOrder(self.rename_button, self.delete_button)

    def _action(self, text: str, name: str, key: QKeySequence, tip: str) -> QAction:
        action = QAction(text, self.combo)
        action.setObjectName(name)
        action.setShortcut(key)
        # the selector itself, not its open list: there the highlighted row is not yet chosen
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(f"{tip} ({key.toString(QKeySequence.SequenceFormat.NativeText)})")
        self.combo.addAction(action)
        return action

    def _button(self, text: str, action: QAction) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(action.toolTip())
        button.setAutoDefault(True)  # Enter presses the focused button, like Space
        button.clicked.connect(action.trigger)
        return button

    # --- what is shown -----------------------------------------------------------------

    def fill(self, select: int | None = None) -> None:
        """The organisations, own company first, without emitting; select (or the first)."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for org in orgs.list_organisations():
            self.combo.addItem(self.label(org), org.id)
            last = self.combo.count() - 1
            self.combo.setItemData(last, org.is_own, IS_OWN_ROLE)
            if org.is_own:
                self.combo.setItemData(last, self.tr("Votre entreprise : son nom vient des "
                                                     "paramètres de l'entreprise et elle ne "
                                                     "peut pas être supprimée."),
                                       Qt.ItemDataRole.ToolTipRole)
        index = self.combo.findData(select) if select is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)

    def label(self, org: orgs.OrganisationInfo) -> str:
        return org.name + (self.tr(" (votre entreprise)") if org.is_own else "")

    def show_own_name(self) -> None:
        """The own company's name follows the profile."""
        own = orgs.own_organisation()
        index = self.combo.findData(own.id)
        if index >= 0:
            self.combo.setItemText(index, self.label(own))

    def current_id(self) -> int | None:
        return self.combo.currentData()

    def current_is_own(self) -> bool:
        return bool(self.combo.currentData(IS_OWN_ROLE))

    def current_name(self) -> str:
        """The name without the "(votre entreprise)" mark."""
        text = self.combo.currentText()
        suffix = self.tr(" (votre entreprise)")
        return text[:-len(suffix)] if self.current_is_own() and text.endswith(suffix) else text
