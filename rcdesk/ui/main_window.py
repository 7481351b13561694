"""The main window: one tab per area, the Fichier and Aide menus, window state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk import __version__
from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.db import (
    DatabaseOpenError,
    MissingDatabaseError,
    display_name,
    is_url,
    open_database,
    read_only_reason,
)
from rcdesk.models.base import database_proxy
from rcdesk.paths import default_database
from rcdesk.services.settings import (
    current_operator,
    default_login,
    get_company,
    needs_first_run,
    operator_name,
    set_current_operator,
    use_operator,
)
from rcdesk.ui.context import AppContext, CustomerPage
from rcdesk.ui.single_instance import AlreadyOpen, lock_database


@dataclass(frozen=True)
class TabLine:
    """One area's tab. widget() imports and returns its class, the first time the tab is
    shown (start-up loads no area); customer_page, if the area adds a page to a customer's
    file, is registered when the window is built and imports its module when a file opens."""

    key: str
    title: str
    widget: Callable[[], type[QWidget]]
    customer_page: CustomerPage | None = None


# Each tab class is imported explicitly, inside a function: lazily, for start-up speed.
def _customers() -> type[QWidget]:
    from rcdesk.ui.customers import CustomersTab

    return CustomersTab


def _complaints() -> type[QWidget]:
    from rcdesk.ui.complaints import ComplaintsTab

    return ComplaintsTab


def _complaints_customer_page(context, customer_id, parent=None):
    from rcdesk.ui.complaints.customer_page import make_customer_page

    return make_customer_page(context, customer_id, parent)


def _surveys() -> type[QWidget]:
    from rcdesk.ui.surveys import SurveysTab

    return SurveysTab


def _surveys_customer_page(context, customer_id, parent=None):
    from rcdesk.ui.surveys.customer_page import make_customer_page

    return make_customer_page(context, customer_id, parent)


def _loyalty() -> type[QWidget]:
    from rcdesk.ui.loyalty import LoyaltyTab

    return LoyaltyTab


def _loyalty_customer_page(context, customer_id, parent=None):
    from rcdesk.ui.loyalty.customer_page import make_customer_page

    return make_customer_page(context, customer_id, parent)


def _assessment() -> type[QWidget]:
    from rcdesk.ui.assessment import AssessmentTab

    return AssessmentTab


def _pilotage() -> type[QWidget]:
    from rcdesk.ui.pilotage import PilotageTab

    return PilotageTab


# The tabs in their order: adding an area adds one line here.
TABS = (
    TabLine("customers", "Clients", _customers),
    TabLine("complaints", "Réclamations", _complaints, _complaints_customer_page),
    TabLine("surveys", "Satisfaction", _surveys, _surveys_customer_page),
    TabLine("loyalty", "Fidélité", _loyalty, _loyalty_customer_page),
    TabLine("assessment", "Auto-évaluation", _assessment),
    TabLine("pilotage", "Pilotage", _pilotage),
)
DB_FILTER = "Bases rcdesk (*.db *.sqlite *.rcdesk);;Tous les fichiers (*)"


class _LazyPage(QWidget):
    """Holds a tab's place until it is first shown, then builds the real widget inside."""

    def __init__(self, line: TabLine, parent=None):
        super().__init__(parent)
        self.line = line
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self, context: AppContext) -> QWidget:
        if self.content is None:
            self.content = self.line.widget()(context, self)
            self.layout().addWidget(self.content)
            if self.isVisible():
                self.content.show()  # now, not after the next turn of the event loop
            self.setFocusProxy(self.content)  # the tab's own first field, not this holder
        return self.content


