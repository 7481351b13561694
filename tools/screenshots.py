"""`make screenshots`: a PNG of each tab and of the settings dialog, on the demo company.

Runs offscreen (QT_QPA_PLATFORM=offscreen) in a throwaway data dir; writes into the folder given
(docs/screenshots by default)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out_dir: str = "docs/screenshots", customers: int = 2000) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RCDESK_DATA_DIR"] = str(Path(tmp) / "data")
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        from rcdesk.cli import main as cli_main
        from rcdesk.ui.app import configure_application

        db = str(Path(tmp) / "demo.db")
        if cli_main(["--db", db, "demo", "--customers", str(customers)]) != 0:
            return 1
        app = QApplication.instance() or QApplication(sys.argv[:1])
        configure_application(app)
        from rcdesk.services.settings import get_company
        from rcdesk.ui.main_window import TABS, MainWindow
        from rcdesk.ui.settings_dialog import CompanySettingsDialog

        window = MainWindow(db, operator="sophie.martin")
        window.resize(1280, 800)
        window.show()
        for index, (key, _title, _module, _cls) in enumerate(TABS):
            window.tabs.setCurrentIndex(index)
            for _ in range(5):
                app.processEvents()
            path = out / f"{index + 1}-{key}.png"
            window.grab().save(str(path))
            print(path)
        dialog = CompanySettingsDialog(get_company(), window)
        dialog.show()
        app.processEvents()
        path = out / "settings.png"
        dialog.grab().save(str(path))
        print(path)
        dialog.close()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))
