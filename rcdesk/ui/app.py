"""Starting the window: the QApplication, its French texts, the exception dialog."""

from __future__ import annotations

import os
import sys
import traceback

from rcdesk import APP_NAME, __version__
from rcdesk.logs import log, outline, setup_logging
from rcdesk.paths import default_database, log_file

NO_DISPLAY_MESSAGE = (
    "rcdesk ne trouve pas d'écran : %s.\n"
    "Lancez rcdesk depuis le bureau, ou sur un écran virtuel, depuis le dossier de rcdesk :\n"
    "    xvfb-run -a make run\n"
    "(xvfb-run vient du paquet Debian xvfb : apt-get install xvfb xauth ; hors du dossier : "
    "xvfb-run -a rcdesk).\n"
    "Les commandes en ligne (rcdesk info, rcdesk stats --json, ...) marchent sans écran."
)


def display_problem(environ=None) -> str | None:
    """Why Qt would find no screen on this Linux machine (in French), or None.

    No DISPLAY nor WAYLAND_DISPLAY; or a DISPLAY left from a closed session (its X server's
    socket is gone) with no Wayland socket either: checked here, before Qt aborts in English.
    A forced Qt platform (QT_QPA_PLATFORM) is trusted."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    display, wayland = env.get("DISPLAY", ""), env.get("WAYLAND_DISPLAY", "")
    if not display and not wayland:
        return "aucune session graphique n'est ouverte (DISPLAY et WAYLAND_DISPLAY sont vides)"
    if wayland:
        runtime = env.get("XDG_RUNTIME_DIR", "")
        socket = wayland if os.path.isabs(wayland) else os.path.join(runtime, wayland)
        if os.path.exists(socket):
            return None
    if display and _x_server_answers(display):
        return None
    shown = f"DISPLAY={display}" if display else f"WAYLAND_DISPLAY={wayland}"
    return f"l'écran {shown} ne répond pas (une session fermée, ou un écran virtuel arrêté)"


def _x_server_answers(display: str) -> bool:
    """Whether the X server DISPLAY names accepts a connection (":1" local socket,
    "host:0" TCP port 6000, "/path/to/socket:0" as given by some systems)."""
    import re
    import socket

    match = re.fullmatch(r"(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?", display)
    if match is None:
        return False
    host, number = match["host"], int(match["number"])
    try:
        if not host or host == "unix" or host.startswith("/"):
            path = host if host.startswith("/") else f"/tmp/.X11-unix/X{number}"
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(1.0)
                s.connect(path)
            return True
        with socket.create_connection((host, 6000 + number), timeout=1.0):
            return True
    except OSError:
        return False


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
    problem = display_problem()
    if problem is not None:
        print(NO_DISPLAY_MESSAGE % problem, file=sys.stderr)
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
    window.offer_first_run()  # a new base: the company's name, country and signature
    return app.exec()
