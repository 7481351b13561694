"""A tab whose area is not built yet: says so plainly instead of pretending."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ComingSoonTab(QWidget):
    def __init__(self, context, title: str, parent=None):
        super().__init__(parent)
        self.context = context
        label = QLabel(self.tr("<h2>%1</h2><p>Cette partie de rcdesk arrive dans une prochaine "
                               "version.</p>").replace("%1", title))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("comingSoon")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
