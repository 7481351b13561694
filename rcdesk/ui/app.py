"""Starting the window: the QApplication, the single-instance lock, the exception dialog."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import traceback
from pathlib import Path

from rcdesk import APP_NAME, __version__
from rcdesk.logs import outline, setup_logging
from rcdesk.paths import data_dir, default_database, log_file

log = logging.getLogger("rcdesk")

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


def lock_path_for(target: str) -> Path:
    """One lock file per database file, kept in the data dir (never beside the user's file)."""
    key = hashlib.sha1(str(Path(target).expanduser().resolve()).encode()).hexdigest()[:16]
    folder = data_dir() / "locks"
    folder.mkdir(exist_ok=True)
    return folder / f"{key}.lock"


def install_exception_hook(parent_getter) -> None:
    """Log an unexpected exception with its traceback and show it; the window keeps working."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
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
    """Open the main window on target (or the default database). Exit status 2 when refused."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QApplication, QMessageBox

    from rcdesk.db import DatabaseOpenError, is_url

    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    target = target or default_database()
    lock = None
    if not is_url(target):
        lock = QLockFile(str(lock_path_for(target)))
        lock.setStaleLockTime(0)
        if not lock.tryLock(100):
            QMessageBox.warning(None, "rcdesk", already_open_message(target))
            print(already_open_message(target), file=sys.stderr)
            return 2
    from rcdesk.ui.main_window import MainWindow

    try:
        window = MainWindow(target, operator=operator, lock=lock)
    except DatabaseOpenError as exc:
        QMessageBox.critical(None, "rcdesk", str(exc))
        print(str(exc), file=sys.stderr)
        return 2
    install_exception_hook(lambda: window)
    if os.environ.get("RCDESK_QUIT_AFTER_PAINT"):
        quit_after_first_paint(window)
    window.show()
    return app.exec()


def quit_after_first_paint(window) -> None:
    """benchmarks/startup.py: leave the event loop once the window has painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Watcher(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, QApplication.instance().quit)
            return False

    from PySide6.QtWidgets import QApplication

    window._paint_watcher = _Watcher(window)
    window.installEventFilter(window._paint_watcher)


def already_open_message(target: str) -> str:
    return (f"La base « {target} » est déjà ouverte dans une autre fenêtre de rcdesk sur cet "
            "ordinateur. Fermez-la d'abord, ou ouvrez un autre fichier.")
