"""What an empty customer file shows instead of an empty table: how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyFilePanel(QWidget):
    """Three ways to start: create a customer, import a file, or try the demonstration base
    (a separate file: the base in use is left as it is)."""

    create_requested = Signal()
    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("emptyFile")
        text = QLabel(self.tr(
            "<h2>Le fichier client est vide</h2>"
            "<p>Pour commencer :</p>"
            "<ul>"
            "<li><b>créez</b> votre premier client (Ctrl+N) : un nom et un téléphone ou un "
            "e-mail suffisent ;</li>"
            "<li><b>importez</b> la liste que vous avez déjà (CSV ou Excel) : les colonnes "
            "Nom, Prénom, E-mail, Téléphone, Ville… sont reconnues et montrées avec les "
            "premières lignes avant l'import ; les lignes refusées sont rangées dans un "
            "fichier à part ;</li>"
            "<li>ou <b>découvrez rcdesk</b> sur une entreprise fictive : une base de "
            "démonstration à part, votre base reste telle quelle (Fichier ▸ Ouvrir une base "
            "pour y revenir).</li></ul>"), self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setMaximumWidth(720)
        self.create_button = QPushButton(self.tr("&Créer un client…"), self)
        self.create_button.setObjectName("emptyCreate")
        self.create_button.clicked.connect(self.create_requested.emit)
        self.import_button = QPushButton(self.tr("&Importer un fichier…"), self)
        self.import_button.setObjectName("emptyImport")
        self.import_button.clicked.connect(self.import_requested.emit)
        self.demo_button = QPushButton(self.tr("Ouvrir la &démonstration"), self)
        self.demo_button.setObjectName("emptyDemo")
        self.demo_button.clicked.connect(self.demo_requested.emit)
        buttons = QHBoxLayout()
        for button in (self.create_button, self.import_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(1)
