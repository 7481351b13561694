"""Starting the window: the QApplication, its French texts, the exception dialog."""

from __future__ import annotations

import os
import sys
import traceback

from rcdesk import APP_NAME, __version__
from rcdesk.logs import log, outline, setup_logging
from rcdesk.paths import default_database, log_file

NO_DISPLAY_MESSAGE = (
    "rcdesk ne trouve pas d'écran : aucune session graphique n'est ouverte (DISPLAY et "
    "WAYLAND_DISPLAY sont vides).\n"
    "Lancez rcdesk depuis le bureau, ou sur un écran virtuel : xvfb-run -a rcdesk\n"
    "Les commandes en ligne (rcdesk info, rcdesk stats --json, ...) marchent sans écran."
)


def has_display() -> bool:
    """False on a Linux machine without X11/Wayland, unless a Qt platform is forced."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def configure_application(app) -> None:
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("rcdesk")
    install_french_translation(app)


def install_french_translation(app) -> None:
    """Qt's own texts in French (Oui/Non/Annuler in standard buttons, dialogs, context menus)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_fr",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)


def install_exception_hook(parent_getter) -> None:
    """Log an unexpected exception with its traceback and show it; the window keeps working.

    A refusal that no dialog caught (ServiceError, ValidationError: a French message, such as
    a write to a read-only database) is shown as it is, as a warning, and is not logged."""
    from rcdesk.core.errors import ServiceError, ValidationError

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if issubclass(exc_type, (ServiceError, ValidationError)):
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(parent_getter(), "rcdesk", str(exc))
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))  # shown, never logged
        log.error("exception inattendue\n%s", outline(exc))  # the message may hold personal data
        show_unexpected_error(parent_getter(), exc, text)

    sys.excepthook = hook


def show_unexpected_error(parent, exc: BaseException, details: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("rcdesk — erreur inattendue")
    box.setText("Une erreur inattendue s'est produite. Votre travail enregistré n'est pas perdu ; "
                "vous pouvez continuer.")
    box.setInformativeText(f"{exc}\n\nLe détail est enregistré dans :\n{log_file()}")
    box.setDetailedText(details)
    box.exec()


def run_gui(target: str | None = None, operator: str | None = None) -> int:
    """Open the main window on target (or the default database). Exit status 2 when refused.

    A database named by --db or RCDESK_DB that does not exist yet is created only if the user
    says so; the default one is created at first start without a question."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication, QMessageBox

    from rcdesk.db import DatabaseOpenError, MissingDatabaseError
    from rcdesk.ui.single_instance import AlreadyOpen, lock_database

    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    named = bool(target or os.environ.get("RCDESK_DB"))  # a name can be mistyped: ask
    target = target or default_database()
    try:
        lock = lock_database(target)
    except AlreadyOpen as exc:
        QMessageBox.warning(None, "rcdesk", str(exc))
        print(str(exc), file=sys.stderr)
        return 2
    from rcdesk.ui.main_window import MainWindow

    try:
        window = MainWindow(target, operator=operator, lock=lock, ask_before_creating=named)
    except MissingDatabaseError as exc:  # the user chose not to create it
        print(str(exc), file=sys.stderr)
        return 2
    except DatabaseOpenError as exc:
        QMessageBox.critical(None, "rcdesk", str(exc))
        print(str(exc), file=sys.stderr)
        return 2
    install_exception_hook(lambda: window)
    window.show()
    return app.exec()