class MainWindow(QMainWindow):
    """ask_before_creating: a target that holds no database yet (a mistyped --db) is created
    only if the user says so; otherwise MissingDatabaseError reaches the caller."""

    DEMO_CUSTOMERS = 500  # the demonstration base's customers (Fichier ▸ Ouvrir la démonstration)

    def __init__(self, target: str | None = None, *, operator: str | None = None,
                 lock=None, settings: QSettings | None = None, ask_before_creating: bool = False,
                 parent=None):
        super().__init__(parent)
        self.settings = settings or QSettings()
        self._lock = lock
        self.target = str(target or default_database())
        self._open_first(ask_before_creating)  # DatabaseOpenError reaches the caller
        self._start_operator(operator)
        # Pages areas add to a customer's file: known from now on, whichever tab is opened.
        self.context = AppContext(self.target, self.settings, self, customer_pages=[
            line.customer_page for line in TABS if line.customer_page is not None])
        self.context.company_changed.connect(self.update_title)
        self.context.demo_requested.connect(self.open_demo)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._pages: dict[str, _LazyPage] = {}
        self._build_tabs()
        for index in range(len(TABS)):  # Ctrl+1 … Ctrl+6: straight to a tab from anywhere
            QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self,
                      activated=lambda index=index: self.tabs.setCurrentIndex(index))
        self._build_menus()
        self.file_label = QLabel()
        self.operator_label = QLabel()
        self.read_only_label = QLabel(self.tr("Lecture seule"))
        self.read_only_label.setObjectName("read_only_label")
        # a failed automatic copy, said until a copy succeeds (services/backups)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backup_failed_label")
        self.backup_label.setStyleSheet("color: #a04000; font-weight: bold;")
        self.statusBar().addWidget(self.file_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.operator_label)
        self._restore_state()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._on_tab_changed(self.tabs.currentIndex())
        self.update_title()
        self._show_access()

    def _open_first(self, ask: bool) -> None:
        try:
            open_database(self.target, create=not ask)
        except MissingDatabaseError as exc:
            if not self.confirm_new_database(str(exc)):
                raise
            open_database(self.target)

    def confirm_new_database(self, why: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Nouvelle base ?"),
            self.tr("%1\n\nCréer une nouvelle base rcdesk, vide, à cet endroit ?\n"
                    "(Non : rien n'est créé ; vérifiez le chemin donné par --db ou RCDESK_DB.)")
            .replace("%1", why),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _show_access(self) -> None:
        """A read-only database (read-only file or folder) is said, and the actions that only
        write are disabled; any other write is refused by the services with a French message."""
        reason = read_only_reason()
        self.read_only_label.setVisible(reason is not None)
        self.read_only_label.setToolTip(reason or "")
        for action in (self.action_settings, self.action_operator, self.action_first_run,
                       self.action_restore):
            action.setEnabled(reason is None)
        if reason is not None:
            QMessageBox.information(self, self.tr("Base en lecture seule"), self.tr(
                "Cette base est en lecture seule : %1.\n\nVous pouvez la consulter et en "
                "tirer des rapports ; les modifications seront refusées. Pour y travailler, "
                "enregistrez-en une copie (Fichier ▸ Enregistrer une copie) et ouvrez-la.")
                .replace("%1", reason))

    # --- tabs -------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        self.tabs.clear()
        self._pages.clear()
        for line in TABS:
            page = _LazyPage(line, self.tabs)
            self._pages[line.key] = page
            title = self.tr(line.title)
            index = self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(index, self.tr("%1 (Ctrl+%2)").replace("%1", title)
                                    .replace("%2", str(index + 1)))

    def _on_tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, _LazyPage):
            content = page.build(self.context)
            focus = QApplication.focusWidget()
            if self.isVisible() and (focus is None or focus is page
                                     or not content.isAncestorOf(focus)):
                page.setFocus()  # shortcuts of the tab (Ctrl+N, Ctrl+F) work at once

    def tab(self, key: str) -> QWidget:
        """The area's tab widget, built if it was not shown yet (tests and shortcuts)."""
        return self._pages[key].build(self.context)

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    # --- menus ------------------------------------------------------------------------

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Fichier"))
        self.action_new = self._action(menu, self.tr("&Nouvelle base…"), self.new_database,
                                       QKeySequence("Ctrl+Shift+N"))
        self.action_open = self._action(menu, self.tr("&Ouvrir une base…"), self.open_database,
                                        QKeySequence.StandardKey.Open)
        self.action_copy = self._action(menu, self.tr("&Enregistrer une copie…"), self.save_copy,
                                        QKeySequence("Ctrl+Shift+S"))
        self.action_restore = self._action(menu, self.tr("&Restaurer une sauvegarde…"),
                                           self.restore_backup)
        menu.addSeparator()
        self.action_settings = self._action(menu, self.tr("&Paramètres de l'entreprise…"),
                                            self.edit_company)
        self.action_operator = self._action(menu, self.tr("&Changer d'opérateur…"),
                                            self.change_operator)
        self.action_first_run = self._action(menu, self.tr("Premier ré&glage…"), self.first_run)
        self.action_demo = self._action(menu, self.tr("Ouvrir la base de &démonstration"),
                                        self.open_demo)
        menu.addSeparator()
        self.action_quit = self._action(menu, self.tr("&Quitter"), self.close,
                                        QKeySequence.StandardKey.Quit)
        help_menu = self.menuBar().addMenu(self.tr("&Aide"))
        self.action_about = self._action(help_menu, self.tr("À &propos de rcdesk"), self.about)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- database ---------------------------------------------------------------------

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Nouvelle base"), self._dialog_dir(),
                                              DB_FILTER)
        if not path:
            return
        if Path(path).exists() and Path(path).stat().st_size > 0:
            QMessageBox.warning(self, self.tr("Nouvelle base"), self.tr(
                "Le fichier « %1 » existe déjà et n'est pas vide : rcdesk ne l'écrase pas. "
                "Utilisez Fichier ▸ Ouvrir une base, ou choisissez un autre nom.").replace("%1", path))
            return
        if self.switch_database(path):
            self.edit_company()

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Ouvrir une base"), self._dialog_dir(),
                                              DB_FILTER)
        if path:
            self.switch_database(path)

    def switch_database(self, target: str, rebuild: bool = False) -> bool:
        """Open another database in this window; on refusal the current one stays open.
        rebuild: the tabs are built again even when target is the base already open."""
        if not is_url(target) and Path(target).resolve() == Path(self.target).resolve():
            if rebuild:
                self._rebuild()
            return True
        try:
            new_lock = lock_database(target)
        except AlreadyOpen as exc:
            QMessageBox.warning(self, "rcdesk", str(exc))
            return False
        previous = database_proxy.obj
        try:
            open_database(target)
        except DatabaseOpenError as exc:
            database_proxy.initialize(previous)
            if new_lock is not None:
                new_lock.unlock()
            QMessageBox.critical(self, self.tr("Ouvrir une base"), str(exc))
            return False
        if previous is not None and previous is not database_proxy.obj:
            previous.close()
        if self._lock is not None:
            self._lock.unlock()
        self._lock = new_lock
        self.target = str(target)
        self.context.target = self.target
        self._use_operator(current_operator())  # known in the new file too
        self.settings.setValue("main/last_database", self.target)
        self._rebuild()
        self._show_access()
        return True

    def _rebuild(self) -> None:
        index = self.tabs.currentIndex()
        self._build_tabs()
        self.tabs.setCurrentIndex(index)
        self._on_tab_changed(index)
        self.update_title()

    def save_copy(self) -> None:
        """A dated copy, proposed in the Documents folder; where it went is confirmed."""
        from PySide6.QtCore import QStandardPaths

        from rcdesk.services.backups import dated_copy_name, write_copy

        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Enregistrer une copie"),
                                              str(Path(documents) / dated_copy_name()), DB_FILTER)
        if not path:
            return
        if not Path(path).suffix:
            path += ".db"
        try:
            # The file dialog has already asked before replacing an existing file.
            dest = write_copy(path, overwrite=True)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Enregistrer une copie"), str(exc))
            return
        QMessageBox.information(self, self.tr("Enregistrer une copie"), self.tr(
            "Copie de la base enregistrée :\n%1\n\nElle s'ouvre avec Fichier ▸ Ouvrir une base, "
            "ou se restaure avec Fichier ▸ Restaurer une sauvegarde.").replace("%1", str(dest)))

    def restore_backup(self) -> None:
        """Fichier ▸ Restaurer une sauvegarde…: pick a copy, confirm, the current base is kept
        aside, the copy takes its place and the window reopens it."""
        from rcdesk.services.backups import read_backup, restore_file
        from rcdesk.ui.backups_dialog import RestoreDialog

        title = self.tr("Restaurer une sauvegarde")
        if is_url(self.target):
            QMessageBox.information(self, title, self.tr(
                "Une base PostgreSQL se restaure par la commande « rcdesk restore SAUVEGARDE "
                "--db ADRESSE », sur le serveur (README, « Sauvegardes »)."))
            return
        dialog = RestoreDialog(self)
        if not dialog.exec() or dialog.chosen() is None:
            return
        info = read_backup(dialog.chosen())
        if info.problem:
            QMessageBox.warning(self, title, self.tr("Cette copie ne peut pas être restaurée : "
                                                     "%1").replace("%1", info.problem))
            return
        answer = QMessageBox.question(self, title, self.tr(
            "Remplacer la base ouverte « %1 » par la sauvegarde du %2 (%3) ?\n\nLa base "
            "actuelle est d'abord gardée à côté d'elle.")
            .replace("%1", Path(self.target).name).replace("%2", info.day.strftime("%d/%m/%Y"))
            .replace("%3", info.summary()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        database_proxy.obj.close()
        try:
            aside = restore_file(info.path, self.target)
        except ServiceError as exc:
            self._reopen()
            QMessageBox.warning(self, title, str(exc))
            return
        self._reopen()
        QMessageBox.information(self, title, self.tr(
            "Sauvegarde du %1 restaurée.\n\nLa base d'avant est gardée ici :\n%2")
            .replace("%1", info.day.strftime("%d/%m/%Y")).replace("%2", str(aside)))

    def _reopen(self) -> None:
        """The same target opened again (after a restore) and every tab rebuilt on it."""
        open_database(self.target)
        self._use_operator(current_operator())
        index = self.tabs.currentIndex()
        self._build_tabs()
        self.tabs.setCurrentIndex(index)
        self._on_tab_changed(index)
        self.update_title()
        self._show_access()

    def _dialog_dir(self) -> str:
        return str(Path(self.target).parent) if not is_url(self.target) else str(Path.home())

    # --- company, operator, about ----------------------------------------------------------

    def edit_company(self) -> bool:
        from rcdesk.ui.settings_dialog import CompanySettingsDialog

        dialog = CompanySettingsDialog(get_company(), self)
        if dialog.exec():
            self.context.company_changed.emit()
            return True
        return False

    def first_run(self):
        """The short set-up (company, country, signature), window-modal; returns the dialog."""
        from rcdesk.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(get_company(), self)
        dialog.accepted.connect(self.context.company_changed.emit)
        dialog.accepted.connect(self._show_operator)
        dialog.open()
        return dialog

    def offer_first_run(self):
        """On a base whose company has no name (and that can be written): the set-up."""
        if read_only_reason() is None and needs_first_run():
            return self.first_run()
        return None

    def open_demo(self) -> bool:
        """The demonstration base, in its own file (rcdesk.ui.first_run.open_demo)."""
        from rcdesk.ui.first_run import open_demo

        return open_demo(self, self.DEMO_CUSTOMERS)

    def change_operator(self) -> bool:
        from rcdesk.ui.operator_dialog import OperatorDialog

        dialog = OperatorDialog(current_operator(), self)
        if not dialog.exec():
            return False
        self._operator_changed()
        return True

    def set_operator(self, login: str) -> None:
        set_current_operator(login)
        self._operator_changed()

    def _operator_changed(self) -> None:
        self.settings.setValue("operator/last", current_operator())
        self.context.operator_changed.emit(current_operator())
        self._show_operator()

    def _start_operator(self, operator: str | None) -> None:
        remembered = self.settings.value("operator/last", "", type=str)
        try:
            self._use_operator(operator or remembered or default_login())
        except ValidationError:
            self._use_operator(default_login())

    def _use_operator(self, login: str) -> None:
        """The operator recorded in the file, or only in memory when it is read-only."""
        (use_operator if read_only_reason() else set_current_operator)(login)

    def _show_operator(self) -> None:
        login = current_operator()
        name = operator_name(login)
        shown = login if name == login else f"{name} ({login})"
        self.operator_label.setText(self.tr("Opérateur : %1").replace("%1", shown))

    def about(self) -> None:
        QMessageBox.about(self, self.tr("À propos de rcdesk"), self.tr(
            "<h3>rcdesk %1</h3><p>La relation client hors ligne pour les petites entreprises : "
            "fichier client, réclamations, satisfaction, fidélité, charte d'engagements et "
            "auto-évaluation.</p><p>Base ouverte : %2</p>")
            .replace("%1", __version__).replace("%2", display_name(self.target)))

    def update_title(self) -> None:
        name = get_company().name or self.tr("Entreprise sans nom")
        shown = display_name(self.target) if is_url(self.target) else Path(self.target).name
        if read_only_reason():
            shown += self.tr(" (lecture seule)")
        self.setWindowTitle(f"{name} — {shown} — rcdesk")
        self.file_label.setText(display_name(self.target))
        self._show_operator()
        self._show_backup_failure()

    def _show_backup_failure(self) -> None:
        from rcdesk.services.backups import backup_failure

        failure = backup_failure()
        self.backup_label.setVisible(bool(failure))
        self.backup_label.setText(self.tr("⚠ Dernière sauvegarde automatique échouée")
                                  if failure else "")
        self.backup_label.setToolTip(failure or "")

    # --- window state ---------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        last = self.settings.value("main/last_tab", 0, type=int)
        if 0 <= last < self.tabs.count():
            self.tabs.setCurrentIndex(last)

    def _automatic_backup(self) -> None:
        """The day's copy of a SQLite base on closing (services/backups); closing never waits
        on a question: a failure is logged and recorded in the base, and the status bar says it
        at the next start (with the reason in its tooltip) until a copy succeeds."""
        from rcdesk.logs import log
        from rcdesk.services.backups import auto_backup

        try:
            made = auto_backup()
        except Exception as exc:  # noqa: BLE001 - closing never fails on a copy
            log.warning("automatic backup failed: %s", type(exc).__name__)
            return
        if made is not None:
            log.info("automatic backup written")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/last_tab", self.tabs.currentIndex())
        self.settings.sync()
        db = database_proxy.obj
        if db is not None and not db.is_closed():
            self._automatic_backup()
            db.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        super().closeEvent(event)
